/*
 * Help with digital ID: "Talk to a person", from any step. A queue number
 * for the digital-help desk, or a booked help appointment, whichever the
 * site can give now; either carries where the visitor got stuck (the guide
 * and step, never anything personal) so staff can start there: an event
 * kiosk.guide.person, and for a booking its reason, in the office's
 * language (the visitor's review shows it in theirs). When neither can be
 * given, where to find a person, in the visitor's language.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "guide_private.h"
#include "kiosk/clip.h"
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

/* "MitID guide "I have a new phone", step 3: Start the copy on your old
 * phone" in language lang (an index of the site's), at most cap bytes. Too
 * long, the guide's title gives way first (staff most need the step), then
 * the end; always at a word, with "…". */
static void about_in(const struct app *a, int lang, char *out, size_t cap)
{
	const struct guide_scheme *s = guide_scheme_now(a);
	const struct guide *g = guide_now(a);
	const char *fmt = i18n_get(a->cat[lang], "%s guide \"%s\", step %d: %s");
	const struct i18n_catalog *cat = guide_catalog(s, g, a->cfg->langs[lang]);
	const char *title = i18n_get(cat, g->title), *step = i18n_get(cat, guide_step_now(a)->title);
	int n = guide_walk_count(&a->s.guide.walk);
	char full[512], shorter[GUIDE_TITLE_MAX * 4 * 2];
	snprintf(full, sizeof full, fmt, s->name, title, n, step);
	if (strlen(full) >= cap) {
		size_t rest = (size_t)snprintf(full, sizeof full, fmt, s->name, "", n, step);
		if (rest + 8 < cap)
			clip_words(shorter, cap - rest, title);
		else
			snprintf(shorter, sizeof shorter, "\xe2\x80\xa6"); /* "…": the step is what staff need */
		snprintf(full, sizeof full, fmt, s->name, shorter, n, step);
	}
	clip_words(out, cap, full);
}

void guide_note_where(struct app *a)
{
	struct app_guide *gd = &a->s.guide;
	gd->where[0] = gd->about[0] = gd->about_shown[0] = '\0';
	if (!guide_scheme_now(a) || !guide_now(a) || !guide_step_now(a))
		return;
	guide_walk_where(&gd->walk, a->guides, gd->where, sizeof gd->where);
	/* For staff: in the office's language, as the desk reads it; the same
	 * for the visitor's review of the booking, in theirs. */
	int office = config_lang_index(a->cfg, a->cfg->default_lang);
	about_in(a, office < 0 ? 0 : office, gd->about, sizeof gd->about);
	about_in(a, a->lang, gd->about_shown, sizeof gd->about_shown);
}

void guide_where_people_are(const struct app *a, char *out, size_t cap)
{
	const char *desk = config_help_desk(a->cfg, app_lang_code(a));
	if (desk[0])
		snprintf(out, cap, app_tr(a, "Please go to %s. Staff there will help you."), desk);
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

/* "A person can help you", why, and the ways to one as large buttons:
 * side by side where they are wide enough, else one above the other. */
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
	struct ui_rect c = ui_center_w(app_chrome(a, u, app_tr(a, "Talk to a person")), ui_mm(u, 200.0f));
	int n = ticket + book, gap = ui_mm(u, 3.0f);
	bool stacked = c.w < ui_mm(u, 2 * 60.0f) || (c.w < ui_mm(u, 150.0f) && c.h > ui_mm(u, 100.0f));
	int bh = ui_mm(u, c.h < ui_mm(u, 90.0f) ? 15.0f : 17.0f);
	struct ui_rect area = n == 0 ? (struct ui_rect){c.x, c.y + c.h, c.w, 0}
			      : ui_cut_bottom(&c, stacked ? n * bh + (n - 1) * gap : bh);
	if (n > 0)
		ui_cut_bottom(&c, gap);
	struct ui_text_style big = app_style_big, text = app_style_body;
	big.align = DRAW_ALIGN_START;
	big.middle = false;
	const char *headline = app_tr(a, "A person can help you.");
	int hh = ui_text_height(u, c.w, headline, &big);
	ui_text(u, ui_cut_top(&c, hh < c.h / 2 ? hh : c.h / 2), headline, &big);
	ui_cut_top(&c, gap / 2);
	ui_text(u, c, body, &text);
	struct ui_rect cells[2];
	for (int k = 0; k < n; k++)
		cells[k] = n == 1 ? ui_center_w(area, ui_mm(u, 150.0f))
			   : stacked ? ui_row(area, k, n, gap)
				     : ui_column(area, k, n, gap);
	int k = 0;
	if (ticket)
		ui_button(u, cells[k++], "guide.ticket", ACT_TICKET, 0, app_tr(a, "Get a queue number for the help desk"),
			  UI_BUTTON_PRIMARY);
	if (book)
		ui_button(u, cells[k], "guide.book", ACT_BOOK, 0, app_tr(a, "Book a time with the help desk"),
			  n == 1 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
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
