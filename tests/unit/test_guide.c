/* Digital-ID guides: a small library written to a temporary directory is
 * loaded and walked like a visitor would (choices, next, Back across guides,
 * the ends, the trail's limit), shown in English where a translation is not
 * complete, turned into a translation template that reads back as a catalog,
 * and broken guides are left out with file and line. The messages of every
 * check are compared in tests/guides (kiosk --check-guides). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/guide.h"
#include "kiosk/i18n.h"

#define MAX_FILES 32

/* A guides directory made for one test and removed after it. */
struct tree {
	char root[64];
	char made[MAX_FILES][160]; /* files and directories, in the order made */
	int n;
};

static void made(struct tree *t, const char *rel)
{
	char path[sizeof t->made[0]];

	assert_true(t->n < MAX_FILES);
	snprintf(path, sizeof path, "%s/%s", t->root, rel);
	memcpy(t->made[t->n], path, sizeof path);
}

static void add_dir(struct tree *t, const char *rel)
{
	made(t, rel);
	assert_int_equal(mkdir(t->made[t->n], 0700), 0);
	t->n++;
}

static void add_file(struct tree *t, const char *rel, const char *text)
{
	FILE *f;

	made(t, rel);
	f = fopen(t->made[t->n], "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	t->n++;
}

static void tree_remove(struct tree *t)
{
	/* Newest first: files before the directories that hold them. */
	for (int i = t->n - 1; i >= 0; i--)
		assert_int_equal(remove(t->made[i]), 0);
	assert_int_equal(rmdir(t->root), 0);
}

static const char scheme_txt[] = "scheme: demo\n"
				 "name: Demo ID\n"
				 "about: A digital ID for tests\n"
				 "guides: new-phone lost-phone\n";

static const char new_phone[] = "# The example of docs/guides.md, shortened.\n"
				"guide: new-phone\n"
				"title: I have a new phone\n"
				"summary: Move the ID to your new phone\n"
				"languages: da\n"
				"warnings: never-share never-approve\n"
				"\n"
				"step start\n"
				"title: Do you still have your old phone?\n"
				"text: The ID moves from the app on your old phone.\n"
				"image: two-phones.svg\n"
				"choice: Yes, I have my old phone -> copy\n"
				"choice: No, it is lost or broken -> @lost-phone\n"
				"\n"
				"step copy\n"
				"title: Start the copy on your old phone\n"
				"text: Open the app on your old phone.\n"
				"text: The new app works after one hour.\n"
				"next: done\n"
				"\n"
				"step done\n"
				"title: The ID works on your new phone\n"
				"end: solved\n";

/* Goes round sim <-> check, with a way out of the circle. */
static const char lost_phone[] = "guide: lost-phone\n"
				 "title: I lost my phone\n"
				 "summary: Block the ID and get help\n"
				 "languages: da\n"
				 "warnings: never-share\n"
				 "\n"
				 "step start\n"
				 "title: Did you block your SIM card?\n"
				 "choice: Yes -> desk\n"
				 "choice: No -> sim\n"
				 "\n"
				 "step sim\n"
				 "title: Call your phone company first\n"
				 "warn: Block your SIM card before anything else.\n"
				 "phone: +00 12 34 56\n"
				 "choice: I called them -> check\n"
				 "choice: I cannot do this -> desk\n"
				 "\n"
				 "step check\n"
				 "title: Is the SIM card blocked now?\n"
				 "choice: Yes -> desk\n"
				 "choice: No -> sim\n"
				 "\n"
				 "step desk\n"
				 "title: A person at the desk helps you\n"
				 "text: Bring your passport or driving licence.\n"
				 "end: help\n";

#define PO_HEADER                                                                                                     \
	"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                    \
	"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"

/* Danish is complete for new-phone only: lost-phone has one text left in English. */
static const char da_po[] = PO_HEADER
	"msgid \"A digital ID for tests\"\nmsgstr \"Et digitalt ID til test\"\n\n"
	"msgid \"I have a new phone\"\nmsgstr \"Jeg har en ny telefon\"\n\n"
	"msgid \"Move the ID to your new phone\"\nmsgstr \"Flyt ID til din nye telefon\"\n\n"
	"msgid \"Do you still have your old phone?\"\nmsgstr \"Har du stadig din gamle telefon?\"\n\n"
	"msgid \"The ID moves from the app on your old phone.\"\n"
	"msgstr \"ID flyttes fra appen på din gamle telefon.\"\n\n"
	"msgid \"Yes, I have my old phone\"\nmsgstr \"Ja, jeg har min gamle telefon\"\n\n"
	"msgid \"No, it is lost or broken\"\nmsgstr \"Nej, den er væk eller i stykker\"\n\n"
	"msgid \"Start the copy on your old phone\"\nmsgstr \"Start kopieringen på din gamle telefon\"\n\n"
	"msgid \"Open the app on your old phone.\"\nmsgstr \"Åbn appen på din gamle telefon.\"\n\n"
	"msgid \"The new app works after one hour.\"\nmsgstr \"Den nye app virker efter en time.\"\n\n"
	"msgid \"The ID works on your new phone\"\nmsgstr \"ID virker på din nye telefon\"\n\n"
	"msgid \"I lost my phone\"\nmsgstr \"Jeg har mistet min telefon\"\n\n";

struct fixture {
	struct tree t;
	struct guide_library *lib;
	struct guide_report rep;
};

static void make_tree(struct tree *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->root, sizeof t->root, "/tmp/test_guide_XXXXXX");
	assert_non_null(mkdtemp(t->root));
	add_dir(t, "images");
	add_file(t, "images/two-phones.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 240\"/>\n");
	add_dir(t, "demo");
	add_file(t, "demo/scheme.txt", scheme_txt);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	make_tree(&f->t);
	add_file(&f->t, "demo/new-phone.guide", new_phone);
	add_file(&f->t, "demo/lost-phone.guide", lost_phone);
	add_file(&f->t, "demo/da.po", da_po);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	guide_library_destroy(f->lib);
	tree_remove(&f->t);
	free(f);
	return 0;
}

