/* Widgets and text fitting, measured with a fake font of known widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fake_text.h"
#include "kiosk/draw.h"
#include "kiosk/ui.h"

static struct draw_list dl;

static struct ui make_ui(bool rtl)
{
	draw_list_clear(&dl);
	return (struct ui){
		.dl = &dl, .text = &fake_text, .theme = &ui_theme_default, .ppmm = 5.0f, .w = 1000, .h = 600,
		.rtl = rtl, .dir = rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR, .pressed = "", .focused = "",
	};
}

static int text_lines(void)
{
	int n = 0;
	for (int i = 0; i < dl.ncmd; i++)
		n += dl.cmd[i].kind == DRAW_TEXT;
	return n;
}

static const struct draw_cmd *text_cmd(int k)
{
	for (int i = 0; i < dl.ncmd; i++) {
		if (dl.cmd[i].kind == DRAW_TEXT && k-- == 0)
			return &dl.cmd[i];
	}
	return NULL;
}

static void ui_text_keeps_its_size_when_it_fits(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 10, .min_mm = 4};
	/* 50 px font: "Hello" is 5 * 30 = 150 px */
	assert_true(ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "Hello", &st));
	assert_int_equal(text_lines(), 1);
	assert_int_equal(text_cmd(0)->px, 50);
	assert_int_equal(dl.overflow, 0);
}

static void ui_text_wraps_at_spaces_before_shrinking(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 10, .min_mm = 4};
	/* 50 px: "aaaa bbbb" is 270 px, a box of 200 x 130 takes two lines of 62 px */
	assert_true(ui_text(&u, (struct ui_rect){0, 0, 200, 130}, "aaaa bbbb", &st));
	assert_int_equal(text_lines(), 2);
	assert_int_equal(text_cmd(0)->px, 50);
	assert_int_equal(text_cmd(0)->len, 4);
	assert_memory_equal(dl.text + text_cmd(1)->text, "bbbb", 4);
	assert_int_equal(text_cmd(1)->r.y - text_cmd(0)->r.y, 62);
}

static void ui_text_shrinks_until_it_fits(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 10, .min_mm = 2};
	/* One line of 20 px height: a 20-letter word must shrink to <= 16 px (16 * 1.25 = 20) */
	assert_true(ui_text(&u, (struct ui_rect){0, 0, 300, 20}, "abcdefghijabcdefghij", &st));
	const struct draw_cmd *c = text_cmd(0);
	assert_non_null(c);
	assert_true(c->px <= 16);
	assert_true(20 * c->px * 6 / 10 <= 300);
	assert_int_equal(dl.overflow, 0);
}

static void ui_text_counts_an_overflow_when_even_the_smallest_size_is_too_big(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 10, .min_mm = 8};
	assert_false(ui_text(&u, (struct ui_rect){0, 0, 100, 20}, "far too much text for this tiny box", &st));
	assert_int_equal(dl.overflow, 1);
	assert_string_equal(dl.overflow_what, "far too much text for this tiny box");
}

static void ui_text_honours_hard_line_breaks(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 4, .min_mm = 4};
	assert_true(ui_text(&u, (struct ui_rect){0, 0, 900, 200}, "one\ntwo", &st));
	assert_int_equal(text_lines(), 2);
}

static void ui_mirrors_rectangles_and_alignment_for_rtl(void **state)
{
	(void)state;
	struct ui u = make_ui(true);
	ui_fill(&u, (struct ui_rect){10, 20, 100, 50}, 0xFF0000FF, 0);
	assert_int_equal(dl.cmd[0].r.x, 1000 - 10 - 100);
	assert_int_equal(dl.cmd[0].r.y, 20);
	struct ui_text_style st = {.size_mm = 4, .min_mm = 4, .align = DRAW_ALIGN_START};
	ui_text(&u, (struct ui_rect){0, 0, 300, 100}, "start", &st);
	const struct draw_cmd *c = text_cmd(0);
	assert_int_equal(c->align, DRAW_ALIGN_END);
	assert_int_equal(c->r.x, 700);
	assert_int_equal(c->dir, DRAW_DIR_RTL);
	ui_target(&u, (struct ui_rect){0, 0, 100, 100}, "t", 1, 0);
	assert_int_equal(dl.target[0].r.x, 900);
}

