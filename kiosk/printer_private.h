/*
 * What the printer service's own files share: printer.c (the thread and its
 * decisions), printer_ipp.c (IPP requests) and printer_pdf.c (the PDF writer).
 * Everything here runs on the printer thread only.
 */
#ifndef KIOSK_PRINTER_PRIVATE_H
#define KIOSK_PRINTER_PRIVATE_H

#include <cups/cups.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "printer.h"
#include "pwg.h"

#define PRINTER_CONNECT_MS 2000 /* a printer that does not answer by then is unreachable */

/* One IPP endpoint (a printer, or a cupsd queue) and its connection. */
struct ipp_conn {
	char host[256]; /* name, address, or a cupsd domain socket path */
	int port;
	http_encryption_t encryption;
	char resource[256];	  /* what requests are POSTed to: /ipp/print, /printers/NAME */
	char uri[512];		  /* printer-uri */
	http_t *http;		  /* NULL until needed; closed after any failure */
	const atomic_bool *stop;  /* printer_stop: blocking reads and writes give up (NULL: never) */
	struct timespec deadline; /* ...as does the current request at this time (CLOCK_MONOTONIC) */
	char error[1024];	  /* why the last request failed, for the log */
};

/* An ipp:// or ipps:// printer URI. False: not one. c must not be open. */
bool ipp_conn_set_uri(struct ipp_conn *c, const char *uri, const atomic_bool *stop);
/* A queue of the cupsd that cupsServer()/ippPort() name (CUPS_SERVER etc.).
 * False: not a valid queue name. c must not be open. */
bool ipp_conn_set_queue(struct ipp_conn *c, const char *queue, const atomic_bool *stop);
void ipp_conn_close(struct ipp_conn *c);

/* printer-state-reasons that matter here, matched by prefix (printers say
 * -report, -warning or -error, and may say nothing at all). */
enum {
	IPP_R_NO_PAPER = 1 << 0, /* media-empty, media-needed */
	IPP_R_JAM = 1 << 1,	 /* media-jam */
	IPP_R_COVER = 1 << 2,	 /* cover-open, door-open */
	IPP_R_LOW = 1 << 3,	 /* media-low */
	IPP_R_PAUSED = 1 << 4,	 /* paused */
	IPP_R_OFFLINE = 1 << 5,	 /* offline */
};

/* document-format-supported, as far as the kiosk can write it. */
enum { IPP_FMT_PWG = 1 << 0, IPP_FMT_PDF = 1 << 1 };

#define IPP_MAX_DPI 8

/* What Get-Printer-Attributes said. */
struct ipp_printer_status {
	enum printer_state reach; /* READY: it answered; UNREACHABLE; OTHER_ERROR: it refused */
	int state;		  /* printer-state, IPP_PSTATE_* */
	bool accepting;		  /* printer-is-accepting-jobs */
	unsigned reasons;	  /* IPP_R_* */
	unsigned formats;	  /* IPP_FMT_* */
	int dpi[IPP_MAX_DPI];	  /* pwg-raster-document-resolution-supported (x = y only) */
	int ndpi;		  /* 0: not given, any resolution goes */
	bool sgray8;		  /* sgray_8 in pwg-raster-document-type-supported, or no list */
	char device_uri[512];	  /* cupsd queues: where the queue prints to */
	char message[128];	  /* printer-state-message, for the log */
	char reasons_text[160];	  /* printer-state-reasons as sent, for the log */
};

void ipp_get_printer(struct ipp_conn *c, int timeout_ms, struct ipp_printer_status *out);

/* Print-Job with the whole document. Returns the job-id, or 0 and the reason
 * in *why (UNREACHABLE, NOT_ACCEPTING, JOB_FAILED). */
int ipp_print_job(struct ipp_conn *c, const char *job_name, const char *format, const struct pwg_doc *doc,
		  int timeout_ms, enum printer_state *why);
/* job-state (IPP_JSTATE_*), or 0 when the printer did not say; *reach as in
 * struct ipp_printer_status. */
int ipp_get_job_state(struct ipp_conn *c, int job_id, int timeout_ms, enum printer_state *reach);
bool ipp_cancel_job(struct ipp_conn *c, int job_id, int timeout_ms);

/* Appends a one-page PDF: the page as an 8-bit DeviceGray image, Flate
 * compressed, on a page of exactly w x h pixels at dpi. */
enum kiosk_err printer_pdf_write(const uint8_t *gray, int w, int h, int dpi, struct pwg_doc *out);

/* CLOCK_MONOTONIC now plus ms, for timed waits and deadlines. */
struct timespec printer_after_ms(int ms);

#endif
