/*
 * The tour's digital-ID guides: every step of every guide of every loaded
 * scheme, in every language of the site, on the real guide.step screen. A
 * guide complete in the language is shown in it; one that is not is shown
 * in English under a line saying so, as a visitor of that language sees
 * it, so English and every language the guide lists are all checked. Also
 * the scheme list and each topic list (every page) per language, the end
 * steps in their other states (printing, no printer, nobody to give a
 * number or a time now) and "Talk to a person". Everything is derived from
 * the loaded library, so a guide left out (a translation not finished) is
 * simply not walked. Problems read "guide mitid/new-phone#copy/da: ...",
 * like the tour's other states; screenshots go to
 * out_dir/guides/<lang>/<scheme>-<guide>-<step>[.<state>].png (the lists:
 * schemes.png, <scheme>-topics.png; "Talk to a person": help.<state>.png).
 * KIOSK_TOUR_GUIDE=scheme/guide (a prefix) walks only the steps of the
 * guides it names, for a quick look while writing them.
 * Not the checks of the guide files themselves (kiosk --check-guides).
 * UI thread; virtual clock.
 */
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "shell_private.h"

/* The usual moment of a walk: Monday 10:00, the digital-help desk open,
 * a printer for "Print these steps". */
static void desk_open(struct app *a)
{
	a->local.weekday = 0;
	a->local.minute = 10 * 60;
	a->printer_configured = true;
}

/* The other states of an end step, drawn on top of the usual moment. */
struct end_state {
	const char *name;
	enum guide_end end;
	bool every;   /* at every end step; else at the first of its kind per language */
	bool printer; /* a printer is configured */
	int print;    /* enum app_print */
	bool open;    /* the help desk gives numbers now */
	bool book;    /* help appointments can be booked */
};

static const struct end_state end_states[] = {
    /* What the printer answered (a line above the buttons; which is longest
     * depends on the language) and the help end with no way to a person
     * now (the words saying where to go instead): at every end. */
    {"printing", GUIDE_END_SOLVED, true, true, APP_PRINT_BUSY, true, true},
    {"printed", GUIDE_END_SOLVED, true, true, APP_PRINT_DONE, true, true},
    {"print-failed", GUIDE_END_SOLVED, true, true, APP_PRINT_FAILED, true, true},
    {"nobody", GUIDE_END_HELP, true, false, APP_PRINT_NONE, false, false},
    /* Fewer buttons than usual: once per language, to look at. */
    {"no-printer", GUIDE_END_SOLVED, false, false, APP_PRINT_NONE, true, true},
    {"book-only", GUIDE_END_HELP, false, false, APP_PRINT_NONE, false, true},
    {"ticket-only", GUIDE_END_HELP, false, false, APP_PRINT_NONE, true, false},
};

struct tour_guides {
	struct shell *sh;
	unsigned *missing;
	int *shots;
	int backend; /* the shell's booking backend, put back after each frame */
	int problems;
	int frames;
	char dir[1024]; /* out_dir/guides/<lang>, when taking screenshots */
};

static void set_state(struct app *a, bool printer, int print, bool open, bool book)
{
	a->printer_configured = printer;
	a->s.guide.print = print;
	if (!open)
		a->local.weekday = 5; /* Saturday: the desk gives no numbers */
	if (!book)
		a->booking_backend = APP_BOOKING_NONE;
	a->dirty = true;
}

/* Draws and checks the frame; name is the PNG's name in the language's folder. */
static void frame(struct tour_guides *t, const char *where, const char *name)
{
	char path[1200];
	bool shot = t->sh->opts->screenshots;
	if (shot)
		snprintf(path, sizeof path, "%s/%s.png", t->dir, name);
	t->problems += tour_frame(t->sh, where, shot ? path : NULL, t->missing);
	t->frames++;
	*t->shots += shot;
	t->sh->app.booking_backend = t->backend; /* tour_prepare keeps it */
}

