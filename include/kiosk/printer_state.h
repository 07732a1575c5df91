/*
 * What the printer service reports: the printer's state, as the app's flows
 * and the reports see it. Pure; any thread.
 */
#ifndef KIOSK_PRINTER_STATE_H
#define KIOSK_PRINTER_STATE_H

#include <stdbool.h>

enum printer_state {
	PRINTER_READY = 0,       /* paper can come out now */
	PRINTER_NO_PAPER,        /* media-empty / media-needed */
	PRINTER_JAM,             /* media-jam */
	PRINTER_COVER_OPEN,      /* cover-open, door-open */
	PRINTER_UNREACHABLE,     /* cannot connect, or cupsd says the device is not responding */
	PRINTER_STOPPED,         /* printer-state stopped, or the queue is disabled */
	PRINTER_NOT_ACCEPTING,   /* printer-is-accepting-jobs false */
	PRINTER_JOB_FAILED,      /* the job was aborted or refused */
	PRINTER_JOB_TIMEOUT,     /* the job did not complete in time and was cancelled */
	PRINTER_NOT_CONFIGURED,  /* no destination in the configuration */
	PRINTER_OTHER_ERROR,
};

#define PRINTER_FLAG_PAPER_LOW 1 /* media-low: a discreet sign for staff */

/* The state as the protocol names it (docs/protocol.md: health, events):
 * "ok", "paper_out", "jam", ...; for the outcomes of one job, "job_failed"
 * and "job_timeout". */
const char *printer_state_name(enum printer_state s);
/* Whether the state says something lasting about the printer (not one job's outcome). */
bool printer_state_lasting(enum printer_state s);

#endif
