/*
 * Draw list bookkeeping and hit-testing.
 * Pure data; the UI thread owns each list.
 */
#include "kiosk/draw.h"

#include <string.h>

void draw_list_clear(struct draw_list *dl)
{
	dl->ncmd = 0;
	dl->ntarget = 0;
	dl->modal_from = 0;
	dl->ntext = 0;
	dl->overflow = 0;
	dl->overflow_what[0] = '\0';
	dl->full = false;
}

bool draw_rect_contains(struct ui_rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const struct draw_target *draw_list_hit(const struct draw_list *dl, int x, int y)
{
	/* Later targets are drawn on top, so search from the end. */
	for (int i = dl->ntarget - 1; i >= dl->modal_from; i--) {
		if (draw_rect_contains(dl->target[i].r, x, y))
			return &dl->target[i];
	}
	return NULL;
}

const struct draw_target *draw_list_find(const struct draw_list *dl, const char *id)
{
	for (int i = 0; i < dl->ntarget; i++) {
		if (strcmp(dl->target[i].id, id) == 0)
			return &dl->target[i];
	}
	return NULL;
}
