/*
 * DESIGN: on-screen keyboard layouts.
 *
 * What it is: const tables of key labels for the languages the kiosk offers,
 * plus a number pad, looked up by name. A label is one code point of UTF-8 and
 * is also the text the key types. What it is not: no drawing, no hit-testing,
 * no shift state, no special keys; the keyboard widget owns all of that.
 * Threading: everything here is immutable static data, safe from any thread.
 *
 * Why the rows look the way they do: visitors are elderly or new to the
 * language, so rows carry letters only, in the order of the country's physical
 * keyboard (what they may have seen before), with the national letters where
 * that keyboard has them. Punctuation is left out except the apostrophe and
 * hyphen that names need (O'Brien, Anne-Marie, Мар'яна). Shift gives capitals
 * only: a visitor pressing shift expects a capital, not a symbol, so the shifted
 * digit row is the digit row again. Rows 1-2 take the extra keys and row 3 is
 * kept shorter, because the widget adds shift and backspace at its ends.
 */
#include "kiosk/kbd.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

#define DIGIT_ROW { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" }

static const struct kbd_layout kbd_en = {
	.name = "en",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" },
		{ "a", "s", "d", "f", "g", "h", "j", "k", "l" },
		{ "z", "x", "c", "v", "b", "n", "m", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P" },
		{ "A", "S", "D", "F", "G", "H", "J", "K", "L" },
		{ "Z", "X", "C", "V", "B", "N", "M", "'", "-" },
	},
};

/* Danish keyboard: Å right of P, then Æ Ø right of L. */
static const struct kbd_layout kbd_da = {
	.name = "da",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å" },
		{ "a", "s", "d", "f", "g", "h", "j", "k", "l", "æ", "ø" },
		{ "z", "x", "c", "v", "b", "n", "m", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "Å" },
		{ "A", "S", "D", "F", "G", "H", "J", "K", "L", "Æ", "Ø" },
		{ "Z", "X", "C", "V", "B", "N", "M", "'", "-" },
	},
};

/* Norwegian keyboard: as Danish, but Ø comes before Æ. */
static const struct kbd_layout kbd_nb = {
	.name = "nb",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å" },
		{ "a", "s", "d", "f", "g", "h", "j", "k", "l", "ø", "æ" },
		{ "z", "x", "c", "v", "b", "n", "m", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "Å" },
		{ "A", "S", "D", "F", "G", "H", "J", "K", "L", "Ø", "Æ" },
		{ "Z", "X", "C", "V", "B", "N", "M", "'", "-" },
	},
};

/* Swedish keyboard: Å right of P, Ö Ä right of L. */
static const struct kbd_layout kbd_sv = {
	.name = "sv",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å" },
		{ "a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä" },
		{ "z", "x", "c", "v", "b", "n", "m", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "Å" },
		{ "A", "S", "D", "F", "G", "H", "J", "K", "L", "Ö", "Ä" },
		{ "Z", "X", "C", "V", "B", "N", "M", "'", "-" },
	},
};

/*
 * Italian keyboard: È (shift É) right of P, Ò À Ù right of L. There é is only
 * a shifted è and ì sits on the digit row, which here holds digits only; so é
 * gets its own key next to è, ì goes to the end of the letters of row 3, and
 * shift gives the capitals È É Ò À Ù Ì (names such as Niccolò, Mosè).
 */
static const struct kbd_layout kbd_it = {
	.name = "it",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "è", "é" },
		{ "a", "s", "d", "f", "g", "h", "j", "k", "l", "ò", "à", "ù" },
		{ "z", "x", "c", "v", "b", "n", "m", "ì", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "È", "É" },
		{ "A", "S", "D", "F", "G", "H", "J", "K", "L", "Ò", "À", "Ù" },
		{ "Z", "X", "C", "V", "B", "N", "M", "Ì", "'", "-" },
	},
};

/*
 * French AZERTY. Ù is right of M as on the physical keyboard. É È Ç À live
 * on the physical digit row (unshifted 2 7 9 0), which here holds digits, so
 * they move to the letter rows: é è after P, ç à after N, in that order.
 */
static const struct kbd_layout kbd_fr = {
	.name = "fr",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "é", "è" },
		{ "q", "s", "d", "f", "g", "h", "j", "k", "l", "m", "ù" },
		{ "w", "x", "c", "v", "b", "n", "ç", "à", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "A", "Z", "E", "R", "T", "Y", "U", "I", "O", "P", "É", "È" },
		{ "Q", "S", "D", "F", "G", "H", "J", "K", "L", "M", "Ù" },
		{ "W", "X", "C", "V", "B", "N", "Ç", "À", "'", "-" },
	},
};

