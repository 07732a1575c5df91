/*
 * Tests of the site configuration parser: what is accepted, and for what is
 * not, the exact message a technician reads and the line it points at.
 * Messages are in English (no catalog) except in the one test of
 * translation; the files under tests/config/ are the same ones the
 * --check-config shell test uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/config.h"
#include "kiosk/i18n.h"

#ifndef KIOSK_SOURCE_DIR
#error "KIOSK_SOURCE_DIR must name the project root"
#endif

/* A minimal valid file, in pieces, so a test can slip lines in between and
 * still know every line number. SITE is lines 1-4, PANEL the next 5, STORE 2. */
#define SITE "[site]\nname = Borgerservice Demo\nlanguages = da en\ntime_zone = Europe/Copenhagen\n"
#define PANEL "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n"
#define STORE "[store]\ndata_dir = /var/lib/kiosk\n"

#define SECTIONS_LIST "the sections are [site], [panel], [session], [printer], [store] and [server]"

static enum kiosk_err parse(const char *text, struct config *cfg, struct config_report *rep)
{
	return config_parse(text, strlen(text), NULL, cfg, rep);
}

static void dump(const struct config_report *rep)
{
	for (int i = 0; i < rep->count; i++)
		print_message("  got %d: %s\n", rep->item[i].line, rep->item[i].msg);
	if (rep->dropped)
		print_message("  and %d more\n", rep->dropped);
}

/* The report must be exactly these problems, in this order. */
static void expect_problems(const struct config_report *rep, const struct config_problem *want, int n)
{
	bool same = rep->count == n && rep->dropped == 0;

	for (int i = 0; same && i < n; i++)
		same = rep->item[i].line == want[i].line && strcmp(rep->item[i].msg, want[i].msg) == 0;
	if (!same) {
		for (int i = 0; i < n; i++)
			print_message("  want %d: %s\n", want[i].line, want[i].msg);
		dump(rep);
		fail_msg("the report differs from what was expected");
	}
}

#define EXPECT(rep, ...)                                                                                  \
	do {                                                                                              \
		const struct config_problem want_[] = { __VA_ARGS__ };                                    \
		expect_problems((rep), want_, (int)(sizeof want_ / sizeof want_[0]));                     \
	} while (0)

/* Parses text and expects it to fail with exactly this one problem. */
static void expect_only(const char *text, int line, const char *msg)
{
	struct config cfg;
	struct config_report rep;
	struct config_problem want = { .line = line };

	snprintf(want.msg, sizeof want.msg, "%s", msg);
	assert_int_equal(parse(text, &cfg, &rep), KIOSK_ERR_INVALID);
	expect_problems(&rep, &want, 1);
}

static void expect_ok(const char *text, struct config *cfg)
{
	struct config_report rep;

	if (parse(text, cfg, &rep) != KIOSK_OK) {
		dump(&rep);
		fail_msg("expected the text to be accepted");
	}
	assert_int_equal(rep.count, 0);
}