/* A list screen and each further page of it ("list.down" leads on). */
static void list_pages(struct tour_guides *t, const char *screen, int scheme, int lang, const char *name,
		       const char *suffix)
{
	struct shell *sh = t->sh;
	for (int page = 0; page < 20; page++) {
		tour_prepare(sh, screen, desk_open, lang);
		struct app *a = &sh->app;
		a->s.guide.scheme = scheme;
		a->s.list_page = page;
		a->dirty = true;
		char where[160], file[96];
		snprintf(where, sizeof where, "%s %s page %d/%s", screen, name, page + 1, sh->cfg.langs[lang]);
		if (page == 0)
			snprintf(file, sizeof file, "%s%s", name, suffix);
		else
			snprintf(file, sizeof file, "%s%s.p%d", name, suffix, page + 1);
		frame(t, where, file);
		if (!draw_list_find(&sh->dl, "list.down"))
			break;
	}
}

/* One step in one language: each of its pages as walked ("Read on"; the
 * first step's safety notes are its page 0), then its end's other states. */
static void step_frames(struct tour_guides *t, int si, int gi, int k, int lang, bool *first_solved, bool *first_help)
{
	struct shell *sh = t->sh;
	const struct guide_scheme *s = &sh->guides->schemes[si];
	const struct guide *g = &s->guides[gi];
	const struct guide_step *st = &g->steps[k];
	const char *code = sh->cfg.langs[lang];
	bool english = strcmp(code, "en") != 0 && !guide_catalog(s, g, code);
	char where[200], file[160];
	for (int page = 0; page < 10; page++) {
		tour_prepare(sh, "guide.step", desk_open, lang);
		shell_guide_place(&sh->app, si, gi, k, k > 0);
		sh->app.s.guide.page = page;
		snprintf(where, sizeof where, "guide %s/%s#%s/%s%s page %d", s->id, g->id, st->id, code,
			 english ? " (shown in English)" : "", page + 1);
		if (page == 0)
			snprintf(file, sizeof file, "%s-%s-%s", s->id, g->id, st->id);
		else
			snprintf(file, sizeof file, "%s-%s-%s.p%d", s->id, g->id, st->id, page + 1);
		frame(t, where, file);
		if (!draw_list_find(&sh->dl, "guide.more"))
			break;
	}
	if (st->end == GUIDE_END_NONE)
		return;
	snprintf(where, sizeof where, "guide %s/%s#%s/%s%s", s->id, g->id, st->id, code,
		 english ? " (shown in English)" : "");
	snprintf(file, sizeof file, "%s-%s-%s", s->id, g->id, st->id);
	bool *first = st->end == GUIDE_END_SOLVED ? first_solved : first_help;
	for (size_t i = 0; i < sizeof end_states / sizeof end_states[0]; i++) {
		const struct end_state *e = &end_states[i];
		if (e->end != st->end || !(e->every || *first))
			continue;
		tour_prepare(sh, "guide.step", desk_open, lang);
		shell_guide_place(&sh->app, si, gi, k, k > 0);
		sh->app.s.guide.page = APP_GUIDE_LAST_PAGE; /* the answers' page */
		set_state(&sh->app, e->printer, e->print, e->open, e->book);
		char w2[240], f2[200];
		snprintf(w2, sizeof w2, "%s [%s]", where, e->name);
		snprintf(f2, sizeof f2, "%s.%s", file, e->name);
		frame(t, w2, f2);
	}
	*first = false;
}

