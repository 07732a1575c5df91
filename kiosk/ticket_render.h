/*
 * Printed tickets and slips as pixels: the draw list (core/ticket.c) drawn by
 * the screen's text engine and renderer into an 8-bit grey image exactly the
 * printable width of the paper. Runs on the thread that owns the text engine
 * it is given: the printer service renders the tickets it prints with its
 * own, so the UI thread never waits for a page (an A4 sheet at 600 dpi takes
 * a fifth of a second).
 */
#ifndef KIOSK_TICKET_RENDER_H
#define KIOSK_TICKET_RENDER_H

#include <stdint.h>

#include "kiosk/error.h"
#include "kiosk/ticket.h"
#include "text.h"

/* Renders t for paper p. On success *gray is a new buffer of *w x *h bytes
 * (rows of *w, 0 = black, 255 = white; the caller frees it or hands it to
 * printer_submit), *w is p->width_px and *h the roll's length or the sheet's
 * printable height. *overflow counts texts that did not fit, as laid out or
 * as really drawn, plus one when an item is drawn over text (0 on a good
 * ticket). KIOSK_ERR_FULL: the layout exceeded
 * the draw list (a programming error); KIOSK_ERR_NOMEM otherwise. */
enum kiosk_err ticket_render(struct text_engine *te, const struct ticket *t, const struct ticket_paper *p,
			     uint8_t **gray, int *w, int *h, int *overflow);
/* A ticket on its way to the printer thread: the ticket with its own copies
 * of every text, and its paper. The catalogs stay shared: they are read-only
 * and live until the printer service has stopped. One block: free() it. */
struct ticket_job {
	struct ticket t;
	const struct ticket_paper *paper; /* from the static paper table */
	char text[];                      /* where t's strings point */
};
/* NULL when out of memory. Any thread. */
struct ticket_job *ticket_job_create(const struct ticket *t, const struct ticket_paper *p);

/* A booking slip, rendered like a ticket (ticket_layout_slip); the same
 * return values and ownership as ticket_render. */
enum kiosk_err ticket_render_slip(struct text_engine *te, const struct ticket_slip *s, const struct ticket_paper *p,
				  uint8_t **gray, int *w, int *h, int *overflow);
/* A slip on its way to the printer thread: a copy (its texts are arrays;
 * the language codes are copied here, the catalogs stay shared) and its
 * paper. free() it. */
struct slip_job {
	struct ticket_slip s;
	const struct ticket_paper *paper;
	char visitor_code[16], office_code[16];
};
/* NULL when out of memory. Any thread. */
struct slip_job *ticket_slip_job_create(const struct ticket_slip *s, const struct ticket_paper *p);

/* The same, written as a PNG file (a preview of what the printer gets). */
enum kiosk_err ticket_render_png(struct text_engine *te, const struct ticket *t, const struct ticket_paper *p,
				 const char *path, int *overflow);

struct ticket_preview_opts {
	const char *config_path; /* the site: office name, languages, time zone, paper */
	const char *assets_dir;
	const char *out_path;    /* the PNG to write */
	const char *paper;       /* NULL: the site's paper, else receipt80 */
	const char *lang;        /* the visitor's language; NULL: the site's default */
	const char *clock;       /* "YYYY-MM-DD HH:MM" printed as the time taken; NULL: now, in the site's zone */
};
/* kiosk --render-ticket: a sample ticket for the site, as a PNG. Prints what
 * went wrong to stderr; returns the process exit status (0 ok, 1 problem). */
int ticket_render_preview(const struct ticket_preview_opts *o);

#endif