static void config_accepts_the_demo_site(void **state)
{
	struct config cfg;
	struct config_report rep;
	static const char *const langs[] = { "da", "nb", "it", "fr", "en", "ar", "uk" };

	(void)state;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/assets/site/demo.ini", NULL, &cfg, &rep), KIOSK_OK);
	assert_int_equal(rep.count, 0);
	assert_string_equal(cfg.site_name, "Borgerservice Demo");
	assert_int_equal(cfg.nlangs, 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(cfg.langs[i], langs[i]);
	assert_string_equal(cfg.default_lang, "da");
	assert_string_equal(cfg.time_zone, "Europe/Copenhagen");
	assert_string_equal(cfg.help_desk, "the reception desk by the entrance");
	assert_int_equal(cfg.width_px, 1280);
	assert_int_equal(cfg.height_px, 800);
	assert_true(cfg.width_mm == 217.0);
	assert_true(cfg.height_mm == 136.0);
	assert_int_equal(cfg.rotation, 0);
	assert_int_equal(cfg.idle_timeout_s, 60);
	assert_int_equal(cfg.idle_warning_s, 30);
	assert_string_equal(cfg.data_dir, "/var/lib/kiosk");
	assert_int_equal(cfg.line_languages, 8);
	assert_int_equal(cfg.line_time_zone, 10);
	assert_int_equal(cfg.line_data_dir, 50);
	/* The services file is named relative to the configuration file. */
	assert_string_equal(cfg.services, KIOSK_SOURCE_DIR "/assets/site/demo-services.json");
	assert_int_equal(cfg.kiosk_number, 1);
	assert_int_equal(cfg.kiosks_in_office, 1);
	assert_string_equal(cfg.printer, "");
	assert_string_equal(cfg.paper, "receipt80");
	assert_int_equal(cfg.job_timeout_s, 60);
}

static void config_checks_kiosk_numbers_and_paper(void **state)
{
	(void)state;
	struct config cfg;
	struct config_report rep;
	const char *text = "[site]\nname = X\nlanguages = da\ntime_zone = Europe/Copenhagen\nkiosk_number = 3\n"
			   "kiosks_in_office = 2\n[panel]\nwidth_px = 800\nheight_px = 480\nwidth_mm = 154\n"
			   "height_mm = 86\n[printer]\npaper = a5\ndestination = Receipt\n[store]\ndata_dir = /d\n";
	assert_int_equal(config_parse(text, strlen(text), NULL, &cfg, &rep), KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 2);
	assert_int_equal(rep.item[0].line, 5);
	assert_string_equal(rep.item[0].msg, "kiosk_number 3 is larger than kiosks_in_office (2): give each kiosk in the "
					     "office its own number from 1 to kiosks_in_office");
	assert_int_equal(rep.item[1].line, 13);
	assert_string_equal(rep.item[1].msg, "paper must be receipt80, receipt58, a4 or letter, not \"a5\"");
}

static void config_checks_the_status_link(void **state)
{
	(void)state;
	struct config cfg;
	expect_ok(SITE "status_url = https://queue.example.dk/t/{day}/{number}\n" PANEL STORE, &cfg);
	assert_string_equal(cfg.status_url, "https://queue.example.dk/t/{day}/{number}");
	expect_ok(SITE PANEL STORE, &cfg);
	assert_string_equal(cfg.status_url, "");
	const char *msg = "status_url must be a web address starting with https:// or http://, without spaces, "
			  "where only {number} and {day} may stand in braces, not \"%s\"";
	static const char *const bad[] = {
		"ftp://queue.example.dk/", "https://", "https:///path", "https://q.example/{ticket}",
		"https://q.example/a b", "https://q.example/}", "queue.example.dk/{number}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[512], want[256];
		snprintf(text, sizeof text, SITE "status_url = %s\n" PANEL STORE, bad[i]);
		snprintf(want, sizeof want, msg, bad[i]);
		expect_only(text, 5, want);
	}
}

static void config_fills_defaults_for_optional_keys(void **state)
{
	struct config cfg;

	(void)state;
	expect_ok(SITE PANEL STORE, &cfg);
	assert_int_equal(cfg.rotation, 0);
	assert_int_equal(cfg.idle_timeout_s, 60);
	assert_int_equal(cfg.idle_warning_s, 30);
	assert_string_equal(cfg.default_lang, "da");
	assert_string_equal(cfg.help_desk, "");
	assert_int_equal(cfg.line_languages, 3);
	assert_int_equal(cfg.line_time_zone, 4);
	assert_int_equal(cfg.line_data_dir, 11);
}

static void config_accepts_bom_crlf_quotes_and_inline_comments(void **state)
{
	struct config cfg;

	(void)state;
	expect_ok("\xef\xbb\xbf"
		  "[site]   # who we are\r\n"
		  "name = \"Borgerservice #1\"  # quoted, so the first # is part of the name\r\n"
		  "  languages=da,en , ar   # any mix of commas and spaces\r\n"
		  "; a semicolon comment\r\n"
		  "default_language = ar\r\n"
		  "time_zone = America/Argentina/Salta\r\n"
		  "help_desk = Room 2#3 \t# a # needs whitespace before it to start a comment\r\n"
		  "[panel]\r\n"
		  "width_px = \"1280\"\r\n"
		  "height_px = +800\r\n"
		  "width_mm = 217.5\r\n"
		  "height_mm = 136.25\r\n"
		  "rotation = 270\r\n"
		  "[session]\r\n"
		  "idle_timeout_s = 3600\r\n"
		  "idle_warning_s = 10\r\n"
		  "[store]\r\n"
		  "data_dir = /srv/kiosk data\r\n",
		  &cfg);
	assert_string_equal(cfg.site_name, "Borgerservice #1");
	assert_int_equal(cfg.nlangs, 3);
	assert_string_equal(cfg.langs[2], "ar");
	assert_string_equal(cfg.default_lang, "ar");
	assert_string_equal(cfg.time_zone, "America/Argentina/Salta");
	assert_string_equal(cfg.help_desk, "Room 2#3");
	assert_int_equal(cfg.width_px, 1280);
	assert_int_equal(cfg.height_px, 800);
	assert_true(cfg.width_mm == 217.5);
	assert_true(cfg.height_mm == 136.25);
	assert_int_equal(cfg.rotation, 270);
	assert_int_equal(cfg.idle_timeout_s, 3600);
	assert_int_equal(cfg.idle_warning_s, 10);
	assert_string_equal(cfg.data_dir, "/srv/kiosk data");
	assert_int_equal(cfg.line_languages, 3);
}

static void config_accepts_names_in_any_script(void **state)
{
	struct config cfg;

	(void)state;
	expect_ok("[site]\nname = Borgerservice Århus — مركز الخدمة\nlanguages = da ar\n"
		  "time_zone = Etc/GMT+1\nhelp_desk = \"\"\n" PANEL STORE,
		  &cfg);
	assert_string_equal(cfg.site_name, "Borgerservice Århus — مركز الخدمة");
	assert_string_equal(cfg.help_desk, "");
}

static void config_reports_unknown_key_with_line_and_suggestion(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/tests/config/unknown-key.ini", NULL, &cfg, &rep),
			 KIOSK_ERR_INVALID);
	EXPECT(&rep, { 8, "unknown key \"widht_px\" in [panel]; did you mean \"width_px\"?" });

	expect_only(SITE "idle_timeout_s = 60\n" PANEL STORE, 5,
		    "unknown key \"idle_timeout_s\" in [site]; it belongs under [session]");
	expect_only(SITE PANEL "colour = red\n" STORE, 10, "unknown key \"colour\" in [panel]");
	expect_only(SITE "Name = Demo\n" PANEL STORE, 5, "unknown key \"Name\" in [site]; did you mean \"name\"?");
}

