/*
 * What came of a check-in, or of looking a reference up: checked in for a
 * meeting in person (the number in the appointments queue, very large, and
 * a printed ticket), checked in for a phone or video meeting (what happens
 * now, printed on request), or plainly why not: early (from when), late
 * (until when, and where to ask), cancelled or already checked in, not found,
 * or the booking system out of reach (then a queue number instead). Every
 * time is the site's local time in the visitor's language.
 */
#include <stdio.h>
#include <string.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"
#include "kiosk/queue.h"
#include "number_private.h"

enum { ACT_PRINT = CHECKIN_ACT_OWN, ACT_QUEUE };

static void enter(struct app *a)
{
	struct app_booking *b = &a->s.book;
	/* The ticket prints once, on arrival; coming back from the language
	 * screen does not print it again. */
	if (b->arrived && b->record.mode == BOOKING_IN_PERSON && b->slip_print == APP_PRINT_NONE &&
	    a->printer_configured)
		b->slip_print = app_print_slip(a, APP_SLIP_ARRIVED) ? APP_PRINT_BUSY : APP_PRINT_FAILED;
}

/* Checked in for a meeting in person: the number, as the number screen shows one. */
static void draw_number(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	bool compact = checkin_compact(u);
	struct ui_rect c = app_chrome(a, u, compact ? NULL : app_tr(a, "I have an appointment"));
	int gap = ui_mm(u, 3.0f);
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, 18.0f));
	ui_cut_bottom(&c, gap);
	struct ui_text_style head = app_style_big;
	const char *welcome = app_tr(a, "Welcome, you are checked in.");
	ui_text(u, ui_cut_top(&c, ui_text_height(u, c.w, welcome, &head)), welcome, &head);
	struct ui_text_style body = app_style_body;
	body.align = DRAW_ALIGN_CENTER;
	char what[512], ahead[160], wait[160];
	const char *print = number_next_text(a, b->slip_print);
	if (!b->record.number[0]) {
		ui_text(u, c, app_tr(a, "Please take a seat. You will be called."), &body);
	} else {
		queue_describe(a->cat[a->lang], b->record.ahead, -1, -1, ahead, sizeof ahead, wait, sizeof wait);
		snprintf(what, sizeof what, "%s%s%s", ahead, ahead[0] ? " " : "", print);
		struct ui_text_style label = app_style_body;
		label.align = DRAW_ALIGN_CENTER;
		label.middle = true;
		struct ui_text_style huge = number_style(u);
		/* A short panel has no height for the three one above the other:
		 * the number goes beside what to do next. */
		bool side = u->h < ui_mm(u, 125.0f);
		struct ui_rect num = side ? ui_cut_left(&c, c.w * 45 / 100) : c;
		if (side)
			ui_cut_left(&c, gap);
		ui_text(u, ui_cut_top(&num, ui_mm(u, side ? 8.0f : 10.0f)), app_tr(a, "Your number"), &label);
		if (!side) {
			int text_h = ui_text_height(u, c.w, what, &body);
			int num_h = c.h - ui_mm(u, 10.0f) - text_h - gap;
			/* The number at least 2 cm; the words shrink first. */
			if (num_h < ui_mm(u, 20.0f))
				num_h = ui_mm(u, 20.0f);
			num = ui_cut_top(&c, ui_mm(u, 10.0f) + num_h);
			ui_cut_top(&num, ui_mm(u, 10.0f));
			ui_cut_top(&c, gap / 2);
		} else {
			body.middle = true;
		}
		ui_text(u, num, b->record.number, &huge);
		ui_text(u, c, what, &body);
	}
	bool narrow = u->w < ui_mm(u, 125.0f);
	int bw = narrow ? button.w : button.w / 2;
	ui_button(u, (struct ui_rect){button.x + (button.w - bw) / 2, button.y, bw, button.h}, "checkin-done.done",
		  APP_ACT_START_OVER, 0, app_tr(a, "Done"), UI_BUTTON_PRIMARY);
}

/* Checked in for a phone or video meeting: what happens now, and a slip on request. */
static void draw_remote(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	char at[16], body[400];
	app_format_time(a, b->record.start, at, sizeof at);
	if (b->record.mode == BOOKING_PHONE)
		snprintf(body, sizeof body, app_tr(a, "Your adviser will call you at %s on the number you gave."), at);
	else
		snprintf(body, sizeof body, app_tr(a, "Open the link we sent you at %s."), at);
	if (b->slip_print == APP_PRINT_BUSY || b->slip_print == APP_PRINT_DONE) {
		size_t n = strlen(body);
		snprintf(body + n, sizeof body - n, " %s", app_tr(a, "Please take your slip from the printer."));
	} else if (b->slip_print == APP_PRINT_FAILED) {
		size_t n = strlen(body);
		snprintf(body + n, sizeof body - n, " %s", app_tr(a, "The printer cannot print right now."));
	}
	const char *title = app_tr(a, "I have an appointment"), *head = app_tr(a, "You are checked in.");
	if (a->printer_configured && b->slip_print == APP_PRINT_NONE)
		checkin_statement(a, u, title, head, body, "checkin-done.print", ACT_PRINT, app_tr(a, "Print this"),
				  "checkin-done.done", APP_ACT_START_OVER, app_tr(a, "Done"));
	else
		checkin_statement(a, u, title, head, body, "checkin-done.done", APP_ACT_START_OVER, app_tr(a, "Done"),
				  NULL, 0, NULL);
}

