/* Booking an appointment through the pure application: service, way of
 * meeting, day, time, contact details, reason, review, done, and the taken,
 * expired, unreachable and move paths. The backend is a fake that answers
 * each request the screens queue, as the shell would hand its reply over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_app.h"
#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/printer_state.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"

static struct config cfg;
static struct app app;
static struct draw_list dl;
static struct services services;
static struct tz zone;
static struct booking_reply reply; /* large: not on the stack */

static int64_t local_at(int y, int mo, int d, int h, int mi)
{
	int64_t t = 0;
	tz_from_local(&zone, y, mo, d, h, mi, &t);
	return t;
}

static int setup(void **state)
{
	(void)state;
	fake_app_config(&cfg, "Test office");
	fake_app_panel(&cfg);
	cfg.retention_days = 30;
	snprintf(cfg.booking_phone, sizeof cfg.booking_phone, "70 10 20 30");
	snprintf(cfg.booking_web, sizeof cfg.booking_web, "borger.dk");
	if (!fake_app_init(&app, &cfg, &services))
		return -1;
	FILE *f = fopen("/usr/share/zoneinfo/Europe/Copenhagen", "rb");
	if (!f)
		return -1;
	static unsigned char bytes[64 * 1024];
	size_t len = fread(bytes, 1, sizeof bytes, f);
	fclose(f);
	if (tz_parse(&zone, "Europe/Copenhagen", bytes, len) != KIOSK_OK)
		return -1;
	app.zone = &zone;
	app.booking_backend = APP_BOOKING_EMBEDDED;
	/* Monday 23 November 2026, 10:00 in Copenhagen. */
	app.local.weekday = 0;
	app.local.minute = 600;
	snprintf(app.local.day, sizeof app.local.day, "2026-11-23");
	app.utc = local_at(2026, 11, 23, 10, 0);
	return 0;
}

static void draw(void)
{
	fake_app_draw(&app, &dl);
}

static uint64_t clock_ms = 1000;

static void tap(const char *id)
{
	clock_ms += 100;
	fake_app_tap(&app, &dl, id, clock_ms);
}

static bool has_target(const char *id)
{
	draw();
	return draw_list_find(&dl, id) != NULL;
}

/* Whether the screen's text, its wrapped lines joined by spaces, says needle. */
static bool says(const char *needle)
{
	draw();
	return strstr(fake_app_text(&dl), needle) != NULL;
}

static void on(const char *screen)
{
	if (strcmp(app.screen->name, screen) != 0)
		fail_msg("expected screen %s, %s is showing", screen, app.screen->name);
}

/* The last booking request queued, or NULL. */
static const struct booking_request *sent(void)
{
	for (int i = app.nreq - 1; i >= 0; i--) {
		if (app.req[i].kind == APP_REQ_BOOKING)
			return &app.req[i].booking;
	}
	return NULL;
}

static int count_requests(enum booking_op op)
{
	int n = 0;
	for (int i = 0; i < app.nreq; i++)
		n += app.req[i].kind == APP_REQ_BOOKING && app.req[i].booking.op == op;
	return n;
}

static bool event(const char *type, const char *data)
{
	for (int i = 0; i < app.nreq; i++) {
		if (app.req[i].kind == APP_REQ_EVENT && strcmp(app.req[i].type, type) == 0 &&
		    (!data || strstr(app.req[i].data, data)))
			return true;
	}
	return false;
}

/* The fake backend's answer to the request in flight. */
static struct booking_reply *answer(enum booking_status status)
{
	const struct booking_request *r = sent();
	assert_non_null(r);
	memset(&reply, 0, sizeof reply);
	reply.op = r->op;
	reply.serial = app.s.book.serial;
	reply.status = status;
	return &reply;
}

/* Free slots every 30 minutes from 08:30, per_day a weekday, from local day
 * y-mo-d for days days. */
static void add_slots(struct booking_reply *r, int y, int mo, int d, int days, int per_day)
{
	int64_t first = tz_days_from_civil(y, mo, d);
	for (int64_t day = first; day < first + days; day++) {
		if (tz_weekday_of_days(day) >= 5)
			continue;
		int yy, mm, dd;
		tz_civil_from_days(day, &yy, &mm, &dd);
		for (int k = 0; k < per_day; k++) {
			struct booking_slot *s = &r->slots[r->nslots++];
			s->start = local_at(yy, mm, dd, 8 + (30 + 30 * k) / 60, (30 + 30 * k) % 60);
			s->end = s->start + 20 * 60;
			s->free = 1;
		}
	}
}

