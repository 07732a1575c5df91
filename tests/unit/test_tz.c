/* Time zones from TZif bytes: the system's zone files, cross-checked against
 * glibc's localtime_r (a test may use the C library's global TZ; the core
 * must not), POSIX rules, calendar helpers and ISO 8601 text. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>

#include "kiosk/tz.h"
#include "seeded_rng.h"

#define ZONEINFO "/usr/share/zoneinfo/"

static unsigned char file_buf[1 << 17];

/* Reads a zone file of the system; false (and a visible message) when the
 * system has no such file, so the caller can skip. */
static bool load_zone(struct tz *z, const char *name)
{
	char path[256];
	snprintf(path, sizeof path, ZONEINFO "%s", name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		print_message("SKIPPED: %s is missing (install tzdata: board/debian/install-deps)\n", path);
		return false;
	}
	size_t n = fread(file_buf, 1, sizeof file_buf, f);
	fclose(f);
	assert_int_equal(tz_parse(z, name, file_buf, n), KIOSK_OK);
	assert_string_equal(z->name, name);
	return true;
}

static void use_glibc_zone(const char *tz_value)
{
	assert_int_equal(setenv("TZ", tz_value, 1), 0);
	tzset();
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
	return seeded_rng_next(&rng_state);
}

static int64_t rng_between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng() % (uint64_t)(hi - lo));
}

/* One instant: our offset and calendar fields against glibc's. */
static void check_instant(const struct tz *z, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	assert_non_null(localtime_r(&tt, &tm));
	struct tz_civil c;
	tz_to_local(z, t, &c);
	if (c.offset_s != tm.tm_gmtoff)
		print_message("%s at %lld: offset %d, glibc %ld\n", z->name, (long long)t, c.offset_s, tm.tm_gmtoff);
	assert_int_equal(c.offset_s, tm.tm_gmtoff);
	assert_int_equal(tz_offset_at(z, t), tm.tm_gmtoff);
	assert_int_equal(c.year, tm.tm_year + 1900);
	assert_int_equal(c.month, tm.tm_mon + 1);
	assert_int_equal(c.day, tm.tm_mday);
	assert_int_equal(c.hour, tm.tm_hour);
	assert_int_equal(c.minute, tm.tm_min);
	assert_int_equal(c.second, tm.tm_sec);
	assert_int_equal(c.weekday, (tm.tm_wday + 6) % 7);
}

/* 1900 to 2150: the table, the gap before it, and the rule long after it. */
#define FROM_1900 (-2208988800LL)
#define TO_2150 (5680281600LL)

/* With glibc already on the same zone. */
static void check_against_glibc(const struct tz *z)
{
	for (int i = 0; i < 20000; i++)
		check_instant(z, rng_between(FROM_1900, TO_2150));
	/* Every second around every change of the table, and around the rule's
	 * changes for a century past its end. */
	for (int i = 0; i < z->ntrans; i++)
		for (int64_t d = -2; d <= 2; d++)
			check_instant(z, z->trans_at[i] + d);
	for (int64_t t = 1767225600LL; t < 1767225600LL + 100LL * 366 * 86400; t += 3600) {
		if (tz_offset_at(z, t) != tz_offset_at(z, t + 3600)) {
			for (int64_t s = t; s <= t + 3600; s += 60)
				check_instant(z, s);
		}
	}
}

static const char *const zones[] = {
	"Europe/Copenhagen", "America/New_York", "Europe/Dublin",    "America/Sao_Paulo",
	"America/Santiago",  "Australia/Lord_Howe", "America/Nuuk", "Asia/Kolkata",
};

/* check on each of zones[] the system has, with glibc on the same file; the
 * test is skipped when the system has none of them. */
static void check_each_zone(void (*check)(const struct tz *z))
{
	static struct tz z;
	int checked = 0;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		if (!load_zone(&z, zones[i]))
			continue;
		char env[128];
		snprintf(env, sizeof env, ":" ZONEINFO "%s", zones[i]);
		use_glibc_zone(env);
		check(&z);
		checked++;
	}
	if (checked == 0)
		skip();
}

static void tz_zone_files_agree_with_glibc_at_many_instants(void **state)
{
	(void)state;
	check_each_zone(check_against_glibc);
}

