/*
 * DESIGN: site, the offices kiosk-central serves.
 *
 * What it is: for each --office ID=SITE.ini, the site file parsed with the
 * kiosk's own parser (kiosk_core's config_load), the services file it names
 * (services_load, the same checks the kiosk makes: booking rules, closures
 * and the appointments queue included), the site's time zone read from the
 * system's tz database (/usr/share/zoneinfo/<time_zone>, parsed by the core's
 * tz_parse, which slots and local days are computed with), and the GET
 * /v1/config body built from both once, with an ETag from the hash of its
 * bytes. An office whose zone is missing or unreadable does not start.
 * What it is not: live reload. A changed site or services file takes effect
 * when the server restarts (then the ETag changes and kiosks fetch it).
 * Threading: offices are read-only after start; local time is the core's
 * pure conversion with the office's own zone, so no process-wide TZ is
 * touched and any thread may ask.
 */
#include "site.h"

#include <errno.h>
#include <gnutls/crypto.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "tickets.h"

/* A TZif file is a few kilobytes; anything this big is not one. */
#define ZONE_FILE_MAX (256 * 1024)

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

/* The office's zone from /usr/share/zoneinfo; false (reported) when the
 * system has no such zone or the file is not a zone. */
static bool load_zone(struct office *o, const char *site_path)
{
	char path[192];
	/* config_load allows only zone-name characters, but "..": not here either. */
	if (strstr(o->cfg.time_zone, "..") ||
	    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", o->cfg.time_zone) >= (int)sizeof path) {
		fprintf(stderr, "kiosk-central: %s:%d: time zone \"%s\" is not a zone name\n", site_path,
			o->cfg.line_time_zone, o->cfg.time_zone);
		return false;
	}
	FILE *f = fopen(path, "rb");
	unsigned char *buf = f ? malloc(ZONE_FILE_MAX) : NULL;
	size_t len = buf ? fread(buf, 1, ZONE_FILE_MAX, f) : 0;
	int err = f ? 0 : errno;
	bool read_all = f && !ferror(f) && feof(f);
	if (f)
		fclose(f);
	bool ok = buf && read_all && tz_parse(&o->zone, o->cfg.time_zone, buf, len) == KIOSK_OK;
	free(buf);
	if (!ok) {
		fprintf(stderr, "kiosk-central: %s:%d: time zone \"%s\" %s (%s); the office cannot start without it\n",
			site_path, o->cfg.line_time_zone, o->cfg.time_zone,
			!f ? "is not known on this system" : "could not be read as a tz database file",
			!f ? strerror(err) : path);
		return false;
	}
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
	if (!load_zone(o, path))
		return KIOSK_ERR_INVALID;
	memset(&rep, 0, sizeof rep);
	err = services_load(o->cfg.services, &o->cfg, NULL, &o->sv, &rep);
	if (err != KIOSK_OK) {
		report(o->cfg.services, &rep);
		return err;
	}
	if (site_service(o, TICKETS_APPOINTMENTS)) {
		fprintf(stderr, "kiosk-central: %s: no service may be called \"%s\": that is the appointments queue\n",
			o->cfg.services, TICKETS_APPOINTMENTS);
		site_fini(o);
		return KIOSK_ERR_INVALID;
	}
	snprintf(o->appointments.id, sizeof o->appointments.id, "%s", TICKETS_APPOINTMENTS);
	snprintf(o->appointments.prefix, sizeof o->appointments.prefix, "%s", o->sv.appointments_prefix);
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

const struct service *site_queue(const struct office *o, const char *id)
{
	if (id && strcmp(id, o->appointments.id) == 0)
		return &o->appointments;
	return site_service(o, id);
}

void site_local_time(const struct office *o, time_t t, struct site_time *out)
{
	struct tz_civil c;
	tz_to_local(&o->zone, (int64_t)t, &c);
	tz_format_date(out->day, tz_days_from_civil(c.year, c.month, c.day));
	out->weekday = c.weekday;
	out->minute = c.hour * 60 + c.minute;
}
