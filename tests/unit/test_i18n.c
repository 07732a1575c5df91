/*
 * Unit tests for the .po parser, lookups, plural rules and language table (kiosk/core/i18n.c)
 * and for kiosk_err_str. Catalogs are inline text, so each test shows the input it judges;
 * only the load tests touch the file system (a temporary file, a missing path, a directory).
 * Single-threaded, like every cmocka test here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/error.h"
#include "kiosk/i18n.h"

#define HEADER_START "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
#define HEADER(plural_forms) HEADER_START "\"Plural-Forms: " plural_forms "\\n\"\n\n"

#define ARABIC "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
#define UKRAINIAN                                                                                                   \
	"nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"

static struct i18n_catalog *parse_ok(const char *text)
{
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	enum kiosk_err err = i18n_catalog_parse(text, strlen(text), &cat, &diag);

	if (err != KIOSK_OK)
		fail_msg("parse failed (%s) at line %d: %s", kiosk_err_str(err), diag.line, diag.msg);
	assert_non_null(cat);
	return cat;
}

static void expect_error(const char *text, enum kiosk_err want, int line, const char *msg_part)
{
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	enum kiosk_err err = i18n_catalog_parse(text, strlen(text), &cat, &diag);

	if (err != want || diag.line != line || !strstr(diag.msg, msg_part))
		fail_msg("want %s at line %d with \"%s\", got %s at line %d: \"%s\"", kiosk_err_str(want), line,
			 msg_part, kiosk_err_str(err), diag.line, diag.msg);
	assert_null(cat);
}

/* A catalog whose only entry "%lu ticket" has the forms "f0", "f1"... under the given rule. */
static struct i18n_catalog *plural_catalog(const char *plural_forms, int nforms)
{
	static char text[2048];
	int len = snprintf(text, sizeof(text), HEADER_START "\"Plural-Forms: %s\\n\"\n\nmsgid \"%%lu ticket\"\n"
					       "msgid_plural \"%%lu tickets\"\n", plural_forms);

	for (int i = 0; i < nforms; i++)
		len += snprintf(text + len, sizeof(text) - (size_t)len, "msgstr[%d] \"f%d\"\n", i, i);
	return parse_ok(text);
}

static const char *form(const struct i18n_catalog *cat, unsigned long n)
{
	return i18n_nget(cat, "%lu ticket", "%lu tickets", n);
}

static void i18n_translates_a_simple_entry(void **state)
{
	const char *text = HEADER("nplurals=2; plural=n != 1;") "msgid \"Take a ticket\"\nmsgstr \"Tag et nummer\"\n";
	struct i18n_diag diag = { 42, "stale" };
	struct i18n_catalog *cat = NULL;

	(void)state;
	assert_int_equal(i18n_catalog_parse(text, strlen(text), &cat, &diag), KIOSK_OK);
	assert_int_equal(diag.line, 0);
	assert_string_equal(diag.msg, "");
	assert_string_equal(i18n_get(cat, "Take a ticket"), "Tag et nummer");
	assert_int_equal(i18n_catalog_count(cat), 1);
	i18n_catalog_destroy(cat);
}

static void i18n_falls_back_to_msgid_when_untranslated(void **state)
{
	const char *id = "Cancel";
	struct i18n_catalog *cat = parse_ok("msgid \"Cancel\"\nmsgstr \"\"\n\nmsgid \"Yes\"\nmsgstr \"Ja\"\n");

	(void)state;
	assert_ptr_equal(i18n_get(cat, id), id);
	assert_string_equal(i18n_get(cat, "Yes"), "Ja");
	assert_int_equal(i18n_catalog_count(cat), 1);
	i18n_catalog_destroy(cat);
}

static void i18n_falls_back_to_msgid_when_entry_is_missing(void **state)
{
	const char *id = "Not in the catalog";
	struct i18n_catalog *cat = parse_ok("msgid \"Yes\"\nmsgstr \"Ja\"\n");

	(void)state;
	assert_ptr_equal(i18n_get(cat, id), id);
	assert_ptr_equal(i18n_pget(cat, "screen", "Yes"), "Yes");
	assert_string_equal(i18n_nget(cat, "one", "many", 3), "many");
	i18n_catalog_destroy(cat);
}