static void ui_hit_finds_the_topmost_target_and_modal_layers_cover_the_rest(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	ui_target(&u, (struct ui_rect){0, 0, 1000, 600}, "below", 1, 0);
	ui_target(&u, (struct ui_rect){100, 100, 100, 100}, "button", 2, 0);
	assert_string_equal(draw_list_hit(&dl, 150, 150)->id, "button");
	assert_string_equal(draw_list_hit(&dl, 50, 50)->id, "below");
	ui_modal(&u);
	ui_target(&u, (struct ui_rect){400, 400, 100, 100}, "dialog", 3, 0);
	assert_null(draw_list_hit(&dl, 150, 150));
	assert_string_equal(draw_list_hit(&dl, 450, 450)->id, "dialog");
	assert_null(draw_list_hit(&dl, 1000, 600));
}

static void ui_button_shows_pressed_state_with_another_colour(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	ui_button(&u, (struct ui_rect){0, 0, 200, 100}, "ok", 1, 0, "OK", UI_BUTTON_PRIMARY);
	uint32_t normal = dl.cmd[0].color;
	u = make_ui(false);
	u.pressed = "ok";
	ui_button(&u, (struct ui_rect){0, 0, 200, 100}, "ok", 1, 0, "OK", UI_BUTTON_PRIMARY);
	assert_int_not_equal(dl.cmd[0].color, normal);
	assert_string_equal(dl.target[0].id, "ok");
}

static void ui_list_pages_through_items_and_clamps_the_page(void **state)
{
	(void)state;
	const char *labels[] = {"a", "b", "c", "d", "e", "f", "g"};
	const char *ids[] = {"i.0", "i.1", "i.2", "i.3", "i.4", "i.5", "i.6"};
	struct ui_list l = {labels, ids, 7, -1, 10, 11, "up", "down"};
	struct ui u = make_ui(false);
	int page = 0;
	/* 5 px/mm: items 85 px + 12 gap: a 300 px list holds 3 */
	int pages = ui_list(&u, (struct ui_rect){0, 0, 600, 300}, &l, &page);
	assert_int_equal(pages, 3);
	assert_non_null(draw_list_find(&dl, "i.0"));
	assert_non_null(draw_list_find(&dl, "i.2"));
	assert_null(draw_list_find(&dl, "i.3"));
	assert_null(draw_list_find(&dl, "up"));
	assert_non_null(draw_list_find(&dl, "down"));
	u = make_ui(false);
	page = 9;
	ui_list(&u, (struct ui_rect){0, 0, 600, 300}, &l, &page);
	assert_int_equal(page, 2);
	assert_non_null(draw_list_find(&dl, "i.6"));
	assert_null(draw_list_find(&dl, "down"));
	assert_non_null(draw_list_find(&dl, "up"));
}

static void ui_draw_list_reports_running_out_of_room(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	for (int i = 0; i < DRAW_MAX_CMDS + 1; i++)
		ui_fill(&u, (struct ui_rect){0, 0, 1, 1}, 0, 0);
	assert_true(dl.full);
	assert_int_equal(dl.ncmd, DRAW_MAX_CMDS);
}

static void ui_text_lines_drawn_over_each_other_are_found_unless_a_modal_covers_them(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 4, .min_mm = 4};
	ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "left", &st);
	ui_text(&u, (struct ui_rect){420, 0, 400, 100}, "right", &st);
	int a, b;
	assert_false(draw_list_text_overlap(&dl, &a, &b));
	ui_text(&u, (struct ui_rect){300, 10, 400, 100}, "across", &st);
	assert_true(draw_list_text_overlap(&dl, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 2);
	/* A dialog over the screen is not an overlap. */
	u = make_ui(false);
	ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "screen", &st);
	ui_modal(&u);
	ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "dialog", &st);
	assert_false(draw_list_text_overlap(&dl, &a, &b));
}

