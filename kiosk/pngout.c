/*
 * PNG output through libpng. Written to a temporary name and renamed, so a
 * reader never sees half a file. Any thread; no shared state.
 */
#include "pngout.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

static enum kiosk_err write_png(const char *path, const uint8_t *pixels, int w, int h, int pitch, int color_type,
				float ppmm)
{
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return errno == ENOSPC ? KIOSK_ERR_DISK_FULL : KIOSK_ERR_IO;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(f);
		remove(tmp);
		return KIOSK_ERR_IO;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, color_type, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (ppmm > 0) {
		png_uint_32 ppm = (png_uint_32)(ppmm * 1000.0f + 0.5f);
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	png_set_compression_level(png, 6);
	png_write_info(png, info);
	for (int y = 0; y < h; y++)
		png_write_row(png, (png_const_bytep)(pixels + (size_t)y * (size_t)pitch));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	bool ok = fflush(f) == 0;
	int err = errno;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		remove(tmp);
		return (ok ? errno : err) == ENOSPC ? KIOSK_ERR_DISK_FULL : KIOSK_ERR_IO;
	}
	return KIOSK_OK;
}

enum kiosk_err png_write_rgba(const char *path, const uint8_t *pixels, int w, int h, int pitch)
{
	return write_png(path, pixels, w, h, pitch, PNG_COLOR_TYPE_RGBA, 0.0f);
}

enum kiosk_err png_write_gray(const char *path, const uint8_t *pixels, int w, int h, int pitch, float ppmm)
{
	return write_png(path, pixels, w, h, pitch, PNG_COLOR_TYPE_GRAY, ppmm);
}