/* The library of the fixture, loaded; the only problem is lost-phone's missing Danish text. */
static const struct guide_library *load(struct fixture *f)
{
	assert_int_equal(guide_library_load(f->t.root, NULL, &f->lib, &f->rep), KIOSK_ERR_INVALID);
	/* Three untranslated texts by name, then how many more; in line order. */
	assert_int_equal(f->rep.count, 4);
	assert_string_equal(f->rep.item[0].msg, "'da' is in languages but the text \"Block the ID and get help\" has "
						"no translation in da.po");
	assert_int_equal(f->rep.item[0].line, 3);
	assert_non_null(strstr(f->rep.item[0].file, "/demo/lost-phone.guide"));
	assert_int_equal(f->rep.item[1].line, 4);
	assert_string_equal(f->rep.item[1].msg, "'da' is in languages but 10 more texts have no translation in da.po");
	assert_int_equal(f->rep.item[3].line, 9);
	assert_string_equal(f->rep.item[3].msg,
			    "'da' is in languages but the text \"Yes\" has no translation in da.po");
	assert_int_equal(f->lib->nschemes, 1);
	return f->lib;
}

static void guide_library_loads_steps_choices_and_lines_as_written(void **state)
{
	const struct guide_library *lib = load(*state);
	const struct guide_scheme *s = guide_scheme_find(lib, "demo");
	const struct guide *g;

	assert_non_null(s);
	assert_null(guide_scheme_find(lib, "mitid"));
	assert_string_equal(s->name, "Demo ID");
	assert_string_equal(s->about, "A digital ID for tests");
	assert_int_equal(s->about_line, 3);
	assert_int_equal(s->nguides, 2);
	assert_int_equal(guide_find(s, "new-phone"), 0);
	assert_int_equal(guide_find(s, "lost-phone"), 1);
	assert_int_equal(guide_find(s, "blocked"), -1);
	g = &s->guides[0];
	assert_string_equal(g->title, "I have a new phone");
	assert_int_equal(g->title_line, 3);
	assert_int_equal(g->summary_line, 4);
	assert_int_equal(g->nwarnings, 2);
	assert_int_equal(g->warnings[0], GUIDE_WARN_NEVER_SHARE);
	assert_string_equal(guide_warning_key(g->warnings[1]), "never-approve");
	assert_non_null(strstr(guide_warning_text(GUIDE_WARN_NEVER_SHARE), "not the police"));
	assert_int_equal(g->nsteps, 3);
	assert_string_equal(g->steps[0].id, "start");
	assert_int_equal(g->steps[0].line, 8);
	assert_string_equal(g->steps[0].image, "two-phones.svg");
	assert_int_equal(g->steps[0].nchoices, 2);
	assert_string_equal(g->steps[0].choice[0].label, "Yes, I have my old phone");
	assert_int_equal(g->steps[0].choice[0].step, 1);
	assert_int_equal(g->steps[0].choice[0].guide, -1);
	assert_int_equal(g->steps[0].choice[1].step, -1);
	assert_int_equal(g->steps[0].choice[1].guide, 1);
	assert_int_equal(g->steps[0].choice[1].line, 13);
	/* A `next` is one choice without a label. */
	assert_int_equal(g->steps[1].ntext, 2);
	assert_int_equal(g->steps[1].text_line[1], 18);
	assert_int_equal(g->steps[1].nchoices, 1);
	assert_null(g->steps[1].choice[0].label);
	assert_int_equal(g->steps[1].choice[0].step, 2);
	assert_int_equal(g->steps[2].end, GUIDE_END_SOLVED);
	assert_int_equal(g->steps[2].nchoices, 0);
	assert_string_equal(s->guides[1].steps[1].phone, "+00 12 34 56");
	assert_int_equal(s->guides[1].steps[1].warn_line, 14);
	assert_int_equal(s->guides[1].steps[3].end, GUIDE_END_HELP);
}

