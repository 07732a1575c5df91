/*
 * Booking is not possible here now: the booking backend cannot be reached
 * (or failed). The kiosk never books without it, and says so: nothing was
 * booked. It offers what still works: a queue number, and a printed slip
 * with how to book by phone or online (where there is a printer), and shows
 * the office's phone number and web address.
 */
#include <stdio.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_TICKET = BOOK_ACT_OWN, ACT_PRINT };

static void enter(struct app *a)
{
	a->s.book.slip_print = APP_PRINT_NONE;
}

static void draw(struct app *a, struct ui *u)
{
	char other[320], body[600];
	book_alternatives(a, other, sizeof other);
	const char *printing =
	    a->s.book.slip_print == APP_PRINT_BUSY     ? app_tr(a, "Printing...")
	    : a->s.book.slip_print == APP_PRINT_DONE   ? app_tr(a, "Please take the paper from the printer.")
	    : a->s.book.slip_print == APP_PRINT_FAILED ? app_tr(a, "The printer cannot print right now.")
						       : NULL;
	snprintf(body, sizeof body, "%s %s%s%s", app_tr(a, "Nothing was booked."), other, printing ? " " : "",
		 printing ? printing : "");
	struct ui_rect row = app_statement(a, u, app_tr(a, "Book an appointment"),
					   app_tr(a, "Booking is not possible at this kiosk right now."), body);
	bool tickets = a->services && a->services->count > 0;
	bool print = a->printer_configured;
	int gap = ui_mm(u, 3.0f);
	int n = tickets + print;
	if (n == 0) {
		ui_button(u, ui_cut_left(&row, row.w / 2), "book.offline.home", APP_ACT_HOME, 0,
			  app_tr(a, "Back to the start page"), UI_BUTTON_PRIMARY);
		return;
	}
	int i = 0;
	if (tickets)
		ui_button(u, ui_column(row, i++, n, gap), "book.offline.ticket", ACT_TICKET, 0,
			  app_tr(a, "Take a queue number instead"), UI_BUTTON_PRIMARY);
	if (print)
		ui_button(u, ui_column(row, i++, n, gap), "book.offline.print", ACT_PRINT, 0,
			  app_tr(a, "Print how to book"), UI_BUTTON_SECONDARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	if (action == ACT_TICKET && a->services && a->services->count > 0)
		return &screen_ticket;
	if (action == ACT_PRINT && a->printer_configured && a->s.book.slip_print != APP_PRINT_BUSY)
		a->s.book.slip_print = app_print_slip(a, APP_SLIP_HOW_TO_BOOK) ? APP_PRINT_BUSY : APP_PRINT_FAILED;
	return NULL;
}

const struct screen screen_book_offline = {
	.name = "book.offline",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
