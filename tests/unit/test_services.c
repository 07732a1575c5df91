/* The services file: parsing, validation messages, opening hours, numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/services.h"
#include "kiosk/site_payload.h"

static struct config cfg;

static int setup(void **state)
{
	(void)state;
	config_defaults(&cfg);
	const char *langs[] = {"da", "en", "ar"};
	for (int i = 0; i < 3; i++)
		snprintf(cfg.langs[i], sizeof(cfg.langs[i]), "%s", langs[i]);
	cfg.nlangs = 3;
	snprintf(cfg.default_lang, sizeof(cfg.default_lang), "da");
	return 0;
}

static enum kiosk_err parse(const char *json, struct services *sv, struct config_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	return services_parse(json, strlen(json), &cfg, NULL, sv, rep);
}

#define ONE(fields) "{\"services\":[{\"id\":\"x\",\"prefix\":\"A\",\"name\":{\"da\":\"Borger\"}," \
	"\"description\":{\"da\":\"Pas\"},\"hours\":{\"mon\":[\"08:00-12:00\",\"13:00-15:30\"]}" fields "}]}"

static void services_parses_the_demo_site(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep = {0};
	assert_int_equal(services_load(KIOSK_SOURCE_DIR "/assets/site/demo-services.json", &cfg, NULL, &sv, &rep),
			 KIOSK_OK);
	assert_int_equal(rep.count, 0);
	assert_int_equal(sv.count, 3);
	assert_string_equal(sv.s[0].id, "citizen");
	assert_string_equal(sv.s[0].prefix, "A");
	assert_string_equal(sv.s[0].name[1], "Passports, licences and registration");
	assert_non_null(sv.s[0].priority[0]);
	assert_null(sv.s[2].priority[0]);
	assert_int_equal(sv.s[1].handling_min, 15);
	services_fini(&sv);
}

static void services_fall_back_to_the_default_language(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	assert_int_equal(parse(ONE(""), &sv, &rep), KIOSK_OK);
	assert_string_equal(sv.s[0].name[2], "Borger");
	assert_null(sv.s[0].priority[1]);
	services_fini(&sv);
}

static void services_report_bad_json_with_its_line(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	assert_int_equal(parse("{\n\"services\": [\n  {\"id\": \"x\",}\n]}", &sv, &rep), KIOSK_ERR_PARSE);
	assert_int_equal(rep.count, 1);
	assert_int_equal(rep.item[0].line, 3);
	assert_non_null(strstr(rep.item[0].msg, "not valid JSON"));
	assert_int_equal(sv.count, 0);
}

static void services_reject_bad_prefixes_hours_and_duplicates(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	const char *bad_prefix = "{\"services\":[{\"id\":\"x\",\"prefix\":\"a1\",\"name\":{\"da\":\"B\"},"
				 "\"description\":{\"da\":\"P\"},\"hours\":{}}]}";
	assert_int_equal(parse(bad_prefix, &sv, &rep), KIOSK_ERR_INVALID);
	assert_string_equal(rep.item[0].msg, "service \"x\" needs a \"prefix\" of one or two capital letters A-Z");
	const char *bad_hours = "{\"services\":[{\"id\":\"x\",\"prefix\":\"A\",\"name\":{\"da\":\"B\"},"
				"\"description\":{\"da\":\"P\"},\"hours\":{\"tue\":[\"12:00-09:00\"]}}]}";
	assert_int_equal(parse(bad_hours, &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "\"12:00-09:00\" on tue"));
	const char *dup = "{\"services\":[{\"id\":\"x\",\"prefix\":\"A\",\"name\":{\"da\":\"B\"},\"description\":"
			  "{\"da\":\"P\"},\"hours\":{}},{\"id\":\"y\",\"prefix\":\"A\",\"name\":{\"da\":\"C\"},"
			  "\"description\":{\"da\":\"Q\"},\"hours\":{}}]}";
	assert_int_equal(parse(dup, &sv, &rep), KIOSK_ERR_INVALID);
	assert_string_equal(rep.item[0].msg, "service \"y\" uses the same id or prefix as service \"x\"");
	const char *no_default = "{\"services\":[{\"id\":\"x\",\"prefix\":\"A\",\"name\":{\"en\":\"B\"},"
				 "\"description\":{\"da\":\"P\"},\"hours\":{}}]}";
	assert_int_equal(parse(no_default, &sv, &rep), KIOSK_ERR_INVALID);
	assert_string_equal(rep.item[0].msg, "service \"x\": \"name\" has no text in the default language da");
}

static void services_know_when_they_are_open(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	assert_int_equal(parse(ONE(""), &sv, &rep), KIOSK_OK);
	const struct service *s = &sv.s[0];
	assert_false(service_open_at(s, 0, 7 * 60 + 59));
	assert_true(service_open_at(s, 0, 8 * 60));
	assert_false(service_open_at(s, 0, 12 * 60)); /* the end of a span is closed */
	assert_true(service_open_at(s, 0, 15 * 60 + 29));
	assert_false(service_open_at(s, 1, 10 * 60));
	int days, at;
	assert_true(service_next_opening(s, 0, 12 * 60 + 5, &days, &at));
	assert_int_equal(days, 0);
	assert_int_equal(at, 13 * 60);
	assert_true(service_next_opening(s, 0, 16 * 60, &days, &at));
	assert_int_equal(days, 7); /* next Monday */
	assert_int_equal(at, 8 * 60);
	assert_true(service_next_opening(s, 3, 10 * 60, &days, &at));
	assert_int_equal(days, 4);
	services_fini(&sv);
}

