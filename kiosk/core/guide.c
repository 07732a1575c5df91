/*
 * DESIGN: guide, the digital-ID guide library's small shared parts.
 *
 * What it is: the arena every string and step of a library lives in (so
 * guide_library_destroy is a walk over a few blocks), the problem report,
 * UTF-8 counting for the limits, lookups, the warnings table, and the choice
 * of catalog for a guide in a language. Reading files is guide_load.c, the
 * checks guide_check.c, the walk guide_walk.c, the template guide_pot.c.
 * What it is not: no I/O, no rendering; the screens translate and draw.
 * Threading: a loaded library is immutable; any thread may read it.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guide_private.h"
#include "kiosk/guide.h"
#include "kiosk/i18n.h"

/* A library is a few hundred strings; blocks this size keep the count low. */
#define ARENA_BLOCK 16384

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t mem[];
};

void *guide_arena_alloc(void **arena, size_t n)
{
	struct arena_block *b = *arena;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena_block *nb = calloc(1, sizeof *nb + cap);

		if (!nb)
			return NULL;
		nb->cap = cap;
		nb->next = b;
		*arena = nb;
		b = nb;
	}
	void *p = (char *)b->mem + b->used;
	b->used += n;
	return p;
}

char *guide_arena_strndup(void **arena, const char *s, size_t n)
{
	char *p = guide_arena_alloc(arena, n + 1);

	if (p)
		memcpy(p, s, n);
	return p;
}

void guide_arena_free(void *arena)
{
	struct arena_block *b = arena;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void guide_report_add(struct guide_report *rep, const struct i18n_catalog *tr, const char *file, int line,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guide_report_vadd(rep, tr, file, line, fmt, ap);
	va_end(ap);
}

void guide_report_vadd(struct guide_report *rep, const struct i18n_catalog *tr, const char *file, int line,
		       const char *fmt, va_list ap)
{
	struct guide_problem *p;
	int n;

	if (rep->count >= GUIDE_MAX_PROBLEMS) {
		rep->dropped++;
		return;
	}
	p = &rep->item[rep->count++];
	snprintf(p->file, sizeof p->file, "%s", file);
	p->line = line;
	/* Translations are checked (msgfmt -c) to keep the msgid's conversions. */
	n = vsnprintf(p->msg, sizeof p->msg, i18n_get(tr, fmt), ap);
	if (n >= (int)sizeof p->msg) {
		/* Cut at a character boundary: half a letter breaks the text renderer. */
		size_t end = sizeof p->msg - 1;

		while (end > 0 && ((unsigned char)p->msg[end] & 0xc0) == 0x80)
			end--;
		p->msg[end] = '\0';
	}
}

void guide_report_sort(struct guide_report *rep)
{
	/* Insertion sort: stable, and there are at most GUIDE_MAX_PROBLEMS items. */
	for (int i = 1; i < rep->count; i++) {
		struct guide_problem p = rep->item[i];
		int j = i - 1;

		while (j >= 0) {
			int c = strcmp(rep->item[j].file, p.file);

			if (c < 0 || (c == 0 && rep->item[j].line <= p.line))
				break;
			rep->item[j + 1] = rep->item[j];
			j--;
		}
		rep->item[j + 1] = p;
	}
}

size_t guide_utf8_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool guide_id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= GUIDE_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	}
	return true;
}

void guide_shorten(const char *s, char *out, size_t cap)
{
	/* Enough to recognise the text; a whole paragraph would push the message past its buffer. */
	enum { KEEP = 40 };
	size_t i = 0, chars = 0;

	while (s[i] && chars < KEEP) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (s[i]) {
		size_t cut = i;

		while (cut > 0 && s[cut - 1] == ' ')
			cut--;
		snprintf(out, cap, "%.*s...", (int)cut, s);
	} else {
		snprintf(out, cap, "%s", s);
	}
}

