/*
 * DESIGN: guide_read, the line reader shared by scheme.txt and .guide files.
 *
 * What it is: reading one file whole (bounded, so the wrong file is refused
 * rather than parsed into a wall of problems), handing out its lines without
 * comments and blanks, trimmed and checked for UTF-8 and control characters,
 * splitting `key: value`, and the small checks every key shares (set once,
 * not empty, within its limit, unknown with a suggestion). Every problem is
 * reported with the file and line, and marks what is being read as left out.
 * What it is not: the grammars; those are guide_parse.c.
 * Threading: touches only its arguments; any thread.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guide_private.h"
#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

/* Suggestions further away than this confuse more than they help. */
#define SUGGEST_MAX 2

void guide_reader_problem(struct guide_reader *r, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guide_report_vadd(r->s->rep, r->s->tr, r->file, line, fmt, ap);
	va_end(ap);
	*r->ok = false;
}

/* A problem with one language: reported, but the guide stays (in English for that language). */
void guide_reader_note(struct guide_reader *r, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guide_report_vadd(r->s->rep, r->s->tr, r->file, line, fmt, ap);
	va_end(ap);
}

/* Reads the whole file (at most GUIDE_FILE_MAX bytes), NUL-terminated. */
bool guide_reader_open(struct guide_reader *r)
{
	FILE *f = fopen(r->file, "rb");
	size_t len;

	if (!f) {
		guide_reader_problem(r, 0, N_("cannot read %s: %s"), r->file, strerror(errno));
		return false;
	}
	r->buf = malloc(GUIDE_FILE_MAX + 2);
	if (!r->buf) {
		fclose(f);
		r->s->nomem = true;
		*r->ok = false;
		return false;
	}
	len = fread(r->buf, 1, GUIDE_FILE_MAX + 1, f);
	if (ferror(f)) {
		guide_reader_problem(r, 0, N_("cannot read %s: %s"), r->file, strerror(errno));
		fclose(f);
		return false;
	}
	fclose(f);
	if (len > GUIDE_FILE_MAX) {
		guide_reader_problem(r, 0, N_("the file is over %d bytes; is it the right file?"), GUIDE_FILE_MAX);
		return false;
	}
	r->buf[len] = '\0';
	r->next = r->buf;
	r->end = r->buf + len;
	/* Some editors start UTF-8 files with a byte order mark. */
	if (len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
		r->next += 3;
	return true;
}

char *guide_reader_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Tabs are spaces; other control characters have no place in plain text (and break the template). */
static bool has_control(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return true;
		if (*s == 0x7f)
			return true;
	}
	return false;
}

/* The next line that is not blank or a comment, trimmed; NULL at the end. */
char *guide_reader_next(struct guide_reader *r)
{
	while (r->next < r->end) {
		char *l = r->next, *nl = memchr(l, '\n', (size_t)(r->end - l));

		if (nl) {
			*nl = '\0';
			r->next = nl + 1;
		} else {
			r->next = r->end;
		}
		r->line++;
		if (!utf8_valid(l, strlen(l))) {
			guide_reader_problem(r, r->line,
					     N_("this line is not valid UTF-8 text; save the file as UTF-8"));
			continue;
		}
		l = guide_reader_trim(l);
		if (has_control(l)) {
			guide_reader_problem(r, r->line, N_("this line has a control character; write plain text"));
			continue;
		}
		if (*l && *l != '#')
			return l;
	}
	return NULL;
}

/* Splits `key: value`; false when the line is not one. */
bool guide_reader_split(char *l, char **key, char **val)
{
	char *colon = strchr(l, ':');

	if (!colon)
		return false;
	*colon = '\0';
	*key = guide_reader_trim(l);
	*val = guide_reader_trim(colon + 1);
	if (!**key)
		return false;
	for (const char *k = *key; *k; k++) {
		if (!((*k >= 'a' && *k <= 'z') || *k == '-'))
			return false;
	}
	return true;
}

const char *guide_reader_keep(struct guide_reader *r, const char *v)
{
	const char *p = guide_arena_strndup(&r->s->lib->arena, v, strlen(v));

	if (!p) {
		r->s->nomem = true;
		*r->ok = false;
		return "";
	}
	return p;
}

void guide_reader_limit(struct guide_reader *r, const char *key, const char *v, int max)
{
	int n = (int)guide_utf8_count(v);

	if (n > max)
		guide_reader_problem(r, r->line, N_("%s is %d characters; at most %d"), key, n, max);
}

static int distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), d[24][24];

	if (la > 22 || lb > 22)
		return SUGGEST_MAX + 1;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++) {
		for (int j = 1; j <= lb; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

void guide_reader_unknown_key(struct guide_reader *r, const char *key, const char *const *known, int n)
{
	const char *near = NULL;
	int best = SUGGEST_MAX + 1;

	for (int i = 0; i < n; i++) {
		int d = distance(key, known[i]);

		if (d < best) {
			best = d;
			near = known[i];
		}
	}
	if (near)
		guide_reader_problem(r, r->line, N_("unknown key '%s'; did you mean '%s'?"), key, near);
	else
		guide_reader_problem(r, r->line, N_("unknown key '%s'"), key);
}

int guide_reader_find_key(const char *key, const char *const *keys, int n)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(key, keys[i]) == 0)
			return i;
	}
	return -1;
}

/* A key that may appear once: false (and a problem) when it already did. */
bool guide_reader_once(struct guide_reader *r, const char *key, int *seen)
{
	if (*seen) {
		guide_reader_problem(r, r->line, N_("%s is already set on line %d; remove one of the two"), key, *seen);
		return false;
	}
	*seen = r->line;
	return true;
}

bool guide_reader_not_empty(struct guide_reader *r, const char *key, const char *v)
{
	if (*v)
		return true;
	guide_reader_problem(r, r->line, N_("%s is empty"), key);
	return false;
}
