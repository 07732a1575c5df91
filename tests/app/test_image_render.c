/*
 * Illustrations through the real renderer (kiosk/render.c, DRAW_IMAGE): an
 * SVG of the guides rasterised into its box, keeping its proportions and
 * centred, with nothing drawn outside the box; a PNG stretched the same way;
 * the same picture on a panel mounted sideways, read back from a screenshot;
 * a file that is missing or not a picture draws nothing, once logged, never
 * read again; a redraw reads no file. Also reports how long the first draw
 * of a 300 x 300 picture (rasterising) and a cached redraw take.
 */
#define _XOPEN_SOURCE 700 /* nftw(3) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <SDL2/SDL_image.h>

#include "kiosk/draw.h"
#include "kiosk/geom.h"
#include "kiosk/ui.h"
#include "pngout.h"
#include "render.h"
#include "temp_dir.h"

#define SIM_CARD KIOSK_SOURCE_DIR "/assets/guides/images/sim-card.svg"
#define BG 0xF4F1EAFFu     /* the theme's background */
#define SVG_RED 0xA4262Cu  /* the crossed-out circle in sim-card.svg */
#define SVG_INK 0x1A1A1Au  /* its outlines */
#define W 640
#define H 480
/* sim-card.svg is 240 x 240: in a 400 x 300 box it is drawn 300 x 300, 50 px in. */
#define BOX ((struct ui_rect){120, 90, 400, 300})
#define PIC ((struct ui_rect){170, 90, 300, 300})

static struct draw_list dl;

/* A screen's background, then one picture. */
static void one_image(struct ui_rect r, const char *path)
{
	draw_list_clear(&dl);
	struct ui u = {.dl = &dl, .theme = &ui_theme_default, .ppmm = 5.0f, .w = W, .h = H};
	ui_fill(&u, (struct ui_rect){0, 0, W, H}, BG, 0);
	ui_image(&u, r, path);
	assert_false(dl.full);
}

static SDL_Surface *new_surface(void)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(s);
	return s;
}

/* No text is drawn here, so no text engine is needed. */
static struct renderer *surface_renderer(SDL_Surface *s)
{
	char why[160] = "";
	struct renderer *rd = renderer_create_for_surface(s, NULL, why, sizeof(why));
	if (!rd)
		fail_msg("renderer: %s", why);
	return rd;
}

