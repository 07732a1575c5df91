/* Writes 8-bit RGBA pixels as a PNG file (screenshots and ticket previews). Any thread. */
#ifndef KIOSK_PNGOUT_H
#define KIOSK_PNGOUT_H

#include <stdint.h>

#include "kiosk/error.h"

/* pixels: rows of w RGBA quadruplets, pitch bytes apart. */
enum kiosk_err png_write_rgba(const char *path, const uint8_t *pixels, int w, int h, int pitch);

#endif