static void deliver(struct booking_reply *r)
{
	app_on_booking(&app, r);
}

/* Home → book → pensions → a way of meeting → the calendar with free days. */
static void to_calendar(const char *mode)
{
	tap("lang.en");
	tap("home.book");
	on("book.service");
	tap("book.pension");
	on("book.mode");
	tap(mode);
	on("book.day");
	struct booking_reply *r = answer(BOOKING_OK);
	add_slots(r, 2026, 11, 24, 40, 6);
	deliver(r);
}

static void to_contact(void)
{
	to_calendar("book.mode.in_person");
	tap("book.day.2026-11-24");
	on("book.time");
	tap("book.time.0900");
	struct booking_reply *r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-1");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.contact");
}

static void type_name(const char *name)
{
	snprintf(app.s.book.contact.name, sizeof app.s.book.contact.name, "%s", name);
}

/* From the contact details to the review: name, phone, the first reason. */
static void to_review(void)
{
	to_contact();
	type_name("Anne Jensen");
	tap("book.name.continue");
	on("book.reach");
	tap("book.reach.phone");
	on("book.phone");
	snprintf(app.s.book.contact.phone, sizeof app.s.book.contact.phone, "%s", "+45 12 34 56 78");
	tap("book.phone.continue");
	on("book.reason");
	tap("book.reason.new-pension");
	on("book.review");
}

static void booking_is_offered_on_home_only_where_a_service_can_be_booked(void **state)
{
	(void)state;
	tap("lang.en");
	assert_true(has_target("home.book"));
	app.booking_backend = APP_BOOKING_NONE;
	assert_false(has_target("home.book"));
	assert_true(has_target("home.ticket"));
	assert_true(has_target("home.checkin"));
	app.booking_backend = APP_BOOKING_EMBEDDED;
	for (int i = 0; i < services.count; i++)
		services.s[i].booking.offered = false;
	assert_false(has_target("home.book"));
}

static void booking_a_service_with_one_way_to_meet_goes_straight_to_the_calendar(void **state)
{
	(void)state;
	/* A service without booking rules is not listed. */
	struct service *digital = (struct service *)services_find(&services, "digital");
	assert_non_null(digital);
	digital->booking.offered = false;
	tap("lang.en");
	tap("home.book");
	on("book.service");
	assert_true(has_target("book.pension"));
	assert_false(has_target("book.digital"));
	digital->booking.offered = true;
	app.nreq = 0;
	tap("book.citizen");
	on("book.day");
	assert_true(event("kiosk.booking.started", "\"service\":\"citizen\",\"mode\":\"in_person\""));
	const struct booking_request *r = sent();
	assert_non_null(r);
	assert_int_equal(r->op, BOOKING_OP_AVAILABILITY);
	assert_string_equal(r->service, "citizen");
	assert_int_equal(r->mode, BOOKING_IN_PERSON);
	assert_true(r->from == app.utc);
	/* Up to the end of the horizon's last day, local midnight. */
	assert_true(r->to == local_at(2027, 1, 23, 0, 0));
	assert_true(says("Looking for free times..."));
	assert_false(has_target("book.day.2026-11-24"));
}

static void booking_each_way_to_meet_is_explained_with_its_weekdays(void **state)
{
	(void)state;
	tap("lang.en");
	tap("home.book");
	tap("book.pension");
	on("book.mode");
	assert_true(says("You meet an adviser here at the office."));
	assert_true(says("An adviser calls you at the time you choose."));
	assert_true(says("A video meeting on your phone, tablet or computer with a camera."));
	assert_true(says("Video meetings are on Mondays only."));
	/* In person and by phone are on every open day: nothing more is said. */
	assert_false(says("Phone meetings are on"));
	app.nreq = 0;
	tap("book.mode.video");
	on("book.day");
	assert_true(event("kiosk.booking.started", "\"mode\":\"video\""));
	assert_int_equal(sent()->mode, BOOKING_VIDEO);
}

