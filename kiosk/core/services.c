/*
 * Services file: parsing and validation (Jansson, strict JSON with line and
 * column), opening hours, ticket number formatting. The booking rules,
 * closures and the appointments queue are read by services_booking.c.
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
#include "services_private.h"

const char *const services_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};


const char *services_keep(struct arena *a, const char *s)
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
bool services_texts_at(json_t *obj, const char *field, const char *label, const struct config *cfg, struct arena *a,
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
		out[i] = services_keep(a, json_string_value(v ? v : fallback));
		if (!out[i])
			return false;
	}
	return true;
}

static bool texts(json_t *obj, const char *field, const struct config *cfg, struct arena *a, const char **out,
		  bool required, const char *where, const struct i18n_catalog *tr, struct config_report *rep, int line)
{
	return services_texts_at(obj, field, field, cfg, a, out, required, where, tr, rep, line);
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
int services_line_of(const struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int services_line_of(const struct parse *ps, const char *fmt, ...)
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


bool services_span_parse(const char *span, short *a, short *b)
{
	char from[8] = "", to[8] = "";
	const char *dash = span ? strchr(span, '-') : NULL;
	if (dash && dash - span < 8 && strlen(dash + 1) < 8) {
		memcpy(from, span, (size_t)(dash - span));
		snprintf(to, sizeof to, "%s", dash + 1);
	}
	return clock_time(from, a) && clock_time(to, b) && *a < *b;
}

bool services_spans_parse(json_t *h, short out[7][SERVICES_MAX_SPANS][2], int spans[7], const char *where,
			const char *path, const struct hours_msgs *msg, const struct parse *ps)
{
	bool ok = true;
	for (int d = 0; d < 7; d++) {
		json_t *list = json_object_get(h, services_days[d]);
		if (!list)
			continue; /* closed that day */
		int line = services_line_of(ps, "%s/%s", path, services_days[d]);
		if (!json_is_array(list) || json_array_size(list) > SERVICES_MAX_SPANS) {
			config_report_add(ps->rep, ps->tr, line, msg->not_list, where, services_days[d], SERVICES_MAX_SPANS);
			ok = false;
			continue;
		}
		for (size_t i = 0; i < json_array_size(list); i++) {
			const char *span = json_string_value(json_array_get(list, i));
			short a, b;
			int prev_end = spans[d] ? out[d][spans[d] - 1][1] : -1;
			if (!services_span_parse(span, &a, &b) || a < prev_end) {
				config_report_add(ps->rep, ps->tr, services_line_of(ps, "%s/%s/%zu", path, services_days[d], i),
						  msg->bad_span, where, span ? span : "?", services_days[d]);
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
		config_report_add(ps->rep, ps->tr, services_line_of(ps, "services/%d/hours", idx),
				  N_("service %s has no \"hours\" object (\"mon\": [\"08:00-15:00\"], ...)"), where);
		return false;
	}
	char path[32];
	snprintf(path, sizeof path, "services/%d/hours", idx);
	return services_spans_parse(h, s->open, s->spans, where, path, &msgs, ps);
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
	int line = services_line_of(ps, "services/%d", idx);
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
		config_report_add(rep, tr, services_line_of(ps, "services/%d/handling_minutes", idx),
				  N_("service %s: \"handling_minutes\" must be a whole number from 1 to 240"), where);
		return false;
	}
	return texts(o, "name", cfg, a, s->name, true, where, tr, rep, services_line_of(ps, "services/%d/name", idx)) &&
	       texts(o, "description", cfg, a, s->description, true, where, tr, rep,
		     services_line_of(ps, "services/%d/description", idx)) &&
	       texts(o, "priority", cfg, a, s->priority, false, where, tr, rep,
		     services_line_of(ps, "services/%d/priority", idx)) &&
	       hours(o, idx, s, where, ps) && services_booking(o, idx, s, where, ps);
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
	if (a.buf && !services_closures(root, &out->closures, &ps))
		err = KIOSK_ERR_INVALID;
	if (a.buf && err == KIOSK_OK && !services_appointments(root, out, &ps))
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
