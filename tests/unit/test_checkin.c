/*
 * "I have an appointment" through the pure application: check-in with a
 * typed or scanned reference, cancel and move, each backend answer played
 * in by hand as the shell would hand it over (app_on_booking), with the
 * demo site's services. No display; time passed in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fake_app.h"
#include "kiosk/app.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"

static struct config cfg;
static struct app app;
static struct draw_list dl;
static struct services services;
static struct tz zone;
static struct booking_reply reply; /* ~50 KB: not on the stack */
static uint64_t now = 1000;

static int64_t at(int h, int m)
{
	int64_t t;
	tz_from_local(&zone, 2026, 11, 23, h, m, &t);
	return t;
}

static int setup(void **state)
{
	(void)state;
	fake_app_config(&cfg, "Test office");
	fake_app_panel(&cfg);
	snprintf(cfg.help_desk, sizeof cfg.help_desk, "the reception desk");
	if (!fake_app_init(&app, &cfg, &services))
		return -1;
	tz_fixed(&zone, "CET", 3600);
	app.zone = &zone;
	app.utc = at(9, 10);
	app.local.weekday = 0;
	app.local.minute = 9 * 60 + 10;
	snprintf(app.local.day, sizeof app.local.day, "2026-11-23");
	app.booking_backend = APP_BOOKING_EMBEDDED;
	now = 1000;
	return 0;
}

static void draw(void)
{
	fake_app_draw(&app, &dl);
}

static void tap(const char *id)
{
	now += 100;
	fake_app_tap(&app, &dl, id, now);
}

/* A scanner: the text as keystrokes, then Return, with no frame between. */
static void scan(const char *text)
{
	now += 10;
	app_type(&app, text, now);
	app_key(&app, APP_KEY_ACTIVATE, now);
}

/* Whether the screen says needle: its lines joined by spaces, as wrapped. */
static bool drawn(const char *needle)
{
	draw();
	return strstr(fake_app_text(&dl), needle) != NULL;
}

static void assert_drawn(const char *needle)
{
	if (!drawn(needle))
		fail_msg("\"%s\" is not on screen %s", needle, app.screen->name);
}

/* The last booking request queued, or NULL; the queue is then emptied. */
static const struct booking_request *sent(void)
{
	static struct booking_request last;
	const struct booking_request *found = NULL;
	for (int i = 0; i < app.nreq; i++) {
		if (app.req[i].kind == APP_REQ_BOOKING) {
			last = app.req[i].booking;
			found = &last;
		}
	}
	return found;
}

static int slips_queued(void)
{
	int n = 0;
	for (int i = 0; i < app.nreq; i++)
		n += app.req[i].kind == APP_REQ_PRINT_SLIP;
	return n;
}

/* The backend's answer to the request in flight. */
static void answer(enum booking_op op, enum booking_status status)
{
	memset(&reply, 0, sizeof reply);
	reply.op = op;
	reply.serial = app.s.book.serial;
	reply.status = status;
	reply.booking.ahead = -1;
	app.nreq = 0;
	app_on_booking(&app, &reply);
}

/* The booking the backend knows: pension, in person, 09:30-09:50. */
static void booking(struct booking_record *r, enum booking_state state)
{
	snprintf(r->reference, sizeof r->reference, "K7R49X");
	snprintf(r->service, sizeof r->service, "pension");
	r->mode = BOOKING_IN_PERSON;
	r->state = state;
	r->start = at(9, 30);
	r->end = at(9, 50);
	r->check_kind = 'p';
	r->ahead = -1;
}

static void answer_found(enum booking_state state, enum booking_mode mode)
{
	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_FIND;
	reply.serial = app.s.book.serial;
	reply.status = BOOKING_OK;
	booking(&reply.booking, state);
	reply.booking.mode = mode;
	app.nreq = 0;
	app_on_booking(&app, &reply);
}

static void to_checkin(void)
{
	tap("attract.start");
	app_set_lang(&app, 1);
	tap("home.checkin");
	assert_string_equal(app.screen->name, "checkin");
}