static void services_interleave_numbers_between_kiosks(void **state)
{
	(void)state;
	assert_int_equal(service_number_for(1, 1, 1), 1);
	assert_int_equal(service_number_for(5, 1, 1), 5);
	assert_int_equal(service_number_for(1, 2, 3), 2);
	assert_int_equal(service_number_for(2, 2, 3), 5);
	/* No two kiosks of three ever produce the same number. */
	int seen[400] = {0};
	for (int k = 1; k <= 3; k++) {
		for (int n = 1; n <= 100; n++) {
			int x = service_number_for(n, k, 3);
			assert_in_range(x, 1, 300);
			assert_int_equal(seen[x], 0);
			seen[x] = 1;
		}
	}
	char buf[16];
	service_format_number(buf, sizeof buf, "B", 7);
	assert_string_equal(buf, "B007");
	service_format_number(buf, sizeof buf, "AB", 1234);
	assert_string_equal(buf, "AB1234");
}

static void services_read_the_booking_rules_closures_and_queue_of_the_demo_site(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep = {0};
	assert_int_equal(services_load(KIOSK_SOURCE_DIR "/assets/site/demo-services.json", &cfg, NULL, &sv, &rep),
			 KIOSK_OK);
	const struct service *citizen = services_find(&sv, "citizen");
	const struct service *pension = services_find(&sv, "pension");
	const struct service *digital = services_find(&sv, "digital");
	assert_non_null(citizen);
	assert_non_null(pension);
	assert_non_null(digital);
	assert_null(services_find(&sv, "nothing"));
	assert_true(services_bookable(&sv));
	/* Passports: in person only, 15 minutes, three desks, in the opening hours */
	const struct booking_rules *c = &citizen->booking;
	assert_true(c->offered);
	assert_int_equal(c->duration_min, 15);
	assert_int_equal(c->capacity, 3);
	assert_int_equal(c->mode_days[BOOKING_IN_PERSON], 0x1f);
	assert_int_equal(c->mode_days[BOOKING_PHONE], 0);
	assert_int_equal(c->mode_days[BOOKING_VIDEO], 0);
	assert_int_equal(c->spans[3], 1);
	assert_int_equal(c->hours[3][0][1], 17 * 60 + 30); /* Thursday, as the service's hours */
	assert_int_equal(c->spans[5], 0);
	/* Pensions: in person and phone on weekdays, video on Mondays */
	const struct booking_rules *p = &pension->booking;
	assert_true(p->offered);
	assert_int_equal(p->duration_min, 20);
	assert_int_equal(p->buffer_min, 10);
	assert_int_equal(p->capacity, 2);
	assert_int_equal(p->mode_days[BOOKING_IN_PERSON], 0x1f);
	assert_int_equal(p->mode_days[BOOKING_PHONE], 0x1f);
	assert_int_equal(p->mode_days[BOOKING_VIDEO], 0x01);
	assert_int_equal(p->spans[1], 1); /* own booking hours: Tuesday, when the desk is closed */
	assert_int_equal(p->hours[1][0][0], 8 * 60 + 30);
	assert_int_equal(p->early_min, 30);
	assert_int_equal(p->late_min, 15);
	assert_int_equal(p->nreasons, 3);
	assert_string_equal(p->reason[0].id, "new-pension");
	assert_string_equal(p->reason[0].name[0], "Søge om pension");
	assert_string_equal(p->reason[2].name[1], "Housing benefit");
	assert_non_null(p->reason[1].name[2]);
	assert_non_null(p->bring[0]);
	assert_non_null(p->place[1]);
	/* The digital-help desk books help appointments, in person only, one adviser. */
	assert_true(digital->booking.offered);
	assert_int_equal(digital->booking.duration_min, 30);
	assert_int_equal(digital->booking.capacity, 1);
	assert_int_equal(digital->booking.mode_days[BOOKING_IN_PERSON], 0x1f);
	assert_int_equal(digital->booking.mode_days[BOOKING_VIDEO], 0);
	/* Closures: Christmas, New Year, and an afternoon */
	assert_int_equal(sv.closures.n, 4);
	int64_t day;
	assert_true(tz_parse_date("2026-12-24", &day));
	assert_int_equal(sv.closures.c[0].from_day, day);
	assert_int_equal(sv.closures.c[0].to_day, day + 2);
	assert_int_equal(sv.closures.c[0].from_min, 0);
	assert_int_equal(sv.closures.c[0].to_min, 1440);
	assert_true(tz_parse_date("2026-11-27", &day));
	assert_int_equal(sv.closures.c[3].from_day, day);
	assert_int_equal(sv.closures.c[3].to_day, day);
	assert_int_equal(sv.closures.c[3].from_min, 12 * 60);
	assert_int_equal(sv.closures.c[3].to_min, 16 * 60);
	assert_string_equal(sv.appointments_prefix, "T");
	assert_string_equal(sv.appointments_name[0], "Tidsbestilling");
	assert_string_equal(sv.appointments_name[1], "Appointments");
	assert_non_null(sv.appointments_name[2]);
	services_fini(&sv);
}