static void guide_walk_follows_choices_and_next_to_a_solved_end(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;

	guide_walk_start(&w, 0, 0);
	assert_int_equal(guide_walk_count(&w), 1);
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	assert_true(guide_walk_choose(&w, lib, 0));
	assert_string_equal(guide_walk_step(&w, lib)->id, "copy");
	assert_true(guide_walk_choose(&w, lib, 0)); /* Next */
	assert_string_equal(guide_walk_step(&w, lib)->id, "done");
	assert_int_equal(guide_walk_step(&w, lib)->end, GUIDE_END_SOLVED);
	assert_int_equal(guide_walk_count(&w), 3);
	/* An end has no choices: nothing changes. */
	assert_false(guide_walk_choose(&w, lib, 0));
	assert_string_equal(guide_walk_step(&w, lib)->id, "done");
	assert_int_equal(guide_walk_count(&w), 3);
}

static void guide_walk_refuses_a_choice_the_step_does_not_have(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;

	guide_walk_start(&w, 0, 0);
	assert_false(guide_walk_choose(&w, lib, 2));
	assert_false(guide_walk_choose(&w, lib, -1));
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	assert_int_equal(guide_walk_count(&w), 1);
}

static void guide_walk_back_returns_one_step_and_is_false_at_the_start(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;

	guide_walk_start(&w, 0, 1);
	assert_false(guide_walk_back(&w));
	assert_true(guide_walk_choose(&w, lib, 1)); /* No -> sim */
	assert_true(guide_walk_choose(&w, lib, 0)); /* -> check */
	assert_true(guide_walk_choose(&w, lib, 1)); /* No -> sim again */
	assert_string_equal(guide_walk_step(&w, lib)->id, "sim");
	/* Back goes where the visitor came from, not to a fixed parent. */
	assert_true(guide_walk_back(&w));
	assert_string_equal(guide_walk_step(&w, lib)->id, "check");
	assert_true(guide_walk_back(&w));
	assert_string_equal(guide_walk_step(&w, lib)->id, "sim");
	assert_true(guide_walk_back(&w));
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	assert_false(guide_walk_back(&w));
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	assert_int_equal(guide_walk_count(&w), 1);
}

