/*
 * Take a queue ticket, step 2 where the service offers it: does the visitor
 * need to be served first? Who that is for comes from the site's data.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

enum { ACT_YES = APP_ACT_SCREEN, ACT_NO };

static void draw(struct app *a, struct ui *u)
{
	const struct service *s = &a->services->s[a->s.service];
	struct ui_rect buttons =
		app_statement(a, u, s->name[a->lang], app_tr(a, "Do you need to be served first?"), s->priority[a->lang]);
	int gap = ui_mm(u, 3.0f);
	struct ui_rect yes = ui_cut_left(&buttons, (buttons.w - gap) / 2);
	ui_cut_left(&buttons, gap);
	ui_button(u, yes, "priority.yes", ACT_YES, 0, app_tr(a, "Yes, serve me first"), UI_BUTTON_SECONDARY);
	ui_button(u, buttons, "priority.no", ACT_NO, 0, app_tr(a, "No"), UI_BUTTON_SECONDARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	a->s.priority = action == ACT_YES;
	return &screen_wait;
}

const struct screen screen_priority = {
	.name = "priority",
	.draw = draw,
	.on_action = on_action,
};
