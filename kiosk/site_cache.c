/*
 * DESIGN: site_cache, the server's site data on the kiosk's disk.
 *
 * What it is: the files of site_cache.h, written atomically (fileio.c) by
 * the uplink thread once a payload has passed site_payload_parse, and read
 * back at start (the UI thread, before any visitor) and when a new copy is
 * applied (the uplink thread loads the whole bundle, catalogs included, so
 * the UI thread only swaps pointers). Every read checks again what was
 * checked before writing: a file damaged on disk, or a kiosk whose own
 * configuration changed since, falls back to the kiosk's files.
 * What it is not: the network side (uplink_site.c) or deciding when a new
 * copy takes effect (shell.c: at the attract screen, never in a session).
 * Threading: no state; blocking file I/O on the calling thread.
 */
#include "site_cache.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "kiosk/i18n.h"
#include "kiosk/site_payload.h"

/* site.json holds the payload (at most SITE_PAYLOAD_MAX) and its ETag. */
#define ENVELOPE_MAX (SITE_PAYLOAD_MAX + 4096)

static void site_path(char *out, size_t cap, const char *data_dir)
{
	snprintf(out, cap, "%s/server/site.json", data_dir);
}

/* A language code as a file name: letters, digits, '_' and '-' only. */
static bool code_ok(const char *lang)
{
	size_t n = strlen(lang);
	return n >= 2 && n < CONFIG_LANG_LEN &&
	       strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

static int add_languages_in(const char *dir, char (*langs)[CONFIG_LANG_LEN], int n, int cap)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && n < cap && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 4 || strcmp(e->d_name + len - 3, ".po") != 0 || len - 3 >= CONFIG_LANG_LEN)
			continue;
		char code[CONFIG_LANG_LEN];
		memcpy(code, e->d_name, len - 3);
		code[len - 3] = '\0';
		bool seen = !code_ok(code);
		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(langs[i], code) == 0;
		if (!seen)
			memcpy(langs[n++], code, sizeof(code));
	}
	if (d)
		closedir(d);
	return n;
}

int site_cache_languages(const char *data_dir, const char *assets_dir, char (*langs)[CONFIG_LANG_LEN], int cap)
{
	char dir[512];
	int n = 0;
	if (cap > 0)
		snprintf(langs[n++], CONFIG_LANG_LEN, "en");
	snprintf(dir, sizeof(dir), "%s/server/po", data_dir);
	n = add_languages_in(dir, langs, n, cap);
	if (assets_dir) {
		snprintf(dir, sizeof(dir), "%s/po", assets_dir);
		n = add_languages_in(dir, langs, n, cap);
	}
	return n;
}

bool site_cache_catalog_path(const char *data_dir, const char *assets_dir, const char *lang, char *path, size_t cap)
{
	if (!code_ok(lang))
		return false;
	snprintf(path, cap, "%s/server/po/%s.po", data_dir, lang);
	if (access(path, R_OK) == 0)
		return true;
	if (assets_dir) {
		snprintf(path, cap, "%s/po/%s.po", assets_dir, lang);
		if (access(path, R_OK) == 0)
			return true;
	}
	return false;
}

enum kiosk_err site_cache_load_catalogs(const char *data_dir, const char *assets_dir, const struct config *cfg,
					const struct i18n_catalog *tr, struct i18n_catalog **cats,
					struct config_report *rep)
{
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		cats[i] = NULL;
	for (int i = 0; i < cfg->nlangs && rep->count == 0; i++) {
		char path[600];
		if (!site_cache_catalog_path(data_dir, assets_dir, cfg->langs[i], path, sizeof(path))) {
			if (strcmp(cfg->langs[i], "en") != 0)
				config_report_add(rep, tr, 0, N_("language \"%s\" has no translation file %s"),
						  cfg->langs[i], path);
			continue; /* English is the source language */
		}
		struct i18n_diag diag = {0};
		if (i18n_catalog_load(path, &cats[i], &diag) != KIOSK_OK)
			config_report_add(rep, tr, 0, N_("the translation file %s is broken at line %d: %s"), path,
					  diag.line, diag.msg);
	}
	if (rep->count == 0)
		return KIOSK_OK;
	for (int i = 0; i < CONFIG_MAX_LANGS; i++) {
		i18n_catalog_destroy(cats[i]);
		cats[i] = NULL;
	}
	return KIOSK_ERR_INVALID;
}

enum kiosk_err site_cache_load(const char *data_dir, const char *assets_dir, const struct config *base,
			       const struct i18n_catalog *tr, struct config *cfg_out, struct services *sv_out,
			       char *etag, size_t cap, struct config_report *rep)
{
	char path[512];
	char *text = NULL;
	size_t len = 0;
	memset(rep, 0, sizeof(*rep));
	memset(sv_out, 0, sizeof(*sv_out));
	etag[0] = '\0';
	site_path(path, sizeof(path), data_dir);
	enum kiosk_err err = file_read_all(path, ENVELOPE_MAX, &text, &len);
	if (err == KIOSK_ERR_NOT_FOUND)
		return err;
	if (err != KIOSK_OK) {
		config_report_add(rep, tr, 0, N_("cannot read %s: %s"), path, kiosk_err_str(err));
		return err;
	}
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *config = json_object_get(root, "config");
	const char *tag = json_string_value(json_object_get(root, "etag"));
	/* A damaged envelope is reported as the payload's own checks word it. */
	char *payload = config ? json_dumps(config, JSON_COMPACT) : NULL;
	const char *check = payload ? payload : root ? "{}" : text;
	char langs[CONFIG_MAX_LANGS * 2][CONFIG_LANG_LEN];
	const char *available[CONFIG_MAX_LANGS * 2];
	int n = site_cache_languages(data_dir, assets_dir, langs, CONFIG_MAX_LANGS * 2);
	for (int i = 0; i < n; i++)
		available[i] = langs[i];
	err = site_payload_parse(check, strlen(check), base, available, n, tr, cfg_out, sv_out, rep);
	if (err == KIOSK_OK)
		snprintf(etag, cap, "%s", tag ? tag : "");
	free(payload);
	json_decref(root);
	free(text);
	return err;
}