static void i18n_null_catalog_returns_msgid_and_english_plurals(void **state)
{
	(void)state;
	assert_string_equal(i18n_get(NULL, "Hello"), "Hello");
	assert_string_equal(i18n_pget(NULL, "ctx", "Hello"), "Hello");
	assert_string_equal(i18n_nget(NULL, "1 person", "%lu people", 1), "1 person");
	assert_string_equal(i18n_nget(NULL, "1 person", "%lu people", 0), "%lu people");
	assert_string_equal(i18n_nget(NULL, "1 person", "%lu people", 2), "%lu people");
	assert_int_equal(i18n_catalog_count(NULL), 0);
	assert_null(i18n_catalog_header(NULL, "Language"));
	i18n_catalog_destroy(NULL);
}

static void i18n_ignores_fuzzy_entries(void **state)
{
	struct i18n_catalog *cat = parse_ok("#, fuzzy\nmsgid \"Print\"\nmsgstr \"Udskriv\"\n\n"
					    "#, c-format,fuzzy\nmsgid \"%d left\"\nmsgstr \"%d tilbage\"\n\n"
					    "#, c-format\nmsgid \"Back\"\nmsgstr \"Tilbage\"\n");

	(void)state;
	assert_string_equal(i18n_get(cat, "Print"), "Print");
	assert_string_equal(i18n_get(cat, "%d left"), "%d left");
	assert_string_equal(i18n_get(cat, "Back"), "Tilbage");
	assert_int_equal(i18n_catalog_count(cat), 1);
	i18n_catalog_destroy(cat);
}

static void i18n_handles_context(void **state)
{
	struct i18n_catalog *cat = parse_ok("msgid \"Open\"\nmsgstr \"Åbn\"\n\n"
					    "msgctxt \"office hours\"\nmsgid \"Open\"\nmsgstr \"Åben\"\n\n"
					    "msgctxt \"office\"\nmsgid \"Open\"\nmsgstr \"Åbent kontor\"\n\n"
					    "msgid \"office:Open\"\nmsgstr \"kolon\"\n");

	(void)state;
	assert_string_equal(i18n_get(cat, "Open"), "Åbn");
	assert_string_equal(i18n_pget(cat, "office hours", "Open"), "Åben");
	assert_string_equal(i18n_pget(cat, "office", "Open"), "Åbent kontor");
	assert_string_equal(i18n_pget(cat, NULL, "Open"), "Åbn");
	assert_string_equal(i18n_pget(cat, "offic", "Open"), "Open");
	assert_string_equal(i18n_pget(cat, "office hours", "Close"), "Close");
	assert_string_equal(i18n_get(cat, "office:Open"), "kolon");
	assert_int_equal(i18n_catalog_count(cat), 4);
	i18n_catalog_destroy(cat);
	/* Context and msgid are joined by \004 only: "a" + "b" must not match the msgid "a:b". */
	cat = parse_ok("msgid \"a:b\"\nmsgstr \"kolon\"\n");
	assert_string_equal(i18n_pget(cat, "a", "b"), "b");
	assert_string_equal(i18n_pget(cat, "a:", "b"), "b");
	i18n_catalog_destroy(cat);
}

static void i18n_parses_multiline_and_escapes(void **state)
{
	struct i18n_catalog *cat = parse_ok("msgid \"\"\n\"Line one\\n\"\n  \"Line two\"\n"
					    "msgstr \"A\\tB \\\"q\\\" \\\\ \"\n"
					    "\"\\303\\245\\xc3\\xa6\\x41\\101\" \"!\"\n");

	(void)state;
	assert_string_equal(i18n_get(cat, "Line one\nLine two"), "A\tB \"q\" \\ åæAA!");
	i18n_catalog_destroy(cat);
}

static void i18n_reads_header_fields(void **state)
{
	struct i18n_catalog *cat = parse_ok("# Danish translation\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n"
					    "\"Language: da\\n\"\n\"content-type: text/plain; charset=utf-8\\n\"\n"
					    "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n");

	(void)state;
	assert_string_equal(i18n_catalog_header(cat, "Language"), "da");
	assert_string_equal(i18n_catalog_header(cat, "LANGUAGE"), "da");
	assert_string_equal(i18n_catalog_header(cat, "Plural-Forms"), "nplurals=2; plural=(n != 1);");
	assert_null(i18n_catalog_header(cat, "Last-Translator"));
	assert_null(i18n_catalog_header(cat, "Lang"));
	assert_int_equal(i18n_catalog_count(cat), 0);
	i18n_catalog_destroy(cat);
}

