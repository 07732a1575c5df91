/*
 * A guide's printed steps (kiosk/core/slip_guide.c) with the shipped guides
 * and translations: each step's title apart from its words, the step's own
 * warning, every safety note of the guides on the way (Arabic and Ukrainian
 * included), links as text and as the QR code; and, on every path to a
 * solved end of every guide in every language, nothing cut and nothing that
 * is not whole UTF-8. Also the cut itself (kiosk/core/clip.c).
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
#include "kiosk/clip.h"
#include "kiosk/guide.h"
#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

static const char *const langs[] = {"da", "nb", "it", "fr", "en", "ar", "uk"};
#define NLANGS (int)(sizeof langs / sizeof langs[0])

static struct config cfg;
static struct app app;
static struct i18n_catalog *cats[NLANGS];
static struct guide_library *lib;

static int setup(void **state)
{
	(void)state;
	config_defaults(&cfg);
	snprintf(cfg.site_name, sizeof cfg.site_name, "Borgerservice Demo");
	for (int i = 0; i < NLANGS; i++) {
		snprintf(cfg.langs[i], sizeof cfg.langs[i], "%s", langs[i]);
		char path[512];
		snprintf(path, sizeof path, "%s/assets/po/%s.po", KIOSK_SOURCE_DIR, langs[i]);
		struct i18n_diag diag;
		if (strcmp(langs[i], "en") != 0 && i18n_catalog_load(path, &cats[i], &diag) != KIOSK_OK)
			return -1;
	}
	cfg.nlangs = NLANGS;
	snprintf(cfg.default_lang, sizeof cfg.default_lang, "da");
	static struct guide_report rep;
	if (guide_library_load(KIOSK_SOURCE_DIR "/assets/guides", NULL, &lib, &rep) != KIOSK_OK) {
		for (int i = 0; i < rep.count; i++)
			fprintf(stderr, "%s:%d: %s\n", rep.item[i].file, rep.item[i].line, rep.item[i].msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	guide_library_destroy(lib);
	for (int i = 0; i < NLANGS; i++)
		i18n_catalog_destroy(cats[i]);
	return 0;
}

static int lang_index(const char *code)
{
	for (int i = 0; i < NLANGS; i++)
		if (strcmp(langs[i], code) == 0)
			return i;
	fail_msg("no language %s", code);
	return -1;
}

/* A visitor in lang at the first step of scheme/guide. */
static void start(const char *lang, const char *scheme, const char *guide)
{
	app_init(&app, &cfg);
	for (int i = 0; i < NLANGS; i++)
		app.cat[i] = cats[i];
	app.guides = lib;
	app.lang = lang_index(lang);
	app.s.active = true;
	const struct guide_scheme *s = guide_scheme_find(lib, scheme);
	assert_non_null(s);
	int g = guide_find(s, guide);
	assert_true(g >= 0);
	app.s.guide.scheme = (int)(s - lib->schemes);
	app.s.guide.walking = true;
	guide_walk_start(&app.s.guide.walk, app.s.guide.scheme, g);
}

/* Follows the choices (indexes), then fills the slip. */
static const struct ticket_slip *walk(const int *choices, int n)
{
	for (int i = 0; i < n; i++)
		assert_true(guide_walk_choose(&app.s.guide.walk, lib, choices[i]));
	app_guide_slip_fill(&app);
	return &app.slip;
}

static const char *ui(const char *lang, const char *msgid)
{
	return i18n_get(cats[lang_index(lang)], msgid);
}

static const char *tr_guide(const char *lang, const char *scheme, const char *guide, const char *msgid)
{
	const struct guide_scheme *s = guide_scheme_find(lib, scheme);
	return i18n_get(guide_catalog(s, &s->guides[guide_find(s, guide)], lang), msgid);
}