static void booking_calendar_makes_buttons_of_free_days_only(void **state)
{
	(void)state;
	tap("lang.en");
	tap("home.book");
	tap("book.pension");
	tap("book.mode.in_person");
	struct booking_reply *r = answer(BOOKING_OK);
	r->slots[0] = (struct booking_slot){local_at(2026, 11, 24, 9, 0), local_at(2026, 11, 24, 9, 20), 1};
	r->slots[1] = (struct booking_slot){local_at(2026, 11, 26, 23, 30), local_at(2026, 11, 26, 23, 50), 1};
	r->nslots = 2;
	deliver(r);
	on("book.day");
	assert_true(says("November 2026"));
	assert_true(has_target("book.day.2026-11-24"));
	assert_true(has_target("book.day.2026-11-26")); /* local day, not the UTC one */
	assert_false(has_target("book.day.2026-11-25"));
	assert_false(has_target("book.day.2026-11-27"));
	assert_false(has_target("book.month.prev"));
	assert_true(has_target("book.month.next"));
	tap("book.month.next");
	assert_true(says("December 2026"));
	assert_false(has_target("book.day.2026-12-01"));
	tap("book.month.next");
	assert_true(says("January 2027"));
	assert_false(has_target("book.month.next")); /* the horizon ends in January */
	tap("book.month.prev");
	tap("book.month.prev");
	tap("book.day.2026-11-26");
	on("book.time");
	assert_true(says("Thursday 26 November"));
	assert_true(has_target("book.time.2330"));
	assert_false(has_target("book.time.0900"));
}

static void booking_calendar_opens_on_the_month_of_the_first_free_day(void **state)
{
	(void)state;
	tap("lang.en");
	tap("home.book");
	tap("book.pension");
	tap("book.mode.phone");
	struct booking_reply *r = answer(BOOKING_OK);
	add_slots(r, 2026, 12, 7, 3, 2);
	deliver(r);
	assert_true(says("December 2026"));
	assert_true(has_target("book.day.2026-12-07"));
	assert_true(has_target("book.month.prev"));
}

static void booking_without_free_days_says_so_and_gives_the_other_ways(void **state)
{
	(void)state;
	tap("lang.en");
	tap("home.book");
	tap("book.citizen");
	deliver(answer(BOOKING_OK));
	on("book.day");
	assert_true(says("There are no free times in the next 60 days."));
	assert_true(says("You can also book by phone on 70 10 20 30, or online at borger.dk."));
}

static void booking_unreachable_backend_books_nothing_and_offers_a_queue_number(void **state)
{
	(void)state;
	tap("lang.en");
	tap("home.book");
	tap("book.citizen");
	deliver(answer(BOOKING_UNREACHABLE));
	on("book.offline");
	assert_true(says("Booking is not possible at this kiosk right now."));
	assert_true(says("Nothing was booked."));
	assert_true(says("70 10 20 30"));
	/* Without a printer there is nothing to print. */
	assert_false(has_target("book.offline.print"));
	app.printer_configured = true;
	app.nreq = 0;
	tap("book.offline.print");
	assert_int_equal(app.req[app.nreq - 1].kind, APP_REQ_PRINT_SLIP);
	assert_int_equal(app.s.book.slip_print, APP_PRINT_BUSY);
	assert_true(says("Printing..."));
	tap("book.offline.ticket");
	on("ticket");
}

static void booking_a_time_is_held_and_a_second_tap_while_waiting_does_nothing(void **state)
{
	(void)state;
	to_calendar("book.mode.in_person");
	tap("book.day.2026-11-24");
	app.nreq = 0;
	tap("book.time.0900");
	assert_int_equal(count_requests(BOOKING_OP_HOLD), 1);
	assert_true(sent()->start == local_at(2026, 11, 24, 9, 0));
	assert_string_equal(sent()->service, "pension");
	assert_true(says("keeping this time for you"));
	/* The times are not buttons while the backend works. */
	assert_false(has_target("book.time.0930"));
	app_activate(&app, APP_ACT_SCREEN + 20, 1, clock_ms); /* a time, tapped again */
	assert_int_equal(count_requests(BOOKING_OP_HOLD), 1);
	on("book.time");
	struct booking_reply *r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-1");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.contact");
	assert_string_equal(app.s.book.hold, "hold-1");
}

static void booking_a_taken_time_offers_the_nearest_free_ones(void **state)
{
	(void)state;
	to_calendar("book.mode.in_person");
	tap("book.day.2026-11-24");
	tap("book.time.0900");
	struct booking_reply *r = answer(BOOKING_SLOT_TAKEN);
	add_slots(r, 2026, 11, 24, 1, 3);
	deliver(r);
	on("book.taken");
	assert_true(says("Sorry, someone else just booked this time."));
	assert_true(says("Tuesday 24 November 2026, 09:30"));
	app.nreq = 0;
	tap("book.near.2");
	assert_int_equal(sent()->op, BOOKING_OP_HOLD);
	assert_true(sent()->start == local_at(2026, 11, 24, 9, 30));
	/* Taken again: the new nearest show, still on this screen. */
	r = answer(BOOKING_SLOT_TAKEN);
	add_slots(r, 2026, 11, 25, 1, 1);
	deliver(r);
	on("book.taken");
	assert_true(says("Wednesday 25 November 2026, 08:30"));
	tap("book.near.0");
	r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-2");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.contact");
	assert_true(app.s.book.day == tz_days_from_civil(2026, 11, 25));
}