static void i18n_does_not_return_the_header_for_an_empty_msgid(void **state)
{
	struct i18n_catalog *cat = parse_ok(HEADER("nplurals=2; plural=n != 1;"));

	(void)state;
	assert_string_equal(i18n_get(cat, ""), "");
	i18n_catalog_destroy(cat);
}

static void i18n_rejects_a_charset_other_than_utf8_with_the_header_line(void **state)
{
	(void)state;
	expect_error("\n# comment\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n",
		     KIOSK_ERR_INVALID, 3, "unsupported charset \"ISO-8859-1\"");
	expect_error("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\n\"\n", KIOSK_ERR_INVALID, 1,
		     "CHARSET");
}

static void i18n_accepts_a_header_without_content_type(void **state)
{
	struct i18n_catalog *cat = parse_ok("msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n"
					    "msgid \"Yes\"\nmsgstr \"Oui\"\n");

	(void)state;
	assert_string_equal(i18n_catalog_header(cat, "Language"), "fr");
	assert_null(i18n_catalog_header(cat, "Content-Type"));
	assert_string_equal(i18n_get(cat, "Yes"), "Oui");
	i18n_catalog_destroy(cat);
}

static void i18n_uses_english_plural_rule_without_plural_forms(void **state)
{
	struct i18n_catalog *cat = parse_ok("msgid \"%lu ticket\"\nmsgid_plural \"%lu tickets\"\n"
					    "msgstr[0] \"one\"\nmsgstr[1] \"other\"\n");

	(void)state;
	assert_string_equal(form(cat, 0), "other");
	assert_string_equal(form(cat, 1), "one");
	assert_string_equal(form(cat, 2), "other");
	i18n_catalog_destroy(cat);
}

static void i18n_arabic_plural_picks_each_of_six_forms(void **state)
{
	struct i18n_catalog *cat = plural_catalog(ARABIC, 6);
	static const struct {
		unsigned long n;
		const char *want;
	} cases[] = { { 0, "f0" },   { 1, "f1" },   { 2, "f2" },   { 3, "f3" },   { 10, "f3" },   { 103, "f3" },
		      { 11, "f4" },  { 99, "f4" },  { 111, "f4" }, { 100, "f5" }, { 101, "f5" },  { 102, "f5" },
		      { 200, "f5" }, { 1000, "f5" } };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(form(cat, cases[i].n), cases[i].want) != 0)
			fail_msg("n=%lu: want %s, got %s", cases[i].n, cases[i].want, form(cat, cases[i].n));
	i18n_catalog_destroy(cat);
}

