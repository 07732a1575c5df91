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
	dl->modal_cmd_from = 0;
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

static bool layer_of(const struct draw_list *dl, int i)
{
	return dl->modal_cmd_from > 0 && i >= dl->modal_cmd_from;
}

bool draw_list_text_overlap(const struct draw_list *dl, int *a, int *b)
{
	/* Line boxes span their block's width, so only their heights are compared
	 * where they share columns; a pixel of slack allows for rounding. */
	for (int i = 0; i < dl->ncmd; i++) {
		const struct draw_cmd *p = &dl->cmd[i];
		if (p->kind != DRAW_TEXT)
			continue;
		for (int j = i + 1; j < dl->ncmd; j++) {
			const struct draw_cmd *q = &dl->cmd[j];
			if (q->kind != DRAW_TEXT || layer_of(dl, i) != layer_of(dl, j))
				continue;
			int w = (p->r.x + p->r.w < q->r.x + q->r.w ? p->r.x + p->r.w : q->r.x + q->r.w) -
				(p->r.x > q->r.x ? p->r.x : q->r.x);
			int h = (p->r.y + p->r.h < q->r.y + q->r.h ? p->r.y + p->r.h : q->r.y + q->r.h) -
				(p->r.y > q->r.y ? p->r.y : q->r.y);
			if (w > 1 && h > 1) {
				*a = i;
				*b = j;
				return true;
			}
		}
	}
	return false;
}
