/*
 * Book an appointment, step 5a: the visitor's name, typed on the on-screen
 * keyboard of their own script (digits and a Latin keyboard a key away). The
 * name is personal: it lives in the session, goes only to the booking
 * backend, and is wiped once sent. The kiosk never asks for an ID number,
 * and says so when one is typed.
 */
#include <string.h>

#include "book_private.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	a->s.book.field = BOOK_FIELD_NAME;
	a->s.book.problem = BOOKING_CONTACT_OK;
	a->s.numpad = false;
	a->s.latin = false;
	a->s.shift = a->s.book.contact.name[0] == '\0'; /* a capital to begin with */
}

static void draw(struct app *a, struct ui *u)
{
	/* What is kept, and for how long, is said where the visitor chooses how
	 * to be reached (book_reach.c): the keyboard keeps its full height here. */
	book_draw_entry(a, u, app_tr(a, "Your name"), app_tr(a, "Type your name"), NULL, "book.name.continue");
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (!book_entry_continue(a, action, arg))
		return NULL;
	/* The name alone: "no way to reach you" is the next screen's business. */
	struct booking_contact only = {0};
	memcpy(only.name, b->contact.name, sizeof only.name);
	enum booking_contact_problem p = booking_contact_check(&only);
	book_wipe(&only, sizeof only);
	if (p == BOOKING_CONTACT_NO_NAME || p == BOOKING_CONTACT_ID_NUMBER) {
		b->problem = p;
		return NULL;
	}
	/* A phone meeting needs the phone number: nothing to choose. */
	return b->mode == BOOKING_PHONE ? &screen_book_phone : &screen_book_reach;
}

const struct screen screen_book_contact = {
	.name = "book.contact",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.takes_text = true,
	.text = book_field_text,
};
