/*
 * Services file: parsing and validation (Jansson, strict JSON with line and
 * column), opening hours, booking rules, closures and the appointments queue
 * (docs/booking.md), ticket number formatting.
 * Jansson keeps no positions for values, so a problem's line is found by
 * walking the text again along the path of the member at fault.
 * Not here: number allocation (the store does it durably), the wait
 * estimate, or slots (booking.c). Pure; the parsed struct is read-only and
 * may be shared.
 */
#include "kiosk/services.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/i18n.h"

static const char *const days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

struct arena {
	char *buf;
	size_t len, cap;
};

static const char *keep(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	if (a->len + n > a->cap)
		return NULL;
	char *p = a->buf + a->len;
	memcpy(p, s, n);
	a->len += n;
	return p;
}

/* A translated text: an object of language -> string. Each site language gets
 * its own text or, failing that, the default language's. label names it in
 * messages ("name", "booking.reasons[2].name"). */
static bool texts_at(json_t *obj, const char *field, const char *label, const struct config *cfg, struct arena *a,
		     const char **out, bool required, const char *where, const struct i18n_catalog *tr,
		     struct config_report *rep, int line)
{
	json_t *t = json_object_get(obj, field);
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		out[i] = NULL;
	if (!t) {
		if (required)
			config_report_add(rep, tr, line, N_("service %s has no \"%s\""), where, label);
		return !required;
	}
	if (!json_is_object(t)) {
		config_report_add(rep, tr, line, N_("service %s: \"%s\" must be an object of language: text"), where,
				  label);
		return false;
	}
	int def = config_lang_index(cfg, cfg->default_lang);
	json_t *fallback = json_object_get(t, cfg->langs[def < 0 ? 0 : def]);
	if (!json_is_string(fallback)) {
		config_report_add(rep, tr, line, N_("service %s: \"%s\" has no text in the default language %s"), where,
				  label, cfg->langs[def < 0 ? 0 : def]);
		return false;
	}
	for (int i = 0; i < cfg->nlangs; i++) {
		json_t *v = json_object_get(t, cfg->langs[i]);
		if (v && !json_is_string(v)) {
			config_report_add(rep, tr, line, N_("service %s: \"%s\" in %s must be text"), where, label,
					  cfg->langs[i]);
			return false;
		}
		out[i] = keep(a, json_string_value(v ? v : fallback));
		if (!out[i])
			return false;
	}
	return true;
}

static bool texts(json_t *obj, const char *field, const struct config *cfg, struct arena *a, const char **out,
		  bool required, const char *where, const struct i18n_catalog *tr, struct config_report *rep, int line)
{
	return texts_at(obj, field, field, cfg, a, out, required, where, tr, rep, line);
}

static bool clock_time(const char *s, short *minutes)
{
	int h, m;
	char end;
	if (sscanf(s, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m))
		return false;
	*minutes = (short)(h * 60 + m);
	return true;
}

/* ---- where a problem is: the line of a member, found by walking the text ---- */

struct parse {
	const char *text;
	size_t len;
	const struct config *cfg;
	const struct i18n_catalog *tr;
	struct config_report *rep;
	struct arena *a;
};

struct walker {
	const char *p, *end;
	int line;
};

static void walk_space(struct walker *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' || *w->p == '\n' || *w->p == '\r')) {
		if (*w->p == '\n')
			w->line++;
		w->p++;
	}
}

/* At a '"': past the closing quote; *from and *n give the raw text. */
static void walk_string(struct walker *w, const char **from, size_t *n)
{
	w->p++;
	*from = w->p;
	while (w->p < w->end && *w->p != '"')
		w->p += *w->p == '\\' ? 2 : 1;
	*n = (size_t)(w->p - *from);
	w->p++;
}

static void walk_value(struct walker *w)
{
	walk_space(w);
	if (w->p >= w->end)
		return;
	const char *from;
	size_t n;
	char open = *w->p;
	if (open == '"') {
		walk_string(w, &from, &n);
	} else if (open == '{' || open == '[') {
		char close = open == '{' ? '}' : ']';
		w->p++;
		walk_space(w);
		while (w->p < w->end && *w->p != close) {
			if (open == '{') {
				walk_string(w, &from, &n);
				walk_space(w);
				w->p++; /* ':' */
			}
			walk_value(w);
			walk_space(w);
			if (w->p < w->end && *w->p == ',')
				w->p++;
			walk_space(w);
		}
		w->p++;
	} else {
		while (w->p < w->end && !strchr(",]} \t\r\n", *w->p))
			w->p++;
	}
}

