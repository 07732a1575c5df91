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
	app_message_screen(a, u, app_tr(a, "Call staff"), app_tr(a, "A person can help you."),
			   app_tr(a, "Please go to the reception desk. A member of staff will help you there."),
			   "staff.home");
}

const struct screen screen_staff = {
	.name = "staff",
	.enter = enter,
	.draw = draw,
};