void guide_library_destroy(struct guide_library *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < lib->nschemes; i++) {
		for (int j = 0; j < lib->schemes[i].ncats; j++)
			i18n_catalog_destroy(lib->schemes[i].cats[j]);
	}
	guide_arena_free(lib->arena);
	free(lib);
}

const struct guide_scheme *guide_scheme_find(const struct guide_library *lib, const char *id)
{
	for (int i = 0; lib && id && i < lib->nschemes; i++) {
		if (strcmp(lib->schemes[i].id, id) == 0)
			return &lib->schemes[i];
	}
	return NULL;
}

int guide_find(const struct guide_scheme *s, const char *id)
{
	for (int i = 0; s && id && i < s->nguides; i++) {
		if (strcmp(s->guides[i].id, id) == 0)
			return i;
	}
	return -1;
}

const struct i18n_catalog *guide_catalog(const struct guide_scheme *s, const struct guide *g, const char *lang)
{
	const struct i18n_catalog *cat = NULL;

	if (!s || !lang)
		return NULL;
	for (int i = 0; i < s->ncats; i++) {
		if (strcmp(s->cat_langs[i], lang) == 0)
			cat = s->cats[i];
	}
	if (!g)
		return cat;
	for (int i = 0; i < g->nlangs; i++) {
		if (strcmp(g->langs[i], lang) == 0)
			return cat;
	}
	return NULL;
}

static const struct {
	const char *key, *text;
} warnings[GUIDE_WARN_COUNT] = {
	[GUIDE_WARN_NEVER_SHARE] = { "never-share",
				     N_("Never give your codes, password or user ID to anyone: not family, not the "
					"bank, not the police.") },
	[GUIDE_WARN_NEVER_APPROVE] = { "never-approve",
				       N_("Never approve anything in the app that you did not start yourself.") },
	[GUIDE_WARN_READ_BEFORE_APPROVE] = { "read-before-approve",
					     N_("Read the text in the app before you approve. If it is not what you "
						"are doing, stop.") },
	[GUIDE_WARN_OWN_ID] = { "own-id",
				N_("A person who helps you must use their own ID and a power of attorney, never "
				   "yours.") },
};

const char *guide_warning_text(enum guide_warning w)
{
	return (unsigned)w < GUIDE_WARN_COUNT ? warnings[w].text : "";
}

const char *guide_warning_key(enum guide_warning w)
{
	return (unsigned)w < GUIDE_WARN_COUNT ? warnings[w].key : "";
}

static void add_msg(struct guide_msg *out, int *n, const char *text, int line, int limit, const char *role,
		    int step)
{
	if (text && *n < GUIDE_MAX_MSGS)
		out[(*n)++] = (struct guide_msg){ text, line, limit, role, step };
}

int guide_msgs(const struct guide *g, struct guide_msg *out)
{
	int n = 0;

	add_msg(out, &n, g->title, g->title_line, GUIDE_TITLE_MAX, "title", -1);
	add_msg(out, &n, g->summary, g->summary_line, GUIDE_SUMMARY_MAX, "summary", -1);
	for (int i = 0; i < g->nsteps; i++) {
		const struct guide_step *st = &g->steps[i];

		add_msg(out, &n, st->title, st->title_line, GUIDE_TITLE_MAX, "title", i);
		for (int t = 0; t < st->ntext; t++)
			add_msg(out, &n, st->text[t], st->text_line[t], GUIDE_TEXT_MAX, "text", i);
		add_msg(out, &n, st->warn, st->warn_line, GUIDE_WARN_MAX, "warning", i);
		for (int c = 0; c < st->nchoices; c++)
			add_msg(out, &n, st->choice[c].label, st->choice[c].line, GUIDE_CHOICE_MAX, "choice", i);
	}
	/* Keys of a step may come in any order; translators and messages follow the file. */
	for (int i = 1; i < n; i++) {
		struct guide_msg m = out[i];
		int j = i - 1;

		while (j >= 0 && out[j].line > m.line) {
			out[j + 1] = out[j];
			j--;
		}
		out[j + 1] = m;
	}
	return n;
}