static void booking_another_day_from_the_taken_screen_asks_for_free_times_again(void **state)
{
	(void)state;
	to_calendar("book.mode.in_person");
	tap("book.day.2026-11-24");
	tap("book.time.0900");
	deliver(answer(BOOKING_SLOT_TAKEN));
	on("book.taken");
	assert_true(says("There are no other free times near it."));
	app.nreq = 0;
	tap("book.taken.day");
	on("book.day");
	assert_int_equal(sent()->op, BOOKING_OP_AVAILABILITY);
	/* Back from the calendar leads out of the booking, not to the taken screen. */
	tap("nav.back");
	on("book.mode");
}

static void booking_back_from_the_contact_details_gives_the_held_time_back(void **state)
{
	(void)state;
	to_contact();
	app.nreq = 0;
	tap("nav.back");
	on("book.time");
	assert_int_equal(count_requests(BOOKING_OP_RELEASE), 1);
	assert_string_equal(sent()->hold, "hold-1");
	assert_string_equal(app.s.book.hold, "");
	assert_false(app.s.book.waiting); /* nobody waits for a release */
	assert_true(has_target("book.time.0930"));
}

static void booking_the_session_ending_gives_the_held_time_back(void **state)
{
	(void)state;
	to_contact();
	app.nreq = 0;
	app_end_session(&app, "idle");
	assert_int_equal(count_requests(BOOKING_OP_RELEASE), 1);
	assert_string_equal(sent()->hold, "hold-1");
}

static void booking_the_name_is_typed_on_the_keyboard_with_a_capital_first(void **state)
{
	(void)state;
	to_contact();
	assert_false(has_target("book.name.continue")); /* nothing typed yet */
	tap("kbd.r2c0");               /* a */
	tap("kbd.r2c1");               /* s */
	tap("kbd.space");
	tap("kbd.r1c2");               /* e */
	assert_string_equal(app.s.book.contact.name, "As E");
	tap("kbd.backspace");
	tap("kbd.backspace");
	assert_string_equal(app.s.book.contact.name, "As");
	tap("book.name.continue");
	on("book.reach");
	assert_true(says("We keep your name and your phone number or e-mail address only for this appointment, and "
			 "delete them 30 days after it."));
	assert_true(says("We never ask for your CPR or ID number."));
}

static void booking_a_physical_keyboard_types_the_contact_details_and_return_goes_on(void **state)
{
	(void)state;
	to_contact();
	app_type(&app, "Anne Jensenx", 0);
	app_key(&app, APP_KEY_ERASE, 0);
	assert_string_equal(app.s.book.contact.name, "Anne Jensen");
	app_key(&app, APP_KEY_ACTIVATE, 0);
	on("book.reach");
	tap("book.reach.email");
	on("book.email");
	app_type(&app, "anne@example.org", 0);
	assert_string_equal(app.s.book.contact.email, "anne@example.org");
	assert_string_equal(app.s.field, ""); /* nothing typed went anywhere else */
	app_key(&app, APP_KEY_ACTIVATE, 0);
	on("book.reason");
}

static void booking_an_id_number_is_refused_in_plain_words(void **state)
{
	(void)state;
	to_contact();
	type_name("010190-1234");
	tap("book.name.continue");
	on("book.contact");
	assert_true(says("Please do not type your CPR or ID number. We never need it."));
	/* Typing again takes the complaint away. */
	tap("kbd.backspace");
	assert_false(says("CPR"));
	type_name("A");
	tap("book.name.continue");
	on("book.contact");
	assert_true(says("Please type your name."));
	type_name("Anne");
	tap("book.name.continue");
	tap("book.reach.phone");
	snprintf(app.s.book.contact.phone, sizeof app.s.book.contact.phone, "%s", "010190-1234");
	tap("book.phone.continue");
	on("book.phone");
	assert_true(says("Please do not type your CPR or ID number."));
	snprintf(app.s.book.contact.phone, sizeof app.s.book.contact.phone, "%s", "123");
	tap("book.phone.continue");
	assert_true(says("This does not look like a phone number. Please check it."));
}

