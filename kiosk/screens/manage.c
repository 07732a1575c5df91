/*
 * Change or cancel an appointment, step 1: the booking found by its
 * reference, as the backend tells it (service, day and time, how, where;
 * never anything personal, since the backend sends nothing personal), and
 * the two things the visitor can do with it: cancel it, or move it to
 * another time. Either asks the second check next (manage_check.c). A
 * booking already cancelled, checked in or over is said so, with nothing to
 * do.
 */
#include <stdio.h>

#include "book_private.h"
#include "checkin_private.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

enum { ACT_CANCEL = CHECKIN_ACT_OWN, ACT_MOVE };

/* Whether the booking can still be changed here. */
static bool changeable(const struct app *a)
{
	const struct booking_record *r = &a->s.book.record;
	return r->state == BOOKING_BOOKED && r->start > a->utc;
}

/* One line of the summary: a small label over its value. */
static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = app_tr(a, "Your appointment");
	char help[160];
	checkin_ask(a, help, sizeof help);
	if (b->record.state == BOOKING_CANCELLED) {
		char body[320];
		snprintf(body, sizeof body, "%s %s", app_tr(a, "You can book a new one at this kiosk."), help);
		checkin_statement(a, u, title, app_tr(a, "This appointment was cancelled."), body, "manage.home",
				  APP_ACT_HOME, app_tr(a, "Back to the start page"), NULL, 0, NULL);
		return;
	}
	if (!changeable(a)) {
		checkin_statement(a, u, title, app_tr(a, "This appointment cannot be changed any more."), help,
				  "manage.home", APP_ACT_HOME, app_tr(a, "Back to the start page"), NULL, 0, NULL);
		return;
	}
	bool compact = checkin_compact(u);
	struct ui_rect c = app_chrome(a, u, compact ? NULL : title);
	c = ui_center_w(c, ui_mm(u, 200.0f));
	bool narrow = u->w < ui_mm(u, 125.0f);
	int gap = ui_mm(u, 3.0f);
	const struct service *s = checkin_service(a, NULL);
	/* A service the site no longer has cannot be booked again: only cancelling is offered. */
	bool can_move = s && s->booking.offered;
	struct ui_rect buttons = ui_cut_bottom(&c, can_move && narrow ? 2 * ui_mm(u, 15.0f) + gap : ui_mm(u, 18.0f));
	ui_cut_bottom(&c, gap);

	char when[96], ref[8];
	booking_reference_format(b->record.reference, ref);
	app_format_when(a, b->record.start, when, sizeof when);
	struct book_fact f[5];
	int n = 0;
	if (s)
		f[n++] = (struct book_fact){app_tr(a, "Service"), s->name[a->lang]};
	f[n++] = (struct book_fact){app_tr(a, "When"), when};
	/* As booked ("By phone", "By video call"), but "In person" for a meeting at the office. */
	const char *how =
	    b->record.mode == BOOKING_IN_PERSON ? app_tr(a, "In person") : book_mode_title(a, b->record.mode);
	f[n++] = (struct book_fact){app_tr(a, "How"), how};
	if (b->record.mode == BOOKING_IN_PERSON && s && s->booking.place[a->lang])
		f[n++] = (struct book_fact){app_tr(a, "Where"), s->booking.place[a->lang]};
	f[n++] = (struct book_fact){app_tr(a, "Booking reference"), ref, .latin = true};
	/* What matters most comes first: on a small panel the last facts give way. */
	while (n > 3 && !book_facts_fit(u, c, f, n))
		n--;
	book_draw_facts(u, c, f, n);

	if (!can_move) {
		ui_button(u, narrow ? buttons : ui_cut_left(&buttons, buttons.w / 2), "manage.cancel", ACT_CANCEL, 0,
			  app_tr(a, "Cancel this appointment"), UI_BUTTON_SECONDARY);
		return;
	}
	checkin_two_buttons(u, buttons, gap, "manage.cancel", ACT_CANCEL, app_tr(a, "Cancel this appointment"),
			    "manage.move", ACT_MOVE, app_tr(a, "Move it to another time"));
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	switch (action) {
	case ACT_CANCEL:
	case ACT_MOVE:
		if (!changeable(a))
			return NULL;
		a->s.book.manage_move = action == ACT_MOVE;
		return &screen_manage_check;
	}
	return NULL;
}

const struct screen screen_manage = {
	.name = "manage",
	.draw = draw,
	.on_action = on_action,
};