/* The line of the value at a path of member names and list indexes
 * ("services/1/booking/hours"); as deep as the path exists. The text has
 * already been read by Jansson, so it is valid JSON. */
static int line_of(const struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int line_of(const struct parse *ps, const char *fmt, ...)
{
	char path[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	struct walker w = {ps->text, ps->text + ps->len, 1};
	walk_space(&w);
	int found = w.line;
	for (char *seg = path; seg && *seg;) {
		char *slash = strchr(seg, '/');
		if (slash)
			*slash = '\0';
		walk_space(&w);
		bool ok = false;
		if (w.p < w.end && *w.p == '{') {
			w.p++;
			walk_space(&w);
			while (w.p < w.end && *w.p == '"') {
				const char *key;
				size_t n;
				walk_string(&w, &key, &n);
				walk_space(&w);
				w.p++; /* ':' */
				walk_space(&w);
				if (n == strlen(seg) && memcmp(key, seg, n) == 0) {
					ok = true;
					break;
				}
				walk_value(&w);
				walk_space(&w);
				if (w.p < w.end && *w.p == ',')
					w.p++;
				walk_space(&w);
			}
		} else if (w.p < w.end && *w.p == '[') {
			w.p++;
			int k = atoi(seg);
			walk_space(&w);
			for (int i = 0; i < k && w.p < w.end && *w.p != ']'; i++) {
				walk_value(&w);
				walk_space(&w);
				if (w.p < w.end && *w.p == ',')
					w.p++;
				walk_space(&w);
			}
			ok = w.p < w.end && *w.p != ']';
		}
		if (!ok)
			break;
		found = w.line;
		seg = slash ? slash + 1 : NULL;
	}
	return found;
}

/* ---- opening and booking hours ---- */

/* The messages of one kind of hours: a msgid each, taking (where, day, max)
 * and (where, span, day). */
struct hours_msgs {
	const char *not_list;
	const char *bad_span;
};

static bool span_parse(const char *span, short *a, short *b)
{
	char from[8] = "", to[8] = "";
	const char *dash = span ? strchr(span, '-') : NULL;
	if (dash && dash - span < 8 && strlen(dash + 1) < 8) {
		memcpy(from, span, (size_t)(dash - span));
		snprintf(to, sizeof to, "%s", dash + 1);
	}
	return clock_time(from, a) && clock_time(to, b) && *a < *b;
}

static bool spans_parse(json_t *h, short out[7][SERVICES_MAX_SPANS][2], int spans[7], const char *where,
			const char *path, const struct hours_msgs *msg, const struct parse *ps)
{
	bool ok = true;
	for (int d = 0; d < 7; d++) {
		json_t *list = json_object_get(h, days[d]);
		if (!list)
			continue; /* closed that day */
		int line = line_of(ps, "%s/%s", path, days[d]);
		if (!json_is_array(list) || json_array_size(list) > SERVICES_MAX_SPANS) {
			config_report_add(ps->rep, ps->tr, line, msg->not_list, where, days[d], SERVICES_MAX_SPANS);
			ok = false;
			continue;
		}
		for (size_t i = 0; i < json_array_size(list); i++) {
			const char *span = json_string_value(json_array_get(list, i));
			short a, b;
			int prev_end = spans[d] ? out[d][spans[d] - 1][1] : -1;
			if (!span_parse(span, &a, &b) || a < prev_end) {
				config_report_add(ps->rep, ps->tr, line_of(ps, "%s/%s/%zu", path, days[d], i),
						  msg->bad_span, where, span ? span : "?", days[d]);
				ok = false;
				continue;
			}
			out[d][spans[d]][0] = a;
			out[d][spans[d]][1] = b;
			spans[d]++;
		}
	}
	return ok;
}

static bool hours(json_t *obj, int idx, struct service *s, const char *where, const struct parse *ps)
{
	static const struct hours_msgs msgs = {
		N_("service %s: hours for %s must be a list of at most %d spans"),
		N_("service %s: \"%s\" on %s is not a time span like \"08:00-12:30\" after the previous one"),
	};
	json_t *h = json_object_get(obj, "hours");
	if (!json_is_object(h)) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "services/%d/hours", idx),
				  N_("service %s has no \"hours\" object (\"mon\": [\"08:00-15:00\"], ...)"), where);
		return false;
	}
	char path[32];
	snprintf(path, sizeof path, "services/%d/hours", idx);
	return spans_parse(h, s->open, s->spans, where, path, &msgs, ps);
}