enum kiosk_err site_cache_save(const char *data_dir, const char *etag, const char *payload, size_t len)
{
	char dir[512], path[512];
	json_error_t jerr;
	json_t *config = json_loadb(payload, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *doc = config ? json_pack("{s:s,s:o}", "etag", etag ? etag : "", "config", config) : NULL;
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text)
		return config ? KIOSK_ERR_NOMEM : KIOSK_ERR_PARSE;
	snprintf(dir, sizeof(dir), "%s/server", data_dir);
	site_path(path, sizeof(path), data_dir);
	enum kiosk_err err = file_make_dirs(dir);
	if (err == KIOSK_OK)
		err = file_write_atomic(path, text, strlen(text), 0644);
	if (err != KIOSK_OK)
		fprintf(stderr, "kiosk: cannot save %s: %s\n", path, strerror(errno));
	free(text);
	return err;
}

bool site_cache_translation_ok(const char *text, size_t len, char *why, size_t cap)
{
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag = {0};
	why[0] = '\0';
	if (len > SITE_CACHE_PO_MAX) {
		snprintf(why, cap, "the translation is larger than %d bytes", SITE_CACHE_PO_MAX);
		return false;
	}
	if (i18n_catalog_parse(text, len, &cat, &diag) != KIOSK_OK) {
		snprintf(why, cap, "line %d: %s", diag.line, diag.msg);
		return false;
	}
	/* Without Plural-Forms every "%d people" would read as English plurals. */
	const char *plural = i18n_catalog_header(cat, "Plural-Forms");
	bool ok = plural && plural[0];
	if (!ok)
		snprintf(why, cap, "the translation has no Plural-Forms header");
	i18n_catalog_destroy(cat);
	return ok;
}

static void po_paths(const char *data_dir, const char *lang, char *po, char *tag, size_t cap)
{
	snprintf(po, cap, "%s/server/po/%s.po", data_dir, lang);
	snprintf(tag, cap, "%s/server/po/%s.etag", data_dir, lang);
}

void site_cache_translation_etag(const char *data_dir, const char *lang, char *etag, size_t cap)
{
	char po[512], tag[512], *text = NULL;
	size_t len;
	etag[0] = '\0';
	if (!code_ok(lang))
		return;
	po_paths(data_dir, lang, po, tag, sizeof(po));
	/* Without the catalog itself the ETag would only earn a 304 and no file. */
	if (access(po, R_OK) != 0 || file_read_all(tag, SITE_CACHE_ETAG_MAX - 1, &text, &len) != KIOSK_OK)
		return;
	snprintf(etag, cap, "%s", text);
	free(text);
}

enum kiosk_err site_cache_save_translation(const char *data_dir, const char *lang, const char *text, size_t len,
					   const char *etag)
{
	char dir[512], po[512], tag[512];
	if (!code_ok(lang))
		return KIOSK_ERR_INVALID;
	snprintf(dir, sizeof(dir), "%s/server/po", data_dir);
	po_paths(data_dir, lang, po, tag, sizeof(po));
	enum kiosk_err err = file_make_dirs(dir);
	if (err == KIOSK_OK)
		err = file_write_atomic(po, text, len, 0644);
	/* The .po first: a crash before the ETag costs one download, no more. */
	if (err == KIOSK_OK)
		err = etag && etag[0] ? file_write_atomic(tag, etag, strlen(etag), 0644)
				      : (unlink(tag) == 0 || errno == ENOENT ? KIOSK_OK : KIOSK_ERR_IO);
	if (err != KIOSK_OK)
		fprintf(stderr, "kiosk: cannot save %s: %s\n", po, strerror(errno));
	return err;
}

struct site_bundle *site_bundle_load(const char *data_dir, const char *assets_dir, const struct config *base,
				     enum kiosk_err *err, struct config_report *rep)
{
	struct site_bundle *b = calloc(1, sizeof(*b));
	if (!b) {
		*err = KIOSK_ERR_NOMEM;
		memset(rep, 0, sizeof(*rep));
		return NULL;
	}
	*err = site_cache_load(data_dir, assets_dir, base, NULL, &b->cfg, &b->sv, b->etag, sizeof(b->etag), rep);
	if (*err == KIOSK_OK)
		*err = site_cache_load_catalogs(data_dir, assets_dir, &b->cfg, NULL, b->cats, rep);
	if (*err != KIOSK_OK) {
		site_bundle_destroy(b);
		return NULL;
	}
	return b;
}

void site_bundle_destroy(struct site_bundle *b)
{
	if (!b)
		return;
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(b->cats[i]);
	services_fini(&b->sv);
	free(b);
}
