/*
 * Paged list and on-screen keyboard widgets. Pure drawing: page numbers,
 * shift state and the typed text live in the caller's session.
 * Keyboards keep their physical order in every language (people know the
 * keyboard they grew up with), so they are drawn with layout mirroring off;
 * an rtl layout lists its letter rows from the right (see kbd.h) and is placed
 * from the right here, while its digit row runs left to right. UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/kbd.h"
#include "kiosk/ui.h"

int ui_list(struct ui *u, struct ui_rect r, const struct ui_list *l, int *page)
{
	int gap = ui_mm(u, 2.5f);
	bool short_panel = u->h < ui_mm(u, 125.0f);
	int item_h = ui_mm(u, short_panel ? 14.0f : 17.0f);
	struct ui_rect pager = ui_cut_right(&r, ui_mm(u, 24.0f));
	ui_cut_right(&r, gap);
	/* Two columns where each is still wide enough for a long name: fewer pages. */
	int cols = r.w >= 2 * ui_mm(u, 60.0f) + gap ? 2 : 1;
	int rows = (r.h + gap) / (item_h + gap);
	if (rows < 1)
		rows = 1;
	int per_page = rows * cols;
	int pages = (l->count + per_page - 1) / per_page;
	if (pages < 1)
		pages = 1;
	if (*page >= pages)
		*page = pages - 1;
	if (*page < 0)
		*page = 0;

	for (int k = 0; k < per_page; k++) {
		int i = *page * per_page + k;
		if (i >= l->count)
			break;
		/* Down the first column, then the second, as a list is read. */
		struct ui_rect row = {r.x, r.y + (k % rows) * (item_h + gap), r.w, item_h};
		struct ui_rect item = ui_column(row, k / rows, cols, gap);
		ui_button(u, item, l->ids[i], l->item_action, i, l->labels[i],
			  i == l->selected ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
	}

	/* Page buttons are always drawn, greyed when there is nowhere to go, so the
	 * screen does not change shape between pages. */
	int bh = (pager.h - gap) / 3;
	if (bh > ui_mm(u, 26.0f))
		bh = ui_mm(u, 26.0f);
	struct ui_rect up = ui_cut_top(&pager, bh);
	struct ui_rect down = ui_cut_bottom(&pager, bh);
	bool can_up = *page > 0, can_down = *page < pages - 1;
	if (can_up) {
		ui_button(u, up, l->up_id, l->page_action, -1, "", UI_BUTTON_SECONDARY);
	} else {
		ui_fill(u, up, u->theme->surface_pressed, ui_mm(u, 2.5f));
	}
	ui_arrow(u, up, UI_ARROW_UP, can_up ? u->theme->fg : u->theme->border);
	if (can_down) {
		ui_button(u, down, l->down_id, l->page_action, 1, "", UI_BUTTON_SECONDARY);
	} else {
		ui_fill(u, down, u->theme->surface_pressed, ui_mm(u, 2.5f));
	}
	ui_arrow(u, down, UI_ARROW_DOWN, can_down ? u->theme->fg : u->theme->border);
	if (pages > 1) {
		char label[32];
		snprintf(label, sizeof(label), "%d / %d", *page + 1, pages);
		struct ui_text_style st = {
			.size_mm = 6.0f, .min_mm = 3.5f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER,
			.middle = true, .color = u->theme->fg, .dir = DRAW_DIR_LTR,
		};
		ui_text(u, pager, label, &st);
	}
	return pages;
}

const char *ui_keyboard_key(const struct ui_keyboard *k, int arg)
{
	int row = arg / 16, col = arg % 16;
	if (!k->layout || row < 0 || row >= KBD_ROWS || col >= KBD_MAX_KEYS)
		return NULL;
	bool sh = k->shifted && k->layout->has_case;
	if (col >= kbd_row_len(k->layout, row, sh))
		return NULL;
	return sh ? k->layout->shift_keys[row][col] : k->layout->keys[row][col];
}

static void key(struct ui *u, struct ui_rect cell, const char *id, int action, int arg, const char *label,
		enum ui_button_style style)
{
	/* The target is the whole cell; the drawn key is slightly smaller, so keys
	 * look separate while no touch falls between two of them. */
	int g = ui_mm(u, 0.6f);
	ui_button(u, ui_inset(cell, g), id, action, arg, label, style);
	struct draw_target *t = &u->dl->target[u->dl->ntarget - 1];
	t->r = cell;
}

/* The number pad: three columns of digits as on a phone, erase and the way
 * back to letters in a fourth column, so it needs only four rows. */
