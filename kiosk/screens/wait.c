/*
 * Take a queue ticket, step 3: what to expect before taking the number. The
 * kiosk never promises a precise time: with the office's queue from the
 * central server it says who is ahead and a range (kiosk/core/queue.c);
 * without it, or without enough history, it says it cannot estimate the wait
 * and gives the usual length of one visit from the site's data.
 */
#include <stdio.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/queue.h"
#include "kiosk/services.h"

enum { ACT_TAKE = APP_ACT_SCREEN };

static void draw(struct app *a, struct ui *u)
{
	const struct service *s = &a->services->s[a->s.service];
	char usual[200];
	snprintf(usual, sizeof usual,
		 app_ntr(a, "A visit here usually takes about %d minute. Staff will call your number.",
			 "A visit here usually takes about %d minutes. Staff will call your number.",
			 (unsigned long)s->handling_min),
		 s->handling_min);
	const struct app_queue *q = app_queue_now(a, a->s.service);
	const char *headline = app_tr(a, "We cannot tell yet how long the wait is.");
	const char *detail = usual;
	char ahead[160], wait[160], both[sizeof wait + sizeof usual];
	int lo, hi;
	if (q) {
		bool estimated = queue_wait_range(q->waiting, &q->handling, &lo, &hi);
		queue_describe(a->cat[a->lang], q->waiting, lo, hi, ahead, sizeof ahead, wait, sizeof wait);
		headline = ahead;
		if (estimated) {
			detail = wait;
		} else {
			snprintf(both, sizeof both, "%s %s", wait, usual);
			detail = both;
		}
	}
	struct ui_rect button = app_statement(a, u, s->name[a->lang], headline, detail);
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
