/* Rotation: touches land where the rotated picture was drawn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kiosk/geom.h"

static void geom_sideways_panels_swap_width_and_height(void **state)
{
	(void)state;
	int lw, lh;
	geom_logical_size(90, 1280, 800, &lw, &lh);
	assert_int_equal(lw, 800);
	assert_int_equal(lh, 1280);
	geom_logical_size(180, 1280, 800, &lw, &lh);
	assert_int_equal(lw, 1280);
	assert_int_equal(lh, 800);
}

static void geom_clockwise_90_puts_the_top_left_corner_at_the_top_right(void **state)
{
	(void)state;
	int px, py;
	/* 800x1280 picture on a 1280x800 panel */
	geom_to_panel(90, 800, 1280, 0, 0, &px, &py);
	assert_int_equal(px, 1279);
	assert_int_equal(py, 0);
	geom_to_panel(90, 800, 1280, 799, 1279, &px, &py);
	assert_int_equal(px, 0);
	assert_int_equal(py, 799);
	geom_to_panel(270, 800, 1280, 0, 0, &px, &py);
	assert_int_equal(px, 0);
	assert_int_equal(py, 799);
	geom_to_panel(180, 1280, 800, 0, 0, &px, &py);
	assert_int_equal(px, 1279);
	assert_int_equal(py, 799);
}

static void geom_from_panel_inverts_to_panel_for_every_rotation(void **state)
{
	(void)state;
	int rots[] = {0, 90, 180, 270};
	for (int r = 0; r < 4; r++) {
		int lw, lh;
		geom_logical_size(rots[r], 640, 400, &lw, &lh);
		for (int y = 0; y < lh; y += 37) {
			for (int x = 0; x < lw; x += 41) {
				int px, py, bx, by;
				geom_to_panel(rots[r], lw, lh, x, y, &px, &py);
				assert_in_range(px, 0, 639);
				assert_in_range(py, 0, 399);
				geom_from_panel(rots[r], lw, lh, px, py, &bx, &by);
				assert_int_equal(bx, x);
				assert_int_equal(by, y);
			}
		}
	}
}

static void geom_accepts_only_right_angles(void **state)
{
	(void)state;
	assert_true(geom_rotation_valid(0));
	assert_true(geom_rotation_valid(270));
	assert_false(geom_rotation_valid(45));
	assert_false(geom_rotation_valid(360));
	assert_false(geom_rotation_valid(-90));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(geom_sideways_panels_swap_width_and_height),
		cmocka_unit_test(geom_clockwise_90_puts_the_top_left_corner_at_the_top_right),
		cmocka_unit_test(geom_from_panel_inverts_to_panel_for_every_rotation),
		cmocka_unit_test(geom_accepts_only_right_angles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
