/*
 * The reason of a help appointment booked from a guide (guide_note_where,
 * kiosk/screens/guide_help.c; the review, book_review.c): staff get where
 * the visitor got stuck in the office's language, within the booking
 * reason's 120 bytes, cut at a word with "…" and never inside a letter, the
 * step kept before the guide's title; the visitor reads it on the review in
 * their own language, also after changing it there. Pure: the shipped guides
 * and translations, the fake text measurer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fake_app.h"
#include "kiosk/app.h"
#include "kiosk/guide.h"
#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

static const char *const langs[] = {"da", "en", "ar", "uk"};
#define NLANGS (int)(sizeof langs / sizeof langs[0])

static struct config cfg;
static struct app app;
static struct draw_list dl;
static struct services services;
static struct i18n_catalog *cats[NLANGS];
static struct guide_library *lib;

static int group_setup(void **state)
{
	(void)state;
	for (int i = 0; i < NLANGS; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/assets/po/%s.po", KIOSK_SOURCE_DIR, langs[i]);
		struct i18n_diag diag;
		if (strcmp(langs[i], "en") != 0 && i18n_catalog_load(path, &cats[i], &diag) != KIOSK_OK)
			return -1;
	}
	static struct guide_report rep;
	return guide_library_load(KIOSK_SOURCE_DIR "/assets/guides", NULL, &lib, &rep) == KIOSK_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	guide_library_destroy(lib);
	services_fini(&services);
	for (int i = 0; i < NLANGS; i++)
		i18n_catalog_destroy(cats[i]);
	return 0;
}

static int lang_index(const char *code)
{
	for (int i = 0; i < NLANGS; i++)
		if (strcmp(langs[i], code) == 0)
			return i;
	return -1;
}

/* An office speaking office, a visitor reading visitor, Monday 10:00 with
 * the digital-help desk open and bookable, in the MitID guide for a
 * forgotten password at its second step ("Did you change your mobile
 * number in the last 5 days?"), asking for a person and booking. */
static void book_from_the_guide(const char *office, const char *visitor)
{
	fake_app_config(&cfg, "Borgerservice Demo");
	fake_app_panel(&cfg);
	for (int i = 0; i < NLANGS; i++)
		snprintf(cfg.langs[i], sizeof cfg.langs[i], "%s", langs[i]);
	cfg.nlangs = NLANGS;
	snprintf(cfg.default_lang, sizeof cfg.default_lang, "%s", office);
	assert_true(fake_app_init(&app, &cfg, &services));
	for (int i = 0; i < NLANGS; i++)
		app.cat[i] = cats[i];
	app.guides = lib;
	app.booking_backend = APP_BOOKING_EMBEDDED;
	app.guide_help_service = -1;
	for (int i = 0; i < services.count; i++)
		if (strcmp(services.s[i].id, "digital") == 0)
			app.guide_help_service = i;
	assert_true(app.guide_help_service >= 0);
	app.local.weekday = 0;
	app.local.minute = 10 * 60;
	app.s.active = true;
	app.lang = lang_index(visitor);
	const struct guide_scheme *s = guide_scheme_find(lib, "mitid");
	app.s.guide.scheme = (int)(s - lib->schemes);
	app.s.guide.walking = true;
	guide_walk_start(&app.s.guide.walk, app.s.guide.scheme, guide_find(s, "forgot-password"));
	assert_true(guide_walk_choose(&app.s.guide.walk, lib, 1));
	app_goto(&app, &screen_guide_step);
	fake_app_tap(&app, &dl, "guide.person", 1000);
	assert_string_equal(app.screen->name, "guide.help");
	fake_app_tap(&app, &dl, "guide.book", 2000);
	assert_true(app.s.guide.to_person);
}