static void i18n_ukrainian_plural_picks_each_of_three_forms(void **state)
{
	struct i18n_catalog *cat = plural_catalog(UKRAINIAN, 3);
	static const unsigned long one[] = { 1, 21, 101, 1001 }, few[] = { 2, 3, 4, 22, 34, 102 },
				   many[] = { 0, 5, 11, 12, 14, 19, 20, 25, 111, 112 };

	(void)state;
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		assert_string_equal(form(cat, one[i]), "f0");
	for (size_t i = 0; i < sizeof(few) / sizeof(few[0]); i++)
		assert_string_equal(form(cat, few[i]), "f1");
	for (size_t i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		assert_string_equal(form(cat, many[i]), "f2");
	i18n_catalog_destroy(cat);
}

static void i18n_french_plural_treats_zero_as_singular(void **state)
{
	struct i18n_catalog *cat = plural_catalog("nplurals=2; plural=(n > 1);", 2);

	(void)state;
	assert_string_equal(form(cat, 0), "f0");
	assert_string_equal(form(cat, 1), "f0");
	assert_string_equal(form(cat, 2), "f1");
	assert_string_equal(form(cat, 1000000), "f1");
	i18n_catalog_destroy(cat);
}

static void i18n_danish_plural_uses_the_singular_only_for_one(void **state)
{
	struct i18n_catalog *cat = plural_catalog("nplurals=2; plural=n != 1;", 2);

	(void)state;
	assert_string_equal(form(cat, 0), "f1");
	assert_string_equal(form(cat, 1), "f0");
	assert_string_equal(form(cat, 2), "f1");
	i18n_catalog_destroy(cat);
}

static void i18n_single_form_rule_always_picks_form_zero(void **state)
{
	struct i18n_catalog *cat = plural_catalog("nplurals=1; plural=0;", 1);

	(void)state;
	assert_string_equal(form(cat, 0), "f0");
	assert_string_equal(form(cat, 1), "f0");
	assert_string_equal(form(cat, 7), "f0");
	i18n_catalog_destroy(cat);
}

static void i18n_plural_rule_follows_c_precedence_and_associativity(void **state)
{
	struct i18n_catalog *cat = plural_catalog("nplurals=2; plural=n == 1 + 2 * 3 || n - 2 - 1 == 0 || !n", 2);

	(void)state;
	assert_string_equal(form(cat, 7), "f1");  /* 1 + (2 * 3), not (1 + 2) * 3 */
	assert_string_equal(form(cat, 9), "f0");
	assert_string_equal(form(cat, 3), "f1");  /* (3 - 2) - 1, not 3 - (2 - 1) */
	assert_string_equal(form(cat, 0), "f1");  /* !0 */
	assert_string_equal(form(cat, 2), "f0");
	i18n_catalog_destroy(cat);
}

static void i18n_division_by_zero_in_plural_rule_does_not_crash(void **state)
{
	struct i18n_catalog *cat = plural_catalog("nplurals=3; plural=n / 0 + n % 0 + (n > 1 ? 2 : n / (n - n));", 3);

	(void)state;
	assert_string_equal(form(cat, 0), "f0");
	assert_string_equal(form(cat, 1), "f0");
	assert_string_equal(form(cat, 5), "f2");
	i18n_catalog_destroy(cat);
}

static void i18n_out_of_range_plural_uses_the_last_form(void **state)
{
	/* A buggy rule: for n >= 2 it answers 2..., beyond the two forms the header promises. */
	struct i18n_catalog *cat = plural_catalog("nplurals=2; plural=n;", 2);

	(void)state;
	assert_string_equal(form(cat, 0), "f0");
	assert_string_equal(form(cat, 1), "f1");
	assert_string_equal(form(cat, 2), "f1");
	assert_string_equal(form(cat, 4000000000ul), "f1");
	i18n_catalog_destroy(cat);
}

static void i18n_untranslated_plural_uses_the_english_rule(void **state)
{
	struct i18n_catalog *cat = parse_ok(HEADER(UKRAINIAN) "msgid \"%lu ticket\"\nmsgid_plural \"%lu tickets\"\n"
								"msgstr[0] \"a\"\nmsgstr[1] \"\"\nmsgstr[2] \"c\"\n");

	(void)state;
	assert_string_equal(form(cat, 1), "%lu ticket");
	assert_string_equal(form(cat, 5), "%lu tickets");
	assert_int_equal(i18n_catalog_count(cat), 0);
	i18n_catalog_destroy(cat);
}

static void i18n_rejects_malformed_plural_forms_with_the_header_line(void **state)
{
	static const char *const bad[] = {
		"nplurals=2; plural=n >;", "nplurals=2; plural=(n != 1;", "nplurals=2; plural=n = 1;",
		"nplurals=0; plural=0;",   "nplurals=7; plural=n;",       "nplurals=2;",
		"plural=n != 1;",          "nplurals=2; plural=n ? 1;",   "nplurals=2; plural=x;",
		"nplurals=2; plural=n != 1; extra", "nplurals=n; plural=n;",
		"nplurals=2; plural=99999999999999999999999;",
	};
	char text[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "msgid \"a\"\nmsgstr \"b\"\n\n" HEADER_START "\"Plural-Forms: %s\\n\"\n",
			 bad[i]);
		expect_error(text, KIOSK_ERR_PARSE, 4, "Plural-Forms");
	}
}

static void i18n_rejects_hostile_plural_expressions_without_crashing(void **state)
{
	char text[8192], expr[6000];
	int len = 0;

	(void)state;
	for (int i = 0; i < 1000; i++)
		expr[len++] = '(';
	expr[len++] = 'n';
	for (int i = 0; i < 1000; i++)
		expr[len++] = ')';
	expr[len] = '\0';
	snprintf(text, sizeof(text), HEADER_START "\"Plural-Forms: nplurals=2; plural=%s;\\n\"\n", expr);
	expect_error(text, KIOSK_ERR_PARSE, 1, "Plural-Forms");
	for (len = 0; len < 400; len += 2)
		memcpy(expr + len, "n+", 2);
	memcpy(expr + len, "n", 2);
	snprintf(text, sizeof(text), HEADER_START "\"Plural-Forms: nplurals=2; plural=%s;\\n\"\n", expr);
	expect_error(text, KIOSK_ERR_PARSE, 1, "Plural-Forms");
	i18n_catalog_destroy(plural_catalog("nplurals=2; plural=((((((((((n != 1))))))))));", 2));
}

