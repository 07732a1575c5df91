/*
 * Digital-ID guides (docs/guides.md): the content format, its checks and the
 * walk through a guide.
 *
 * A library is every scheme directory under one guides directory: its
 * scheme.txt, its .guide files and its .po catalogs, loaded and checked
 * completely. A guide or scheme with a problem is left out of the library
 * (every problem is reported); the kiosk shows what is left. A problem with
 * one translation (a .po missing or broken, a text untranslated or too long)
 * only takes that language from the guide, which is then shown in English,
 * so a template can be made before the translations exist. A walk is the
 * visitor's place in a guide plus the steps that led there, so Back really
 * goes back one step, also across guides.
 *
 * Pure logic except guide_library_load (reads the directory) and
 * guide_pot (returns text). A loaded library is immutable: any thread may
 * read it. Texts are English msgids; translate with guide_catalog.
 */
#ifndef KIOSK_GUIDE_H
#define KIOSK_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

struct i18n_catalog;

#define GUIDE_MAX_SCHEMES 8
#define GUIDE_MAX_GUIDES 24   /* per scheme */
#define GUIDE_MAX_STEPS 40    /* per guide */
#define GUIDE_MAX_TEXTS 3     /* paragraphs per step */
#define GUIDE_MAX_CHOICES 4
#define GUIDE_MAX_WARNINGS 3
#define GUIDE_MAX_LANGS 16
#define GUIDE_MAX_PROBLEMS 64
#define GUIDE_MAX_TRAIL 64    /* steps Back can return through */
#define GUIDE_ID_MAX 32       /* ids: [a-z0-9-], 1..31 characters */

/* English limits in characters (UTF-8 code points); translations may be 40% longer. */
#define GUIDE_TITLE_MAX 60
#define GUIDE_SUMMARY_MAX 80
#define GUIDE_ABOUT_MAX 90
#define GUIDE_TEXT_MAX 220
#define GUIDE_WARN_MAX 160
#define GUIDE_CHOICE_MAX 40
#define GUIDE_LINK_MAX 100
#define GUIDE_PHONE_MAX 20

enum guide_end {
	GUIDE_END_NONE,   /* the step has choices or a next */
	GUIDE_END_SOLVED, /* the visitor solved it: print the steps, done */
	GUIDE_END_HELP,   /* a person is needed: ticket or help appointment */
};

enum guide_warning {
	GUIDE_WARN_NEVER_SHARE,
	GUIDE_WARN_NEVER_APPROVE,
	GUIDE_WARN_READ_BEFORE_APPROVE,
	GUIDE_WARN_OWN_ID,
	GUIDE_WARN_COUNT,
};

struct guide_choice {
	const char *label; /* English msgid; NULL for a `next` (the interface's "Next") */
	int step;          /* target step index in the same guide, or -1 */
	int guide;         /* target guide index in the same scheme (`@GUIDE`, its first step), or -1 */
	int line;
};

struct guide_step {
	const char *id;
	const char *title;
	const char *text[GUIDE_MAX_TEXTS];
	int ntext;
	const char *image; /* file name under the images directory, or NULL */
	const char *link;  /* https:// address for a QR code, or NULL */
	const char *phone; /* or NULL */
	const char *warn;  /* English msgid, or NULL */
	struct guide_choice choice[GUIDE_MAX_CHOICES];
	int nchoices;      /* 0 for an end step; 1 for a `next` */
	enum guide_end end;
	int line;          /* of `step ID` */
	int title_line, text_line[GUIDE_MAX_TEXTS], warn_line; /* for translators' references */
};

struct guide {
	const char *id;
	const char *title;
	const char *summary;
	char langs[GUIDE_MAX_LANGS][8]; /* complete in these, besides English */
	int nlangs;
	enum guide_warning warnings[GUIDE_MAX_WARNINGS];
	int nwarnings;
	struct guide_step *steps; /* steps[0] is the start */
	int nsteps;
	const char *file;         /* path as loaded, for messages */
	int title_line, summary_line;
};

