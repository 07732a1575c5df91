/*
 * Site data from the central server (include/kiosk/site_payload.h).
 *
 * The payload's "site" members are the [site] keys of the kiosk's own file,
 * and each value goes through the same checks and messages as a line of that
 * file (config_value_set); "services" is the services file's document, read
 * by services_parse. What this adds: JSON types, languages the kiosk can
 * actually show, and the default language among them. Members it does not
 * know are ignored (protocol v1: a newer server may send more). Pure.
 */
#include "kiosk/site_payload.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_private.h"
#include "kiosk/i18n.h"

/* The [site] keys a server may set. kiosk_number and kiosks_in_office are the
 * kiosk's own, not the office's, and stay in its file. */
static const char *const site_keys[] = {"name", "time_zone", "languages", "default_language", "help_desk",
					"status_url"};

/* The text a key's line would hold: a string as is; for languages, a list of
 * strings joined by spaces. NULL when the type is wrong. */
static const char *text_of(json_t *v, const char *key, char *buf, size_t cap)
{
	if (strcmp(key, "languages") != 0)
		return json_string_value(v);
	if (!json_is_array(v))
		return NULL;
	size_t used = 0, i;
	json_t *item;
	buf[0] = '\0';
	json_array_foreach(v, i, item) {
		if (!json_is_string(item))
			return NULL;
		int n = snprintf(buf + used, cap - used, "%s%s", i ? " " : "", json_string_value(item));
		if (n < 0 || (size_t)n >= cap - used)
			return NULL;
		used += (size_t)n;
	}
	return buf;
}

static void set_site(json_t *site, struct config *out, const struct i18n_catalog *tr, struct config_report *rep)
{
	for (size_t k = 0; k < sizeof site_keys / sizeof site_keys[0]; k++) {
		json_t *v = json_object_get(site, site_keys[k]);
		if (!v)
			continue;
		char buf[CONFIG_MAX_LANGS * CONFIG_LANG_LEN * 2];
		const char *text = text_of(v, site_keys[k], buf, sizeof buf);
		if (!text) {
			if (strcmp(site_keys[k], "languages") == 0)
				config_report_add(rep, tr, 0, N_("site.languages must be a list of language codes"));
			else
				config_report_add(rep, tr, 0, N_("site.%s must be text"), site_keys[k]);
			continue;
		}
		if (strcmp(site_keys[k], "languages") == 0)
			out->nlangs = 0;
		const struct config_key *key = config_key_find("site", site_keys[k]);
		config_value_set(out, key, text, strlen(text), 0, tr, rep);
	}
}

static bool available_has(const char *const *available, int n, const char *code)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(available[i], code) == 0)
			return true;
	}
	return false;
}

static void check_languages(struct config *out, const char *const *available, int n, const struct i18n_catalog *tr,
			    struct config_report *rep)
{
	for (int i = 0; i < out->nlangs; i++) {
		if (!available_has(available, n, out->langs[i]))
			config_report_add(rep, tr, 0,
					  N_("the kiosk has no translation for the language %s: send it first, "
					     "or leave the language out"),
					  out->langs[i]);
	}
	if (out->nlangs > 0 && config_lang_index(out, out->default_lang) < 0)
		config_report_add(rep, tr, 0, N_("default_language \"%s\" is not one of the languages"),
				  out->default_lang);
}

/* Every site language has a text in the object texts; a problem each for those that do not. */
static void check_texts(json_t *texts, const char *id, const char *field, const struct config *out,
			const struct i18n_catalog *tr, struct config_report *rep)
{
	for (int l = 0; texts && l < out->nlangs; l++) {
		if (!json_is_string(json_object_get(texts, out->langs[l])))
			config_report_add(rep, tr, 0, N_("service %s: \"%s\" has no text in %s"), id, field,
					  out->langs[l]);
	}
}

/* A services file may fall back to the default language; the server's data
 * may not: a visitor who chose a language reads every service in it, and the
 * booking texts (reasons, what to bring, where) on the printed confirmation. */
