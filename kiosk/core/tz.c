/*
 * Time zones from TZif bytes (include/kiosk/tz.h).
 *
 * The C library keeps one zone per process (TZ, tzset, localtime), which is
 * wrong for the central server that serves offices in several zones from
 * several threads, and racy anywhere. So zones are plain structs here: the
 * transition table of the TZif file, and past its end the POSIX rule of the
 * footer, evaluated for the years around the moment asked about. Calendar
 * arithmetic is Howard Hinnant's days-from-civil and civil-from-days, exact
 * on the proleptic Gregorian calendar. Not here: leap seconds (the "right/"
 * zones; their leap records are skipped) and abbreviations (the kiosk never
 * shows "CEST"). Pure, no allocation, no libc time function; any thread.
 */
#include "kiosk/tz.h"

#include <stdio.h>
#include <string.h>

#define DAY_S 86400
/* No zone is further than this from UTC; RFC 8536 allows a little over 25 h. */
#define MAX_OFFSET_S (26 * 3600)

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t tz_days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void tz_civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (m <= 2));
	*month = m;
	*day = d;
}

int tz_weekday_of_days(int64_t days)
{
	/* 1970-01-01 was a Thursday: 3 counting from Monday. */
	int64_t w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* ---- TZif ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

/* strict: the counts of a block that is read (a version 2+ file's first,
 * 32-bit block is only skipped, and writers leave it nearly empty). */
static bool read_header(const unsigned char *b, size_t len, size_t at, bool strict, struct tzif_counts *c,
			int *version)
{
	if (len < at + 44 || memcmp(b + at, "TZif", 4) != 0)
		return false;
	unsigned char v = b[at + 4];
	if (v == 0)
		*version = 1;
	else if (v >= '2' && v <= '9')
		*version = v - '0';
	else
		return false;
	const unsigned char *p = b + at + 20;
	c->isut = be32(p);
	c->isstd = be32(p + 4);
	c->leap = be32(p + 8);
	c->time = be32(p + 12);
	c->type = be32(p + 16);
	c->chars = be32(p + 20);
	/* Anything larger cannot be a real zone; keeps the size sums below from overflowing. */
	bool sane = c->time <= 100000 && c->type <= 256 && c->chars <= 4096 && c->leap <= 10000 && c->isut <= 256 &&
		    c->isstd <= 256;
	return sane && (!strict || (c->type >= 1 && (c->isut == 0 || c->isut == c->type) &&
				    (c->isstd == 0 || c->isstd == c->type)));
}

static size_t block_size(const struct tzif_counts *c, size_t timesize)
{
	return c->time * timesize + c->time + c->type * 6 + c->chars + c->leap * (timesize + 4) + c->isstd + c->isut;
}

/* Reads one data block into z; types with the same offset and daylight flag
 * are merged (the abbreviations that tell them apart are not kept), so the
 * caps hold for every zone of the database. */
static bool read_block(struct tz *z, const unsigned char *p, const struct tzif_counts *c, size_t timesize)
{
	const unsigned char *times = p;
	const unsigned char *idx = times + c->time * timesize;
	const unsigned char *info = idx + c->time;
	int map[256];
	z->ntypes = 0;
	for (uint32_t i = 0; i < c->type; i++) {
		int32_t off = (int32_t)be32(info + i * 6);
		bool dst = info[i * 6 + 4] != 0;
		if (info[i * 6 + 4] > 1 || info[i * 6 + 5] >= c->chars || off < -MAX_OFFSET_S || off > MAX_OFFSET_S)
			return false;
		int j = 0;
		while (j < z->ntypes && !(z->type_offset_s[j] == off && z->type_dst[j] == dst))
			j++;
		if (j == z->ntypes) {
			if (z->ntypes == TZ_MAX_TYPES)
				return false;
			z->type_offset_s[j] = off;
			z->type_dst[j] = dst;
			z->ntypes++;
		}
		map[i] = j;
	}
	/* Transitions that change nothing after the merge are dropped: same answers, fewer entries. */
	z->ntrans = 0;
	int prev = 0;
	int64_t last = 0;
	for (uint32_t i = 0; i < c->time; i++) {
		int64_t at = timesize == 8 ? be64(times + i * 8) : (int64_t)(int32_t)be32(times + i * 4);
		if (idx[i] >= c->type || (i > 0 && at <= last))
			return false;
		last = at;
		if (map[idx[i]] == prev)
			continue;
		if (z->ntrans == TZ_MAX_TRANSITIONS)
			return false;
		z->trans_at[z->ntrans] = at;
		z->trans_type[z->ntrans] = (unsigned char)map[idx[i]];
		z->ntrans++;
		prev = map[idx[i]];
	}
	return true;
}

enum kiosk_err tz_parse(struct tz *out, const char *name, const unsigned char *bytes, size_t len)
{
	memset(out, 0, sizeof *out);
	struct tzif_counts c;
	int version;
	if (!bytes || !read_header(bytes, len, 0, false, &c, &version))
		return KIOSK_ERR_INVALID;
	if (version == 1 && !read_header(bytes, len, 0, true, &c, &version))
		return KIOSK_ERR_INVALID;
	size_t at = 44;
	size_t size = block_size(&c, 4);
	if (len - at < size)
		goto bad;
	bool ok;
	if (version == 1) {
		ok = read_block(out, bytes + at, &c, 4);
	} else {
		/* Version 2 and later repeat the data with 64-bit times, then the footer. */
		at += size;
		int v2;
		if (!read_header(bytes, len, at, true, &c, &v2))
			goto bad;
		at += 44;
		size = block_size(&c, 8);
		if (len - at < size)
			goto bad;
		ok = read_block(out, bytes + at, &c, 8);
		at += size;
		if (!ok || at >= len || bytes[at] != '\n')
			goto bad;
		const unsigned char *nl = memchr(bytes + at + 1, '\n', len - at - 1);
		char footer[128];
		size_t n = nl ? (size_t)(nl - (bytes + at + 1)) : sizeof footer;
		if (n >= sizeof footer)
			goto bad;
		memcpy(footer, bytes + at + 1, n);
		footer[n] = '\0';
		/* An empty footer: nothing is known past the last transition, which keeps applying. */
		if (n > 0) {
			if (!tz_rule_parse(&out->rule, footer))
				goto bad;
			out->has_rule = true;
		}
	}
	if (!ok)
		goto bad;
	snprintf(out->name, sizeof out->name, "%s", name ? name : "");
	return KIOSK_OK;
bad:
	memset(out, 0, sizeof *out);
	return KIOSK_ERR_INVALID;
}

void tz_fixed(struct tz *out, const char *name, int32_t offset_s)
{
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", name ? name : "");
	out->ntypes = 1;
	out->type_offset_s[0] = offset_s;
	out->rule.std_offset_s = offset_s;
	out->rule.dst_offset_s = offset_s;
}

/* ---- POSIX TZ rules ---- */

static bool parse_digits(const char **s, int max_digits, int *out)
{
	int n = 0, v = 0;
	while (n < max_digits && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n > 0;
}

/* "std" or "<+0330>": letters (at least 3), or anything alphanumeric or signed in angle brackets. */
static bool parse_name(const char **s)
{
	const char *p = *s;
	if (*p == '<') {
		p++;
		const char *from = p;
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '+' ||
		       *p == '-')
			p++;
		if (*p != '>' || p - from < 1)
			return false;
		*s = p + 1;
		return true;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	if (p - *s < 3)
		return false;
	*s = p;
	return true;
}

/* [+-]hh[:mm[:ss]] with hours up to max_h, as seconds. */
static bool parse_hms(const char **s, int max_h, int32_t *out)
{
	int sign = 1;
	if (**s == '+' || **s == '-') {
		sign = **s == '-' ? -1 : 1;
		(*s)++;
	}
	int h, m = 0, sec = 0;
	if (!parse_digits(s, 3, &h) || h > max_h)
		return false;
	if (**s == ':') {
		(*s)++;
		if (!parse_digits(s, 2, &m) || m > 59)
			return false;
		if (**s == ':') {
			(*s)++;
			if (!parse_digits(s, 2, &sec) || sec > 59)
				return false;
		}
	}
	*out = sign * (h * 3600 + m * 60 + sec);
	return true;
}

static bool parse_rule_day(const char **s, struct tz_rule_day *d)
{
	memset(d, 0, sizeof *d);
	if (**s == 'M') {
		(*s)++;
		d->kind = 'M';
		if (!parse_digits(s, 2, &d->month) || d->month < 1 || d->month > 12 || **s != '.')
			return false;
		(*s)++;
		if (!parse_digits(s, 1, &d->week) || d->week < 1 || d->week > 5 || **s != '.')
			return false;
		(*s)++;
		if (!parse_digits(s, 1, &d->wday) || d->wday > 6)
			return false;
	} else if (**s == 'J') {
		(*s)++;
		d->kind = 'J';
		if (!parse_digits(s, 3, &d->day) || d->day < 1 || d->day > 365)
			return false;
	} else {
		d->kind = 'D';
		if (!parse_digits(s, 3, &d->day) || d->day > 365)
			return false;
	}
	d->time_s = 2 * 3600;
	if (**s == '/') {
		(*s)++;
		if (!parse_hms(s, 167, &d->time_s))
			return false;
	}
	return true;
}

bool tz_rule_parse(struct tz_rule *out, const char *text)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return false;
	const char *s = text;
	int32_t west;
	/* POSIX counts hours west of Greenwich: "CET-1" is one hour east. */
	if (!parse_name(&s) || !parse_hms(&s, 24, &west))
		goto bad;
	out->std_offset_s = -west;
	out->dst_offset_s = out->std_offset_s;
	if (*s == '\0')
		return true;
	if (!parse_name(&s))
		goto bad;
	out->has_dst = true;
	out->dst_offset_s = out->std_offset_s + 3600;
	if (*s != ',' && *s != '\0') {
		if (!parse_hms(&s, 24, &west))
			goto bad;
		out->dst_offset_s = -west;
	}
	if (*s == '\0') {
		/* No dates given: the US rules, as glibc assumes. */
		out->start = (struct tz_rule_day){'M', 3, 2, 0, 0, 2 * 3600};
		out->end = (struct tz_rule_day){'M', 11, 1, 0, 0, 2 * 3600};
		return true;
	}
	if (*s != ',')
		goto bad;
	s++;
	if (!parse_rule_day(&s, &out->start) || *s != ',')
		goto bad;
	s++;
	if (!parse_rule_day(&s, &out->end) || *s != '\0')
		goto bad;
	return true;
bad:
	memset(out, 0, sizeof *out);
	return false;
}

/* The local date a rule names in a year whose 1 January is jan1, as days
 * since 1970-01-01. Month starts come from a table, not the calendar
 * functions: this runs for every day a booking calendar looks at. */
static int64_t rule_date(const struct tz_rule_day *d, int year, int64_t jan1)
{
	static const short month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	bool leap = is_leap(year);
	if (d->kind == 'J')
		return jan1 + d->day - 1 + (leap && d->day >= 60);
	if (d->kind == 'D')
		return jan1 + d->day;
	int64_t first = jan1 + month_start[d->month - 1] + (leap && d->month > 2);
	int first_wday = (tz_weekday_of_days(first) + 1) % 7; /* POSIX counts from Sunday */
	int day = 1 + (d->wday - first_wday + 7) % 7 + (d->week - 1) * 7;
	while (day > month_days(year, d->month))
		day -= 7;
	return first + day - 1;
}

/* The two switches of a year, as UTC moments. */
static void rule_switches(const struct tz_rule *r, int year, int64_t jan1, int64_t *into, int64_t *out)
{
	*into = rule_date(&r->start, year, jan1) * DAY_S + r->start.time_s - r->std_offset_s;
	*out = rule_date(&r->end, year, jan1) * DAY_S + r->end.time_s - r->dst_offset_s;
}

static int days_in_year(int year)
{
	return is_leap(year) ? 366 : 365;
}

/* Whether daylight saving is on after the later of a year's two switches
 * (on a tie, all-year daylight saving like "EST5EDT4,0/0,J365/25", the start
 * wins). */
static bool dst_after_both(int64_t into, int64_t out)
{
	return into >= out;
}

static int32_t rule_offset(const struct tz_rule *r, int64_t utc)
{
	if (!r->has_dst)
		return r->std_offset_s;
	int y, m, d;
	int64_t days = floor_div(utc + r->std_offset_s, DAY_S);
	tz_civil_from_days(days, &y, &m, &d);
	int64_t jan1 = tz_days_from_civil(y, 1, 1);
	int64_t into, out;
	rule_switches(r, y, jan1, &into, &out);
	/* A switch lies within 9 days of its nominal date (times up to 167 h,
	 * offsets up to 26 h). Away from New Year, then, only this year's
	 * switches and, before the first of them, last year's can have passed. */
	if (utc >= (jan1 + 10) * DAY_S && utc < (jan1 + days_in_year(y) - 10) * DAY_S) {
		if (utc >= into && utc >= out)
			return dst_after_both(into, out) ? r->dst_offset_s : r->std_offset_s;
		if (utc >= into)
			return r->dst_offset_s;
		if (utc >= out)
			return r->std_offset_s;
		rule_switches(r, y - 1, jan1 - days_in_year(y - 1), &into, &out);
		return dst_after_both(into, out) ? r->dst_offset_s : r->std_offset_s;
	}
	/* Near New Year: the switches of the year before, this one and the next;
	 * the latest one not after utc decides. Looking at all six copes with
	 * rules whose daylight saving spans New Year (the south, or Dublin's
	 * winter "negative" daylight saving) and switch times beyond midnight. */
	int64_t best = INT64_MIN;
	bool best_dst = false;
	int64_t year_start[3] = {jan1 - days_in_year(y - 1), jan1, jan1 + days_in_year(y)};
	for (int k = 0; k < 3; k++) {
		rule_switches(r, y - 1 + k, year_start[k], &into, &out);
		if (out <= utc && (out > best || (out == best && !best_dst))) {
			best = out;
			best_dst = false;
		}
		if (into <= utc && into >= best) {
			best = into;
			best_dst = true;
		}
	}
	return best_dst ? r->dst_offset_s : r->std_offset_s;
}

/* ---- conversions ---- */

int32_t tz_offset_at(const struct tz *z, int64_t utc)
{
	if (z->ntrans == 0 || utc >= z->trans_at[z->ntrans - 1]) {
		if (z->has_rule)
			return rule_offset(&z->rule, utc);
		if (z->ntrans == 0)
			return z->ntypes > 0 ? z->type_offset_s[0] : 0;
		return z->type_offset_s[z->trans_type[z->ntrans - 1]];
	}
	if (utc < z->trans_at[0])
		return z->type_offset_s[0];
	/* The last transition at or before utc. */
	int lo = 0, hi = z->ntrans - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (z->trans_at[mid] <= utc)
			lo = mid;
		else
			hi = mid - 1;
	}
	return z->type_offset_s[z->trans_type[lo]];
}

