/*
 * PWG raster writer, into memory.
 *
 * DESIGN: libcups writes the raster through an I/O callback that appends to a
 * struct pwg_doc, so the printer thread can send the document with a known
 * Content-Length and no temporary file. Not a reader: tests read the spooled
 * file back with libcups directly, so the writer is checked by code it does
 * not share. No state; any thread.
 */
#include "pwg.h"

#include <cups/raster.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum kiosk_err pwg_doc_append(struct pwg_doc *d, const void *p, size_t n)
{
	if (n > PWG_DOC_MAX - d->len)
		return KIOSK_ERR_FULL;
	if (d->len + n > d->cap) {
		size_t cap = d->cap ? d->cap : 4096;
		while (cap < d->len + n)
			cap *= 2;
		if (cap > PWG_DOC_MAX)
			cap = PWG_DOC_MAX;
		unsigned char *grown = realloc(d->data, cap);
		if (!grown)
			return KIOSK_ERR_NOMEM;
		d->data = grown;
		d->cap = cap;
	}
	memcpy(d->data + d->len, p, n);
	d->len += n;
	return KIOSK_OK;
}

void pwg_doc_fini(struct pwg_doc *d)
{
	free(d->data);
	memset(d, 0, sizeof(*d));
}

struct sink {
	struct pwg_doc *doc;
	enum kiosk_err err;
};

static ssize_t write_cb(void *ctx, unsigned char *buf, size_t n)
{
	struct sink *s = ctx;
	if (s->err == KIOSK_OK)
		s->err = pwg_doc_append(s->doc, buf, n);
	return s->err == KIOSK_OK ? (ssize_t)n : -1;
}

/* The media dimension (1/100 mm) whose pixel count at dpi, truncated the way
 * cupsRasterInitPWGHeader does, is exactly px: ceil(px * 2540 / dpi). */
static int media_hmm(int px, int dpi)
{
	return (int)(((long long)px * 2540 + dpi - 1) / dpi);
}

enum kiosk_err pwg_write_gray(const uint8_t *gray, int w, int h, int dpi, struct pwg_doc *out)
{
	if (!gray || w <= 0 || h <= 0 || dpi <= 0 || dpi > 2540 || (long long)w * h > (long long)PWG_DOC_MAX)
		return KIOSK_ERR_INVALID;

	char name[128];
	pwg_media_t media;
	memset(&media, 0, sizeof(media));
	media.width = media_hmm(w, dpi);
	media.length = media_hmm(h, dpi);
	pwgFormatSizeName(name, sizeof(name), "custom", NULL, media.width, media.length, NULL);
	media.pwg = name;

	cups_page_header2_t hdr;
	if (!cupsRasterInitPWGHeader(&hdr, &media, "sgray_8", dpi, dpi, "one-sided", NULL))
		return KIOSK_ERR_INVALID;
	/* The rounding above makes these hold; a libcups that computes
	 * differently must not shift every row of the ticket. */
	if (hdr.cupsWidth != (unsigned)w || hdr.cupsHeight != (unsigned)h || hdr.cupsBytesPerLine != (unsigned)w)
		return KIOSK_ERR_INVALID;
	hdr.cupsInteger[CUPS_RASTER_PWG_TotalPageCount] = 1;

	unsigned char *row = malloc((size_t)w);
	if (!row)
		return KIOSK_ERR_NOMEM;
	struct sink s = {out, KIOSK_OK};
	cups_raster_t *r = cupsRasterOpenIO(write_cb, &s, CUPS_RASTER_WRITE_PWG);
	bool ok = r && cupsRasterWriteHeader2(r, &hdr);
	for (int y = 0; ok && y < h; y++) {
		/* cupsRasterWritePixels takes a mutable buffer. */
		memcpy(row, gray + (size_t)y * (size_t)w, (size_t)w);
		ok = cupsRasterWritePixels(r, row, (unsigned)w) == (unsigned)w;
	}
	if (r)
		cupsRasterClose(r);
	free(row);
	if (s.err != KIOSK_OK)
		return s.err;
	return ok ? KIOSK_OK : KIOSK_ERR_IO;
}