/* A file with a problem on nearly every line of its booking object. */
static const char broken_booking[] =
	"{\"services\": [\n"                                                         /* 1 */
	"  {\"id\": \"x\", \"prefix\": \"A\", \"name\": {\"da\": \"B\"},\n"          /* 2 */
	"   \"description\": {\"da\": \"P\"},\n"                                     /* 3 */
	"   \"hours\": {\"mon\": [\"08:00-12:00\"]},\n"                              /* 4 */
	"   \"booking\": {\n"                                                        /* 5 */
	"     \"duration_minutes\": 2,\n"                                            /* 6 */
	"     \"capacity\": 0,\n"                                                    /* 7 */
	"     \"hours\": {\"mon\": [\"08:00-12:00\",\n"                              /* 8 */
	"                         \"11:00-13:00\"]},\n"                              /* 9 */
	"     \"modes\": {\"in_person\": [\"mon\", \"someday\"],\n"                  /* 10 */
	"                 \"letter\": [\"mon\"]},\n"                                 /* 11 */
	"     \"reasons\": [{\"id\": \"a\", \"name\": {\"da\": \"A\"}},\n"           /* 12 */
	"                 {\"id\": \"b\",\n"                                         /* 13 */
	"                  \"name\": {\"en\": \"B\"}},\n"                            /* 14 */
	"                 {\"id\": \"a\", \"name\": {\"da\": \"A\"}}],\n"            /* 15 */
	"     \"checkin\": {\"early_minutes\": 30, \"late_minutes\": 500}\n"         /* 16 */
	"   }}],\n"                                                                  /* 17 */
	" \"closures\": [{\"from\": \"2026-12-26\", \"to\": \"2026-12-24\"},\n"      /* 18 */
	"              {\"day\": \"2026-02-30\"},\n"                                 /* 19 */
	"              {\"day\": \"2026-11-27\",\n"                                  /* 20 */
	"               \"hours\": \"16:00-12:00\"}]\n"                              /* 21 */
	"}\n";

static void expect_problem(const struct config_report *rep, int line, const char *text)
{
	for (int i = 0; i < rep->count; i++) {
		if (rep->item[i].line == line && strstr(rep->item[i].msg, text))
			return;
	}
	print_message("no problem \"%s\" at line %d among:\n", text, line);
	for (int i = 0; i < rep->count; i++)
		print_message("  %d: %s\n", rep->item[i].line, rep->item[i].msg);
	fail();
}

