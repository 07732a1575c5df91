/*
 * Widgets and text fitting for touch.
 *
 * Every widget is a function of its arguments and the frame context: it
 * appends draw commands and tap targets and keeps nothing. Text is wrapped at
 * spaces and shrunk step by step until it fits its box; what still does not
 * fit at the smallest allowed size is counted as an overflow so the layout
 * tests can fail on it. Pure: text measurement comes in through ui_text_ops.
 * Runs on the UI thread (or in a test).
 */
#include "kiosk/ui.h"

#include <stdio.h>
#include <string.h>

/* Contrast (WCAG 1.4.3): fg on bg 16.8:1, accent_fg on accent 8.6:1,
 * muted on bg 7.4:1, danger_fg on danger 6.0:1. */
const struct ui_theme ui_theme_default = {
	.bg = 0xF4F1EAFF,
	.fg = 0x1A1A1AFF,
	.muted = 0x4A4A4AFF,
	.accent = 0x0B4F8AFF,
	.accent_fg = 0xFFFFFFFF,
	.accent_pressed = 0x06315AFF,
	.surface = 0xFFFFFFFF,
	.surface_pressed = 0xD6DEE8FF,
	.border = 0x5C5C5CFF,
	.focus = 0xE07B00FF,
	.danger = 0xA4262CFF,
	.danger_fg = 0xFFFFFFFF,
	.scrim = 0x000000B0,
};

#define MAX_LINES 24

int ui_mm(const struct ui *u, float mm)
{
	return (int)(mm * u->ppmm + 0.5f);
}

struct ui_rect ui_cut_top(struct ui_rect *r, int h)
{
	if (h > r->h)
		h = r->h;
	struct ui_rect out = {r->x, r->y, r->w, h};
	r->y += h;
	r->h -= h;
	return out;
}

struct ui_rect ui_cut_bottom(struct ui_rect *r, int h)
{
	if (h > r->h)
		h = r->h;
	r->h -= h;
	return (struct ui_rect){r->x, r->y + r->h, r->w, h};
}

struct ui_rect ui_cut_left(struct ui_rect *r, int w)
{
	if (w > r->w)
		w = r->w;
	struct ui_rect out = {r->x, r->y, w, r->h};
	r->x += w;
	r->w -= w;
	return out;
}

struct ui_rect ui_cut_right(struct ui_rect *r, int w)
{
	if (w > r->w)
		w = r->w;
	r->w -= w;
	return (struct ui_rect){r->x + r->w, r->y, w, r->h};
}

