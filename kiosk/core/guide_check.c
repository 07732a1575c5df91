/*
 * DESIGN: guide_check, the checks that need a whole guide or a whole scheme.
 *
 * What it is: after guide_parse.c has read every file of a scheme, this
 * resolves the targets (a step of the same guide, or `@GUIDE` of the same
 * scheme), finds steps the start cannot reach and steps from which no end
 * can be reached (over every guide of the scheme, so two guides sending the
 * visitor to each other forever are caught), checks each listed language's
 * translations, and matches the guide files with scheme.txt. Then it copies
 * what passed into the library: guides in scheme.txt order, `@GUIDE`
 * targets as indices into that order. A guide that sends the visitor to a
 * guide that was left out is left out too, with a message saying why.
 * What it is not: no file reading but the catalogs already loaded.
 * Threading: touches only its arguments; any thread.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guide_private.h"
#include "kiosk/i18n.h"

/* Past this many untranslated texts of one guide in one language, one line says how many more. */
#define MISSING_SHOWN 3

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void guide_problem(struct scheme_src *s, struct guide_src *g, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guide_report_vadd(s->rep, s->tr, g->file, line, fmt, ap);
	va_end(ap);
	g->ok = false;
}

/* A problem with one translation: the guide stays, without that language. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void note(struct scheme_src *s, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guide_report_vadd(s->rep, s->tr, file, line, fmt, ap);
	va_end(ap);
}

static int listed_index(const struct scheme_src *s, const char *id)
{
	for (int i = 0; i < s->nlisted; i++) {
		if (strcmp(s->listed[i], id) == 0)
			return i;
	}
	return -1;
}

static struct guide_src *src_of(struct scheme_src *s, const char *id)
{
	for (int i = 0; i < s->nguides; i++) {
		if (strcmp(s->guides[i].stem, id) == 0)
			return &s->guides[i];
	}
	return NULL;
}

static int step_index(const struct guide_src *g, const char *id)
{
	for (int i = 0; i < g->g.nsteps; i++) {
		if (strcmp(g->steps[i].id, id) == 0)
			return i;
	}
	return -1;
}

static void resolve(struct scheme_src *s, struct guide_src *g)
{
	for (int i = 0; i < g->g.nsteps; i++) {
		struct guide_step *st = &g->steps[i];

		for (int c = 0; c < st->nchoices; c++) {
			struct guide_choice *ch = &st->choice[c];
			const char *t = g->target[i][c];
			bool next = ch->label == NULL;
			int to;

			/* A malformed target was reported where it was read. */
			if (!t || !guide_id_valid(t[0] == '@' ? t + 1 : t))
				continue;
			if (t[0] == '@') {
				to = listed_index(s, t + 1);
				if (to < 0)
					guide_problem(s, g, ch->line,
						      N_("step '%s': '%s' is not a guide of this scheme"), st->id, t);
				else if (i == 0 && strcmp(t + 1, g->stem) == 0 && next)
					guide_problem(s, g, ch->line, N_("step '%s': next leads to its own step"),
						      st->id);
				else if (i == 0 && strcmp(t + 1, g->stem) == 0)
					guide_problem(s, g, ch->line,
						      N_("step '%s': the choice \"%s\" leads to its own step"), st->id,
						      ch->label);
				else
					ch->guide = to;
				continue;
			}
			to = step_index(g, t);
			if (to < 0 && next)
				guide_problem(s, g, ch->line,
					      N_("step '%s': next target '%s' is not a step of this guide"), st->id, t);
			else if (to < 0)
				guide_problem(s, g, ch->line,
					      N_("step '%s': choice target '%s' is not a step of this guide"), st->id,
					      t);
			else if (to == i && next)
				guide_problem(s, g, ch->line, N_("step '%s': next leads to its own step"), st->id);
			else if (to == i)
				guide_problem(s, g, ch->line, N_("step '%s': the choice \"%s\" leads to its own step"),
					      st->id, ch->label);
			else
				ch->step = to;
		}
	}
}