static void config_reads_the_server_section(void **state)
{
	struct config cfg;

	(void)state;
	expect_ok(SITE PANEL STORE, &cfg);
	assert_string_equal(cfg.server_url, "");
	assert_string_equal(cfg.server_ca_file, "");
	assert_int_equal(cfg.heartbeat_s, 60);
	assert_int_equal(cfg.line_server_url, 0);

	expect_ok(SITE PANEL STORE "[server]\nurl = https://central.example.org/\nca_file = /etc/kiosk/ca.pem\n"
				  "client_cert = /etc/kiosk/me.pem\nclient_key = /etc/kiosk/me.key\nheartbeat_s = 10\n",
		  &cfg);
	assert_string_equal(cfg.server_url, "https://central.example.org/");
	assert_string_equal(cfg.server_ca_file, "/etc/kiosk/ca.pem");
	assert_string_equal(cfg.server_client_cert, "/etc/kiosk/me.pem");
	assert_string_equal(cfg.server_client_key, "/etc/kiosk/me.key");
	assert_int_equal(cfg.heartbeat_s, 10);
	assert_int_equal(cfg.line_server_url, 13);

	/* An empty url is no server at all: the kiosk works alone. */
	expect_ok(SITE PANEL STORE "[server]\nurl =\nheartbeat_s = 3600\n", &cfg);
	assert_string_equal(cfg.server_url, "");
	assert_int_equal(cfg.heartbeat_s, 3600);
}

static void config_reports_server_problems(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	expect_only(SITE PANEL STORE "[server]\nurl = central.example.org\n", 13,
		    "url must be a web address starting with https:// or http://, without spaces, not "
		    "\"central.example.org\"");
	expect_only(SITE PANEL STORE "[server]\nurl = https://central.example.org/{day}\n", 13,
		    "url must be a web address starting with https:// or http://, without spaces, not "
		    "\"https://central.example.org/{day}\"");
	expect_only(SITE PANEL STORE "[server]\nheartbeat_s = 5\n", 13,
		    "heartbeat_s must be a whole number of seconds from 10 to 3600, not \"5\"");
	expect_only(SITE PANEL STORE "[server]\nheartbeat_s =\n", 13,
		    "heartbeat_s is empty; give a value or remove the line to use the default");
	expect_only(SITE PANEL STORE "[server]\nclient_cert = me.pem\n", 13,
		    "client_cert is set but client_key is not: set both for a client certificate, or neither");
	expect_only(SITE PANEL STORE "[server]\nurl = https://c.example\n\nclient_key = me.key\n", 15,
		    "client_key is set but client_cert is not: set both for a client certificate, or neither");
	expect_only(SITE PANEL STORE "[server]\nurls = https://c.example\n", 13,
		    "unknown key \"urls\" in [server]; did you mean \"url\"?");
	assert_int_equal(parse(SITE PANEL STORE "[printer]\nqueue = tickets\n[server]\ncafile = x\n", &cfg, &rep),
			 KIOSK_ERR_INVALID);
	EXPECT(&rep, { 13, "unknown key \"queue\" in [printer]" },
	       { 15, "unknown key \"cafile\" in [server]; did you mean \"ca_file\"?" });
}