void tz_to_local(const struct tz *z, int64_t utc, struct tz_civil *out)
{
	int32_t off = tz_offset_at(z, utc);
	int64_t local = utc + off;
	int64_t days = floor_div(local, DAY_S);
	int64_t secs = local - days * DAY_S;
	tz_civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(secs / 3600);
	out->minute = (int)(secs / 60 % 60);
	out->second = (int)(secs % 60);
	out->weekday = tz_weekday_of_days(days);
	out->offset_s = off;
}

enum tz_local_kind tz_from_local(const struct tz *z, int year, int month, int day, int hour, int minute,
				 int64_t *utc)
{
	int64_t local = tz_days_from_civil(year, month, day) * DAY_S + (int64_t)hour * 3600 + (int64_t)minute * 60;
	/* The offsets in force a day either side cover every change near this
	 * wall-clock time; each that maps back onto itself is a solution. */
	int32_t before = tz_offset_at(z, local - DAY_S);
	int32_t after = tz_offset_at(z, local + DAY_S);
	int32_t cand[4] = {before, after, tz_offset_at(z, local - before), tz_offset_at(z, local - after)};
	int64_t found[4];
	int n = 0;
	for (int i = 0; i < 4; i++) {
		int64_t u = local - cand[i];
		if (tz_offset_at(z, u) != cand[i])
			continue;
		bool dup = false;
		for (int j = 0; j < n; j++)
			dup = dup || found[j] == u;
		if (!dup)
			found[n++] = u;
	}
	if (n == 0) {
		*utc = local - before;
		return TZ_LOCAL_SKIPPED;
	}
	int64_t first = found[0];
	for (int j = 1; j < n; j++)
		if (found[j] < first)
			first = found[j];
	*utc = first;
	return n == 1 ? TZ_LOCAL_UNIQUE : TZ_LOCAL_REPEATED;
}

