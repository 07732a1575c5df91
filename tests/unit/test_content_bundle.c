/*
 * Tests of the content bundle (kiosk/core/content_bundle.c): the path rules
 * that keep a bundle inside its folder, the caps, the parser that refuses a
 * whole bundle for one bad file, base64, and the writer whose bytes (and so
 * the server's ETag) depend only on the files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/content_bundle.h"

static bool path_ok(const char *path, const char *want_why)
{
	char why[200] = "";
	bool ok = content_bundle_path_ok(path, why, sizeof why);
	if (want_why && !strstr(why, want_why))
		fail_msg("\"%s\": \"%s\" does not say \"%s\"", path, why, want_why);
	return ok;
}

static void paths_stay_inside_the_bundle_folder(void **state)
{
	(void)state;
	assert_true(path_ok("mitid/scheme.txt", NULL));
	assert_true(path_ok("images/two-phones.svg", NULL));
	assert_true(path_ok("a/b/c_d.po", NULL));
	assert_true(path_ok("readme", NULL));

	assert_false(path_ok("", "empty path"));
	assert_false(path_ok("/etc/passwd", "absolute"));
	assert_false(path_ok("../da.po", "starts with a dot"));
	assert_false(path_ok("mitid/../../etc", "starts with a dot"));
	assert_false(path_ok("mitid/..", "starts with a dot"));
	assert_false(path_ok("./mitid", "starts with a dot"));
	assert_false(path_ok("mitid/.bundle.json", "starts with a dot"));
	assert_false(path_ok("a//b", "empty part"));
	assert_false(path_ok("mitid/", "empty part"));
	assert_false(path_ok("Mitid/scheme.txt", "a character other than"));
	assert_false(path_ok("mitid/new phone.guide", "a character other than"));
	assert_false(path_ok("mitid\\scheme.txt", "a character other than"));
	assert_false(path_ok("c:/x", "a character other than"));
	assert_false(path_ok("mitid/\xc3\xa6.guide", "a character other than"));
	assert_false(path_ok("a/b/c/d", "over 3 parts"));

	char longest[CONTENT_BUNDLE_PATH_MAX + 1];
	memset(longest, 'a', sizeof longest);
	longest[CONTENT_BUNDLE_PATH_MAX - 1] = '\0';
	assert_true(path_ok(longest, NULL));
	longest[CONTENT_BUNDLE_PATH_MAX - 1] = 'a';
	longest[CONTENT_BUNDLE_PATH_MAX] = '\0';
	assert_false(path_ok(longest, "over 127 bytes"));
}

static void base64_follows_rfc_4648(void **state)
{
	(void)state;
	static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	for (int i = 0; i < 7; i++) {
		char enc[16];
		unsigned char dec[16];
		size_t n = 99;
		content_base64_encode((const unsigned char *)plain[i], strlen(plain[i]), enc);
		assert_string_equal(enc, coded[i]);
		assert_true(content_base64_decode(coded[i], strlen(coded[i]), dec, &n));
		assert_int_equal(n, strlen(plain[i]));
		assert_memory_equal(dec, plain[i], n);
	}
	unsigned char dec[16];
	size_t n;
	assert_false(content_base64_decode("Zg=", 3, dec, &n));	 /* length */
	assert_false(content_base64_decode("Zh==", 4, dec, &n)); /* bits the padding drops are set */
	assert_false(content_base64_decode("Zm9v\nYg==", 9, dec, &n));
	assert_false(content_base64_decode("Zg==Zm9v", 8, dec, &n)); /* padding inside */
	assert_false(content_base64_decode("Zm9-", 4, dec, &n));     /* base64url is not base64 */
}

