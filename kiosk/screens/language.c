/*
 * Language choice: the site's languages, each named in itself, in a paged
 * list. Choosing one switches every text at once and returns to where the
 * visitor was.
 */
#include <stdio.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"

enum { ACT_PICK = APP_ACT_SCREEN, ACT_PAGE };

static void draw(struct app *a, struct ui *u)
{
	struct ui_rect c = app_chrome(a, u, app_tr(a, "Choose your language"));
	const char *labels[CONFIG_MAX_LANGS];
	const char *ids[CONFIG_MAX_LANGS];
	char idbuf[CONFIG_MAX_LANGS][16];
	for (int i = 0; i < a->cfg->nlangs; i++) {
		const struct i18n_lang *l = i18n_lang_find(a->cfg->langs[i]);
		labels[i] = l ? l->endonym : a->cfg->langs[i];
		snprintf(idbuf[i], sizeof(idbuf[i]), "lang.%s", a->cfg->langs[i]);
		ids[i] = idbuf[i];
	}
	/* Endonyms take their own direction, whatever the current language. */
	enum draw_dir saved = u->dir;
	u->dir = DRAW_DIR_AUTO;
	struct ui_list list = {
		.labels = labels, .ids = ids, .count = a->cfg->nlangs, .selected = a->lang,
		.item_action = ACT_PICK, .page_action = ACT_PAGE, .up_id = "list.up", .down_id = "list.down",
	};
	c = ui_center_w(c, ui_mm(u, 160.0f));
	ui_list(u, c, &list, &a->s.list_page);
	u->dir = saved;
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
	if (action == ACT_PICK) {
		app_set_lang(a, arg);
		app_back(a);
		return NULL;
	}
	return NULL;
}

const struct screen screen_language = {
	.name = "language",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