struct ui_rect ui_inset(struct ui_rect r, int d)
{
	if (2 * d > r.w)
		d = r.w / 2;
	if (2 * d > r.h)
		d = r.h / 2;
	return (struct ui_rect){r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
}

struct ui_rect ui_center_w(struct ui_rect r, int max_w)
{
	if (r.w > max_w) {
		r.x += (r.w - max_w) / 2;
		r.w = max_w;
	}
	return r;
}

struct ui_rect ui_column(struct ui_rect r, int i, int n, int gap)
{
	int cell = (r.w - gap * (n - 1)) / n;
	return (struct ui_rect){r.x + i * (cell + gap), r.y, cell, r.h};
}

struct ui_rect ui_row(struct ui_rect r, int i, int n, int gap)
{
	int cell = (r.h - gap * (n - 1)) / n;
	return (struct ui_rect){r.x, r.y + i * (cell + gap), r.w, cell};
}

static struct ui_rect mirror(const struct ui *u, struct ui_rect r)
{
	if (u->rtl)
		r.x = u->w - r.x - r.w;
	return r;
}

static struct draw_cmd *push(struct ui *u, enum draw_kind kind)
{
	struct draw_list *dl = u->dl;
	if (dl->ncmd >= DRAW_MAX_CMDS) {
		dl->full = true;
		return NULL;
	}
	struct draw_cmd *c = &dl->cmd[dl->ncmd++];
	memset(c, 0, sizeof(*c));
	c->kind = (uint8_t)kind;
	return c;
}

void ui_fill(struct ui *u, struct ui_rect r, uint32_t color, int radius)
{
	struct draw_cmd *c = push(u, DRAW_FILL);
	if (!c)
		return;
	c->r = mirror(u, r);
	c->color = color;
	c->radius = (int16_t)radius;
}

void ui_frame(struct ui *u, struct ui_rect r, uint32_t color, int thickness)
{
	struct draw_cmd *c = push(u, DRAW_FRAME);
	if (!c)
		return;
	c->r = mirror(u, r);
	c->color = color;
	c->radius = (int16_t)thickness;
}

void ui_tri(struct ui *u, int x0, int y0, int x1, int y1, int x2, int y2, uint32_t color)
{
	struct draw_cmd *c = push(u, DRAW_TRI);
	if (!c)
		return;
	int xs[3] = {x0, x1, x2}, ys[3] = {y0, y1, y2};
	for (int i = 0; i < 3; i++) {
		c->pts[2 * i] = (int16_t)(u->rtl ? u->w - xs[i] : xs[i]);
		c->pts[2 * i + 1] = (int16_t)ys[i];
	}
	c->color = color;
}

/* The picture keeps its own left and right: only its place is mirrored, since
 * a flipped drawing (a phone, a card, a hand) would look wrong, not foreign. */
void ui_image(struct ui *u, struct ui_rect r, const char *path)
{
	struct draw_list *dl = u->dl;
	size_t len = strlen(path);
	if (dl->ntext + len > DRAW_MAX_TEXT) {
		dl->full = true;
		return;
	}
	struct draw_cmd *c = push(u, DRAW_IMAGE);
	if (!c)
		return;
	c->r = mirror(u, r);
	c->text = dl->ntext;
	c->len = (uint32_t)len;
	memcpy(dl->text + dl->ntext, path, len);
	dl->ntext += (uint32_t)len;
}

void ui_target(struct ui *u, struct ui_rect r, const char *id, int action, int arg)
{
	struct draw_list *dl = u->dl;
	if (dl->ntarget >= DRAW_MAX_TARGETS) {
		dl->full = true;
		return;
	}
	struct draw_target *t = &dl->target[dl->ntarget++];
	snprintf(t->id, sizeof(t->id), "%s", id);
	t->r = mirror(u, r);
	t->action = action;
	t->arg = arg;
}

void ui_modal(struct ui *u)
{
	u->dl->modal_from = u->dl->ntarget;
	u->dl->modal_cmd_from = u->dl->ncmd;
}

/* ---- text fitting ---- */

struct line {
	const char *s;
	size_t len;
};

static int measure(const struct ui *u, const char *s, size_t len, int px, const struct ui_text_style *st)
{
	return u->text->width(u->text->ctx, s, len, px, st->weight, st->dir == DRAW_DIR_AUTO ? u->dir : st->dir);
}

static size_t utf8_next(const char *s, size_t i, size_t len)
{
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Greedy wrapping at spaces and at '\n'. A word wider than w is split between
 * characters only when split_words is set (last resort at the smallest size). */
static int wrap(const struct ui *u, const char *s, int px, int w, const struct ui_text_style *st, bool split_words,
		struct line *lines)
{
	size_t n = strlen(s), i = 0;
	int count = 0;
	while (i < n) {
		if (count == MAX_LINES)
			return -1;
		size_t start = i, end = i, best = i;
		bool hard = false;
		while (end < n) {
			size_t we = end;
			while (we < n && s[we] == ' ')
				we++;
			while (we < n && s[we] != ' ' && s[we] != '\n')
				we++;
			if (measure(u, s + start, we - start, px, st) > w)
				break;
			best = end = we;
			if (end < n && s[end] == '\n') {
				hard = true;
				break;
			}
		}
		if (best == start) {
			/* Not even one word fits on this line. */
			if (s[start] == '\n') {
				lines[count++] = (struct line){s + start, 0};
				i = start + 1;
				continue;
			}
			if (!split_words)
				return -1;
			size_t c = utf8_next(s, start, n);
			while (c < n && s[c] != ' ' && measure(u, s + start, utf8_next(s, c, n) - start, px, st) <= w)
				c = utf8_next(s, c, n);
			best = c;
		}
		lines[count++] = (struct line){s + start, best - start};
		i = best;
		if (hard)
			i++;
		while (i < n && s[i] == ' ')
			i++;
	}
	return count;
}

static int fit(struct ui *u, int w, int h, const char *s, const struct ui_text_style *st, struct line *lines,
	       int *out_px, int *out_lh)
{
	int px = ui_mm(u, st->size_mm), min_px = ui_mm(u, st->min_mm);
	if (min_px < 8)
		min_px = 8;
	if (px < min_px)
		px = min_px;
	for (;;) {
		bool last = px <= min_px;
		int lh = u->text->line_height(u->text->ctx, px, st->dir == DRAW_DIR_AUTO ? u->dir : st->dir);
		int n = wrap(u, s, px, w, st, last, lines);
		if (n >= 0 && n * lh <= h) {
			*out_px = px;
			*out_lh = lh;
			return n;
		}
		if (last) {
			*out_px = px;
			*out_lh = lh;
			return n < 0 ? -1 : -2 - n; /* does not fit: report how many lines were made */
		}
		int next = px * 92 / 100;
		px = next < px - 1 ? next : px - 1;
		if (px < min_px)
			px = min_px;
	}
}

int ui_text_height(struct ui *u, int w, const char *s, const struct ui_text_style *st)
{
	struct line lines[MAX_LINES];
	int px = ui_mm(u, st->size_mm);
	int n = wrap(u, s, px, w, st, false, lines);
	if (n < 0)
		return 1 << 20; /* a word wider than w: no height is enough at this size */
	return n * u->text->line_height(u->text->ctx, px, st->dir == DRAW_DIR_AUTO ? u->dir : st->dir);
}

static void overflowed(struct ui *u, const char *s)
{
	struct draw_list *dl = u->dl;
	if (dl->overflow++ == 0)
		snprintf(dl->overflow_what, sizeof(dl->overflow_what), "%s", s);
}

bool ui_text(struct ui *u, struct ui_rect r, const char *s, const struct ui_text_style *st)
{
	struct line lines[MAX_LINES];
	int px, lh;
	int n = fit(u, r.w, r.h, s, st, lines, &px, &lh);
	bool ok = n >= 0;
	if (!ok) {
		overflowed(u, s);
		n = n == -1 ? 0 : -2 - n;
	}
	struct draw_list *dl = u->dl;
	int y = r.y + (st->middle && ok ? (r.h - n * lh) / 2 : 0);
	enum draw_align align = st->align;
	if (u->rtl && align != DRAW_ALIGN_CENTER)
		align = align == DRAW_ALIGN_START ? DRAW_ALIGN_END : DRAW_ALIGN_START;
	for (int i = 0; i < n; i++, y += lh) {
		if (dl->ntext + lines[i].len > DRAW_MAX_TEXT) {
			dl->full = true;
			return false;
		}
		struct draw_cmd *c = push(u, DRAW_TEXT);
		if (!c)
			return false;
		c->r = mirror(u, (struct ui_rect){r.x, y, r.w, lh});
		c->px = (int16_t)px;
		c->weight = (uint8_t)st->weight;
		c->dir = (uint8_t)(st->dir == DRAW_DIR_AUTO ? u->dir : st->dir);
		c->align = (uint8_t)align;
		c->color = st->color;
		c->text = dl->ntext;
		c->len = (uint32_t)lines[i].len;
		memcpy(dl->text + dl->ntext, lines[i].s, lines[i].len);
		dl->ntext += (uint32_t)lines[i].len;
	}
	return ok;
}

/* ---- buttons ---- */

static void button_colors(const struct ui *u, enum ui_button_style style, bool pressed, uint32_t *bg, uint32_t *fg)
{
	const struct ui_theme *t = u->theme;
	switch (style) {
	case UI_BUTTON_PRIMARY:
		*bg = pressed ? t->accent_pressed : t->accent;
		*fg = t->accent_fg;
		break;
	case UI_BUTTON_STAFF:
		*bg = pressed ? 0x6E1A1EFF : t->danger;
		*fg = t->danger_fg;
		break;
	case UI_BUTTON_SECONDARY:
	case UI_BUTTON_KEY:
	default:
		*bg = pressed ? t->surface_pressed : t->surface;
		*fg = t->fg;
		break;
	}
}

static bool button_frame(struct ui *u, struct ui_rect r, const char *id, int action, int arg,
			 enum ui_button_style style, uint32_t *fg)
{
	bool pressed = u->pressed && strcmp(u->pressed, id) == 0;
	bool focused = u->focused && strcmp(u->focused, id) == 0;
	uint32_t bg;
	button_colors(u, style, pressed, &bg, fg);
	int radius = ui_mm(u, style == UI_BUTTON_KEY ? 1.2f : 2.5f);
	ui_fill(u, r, bg, radius);
	if (style == UI_BUTTON_SECONDARY || style == UI_BUTTON_KEY)
		ui_frame(u, r, u->theme->border, ui_mm(u, 0.4f) > 1 ? ui_mm(u, 0.4f) : 1);
	if (focused) {
		int t = ui_mm(u, 1.0f) > 2 ? ui_mm(u, 1.0f) : 2;
		ui_frame(u, (struct ui_rect){r.x - t, r.y - t, r.w + 2 * t, r.h + 2 * t}, u->theme->focus, t);
	}
	ui_target(u, r, id, action, arg);
	return pressed;
}

void ui_button(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *label,
	       enum ui_button_style style)
{
	ui_button_padded(u, r, id, action, arg, label, style, style == UI_BUTTON_KEY ? 0.8f : 2.5f, DRAW_DIR_AUTO);
}

void ui_button_padded(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *label,
		      enum ui_button_style style, float pad_mm, enum draw_dir dir)
{
	uint32_t fg;
	button_frame(u, r, id, action, arg, style, &fg);
	struct ui_text_style st = {
		.size_mm = style == UI_BUTTON_KEY ? 7.0f : 6.5f,
		.min_mm = style == UI_BUTTON_KEY ? 3.0f : 3.6f,
		.weight = DRAW_BOLD,
		.align = DRAW_ALIGN_CENTER,
		.middle = true,
		.color = fg,
		.dir = dir,
	};
	ui_text(u, ui_inset(r, ui_mm(u, pad_mm)), label, &st);
}

int ui_text2_height(struct ui *u, int w, const char *title, const char *detail, float k)
{
	struct ui_text_style ts = {.size_mm = 7.5f * k, .weight = DRAW_BOLD}, ds = {.size_mm = 5.0f * k};
	return ui_text_height(u, w, title, &ts) + ui_mm(u, 1.0f) + ui_text_height(u, w, detail, &ds);
}

void ui_text2(struct ui *u, struct ui_rect in, const char *title, const char *detail, uint32_t title_color,
	      uint32_t detail_color)
{
	struct ui_text_style ts = {
		.size_mm = 7.5f, .min_mm = 4.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .color = title_color,
	};
	struct ui_text_style ds = {
		.size_mm = 5.0f, .min_mm = 3.4f, .weight = DRAW_REGULAR, .align = DRAW_ALIGN_START, .color = detail_color,
	};
	/* Title and detail grow (on a large panel, for weak eyes) or shrink together,
	 * so the title stays the larger of the two. */
	int gap = ui_mm(u, 1.0f);
	for (float k = 1.5f; k >= 0.55f; k -= 0.05f) {
		struct ui_text_style t = ts, d = ds;
		t.size_mm = ts.size_mm * k;
		d.size_mm = ds.size_mm * k;
		if (d.size_mm < ds.min_mm)
			break;
		int th = ui_text_height(u, in.w, title, &t), dh = ui_text_height(u, in.w, detail, &d);
		if (th + gap + dh <= in.h) {
			ts = t;
			ds = d;
			ts.min_mm = ds.min_mm = 0.1f; /* sizes chosen: they fit as they are */
			break;
		}
	}
	int th = ui_text_height(u, in.w, title, &ts);
	if (th > in.h * 60 / 100)
		th = in.h * 60 / 100;
	/* The block sits in the middle, like a single label would. */
	int block = th + gap + ui_text_height(u, in.w, detail, &ds);
	if (block < in.h)
		ui_cut_top(&in, (in.h - block) / 2);
	struct ui_rect title_r = ui_cut_top(&in, th);
	ui_cut_top(&in, gap);
	ui_text(u, title_r, title, &ts);
	ui_text(u, in, detail, &ds);
}

void ui_button2(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *title,
		const char *detail, enum ui_button_style style)
{
	uint32_t fg;
	button_frame(u, r, id, action, arg, style, &fg);
	ui_text2(u, ui_inset(r, ui_mm(u, 2.5f)), title, detail, fg, fg);
}

void ui_arrow(struct ui *u, struct ui_rect r, enum ui_arrow a, uint32_t color)
{
	int s = (r.w < r.h ? r.w : r.h) * 2 / 5;
	int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
	switch (a) {
	case UI_ARROW_UP:
		ui_tri(u, cx - s, cy + s / 2, cx + s, cy + s / 2, cx, cy - s / 2 - s / 3, color);
		break;
	case UI_ARROW_DOWN:
		ui_tri(u, cx - s, cy - s / 2, cx + s, cy - s / 2, cx, cy + s / 2 + s / 3, color);
		break;
	case UI_ARROW_BACK:
		/* Points to the left in LTR; ui_tri mirrors it for RTL. */
		ui_tri(u, cx + s / 2, cy - s, cx + s / 2, cy + s, cx - s / 2 - s / 3, cy, color);
		break;
	}
}