/* ---- booking rules ---- */

/* A whole number member within [min, max]; def when absent and not required. */
static bool number(json_t *obj, const char *key, int min, int max, int def, bool required, int *out,
		   const char *where, const char *path, const struct parse *ps)
{
	json_t *v = json_object_get(obj, key);
	*out = def;
	if (!v && !required)
		return true;
	json_int_t n = json_integer_value(v);
	if (!json_is_integer(v) || n < min || n > max) {
		int line = v ? line_of(ps, "%s/%s", path, key) : line_of(ps, "%s", path);
		/* The member named as in the documentation: "booking.checkin.late_minutes". */
		const char *from = strstr(path, "booking");
		char label[64];
		snprintf(label, sizeof label, "%s", from ? from : path);
		for (char *p = label; *p; p++)
			*p = *p == '/' ? '.' : *p;
		config_report_add(ps->rep, ps->tr, line,
				  N_("service %s: \"%s.%s\" must be a whole number from %d to %d"), where, label, key,
				  min, max);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool weekday_parse(const char *name, int *wd)
{
	for (int d = 0; name && d < 7; d++) {
		if (strcmp(name, days[d]) == 0) {
			*wd = d;
			return true;
		}
	}
	return false;
}

static bool modes(json_t *b, int idx, struct booking_rules *r, const char *where, const struct parse *ps)
{
	json_t *m = json_object_get(b, "modes");
	bool ok = true, any = false;
	const char *name;
	json_t *list;
	json_object_foreach(m, name, list) {
		int line = line_of(ps, "services/%d/booking/modes/%s", idx, name);
		enum booking_mode mode;
		if (!booking_mode_parse(name, &mode)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: \"%s\" is not a contact mode (in_person, phone or video)"),
					  where, name);
			ok = false;
			continue;
		}
		if (!json_is_array(list)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: \"booking.modes.%s\" must be a list of weekdays like "
					     "[\"mon\", \"tue\"]"),
					  where, name);
			ok = false;
			continue;
		}
		size_t i;
		json_t *day;
		json_array_foreach(list, i, day) {
			int wd;
			if (!weekday_parse(json_string_value(day), &wd)) {
				int at = line_of(ps, "services/%d/booking/modes/%s/%zu", idx, name, i);
				config_report_add(ps->rep, ps->tr, at,
						  N_("service %s: \"%s\" in \"booking.modes.%s\" is not a weekday "
						     "(mon, tue, wed, thu, fri, sat, sun)"),
						  where, json_is_string(day) ? json_string_value(day) : "?", name);
				ok = false;
				continue;
			}
			r->mode_days[mode] |= (unsigned char)(1u << wd);
			any = true;
		}
	}
	if (ok && !any) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "services/%d/booking", idx),
				  N_("service %s: \"booking\" needs \"modes\" with at least one of in_person, phone or "
				     "video and the weekdays it is offered"),
				  where);
		ok = false;
	}
	return ok;
}

static bool reason_id_ok(const char *id, size_t cap)
{
	if (!id || !*id || strlen(id) >= cap)
		return false;
	for (const char *p = id; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	}
	return true;
}

static bool reasons(json_t *b, int idx, struct booking_rules *r, const char *where, const struct parse *ps)
{
	json_t *list = json_object_get(b, "reasons");
	if (!list)
		return true;
	if (!json_is_array(list) || json_array_size(list) > BOOKING_MAX_REASONS) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "services/%d/booking/reasons", idx),
				  N_("service %s: \"booking.reasons\" must be a list of at most %d reasons"), where,
				  BOOKING_MAX_REASONS);
		return false;
	}
	bool ok = true;
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		int line = line_of(ps, "services/%d/booking/reasons/%zu", idx, i);
		const char *id = json_string_value(json_object_get(o, "id"));
		if (!reason_id_ok(id, sizeof r->reason[0].id)) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: reason %d needs an \"id\" of 1 to %d small letters, digits "
					     "or dashes"),
					  where, (int)i + 1, (int)sizeof r->reason[0].id - 1);
			ok = false;
			continue;
		}
		bool dup = false;
		for (int k = 0; k < r->nreasons; k++)
			dup = dup || strcmp(r->reason[k].id, id) == 0;
		if (dup) {
			config_report_add(ps->rep, ps->tr, line, N_("service %s: the reason id \"%s\" is used twice"),
					  where, id);
			ok = false;
			continue;
		}
		struct booking_reason *reason = &r->reason[r->nreasons];
		snprintf(reason->id, sizeof reason->id, "%s", id);
		char label[40];
		snprintf(label, sizeof label, "booking.reasons[%d].name", (int)i + 1);
		if (!texts_at(o, "name", label, ps->cfg, ps->a, reason->name, true, where, ps->tr, ps->rep,
			      line_of(ps, "services/%d/booking/reasons/%zu/name", idx, i))) {
			ok = false;
			continue;
		}
		r->nreasons++;
	}
	return ok;
}

