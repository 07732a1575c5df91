/*
 * DESIGN: utc, the protocol's time stamps.
 *
 * What it is: writing a time in UTC with exactly three decimals, as the
 * protocol's common rules ask. Reading one is the core's
 * (tz_parse_rfc3339_ms), shared with the kiosk. What it is not: local time (site.c, kiosk/tz.h).
 * Pure: no clock, no TZ; any thread.
 */
#include "utc.h"

#include <stdio.h>
#include <time.h>

void utc_format_ms(int64_t ms, char out[UTC_TEXT_LEN])
{
	int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	time_t t = (time_t)s;
	struct tm tm;
	gmtime_r(&t, &tm);
	char head[20];
	strftime(head, sizeof head, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, UTC_TEXT_LEN, "%.19s.%03dZ", head, (int)(ms - s * 1000));
}