static void i18n_rejects_unterminated_string_with_its_line(void **state)
{
	(void)state;
	expect_error("msgid \"Yes\"\nmsgstr \"Ja\"\n\nmsgid \"No\nmsgstr \"Nej\"\n", KIOSK_ERR_PARSE, 4,
		     "unterminated string");
	expect_error("msgid \"Yes\"\nmsgstr \"Ja\\\"\n", KIOSK_ERR_PARSE, 2, "unterminated string");
	expect_error("msgid \"Yes\"\nmsgstr \"Ja\\", KIOSK_ERR_PARSE, 2, "unterminated string");
}

static void i18n_rejects_invalid_utf8_with_its_line(void **state)
{
	(void)state;
	expect_error("msgid \"Yes\"\nmsgstr \"J\xe6\"\n", KIOSK_ERR_PARSE, 2, "invalid UTF-8");
	expect_error("# caf\xc3\n", KIOSK_ERR_PARSE, 1, "invalid UTF-8");
	expect_error("msgid \"Yes\"\nmsgstr \"\xc0\xaf\"\n", KIOSK_ERR_PARSE, 2, "invalid UTF-8"); /* overlong / */
	expect_error("msgid \"Yes\"\nmsgstr \"\xed\xa0\x80\"\n", KIOSK_ERR_PARSE, 2, "invalid UTF-8"); /* surrogate */
	expect_error("msgid \"Yes\"\nmsgstr \"\xf4\x90\x80\x80\"\n", KIOSK_ERR_PARSE, 2, "invalid UTF-8"); /* 110000 */
	expect_error("msgid \"Yes\"\n\nmsgstr \"\"\n\"\\xff\"\n", KIOSK_ERR_PARSE, 3, "invalid UTF-8");
}

static void i18n_rejects_unknown_keyword_with_its_line(void **state)
{
	(void)state;
	expect_error("msgid \"Yes\"\nmsgstr \"Ja\"\nmsgtxt \"x\"\n", KIOSK_ERR_PARSE, 3, "unknown keyword \"msgtxt\"");
	expect_error("msgid \"Yes\"\nMsgstr \"Ja\"\n", KIOSK_ERR_PARSE, 2, "unknown keyword \"Msgstr\"");
	/* Quoted up to 20 bytes, cut before the "æ" that straddles the limit rather than through it. */
	expect_error("abcdefghijklmnopqrsæøå \"x\"\n", KIOSK_ERR_PARSE, 1,
		     "unknown keyword \"abcdefghijklmnopqrs\"");
}

