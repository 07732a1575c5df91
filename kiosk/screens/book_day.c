/*
 * Book an appointment, step 3: the day. A large calendar of one month,
 * Monday first, as printed calendars in the offices' countries are, and
 * mirrored for right-to-left languages. Only days with a free time are
 * buttons; the others are plain numbers. Entering asks the backend for the
 * free times from now to the end of the service's horizon and says "looking"
 * until it answers; a backend that cannot be reached leads to the offline
 * screen, and no free time at all to a plain message with the office's other
 * ways to book. A slot still held (the visitor came back) is given back.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "kiosk/i18n.h"
#include "kiosk/tz.h"

enum { ACT_DAY = BOOK_ACT_OWN, ACT_MONTH };

static const char *const weekday_heads[7] = {
	/* TRANSLATORS: the calendar's column heads, Monday first; short where
	   the language has a short form. */
	N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};

static int64_t first_of_month(int64_t day)
{
	int y, m, d;
	tz_civil_from_days(day, &y, &m, &d);
	return tz_days_from_civil(y, m, 1);
}

static int64_t add_months(int64_t first, int n)
{
	int y, m, d;
	tz_civil_from_days(first, &y, &m, &d);
	int k = y * 12 + (m - 1) + n;
	return tz_days_from_civil(k / 12, k % 12 + 1, 1);
}

static int days_in_month(int64_t first)
{
	return (int)(add_months(first, 1) - first);
}

static int64_t today(const struct app *a)
{
	return app_local_day(a, a->utc);
}

/* The last day that can be booked. */
static int64_t last_day(const struct app *a)
{
	const struct service *s = book_service(a);
	return today(a) + (s ? s->booking.horizon_days : 0);
}

/* Which days of the month on show have a free time (bit i: day i + 1). */
static uint32_t free_days(const struct app *a, int64_t first)
{
	const struct app_booking *b = &a->s.book;
	uint32_t bits = 0;
	int n = days_in_month(first);
	for (int i = 0; i < b->nslots; i++) {
		int64_t d = app_local_day(a, b->slots[i].start);
		if (d >= first && d < first + n)
			bits |= 1u << (d - first);
	}
	return bits;
}

static void ask(struct app *a)
{
	struct app_booking *b = &a->s.book;
	int64_t last = last_day(a);
	struct booking_request r = {.op = BOOKING_OP_AVAILABILITY, .from = a->utc, .to = book_day_start(a, last + 1)};
	b->have_slots = false;
	b->nslots = 0;
	book_send(a, &r);
}

static void enter(struct app *a)
{
	struct app_booking *b = &a->s.book;
	app_booking_release(a);
	if (b->day < 0 || b->month <= 0)
		b->month = first_of_month(today(a));
	ask(a);
}

/* A forward arrow (to the reading end), the mirror of ui_arrow's back arrow. */
static void arrow_forward(struct ui *u, struct ui_rect r, uint32_t color)
{
	int s = (r.w < r.h ? r.w : r.h) * 2 / 5;
	int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
	ui_tri(u, cx - s / 2, cy - s, cx - s / 2, cy + s, cx + s / 2 + s / 3, cy, color);
}

/* A month button: an arrow and the month's name; greyed where there is
 * nothing to go to, so the screen keeps its shape. */
static void month_button(struct app *a, struct ui *u, struct ui_rect r, int dir, bool can)
{
	const struct ui_theme *t = u->theme;
	int y, m, d;
	tz_civil_from_days(add_months(a->s.book.month, dir), &y, &m, &d);
	if (can)
		ui_button(u, r, dir < 0 ? "book.month.prev" : "book.month.next", ACT_MONTH, dir, "",
			  UI_BUTTON_SECONDARY);
	else
		ui_fill(u, r, t->surface_pressed, ui_mm(u, 2.5f));
	uint32_t ink = can ? t->fg : t->border;
	struct ui_rect in = ui_inset(r, ui_mm(u, 1.5f));
	int aw = ui_mm(u, r.w < ui_mm(u, 30.0f) ? 5.0f : 7.0f);
	struct ui_rect icon = dir < 0 ? ui_cut_left(&in, aw) : ui_cut_right(&in, aw);
	if (dir < 0)
		ui_arrow(u, icon, UI_ARROW_BACK, ink);
	else
		arrow_forward(u, icon, ink);
	if (!can)
		return;
	struct ui_text_style st = {
		.size_mm = 5.5f, .min_mm = 2.8f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = ink,
	};
	ui_text(u, in, app_month_heading(a, m), &st);
}

