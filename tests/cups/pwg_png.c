/*
 * pwg_png PWG PNG: the first page of a PWG raster file (what a virtual
 * printer of the rig kept, tests/cups/rig.sh), 8-bit grey as the kiosk
 * sends it, written as a PNG, so a shell test can read what was printed
 * (zbarimg for its QR code). Prints "WIDTH HEIGHT" in dots. A test tool.
 */
#include <cups/raster.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pngout.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: pwg_png FILE.pwg OUT.png\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	cups_raster_t *r = fd >= 0 ? cupsRasterOpen(fd, CUPS_RASTER_READ) : NULL;
	cups_page_header2_t h;
	if (!r || !cupsRasterReadHeader2(r, &h) || h.cupsBitsPerPixel != 8 || h.cupsBytesPerLine != h.cupsWidth ||
	    h.HWResolution[0] == 0) {
		fprintf(stderr, "pwg_png: %s is not an 8-bit grey PWG raster\n", argv[1]);
		return 1;
	}
	size_t w = h.cupsWidth, n = w * h.cupsHeight;
	unsigned char *gray = malloc(n ? n : 1);
	if (!gray || cupsRasterReadPixels(r, gray, (unsigned)n) != n) {
		fprintf(stderr, "pwg_png: %s: the page is short\n", argv[1]);
		return 1;
	}
	float ppmm = (float)h.HWResolution[0] / 25.4f;
	if (png_write_gray(argv[2], gray, (int)w, (int)h.cupsHeight, (int)w, ppmm) != KIOSK_OK) {
		fprintf(stderr, "pwg_png: cannot write %s\n", argv[2]);
		return 1;
	}
	printf("%u %u\n", h.cupsWidth, h.cupsHeight);
	free(gray);
	cupsRasterClose(r);
	close(fd);
	return 0;
}
