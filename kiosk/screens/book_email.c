/*
 * Book an appointment, step 5b: the e-mail address, on a Latin keyboard with
 * the keys addresses need ("@", ".", ".com" and the country's ending).
 * Personal, like the name: kept in the session only until the booking is
 * sent.
 */
#include "book_private.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	a->s.book.field = BOOK_FIELD_EMAIL;
	a->s.book.problem = BOOKING_CONTACT_OK;
	a->s.numpad = false;
	a->s.shift = false;
	/* One way to reach the visitor: the one they chose. */
	book_wipe(a->s.book.contact.phone, sizeof a->s.book.contact.phone);
}

static void draw(struct app *a, struct ui *u)
{
	char note[400];
	book_privacy_note(a, BOOK_FIELD_EMAIL, note, sizeof note);
	book_draw_entry(a, u, app_tr(a, "Your e-mail address"), app_tr(a, "Type your e-mail address"), note,
			"book.email.continue");
}

const struct screen screen_book_email = {
	.name = "book.email",
	.enter = enter,
	.draw = draw,
	.on_action = book_reach_action,
	.takes_text = true,
	.text = book_field_text,
};
