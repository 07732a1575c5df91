/*
 * Slip layout: what a visitor takes home from booking, moving,
 * cancelling or checking in, or from a guide, on the printer's real paper.
 *
 * A slip is built from the queue ticket's blocks (ticket_private.h), so it
 * has the same margins, sizes, text fitting, right-to-left mirroring and QR
 * code: the office's name, a title, the reference (or a queue number) large,
 * when it was printed, label and value rows, the QR code, and a closing note.
 * On a roll, rows are stacked, label over value, to keep the values' lines
 * long on 48 mm; on a sheet the slip is a letter: a wider column, each label
 * beside its value, so eight rows and the code still fit one page. The
 * mirroring of a right-to-left language swaps the two sides by itself. A
 * guide's steps (s->steps) are stacked on every paper: each step's title a
 * bold heading, its paragraphs, its own warning in a frame; a value or note
 * of several paragraphs is laid out one paragraph at a time.
 *
 * What this is not: it chooses no words (the app fills struct ticket_slip in
 * the visitor's language, kiosk/core/slip.c and slip_guide.c) and knows
 * nothing of printers.
 * Pure; any thread (each call uses only its ui and draw list).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/ticket.h"
#include "ticket_private.h"

/* A sheet's column for a slip, and its labels' share of it. */
#define SHEET_COLUMN_MM 170.0f
#define SHEET_LABEL_SHARE 30

/* Text of one or more paragraphs, one per line: each its own block, so a
 * long value never reaches a block's line limit; between paragraphs, gap mm. */
static void paragraphs(struct ticket_cursor *c, const char *text, const struct ui_text_style *st, float gap)
{
	char para[sizeof ((struct ticket_slip_row *)0)->value];
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		if (n > 0 && n < sizeof para) {
			if (p != text)
				ticket_gap(c, gap);
			memcpy(para, p, n);
			para[n] = '\0';
			ticket_text_block(c, para, st);
		}
		p += n + (p[n] == '\n');
	}
}

/* A label and its value side by side: the row is as tall as the taller. */
static void side_by_side(struct ticket_cursor *c, const struct ticket_slip_row *r, const struct ui_text_style *label,
			 const struct ui_text_style *body)
{
	struct ticket_cursor left = *c, right = *c;
	int gap = ui_mm(c->u, c->look->gap);
	left.col.w = c->col.w * SHEET_LABEL_SHARE / 100;
	right.col.x = c->col.x + left.col.w + gap;
	right.col.w = c->col.w - left.col.w - gap;
	if (r->label[0])
		ticket_text_block(&left, r->label, label);
	paragraphs(&right, r->value, body, 0.0f);
	c->y = left.y > right.y ? left.y : right.y;
}

/* A warning in a frame, as the guide's step shows it on screen. */
static void framed(struct ticket_cursor *c, const char *text, const struct ui_text_style *st)
{
	struct ui *u = c->u;
	int line = ui_mm(u, c->look->rule), pad = ui_mm(u, c->look->gap * 0.6f);
	line = line > 0 ? line : 1;
	struct ticket_cursor in = *c;
	in.col.x += line + pad;
	in.col.w -= 2 * (line + pad);
	in.y += line + pad;
	paragraphs(&in, text, st, 0.0f);
	ui_frame(u, (struct ui_rect){c->col.x, c->y, c->col.w, in.y + pad + line - c->y}, TICKET_INK, line);
	c->y = in.y + pad + line;
}

/* A guide's step: its title as a heading, then its words and its own
 * warning; on a sheet the heading stands beside them, as a letter's labels. */
static void step(struct ticket_cursor *c, const struct ticket_slip_row *r, const struct ui_text_style *heading,
		 const struct ui_text_style *body, bool beside)
{
	float gap = c->look->gap * 0.4f;
	struct ticket_cursor head = *c, words = *c;
	if (beside) {
		int between = ui_mm(c->u, c->look->gap);
		head.col.w = c->col.w * SHEET_LABEL_SHARE / 100;
		words.col.x = c->col.x + head.col.w + between;
		words.col.w = c->col.w - head.col.w - between;
	}
	if (r->label[0])
		ticket_text_block(&head, r->label, heading);
	if (!beside)
		words.y = head.y + ui_mm(c->u, gap);
	if (r->value[0])
		paragraphs(&words, r->value, body, gap);
	if (r->warn[0]) {
		ticket_gap(&words, r->value[0] ? gap : 0.0f);
		framed(&words, r->warn, body);
	}
	c->y = head.y > words.y ? head.y : words.y;
}