static void month_title(struct app *a, struct ui *u, struct ui_rect r)
{
	int y, m, d;
	tz_civil_from_days(a->s.book.month, &y, &m, &d);
	char title[64];
	/* TRANSLATORS: a calendar's month and year ("November 2026"). */
	snprintf(title, sizeof title, app_tr(a, "%s %d"), app_month_heading(a, m), y);
	struct ui_text_style st = app_style_title;
	st.align = DRAW_ALIGN_CENTER;
	st.min_mm = 3.2f;
	ui_text(u, r, title, &st);
}

/* The month's grid: weekday heads, then a row per week. */
static void grid(struct app *a, struct ui *u, struct ui_rect g, int head_h)
{
	const struct ui_theme *t = u->theme;
	const struct app_booking *b = &a->s.book;
	int64_t first = b->month;
	int n = days_in_month(first), lead = tz_weekday_of_days(first);
	int rows = (lead + n + 6) / 7;
	uint32_t free = free_days(a, first);
	int64_t now = today(a);

	struct ui_rect heads = ui_cut_top(&g, head_h);
	int cell_w = g.w / 7, cell_h = g.h / rows;
	if (cell_h > ui_mm(u, 24.0f))
		cell_h = ui_mm(u, 24.0f);
	if (cell_w > ui_mm(u, 34.0f))
		cell_w = ui_mm(u, 34.0f);
	int x0 = g.x + (g.w - 7 * cell_w) / 2;
	struct ui_text_style hs = {
		.size_mm = 4.5f, .min_mm = 2.4f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = t->muted,
	};
	for (int w = 0; w < 7; w++)
		ui_text(u, (struct ui_rect){x0 + w * cell_w, heads.y, cell_w, heads.h}, app_tr(a, weekday_heads[w]),
			&hs);

	struct ui_text_style num = {
		.size_mm = 7.5f, .min_mm = 3.5f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.dir = DRAW_DIR_LTR,
	};
	char id[32], label[12];
	for (int i = 0; i < n; i++) {
		int k = lead + i;
		struct ui_rect cell = {x0 + (k % 7) * cell_w, g.y + (k / 7) * cell_h, cell_w, cell_h};
		struct ui_rect key = ui_inset(cell, ui_mm(u, 0.7f));
		int64_t day = first + i;
		snprintf(label, sizeof label, "%d", i + 1);
		if ((free >> i) & 1) {
			char date[11];
			tz_format_date(date, day);
			snprintf(id, sizeof id, "book.day.%s", date);
			bool chosen = day == b->day;
			ui_button(u, key, id, ACT_DAY, (int)day, "", chosen ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
			/* The target is the whole cell: no touch falls between two days. */
			u->dl->target[u->dl->ntarget - 1].r = (struct ui_rect){u->rtl ? u->w - cell.x - cell.w : cell.x,
									      cell.y, cell.w, cell.h};
			num.color = chosen ? t->accent_fg : t->fg;
			num.size_mm = 7.5f;
		} else {
			/* Not a button: a plain, lighter number. */
			num.color = day < now ? t->border : t->muted;
			num.size_mm = 6.0f;
		}
		ui_text(u, key, label, &num);
	}
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = app_tr(a, "Choose a day");
	if (b->waiting || !b->have_slots) {
		book_draw_waiting(a, u, title, app_tr(a, "Looking for free times..."));
		return;
	}
	if (b->nslots == 0) {
		const struct service *s = book_service(a);
		char head[200], other[320];
		int days = s ? s->booking.horizon_days : 0;
		snprintf(head, sizeof head,
			 app_ntr(a, "There are no free times in the next %d day.",
				 "There are no free times in the next %d days.", (unsigned long)days),
			 days);
		book_alternatives(a, other, sizeof other);
		app_message_screen(a, u, title, head, other, "book.home");
		return;
	}
	/* On a short panel the six rows of a long month need the title band's
	 * height and the margins: the weekday heads say what the grid is. */
	bool short_panel = u->h < ui_mm(u, 125.0f), narrow = u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel || narrow ? NULL : title);
	int pad = ui_mm(u, 3.0f), gap = ui_mm(u, 2.5f);
	if (short_panel) {
		int m = ui_mm(u, 1.0f);
		c = (struct ui_rect){c.x, c.y - pad + m, c.w, c.h + 2 * pad - 2 * m};
	}
	int64_t min_month = first_of_month(today(a)), max_month = first_of_month(last_day(a));
	bool can_prev = b->month > min_month, can_next = b->month < max_month;
	int head_h = ui_mm(u, 6.0f);
	if (c.w > c.h) {
		/* Landscape: the month's name and its buttons in a column at the
		 * reading end, where the staff marks sit in the corner. */
		struct ui_rect col =
		    ui_cut_right(&c, c.w * 26 / 100 > ui_mm(u, 60.0f) ? ui_mm(u, 60.0f) : c.w * 26 / 100);
		ui_cut_right(&c, gap);
		if (app_staff_mark_count(a) && short_panel)
			ui_cut_top(&col, ui_mm(u, 6.0f));
		int bh = ui_mm(u, 17.0f);
		if ((col.h - gap) / 3 < bh)
			bh = (col.h - gap) / 3;
		struct ui_rect next = ui_cut_bottom(&col, bh);
		ui_cut_bottom(&col, gap);
		struct ui_rect prev = ui_cut_bottom(&col, bh);
		ui_cut_bottom(&col, gap);
		/* What the frames mean, under the month's name where there is room. */
		struct ui_text_style hint = app_style_body;
		hint.size_mm = 4.6f;
		hint.min_mm = 3.0f;
		hint.align = DRAW_ALIGN_CENTER;
		hint.color = u->theme->muted;
		const char *says = app_tr(a, "Days with a frame have free times.");
		int hh = ui_text_height(u, col.w, says, &hint);
		if (!short_panel && hh < col.h / 2) {
			ui_text(u, ui_cut_bottom(&col, hh), says, &hint);
			ui_cut_bottom(&col, gap);
		}
		month_title(a, u, col);
		month_button(a, u, prev, -1, can_prev);
		month_button(a, u, next, 1, can_next);
	} else {
		/* Upright: previous, the month, next, in a row above the grid. The
		 * grid may use the whole width to keep its days 11.6 mm wide. */
		struct ui_rect row = ui_cut_top(&c, ui_mm(u, narrow ? 14.0f : 17.0f));
		ui_cut_top(&c, gap);
		int bw = row.w * 30 / 100;
		month_button(a, u, ui_cut_left(&row, bw), -1, can_prev);
		month_button(a, u, ui_cut_right(&row, bw), 1, can_next);
		month_title(a, u, ui_inset(row, ui_mm(u, 1.0f)));
		if (c.w < 7 * ui_mm(u, UI_MIN_TARGET_MM + 0.3f)) {
			c.x = 0;
			c.w = u->w;
		}
		if (c.h > c.w + head_h)
			c.h = c.w + head_h;
	}
	grid(a, u, c, head_h);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (action == APP_ACT_BOOKING_REPLY) {
		if (arg != BOOKING_OP_AVAILABILITY)
			return NULL;
		if (book_unreachable(a))
			return &screen_book_offline;
		if (b->status != BOOKING_OK)
			return NULL;
		b->have_slots = true;
		/* Open on the month of the first free day, not on an empty one. */
		if (b->day < 0 && b->nslots > 0)
			b->month = first_of_month(app_local_day(a, b->slots[0].start));
		return NULL;
	}
	if (b->waiting || !b->have_slots)
		return NULL; /* a second tap while the backend works does nothing */
	switch (action) {
	case ACT_MONTH: {
		int64_t next = add_months(b->month, arg < 0 ? -1 : 1);
		if (next >= first_of_month(today(a)) && next <= first_of_month(last_day(a)))
			b->month = next;
		return NULL;
	}
	case ACT_DAY:
		if (arg < b->month || arg >= b->month + days_in_month(b->month) ||
		    !((free_days(a, b->month) >> (arg - b->month)) & 1))
			return NULL;
		b->day = arg;
		return &screen_book_time;
	}
	return NULL;
}

const struct screen screen_book_day = {
	.name = "book.day",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
