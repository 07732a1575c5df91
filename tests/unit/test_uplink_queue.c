/*
 * Tests of what the uplink reads and writes for queue numbers, the queue's
 * state and site data (kiosk/uplink_wire.c): the POST /v1/tickets body, the
 * checks a ticket reply must pass before its number is committed, the queue
 * reply, the languages of a config payload, the config events' data and the
 * heartbeat's config_etag. Linked against kiosk_app (jansson).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uplink.h"
#include "uplink_wire.h"

static enum kiosk_err ticket(const char *json, struct uplink_ticket_reply *r)
{
	return uplink_parse_ticket(json, strlen(json), r);
}

static void ticket_body_is_the_protocols(void **state)
{
	(void)state;
	char *body = uplink_ticket_json("citizen", true, "2026-11-22");
	assert_string_equal(body, "{\"service\":\"citizen\",\"priority\":true,\"day\":\"2026-11-22\"}");
	free(body);
}

static void ticket_reply_with_handling_is_read_whole(void **state)
{
	(void)state;
	struct uplink_ticket_reply r;
	assert_int_equal(ticket("{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\","
				"\"ahead\":3,\"handling\":{\"avg_s\":420,\"samples\":12,\"desks\":2},\"new\":1}",
				&r),
			 KIOSK_OK);
	assert_string_equal(r.number, "A042");
	assert_int_equal(r.seq, 42);
	assert_string_equal(r.service, "citizen");
	assert_string_equal(r.day, "2026-11-22");
	assert_int_equal(r.ahead, 3);
	assert_true(r.has_handling);
	assert_int_equal(r.handling.avg_s, 420);
	assert_int_equal(r.handling.samples, 12);
	assert_int_equal(r.handling.desks, 2);
	assert_true(uplink_ticket_matches(&r, "citizen", "A", "2026-11-22"));
}

static void ticket_reply_without_history_has_no_handling(void **state)
{
	(void)state;
	struct uplink_ticket_reply r;
	assert_int_equal(ticket("{\"number\":\"A001\",\"seq\":1,\"service\":\"citizen\",\"day\":\"2026-11-22\","
				"\"ahead\":0,\"handling\":null}",
				&r),
			 KIOSK_OK);
	assert_false(r.has_handling);
	assert_int_equal(r.ahead, 0);
}

static void ticket_reply_that_is_not_a_ticket_is_refused(void **state)
{
	(void)state;
	struct uplink_ticket_reply r;
	const char *bad[] = {
	    "",
	    "<html>not JSON</html>",
	    "[]",
	    "{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\"}", /* no ahead */
	    "{\"number\":\"A042\",\"seq\":\"42\",\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}", /* seq
														  text
														*/
	    "{\"number\":\"A042\",\"seq\":0,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}",
	    "{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"22/11/2026\",\"ahead\":3}",
	    "{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":-1}",
	    "{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3,"
	    "\"handling\":{\"avg_s\":420}}",
	    "{\"number\":\"\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ticket(bad[i], &r) != KIOSK_ERR_PARSE)
			fail_msg("accepted: %s", bad[i]);
	}
}

/* A number is committed only when it is the one asked for, in the server's
 * series and printed with the kiosk's own prefix: anything else would put a
 * number on the ticket that the desks do not call. */
static void ticket_reply_must_be_the_number_asked_for(void **state)
{
	(void)state;
	struct uplink_ticket_reply r;
	const char *ok = "{\"number\":\"A042\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}";
	assert_int_equal(ticket(ok, &r), KIOSK_OK);
	assert_true(uplink_ticket_matches(&r, "citizen", "A", "2026-11-22"));
	assert_false(uplink_ticket_matches(&r, "pension", "A", "2026-11-22"));
	assert_false(uplink_ticket_matches(&r, "citizen", "B", "2026-11-22"));
	assert_false(uplink_ticket_matches(&r, "citizen", "A", "2026-11-23"));
	const char *offline =
	    "{\"number\":\"A501\",\"seq\":501,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}";
	assert_int_equal(ticket(offline, &r), KIOSK_OK);
	assert_false(uplink_ticket_matches(&r, "citizen", "A", "2026-11-22"));
	const char *mismatch =
	    "{\"number\":\"A043\",\"seq\":42,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":3}";
	assert_int_equal(ticket(mismatch, &r), KIOSK_OK);
	assert_false(uplink_ticket_matches(&r, "citizen", "A", "2026-11-22"));
	const char *big =
	    "{\"number\":\"A1000\",\"seq\":1000,\"service\":\"citizen\",\"day\":\"2026-11-22\",\"ahead\":0}";
	assert_int_equal(ticket(big, &r), KIOSK_OK);
	assert_true(uplink_ticket_matches(&r, "citizen", "A", "2026-11-22"));
}