/* Like the services file, certificates are named relative to the configuration file. */
static void config_resolves_server_files_beside_the_configuration(void **state)
{
	char dir[] = "/tmp/kiosk-config-XXXXXX", path[64];
	struct config cfg;
	struct config_report rep;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/site.ini", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(SITE PANEL STORE "[server]\nurl = https://c.example\nca_file = ca.pem\nclient_cert = tls/me.pem\n"
			       "client_key = /etc/kiosk/me.key\n",
	      f);
	fclose(f);
	assert_int_equal(config_load(path, NULL, &cfg, &rep), KIOSK_OK);
	unlink(path);
	rmdir(dir);
	snprintf(path, sizeof path, "%s/ca.pem", dir);
	assert_string_equal(cfg.server_ca_file, path);
	snprintf(path, sizeof path, "%s/tls/me.pem", dir);
	assert_string_equal(cfg.server_client_cert, path);
	assert_string_equal(cfg.server_client_key, "/etc/kiosk/me.key");
}

static void config_reports_every_problem_not_just_the_first(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/tests/config/many-problems.ini", NULL, &cfg, &rep),
			 KIOSK_ERR_INVALID);
	EXPECT(&rep, { 2, "\"name\" is outside any section; it belongs under [site]" },
	       { 3, "the section header has no closing ]" },
	       { 4, "language \"en\" is listed twice" },
	       { 4, "unknown language code \"ua\"; did you mean \"uk\"?" },
	       { 7, "the quote is not closed: add \" at the end of the value" },
	       { 8, "this line is not a setting: expected key = value" },
	       { 12, "width_px is already set on line 11; remove one of the two" },
	       { 15, "the panel is 1280x800 pixels but 136x217 mm; width_mm and height_mm look swapped" },
	       { 16, "rotation must be 0, 90, 180 or 270 degrees, not \"45\"" },
	       { 18, "unknown section [screen]; " SECTIONS_LIST },
	       { 22, "unknown key \"queue\" in [printer]" },
	       { 25, "idle_timeout_s must be a whole number of seconds from 10 to 3600, not \"soon\"" },
	       { 0, "[site] name is missing" },
	       { 0, "[store] data_dir is missing" });
}

static void config_reports_bad_values_with_range_and_unit(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/tests/config/bad-value.ini", NULL, &cfg, &rep),
			 KIOSK_ERR_INVALID);
	EXPECT(&rep, { 4, "unknown language code \"dk\"; did you mean \"da\"?" },
	       { 5, "default_language \"de\" is not one of the languages (da en)" },
	       { 6, "time_zone must be a zone name like Europe/Copenhagen, not \"Copenhagen\"" },
	       { 11, "width_mm must use a decimal point, not a comma: write 217.5" },
	       { 13, "rotation must be 0, 90, 180 or 270 degrees, not \"45\"" },
	       { 16, "idle_timeout_s must be a whole number of seconds from 10 to 3600, not \"5\"" },
	       { 19, "data_dir must be an absolute path starting with /, not \"var/lib/kiosk\"" });
}

static void config_rejects_rotation_45(void **state)
{
	(void)state;
	expect_only(SITE PANEL "rotation = 45\n" STORE, 10, "rotation must be 0, 90, 180 or 270 degrees, not \"45\"");
	expect_only(SITE PANEL "rotation = -90\n" STORE, 10, "rotation must be 0, 90, 180 or 270 degrees, not \"-90\"");
}

static void config_reports_numbers_out_of_range_with_unit(void **state)
{
	(void)state;
	expect_only(SITE "[panel]\nwidth_px = 239\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n" STORE, 6,
		    "width_px must be a whole number of pixels from 240 to 8192, not \"239\"");
	expect_only(SITE "[panel]\nwidth_px = 1280px\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n" STORE, 6,
		    "width_px must be a whole number of pixels from 240 to 8192, not \"1280px\"");
	expect_only(SITE "[panel]\nwidth_px = 0x500\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n" STORE, 6,
		    "width_px must be a whole number of pixels from 240 to 8192, not \"0x500\"");
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 99999999999999999999\nwidth_mm = 217\nheight_mm = 136\n" STORE,
		    7, "height_px must be a whole number of pixels from 240 to 8192, not \"99999999999999999999\"");
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 39.9\nheight_mm = 136\n" STORE, 8,
		    "width_mm must be a number of millimetres from 40 to 2000, not \"39.9\"");
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = -136\n" STORE, 9,
		    "height_mm must be a number of millimetres from 40 to 2000, not \"-136\"");
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 2.17e2\nheight_mm = 136\n" STORE, 8,
		    "width_mm must be a number of millimetres from 40 to 2000, not \"2.17e2\"");
	expect_only(SITE PANEL "[session]\nidle_warning_s = 601\n" STORE, 11,
		    "idle_warning_s must be a whole number of seconds from 10 to 600, not \"601\"");
}