static void guide_walk_back_returns_across_a_jump_to_another_guide(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;
	char where[64];

	guide_walk_start(&w, 0, 0);
	assert_true(guide_walk_choose(&w, lib, 1)); /* No, it is lost -> @lost-phone */
	assert_string_equal(guide_walk_guide(&w, lib)->id, "lost-phone");
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	assert_true(guide_walk_choose(&w, lib, 0)); /* Yes -> desk */
	assert_int_equal(guide_walk_step(&w, lib)->end, GUIDE_END_HELP);
	guide_walk_where(&w, lib, where, sizeof where);
	assert_string_equal(where, "demo/lost-phone#desk");
	assert_int_equal(guide_walk_count(&w), 3);
	assert_true(guide_walk_back(&w));
	assert_true(guide_walk_back(&w));
	assert_string_equal(guide_walk_guide(&w, lib)->id, "new-phone");
	assert_string_equal(guide_walk_step(&w, lib)->id, "start");
	guide_walk_where(&w, lib, where, sizeof where);
	assert_string_equal(where, "demo/new-phone#start");
	assert_false(guide_walk_back(&w));
}

static void guide_walk_where_is_empty_outside_the_library_and_cut_to_the_buffer(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;
	char where[10];

	guide_walk_start(&w, 0, 5);
	assert_null(guide_walk_guide(&w, lib));
	assert_null(guide_walk_step(&w, lib));
	assert_false(guide_walk_choose(&w, lib, 0));
	strcpy(where, "x");
	guide_walk_where(&w, lib, where, sizeof where);
	assert_string_equal(where, "");
	guide_walk_start(&w, 0, 1);
	guide_walk_where(&w, lib, where, sizeof where);
	assert_string_equal(where, "demo/lost");
}

static void guide_walk_trail_keeps_the_last_steps_when_full(void **state)
{
	const struct guide_library *lib = load(*state);
	struct guide_walk w;
	int back = 0;

	guide_walk_start(&w, 0, 1);
	assert_true(guide_walk_choose(&w, lib, 1)); /* start -> sim */
	/* Round and round: sim -> check -> sim ... 100 times. */
	for (int i = 0; i < 100; i++)
		assert_true(guide_walk_choose(&w, lib, i % 2 == 0 ? 0 : 1));
	assert_string_equal(guide_walk_step(&w, lib)->id, "sim");
	assert_int_equal(guide_walk_count(&w), GUIDE_MAX_TRAIL + 1);
	while (guide_walk_back(&w))
		back++;
	/* The oldest steps (start among them) are forgotten; Back stops where memory ends. */
	assert_int_equal(back, GUIDE_MAX_TRAIL);
	assert_string_equal(guide_walk_step(&w, lib)->id, "sim");
	assert_int_equal(guide_walk_count(&w), 1);
}

static void guide_catalog_falls_back_to_english_when_a_language_is_not_complete(void **state)
{
	const struct guide_library *lib = load(*state);
	const struct guide_scheme *s = &lib->schemes[0];
	const struct i18n_catalog *da = guide_catalog(s, &s->guides[0], "da");

	assert_non_null(da);
	assert_string_equal(i18n_get(da, s->guides[0].steps[0].title), "Har du stadig din gamle telefon?");
	/* lost-phone lists da, but one text has no translation: the whole guide is shown in English. */
	assert_int_equal(s->guides[1].nlangs, 0);
	assert_null(guide_catalog(s, &s->guides[1], "da"));
	/* A language without a catalog, and English, the source. */
	assert_null(guide_catalog(s, &s->guides[0], "fr"));
	assert_null(guide_catalog(s, &s->guides[0], "en"));
	assert_null(guide_catalog(s, &s->guides[0], NULL));
	/* The scheme's catalog, for `about`. */
	assert_ptr_equal(guide_catalog(s, NULL, "da"), da);
	assert_string_equal(i18n_get(guide_catalog(s, NULL, "da"), s->about), "Et digitalt ID til test");
}