static void check_reach(struct scheme_src *s, struct guide_src *g)
{
	int stack[GUIDE_MAX_STEPS], n = 0;

	memset(g->reach, 0, sizeof g->reach);
	if (g->g.nsteps == 0)
		return;
	g->reach[0] = true;
	stack[n++] = 0;
	while (n > 0) {
		const struct guide_step *st = &g->steps[stack[--n]];

		for (int c = 0; c < st->nchoices; c++) {
			int to = st->choice[c].step;

			if (to >= 0 && !g->reach[to]) {
				g->reach[to] = true;
				stack[n++] = to;
			}
		}
	}
	for (int i = 1; i < g->g.nsteps; i++) {
		/* A step without an id was reported, and a message about step '' helps nobody. */
		if (!g->reach[i] && g->steps[i].id[0])
			guide_problem(s, g, g->steps[i].line,
				      N_("step '%s' cannot be reached from the start (step '%s')"), g->steps[i].id,
				      g->steps[0].id);
	}
}

static const struct i18n_catalog *catalog_of(const struct scheme_src *s, const char *lang)
{
	for (int i = 0; i < s->ncats; i++) {
		if (strcmp(s->cat_langs[i], lang) == 0)
			return s->cats[i];
	}
	return NULL;
}

static bool is_broken(const struct scheme_src *s, const char *lang)
{
	for (int i = 0; i < s->nbroken; i++) {
		if (strcmp(s->broken_langs[i], lang) == 0)
			return true;
	}
	return false;
}

/* Checks one language of g: true when every text has a translation that fits. */
static bool check_language(struct scheme_src *s, struct guide_src *g, const char *lang, const struct guide_msg *msgs,
			   int n)
{
	const struct i18n_catalog *cat = catalog_of(s, lang);
	int missing = 0;
	bool complete = true;
	char shown[160];

	if (!cat && is_broken(s, lang)) {
		note(s, g->file, g->line_languages, N_("'%s' is in languages but %s.po has problems"), lang, lang);
		return false;
	}
	if (!cat)
		return false; /* check_translations says it once for all such languages */
	for (int i = 0; i < n; i++) {
		const char *t = i18n_get(cat, msgs[i].text);
		int len, max = GUIDE_TR_MAX(msgs[i].limit);

		guide_shorten(msgs[i].text, shown, sizeof shown);
		if (t == msgs[i].text) {
			complete = false;
			if (++missing <= MISSING_SHOWN)
				note(s, g->file, msgs[i].line,
				     N_("'%s' is in languages but the text \"%s\" has no translation in %s.po"), lang,
				     shown, lang);
			continue;
		}
		len = (int)guide_utf8_count(t);
		if (len > max) {
			complete = false;
			note(s, g->file, msgs[i].line, N_("translation into %s of \"%s\" is %d characters; at most %d"),
			     lang, shown, len, max);
		}
	}
	if (missing > MISSING_SHOWN)
		note(s, g->file, g->line_languages,
		     N_("'%s' is in languages but %d more texts have no translation in %s.po"), lang,
		     missing - MISSING_SHOWN, lang);
	return complete;
}

