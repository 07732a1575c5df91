/*
 * Book an appointment, step 4: the time. The free times of the chosen day as
 * large buttons ("09:30"), paged when there are many. Choosing one asks the
 * backend to hold it while the visitor types; until it answers the screen
 * says so. Held: on to the contact details (or the review, when moving);
 * taken meanwhile: the "taken" screen with the nearest free times. Coming
 * back here gives a held slot back.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_TIME = BOOK_ACT_OWN, ACT_PAGE };

#define MAX_DAY_SLOTS 300 /* a day of five-minute meetings, with room */

/* The indexes in a->s.book.slots of the chosen day's slots. */
static int day_slots(const struct app *a, int out[MAX_DAY_SLOTS])
{
	const struct app_booking *b = &a->s.book;
	int n = 0;
	for (int i = 0; i < b->nslots && n < MAX_DAY_SLOTS; i++) {
		if (app_local_day(a, b->slots[i].start) == b->day)
			out[n++] = i;
	}
	return n;
}

static void enter(struct app *a)
{
	a->s.list_page = 0;
	app_booking_release(a);
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	char title[96];
	app_format_day(a, b->day, title, sizeof title);
	if (b->waiting) {
		book_draw_waiting(a, u, title, app_tr(a, "One moment: we are keeping this time for you..."));
		return;
	}
	int idx[MAX_DAY_SLOTS];
	int n = day_slots(a, idx);
	struct ui_rect c = app_chrome(a, u, title);
	int gap = ui_mm(u, 3.0f);
	const struct service *s = book_service(a);
	char line[200];
	int minutes = s ? s->booking.duration_min : 0;
	snprintf(line, sizeof line,
		 app_ntr(a, "Choose a time. The meeting takes %d minute.",
			 "Choose a time. The meeting takes %d minutes.", (unsigned long)minutes),
		 minutes);
	struct ui_text_style st = app_style_body;
	st.middle = true;
	int line_h = ui_text_height(u, c.w, line, &st);
	line_h = line_h < ui_mm(u, 10.0f) ? ui_mm(u, 10.0f) : line_h > ui_mm(u, 16.0f) ? ui_mm(u, 16.0f) : line_h;
	ui_text(u, ui_cut_top(&c, line_h), line, &st);
	ui_cut_top(&c, gap);
	if (n == 0)
		return; /* taken meanwhile: Back leads to the calendar, asked afresh */

	bool short_panel = u->h < ui_mm(u, 125.0f);
	int bw = ui_mm(u, 32.0f), bh = ui_mm(u, short_panel ? 13.0f : 17.0f);
	int cols = (c.w + gap) / (bw + gap), rows = (c.h + gap) / (bh + gap);
	cols = cols < 1 ? 1 : cols > 6 ? 6 : cols;
	rows = rows < 1 ? 1 : rows;
	bool paged = n > cols * rows;
	struct ui_rect pager = {0};
	if (paged) {
		pager = ui_cut_right(&c, ui_mm(u, 24.0f));
		ui_cut_right(&c, gap);
		cols = (c.w + gap) / (bw + gap);
		cols = cols < 1 ? 1 : cols > 6 ? 6 : cols;
	}
	int per_page = cols * rows;
	int pages = (n + per_page - 1) / per_page;
	if (a->s.list_page >= pages)
		a->s.list_page = pages - 1;
	if (a->s.list_page < 0)
		a->s.list_page = 0;
	/* The buttons share the width; few times stay in the top rows. */
	int cell_w = (c.w - (cols - 1) * gap) / cols;
	if (cell_w > ui_mm(u, 45.0f))
		cell_w = ui_mm(u, 45.0f);
	int x0 = c.x + (c.w - (cols * cell_w + (cols - 1) * gap)) / 2;
	for (int k = 0; k < per_page; k++) {
		int j = a->s.list_page * per_page + k;
		if (j >= n)
			break;
		const struct booking_slot *sl = &b->slots[idx[j]];
		char label[8], id[32];
		app_format_time(a, sl->start, label, sizeof label);
		snprintf(id, sizeof id, "book.time.%c%c%c%c", label[0], label[1], label[3], label[4]);
		/* Two slots at one wall-clock time happen only in the autumn's repeated hour. */
		if (j > 0 && b->slots[idx[j - 1]].start != sl->start) {
			char prev[8];
			app_format_time(a, b->slots[idx[j - 1]].start, prev, sizeof prev);
			if (strcmp(prev, label) == 0)
				strncat(id, "b", sizeof id - strlen(id) - 1);
		}
		struct ui_rect r = {x0 + (k % cols) * (cell_w + gap), c.y + (k / cols) * (bh + gap), cell_w, bh};
		bool chosen = sl->start == b->start;
		ui_button(u, r, id, ACT_TIME, idx[j], "", chosen ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
		struct ui_text_style ts = {
		    .size_mm = 8.0f,
		    .min_mm = 4.0f,
		    .weight = DRAW_BOLD,
		    .align = DRAW_ALIGN_CENTER,
		    .middle = true,
		    .color = chosen ? u->theme->accent_fg : u->theme->fg,
		    .dir = DRAW_DIR_LTR,
		};
		ui_text(u, ui_inset(r, ui_mm(u, 1.5f)), label, &ts);
	}
	if (paged) {
		/* Up, the page number, down; without the number where the buttons would get too small. */
		int ph = (pager.h - 2 * gap) / 3;
		bool numbered = ph >= ui_mm(u, UI_MIN_TARGET_MM + 1.0f);
		if (!numbered)
			ph = (pager.h - gap) / 2;
		if (ph > ui_mm(u, 26.0f))
			ph = ui_mm(u, 26.0f);
		struct ui_rect up = ui_cut_top(&pager, ph), down = ui_cut_bottom(&pager, ph);
		bool can_up = a->s.list_page > 0, can_down = a->s.list_page < pages - 1;
		if (can_up)
			ui_button(u, up, "list.up", ACT_PAGE, -1, "", UI_BUTTON_SECONDARY);
		else
			ui_fill(u, up, u->theme->surface_pressed, ui_mm(u, 2.5f));
		ui_arrow(u, up, UI_ARROW_UP, can_up ? u->theme->fg : u->theme->border);
		if (can_down)
			ui_button(u, down, "list.down", ACT_PAGE, 1, "", UI_BUTTON_SECONDARY);
		else
			ui_fill(u, down, u->theme->surface_pressed, ui_mm(u, 2.5f));
		ui_arrow(u, down, UI_ARROW_DOWN, can_down ? u->theme->fg : u->theme->border);
		if (!numbered)
			return;
		char label[32];
		snprintf(label, sizeof label, "%d / %d", a->s.list_page + 1, pages);
		struct ui_text_style ps = {
		    .size_mm = 6.0f,
		    .min_mm = 3.5f,
		    .weight = DRAW_BOLD,
		    .align = DRAW_ALIGN_CENTER,
		    .middle = true,
		    .color = u->theme->fg,
		    .dir = DRAW_DIR_LTR,
		};
		ui_text(u, pager, label, &ps);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (action == APP_ACT_BOOKING_REPLY) {
		if (arg != BOOKING_OP_HOLD)
			return NULL;
		if (b->status == BOOKING_OK)
			return book_after_hold(a);
		if (b->status == BOOKING_SLOT_TAKEN || b->status == BOOKING_HOLD_EXPIRED)
			return &screen_book_taken;
		return &screen_book_offline;
	}
	if (b->waiting)
		return NULL; /* a second tap while the backend works does nothing */
	if (action == ACT_PAGE) {
		a->s.list_page += arg;
		return NULL;
	}
	if (action != ACT_TIME || arg < 0 || arg >= b->nslots || app_local_day(a, b->slots[arg].start) != b->day)
		return NULL;
	book_hold(a, b->slots[arg].start, b->slots[arg].end);
	return NULL;
}

const struct screen screen_book_time = {
	.name = "book.time",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
