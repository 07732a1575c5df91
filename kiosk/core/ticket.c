/*
 * Queue ticket layout for the printer's real paper.
 *
 * The ticket is a draw list like a screen: one logical pixel is one printer
 * dot, sizes are millimetres on paper, text is wrapped and shrunk by the same
 * widget code, and a right-to-left visitor language mirrors the layout
 * through ui.rtl. Rolls are laid out top to bottom and cut to the content;
 * a sheet printer gets one page with the ticket in a column at its top.
 * Black on white only: thermal heads print dots, not greys, so any grey
 * comes from the renderer's anti-aliasing of text and nothing else.
 *
 * What this is not: it knows nothing of printers, fonts or pixels; the app
 * side (kiosk/ticket_render.c) draws the list with the screen's renderer.
 * Pure: no SDL, CUPS, curl or SQLite; libqrencode makes the QR matrix.
 * Any thread (each call uses only its ui and draw list).
 */
#include "kiosk/ticket.h"

#include <assert.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "kiosk/queue.h"

#include "ticket_private.h"

#define INK TICKET_INK
#define PAPER TICKET_PAPER
/* A text box taller than any ticket: ui_text wraps into it from the top and
 * the lines it emits say how much height the text really took. */
#define TALL (1 << 20)

/* Thermal heads have 8 dots per mm, sold as "203 dpi": the widths below are
 * the heads' dot counts, not a rounding of mm * dpi. Sheets keep 10 mm of
 * blank border, within what office printers can reach. */
static const struct ticket_paper papers[] = {
	{"receipt80", 72.0f, 576, 203, true, 0.0f, 0, 0.0f},
	{"receipt58", 48.0f, 384, 203, true, 0.0f, 0, 0.0f},
	{"a4", 190.0f, 2244, 300, false, 277.0f, 3272, 10.0f},
	{"letter", 195.9f, 2314, 300, false, 259.4f, 3064, 10.0f},
	{"a4-600", 190.0f, 4488, 600, false, 277.0f, 6543, 10.0f},
	{"letter-600", 195.9f, 4628, 600, false, 259.4f, 6128, 10.0f},
	{NULL, 0.0f, 0, 0, false, 0.0f, 0, 0.0f},
};

const struct ticket_paper *ticket_paper_all(void)
{
	return papers;
}

