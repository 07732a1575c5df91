/*
 * Documents in memory for the printer service: a bounded byte buffer and the
 * PWG raster writer (one sgray_8 page, as IPP Everywhere printers take it).
 * Pure functions of their arguments; any thread.
 */
#ifndef KIOSK_PWG_H
#define KIOSK_PWG_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/error.h"

/* A ticket is a few kB; a full A4 page at 600 dpi is 35 MB before compression. */
#define PWG_DOC_MAX ((size_t)64 << 20)

/* An encoded document. Zero-initialise; pwg_doc_fini frees. */
struct pwg_doc {
	unsigned char *data;
	size_t len, cap;
};

/* Appends n bytes; KIOSK_ERR_FULL past PWG_DOC_MAX, KIOSK_ERR_NOMEM. */
enum kiosk_err pwg_doc_append(struct pwg_doc *d, const void *p, size_t n);
void pwg_doc_fini(struct pwg_doc *d);

/* Appends a one-page PWG raster (sgray_8, PackBits, w x h pixels at dpi,
 * 0 = black) to out. The page is exactly w pixels wide: the media width is
 * rounded up so that cupsRasterInitPWGHeader's truncation lands on w. */
enum kiosk_err pwg_write_gray(const uint8_t *gray, int w, int h, int dpi, struct pwg_doc *out);

#endif