static void format_span(char out[16], int a, int b)
{
	snprintf(out, 16, "%02u:%02u-%02u:%02u", (unsigned)a / 60u % 100u, (unsigned)a % 60u, (unsigned)b / 60u % 100u,
		 (unsigned)b % 60u);
}

static bool booking(json_t *o, int idx, struct service *s, const char *where, const struct parse *ps)
{
	json_t *b = json_object_get(o, "booking");
	struct booking_rules *r = &s->booking;
	memset(r, 0, sizeof *r);
	if (!b)
		return true;
	char path[48];
	snprintf(path, sizeof path, "services/%d/booking", idx);
	if (!json_is_object(b)) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "%s", path),
				  N_("service %s: \"booking\" must be an object (docs/booking.md)"), where);
		return false;
	}
	bool ok = number(b, "duration_minutes", 5, 480, 0, true, &r->duration_min, where, path, ps);
	ok = number(b, "buffer_minutes", 0, 120, 0, false, &r->buffer_min, where, path, ps) && ok;
	ok = number(b, "notice_minutes", 0, 20160, 60, false, &r->notice_min, where, path, ps) && ok;
	ok = number(b, "horizon_days", 1, 365, 60, false, &r->horizon_days, where, path, ps) && ok;
	ok = number(b, "capacity", 1, 50, 1, false, &r->capacity, where, path, ps) && ok;
	json_t *checkin = json_object_get(b, "checkin");
	char cpath[64];
	snprintf(cpath, sizeof cpath, "%s/checkin", path);
	if (checkin && !json_is_object(checkin)) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "%s", cpath),
				  N_("service %s: \"booking.checkin\" must be an object like {\"early_minutes\": 30, "
				     "\"late_minutes\": 15}"),
				  where);
		ok = false;
	} else {
		ok = number(checkin, "early_minutes", 0, 240, 30, false, &r->early_min, where, cpath, ps) && ok;
		ok = number(checkin, "late_minutes", 0, 120, 15, false, &r->late_min, where, cpath, ps) && ok;
	}
	/* Booking hours default to the opening hours. */
	json_t *h = json_object_get(b, "hours");
	if (h) {
		static const struct hours_msgs msgs = {
			N_("service %s: booking hours for %s must be a list of at most %d spans"),
			N_("service %s: booking hours \"%s\" on %s are not a time span like \"08:30-12:30\" after the "
			   "previous one (spans may not overlap)"),
		};
		char hpath[64];
		snprintf(hpath, sizeof hpath, "%s/hours", path);
		if (!json_is_object(h)) {
			config_report_add(ps->rep, ps->tr, line_of(ps, "%s", hpath),
					  N_("service %s: \"booking.hours\" must be an object like {\"mon\": "
					     "[\"08:30-12:30\"]}"),
					  where);
			ok = false;
		} else {
			ok = spans_parse(h, r->hours, r->spans, where, hpath, &msgs, ps) && ok;
		}
	} else {
		memcpy(r->hours, s->open, sizeof r->hours);
		memcpy(r->spans, s->spans, sizeof r->spans);
	}
	ok = modes(b, idx, r, where, ps) && ok;
	ok = reasons(b, idx, r, where, ps) && ok;
	ok = texts_at(b, "bring", "booking.bring", ps->cfg, ps->a, r->bring, false, where, ps->tr, ps->rep,
		      line_of(ps, "%s/bring", path)) &&
	     ok;
	ok = texts_at(b, "place", "booking.place", ps->cfg, ps->a, r->place, false, where, ps->tr, ps->rep,
		      line_of(ps, "%s/place", path)) &&
	     ok;
	if (!ok)
		return false;
	/* What reads right but books nothing. */
	for (int d = 0; d < 7; d++) {
		for (int i = 0; i < r->spans[d]; i++) {
			if (r->hours[d][i][1] - r->hours[d][i][0] >= r->duration_min)
				continue;
			char span[16];
			format_span(span, r->hours[d][i][0], r->hours[d][i][1]);
			int line = h ? line_of(ps, "%s/hours/%s", path, days[d])
				     : line_of(ps, "services/%d/hours/%s", idx, days[d]);
			config_report_add(ps->rep, ps->tr, line,
					  N_("service %s: booking hours %s on %s are shorter than one meeting (%d "
					     "minutes)"),
					  where, span, days[d], r->duration_min);
			ok = false;
		}
		for (int m = 0; m < BOOKING_MODES; m++) {
			if ((r->mode_days[m] & (1u << d)) && r->spans[d] == 0) {
				int line = line_of(ps, "%s/modes/%s", path, booking_mode_name(m));
				config_report_add(ps->rep, ps->tr, line,
						  N_("service %s: %s meetings are offered on %s, but there are no "
						     "booking hours that day"),
						  where, booking_mode_name(m), days[d]);
				ok = false;
			}
		}
	}
	r->offered = ok;
	return ok;
}