const struct ticket_paper *ticket_paper_find(const char *name)
{
	for (const struct ticket_paper *p = papers; name && p->name; p++) {
		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

float ticket_paper_ppmm(const struct ticket_paper *p)
{
	return (float)p->width_px / p->width_mm;
}

/* Sizes in millimetres on paper. Body text at 4.5 mm is about 13 pt: what
 * an older visitor reads without glasses at arm's length. Sheets have room
 * to be larger still. */
static const struct ticket_look look_roll = {
	.top = 3.0f, .bottom = 6.0f, .side = 1.0f, .column_max = 1000.0f,
	.title = 5.0f, .body = 4.5f, .small = 3.8f,
	.rule = 0.4f, .gap = 2.5f,
	.number_em_of_width = 0.42f,
	/* Phones read 0.5 mm modules from paper; larger is easier in a dim lobby. */
	.qr_target = 30.0f, .qr_min_module = 0.5f,
};

static const struct ticket_look look_sheet = {
	.top = 5.0f, .bottom = 5.0f, .side = 0.0f, .column_max = 120.0f,
	.title = 6.5f, .body = 5.8f, .small = 4.8f,
	.rule = 0.5f, .gap = 4.0f,
	.number_em_of_width = 0.42f,
	.qr_target = 40.0f, .qr_min_module = 0.5f,
};

void ticket_gap(struct ticket_cursor *c, float mm)
{
	c->y += ui_mm(c->u, mm);
}

void ticket_rule(struct ticket_cursor *c)
{
	int t = ui_mm(c->u, c->look->rule);
	ui_fill(c->u, (struct ui_rect){c->col.x, c->y, c->col.w, t > 0 ? t : 1}, INK, 0);
	c->y += t > 0 ? t : 1;
}

static void overflowed(struct ui *u, const char *what)
{
	struct draw_list *dl = u->dl;
	if (dl->overflow++ == 0)
		snprintf(dl->overflow_what, sizeof(dl->overflow_what), "%s", what);
}

void ticket_text_block(struct ticket_cursor *c, const char *s, const struct ui_text_style *st)
{
	struct ui *u = c->u;
	int first = u->dl->ncmd;
	ui_text(u, (struct ui_rect){c->col.x, c->y, c->col.w, TALL}, s, st);
	int bottom = c->y;
	for (int i = first; i < u->dl->ncmd; i++) {
		const struct draw_cmd *d = &u->dl->cmd[i];
		if (d->kind == DRAW_TEXT && d->r.y + d->r.h > bottom)
			bottom = d->r.y + d->r.h;
	}
	c->y = bottom;
}

struct ui_text_style ticket_style(float mm, enum draw_weight w, enum draw_align align)
{
	return (struct ui_text_style){
		.size_mm = mm, .min_mm = mm * 0.6f, .weight = w, .align = align, .color = INK,
	};
}

/* The number as large as the column allows: its size is solved from one
 * measurement (widths scale with the size) and then trimmed to the dot. */
void ticket_number_block(struct ticket_cursor *c, const char *number)
{
	struct ui *u = c->u;
	const struct ui_text_ops *ops = u->text;
	size_t len = strlen(number);
	int avail = c->col.w;
	int px = (int)((float)c->col.w * c->look->number_em_of_width);
	enum { REF = 100 };
	int ref_w = ops->width(ops->ctx, number, len, REF, DRAW_BOLD, DRAW_DIR_LTR);
	if (ref_w > 0 && (long)avail * REF / ref_w < px)
		px = (int)((long)avail * REF / ref_w);
	while (px > 8 && ops->width(ops->ctx, number, len, px, DRAW_BOLD, DRAW_DIR_LTR) > avail)
		px--;
	/* A line box is about 1.36 em in Noto Sans and capitals and digits take
	 * only its 0.36-1.07 em band: trimming the empty top and bottom keeps the
	 * number next to its label and saves over a centimetre of paper. */
	int trim_top = px * 30 / 100, trim_bottom = px * 25 / 100;
	struct ui_text_style st = {
		/* Exactly px after ui_mm's rounding. */
		.size_mm = ((float)px + 0.25f) / u->ppmm,
		.min_mm = ((float)px + 0.25f) / u->ppmm,
		.weight = DRAW_BOLD,
		.align = DRAW_ALIGN_CENTER,
		.color = INK,
		/* "A017" reads left to right in every language. */
		.dir = DRAW_DIR_LTR,
	};
	int first = u->dl->ncmd;
	c->y -= trim_top;
	ticket_text_block(c, number, &st);
	c->y -= trim_bottom;
	/* The boxes say where the ink is, so the layout checks see no overlap
	 * with the label above; the line itself is drawn from its real top. */
	for (int i = first; i < u->dl->ncmd; i++) {
		struct draw_cmd *d = &u->dl->cmd[i];
		if (d->kind == DRAW_TEXT && d->r.h > trim_top + trim_bottom) {
			d->r.y += trim_top;
			d->r.h -= trim_top + trim_bottom;
			d->rise = (int16_t)trim_top;
		}
	}
}

/* The QR code as filled rectangles: each run of dark modules along a row,
 * extended down over the rows where the same span is dark too, so a code
 * costs a few hundred draw commands instead of a thousand. */
void ticket_qr_block(struct ticket_cursor *c, const char *payload)
{
	struct ui *u = c->u;
	int min_module = (int)(c->look->qr_min_module * u->ppmm + 0.99f);
	int size = ui_qr(u, (struct ui_rect){c->col.x, c->y, c->col.w, (int)(c->look->qr_target * u->ppmm + 0.5f)},
			 payload, min_module, INK, PAPER);
	c->y += size;
}

void ticket_when(const struct i18n_catalog *cat, int year, int month, int day, int hour, int minute, char *out,
		 size_t size)
{
	/* TRANSLATORS: when the ticket was taken (or a slip printed): %1$d year, %2$d month, %3$d day,
	   %4$d hour, %5$d minute. Write it as dates and times are written in your
	   language, e.g. "%3$d.%2$d.%1$d kl. %4$02d.%5$02d"; keep all five. */
	const char *when = i18n_get(cat, "%1$04d-%2$02d-%3$02d %4$02d:%5$02d");
	snprintf(out, size, when, year, month, day, hour, minute);
}

struct ticket_cursor ticket_begin(struct ui *u, const struct ticket_paper *paper, bool rtl)
{
	const struct ticket_look *look = paper->roll ? &look_roll : &look_sheet;
	draw_list_clear(u->dl);
	u->theme = &ui_theme_default;
	u->ppmm = ticket_paper_ppmm(paper);
	u->w = paper->width_px;
	u->h = paper->roll ? 0 : paper->height_px;
	u->rtl = rtl;
	u->dir = u->rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR;
	u->pressed = "";
	u->focused = "";

	/* The paper itself, first: its height is patched in at the end, and a
	 * full opaque fill lets the renderer skip clearing. */
	ui_fill(u, (struct ui_rect){0, 0, u->w, 0}, PAPER, 0);
	int colw = u->w - 2 * ui_mm(u, look->side);
	if (colw > ui_mm(u, look->column_max))
		colw = ui_mm(u, look->column_max);
	return (struct ticket_cursor){u, look, {(u->w - colw) / 2, 0, colw, TALL}, ui_mm(u, look->top)};
}

int ticket_finish(struct ticket_cursor *c, const struct ticket_paper *paper, const char *what)
{
	struct ui *u = c->u;
	c->y += ui_mm(u, c->look->bottom);
	int height = c->y;
	if (!paper->roll) {
		if (height > paper->height_px)
			overflowed(u, what);
		height = paper->height_px;
	}
	u->dl->cmd[0].r.h = height;
	u->h = height;
	return u->dl->full ? -1 : height;
}

static void details(struct ticket_cursor *c, const struct ticket *t, float body)
{
	char ahead[160], wait[160];
	queue_describe(t->visitor_lang.cat, t->ahead, t->wait_min, t->wait_max, ahead, sizeof(ahead), wait,
		       sizeof(wait));
	struct ui_text_style st = ticket_style(body, DRAW_REGULAR, DRAW_ALIGN_START);
	if (ahead[0])
		ticket_text_block(c, ahead, &st);
	struct ui_text_style bold = ticket_style(body, DRAW_BOLD, DRAW_ALIGN_START);
	ticket_text_block(c, wait, &bold);
}

void ticket_code(char *out, size_t size, const char *status_url, const char *number, const char *day,
		 bool *is_link)
{
	bool link = status_url && status_url[0];
	if (is_link)
		*is_link = link;
	if (!link) {
		snprintf(out, size, "%s %s", number, day);
		return;
	}
	size_t o = 0;
	for (const char *p = status_url; *p && o + 1 < size;) {
		const char *field = NULL;
		if (strncmp(p, "{number}", 8) == 0) {
			field = number;
			p += 8;
		} else if (strncmp(p, "{day}", 5) == 0) {
			field = day;
			p += 5;
		}
		if (!field) {
			out[o++] = *p++;
			continue;
		}
		for (; *field && o + 1 < size; field++)
			out[o++] = *field;
	}
	out[o] = '\0';
}

int ticket_layout(struct ui *u, const struct ticket *t, const struct ticket_paper *paper)
{
	assert(u && u->dl && u->text && t && t->number && t->number[0] && paper);
	struct ticket_cursor c = ticket_begin(u, paper, t->visitor_lang.rtl);
	const struct ticket_look *look = c.look;
	const struct i18n_catalog *cat = t->visitor_lang.cat;
	char buf[256];

	struct ui_text_style title = ticket_style(look->title, DRAW_BOLD, DRAW_ALIGN_CENTER);
	struct ui_text_style body = ticket_style(look->body, DRAW_REGULAR, DRAW_ALIGN_CENTER);
	struct ui_text_style small = ticket_style(look->small, DRAW_REGULAR, DRAW_ALIGN_CENTER);
	if (t->office_name && t->office_name[0])
		ticket_text_block(&c, t->office_name, &title);
	if (t->service && t->service[0])
		ticket_text_block(&c, t->service, &body);
	ticket_gap(&c, look->gap);
	ticket_rule(&c);
	ticket_gap(&c, look->gap);

	ticket_text_block(&c, i18n_get(cat, "Your number"), &body);
	ticket_number_block(&c, t->number);
	ticket_when(cat, t->year, t->month, t->day, t->hour, t->minute, buf, sizeof(buf));
	ticket_text_block(&c, buf, &small);
	ticket_gap(&c, look->gap);
	ticket_rule(&c);
	ticket_gap(&c, look->gap);

	details(&c, t, look->body);

	if (t->qr && t->qr[0]) {
		ticket_gap(&c, look->gap);
		ticket_qr_block(&c, t->qr);
		if (t->qr_is_link) {
			const char *scan = i18n_get(cat, "Scan the code to follow the queue on your phone.");
			ticket_text_block(&c, scan, &small);
		}
	}
	ticket_gap(&c, look->gap);
	ticket_rule(&c);
	ticket_gap(&c, look->gap);

	const char *seat = N_("Please take a seat. Your number will be called and shown on the screen.");
	ticket_text_block(&c, i18n_get(cat, seat), &body);
	const char *vcode = t->visitor_lang.code ? t->visitor_lang.code : "";
	const char *ocode = t->office_lang.code ? t->office_lang.code : "";
	if (strcmp(vcode, ocode) != 0) {
		/* The same words in the office's language, for staff and for whoever
		 * helps the visitor; in its own direction. */
		struct ui_text_style office = small;
		office.dir = t->office_lang.rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR;
		ticket_gap(&c, look->gap / 2);
		ticket_text_block(&c, i18n_get(t->office_lang.cat, seat), &office);
	}
	return ticket_finish(&c, paper, "ticket longer than the page");
}
