/*
 * Tests of the uplink's pure half (kiosk/uplink_wire.c): backoff and its
 * jitter, Retry-After, the CloudEvents batch built from outbox rows, the
 * checks a reply must pass before anything is deleted, the heartbeat body
 * and credentials.json. Time and randomness are passed in, so every bound
 * is checked exactly. Linked against kiosk_app (jansson, zlib, curl_getdate).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "kiosk/config.h"
#include "uplink.h"
#include "uplink_wire.h"

static void backoff_doubles_from_one_second_to_five_minutes_with_equal_jitter(void **state)
{
	(void)state;
	struct uplink_backoff b;
	uplink_backoff_init(&b, UPLINK_BACKOFF_BASE_MS);
	long long want[] = {1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		/* The smallest and largest random numbers give the interval's ends. */
		struct uplink_backoff lo = b, hi = b;
		long long wlo = uplink_backoff_fail(&lo, 0);
		long long whi = uplink_backoff_fail(&hi, (uint64_t)(want[i] / 2));
		assert_int_equal(lo.ceiling_ms, want[i]);
		assert_int_equal(wlo, want[i] - want[i] / 2);
		assert_int_equal(whi, want[i]);
		long long w = uplink_backoff_fail(&b, 0x9e3779b97f4a7c15ULL * (i + 1));
		assert_in_range(w, want[i] / 2, want[i]);
	}
	uplink_backoff_reset(&b);
	assert_in_range(uplink_backoff_fail(&b, UINT64_MAX), 500, 1000);
}

static void backoff_jitter_spreads_over_the_upper_half(void **state)
{
	(void)state;
	/* 10,000 kiosks failing together: their waits cover [c/2, c] evenly. */
	int bins[10] = {0};
	uint64_t x = 88172645463325252ULL;
	for (int i = 0; i < 10000; i++) {
		struct uplink_backoff b;
		uplink_backoff_init(&b, 1000);
		for (int k = 0; k < 4; k++) { /* the fourth failure: ceiling 8 s */
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			long long w = uplink_backoff_fail(&b, x);
			if (k == 3) {
				assert_in_range(w, 4000, 8000);
				bins[w == 8000 ? 9 : (w - 4000) / 400]++;
			}
		}
	}
	for (int i = 0; i < 10; i++)
		assert_in_range(bins[i], 850, 1150);
}

static void backoff_base_can_be_shortened_for_tests(void **state)
{
	(void)state;
	struct uplink_backoff b;
	uplink_backoff_init(&b, 50);
	assert_int_equal(b.cap_ms, 15000);
	assert_in_range(uplink_backoff_fail(&b, 7), 25, 50);
	uplink_backoff_init(&b, 0);
	assert_int_equal(b.base_ms, 1000);
	assert_int_equal(b.cap_ms, 300000);
}

static void retry_after_reads_seconds_and_http_dates_and_caps_at_an_hour(void **state)
{
	(void)state;
	/* Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s. */
	long long now = 784111777000LL;
	assert_int_equal(uplink_retry_after_ms("2", now), 2000);
	assert_int_equal(uplink_retry_after_ms(" 120 ", now), 120000);
	assert_int_equal(uplink_retry_after_ms("0", now), 0);
	assert_int_equal(uplink_retry_after_ms("3600", now), 3600000);
	assert_int_equal(uplink_retry_after_ms("3601", now), 3600000);
	assert_int_equal(uplink_retry_after_ms("99999999999999999999", now), 3600000);
	assert_int_equal(uplink_retry_after_ms("Sun, 06 Nov 1994 08:50:07 GMT", now), 30000);
	assert_int_equal(uplink_retry_after_ms("Sunday, 06-Nov-94 08:50:07 GMT", now), 30000); /* RFC 850 */
	assert_int_equal(uplink_retry_after_ms("Sun Nov  6 08:50:07 1994", now), 30000);       /* asctime */
	assert_int_equal(uplink_retry_after_ms("Sun, 06 Nov 1994 10:49:37 GMT", now), 3600000);
	/* A date in the past: no lower bound beyond now. */
	assert_int_equal(uplink_retry_after_ms("Sun, 06 Nov 1994 08:00:00 GMT", now), 0);
}

