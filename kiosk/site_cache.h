/*
 * The site data and translations the central server sent, as kept on the
 * kiosk's disk (docs/protocol.md, "Applying"):
 *
 *   <data_dir>/server/site.json        {"etag": "\"c-…\"", "config": <the GET /v1/config payload>}
 *   <data_dir>/server/po/<lang>.po     a translation, as served
 *   <data_dir>/server/po/<lang>.etag   its ETag
 *
 * Each file is replaced atomically (fileio.c); the ETag lives inside
 * site.json so the two can never disagree. A translation's .etag is written
 * after its .po: a crash between the two costs one download, never a wrong
 * catalog. Everything is checked again when loaded: the kiosk starts on its
 * last good copy, or on its own files when there is none or it is broken.
 * Blocking file I/O; any thread.
 */
#ifndef KIOSK_SITE_CACHE_H
#define KIOSK_SITE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/services.h"

struct i18n_catalog;

#define SITE_CACHE_ETAG_MAX 128
/* A translation larger than this is refused (the server's own limit). */
#define SITE_CACHE_PO_MAX (1024 * 1024)

/* Loads <data_dir>/server/site.json and checks its payload against base
 * (the kiosk's own file) with site_payload_parse, for the languages that
 * have a translation (site_cache_languages). KIOSK_OK: *cfg_out, *sv_out
 * (the caller's: services_fini) and etag are set. KIOSK_ERR_NOT_FOUND: there
 * is no copy. Anything else: the copy is broken or no longer fits the
 * kiosk; rep says why (in the technician's language, tr) and the caller
 * uses its own files. */
enum kiosk_err site_cache_load(const char *data_dir, const char *assets_dir, const struct config *base,
			       const struct i18n_catalog *tr, struct config *cfg_out, struct services *sv_out,
			       char *etag, size_t cap, struct config_report *rep);
/* Saves a checked payload with its ETag ("" when the server sent none). */
enum kiosk_err site_cache_save(const char *data_dir, const char *etag, const char *payload, size_t len);

/* The languages the kiosk has a translation for: "en" (the source), then
 * each <lang>.po in <data_dir>/server/po and <assets_dir>/po, once each, at
 * most cap. assets_dir may be NULL. */
int site_cache_languages(const char *data_dir, const char *assets_dir, char (*langs)[CONFIG_LANG_LEN], int cap);
/* Where lang's catalog is: the server's copy first, then the bundled one.
 * False when there is neither (English needs none). */
bool site_cache_catalog_path(const char *data_dir, const char *assets_dir, const char *lang, char *path, size_t cap);
/* Loads the catalog of each of cfg's languages (NULL for English without a
 * file). On failure none is kept and rep says which file. */
enum kiosk_err site_cache_load_catalogs(const char *data_dir, const char *assets_dir, const struct config *cfg,
					const struct i18n_catalog *tr, struct i18n_catalog **cats,
					struct config_report *rep);

/* Whether text is a translation the kiosk can use: it parses and names its
 * Plural-Forms. On failure why holds the first problem, in English. */
bool site_cache_translation_ok(const char *text, size_t len, char *why, size_t cap);
/* The ETag of the saved translation of lang ("" when there is none). */
void site_cache_translation_etag(const char *data_dir, const char *lang, char *etag, size_t cap);
/* Saves a checked translation and its ETag. */
enum kiosk_err site_cache_save_translation(const char *data_dir, const char *lang, const char *text, size_t len,
					   const char *etag);

/* Everything a new site needs, loaded off the UI thread and handed over whole. */
struct site_bundle {
	struct config cfg;
	struct services sv;
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	char etag[SITE_CACHE_ETAG_MAX];
};

/* site_cache_load and site_cache_load_catalogs in one; NULL with rep (in
 * English) and *err set when either fails. */
struct site_bundle *site_bundle_load(const char *data_dir, const char *assets_dir, const struct config *base,
				     enum kiosk_err *err, struct config_report *rep);
/* Frees the bundle and whatever it still owns. NULL-safe. */
void site_bundle_destroy(struct site_bundle *b);

#endif
