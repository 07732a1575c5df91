/*
 * Book an appointment: the time was taken by someone else (or the hold on
 * it ran out) before it could be booked. Said plainly, with the nearest free
 * times the backend offered as buttons (choosing one holds it at once) and
 * a way back to the calendar.
 */
#include <stdio.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_SLOT = BOOK_ACT_OWN, ACT_OTHER_DAY };

#define SHOWN 6 /* the backend offers up to six */

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = app_tr(a, "This time is no longer free");
	if (b->waiting) {
		book_draw_waiting(a, u, title, app_tr(a, "One moment: we are keeping this time for you..."));
		return;
	}
	bool short_panel = u->h < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel ? NULL : title);
	c = ui_center_w(c, ui_mm(u, 220.0f));
	int gap = ui_mm(u, 3.0f);
	const char *head = b->status == BOOKING_HOLD_EXPIRED ? app_tr(a, "The time we kept for you has run out.")
							     : app_tr(a, "Sorry, someone else just booked this time.");
	const char *then = b->nslots > 0 ? app_tr(a, "These are the nearest free times:")
					 : app_tr(a, "There are no other free times near it.");
	char text[400];
	snprintf(text, sizeof text, "%s %s", head, then);
	struct ui_text_style st = app_style_body;
	st.weight = DRAW_BOLD;
	st.middle = true;
	ui_text(u, ui_cut_top(&c, ui_mm(u, short_panel ? 14.0f : 18.0f)), text, &st);
	ui_cut_top(&c, gap);
	struct ui_rect other = ui_cut_bottom(&c, ui_mm(u, short_panel ? 13.0f : 17.0f));
	ui_cut_bottom(&c, gap);
	bool narrow = u->w < ui_mm(u, 125.0f);
	ui_button(u, narrow ? other : ui_cut_left(&other, other.w / 2), "book.taken.day", ACT_OTHER_DAY, 0,
		  app_tr(a, "Choose another day"), b->nslots > 0 ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY);

	int n = b->nslots < SHOWN ? b->nslots : SHOWN;
	if (n == 0)
		return;
	int cols = c.w >= ui_mm(u, 150.0f) && n > 1 ? 2 : 1;
	int rows = (n + cols - 1) / cols;
	int min_h = ui_mm(u, UI_MIN_TARGET_MM + 0.5f);
	while (rows > 1 && (c.h - (rows - 1) * gap) / rows < min_h) {
		rows--; /* fewer, but each large enough to touch */
	}
	if (n > rows * cols)
		n = rows * cols;
	int row_h = (c.h - (rows - 1) * gap) / rows;
	if (row_h > ui_mm(u, 20.0f))
		row_h = ui_mm(u, 20.0f);
	for (int i = 0; i < n; i++) {
		char label[128], id[32];
		app_format_when(a, b->slots[i].start, label, sizeof label);
		snprintf(id, sizeof id, "book.near.%d", i);
		struct ui_rect row = {c.x, c.y + (i % rows) * (row_h + gap), c.w, row_h};
		ui_button(u, ui_column(row, i / rows, cols, gap), id, ACT_SLOT, i, label, UI_BUTTON_SECONDARY);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (action == APP_ACT_BOOKING_REPLY) {
		if (arg != BOOKING_OP_HOLD)
			return NULL;
		if (b->status == BOOKING_OK) {
			b->day = app_local_day(a, b->start);
			return book_after_hold(a);
		}
		if (b->status == BOOKING_SLOT_TAKEN || b->status == BOOKING_HOLD_EXPIRED)
			return NULL; /* taken too: the new nearest times show */
		return &screen_book_offline;
	}
	if (b->waiting)
		return NULL; /* a second tap while the backend works does nothing */
	if (action == ACT_OTHER_DAY) {
		book_back_to(a, &screen_book_day);
		return NULL;
	}
	if (action != ACT_SLOT || arg < 0 || arg >= b->nslots || arg >= SHOWN)
		return NULL;
	book_hold(a, b->slots[arg].start, b->slots[arg].end);
	return NULL;
}

const struct screen screen_book_taken = {
	.name = "book.taken",
	.draw = draw,
	.on_action = on_action,
};
