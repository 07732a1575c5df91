/*
 * Book an appointment, step 1: what it is about. The services that can be
 * booked, as large buttons with their explanation, paged when many. Coming
 * here starts a booking afresh: a slot still held from an earlier try is
 * given back and earlier choices are forgotten. Home offers this screen only
 * when some service can be booked (book_offered).
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "button_list_private.h"
#include "kiosk/i18n.h"

enum { ACT_CHOOSE = BOOK_ACT_OWN, ACT_PAGE };

/* The bookable services' indexes, in the site's order. */
static int bookable(const struct app *a, int out[SERVICES_MAX])
{
	int n = 0;
	for (int i = 0; a->services && i < a->services->count; i++) {
		enum booking_mode m[BOOKING_MODES];
		if (a->services->s[i].booking.offered && book_modes(&a->services->s[i], m) > 0)
			out[n++] = i;
	}
	return n;
}

static void draw(struct app *a, struct ui *u)
{
	int list[SERVICES_MAX];
	int count = a->booking_backend == APP_BOOKING_NONE ? 0 : bookable(a, list);
	if (count == 0) {
		char other[320];
		book_alternatives(a, other, sizeof other);
		app_message_screen(a, u, app_tr(a, "Book an appointment"),
				   app_tr(a, "Appointments cannot be booked at this kiosk."), other, "book.home");
		return;
	}
	struct ui_rect c = app_chrome(a, u, app_tr(a, "What is your appointment about?"));
	int gap = ui_mm(u, 3.0f);
	c = ui_center_w(c, ui_mm(u, 220.0f));
	/* Short panels keep two services a page. */
	int item_h = ui_mm(u, u->w < ui_mm(u, 125.0f) ? 34.0f : u->h < ui_mm(u, 125.0f) ? 24.0f : 26.0f);
	struct button_list l;
	button_list_layout(a, u, c, count, item_h, gap, &l);
	for (int k = 0; k < l.per_page; k++) {
		int n = a->s.list_page * l.per_page + k;
		if (n >= count)
			break;
		const struct service *s = &a->services->s[list[n]];
		char id[40];
		snprintf(id, sizeof id, "book.%s", s->id);
		ui_button2(u, button_list_item(&l, k), id, ACT_CHOOSE, list[n], s->name[a->lang],
			   s->description[a->lang], UI_BUTTON_SECONDARY);
	}
	button_list_pager(a, u, &l, ACT_PAGE);
}

static void enter(struct app *a)
{
	a->s.list_page = 0;
	app_booking_release(a);
	/* A new booking: nothing of an earlier try (or of a move) carries over;
	 * an answer still on its way is for a request nobody waits for now. */
	book_wipe(&a->s.book, sizeof a->s.book);
	a->s.book.service = -1;
	a->s.book.day = -1;
	a->s.book.reason = -1;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	int i = button_list_chosen(a, action, arg, ACT_CHOOSE, ACT_PAGE);
	if (i < 0)
		return NULL;
	enum booking_mode modes[BOOKING_MODES];
	int n = book_modes(&a->services->s[i], modes);
	if (!a->services->s[i].booking.offered || n == 0)
		return NULL;
	a->s.book.service = i;
	if (n > 1)
		return &screen_book_mode;
	/* One way to meet: nothing to choose. */
	a->s.book.mode = modes[0];
	book_started(a);
	return &screen_book_day;
}

const struct screen screen_booking = {
	.name = "book.service",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