/* Every local wall-clock time, every 15 minutes for two years: the number of
 * UTC moments glibc maps onto it decides unique, repeated or skipped. */
static void check_from_local(const struct tz *z, int year)
{
	int32_t offsets[8];
	int noffsets = 0;
	int64_t from = tz_days_from_civil(year, 1, 1) * 86400, to = tz_days_from_civil(year + 2, 1, 1) * 86400;
	for (int64_t t = from - 2 * 86400; t < to + 2 * 86400; t += 1800) {
		time_t tt = (time_t)t;
		struct tm tm;
		localtime_r(&tt, &tm);
		bool seen = false;
		for (int i = 0; i < noffsets; i++)
			seen = seen || offsets[i] == tm.tm_gmtoff;
		if (!seen && noffsets < 8)
			offsets[noffsets++] = (int32_t)tm.tm_gmtoff;
	}
	int kinds[3] = {0, 0, 0};
	for (int64_t local = from; local < to; local += 900) {
		int64_t first = INT64_MAX;
		int n = 0;
		for (int i = 0; i < noffsets; i++) {
			time_t tt = (time_t)(local - offsets[i]);
			struct tm tm;
			localtime_r(&tt, &tm);
			if (tm.tm_gmtoff == offsets[i]) {
				n++;
				if (local - offsets[i] < first)
					first = local - offsets[i];
			}
		}
		int64_t days = local / 86400;
		int y, m, d;
		tz_civil_from_days(days, &y, &m, &d);
		int minute = (int)(local % 86400 / 60);
		int64_t utc = 0;
		enum tz_local_kind k = tz_from_local(z, y, m, d, minute / 60, minute % 60, &utc);
		enum tz_local_kind want = n == 0 ? TZ_LOCAL_SKIPPED : n == 1 ? TZ_LOCAL_UNIQUE : TZ_LOCAL_REPEATED;
		if (k != want)
			print_message("%s %04d-%02d-%02d %02d:%02d: kind %d, want %d\n", z->name, y, m, d, minute / 60,
				      minute % 60, k, want);
		assert_int_equal(k, want);
		kinds[k]++;
		if (n > 0)
			assert_int_equal(utc, first);
	}
	/* Zones with daylight saving have both kinds of day in two years. */
	if (tz_offset_at(z, from) != tz_offset_at(z, from + 183 * 86400)) {
		assert_true(kinds[TZ_LOCAL_SKIPPED] > 0);
		assert_true(kinds[TZ_LOCAL_REPEATED] > 0);
	}
}

static void check_from_local_in_2025_and_2008(const struct tz *z)
{
	check_from_local(z, 2025); /* 2025 and 2026: past the table of slim files, on the rule */
	check_from_local(z, 2008); /* Santiago and Sao Paulo still changed at midnight then */
}

static void tz_local_times_are_unique_repeated_or_skipped_as_glibc_sees_them(void **state)
{
	(void)state;
	check_each_zone(check_from_local_in_2025_and_2008);
}

static void tz_copenhagen_skips_and_repeats_the_hour_of_the_changes_in_2026(void **state)
{
	(void)state;
	static struct tz z;
	if (!load_zone(&z, "Europe/Copenhagen"))
		skip();
	int64_t utc;
	/* 29 March 2026: 02:00 becomes 03:00 (01:00 UTC). */
	assert_int_equal(tz_from_local(&z, 2026, 3, 29, 1, 59, &utc), TZ_LOCAL_UNIQUE);
	assert_int_equal(utc, 1774745940LL); /* 00:59 UTC */
	assert_int_equal(tz_from_local(&z, 2026, 3, 29, 2, 0, &utc), TZ_LOCAL_SKIPPED);
	assert_int_equal(tz_from_local(&z, 2026, 3, 29, 2, 30, &utc), TZ_LOCAL_SKIPPED);
	assert_int_equal(tz_from_local(&z, 2026, 3, 29, 3, 0, &utc), TZ_LOCAL_UNIQUE);
	assert_int_equal(utc, 1774746000LL); /* 01:00 UTC */
	/* 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 happens twice. */
	assert_int_equal(tz_from_local(&z, 2026, 10, 25, 2, 30, &utc), TZ_LOCAL_REPEATED);
	assert_int_equal(utc, 1792888200LL); /* 00:30 UTC, the first */
	assert_int_equal(tz_from_local(&z, 2026, 10, 25, 3, 0, &utc), TZ_LOCAL_UNIQUE);
	assert_int_equal(utc, 1792893600LL); /* 02:00 UTC */
	struct tz_civil c;
	tz_to_local(&z, 1792888200LL + 3600, &c);
	assert_int_equal(c.hour, 2);
	assert_int_equal(c.minute, 30);
	assert_int_equal(c.offset_s, 3600);
	assert_int_equal(c.weekday, 6); /* a Sunday */
}

