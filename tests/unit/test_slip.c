/*
 * Booking slips (kiosk/core/slip.c): what each kind says, in the visitor's
 * language, and that no slip ever carries the visitor's name, phone number
 * or e-mail address, even while the session still holds them. The demo
 * site's services give the rules (place, what to bring).
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fake_app.h"
#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"

static struct config cfg;
static struct app app;
static struct services services;
static struct tz zone;

static int64_t at(int day, int h, int m)
{
	int64_t t;
	tz_from_local(&zone, 2026, 11, day, h, m, &t);
	return t;
}

/* A booking of the pension service (its rules name a place and what to
 * bring), Monday 23 November 2026 09:30-09:50, and the contact details the
 * visitor typed still in the session, as right after confirming. */
static int setup(void **state)
{
	(void)state;
	fake_app_config(&cfg, "Borgerservice Demo");
	snprintf(cfg.booking_phone, sizeof cfg.booking_phone, "+45 70 10 20 30");
	snprintf(cfg.booking_web, sizeof cfg.booking_web, "https://borger.example.dk/book");
	snprintf(cfg.help_desk, sizeof cfg.help_desk, "the reception desk");
	if (!fake_app_init(&app, &cfg, &services))
		return -1;
	tz_fixed(&zone, "CET", 3600);
	app.zone = &zone;
	app.utc = at(20, 14, 5);
	app.lang = 1;
	app.s.active = true;
	struct app_booking *b = &app.s.book;
	snprintf(b->contact.name, sizeof b->contact.name, "Karen Blixen");
	snprintf(b->contact.phone, sizeof b->contact.phone, "+45 21 43 65 87");
	snprintf(b->contact.email, sizeof b->contact.email, "karen@rungstedlund.dk");
	snprintf(b->reason_text, sizeof b->reason_text, "Widow's pension question");
	struct booking_record *r = &b->record;
	snprintf(r->reference, sizeof r->reference, "K7R49X");
	snprintf(r->service, sizeof r->service, "pension");
	r->mode = BOOKING_IN_PERSON;
	r->state = BOOKING_BOOKED;
	r->start = at(23, 9, 30);
	r->end = at(23, 9, 50);
	r->check_kind = 'p';
	r->ahead = -1;
	return 0;
}

/* Every text of the slip, rows as "label: value", joined by newlines. */
static const char *slip_text(void)
{
	static char buf[8192];
	const struct ticket_slip *s = &app.slip;
	int n = snprintf(buf, sizeof buf, "%s\n%s\n%s\n", s->office_name, s->title, s->big);
	for (int i = 0; i < s->nrows; i++)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "%s: %s\n", s->row[i].label, s->row[i].value);
	snprintf(buf + n, sizeof buf - (size_t)n, "%s\nQR %s\n", s->note, s->qr);
	return buf;
}

static const char *value(const char *label)
{
	for (int i = 0; i < app.slip.nrows; i++) {
		if (strcmp(app.slip.row[i].label, label) == 0)
			return app.slip.row[i].value;
	}
	return NULL;
}

/* Nothing personal anywhere in the slip's bytes: not the name, not any part
 * of the phone number or e-mail address, not the reason. */
static void assert_nothing_personal(void)
{
	const char *needles[] = {"Karen", "Blixen", "21 43", "6587", "65 87", "karen@", "rungstedlund", "Widow"};
	for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
		if (memmem(&app.slip, sizeof app.slip, needles[i], strlen(needles[i])))
			fail_msg("the slip carries \"%s\":\n%s", needles[i], slip_text());
	}
}

static void slip_of_a_booking_has_the_reference_large_its_qr_date_time_place_and_how_to_cancel(void **state)
{
	(void)state;
	app_slip_fill(&app, APP_SLIP_BOOKED);
	const struct ticket_slip *s = &app.slip;
	assert_string_equal(s->office_name, "Borgerservice Demo");
	assert_string_equal(s->title, "Your appointment");
	assert_string_equal(s->big, "K7R-49X");
	assert_string_equal(s->qr, "K7R49X");
	assert_string_equal(value("Service"), "Pensions and housing benefit");
	assert_string_equal(value("Date"), "Monday 23 November");
	assert_string_equal(value("Time"), "09:30\xe2\x80\x93" "09:50");
	assert_string_equal(value("How"), "In person, at the office.");
	assert_non_null(value("Where"));
	assert_non_null(value("Bring"));
	assert_non_null(strstr(s->note, "last 4 digits of your phone number"));
	assert_non_null(strstr(s->note, "+45 70 10 20 30"));
	/* Printed now, in the site's zone. */
	assert_int_equal(s->year, 2026);
	assert_int_equal(s->month, 11);
	assert_int_equal(s->day, 20);
	assert_int_equal(s->hour, 14);
	assert_int_equal(s->minute, 5);
	assert_string_equal(s->visitor_lang.code, "en");
	assert_false(s->visitor_lang.rtl);
	assert_string_equal(s->office_lang.code, "da");
	assert_nothing_personal();
}