static void check_translations(struct scheme_src *s, struct guide_src *g)
{
	struct guide_msg *msgs = malloc(GUIDE_MAX_MSGS * sizeof *msgs);
	char without[GUIDE_MAX_LANGS * 10] = "", first[8] = "";
	int n, kept = 0, nwithout = 0;

	if (!msgs) {
		s->nomem = true;
		return;
	}
	g->g.steps = g->steps;
	n = guide_msgs(&g->g, msgs);
	for (int i = 0; i < g->g.nlangs; i++) {
		const char *lang = g->g.langs[i];

		if (!catalog_of(s, lang) && !is_broken(s, lang)) {
			/* Before any translation exists every language is missing: one line, not one per language. */
			size_t len = strlen(without);
			snprintf(without + len, sizeof without - len, "%s%s", len ? ", " : "", lang);
			nwithout++;
			if (nwithout == 1)
				memcpy(first, lang, sizeof first);
		} else if (check_language(s, g, lang, msgs, n)) {
			memmove(g->g.langs[kept++], lang, sizeof g->g.langs[0]);
		}
	}
	if (nwithout == 1)
		note(s, g->file, g->line_languages, N_("'%s' is in languages but there is no %s.po in this scheme"),
		     first, first);
	else if (nwithout > 1)
		note(s, g->file, g->line_languages, N_("these languages are listed but have no .po in this scheme: %s"),
		     without);
	g->g.nlangs = kept;
	free(msgs);
}

static void check_about(struct scheme_src *s)
{
	char shown[160];

	if (!s->about)
		return;
	guide_shorten(s->about, shown, sizeof shown);
	for (int i = 0; i < s->ncats; i++) {
		const char *t = i18n_get(s->cats[i], s->about);
		int len = (int)guide_utf8_count(t);

		if (t == s->about)
			note(s, s->scheme_file, s->line_about, N_("the about text has no translation in %s.po"),
			     s->cat_langs[i]);
		else if (len > GUIDE_TR_MAX(GUIDE_ABOUT_MAX))
			note(s, s->scheme_file, s->line_about,
			     N_("translation into %s of \"%s\" is %d characters; at most %d"), s->cat_langs[i], shown,
			     len, GUIDE_TR_MAX(GUIDE_ABOUT_MAX));
	}
}

/* Where a jump to another guide lands, or NULL when that guide is missing or left out. */
static struct guide_src *jump_of(struct scheme_src *s, const struct guide_choice *ch)
{
	struct guide_src *to = ch->guide >= 0 ? src_of(s, s->listed[ch->guide]) : NULL;

	return to && to->ok && to->g.nsteps > 0 ? to : NULL;
}

/* Steps from which some path reaches an end, over every guide of the scheme. */
static void check_ends(struct scheme_src *s)
{
	bool (*can)[GUIDE_MAX_STEPS] = calloc((size_t)s->nguides + 1, sizeof *can);
	bool changed = true;

	if (!can) {
		s->nomem = true;
		return;
	}
	/* Broken steps and targets count as exits here: they were reported already. */
	for (int g = 0; g < s->nguides; g++) {
		for (int i = 0; i < s->guides[g].g.nsteps; i++) {
			const struct guide_step *st = &s->guides[g].steps[i];

			can[g][i] = st->end != GUIDE_END_NONE || st->nchoices == 0;
			for (int c = 0; c < st->nchoices; c++) {
				const struct guide_choice *ch = &st->choice[c];

				if (ch->step < 0 && !jump_of(s, ch))
					can[g][i] = true;
			}
		}
	}
	while (changed) {
		changed = false;
		for (int g = 0; g < s->nguides; g++) {
			for (int i = 0; i < s->guides[g].g.nsteps; i++) {
				const struct guide_step *st = &s->guides[g].steps[i];

				for (int c = 0; !can[g][i] && c < st->nchoices; c++) {
					const struct guide_choice *ch = &st->choice[c];
					struct guide_src *to = ch->step < 0 ? jump_of(s, ch) : NULL;

					if ((ch->step >= 0 && can[g][ch->step]) || (to && can[to - s->guides][0]))
						changed = can[g][i] = true;
				}
			}
		}
	}
	for (int g = 0; g < s->nguides; g++) {
		struct guide_src *src = &s->guides[g];

		for (int i = 0; i < src->g.nsteps; i++) {
			if (src->reach[i] && !can[g][i])
				guide_problem(s, src, src->steps[i].line,
					      N_("step '%s' cannot reach an end: every path from it goes round without "
						 "'end: solved' or 'end: help'"),
					      src->steps[i].id);
		}
	}
	free(can);
}