static void services_report_every_booking_problem_with_its_line(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	assert_int_equal(parse(broken_booking, &sv, &rep), KIOSK_ERR_INVALID);
	assert_int_equal(sv.count, 0);
	expect_problem(&rep, 6, "service \"x\": \"booking.duration_minutes\" must be a whole number from 5 to 480");
	expect_problem(&rep, 7, "\"booking.capacity\" must be a whole number from 1 to 50");
	expect_problem(&rep, 9, "booking hours \"11:00-13:00\" on mon are not a time span");
	expect_problem(&rep, 10, "\"someday\" in \"booking.modes.in_person\" is not a weekday");
	expect_problem(&rep, 11, "\"letter\" is not a contact mode (in_person, phone or video)");
	expect_problem(&rep, 14, "\"booking.reasons[2].name\" has no text in the default language da");
	expect_problem(&rep, 15, "the reason id \"a\" is used twice");
	expect_problem(&rep, 16, "\"booking.checkin.late_minutes\" must be a whole number from 0 to 120");
	expect_problem(&rep, 18, "closure 1: \"to\" is before \"from\"");
	expect_problem(&rep, 19, "closure 2 needs a \"day\", or \"from\" and \"to\", as dates");
	expect_problem(&rep, 21, "closure 3: \"hours\" must be a time span like \"12:00-16:00\"");
	assert_int_equal(rep.count, 11);
}

#define BOOKABLE(booking, rest)                                                                                    \
	"{\"services\":[{\"id\":\"x\",\"prefix\":\"A\",\"name\":{\"da\":\"B\"},\"description\":{\"da\":\"P\"},"  \
	"\"hours\":{\"mon\":[\"08:00-12:00\"],\"tue\":[\"08:00-08:10\"]},\"booking\":" booking "}]" rest "}"

static void services_that_can_be_booked_need_an_appointments_queue(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	const char *queue = ",\"appointments\":{\"prefix\":\"T\",\"name\":{\"da\":\"Tider\",\"en\":\"Appointments\"}}";
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":10,\"modes\":{\"phone\":[\"mon\"]}}", ""), &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_non_null(strstr(rep.item[0].msg, "the file needs \"appointments\""));
	/* with the queue: defaults for everything but the length and the modes */
	char text[1024];
	snprintf(text, sizeof text, "%s", BOOKABLE("{\"duration_minutes\":10,\"modes\":{\"phone\":[\"mon\"]}}", "%s"));
	char full[1024];
	snprintf(full, sizeof full, text, queue);
	assert_int_equal(parse(full, &sv, &rep), KIOSK_OK);
	const struct booking_rules *r = &sv.s[0].booking;
	assert_true(r->offered);
	assert_int_equal(r->buffer_min, 0);
	assert_int_equal(r->notice_min, 60);
	assert_int_equal(r->horizon_days, 60);
	assert_int_equal(r->capacity, 1);
	assert_int_equal(r->early_min, 30);
	assert_int_equal(r->late_min, 15);
	assert_int_equal(r->nreasons, 0);
	assert_null(r->bring[0]);
	assert_null(r->place[0]);
	assert_string_equal(sv.appointments_prefix, "T");
	assert_string_equal(sv.appointments_name[2], "Tider"); /* ar falls back to the default language */
	assert_int_equal(sv.closures.n, 0);
	services_fini(&sv);
	/* the queue's prefix is its own */
	snprintf(full, sizeof full, text, ",\"appointments\":{\"prefix\":\"A\",\"name\":{\"da\":\"Tider\"}}");
	assert_int_equal(parse(full, &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "that no service uses"));
	snprintf(full, sizeof full, text, ",\"appointments\":{\"prefix\":\"T\",\"name\":{\"en\":\"Appointments\"}}");
	assert_int_equal(parse(full, &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "a text in the default language da"));
	/* nothing bookable: no queue needed */
	assert_int_equal(parse(ONE(""), &sv, &rep), KIOSK_OK);
	assert_false(services_bookable(&sv));
	assert_string_equal(sv.appointments_prefix, "");
	services_fini(&sv);
}

static void services_refuse_booking_rules_that_read_right_but_book_nothing(void **state)
{
	(void)state;
	struct services sv;
	struct config_report rep;
	/* video on Wednesday, when there are no hours */
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":5,\"modes\":{\"video\":[\"mon\",\"wed\"]}}", ""), &sv,
			       &rep),
			 KIOSK_ERR_INVALID);
	assert_string_equal(rep.item[0].msg, "service \"x\": video meetings are offered on wed, but there are no "
					     "booking hours that day");
	/* Tuesday's 10 minutes cannot hold a 20-minute meeting */
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":20,\"modes\":{\"video\":[\"mon\"]}}", ""), &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_string_equal(rep.item[0].msg, "service \"x\": booking hours 08:00-08:10 on tue are shorter than one "
					     "meeting (20 minutes)");
	/* no mode at all, or modes without days */
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":5,\"modes\":{\"phone\":[]}}", ""), &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "needs \"modes\" with at least one of in_person, phone or video"));
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":5}", ""), &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "needs \"modes\""));
	/* not an object, a missing length, too many reasons */
	assert_int_equal(parse(BOOKABLE("true", ""), &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "\"booking\" must be an object"));
	assert_int_equal(parse(BOOKABLE("{\"modes\":{\"phone\":[\"mon\"]}}", ""), &sv, &rep), KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "\"booking.duration_minutes\" must be a whole number from 5 to 480"));
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":5,\"modes\":{\"phone\":[\"mon\"]},\"reasons\":"
					"[{},{},{},{},{},{},{}]}",
					""),
			       &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "must be a list of at most 6 reasons"));
	assert_int_equal(parse(BOOKABLE("{\"duration_minutes\":5,\"modes\":{\"phone\":[\"mon\"]},\"reasons\":"
					"[{\"id\":\"Big Id\",\"name\":{\"da\":\"x\"}}]}",
					""),
			       &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "reason 1 needs an \"id\""));
}

