/* The services file: parsing, validation messages, opening hours, numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/services.h"

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