static void checkin_a_scanned_link_checks_in_at_once_and_prints_the_queue_number(void **state)
{
	(void)state;
	app.printer_configured = true;
	to_checkin();
	tap("checkin.arrived");
	app.nreq = 0;
	scan("https://borger.example.dk/b/k7r-49x");
	const struct booking_request *r = sent();
	assert_non_null(r);
	assert_int_equal(r->op, BOOKING_OP_FIND);
	assert_string_equal(r->reference, "K7R49X");
	assert_string_equal(app.screen->name, "checkin-ref");
	/* The field shows the reference as printed, not the link. */
	assert_string_equal(app.s.field, "K7R-49X");
	assert_drawn("One moment, please...");

	answer_found(BOOKING_BOOKED, BOOKING_IN_PERSON);
	r = sent();
	assert_non_null(r);
	assert_int_equal(r->op, BOOKING_OP_CHECKIN);
	assert_string_equal(r->reference, "K7R49X");

	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_CHECKIN;
	reply.serial = app.s.book.serial;
	booking(&reply.booking, BOOKING_ARRIVED);
	snprintf(reply.booking.number, sizeof reply.booking.number, "T012");
	reply.booking.ahead = 2;
	app.nreq = 0;
	app_on_booking(&app, &reply);
	assert_string_equal(app.screen->name, "checkin-done");
	assert_drawn("Welcome, you are checked in.");
	assert_drawn("T012");
	assert_drawn("2 people are ahead of you.");
	assert_drawn("Please take your ticket from the printer.");
	assert_int_equal(slips_queued(), 1);
	assert_string_equal(app.slip.big, "T012");
	/* Back from the language screen, it is not printed twice. */
	app.nreq = 0;
	tap("nav.language");
	tap("nav.back");
	assert_string_equal(app.screen->name, "checkin-done");
	assert_int_equal(slips_queued(), 0);
	/* The printer says it is done. */
	struct app_msg m = {APP_MSG_PRINT_DONE, 0, 0};
	app_on_msg(&app, &m);
	assert_int_equal(app.s.book.slip_print, APP_PRINT_DONE);
	tap("checkin-done.done");
	assert_string_equal(app.screen->name, "attract");
}

static void checkin_a_scan_on_the_first_screen_needs_no_choice(void **state)
{
	(void)state;
	to_checkin();
	app.nreq = 0;
	scan("K7R 49X");
	const struct booking_request *r = sent();
	assert_non_null(r);
	assert_int_equal(r->op, BOOKING_OP_FIND);
	assert_string_equal(r->reference, "K7R49X");
	assert_string_equal(app.screen->name, "checkin-ref");
	assert_false(app.s.book.manage);
}

static void checkin_what_is_not_a_reference_is_said_plainly_and_can_be_corrected(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.arrived");
	app.nreq = 0;
	scan("hello");
	assert_null(sent());
	assert_int_equal(app.s.book.ref_problem, APP_REF_MALFORMED);
	assert_drawn("This is not a booking reference.");
	assert_drawn("A booking reference has 6 letters and digits, like K7R-49X.");
	assert_drawn("hello");
	tap("checkin.again");
	assert_string_equal(app.s.field, "hello");
	assert_int_equal(app.s.book.ref_problem, APP_REF_OK);
	draw();
	assert_non_null(draw_list_find(&dl, "kbd.backspace"));
}

static void checkin_an_unknown_reference_is_said_and_a_new_scan_starts_afresh(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.arrived");
	scan("K7R-49X");
	answer(BOOKING_OP_FIND, BOOKING_UNKNOWN);
	assert_string_equal(app.screen->name, "checkin-ref");
	assert_drawn("We cannot find this reference.");
	assert_drawn("Please check it, or ask at the reception desk.");
	assert_drawn("K7R-49X");
	/* The next scan is not glued to the last. */
	scan("K7R-49Y");
	const struct booking_request *r = sent();
	assert_non_null(r);
	assert_string_equal(r->reference, "K7R49Y");
}

static void checkin_early_and_late_say_until_or_from_when_in_local_time(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.arrived");
	scan("K7R-49X");
	answer_found(BOOKING_BOOKED, BOOKING_IN_PERSON);
	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_CHECKIN;
	reply.serial = app.s.book.serial;
	reply.status = BOOKING_TOO_EARLY;
	reply.window_from = at(9, 0);
	reply.window_to = at(9, 40);
	app_on_booking(&app, &reply);
	assert_string_equal(app.screen->name, "checkin-done");
	assert_drawn("You are early.");
	assert_drawn("Check-in opens at 09:00. Please come back then.");
	assert_int_equal(slips_queued(), 0);

	app.s.book.status = BOOKING_TOO_LATE;
	app.dirty = true;
	assert_drawn("Your appointment was at 09:30. Check-in closed at 09:40. Please ask at the reception desk.");
}

static void checkin_for_a_phone_meeting_gives_the_instructions_and_prints_them_on_request(void **state)
{
	(void)state;
	app.printer_configured = true;
	to_checkin();
	tap("checkin.arrived");
	scan("K7R-49X");
	answer_found(BOOKING_BOOKED, BOOKING_PHONE);
	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_CHECKIN;
	reply.serial = app.s.book.serial;
	booking(&reply.booking, BOOKING_ARRIVED);
	reply.booking.mode = BOOKING_PHONE;
	app.nreq = 0;
	app_on_booking(&app, &reply);
	assert_drawn("You are checked in.");
	assert_drawn("Your adviser will call you at 09:30 on the number you gave.");
	assert_int_equal(slips_queued(), 0);
	tap("checkin-done.print");
	assert_int_equal(slips_queued(), 1);
	assert_string_equal(app.slip.note, "Your adviser will call you at 09:30 on the number you gave.");
	assert_drawn("Please take your slip from the printer.");
	draw();
	assert_null(draw_list_find(&dl, "checkin-done.print"));
}

