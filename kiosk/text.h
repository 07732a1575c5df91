/*
 * The text engine: measures and renders one line of UTF-8 text in any script
 * the kiosk supports, for the screen and (later) for printed tickets.
 * Bidirectional text is split into runs with FriBidi, each run gets the first
 * font that has its characters and is shaped by SDL_ttf/HarfBuzz in its own
 * direction and script, and the runs are placed in visual order.
 * Not thread-safe: each thread that draws text owns its own engine.
 */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <SDL2/SDL.h>
#include <stddef.h>

#include "kiosk/draw.h"
#include "kiosk/error.h"
#include "kiosk/ui.h"

struct text_engine;

struct text_stats {
	unsigned missing_glyphs; /* characters no font has (drawn as boxes) */
	unsigned fonts_open;     /* sized font instances currently open */
	unsigned width_hits, width_misses;
};

/* Finds the Noto fonts in assets_dir/fonts or the system's Noto folder.
 * On failure returns NULL and explains why in why. */
struct text_engine *text_engine_create(const char *assets_dir, char *why, size_t why_len);
void text_engine_destroy(struct text_engine *te);

int text_engine_width(struct text_engine *te, const char *s, size_t len, int px, enum draw_weight w,
		      enum draw_dir dir);
/* Line height and the baseline's distance from the line's top, for text of this
 * direction: right-to-left lines make room for Arabic's taller marks. */
int text_engine_line_height(struct text_engine *te, int px, enum draw_dir dir);
int text_engine_ascent(struct text_engine *te, int px, enum draw_dir dir);
/* A new ARGB8888 surface of the line (caller frees), tall enough for the fonts
 * it uses, with its baseline *baseline pixels from the top; NULL for empty text. */
SDL_Surface *text_engine_render(struct text_engine *te, const char *s, size_t len, int px, enum draw_weight w,
				enum draw_dir dir, uint32_t rgba, int *baseline);
/* Measurement in the form the widgets take. */
const struct ui_text_ops *text_engine_ops(struct text_engine *te);
struct text_stats text_engine_stats(const struct text_engine *te);

#endif
