/*
 * Help with digital ID, step 2: what the problem is. The chosen scheme's
 * guides, as large buttons with the problem in the visitor's words ("I have
 * a new phone") and a line under it, in the order the scheme lists them
 * (the most common first), paged when many. Choosing one starts its walk.
 */
#include <stdio.h>

#include "button_list_private.h"
#include "guide_private.h"
#include "kiosk/i18n.h"

enum { ACT_CHOOSE = APP_ACT_SCREEN, ACT_PAGE };

static void draw(struct app *a, struct ui *u)
{
	const struct guide_scheme *s = guide_scheme_now(a);
	if (!s) {
		screen_guides.draw(a, u);
		return;
	}
	char title[160];
	snprintf(title, sizeof title, app_tr(a, "%s: what is the problem?"), s->name);
	struct ui_rect c = app_chrome(a, u, title);
	int gap = ui_mm(u, 3.0f);
	c = ui_center_w(c, ui_mm(u, 220.0f));
	int item_h = ui_mm(u, u->w < ui_mm(u, 125.0f) ? 44.0f : u->h < ui_mm(u, 125.0f) ? 24.0f : 22.0f);
	struct button_list l;
	button_list_layout(a, u, c, s->nguides, item_h, gap, &l);
	const char *titles[GUIDE_MAX_GUIDES], *lines[GUIDE_MAX_GUIDES];
	for (int i = 0; i < s->nguides; i++) {
		titles[i] = guide_tr(a, &s->guides[i], s->guides[i].title);
		lines[i] = guide_tr(a, &s->guides[i], s->guides[i].summary);
	}
	button_list_fit(a, u, c, s->nguides, gap, titles, lines, &l);
	for (int k = 0; k < l.per_page; k++) {
		int n = a->s.list_page * l.per_page + k;
		if (n >= s->nguides)
			break;
		const struct guide *g = &s->guides[n];
		char id[48];
		snprintf(id, sizeof id, "guide.%s", g->id);
		ui_button2(u, button_list_item(&l, k), id, ACT_CHOOSE, n, guide_tr(a, g, g->title),
			   guide_tr(a, g, g->summary), UI_BUTTON_SECONDARY);
	}
	button_list_pager(a, u, &l, ACT_PAGE);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	const struct guide_scheme *s = guide_scheme_now(a);
	if (action == ACT_PAGE) {
		a->s.list_page += arg;
		return NULL;
	}
	if (action != ACT_CHOOSE || !s || arg < 0 || arg >= s->nguides)
		return NULL;
	guide_walk_start(&a->s.guide.walk, a->s.guide.scheme, arg);
	a->s.guide.walking = true;
	a->s.guide.print = APP_PRINT_NONE;
	a->s.guide.page = 0;
	guide_event(a, "kiosk.guide.started", "");
	return &screen_guide_step;
}

const struct screen screen_guide_topics = {
	.name = "guide.topics",
	.draw = draw,
	.on_action = on_action,
};