/* The review, as after a held time and typed contact details. */
static const char *review(void)
{
	struct app_booking *b = &app.s.book;
	b->waiting = false; /* the backend answered the requests on the way */
	b->mode = BOOKING_IN_PERSON;
	b->start = 1795428000; /* a Tuesday morning */
	b->end = b->start + 1800;
	snprintf(b->hold, sizeof b->hold, "h1");
	b->hold_expires = b->start;
	snprintf(b->contact.name, sizeof b->contact.name, "Anne Holm");
	snprintf(b->contact.phone, sizeof b->contact.phone, "21436587");
	app_goto(&app, &screen_book_review);
	fake_app_draw(&app, &dl);
	return fake_app_text(&dl);
}

static bool utf8_whole(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static const char *ends_with_dots(const char *s)
{
	size_t n = strlen(s);
	return n >= 3 && strcmp(s + n - 3, "\xe2\x80\xa6") == 0 ? s + n - 3 : NULL;
}

static void staff_read_the_reason_in_the_offices_language_the_visitor_in_theirs(void **state)
{
	(void)state;
	/* A Danish office, an English visitor: the Danish reason is 133 bytes,
	 * so the guide's title gives way and the step stays whole. */
	book_from_the_guide("da", "en");
	const char *reason = app.s.book.reason_text;
	assert_string_equal(reason, "MitID, vejledning \"Jeg har glemt min adgangskode\xe2\x80\xa6\", trin 2: Har du "
				    "skiftet mobilnummer inden for de sidste 5 dage?");
	assert_true(strlen(reason) <= 120);

	const char *shown = review();
	assert_non_null(strstr(shown, "MitID guide \"I forgot my password or user ID\", step 2: Did you change your "
				      "mobile number in the last 5 days?"));
	assert_null(strstr(shown, "vejledning"));
	/* What is sent is still the office's. */
	assert_string_equal(app.s.book.reason_text, reason);
}

static void a_visitor_who_changes_language_on_the_review_reads_it_in_the_new_one(void **state)
{
	(void)state;
	book_from_the_guide("en", "da");
	assert_string_equal(app.s.book.reason_text, "MitID guide \"I forgot my password or user ID\", step 2: Did you "
						  "change your mobile number in the last 5 days?");
	assert_non_null(strstr(review(), "trin 2: Har du skiftet mobilnummer"));
	fake_app_tap(&app, &dl, "nav.language", 3000);
	fake_app_tap(&app, &dl, "lang.ar", 4000);
	assert_string_equal(app.screen->name, "book.review");
	fake_app_draw(&app, &dl);
	const char *shown = fake_app_text(&dl);
	assert_null(strstr(shown, "trin 2"));
	assert_null(strstr(shown, "step 2"));
	assert_non_null(strstr(shown, app.s.guide.about_shown));
	assert_non_null(strstr(app.s.guide.about_shown, "\xd8\xa7\xd9\x84\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84")); /* "الدليل" */
}

static void a_reason_too_long_even_without_the_title_keeps_the_step_and_stays_whole_utf8(void **state)
{
	(void)state;
	/* Ukrainian is two bytes a letter: 223 bytes in full, 130 without the
	 * guide's title. The title becomes "…", the step is cut at a word. */
	book_from_the_guide("uk", "da");
	const char *reason = app.s.book.reason_text;
	assert_true(strlen(reason) <= 120);
	assert_true(utf8_whole(reason));
	assert_non_null(strstr(reason, "MitID, інструкція \"\xe2\x80\xa6\", крок 2: Ви змінювали номер"));
	const char *dots = ends_with_dots(reason);
	assert_non_null(dots);
	/* Cut after a whole word of the step's title. */
	const char *step = "Ви змінювали номер мобільного за останні 5 днів?";
	const char *from = strstr(reason, "Ви змінювали");
	size_t kept = (size_t)(dots - from);
	assert_memory_equal(from, step, kept);
	assert_true(step[kept] == ' ');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(staff_read_the_reason_in_the_offices_language_the_visitor_in_theirs),
		cmocka_unit_test(a_visitor_who_changes_language_on_the_review_reads_it_in_the_new_one),
		cmocka_unit_test(a_reason_too_long_even_without_the_title_keeps_the_step_and_stays_whole_utf8),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
