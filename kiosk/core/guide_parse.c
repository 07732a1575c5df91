/*
 * DESIGN: guide_parse, the grammars of scheme.txt and .guide files (docs/guides.md).
 *
 * What it is: the keys of each file, in the header or in a step, every value
 * checked as it is read (ids, limits, links, phones, images, warnings,
 * languages) and copied into the library's arena. A problem leaves the guide
 * or scheme out; a problem with a language only leaves that language out.
 * What it is not: the line reader (guide_read.c); the checks that need the
 * whole guide or scheme, such as targets, reachability and translations
 * (guide_check.c).
 * Threading: touches only its arguments; any thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guide_private.h"
#include "kiosk/i18n.h"

/* ---- scheme.txt ---- */

enum { SK_SCHEME, SK_NAME, SK_ABOUT, SK_GUIDES, NSK };
static const char *const scheme_keys[NSK] = { "scheme", "name", "about", "guides" };

static void scheme_guides(struct guide_reader *r, struct scheme_src *s, char *v)
{
	for (char *save = NULL, *id = strtok_r(v, " \t,", &save); id; id = strtok_r(NULL, " \t,", &save)) {
		bool dup = false;

		if (!guide_id_valid(id)) {
			guide_reader_problem(r, r->line,
					     N_("'%s' is not a valid guide id: use lower case letters, digits and -"),
					     id);
			continue;
		}
		for (int i = 0; i < s->nlisted; i++)
			dup = dup || strcmp(s->listed[i], id) == 0;
		if (dup) {
			guide_reader_problem(r, r->line, N_("'%s' is listed twice"), id);
		} else if (s->nlisted == GUIDE_MAX_GUIDES) {
			guide_reader_problem(r, r->line, N_("a scheme has at most %d guides"), GUIDE_MAX_GUIDES);
			return;
		} else {
			snprintf(s->listed[s->nlisted++], GUIDE_ID_MAX, "%s", id);
		}
	}
}

void guide_load_scheme_file(struct scheme_src *s)
{
	struct guide_reader r = { s, s->scheme_file, NULL, NULL, NULL, 0, &s->ok };
	int *seen[NSK] = { &s->line_scheme, &s->line_name, &s->line_about, &s->line_guides };
	char *l, *key, *v;

	if (!guide_reader_open(&r)) {
		free(r.buf);
		return;
	}
	s->has_scheme_file = true;
	for (l = guide_reader_next(&r); l; l = guide_reader_next(&r)) {
		int k;

		if (!guide_reader_split(l, &key, &v)) {
			guide_reader_problem(&r, r.line, N_("this line is not 'key: value'"));
			continue;
		}
		k = guide_reader_find_key(key, scheme_keys, NSK);
		if (k < 0) {
			guide_reader_unknown_key(&r, key, scheme_keys, NSK);
			continue;
		}
		if (!guide_reader_once(&r, key, seen[k]) || !guide_reader_not_empty(&r, key, v))
			continue;
		switch (k) {
		case SK_SCHEME:
			s->id = guide_reader_keep(&r, v);
			if (strcmp(v, s->dirname) != 0)
				guide_reader_problem(&r, r.line,
						     N_("the scheme id '%s' does not match the directory name '%s'"), v,
						     s->dirname);
			break;
		case SK_NAME:
			s->name = guide_reader_keep(&r, v);
			break;
		case SK_ABOUT:
			s->about = guide_reader_keep(&r, v);
			guide_reader_limit(&r, key, v, GUIDE_ABOUT_MAX);
			break;
		case SK_GUIDES:
			scheme_guides(&r, s, v);
			break;
		}
	}
	for (int k = 0; k < NSK; k++) {
		if (!*seen[k])
			guide_reader_problem(&r, 0, N_("'%s' is missing"), scheme_keys[k]);
	}
	free(r.buf);
}

/* ---- a .guide file ---- */