static void config_reports_panel_with_non_square_pixels(void **state)
{
	struct config cfg;

	(void)state;
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = 100\n" STORE, 9,
		    "the panel is 1280x800 pixels but 217x100 mm: the shapes differ by 36%, so a size is probably mistyped");
	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nheight_mm = 136.25\nwidth_mm = 300\n" STORE, 8,
		    "the panel is 1280x800 pixels but 300x136.25 mm: the shapes differ by 38%, so a size is probably mistyped");
	/* Within 10% is a measuring difference, not a typo. */
	expect_ok(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = 145\n" STORE, &cfg);
}

static void config_reports_missing_required_keys(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(parse("", &cfg, &rep), KIOSK_ERR_INVALID);
	EXPECT(&rep, { 0, "[site] name is missing" }, { 0, "[site] languages is missing" },
	       { 0, "[site] time_zone is missing" }, { 0, "[panel] width_px is missing" },
	       { 0, "[panel] height_px is missing" }, { 0, "[panel] width_mm is missing" },
	       { 0, "[panel] height_mm is missing" }, { 0, "[store] data_dir is missing" });

	expect_only(SITE "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\n" STORE, 0,
		    "[panel] height_mm is missing");
}

static void config_reports_empty_values(void **state)
{
	(void)state;
	expect_only("[site]\nname =\nlanguages = da en\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 2,
		    "name is empty; it is required");
	expect_only("[site]\nname = \"\"\nlanguages = da en\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 2,
		    "name is empty; it is required");
	expect_only("[site]\nname = X # no name yet\nlanguages = , ,\ntime_zone = Europe/Copenhagen\n" PANEL STORE,
		    3, "languages is empty; it is required");
	expect_only(SITE PANEL "rotation =   # later\n" STORE, 10,
		    "rotation is empty; give a value or remove the line to use the default");
}

static void config_reports_syntax_errors_each_with_its_line(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(parse("just words\n"                        /* 1 */
			       "name = X\n"                          /* 2 */
			       "colour = red\n"                      /* 3 */
			       "[site\n"                             /* 4: followed anyway */
			       "name = \"Demo\n"                     /* 5 */
			       "help_desk = \"desk\" by the door\n"  /* 6 */
			       "languages = da en\n"                 /* 7 */
			       "time_zone = Europe/Copenhagen\n"     /* 8 */
			       "[panel] extra\n"                     /* 9 */
			       "width_px = 1280\n"                   /* 10 */
			       "height_px = 800\n"                   /* 11 */
			       "width_mm = 217\n"                    /* 12 */
			       "height_mm = 136\n"                   /* 13 */
			       "[Store]\n"                           /* 14 */
			       "data_dir = /var/lib/kiosk\n"         /* 15: not reported again */
			       "[hardware]\n"                        /* 16 */
			       "= 5\n",                              /* 17 */
			       &cfg, &rep),
			 KIOSK_ERR_INVALID);
	EXPECT(&rep, { 1, "this line is not a setting: expected key = value" },
	       { 2, "\"name\" is outside any section; it belongs under [site]" },
	       { 3, "\"colour\" is outside any section; put it below its [section] header" },
	       { 4, "the section header has no closing ]" },
	       { 5, "the quote is not closed: add \" at the end of the value" },
	       { 6, "unexpected text after the closing quote" },
	       { 9, "unexpected text after the section header [panel]" },
	       { 14, "unknown section [Store]; did you mean [store]?" },
	       { 16, "unknown section [hardware]; " SECTIONS_LIST },
	       { 17, "this line is not a setting: expected key = value" },
	       { 0, "[store] data_dir is missing" });
}

static void config_reports_duplicate_key_at_the_second_with_the_first_line(void **state)
{
	(void)state;
	expect_only(SITE PANEL "width_px = 1024\n" STORE, 10, "width_px is already set on line 6; remove one of the two");
	/* A repeated header is fine; a repeated key under it is not. */
	expect_only(SITE PANEL STORE "[site]\nname = Other\n", 13, "name is already set on line 2; remove one of the two");
}

