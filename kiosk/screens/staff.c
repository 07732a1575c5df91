/*
 * Call staff: the visitor asked for a person. The request is recorded as an
 * event for the office's statistics (and for staff alerts once the central
 * server reports it); until then the screen promises no one will come to the
 * kiosk, and says where people are.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"

static void enter(struct app *a)
{
	app_request_event(a, "kiosk.staff.requested", "{}");
}

static void draw(struct app *a, struct ui *u)
{
	struct ui_rect c = app_chrome(a, u, app_tr(a, "Call staff"));
	int max_w = ui_mm(u, 200.0f);
	if (c.w > max_w) {
		c.x += (c.w - max_w) / 2;
		c.w = max_w;
	}
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, 18.0f));
	ui_cut_bottom(&c, ui_mm(u, 3.0f));
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	ui_text(u, ui_cut_top(&c, c.h * 45 / 100), app_tr(a, "A person can help you."), &big);
	ui_text(u, c, app_tr(a, "Please go to the reception desk. A member of staff will help you there."),
		&app_style_body);
	ui_button(u, ui_cut_left(&button, button.w / 2), "staff.home", APP_ACT_HOME, 0,
		  app_tr(a, "Back to the start page"), UI_BUTTON_PRIMARY);
}

const struct screen screen_staff = {
	.name = "staff",
	.enter = enter,
	.draw = draw,
};