static void ui_boxes_that_hide_part_of_a_text_line_are_found_but_backgrounds_are_not(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	struct ui_text_style st = {.size_mm = 4, .min_mm = 4};
	int a, b;
	/* A button: its background holds the label whole. */
	ui_button(&u, (struct ui_rect){0, 0, 400, 120}, "b", 1, 0, "Label", UI_BUTTON_PRIMARY);
	assert_false(draw_list_text_overlap(&dl, &a, &b));
	/* A code drawn into the text's column, even before the text. */
	int before = dl.ncmd;
	ui_qr(&u, (struct ui_rect){300, 200, 200, 200}, "A017 2026-11-22", 2, 0x000000FF, 0xFFFFFFFF);
	ui_text(&u, (struct ui_rect){0, 250, 400, 100}, "A017", &st);
	assert_true(draw_list_text_overlap(&dl, &a, &b));
	assert_true(a >= before && a < b);
	assert_int_equal(dl.cmd[b].kind, DRAW_TEXT);
	/* A box drawn over a line it holds whole hides it too. */
	u = make_ui(false);
	ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "under", &st);
	ui_fill(&u, (struct ui_rect){0, 0, 500, 200}, 0x000000FF, 0);
	assert_true(draw_list_text_overlap(&dl, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	/* Beside each other is fine. */
	u = make_ui(false);
	ui_qr(&u, (struct ui_rect){420, 0, 200, 200}, "A017", 2, 0x000000FF, 0xFFFFFFFF);
	ui_text(&u, (struct ui_rect){0, 0, 400, 200}, "A017", &st);
	assert_false(draw_list_text_overlap(&dl, &a, &b));
}

static void ui_image_appends_one_image_command_with_its_box_and_path(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	ui_text(&u, (struct ui_rect){0, 0, 400, 100}, "Before", &(struct ui_text_style){.size_mm = 4, .min_mm = 4});
	int n = dl.ncmd;
	uint32_t text_before = dl.ntext;
	ui_image(&u, (struct ui_rect){40, 120, 300, 200}, "assets/guides/images/sim-card.svg");
	assert_int_equal(dl.ncmd, n + 1);
	const struct draw_cmd *c = &dl.cmd[n];
	assert_int_equal(c->kind, DRAW_IMAGE);
	assert_int_equal(c->r.x, 40);
	assert_int_equal(c->r.y, 120);
	assert_int_equal(c->r.w, 300);
	assert_int_equal(c->r.h, 200);
	assert_int_equal(c->text, text_before);
	assert_int_equal(c->len, strlen("assets/guides/images/sim-card.svg"));
	assert_memory_equal(draw_cmd_text(&dl, c), "assets/guides/images/sim-card.svg", c->len);
	assert_int_equal(dl.ntext, text_before + c->len);
	assert_false(dl.full);
}

static void ui_image_moves_its_box_for_rtl_without_other_changes(void **state)
{
	(void)state;
	struct ui u = make_ui(true);
	ui_image(&u, (struct ui_rect){40, 120, 300, 200}, "a.png");
	assert_int_equal(dl.cmd[0].kind, DRAW_IMAGE);
	assert_int_equal(dl.cmd[0].r.x, 1000 - 40 - 300);
	assert_int_equal(dl.cmd[0].r.w, 300);
}

static void ui_image_reports_a_full_draw_list_and_adds_nothing(void **state)
{
	(void)state;
	struct ui u = make_ui(false);
	for (int i = 0; i < DRAW_MAX_CMDS; i++)
		ui_fill(&u, (struct ui_rect){0, 0, 1, 1}, 0, 0);
	assert_false(dl.full);
	ui_image(&u, (struct ui_rect){0, 0, 10, 10}, "a.svg");
	assert_true(dl.full);
	assert_int_equal(dl.ncmd, DRAW_MAX_CMDS);
	assert_int_equal(dl.ntext, 0);

	/* No room left for the path: nothing is appended either. */
	u = make_ui(false);
	dl.ntext = DRAW_MAX_TEXT - 3;
	ui_image(&u, (struct ui_rect){0, 0, 10, 10}, "a.svg");
	assert_true(dl.full);
	assert_int_equal(dl.ncmd, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ui_text_keeps_its_size_when_it_fits),
		cmocka_unit_test(ui_text_wraps_at_spaces_before_shrinking),
		cmocka_unit_test(ui_text_shrinks_until_it_fits),
		cmocka_unit_test(ui_text_counts_an_overflow_when_even_the_smallest_size_is_too_big),
		cmocka_unit_test(ui_text_honours_hard_line_breaks),
		cmocka_unit_test(ui_mirrors_rectangles_and_alignment_for_rtl),
		cmocka_unit_test(ui_hit_finds_the_topmost_target_and_modal_layers_cover_the_rest),
		cmocka_unit_test(ui_button_shows_pressed_state_with_another_colour),
		cmocka_unit_test(ui_list_pages_through_items_and_clamps_the_page),
		cmocka_unit_test(ui_draw_list_reports_running_out_of_room),
		cmocka_unit_test(ui_text_lines_drawn_over_each_other_are_found_unless_a_modal_covers_them),
		cmocka_unit_test(ui_boxes_that_hide_part_of_a_text_line_are_found_but_backgrounds_are_not),
		cmocka_unit_test(ui_image_appends_one_image_command_with_its_box_and_path),
		cmocka_unit_test(ui_image_moves_its_box_for_rtl_without_other_changes),
		cmocka_unit_test(ui_image_reports_a_full_draw_list_and_adds_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