static void config_reports_invalid_utf8(void **state)
{
	struct config cfg;
	struct config_report rep;
	static const char text[] = "[site]\n"
				   "name = Borgerservice \xe6rhus\n"   /* Latin-1 from an old editor */
				   "help_desk = \xc0\xaf\n"            /* overlong "/" */
				   "# \xed\xa0\x80 a surrogate, even in a comment\n"
				   "languages = da\0en\n"              /* a NUL: not a text file */
				   "time_zone = Europe/Copenhagen\n" PANEL STORE;

	(void)state;
	assert_int_equal(config_parse(text, sizeof text - 1, NULL, &cfg, &rep), KIOSK_ERR_INVALID);
	EXPECT(&rep, { 2, "this line is not valid UTF-8 text; save the file as UTF-8" },
	       { 3, "this line is not valid UTF-8 text; save the file as UTF-8" },
	       { 4, "this line is not valid UTF-8 text; save the file as UTF-8" },
	       { 5, "this line is not valid UTF-8 text; save the file as UTF-8" },
	       { 0, "[site] name is missing" }, { 0, "[site] languages is missing" });
}

static void config_reports_language_problems(void **state)
{
	struct config cfg;
	struct config_report rep;
	static const char prefix[] = "unknown language code \"xx\"; the kiosk knows ";

	(void)state;
	expect_only("[site]\nname = X\nlanguages = da en da\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 3,
		    "language \"da\" is listed twice");
	expect_only("[site]\nname = X\nlanguages = DA en\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 3,
		    "unknown language code \"DA\"; did you mean \"da\"?");
	expect_only("[site]\nname = X\nlanguages = da en-GB\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 3,
		    "unknown language code \"en-GB\"; did you mean \"en\"?");
	expect_only("[site]\nname = X\nlanguages = da nn sv it fr en de ar uk pl tr ro so fa ur lt nb\n"
		    "time_zone = Europe/Copenhagen\n" PANEL STORE,
		    3, "too many languages: 17 listed, at most 16 fit on the screen");
	expect_only(SITE "default_language = sv\n" PANEL STORE, 5,
		    "default_language \"sv\" is not one of the languages (da en)");
	expect_only(SITE "default_language = dk\n" PANEL STORE, 5, "unknown language code \"dk\"; did you mean \"da\"?");
	/* i18n understands "nb_NO", but catalogs and fonts are found by the bare code. */
	expect_only("[site]\nname = X\nlanguages = nb_NO da\ntime_zone = Europe/Copenhagen\n" PANEL STORE, 3,
		    "unknown language code \"nb_NO\"; did you mean \"nb\"?");
	expect_only(SITE "default_language = en-GB\n" PANEL STORE, 5,
		    "unknown language code \"en-GB\"; did you mean \"en\"?");

	/* The list of known codes comes from i18n, so only its start is fixed here. */
	assert_int_equal(parse("[site]\nname = X\nlanguages = da xx\ntime_zone = Europe/Copenhagen\n" PANEL STORE, &cfg,
			       &rep),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_int_equal(rep.item[0].line, 3);
	assert_memory_equal(rep.item[0].msg, prefix, sizeof prefix - 1);
	assert_non_null(strstr(rep.item[0].msg, " da "));
}

static void config_reports_bad_time_zones(void **state)
{
	static const char *const bad[] = { "Copenhagen", "Europe/", "/etc/passwd", "Europe/../../etc/shadow",
					   "Europe/Copen hagen", "Europe//Copenhagen", "Europe/-x" };
	char text[512], msg[200];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[site]\nname = X\nlanguages = da\ntime_zone = %s\n" PANEL STORE, bad[i]);
		snprintf(msg, sizeof msg, "time_zone must be a zone name like Europe/Copenhagen, not \"%s\"", bad[i]);
		expect_only(text, 4, msg);
	}
}

static void config_reports_too_long_strings(void **state)
{
	struct config cfg;
	char name[120], dir[300], text[1024];

	(void)state;
	memset(name, 'a', 95);
	name[95] = '\0';
	snprintf(text, sizeof text, "[site]\nname = %s\nlanguages = da\ntime_zone = Europe/Copenhagen\n" PANEL STORE, name);
	expect_ok(text, &cfg);
	assert_int_equal(strlen(cfg.site_name), 95);

	strcat(name, "b");
	snprintf(text, sizeof text, "[site]\nname = %s\nlanguages = da\ntime_zone = Europe/Copenhagen\n" PANEL STORE, name);
	expect_only(text, 2, "name is too long: 96 bytes, at most 95 fit (letters outside A-Z take 2 to 4 bytes each)");

	dir[0] = '/';
	memset(dir + 1, 'd', 255);
	dir[256] = '\0';
	snprintf(text, sizeof text, SITE PANEL "[store]\ndata_dir = %s\n", dir);
	expect_only(text, 11, "data_dir is too long: 256 bytes, at most 255 fit (letters outside A-Z take 2 to 4 bytes each)");
}

