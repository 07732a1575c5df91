/*
 * DESIGN: site, the offices kiosk-central serves.
 *
 * What it is: for each --office ID=SITE.ini, the site file parsed with the
 * kiosk's own parser (kiosk_core's config_load), the services file it names
 * (services_load, the same checks the kiosk makes), and the GET /v1/config
 * body built from both once, with an ETag from the hash of its bytes. And
 * the office's local date, weekday and minute, computed with the zone's
 * rules for each request.
 * What it is not: live reload. A changed site or services file takes effect
 * when the server restarts (then the ETag changes and kiosks fetch it).
 * Threading: offices are read-only after start. Local time needs the zone's
 * rules; glibc reads them only through TZ, which is process-wide, and each
 * office may have its own zone. So site_local_time sets TZ, calls tzset and
 * localtime_r under one mutex; nothing else in this process uses local time
 * (logs are UTC), so the zone TZ last held cannot leak anywhere else.
 */
#include "site.h"

#include <gnutls/crypto.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "central.h"

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

bool site_id_valid(const char *id)
{
	size_t n = strlen(id);
	return n >= 1 && n <= SITE_ID_MAX && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static void report(const char *file, const struct config_report *rep)
{
	for (int i = 0; i < rep->count; i++) {
		if (rep->item[i].line > 0)
			fprintf(stderr, "kiosk-central: %s:%d: %s\n", file, rep->item[i].line, rep->item[i].msg);
		else
			fprintf(stderr, "kiosk-central: %s: %s\n", file, rep->item[i].msg);
	}
	if (rep->dropped)
		fprintf(stderr, "kiosk-central: %s: and %d more problems\n", file, rep->dropped);
}

/* {"site": {...}, "services": <the services file as it is>} and its ETag. */
static bool build_config(struct office *o)
{
	json_error_t jerr;
	json_t *services = json_load_file(o->cfg.services, JSON_REJECT_DUPLICATES, &jerr);
	json_t *langs = json_array();
	for (int i = 0; langs && i < o->cfg.nlangs; i++)
		json_array_append_new(langs, json_string(o->cfg.langs[i]));
	json_t *doc = services && langs ? json_pack("{s:{s:s,s:s,s:O,s:s},s:O}", "site", "name", o->cfg.site_name,
						    "time_zone", o->cfg.time_zone, "languages", langs,
						    "default_language", o->cfg.default_lang, "services", services)
					: NULL;
	json_decref(services);
	json_decref(langs);
	o->config_body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!o->config_body)
		return false;
	o->config_len = strlen(o->config_body);
	unsigned char hash[32];
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, o->config_body, o->config_len, hash) < 0)
		return false;
	snprintf(o->config_etag, sizeof o->config_etag, "\"c-%02x%02x%02x%02x%02x%02x%02x%02x\"", hash[0], hash[1],
		 hash[2], hash[3], hash[4], hash[5], hash[6], hash[7]);
	return true;
}

enum kiosk_err site_load(struct office *o, const char *spec)
{
	memset(o, 0, sizeof *o);
	const char *eq = strchr(spec, '=');
	if (!eq || (size_t)(eq - spec) > SITE_ID_MAX) {
		fprintf(stderr, "kiosk-central: --office wants ID=SITE.ini, not \"%s\"\n", spec);
		return KIOSK_ERR_INVALID;
	}
	memcpy(o->id, spec, (size_t)(eq - spec));
	o->id[eq - spec] = '\0';
	const char *path = eq + 1;
	if (!site_id_valid(o->id)) {
		fprintf(stderr, "kiosk-central: office id \"%s\" must be 1 to %d of a-z, 0-9 and -\n", o->id,
			SITE_ID_MAX);
		return KIOSK_ERR_INVALID;
	}
	struct config_report rep;
	enum kiosk_err err = config_load(path, NULL, &o->cfg, &rep);
	if (err != KIOSK_OK) {
		report(path, &rep);
		return err;
	}
	if (!o->cfg.services[0]) {
		fprintf(stderr, "kiosk-central: %s: [site] services names no services file; the server needs one\n",
			path);
		return KIOSK_ERR_INVALID;
	}
	char zone[128];
	snprintf(zone, sizeof zone, "/usr/share/zoneinfo/%s", o->cfg.time_zone);
	if (access(zone, R_OK) != 0) {
		fprintf(stderr, "kiosk-central: %s:%d: time zone \"%s\" is not known on this system\n", path,
			o->cfg.line_time_zone, o->cfg.time_zone);
		return KIOSK_ERR_INVALID;
	}
	memset(&rep, 0, sizeof rep);
	err = services_load(o->cfg.services, &o->cfg, NULL, &o->sv, &rep);
	if (err != KIOSK_OK) {
		report(o->cfg.services, &rep);
		return err;
	}
	if (!build_config(o)) {
		fprintf(stderr, "kiosk-central: %s: cannot build the config document\n", path);
		site_fini(o);
		return KIOSK_ERR_NOMEM;
	}
	return KIOSK_OK;
}

void site_fini(struct office *o)
{
	services_fini(&o->sv);
	free(o->config_body);
	o->config_body = NULL;
}

const struct office *site_find(const struct central *c, const char *id)
{
	for (int i = 0; id && i < c->noffices; i++)
		if (strcmp(c->offices[i].id, id) == 0)
			return &c->offices[i];
	return NULL;
}

const struct service *site_service(const struct office *o, const char *id)
{
	for (int i = 0; id && i < o->sv.count; i++)
		if (strcmp(o->sv.s[i].id, id) == 0)
			return &o->sv.s[i];
	return NULL;
}

void site_local_time(const struct office *o, time_t t, struct site_time *out)
{
	struct tm tm;
	pthread_mutex_lock(&tz_lock);
	setenv("TZ", o->cfg.time_zone, 1);
	tzset();
	localtime_r(&t, &tm);
	pthread_mutex_unlock(&tz_lock);
	strftime(out->day, sizeof out->day, "%Y-%m-%d", &tm);
	out->weekday = (tm.tm_wday + 6) % 7;
	out->minute = tm.tm_hour * 60 + tm.tm_min;
}
