/*
 * Shared only by ticket.c (queue tickets) and ticket_slip.c (booking slips):
 * the paper's look and the blocks both are built from, so a slip prints with
 * exactly the ticket's margins, sizes, text fitting and QR code. Not a
 * public API. Pure; any thread.
 */
#ifndef KIOSK_TICKET_PRIVATE_H
#define KIOSK_TICKET_PRIVATE_H

#include "kiosk/ticket.h"
#include "kiosk/ui.h"

#define TICKET_INK 0x000000FFu
#define TICKET_PAPER 0xFFFFFFFFu

/* Sizes in millimetres on paper (ticket.c explains the choices). */
struct ticket_look {
	float top, bottom, side; /* blank paper around the content */
	float column_max;        /* sheets: a ticket-shaped column, not a 19 cm wide one */
	float title, body, small;
	float rule, gap;
	float number_em_of_width; /* the number's largest em size, as a share of the column width */
	float qr_target, qr_min_module;
};

/* Where the next block goes: a column, and the top of the space left in it. */
struct ticket_cursor {
	struct ui *u;
	const struct ticket_look *look;
	struct ui_rect col;
	int y;
};

/* Clears u->dl, sets u up for paper (direction from rtl), paints the paper
 * and returns the cursor at the top of the column. */
struct ticket_cursor ticket_begin(struct ui *u, const struct ticket_paper *paper, bool rtl);
/* Adds the bottom margin and patches the paper's height: returns what
 * ticket_layout returns. */
int ticket_finish(struct ticket_cursor *c, const struct ticket_paper *paper, const char *what);

void ticket_gap(struct ticket_cursor *c, float mm);
/* A full-width black line. */
void ticket_rule(struct ticket_cursor *c);
/* A paragraph at the cursor, as tall as its wrapped lines. */
void ticket_text_block(struct ticket_cursor *c, const char *s, const struct ui_text_style *st);
/* Black text of mm em size, shrinking to 60 % at most. */
struct ui_text_style ticket_style(float mm, enum draw_weight w, enum draw_align align);
/* Text left to right (a number, a reference) as large as the column allows,
 * up to look->number_em_of_width of its width, trimmed to its ink. */
void ticket_number_block(struct ticket_cursor *c, const char *number);
/* A QR code of payload, centred, with its quiet zone. */
void ticket_qr_block(struct ticket_cursor *c, const char *payload);
/* The printed time, in the format of the ticket's language. */
void ticket_when(const struct i18n_catalog *cat, int year, int month, int day, int hour, int minute, char *out,
		 size_t size);

#endif
