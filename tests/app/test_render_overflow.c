/*
 * The renderer's overflow report (kiosk/render.c, render_stats.overflow_what):
 * a line drawn wider than its box is quoted in the layout check's message,
 * and a long Ukrainian or Arabic line is quoted cut between letters, at a
 * word, with "…", never with half a letter (the log line stays valid UTF-8).
 * Real fonts, real SDL renderer on a surface.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <SDL2/SDL_ttf.h>

#include "kiosk/draw.h"
#include "kiosk/text_cut.h"
#include "render.h"

#define W 400
#define H 200

/* 1-byte spaces among 2-byte letters: a cut at the report's 95 bytes would land inside a letter. */
static const char *const uk = "Відкрийте застосунок на старому телефоні і виберіть копіювання на новий телефон "
			      "за допомогою коду";
static const char *const ar = "افتح تطبيق الهوية الرقمية على هاتفك القديم واختر نسخ الهوية إلى الهاتف الجديد "
			      "ثم انتظر ساعة واحدة";

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int more = -1;
		if (*p < 0x80)
			more = 0;
		else if (*p >= 0xC2 && *p < 0xE0)
			more = 1;
		else if ((*p & 0xF0) == 0xE0)
			more = 2;
		else if ((*p & 0xF8) == 0xF0)
			more = 3;
		if (more < 0)
			return false;
		for (int k = 1; k <= more; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return false;
		}
		p += more + 1;
	}
	return true;
}

/* One line of s in a box far too narrow for it, drawn by the real renderer; its report. */
static struct render_stats draw_one_line(const char *s, enum draw_dir dir)
{
	static struct draw_list dl;
	char why[256] = "";
	struct text_engine *te = text_engine_create(KIOSK_SOURCE_DIR "/assets", why, sizeof(why));
	if (!te)
		fail_msg("text engine: %s", why);
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(surf);
	struct renderer *rd = renderer_create_for_surface(surf, te, why, sizeof(why));
	if (!rd)
		fail_msg("renderer: %s", why);
	draw_list_clear(&dl);
	size_t n = strlen(s);
	assert_true(n < sizeof dl.text);
	memcpy(dl.text, s, n);
	dl.ntext = (uint32_t)n;
	dl.cmd[dl.ncmd++] = (struct draw_cmd){.kind = DRAW_TEXT,
					      .dir = (uint8_t)dir,
					      .color = 0x1A1A1AFFu,
					      .r = {10, 10, 120, 40},
					      .px = 24,
					      .text = 0,
					      .len = (uint32_t)n};
	renderer_draw(rd, &dl, NULL);
	struct render_stats rs = renderer_stats(rd);
	renderer_destroy(rd);
	SDL_FreeSurface(surf);
	text_engine_destroy(te);
	return rs;
}

static void check_quote(const struct render_stats *rs, const char *s)
{
	const char *what = rs->overflow_what;
	size_t n = strlen(what), m = strlen(TEXT_CUT_MARK);
	assert_int_equal(rs->text_overflow, 1);
	assert_true(valid_utf8(what));
	/* Cut: the text's start, then the mark, the last word whole (a space follows it in s). */
	assert_true(n > m && n < sizeof rs->overflow_what);
	assert_string_equal(what + n - m, TEXT_CUT_MARK);
	assert_memory_equal(what, s, n - m);
	assert_int_equal(s[n - m], ' ');
}

static void a_ukrainian_line_is_quoted_cut_at_a_word(void **state)
{
	(void)state;
	assert_true(strlen(uk) >= sizeof(((struct render_stats *)0)->overflow_what));
	struct render_stats rs = draw_one_line(uk, DRAW_DIR_LTR);
	check_quote(&rs, uk);
}

static void an_arabic_line_is_quoted_cut_at_a_word(void **state)
{
	(void)state;
	assert_true(strlen(ar) >= sizeof(((struct render_stats *)0)->overflow_what));
	struct render_stats rs = draw_one_line(ar, DRAW_DIR_RTL);
	check_quote(&rs, ar);
}

static void a_short_line_is_quoted_whole(void **state)
{
	(void)state;
	const char *s = "Відкрийте застосунок";
	struct render_stats rs = draw_one_line(s, DRAW_DIR_LTR);
	assert_int_equal(rs.text_overflow, 1);
	assert_string_equal(rs.overflow_what, s);
}

static int teardown_ttf(void **state)
{
	(void)state;
	TTF_Quit();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_ukrainian_line_is_quoted_cut_at_a_word),
	    cmocka_unit_test(an_arabic_line_is_quoted_cut_at_a_word),
	    cmocka_unit_test(a_short_line_is_quoted_whole),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_ttf);
}
