/*
 * Take a queue ticket, step 3: what to expect before taking the number. The
 * kiosk never promises a precise time: without the office's queue data (the
 * central server brings it) it says it cannot estimate the wait, and gives the
 * usual length of one visit from the site's data.
 */
#include <stdio.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

enum { ACT_TAKE = APP_ACT_SCREEN };

static void draw(struct app *a, struct ui *u)
{
	const struct service *s = &a->services->s[a->s.service];
	struct ui_rect c = app_chrome(a, u, s->name[a->lang]);
	int max_w = ui_mm(u, 200.0f);
	if (c.w > max_w) {
		c.x += (c.w - max_w) / 2;
		c.w = max_w;
	}
	int gap = ui_mm(u, 3.0f);
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, 20.0f));
	ui_cut_bottom(&c, gap);
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	ui_text(u, ui_cut_top(&c, c.h * 40 / 100), app_tr(a, "We cannot tell yet how long the wait is."), &big);
	char usual[200];
	snprintf(usual, sizeof usual,
		 app_ntr(a, "A visit here usually takes about %d minute. Staff will call your number.",
			 "A visit here usually takes about %d minutes. Staff will call your number.",
			 (unsigned long)s->handling_min),
		 s->handling_min);
	ui_text(u, c, usual, &app_style_body);
	bool narrow = u->w < ui_mm(u, 125.0f);
	ui_button(u, narrow ? button : ui_cut_left(&button, button.w * 2 / 3), "ticket.take", ACT_TAKE, 0,
		  app_tr(a, "Take a number"), UI_BUTTON_PRIMARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)a;
	(void)arg;
	if (action != ACT_TAKE)
		return NULL;
	return &screen_number;
}

const struct screen screen_wait = {
	.name = "wait",
	.draw = draw,
	.on_action = on_action,
};