/* ---- text ---- */

static bool fixed_digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*s += n;
	*out = v;
	return true;
}

/* "2026-11-22" at *s; moves past it. */
static bool parse_ymd(const char **s, int64_t *days)
{
	int y, m, d;
	const char *p = *s;
	if (!fixed_digits(&p, 4, &y) || *p++ != '-' || !fixed_digits(&p, 2, &m) || *p++ != '-' ||
	    !fixed_digits(&p, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*days = tz_days_from_civil(y, m, d);
	*s = p;
	return true;
}

bool tz_parse_date(const char *text, int64_t *days)
{
	const char *p = text;
	return text && parse_ymd(&p, days) && *p == '\0';
}

void tz_format_date(char out[11], int64_t days)
{
	int y, m, d;
	tz_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(out, 11, "0000-00-00");
		return;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void tz_format_iso(char out[32], const struct tz *z, int64_t utc)
{
	struct tz_civil c;
	tz_to_local(z, utc, &c);
	/* Offsets with seconds (local mean time before 1900) have no ISO form: say it in UTC. */
	bool in_utc = c.offset_s % 60 != 0;
	if (in_utc) {
		struct tz utc_zone;
		tz_fixed(&utc_zone, "UTC", 0);
		tz_to_local(&utc_zone, utc, &c);
	}
	int y = c.year < 0 ? 0 : c.year > 9999 ? 9999 : c.year;
	int off = c.offset_s < 0 ? -c.offset_s : c.offset_s;
	char tail[8] = "Z"; /* "+HH:MM" */
	if (!in_utc)
		snprintf(tail, sizeof tail, "%c%02u:%02u", c.offset_s < 0 ? '-' : '+', (unsigned)off / 3600u % 100u,
			 (unsigned)off / 60u % 60u);
	snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u%s", (unsigned)y % 10000u, (unsigned)c.month % 100u,
		 (unsigned)c.day % 100u, (unsigned)c.hour % 100u, (unsigned)c.minute % 100u, (unsigned)c.second % 100u,
		 tail);
}

/* ISO 8601 / RFC 3339 date and time with a zone, to milliseconds. strict is
 * RFC 3339 as the protocol writes it: a "T", seconds, and an offset with its
 * colon; otherwise a space may separate, seconds may be left out and the
 * offset's colon too. Fractions of any length; beyond milliseconds they are
 * cut. */
static bool parse_iso(const char *text, bool strict, int64_t *ms)
{
	if (!text)
		return false;
	const char *p = text;
	int64_t days;
	int h, m, s = 0, frac = 0;
	if (!parse_ymd(&p, &days))
		return false;
	if (*p != 'T' && *p != 't' && (strict || *p != ' '))
		return false;
	p++;
	if (!fixed_digits(&p, 2, &h) || *p++ != ':' || !fixed_digits(&p, 2, &m))
		return false;
	if (strict && *p != ':')
		return false;
	if (*p == ':') {
		p++;
		if (!fixed_digits(&p, 2, &s))
			return false;
		if (*p == '.' || (!strict && *p == ',')) {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			for (int scale = 100; *p >= '0' && *p <= '9'; p++, scale /= 10)
				frac += (*p - '0') * scale;
		}
	}
	if (h > 23 || m > 59 || s > 59)
		return false;
	int32_t off = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		int oh, om = 0;
		p++;
		if (!fixed_digits(&p, 2, &oh))
			return false;
		if (*p == ':') {
			p++;
			if (!fixed_digits(&p, 2, &om))
				return false;
		} else if (strict) {
			return false;
		} else if (*p >= '0' && *p <= '9') {
			if (!fixed_digits(&p, 2, &om))
				return false;
		}
		if (oh > 23 || om > 59)
			return false;
		off = sign * (oh * 3600 + om * 60);
	} else {
		return false;
	}
	if (*p != '\0')
		return false;
	*ms = (days * DAY_S + h * 3600 + m * 60 + s - off) * 1000 + frac;
	return true;
}

bool tz_parse_iso(const char *text, int64_t *utc)
{
	int64_t ms;
	if (!parse_iso(text, false, &ms))
		return false;
	/* Fractions of a second: the moment is the whole second before. */
	*utc = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	return true;
}

bool tz_parse_rfc3339_ms(const char *text, int64_t *ms)
{
	return parse_iso(text, true, ms);
}