static void booking_a_phone_number_is_typed_on_a_pad_with_a_plus(void **state)
{
	(void)state;
	to_contact();
	type_name("Anne");
	tap("book.name.continue");
	tap("book.reach.phone");
	tap("kbd.mode"); /* the pad's "+" */
	tap("kbd.r0c0");
	tap("kbd.r0c1");
	tap("kbd.mode"); /* only in front */
	assert_string_equal(app.s.book.contact.phone, "+12");
	assert_true(says("We keep your name and phone number only for this appointment, and delete them 30 days "
			 "after it."));
}

static void booking_an_email_address_has_keys_for_at_and_the_endings(void **state)
{
	(void)state;
	to_contact();
	type_name("Anne");
	tap("book.name.continue");
	tap("book.reach.email");
	on("book.email");
	tap("kbd.r2c0"); /* a: Latin, lower case */
	tap("book.extra.0");
	tap("kbd.r2c0");
	tap("book.extra.3"); /* the country's ending, from the booking address */
	assert_string_equal(app.s.book.contact.email, "a@a.dk");
	tap("book.email.continue");
	on("book.reason");
	tap("nav.back");
	snprintf(app.s.book.contact.email, sizeof app.s.book.contact.email, "%s", "a@a");
	tap("book.email.continue");
	assert_true(says("This does not look like an e-mail address. Please check it."));
}

static void booking_a_phone_meeting_asks_for_the_phone_number_without_a_choice(void **state)
{
	(void)state;
	to_calendar("book.mode.phone");
	tap("book.day.2026-11-24");
	tap("book.time.0900");
	struct booking_reply *r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-1");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	type_name("Anne");
	tap("book.name.continue");
	on("book.phone");
}

static void booking_own_words_with_an_id_number_are_refused(void **state)
{
	(void)state;
	to_review();
	tap("nav.back");
	on("book.reason");
	tap("book.reason.words");
	on("book.words");
	snprintf(app.s.book.reason_text, sizeof app.s.book.reason_text, "%s",
		 "About my pension and my housing benefit, my number is 010190-1234, thank you very much");
	tap("book.words.continue");
	on("book.words");
	assert_true(says("Please do not type your CPR or ID number."));
	snprintf(app.s.book.reason_text, sizeof app.s.book.reason_text, "%s", "About my pension");
	tap("book.words.continue");
	on("book.review");
	assert_int_equal(app.s.book.reason, -1);
	assert_true(says("About my pension"));
}

static void booking_is_confirmed_once_and_the_contact_details_are_wiped_when_sent(void **state)
{
	(void)state;
	app.printer_configured = true;
	to_review();
	assert_true(says("Pensions and housing benefit"));
	assert_true(says("At the office"));
	assert_true(says("Tuesday 24 November 2026, 09:00"));
	assert_true(says("Meeting room 2, first floor"));
	assert_true(says("Anne Jensen"));
	assert_true(says("+45 12 34 56 78"));
	assert_true(says("Apply for a pension"));
	app.nreq = 0;
	tap("book.confirm");
	const struct booking_request *r = sent();
	assert_int_equal(r->op, BOOKING_OP_CONFIRM);
	assert_string_equal(r->hold, "hold-1");
	assert_string_equal(r->contact.name, "Anne Jensen");
	assert_string_equal(r->contact.phone, "+45 12 34 56 78");
	assert_string_equal(r->reason, "new-pension");
	assert_string_equal(r->lang, "en");
	/* Once sent, nothing personal stays in the session. */
	const unsigned char *p = (const unsigned char *)&app.s.book.contact;
	for (size_t i = 0; i < sizeof app.s.book.contact; i++)
		assert_int_equal(p[i], 0);
	for (size_t i = 0; i < sizeof app.s.book.reason_text; i++)
		assert_int_equal(app.s.book.reason_text[i], 0);
	assert_true(says("Booking your appointment..."));
	assert_false(says("Anne Jensen"));
	/* A second tap while waiting does nothing. */
	app_activate(&app, APP_ACT_SCREEN + 20, 0, clock_ms);
	assert_int_equal(count_requests(BOOKING_OP_CONFIRM), 1);
	struct booking_reply *a = answer(BOOKING_OK);
	snprintf(a->booking.reference, sizeof a->booking.reference, "%s", "K7R49X");
	snprintf(a->booking.service, sizeof a->booking.service, "%s", "pension");
	a->booking.mode = BOOKING_IN_PERSON;
	a->booking.start = local_at(2026, 11, 24, 9, 0);
	a->booking.end = a->booking.start + 20 * 60;
	a->booking.check_kind = 'p';
	deliver(a);
	on("book.done");
	assert_true(says("Your appointment is booked"));
	assert_true(says("K7R-49X"));
	assert_true(says("Tuesday 24 November 2026, 09:00"));
	assert_true(says("Your bank details"));
	assert_true(says("call 70 10 20 30"));
	/* The confirmation is printed. */
	assert_int_equal(app.req[app.nreq - 1].kind, APP_REQ_PRINT_SLIP);
	assert_true(says("Your confirmation is being printed..."));
	struct app_msg m = {APP_MSG_PRINT_DONE, PRINTER_READY, 0};
	app_on_msg(&app, &m);
	assert_true(says("Please take your confirmation from the printer."));
	/* Back and forth prints no second slip. */
	tap("nav.back");
	on("book.review");
	assert_true(says("Your appointment is booked."));
	tap("book.after");
	on("book.done");
	int slips = 0;
	for (int i = 0; i < app.nreq; i++)
		slips += app.req[i].kind == APP_REQ_PRINT_SLIP;
	assert_int_equal(slips, 1);
	/* No event carries anything personal. */
	for (int i = 0; i < app.nreq; i++) {
		if (app.req[i].kind == APP_REQ_EVENT) {
			assert_null(strstr(app.req[i].data, "Anne"));
			assert_null(strstr(app.req[i].data, "12 34"));
			assert_null(strstr(app.req[i].data, "K7R"));
		}
	}
}

