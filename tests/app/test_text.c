/*
 * Tests of the text engine (kiosk/text.c) with the real Noto fonts: what a
 * visitor sees, judged from the rendered pixels. Mixed-direction lines are
 * compared with renderings of their parts alone, so a run placed at the wrong
 * end or shaped in the wrong direction shows up as a pixel difference.
 * Needs Debian's fonts-noto-core (or the fonts in assets/fonts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "text.h"

#define PX 40
#define WHITE 0xFFFFFFFFu
/* Alpha at or above this counts as ink: anti-aliasing fringes below it do not. */
#define INK 64

/* A rendered line with its baseline and the columns that carry ink, [x0, x1). */
struct rendering {
	SDL_Surface *s;
	int baseline;
	int x0, x1;
};

static uint8_t alpha_at(const SDL_Surface *s, int x, int y)
{
	if (x < 0 || y < 0 || x >= s->w || y >= s->h)
		return 0;
	const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
	return (uint8_t)(row[x] >> 24);
}

/* The alpha-column profile: how much ink each column carries. */
static void column_profile(const SDL_Surface *s, long *profile)
{
	for (int x = 0; x < s->w; x++) {
		profile[x] = 0;
		for (int y = 0; y < s->h; y++)
			profile[x] += alpha_at(s, x, y) >= INK ? alpha_at(s, x, y) : 0;
	}
}

/* One engine per test, and every surface it rendered, freed by the teardown
 * even when an assertion ends the test early. */
struct fixture {
	struct text_engine *te;
	SDL_Surface *surfaces[16];
	int nsurfaces;
};

/* Renders s, checks the surface is the documented format, and finds its inked columns. */
static struct rendering render(struct fixture *fx, const char *s, enum draw_dir dir)
{
	struct rendering r = {0};
	r.baseline = -1;
	r.s = text_engine_render(fx->te, s, strlen(s), PX, DRAW_REGULAR, dir, WHITE, &r.baseline);
	assert_non_null(r.s);
	assert_true(fx->nsurfaces < (int)(sizeof(fx->surfaces) / sizeof(fx->surfaces[0])));
	fx->surfaces[fx->nsurfaces++] = r.s;
	assert_int_equal(r.s->format->format, SDL_PIXELFORMAT_ARGB8888);
	long *profile = calloc((size_t)r.s->w, sizeof(*profile));
	assert_non_null(profile);
	column_profile(r.s, profile);
	r.x0 = r.s->w;
	r.x1 = 0;
	for (int x = 0; x < r.s->w; x++) {
		if (profile[x] > 0) {
			if (x < r.x0)
				r.x0 = x;
			r.x1 = x + 1;
		}
	}
	free(profile);
	assert_true(r.x0 < r.x1); /* something was drawn */
	return r;
}

/* How different the ink of part is from the crop of line whose first column is
 * lx, with part's baseline dy rows below line's: 0 when identical, 1 when the
 * two share no ink at all. */
static double difference_at(const struct rendering *line, int lx, int dy, const struct rendering *part)
{
	int above = line->baseline > part->baseline ? line->baseline : part->baseline;
	int below_line = line->s->h - line->baseline, below_part = part->s->h - part->baseline;
	int below = below_line > below_part ? below_line : below_part;
	long diff = 0, total = 0;
	for (int rel = -above - 2; rel < below + 2; rel++) {
		for (int k = 0; k < part->x1 - part->x0; k++) {
			int a = alpha_at(part->s, part->x0 + k, part->baseline + rel);
			int b = alpha_at(line->s, lx + k, line->baseline + rel + dy);
			diff += a > b ? a - b : b - a;
			total += a > b ? a : b;
		}
	}
	return total ? (double)diff / (double)total : 1.0;
}

/* The smallest difference with part placed within 2 px across and 1 px up or
 * down of column lx: rounding may move a run by a pixel, nothing more. */
