/*
 * Site loading and the checks that need the file system. Pure config
 * parsing lives in core/config.c; this adds what it cannot know: whether a
 * time zone or a translation file exists on this machine. Any thread.
 */
#include "sitecheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/i18n.h"

struct i18n_catalog *site_technician_catalog(const char *assets_dir)
{
	const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !v[0] || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0)
			continue;
		char code[8] = {0};
		size_t n = strcspn(v, "_.:@");
		if (n == 0 || n >= sizeof(code))
			return NULL;
		memcpy(code, v, n);
		if (strcmp(code, "no") == 0)
			snprintf(code, sizeof(code), "nb");
		char path[512];
		snprintf(path, sizeof(path), "%s/po/%s.po", assets_dir, code);
		struct i18n_catalog *cat = NULL;
		struct i18n_diag diag;
		if (i18n_catalog_load(path, &cat, &diag) == KIOSK_OK)
			return cat;
		return NULL;
	}
	return NULL;
}

enum kiosk_err site_load(const char *config_path, const char *assets_dir, const struct i18n_catalog *tr,
			 struct config *cfg, struct config_report *rep, struct i18n_catalog **cats)
{
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		cats[i] = NULL;
	enum kiosk_err err = config_load(config_path, tr, cfg, rep);
	if (err != KIOSK_OK)
		return err;

	char path[512];
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", cfg->time_zone);
	if (access(path, R_OK) != 0)
		config_report_add(rep, tr, cfg->line_time_zone,
				  N_("time zone \"%s\" is not known on this system (see /usr/share/zoneinfo)"),
				  cfg->time_zone);

	for (int i = 0; i < cfg->nlangs; i++) {
		snprintf(path, sizeof(path), "%s/po/%s.po", assets_dir, cfg->langs[i]);
		struct i18n_diag diag = {0};
		enum kiosk_err e = i18n_catalog_load(path, &cats[i], &diag);
		if (e == KIOSK_ERR_NOT_FOUND && strcmp(cfg->langs[i], "en") == 0)
			continue; /* English is the source language */
		if (e == KIOSK_ERR_NOT_FOUND)
			config_report_add(rep, tr, cfg->line_languages,
					  N_("language \"%s\" has no translation file %s"), cfg->langs[i], path);
		else if (e != KIOSK_OK)
			config_report_add(rep, tr, cfg->line_languages,
					  N_("the translation file %s is broken at line %d: %s"), path, diag.line,
					  diag.msg);
	}
	if (rep->count > 0 || rep->dropped > 0) {
		for (int i = 0; i < CONFIG_MAX_LANGS; i++) {
			i18n_catalog_destroy(cats[i]);
			cats[i] = NULL;
		}
		return KIOSK_ERR_INVALID;
	}
	return KIOSK_OK;
}

void site_print_report(const char *config_path, const struct config_report *rep)
{
	for (int i = 0; i < rep->count; i++) {
		if (rep->item[i].line > 0)
			fprintf(stderr, "%s:%d: %s\n", config_path, rep->item[i].line, rep->item[i].msg);
		else
			fprintf(stderr, "%s: %s\n", config_path, rep->item[i].msg);
	}
	if (rep->dropped > 0)
		fprintf(stderr, "%s: (+%d)\n", config_path, rep->dropped);
}
