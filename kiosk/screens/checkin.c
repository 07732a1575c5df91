/*
 * "I have an appointment": two large choices, arriving for it or changing
 * (cancelling, moving) it. The reference is typed on the next screen
 * (checkin_ref.c); a scanner needs no choice at all: what it types here,
 * ended by Return, checks the visitor in at once.
 */
#include "checkin_private.h"
#include "kiosk/i18n.h"

enum { ACT_ARRIVED = CHECKIN_ACT_OWN, ACT_MANAGE };

static void draw(struct app *a, struct ui *u)
{
	bool compact = checkin_compact(u);
	struct ui_rect c = app_chrome(a, u, compact ? NULL : app_tr(a, "I have an appointment"));
	int gap = ui_mm(u, 3.0f);
	/* The hint about the reference goes under the choices when there is room. */
	struct ui_text_style hint = app_style_body;
	hint.align = DRAW_ALIGN_CENTER;
	hint.middle = true;
	const char *tip = app_tr(a, "Have your booking reference ready. You can also scan the code on your "
				    "confirmation.");
	if (!compact) {
		int h = ui_text_height(u, c.w, tip, &hint);
		ui_text(u, ui_cut_bottom(&c, h), tip, &hint);
		ui_cut_bottom(&c, gap);
	}
	/* Side by side on landscape panels, one above the other on upright ones. */
	bool two_cols = c.w >= ui_mm(u, 120.0f) && c.w > c.h * 3 / 4;
	int cols = two_cols ? 2 : 1, rows = 2 / cols;
	int row_h = (c.h - (rows - 1) * gap) / rows, max_h = ui_mm(u, two_cols ? 75.0f : 60.0f);
	if (row_h > max_h) {
		int used = rows * max_h + (rows - 1) * gap;
		c.y += (c.h - used) / 2;
		c.h = used;
	}
	struct ui_rect first = two_cols ? ui_column(c, 0, 2, gap) : ui_row(c, 0, 2, gap);
	struct ui_rect second = two_cols ? ui_column(c, 1, 2, gap) : ui_row(c, 1, 2, gap);
	ui_button2(u, first, "checkin.arrived", ACT_ARRIVED, 0, app_tr(a, "I have arrived for my appointment"),
		   app_tr(a, "Check in with your booking reference"), UI_BUTTON_PRIMARY);
	ui_button2(u, second, "checkin.manage", ACT_MANAGE, 0, app_tr(a, "Change or cancel my appointment"),
		   app_tr(a, "Move it to another time, or cancel it"), UI_BUTTON_SECONDARY);
}

static void enter(struct app *a)
{
	/* A new start: what was typed for an earlier reference goes. The count
	 * of refused second checks stays for the whole visit. */
	a->s.field[0] = '\0';
	a->s.book.ref_problem = APP_REF_OK;
	a->s.book.typed[0] = '\0';
	checkin_entry_reset(a);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	switch (action) {
	case ACT_ARRIVED:
	case ACT_MANAGE:
		a->s.book.manage = action == ACT_MANAGE;
		return &screen_checkin_ref;
	case APP_ACT_ENTER:
		/* A scanner: its code is a reference to check in with. */
		a->s.book.manage = false;
		return a->s.field[0] ? checkin_submit(a) : NULL;
	}
	return NULL;
}

const struct screen screen_checkin = {
	.name = "checkin",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.takes_text = true,
};