static void booking_a_hold_that_ran_out_while_typing_is_taken_again_first(void **state)
{
	(void)state;
	to_review();
	app.utc = app.s.book.hold_expires + 1;
	app.nreq = 0;
	tap("book.confirm");
	assert_int_equal(count_requests(BOOKING_OP_CONFIRM), 0);
	assert_int_equal(sent()->op, BOOKING_OP_HOLD);
	assert_true(sent()->start == local_at(2026, 11, 24, 9, 0));
	assert_string_equal(app.s.book.contact.name, "Anne Jensen"); /* not sent yet */
	struct booking_reply *r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-9");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.review");
	assert_int_equal(sent()->op, BOOKING_OP_CONFIRM);
	assert_string_equal(sent()->hold, "hold-9");
	assert_string_equal(sent()->contact.name, "Anne Jensen");
}

static void booking_a_hold_taken_meanwhile_leads_to_the_nearest_times(void **state)
{
	(void)state;
	to_review();
	app.utc = app.s.book.hold_expires + 1;
	tap("book.confirm");
	struct booking_reply *r = answer(BOOKING_SLOT_TAKEN);
	add_slots(r, 2026, 11, 24, 1, 2);
	deliver(r);
	on("book.taken");
}

static void booking_a_confirmation_too_late_for_its_hold_says_so(void **state)
{
	(void)state;
	to_review();
	tap("book.confirm");
	struct booking_reply *r = answer(BOOKING_HOLD_EXPIRED);
	add_slots(r, 2026, 11, 24, 1, 2);
	deliver(r);
	on("book.taken");
	assert_true(says("The time we kept for you has run out."));
	/* The details went with the confirmation: choosing again asks for them again. */
	tap("book.near.0");
	r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-3");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.contact");
}

static void booking_a_confirmation_that_cannot_reach_the_backend_books_nothing(void **state)
{
	(void)state;
	to_review();
	tap("book.confirm");
	deliver(answer(BOOKING_UNREACHABLE));
	on("book.offline");
	assert_true(says("Nothing was booked."));
}

static void booking_an_answer_that_came_on_another_screen_is_shown_on_return(void **state)
{
	(void)state;
	to_review();
	tap("book.confirm");
	struct booking_reply *r = answer(BOOKING_OK);
	tap("nav.language");
	on("language");
	snprintf(r->booking.reference, sizeof r->booking.reference, "%s", "K7R49X");
	r->serial = app.s.book.serial;
	deliver(r);
	on("language");
	tap("nav.back");
	on("book.review");
	assert_true(says("Your appointment is booked."));
	assert_false(has_target("book.confirm")); /* never sent twice */
	tap("book.after");
	on("book.done");
}

/* As the move screens leave it: the booking found, the check typed; then a
 * new time held, on the review. */
