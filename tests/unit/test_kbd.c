/* Unit tests of the on-screen keyboard layouts (kiosk/core/kbd.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/kbd.h"

static const char *const text_layouts[] = { "en", "da", "nb", "sv", "it", "fr", "ar", "uk" };
#define N_TEXT_LAYOUTS ((int)(sizeof(text_layouts) / sizeof(text_layouts[0])))

/* Decodes one strict UTF-8 sequence (no overlongs, surrogates or > U+10FFFF).
 * Returns its length in bytes, or 0 when s does not start with one. */
static int utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	int n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return p[0] ? 1 : 0;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		c = p[0] & 0x1F;
		min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		c = p[0] & 0x0F;
		min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* The code point of a one-code-point key; fails the test otherwise. */
static uint32_t key_cp(const char *key)
{
	uint32_t cp = 0;
	int n;

	assert_non_null(key);
	n = utf8_decode(key, &cp);
	if (n == 0 || key[n] != '\0')
		fail_msg("key \"%s\" is not one valid UTF-8 code point", key);
	return cp;
}

/* Marks, controls, spaces and bidi controls would not be a visible key of their own. */
static bool is_standalone_grapheme(uint32_t c)
{
	if (c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD)
		return false;
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489))
		return false;
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670)
		return false;
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return false;
	return true;
}

/* Capital of the lower-case letters the layouts use; other code points unchanged. */
static uint32_t capital(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 32;
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return c - 32;
	if (c >= 0x0430 && c <= 0x044F)
		return c - 32;
	if (c >= 0x0450 && c <= 0x045F)
		return c - 80;
	if (c == 0x0491)
		return 0x0490;
	return c;
}

static bool layout_has_key(const struct kbd_layout *l, bool shifted, const char *key)
{
	for (int r = 0; r < KBD_ROWS; r++) {
		int n = kbd_row_len(l, r, shifted);

		for (int k = 0; k < n; k++) {
			const char *s = shifted ? l->shift_keys[r][k] : l->keys[r][k];

			if (strcmp(s, key) == 0)
				return true;
		}
	}
	return false;
}

static const struct kbd_layout *must_find(const char *name)
{
	const struct kbd_layout *l = kbd_layout_find(name);

	if (!l)
		fail_msg("layout \"%s\" not found", name);
	return l;
}

static void every_layout_is_found_by_its_unique_name(void **state)
{
	(void)state;
	int count = 0;

	while (kbd_layout_at(count))
		count++;
	assert_int_equal(count, N_TEXT_LAYOUTS + 1);
	assert_null(kbd_layout_at(-1));
	for (int i = 0; i < count; i++) {
		const struct kbd_layout *l = kbd_layout_at(i);

		assert_ptr_equal(kbd_layout_find(l->name), l);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(kbd_layout_at(j)->name, l->name);
	}
	for (int i = 0; i < N_TEXT_LAYOUTS; i++)
		assert_string_equal(must_find(text_layouts[i])->name, text_layouts[i]);
	assert_ptr_equal(must_find("numpad"), kbd_layout_numpad());
}

static void every_layout_key_is_one_valid_utf8_code_point(void **state)
{
	(void)state;
	for (int i = 0; kbd_layout_at(i); i++) {
		const struct kbd_layout *l = kbd_layout_at(i);

		for (int shifted = 0; shifted < 2; shifted++) {
			for (int r = 0; r < KBD_ROWS; r++) {
				int n = kbd_row_len(l, r, shifted);

				for (int k = 0; k < n; k++) {
					const char *key = shifted ? l->shift_keys[r][k] : l->keys[r][k];
					uint32_t cp = key_cp(key);

					if (!is_standalone_grapheme(cp))
						fail_msg("%s row %d key %d is U+%04X, not a visible key", l->name, r,
							 k, (unsigned)cp);
				}
			}
		}
	}
}

static void shifted_rows_match_unshifted_row_lengths(void **state)
{
	(void)state;
	for (int i = 0; kbd_layout_at(i); i++) {
		const struct kbd_layout *l = kbd_layout_at(i);

		for (int r = 0; r < KBD_ROWS; r++) {
			int want = l->has_case ? kbd_row_len(l, r, false) : 0;

			assert_int_equal(kbd_row_len(l, r, true), want);
		}
	}
}