static void retry_after_garbage_is_ignored(void **state)
{
	(void)state;
	long long now = 784111777000LL;
	static const char *const bad[] = {
	    "", "  ", "soon", "-5", "1.5", "5s", "0x10", "tomorrow at noon", "Sun, 06 Nov 1994 25:99:99 GMT xx yy zz"};
	assert_int_equal(uplink_retry_after_ms(NULL, now), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(uplink_retry_after_ms(bad[i], now), -1);
	}
	assert_int_equal(uplink_http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777000LL);
	assert_int_equal(uplink_http_date_ms("12345"), -1);
}

static void time_is_rfc3339_utc_with_milliseconds(void **state)
{
	(void)state;
	char t[25];
	uplink_format_time(t, 1795338902123LL);
	assert_string_equal(t, "2026-11-22T09:15:02.123Z");
	uplink_format_time(t, 0);
	assert_string_equal(t, "1970-01-01T00:00:00.000Z");
	uplink_format_time(t, 1795338902005LL);
	assert_string_equal(t, "2026-11-22T09:15:02.005Z");
}

static const struct uplink_row ROWS[] = {
    {42, "01KAP3N5X8Q7R2V4T6W8Y0Z1AB", 1795338902123LL, "kiosk.ticket.issued",
     "{\"service\":\"citizen\",\"number\":\"A042\",\"day\":\"2026-11-22\",\"priority\":false}"},
    {43, "01KAP3N5X8Q7R2V4T6W8Y0Z1AC", 1795338903000LL, "kiosk.session.ended", "{\"reason\":\"done\"}"},
};

static void batch_is_an_array_of_cloudevents_as_documented(void **state)
{
	(void)state;
	int bad = 7;
	char *text = uplink_batch_json(ROWS, 2, "dk-aarhus-03", &bad);
	assert_non_null(text);
	assert_int_equal(bad, -1);
	/* Exactly the example of docs/protocol.md, field by field, in its order. */
	assert_string_equal(
	    text,
	    "[{\"specversion\":\"1.0\",\"id\":\"01KAP3N5X8Q7R2V4T6W8Y0Z1AB\",\"source\":\"/kiosk/dk-aarhus-03\","
	    "\"type\":\"kiosk.ticket.issued\",\"time\":\"2026-11-22T09:15:02.123Z\",\"sequence\":\"000000000042\","
	    "\"datacontenttype\":\"application/json\",\"data\":{\"service\":\"citizen\",\"number\":\"A042\","
	    "\"day\":\"2026-11-22\",\"priority\":false}},"
	    "{\"specversion\":\"1.0\",\"id\":\"01KAP3N5X8Q7R2V4T6W8Y0Z1AC\",\"source\":\"/kiosk/dk-aarhus-03\","
	    "\"type\":\"kiosk.session.ended\",\"time\":\"2026-11-22T09:15:03.000Z\",\"sequence\":\"000000000043\","
	    "\"datacontenttype\":\"application/json\",\"data\":{\"reason\":\"done\"}}]");
	free(text);
	text = uplink_batch_json(ROWS, 0, "dk-aarhus-03", &bad);
	assert_string_equal(text, "[]");
	free(text);
}

static void batch_points_at_a_row_whose_data_is_not_json(void **state)
{
	(void)state;
	struct uplink_row rows[3] = {ROWS[0], ROWS[1], ROWS[1]};
	rows[1].data = "{\"number\":\"A0"; /* cut by an old 160-byte field */
	int bad = -1;
	assert_null(uplink_batch_json(rows, 3, "k", &bad));
	assert_int_equal(bad, 1);
}

static void batch_gzip_round_trips(void **state)
{
	(void)state;
	char text[4096];
	for (size_t i = 0; i < sizeof(text) - 1; i++)
		text[i] = "[{\"a\":1},"[i % 9];
	text[sizeof(text) - 1] = '\0';
	unsigned char *gz = NULL;
	size_t len = 0;
	assert_int_equal(uplink_gzip(text, strlen(text), &gz, &len), KIOSK_OK);
	assert_true(len > 18 && len < strlen(text) / 4);
	assert_int_equal(gz[0], 0x1f); /* the gzip magic, not zlib's */
	assert_int_equal(gz[1], 0x8b);
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	char back[8192];
	z.next_in = gz;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)back;
	z.avail_out = sizeof(back);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, strlen(text));
	assert_memory_equal(back, text, strlen(text));
	inflateEnd(&z);
	free(gz);
}

