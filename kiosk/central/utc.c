/*
 * DESIGN: utc, the protocol's time stamps.
 *
 * What it is: reading an RFC 3339 time (a fraction of any length, "Z" or a
 * numeric offset) and writing one in UTC with exactly three decimals, as the
 * protocol's common rules ask. What it is not: local time (site.c, kiosk/tz.h).
 * Pure: no clock, no TZ; any thread.
 */
#include "utc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool utc_parse_ms(const char *s, int64_t *ms)
{
	struct tm tm = {0};
	int used = 0;
	if (!s ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec, &used) != 6 ||
	    used != 19)
		return false;
	s += used;
	int frac = 0, scale = 1000;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (scale > 1) {
				scale /= 10;
				frac += (*s - '0') * scale;
			}
		}
	}
	int offset = 0, oh, om;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if ((*s == '+' || *s == '-') && sscanf(s + 1, "%2d:%2d", &oh, &om) == 2 && strlen(s) == 6) {
		offset = (*s == '-' ? -1 : 1) * (oh * 60 + om);
		s += 6;
	} else {
		return false;
	}
	/* timegm normalises out-of-range fields: "02-31" would quietly be March. */
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60)
		return false;
	int mday = tm.tm_mday, mon = tm.tm_mon;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	if (*s || t == (time_t)-1 || tm.tm_mday != mday || tm.tm_mon != mon - 1)
		return false;
	*ms = ((int64_t)t - offset * 60) * 1000 + frac;
	return true;
}

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