static void config_report_counts_problems_beyond_the_cap(void **state)
{
	struct config cfg;
	struct config_report rep;
	char text[1024] = "";

	(void)state;
	for (int i = 0; i < 40; i++)
		strcat(text, "junk\n");
	assert_int_equal(parse(text, &cfg, &rep), KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, CONFIG_MAX_PROBLEMS);
	assert_int_equal(rep.dropped, 40 + 8 - CONFIG_MAX_PROBLEMS);
	assert_int_equal(rep.item[CONFIG_MAX_PROBLEMS - 1].line, CONFIG_MAX_PROBLEMS);
}

static void config_report_add_cuts_long_messages_at_a_character_boundary(void **state)
{
	struct config_report rep = { .count = 0 };
	char long_text[400] = "";

	(void)state;
	for (int i = 0; i < 150; i++)
		strcat(long_text, "æ"); /* two bytes each: 199 bytes of room end mid-letter */
	config_report_add(&rep, NULL, 7, "%s", long_text);
	assert_int_equal(rep.count, 1);
	assert_int_equal(rep.item[0].line, 7);
	assert_int_equal(strlen(rep.item[0].msg), 198);
}

static void config_messages_start_lowercase_and_end_without_a_period(void **state)
{
	static const char *const files[] = { "unknown-key", "bad-value", "many-problems" };
	struct config cfg;
	struct config_report rep;
	char path[512];

	(void)state;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		snprintf(path, sizeof path, "%s/tests/config/%s.ini", KIOSK_SOURCE_DIR, files[f]);
		assert_int_equal(config_load(path, NULL, &cfg, &rep), KIOSK_ERR_INVALID);
		for (int i = 0; i < rep.count; i++) {
			const char *m = rep.item[i].msg;

			assert_false(m[0] >= 'A' && m[0] <= 'Z');
			assert_true(m[strlen(m) - 1] != '.');
			/* The caller prints FILE:LINE; only a duplicate names another line. */
			for (const char *l = strstr(m, "line "); l; l = strstr(l + 1, "line "))
				if (l[5] >= '0' && l[5] <= '9')
					assert_non_null(strstr(m, "is already set on line "));
		}
	}
}

static void config_reports_missing_file_as_not_found(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(config_load("/nonexistent/site.ini", NULL, &cfg, &rep), KIOSK_ERR_NOT_FOUND);
	EXPECT(&rep, { 0, "cannot read /nonexistent/site.ini: No such file or directory" });
}

static void config_reports_a_directory_as_unreadable(void **state)
{
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/tests/config", NULL, &cfg, &rep), KIOSK_ERR_IO);
	EXPECT(&rep, { 0, "cannot read " KIOSK_SOURCE_DIR "/tests/config: Is a directory" });
}

static void config_reports_unreadable_file(void **state)
{
	char path[] = "/tmp/test_config_XXXXXX";
	struct config cfg;
	struct config_report rep;
	struct config_problem want = { .line = 0 };
	int fd;

	(void)state;
	if (geteuid() == 0) {
		/* root reads a mode 000 file anyway; the directory test covers KIOSK_ERR_IO */
		print_message("skipped: running as root, where chmod 000 does not stop reads\n");
		skip();
	}
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, SITE, strlen(SITE)), (int)strlen(SITE));
	close(fd);
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(config_load(path, NULL, &cfg, &rep), KIOSK_ERR_IO);
	snprintf(want.msg, sizeof want.msg, "cannot read %s: Permission denied", path);
	expect_problems(&rep, &want, 1);
	unlink(path);
}

/* Writes text padded with comment lines to exactly size bytes. */
static void write_padded(const char *path, const char *text, size_t size)
{
	FILE *f = fopen(path, "w");
	size_t used = strlen(text);

	assert_non_null(f);
	fputs(text, f);
	while (used < size) {
		size_t n = size - used > 64 ? 64 : size - used;

		for (size_t i = 0; i + 1 < n; i++)
			fputc('#', f);
		fputc('\n', f);
		used += n;
	}
	assert_int_equal(fclose(f), 0);
}

