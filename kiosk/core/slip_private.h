/*
 * Shared only by slip.c (booking slips) and slip_guide.c (a guide's printed
 * steps): what every slip carries and how it is queued. Not a public API.
 * UI thread.
 */
#ifndef KIOSK_SLIP_PRIVATE_H
#define KIOSK_SLIP_PRIVATE_H

#include "kiosk/app.h"

/* Clears a->slip and fills what every slip has: the office's name, when it
 * is printed (local time) and the visitor's and the office's languages. */
void slip_begin(struct app *a);
/* Queues a->slip for the printer; which is its kind, for the shell and the
 * technician (never a reference). */
void slip_queue(struct app *a, const char *which);

#endif