static void shifted_keys_are_the_capitals_of_unshifted_keys(void **state)
{
	(void)state;
	for (int i = 0; kbd_layout_at(i); i++) {
		const struct kbd_layout *l = kbd_layout_at(i);

		if (!l->has_case)
			continue;
		for (int r = 0; r < KBD_ROWS; r++) {
			for (int k = 0; k < kbd_row_len(l, r, false); k++) {
				uint32_t lower = key_cp(l->keys[r][k]);

				if (key_cp(l->shift_keys[r][k]) != capital(lower))
					fail_msg("%s row %d: shift of \"%s\" is \"%s\"", l->name, r, l->keys[r][k],
						 l->shift_keys[r][k]);
			}
		}
	}
}

static void every_text_layout_starts_with_the_digit_row_1_to_0(void **state)
{
	(void)state;
	static const char *const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" };

	for (int i = 0; i < N_TEXT_LAYOUTS; i++) {
		const struct kbd_layout *l = must_find(text_layouts[i]);

		assert_int_equal(kbd_row_len(l, 0, false), 10);
		for (int k = 0; k < 10; k++) {
			assert_string_equal(l->keys[0][k], digits[k]);
			if (l->has_case)
				assert_string_equal(l->shift_keys[0][k], digits[k]);
		}
		for (int r = 1; r < KBD_ROWS; r++)
			assert_true(kbd_row_len(l, r, false) > 0);
	}
}

static void no_layout_repeats_a_key_within_a_case(void **state)
{
	(void)state;
	for (int i = 0; kbd_layout_at(i); i++) {
		const struct kbd_layout *l = kbd_layout_at(i);

		for (int shifted = 0; shifted < 2; shifted++) {
			const char *seen[KBD_ROWS * KBD_MAX_KEYS];
			int n_seen = 0;

			for (int r = 0; r < KBD_ROWS; r++) {
				for (int k = 0; k < kbd_row_len(l, r, shifted); k++) {
					const char *key = shifted ? l->shift_keys[r][k] : l->keys[r][k];

					for (int j = 0; j < n_seen; j++) {
						if (strcmp(seen[j], key) == 0)
							fail_msg("%s repeats \"%s\"", l->name, key);
					}
					seen[n_seen++] = key;
				}
			}
		}
	}
}