static void reply_good_one_is_accepted(void **state)
{
	(void)state;
	struct uplink_reply r;
	const char *ok = "{\"accepted\":41,\"duplicates\":1,\"rejected\":[{\"id\":\"01KAP\",\"code\":\"invalid_event\","
			 "\"message\":\"missing 'type'\",\"later\":1}],\"future_field\":true}";
	assert_int_equal(uplink_parse_reply(ok, strlen(ok), 43, &r), KIOSK_OK);
	assert_int_equal(r.accepted, 41);
	assert_int_equal(r.duplicates, 1);
	assert_int_equal(r.nrejected, 1);
	assert_string_equal(r.rejected[0].id, "01KAP");
	assert_string_equal(r.rejected[0].code, "invalid_event");
	assert_string_equal(r.rejected[0].message, "missing 'type'");
	uplink_reply_fini(&r);
	const char *plain = "{\"accepted\":2,\"duplicates\":0,\"rejected\":[]}";
	assert_int_equal(uplink_parse_reply(plain, strlen(plain), 2, &r), KIOSK_OK);
	assert_int_equal(r.nrejected, 0);
	uplink_reply_fini(&r);
}

static void reply_truncated_malformed_or_wrong_shape_is_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "",
	    "{\"accepted\":2,\"duplicates\":0,\"rej",				 /* truncated */
	    "<html>this is not JSON</html>",					 /* malformed */
	    "[1,2]",								 /* an array */
	    "{\"accepted\":\"2\",\"duplicates\":0,\"rejected\":[]}",		 /* a string count */
	    "{\"accepted\":2,\"rejected\":[]}",					 /* missing duplicates */
	    "{\"accepted\":2,\"duplicates\":0}",				 /* missing rejected */
	    "{\"accepted\":2,\"duplicates\":0,\"rejected\":{}}",		 /* rejected not a list */
	    "{\"accepted\":-1,\"duplicates\":3,\"rejected\":[]}",		 /* negative */
	    "{\"accepted\":1,\"duplicates\":0,\"rejected\":[{\"code\":\"x\"}]}", /* no id */
	    "{\"accepted\":1,\"duplicates\":0,\"rejected\":[{\"id\":\"a\"}]}",	 /* no code */
	    "{\"accepted\":1,\"duplicates\":0,\"rejected\":[\"a\"]}",		 /* not an object */
	    /* A note that processed nothing (a test fault's body): the counts do not add up. */
	    "{\"note\":\"cut short\",\"accepted\":0,\"duplicates\":0,\"rejected\":[]}",
	    "{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}", /* one event unaccounted for */
	    "{\"accepted\":3,\"duplicates\":0,\"rejected\":[]}", /* one too many */
	    "{\"accepted\":2,\"duplicates\":0,\"rejected\":[]} trailing",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct uplink_reply r;
		assert_int_equal(uplink_parse_reply(bad[i], strlen(bad[i]), 2, &r), KIOSK_ERR_PARSE);
		assert_null(r.rejected);
	}
	struct uplink_reply r;
	assert_int_equal(uplink_parse_reply(NULL, 0, 2, &r), KIOSK_ERR_PARSE);
}

static void error_body_gives_the_code(void **state)
{
	(void)state;
	char code[64], msg[200];
	const char *body =
	    "{\"error\":{\"code\":\"invalid_event\",\"message\":\"missing 'type'\",\"retryable\":false}}";
	assert_true(uplink_error_code(body, strlen(body), code, sizeof(code), msg, sizeof(msg)));
	assert_string_equal(code, "invalid_event");
	assert_string_equal(msg, "missing 'type'");
	const char *proxy = "<html><body>404 Not Found</body></html>";
	assert_false(uplink_error_code(proxy, strlen(proxy), code, sizeof(code), msg, sizeof(msg)));
	assert_false(uplink_error_code("", 0, code, sizeof(code), msg, sizeof(msg)));
	assert_false(uplink_error_code("{\"error\":\"x\"}", 13, code, sizeof(code), msg, sizeof(msg)));
}