static void slip_never_carries_the_visitors_name_phone_or_email_of_any_kind(void **state)
{
	(void)state;
	enum app_slip_kind kinds[] = {APP_SLIP_BOOKED, APP_SLIP_MOVED,	    APP_SLIP_CANCELLED,
				      APP_SLIP_REMOTE, APP_SLIP_HOW_TO_BOOK, APP_SLIP_ARRIVED};
	for (int mode = 0; mode < BOOKING_MODES; mode++) {
		app.s.book.record.mode = (enum booking_mode)mode;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			for (int lang = 0; lang < cfg.nlangs; lang++) {
				app.lang = lang;
				app_slip_fill(&app, kinds[k]);
				assert_true(app.slip.title[0]);
				assert_nothing_personal();
			}
		}
	}
}

static void slip_for_a_phone_or_video_meeting_says_what_happens_and_when(void **state)
{
	(void)state;
	app.s.book.record.mode = BOOKING_PHONE;
	app_slip_fill(&app, APP_SLIP_REMOTE);
	assert_string_equal(app.slip.title, "You are checked in.");
	assert_string_equal(value("How"), "By phone. We call you on the number you gave.");
	assert_null(value("Where"));
	assert_string_equal(app.slip.note, "Your adviser will call you at 09:30 on the number you gave.");
	app.s.book.record.mode = BOOKING_VIDEO;
	app_slip_fill(&app, APP_SLIP_BOOKED);
	assert_non_null(strstr(value("How"), "The link arrives by text message or e-mail."));
	app_slip_fill(&app, APP_SLIP_REMOTE);
	assert_string_equal(app.slip.note, "Open the link we sent you at 09:30.");
}

static void slip_of_a_moved_or_cancelled_booking_says_so(void **state)
{
	(void)state;
	app.s.book.record.check_kind = 'e';
	app_slip_fill(&app, APP_SLIP_MOVED);
	assert_string_equal(app.slip.title, "Your appointment has been moved");
	assert_string_equal(app.slip.big, "K7R-49X");
	/* A booking made with an e-mail address is changed with its first letters. */
	assert_non_null(strstr(app.slip.note, "first 4 letters of your e-mail address"));
	app_slip_fill(&app, APP_SLIP_CANCELLED);
	assert_string_equal(app.slip.title, "Your appointment is cancelled");
	assert_string_equal(value("Date"), "Monday 23 November");
	assert_null(value("How"));
	assert_string_equal(app.slip.qr, "");
	assert_non_null(strstr(app.slip.note, "+45 70 10 20 30"));
	/* Without the office's phone the note does not promise one. */
	cfg.booking_phone[0] = '\0';
	app_slip_fill(&app, APP_SLIP_CANCELLED);
	assert_string_equal(app.slip.note, "To book a new appointment, use the kiosk.");
	app_slip_fill(&app, APP_SLIP_BOOKED);
	assert_null(strstr(app.slip.note, "call us"));
}

static void slip_qr_carries_the_sites_link_only_when_the_scanner_finds_the_reference_in_it(void **state)
{
	(void)state;
	snprintf(cfg.status_url, sizeof cfg.status_url, "https://q.example.dk/{day}/{number}");
	app_slip_fill(&app, APP_SLIP_BOOKED);
	assert_string_equal(app.slip.qr, "https://q.example.dk/2026-11-23/K7R49X");
	char back[BOOKING_REF_LEN];
	assert_true(booking_reference_parse(app.slip.qr, back));
	assert_string_equal(back, "K7R49X");
	/* A link ending in something else that reads as a reference. */
	snprintf(cfg.status_url, sizeof cfg.status_url, "https://q.example.dk/{number}?office=FACADE");
	app_slip_fill(&app, APP_SLIP_BOOKED);
	assert_string_equal(app.slip.qr, "K7R49X");
}

static void slip_at_check_in_in_person_has_the_queue_number_large(void **state)
{
	(void)state;
	struct booking_record *r = &app.s.book.record;
	r->state = BOOKING_ARRIVED;
	snprintf(r->number, sizeof r->number, "T012");
	r->ahead = 2;
	app_slip_fill(&app, APP_SLIP_ARRIVED);
	assert_string_equal(app.slip.big, "T012");
	assert_string_equal(value("Booking reference"), "K7R-49X");
	assert_string_equal(value("Time"), "09:30");
	assert_string_equal(value("In the queue"), "2 people are ahead of you.");
	r->ahead = -1;
	app_slip_fill(&app, APP_SLIP_ARRIVED);
	assert_null(value("In the queue"));
}

