/*
 * Home: the things a visitor came for, as large buttons with a title and one
 * line of explanation; booking only where some service can be booked. Call
 * staff is in the bar below, as on every screen.
 */
#include "book_private.h"
#include "kiosk/app.h"
#include "kiosk/i18n.h"

enum { ACT_TICKET = APP_ACT_SCREEN, ACT_BOOK, ACT_CHECKIN, ACT_GUIDES };

static void draw(struct app *a, struct ui *u)
{
	/* On a short or narrow panel the four choices need the title band's height. */
	bool short_panel = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel ? NULL : app_tr(a, "What would you like to do?"));
	static const struct {
		const char *id, *title, *detail;
		int action;
	} all[] = {
		{"home.ticket", N_("Take a queue ticket"), N_("Get a number and wait to be called"), ACT_TICKET},
		{"home.book", N_("Book an appointment"), N_("In person, by phone or by video"), ACT_BOOK},
		{"home.checkin", N_("I have an appointment"), N_("Tell us you have arrived"), ACT_CHECKIN},
		{"home.guides", N_("Help with digital ID"), N_("MitID, BankID, SPID and others, step by step"),
		 ACT_GUIDES},
	};
	/* Booking is offered only where some service can be booked. */
	int items[4], n = 0;
	for (int i = 0; i < 4; i++) {
		if (all[i].action != ACT_BOOK || book_offered(a))
			items[n++] = i;
	}
	int gap = ui_mm(u, 3.0f);
	/* Two columns on landscape panels; one on upright ones, where height is plenty. */
	bool two_cols = c.w >= ui_mm(u, 120.0f) && c.w > c.h * 3 / 4;
	int cols = two_cols ? 2 : 1, rows = (n + cols - 1) / cols;
	/* Buttons stop growing at a comfortable height; the block is centred. */
	int row_h = (c.h - (rows - 1) * gap) / rows, max_h = ui_mm(u, two_cols ? 60.0f : 75.0f);
	if (row_h > max_h) {
		int used = rows * max_h + (rows - 1) * gap;
		c.y += (c.h - used) / 2;
		c.h = used;
	}
	for (int k = 0; k < n; k++) {
		int i = items[k];
		struct ui_rect row = ui_row(c, k / cols, rows, gap);
		/* An odd last choice takes the whole row. */
		bool alone = k == n - 1 && k % cols == 0;
		struct ui_rect cell = alone ? row : ui_column(row, k % cols, cols, gap);
		ui_button2(u, cell, all[i].id, all[i].action, 0, app_tr(a, all[i].title), app_tr(a, all[i].detail),
			   k == 0 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	switch (action) {
	case ACT_TICKET:
		return &screen_ticket;
	case ACT_BOOK:
		return book_offered(a) ? &screen_booking : NULL;
	case ACT_CHECKIN:
		return &screen_checkin;
	case ACT_GUIDES:
		return app_guides_start(a);
	}
	return NULL;
}

const struct screen screen_home = {
	.name = "home",
	.draw = draw,
	.on_action = on_action,
};