static void checkin_a_cancelled_booking_is_not_checked_in(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.arrived");
	scan("K7R-49X");
	answer_found(BOOKING_CANCELLED, BOOKING_IN_PERSON);
	assert_null(sent());
	assert_string_equal(app.screen->name, "checkin-done");
	assert_drawn("This appointment was cancelled.");
}

static void checkin_without_the_backend_offers_a_queue_ticket(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.arrived");
	scan("K7R-49X");
	answer(BOOKING_OP_FIND, BOOKING_UNREACHABLE);
	assert_string_equal(app.screen->name, "checkin-done");
	assert_drawn("We cannot check you in right now.");
	tap("checkin-done.queue");
	assert_string_equal(app.screen->name, "ticket");
}

/* Change or cancel: the reference, then the booking shown. */
static void to_manage(void)
{
	to_checkin();
	tap("checkin.manage");
	assert_string_equal(app.screen->name, "checkin-ref");
	assert_drawn("Change or cancel an appointment");
	scan("K7R-49X");
	answer_found(BOOKING_BOOKED, BOOKING_IN_PERSON);
	assert_string_equal(app.screen->name, "manage");
}

static void manage_shows_the_service_day_time_and_how_of_the_booking_found(void **state)
{
	(void)state;
	to_manage();
	assert_drawn("Pensions and housing benefit");
	assert_drawn("Monday 23 November 2026, 09:30");
	assert_drawn("In person");
	draw();
	assert_non_null(draw_list_find(&dl, "manage.cancel"));
	assert_non_null(draw_list_find(&dl, "manage.move"));
}

static void manage_cancel_asks_the_check_and_are_you_sure_then_prints_a_slip(void **state)
{
	(void)state;
	app.printer_configured = true;
	to_manage();
	tap("manage.cancel");
	assert_string_equal(app.screen->name, "manage-check");
	assert_true(app.s.numpad);
	assert_drawn("The last 4 digits of your phone number");
	/* Typed on the pad; a visitor who types the whole number is fine too. */
	tap("kbd.r0c0");
	draw();
	assert_null(draw_list_find(&dl, "manage-check.continue"));
	scan("2 43 65 87");
	assert_string_equal(app.s.book.check, "6587");
	assert_string_equal(app.s.field, "");
	assert_string_equal(app.screen->name, "manage-confirm");
	assert_drawn("Are you sure?");
	app.nreq = 0;
	tap("manage-confirm.yes");
	const struct booking_request *r = sent();
	assert_non_null(r);
	assert_int_equal(r->op, BOOKING_OP_CANCEL);
	assert_string_equal(r->reference, "K7R49X");
	assert_string_equal(r->check, "6587");
	assert_drawn("One moment, please...");

	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_CANCEL;
	reply.serial = app.s.book.serial;
	booking(&reply.booking, BOOKING_CANCELLED);
	app.nreq = 0;
	app_on_booking(&app, &reply);
	assert_string_equal(app.screen->name, "manage-done");
	assert_drawn("Your appointment is cancelled.");
	assert_int_equal(slips_queued(), 1);
	assert_string_equal(app.slip.title, "Your appointment is cancelled");
	/* Back from there: nothing is left to confirm. */
	tap("nav.back");
	assert_string_equal(app.screen->name, "manage-confirm");
	assert_drawn("This appointment was cancelled.");
	assert_null(draw_list_find(&dl, "manage-confirm.yes"));
}

static void manage_a_wrong_check_is_asked_again_and_three_refusals_send_to_the_desk(void **state)
{
	(void)state;
	to_manage();
	tap("manage.cancel");
	for (int i = 1; i <= APP_CHECK_TRIES; i++) {
		assert_string_equal(app.screen->name, "manage-check");
		scan("1111");
		tap("manage-confirm.yes");
		answer(BOOKING_OP_CANCEL, BOOKING_CHECK_FAILED);
		assert_string_equal(app.screen->name, "manage-check");
		assert_int_equal(app.s.book.check_failures, i);
		if (i < APP_CHECK_TRIES)
			assert_drawn("That did not match. Please try again.");
	}
	assert_drawn("We cannot change this appointment here.");
	assert_drawn("Please ask at the reception desk.");
	app.nreq = 0;
	scan("6587");
	assert_string_equal(app.screen->name, "manage-check");
	assert_null(sent());
	/* Back still leads to the booking, not to "Are you sure?". */
	tap("nav.back");
	assert_string_equal(app.screen->name, "manage");
	/* Starting again in the same visit does not reset the count. */
	tap("nav.home");
	tap("home.checkin");
	tap("checkin.manage");
	scan("K7R-49X");
	answer_found(BOOKING_BOOKED, BOOKING_IN_PERSON);
	tap("manage.cancel");
	assert_drawn("We cannot change this appointment here.");
}

