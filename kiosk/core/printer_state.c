/*
 * Printer states by name (include/kiosk/printer_state.h). Pure.
 */
#include "kiosk/printer_state.h"

#include <stddef.h>

const char *printer_state_name(enum printer_state s)
{
	switch (s) {
	case PRINTER_READY:
		return "ok";
	case PRINTER_NO_PAPER:
		return "paper_out";
	case PRINTER_JAM:
		return "jam";
	case PRINTER_COVER_OPEN:
		return "cover_open";
	case PRINTER_UNREACHABLE:
		return "unreachable";
	case PRINTER_STOPPED:
		return "stopped";
	case PRINTER_NOT_ACCEPTING:
		return "not_accepting";
	case PRINTER_NOT_CONFIGURED:
		return "none";
	case PRINTER_OTHER_ERROR:
		return "error";
	case PRINTER_JOB_FAILED:
		return "job_failed";
	case PRINTER_JOB_TIMEOUT:
		return "job_timeout";
	}
	return "error";
}

bool printer_state_lasting(enum printer_state s)
{
	return s != PRINTER_JOB_FAILED && s != PRINTER_JOB_TIMEOUT;
}
