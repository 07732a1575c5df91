/* The protocol's time stamps: RFC 3339 in, UTC with milliseconds out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "utc.h"

static void times_are_written_in_utc_with_three_decimals(void **state)
{
	(void)state;
	char out[UTC_TEXT_LEN];
	utc_format_ms(1795338902123LL, out);
	assert_string_equal(out, "2026-11-22T09:15:02.123Z");
	utc_format_ms(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	utc_format_ms(1795338900000LL, out);
	assert_string_equal(out, "2026-11-22T09:15:00.000Z");
}

static void times_are_read_with_any_offset_and_fraction(void **state)
{
	(void)state;
	int64_t ms = 0;
	assert_true(tz_parse_rfc3339_ms("2026-11-22T09:15:02.123Z", &ms));
	assert_int_equal(ms, 1795338902123LL);
	assert_true(tz_parse_rfc3339_ms("2026-11-22T10:15:02.1234+01:00", &ms));
	assert_int_equal(ms, 1795338902123LL);
	assert_true(tz_parse_rfc3339_ms("2026-11-22T09:15:02z", &ms));
	assert_int_equal(ms, 1795338902000LL);
	assert_true(tz_parse_rfc3339_ms("2026-11-22T00:15:02.5-09:00", &ms));
	assert_int_equal(ms, 1795338902500LL);
	char out[UTC_TEXT_LEN];
	assert_true(tz_parse_rfc3339_ms("2030-06-03T08:00:00+14:00", &ms));
	utc_format_ms(ms, out);
	assert_string_equal(out, "2030-06-02T18:00:00.000Z");
}

static void what_is_not_a_time_is_refused(void **state)
{
	(void)state;
	int64_t ms = 42;
	assert_false(tz_parse_rfc3339_ms(NULL, &ms));
	assert_false(tz_parse_rfc3339_ms("", &ms));
	assert_false(tz_parse_rfc3339_ms("2026-11-22", &ms));
	assert_false(tz_parse_rfc3339_ms("2026-11-22T09:15:02", &ms));	 /* no zone */
	assert_false(tz_parse_rfc3339_ms("2026-11-22 09:15:02Z", &ms)); /* no T */
	assert_false(tz_parse_rfc3339_ms("2026-02-31T09:15:02Z", &ms)); /* no such day, not March 3 */
	assert_false(tz_parse_rfc3339_ms("2026-13-01T09:15:02Z", &ms));
	assert_false(tz_parse_rfc3339_ms("2026-11-22T24:15:02Z", &ms));
	assert_false(tz_parse_rfc3339_ms("2026-11-22T09:15:02Zjunk", &ms));
	assert_false(tz_parse_rfc3339_ms("2026-11-22T09:15:02+0100", &ms)); /* RFC 3339 has the colon */
	assert_int_equal(ms, 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(times_are_written_in_utc_with_three_decimals),
	    cmocka_unit_test(times_are_read_with_any_offset_and_fraction),
	    cmocka_unit_test(what_is_not_a_time_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