/* The backend counts wrong checks over every visit and kiosk: a booking
 * that takes none for now sends the visitor to the desk at the first try. */
static void manage_a_booking_locked_for_wrong_checks_sends_to_the_desk_at_once(void **state)
{
	(void)state;
	to_manage();
	tap("manage.cancel");
	scan("4455");
	tap("manage-confirm.yes");
	answer(BOOKING_OP_CANCEL, BOOKING_CHECK_LOCKED);
	assert_string_equal(app.screen->name, "manage-check");
	assert_int_equal(app.s.book.check_failures, APP_CHECK_TRIES);
	assert_drawn("We cannot change this appointment here.");
	assert_drawn("Please ask at the reception desk.");
	app.nreq = 0;
	scan("4455");
	assert_null(sent());
}

static void manage_no_keeps_the_appointment(void **state)
{
	(void)state;
	to_manage();
	tap("manage.cancel");
	scan("6587");
	app.nreq = 0;
	tap("manage-confirm.no");
	assert_string_equal(app.screen->name, "manage");
	assert_null(sent());
	assert_string_equal(app.s.book.check, "");
}

static void manage_move_goes_to_the_calendar_of_the_same_service_and_mode(void **state)
{
	(void)state;
	to_manage();
	tap("manage.move");
	assert_string_equal(app.screen->name, "manage-check");
	scan("6587");
	assert_string_equal(app.screen->name, "book.day");
	const struct app_booking *b = &app.s.book;
	assert_true(b->moving);
	assert_string_equal(services.s[b->service].id, "pension");
	assert_int_equal(b->mode, BOOKING_IN_PERSON);
	assert_string_equal(b->reference, "K7R49X");
	assert_string_equal(b->check, "6587");
}

static void manage_an_e_mail_check_takes_the_first_four_letters_on_the_latin_keyboard(void **state)
{
	(void)state;
	to_checkin();
	tap("checkin.manage");
	scan("K7R-49X");
	memset(&reply, 0, sizeof reply);
	reply.op = BOOKING_OP_FIND;
	reply.serial = app.s.book.serial;
	booking(&reply.booking, BOOKING_BOOKED);
	reply.booking.check_kind = 'e';
	app_on_booking(&app, &reply);
	/* An Arabic visitor too gets the Latin letters, and no switch away from them. */
	app_set_lang(&app, 2);
	tap("manage.cancel");
	assert_false(app.s.numpad);
	draw();
	assert_null(draw_list_find(&dl, "kbd.latin"));
	assert_non_null(draw_list_find(&dl, "kbd.shift")); /* only a cased script has one */
	app_set_lang(&app, 1);
	assert_drawn("The first 4 letters of your e-mail address");
	scan("KarE");
	assert_string_equal(app.s.book.check, "KarE");
	assert_string_equal(app.screen->name, "manage-confirm");
}

static void manage_a_booking_already_over_cannot_be_changed(void **state)
{
	(void)state;
	to_manage();
	app.utc = at(10, 0);
	assert_drawn("This appointment cannot be changed any more.");
	draw();
	assert_null(draw_list_find(&dl, "manage.cancel"));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(checkin_a_scanned_link_checks_in_at_once_and_prints_the_queue_number),
		T(checkin_a_scan_on_the_first_screen_needs_no_choice),
		T(checkin_what_is_not_a_reference_is_said_plainly_and_can_be_corrected),
		T(checkin_an_unknown_reference_is_said_and_a_new_scan_starts_afresh),
		T(checkin_early_and_late_say_until_or_from_when_in_local_time),
		T(checkin_for_a_phone_meeting_gives_the_instructions_and_prints_them_on_request),
		T(checkin_a_cancelled_booking_is_not_checked_in),
		T(checkin_without_the_backend_offers_a_queue_ticket),
		T(manage_shows_the_service_day_time_and_how_of_the_booking_found),
		T(manage_cancel_asks_the_check_and_are_you_sure_then_prints_a_slip),
		T(manage_a_wrong_check_is_asked_again_and_three_refusals_send_to_the_desk),
		T(manage_a_booking_locked_for_wrong_checks_sends_to_the_desk_at_once),
		T(manage_no_keeps_the_appointment),
		T(manage_move_goes_to_the_calendar_of_the_same_service_and_mode),
		T(manage_an_e_mail_check_takes_the_first_four_letters_on_the_latin_keyboard),
		T(manage_a_booking_already_over_cannot_be_changed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
