/*
 * DESIGN: guide_pot, the translation template of a scheme's guides.
 *
 * What it is: every text of a scheme (its `about`, then each guide's texts
 * in scheme.txt order and file order) once, as a gettext template that
 * msgfmt -c accepts and msgmerge merges into the scheme's .po files. Each
 * entry says where it appears (`#. new-phone, step copy: title`), how long
 * a translation may be, and `#: mitid/new-phone.guide:12`, relative to the
 * guides directory, so templates do not depend on where the tree sits.
 * There is no creation date: the same guides give the same file, so a
 * committed template only changes when the texts do.
 * What it is not: no file writing (kiosk --guides-pot prints it).
 * Threading: reads an immutable scheme; any thread.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guide_private.h"

/* A scheme's template is tens of kilobytes; this only stops a runaway. */
#define POT_MAX (8u << 20)

struct out {
	char *p;
	size_t len, cap;
	bool failed;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p ? o->p + o->len : NULL, o->p ? o->cap - o->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->failed = true;
		return;
	}
	if (!o->p || o->len + (size_t)n >= o->cap) {
		size_t cap = o->cap ? o->cap : 16384;
		char *p;

		while (cap <= o->len + (size_t)n)
			cap *= 2;
		p = cap <= POT_MAX ? realloc(o->p, cap) : NULL;
		if (!p) {
			o->failed = true;
			return;
		}
		o->p = p;
		o->cap = cap;
		va_start(ap, fmt);
		vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
	}
	o->len += (size_t)n;
}

static void put_string(struct out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(o, "\\%c", *s);
		else if (*s == '\t')
			put(o, "\\t");
		else
			put(o, "%c", *s);
	}
	put(o, "\"\n");
}

/* One occurrence of a text. */
struct use {
	const char *text;
	const char *file; /* the file name inside the scheme directory */
	const char *guide; /* NULL for scheme.txt */
	const char *step;  /* NULL for the header */
	const char *role;
	int line, limit;
	bool done;
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void put_entry(struct out *o, struct use *uses, int n, int first, const char *scheme_dir)
{
	int limit = uses[first].limit;

	for (int i = first; i < n; i++) {
		struct use *u = &uses[i];

		if (i != first && (u->done || strcmp(u->text, uses[first].text) != 0))
			continue;
		u->done = true;
		if (u->limit < limit)
			limit = u->limit;
		if (!u->guide)
			put(o, "#. scheme %s: %s\n", scheme_dir, u->role);
		else if (!u->step)
			put(o, "#. %s: %s\n", u->guide, u->role);
		else
			put(o, "#. %s, step %s: %s\n", u->guide, u->step, u->role);
	}
	put(o, "#. at most %d characters\n", GUIDE_TR_MAX(limit));
	for (int i = first; i < n; i++) {
		if (i == first || (uses[i].done && strcmp(uses[i].text, uses[first].text) == 0))
			put(o, "#: %s/%s:%d\n", scheme_dir, uses[i].file, uses[i].line);
	}
	put(o, "msgid ");
	put_string(o, uses[first].text);
	put(o, "msgstr \"\"\n\n");
}

char *guide_pot(const struct guide_scheme *s)
{
	int cap = 1 + s->nguides * GUIDE_MAX_MSGS, n = 0;
	struct use *uses = calloc((size_t)cap, sizeof *uses);
	struct guide_msg *msgs = malloc(GUIDE_MAX_MSGS * sizeof *msgs);
	const char *scheme_dir = base_name(s->dir);
	struct out o = { 0 };

	if (!uses || !msgs) {
		free(uses);
		free(msgs);
		return NULL;
	}
	if (s->about)
		uses[n++] = (struct use){ s->about, "scheme.txt", NULL, NULL, "about", s->about_line, GUIDE_ABOUT_MAX,
					  false };
	for (int g = 0; g < s->nguides; g++) {
		const struct guide *gd = &s->guides[g];
		int m = guide_msgs(gd, msgs);

		for (int i = 0; i < m && n < cap; i++) {
			const char *step = msgs[i].step >= 0 ? gd->steps[msgs[i].step].id : NULL;

			uses[n++] = (struct use){ msgs[i].text, base_name(gd->file), gd->id, step, msgs[i].role,
						  msgs[i].line, msgs[i].limit, false };
		}
	}
	put(&o, "# Texts of the %s guides (%s), for translators.\n", s->name, scheme_dir);
	put(&o, "# Made by kiosk --guides-pot; do not edit: change the .guide files and make it again,\n");
	put(&o, "# then update each language with msgmerge --update LANG.po guides.pot (docs/guides.md).\n");
	put(&o, "#\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n");
	put(&o, "\"Project-Id-Version: kiosk guides %s\\n\"\n", scheme_dir);
	put(&o, "\"Report-Msgid-Bugs-To: none\\n\"\n");
	put(&o, "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n");
	put(&o, "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n");
	put(&o, "\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n");
	put(&o, "\"Language: \\n\"\n");
	put(&o, "\"MIME-Version: 1.0\\n\"\n");
	put(&o, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
	put(&o, "\"Content-Transfer-Encoding: 8bit\\n\"\n\n");
	for (int i = 0; i < n; i++) {
		if (!uses[i].done)
			put_entry(&o, uses, n, i, scheme_dir);
	}
	free(uses);
	free(msgs);
	if (o.failed) {
		free(o.p);
		return NULL;
	}
	return o.p;
}