static void i18n_rejects_misplaced_keywords(void **state)
{
	(void)state;
	expect_error("# only\nmsgstr \"Ja\"\n", KIOSK_ERR_PARSE, 2, "msgstr without msgid");
	expect_error("msgid \"a\"\nmsgid \"b\"\nmsgstr \"c\"\n", KIOSK_ERR_PARSE, 1, "msgid without msgstr");
	expect_error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\n", KIOSK_ERR_PARSE, 4, "msgid without msgstr");
	expect_error("msgctxt \"a\"\n", KIOSK_ERR_PARSE, 1, "msgctxt without msgid");
	expect_error("msgctxt \"a\"\nmsgctxt \"b\"\nmsgid \"c\"\nmsgstr \"d\"\n", KIOSK_ERR_PARSE, 2, "msgctxt twice");
	expect_error("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", KIOSK_ERR_PARSE, 3, "msgstr twice");
	expect_error("msgid \"a\"\nmsgstr[0] \"b\"\n", KIOSK_ERR_PARSE, 2, "without msgid_plural");
	expect_error("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n", KIOSK_ERR_PARSE, 3, "needs msgstr[N]");
	expect_error("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"\n", KIOSK_ERR_PARSE, 3, "out of order");
	expect_error("\"orphan\"\n", KIOSK_ERR_PARSE, 1, "string without a keyword");
	expect_error("msgid \"a\" x\nmsgstr \"b\"\n", KIOSK_ERR_PARSE, 1, "unexpected text after string");
	expect_error("msgid\nmsgstr \"b\"\n", KIOSK_ERR_PARSE, 1, "expected a string");
}

static void i18n_rejects_bad_escapes(void **state)
{
	(void)state;
	expect_error("msgid \"a\"\nmsgstr \"\\q\"\n", KIOSK_ERR_PARSE, 2, "unknown escape");
	expect_error("msgid \"a\"\nmsgstr \"x\\0y\"\n", KIOSK_ERR_PARSE, 2, "escape out of range");
	expect_error("msgid \"a\"\nmsgstr \"\\xg\"\n", KIOSK_ERR_PARSE, 2, "without hex digits");
}

static void i18n_rejects_duplicate_msgid_with_both_lines(void **state)
{
	(void)state;
	expect_error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"x\"\nmsgstr \"\"\n\n#, fuzzy\nmsgid \"a\"\nmsgstr \"c\"\n",
		     KIOSK_ERR_PARSE, 8, "duplicate msgid (also at line 1)");
	expect_error("msgctxt \"k\"\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"k\"\nmsgid \"a\"\nmsgstr \"c\"\n",
		     KIOSK_ERR_PARSE, 5, "duplicate msgid (also at line 1)");
	expect_error("msgid \"\"\nmsgstr \"Language: da\\n\"\n\nmsgid \"\"\nmsgstr \"Language: sv\\n\"\n",
		     KIOSK_ERR_PARSE, 4, "duplicate header");
}

static void i18n_rejects_plural_entry_with_wrong_number_of_forms(void **state)
{
	(void)state;
	expect_error(HEADER(UKRAINIAN) "msgid \"x\"\nmsgstr \"y\"\n\nmsgid \"a\"\nmsgid_plural \"as\"\n"
				       "msgstr[0] \"b\"\nmsgstr[1] \"c\"\n",
		     KIOSK_ERR_PARSE, 9, "entry has 2 plural forms, Plural-Forms expects 3");
}

static void i18n_accepts_crlf_bom_blank_lines_and_obsolete_entries(void **state)
{
	struct i18n_catalog *cat = parse_ok("\xef\xbb\xbf# Translators\r\n#: screens/home.c:12\r\n"
					    "msgid \"Home\"\r\n\r\nmsgstr \"Hjem\"\r\n\r\n"
					    "#~ msgid \"Old\"\r\n#~ msgstr \"Gammel\"\r\n");

	(void)state;
	assert_string_equal(i18n_get(cat, "Home"), "Hjem");
	assert_string_equal(i18n_get(cat, "Old"), "Old");
	assert_int_equal(i18n_catalog_count(cat), 1);
	i18n_catalog_destroy(cat);
}

static void i18n_parse_works_without_a_diag(void **state)
{
	struct i18n_catalog *cat = (struct i18n_catalog *)&cat;
	const char *bad = "msgid \"a";

	(void)state;
	assert_int_equal(i18n_catalog_parse(bad, strlen(bad), &cat, NULL), KIOSK_ERR_PARSE);
	assert_null(cat);
	assert_int_equal(i18n_catalog_parse("", 0, &cat, NULL), KIOSK_OK);
	assert_int_equal(i18n_catalog_count(cat), 0);
	i18n_catalog_destroy(cat);
}

static void i18n_load_reads_a_po_file(void **state)
{
	char path[] = "/tmp/test_i18n_XXXXXX";
	const char *text = HEADER(UKRAINIAN) "msgid \"Yes\"\nmsgstr \"Так\"\n";
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(i18n_catalog_load(path, &cat, &diag), KIOSK_OK);
	unlink(path);
	assert_string_equal(i18n_get(cat, "Yes"), "Так");
	assert_string_equal(i18n_catalog_header(cat, "Plural-Forms"), UKRAINIAN);
	i18n_catalog_destroy(cat);
}

static void i18n_load_reports_missing_file(void **state)
{
	struct i18n_catalog *cat = (struct i18n_catalog *)&cat;
	struct i18n_diag diag = { 99, "stale" };

	(void)state;
	assert_int_equal(i18n_catalog_load(KIOSK_SOURCE_DIR "/no/such/file.po", &cat, &diag), KIOSK_ERR_NOT_FOUND);
	assert_null(cat);
	assert_int_equal(diag.line, 0);
	assert_string_equal(diag.msg, "cannot open file: No such file or directory");
}

