/*
 * Help with digital ID: "Talk to a person", from any step. A queue number
 * for the digital-help desk, or a booked help appointment, whichever the
 * site can give now; either carries where the visitor got stuck (the guide
 * and step, never anything personal) so staff can start there: an event
 * kiosk.guide.person, and for a booking its reason, in the office's
 * language. When neither can be given, where to find a person.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "guide_private.h"
#include "kiosk/i18n.h"

enum { ACT_TICKET = APP_ACT_SCREEN, ACT_BOOK };

static const struct service *help_service(const struct app *a)
{
	int i = a->guide_help_service;
	return a->services && i >= 0 && i < a->services->count ? &a->services->s[i] : NULL;
}

bool guide_can_ticket(const struct app *a)
{
	const struct service *s = help_service(a);
	return s && service_open_at(s, a->local.weekday, a->local.minute);
}

bool guide_can_book(const struct app *a)
{
	const struct service *s = help_service(a);
	enum booking_mode m[BOOKING_MODES];
	return s && a->booking_backend != APP_BOOKING_NONE && s->booking.offered && book_modes(s, m) > 0;
}

void guide_note_where(struct app *a)
{
	struct app_guide *gd = &a->s.guide;
	const struct guide_scheme *s = guide_scheme_now(a);
	const struct guide *g = guide_now(a);
	const struct guide_step *st = guide_step_now(a);
	gd->where[0] = gd->about[0] = '\0';
	if (!s || !g || !st)
		return;
	guide_walk_where(&gd->walk, a->guides, gd->where, sizeof gd->where);
	/* For staff: in the office's language, as the desk reads it. */
	int office = config_lang_index(a->cfg, a->cfg->default_lang);
	const struct i18n_catalog *cat = guide_catalog(s, g, a->cfg->langs[office < 0 ? 0 : office]);
	const struct i18n_catalog *ui = a->cat[office < 0 ? 0 : office];
	snprintf(gd->about, sizeof gd->about, i18n_get(ui, "%s guide \"%s\", step %d: %s"), s->name,
		 i18n_get(cat, g->title), guide_walk_count(&gd->walk), i18n_get(cat, st->title));
}

void guide_where_people_are(const struct app *a, char *out, size_t cap)
{
	if (a->cfg->help_desk[0])
		snprintf(out, cap, app_tr(a, "Please go to %s. Staff there will help you."), a->cfg->help_desk);
	else
		snprintf(out, cap, "%s", app_tr(a, "Please go to the reception desk. Staff there will help you."));
}

const struct screen *guide_to_ticket(struct app *a)
{
	const struct service *s = help_service(a);
	if (!guide_can_ticket(a))
		return NULL;
	a->s.service = a->guide_help_service;
	a->s.priority = false;
	a->s.guide.to_person = true;
	guide_event(a, "kiosk.guide.person", ",\"to\":\"ticket\"");
	return s->priority[a->lang] ? &screen_priority : &screen_wait;
}

const struct screen *guide_to_booking(struct app *a)
{
	const struct service *s = help_service(a);
	if (!guide_can_book(a))
		return NULL;
	struct app_booking *b = &a->s.book;
	app_booking_release(a);
	book_wipe(b, sizeof *b);
	b->service = a->guide_help_service;
	b->day = -1;
	b->reason = -1;
	/* The reason staff read: where the visitor got stuck. The review shows it. */
	snprintf(b->reason_text, sizeof b->reason_text, "%s", a->s.guide.about);
	a->s.guide.to_person = true;
	guide_event(a, "kiosk.guide.person", ",\"to\":\"booking\"");
	enum booking_mode modes[BOOKING_MODES];
	if (book_modes(s, modes) > 1)
		return &screen_book_mode;
	b->mode = modes[0];
	book_started(a);
	return &screen_book_day;
}

static void draw(struct app *a, struct ui *u)
{
	bool ticket = guide_can_ticket(a), book = guide_can_book(a);
	char body[400];
	if (ticket || book)
		snprintf(body, sizeof body, "%s",
			 app_tr(a, "Staff at the help desk will see which guide and step you reached, so you do not "
				   "have to start again. Nobody will ask for your codes or password."));
	else
		guide_where_people_are(a, body, sizeof body);
	struct ui_rect row = app_statement(a, u, app_tr(a, "Talk to a person"), app_tr(a, "A person can help you."),
					   body);
	int n = ticket + book, gap = ui_mm(u, 3.0f);
	if (n == 0)
		return;
	bool narrow = row.w < ui_mm(u, 150.0f);
	int bh = ui_mm(u, 17.0f);
	struct ui_rect area = ui_cut_bottom(&row, narrow ? n * bh + (n - 1) * gap : bh);
	int k = 0;
	if (ticket) {
		struct ui_rect r = n == 1 ? ui_center_w(area, ui_mm(u, 150.0f))
				   : narrow ? ui_row(area, k, n, gap)
					    : ui_column(area, k, n, gap);
		ui_button(u, r, "guide.ticket", ACT_TICKET, 0, app_tr(a, "Get a queue number for the help desk"),
			  UI_BUTTON_PRIMARY);
		k++;
	}
	if (book) {
		struct ui_rect r = n == 1 ? ui_center_w(area, ui_mm(u, 150.0f))
				   : narrow ? ui_row(area, k, n, gap)
					    : ui_column(area, k, n, gap);
		ui_button(u, r, "guide.book", ACT_BOOK, 0, app_tr(a, "Book a time with the help desk"),
			  n == 1 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	if (action == ACT_TICKET)
		return guide_to_ticket(a);
	if (action == ACT_BOOK)
		return guide_to_booking(a);
	return NULL;
}

const struct screen screen_guide_help = {
	.name = "guide.help",
	.draw = draw,
	.on_action = on_action,
};
