/*
 * Change or cancel an appointment, step 2: the second check, so that a
 * reference alone (printed, not secret) cannot cancel somebody's meeting:
 * the last 4 digits of the phone number on the number pad, or the first 4
 * letters of the e-mail address on the Latin keyboard, as the booking asks.
 * The backend compares it when cancelling or moving; when it refuses, the
 * visitor comes back here, and after APP_CHECK_TRIES refusals in one visit
 * the kiosk stops asking and sends them to the desk. Then cancel asks "Are
 * you sure?" (manage_confirm.c), and move goes to the calendar of the same
 * service and contact mode (the booking flow, book_day.c).
 */
#include <stdio.h>
#include <string.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

static bool phone(const struct app *a)
{
	return a->s.book.record.check_kind != 'e';
}

static struct checkin_entry entry(const struct app *a, char *placeholder, size_t cap)
{
	const char *what = phone(a) ? app_tr(a, "The last 4 digits of your phone number")
				    : app_tr(a, "The first 4 letters of your e-mail address");
	/* After a refusal the visitor knows what to type: the field says it did not match. */
	bool failed = a->s.book.check_failures > 0;
	snprintf(placeholder, cap, "%s", failed ? app_tr(a, "That did not match. Please try again.") : what);
	return (struct checkin_entry){
		.continue_id = "manage-check.continue",
		.placeholder = placeholder,
		.problem = failed,
		.latin_only = !phone(a),
		.ready_len = 4,
	};
}

static void draw(struct app *a, struct ui *u)
{
	const char *title = a->s.book.manage_move ? app_tr(a, "Move it to another time")
						  : app_tr(a, "Cancel this appointment");
	/* Where there is a title band, it asks for the check: the field's own
	 * words go once something is typed. */
	const char *ask = phone(a) ? app_tr(a, "The last 4 digits of your phone number")
				   : app_tr(a, "The first 4 letters of your e-mail address");
	if (a->s.book.check_failures >= APP_CHECK_TRIES) {
		char body[320];
		checkin_ask(a, body, sizeof body);
		checkin_statement(a, u, title, app_tr(a, "We cannot change this appointment here."), body,
				  "manage-check.home", APP_ACT_HOME, app_tr(a, "Back to the start page"), NULL, 0,
				  NULL);
		return;
	}
	char placeholder[256];
	struct checkin_entry e = entry(a, placeholder, sizeof placeholder);
	struct ui_rect c = app_chrome(a, u, checkin_compact(u) ? NULL : ask);
	checkin_entry_draw(a, u, c, &e);
}

static void enter(struct app *a)
{
	/* What was typed for the check is not left on screen. */
	memset(a->s.field, 0, sizeof a->s.field);
	checkin_entry_reset(a);
	a->s.numpad = phone(a);
}

/* The check from what was typed: the last 4 digits (a visitor may type the
 * whole number), or the first 4 characters. False when there are too few. */
static bool take_check(struct app *a)
{
	char *check = a->s.book.check;
	size_t cap = sizeof a->s.book.check;
	const char *f = a->s.field;
	if (phone(a)) {
		char digits[5] = "";
		int n = 0;
		for (const char *p = f; *p; p++) {
			if (*p < '0' || *p > '9')
				continue;
			if (n == 4) {
				memmove(digits, digits + 1, 3);
				n = 3;
			}
			digits[n++] = *p;
			digits[n] = '\0';
		}
		if (n < 4)
			return false;
		snprintf(check, cap, "%s", digits);
		return true;
	}
	size_t bytes = 0;
	int chars = 0;
	while (f[bytes] && chars < 4) {
		bytes++;
		while (((unsigned char)f[bytes] & 0xC0) == 0x80)
			bytes++;
		chars++;
	}
	if (chars < 4 || bytes >= cap)
		return false;
	memcpy(check, f, bytes);
	check[bytes] = '\0';
	return true;
}

/* Moving: the booking flow picks a new time for the same service and mode. */
static const struct screen *move(struct app *a)
{
	struct app_booking *b = &a->s.book;
	int index = -1;
	if (!checkin_service(a, &index))
		return NULL;
	b->moving = true;
	b->service = index;
	b->mode = b->record.mode;
	b->day = -1;
	b->month = 0;
	b->start = b->end = 0;
	b->have_slots = false;
	b->rehold = false;
	b->sent = false;
	return &screen_book_day;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	char placeholder[256];
	struct checkin_entry e = entry(a, placeholder, sizeof placeholder);
	if (a->s.book.check_failures >= APP_CHECK_TRIES)
		return NULL;
	if (checkin_entry_action(a, &e, action, arg))
		return NULL;
	if (action != CHECKIN_ACT_CONTINUE && action != APP_ACT_ENTER)
		return NULL;
	if (!take_check(a))
		return NULL;
	memset(a->s.field, 0, sizeof a->s.field);
	return a->s.book.manage_move ? move(a) : &screen_manage_confirm;
}

const struct screen screen_manage_check = {
	.name = "manage-check",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.takes_text = true,
};
