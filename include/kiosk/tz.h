/*
 * Time zones from the system's tz database, without the C library's global TZ.
 *
 * A zone is parsed from the bytes of a TZif file (RFC 8536, versions 1 to 4:
 * /usr/share/zoneinfo/Europe/Copenhagen), including the POSIX rule in its
 * footer that extends it past the last transition. Conversion both ways is
 * exact across daylight-saving changes: a local time that does not exist (the
 * hour skipped in spring) is reported as such, and one that exists twice (the
 * hour repeated in autumn) resolves to its first occurrence. Pure: bytes in,
 * struct out; no allocation; any thread (a parsed zone is read-only).
 */
#ifndef KIOSK_TZ_H
#define KIOSK_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/error.h"

#define TZ_MAX_TRANSITIONS 400
#define TZ_MAX_TYPES 16

/* A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"): standard offset, and when
 * there is daylight saving, its offset and the two switching rules. */
struct tz_rule_day {
	char kind;             /* 'M' month.week.weekday, 'J' Julian day 1..365 without Feb 29, 'D' day 0..365 */
	int month, week, wday; /* 'M' */
	int day;               /* 'J', 'D' */
	int32_t time_s;        /* local time of the switch, seconds after midnight (may be negative or > 24 h) */
};

struct tz_rule {
	int32_t std_offset_s;  /* seconds east of UTC */
	bool has_dst;
	int32_t dst_offset_s;
	struct tz_rule_day start, end; /* into and out of daylight saving */
};

struct tz {
	char name[64];
	int ntrans;
	int64_t trans_at[TZ_MAX_TRANSITIONS]; /* UTC seconds, ascending */
	unsigned char trans_type[TZ_MAX_TRANSITIONS];
	int ntypes;
	int32_t type_offset_s[TZ_MAX_TYPES];
	bool type_dst[TZ_MAX_TYPES];
	bool has_rule;         /* the footer's rule governs after the last transition */
	struct tz_rule rule;
};

/* A local calendar time. */
struct tz_civil {
	int year, month, day;  /* month 1..12, day 1..31 */
	int hour, minute, second;
	int weekday;           /* 0 = Monday .. 6 = Sunday */
	int32_t offset_s;      /* the zone's offset from UTC at that moment */
};

/* Parses TZif bytes; name is kept for messages. KIOSK_ERR_INVALID on anything
 * malformed or beyond the caps (then *out is cleared). */
enum kiosk_err tz_parse(struct tz *out, const char *name, const unsigned char *bytes, size_t len);
/* A fixed offset zone (UTC is 0), for tests and sites without a zone file. */
void tz_fixed(struct tz *out, const char *name, int32_t offset_s);
/* Parses a POSIX TZ rule string; false when malformed. */
bool tz_rule_parse(struct tz_rule *out, const char *text);

/* The zone's offset from UTC at a UTC moment. */
int32_t tz_offset_at(const struct tz *z, int64_t utc);
/* A UTC moment as local calendar time. */
void tz_to_local(const struct tz *z, int64_t utc, struct tz_civil *out);

enum tz_local_kind {
	TZ_LOCAL_UNIQUE,       /* exists once */
	TZ_LOCAL_REPEATED,     /* exists twice (autumn): *utc is the first */
	TZ_LOCAL_SKIPPED,      /* does not exist (spring): *utc is where the same wall clock would be an hour earlier's offset; do not use it as a meeting time */
};
/* The UTC moment of a local calendar time (weekday and offset ignored). */
enum tz_local_kind tz_from_local(const struct tz *z, int year, int month, int day, int hour, int minute,
				 int64_t *utc);

/* Calendar helpers on the proleptic Gregorian calendar, zone-free. */
int64_t tz_days_from_civil(int year, int month, int day); /* days since 1970-01-01 */
void tz_civil_from_days(int64_t days, int *year, int *month, int *day);
int tz_weekday_of_days(int64_t days);                      /* 0 = Monday */
/* "2026-11-22" ↔ days since 1970-01-01; parse returns false on a bad date. */
bool tz_parse_date(const char *text, int64_t *days);
void tz_format_date(char out[11], int64_t days);
/* "2026-11-22T09:30:00+01:00" for a UTC moment in the zone (out >= 26 bytes);
 * parse accepts that form and "Z", returns false otherwise. */
void tz_format_iso(char out[32], const struct tz *z, int64_t utc);
bool tz_parse_iso(const char *text, int64_t *utc);
/* The protocol's times (RFC 3339: "2026-11-22T09:15:02.123Z" or with an
 * offset "+01:00"; a "T", seconds and the offset's colon required) to
 * milliseconds since the epoch; false when it is not one. */
bool tz_parse_rfc3339_ms(const char *text, int64_t *ms);

#endif
