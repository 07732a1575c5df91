/*
 * Tests of the server's site data on the kiosk's disk (kiosk/site_cache.c)
 * and the atomic writer under it (kiosk/fileio.c), in a temporary folder:
 * a saved payload comes back checked, a missing one is "not found", a
 * damaged one is refused with the payload check's words, translations are
 * looked up on the server's copy first and must name their plural forms.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "kiosk/i18n.h"
#include "site_cache.h"

#define ASSETS KIOSK_SOURCE_DIR "/assets"

static char dir[256];
static struct config base;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/kiosk-site-cache-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	struct config_report rep;
	return config_load(ASSETS "/site/demo.ini", NULL, &base, &rep) == KIOSK_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *read_text(const char *path)
{
	char *text = NULL;
	size_t len;
	assert_int_equal(file_read_all(path, 1 << 20, &text, &len), KIOSK_OK);
	return text;
}

/* The demo site's data as the server sends it, under another name. */
static char *payload(const char *name, const char *langs)
{
	char *services = read_text(ASSETS "/site/demo-services.json");
	size_t cap = strlen(services) + 512;
	char *p = malloc(cap);
	snprintf(p, cap,
		 "{\"site\":{\"name\":\"%s\",\"time_zone\":\"Europe/Copenhagen\",\"languages\":[%s],"
		 "\"default_language\":\"da\"},\"services\":%s}",
		 name, langs, services);
	free(services);
	return p;
}