struct guide_scheme {
	const char *id;
	const char *name;  /* proper name, never translated */
	const char *about; /* English msgid */
	struct guide *guides; /* in scheme.txt order, broken ones left out */
	int nguides;
	/* One catalog per .po file in the directory. */
	struct i18n_catalog *cats[GUIDE_MAX_LANGS];
	char cat_langs[GUIDE_MAX_LANGS][8];
	int ncats;
	const char *dir;
	int about_line; /* in dir/scheme.txt */
};

struct guide_library {
	struct guide_scheme schemes[GUIDE_MAX_SCHEMES];
	int nschemes;
	char images_dir[4096];
	void *arena; /* owns every string and step */
};

struct guide_problem {
	char file[160]; /* as given to the loader: "assets/guides/mitid/new-phone.guide" */
	int line;       /* 1-based; 0 for the whole file */
	char msg[200];  /* translated, lower case, no period, no file or line */
};

struct guide_report {
	struct guide_problem item[GUIDE_MAX_PROBLEMS];
	int count;
	int dropped;
};

/* Loads every scheme directory under dir (images from dir/images), checking
 * everything docs/guides.md lists. Messages are translated through tr (NULL:
 * English). *out is always set (free with guide_library_destroy), holding
 * what passed. KIOSK_OK when there was no problem at all, KIOSK_ERR_INVALID
 * when rep lists some, KIOSK_ERR_NOT_FOUND when dir cannot be read. */
enum kiosk_err guide_library_load(const char *dir, const struct i18n_catalog *tr, struct guide_library **out,
				  struct guide_report *rep);
/* NULL-safe. */
void guide_library_destroy(struct guide_library *lib);

/* The scheme with this id, or NULL. */
const struct guide_scheme *guide_scheme_find(const struct guide_library *lib, const char *id);
/* The index of the guide with this id in s, or -1. */
int guide_find(const struct guide_scheme *s, const char *id);

/* The catalog to translate g's texts into lang with (i18n_get), or NULL
 * when g is not complete in lang (then it is shown in English). g NULL:
 * the scheme's catalog for lang, for `about`. */
const struct i18n_catalog *guide_catalog(const struct guide_scheme *s, const struct guide *g, const char *lang);

/* The warning's English msgid (translated with the interface's catalog) and key. */
const char *guide_warning_text(enum guide_warning w);
const char *guide_warning_key(enum guide_warning w);

/* The translation template of s (every msgid once, with #: FILE:LINE), as malloc'd text. */
char *guide_pot(const struct guide_scheme *s);

/* The visitor's place: the current step and the steps that led to it. */
struct guide_place {
	short guide, step;
};

struct guide_walk {
	short scheme;
	struct guide_place at;
	struct guide_place trail[GUIDE_MAX_TRAIL]; /* oldest first; the current step is not in it */
	int depth;
};

/* Starts guide g of scheme at its first step. */
void guide_walk_start(struct guide_walk *w, int scheme, int guide);
/* Follows choice i of the current step; false (nothing changes) when there is no such choice. */
bool guide_walk_choose(struct guide_walk *w, const struct guide_library *lib, int i);
/* Goes back one step; false at the first step of the walk (the caller leaves the guide). */
bool guide_walk_back(struct guide_walk *w);
/* The current guide and step. */
const struct guide *guide_walk_guide(const struct guide_walk *w, const struct guide_library *lib);
const struct guide_step *guide_walk_step(const struct guide_walk *w, const struct guide_library *lib);
/* Where the visitor is, for staff and events: "mitid/new-phone#copy" (no personal data). */
void guide_walk_where(const struct guide_walk *w, const struct guide_library *lib, char *out, size_t cap);
/* Steps on the path so far, current included: 1 at the start. */
int guide_walk_count(const struct guide_walk *w);

#endif