/* A guide that sends the visitor to a guide that is left out is left out too. */
static void check_jumps(struct scheme_src *s)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (int g = 0; g < s->nguides; g++) {
			struct guide_src *src = &s->guides[g];

			for (int i = 0; src->ok && i < src->g.nsteps; i++) {
				for (int c = 0; src->ok && c < src->steps[i].nchoices; c++) {
					const struct guide_choice *ch = &src->steps[i].choice[c];

					if (ch->guide < 0 || jump_of(s, ch))
						continue;
					guide_problem(s, src, ch->line,
						      N_("step '%s': guide '%s' has problems, so this guide is left "
							 "out too"),
						      src->steps[i].id, s->listed[ch->guide]);
					changed = true;
				}
			}
		}
	}
}

void guide_check_scheme(struct scheme_src *s)
{
	for (int g = 0; g < s->nguides; g++) {
		struct guide_src *src = &s->guides[g];

		src->order = listed_index(s, src->stem);
		src->listed = src->order >= 0;
		src->index = -1;
		if (!src->listed && s->has_scheme_file)
			guide_problem(s, src, 0, N_("this guide is not in the guides list of scheme.txt"));
		else if (!src->listed)
			src->ok = false;
		resolve(s, src);
		check_reach(s, src);
		check_translations(s, src);
	}
	for (int i = 0; i < s->nlisted; i++) {
		if (!src_of(s, s->listed[i])) {
			guide_report_add(s->rep, s->tr, s->scheme_file, s->line_guides,
					 N_("guide '%s' is listed but there is no %s.guide"), s->listed[i],
					 s->listed[i]);
			s->ok = false;
		}
	}
	check_about(s);
	check_ends(s);
	if (s->ok)
		check_jumps(s);
}

bool guide_keep_scheme(struct scheme_src *s, struct guide_scheme *out)
{
	void **arena = &s->lib->arena;
	int kept = 0;

	if (!s->ok || s->nomem)
		return false;
	for (int i = 0; i < s->nlisted; i++) {
		struct guide_src *src = src_of(s, s->listed[i]);

		if (src && src->ok)
			src->index = kept++;
	}
	if (kept == 0)
		return false;
	memset(out, 0, sizeof *out);
	out->guides = guide_arena_alloc(arena, (size_t)kept * sizeof *out->guides);
	out->dir = guide_arena_strndup(arena, s->dir, strlen(s->dir));
	if (!out->guides || !out->dir) {
		s->nomem = true;
		return false;
	}
	for (int i = 0; i < s->nlisted; i++) {
		struct guide_src *src = src_of(s, s->listed[i]);
		struct guide *g;

		if (!src || !src->ok)
			continue;
		g = &out->guides[src->index];
		*g = src->g;
		g->steps = guide_arena_alloc(arena, (size_t)g->nsteps * sizeof *g->steps);
		if (!g->steps) {
			s->nomem = true;
			return false;
		}
		memcpy(g->steps, src->steps, (size_t)g->nsteps * sizeof *g->steps);
		for (int st = 0; st < g->nsteps; st++) {
			for (int c = 0; c < g->steps[st].nchoices; c++) {
				struct guide_choice *ch = &g->steps[st].choice[c];

				if (ch->guide >= 0)
					ch->guide = src_of(s, s->listed[ch->guide])->index;
			}
		}
	}
	out->nguides = kept;
	out->id = s->id;
	out->name = s->name;
	out->about = s->about;
	out->about_line = s->line_about;
	/* The catalogs move to the library. */
	for (int i = 0; i < s->ncats; i++) {
		out->cats[i] = s->cats[i];
		memcpy(out->cat_langs[i], s->cat_langs[i], sizeof out->cat_langs[i]);
		s->cats[i] = NULL;
	}
	out->ncats = s->ncats;
	s->ncats = 0;
	return true;
}
