/*
 * The help desk's place per language (kiosk/core/config_lang_text.c):
 * `help_desk.<code>` for a language, `help_desk` for the others; and, for a
 * line that cannot be used, the exact message and line a technician reads
 * (in their own language too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/config.h"
#include "kiosk/i18n.h"

/* A valid file but for the lines a test adds after line 4 (the languages
 * are on line 3). */
#define HEAD "[site]\nname = Borgerservice Demo\nlanguages = da en ar\ntime_zone = Europe/Copenhagen\n"
#define TAIL                                                                                                    \
	"[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n[store]\n"                  \
	"data_dir = /var/lib/kiosk\n"

static enum kiosk_err parse(const char *text, const struct i18n_catalog *tr, struct config *cfg,
			    struct config_report *rep)
{
	return config_parse(text, strlen(text), tr, cfg, rep);
}

/* Exactly these problems ("line: message"), in order. */
static void expect(const char *text, const char *const *want, int n)
{
	static struct config cfg;
	struct config_report rep;
	assert_int_equal(parse(text, NULL, &cfg, &rep), KIOSK_ERR_INVALID);
	bool same = rep.count == n;
	for (int i = 0; i < rep.count && same; i++) {
		char got[260];
		snprintf(got, sizeof got, "%d: %s", rep.item[i].line, rep.item[i].msg);
		same = strcmp(got, want[i]) == 0;
	}
	if (!same) {
		for (int i = 0; i < n; i++)
			print_message("  want %s\n", want[i]);
		for (int i = 0; i < rep.count; i++)
			print_message("  got  %d: %s\n", rep.item[i].line, rep.item[i].msg);
		fail_msg("the report differs");
	}
}

static void help_desk_in_a_language_and_the_default_for_the_others(void **state)
{
	(void)state;
	static struct config cfg;
	struct config_report rep;
	const char *text = HEAD "help_desk = the reception desk by the entrance\n"
				"help_desk.da = \"skranken ved indgangen # ved døren\"\n"
				"help_desk.ar = مكتب الاستقبال عند المدخل\n" TAIL;
	assert_int_equal(parse(text, NULL, &cfg, &rep), KIOSK_OK);
	assert_string_equal(config_help_desk(&cfg, "da"), "skranken ved indgangen # ved døren");
	assert_string_equal(config_help_desk(&cfg, "ar"), "مكتب الاستقبال عند المدخل");
	assert_string_equal(config_help_desk(&cfg, "en"), "the reception desk by the entrance");
	assert_string_equal(config_help_desk(&cfg, NULL), "the reception desk by the entrance");
	assert_string_equal(cfg.help_desk, "the reception desk by the entrance");

	/* No place named at all: "" in every language (the screens say "the reception desk"). */
	assert_int_equal(parse(HEAD TAIL, NULL, &cfg, &rep), KIOSK_OK);
	assert_string_equal(config_help_desk(&cfg, "da"), "");
}

static void the_demo_site_names_the_desk_in_each_of_its_languages(void **state)
{
	(void)state;
	static struct config cfg;
	struct config_report rep;
	assert_int_equal(config_load(KIOSK_SOURCE_DIR "/assets/site/demo.ini", NULL, &cfg, &rep), KIOSK_OK);
	assert_int_equal(cfg.nhelp_desk_in, cfg.nlangs - 1);
	for (int i = 0; i < cfg.nlangs; i++) {
		const char *desk = config_help_desk(&cfg, cfg.langs[i]);
		if (strcmp(cfg.langs[i], "en") == 0)
			assert_string_equal(desk, cfg.help_desk);
		else if (strcmp(desk, cfg.help_desk) == 0)
			fail_msg("the demo's help desk is in English in %s", cfg.langs[i]);
	}
}