static void config_refuses_files_over_64_kib(void **state)
{
	char path[] = "/tmp/test_config_XXXXXX";
	struct config cfg;
	struct config_report rep;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);

	write_padded(path, SITE PANEL STORE, 64 * 1024);
	assert_int_equal(config_load(path, NULL, &cfg, &rep), KIOSK_OK);

	write_padded(path, SITE PANEL STORE, 64 * 1024 + 1);
	assert_int_equal(config_load(path, NULL, &cfg, &rep), KIOSK_ERR_INVALID);
	EXPECT(&rep, { 0, "the file is larger than 64 KiB; is this the right file?" });
	unlink(path);
}

static void config_translates_messages_through_the_catalog(void **state)
{
	static const char po[] = "msgid \"\"\n"
				 "msgstr \"\"\n"
				 "\"Language: da\\n\"\n"
				 "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
				 "\n"
				 "#, c-format\n"
				 "msgid \"[%s] %s is missing\"\n"
				 "msgstr \"[%s] %s mangler\"\n";
	static const char misplaced[] = SITE PANEL STORE "rotation = 1\n";
	struct i18n_catalog *da = NULL;
	struct i18n_diag diag;
	struct config cfg;
	struct config_report rep;

	(void)state;
	assert_int_equal(i18n_catalog_parse(po, sizeof po - 1, &da, &diag), KIOSK_OK);
	assert_int_equal(config_parse(SITE PANEL, strlen(SITE PANEL), da, &cfg, &rep), KIOSK_ERR_INVALID);
	EXPECT(&rep, { 0, "[store] data_dir mangler" });
	/* An untranslated message stays English rather than disappearing. */
	assert_int_equal(config_parse(misplaced, strlen(misplaced), da, &cfg, &rep), KIOSK_ERR_INVALID);
	EXPECT(&rep, { 12, "unknown key \"rotation\" in [store]; it belongs under [panel]" });
	i18n_catalog_destroy(da);
}

static void config_lang_index_finds_languages(void **state)
{
	struct config cfg;

	(void)state;
	expect_ok("[site]\nname = X\nlanguages = da ar uk\ntime_zone = Europe/Copenhagen\n" PANEL STORE, &cfg);
	assert_int_equal(config_lang_index(&cfg, "da"), 0);
	assert_int_equal(config_lang_index(&cfg, "uk"), 2);
	assert_int_equal(config_lang_index(&cfg, "en"), -1);
	assert_int_equal(config_lang_index(&cfg, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_accepts_the_demo_site),
		cmocka_unit_test(config_checks_the_status_link),
		cmocka_unit_test(config_fills_defaults_for_optional_keys),
		cmocka_unit_test(config_checks_kiosk_numbers_and_paper),
		cmocka_unit_test(config_accepts_bom_crlf_quotes_and_inline_comments),
		cmocka_unit_test(config_accepts_names_in_any_script),
		cmocka_unit_test(config_reports_unknown_key_with_line_and_suggestion),
		cmocka_unit_test(config_reads_the_server_section),
		cmocka_unit_test(config_reports_server_problems),
		cmocka_unit_test(config_resolves_server_files_beside_the_configuration),
		cmocka_unit_test(config_reports_every_problem_not_just_the_first),
		cmocka_unit_test(config_reports_bad_values_with_range_and_unit),
		cmocka_unit_test(config_rejects_rotation_45),
		cmocka_unit_test(config_reports_numbers_out_of_range_with_unit),
		cmocka_unit_test(config_reports_panel_with_non_square_pixels),
		cmocka_unit_test(config_reports_missing_required_keys),
		cmocka_unit_test(config_reports_empty_values),
		cmocka_unit_test(config_reports_syntax_errors_each_with_its_line),
		cmocka_unit_test(config_reports_duplicate_key_at_the_second_with_the_first_line),
		cmocka_unit_test(config_reports_invalid_utf8),
		cmocka_unit_test(config_reports_language_problems),
		cmocka_unit_test(config_reports_bad_time_zones),
		cmocka_unit_test(config_reports_too_long_strings),
		cmocka_unit_test(config_report_counts_problems_beyond_the_cap),
		cmocka_unit_test(config_report_add_cuts_long_messages_at_a_character_boundary),
		cmocka_unit_test(config_messages_start_lowercase_and_end_without_a_period),
		cmocka_unit_test(config_reports_missing_file_as_not_found),
		cmocka_unit_test(config_reports_a_directory_as_unreadable),
		cmocka_unit_test(config_reports_unreadable_file),
		cmocka_unit_test(config_refuses_files_over_64_kib),
		cmocka_unit_test(config_translates_messages_through_the_catalog),
		cmocka_unit_test(config_lang_index_finds_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
