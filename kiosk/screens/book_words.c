/*
 * Book an appointment, step 6b: what the meeting is about in the visitor's
 * own words, at most 120 bytes on the keyboard of their script. Personal:
 * sent with the booking and wiped from the kiosk; an ID number in it is
 * refused, as everywhere.
 */
#include "book_private.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	a->s.book.field = BOOK_FIELD_WORDS;
	a->s.book.problem = BOOKING_CONTACT_OK;
	a->s.numpad = false;
	a->s.latin = false;
	a->s.shift = a->s.book.reason_text[0] == '\0';
}

static void draw(struct app *a, struct ui *u)
{
	book_draw_entry(a, u, app_tr(a, "In your own words"), app_tr(a, "A few words about your appointment"),
			app_tr(a, "A few words are enough. Please do not write your CPR or ID number."),
			"book.words.continue");
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (!book_entry_continue(a, action, arg))
		return NULL;
	if (book_text_has_id(b->reason_text)) {
		b->problem = BOOKING_CONTACT_ID_NUMBER;
		return NULL;
	}
	b->reason = -1;
	return &screen_book_review;
}

const struct screen screen_book_words = {
	.name = "book.words",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.takes_text = true,
	.text = book_field_text,
};
