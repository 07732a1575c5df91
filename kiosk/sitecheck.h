/*
 * Loading a site: the configuration file, then what only I/O can check (the
 * time zone exists, every language's translation file loads). Used at start
 * and by --check-config, so both say the same things. Any thread.
 */
#ifndef KIOSK_SITECHECK_H
#define KIOSK_SITECHECK_H

#include "kiosk/config.h"

struct i18n_catalog;

/* Returns KIOSK_OK when the site can run. On success cats[i] holds the catalog
 * of cfg->langs[i] (English: NULL is fine, the source strings are English). */
enum kiosk_err site_load(const char *config_path, const char *assets_dir, const struct i18n_catalog *tr,
			 struct config *cfg, struct config_report *rep, struct i18n_catalog **cats);
/* Prints the report as FILE:LINE: message lines. */
void site_print_report(const char *config_path, const struct config_report *rep);
/* The catalog for the technician's language from $LANGUAGE, $LC_ALL, $LC_MESSAGES or $LANG; NULL = English. */
struct i18n_catalog *site_technician_catalog(const char *assets_dir);

#endif