static uint32_t rgb_at(const SDL_Surface *s, int x, int y)
{
	uint32_t p = ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
	Uint8 r, g, b;
	SDL_GetRGB(p, s->format, &r, &g, &b);
	return (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

static bool near(uint32_t a, uint32_t b, int tol)
{
	for (int sh = 0; sh <= 16; sh += 8) {
		int d = (int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF);
		if (d < -tol || d > tol)
			return false;
	}
	return true;
}

struct census {
	int red, ink; /* pixels of these colours inside the picture */
	int red_x0, red_y0, red_x1, red_y1; /* where the red lies */
	int stray;    /* pixels outside the picture that are not background */
	int stray_x, stray_y;
};

static struct census count_pixels(const SDL_Surface *s, struct ui_rect pic)
{
	struct census c = {.red_x0 = INT32_MAX, .red_y0 = INT32_MAX, .red_x1 = -1, .red_y1 = -1};
	for (int y = 0; y < s->h; y++) {
		for (int x = 0; x < s->w; x++) {
			uint32_t p = rgb_at(s, x, y);
			if (!draw_rect_contains(pic, x, y)) {
				if (p != BG >> 8 && c.stray++ == 0) {
					c.stray_x = x;
					c.stray_y = y;
				}
				continue;
			}
			c.ink += near(p, SVG_INK, 16);
			if (near(p, SVG_RED, 16)) {
				c.red++;
				c.red_x0 = x < c.red_x0 ? x : c.red_x0;
				c.red_y0 = y < c.red_y0 ? y : c.red_y0;
				c.red_x1 = x > c.red_x1 ? x : c.red_x1;
				c.red_y1 = y > c.red_y1 ? y : c.red_y1;
			}
		}
	}
	return c;
}

static void svg_is_drawn_fitted_and_centred_in_its_box_and_nowhere_else(void **state)
{
	(void)state;
	SDL_Surface *s = new_surface();
	struct renderer *rd = surface_renderer(s);
	one_image(BOX, SIM_CARD);
	assert_true(renderer_draw(rd, &dl, NULL));
	struct census c = count_pixels(s, PIC);
	if (c.stray)
		fail_msg("%d pixels outside the picture are not background, first at (%d, %d)", c.stray, c.stray_x,
			 c.stray_y);
	/* The ring is 14 wide at radius 46 and the bar 14 wide: over 3000 px at 1.25x. */
	assert_true(c.red > 3000);
	assert_true(c.ink > 1000);
	/* The red (ring and bar, 119..225 in the SVG's 240) scaled by 1.25 and moved to the picture:
	 * the drawing keeps its proportions and its left and right. */
	assert_in_range(c.red_x0, 170 + 148 - 3, 170 + 148 + 3);
	assert_in_range(c.red_x1, 170 + 281 - 3, 170 + 281 + 3);
	assert_in_range(c.red_y0, 90 + 148 - 3, 90 + 148 + 3);
	assert_in_range(c.red_y1, 90 + 281 - 3, 90 + 281 + 3);
	assert_true(near(rgb_at(s, 170 + 215, 90 + 215), SVG_RED, 16)); /* the centre, on the bar */
	struct render_stats st = renderer_stats(rd);
	assert_int_equal(st.image_loads, 1);
	assert_int_equal(st.images, 1);
	assert_int_equal(st.image_failures, 0);
	renderer_destroy(rd);
	SDL_FreeSurface(s);
}

static void a_redraw_reads_no_file_and_a_new_size_is_rasterised_anew(void **state)
{
	(void)state;
	SDL_Surface *s = new_surface();
	struct renderer *rd = surface_renderer(s);
	one_image(BOX, SIM_CARD);
	for (int i = 0; i < 3; i++)
		assert_true(renderer_draw(rd, &dl, NULL));
	assert_int_equal(renderer_stats(rd).image_loads, 1);
	one_image((struct ui_rect){0, 0, 120, 120}, SIM_CARD);
	assert_true(renderer_draw(rd, &dl, NULL));
	assert_int_equal(renderer_stats(rd).image_loads, 2);
	assert_int_equal(renderer_stats(rd).images, 2);
	struct census c = count_pixels(s, (struct ui_rect){0, 0, 120, 120});
	assert_int_equal(c.stray, 0);
	assert_true(c.red > 300);
	renderer_destroy(rd);
	SDL_FreeSurface(s);
}

static void all_background(const SDL_Surface *s)
{
	struct census c = count_pixels(s, (struct ui_rect){0, 0, 0, 0});
	if (c.stray)
		fail_msg("%d pixels are not background, first at (%d, %d)", c.stray, c.stray_x, c.stray_y);
}

static void a_missing_file_or_one_that_is_no_picture_draws_nothing_and_is_read_once(void **state)
{
	(void)state;
	SDL_Surface *s = new_surface();
	struct renderer *rd = surface_renderer(s);
	const char *const bad[] = {
		KIOSK_SOURCE_DIR "/assets/guides/images/no-such-picture.svg",
		KIOSK_SOURCE_DIR "/docs/guides.md",
		"",
	};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		one_image(BOX, bad[k]);
		for (int i = 0; i < 3; i++) {
			assert_true(renderer_draw(rd, &dl, NULL));
			all_background(s);
		}
	}
	struct render_stats st = renderer_stats(rd);
	/* The empty path is not a file to try. */
	assert_int_equal(st.image_loads, 2);
	assert_int_equal(st.image_failures, 2);
	assert_int_equal(st.images, 0);
	renderer_destroy(rd);
	SDL_FreeSurface(s);
}

static void png_is_stretched_to_fit_its_box_keeping_its_proportions(void **state)
{
	(void)state;
	char dir[256];
	assert_true(temp_dir_make(dir, sizeof(dir), "kiosk-image"));
	/* 40 x 20: left half red, right half blue. */
	static const uint8_t red[4] = {0xC0, 0x10, 0x10, 0xFF}, blue[4] = {0x10, 0x10, 0xC0, 0xFF};
	uint8_t px[20][40][4];
	for (int y = 0; y < 20; y++)
		for (int x = 0; x < 40; x++)
			memcpy(px[y][x], x < 20 ? red : blue, 4);
	char path[300];
	snprintf(path, sizeof(path), "%s/halves.png", dir);
	assert_int_equal(png_write_rgba(path, &px[0][0][0], 40, 20, 40 * 4), KIOSK_OK);

	SDL_Surface *s = new_surface();
	struct renderer *rd = surface_renderer(s);
	/* A 200 x 200 box: the picture is 200 x 100, 50 px down. */
	one_image((struct ui_rect){100, 100, 200, 200}, path);
	assert_true(renderer_draw(rd, &dl, NULL));
	struct census c = count_pixels(s, (struct ui_rect){100, 150, 200, 100});
	assert_int_equal(c.stray, 0);
	assert_true(near(rgb_at(s, 110, 160), 0xC01010, 8));
	assert_true(near(rgb_at(s, 190, 240), 0xC01010, 8));
	assert_true(near(rgb_at(s, 210, 160), 0x1010C0, 8));
	assert_true(near(rgb_at(s, 290, 240), 0x1010C0, 8));
	assert_int_equal(renderer_stats(rd).image_failures, 0);
	renderer_destroy(rd);
	SDL_FreeSurface(s);
	assert_int_equal(temp_dir_remove(dir), 0);
}

/* The screen's own renderer on a panel mounted sideways: the picture is drawn
 * upright in the logical picture, turned with everything else, and lands in
 * the screenshot where the rotation puts it. */
static void svg_on_a_sideways_panel_lands_where_the_rotation_puts_it(void **state)
{
	(void)state;
	assert_int_equal(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
	char why[160] = "";
	/* A 480 x 640 panel turned 90 degrees shows the 640 x 480 logical picture. */
	struct renderer *rd = renderer_create(H, W, 90, 1.0f, true, NULL, why, sizeof(why));
	if (!rd)
		fail_msg("renderer: %s", why);
	char dir[256], shot[300];
	assert_true(temp_dir_make(dir, sizeof(dir), "kiosk-image"));
	snprintf(shot, sizeof(shot), "%s/shot.png", dir);
	one_image(BOX, SIM_CARD);
	assert_true(renderer_draw(rd, &dl, shot));
	SDL_Surface *png = IMG_Load(shot);
	assert_non_null(png);
	SDL_Surface *p = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0);
	assert_non_null(p);
	assert_int_equal(p->w, H);
	assert_int_equal(p->h, W);
	int x, y;
	geom_to_panel(90, W, H, 170 + 215, 90 + 215, &x, &y); /* the centre of the bar */
	assert_true(near(rgb_at(p, x, y), SVG_RED, 16));
	geom_to_panel(90, W, H, 130, 240, &x, &y); /* in the box, beside the picture */
	assert_int_equal(rgb_at(p, x, y), BG >> 8);
	/* The picture is not mirrored: the card's cut corner (top right in the
	 * SVG, the card's grey missing at (184, 30)) stays top right, and its
	 * top left is grey. Mirrored, both would be the other way round. */
	geom_to_panel(90, W, H, 170 + 184 * 300 / 240, 90 + 30 * 300 / 240, &x, &y);
	assert_int_equal(rgb_at(p, x, y), BG >> 8);
	geom_to_panel(90, W, H, 170 + 55 * 300 / 240, 90 + 35 * 300 / 240, &x, &y);
	assert_true(near(rgb_at(p, x, y), 0xD6DEE8, 8));
	SDL_FreeSurface(p);
	SDL_FreeSurface(png);
	renderer_destroy(rd);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	assert_int_equal(temp_dir_remove(dir), 0);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Figures only, no limits: the first draw rasterises, a redraw copies. */
static void draw_time_of_a_300_px_picture_is_reported(void **state)
{
	(void)state;
	enum { RUNS = 15 };
	double first[RUNS], again[RUNS], empty[RUNS];
	SDL_Surface *s = new_surface();
	for (int i = 0; i < RUNS; i++) {
		struct renderer *rd = surface_renderer(s);
		one_image((struct ui_rect){170, 90, 300, 300}, SIM_CARD);
		double t0 = now_ms();
		renderer_draw(rd, &dl, NULL);
		double t1 = now_ms();
		renderer_draw(rd, &dl, NULL);
		double t2 = now_ms();
		one_image((struct ui_rect){0, 0, 0, 0}, SIM_CARD);
		renderer_draw(rd, &dl, NULL);
		double t3 = now_ms();
		first[i] = t1 - t0;
		again[i] = t2 - t1;
		empty[i] = t3 - t2;
		assert_int_equal(renderer_stats(rd).image_loads, 1);
		renderer_destroy(rd);
	}
	SDL_FreeSurface(s);
	qsort(first, RUNS, sizeof(double), cmp_double);
	qsort(again, RUNS, sizeof(double), cmp_double);
	qsort(empty, RUNS, sizeof(double), cmp_double);
	printf("image 300x300 sim-card.svg on a %dx%d frame: first draw median %.2f ms (max %.2f), "
	       "cached redraw median %.2f ms (max %.2f), the same frame without it %.2f ms, %d runs\n",
	       W, H, first[RUNS / 2], first[RUNS - 1], again[RUNS / 2], again[RUNS - 1], empty[RUNS / 2], RUNS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(svg_is_drawn_fitted_and_centred_in_its_box_and_nowhere_else),
		cmocka_unit_test(a_redraw_reads_no_file_and_a_new_size_is_rasterised_anew),
		cmocka_unit_test(a_missing_file_or_one_that_is_no_picture_draws_nothing_and_is_read_once),
		cmocka_unit_test(png_is_stretched_to_fit_its_box_keeping_its_proportions),
		cmocka_unit_test(svg_on_a_sideways_panel_lands_where_the_rotation_puts_it),
		cmocka_unit_test(draw_time_of_a_300_px_picture_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