static void guide_pot_lists_each_text_once_with_where_it_is_and_reads_back_as_a_catalog(void **state)
{
	const struct guide_library *lib = load(*state);
	char *pot = guide_pot(&lib->schemes[0]);
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	const char *yes;

	assert_non_null(pot);
	assert_non_null(strstr(pot, "\"Content-Type: text/plain; charset=UTF-8\\n\""));
	assert_non_null(strstr(pot, "\"Content-Transfer-Encoding: 8bit\\n\""));
	assert_non_null(strstr(pot, "#. scheme demo: about\n#. at most 126 characters\n#: demo/scheme.txt:3\n"
				    "msgid \"A digital ID for tests\"\n"));
	assert_non_null(strstr(pot, "#. new-phone, step copy: title\n#. at most 84 characters\n"
				    "#: demo/new-phone.guide:16\nmsgid \"Start the copy on your old phone\"\n"));
	/* "Yes" is in lost-phone twice: one entry, both places. */
	yes = strstr(pot, "#. lost-phone, step start: choice\n#. lost-phone, step check: choice\n"
			  "#. at most 56 characters\n#: demo/lost-phone.guide:9\n#: demo/lost-phone.guide:21\n"
			  "msgid \"Yes\"\n");
	assert_non_null(yes);
	assert_null(strstr(strstr(yes, "msgid") + 1, "msgid \"Yes\"\n"));
	/* The order of the files: about, new-phone's title before its steps, then lost-phone. */
	assert_true(strstr(pot, "msgid \"A digital ID") < strstr(pot, "msgid \"I have a new phone\""));
	assert_true(strstr(pot, "msgid \"I have a new phone\"") < strstr(pot, "msgid \"Do you still"));
	assert_true(strstr(pot, "msgid \"The ID works") < strstr(pot, "msgid \"I lost my phone\""));
	assert_int_equal(i18n_catalog_parse(pot, strlen(pot), &cat, &diag), KIOSK_OK);
	/* A template translates nothing. */
	assert_int_equal(i18n_catalog_count(cat), 0);
	assert_string_equal(i18n_get(cat, "Yes"), "Yes");
	i18n_catalog_destroy(cat);
	free(pot);
}

/* Loads a tree with scheme.txt listing `guides` and the given files (name, text pairs, NULL-terminated). */
static enum kiosk_err load_files(struct tree *t, struct guide_library **lib, struct guide_report *rep,
				 const char *guides, ...)
{
	char scheme[200];
	va_list ap;
	const char *name;

	memset(t, 0, sizeof *t);
	snprintf(t->root, sizeof t->root, "/tmp/test_guide_XXXXXX");
	assert_non_null(mkdtemp(t->root));
	add_dir(t, "images");
	add_file(t, "images/two-phones.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 240\"/>\n");
	add_dir(t, "demo");
	snprintf(scheme, sizeof scheme, "scheme: demo\nname: Demo ID\nabout: A digital ID for tests\nguides: %s\n",
		 guides);
	add_file(t, "demo/scheme.txt", scheme);
	va_start(ap, guides);
	while ((name = va_arg(ap, const char *))) {
		char rel[64];

		snprintf(rel, sizeof rel, "demo/%s", name);
		add_file(t, rel, va_arg(ap, const char *));
	}
	va_end(ap);
	return guide_library_load(t->root, NULL, lib, rep);
}

/* The problem's file, from the scheme directory on: "demo/x.guide". */
static const char *rel_file(const struct guide_problem *p)
{
	const char *d = strstr(p->file, "/demo/");

	return d ? d + 1 : p->file;
}

#define HEADER(id) "guide: " id "\ntitle: A problem\nsummary: A summary\n"