/*
 * Arabic (101) PC keyboard. Letter rows are written in reading order, right
 * to left, so with rtl the screen shows the PC keyboard: ض at the top left.
 * Escapes keep editors' bidi display from reordering the source; the comment
 * names each letter and the PC key it sits on.
 * Changes from the PC keyboard, all because there is no shift or second key:
 * ذ (PC key `, left of 1) goes to the left end of row 1; أ إ آ (PC shift+H, Y,
 * N) go to the right end of row 3, أ first because it begins many names
 * (أحمد); the لا key is left out, it types two letters, ل then ا.
 * ASCII digits stay, since booking references are printed with them.
 */
static const struct kbd_layout kbd_ar = {
	.name = "ar",
	.rtl = true,
	.has_case = false,
	.keys = {
		DIGIT_ROW,
		{
			"\u062F", /* د ] */
			"\u062C", /* ج [ */
			"\u062D", /* ح P */
			"\u062E", /* خ O */
			"\u0647", /* ه I */
			"\u0639", /* ع U */
			"\u063A", /* غ Y */
			"\u0641", /* ف T */
			"\u0642", /* ق R */
			"\u062B", /* ث E */
			"\u0635", /* ص W */
			"\u0636", /* ض Q */
			"\u0630", /* ذ ` */
		},
		{
			"\u0637", /* ط ' */
			"\u0643", /* ك ; */
			"\u0645", /* م L */
			"\u0646", /* ن K */
			"\u062A", /* ت J */
			"\u0627", /* ا H */
			"\u0644", /* ل G */
			"\u0628", /* ب F */
			"\u064A", /* ي D */
			"\u0633", /* س S */
			"\u0634", /* ش A */
		},
		{
			"\u0623", /* أ shift+H */
			"\u0625", /* إ shift+Y */
			"\u0622", /* آ shift+N */
			"\u0638", /* ظ / */
			"\u0632", /* ز . */
			"\u0648", /* و , */
			"\u0629", /* ة M */
			"\u0649", /* ى N */
			"\u0631", /* ر V */
			"\u0624", /* ؤ C */
			"\u0621", /* ء X */
			"\u0626", /* ئ Z */
		},
	},
};

/*
 * Ukrainian ЙЦУКЕН. Ї right of Х and Є right of Ж as on the keyboard; Ґ at
 * the end of row 2, where the ISO keyboard has it (the key next to Enter).
 * The apostrophe is part of Ukrainian spelling (Мар'яна); it is the ASCII
 * one, which Ukrainian keyboards type and booking records store.
 */
static const struct kbd_layout kbd_uk = {
	.name = "uk",
	.has_case = true,
	.keys = {
		DIGIT_ROW,
		{ "й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ї" },
		{ "ф", "і", "в", "а", "п", "р", "о", "л", "д", "ж", "є", "ґ" },
		{ "я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "'", "-" },
	},
	.shift_keys = {
		DIGIT_ROW,
		{ "Й", "Ц", "У", "К", "Е", "Н", "Г", "Ш", "Щ", "З", "Х", "Ї" },
		{ "Ф", "І", "В", "А", "П", "Р", "О", "Л", "Д", "Ж", "Є", "Ґ" },
		{ "Я", "Ч", "С", "М", "И", "Т", "Ь", "Б", "Ю", "'", "-" },
	},
};

/* Phone order (1 at the top left), never mirrored: digits are read left to right. */
static const struct kbd_layout kbd_numpad = {
	.name = "numpad",
	.has_case = false,
	.keys = {
		{ "1", "2", "3" },
		{ "4", "5", "6" },
		{ "7", "8", "9" },
		{ "0" },
	},
};

static const struct kbd_layout *const layouts[] = {
	&kbd_en, &kbd_da, &kbd_nb, &kbd_sv, &kbd_it, &kbd_fr, &kbd_ar, &kbd_uk, &kbd_numpad,
};

#define N_LAYOUTS ((int)(sizeof(layouts) / sizeof(layouts[0])))

const struct kbd_layout *kbd_layout_find(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; i < N_LAYOUTS; i++) {
		if (strcmp(layouts[i]->name, name) == 0)
			return layouts[i];
	}
	return NULL;
}

const struct kbd_layout *kbd_layout_at(int i)
{
	if (i < 0 || i >= N_LAYOUTS)
		return NULL;
	return layouts[i];
}

const struct kbd_layout *kbd_layout_latin(void)
{
	return &kbd_en;
}

const struct kbd_layout *kbd_layout_numpad(void)
{
	return &kbd_numpad;
}

int kbd_row_len(const struct kbd_layout *l, int row, bool shifted)
{
	assert(l);
	assert(row >= 0 && row < KBD_ROWS);
	const char *const *keys = shifted ? l->shift_keys[row] : l->keys[row];
	int n = 0;

	while (n < KBD_MAX_KEYS && keys[n])
		n++;
	return n;
}