/* ---- the office's closures and the appointments queue ---- */

static bool closures(json_t *root, struct booking_calendar *cal, const struct parse *ps)
{
	json_t *list = json_object_get(root, "closures");
	if (!list)
		return true;
	if (!json_is_array(list) || json_array_size(list) > BOOKING_MAX_CLOSURES) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "closures"),
				  N_("\"closures\" must be a list of at most %d closures"), BOOKING_MAX_CLOSURES);
		return false;
	}
	bool ok = true;
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		int line = line_of(ps, "closures/%zu", i);
		struct booking_closure c = {0, 0, 0, 24 * 60};
		json_t *day = json_object_get(o, "day");
		json_t *from = json_object_get(o, "from"), *to = json_object_get(o, "to");
		bool days_ok;
		if (day)
			days_ok = !from && !to && tz_parse_date(json_string_value(day) ? json_string_value(day) : "",
								&c.from_day);
		else
			days_ok = from && to &&
				  tz_parse_date(json_string_value(from) ? json_string_value(from) : "", &c.from_day) &&
				  tz_parse_date(json_string_value(to) ? json_string_value(to) : "", &c.to_day);
		if (!days_ok) {
			config_report_add(ps->rep, ps->tr, line,
					  N_("closure %d needs a \"day\", or \"from\" and \"to\", as dates like "
					     "\"2026-12-24\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		if (day)
			c.to_day = c.from_day;
		if (c.to_day < c.from_day) {
			config_report_add(ps->rep, ps->tr, line, N_("closure %d: \"to\" is before \"from\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		json_t *h = json_object_get(o, "hours");
		if (h && !span_parse(json_string_value(h), &c.from_min, &c.to_min)) {
			config_report_add(ps->rep, ps->tr, line_of(ps, "closures/%zu/hours", i),
					  N_("closure %d: \"hours\" must be a time span like \"12:00-16:00\""),
					  (int)i + 1);
			ok = false;
			continue;
		}
		cal->c[cal->n++] = c;
	}
	return ok;
}

static bool appointments(json_t *root, struct services *out, const struct parse *ps)
{
	json_t *o = json_object_get(root, "appointments");
	bool bookable = false;
	for (int i = 0; i < out->count; i++)
		bookable = bookable || out->s[i].booking.offered;
	int line = line_of(ps, "appointments");
	if (!o) {
		if (!bookable)
			return true;
		config_report_add(ps->rep, ps->tr, 0,
				  N_("services can be booked, so the file needs \"appointments\": {\"prefix\": \"T\", "
				     "\"name\": {...}}, the queue booked visitors join when they arrive"));
		return false;
	}
	const char *prefix = json_string_value(json_object_get(o, "prefix"));
	bool prefix_ok = prefix && strlen(prefix) >= 1 && strlen(prefix) <= 2;
	for (const char *p = prefix; prefix_ok && *p; p++)
		prefix_ok = *p >= 'A' && *p <= 'Z';
	for (int i = 0; prefix_ok && i < out->count; i++)
		prefix_ok = strcmp(out->s[i].prefix, prefix) != 0;
	if (!prefix_ok) {
		config_report_add(ps->rep, ps->tr, line_of(ps, "appointments/prefix"),
				  N_("\"appointments\" needs a \"prefix\" of one or two capital letters A-Z that no "
				     "service uses"));
		return false;
	}
	snprintf(out->appointments_prefix, sizeof out->appointments_prefix, "%s", prefix);
	json_t *t = json_object_get(o, "name");
	int def = config_lang_index(ps->cfg, ps->cfg->default_lang);
	const char *def_lang = ps->cfg->langs[def < 0 ? 0 : def];
	json_t *fallback = json_object_get(t, def_lang);
	if (!json_is_object(t) || !json_is_string(fallback)) {
		config_report_add(ps->rep, ps->tr, t ? line_of(ps, "appointments/name") : line,
				  N_("\"appointments\" needs a \"name\" with a text in the default language %s"),
				  def_lang);
		return false;
	}
	for (int i = 0; i < ps->cfg->nlangs; i++) {
		json_t *v = json_object_get(t, ps->cfg->langs[i]);
		if (v && !json_is_string(v)) {
			config_report_add(ps->rep, ps->tr, line_of(ps, "appointments/name/%s", ps->cfg->langs[i]),
					  N_("\"appointments\": the name in %s must be text"), ps->cfg->langs[i]);
			return false;
		}
		out->appointments_name[i] = keep(ps->a, json_string_value(v ? v : fallback));
		if (!out->appointments_name[i])
			return false;
	}
	return true;
}

static bool one_service(json_t *o, int idx, struct services *out, const struct parse *ps)
{
	struct service *s = &out->s[idx];
	memset(s, 0, sizeof(*s));
	char where[32];
	snprintf(where, sizeof where, "%d", idx + 1);
	const struct config *cfg = ps->cfg;
	const struct i18n_catalog *tr = ps->tr;
	struct config_report *rep = ps->rep;
	struct arena *a = ps->a;
	int line = line_of(ps, "services/%d", idx);
	const char *id = json_string_value(json_object_get(o, "id"));
	if (!id || !*id || strlen(id) >= sizeof s->id) {
		config_report_add(rep, tr, line, N_("service %s needs an \"id\" of 1 to %d characters"), where,
				  (int)sizeof s->id - 1);
		return false;
	}
	snprintf(s->id, sizeof s->id, "%s", id);
	snprintf(where, sizeof where, "\"%s\"", id);
	const char *prefix = json_string_value(json_object_get(o, "prefix"));
	bool prefix_ok = prefix && strlen(prefix) >= 1 && strlen(prefix) <= 2;
	for (const char *p = prefix; prefix_ok && *p; p++)
		prefix_ok = *p >= 'A' && *p <= 'Z';
	if (!prefix_ok) {
		config_report_add(rep, tr, line, N_("service %s needs a \"prefix\" of one or two capital letters A-Z"),
				  where);
		return false;
	}
	snprintf(s->prefix, sizeof s->prefix, "%s", prefix);
	for (int i = 0; i < idx; i++) {
		if (strcmp(out->s[i].prefix, s->prefix) == 0 || strcmp(out->s[i].id, s->id) == 0) {
			config_report_add(rep, tr, line, N_("service %s uses the same id or prefix as service \"%s\""),
					  where, out->s[i].id);
			return false;
		}
	}
	json_t *hm = json_object_get(o, "handling_minutes");
	s->handling_min = hm ? (int)json_integer_value(hm) : 10;
	if (hm && (!json_is_integer(hm) || s->handling_min < 1 || s->handling_min > 240)) {
		config_report_add(rep, tr, line_of(ps, "services/%d/handling_minutes", idx),
				  N_("service %s: \"handling_minutes\" must be a whole number from 1 to 240"), where);
		return false;
	}
	return texts(o, "name", cfg, a, s->name, true, where, tr, rep, line_of(ps, "services/%d/name", idx)) &&
	       texts(o, "description", cfg, a, s->description, true, where, tr, rep,
		     line_of(ps, "services/%d/description", idx)) &&
	       texts(o, "priority", cfg, a, s->priority, false, where, tr, rep,
		     line_of(ps, "services/%d/priority", idx)) &&
	       hours(o, idx, s, where, ps) && booking(o, idx, s, where, ps);
}

enum kiosk_err services_parse(const char *text, size_t len, const struct config *cfg,
			      const struct i18n_catalog *tr, struct services *out, struct config_report *rep)
{
	memset(out, 0, sizeof(*out));
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		config_report_add(rep, tr, jerr.line > 0 ? jerr.line : 0, N_("not valid JSON at column %d: %s"),
				  jerr.column, jerr.text);
		return KIOSK_ERR_PARSE;
	}
	json_t *list = json_object_get(root, "services");
	size_t n = json_array_size(list);
	enum kiosk_err err = KIOSK_OK;
	if (!json_is_array(list) || n == 0 || n > SERVICES_MAX) {
		config_report_add(rep, tr, 0, N_("the file needs a \"services\" list of 1 to %d services"), SERVICES_MAX);
		err = KIOSK_ERR_INVALID;
	}
	struct arena a = {.cap = len * (size_t)(cfg->nlangs + 1) + 4096};
	a.buf = err == KIOSK_OK ? malloc(a.cap) : NULL;
	if (err == KIOSK_OK && !a.buf)
		err = KIOSK_ERR_NOMEM;
	struct parse ps = {text, len, cfg, tr, rep, &a};
	/* Each service stops at its first problem (the later checks build on the
	 * earlier), but every service, the closures and the appointments queue
	 * are checked, so one run lists what there is to fix. */
	for (size_t i = 0; err != KIOSK_ERR_NOMEM && a.buf && i < n; i++) {
		if (!one_service(json_array_get(list, i), (int)i, out, &ps))
			err = KIOSK_ERR_INVALID;
		out->count = (int)i + 1;
	}
	if (a.buf && !closures(root, &out->closures, &ps))
		err = KIOSK_ERR_INVALID;
	if (a.buf && err == KIOSK_OK && !appointments(root, out, &ps))
		err = KIOSK_ERR_INVALID;
	json_decref(root);
	if (err != KIOSK_OK) {
		free(a.buf);
		memset(out, 0, sizeof(*out));
		return err;
	}
	out->count = (int)n;
	out->arena = a.buf;
	return KIOSK_OK;
}

enum kiosk_err services_load(const char *path, const struct config *cfg, const struct i18n_catalog *tr,
			     struct services *out, struct config_report *rep)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(path, "rb");
	if (!f) {
		config_report_add(rep, tr, 0, N_("cannot read %s: %s"), path, strerror(errno));
		return errno == ENOENT ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO;
	}
	char *buf = malloc(256 * 1024);
	size_t len = buf ? fread(buf, 1, 256 * 1024, f) : 0;
	bool too_big = buf && len == 256 * 1024;
	fclose(f);
	enum kiosk_err err;
	if (!buf) {
		err = KIOSK_ERR_NOMEM;
	} else if (too_big) {
		config_report_add(rep, tr, 0, N_("the file is larger than 256 KiB; is this the right file?"));
		err = KIOSK_ERR_INVALID;
	} else {
		err = services_parse(buf, len, cfg, tr, out, rep);
	}
	free(buf);
	return err;
}

void services_fini(struct services *sv)
{
	free(sv->arena);
	memset(sv, 0, sizeof(*sv));
}

bool service_open_at(const struct service *s, int weekday, int minute)
{
	for (int i = 0; i < s->spans[weekday]; i++) {
		if (minute >= s->open[weekday][i][0] && minute < s->open[weekday][i][1])
			return true;
	}
	return false;
}

bool service_next_opening(const struct service *s, int weekday, int minute, int *days_ahead, int *at)
{
	for (int d = 0; d <= 7; d++) {
		int wd = (weekday + d) % 7;
		for (int i = 0; i < s->spans[wd]; i++) {
			if (d == 0 && s->open[wd][i][0] <= minute)
				continue;
			*days_ahead = d;
			*at = s->open[wd][i][0];
			return true;
		}
	}
	return false;
}

void service_format_number(char *dst, size_t cap, const char *prefix, int number)
{
	snprintf(dst, cap, "%s%03d", prefix, number);
}

int service_number_for(int n, int kiosk, int kiosks)
{
	return kiosk + (n - 1) * kiosks;
}

const struct service *services_find(const struct services *sv, const char *id)
{
	for (int i = 0; id && i < sv->count; i++) {
		if (strcmp(sv->s[i].id, id) == 0)
			return &sv->s[i];
	}
	return NULL;
}

bool services_bookable(const struct services *sv)
{
	for (int i = 0; i < sv->count; i++) {
		if (sv->s[i].booking.offered)
			return true;
	}
	return false;
}
