/*
 * The printer service: one thread that owns every CUPS connection. The UI
 * asks it to check the printer or to print a page; answers come back as
 * APP_MSG_PRINTER_STATE and APP_MSG_PRINT_DONE through post.h. Nothing here
 * blocks the caller.
 */
#ifndef KIOSK_PRINTER_H
#define KIOSK_PRINTER_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/printer_state.h"
#include "post.h"


struct printer_cfg {
	char destination[256]; /* a CUPS queue name, or an ipp:// or ipps:// printer URI; "" = none */
	int job_timeout_s;     /* a job not completed by then is cancelled */
	char assets_dir[256];  /* the fonts for rendering tickets on the printer thread */
};

struct slip_job;
struct ticket_job;

/* A page to print: 8-bit grey pixels (0 = black, 255 = white), rows of w
 * bytes; or, when gray is NULL, a ticket or a booking slip that the printer
 * thread renders with its own text engine once the printer has said it can
 * print. */
struct printer_page {
	uint8_t *gray;
	int w, h;
	int dpi;
	struct ticket_job *ticket; /* with gray NULL: rendered on the printer thread */
	struct slip_job *slip;     /* the same, for a slip (ticket NULL); wiped when freed */
	char job_name[64];     /* unique per ticket: tests find the printed file by it */
	int tag;               /* echoed in APP_MSG_PRINT_DONE.arg */
};

struct printer;

struct printer *printer_start(const struct printer_cfg *cfg, struct post *post);
/* Asks the printer itself for its state; replies APP_MSG_PRINTER_STATE. */
void printer_check(struct printer *p);
/* Checks, prints and follows the job to the end; replies APP_MSG_PRINT_DONE.
 * Consumes page (and page->gray, page->ticket or page->slip), all from malloc. Exactly one reply per
 * page, unless printer_stop comes first. */
void printer_submit(struct printer *p, struct printer_page *page);
/* Cancels what is in flight (the job too, so it never prints later), drops
 * what is queued, stops the thread. No replies are sent once it has begun.
 * Returns at once, or after a few seconds at most when a connect to a
 * vanished printer is under way. NULL-safe. */
void printer_stop(struct printer *p);
const char *printer_state_str(enum printer_state s);

#endif
