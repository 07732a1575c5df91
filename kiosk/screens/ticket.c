/*
 * Take a queue ticket, step 1: choose the service. Only services open now can
 * be chosen; a closed one says plainly when it opens. A site without a
 * services file gets a plain "not here" screen instead.
 */
#include <stdio.h>
#include <string.h>

#include "button_list_private.h"
#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

enum { ACT_CHOOSE = APP_ACT_SCREEN, ACT_PAGE };

static const char *const weekday_names[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* "Closed now. Opens today at 13:00." and its kin, in the visitor's language. */
static void opening_text(struct app *a, const struct service *s, char *out, size_t cap)
{
	int days, at;
	if (!service_next_opening(s, a->local.weekday, a->local.minute, &days, &at)) {
		snprintf(out, cap, "%s", app_tr(a, "Closed until further notice."));
		return;
	}
	char hhmm[24];
	snprintf(hhmm, sizeof hhmm, "%02d:%02d", at / 60, at % 60);
	if (days == 0)
		snprintf(out, cap, app_tr(a, "Closed now. Opens today at %s."), hhmm);
	else if (days == 1)
		snprintf(out, cap, app_tr(a, "Closed now. Opens tomorrow at %s."), hhmm);
	else
		snprintf(out, cap, app_tr(a, "Closed now. Opens on %s at %s."),
			 app_tr(a, weekday_names[(a->local.weekday + days) % 7]), hhmm);
}

static void draw(struct app *a, struct ui *u)
{
	const struct services *sv = a->services;
	if (!sv || sv->count == 0) {
		app_message_screen(a, u, app_tr(a, "Take a queue ticket"),
				   app_tr(a, "This kiosk does not give out queue numbers."),
				   app_tr(a, "Please go to the reception desk. Staff there will help you."), "ticket.home");
		return;
	}
	struct ui_rect c = app_chrome(a, u, app_tr(a, "Choose what your visit is about"));
	int gap = ui_mm(u, 3.0f);
	c = ui_center_w(c, ui_mm(u, 220.0f));
	struct button_list l;
	button_list_layout(a, u, c, sv->count, ui_mm(u, u->w < ui_mm(u, 125.0f) ? 34.0f : 26.0f), gap, &l);
	for (int k = 0; k < l.per_page; k++) {
		int i = a->s.list_page * l.per_page + k;
		if (i >= sv->count)
			break;
		const struct service *s = &sv->s[i];
		struct ui_rect r = button_list_item(&l, k);
		char id[40];
		snprintf(id, sizeof id, "ticket.%s", s->id);
		if (service_open_at(s, a->local.weekday, a->local.minute)) {
			ui_button2(u, r, id, ACT_CHOOSE, i, s->name[a->lang], s->description[a->lang], UI_BUTTON_SECONDARY);
			continue;
		}
		/* Closed: shown, so nobody wonders where it went, but not a button. */
		char when[160];
		opening_text(a, s, when, sizeof when);
		ui_fill(u, r, u->theme->surface_pressed, ui_mm(u, 2.5f));
		ui_text2(u, ui_inset(r, ui_mm(u, 2.5f)), s->name[a->lang], when, u->theme->muted, u->theme->fg);
	}
	button_list_pager(a, u, &l, ACT_PAGE);
}

static void enter(struct app *a)
{
	a->s.list_page = 0;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	int i = button_list_chosen(a, action, arg, ACT_CHOOSE, ACT_PAGE);
	if (i < 0)
		return NULL;
	const struct service *s = &a->services->s[i];
	if (!service_open_at(s, a->local.weekday, a->local.minute))
		return NULL; /* it closed while the visitor looked */
	a->s.service = i;
	a->s.priority = false;
	return s->priority[a->lang] ? &screen_priority : &screen_wait;
}

const struct screen screen_ticket = {
	.name = "ticket",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