static void i18n_load_reports_a_directory_as_an_io_error(void **state)
{
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;

	(void)state;
	assert_int_equal(i18n_catalog_load(KIOSK_SOURCE_DIR, &cat, &diag), KIOSK_ERR_IO);
	assert_null(cat);
	assert_int_equal(diag.line, 0);
	assert_non_null(strstr(diag.msg, "cannot"));
}

static void i18n_lang_find_knows_every_required_language(void **state)
{
	static const struct i18n_lang want[] = {
		{ "da", "Dansk", "Danish", false, "da" },
		{ "nb", "Norsk bokmål", "Norwegian Bokmål", false, "nb" },
		{ "nn", "Norsk nynorsk", "Norwegian Nynorsk", false, "nb" },
		{ "sv", "Svenska", "Swedish", false, "sv" },
		{ "it", "Italiano", "Italian", false, "it" },
		{ "fr", "Français", "French", false, "fr" },
		{ "en", "English", "English", false, "en" },
		{ "de", "Deutsch", "German", false, "en" },
		{ "ar", "العربية", "Arabic", true, "ar" },
		{ "uk", "Українська", "Ukrainian", false, "uk" },
		{ "pl", "Polski", "Polish", false, "en" },
		{ "tr", "Türkçe", "Turkish", false, "en" },
		{ "ro", "Română", "Romanian", false, "en" },
		{ "so", "Soomaali", "Somali", false, "en" },
		{ "fa", "فارسی", "Persian", true, "ar" },
		{ "ur", "اردو", "Urdu", true, "ar" },
		{ "lt", "Lietuvių", "Lithuanian", false, "en" },
		{ "sq", "Shqip", "Albanian", false, "en" },
		{ "pt", "Português", "Portuguese", false, "en" },
		{ "es", "Español", "Spanish", false, "en" },
		{ "ti", "ትግርኛ", "Tigrinya", false, "en" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct i18n_lang *l = i18n_lang_find(want[i].code);

		if (!l)
			fail_msg("%s is missing", want[i].code);
		assert_string_equal(l->code, want[i].code);
		assert_string_equal(l->endonym, want[i].endonym);
		assert_string_equal(l->english, want[i].english);
		assert_int_equal(l->rtl, want[i].rtl);
		assert_string_equal(l->keyboard, want[i].keyboard);
	}
}

static void i18n_lang_find_returns_null_for_unknown_codes(void **state)
{
	(void)state;
	assert_null(i18n_lang_find(NULL));
	assert_null(i18n_lang_find(""));
	assert_null(i18n_lang_find("xx"));
	assert_null(i18n_lang_find("d"));
	assert_null(i18n_lang_find("dan"));
	assert_null(i18n_lang_find("DA"));
}

static void i18n_lang_find_ignores_region_and_variant(void **state)
{
	(void)state;
	assert_string_equal(i18n_lang_find("nb_NO")->code, "nb");
	assert_string_equal(i18n_lang_find("pt-BR")->code, "pt");
	assert_string_equal(i18n_lang_find("uk_UA.UTF-8")->code, "uk");
	assert_string_equal(i18n_lang_find("sv@euro")->code, "sv");
}

/* Independent of the parser's validator on purpose: a shared bug would hide itself. */
static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		int len = *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : *s < 0xf8 ? 4 : 0;

		if (len == 0 || (*s >= 0x80 && *s < 0xc2))
			return false;
		for (int k = 1; k < len; k++)
			if ((s[k] & 0xc0) != 0x80)
				return false;
		s += len;
	}
	return true;
}

static void i18n_lang_table_is_terminated_unique_and_valid_utf8(void **state)
{
	const struct i18n_lang *all = i18n_lang_all();
	size_t n = 0, rtl = 0;

	(void)state;
	for (const struct i18n_lang *l = all; l->code; l++, n++) {
		assert_true(valid_utf8((const unsigned char *)l->endonym));
		assert_true(valid_utf8((const unsigned char *)l->english));
		assert_non_null(l->keyboard);
		assert_ptr_equal(i18n_lang_find(l->code), l); /* also proves codes are unique */
		rtl += l->rtl;
	}
	assert_true(n >= 21);
	assert_int_equal(rtl, 3);
	assert_true(i18n_lang_find("ar")->rtl && i18n_lang_find("fa")->rtl && i18n_lang_find("ur")->rtl);
	assert_false(valid_utf8((const unsigned char *)"caf\xe9")); /* the checker itself can fail */
}

