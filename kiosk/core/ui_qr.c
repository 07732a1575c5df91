/*
 * QR codes as draw commands (libqrencode): on printed tickets and on screen
 * when paper cannot come out. Dark modules are merged into rectangles, so a
 * code costs a few hundred commands at most. Pure; UI or printer thread.
 */
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/ui.h"

#define QR_QUIET 4      /* the quiet zone, in modules, that scanners need */
#define QR_MAX_WIDTH 57 /* version 10: more than any payload we allow */
#define QR_MAX_PAYLOAD 120

static int refuse(struct ui *u, const char *why)
{
	if (u->dl->overflow++ == 0)
		snprintf(u->dl->overflow_what, sizeof(u->dl->overflow_what), "%s", why);
	return 0;
}

int ui_qr_side(const char *payload, int module)
{
	if (!payload || strlen(payload) > QR_MAX_PAYLOAD)
		return 0;
	QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int n = q ? q->width : 0;
	if (q)
		QRcode_free(q);
	return n > 0 && n <= QR_MAX_WIDTH ? (n + 2 * QR_QUIET) * module : 0;
}

int ui_qr(struct ui *u, struct ui_rect r, const char *payload, int min_module, uint32_t ink, uint32_t paper)
{
	if (!payload || strlen(payload) > QR_MAX_PAYLOAD)
		return refuse(u, "QR payload too long");
	QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q || q->width <= 0 || q->width > QR_MAX_WIDTH) {
		if (q)
			QRcode_free(q);
		return refuse(u, "QR payload cannot be encoded");
	}
	int n = q->width, total = n + 2 * QR_QUIET;
	int side = r.w < r.h ? r.w : r.h;
	int module = side / total;
	if (module < min_module || module < 1) {
		/* Too small to scan: say so rather than draw a code that fails. */
		QRcode_free(q);
		return refuse(u, "QR code too small to scan here");
	}
	int size = module * total;
	/* The code's place follows the layout's direction; its modules are never
	 * mirrored (a mirrored code does not scan). */
	bool rtl = u->rtl;
	if (rtl)
		r.x = u->w - r.x - r.w;
	u->rtl = false;
	int x0 = r.x + (r.w - size) / 2, y0 = r.y;
	ui_fill(u, (struct ui_rect){x0, y0, size, size}, paper, 0);
	int ox = x0 + QR_QUIET * module, oy = y0 + QR_QUIET * module;
	unsigned char done[QR_MAX_WIDTH * QR_MAX_WIDTH];
	memset(done, 0, (size_t)n * (size_t)n);
#define DARK(x, y) ((q->data[(y) * n + (x)] & 1) && !done[(y) * n + (x)])
	for (int y = 0; y < n; y++) {
		for (int x = 0; x < n;) {
			if (!DARK(x, y)) {
				x++;
				continue;
			}
			int x1 = x;
			while (x1 < n && DARK(x1, y))
				x1++;
			int y1 = y + 1;
			for (; y1 < n; y1++) {
				bool all = true;
				for (int k = x; k < x1 && all; k++)
					all = DARK(k, y1);
				if (!all)
					break;
			}
			for (int yy = y; yy < y1; yy++)
				memset(&done[yy * n + x], 1, (size_t)(x1 - x));
			ui_fill(u, (struct ui_rect){ox + x * module, oy + y * module, (x1 - x) * module, (y1 - y) * module},
				ink, 0);
			x = x1;
		}
	}
#undef DARK
	u->rtl = rtl;
	QRcode_free(q);
	return size;
}