static void check_translations(json_t *services, const struct config *out, const struct i18n_catalog *tr,
			       struct config_report *rep)
{
	static const char *const fields[] = {"name", "description", "priority"};
	size_t i;
	json_t *svc;
	json_array_foreach(json_object_get(services, "services"), i, svc) {
		const char *id = json_string_value(json_object_get(svc, "id"));
		id = id ? id : "?";
		for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
			check_texts(json_object_get(svc, fields[f]), id, fields[f], out, tr, rep);
		json_t *booking = json_object_get(svc, "booking");
		check_texts(json_object_get(booking, "bring"), id, "booking.bring", out, tr, rep);
		check_texts(json_object_get(booking, "place"), id, "booking.place", out, tr, rep);
		size_t r;
		json_t *reason;
		json_array_foreach(json_object_get(booking, "reasons"), r, reason) {
			char field[40];
			snprintf(field, sizeof field, "booking.reasons[%d].name", (int)r + 1);
			check_texts(json_object_get(reason, "name"), id, field, out, tr, rep);
		}
	}
	json_t *names = json_object_get(json_object_get(services, "appointments"), "name");
	for (int l = 0; names && l < out->nlangs; l++) {
		if (!json_is_string(json_object_get(names, out->langs[l])))
			config_report_add(rep, tr, 0, N_("\"appointments\": the name has no text in %s"),
					  out->langs[l]);
	}
}

enum kiosk_err site_payload_parse(const char *json, size_t len, const struct config *base,
				  const char *const *available, int n, const struct i18n_catalog *tr,
				  struct config *out, struct services *sv, struct config_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	memset(sv, 0, sizeof(*sv));
	*out = *base;
	if (len > SITE_PAYLOAD_MAX) {
		config_report_add(rep, tr, 0, N_("the site data is larger than 256 KiB"));
		return KIOSK_ERR_INVALID;
	}
	json_error_t jerr;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		config_report_add(rep, tr, 0, N_("the site data is not valid JSON (line %d, column %d): %s"), jerr.line,
				  jerr.column, jerr.text);
		return KIOSK_ERR_INVALID;
	}
	json_t *site = json_object_get(root, "site");
	json_t *services = json_object_get(root, "services");
	if (!json_is_object(site))
		config_report_add(rep, tr, 0, N_("the site data needs a \"site\" object"));
	else
		set_site(site, out, tr, rep);
	if (!json_is_object(services))
		config_report_add(rep, tr, 0, N_("the site data needs a \"services\" object"));
	/* A new list of languages without a default starts with its first. */
	if (site && json_object_get(site, "languages") && !json_object_get(site, "default_language") &&
	    out->nlangs > 0 && config_lang_index(out, out->default_lang) < 0)
		memcpy(out->default_lang, out->langs[0], sizeof out->default_lang);
	check_languages(out, available, n, tr, rep);
	if (rep->count == 0) {
		/* Services are read for the languages just set, so a name missing in
		 * a new language is found here. */
		char *text = json_dumps(services, JSON_COMPACT);
		struct config_report srep = {0};
		if (!text) {
			config_report_add(rep, tr, 0, N_("out of memory"));
		} else if (services_parse(text, strlen(text), out, tr, sv, &srep) != KIOSK_OK) {
			/* Already translated; their JSON line numbers are the dump's, not the server's. */
			for (int i = 0; i < srep.count; i++) {
				if (rep->count == CONFIG_MAX_PROBLEMS) {
					rep->dropped++;
					continue;
				}
				rep->item[rep->count] = srep.item[i];
				rep->item[rep->count++].line = 0;
			}
			rep->dropped += srep.dropped;
		} else {
			check_translations(services, out, tr, rep);
		}
		free(text);
	}
	json_decref(root);
	if (rep->count || rep->dropped) {
		services_fini(sv);
		return KIOSK_ERR_INVALID;
	}
	return KIOSK_OK;
}