enum { HK_GUIDE, HK_TITLE, HK_SUMMARY, HK_LANGUAGES, HK_WARNINGS, NHK };
static const char *const header_keys[NHK] = { "guide", "title", "summary", "languages", "warnings" };
enum { K_TITLE, K_TEXT, K_IMAGE, K_LINK, K_PHONE, K_WARN, K_CHOICE, K_NEXT, K_END, NK };
static const char *const step_keys[NK] = { "title", "text", "image", "link", "phone", "warn", "choice", "next", "end" };

struct gparse {
	struct guide_reader r;
	struct guide_src *g;
	struct guide_step *st; /* the step being read, NULL in the header */
	const char **targets;  /* its raw targets */
	struct guide_step spill; /* steps past the limit are read here and forgotten */
	const char *spill_targets[GUIDE_MAX_CHOICES];
	int hseen[NHK], sseen[NK];
	int nchoice_lines;
	const char *next;
};

static bool target_valid(const char *t)
{
	return guide_id_valid(t[0] == '@' ? t + 1 : t);
}

static void header_languages(struct gparse *p, char *v)
{
	struct guide *g = &p->g->g;

	for (char *save = NULL, *c = strtok_r(v, " \t,", &save); c; c = strtok_r(NULL, " \t,", &save)) {
		const struct i18n_lang *lang = i18n_lang_find(c);
		bool dup = false;

		for (int i = 0; i < g->nlangs; i++)
			dup = dup || strcmp(g->langs[i], c) == 0;
		if (strcmp(c, "en") == 0)
			guide_reader_note(&p->r, p->r.line,
					  N_("'en' is the source language: list only the translations"));
		else if (!lang || strcmp(lang->code, c) != 0)
			guide_reader_note(&p->r, p->r.line, N_("'%s' is not a language code the kiosk knows"), c);
		else if (dup)
			guide_reader_note(&p->r, p->r.line, N_("'%s' is listed twice"), c);
		else if (g->nlangs == GUIDE_MAX_LANGS)
			guide_reader_note(&p->r, p->r.line, N_("at most %d languages; '%s' is left out"),
					  GUIDE_MAX_LANGS, c);
		else
			snprintf(g->langs[g->nlangs++], sizeof g->langs[0], "%s", c);
	}
}

