/* Site data from the central server: checked completely, refused whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/site_payload.h"

static const char *const available[] = {"da", "en", "ar", "uk"};
#define NAVAILABLE 4

/* One service, open on weekdays, named in da/en/ar (uk left out on purpose
 * where a test needs a missing translation). */
#define SERVICE(id, prefix, extra)                                                                              \
	"{\"id\":\"" id "\",\"prefix\":\"" prefix "\",\"name\":{\"da\":\"Pas\",\"en\":\"Passports\",\"ar\":\"جوازات\"" \
	extra "},\"description\":{\"da\":\"Nyt pas\",\"en\":\"New passport\",\"ar\":\"جواز جديد\"" extra "},"      \
	"\"hours\":{\"mon\":[\"08:00-15:00\"]},\"handling_minutes\":6}"

static struct config base;

static int setup(void **state)
{
	(void)state;
	config_defaults(&base);
	snprintf(base.site_name, sizeof base.site_name, "Kiosk's own name");
	snprintf(base.langs[0], sizeof base.langs[0], "da");
	base.nlangs = 1;
	snprintf(base.default_lang, sizeof base.default_lang, "da");
	snprintf(base.time_zone, sizeof base.time_zone, "Europe/Copenhagen");
	base.width_px = 1280;
	base.height_px = 800;
	snprintf(base.printer, sizeof base.printer, "ipp://printer.local/ipp/print");
	snprintf(base.data_dir, sizeof base.data_dir, "/var/lib/kiosk");
	return 0;
}

static enum kiosk_err parse(const char *json, struct config *out, struct services *sv, struct config_report *rep)
{
	return site_payload_parse(json, strlen(json), &base, available, NAVAILABLE, NULL, out, sv, rep);
}

/* The first problem's text contains needle (and there is at least one). */
static void expect_refused(const char *json, const char *needle)
{
	struct config out;
	struct services sv;
	struct config_report rep;
	if (parse(json, &out, &sv, &rep) != KIOSK_ERR_INVALID)
		fail_msg("accepted: %.200s", json);
	assert_true(rep.count > 0);
	assert_int_equal(sv.count, 0);
	for (int i = 0; i < rep.count; i++) {
		if (strstr(rep.item[i].msg, needle))
			return;
	}
	fail_msg("no problem says \"%s\"; the first is \"%s\"", needle, rep.item[0].msg);
}

static void site_payload_replaces_the_site_and_keeps_the_technicians_settings(void **state)
{
	(void)state;
	struct config out;
	struct services sv;
	struct config_report rep;
	const char *json = "{\"site\":{\"name\":\"Borgerservice Aarhus\",\"time_zone\":\"Europe/Copenhagen\","
			   "\"languages\":[\"da\",\"en\",\"ar\"],\"default_language\":\"en\",\"future_field\":1},"
			   "\"services\":{\"services\":[" SERVICE("citizen", "A", "") "]},\"also_unknown\":[]}";
	assert_int_equal(parse(json, &out, &sv, &rep), KIOSK_OK);
	assert_int_equal(rep.count, 0);
	assert_string_equal(out.site_name, "Borgerservice Aarhus");
	assert_int_equal(out.nlangs, 3);
	assert_string_equal(out.langs[2], "ar");
	assert_string_equal(out.default_lang, "en");
	assert_int_equal(sv.count, 1);
	assert_string_equal(sv.s[0].name[2], "جوازات");
	/* The panel, the printer and the store are the kiosk's own. */
	assert_int_equal(out.width_px, 1280);
	assert_string_equal(out.printer, "ipp://printer.local/ipp/print");
	assert_string_equal(out.data_dir, "/var/lib/kiosk");
	services_fini(&sv);
}

static void site_payload_without_a_default_takes_the_first_new_language(void **state)
{
	(void)state;
	struct config out;
	struct services sv;
	struct config_report rep;
	const char *json = "{\"site\":{\"languages\":[\"en\",\"ar\"]},\"services\":{\"services\":[" SERVICE(
		"citizen", "A", "") "]}}";
	assert_int_equal(parse(json, &out, &sv, &rep), KIOSK_OK);
	assert_string_equal(out.default_lang, "en");
	assert_string_equal(out.site_name, "Kiosk's own name"); /* not sent: kept */
	services_fini(&sv);
}

