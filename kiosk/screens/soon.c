/*
 * Capabilities this kiosk does not offer yet (booking and digital ID guides
 * until their modules land). The
 * visitor is told so in plain words and where a person can help: never a
 * dead button.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"

struct soon {
	const char *title, *what, *instead;
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
	app_message_screen(a, u, app_tr(a, s->title), app_tr(a, s->what), app_tr(a, s->instead), "soon.home");
}

static void draw_booking(struct app *a, struct ui *u)
{
	draw_soon(a, u, &soon_booking);
}

static void draw_guides(struct app *a, struct ui *u)
{
	draw_soon(a, u, &soon_guides);
}

const struct screen screen_booking = {.name = "booking", .draw = draw_booking};
const struct screen screen_guides = {.name = "guides", .draw = draw_guides};
