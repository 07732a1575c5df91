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

/* The overlap of two boxes, with a pixel of slack for rounding. */
static bool overlaps(struct ui_rect p, struct ui_rect q)
{
	int w = (p.x + p.w < q.x + q.w ? p.x + p.w : q.x + q.w) - (p.x > q.x ? p.x : q.x);
	int h = (p.y + p.h < q.y + q.h ? p.y + p.h : q.y + q.h) - (p.y > q.y ? p.y : q.y);
	return w > 1 && h > 1;
}

static bool contains(struct ui_rect outer, struct ui_rect in)
{
	return in.x >= outer.x - 1 && in.y >= outer.y - 1 && in.x + in.w <= outer.x + outer.w + 1 &&
	       in.y + in.h <= outer.y + outer.h + 1;
}

/* A fill hides part of a text line when it is drawn over the line, or when
 * the line sticks out of it: a background holds its text whole, while a QR
 * module, a rule or a marker that meets a line is drawn where text is. */
static bool hides(const struct draw_cmd *text, int ti, const struct draw_cmd *fill, int fi)
{
	return overlaps(text->r, fill->r) && (fi > ti || !contains(fill->r, text->r));
}

bool draw_list_text_overlap(const struct draw_list *dl, int *a, int *b)
{
	/* Line boxes span their block's width, so only their heights are compared
	 * where they share columns. */
	for (int i = 0; i < dl->ncmd; i++) {
		const struct draw_cmd *p = &dl->cmd[i];
		if (p->kind != DRAW_TEXT)
			continue;
		for (int j = 0; j < dl->ncmd; j++) {
			const struct draw_cmd *q = &dl->cmd[j];
			if (j == i || layer_of(dl, i) != layer_of(dl, j))
				continue;
			bool clash = q->kind == DRAW_TEXT ? j > i && overlaps(p->r, q->r)
				   : q->kind == DRAW_FILL && hides(p, i, q, j);
			if (clash) {
				*a = i < j ? i : j;
				*b = i < j ? j : i;
				return true;
			}
		}
	}
	return false;
}