static int layout(struct ui *u, const struct ticket_slip *s, const struct ticket_paper *paper, float scale, int skip)
{
	struct ticket_cursor c = ticket_begin(u, paper, s->visitor_lang.rtl);
	/* The reference is large but leaves a margin on a roll (seven
	 * characters, not a ticket's four), and stays ticket-sized on a sheet. */
	struct ticket_cursor narrow = c;
	if (paper->roll) {
		narrow.col.w = c.col.w * 80 / 100;
		narrow.col.x = c.col.x + (c.col.w - narrow.col.w) / 2;
	}
	struct ticket_look sheet = *c.look;
	if (!paper->roll) {
		int w = ui_mm(u, SHEET_COLUMN_MM) < u->w ? ui_mm(u, SHEET_COLUMN_MM) : u->w;
		c.col.x = (u->w - w) / 2;
		c.col.w = w;
		/* A letter's sizes (14 and 12 pt), not a ticket's, so eight long
		 * rows and the code fit one page. */
		sheet.body = 5.0f * scale;
		sheet.small = 4.2f * scale;
		sheet.title *= scale;
		sheet.gap *= scale;
		c.look = &sheet;
	}
	const struct ticket_look *look = c.look;
	struct ui_text_style title = ticket_style(look->title, DRAW_BOLD, DRAW_ALIGN_CENTER);
	struct ui_text_style body = ticket_style(look->body, DRAW_REGULAR, DRAW_ALIGN_START);
	struct ui_text_style small = ticket_style(look->small, DRAW_REGULAR, DRAW_ALIGN_CENTER);
	struct ui_text_style label = ticket_style(look->small, DRAW_BOLD, DRAW_ALIGN_START);
	struct ui_text_style heading = ticket_style(look->body, DRAW_BOLD, DRAW_ALIGN_START);
	char when[96];

	if (s->office_name[0])
		ticket_text_block(&c, s->office_name, &title);
	ticket_gap(&c, look->gap);
	ticket_rule(&c);
	ticket_gap(&c, look->gap);

	if (s->title[0])
		ticket_text_block(&c, s->title, &title);
	if (s->big[0]) {
		ticket_gap(&c, look->gap / 2);
		narrow.y = c.y;
		ticket_number_block(&narrow, s->big);
		/* The block is trimmed to digits and capitals; a reference's Q
		 * has a tail below them. */
		c.y = narrow.y + ui_mm(u, look->gap / 3);
	}
	ticket_when(s->visitor_lang.cat, s->year, s->month, s->day, s->hour, s->minute, when, sizeof when);
	ticket_text_block(&c, when, &small);

	if (s->nrows > 0) {
		ticket_gap(&c, look->gap);
		ticket_rule(&c);
	}
	for (int i = 0; i < s->nrows; i++) {
		const struct ticket_slip_row *r = &s->row[i];
		if (i > 0 && i <= skip)
			continue;
		ticket_gap(&c, look->gap * (i == 0 ? 1.0f : s->steps ? 1.2f : 0.6f));
		if (s->steps) {
			step(&c, r, paper->roll ? &heading : &label, &body, !paper->roll);
			continue;
		}
		if (!paper->roll) {
			side_by_side(&c, r, &label, &body);
			continue;
		}
		if (r->label[0])
			ticket_text_block(&c, r->label, &label);
		paragraphs(&c, r->value, &body, 0.0f);
	}

	if (!paper->roll && s->qr[0] && s->note[0]) {
		/* A sheet: the note, and the code at its end, side by side. */
		ticket_gap(&c, look->gap);
		ticket_rule(&c);
		ticket_gap(&c, look->gap);
		struct ticket_cursor note = c, code = c;
		code.col.w = ui_mm(u, look->qr_target);
		code.col.x = c.col.x + c.col.w - code.col.w;
		note.col.w = c.col.w - code.col.w - ui_mm(u, look->gap);
		paragraphs(&note, s->note, &body, look->gap * 0.4f);
		ticket_qr_block(&code, s->qr);
		c.y = note.y > code.y ? note.y : code.y;
		return ticket_finish(&c, paper, "slip longer than the page");
	}
	if (s->qr[0]) {
		ticket_gap(&c, look->gap);
		ticket_qr_block(&c, s->qr);
	}
	if (s->note[0]) {
		ticket_gap(&c, look->gap);
		ticket_rule(&c);
		ticket_gap(&c, look->gap);
		paragraphs(&c, s->note, &body, look->gap * 0.4f);
	}
	return ticket_finish(&c, paper, "slip longer than the page");
}

int ticket_layout_slip(struct ui *u, const struct ticket_slip *s, const struct ticket_paper *paper)
{
	assert(u && u->dl && u->text && s && paper && s->nrows >= 0 && s->nrows <= TICKET_SLIP_ROWS);
	/* A sheet is one page: a slip too long for it (a guide's many steps in
	 * a wordy language) is set smaller until it fits, down to 10 pt; a
	 * guide's steps that still do not fit lose their earliest steps after
	 * the first (their numbers show the gap), as on a roll past its rows.
	 * A roll is cut to the slip's length and keeps its sizes. */
	static const float scales[] = {1.0f, 0.88f, 0.78f, 0.7f};
	enum { TRIES = sizeof scales / sizeof scales[0] };
	int height = -1, last = paper->roll ? 1 : TRIES + (s->steps && s->nrows > 2 ? s->nrows - 2 : 0);
	for (int i = 0; i < last; i++) {
		height = layout(u, s, paper, scales[i < TRIES ? i : TRIES - 1], i < TRIES ? 0 : i - TRIES + 1);
		if (height < 0 || u->dl->overflow == 0)
			break;
	}
	return height;
}
