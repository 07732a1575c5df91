/*
 * Take a queue ticket, step 1: choose the service. Only services open now can
 * be chosen; a closed one says plainly when it opens. A site without a
 * services file gets a plain "not here" screen instead.
 */
#include <stdio.h>
#include <string.h>

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
	int item_h = ui_mm(u, u->w < ui_mm(u, 125.0f) ? 34.0f : 26.0f);
	bool paged = sv->count * (item_h + gap) - gap > c.h;
	struct ui_rect pager = {0};
	if (paged) {
		pager = ui_cut_right(&c, ui_mm(u, 24.0f));
		ui_cut_right(&c, gap);
	}
	int per_page = (c.h + gap) / (item_h + gap);
	per_page = per_page < 1 ? 1 : per_page;
	int pages = (sv->count + per_page - 1) / per_page;
	if (a->s.list_page >= pages)
		a->s.list_page = pages - 1;
	if (!paged && item_h * sv->count + gap * (sv->count - 1) < c.h) {
		/* Few services: taller buttons, the block centred. */
		item_h = (c.h - gap * (sv->count - 1)) / sv->count;
		if (item_h > ui_mm(u, 45.0f))
			item_h = ui_mm(u, 45.0f);
		c.y += (c.h - (item_h * sv->count + gap * (sv->count - 1))) / 2;
	}
	for (int k = 0; k < per_page; k++) {
		int i = a->s.list_page * per_page + k;
		if (i >= sv->count)
			break;
		const struct service *s = &sv->s[i];
		struct ui_rect r = {c.x, c.y + k * (item_h + gap), c.w, item_h};
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
	if (paged) {
		int bh = (pager.h - gap) / 2;
		if (a->s.list_page > 0) {
			struct ui_rect up = ui_cut_top(&pager, bh);
			ui_button(u, up, "list.up", ACT_PAGE, -1, "", UI_BUTTON_SECONDARY);
			ui_arrow(u, up, UI_ARROW_UP, u->theme->fg);
		}
		if (a->s.list_page < pages - 1) {
			struct ui_rect down = ui_cut_bottom(&pager, bh);
			ui_button(u, down, "list.down", ACT_PAGE, 1, "", UI_BUTTON_SECONDARY);
			ui_arrow(u, down, UI_ARROW_DOWN, u->theme->fg);
		}
	}
}

static void enter(struct app *a)
{
	a->s.list_page = 0;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	if (action == ACT_PAGE) {
		a->s.list_page += arg;
		return NULL;
	}
	if (action != ACT_CHOOSE || !a->services || arg < 0 || arg >= a->services->count)
		return NULL;
	const struct service *s = &a->services->s[arg];
	if (!service_open_at(s, a->local.weekday, a->local.minute))
		return NULL; /* it closed while the visitor looked */
	a->s.service = arg;
	a->s.priority = false;
	return s->priority[a->lang] ? &screen_priority : &screen_wait;
}

const struct screen screen_ticket = {
	.name = "ticket",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
