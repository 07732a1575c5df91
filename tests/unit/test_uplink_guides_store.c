/*
 * Tests of the guides bundles on the kiosk's disk (kiosk/guides_store.c),
 * in a temporary folder: a bundle is written whole into its own folder and
 * is not in use until the link names it; switching replaces the link; the
 * folders nothing uses (and what an interrupted write or switch left) are
 * removed, the link's and the kept ones never; a write that fails half-way
 * (the disk refuses a file) leaves nothing behind; a link this kiosk did
 * not make is not followed.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "guides_store.h"

static char dir[256];

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
	snprintf(dir, sizeof dir, "/tmp/kiosk-guides-store-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void bundle(struct content_bundle *b, const char *title)
{
	char why[200];
	content_bundle_init(b);
	snprintf(b->version, sizeof b->version, "v-%s", title);
	assert_int_equal(content_bundle_add(b, "mitid/scheme.txt", title, strlen(title), why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_add(b, "images/a/x.svg", "<svg/>", 6, why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_add(b, "top.txt", "", 0, why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_check(b, why, sizeof why), KIOSK_OK);
}

static bool exists(const char *rel)
{
	char path[1024];
	struct stat st;
	snprintf(path, sizeof path, "%s/server/%s", dir, rel);
	return lstat(path, &st) == 0;
}

static void a_bundle_is_in_use_only_once_the_link_names_it(void **state)
{
	(void)state;
	struct content_bundle b;
	struct guides_current cur;
	char why[200], name[GUIDES_STORE_NAME_MAX], path[600], *text;
	size_t len;
	bundle(&b, "first");
	guides_store_name("body one", 8, name);
	assert_int_equal(strncmp(name, "guides-", 7), 0);
	assert_int_equal(strlen(name), 23);

	assert_int_equal(guides_store_current(dir, &cur), KIOSK_ERR_NOT_FOUND);
	assert_int_equal(guides_store_write(dir, name, &b, "\"g-1\"", why, sizeof why), KIOSK_OK);
	assert_int_equal(guides_store_current(dir, &cur), KIOSK_ERR_NOT_FOUND); /* written, not switched to */
	assert_int_equal(guides_store_switch(dir, name), KIOSK_OK);
	assert_int_equal(guides_store_current(dir, &cur), KIOSK_OK);
	assert_string_equal(cur.name, name);
	assert_string_equal(cur.etag, "\"g-1\"");
	assert_string_equal(cur.version, "v-first");
	snprintf(path, sizeof path, "%s/mitid/scheme.txt", cur.dir);
	assert_int_equal(file_read_all(path, 100, &text, &len), KIOSK_OK);
	assert_string_equal(text, "first");
	free(text);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/images/a/x.svg", cur.dir);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/top.txt", cur.dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	content_bundle_fini(&b);

	/* A second bundle replaces the link; the first folder stays until pruned. */
	char second[GUIDES_STORE_NAME_MAX];
	bundle(&b, "second");
	guides_store_name("body two", 8, second);
	assert_int_equal(guides_store_write(dir, second, &b, "", why, sizeof why), KIOSK_OK);
	assert_int_equal(guides_store_switch(dir, second), KIOSK_OK);
	assert_int_equal(guides_store_current(dir, &cur), KIOSK_OK);
	assert_string_equal(cur.name, second);
	assert_string_equal(cur.etag, "");
	assert_true(exists(name));
	content_bundle_fini(&b);
}