static void numpad(struct ui *u, struct ui_rect r, const struct ui_keyboard *k)
{
	const struct kbd_layout *l = k->layout;
	int row_h = r.h / 4;
	int key_w = r.w / 4;
	if (key_w > ui_mm(u, 34.0f))
		key_w = ui_mm(u, 34.0f);
	int x0 = r.x + (r.w - 4 * key_w) / 2;
	char id[32];
	for (int i = 0; i < KBD_ROWS; i++) {
		int n = kbd_row_len(l, i, false);
		/* A lone key (the 0) sits in the middle column. */
		int first = n == 1 ? 1 : 0;
		for (int c = 0; c < n; c++) {
			snprintf(id, sizeof(id), "kbd.r%dc%d", i, c);
			key(u, (struct ui_rect){x0 + (first + c) * key_w, r.y + i * row_h, key_w, row_h}, id,
			    k->key_action, i * 16 + c, l->keys[i][c], UI_BUTTON_KEY);
		}
	}
	int x = x0 + 3 * key_w;
	key(u, (struct ui_rect){x, r.y, key_w, row_h}, "kbd.backspace", k->erase_action, 0, "\xe2\x8c\xab",
	    UI_BUTTON_KEY);
	key(u, (struct ui_rect){x, r.y + row_h, key_w, row_h}, "kbd.mode", k->mode_action, 0, k->mode_label,
	    UI_BUTTON_KEY);
}

void ui_keyboard(struct ui *u, struct ui_rect r, const struct ui_keyboard *k)
{
	bool saved_rtl = u->rtl;
	u->rtl = false;
	if (k->numpad) {
		numpad(u, r, k);
		u->rtl = saved_rtl;
		return;
	}
	const struct kbd_layout *l = k->layout;
	bool sh = k->shifted && l->has_case;
	int first = k->skip_digits ? 1 : 0;
	/* A narrow panel (a 7" screen turned upright is 86 mm wide) cannot hold 13
	 * keys of 11.6 mm: long rows are split over two lines there. */
	int max_cols = r.w / ui_mm(u, UI_MIN_TARGET_MM + 0.2f);
	if (max_cols < 1)
		max_cols = 1;
	int lines = 0, widest = 0;
	for (int i = first; i < KBD_ROWS; i++) {
		int n = kbd_row_len(l, i, sh);
		int parts = (n + max_cols - 1) / max_cols;
		lines += parts;
		for (int p = 0; p < parts; p++) {
			int len = n / parts + (p < n % parts);
			widest = len > widest ? len : widest;
		}
	}
	int row_h = r.h / (lines + 1); /* plus the row of special keys */
	int key_w = r.w / (widest > 0 ? widest : 1);
	int y = r.y;
	char id[32];
	for (int i = first; i < KBD_ROWS; i++) {
		int n = kbd_row_len(l, i, sh);
		int parts = (n + max_cols - 1) / max_cols;
		for (int p = 0, c0 = 0; p < parts; p++) {
			int len = n / parts + (p < n % parts);
			int x = r.x + (r.w - len * key_w) / 2;
			for (int c = c0; c < c0 + len; c++) {
				snprintf(id, sizeof(id), "kbd.r%dc%d", i, c);
				const char *label = sh ? l->shift_keys[i][c] : l->keys[i][c];
				int pos = l->rtl && i > 0 ? c0 + len - 1 - c : c - c0;
				key(u, (struct ui_rect){x + pos * key_w, y, key_w, row_h}, id, k->key_action,
				    i * 16 + c, label, UI_BUTTON_KEY);
			}
			c0 += len;
			y += row_h;
		}
	}
	/* Special keys: [shift] [mode] [latin] [space...] [backspace]. */
	struct ui_rect row = {r.x, y, r.w, row_h};
	/* Shift, mode, the Latin switch and erase share the row with a space bar
	 * one and a half times as wide. */
	int specials = 2 + (l->has_case ? 1 : 0) + (k->offer_latin ? 1 : 0);
	int unit = key_w * 3 / 2;
	if (unit > row.w * 2 / (2 * specials + 3))
		unit = row.w * 2 / (2 * specials + 3);
	if (l->has_case)
		key(u, ui_cut_left(&row, unit), "kbd.shift", k->shift_action, 0, "\xe2\x87\xa7",
		    k->shifted ? UI_BUTTON_PRIMARY : UI_BUTTON_KEY);
	key(u, ui_cut_left(&row, unit), "kbd.mode", k->mode_action, 0, k->mode_label, UI_BUTTON_KEY);
	if (k->offer_latin)
		key(u, ui_cut_left(&row, unit), "kbd.latin", k->latin_action, 0, k->latin_label, UI_BUTTON_KEY);
	key(u, ui_cut_right(&row, unit), "kbd.backspace", k->erase_action, 0, "\xe2\x8c\xab", UI_BUTTON_KEY);
	key(u, row, "kbd.space", k->space_action, 0, k->space_label, UI_BUTTON_KEY);
	u->rtl = saved_rtl;
}
