/* Writes 8-bit RGBA pixels as a PNG file (screenshots and ticket previews). Any thread. */
#ifndef KIOSK_PNGOUT_H
#define KIOSK_PNGOUT_H

#include <stdint.h>

#include "kiosk/error.h"

/* pixels: rows of w RGBA quadruplets, pitch bytes apart. */
enum kiosk_err png_write_rgba(const char *path, const uint8_t *pixels, int w, int h, int pitch);
/* pixels: rows of w grey bytes (0 black), pitch bytes apart; ppmm > 0 records
 * the resolution, so a viewer or a print dialog shows the real size. */
enum kiosk_err png_write_gray(const char *path, const uint8_t *pixels, int w, int h, int pitch, float ppmm);

#endif
