/*
 * DESIGN: the text of the project's one error enum, for logs and technicians.
 *
 * What it is: a table from enum kiosk_err to a short, stable English phrase.
 * What it is not: visitor-facing text. Screens show states (paper out, network down) through the
 * translations; these strings are never translated and never shown on the kiosk screen.
 * Threading: returns pointers to string literals; callable from any thread.
 */
#include "kiosk/error.h"

const char *kiosk_err_str(enum kiosk_err err)
{
	/* A switch without a default lets -Wall flag any enum value added without a message. */
	switch (err) {
	case KIOSK_OK:
		return "no error";
	case KIOSK_ERR_NOMEM:
		return "out of memory";
	case KIOSK_ERR_IO:
		return "input/output error";
	case KIOSK_ERR_NOT_FOUND:
		return "not found";
	case KIOSK_ERR_PARSE:
		return "malformed input";
	case KIOSK_ERR_INVALID:
		return "invalid value";
	case KIOSK_ERR_FULL:
		return "buffer or queue full";
	case KIOSK_ERR_DISK_FULL:
		return "no space left on device";
	case KIOSK_ERR_BUSY:
		return "resource busy";
	case KIOSK_ERR_STOPPED:
		return "service stopped";
	}
	/* Reached only with a value outside the enum (a cast integer, corrupted memory). */
	return "unknown error";
}
