/*
 * A guide step read in pages (guide_page.c), for the step screen
 * (guide_step.c). Not a public API. UI thread.
 */
#ifndef KIOSK_GUIDE_PAGE_PRIVATE_H
#define KIOSK_GUIDE_PAGE_PRIVATE_H

#include "guide_private.h"

/* At most one page per safety note and per part of the step. */
#define GUIDE_MAX_PAGES (GUIDE_MAX_WARNINGS + GUIDE_MAX_TEXTS + 2)

enum guide_part_kind { GUIDE_PART_TEXT, GUIDE_PART_WARN, GUIDE_PART_PHONE };

/* One piece of a step's words under its title: a paragraph, the step's
 * warning, its phone number; or a safety note. A page break falls only
 * between parts. */
struct guide_part {
	enum guide_part_kind kind;
	const char *s;
};

struct guide_button {
	const char *id, *label;
	int action, arg;
	enum ui_button_style style;
};

/* A step as the visitor reads it, in the language shown. */
struct guide_view {
	const struct guide *g;
	const struct guide_step *st;
	const char *title;        /* the step's title: heads every page */
	const char *english_note; /* "shown in English", or NULL; heads the step's first page */
	bool english;             /* the guide is shown in English (left to right) */
	const char *status;       /* the line above an end's answers, or NULL */
	struct guide_part part[GUIDE_MAX_TEXTS + 2];
	int nparts;
	/* The guide's safety notes: pages of their own before the first step of a walk. */
	struct guide_part safety[GUIDE_MAX_WARNINGS];
	int nsafety;
	struct guide_button b[GUIDE_MAX_CHOICES + 2]; /* the answers */
	int nb;
	bool person;       /* "Talk to a person" (not on a help end: its answers are the ways) */
	int more_action;   /* "Read on", "I understand" */
	int person_action;
};

/* How the step is read on this panel. */
struct guide_plan {
	int npages;
	int nsafety;      /* pages 0..nsafety-1 are the safety notes */
	float scale;      /* of the step's words' sizes; 1 is the preferred */
	float safety_scale;
	bool last_side;   /* the last page gives the words' room to the QR code or picture */
	signed char from[GUIDE_MAX_PAGES], to[GUIDE_MAX_PAGES]; /* the parts on each page */
	/* The title heads the first page and the answers' page; pages between
	 * go on under it, the words' room theirs. */
	bool titled[GUIDE_MAX_PAGES];
};

/* Splits v into pages that fit c (the screen under its bar): one page when
 * all fits at the preferred sizes or slightly smaller, else as few pages as
 * fit, the answers on the last with as much of the end as fits there. */
void guide_page_plan(struct app *a, struct ui *u, struct ui_rect c, const struct guide_view *v, struct guide_plan *p);
/* Draws page (0..npages-1) of plan p. */
void guide_page_draw(struct app *a, struct ui *u, struct ui_rect c, const struct guide_view *v,
		     const struct guide_plan *p, int page);

#endif
