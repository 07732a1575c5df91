/*
 * What only the guide module's own files share: the arena, the report, UTF-8
 * counting, and the loader's working state (a scheme and its guides as read,
 * with the raw targets and lines the checks need before anything is kept).
 */
#ifndef KIOSK_GUIDE_PRIVATE_H
#define KIOSK_GUIDE_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/guide.h"

/* Translations may be this much longer than the English limits (docs/guides.md). */
#define GUIDE_TR_MAX(limit) ((limit) * 140 / 100)
/* A guide file is a few kilobytes; anything bigger is the wrong file. */
#define GUIDE_FILE_MAX (64 * 1024)
#define GUIDE_PATH_MAX 4096

/* Zeroed memory that lives until guide_arena_free(*arena); NULL when out of memory. */
void *guide_arena_alloc(void **arena, size_t n);
char *guide_arena_strndup(void **arena, const char *s, size_t n);
/* Frees every block. NULL-safe. */
void guide_arena_free(void *arena);

/* Adds a problem; fmt is an English msgid (mark it N_) translated through tr.
 * xgettext keyword: guide_report_add:5. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void guide_report_add(struct guide_report *rep, const struct i18n_catalog *tr, const char *file, int line,
		      const char *fmt, ...);
void guide_report_vadd(struct guide_report *rep, const struct i18n_catalog *tr, const char *file, int line,
		       const char *fmt, va_list ap);
/* Orders the problems by file name and line, keeping the order within a line. */
void guide_report_sort(struct guide_report *rep);

/* Code points in a valid UTF-8 string. */
size_t guide_utf8_count(const char *s);
/* [a-z0-9-], 1 to GUIDE_ID_MAX - 1 characters. */
bool guide_id_valid(const char *s);
/* s cut to a few words for a message ("Do you still have your old ph..."). */
void guide_shorten(const char *s, char *out, size_t cap);

/* One translatable text of a guide, where it is and what it is. */
struct guide_msg {
	const char *text;
	int line;
	int limit;        /* English limit in characters */
	const char *role; /* "title", "summary", "text", "warning", "choice": for translators */
	int step;         /* its step, or -1 for the header */
};
#define GUIDE_MAX_MSGS (2 + GUIDE_MAX_STEPS * (2 + GUIDE_MAX_TEXTS + GUIDE_MAX_CHOICES))
/* The texts of g in file order; returns how many (at most GUIDE_MAX_MSGS). */
int guide_msgs(const struct guide *g, struct guide_msg *out);

/* A guide as read from its file, before it is kept or left out. */
struct guide_src {
	struct guide g;
	struct guide_step steps[GUIDE_MAX_STEPS];
	const char *target[GUIDE_MAX_STEPS][GUIDE_MAX_CHOICES]; /* "copy" or "@lost-phone" */
	int line_guide, line_languages, line_warnings;
	bool reach[GUIDE_MAX_STEPS]; /* from the start, within the guide */
	char stem[GUIDE_ID_MAX * 2]; /* the file name without .guide */
	char file[GUIDE_PATH_MAX];
	bool ok;      /* no problem that leaves it out */
	bool listed;  /* in scheme.txt's guides */
	int order;    /* its place in scheme.txt's guides, or -1 */
	int index;    /* in the kept scheme, or -1 */
};

/* A scheme directory as read. */
struct scheme_src {
	struct guide_library *lib;
	const struct i18n_catalog *tr;
	struct guide_report *rep;
	const char *images_dir;
	char dir[GUIDE_PATH_MAX];
	char dirname[256];
	char scheme_file[GUIDE_PATH_MAX];
	const char *id, *name, *about, *guides_line;
	int line_scheme, line_name, line_about, line_guides;
	char listed[GUIDE_MAX_GUIDES][GUIDE_ID_MAX];
	int nlisted;
	struct guide_src *guides; /* one per .guide file, by file name */
	int nguides;
	struct i18n_catalog *cats[GUIDE_MAX_LANGS];
	char cat_langs[GUIDE_MAX_LANGS][8];
	int ncats;
	/* .po files that exist but did not load: their language is "broken", not "missing". */
	char broken_langs[GUIDE_MAX_LANGS][8];
	int nbroken;
	bool ok;
	bool nomem;
	bool has_scheme_file; /* scheme.txt was read: only then can a guide be "not listed" */
};

/* guide_read.c: one file's lines, for the grammars of guide_parse.c. */
struct guide_reader {
	struct scheme_src *s;
	const char *file;
	char *buf, *next, *end;
	int line;
	bool *ok; /* cleared by a problem */
};
/* Reads r->file whole; false (and a problem) when it cannot. */
bool guide_reader_open(struct guide_reader *r);
/* The next line that is not blank or a comment, trimmed; NULL at the end. */
char *guide_reader_next(struct guide_reader *r);
/* Splits `key: value`; false when the line is not one. */
bool guide_reader_split(char *l, char **key, char **val);
char *guide_reader_trim(char *s);
/* v copied into the library's arena. */
const char *guide_reader_keep(struct guide_reader *r, const char *v);
/* A problem at line that leaves the file's guide or scheme out. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void guide_reader_problem(struct guide_reader *r, int line, const char *fmt, ...);
/* A problem with one language: reported, but the guide stays (in English for that language). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void guide_reader_note(struct guide_reader *r, int line, const char *fmt, ...);
void guide_reader_limit(struct guide_reader *r, const char *key, const char *v, int max);
void guide_reader_unknown_key(struct guide_reader *r, const char *key, const char *const *known, int n);
int guide_reader_find_key(const char *key, const char *const *keys, int n);
/* A key that may appear once: false (and a problem) when it already did. */
bool guide_reader_once(struct guide_reader *r, const char *key, int *seen);
bool guide_reader_not_empty(struct guide_reader *r, const char *key, const char *v);

/* guide_parse.c: reads scheme.txt and one .guide file into s. */
void guide_load_scheme_file(struct scheme_src *s);
void guide_load_guide_file(struct scheme_src *s, struct guide_src *g, const char *path);
/* guide_check.c: the checks that need the whole guide or scheme, then what is kept goes into out. */
void guide_check_scheme(struct scheme_src *s);
bool guide_keep_scheme(struct scheme_src *s, struct guide_scheme *out);

#endif
