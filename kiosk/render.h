/*
 * The SDL backend: turns a draw list into pixels on the panel, turned by the
 * configured rotation, and maps touches back. UI thread only.
 */
#ifndef KIOSK_RENDER_H
#define KIOSK_RENDER_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "kiosk/draw.h"
#include "text.h"

struct renderer;

struct render_stats {
	unsigned frames;
	unsigned text_overflow;   /* lines wider than their box as really rendered */
	char overflow_what[96];
	unsigned textures;        /* text textures cached */
	size_t texture_bytes;
	unsigned images;          /* pictures cached, each at one size */
	unsigned image_loads;     /* picture files read and rasterised */
	unsigned image_failures;  /* files that could not be drawn (each logged once) */
};

/* pw x ph: the panel's pixels; scale: window size / panel size (1 on the panel). */
struct renderer *renderer_create(int pw, int ph, int rotation, float scale, bool windowed, struct text_engine *te,
				 char *why, size_t why_len);
/* Draws into surface (not owned; it must outlive the renderer) instead of a
 * window: printed tickets go through the same drawing code as the screen.
 * Upright, no window, nothing presented. */
struct renderer *renderer_create_for_surface(SDL_Surface *surface, struct text_engine *te, char *why,
					     size_t why_len);
void renderer_destroy(struct renderer *rd);
void renderer_logical_size(const struct renderer *rd, int *lw, int *lh);
/* Draws the list and presents it; when shot_path is set, also saves the panel
 * image as PNG (returns false if that fails). */
bool renderer_draw(struct renderer *rd, const struct draw_list *dl, const char *shot_path);
/* For layout checks only: draw the upright picture but skip turning and
 * presenting it (software rotation of a large panel is slow in tests). */
void renderer_set_layout_only(struct renderer *rd, bool on);
/* A touch in window coordinates (normalised 0..1) to logical pixels. */
void renderer_touch_to_logical(const struct renderer *rd, float nx, float ny, int *x, int *y);
/* A logical point to normalised window coordinates (for the script harness). */
void renderer_logical_to_touch(const struct renderer *rd, int x, int y, float *nx, float *ny);
/* The colour (0xRRGGBB) of panel pixel (x, y) as last presented, or -1. */
long renderer_pixel(struct renderer *rd, int x, int y);
struct render_stats renderer_stats(const struct renderer *rd);
void renderer_reset_overflow(struct renderer *rd);
SDL_Window *renderer_window(const struct renderer *rd);

#endif