static void slip_how_to_book_gives_phone_web_and_opening_hours_and_no_booking(void **state)
{
	(void)state;
	app_slip_fill(&app, APP_SLIP_HOW_TO_BOOK);
	assert_string_equal(app.slip.title, "How to book an appointment");
	assert_string_equal(app.slip.big, "");
	assert_string_equal(value("By phone"), "+45 70 10 20 30");
	assert_string_equal(value("Online"), "https://borger.example.dk/book");
	assert_string_equal(app.slip.qr, "https://borger.example.dk/book");
	/* The demo office: Monday to Wednesday alike, Thursday longer, Friday short. */
	const char *hours = value("Opening hours");
	assert_non_null(hours);
	assert_non_null(strstr(hours, "Monday\xe2\x80\x93Wednesday: 08:00\xe2\x80\x93"));
	assert_non_null(strstr(hours, "\nThursday: 08:00\xe2\x80\x93"));
	assert_null(strstr(hours, "Saturday"));
	assert_null(strstr(slip_text(), "K7R"));
	assert_non_null(strstr(app.slip.note, "the reception desk"));
	/* Without a phone or a web address those rows are left out. */
	cfg.booking_phone[0] = cfg.booking_web[0] = '\0';
	app_slip_fill(&app, APP_SLIP_HOW_TO_BOOK);
	assert_null(value("By phone"));
	assert_null(value("Online"));
	assert_string_equal(app.slip.qr, "");
}

#define PO_HEADER                                                                                                \
	"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                \
	"\"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "        \
	"n%100>=11 ? 4 : 5;\\n\"\n\n"

static void slip_speaks_the_visitors_language_and_direction(void **state)
{
	(void)state;
	const char *ar = PO_HEADER "msgid \"Your appointment\"\nmsgstr \"موعدك\"\n"
				   "msgid \"Date\"\nmsgstr \"التاريخ\"\n"
				   "msgid \"Monday\"\nmsgstr \"الاثنين\"\n";
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	assert_int_equal(i18n_catalog_parse(ar, strlen(ar), &cat, &diag), KIOSK_OK);
	app.cat[2] = cat;
	app.lang = 2;
	app_slip_fill(&app, APP_SLIP_BOOKED);
	assert_string_equal(app.slip.title, "موعدك");
	assert_non_null(value("التاريخ"));
	assert_non_null(strstr(value("التاريخ"), "الاثنين"));
	assert_string_equal(app.slip.visitor_lang.code, "ar");
	assert_true(app.slip.visitor_lang.rtl);
	assert_ptr_equal(app.slip.visitor_lang.cat, cat);
	/* The reference reads the same in every language. */
	assert_string_equal(app.slip.big, "K7R-49X");
	app.cat[2] = NULL;
	i18n_catalog_destroy(cat);
}

static void slip_printing_queues_one_request_only_with_a_printer(void **state)
{
	(void)state;
	assert_false(app_print_slip(&app, APP_SLIP_BOOKED));
	assert_int_equal(app.nreq, 0);
	app.printer_configured = true;
	assert_true(app_print_slip(&app, APP_SLIP_CANCELLED));
	assert_int_equal(app.nreq, 1);
	assert_int_equal(app.req[0].kind, APP_REQ_PRINT_SLIP);
	assert_string_equal(app.req[0].type, "cancelled");
	assert_string_equal(app.slip.title, "Your appointment is cancelled");
	/* The request names the kind of slip, never the booking. */
	assert_null(memmem(&app.req[0], sizeof app.req[0], "K7R", 3));
	app.nreq = APP_MAX_REQ;
	assert_false(app_print_slip(&app, APP_SLIP_BOOKED));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(slip_of_a_booking_has_the_reference_large_its_qr_date_time_place_and_how_to_cancel),
		T(slip_never_carries_the_visitors_name_phone_or_email_of_any_kind),
		T(slip_for_a_phone_or_video_meeting_says_what_happens_and_when),
		T(slip_of_a_moved_or_cancelled_booking_says_so),
		T(slip_qr_carries_the_sites_link_only_when_the_scanner_finds_the_reference_in_it),
		T(slip_at_check_in_in_person_has_the_queue_number_large),
		T(slip_how_to_book_gives_phone_web_and_opening_hours_and_no_booking),
		T(slip_speaks_the_visitors_language_and_direction),
		T(slip_printing_queues_one_request_only_with_a_printer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
