/*
 * Book an appointment, step 5b: the phone number, on a number pad (with "+"
 * for a number from abroad). Personal, like the name: kept in the session
 * only until the booking is sent.
 */
#include "book_private.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	a->s.book.field = BOOK_FIELD_PHONE;
	a->s.book.problem = BOOKING_CONTACT_OK;
	/* One way to reach the visitor: the one they chose. */
	book_wipe(a->s.book.contact.email, sizeof a->s.book.contact.email);
}

static void draw(struct app *a, struct ui *u)
{
	char note[400];
	book_privacy_note(a, BOOK_FIELD_PHONE, note, sizeof note);
	book_draw_entry(a, u, app_tr(a, "Your phone number"), app_tr(a, "Type your phone number"), note,
			"book.phone.continue");
}

const struct screen screen_book_phone = {
	.name = "book.phone",
	.enter = enter,
	.draw = draw,
	.on_action = book_reach_action,
	.takes_text = true,
	.text = book_field_text,
};