/* "Talk to a person": with both ways to one, with a booking only, with none. */
static void help_frames(struct tour_guides *t, int lang)
{
	static const struct {
		const char *name;
		bool open, book;
	} ways[] = {{"both", true, true}, {"book-only", false, true}, {"nobody", false, false}};
	struct shell *sh = t->sh;
	for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
		tour_prepare(sh, "guide.help", desk_open, lang);
		if (sh->guides->nschemes > 0 && sh->guides->schemes[0].nguides > 0)
			shell_guide_place(&sh->app, 0, 0, 0, false);
		set_state(&sh->app, true, APP_PRINT_NONE, ways[i].open, ways[i].book);
		char where[96], file[64];
		snprintf(where, sizeof where, "guide.help [%s]/%s", ways[i].name, sh->cfg.langs[lang]);
		snprintf(file, sizeof file, "help.%s", ways[i].name);
		frame(t, where, file);
	}
}

/* Languages guides list that this site does not offer: they cannot be shown here. */
static int unshown_langs(const struct shell *sh)
{
	int n = 0;
	for (int si = 0; si < sh->guides->nschemes; si++) {
		const struct guide_scheme *s = &sh->guides->schemes[si];
		for (int gi = 0; gi < s->nguides; gi++) {
			for (int l = 0; l < s->guides[gi].nlangs; l++)
				n += config_lang_index(&sh->cfg, s->guides[gi].langs[l]) < 0;
		}
	}
	return n;
}

int tour_guides(struct shell *sh, unsigned *missing, int *shots)
{
	struct tour_guides t = {.sh = sh, .missing = missing, .shots = shots, .backend = sh->app.booking_backend};
	const struct guide_library *lib = sh->guides;
	int nguides = 0, nsteps = 0, translated = 0, english = 0, fallback = 0;
	const char *only = getenv("KIOSK_TOUR_GUIDE");
	if (!lib || lib->nschemes == 0) {
		/* A kiosk that ships guides must show them: none loaded is a problem. */
		fprintf(stderr, "guides: no guides were loaded (see the log above)\n");
		return 1;
	}
	for (int lang = 0; lang < sh->cfg.nlangs; lang++) {
		const char *code = sh->cfg.langs[lang];
		if (sh->opts->screenshots) {
			snprintf(t.dir, sizeof t.dir, "%s/guides/%s", sh->opts->out_dir, code);
			if (file_make_dirs(t.dir) != KIOSK_OK) {
				fprintf(stderr, "guides/%s: cannot make %s\n", code, t.dir);
				return t.problems + 1;
			}
		}
		list_pages(&t, "guides", -1, lang, "schemes", "");
		for (int si = 0; si < lib->nschemes; si++)
			list_pages(&t, "guide.topics", si, lang, lib->schemes[si].id, "-topics");
		bool first_solved = true, first_help = true;
		for (int si = 0; si < lib->nschemes; si++) {
			const struct guide_scheme *s = &lib->schemes[si];
			for (int gi = 0; gi < s->nguides; gi++) {
				const struct guide *g = &s->guides[gi];
				if (strcmp(code, "en") == 0)
					english++;
				else if (guide_catalog(s, g, code))
					translated++;
				else
					fallback++;
				char id[2 * GUIDE_ID_MAX + 2];
				snprintf(id, sizeof id, "%s/%s", s->id, g->id);
				if (only && strncmp(id, only, strlen(only)) != 0)
					continue;
				for (int k = 0; k < g->nsteps; k++)
					step_frames(&t, si, gi, k, lang, &first_solved, &first_help);
				if (lang == 0) {
					nguides++;
					nsteps += g->nsteps;
				}
			}
		}
		help_frames(&t, lang);
	}
	char ids[GUIDE_MAX_SCHEMES * (GUIDE_ID_MAX + 1)] = "";
	size_t n = 0;
	for (int si = 0; si < lib->nschemes && n < sizeof ids; si++)
		n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%s", si ? " " : "", lib->schemes[si].id);
	/* Tests read this line: keep its words. */
	printf(
	    "guides: schemes %s; %d guides, %d steps; guides shown %d times translated, %d in English, %d in English "
	    "for want of a translation; %d listed languages not on this site; %d frames, %d problems\n",
	    ids, nguides, nsteps, translated, english, fallback, unshown_langs(sh), t.frames, t.problems);
	return t.problems;
}
