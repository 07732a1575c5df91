/*
 * Queue tickets: what a visitor takes home, laid out for the printer's real
 * paper.
 *
 * A ticket is laid out as a draw list with the same widgets and text fitting
 * as the screens, at the printer's width and resolution (one logical pixel is
 * one printer dot), so the screen's renderer and text engine draw it into the
 * image the printer gets. Every script the screens show prints the same way,
 * right to left included. Pure: text measurement comes in through the ui,
 * the issue time comes in as local calendar fields. Any thread.
 */
#ifndef KIOSK_TICKET_H
#define KIOSK_TICKET_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/ui.h"

struct i18n_catalog;

struct ticket_paper {
	const char *name;  /* "receipt80", "receipt58", "a4", "letter", "a4-600", "letter-600" */
	float width_mm;    /* printable width */
	int width_px;      /* printable width in printer dots */
	int dpi;           /* nominal resolution (thermal heads: 8 dots/mm, sold as 203 dpi) */
	bool roll;         /* cut to the ticket's length; otherwise one sheet */
	float height_mm;   /* sheets: printable height; rolls: 0 */
	int height_px;     /* sheets: printable height in dots; rolls: 0 */
	float margin_mm;   /* sheets: blank border around the printable area; rolls: 0 */
};

/* The paper with this name, or NULL. */
const struct ticket_paper *ticket_paper_find(const char *name);
/* Every known paper, terminated by an entry whose name is NULL. */
const struct ticket_paper *ticket_paper_all(void);
/* Printer dots per millimetre on this paper. */
float ticket_paper_ppmm(const struct ticket_paper *p);

/* A language the ticket speaks. */
struct ticket_lang {
	const struct i18n_catalog *cat; /* NULL: English, the source language */
	const char *code;               /* "da", "ar" */
	bool rtl;
};

/* Longest QR payload: keeps the code small enough to scan from paper and its
 * modules within the draw list's capacity. */
#define TICKET_QR_MAX 120

struct ticket {
	const char *office_name; /* as configured for the site */
	const char *service;     /* already in the visitor's language; NULL or "" = none */
	const char *number;      /* what is called out and shown: "A017" */
	int year, month, day, hour, minute; /* when it was taken, local time */
	int ahead;               /* people ahead; -1 when not known */
	int wait_min, wait_max;  /* expected wait in minutes; wait_min < 0: no history to estimate from */
	const char *qr;          /* QR payload, at most TICKET_QR_MAX bytes; NULL or "" = no code */
	bool qr_is_link;         /* the payload is a status page the visitor can open on a phone */
	struct ticket_lang visitor_lang; /* the visitor's language: the ticket's language and direction */
	struct ticket_lang office_lang;  /* the office's language: one line for staff and companions */
};

/* What a ticket's QR code carries: the site's status link with {number} and
 * {day} filled in when it has one (*is_link = true), else the reference
 * "A017 2026-11-22" that staff can read back. Truncates to out's size.
 * is_link may be NULL. */
void ticket_code(char *out, size_t size, const char *status_url, const char *number, const char *day,
		 bool *is_link);

/* Lays t out for paper into u->dl (cleared first). The caller sets u->dl and
 * u->text; everything else in u is set here (ppmm, width, direction). Returns
 * the image height in dots: a roll is cut to the content, a sheet is one
 * printable page. Returns -1 when the draw list's capacity was exceeded.
 * Texts that do not fit and a QR payload that cannot be encoded are counted
 * in u->dl->overflow. */
int ticket_layout(struct ui *u, const struct ticket *t, const struct ticket_paper *paper);

/* A slip: what a visitor takes home from a booking (a confirmation, a moved
 * or cancelled appointment, the instructions for a phone or video meeting at
 * check-in, or how to book when the kiosk cannot), or the steps of a
 * digital-ID guide. Every text is already in the visitor's language, so a
 * slip can be copied to the printer thread as is. A value or note may hold
 * several paragraphs, one per line ('\n'). */
#define TICKET_SLIP_ROWS 10

struct ticket_slip_row {
	char label[192];         /* "Date", "Time", "Where", "Bring"; a guide's step: "2. Its title" */
	char value[1024];
	char warn[480];          /* printed in a frame under the value; "" = none */
};

struct ticket_slip {
	char office_name[96];
	char title[192];         /* "Your appointment"; "MitID: I have a new phone" */
	char big[16];            /* printed large: the reference "K7R-49X"; "" = none */
	bool steps;              /* the rows are a guide's steps: each label is a heading */
	struct ticket_slip_row row[TICKET_SLIP_ROWS];
	int nrows;
	char note[1024];         /* the closing paragraphs: how to cancel or move; a guide's safety notes */
	char qr[TICKET_QR_MAX + 1]; /* "" = no code */
	int year, month, day, hour, minute; /* when it was printed, local time */
	struct ticket_lang visitor_lang;
	struct ticket_lang office_lang;
};

/* Lays a slip out like ticket_layout (same return values and rules). On a
 * sheet, a slip too long for the page is set smaller, and a guide's steps
 * that still do not fit leave out their earliest after the first. */
int ticket_layout_slip(struct ui *u, const struct ticket_slip *s, const struct ticket_paper *paper);

#endif
