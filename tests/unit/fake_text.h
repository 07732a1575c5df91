/* A text measurer for unit tests of layout: every byte is 0.6 em wide and a
 * line is 1.25 em tall, so expected layouts can be computed by hand. */
#ifndef TEST_FAKE_TEXT_H
#define TEST_FAKE_TEXT_H

#include "kiosk/ui.h"

static int fake_width(void *ctx, const char *s, size_t len, int px, enum draw_weight w, enum draw_dir dir)
{
	(void)ctx;
	(void)s;
	(void)w;
	(void)dir;
	return (int)len * px * 6 / 10;
}

static int fake_line_height(void *ctx, int px, enum draw_dir dir)
{
	(void)ctx;
	(void)dir;
	return px * 5 / 4;
}

static const struct ui_text_ops fake_text = {fake_width, fake_line_height, NULL};

#endif