static double best_difference(const struct rendering *line, int lx, const struct rendering *part)
{
	double best = 1.0;
	for (int dx = -2; dx <= 2; dx++) {
		for (int dy = -1; dy <= 1; dy++) {
			double d = difference_at(line, lx + dx, dy, part);
			if (d < best)
				best = d;
		}
	}
	return best;
}

static double difference_at_left_end(const struct rendering *line, const struct rendering *part)
{
	return best_difference(line, line->x0, part);
}

static double difference_at_right_end(const struct rendering *line, const struct rendering *part)
{
	return best_difference(line, line->x1 - (part->x1 - part->x0), part);
}

/* Same glyphs, same font, same size: only rounding may differ. */
#define SAME 0.02
/* Digits inside Arabic are drawn with Noto Sans Arabic's own Latin digits, a
 * slightly different design from Noto Sans (about 0.09 at 40 px); digits in
 * another order differ by 0.5 or more. */
#define SAME_DIGITS 0.20
/* Different glyphs at the same place differ far more than this. */
#define DIFFERENT 0.30

static int setup_engine(void **state)
{
	char why[256] = "";
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	fx->te = text_engine_create(KIOSK_SOURCE_DIR "/assets", why, sizeof(why));
	if (!fx->te) {
		fprintf(stderr, "text_engine_create: %s\n", why);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown_engine(void **state)
{
	struct fixture *fx = *state;
	for (int i = 0; i < fx->nsurfaces; i++)
		SDL_FreeSurface(fx->surfaces[i]);
	text_engine_destroy(fx->te);
	free(fx);
	return 0;
}

static int teardown_ttf(void **state)
{
	(void)state;
	TTF_Quit();
	return 0;
}

static int width_of(struct text_engine *te, const char *s, enum draw_dir dir)
{
	return text_engine_width(te, s, strlen(s), PX, DRAW_REGULAR, dir);
}

static void latin_word_inside_arabic_has_no_missing_glyphs(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	const char *line = "استخدم MitID الآن";
	unsigned before = text_engine_stats(te).missing_glyphs;

	struct rendering r = render(fx, line, DRAW_DIR_RTL);
	int w = width_of(te, line, DRAW_DIR_RTL);

	assert_int_equal(text_engine_stats(te).missing_glyphs, before);
	int arabic = width_of(te, "استخدم", DRAW_DIR_RTL) + width_of(te, "الآن", DRAW_DIR_RTL);
	int latin = width_of(te, "MitID", DRAW_DIR_LTR);
	assert_true(latin > 0);
	/* The Latin word takes its own room: the line is wider than its Arabic alone. */
	assert_true(w > arabic + latin * 3 / 4);
	assert_true(r.s->w >= w);
}

static void digits_inside_arabic_keep_their_order(void **state)
{
	struct fixture *fx = *state;
	struct rendering line = render(fx, "رقم 123", DRAW_DIR_RTL);
	struct rendering digits = render(fx, "123", DRAW_DIR_LTR);

	double same = difference_at_left_end(&line, &digits);
	print_message("left end vs \"123\": %.3f\n", same);
	assert_true(same < SAME_DIGITS);
	/* Negative controls: the comparison tells every other order apart, "321" first. */
	const char *wrong[] = {"321", "132", "213", "231", "312"};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		struct rendering other = render(fx, wrong[i], DRAW_DIR_LTR);
		double d = difference_at_left_end(&line, &other);
		print_message("left end vs \"%s\": %.3f\n", wrong[i], d);
		assert_true(d > DIFFERENT);
	}
	/* And the digits are not at the right end, where a left-to-right layout would put them. */
	assert_true(difference_at_right_end(&line, &digits) > DIFFERENT);
}

static void rtl_paragraph_puts_first_word_on_the_right(void **state)
{
	struct fixture *fx = *state;
	struct rendering line = render(fx, "سلام عليكم", DRAW_DIR_RTL);
	struct rendering first = render(fx, "سلام", DRAW_DIR_RTL);
	struct rendering second = render(fx, "عليكم", DRAW_DIR_RTL);

	double right = difference_at_right_end(&line, &first);
	double left = difference_at_left_end(&line, &first);
	print_message("\"سلام\" at the right end: %.3f, at the left end: %.3f\n", right, left);
	assert_true(right < SAME);
	assert_true(left > DIFFERENT);
	assert_true(difference_at_left_end(&line, &second) < SAME);
}

static void mixed_latin_paragraph_in_ltr_keeps_arabic_word_reversed_internally(void **state)
{
	struct fixture *fx = *state;
	struct rendering line = render(fx, "Hello سلام", DRAW_DIR_LTR);
	struct rendering word = render(fx, "سلام", DRAW_DIR_RTL);
	struct rendering hello = render(fx, "Hello", DRAW_DIR_LTR);

	double right = difference_at_right_end(&line, &word);
	print_message("\"سلام\" at the right end: %.3f\n", right);
	assert_true(right < SAME);
	assert_true(difference_at_left_end(&line, &hello) < SAME);

	/* A reference that does not depend on how the engine shapes one word: the
	 * first word of an Arabic paragraph, at its right end. Shaped left to right,
	 * the line would show the word's letters mirrored, and that paragraph's
	 * right end would be its second word. */
	struct rendering paragraph = render(fx, "سلام عليكم", DRAW_DIR_RTL);
	struct rendering first = paragraph;
	first.x0 = paragraph.x1 - (word.x1 - word.x0);
	assert_true(difference_at_right_end(&line, &first) < SAME);
	/* Negative control: the word spelled backwards is not what the line shows. */
	struct rendering backwards = render(fx, "مالس", DRAW_DIR_RTL);
	assert_true(difference_at_right_end(&line, &backwards) > DIFFERENT);

	/* The word starts where the measured width of "Hello " ends: what the
	 * widgets measure is what is drawn. */
	int hello_space = text_engine_width(fx->te, "Hello ", 6, PX, DRAW_REGULAR, DRAW_DIR_LTR);
	assert_in_range(line.x0, hello.x0 - 1, hello.x0 + 1);
	assert_in_range(line.x1, hello_space + word.x1 - 1, hello_space + word.x1 + 1);
}

static void width_cache_returns_same_width(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	const char *s = "Ticket 42 – Vælg sprog";
	struct text_stats before = text_engine_stats(te);

	int first = width_of(te, s, DRAW_DIR_LTR);
	struct text_stats middle = text_engine_stats(te);
	int second = width_of(te, s, DRAW_DIR_LTR);
	struct text_stats after = text_engine_stats(te);

	assert_true(first > 0);
	assert_int_equal(second, first);
	assert_int_equal(middle.width_misses, before.width_misses + 1);
	assert_int_equal(after.width_hits, middle.width_hits + 1);
	assert_int_equal(after.width_misses, middle.width_misses);
	/* Another size is another entry, and a wider one. */
	assert_true(text_engine_width(te, s, strlen(s), 2 * PX, DRAW_REGULAR, DRAW_DIR_LTR) > first);
}

static void line_height_is_taller_for_rtl(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	int ltr = text_engine_line_height(te, PX, DRAW_DIR_LTR);
	int rtl = text_engine_line_height(te, PX, DRAW_DIR_RTL);

	print_message("line height at %d px: LTR %d, RTL %d\n", PX, ltr, rtl);
	assert_true(ltr > PX);
	assert_true(rtl > PX);
	assert_true(rtl > ltr);
	/* The ops the widgets use give the same answers. */
	const struct ui_text_ops *ops = text_engine_ops(te);
	assert_int_equal(ops->line_height(ops->ctx, PX, DRAW_DIR_RTL), rtl);
	assert_int_equal(ops->width(ops->ctx, "Hej", 3, PX, DRAW_REGULAR, DRAW_DIR_LTR),
			 width_of(te, "Hej", DRAW_DIR_LTR));
}

static void render_height_fits_every_font_used(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	struct rendering r = render(fx, "Åbent: gå ind", DRAW_DIR_LTR);

	assert_true(r.s->h >= text_engine_line_height(te, PX, DRAW_DIR_LTR));
	assert_true(r.baseline > 0);
	assert_true(r.baseline < r.s->h);
	assert_int_equal(r.baseline, text_engine_ascent(te, PX, DRAW_DIR_LTR));
	/* Nothing is cut off: the ring of Å and the tail of g stay inside the surface. */
	for (int x = 0; x < r.s->w; x++) {
		assert_true(alpha_at(r.s, x, 0) < INK);
		assert_true(alpha_at(r.s, x, r.s->h - 1) < INK);
	}

	/* A line that uses the Arabic font is as tall as the Arabic line height. */
	struct rendering mixed = render(fx, "Kiosk كشك", DRAW_DIR_LTR);
	assert_true(mixed.s->h >= text_engine_line_height(te, PX, DRAW_DIR_RTL));
	assert_true(mixed.baseline > 0 && mixed.baseline < mixed.s->h);
}

static void cyrillic_and_greek_render_with_no_missing_glyphs(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	const char *lines[] = {"Українська", "Ελληνικά"};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		unsigned before = text_engine_stats(te).missing_glyphs;
		struct rendering r = render(fx, lines[i], DRAW_DIR_LTR);
		assert_int_equal(text_engine_stats(te).missing_glyphs, before);
		assert_true(r.x1 - r.x0 > PX);
	}
}

