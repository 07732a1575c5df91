/*
 * Capabilities this kiosk does not offer yet (the digital ID guides until
 * their module lands). The visitor is told so in plain words and where a
 * person can help: never a dead button.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"

static void draw_guides(struct app *a, struct ui *u)
{
	app_message_screen(a, u, app_tr(a, "Help with digital ID"),
			   app_tr(a, "The step-by-step guides are not on this kiosk yet."),
			   app_tr(a, "Please ask at the reception desk. Staff can help you. Never tell anyone your "
				     "password or codes."),
			   "soon.home");
}

const struct screen screen_guides = {.name = "guides", .draw = draw_guides};