static void kiosk_err_str_describes_every_error(void **state)
{
	(void)state;
	for (int i = KIOSK_OK; i <= KIOSK_ERR_STOPPED; i++) {
		assert_true(strlen(kiosk_err_str((enum kiosk_err)i)) > 3);
		assert_string_not_equal(kiosk_err_str((enum kiosk_err)i), "unknown error");
		for (int j = KIOSK_OK; j < i; j++)
			assert_string_not_equal(kiosk_err_str((enum kiosk_err)i), kiosk_err_str((enum kiosk_err)j));
	}
	assert_string_equal(kiosk_err_str(KIOSK_ERR_NOT_FOUND), "not found");
	assert_string_equal(kiosk_err_str((enum kiosk_err)99), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(i18n_translates_a_simple_entry),
		cmocka_unit_test(i18n_falls_back_to_msgid_when_untranslated),
		cmocka_unit_test(i18n_falls_back_to_msgid_when_entry_is_missing),
		cmocka_unit_test(i18n_null_catalog_returns_msgid_and_english_plurals),
		cmocka_unit_test(i18n_ignores_fuzzy_entries),
		cmocka_unit_test(i18n_handles_context),
		cmocka_unit_test(i18n_parses_multiline_and_escapes),
		cmocka_unit_test(i18n_reads_header_fields),
		cmocka_unit_test(i18n_does_not_return_the_header_for_an_empty_msgid),
		cmocka_unit_test(i18n_rejects_a_charset_other_than_utf8_with_the_header_line),
		cmocka_unit_test(i18n_accepts_a_header_without_content_type),
		cmocka_unit_test(i18n_uses_english_plural_rule_without_plural_forms),
		cmocka_unit_test(i18n_arabic_plural_picks_each_of_six_forms),
		cmocka_unit_test(i18n_ukrainian_plural_picks_each_of_three_forms),
		cmocka_unit_test(i18n_french_plural_treats_zero_as_singular),
		cmocka_unit_test(i18n_danish_plural_uses_the_singular_only_for_one),
		cmocka_unit_test(i18n_single_form_rule_always_picks_form_zero),
		cmocka_unit_test(i18n_plural_rule_follows_c_precedence_and_associativity),
		cmocka_unit_test(i18n_division_by_zero_in_plural_rule_does_not_crash),
		cmocka_unit_test(i18n_out_of_range_plural_uses_the_last_form),
		cmocka_unit_test(i18n_untranslated_plural_uses_the_english_rule),
		cmocka_unit_test(i18n_rejects_malformed_plural_forms_with_the_header_line),
		cmocka_unit_test(i18n_rejects_hostile_plural_expressions_without_crashing),
		cmocka_unit_test(i18n_rejects_unterminated_string_with_its_line),
		cmocka_unit_test(i18n_rejects_invalid_utf8_with_its_line),
		cmocka_unit_test(i18n_rejects_unknown_keyword_with_its_line),
		cmocka_unit_test(i18n_rejects_misplaced_keywords),
		cmocka_unit_test(i18n_rejects_bad_escapes),
		cmocka_unit_test(i18n_rejects_duplicate_msgid_with_both_lines),
		cmocka_unit_test(i18n_rejects_plural_entry_with_wrong_number_of_forms),
		cmocka_unit_test(i18n_accepts_crlf_bom_blank_lines_and_obsolete_entries),
		cmocka_unit_test(i18n_parse_works_without_a_diag),
		cmocka_unit_test(i18n_load_reads_a_po_file),
		cmocka_unit_test(i18n_load_reports_missing_file),
		cmocka_unit_test(i18n_load_reports_a_directory_as_an_io_error),
		cmocka_unit_test(i18n_lang_find_knows_every_required_language),
		cmocka_unit_test(i18n_lang_find_returns_null_for_unknown_codes),
		cmocka_unit_test(i18n_lang_find_ignores_region_and_variant),
		cmocka_unit_test(i18n_lang_table_is_terminated_unique_and_valid_utf8),
		cmocka_unit_test(kiosk_err_str_describes_every_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