/* A bundle with a text file, a binary one and one that is not UTF-8. */
static void add_three(struct content_bundle *b, bool reversed)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0, 1, 2, 0xff};
	static const char latin1[] = "caf\xe9";
	char why[200];
	for (int k = 0; k < 3; k++) {
		int i = reversed ? 2 - k : k;
		if (i == 0)
			assert_int_equal(content_bundle_add(b, "mitid/scheme.txt", "scheme: mitid\nname: MitID\n", 26,
							    why, sizeof why),
					 KIOSK_OK);
		else if (i == 1)
			assert_int_equal(content_bundle_add(b, "images/x.png", png, sizeof png, why, sizeof why),
					 KIOSK_OK);
		else
			assert_int_equal(content_bundle_add(b, "mitid/old.txt", latin1, 4, why, sizeof why), KIOSK_OK);
	}
	assert_int_equal(content_bundle_check(b, why, sizeof why), KIOSK_OK);
}

static void a_bundle_comes_back_byte_for_byte_whatever_the_order(void **state)
{
	(void)state;
	struct content_bundle a, b, back;
	char why[200];
	size_t la, lb, len;
	content_bundle_init(&a);
	content_bundle_init(&b);
	add_three(&a, false);
	add_three(&b, true);
	char *ja = content_bundle_json(&a, "v1", &la), *jb = content_bundle_json(&b, "v1", &lb);
	assert_non_null(ja);
	assert_int_equal(la, lb);
	assert_memory_equal(ja, jb, la); /* the same files, the same bytes: the same ETag */
	assert_non_null(strstr(ja, "{\"path\":\"mitid/scheme.txt\",\"text\":\"scheme: mitid\\nname: MitID\\n\"}"));
	assert_non_null(strstr(ja, "{\"path\":\"images/x.png\",\"base64\":\"iVBORwABAv8=\"}"));

	assert_int_equal(content_bundle_parse(ja, la, &back, why, sizeof why), KIOSK_OK);
	assert_string_equal(back.version, "v1");
	assert_int_equal(back.nfiles, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(back.files[i].path, a.files[i].path);
		assert_int_equal(back.files[i].len, a.files[i].len);
		assert_memory_equal(back.files[i].data, a.files[i].data, a.files[i].len);
	}
	assert_int_equal(back.total, 26 + 8 + 4);
	char *files = content_bundle_files_json(&back, &len);
	assert_non_null(strstr(ja, files));
	free(files);
	free(ja);
	free(jb);
	content_bundle_fini(&a);
	content_bundle_fini(&b);
	content_bundle_fini(&back);
}

/* Parses doc and expects err with these words. */
static void refused(const char *doc, enum kiosk_err err, const char *words)
{
	struct content_bundle b;
	char why[300] = "";
	enum kiosk_err got = content_bundle_parse(doc, strlen(doc), &b, why, sizeof why);
	content_bundle_fini(&b);
	if (got != err || !strstr(why, words))
		fail_msg("%s: %s (%d), expected \"%s\" (%d)", doc, why, got, words, err);
}

