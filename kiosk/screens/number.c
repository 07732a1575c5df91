/*
 * Take a queue ticket, the end: the number, very large, and what happens
 * next. The number is taken (and committed to disk) on entering; until the
 * store answers, the screen says "one moment". Without paper the visitor
 * still leaves with the number: this screen shows it large enough to
 * remember or photograph.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"
#include "kiosk/ticket.h"
#include "number_private.h"

struct ui_text_style number_style(const struct ui *u)
{
	return (struct ui_text_style){
		.size_mm = 40.0f, .min_mm = 14.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = u->theme->fg, .dir = DRAW_DIR_LTR,
	};
}

const char *number_next_text(const struct app *a, int print)
{
	switch (print) {
	case APP_PRINT_BUSY:
	case APP_PRINT_DONE:
		return app_tr(a, "Please take your ticket from the printer. Take a seat: your number will be called "
				 "and shown on the screen.");
	case APP_PRINT_FAILED:
		return app_tr(a, "The printer cannot print right now. Please remember your number, or take a photo "
				 "of it. Your number will be called and shown on the screen.");
	default:
		return app_tr(a, "Please take a seat. Your number will be called and shown on the screen. "
				 "Remember it, or take a photo of it.");
	}
}

static void enter(struct app *a)
{
	const struct service *s = &a->services->s[a->s.service];
	a->s.number = 0;
	a->s.ticket_status = 0;
	a->s.print = APP_PRINT_NONE;
	if (a->nreq == APP_MAX_REQ)
		return;
	struct app_request *r = &a->req[a->nreq++];
	r->kind = APP_REQ_TICKET;
	snprintf(r->type, sizeof r->type, "%s", s->id);
	snprintf(r->data, sizeof r->data, "%s", s->prefix);
	r->priority = a->s.priority;
}

static void draw(struct app *a, struct ui *u)
{
	const struct service *s = &a->services->s[a->s.service];
	if (a->s.number < 0) {
		app_message_screen(a, u, s->name[a->lang], app_tr(a, "We could not give you a number."),
				   app_tr(a, "Please go to the reception desk. Staff there will help you."), "number.home");
		return;
	}
	/* On a short panel the number needs the title band's height. */
	bool short_panel = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel && a->s.number > 0 ? NULL : s->name[a->lang]);
	int gap = ui_mm(u, 3.0f);
	struct ui_text_style big = app_style_big;
	if (a->s.number == 0) {
		ui_text(u, c, app_tr(a, "One moment, please..."), &big);
		return;
	}
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, 18.0f));
	ui_cut_bottom(&c, gap);
	char number[16];
	service_format_number(number, sizeof number, s->prefix, a->s.number);
	/* Without paper, a code to photograph: the same reference the ticket carries. */
	if (a->s.print == APP_PRINT_NONE || a->s.print == APP_PRINT_FAILED) {
		char ref[TICKET_QR_MAX + 1];
		ticket_code(ref, sizeof ref, a->cfg->status_url, number, a->local.day, NULL);
		bool side = c.w > c.h;
		int qr_side = side ? (c.h < ui_mm(u, 70.0f) ? c.h : ui_mm(u, 70.0f))
				   : ui_mm(u, u->w < ui_mm(u, 125.0f) ? 30.0f : 45.0f);
		struct ui_rect qr = side ? ui_cut_right(&c, qr_side) : ui_cut_bottom(&c, qr_side);
		if (side)
			ui_cut_right(&c, gap);
		else
			ui_cut_bottom(&c, gap);
		ui_qr(u, qr, ref, ui_mm(u, 0.6f), u->theme->fg, 0xFFFFFFFF);
	}
	struct ui_text_style label = app_style_body;
	label.align = DRAW_ALIGN_CENTER;
	label.middle = true;
	ui_text(u, ui_cut_top(&c, ui_mm(u, 10.0f)), app_tr(a, "Your number"), &label);
	struct ui_text_style huge = number_style(u);
	ui_text(u, ui_cut_top(&c, c.h * 55 / 100), number, &huge);
	struct ui_text_style body = app_style_body;
	body.align = DRAW_ALIGN_CENTER;
	const char *what = a->s.print == APP_PRINT_BUSY ? app_tr(a, "Your ticket is being printed...")
							: number_next_text(a, a->s.print);
	ui_text(u, c, what, &body);
	bool narrow = u->w < ui_mm(u, 125.0f);
	int bw = narrow ? button.w : button.w / 2;
	ui_button(u, (struct ui_rect){button.x + (button.w - bw) / 2, button.y, bw, button.h}, "number.done",
		  APP_ACT_START_OVER, 0, app_tr(a, "Done"), UI_BUTTON_PRIMARY);
}

const struct screen screen_number = {
	.name = "number",
	.enter = enter,
	.draw = draw,
};