static void a_code_the_kiosk_does_not_know_is_reported_at_its_line(void **state)
{
	(void)state;
	const char *want[] = {"6: unknown language code \"dk\"; did you mean \"da\"?"};
	expect(HEAD "help_desk = the desk\nhelp_desk.dk = skranken\n" TAIL, want, 1);
	static struct config cfg;
	struct config_report rep;
	assert_int_equal(parse(HEAD "help_desk = the desk\nhelp_desk.norwegian = resepsjonen\n" TAIL, NULL, &cfg, &rep),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_int_equal(rep.item[0].line, 6);
	assert_non_null(strstr(rep.item[0].msg, "unknown language code \"norwegian\"; the kiosk knows "));
}

static void a_language_the_site_does_not_show_waits_unused(void **state)
{
	(void)state;
	/* As in the services file: a text stays when its language is taken off. */
	static struct config cfg;
	struct config_report rep;
	assert_int_equal(parse(HEAD "help_desk = the desk\nhelp_desk.sv = disken\n" TAIL, NULL, &cfg, &rep), KIOSK_OK);
	assert_string_equal(config_help_desk(&cfg, "da"), "the desk");
}

static void a_language_without_the_default_to_fall_back_to_is_reported(void **state)
{
	(void)state;
	const char *want[] = {"5: help_desk.da is set but help_desk is not: give help_desk too, for the languages "
			      "without their own"};
	expect(HEAD "help_desk.da = skranken\nhelp_desk.ar = مكتب الاستقبال\n" TAIL, want, 1);
	expect(HEAD "help_desk = \"\"\nhelp_desk.da = skranken\n" TAIL,
	       (const char *const[]){"6: help_desk.da is set but help_desk is not: give help_desk too, for the "
				     "languages without their own"},
	       1);
}

static void empty_long_and_twice_set_values_are_reported_like_help_desk(void **state)
{
	(void)state;
	const char *want[] = {
		"6: help_desk.da is empty; give a value or remove the line to use the default",
		"7: help_desk.ar is too long: 125 bytes, at most 95 fit (letters outside A-Z take 2 to 4 bytes each)",
		"9: help_desk.en is already set on line 8; remove one of the two",
	};
	expect(HEAD "help_desk = the desk\nhelp_desk.da =\n"
		    "help_desk.ar = مكتب الاستقبال عند المدخل الرئيسي للمبنى بجانب الباب الزجاجي الكبير\n"
		    "help_desk.en = the desk\nhelp_desk.en = the other desk\n" TAIL,
	       want, 3);
	/* Only [site] has them: elsewhere it is an unknown key like any other. */
	const char *elsewhere[] = {"10: unknown key \"help_desk.da\" in [panel]"};
	expect(HEAD "[panel]\nwidth_px = 1280\nheight_px = 800\nwidth_mm = 217\nheight_mm = 136\n"
		    "help_desk.da = skranken\n[store]\ndata_dir = /var/lib/kiosk\n",
	       elsewhere, 1);
}

static void messages_are_in_the_technicians_language(void **state)
{
	(void)state;
	struct i18n_catalog *da = NULL;
	struct i18n_diag diag;
	assert_int_equal(i18n_catalog_load(KIOSK_SOURCE_DIR "/assets/po/da.po", &da, &diag), KIOSK_OK);
	static struct config cfg;
	struct config_report rep;
	const char *text = HEAD "help_desk.da = skranken\nhelp_desk.dk = disken\n" TAIL;
	assert_int_equal(parse(text, da, &cfg, &rep), KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 2);
	for (int i = 0; i < rep.count; i++) {
		if (strstr(rep.item[i].msg, "unknown language code") || strstr(rep.item[i].msg, "is set but help_desk is not"))
			fail_msg("not translated: %s", rep.item[i].msg);
	}
	i18n_catalog_destroy(da);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_desk_in_a_language_and_the_default_for_the_others),
		cmocka_unit_test(the_demo_site_names_the_desk_in_each_of_its_languages),
		cmocka_unit_test(a_code_the_kiosk_does_not_know_is_reported_at_its_line),
		cmocka_unit_test(a_language_the_site_does_not_show_waits_unused),
		cmocka_unit_test(a_language_without_the_default_to_fall_back_to_is_reported),
		cmocka_unit_test(empty_long_and_twice_set_values_are_reported_like_help_desk),
		cmocka_unit_test(messages_are_in_the_technicians_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