static void draw_refused(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	char body[480], help[160], from[64], to[16], start[16];
	const char *head;
	checkin_ask(a, help, sizeof help);
	bool queue = false;
	switch (b->status) {
	case BOOKING_OK:
		/* Found, but not booked any more. */
		if (b->record.state == BOOKING_CANCELLED) {
			head = app_tr(a, "This appointment was cancelled.");
			snprintf(body, sizeof body, "%s %s", app_tr(a, "You can book a new one at this kiosk."), help);
		} else {
			head = app_tr(a, "You have already checked in.");
			snprintf(body, sizeof body, "%s", app_tr(a, "Please take a seat. You will be called."));
		}
		break;
	case BOOKING_NOT_ACTIVE:
		head = app_tr(a, "This appointment cannot be checked in.");
		snprintf(body, sizeof body, "%s %s", app_tr(a, "It was cancelled, or you have already checked in."),
			 help);
		break;
	case BOOKING_TOO_EARLY:
		head = app_tr(a, "You are early.");
		app_format_time(a, b->window_from, to, sizeof to);
		if (app_local_day(a, b->window_from) == app_local_day(a, a->utc)) {
			snprintf(body, sizeof body, app_tr(a, "Check-in opens at %s. Please come back then."), to);
		} else {
			app_format_day(a, app_local_day(a, b->window_from), from, sizeof from);
			snprintf(body, sizeof body,
				 app_tr(a, "Your appointment is on %1$s. Check-in opens at %2$s that day."), from, to);
		}
		break;
	case BOOKING_TOO_LATE:
		head = app_tr(a, "Check-in has closed.");
		app_format_time(a, b->window_to, to, sizeof to);
		if (b->record.start) {
			app_format_time(a, b->record.start, start, sizeof start);
			snprintf(body, sizeof body, app_tr(a, "Your appointment was at %1$s. Check-in closed at %2$s."),
				 start, to);
		} else {
			snprintf(body, sizeof body, app_tr(a, "Check-in closed at %s."), to);
		}
		snprintf(body + strlen(body), sizeof body - strlen(body), " %s", help);
		break;
	case BOOKING_UNKNOWN:
		head = app_tr(a, "We cannot find this reference.");
		checkin_check_or_ask(a, body, sizeof body);
		break;
	case BOOKING_UNREACHABLE:
		if (b->manage) {
			head = app_tr(a, "We cannot change appointments right now.");
			checkin_unchanged(a, help, body, sizeof body);
		} else {
			head = app_tr(a, "We cannot check you in right now.");
			queue = a->services && a->services->count > 0;
			if (queue)
				snprintf(body, sizeof body, "%s %s", app_tr(a, "Please take a queue number instead."),
					 help);
			else
				snprintf(body, sizeof body, "%s", help);
		}
		break;
	default:
		head = app_tr(a, "Something went wrong.");
		snprintf(body, sizeof body, "%s", help);
		break;
	}
	const char *title = app_tr(a, "I have an appointment");
	if (queue)
		checkin_statement(a, u, title, head, body, "checkin-done.home", APP_ACT_HOME,
				  app_tr(a, "Back to the start page"), "checkin-done.queue", ACT_QUEUE,
				  app_tr(a, "Take a queue ticket"));
	else
		checkin_statement(a, u, title, head, body, "checkin-done.home", APP_ACT_HOME,
				  app_tr(a, "Back to the start page"), NULL, 0, NULL);
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	if (b->arrived && b->record.mode == BOOKING_IN_PERSON)
		draw_number(a, u);
	else if (b->arrived)
		draw_remote(a, u);
	else
		draw_refused(a, u);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	struct app_booking *b = &a->s.book;
	switch (action) {
	case ACT_PRINT:
		if (b->slip_print == APP_PRINT_NONE)
			b->slip_print = app_print_slip(a, APP_SLIP_REMOTE) ? APP_PRINT_BUSY : APP_PRINT_FAILED;
		return NULL;
	case ACT_QUEUE:
		return &screen_ticket;
	}
	return NULL;
}

const struct screen screen_checkin_done = {
	.name = "checkin-done",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
