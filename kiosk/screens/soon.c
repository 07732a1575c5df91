/*
 * Capabilities this kiosk does not offer yet (queue tickets, booking, digital
 * ID guides until their modules land, or where a site leaves them out). The
 * visitor is told so in plain words and where a person can help: never a
 * dead button.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"

struct soon {
	const char *title, *what, *instead;
};

static const struct soon soon_ticket = {
	N_("Take a queue ticket"),
	N_("This kiosk cannot print queue tickets yet."),
	N_("Please go to the reception desk. Staff there will give you a number."),
};
static const struct soon soon_booking = {
	N_("Book an appointment"),
	N_("This kiosk cannot book appointments yet."),
	N_("Please ask at the reception desk, or call the office."),
};
static const struct soon soon_guides = {
	N_("Help with digital ID"),
	N_("The step-by-step guides are not on this kiosk yet."),
	N_("Please ask at the reception desk. Staff can help you. Never tell anyone your password or codes."),
};

static void draw_soon(struct app *a, struct ui *u, const struct soon *s)
{
	struct ui_rect c = app_chrome(a, u, app_tr(a, s->title));
	int max_w = ui_mm(u, 200.0f);
	if (c.w > max_w) {
		c.x += (c.w - max_w) / 2;
		c.w = max_w;
	}
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, 18.0f));
	ui_cut_bottom(&c, ui_mm(u, 3.0f));
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	struct ui_rect top = ui_cut_top(&c, c.h * 45 / 100);
	ui_text(u, top, app_tr(a, s->what), &big);
	ui_text(u, c, app_tr(a, s->instead), &app_style_body);
	int bw = button.w / 2;
	ui_button(u, ui_cut_left(&button, bw), "soon.home", APP_ACT_HOME, 0, app_tr(a, "Back to the start page"),
		  UI_BUTTON_PRIMARY);
}

static void draw_ticket(struct app *a, struct ui *u)
{
	draw_soon(a, u, &soon_ticket);
}

static void draw_booking(struct app *a, struct ui *u)
{
	draw_soon(a, u, &soon_booking);
}

static void draw_guides(struct app *a, struct ui *u)
{
	draw_soon(a, u, &soon_guides);
}

const struct screen screen_ticket = {.name = "ticket", .draw = draw_ticket};
const struct screen screen_booking = {.name = "booking", .draw = draw_booking};
const struct screen screen_guides = {.name = "guides", .draw = draw_guides};