static void tz_rule_parses_the_footers_of_the_database(void **state)
{
	(void)state;
	struct tz_rule r;
	assert_true(tz_rule_parse(&r, "CET-1CEST,M3.5.0,M10.5.0/3"));
	assert_int_equal(r.std_offset_s, 3600);
	assert_true(r.has_dst);
	assert_int_equal(r.dst_offset_s, 7200);
	assert_int_equal(r.start.kind, 'M');
	assert_int_equal(r.start.month, 3);
	assert_int_equal(r.start.week, 5);
	assert_int_equal(r.start.wday, 0);
	assert_int_equal(r.start.time_s, 7200);
	assert_int_equal(r.end.month, 10);
	assert_int_equal(r.end.time_s, 3 * 3600);

	assert_true(tz_rule_parse(&r, "<-03>3"));
	assert_int_equal(r.std_offset_s, -3 * 3600);
	assert_false(r.has_dst);

	assert_true(tz_rule_parse(&r, "IST-1GMT0,M10.5.0,M3.5.0/1"));
	assert_int_equal(r.std_offset_s, 3600);
	assert_int_equal(r.dst_offset_s, 0); /* Dublin: daylight saving in winter, one hour back */
	assert_int_equal(r.end.time_s, 3600);

	assert_true(tz_rule_parse(&r, "EST5EDT,M3.2.0,M11.1.0"));
	assert_int_equal(r.std_offset_s, -5 * 3600);
	assert_int_equal(r.dst_offset_s, -4 * 3600);

	assert_true(tz_rule_parse(&r, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"));
	assert_int_equal(r.std_offset_s, 10 * 3600 + 1800);
	assert_int_equal(r.dst_offset_s, 11 * 3600);

	assert_true(tz_rule_parse(&r, "<-02>2<-01>,M3.5.0/-1,M10.5.0/0"));
	assert_int_equal(r.start.time_s, -3600);
	assert_int_equal(r.end.time_s, 0);

	assert_true(tz_rule_parse(&r, "<-04>4<-03>,M9.1.6/24,M4.1.6/24"));
	assert_int_equal(r.start.time_s, 24 * 3600);

	assert_true(tz_rule_parse(&r, "XXX3YYY,J60/2:30,300/25"));
	assert_int_equal(r.start.kind, 'J');
	assert_int_equal(r.start.day, 60);
	assert_int_equal(r.start.time_s, 2 * 3600 + 1800);
	assert_int_equal(r.end.kind, 'D');
	assert_int_equal(r.end.day, 300);
	assert_int_equal(r.end.time_s, 25 * 3600);

	const char *bad[] = {"", "CE-1", "CET", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
			     "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,M3.5.0", "CET-1CEST,J0,J365", "CET-1CEST,366,J1",
			     "CET-1CEST,M3.5.0,M10.5.0/168", "<-03", "<>3", "CET-1 ", "CET-1CEST,M3.5.0,M10.5.0x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (tz_rule_parse(&r, bad[i]))
			print_message("accepted \"%s\"\n", bad[i]);
		assert_false(tz_rule_parse(&r, bad[i]));
	}
}

/* A zone of nothing but a rule, against glibc given the same rule as TZ. */
static void tz_rules_alone_agree_with_glibc_including_julian_days_and_odd_times(void **state)
{
	(void)state;
	const char *rules[] = {
		"CET-1CEST,M3.5.0,M10.5.0/3",
		"IST-1GMT0,M10.5.0,M3.5.0/1",
		"EST5EDT,M3.2.0,M11.1.0",
		"<-04>4<-03>,M9.1.6/24,M4.1.6/24",
		"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
		"<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
		"XXX3YYY,J60/2:30,J300/25",
		"XXX-2YYY-3,59/0,300/1",
		"XXX-5:45",
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		struct tz z;
		memset(&z, 0, sizeof z);
		snprintf(z.name, sizeof z.name, "%s", rules[i]);
		assert_true(tz_rule_parse(&z.rule, rules[i]));
		z.has_rule = true;
		z.ntypes = 1;
		z.type_offset_s[0] = z.rule.std_offset_s;
		use_glibc_zone(rules[i]);
		/* glibc's rules start at 1970; leap years and the turn of the century included. */
		for (int k = 0; k < 20000; k++)
			check_instant(&z, rng_between(86400LL * 365, TO_2150));
		for (int64_t t = 1767225600LL; t < 1767225600LL + 10LL * 366 * 86400; t += 1800)
			check_instant(&z, t);
	}
}

static void tz_rules_without_dates_follow_the_us_rules_as_glibc_does(void **state)
{
	(void)state;
	struct tz_rule r;
	assert_true(tz_rule_parse(&r, "XXX5YYY"));
	assert_true(r.has_dst);
	assert_int_equal(r.dst_offset_s, -4 * 3600);
	assert_int_equal(r.start.month, 3);
	assert_int_equal(r.start.week, 2);
	assert_int_equal(r.end.month, 11);
	assert_int_equal(r.end.week, 1);
	struct tz z;
	tz_fixed(&z, "XXX5YYY", -5 * 3600);
	z.rule = r;
	z.has_rule = true;
	assert_int_equal(tz_offset_at(&z, 1783000000LL), -4 * 3600); /* July 2026 */
	assert_int_equal(tz_offset_at(&z, 1800000000LL), -5 * 3600); /* January 2027 */
}

static void tz_fixed_zones_have_one_offset(void **state)
{
	(void)state;
	struct tz z;
	tz_fixed(&z, "UTC", 0);
	assert_string_equal(z.name, "UTC");
	assert_int_equal(tz_offset_at(&z, 0), 0);
	tz_fixed(&z, "+0530", 19800);
	assert_int_equal(tz_offset_at(&z, 1800000000LL), 19800);
	int64_t utc;
	assert_int_equal(tz_from_local(&z, 2026, 11, 22, 9, 30, &utc), TZ_LOCAL_UNIQUE);
	char iso[32];
	tz_format_iso(iso, &z, utc);
	assert_string_equal(iso, "2026-11-22T09:30:00+05:30");
}

/* ---- hand-made TZif files: version 1, the 64-bit block, damage ---- */

struct builder {
	unsigned char b[4096];
	size_t n;
};

static void put32(struct builder *w, uint32_t v)
{
	for (int i = 3; i >= 0; i--)
		w->b[w->n++] = (unsigned char)(v >> (i * 8));
}

static void put64(struct builder *w, int64_t v)
{
	put32(w, (uint32_t)((uint64_t)v >> 32));
	put32(w, (uint32_t)v);
}

/* One block: transitions at[i] to type ty[i]; types {offset, dst}; "AB\0" as abbreviations. */
static void put_block(struct builder *w, char version, int ntrans, const int64_t *at, const unsigned char *ty,
		      int ntypes, const int32_t *off, bool wide)
{
	memcpy(w->b + w->n, "TZif", 4);
	w->n += 4;
	w->b[w->n++] = (unsigned char)version;
	memset(w->b + w->n, 0, 15);
	w->n += 15;
	put32(w, 0);
	put32(w, 0);
	put32(w, 0);
	put32(w, (uint32_t)ntrans);
	put32(w, (uint32_t)ntypes);
	put32(w, 3);
	for (int i = 0; i < ntrans; i++) {
		if (wide)
			put64(w, at[i]);
		else
			put32(w, (uint32_t)(int32_t)at[i]);
	}
	for (int i = 0; i < ntrans; i++)
		w->b[w->n++] = ty[i];
	for (int i = 0; i < ntypes; i++) {
		put32(w, (uint32_t)off[i]);
		w->b[w->n++] = off[i] != off[0];
		w->b[w->n++] = 0;
	}
	memcpy(w->b + w->n, "AB", 3);
	w->n += 3;
}

static void tz_version_1_files_are_read_from_their_32_bit_block(void **state)
{
	(void)state;
	struct builder w = {.n = 0};
	int64_t at[2] = {1000000000, 1100000000};
	unsigned char ty[2] = {1, 0};
	int32_t off[2] = {3600, 7200};
	put_block(&w, 0, 2, at, ty, 2, off, false);
	struct tz z;
	assert_int_equal(tz_parse(&z, "v1", w.b, w.n), KIOSK_OK);
	assert_int_equal(z.ntrans, 2);
	assert_false(z.has_rule);
	assert_int_equal(tz_offset_at(&z, 999999999), 3600);
	assert_int_equal(tz_offset_at(&z, 1000000000), 7200);
	assert_int_equal(tz_offset_at(&z, 1099999999), 7200);
	assert_int_equal(tz_offset_at(&z, 1100000000), 3600);
	assert_int_equal(tz_offset_at(&z, 4000000000LL), 3600); /* no rule: the last type stays */
}

static void tz_version_2_and_later_use_the_64_bit_block_and_the_footer(void **state)
{
	(void)state;
	for (char version = '2'; version <= '4'; version++) {
		struct builder w = {.n = 0};
		/* The 32-bit block says something else: it must be ignored. */
		int64_t at32[1] = {0};
		unsigned char ty32[1] = {1};
		int32_t off32[2] = {-3600, -7200};
		put_block(&w, version, 1, at32, ty32, 2, off32, false);
		int64_t at[2] = {-5000000000LL, 980000000}; /* the last in January 2001 */
		unsigned char ty[2] = {1, 0};
		int32_t off[2] = {3600, 7200};
		put_block(&w, version, 2, at, ty, 2, off, true);
		const char *footer = "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
		memcpy(w.b + w.n, footer, strlen(footer));
		w.n += strlen(footer);
		struct tz z;
		assert_int_equal(tz_parse(&z, "v2", w.b, w.n), KIOSK_OK);
		assert_int_equal(z.ntrans, 2);
		assert_true(z.has_rule);
		assert_int_equal(tz_offset_at(&z, -6000000000LL), 3600);
		assert_int_equal(tz_offset_at(&z, -4000000000LL), 7200);
		assert_int_equal(tz_offset_at(&z, 980000000), 3600);
		/* After the last transition the footer decides: summer and winter of 2026. */
		assert_int_equal(tz_offset_at(&z, 1783000000LL), 7200);
		assert_int_equal(tz_offset_at(&z, 1800000000LL), 3600);
		/* An empty footer: the last type keeps applying. */
		w.n -= strlen(footer);
		memcpy(w.b + w.n, "\n\n", 2);
		assert_int_equal(tz_parse(&z, "v2", w.b, w.n + 2), KIOSK_OK);
		assert_false(z.has_rule);
		assert_int_equal(tz_offset_at(&z, 1783000000LL), 3600);
	}
}

static void tz_parse_rejects_damaged_files_and_clears_the_zone(void **state)
{
	(void)state;
	static struct tz z;
	struct builder w = {.n = 0};
	int64_t at[2] = {1000000000, 1100000000};
	unsigned char ty[2] = {1, 0};
	int32_t off[2] = {3600, 7200};
	put_block(&w, '2', 2, at, ty, 2, off, false);
	put_block(&w, '2', 2, at, ty, 2, off, true);
	memcpy(w.b + w.n, "\nCET-1CEST,M3.5.0,M10.5.0/3\n", 28);
	w.n += 28;
	assert_int_equal(tz_parse(&z, "ok", w.b, w.n), KIOSK_OK);
	/* Every truncation but the one losing only the final newline fails. */
	for (size_t n = 0; n + 1 < w.n; n++) {
		memset(&z, 0xAB, sizeof z);
		assert_int_equal(tz_parse(&z, "cut", w.b, n), KIOSK_ERR_INVALID);
		assert_int_equal(z.ntrans, 0);
		assert_int_equal(z.ntypes, 0);
		assert_false(z.has_rule);
	}
	struct builder bad = w;
	bad.b[0] = 'X'; /* magic */
	assert_int_equal(tz_parse(&z, "bad", bad.b, bad.n), KIOSK_ERR_INVALID);
	bad = w;
	bad.b[w.n - 10] = '?'; /* footer */
	assert_int_equal(tz_parse(&z, "bad", bad.b, bad.n), KIOSK_ERR_INVALID);
	/* Transitions out of order, and a type index beyond the types. */
	int64_t back[2] = {1100000000, 1000000000};
	unsigned char wild[2] = {1, 5};
	struct builder w2 = {.n = 0};
	put_block(&w2, 0, 2, back, ty, 2, off, false);
	assert_int_equal(tz_parse(&z, "order", w2.b, w2.n), KIOSK_ERR_INVALID);
	w2.n = 0;
	put_block(&w2, 0, 2, at, wild, 2, off, false);
	assert_int_equal(tz_parse(&z, "type", w2.b, w2.n), KIOSK_ERR_INVALID);
	/* More transitions than the cap. */
	static int64_t many[TZ_MAX_TRANSITIONS + 1];
	static unsigned char alt[TZ_MAX_TRANSITIONS + 1];
	for (int i = 0; i <= TZ_MAX_TRANSITIONS; i++) {
		many[i] = 1000000 + i * 1000;
		alt[i] = (unsigned char)((i + 1) % 2);
	}
	static struct builder big;
	big.n = 0;
	put_block(&big, 0, TZ_MAX_TRANSITIONS + 1, many, alt, 2, off, false);
	assert_int_equal(tz_parse(&z, "many", big.b, big.n), KIOSK_ERR_INVALID);
	big.n = 0;
	put_block(&big, 0, TZ_MAX_TRANSITIONS, many, alt, 2, off, false);
	assert_int_equal(tz_parse(&z, "cap", big.b, big.n), KIOSK_OK);
	assert_int_equal(tz_parse(&z, "null", NULL, 0), KIOSK_ERR_INVALID);
}

static int zone_files, zone_failures;

static int parse_one_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag != FTW_F || strstr(path, "/right/"))
		return 0; /* the "right/" zones count leap seconds, which the kiosk does not */
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(file_buf, 1, sizeof file_buf, f);
	fclose(f);
	if (n < 4 || memcmp(file_buf, "TZif", 4) != 0)
		return 0; /* zone.tab, tzdata.zi and the like */
	static struct tz z;
	zone_files++;
	if (tz_parse(&z, path, file_buf, n) != KIOSK_OK) {
		print_message("cannot parse %s\n", path);
		zone_failures++;
	}
	return 0;
}