static void services_from_the_server_need_booking_texts_in_every_language(void **state)
{
	(void)state;
	static const char *const available[] = {"da", "en"};
	struct config base, out;
	config_defaults(&base);
	snprintf(base.langs[0], sizeof base.langs[0], "da");
	snprintf(base.langs[1], sizeof base.langs[1], "en");
	base.nlangs = 2;
	snprintf(base.default_lang, sizeof base.default_lang, "da");
	struct services sv;
	struct config_report rep;
	const char *head = "{\"site\":{\"languages\":[\"da\",\"en\"]},\"services\":{\"services\":[{\"id\":\"x\","
			   "\"prefix\":\"A\",\"name\":{\"da\":\"B\",\"en\":\"B\"},\"description\":{\"da\":\"P\","
			   "\"en\":\"P\"},\"hours\":{\"mon\":[\"08:00-12:00\"]},\"booking\":{\"duration_minutes\":20,"
			   "\"modes\":{\"video\":[\"mon\"]},";
	char json[2048];
	snprintf(json, sizeof json,
		 "%s\"reasons\":[{\"id\":\"a\",\"name\":{\"da\":\"A\",\"en\":\"A\"}}],\"bring\":{\"da\":\"x\","
		 "\"en\":\"x\"}}}],\"closures\":[{\"day\":\"2026-12-24\"}],\"appointments\":{\"prefix\":\"T\","
		 "\"name\":{\"da\":\"T\",\"en\":\"T\"}}}}",
		 head);
	assert_int_equal(site_payload_parse(json, strlen(json), &base, available, 2, NULL, &out, &sv, &rep), KIOSK_OK);
	assert_true(sv.s[0].booking.offered);
	assert_int_equal(sv.closures.n, 1);
	assert_string_equal(sv.appointments_prefix, "T");
	services_fini(&sv);
	/* a reason, what to bring, and the queue's name without English */
	snprintf(json, sizeof json,
		 "%s\"reasons\":[{\"id\":\"a\",\"name\":{\"da\":\"A\"}}],\"bring\":{\"da\":\"x\"}}}],"
		 "\"appointments\":{\"prefix\":\"T\",\"name\":{\"da\":\"T\"}}}}",
		 head);
	assert_int_equal(site_payload_parse(json, strlen(json), &base, available, 2, NULL, &out, &sv, &rep),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 3);
	expect_problem(&rep, 0, "service x: \"booking.bring\" has no text in en");
	expect_problem(&rep, 0, "service x: \"booking.reasons[1].name\" has no text in en");
	expect_problem(&rep, 0, "\"appointments\": the name has no text in en");
	/* and the kiosk's own checks apply as they do to the file */
	snprintf(json, sizeof json, "%s\"capacity\":99}}]}}", head);
	assert_int_equal(site_payload_parse(json, strlen(json), &base, available, 2, NULL, &out, &sv, &rep),
			 KIOSK_ERR_INVALID);
	expect_problem(&rep, 0, "\"booking.capacity\" must be a whole number from 1 to 50");
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(services_parses_the_demo_site),
		T(services_fall_back_to_the_default_language),
		T(services_report_bad_json_with_its_line),
		T(services_reject_bad_prefixes_hours_and_duplicates),
		T(services_know_when_they_are_open),
		T(services_interleave_numbers_between_kiosks),
		T(services_read_the_booking_rules_closures_and_queue_of_the_demo_site),
		T(services_report_every_booking_problem_with_its_line),
		T(services_that_can_be_booked_need_an_appointments_queue),
		T(services_refuse_booking_rules_that_read_right_but_book_nothing),
		T(services_from_the_server_need_booking_texts_in_every_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