static void site_payload_with_wrong_types_is_refused(void **state)
{
	(void)state;
	expect_refused("{\"site\":{\"name\":42},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "site.name must be text");
	expect_refused("{\"site\":{\"languages\":\"da en\"},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "site.languages must be a list of language codes");
	expect_refused("{\"site\":{\"languages\":[\"da\",7]},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "site.languages must be a list of language codes");
	expect_refused("{\"site\":[],\"services\":{}}", "needs a \"site\" object");
	expect_refused("{\"site\":{},\"services\":[]}", "needs a \"services\" object");
	expect_refused("[]", "needs a \"site\" object");
	/* The same value checks as the kiosk's own file. */
	expect_refused("{\"site\":{\"time_zone\":\"Copenhagen\"},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "time_zone must be a zone name");
	expect_refused("{\"site\":{\"status_url\":\"ftp://x\"},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "status_url must be a web address");
}

static void site_payload_that_is_not_json_or_too_large_is_refused(void **state)
{
	(void)state;
	expect_refused("{\"site\":{\"name\":\"X\"", "not valid JSON");
	expect_refused("", "not valid JSON");
	expect_refused("{\"site\":{},\"site\":{},\"services\":{}}", "not valid JSON"); /* duplicate member */
	size_t n = SITE_PAYLOAD_MAX + 1;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	big[n] = '\0';
	expect_refused(big, "larger than 256 KiB");
	free(big);
}

static void site_payload_with_a_language_the_kiosk_cannot_show_is_refused(void **state)
{
	(void)state;
	expect_refused("{\"site\":{\"languages\":[\"da\",\"fr\"]},\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "no translation for the language fr");
	expect_refused("{\"site\":{\"languages\":[\"da\",\"en\"],\"default_language\":\"ar\"},"
		       "\"services\":{\"services\":[" SERVICE("c", "A", "") "]}}",
		       "default_language \"ar\" is not one of the languages");
}

static void site_payload_with_a_service_missing_a_translation_is_refused(void **state)
{
	(void)state;
	/* uk is a site language, but the service has no Ukrainian name. */
	expect_refused("{\"site\":{\"languages\":[\"da\",\"uk\"]},\"services\":{\"services\":[" SERVICE("citizen", "A", "")
		       "]}}",
		       "service citizen: \"name\" has no text in uk");
	/* With it, the same payload is good. */
	struct config out;
	struct services sv;
	struct config_report rep;
	const char *json = "{\"site\":{\"languages\":[\"da\",\"uk\"]},\"services\":{\"services\":[" SERVICE(
		"citizen", "A", ",\"uk\":\"Паспорти\"") "]}}";
	assert_int_equal(parse(json, &out, &sv, &rep), KIOSK_OK);
	services_fini(&sv);
}

static void site_payload_with_bad_services_is_refused_with_the_services_message(void **state)
{
	(void)state;
	expect_refused("{\"site\":{},\"services\":{\"services\":[" SERVICE("a", "A", "") "," SERVICE("b", "A", "") "]}}",
		       "uses the same id or prefix");
	expect_refused("{\"site\":{},\"services\":{\"services\":[]}}", "\"services\" list of 1 to");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(site_payload_replaces_the_site_and_keeps_the_technicians_settings, setup),
		cmocka_unit_test_setup(site_payload_without_a_default_takes_the_first_new_language, setup),
		cmocka_unit_test_setup(site_payload_with_wrong_types_is_refused, setup),
		cmocka_unit_test_setup(site_payload_that_is_not_json_or_too_large_is_refused, setup),
		cmocka_unit_test_setup(site_payload_with_a_language_the_kiosk_cannot_show_is_refused, setup),
		cmocka_unit_test_setup(site_payload_with_a_service_missing_a_translation_is_refused, setup),
		cmocka_unit_test_setup(site_payload_with_bad_services_is_refused_with_the_services_message, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