static void guide_pot_escapes_quotes_and_backslashes(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	char *pot;

	(void)state;
	assert_int_equal(load_files(&t, &lib, &rep, "quote", "quote.guide",
				    "guide: quote\ntitle: Choose \"Copy\" in the app\nsummary: A \\ b\tc\n"
				    "step start\ntitle: Done\nend: solved\n",
				    NULL),
			 KIOSK_OK);
	pot = guide_pot(&lib->schemes[0]);
	assert_non_null(pot);
	assert_non_null(strstr(pot, "msgid \"Choose \\\"Copy\\\" in the app\"\n"));
	assert_non_null(strstr(pot, "msgid \"A \\\\ b\\tc\"\n"));
	assert_int_equal(i18n_catalog_parse(pot, strlen(pot), &cat, &diag), KIOSK_OK);
	i18n_catalog_destroy(cat);
	free(pot);
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void a_broken_guide_is_left_out_with_file_and_line_and_the_others_stay(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;

	(void)state;
	assert_int_equal(load_files(&t, &lib, &rep, "good broken", "good.guide",
				    HEADER("good") "step start\ntitle: Done\nend: solved\n", "broken.guide",
				    HEADER("broken") "\nstep start\ntitle: Start\nchoice: Go -> wait\n", NULL),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_string_equal(rel_file(&rep.item[0]), "demo/broken.guide");
	assert_int_equal(rep.item[0].line, 7);
	assert_string_equal(rep.item[0].msg, "step 'start': choice target 'wait' is not a step of this guide");
	assert_int_equal(lib->nschemes, 1);
	assert_int_equal(lib->schemes[0].nguides, 1);
	assert_string_equal(lib->schemes[0].guides[0].id, "good");
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void a_guide_that_jumps_to_a_left_out_guide_is_left_out_too(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;

	(void)state;
	assert_int_equal(load_files(&t, &lib, &rep, "first broken last", "first.guide",
				    HEADER("first") "step start\ntitle: Start\nchoice: Go -> @last\n"
						    "choice: Done -> end\nstep end\ntitle: Done\nend: solved\n",
				    "broken.guide", HEADER("broken") "step start\ntitle: Start\n", "last.guide",
				    HEADER("last") "step start\ntitle: Start\nnext: @broken\n", NULL),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 3);
	assert_string_equal(rep.item[0].msg, "step 'start' has no choice, next or end, so the visitor cannot go on");
	/* The reasons cascade from broken to last to first; the report is in file name order. */
	assert_string_equal(rel_file(&rep.item[1]), "demo/first.guide");
	assert_string_equal(rep.item[1].msg, "step 'start': guide 'last' has problems, so this guide is left out too");
	assert_string_equal(rel_file(&rep.item[2]), "demo/last.guide");
	assert_int_equal(rep.item[2].line, 6);
	assert_string_equal(rep.item[2].msg,
			    "step 'start': guide 'broken' has problems, so this guide is left out too");
	/* Nothing left: the scheme is not offered. */
	assert_int_equal(lib->nschemes, 0);
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void two_guides_sending_the_visitor_to_each_other_forever_have_no_end(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;

	(void)state;
	assert_int_equal(load_files(&t, &lib, &rep, "ping pong", "ping.guide",
				    HEADER("ping") "step start\ntitle: Start\nnext: @pong\n", "pong.guide",
				    HEADER("pong") "step start\ntitle: Start\nnext: @ping\n", NULL),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(rep.item[i].line, 4);
		assert_string_equal(rep.item[i].msg, "step 'start' cannot reach an end: every path from it goes round "
						     "without 'end: solved' or 'end: help'");
	}
	assert_int_equal(lib->nschemes, 0);
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void limits_count_characters_not_bytes(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;
	char text[600], guide[1000];

	(void)state;
	/* 60 letters of two bytes each: at the limit, not over it. */
	text[0] = '\0';
	for (int i = 0; i < GUIDE_TITLE_MAX; i++)
		strcat(text, "ø");
	snprintf(guide, sizeof guide, "guide: long\ntitle: %s\nsummary: s\nstep start\ntitle: %sø\nend: solved\n",
		 text, text);
	assert_int_equal(load_files(&t, &lib, &rep, "long", "long.guide", guide, NULL), KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_int_equal(rep.item[0].line, 5);
	assert_string_equal(rep.item[0].msg, "title is 61 characters; at most 60");
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void a_problem_in_scheme_txt_leaves_the_scheme_out(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;

	(void)state;
	assert_int_equal(load_files(&t, &lib, &rep, "one two", "one.guide",
				    HEADER("one") "step start\ntitle: Done\nend: solved\n", NULL),
			 KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, 1);
	assert_string_equal(rel_file(&rep.item[0]), "demo/scheme.txt");
	assert_int_equal(rep.item[0].line, 4);
	assert_string_equal(rep.item[0].msg, "guide 'two' is listed but there is no two.guide");
	assert_int_equal(lib->nschemes, 0);
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void many_problems_are_counted_past_the_cap(void **state)
{
	struct tree t;
	struct guide_library *lib = NULL;
	struct guide_report rep;
	char guide[8000] = HEADER("many") "step start\ntitle: Done\nend: solved\n";

	(void)state;
	for (int i = 0; i < GUIDE_MAX_PROBLEMS + 10; i++)
		strcat(guide, "colour: blue\n");
	assert_int_equal(load_files(&t, &lib, &rep, "many", "many.guide", guide, NULL), KIOSK_ERR_INVALID);
	assert_int_equal(rep.count, GUIDE_MAX_PROBLEMS);
	assert_int_equal(rep.dropped, 10);
	assert_string_equal(rep.item[0].msg, "unknown key 'colour'");
	assert_int_equal(rep.item[GUIDE_MAX_PROBLEMS - 1].line, 6 + GUIDE_MAX_PROBLEMS);
	guide_library_destroy(lib);
	tree_remove(&t);
}

static void a_directory_that_cannot_be_read_gives_an_empty_library(void **state)
{
	struct guide_library *lib = NULL;
	struct guide_report rep;

	(void)state;
	assert_int_equal(guide_library_load("/nonexistent/guides/", NULL, &lib, &rep), KIOSK_ERR_NOT_FOUND);
	assert_non_null(lib);
	assert_int_equal(lib->nschemes, 0);
	assert_int_equal(rep.count, 1);
	assert_string_equal(rep.item[0].file, "/nonexistent/guides");
	assert_string_equal(rep.item[0].msg, "cannot read /nonexistent/guides: No such file or directory");
	guide_library_destroy(lib);
	guide_library_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(guide_library_loads_steps_choices_and_lines_as_written, setup,
						teardown),
		cmocka_unit_test_setup_teardown(guide_walk_follows_choices_and_next_to_a_solved_end, setup, teardown),
		cmocka_unit_test_setup_teardown(guide_walk_refuses_a_choice_the_step_does_not_have, setup, teardown),
		cmocka_unit_test_setup_teardown(guide_walk_back_returns_one_step_and_is_false_at_the_start, setup,
						teardown),
		cmocka_unit_test_setup_teardown(guide_walk_back_returns_across_a_jump_to_another_guide, setup,
						teardown),
		cmocka_unit_test_setup_teardown(guide_walk_where_is_empty_outside_the_library_and_cut_to_the_buffer,
						setup, teardown),
		cmocka_unit_test_setup_teardown(guide_walk_trail_keeps_the_last_steps_when_full, setup, teardown),
		cmocka_unit_test_setup_teardown(guide_catalog_falls_back_to_english_when_a_language_is_not_complete,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			guide_pot_lists_each_text_once_with_where_it_is_and_reads_back_as_a_catalog, setup, teardown),
		cmocka_unit_test(guide_pot_escapes_quotes_and_backslashes),
		cmocka_unit_test(a_broken_guide_is_left_out_with_file_and_line_and_the_others_stay),
		cmocka_unit_test(a_guide_that_jumps_to_a_left_out_guide_is_left_out_too),
		cmocka_unit_test(two_guides_sending_the_visitor_to_each_other_forever_have_no_end),
		cmocka_unit_test(limits_count_characters_not_bytes),
		cmocka_unit_test(a_problem_in_scheme_txt_leaves_the_scheme_out),
		cmocka_unit_test(many_problems_are_counted_past_the_cap),
		cmocka_unit_test(a_directory_that_cannot_be_read_gives_an_empty_library),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