/* Every letter of each language's alphabet has a key (unshifted). */
static void every_text_layout_has_its_whole_alphabet(void **state)
{
	(void)state;
	static const struct {
		const char *name, *alphabet;
	} want[] = {
		{ "en", "abcdefghijklmnopqrstuvwxyz'-" },
		{ "da", "abcdefghijklmnopqrstuvwxyzæøå'-" },
		{ "nb", "abcdefghijklmnopqrstuvwxyzæøå'-" },
		{ "sv", "abcdefghijklmnopqrstuvwxyzåäö'-" },
		{ "it", "abcdefghijklmnopqrstuvwxyzàèéìòù'-" },
		{ "fr", "abcdefghijklmnopqrstuvwxyzàçèéù'-" },
		{ "uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'-" },
		/* the 28 letters, then hamza and its seats, alef forms, taa marbuta, alef maqsura */
		{ "ar", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "ءأإآؤئةى" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct kbd_layout *l = must_find(want[i].name);
		const char *p = want[i].alphabet;

		while (*p) {
			uint32_t cp;
			int n = utf8_decode(p, &cp);
			char key[5] = { 0 };

			assert_true(n > 0);
			memcpy(key, p, (size_t)n);
			if (!layout_has_key(l, false, key))
				fail_msg("%s has no key \"%s\"", l->name, key);
			p += n;
		}
	}
}

/* Catches look-alikes typed from the wrong script (Latin i for Ukrainian і, a for а). */
static void letters_are_in_the_layouts_own_script(void **state)
{
	(void)state;
	for (int i = 0; i < N_TEXT_LAYOUTS; i++) {
		const struct kbd_layout *l = must_find(text_layouts[i]);
		uint32_t lo = 0x41, hi = 0x24F;

		if (strcmp(l->name, "uk") == 0) {
			lo = 0x400;
			hi = 0x4FF;
		} else if (strcmp(l->name, "ar") == 0) {
			lo = 0x600;
			hi = 0x6FF;
		}
		for (int shifted = 0; shifted < 2; shifted++) {
			for (int r = 1; r < KBD_ROWS; r++) {
				for (int k = 0; k < kbd_row_len(l, r, shifted); k++) {
					const char *key = shifted ? l->shift_keys[r][k] : l->keys[r][k];
					uint32_t cp = key_cp(key);

					if (cp == '\'' || cp == '-')
						continue;
					if (cp < lo || cp > hi)
						fail_msg("%s: \"%s\" (U+%04X) is not in its script", l->name, key,
							 (unsigned)cp);
				}
			}
		}
	}
}

static void da_contains_ae_oe_aa(void **state)
{
	(void)state;
	const struct kbd_layout *l = must_find("da");

	assert_true(layout_has_key(l, false, "æ"));
	assert_true(layout_has_key(l, false, "ø"));
	assert_true(layout_has_key(l, false, "å"));
	assert_true(layout_has_key(l, true, "Æ"));
	assert_true(layout_has_key(l, true, "Ø"));
	assert_true(layout_has_key(l, true, "Å"));
	assert_string_equal(l->keys[1][10], "å");
}

static void da_ends_row_2_with_ae_oe_and_nb_with_oe_ae(void **state)
{
	(void)state;
	const struct kbd_layout *da = must_find("da");
	const struct kbd_layout *nb = must_find("nb");
	const struct kbd_layout *sv = must_find("sv");

	assert_string_equal(da->keys[2][9], "æ");
	assert_string_equal(da->keys[2][10], "ø");
	assert_string_equal(nb->keys[2][9], "ø");
	assert_string_equal(nb->keys[2][10], "æ");
	assert_string_equal(nb->keys[1][10], "å");
	assert_string_equal(sv->keys[1][10], "å");
	assert_string_equal(sv->keys[2][9], "ö");
	assert_string_equal(sv->keys[2][10], "ä");
}

static void fr_row_1_starts_with_a_z_e_r_t_y(void **state)
{
	(void)state;
	static const char *const azerty[] = { "a", "z", "e", "r", "t", "y" };
	const struct kbd_layout *l = must_find("fr");

	for (int k = 0; k < 6; k++)
		assert_string_equal(l->keys[1][k], azerty[k]);
	assert_string_equal(l->keys[2][0], "q");
	assert_string_equal(l->keys[3][0], "w");
	assert_string_equal(l->shift_keys[1][0], "A");
}

static void fr_types_e_acute_e_grave_a_grave_c_cedilla_u_grave(void **state)
{
	(void)state;
	const struct kbd_layout *l = must_find("fr");
	static const char *const lower[] = { "é", "è", "à", "ç", "ù" };
	static const char *const upper[] = { "É", "È", "À", "Ç", "Ù" };

	for (int i = 0; i < 5; i++) {
		assert_true(layout_has_key(l, false, lower[i]));
		assert_true(layout_has_key(l, true, upper[i]));
	}
}

static void it_reaches_every_accented_vowel_at_row_ends(void **state)
{
	(void)state;
	const struct kbd_layout *l = must_find("it");

	assert_string_equal(l->keys[1][10], "è");
	assert_string_equal(l->keys[1][11], "é");
	assert_string_equal(l->keys[2][9], "ò");
	assert_string_equal(l->keys[2][10], "à");
	assert_string_equal(l->keys[2][11], "ù");
	assert_true(layout_has_key(l, false, "ì"));
	assert_true(layout_has_key(l, true, "È"));
	assert_true(layout_has_key(l, true, "É"));
	assert_true(layout_has_key(l, true, "Ì"));
}

static void uk_contains_yi_ye_i_ghe_apostrophe_and_shifted_yi(void **state)
{
	(void)state;
	const struct kbd_layout *l = must_find("uk");

	assert_true(l->has_case);
	assert_false(l->rtl);
	assert_true(layout_has_key(l, false, "ї"));
	assert_true(layout_has_key(l, false, "є"));
	assert_true(layout_has_key(l, false, "і"));
	assert_true(layout_has_key(l, false, "ґ"));
	assert_true(layout_has_key(l, false, "'"));
	assert_true(layout_has_key(l, true, "Ї"));
	assert_true(layout_has_key(l, true, "Ґ"));
	assert_string_equal(l->keys[1][0], "й");
	assert_false(layout_has_key(l, false, "ы"));
	assert_false(layout_has_key(l, false, "i")); /* Latin */
}

static void ar_is_rtl_and_has_no_case(void **state)
{
	(void)state;
	const struct kbd_layout *l = must_find("ar");

	assert_true(l->rtl);
	assert_false(l->has_case);
	for (int r = 0; r < KBD_ROWS; r++) {
		for (int k = 0; k < KBD_MAX_KEYS; k++)
			assert_null(l->shift_keys[r][k]);
	}
}

/* Rows are in reading order, so the last key of an rtl row is drawn at the left. */
static void ar_row_1_shows_the_pc_keyboard_from_the_left(void **state)
{
	(void)state;
	/* ذ ض ص ث ق, escaped so that editors do not reorder them */
	static const char *const from_left[] = { "\u0630", "\u0636", "\u0635", "\u062B", "\u0642" };
	const struct kbd_layout *l = must_find("ar");
	int n = kbd_row_len(l, 1, false);

	for (int k = 0; k < 5; k++)
		assert_string_equal(l->keys[1][n - 1 - k], from_left[k]);
	assert_string_equal(l->keys[1][0], "\u062F"); /* د, at the right */
	assert_string_equal(l->keys[2][kbd_row_len(l, 2, false) - 1], "\u0634"); /* ش, at the left */
}

static void numpad_has_10_digit_keys(void **state)
{
	(void)state;
	const struct kbd_layout *l = kbd_layout_numpad();
	static const char *const order = "1234567890";
	int total = 0;

	assert_string_equal(l->name, "numpad");
	assert_false(l->rtl);
	assert_false(l->has_case);
	assert_int_equal(kbd_row_len(l, 0, false), 3);
	assert_int_equal(kbd_row_len(l, 1, false), 3);
	assert_int_equal(kbd_row_len(l, 2, false), 3);
	assert_int_equal(kbd_row_len(l, 3, false), 1);
	for (int r = 0; r < KBD_ROWS; r++) {
		for (int k = 0; k < kbd_row_len(l, r, false); k++) {
			char want[2] = { order[total], '\0' };

			assert_string_equal(l->keys[r][k], want);
			total++;
		}
	}
	assert_int_equal(total, 10);
}

static void lookups_of_unknown_names_return_null(void **state)
{
	(void)state;
	assert_null(kbd_layout_find(NULL));
	assert_null(kbd_layout_find(""));
	assert_null(kbd_layout_find("de"));
	assert_null(kbd_layout_find("EN"));
	assert_null(kbd_layout_find("en "));
	assert_null(kbd_layout_find("num"));
	assert_null(kbd_layout_at(1000));
}

static void the_latin_layout_is_en(void **state)
{
	(void)state;
	const struct kbd_layout *l = kbd_layout_latin();

	assert_non_null(l);
	assert_ptr_equal(l, kbd_layout_find("en"));
	assert_false(l->rtl);
	assert_true(l->has_case);
	assert_string_equal(l->keys[1][0], "q");
	assert_string_equal(l->keys[2][0], "a");
	assert_string_equal(l->keys[3][0], "z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_layout_is_found_by_its_unique_name),
		cmocka_unit_test(every_layout_key_is_one_valid_utf8_code_point),
		cmocka_unit_test(shifted_rows_match_unshifted_row_lengths),
		cmocka_unit_test(shifted_keys_are_the_capitals_of_unshifted_keys),
		cmocka_unit_test(every_text_layout_starts_with_the_digit_row_1_to_0),
		cmocka_unit_test(no_layout_repeats_a_key_within_a_case),
		cmocka_unit_test(every_text_layout_has_its_whole_alphabet),
		cmocka_unit_test(letters_are_in_the_layouts_own_script),
		cmocka_unit_test(da_contains_ae_oe_aa),
		cmocka_unit_test(da_ends_row_2_with_ae_oe_and_nb_with_oe_ae),
		cmocka_unit_test(fr_row_1_starts_with_a_z_e_r_t_y),
		cmocka_unit_test(fr_types_e_acute_e_grave_a_grave_c_cedilla_u_grave),
		cmocka_unit_test(it_reaches_every_accented_vowel_at_row_ends),
		cmocka_unit_test(uk_contains_yi_ye_i_ghe_apostrophe_and_shifted_yi),
		cmocka_unit_test(ar_is_rtl_and_has_no_case),
		cmocka_unit_test(ar_row_1_shows_the_pc_keyboard_from_the_left),
		cmocka_unit_test(numpad_has_10_digit_keys),
		cmocka_unit_test(lookups_of_unknown_names_return_null),
		cmocka_unit_test(the_latin_layout_is_en),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