static void symbols_fall_back_to_symbol_font(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	unsigned before = text_engine_stats(te).missing_glyphs;
	struct rendering backspace = render(fx, "\xE2\x8C\xAB", DRAW_DIR_LTR); /* U+232B ERASE TO THE LEFT */
	assert_int_equal(text_engine_stats(te).missing_glyphs, before);

	/* Negative control: no Noto text font has the unicorn, so it is counted (once). */
	struct rendering unicorn = render(fx, "\xF0\x9F\xA6\x84", DRAW_DIR_LTR);
	assert_int_equal(text_engine_stats(te).missing_glyphs, before + 1);
	/* And the box it gets is not the backspace symbol. */
	assert_true(difference_at_left_end(&unicorn, &backspace) > DIFFERENT);
}

static void empty_text_renders_nothing(void **state)
{
	struct fixture *fx = *state;
	struct text_engine *te = fx->te;
	int baseline = -7;
	assert_null(text_engine_render(te, "", 0, PX, DRAW_REGULAR, DRAW_DIR_LTR, WHITE, &baseline));
	assert_int_equal(text_engine_width(te, "", 0, PX, DRAW_REGULAR, DRAW_DIR_RTL), 0);
	/* A length of zero means empty, whatever the pointer holds. */
	assert_null(text_engine_render(te, "abc", 0, PX, DRAW_REGULAR, DRAW_DIR_LTR, WHITE, &baseline));
	assert_int_equal(baseline, -7);
}

#define TEXT_TEST(f) cmocka_unit_test_setup_teardown(f, setup_engine, teardown_engine)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEXT_TEST(latin_word_inside_arabic_has_no_missing_glyphs),
		TEXT_TEST(digits_inside_arabic_keep_their_order),
		TEXT_TEST(rtl_paragraph_puts_first_word_on_the_right),
		TEXT_TEST(mixed_latin_paragraph_in_ltr_keeps_arabic_word_reversed_internally),
		TEXT_TEST(width_cache_returns_same_width),
		TEXT_TEST(line_height_is_taller_for_rtl),
		TEXT_TEST(render_height_fits_every_font_used),
		TEXT_TEST(cyrillic_and_greek_render_with_no_missing_glyphs),
		TEXT_TEST(symbols_fall_back_to_symbol_font),
		TEXT_TEST(empty_text_renders_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_ttf);
}
