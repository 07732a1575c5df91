/*
 * Cancel an appointment, the end: cancelled, with a printed slip saying so
 * (the reference, the day and time that are free again), or plainly why not:
 * already cancelled or over, not found, or the booking system out of reach,
 * in which case nothing was changed.
 */
#include <stdio.h>
#include <string.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	struct app_booking *b = &a->s.book;
	/* Printed once: coming back from the language screen does not print again. */
	if (b->status == BOOKING_OK && b->slip_print == APP_PRINT_NONE && a->printer_configured)
		b->slip_print = app_print_slip(a, APP_SLIP_CANCELLED) ? APP_PRINT_BUSY : APP_PRINT_FAILED;
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = app_tr(a, "Cancel this appointment");
	char body[480], help[160];
	checkin_ask(a, help, sizeof help);
	const char *head;
	switch (b->status) {
	case BOOKING_OK: {
		char when[96];
		app_format_when(a, b->record.start, when, sizeof when);
		head = app_tr(a, "Your appointment is cancelled.");
		snprintf(body, sizeof body, app_tr(a, "The appointment on %s is free for somebody else now."), when);
		const char *print = "";
		if (b->slip_print == APP_PRINT_BUSY || b->slip_print == APP_PRINT_DONE)
			print = app_tr(a, "Please take your slip from the printer.");
		else if (b->slip_print == APP_PRINT_FAILED)
			print = app_tr(a, "The printer cannot print right now.");
		if (print[0])
			snprintf(body + strlen(body), sizeof body - strlen(body), " %s", print);
		checkin_statement(a, u, title, head, body, "manage-done.done", APP_ACT_START_OVER, app_tr(a, "Done"),
				  NULL, 0, NULL);
		return;
	}
	case BOOKING_NOT_ACTIVE:
		head = app_tr(a, "This appointment cannot be cancelled.");
		snprintf(body, sizeof body, "%s %s", app_tr(a, "It was already cancelled, or it is over."), help);
		break;
	case BOOKING_UNKNOWN:
		head = app_tr(a, "We cannot find this reference.");
		snprintf(body, sizeof body, "%s", help);
		break;
	case BOOKING_UNREACHABLE:
		head = app_tr(a, "We cannot change appointments right now.");
		checkin_unchanged(a, help, body, sizeof body);
		break;
	default:
		head = app_tr(a, "Something went wrong.");
		snprintf(body, sizeof body, "%s %s", app_tr(a, "Nothing was changed."), help);
		break;
	}
	checkin_statement(a, u, title, head, body, "manage-done.home", APP_ACT_HOME,
			  app_tr(a, "Back to the start page"), NULL, 0, NULL);
}

const struct screen screen_manage_done = {
	.name = "manage-done",
	.enter = enter,
	.draw = draw,
};
