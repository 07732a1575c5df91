/*
 * Services file: parsing and validation (Jansson, strict JSON with line and
 * column), opening hours, ticket number formatting.
 * Not here: number allocation (the store does it durably) or the wait
 * estimate. Pure; the parsed struct is read-only and may be shared.
 */
#include "kiosk/services.h"

#include <errno.h>
#include <jansson.h>
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
 * its own text or, failing that, the default language's. */
static bool texts(json_t *obj, const char *field, const struct config *cfg, struct arena *a, const char **out,
		  bool required, const char *where, const struct i18n_catalog *tr, struct config_report *rep, int line)
{
	json_t *t = json_object_get(obj, field);
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		out[i] = NULL;
	if (!t) {
		if (required)
			config_report_add(rep, tr, line, N_("service %s has no \"%s\""), where, field);
		return !required;
	}
	if (!json_is_object(t)) {
		config_report_add(rep, tr, line, N_("service %s: \"%s\" must be an object of language: text"), where,
				  field);
		return false;
	}
	int def = config_lang_index(cfg, cfg->default_lang);
	json_t *fallback = json_object_get(t, cfg->langs[def < 0 ? 0 : def]);
	if (!json_is_string(fallback)) {
		config_report_add(rep, tr, line, N_("service %s: \"%s\" has no text in the default language %s"), where,
				  field, cfg->langs[def < 0 ? 0 : def]);
		return false;
	}
	for (int i = 0; i < cfg->nlangs; i++) {
		json_t *v = json_object_get(t, cfg->langs[i]);
		if (v && !json_is_string(v)) {
			config_report_add(rep, tr, line, N_("service %s: \"%s\" in %s must be text"), where, field,
					  cfg->langs[i]);
			return false;
		}
		out[i] = keep(a, json_string_value(v ? v : fallback));
		if (!out[i])
			return false;
	}
	return true;
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

static bool hours(json_t *obj, struct service *s, const char *where, const struct i18n_catalog *tr,
		  struct config_report *rep, int line)
{
	json_t *h = json_object_get(obj, "hours");
	if (!json_is_object(h)) {
		config_report_add(rep, tr, line, N_("service %s has no \"hours\" object (\"mon\": [\"08:00-15:00\"], ...)"),
				  where);
		return false;
	}
	bool ok = true;
	for (int d = 0; d < 7; d++) {
		json_t *spans = json_object_get(h, days[d]);
		if (!spans)
			continue; /* closed that day */
		if (!json_is_array(spans) || json_array_size(spans) > SERVICES_MAX_SPANS) {
			config_report_add(rep, tr, line, N_("service %s: hours for %s must be a list of at most %d spans"),
					  where, days[d], SERVICES_MAX_SPANS);
			ok = false;
			continue;
		}
		for (size_t i = 0; i < json_array_size(spans); i++) {
			const char *span = json_string_value(json_array_get(spans, i));
			char from[8] = "", to[8] = "";
			short a, b;
			const char *dash = span ? strchr(span, '-') : NULL;
			if (dash && dash - span < 8 && strlen(dash + 1) < 8) {
				memcpy(from, span, (size_t)(dash - span));
				snprintf(to, sizeof to, "%s", dash + 1);
			}
			int prev_end = s->spans[d] ? s->open[d][s->spans[d] - 1][1] : -1;
			if (!clock_time(from, &a) || !clock_time(to, &b) || a >= b || a < prev_end) {
				config_report_add(rep, tr, line,
						  N_("service %s: \"%s\" on %s is not a time span like \"08:00-12:30\" "
						     "after the previous one"),
						  where, span ? span : "?", days[d]);
				ok = false;
				continue;
			}
			s->open[d][s->spans[d]][0] = a;
			s->open[d][s->spans[d]][1] = b;
			s->spans[d]++;
		}
	}
	return ok;
}

static bool one_service(json_t *o, int idx, const struct config *cfg, struct arena *a, struct services *out,
			const struct i18n_catalog *tr, struct config_report *rep)
{
	struct service *s = &out->s[idx];
	memset(s, 0, sizeof(*s));
	char where[32];
	snprintf(where, sizeof where, "%d", idx + 1);
	int line = 0; /* Jansson gives no positions for values; the number names the service */
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
		config_report_add(rep, tr, line, N_("service %s: \"handling_minutes\" must be a whole number from 1 to 240"),
				  where);
		return false;
	}
	return texts(o, "name", cfg, a, s->name, true, where, tr, rep, line) &&
	       texts(o, "description", cfg, a, s->description, true, where, tr, rep, line) &&
	       texts(o, "priority", cfg, a, s->priority, false, where, tr, rep, line) && hours(o, s, where, tr, rep, line);
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
	for (size_t i = 0; err == KIOSK_OK && i < n; i++) {
		if (!one_service(json_array_get(list, i), (int)i, cfg, &a, out, tr, rep))
			err = KIOSK_ERR_INVALID;
	}
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