static void one_bad_file_refuses_the_whole_bundle(void **state)
{
	(void)state;
	const char *good = "{\"path\":\"mitid/scheme.txt\",\"text\":\"scheme: mitid\"}";
	char doc[512];
	refused("{\"version\":\"1\",\"files\":[{\"path\":\"a\",\"text\":", KIOSK_ERR_PARSE, "not valid JSON");
	refused("[]", KIOSK_ERR_PARSE, "is not {\"version\"");
	refused("{\"version\":\"1\",\"files\":{}}", KIOSK_ERR_PARSE, "is not {\"version\"");
	refused("{\"version\":\"1 2\",\"files\":[]}", KIOSK_ERR_INVALID, "version is not");
	refused("{\"files\":[]}", KIOSK_ERR_INVALID, "version is not");
	refused("{\"version\":\"1\",\"files\":[]}", KIOSK_ERR_INVALID, "no files");
	snprintf(doc, sizeof doc, "{\"version\":\"1\",\"files\":[%s,{\"path\":\"../da.po\",\"text\":\"x\"}]}", good);
	refused(doc, KIOSK_ERR_INVALID, "\"../da.po\" starts with a dot");
	snprintf(doc, sizeof doc, "{\"version\":\"1\",\"files\":[%s,{\"path\":\"/tmp/x\",\"text\":\"x\"}]}", good);
	refused(doc, KIOSK_ERR_INVALID, "absolute");
	snprintf(doc, sizeof doc, "{\"version\":\"1\",\"files\":[%s,%s]}", good, good);
	refused(doc, KIOSK_ERR_INVALID, "\"mitid/scheme.txt\" is given twice");
	snprintf(doc, sizeof doc, "{\"version\":\"1\",\"files\":[%s,{\"path\":\"mitid\",\"text\":\"x\"}]}", good);
	refused(doc, KIOSK_ERR_INVALID, "\"mitid\" is a file and the folder of \"mitid/scheme.txt\"");
	refused("{\"version\":\"1\",\"files\":[{\"path\":\"a\"}]}", KIOSK_ERR_PARSE, "files[0] is not");
	refused("{\"version\":\"1\",\"files\":[{\"path\":\"a\",\"text\":\"x\",\"base64\":\"eA==\"}]}", KIOSK_ERR_PARSE,
		"files[0] is not");
	refused("{\"version\":\"1\",\"files\":[{\"path\":\"a\",\"base64\":\"eA=\"}]}", KIOSK_ERR_PARSE,
		"the base64 of a is broken");
	refused("{\"version\":\"1\",\"files\":[{\"path\":\"a\",\"text\":\"x\\u0000y\"}]}", KIOSK_ERR_PARSE,
		"not valid JSON");
	refused("{\"version\":\"1\",\"version\":\"2\",\"files\":[]}", KIOSK_ERR_PARSE, "not valid JSON");
}

static void caps_hold_for_size_and_count(void **state)
{
	(void)state;
	struct content_bundle b;
	char why[200];
	content_bundle_init(&b);
	char *big = calloc(1, CONTENT_BUNDLE_FILE_MAX + 1);
	assert_non_null(big);
	assert_int_equal(content_bundle_add(&b, "a", big, CONTENT_BUNDLE_FILE_MAX, why, sizeof why), KIOSK_OK);
	assert_int_equal(content_bundle_add(&b, "b", big, CONTENT_BUNDLE_FILE_MAX + 1, why, sizeof why),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(why, "b is over 1048576 bytes"));
	for (int i = 1; i < CONTENT_BUNDLE_TOTAL_MAX / CONTENT_BUNDLE_FILE_MAX; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(content_bundle_add(&b, name, big, CONTENT_BUNDLE_FILE_MAX, why, sizeof why), KIOSK_OK);
	}
	assert_int_equal(content_bundle_add(&b, "last", "x", 1, why, sizeof why), KIOSK_ERR_INVALID);
	assert_non_null(strstr(why, "over 16777216 bytes in all"));
	content_bundle_fini(&b);
	free(big);

	content_bundle_init(&b);
	for (int i = 0; i < CONTENT_BUNDLE_FILES_MAX; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(content_bundle_add(&b, name, "x", 1, why, sizeof why), KIOSK_OK);
	}
	assert_int_equal(content_bundle_add(&b, "one-more", "x", 1, why, sizeof why), KIOSK_ERR_INVALID);
	assert_non_null(strstr(why, "over 512 files"));
	content_bundle_fini(&b);

	/* A document over the cap is refused unread. */
	assert_int_equal(content_bundle_parse("{}", CONTENT_BUNDLE_BODY_MAX + 1, &b, why, sizeof why),
			 KIOSK_ERR_INVALID);
	assert_non_null(strstr(why, "over 25165824 bytes"));
	content_bundle_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(paths_stay_inside_the_bundle_folder),
	    cmocka_unit_test(base64_follows_rfc_4648),
	    cmocka_unit_test(a_bundle_comes_back_byte_for_byte_whatever_the_order),
	    cmocka_unit_test(one_bad_file_refuses_the_whole_bundle),
	    cmocka_unit_test(caps_hold_for_size_and_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