static void queue_reply_is_read_per_service(void **state)
{
	(void)state;
	struct uplink_queue_state q;
	const char *json =
	    "{\"day\":\"2026-11-22\",\"services\":["
	    "{\"service\":\"citizen\",\"waiting\":3,\"handling\":{\"avg_s\":420,\"samples\":12,\"desks\":2}},"
	    "{\"service\":\"pension\",\"waiting\":0,\"handling\":null}]}";
	assert_int_equal(uplink_parse_queue(json, strlen(json), &q), KIOSK_OK);
	assert_string_equal(q.day, "2026-11-22");
	assert_int_equal(q.n, 2);
	assert_string_equal(q.s[0].service, "citizen");
	assert_int_equal(q.s[0].waiting, 3);
	assert_true(q.s[0].has_handling);
	assert_int_equal(q.s[0].handling.desks, 2);
	assert_string_equal(q.s[1].service, "pension");
	assert_false(q.s[1].has_handling);
}

static void queue_reply_with_a_wrong_type_is_refused(void **state)
{
	(void)state;
	struct uplink_queue_state q;
	const char *bad[] = {
	    "{\"services\":[]}",
	    "{\"day\":\"2026-11-22\"}",
	    "{\"day\":\"2026-11-22\",\"services\":[{\"service\":\"citizen\",\"waiting\":\"3\"}]}",
	    "{\"day\":\"2026-11-22\",\"services\":[{\"waiting\":3}]}",
	    "{\"day\":\"2026-11-22\",\"services\":[3]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (uplink_parse_queue(bad[i], strlen(bad[i]), &q) != KIOSK_ERR_PARSE)
			fail_msg("accepted: %s", bad[i]);
	}
}

static void queue_reply_keeps_at_most_the_services_a_kiosk_has(void **state)
{
	(void)state;
	char json[4096] = "{\"day\":\"2026-11-22\",\"services\":[";
	for (int i = 0; i < SERVICES_MAX + 3; i++) {
		char one[80];
		snprintf(one, sizeof(one), "%s{\"service\":\"s%d\",\"waiting\":%d}", i ? "," : "", i, i);
		strcat(json, one);
	}
	strcat(json, "]}");
	struct uplink_queue_state q;
	assert_int_equal(uplink_parse_queue(json, strlen(json), &q), KIOSK_OK);
	assert_int_equal(q.n, SERVICES_MAX);
	assert_int_equal(q.s[SERVICES_MAX - 1].waiting, SERVICES_MAX - 1);
}

static void site_languages_are_read_from_a_config_payload(void **state)
{
	(void)state;
	char langs[4][8];
	const char *json = "{\"site\":{\"name\":\"X\",\"languages\":[\"da\",\"en\",\"sv\"]},\"services\":{}}";
	assert_int_equal(uplink_site_languages(json, strlen(json), langs, 4), 3);
	assert_string_equal(langs[2], "sv");
	assert_int_equal(uplink_site_languages(json, strlen(json), langs, 2), 2);
	const char *none = "{\"site\":{\"name\":\"X\"}}";
	assert_int_equal(uplink_site_languages(none, strlen(none), langs, 4), -1);
	const char *wrong = "{\"site\":{\"languages\":[\"da\",7]}}";
	assert_int_equal(uplink_site_languages(wrong, strlen(wrong), langs, 4), -1);
	assert_int_equal(uplink_site_languages("junk", 4, langs, 4), -1);
}

static void config_events_say_kind_etag_and_error(void **state)
{
	(void)state;
	char *a = uplink_config_event_json("site", "\"c-7\"", NULL, NULL);
	assert_string_equal(a, "{\"kind\":\"site\",\"etag\":\"\\\"c-7\\\"\"}");
	char *b = uplink_config_event_json("site", NULL, NULL, "the site data is not valid JSON");
	assert_string_equal(b, "{\"kind\":\"site\",\"etag\":null,\"error\":\"the site data is not valid JSON\"}");
	char *c = uplink_config_event_json("translation", "\"t-1\"", "da", NULL);
	assert_string_equal(c, "{\"kind\":\"translation\",\"etag\":\"\\\"t-1\\\"\",\"lang\":\"da\"}");
	free(a);
	free(b);
	free(c);
}

static void heartbeat_reports_the_site_data_in_use(void **state)
{
	(void)state;
	struct uplink_heartbeat hb = {.kiosk_id = "k", .version = "1", .config_etag = "\"c-7\"", .total_bytes = -1};
	char *json = uplink_heartbeat_json(&hb);
	assert_non_null(strstr(json, "\"config_etag\":\"\\\"c-7\\\"\""));
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ticket_body_is_the_protocols),
	    cmocka_unit_test(ticket_reply_with_handling_is_read_whole),
	    cmocka_unit_test(ticket_reply_without_history_has_no_handling),
	    cmocka_unit_test(ticket_reply_that_is_not_a_ticket_is_refused),
	    cmocka_unit_test(ticket_reply_must_be_the_number_asked_for),
	    cmocka_unit_test(queue_reply_is_read_per_service),
	    cmocka_unit_test(queue_reply_with_a_wrong_type_is_refused),
	    cmocka_unit_test(queue_reply_keeps_at_most_the_services_a_kiosk_has),
	    cmocka_unit_test(site_languages_are_read_from_a_config_payload),
	    cmocka_unit_test(config_events_say_kind_etag_and_error),
	    cmocka_unit_test(heartbeat_reports_the_site_data_in_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
