/* text_cut: quoted texts in messages are cut between characters (never
 * inside one), at a space when one is near, and marked with "…"; a text
 * that fits is copied whole. Arabic, Ukrainian and a four-byte character
 * are cut at every possible buffer size and must stay valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kiosk/text_cut.h"

#define MARK TEXT_CUT_MARK

/* Ukrainian: "Your old phone is lost or stolen" (two-byte letters, spaces). */
static const char *const uk = "Ваш старий телефон загублено або вкрадено";
/* Arabic: "Do you still have your old phone?" (two-byte letters, spaces). */
static const char *const ar = "هل ما زال هاتفك القديم معك؟";

/* Strict UTF-8: lead and continuation bytes agree, no overlong forms. */
static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int more = -1;
		if (*p < 0x80)
			more = 0;
		else if ((*p & 0xE0) == 0xC0)
			more = 1;
		else if ((*p & 0xF0) == 0xE0)
			more = 2;
		else if ((*p & 0xF8) == 0xF0)
			more = 3;
		if (more < 0 || (more == 1 && *p < 0xC2))
			return false;
		for (int k = 1; k <= more; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return false;
		}
		p += more + 1;
	}
	return true;
}

static bool ends_with_mark(const char *s)
{
	size_t n = strlen(s), m = strlen(MARK);
	return n >= m && strcmp(s + n - m, MARK) == 0;
}

/* At every size from 1 to one more than needed: valid UTF-8, within the buffer,
 * the start of the text, marked exactly when cut (and the mark fits). */
static void cut_at_every_size(const char *text)
{
	size_t n = strlen(text), m = strlen(MARK);
	char out[512];
	assert_true(n + 2 <= sizeof out);
	for (size_t cap = 1; cap <= n + 1; cap++) {
		memset(out, 'x', sizeof out);
		size_t got = text_cut(out, cap, text, n);
		assert_int_equal(got, strlen(out));
		assert_true(got < cap);
		assert_true(valid_utf8(out));
		if (cap == n + 1) {
			assert_string_equal(out, text);
			continue;
		}
		size_t kept = ends_with_mark(out) ? got - m : got;
		assert_memory_equal(out, text, kept);
		/* Marked when the first character and the mark fit. */
		size_t first = 1;
		while ((text[first] & 0xC0) == 0x80)
			first++;
		assert_int_equal(ends_with_mark(out), first + m <= cap - 1);
		assert_int_equal(out[cap], 'x'); /* nothing written past the buffer */
	}
}

static void a_text_that_fits_is_copied_whole(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(text_cut(out, sizeof out, "Next", 4), 4);
	assert_string_equal(out, "Next");
	assert_int_equal(text_cut(out, 5, "Next", 4), 4);
	assert_string_equal(out, "Next");
	/* len counts bytes of s to take; a NUL before it ends the text. */
	assert_int_equal(text_cut(out, sizeof out, "Next step", 4), 4);
	assert_string_equal(out, "Next");
	assert_int_equal(text_cut(out, sizeof out, "Next", 99), 4);
	assert_string_equal(out, "Next");
}

static void a_long_text_is_cut_after_a_whole_word_with_a_mark(void **state)
{
	(void)state;
	char out[20];
	/* 19 bytes to fill: 16 for text, 3 for the mark. "Open the MitID ap" would cut "app". */
	text_cut(out, sizeof out, "Open the MitID app on your old phone", 36);
	assert_string_equal(out, "Open the MitID" MARK);
	/* Spaces before the cut are not kept in front of the mark. */
	text_cut(out, sizeof out, "Open the MitID   app on your old phone", 38);
	assert_string_equal(out, "Open the MitID" MARK);
}

static void a_word_longer_than_half_the_buffer_is_cut_inside_it(void **state)
{
	(void)state;
	char out[12];
	/* 8 bytes of text fit; the only space is at byte 2, too far back to be worth it. */
	text_cut(out, sizeof out, "Go Borgerservice today", 22);
	assert_string_equal(out, "Go Borge" MARK);
	text_cut(out, sizeof out, "Digitaliseringsstyrelsen", 24);
	assert_string_equal(out, "Digitali" MARK);
}

static void ukrainian_is_cut_between_letters_and_at_a_word(void **state)
{
	(void)state;
	char out[24];
	/* 20 bytes of text: "Ваш старий " is 20 bytes, so the word "старий" stays whole. */
	text_cut(out, sizeof out, uk, strlen(uk));
	assert_string_equal(out, "Ваш старий" MARK);
	/* 21 bytes: the 21st is the middle of "т" in "телефон"; the cut goes back to the space. */
	char out2[25];
	text_cut(out2, sizeof out2, uk, strlen(uk));
	assert_string_equal(out2, "Ваш старий" MARK);
	cut_at_every_size(uk);
}

static void arabic_is_cut_between_letters_and_at_a_word(void **state)
{
	(void)state;
	char out[16];
	/* 12 bytes of text: "هل ما " is 10; "زال" would be cut. */
	text_cut(out, sizeof out, ar, strlen(ar));
	assert_string_equal(out, "هل ما" MARK);
	cut_at_every_size(ar);
}

static void a_text_without_spaces_is_cut_between_characters(void **state)
{
	(void)state;
	/* Three-byte letters: 8 bytes of room hold two of them, never two and a part. */
	const char *ja = "電話をなくしました";
	char out[12];
	text_cut(out, sizeof out, ja, strlen(ja));
	assert_string_equal(out, "電話" MARK);
	cut_at_every_size(ja);
	/* A four-byte character (U+1F4F1, mobile phone) among ASCII. */
	cut_at_every_size("My \xF0\x9F\x93\xB1 is lost \xF0\x9F\x93\xB1\xF0\x9F\x93\xB1 help");
}

static void a_buffer_too_small_for_the_mark_gets_whole_characters_only(void **state)
{
	(void)state;
	char out[4];
	/* 3 bytes: the mark alone would say nothing, so one whole Cyrillic letter, no mark. */
	assert_int_equal(text_cut(out, sizeof out, uk, strlen(uk)), 2);
	assert_string_equal(out, "В");
	/* 4 bytes: the mark and half a letter; one whole letter is worth more. */
	char out5[5];
	assert_int_equal(text_cut(out5, sizeof out5, uk, strlen(uk)), 4);
	assert_string_equal(out5, "Ва");
	assert_int_equal(text_cut(out, 2, uk, strlen(uk)), 0);
	assert_string_equal(out, "");
	out[0] = 'x';
	assert_int_equal(text_cut(out, 0, uk, strlen(uk)), 0);
	assert_int_equal(out[0], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_text_that_fits_is_copied_whole),
	    cmocka_unit_test(a_long_text_is_cut_after_a_whole_word_with_a_mark),
	    cmocka_unit_test(a_word_longer_than_half_the_buffer_is_cut_inside_it),
	    cmocka_unit_test(ukrainian_is_cut_between_letters_and_at_a_word),
	    cmocka_unit_test(arabic_is_cut_between_letters_and_at_a_word),
	    cmocka_unit_test(a_text_without_spaces_is_cut_between_characters),
	    cmocka_unit_test(a_buffer_too_small_for_the_mark_gets_whole_characters_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
