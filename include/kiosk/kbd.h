/*
 * On-screen keyboard layouts: pure data for the keyboard widget.
 * Each layout has up to KBD_ROWS rows of character keys, unshifted and shifted.
 * Row 0 is the digits "1".."0" in every text layout; rows 1.. are letters.
 * Special keys (shift, space, backspace, mode switches) are added by the widget.
 * All layouts are immutable static data: read them from any thread, never free them.
 */
#ifndef KIOSK_KBD_H
#define KIOSK_KBD_H

#include <stdbool.h>

#define KBD_ROWS 4
#define KBD_MAX_KEYS 13

/*
 * Key order: keys[r][0] is the key at the reading start of row r, i.e. the
 * leftmost key, or the rightmost when rtl. Exception: row 0 (digits) always
 * runs left to right, with "1" at the left, as on Arabic PC and phone
 * keyboards. A layout that is not rtl is never mirrored, even on an RTL
 * screen (the Latin keyboard offered under Arabic keeps Q at the left).
 */
struct kbd_layout {
	const char *name;                               /* "da", "fr", "ar"... stable id */
	bool rtl;                                       /* letter rows are laid out right to left */
	bool has_case;                                  /* false for scripts without case (Arabic) */
	const char *keys[KBD_ROWS][KBD_MAX_KEYS];        /* UTF-8 key labels = text typed; NULL ends a row
							  * shorter than KBD_MAX_KEYS */
	const char *shift_keys[KBD_ROWS][KBD_MAX_KEYS];  /* same shape; all NULL when !has_case */
};

/* The layout with this name, or NULL (also for a NULL name). */
const struct kbd_layout *kbd_layout_find(const char *name);
/* The i-th layout, numpad included, or NULL when i is out of range: to list them all. */
const struct kbd_layout *kbd_layout_at(int i);
/* The Latin (English QWERTY) layout every other script can switch to. */
const struct kbd_layout *kbd_layout_latin(void);
/* The number pad: digits 1-9 then 0. */
const struct kbd_layout *kbd_layout_numpad(void);
/* Number of keys in a row (stops at the first NULL); 0 for shifted rows when !has_case.
 * l must not be NULL and row must be in [0, KBD_ROWS): anything else asserts. */
int kbd_row_len(const struct kbd_layout *l, int row, bool shifted);

#endif