static void to_move_review(void)
{
	tap("lang.en");
	struct app_booking *b = &app.s.book;
	b->moving = true;
	b->manage_move = true;
	b->service = 1;
	b->mode = BOOKING_PHONE;
	b->day = -1;
	snprintf(b->record.reference, sizeof b->record.reference, "%s", "K7R49X");
	snprintf(b->record.service, sizeof b->record.service, "%s", "pension");
	b->record.mode = BOOKING_PHONE;
	b->record.start = local_at(2026, 11, 23, 11, 0);
	snprintf(b->check, sizeof b->check, "%s", "5678");
	app_goto(&app, &screen_book_day);
	assert_int_equal(sent()->mode, BOOKING_PHONE); /* free times of the booking's own way to meet */
	struct booking_reply *r = answer(BOOKING_OK);
	add_slots(r, 2026, 11, 24, 3, 4);
	deliver(r);
	tap("book.day.2026-11-25");
	tap("book.time.1000");
	r = answer(BOOKING_OK);
	snprintf(r->hold, sizeof r->hold, "%s", "hold-m");
	r->hold_expires = app.utc + BOOKING_HOLD_S;
	deliver(r);
	on("book.review");
}

static void booking_a_move_refused_for_its_check_gives_the_time_back_and_asks_again(void **state)
{
	(void)state;
	to_move_review();
	tap("book.confirm");
	struct booking_reply *r = answer(BOOKING_CHECK_FAILED);
	app.nreq = 0;
	deliver(r);
	on("manage-check");
	assert_int_equal(app.s.book.check_failures, 1);
	assert_string_equal(app.s.book.check, "");
	assert_string_equal(app.s.book.hold, "");
	const struct booking_request *q = sent();
	assert_non_null(q);
	assert_int_equal(q->op, BOOKING_OP_RELEASE);
	assert_string_equal(q->hold, "hold-m");
}

static void booking_a_move_holds_the_new_time_and_moves_the_booking(void **state)
{
	(void)state;
	to_move_review();
	struct app_booking *b = &app.s.book;
	/* No contact details: the booking has them. */
	assert_true(says("Wednesday 25 November 2026, 10:00"));
	assert_true(says("Monday 23 November 2026, 11:00"));
	assert_true(says("Move my appointment here"));
	app.nreq = 0;
	tap("book.confirm");
	const struct booking_request *q = sent();
	assert_int_equal(q->op, BOOKING_OP_MOVE);
	assert_string_equal(q->reference, "K7R49X");
	assert_string_equal(q->check, "5678");
	assert_string_equal(q->hold, "hold-m");
	assert_string_equal(q->contact.name, "");
	struct booking_reply *r = answer(BOOKING_OK);
	r->booking = b->record;
	r->booking.start = local_at(2026, 11, 25, 10, 0);
	deliver(r);
	on("book.done");
	assert_true(says("Your appointment is moved"));
	assert_true(says("An adviser calls you at that time."));
}

static void booking_starts_afresh_after_a_move_was_left(void **state)
{
	(void)state;
	tap("lang.en");
	app.s.book.moving = true;
	snprintf(app.s.book.hold, sizeof app.s.book.hold, "%s", "hold-old");
	tap("nav.home");
	app.nreq = 0;
	tap("home.book");
	on("book.service");
	assert_false(app.s.book.moving);
	assert_int_equal(count_requests(BOOKING_OP_RELEASE), 1);
}

/* A catalog from .po text, for the date formats of a language. */
static struct i18n_catalog *catalog(const char *po)
{
	struct i18n_catalog *c = NULL;
	struct i18n_diag d;
	assert_int_equal(i18n_catalog_parse(po, strlen(po), &c, &d), KIOSK_OK);
	return c;
}