static void header_warnings(struct gparse *p, char *v)
{
	struct guide *g = &p->g->g;
	int listed = 0;

	for (char *save = NULL, *w = strtok_r(v, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		int k = -1;
		bool dup = false;

		listed++;
		for (int i = 0; i < GUIDE_WARN_COUNT; i++) {
			if (strcmp(w, guide_warning_key((enum guide_warning)i)) == 0)
				k = i;
		}
		for (int i = 0; i < g->nwarnings; i++)
			dup = dup || (int)g->warnings[i] == k;
		if (k < 0)
			guide_reader_problem(&p->r, p->r.line,
					     N_("unknown warning '%s'; the warnings are never-share, never-approve, "
						"read-before-approve and own-id"),
					     w);
		else if (dup)
			guide_reader_problem(&p->r, p->r.line, N_("'%s' is listed twice"), w);
		else if (g->nwarnings < GUIDE_MAX_WARNINGS)
			g->warnings[g->nwarnings++] = (enum guide_warning)k;
	}
	if (listed > GUIDE_MAX_WARNINGS)
		guide_reader_problem(&p->r, p->r.line, N_("at most %d warnings; this guide lists %d"),
				     GUIDE_MAX_WARNINGS, listed);
}

static void header_key(struct gparse *p, int k, const char *key, char *v)
{
	struct guide *g = &p->g->g;

	if (!guide_reader_once(&p->r, key, &p->hseen[k]))
		return;
	if (k != HK_LANGUAGES && k != HK_WARNINGS && !guide_reader_not_empty(&p->r, key, v))
		return;
	switch (k) {
	case HK_GUIDE:
		g->id = guide_reader_keep(&p->r, v);
		if (!guide_id_valid(v))
			guide_reader_problem(&p->r, p->r.line,
					     N_("'%s' is not a valid guide id: use lower case letters, digits and -"),
					     v);
		else if (strcmp(v, p->g->stem) != 0)
			guide_reader_problem(&p->r, p->r.line,
					     N_("the guide id '%s' does not match the file name %s.guide"), v,
					     p->g->stem);
		p->g->line_guide = p->r.line;
		break;
	case HK_TITLE:
		g->title = guide_reader_keep(&p->r, v);
		g->title_line = p->r.line;
		guide_reader_limit(&p->r, key, v, GUIDE_TITLE_MAX);
		break;
	case HK_SUMMARY:
		g->summary = guide_reader_keep(&p->r, v);
		g->summary_line = p->r.line;
		guide_reader_limit(&p->r, key, v, GUIDE_SUMMARY_MAX);
		break;
	case HK_LANGUAGES:
		p->g->line_languages = p->r.line;
		header_languages(p, v);
		break;
	case HK_WARNINGS:
		p->g->line_warnings = p->r.line;
		header_warnings(p, v);
		break;
	}
}

static void step_image(struct gparse *p, const char *v)
{
	const char *images = p->r.s->images_dir, *dot = strrchr(v, '.');
	char path[GUIDE_PATH_MAX + 256];
	struct stat sb;

	if (strchr(v, '/') || v[0] == '.') {
		guide_reader_problem(&p->r, p->r.line, N_("image '%s' must be a file name in %s, without a directory"),
				     v, images);
		return;
	}
	if (!dot || (strcmp(dot, ".svg") != 0 && strcmp(dot, ".png") != 0)) {
		guide_reader_problem(&p->r, p->r.line, N_("image '%s' must be an SVG or PNG file (.svg or .png)"), v);
		return;
	}
	snprintf(path, sizeof path, "%s/%s", images, v);
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		guide_reader_problem(&p->r, p->r.line, N_("image '%s' is not in %s"), v, images);
}

static bool phone_valid(const char *v)
{
	bool digit = false;

	for (const char *c = v; *c; c++) {
		if (*c >= '0' && *c <= '9')
			digit = true;
		else if (!(*c == ' ' || (*c == '+' && c == v)))
			return false;
	}
	return digit;
}

static void step_choice(struct gparse *p, char *v)
{
	char *arrow = NULL, *label, *target;

	for (char *a = strstr(v, "->"); a; a = strstr(a + 2, "->"))
		arrow = a;
	if (++p->nchoice_lines == GUIDE_MAX_CHOICES + 1)
		guide_reader_problem(&p->r, p->r.line, N_("step '%s' has more than %d choices"), p->st->id,
				     GUIDE_MAX_CHOICES);
	if (!arrow) {
		guide_reader_problem(&p->r, p->r.line, N_("a choice is written 'LABEL -> TARGET'"));
		return;
	}
	*arrow = '\0';
	label = guide_reader_trim(v);
	target = guide_reader_trim(arrow + 2);
	if (!*label || !*target) {
		guide_reader_problem(&p->r, p->r.line, N_("a choice is written 'LABEL -> TARGET'"));
		return;
	}
	if (!target_valid(target))
		guide_reader_problem(&p->r, p->r.line,
				     N_("'%s' is not a step id or @guide: use lower case letters, digits and -"),
				     target);
	if ((int)guide_utf8_count(label) > GUIDE_CHOICE_MAX)
		guide_reader_problem(&p->r, p->r.line, N_("the choice label is %d characters; at most %d"),
				     (int)guide_utf8_count(label), GUIDE_CHOICE_MAX);
	if (p->st->nchoices < GUIDE_MAX_CHOICES) {
		struct guide_choice *c = &p->st->choice[p->st->nchoices];

		c->label = guide_reader_keep(&p->r, label);
		c->line = p->r.line;
		c->step = c->guide = -1;
		p->targets[p->st->nchoices++] = guide_reader_keep(&p->r, target);
	}
}

static void step_key(struct gparse *p, int k, const char *key, char *v)
{
	struct guide_step *st = p->st;

	if (k == K_TEXT && st->ntext == GUIDE_MAX_TEXTS) {
		guide_reader_problem(&p->r, p->r.line, N_("a step has at most %d text lines"), GUIDE_MAX_TEXTS);
		return;
	}
	if (k != K_TEXT && k != K_CHOICE && !guide_reader_once(&p->r, key, &p->sseen[k]))
		return;
	if (!guide_reader_not_empty(&p->r, key, v))
		return;
	switch (k) {
	case K_TITLE:
		st->title = guide_reader_keep(&p->r, v);
		st->title_line = p->r.line;
		guide_reader_limit(&p->r, key, v, GUIDE_TITLE_MAX);
		break;
	case K_TEXT:
		st->text_line[st->ntext] = p->r.line;
		st->text[st->ntext++] = guide_reader_keep(&p->r, v);
		guide_reader_limit(&p->r, key, v, GUIDE_TEXT_MAX);
		break;
	case K_IMAGE:
		st->image = guide_reader_keep(&p->r, v);
		step_image(p, v);
		break;
	case K_LINK:
		st->link = guide_reader_keep(&p->r, v);
		if (strncmp(v, "https://", 8) != 0 || !v[8] || strpbrk(v, " \t"))
			guide_reader_problem(&p->r, p->r.line,
					     N_("link must be an https:// address without spaces, not '%s'"), v);
		guide_reader_limit(&p->r, key, v, GUIDE_LINK_MAX);
		break;
	case K_PHONE:
		st->phone = guide_reader_keep(&p->r, v);
		if (!phone_valid(v))
			guide_reader_problem(&p->r, p->r.line,
					     N_("phone must be digits and spaces, with + only at the start, not '%s'"),
					     v);
		guide_reader_limit(&p->r, key, v, GUIDE_PHONE_MAX);
		break;
	case K_WARN:
		st->warn = guide_reader_keep(&p->r, v);
		st->warn_line = p->r.line;
		guide_reader_limit(&p->r, key, v, GUIDE_WARN_MAX);
		break;
	case K_CHOICE:
		step_choice(p, v);
		break;
	case K_NEXT:
		p->next = guide_reader_keep(&p->r, v);
		if (!target_valid(v))
			guide_reader_problem(&p->r, p->r.line,
					     N_("'%s' is not a step id or @guide: use lower case letters, digits "
						"and -"),
					     v);
		break;
	case K_END:
		if (strcmp(v, "solved") == 0)
			st->end = GUIDE_END_SOLVED;
		else if (strcmp(v, "help") == 0)
			st->end = GUIDE_END_HELP;
		else
			guide_reader_problem(&p->r, p->r.line, N_("end must be 'solved' or 'help', not '%s'"), v);
		break;
	}
}

/* The checks only a whole step can make, then a `next` becomes its one choice. */
static void close_step(struct gparse *p)
{
	struct guide_step *st = p->st;
	bool choices = p->nchoice_lines > 0, next = p->sseen[K_NEXT] > 0, end = p->sseen[K_END] > 0;

	if (!st)
		return;
	if (!p->sseen[K_TITLE])
		guide_reader_problem(&p->r, st->line, N_("step '%s' has no title"), st->id);
	if (choices && end)
		guide_reader_problem(&p->r, st->line, N_("step '%s' has both choices and an end; keep one of them"),
				     st->id);
	else if (choices && next)
		guide_reader_problem(&p->r, st->line, N_("step '%s' has both choices and a next; keep one of them"),
				     st->id);
	else if (next && end)
		guide_reader_problem(&p->r, st->line, N_("step '%s' has both a next and an end; keep one of them"),
				     st->id);
	else if (!choices && !next && !end)
		guide_reader_problem(&p->r, st->line,
				     N_("step '%s' has no choice, next or end, so the visitor cannot go on"), st->id);
	else if (next && p->next) {
		st->choice[0] = (struct guide_choice){ NULL, -1, -1, p->sseen[K_NEXT] };
		st->nchoices = 1;
		p->targets[0] = p->next;
	}
}

static void open_step(struct gparse *p, char *id)
{
	struct guide_src *g = p->g;

	close_step(p);
	memset(p->sseen, 0, sizeof p->sseen);
	p->nchoice_lines = 0;
	p->next = NULL;
	if (!*id)
		guide_reader_problem(&p->r, p->r.line, N_("the step has no id: write 'step ID'"));
	else if (!guide_id_valid(id))
		guide_reader_problem(&p->r, p->r.line,
				     N_("'%s' is not a valid step id: use lower case letters, digits and -"), id);
	for (int i = 0; i < g->g.nsteps; i++) {
		if (*id && strcmp(g->steps[i].id, id) == 0)
			guide_reader_problem(&p->r, p->r.line,
					     N_("step '%s' is already on line %d; step ids must differ"), id,
					     g->steps[i].line);
	}
	if (g->g.nsteps == GUIDE_MAX_STEPS) {
		if (p->st != &p->spill)
			guide_reader_problem(&p->r, p->r.line, N_("a guide has at most %d steps"), GUIDE_MAX_STEPS);
		memset(&p->spill, 0, sizeof p->spill);
		p->st = &p->spill;
		p->targets = p->spill_targets;
	} else {
		p->st = &g->steps[g->g.nsteps];
		p->targets = g->target[g->g.nsteps];
		g->g.nsteps++;
	}
	p->st->id = guide_reader_keep(&p->r, id);
	p->st->line = p->r.line;
}

void guide_load_guide_file(struct scheme_src *s, struct guide_src *g, const char *path)
{
	struct gparse *p = calloc(1, sizeof *p);
	char *l, *key, *v;

	if (!p) {
		s->nomem = true;
		g->ok = false;
		return;
	}
	p->r = (struct guide_reader){ s, path, NULL, NULL, NULL, 0, &g->ok };
	p->g = g;
	g->g.file = guide_reader_keep(&p->r, path);
	if (!guide_reader_open(&p->r))
		goto out;
	for (l = guide_reader_next(&p->r); l; l = guide_reader_next(&p->r)) {
		int hk, sk;

		if (strncmp(l, "step", 4) == 0 && (l[4] == ' ' || l[4] == '\t' || l[4] == '\0')) {
			open_step(p, guide_reader_trim(l + 4));
			continue;
		}
		if (!guide_reader_split(l, &key, &v)) {
			guide_reader_problem(&p->r, p->r.line, N_("this line is not 'key: value' or 'step ID'"));
			continue;
		}
		hk = guide_reader_find_key(key, header_keys, NHK);
		sk = guide_reader_find_key(key, step_keys, NK);
		if (strcmp(key, "step") == 0)
			guide_reader_problem(&p->r, p->r.line, N_("a step starts with 'step ID', without a colon"));
		else if (!p->st && hk >= 0)
			header_key(p, hk, key, v);
		else if (p->st && sk >= 0)
			step_key(p, sk, key, v);
		else if (!p->st && sk >= 0)
			guide_reader_problem(&p->r, p->r.line,
					     N_("'%s' belongs in a step: start one with 'step ID' above it"), key);
		else if (p->st && hk >= 0)
			guide_reader_problem(&p->r, p->r.line, N_("'%s' belongs in the header, above the first step"),
					     key);
		else if (p->st)
			guide_reader_unknown_key(&p->r, key, step_keys, NK);
		else
			guide_reader_unknown_key(&p->r, key, header_keys, NHK);
	}
	close_step(p);
	for (int k = 0; k < HK_LANGUAGES; k++) {
		if (!p->hseen[k])
			guide_reader_problem(&p->r, 0, N_("'%s' is missing"), header_keys[k]);
	}
	if (g->g.nsteps == 0)
		guide_reader_problem(&p->r, 0, N_("the guide has no steps"));
out:
	free(p->r.buf);
	free(p);
}