static bool utf8_whole(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static void steps_have_their_title_apart_from_their_words_and_their_own_warning(void **state)
{
	(void)state;
	start("en", "mitid", "new-phone");
	/* Old phone at hand, the app is there, copy started, waited, it worked. */
	const struct ticket_slip *s = walk((const int[]){0, 0, 0, 0, 0}, 5);
	assert_true(s->steps);
	assert_string_equal(s->office_name, "Borgerservice Demo");
	assert_string_equal(s->title, "MitID: I have a new phone");
	assert_int_equal(s->nrows, 6);
	assert_string_equal(s->row[0].label, "1. Do you still have your old phone?");
	assert_string_equal(s->row[0].value,
			    "You move MitID with the MitID app on your old phone.\nYou need both phones for this.");
	assert_string_equal(s->row[0].warn, "");
	assert_string_equal(s->row[4].label, "5. Scan the QR code with your new phone");
	assert_string_equal(s->row[4].warn,
			    "Only scan the QR code on your own old phone. Never scan a code that someone sends you.");
	assert_string_equal(s->row[5].label, "6. MitID works on your new phone");
	assert_string_equal(s->row[5].value, "You have moved MitID to your new phone.");
	assert_string_equal(s->qr, "");

	/* The same in Ukrainian: the translations, the warning too. */
	start("uk", "mitid", "new-phone");
	s = walk((const int[]){0, 0, 0, 0, 0}, 5);
	const char *warn = tr_guide("uk", "mitid", "new-phone",
				    "Only scan the QR code on your own old phone. Never scan a code that someone sends you.");
	assert_true((unsigned char)warn[0] >= 0xC0); /* Cyrillic, not the English msgid */
	assert_string_equal(s->row[4].warn, warn);
	assert_non_null(strstr(s->title, tr_guide("uk", "mitid", "new-phone", "I have a new phone")));
	assert_non_null(strstr(s->row[0].label, tr_guide("uk", "mitid", "new-phone", "Do you still have your old phone?")));
}

static void every_safety_note_is_printed_in_arabic_and_ukrainian(void **state)
{
	(void)state;
	static const char *const notes[] = {
		"This kiosk and our staff will never ask for your codes or password.",
		"Never give your codes, password or user ID to anyone: not family, not the bank, not the police.",
		"Never approve anything in the app that you did not start yourself.",
		"Read the text in the app before you approve. If it is not what you are doing, stop.",
	};
	const char *check[] = {"ar", "uk", "da", "en"};
	for (size_t l = 0; l < sizeof check / sizeof check[0]; l++) {
		/* A request in the app, started by the visitor: the text matches. */
		start(check[l], "mitid", "is-this-real");
		const struct ticket_slip *s = walk((const int[]){2, 0}, 2);
		const char *at = s->note;
		for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
			const char *want = ui(check[l], notes[i]);
			const char *found = strstr(at, want);
			if (!found)
				fail_msg("%s: note %zu missing or out of order in \"%s\"", check[l], i, s->note);
			at = found + strlen(want);
		}
		assert_null(strstr(s->note, "\xe2\x80\xa6")); /* nothing cut */
	}
}

static void notes_of_every_guide_on_the_way_are_printed_once(void **state)
{
	(void)state;
	/* A call, a code given: on to "someone used my MitID" (never-share and
	 * never-approve again), so read-before-approve is there once, and each
	 * of the others once. */
	start("en", "mitid", "is-this-real");
	const struct ticket_slip *s = walk((const int[]){1, 1}, 2);
	const char *share = "Never give your codes, password or user ID to anyone";
	const char *first = strstr(s->note, share);
	assert_non_null(first);
	assert_null(strstr(first + 1, share));
	assert_non_null(strstr(s->note, "Read the text in the app before you approve."));
}

static void a_link_is_printed_as_text_and_as_the_qr_code(void **state)
{
	(void)state;
	/* BankID / MinID: the MinID password, done, a text came, the e-mail came. */
	for (int l = 0; l < NLANGS; l++) {
		start(langs[l], "bankid", "forgot-password");
		const struct ticket_slip *s = walk((const int[]){0, 0, 0, 0}, 4);
		assert_string_equal(s->qr, "https://eid.difi.no/en/how-create-new-password-minid");
		assert_non_null(strstr(s->row[1].value, "eid.difi.no/en/how-create-new-password-minid"));
		assert_null(strstr(s->row[1].value, "https://"));
		assert_int_equal(s->nrows, 5);
	}
}

static void phone_numbers_stay_one_left_to_right_group(void **state)
{
	(void)state;
	start("ar", "mitid", "forgot-password");
	const struct guide *g = &guide_scheme_find(lib, "mitid")->guides[guide_find(guide_scheme_find(lib, "mitid"), "forgot-password")];
	/* Find a step with a phone number and walk there by its first choices. */
	int target = -1;
	for (int k = 0; k < g->nsteps && target < 0; k++)
		if (g->steps[k].phone)
			target = k;
	assert_true(target >= 0);
	app.s.guide.walk.trail[app.s.guide.walk.depth++] = app.s.guide.walk.at;
	app.s.guide.walk.at.step = (short)target;
	app_guide_slip_fill(&app);
	const char *v = app.slip.row[1].value;
	assert_non_null(strstr(v, "\xe2\x80\x8e+45\xc2\xa0" "33\xc2\xa0" "98\xc2\xa0" "00\xc2\xa0" "10"));
}

/* Whether the walk's current step is on its trail: a round (`@GUIDE` there
 * and back), which a path does not take twice. */
static bool been_there(const struct guide_walk *w)
{
	for (int i = 0; i < w->depth; i++)
		if (w->trail[i].guide == w->at.guide && w->trail[i].step == w->at.step)
			return true;
	return false;
}

/* Every path without rounds from the start of a guide to a solved end,
 * walked with the choices it takes; calls check at each end. */
static void paths(int depth, void (*check)(const char *lang, int depth), const char *lang)
{
	const struct guide_step *st = guide_walk_step(&app.s.guide.walk, lib);
	if (st->end != GUIDE_END_NONE) {
		if (st->end == GUIDE_END_SOLVED)
			check(lang, depth);
		return;
	}
	for (int c = 0; c < st->nchoices; c++) {
		struct guide_walk saved = app.s.guide.walk;
		if (guide_walk_choose(&app.s.guide.walk, lib, c) && !been_there(&app.s.guide.walk))
			paths(depth + 1, check, lang);
		app.s.guide.walk = saved;
	}
}