static void booking_dates_are_written_the_way_each_language_writes_them(void **state)
{
	(void)state;
	char out[128];
	app.lang = 1; /* en: the source */
	app_format_day(&app, tz_days_from_civil(2026, 11, 23), out, sizeof out);
	assert_string_equal(out, "Monday 23 November");
	app_format_when(&app, local_at(2026, 11, 23, 9, 30), out, sizeof out);
	assert_string_equal(out, "Monday 23 November 2026, 09:30");
	struct i18n_catalog *da = catalog("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
					  "msgid \"Monday\"\nmsgstr \"mandag\"\n\n"
					  "msgid \"November\"\nmsgstr \"november\"\n\n"
					  "msgid \"%s %d %s\"\nmsgstr \"%1$s %2$d. %3$s\"\n\n"
					  "msgid \"%s %d %s %d\"\nmsgstr \"%1$s %2$d. %3$s %4$d\"\n\n"
					  "msgid \"%s, %s\"\nmsgstr \"%s kl. %s\"\n");
	struct i18n_catalog *ar = catalog("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
					  "msgid \"Monday\"\nmsgstr \"الاثنين\"\n\n"
					  "msgid \"November\"\nmsgstr \"نوفمبر\"\n");
	app.cat[0] = da;
	app.cat[2] = ar;
	app.lang = 0;
	app_format_day(&app, tz_days_from_civil(2026, 11, 23), out, sizeof out);
	assert_string_equal(out, "mandag 23. november");
	app_format_when(&app, local_at(2026, 11, 23, 9, 30), out, sizeof out);
	assert_string_equal(out, "mandag 23. november 2026 kl. 09:30");
	app.lang = 2;
	app_format_day(&app, tz_days_from_civil(2026, 11, 23), out, sizeof out);
	assert_string_equal(out, "الاثنين 23 نوفمبر");
	app.cat[0] = app.cat[2] = NULL;
	i18n_catalog_destroy(da);
	i18n_catalog_destroy(ar);
}

static void booking_times_are_local_across_daylight_saving(void **state)
{
	(void)state;
	char out[16];
	app.lang = 1;
	/* 29 March 2026: clocks go from 02:00 to 03:00 in Copenhagen. 08:00 UTC is 10:00 local. */
	int64_t t = 1774771200; /* 2026-03-29T08:00:00Z */
	app_format_time(&app, t, out, sizeof out);
	assert_string_equal(out, "10:00");
	app_format_time(&app, t - 24 * 3600, out, sizeof out);
	assert_string_equal(out, "09:00");
	/* 23:30 UTC on 23 November is already the 24th in Copenhagen. */
	int64_t late = local_at(2026, 11, 24, 0, 30);
	assert_true(app_local_day(&app, late) == tz_days_from_civil(2026, 11, 24));
	assert_true(app_local_day(&app, late - 3600) == tz_days_from_civil(2026, 11, 23));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(booking_is_offered_on_home_only_where_a_service_can_be_booked),
		T(booking_a_service_with_one_way_to_meet_goes_straight_to_the_calendar),
		T(booking_each_way_to_meet_is_explained_with_its_weekdays),
		T(booking_calendar_makes_buttons_of_free_days_only),
		T(booking_calendar_opens_on_the_month_of_the_first_free_day),
		T(booking_without_free_days_says_so_and_gives_the_other_ways),
		T(booking_unreachable_backend_books_nothing_and_offers_a_queue_number),
		T(booking_a_time_is_held_and_a_second_tap_while_waiting_does_nothing),
		T(booking_a_taken_time_offers_the_nearest_free_ones),
		T(booking_another_day_from_the_taken_screen_asks_for_free_times_again),
		T(booking_back_from_the_contact_details_gives_the_held_time_back),
		T(booking_the_session_ending_gives_the_held_time_back),
		T(booking_the_name_is_typed_on_the_keyboard_with_a_capital_first),
		T(booking_a_move_refused_for_its_check_gives_the_time_back_and_asks_again),
	T(booking_a_physical_keyboard_types_the_contact_details_and_return_goes_on),
	T(booking_an_id_number_is_refused_in_plain_words),
		T(booking_a_phone_number_is_typed_on_a_pad_with_a_plus),
		T(booking_an_email_address_has_keys_for_at_and_the_endings),
		T(booking_a_phone_meeting_asks_for_the_phone_number_without_a_choice),
		T(booking_own_words_with_an_id_number_are_refused),
		T(booking_is_confirmed_once_and_the_contact_details_are_wiped_when_sent),
		T(booking_a_hold_that_ran_out_while_typing_is_taken_again_first),
		T(booking_a_hold_taken_meanwhile_leads_to_the_nearest_times),
		T(booking_a_confirmation_too_late_for_its_hold_says_so),
		T(booking_a_confirmation_that_cannot_reach_the_backend_books_nothing),
		T(booking_an_answer_that_came_on_another_screen_is_shown_on_return),
		T(booking_a_move_holds_the_new_time_and_moves_the_booking),
		T(booking_starts_afresh_after_a_move_was_left),
		T(booking_dates_are_written_the_way_each_language_writes_them),
		T(booking_times_are_local_across_daylight_saving),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