static void folders_nobody_uses_are_removed(void **state)
{
	(void)state;
	struct content_bundle b;
	char why[200], a[GUIDES_STORE_NAME_MAX], c[GUIDES_STORE_NAME_MAX], d[GUIDES_STORE_NAME_MAX], path[600];
	bundle(&b, "x");
	guides_store_name("a", 1, a);
	guides_store_name("c", 1, c);
	guides_store_name("d", 1, d);
	assert_int_equal(guides_store_write(dir, a, &b, "", why, sizeof why), KIOSK_OK);
	assert_int_equal(guides_store_write(dir, c, &b, "", why, sizeof why), KIOSK_OK);
	assert_int_equal(guides_store_write(dir, d, &b, "", why, sizeof why), KIOSK_OK);
	assert_int_equal(guides_store_switch(dir, a), KIOSK_OK);
	/* What an interrupted switch leaves, and a file of the kiosk's own. */
	snprintf(path, sizeof path, "%s/server/guides.link", dir);
	assert_int_equal(symlink(d, path), 0);
	assert_int_equal(file_make_dirs(dir), KIOSK_OK);
	snprintf(path, sizeof path, "%s/server/site.json", dir);
	assert_int_equal(file_write_atomic(path, "{}", 2, 0600), KIOSK_OK);

	const char *keep[] = {NULL, "", c};
	guides_store_prune(dir, keep, 3);
	assert_true(exists(a)); /* the link's */
	assert_true(exists(c)); /* kept: the UI's library reads its images from there */
	assert_false(exists(d));
	assert_false(exists("guides.link"));
	assert_true(exists("guides"));
	assert_true(exists("site.json"));
	content_bundle_fini(&b);
}

static void a_failed_write_leaves_nothing(void **state)
{
	(void)state;
	struct content_bundle b;
	char why[200] = "", name[GUIDES_STORE_NAME_MAX], path[600];
	static char big[4096];
	content_bundle_init(&b);
	assert_int_equal(content_bundle_add(&b, "a/first.txt", "x", 1, why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_add(&b, "b/second.txt", big, sizeof big, why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_check(&b, why, sizeof why), KIOSK_OK);
	guides_store_name("z", 1, name);
	/* A leftover of that name, from a write that was interrupted. */
	snprintf(path, sizeof path, "%s/server/%s/old", dir, name);
	assert_int_equal(file_make_dirs(path), KIOSK_OK);

	/* The disk takes the first file, not the second (also for root). */
	struct rlimit was, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	small = was;
	small.rlim_cur = 1024;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	enum kiosk_err err = guides_store_write(dir, name, &b, "", why, sizeof why);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	assert_int_equal(err, KIOSK_ERR_IO);
	assert_string_equal(why, "cannot write b/second.txt: File too large");
	assert_false(exists(name));

	/* With the disk back, the same bundle is written whole. */
	assert_int_equal(guides_store_write(dir, name, &b, "", why, sizeof why), KIOSK_OK);
	assert_true(exists(name));
	snprintf(path, sizeof path, "%s/old", name);
	assert_false(exists(path));
	content_bundle_fini(&b);

	/* No server folder can be made (a file is in its place): refused, nothing made. */
	char data2[300];
	snprintf(data2, sizeof data2, "%s/other", dir);
	snprintf(path, sizeof path, "%s/server", data2);
	assert_int_equal(file_make_dirs(data2), KIOSK_OK);
	assert_int_equal(file_write_atomic(path, "x", 1, 0600), KIOSK_OK);
	bundle(&b, "x");
	assert_int_equal(guides_store_write(data2, name, &b, "", why, sizeof why), KIOSK_ERR_IO);
	assert_non_null(strstr(why, "Not a directory"));
	content_bundle_fini(&b);
}

static void a_link_this_kiosk_did_not_make_is_not_followed(void **state)
{
	(void)state;
	struct guides_current cur;
	char path[600];
	snprintf(path, sizeof path, "%s/server", dir);
	assert_int_equal(file_make_dirs(path), KIOSK_OK);
	snprintf(path, sizeof path, "%s/server/guides", dir);
	assert_int_equal(symlink("/etc", path), 0);
	assert_int_equal(guides_store_current(dir, &cur), KIOSK_ERR_INVALID);
	assert_string_equal(cur.name, "");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink("guides-0123456789abcdef", path), 0);
	assert_int_equal(guides_store_current(dir, &cur), KIOSK_ERR_IO); /* no such bundle: broken */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(a_bundle_is_in_use_only_once_the_link_names_it, setup, teardown),
	    cmocka_unit_test_setup_teardown(folders_nobody_uses_are_removed, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_failed_write_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_link_this_kiosk_did_not_make_is_not_followed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