static int ends_checked, longest, long_ways;

static void nothing_cut(const char *lang, int depth)
{
	app_guide_slip_fill(&app);
	const struct ticket_slip *s = &app.slip;
	char where[128];
	guide_walk_where(&app.s.guide.walk, lib, where, sizeof where);
	/* A longer way: where it started, then its last steps, numbered as walked. */
	int rows = depth + 1 > TICKET_SLIP_ROWS ? TICKET_SLIP_ROWS : depth + 1;
	if (s->nrows != rows)
		fail_msg("%s/%s: %d rows for %d steps", where, lang, s->nrows, depth + 1);
	if (depth + 1 > TICKET_SLIP_ROWS) {
		char second[16];
		snprintf(second, sizeof second, "%d. ", depth + 1 - TICKET_SLIP_ROWS + 2);
		assert_memory_equal(s->row[0].label, "1. ", 3);
		assert_memory_equal(s->row[1].label, second, strlen(second));
		long_ways++;
	}
	const char *texts[3 * TICKET_SLIP_ROWS + 2] = {s->title, s->note};
	int n = 2;
	for (int i = 0; i < s->nrows; i++) {
		texts[n++] = s->row[i].label;
		texts[n++] = s->row[i].value;
		texts[n++] = s->row[i].warn;
	}
	for (int i = 0; i < n; i++) {
		if (!utf8_whole(texts[i]))
			fail_msg("%s/%s: not whole UTF-8: \"%s\"", where, lang, texts[i]);
		if (strstr(texts[i], "\xe2\x80\xa6"))
			fail_msg("%s/%s: cut: \"%s\"", where, lang, texts[i]);
	}
	ends_checked++;
	longest = depth + 1 > longest ? depth + 1 : longest;
}

static void no_path_of_any_guide_is_cut_in_any_language(void **state)
{
	(void)state;
	for (int l = 0; l < NLANGS; l++) {
		for (int si = 0; si < lib->nschemes; si++) {
			const struct guide_scheme *s = &lib->schemes[si];
			for (int gi = 0; gi < s->nguides; gi++) {
				start(langs[l], s->id, s->guides[gi].id);
				paths(0, nothing_cut, langs[l]);
			}
		}
	}
	printf("guide slips: %d solved ends checked, the longest has %d steps, %d longer than the slip\n",
	       ends_checked, longest, long_ways);
	assert_true(ends_checked > 100);
}

static void cuts_are_at_a_word_with_an_ellipsis_and_never_inside_a_letter(void **state)
{
	(void)state;
	char out[32];
	assert_true(clip_words(out, sizeof out, "Short enough"));
	assert_string_equal(out, "Short enough");
	/* 31 bytes of room: the words that fit, then "…" (3 bytes). */
	assert_false(clip_words(out, sizeof out, "Open the MitID app on your old phone, then wait"));
	assert_string_equal(out, "Open the MitID app on your\xe2\x80\xa6");
	/* Cyrillic letters are 2 bytes: never half of one. */
	assert_false(clip_words(out, sizeof out, "Відкрийте застосунок MitID на старому телефоні"));
	assert_true(utf8_whole(out));
	assert_string_equal(out, "Відкрийте\xe2\x80\xa6");
	/* One word longer than the room: cut between letters. */
	assert_false(clip_words(out, 12, "Безпеканасамперед"));
	assert_true(utf8_whole(out));
	assert_string_equal(out, "Безп\xe2\x80\xa6");
	/* Appending: whole, cut, or nothing (not even the separator). */
	char buf[40] = "";
	size_t len = 0;
	assert_true(clip_append(buf, sizeof buf, &len, "", "First paragraph."));
	assert_false(clip_append(buf, sizeof buf, &len, "\n", "Second one is far too long to fit"));
	assert_string_equal(buf, "First paragraph.\nSecond one is far\xe2\x80\xa6");
	assert_int_equal(len, strlen(buf));
	assert_false(clip_append(buf, sizeof buf, &len, "\n", "More"));
	assert_string_equal(buf, "First paragraph.\nSecond one is far\xe2\x80\xa6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steps_have_their_title_apart_from_their_words_and_their_own_warning),
		cmocka_unit_test(every_safety_note_is_printed_in_arabic_and_ukrainian),
		cmocka_unit_test(notes_of_every_guide_on_the_way_are_printed_once),
		cmocka_unit_test(a_link_is_printed_as_text_and_as_the_qr_code),
		cmocka_unit_test(phone_numbers_stay_one_left_to_right_group),
		cmocka_unit_test(no_path_of_any_guide_is_cut_in_any_language),
		cmocka_unit_test(cuts_are_at_a_word_with_an_ellipsis_and_never_inside_a_letter),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