static void statuses_map_to_the_protocol_table(void **state)
{
	(void)state;
	assert_int_equal(uplink_verdict_of(200), UPLINK_V_DONE);
	assert_int_equal(uplink_verdict_of(204), UPLINK_V_DONE);
	assert_int_equal(uplink_verdict_of(400), UPLINK_V_REFUSED);
	assert_int_equal(uplink_verdict_of(404), UPLINK_V_REFUSED);
	assert_int_equal(uplink_verdict_of(422), UPLINK_V_REFUSED);
	assert_int_equal(uplink_verdict_of(413), UPLINK_V_TOO_LARGE);
	assert_int_equal(uplink_verdict_of(401), UPLINK_V_AUTH);
	assert_int_equal(uplink_verdict_of(403), UPLINK_V_AUTH);
	static const long retry[] = {408, 429, 500, 502, 503, 504, 301, 409, 0};
	for (size_t i = 0; i < sizeof(retry) / sizeof(retry[0]); i++)
		assert_int_equal(uplink_verdict_of(retry[i]), UPLINK_V_RETRY);
}

static void credentials_are_checked_before_use(void **state)
{
	(void)state;
	struct uplink_credentials c;
	const char *good = "{\"kiosk_id\":\"dk-aarhus-03\",\"office\":\"dk-aarhus\",\"secret\":\"Ab0_-xYz\"}";
	assert_int_equal(uplink_parse_credentials(good, strlen(good), &c), KIOSK_OK);
	assert_string_equal(c.kiosk_id, "dk-aarhus-03");
	assert_string_equal(c.office, "dk-aarhus");
	assert_string_equal(c.secret, "Ab0_-xYz");
	static const char *const bad[] = {
	    "{\"kiosk_id\":\"dk-aarhus-03\",\"office\":\"dk-aarhus\",\"secret\":\"a\\r\\nX-Evil: 1\"}",
	    "{\"kiosk_id\":\"DK Aarhus\",\"office\":\"dk-aarhus\",\"secret\":\"s\"}",
	    "{\"kiosk_id\":\"dk-aarhus-03\",\"office\":\"dk-aarhus\"}",
	    "{\"kiosk_id\":\"\",\"office\":\"dk-aarhus\",\"secret\":\"s\"}",
	    "{\"kiosk_id\":\"dk",
	    "[]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(uplink_parse_credentials(bad[i], strlen(bad[i]), &c), KIOSK_ERR_PARSE);
}

static void heartbeat_has_every_documented_field(void **state)
{
	(void)state;
	struct uplink_health h = {.printer_state_name = "ok", .paper = "low", .store = "ok", .nqueues = 2};
	snprintf(h.queues[0].service, sizeof(h.queues[0].service), "citizen");
	h.queues[0].issued_today = 41;
	snprintf(h.queues[1].service, sizeof(h.queues[1].service), "passport");
	struct uplink_heartbeat hb = {
	    .kiosk_id = "dk-aarhus-03",
	    .version = "0.1.0",
	    .now_ms = 1795338900000LL,
	    .uptime_s = 8123,
	    .boots = 14,
	    .health = &h,
	    .destination = "receipt",
	    .depth = 3,
	    .parked = 0,
	    .oldest_ms = 1795338891000LL,
	    .last_upload_ms = 1795338850001LL,
	    .free_bytes = 1203765248LL,
	    .total_bytes = 7516192768LL,
	    .have_offset = true,
	    .clock_offset_ms = -220,
	};
	char *text = uplink_heartbeat_json(&hb);
	assert_string_equal(
	    text, "{\"kiosk_id\":\"dk-aarhus-03\",\"version\":\"0.1.0\",\"time\":\"2026-11-22T09:15:00.000Z\","
		  "\"uptime_s\":8123,\"boots\":14,"
		  "\"printer\":{\"state\":\"ok\",\"paper\":\"low\",\"destination\":\"receipt\"},\"store\":\"ok\","
		  "\"outbox\":{\"depth\":3,\"parked\":0,\"oldest\":\"2026-11-22T09:14:51.000Z\"},"
		  "\"last_upload\":\"2026-11-22T09:14:10.001Z\","
		  "\"queues\":[{\"service\":\"citizen\",\"issued_today\":41},"
		  "{\"service\":\"passport\",\"issued_today\":0}],"
		  "\"disk\":{\"free_bytes\":1203765248,\"total_bytes\":7516192768},"
		  "\"clock_offset_ms\":-220,\"config_etag\":null}");
	free(text);
	/* Before the first upload, the first reply and the UI's first snapshot. */
	struct uplink_heartbeat empty = {.kiosk_id = "k",
					 .version = "0.1.0",
					 .now_ms = 0,
					 .oldest_ms = -1,
					 .last_upload_ms = -1,
					 .free_bytes = -1,
					 .total_bytes = -1};
	text = uplink_heartbeat_json(&empty);
	assert_string_equal(text, "{\"kiosk_id\":\"k\",\"version\":\"0.1.0\",\"time\":\"1970-01-01T00:00:00.000Z\","
				  "\"uptime_s\":0,\"boots\":0,\"printer\":null,\"store\":null,"
				  "\"outbox\":{\"depth\":0,\"parked\":0,\"oldest\":null},\"last_upload\":null,"
				  "\"queues\":[],\"disk\":null,\"clock_offset_ms\":null,\"config_etag\":null}");
	free(text);
}

static void urls_join_without_a_double_slash(void **state)
{
	(void)state;
	char out[64];
	assert_true(uplink_join_url(out, sizeof(out), "https://c.example/", "/v1/events"));
	assert_string_equal(out, "https://c.example/v1/events");
	assert_true(uplink_join_url(out, sizeof(out), "http://127.0.0.1:8080", "/v1/health"));
	assert_string_equal(out, "http://127.0.0.1:8080/v1/health");
	assert_true(uplink_join_url(out, sizeof(out), "https://c.example/kiosks//", "/v1/enrol"));
	assert_string_equal(out, "https://c.example/kiosks/v1/enrol");
	assert_false(uplink_join_url(out, 16, "https://c.example/", "/v1/events"));
}

/* A kiosk without [server] url works alone: no thread, and every call is a no-op. */
static void uplink_is_not_started_without_a_server(void **state)
{
	(void)state;
	struct config cfg;
	config_defaults(&cfg);
	struct uplink_opts o = {&cfg, "/nonexistent", "0.1.0"};
	assert_null(uplink_start(&o, NULL));
	struct uplink_health h = {0};
	uplink_kick(NULL);
	uplink_set_health(NULL, &h);
	uplink_stop(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(backoff_doubles_from_one_second_to_five_minutes_with_equal_jitter),
	    cmocka_unit_test(backoff_jitter_spreads_over_the_upper_half),
	    cmocka_unit_test(backoff_base_can_be_shortened_for_tests),
	    cmocka_unit_test(retry_after_reads_seconds_and_http_dates_and_caps_at_an_hour),
	    cmocka_unit_test(retry_after_garbage_is_ignored),
	    cmocka_unit_test(time_is_rfc3339_utc_with_milliseconds),
	    cmocka_unit_test(batch_is_an_array_of_cloudevents_as_documented),
	    cmocka_unit_test(batch_points_at_a_row_whose_data_is_not_json),
	    cmocka_unit_test(batch_gzip_round_trips),
	    cmocka_unit_test(reply_good_one_is_accepted),
	    cmocka_unit_test(reply_truncated_malformed_or_wrong_shape_is_refused),
	    cmocka_unit_test(error_body_gives_the_code),
	    cmocka_unit_test(statuses_map_to_the_protocol_table),
	    cmocka_unit_test(credentials_are_checked_before_use),
	    cmocka_unit_test(heartbeat_has_every_documented_field),
	    cmocka_unit_test(urls_join_without_a_double_slash),
	    cmocka_unit_test(uplink_is_not_started_without_a_server),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