static void atomic_write_replaces_whole_with_its_mode(void **state)
{
	(void)state;
	char path[300], tmp[310];
	snprintf(path, sizeof(path), "%s/secret.json", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	mode_t old = umask(0);
	assert_int_equal(file_write_atomic(path, "first", 5, 0600), KIOSK_OK);
	umask(old);
	assert_int_equal(file_write_atomic(path, "second", 6, 0600), KIOSK_OK);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *text = read_text(path);
	assert_string_equal(text, "second");
	free(text);
	assert_int_equal(access(tmp, F_OK), -1);
	/* A folder that is not there: nothing written, nothing left behind. */
	snprintf(path, sizeof(path), "%s/no/such/file", dir);
	assert_int_not_equal(file_write_atomic(path, "x", 1, 0600), KIOSK_OK);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	assert_int_equal(file_make_dirs(path), KIOSK_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
}

static void saved_site_data_comes_back_checked_with_its_etag(void **state)
{
	(void)state;
	struct config cfg;
	struct services sv;
	struct config_report rep;
	char etag[SITE_CACHE_ETAG_MAX];
	assert_int_equal(site_cache_load(dir, ASSETS, &base, NULL, &cfg, &sv, etag, sizeof(etag), &rep),
			 KIOSK_ERR_NOT_FOUND);
	char *p = payload("Borgerservice Nord", "\"da\",\"en\",\"uk\"");
	assert_int_equal(site_cache_save(dir, "\"c-1\"", p, strlen(p)), KIOSK_OK);
	free(p);
	assert_int_equal(site_cache_load(dir, ASSETS, &base, NULL, &cfg, &sv, etag, sizeof(etag), &rep), KIOSK_OK);
	assert_string_equal(etag, "\"c-1\"");
	assert_string_equal(cfg.site_name, "Borgerservice Nord");
	assert_int_equal(cfg.nlangs, 3);
	assert_string_equal(cfg.langs[2], "uk");
	/* The kiosk's own settings stay its own. */
	assert_int_equal(cfg.width_px, base.width_px);
	assert_string_equal(cfg.data_dir, base.data_dir);
	assert_true(sv.count > 0);
	assert_string_equal(sv.s[0].id, "citizen");
	services_fini(&sv);

	enum kiosk_err err;
	struct site_bundle *b = site_bundle_load(dir, ASSETS, &base, &err, &rep);
	assert_non_null(b);
	assert_non_null(b->cats[0]); /* da */
	assert_null(b->cats[1]);     /* en: the source language */
	assert_non_null(b->cats[2]); /* uk */
	site_bundle_destroy(b);
}

static void damaged_site_data_is_refused_with_a_reason(void **state)
{
	(void)state;
	char path[320], server[300];
	snprintf(server, sizeof(server), "%s/server", dir);
	snprintf(path, sizeof(path), "%s/site.json", server);
	assert_int_equal(file_make_dirs(server), KIOSK_OK);
	assert_int_equal(file_write_atomic(path, "{\"etag\":\"x\",\"config\":{\"site\":", 29, 0644), KIOSK_OK);
	struct config cfg;
	struct services sv;
	struct config_report rep;
	char etag[SITE_CACHE_ETAG_MAX];
	assert_int_equal(site_cache_load(dir, ASSETS, &base, NULL, &cfg, &sv, etag, sizeof(etag), &rep),
			 KIOSK_ERR_INVALID);
	assert_true(rep.count > 0);
	assert_non_null(strstr(rep.item[0].msg, "not valid JSON"));
	assert_int_equal(sv.count, 0);
	assert_int_equal(file_write_atomic(path, "{\"etag\":\"x\"}", 12, 0644), KIOSK_OK);
	assert_int_equal(site_cache_load(dir, ASSETS, &base, NULL, &cfg, &sv, etag, sizeof(etag), &rep),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "\"site\" object"));
	/* Data naming a language the kiosk has no translation for (any more). */
	char *p = payload("Nord", "\"da\",\"sv\"");
	assert_int_equal(site_cache_save(dir, "\"c-2\"", p, strlen(p)), KIOSK_OK);
	free(p);
	assert_int_equal(site_cache_load(dir, ASSETS, &base, NULL, &cfg, &sv, etag, sizeof(etag), &rep),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(rep.item[0].msg, "no translation for the language sv"));
}

static const char PO_HEAD[] = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";

static void translations_need_plural_forms_and_the_server_copy_comes_first(void **state)
{
	(void)state;
	char why[200], path[600], po[512];
	snprintf(po, sizeof(po),
		 "%s\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\nmsgid \"Done\"\nmsgstr \"Klar\"\n", PO_HEAD);
	assert_true(site_cache_translation_ok(po, strlen(po), why, sizeof(why)));
	assert_false(site_cache_translation_ok(PO_HEAD, strlen(PO_HEAD), why, sizeof(why)));
	assert_non_null(strstr(why, "Plural-Forms"));
	assert_false(site_cache_translation_ok("msgid \"x\"\nmsgstr", 16, why, sizeof(why)));

	assert_true(site_cache_catalog_path(dir, ASSETS, "da", path, sizeof(path)));
	assert_non_null(strstr(path, "/assets/po/da.po"));
	assert_false(site_cache_catalog_path(dir, ASSETS, "sv", path, sizeof(path)));
	assert_false(site_cache_catalog_path(dir, ASSETS, "../x", path, sizeof(path)));

	char etag[SITE_CACHE_ETAG_MAX];
	site_cache_translation_etag(dir, "da", etag, sizeof(etag));
	assert_string_equal(etag, "");
	assert_int_equal(site_cache_save_translation(dir, "da", po, strlen(po), "\"t-1\""), KIOSK_OK);
	assert_int_equal(site_cache_save_translation(dir, "sv", po, strlen(po), "\"t-2\""), KIOSK_OK);
	site_cache_translation_etag(dir, "da", etag, sizeof(etag));
	assert_string_equal(etag, "\"t-1\"");
	assert_true(site_cache_catalog_path(dir, ASSETS, "da", path, sizeof(path)));
	assert_non_null(strstr(path, "/server/po/da.po"));

	char langs[32][CONFIG_LANG_LEN];
	int n = site_cache_languages(dir, ASSETS, langs, 32);
	bool sv = false, en = false;
	int da = 0;
	for (int i = 0; i < n; i++) {
		sv |= strcmp(langs[i], "sv") == 0;
		en |= strcmp(langs[i], "en") == 0;
		da += strcmp(langs[i], "da") == 0;
	}
	assert_true(sv && en);
	assert_int_equal(da, 1);

	/* Without its catalog, an ETag would only earn a 304 and no file. */
	snprintf(path, sizeof(path), "%s/server/po/da.po", dir);
	assert_int_equal(unlink(path), 0);
	site_cache_translation_etag(dir, "da", etag, sizeof(etag));
	assert_string_equal(etag, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(atomic_write_replaces_whole_with_its_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(saved_site_data_comes_back_checked_with_its_etag, setup, teardown),
	    cmocka_unit_test_setup_teardown(damaged_site_data_is_refused_with_a_reason, setup, teardown),
	    cmocka_unit_test_setup_teardown(translations_need_plural_forms_and_the_server_copy_comes_first, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
