/*
 * Help with digital ID, step 1: which digital ID. The site's schemes (its
 * [guides] schemes, in that order) as large buttons with their name and a
 * line about them; a site with one scheme skips this screen
 * (app_guides_start). A kiosk whose guides could not be loaded says so
 * plainly and where a person can help: never a dead button.
 */
#include <stdio.h>

#include "button_list_private.h"
#include "guide_private.h"
#include "kiosk/i18n.h"

enum { ACT_CHOOSE = APP_ACT_SCREEN, ACT_PAGE };

const struct screen *app_guides_start(struct app *a)
{
	a->s.list_page = 0;
	if (a->nguide_schemes == 1) {
		a->s.guide.scheme = a->guide_scheme[0];
		return &screen_guide_topics;
	}
	return &screen_guides;
}

static void draw(struct app *a, struct ui *u)
{
	if (a->nguide_schemes == 0 || !a->guides) {
		char body[320];
		snprintf(body, sizeof body, "%s %s",
			 app_tr(a, "Please ask at the reception desk. Staff can help you."),
			 app_tr(a, "Never tell anyone your password or codes."));
		app_message_screen(a, u, app_tr(a, "Help with digital ID"),
				   app_tr(a, "The step-by-step guides are not available right now."), body,
				   "guides.home");
		return;
	}
	struct ui_rect c = app_chrome(a, u, app_tr(a, "Which digital ID is it about?"));
	int gap = ui_mm(u, 3.0f);
	c = ui_center_w(c, ui_mm(u, 220.0f));
	int item_h = ui_mm(u, u->w < ui_mm(u, 125.0f) ? 46.0f : u->h < ui_mm(u, 125.0f) ? 26.0f : 26.0f);
	struct button_list l;
	button_list_layout(a, u, c, a->nguide_schemes, item_h, gap, &l);
	const char *names[GUIDE_MAX_SCHEMES], *abouts[GUIDE_MAX_SCHEMES];
	for (int i = 0; i < a->nguide_schemes; i++) {
		const struct guide_scheme *s = &a->guides->schemes[a->guide_scheme[i]];
		names[i] = s->name;
		abouts[i] = i18n_get(guide_catalog(s, NULL, app_lang_code(a)), s->about);
	}
	button_list_fit(a, u, c, a->nguide_schemes, gap, names, abouts, &l);
	for (int k = 0; k < l.per_page; k++) {
		int n = a->s.list_page * l.per_page + k;
		if (n >= a->nguide_schemes)
			break;
		const struct guide_scheme *s = &a->guides->schemes[a->guide_scheme[n]];
		char id[48];
		snprintf(id, sizeof id, "guides.%s", s->id);
		ui_button2(u, button_list_item(&l, k), id, ACT_CHOOSE, n, names[n], abouts[n], UI_BUTTON_SECONDARY);
	}
	button_list_pager(a, u, &l, ACT_PAGE);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	if (action == ACT_PAGE) {
		a->s.list_page += arg;
		return NULL;
	}
	if (action != ACT_CHOOSE || arg < 0 || arg >= a->nguide_schemes)
		return NULL;
	a->s.guide.scheme = a->guide_scheme[arg];
	a->s.list_page = 0;
	return &screen_guide_topics;
}

const struct screen screen_guides = {
	.name = "guides",
	.draw = draw,
	.on_action = on_action,
};