static void tz_every_zone_file_of_the_system_parses(void **state)
{
	(void)state;
	zone_files = zone_failures = 0;
	if (nftw(ZONEINFO, parse_one_file, 16, FTW_PHYS) != 0 || zone_files == 0) {
		print_message("SKIPPED: no zone files in " ZONEINFO " (install tzdata: board/debian/install-deps)\n");
		skip();
	}
	print_message("%d zone files\n", zone_files);
	assert_int_equal(zone_failures, 0);
	assert_true(zone_files > 300);
}

/* ---- calendar and text ---- */

static void tz_civil_days_round_trip_and_know_their_weekdays(void **state)
{
	(void)state;
	assert_int_equal(tz_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(tz_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(tz_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(tz_weekday_of_days(tz_days_from_civil(2026, 11, 22)), 6);  /* Sunday */
	assert_int_equal(tz_weekday_of_days(tz_days_from_civil(2026, 11, 23)), 0);  /* Monday */
	assert_int_equal(tz_weekday_of_days(tz_days_from_civil(1900, 1, 1)), 0);    /* Monday */
	int64_t prev = tz_days_from_civil(1599, 12, 31);
	for (int y = 1600; y <= 2400; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= 31; d++) {
				int64_t days;
				char text[16];
				snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
				if (!tz_parse_date(text, &days))
					continue;
				assert_int_equal(days, prev + 1);
				prev = days;
				int yy, mm, dd;
				tz_civil_from_days(days, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				char back[11];
				tz_format_date(back, days);
				assert_string_equal(back, text);
			}
		}
	}
	assert_int_equal(prev, tz_days_from_civil(2400, 12, 31));
	int64_t days;
	assert_true(tz_parse_date("2024-02-29", &days));
	const char *bad[] = {"2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-11-22x",
			     "2026/11/22", "", "20261122", "2026-11-31"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(tz_parse_date(bad[i], &days));
}

static void tz_iso_text_is_written_with_the_local_offset_and_read_in_every_form(void **state)
{
	(void)state;
	static struct tz z;
	char iso[32];
	int64_t t;
	if (load_zone(&z, "Europe/Copenhagen")) {
		assert_int_equal(tz_from_local(&z, 2026, 11, 22, 9, 30, &t), TZ_LOCAL_UNIQUE);
		tz_format_iso(iso, &z, t);
		assert_string_equal(iso, "2026-11-22T09:30:00+01:00");
		tz_format_iso(iso, &z, t - 150 * 86400);
		assert_string_equal(iso, "2026-06-25T10:30:00+02:00");
	}
	if (load_zone(&z, "America/New_York")) {
		tz_format_iso(iso, &z, 1795336200LL);
		assert_string_equal(iso, "2026-11-22T03:30:00-05:00");
		/* Local mean time has seconds in its offset: said in UTC instead. */
		tz_format_iso(iso, &z, FROM_1900 - 86400LL * 365 * 20);
		assert_int_equal(iso[strlen(iso) - 1], 'Z');
		int64_t back;
		assert_true(tz_parse_iso(iso, &back));
		assert_int_equal(back, FROM_1900 - 86400LL * 365 * 20);
	}
	assert_true(tz_parse_iso("2026-11-22T09:30:00+01:00", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T08:30:00Z", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T08:30:00.000Z", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T08:30:00.999999z", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T03:30:00-05:00", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T14:00:00+0530", &t));
	assert_int_equal(t, 1795336200LL);
	assert_true(tz_parse_iso("2026-11-22T09:30+01:00", &t));
	assert_int_equal(t, 1795336200LL);
	const char *bad[] = {"2026-11-22T09:30:00",     "2026-11-22T24:00:00Z",  "2026-11-22T09:60:00Z",
			     "2026-11-22T09:30:00+1:00", "2026-02-30T09:30:00Z", "2026-11-22T09:30:00.Z",
			     "2026-11-22T09:30:00Z ",    "2026-11-22",           "",
			     "2026-11-22T09:30:00+25:00"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (tz_parse_iso(bad[i], &t))
			print_message("accepted \"%s\"\n", bad[i]);
		assert_false(tz_parse_iso(bad[i], &t));
	}
	/* Written and read back over a century of moments. */
	struct tz cph;
	tz_fixed(&cph, "UTC", 0);
	const struct tz *zone = z.ntypes > 0 ? &z : &cph;
	for (int i = 0; i < 10000; i++) {
		int64_t u = rng_between(0, TO_2150);
		int64_t back;
		tz_format_iso(iso, zone, u);
		assert_true(tz_parse_iso(iso, &back));
		assert_int_equal(back, u);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tz_zone_files_agree_with_glibc_at_many_instants),
		cmocka_unit_test(tz_local_times_are_unique_repeated_or_skipped_as_glibc_sees_them),
		cmocka_unit_test(tz_copenhagen_skips_and_repeats_the_hour_of_the_changes_in_2026),
		cmocka_unit_test(tz_rule_parses_the_footers_of_the_database),
		cmocka_unit_test(tz_rules_alone_agree_with_glibc_including_julian_days_and_odd_times),
		cmocka_unit_test(tz_rules_without_dates_follow_the_us_rules_as_glibc_does),
		cmocka_unit_test(tz_fixed_zones_have_one_offset),
		cmocka_unit_test(tz_version_1_files_are_read_from_their_32_bit_block),
		cmocka_unit_test(tz_version_2_and_later_use_the_64_bit_block_and_the_footer),
		cmocka_unit_test(tz_parse_rejects_damaged_files_and_clears_the_zone),
		cmocka_unit_test(tz_every_zone_file_of_the_system_parses),
		cmocka_unit_test(tz_civil_days_round_trip_and_know_their_weekdays),
		cmocka_unit_test(tz_iso_text_is_written_with_the_local_offset_and_read_in_every_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
