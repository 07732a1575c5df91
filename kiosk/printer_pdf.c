/*
 * The smallest valid PDF that carries one ticket: for printers that take PDF
 * but not PWG raster.
 *
 * DESIGN: one page whose MediaBox is the page itself (w x h pixels at dpi, in
 * points), painted by one 8-bit DeviceGray image XObject compressed with
 * zlib (FlateDecode). DeviceGray's 0 is black and 1 white, as in our pixels,
 * so the bytes go in unchanged and the printer sees exactly what the PWG path
 * would send. Objects are numbered in file order and the xref table is built
 * from the offsets as they are written. Not a general PDF library: no fonts,
 * no text, one page. No state; any thread.
 */
#include "printer_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

enum { OBJ_CATALOG = 1, OBJ_PAGES, OBJ_PAGE, OBJ_IMAGE, OBJ_CONTENT, OBJ_COUNT };

struct pdf {
	struct pwg_doc *out;
	size_t start;		  /* where this PDF begins in out */
	size_t offset[OBJ_COUNT]; /* of "N 0 obj", from start */
	enum kiosk_err err;
};

static void put(struct pdf *p, const void *data, size_t n)
{
	if (p->err == KIOSK_OK)
		p->err = pwg_doc_append(p->out, data, n);
}

static void putf(struct pdf *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		p->err = KIOSK_ERR_INVALID;
		return;
	}
	put(p, buf, (size_t)n);
}

static void begin_obj(struct pdf *p, int num)
{
	p->offset[num] = p->out->len - p->start;
	putf(p, "%d 0 obj\n", num);
}

/* Points (1/72 inch) with 4 decimals, no locale involved. */
static void fmt_pt(char *buf, size_t size, int px, int dpi)
{
	long long tenk = ((long long)px * 72 * 10000 + dpi / 2) / dpi;
	snprintf(buf, size, "%lld.%04lld", tenk / 10000, tenk % 10000);
}

enum kiosk_err printer_pdf_write(const uint8_t *gray, int w, int h, int dpi, struct pwg_doc *out)
{
	if (!gray || w <= 0 || h <= 0 || dpi <= 0 || (long long)w * h > (long long)PWG_DOC_MAX)
		return KIOSK_ERR_INVALID;

	uLong raw = (uLong)w * (uLong)h;
	uLongf zlen = compressBound(raw);
	unsigned char *z = malloc(zlen);
	if (!z)
		return KIOSK_ERR_NOMEM;
	if (compress2(z, &zlen, gray, raw, Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(z);
		return KIOSK_ERR_NOMEM;
	}

	char pw[32], ph[32];
	fmt_pt(pw, sizeof(pw), w, dpi);
	fmt_pt(ph, sizeof(ph), h, dpi);
	char content[160];
	int clen = snprintf(content, sizeof(content), "q %s 0 0 %s 0 0 cm /Im0 Do Q\n", pw, ph);

	struct pdf p = {out, out->len, {0}, KIOSK_OK};
	/* The binary comment tells transfer tools the file is not text. */
	putf(&p, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");

	begin_obj(&p, OBJ_CATALOG);
	putf(&p, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", OBJ_PAGES);

	begin_obj(&p, OBJ_PAGES);
	putf(&p, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>\nendobj\n", OBJ_PAGE);

	begin_obj(&p, OBJ_PAGE);
	putf(&p,
	     "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s]"
	     " /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>\nendobj\n",
	     OBJ_PAGES, pw, ph, OBJ_IMAGE, OBJ_CONTENT);

	begin_obj(&p, OBJ_IMAGE);
	putf(&p,
	     "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
	     " /BitsPerComponent 8 /Filter /FlateDecode /Length %lu >>\nstream\n",
	     w, h, (unsigned long)zlen);
	put(&p, z, zlen);
	putf(&p, "\nendstream\nendobj\n");
	free(z);

	begin_obj(&p, OBJ_CONTENT);
	putf(&p, "<< /Length %d >>\nstream\n%sendstream\nendobj\n", clen, content);

	size_t xref = out->len - p.start;
	putf(&p, "xref\n0 %d\n0000000000 65535 f \n", OBJ_COUNT);
	for (int i = 1; i < OBJ_COUNT; i++)
		putf(&p, "%010lu 00000 n \n", (unsigned long)p.offset[i]);
	putf(&p, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%lu\n%%%%EOF\n", OBJ_COUNT, OBJ_CATALOG,
	     (unsigned long)xref);
	return p.err;
}
