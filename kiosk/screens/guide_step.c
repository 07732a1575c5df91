/*
 * Help with digital ID, step 3: one step of a guide. What the step asks or
 * says in large words, its explanation, a warning where there is a danger,
 * a phone number or a link as a QR code for the visitor's own phone (never
 * opened here), an illustration, and the answers as large buttons. Back
 * really goes back one step (the walk's trail, across guides too); "Talk to
 * a person" is on every step, beside the line that says this kiosk and the
 * staff never ask for codes. An end step says what was achieved ("print
 * these steps", "done"), or why a person is needed and offers the ways to
 * one (guide_help.c).
 *
 * Before the first step comes a page of the guide's safety notes, read on
 * its own ("I understand"). A step whose words do not fit the panel at a
 * size a tired eye reads is read in pages (guide_page.c): "Read on" leads
 * through them, the step's title heads each, and the answers wait on the
 * last. Back turns back a page first, and going back to a step shows its
 * last page, where the visitor answered.
 */
#include <stdio.h>
#include <string.h>

#include "guide_page_private.h"
#include "kiosk/i18n.h"

enum { ACT_CHOICE = APP_ACT_SCREEN, ACT_PERSON, ACT_PRINT, ACT_TICKET, ACT_BOOK, ACT_MORE };

/* The step's answers: its choices, or an end's ways on. */
static int answers(struct app *a, const struct guide *g, const struct guide_step *st, struct guide_button *out)
{
	static const char *const ids[GUIDE_MAX_CHOICES] = {"guide.choice.0", "guide.choice.1", "guide.choice.2",
							    "guide.choice.3"};
	int n = 0;
	if (st->end == GUIDE_END_NONE) {
		for (int i = 0; i < st->nchoices; i++) {
			const char *label = st->choice[i].label ? guide_tr(a, g, st->choice[i].label) : app_tr(a, "Next");
			out[n++] = (struct guide_button){ids[i], label, ACT_CHOICE, i,
							 st->nchoices == 1 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY};
		}
	} else if (st->end == GUIDE_END_SOLVED) {
		if (a->printer_configured)
			out[n++] = (struct guide_button){"guide.print", app_tr(a, "Print these steps"), ACT_PRINT, 0,
							 UI_BUTTON_SECONDARY};
		out[n++] = (struct guide_button){"guide.done", app_tr(a, "Done"), APP_ACT_START_OVER, 0,
						 UI_BUTTON_PRIMARY};
	} else {
		if (guide_can_ticket(a))
			out[n++] = (struct guide_button){"guide.ticket", app_tr(a, "Get a queue number for the help desk"),
							 ACT_TICKET, 0, UI_BUTTON_PRIMARY};
		if (guide_can_book(a))
			out[n++] = (struct guide_button){"guide.book", app_tr(a, "Book a time with the help desk"),
							 ACT_BOOK, 0, UI_BUTTON_SECONDARY};
	}
	return n;
}

/* The line above an end's answers: what the printer answered, or where to
 * find a person when no number or booking can be given now. */
static const char *status_line(struct app *a, const struct guide_step *st, int nanswers, char *buf, size_t cap)
{
	if (st->end == GUIDE_END_HELP && nanswers == 0) {
		guide_where_people_are(a, buf, cap);
		return buf;
	}
	if (st->end != GUIDE_END_SOLVED || a->s.guide.print == APP_PRINT_NONE)
		return NULL;
	return a->s.guide.print == APP_PRINT_BUSY   ? app_tr(a, "Printing...")
	       : a->s.guide.print == APP_PRINT_DONE ? app_tr(a, "Please take the steps from the printer.")
						    : app_tr(a, "The printer cannot print right now. Please ask at the desk.");
}

static void draw(struct app *a, struct ui *u)
{
	const struct guide *g = guide_now(a);
	const struct guide_step *st = guide_step_now(a);
	if (!g || !st) {
		screen_guides.draw(a, u);
		return;
	}
	struct guide_view v = {.g = g, .st = st, .title = guide_tr(a, g, st->title)};
	v.english = !guide_cat(a, g) && strcmp(app_lang_code(a), "en") != 0;
	/* Said once per guide, on its first step (where a jump into it lands too). */
	if (v.english && st == &g->steps[0])
		v.english_note = app_tr(a, "This guide is not in your language yet. It is shown in English.");
	for (int i = 0; i < st->ntext; i++)
		v.part[v.nparts++] = (struct guide_part){GUIDE_PART_TEXT, guide_tr(a, g, st->text[i])};
	if (st->warn)
		v.part[v.nparts++] = (struct guide_part){GUIDE_PART_WARN, guide_tr(a, g, st->warn)};
	if (st->phone)
		v.part[v.nparts++] = (struct guide_part){GUIDE_PART_PHONE, st->phone};
	/* The safety notes: before the first step of the walk (not after a jump). */
	if (guide_walk_count(&a->s.guide.walk) == 1) {
		for (int i = 0; i < g->nwarnings; i++)
			v.safety[v.nsafety++] =
			    (struct guide_part){GUIDE_PART_WARN, app_tr(a, guide_warning_text(g->warnings[i]))};
	}
	v.nb = answers(a, g, st, v.b);
	char where[320];
	v.status = status_line(a, st, v.nb, where, sizeof where);
	v.person = st->end != GUIDE_END_HELP;
	v.more_action = ACT_MORE;
	v.person_action = ACT_PERSON;

	/* An English title on a right-to-left screen ends in a left-to-right mark,
	 * so its closing "?" stays at its end. */
	char head[GUIDE_TITLE_MAX * 4 + 4];
	snprintf(head, sizeof head, "%s%s", guide_tr(a, g, g->title), v.english && u->rtl ? "\xe2\x80\x8e" : "");
	struct ui_rect c = app_chrome(a, u, head);
	struct guide_plan p;
	guide_page_plan(a, u, c, &v, &p);
	/* Back to a step shows its last page; any page asked past the end is the last. */
	if (a->s.guide.page >= p.npages)
		a->s.guide.page = p.npages - 1;
	if (a->s.guide.page < 0)
		a->s.guide.page = 0;
	guide_page_draw(a, u, c, &v, &p, a->s.guide.page);
}

static bool back(struct app *a)
{
	if (a->s.guide.page > 0) {
		a->s.guide.page--;
		return true;
	}
	if (!guide_walk_back(&a->s.guide.walk))
		return false;
	a->s.guide.print = APP_PRINT_NONE;
	a->s.guide.page = APP_GUIDE_LAST_PAGE;
	return true;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	const struct guide_step *st = guide_step_now(a);
	if (!st)
		return NULL;
	switch (action) {
	case ACT_MORE:
		a->s.guide.page++;
		return NULL;
	case ACT_CHOICE:
		if (!guide_walk_choose(&a->s.guide.walk, a->guides, arg))
			return NULL;
		a->s.guide.page = 0;
		a->dirty = true;
		st = guide_step_now(a);
		if (st && st->end != GUIDE_END_NONE)
			guide_event(a, "kiosk.guide.ended",
				    st->end == GUIDE_END_SOLVED ? ",\"end\":\"solved\"" : ",\"end\":\"help\"");
		return NULL;
	case ACT_PERSON:
		guide_note_where(a);
		guide_event(a, "kiosk.guide.person", ",\"to\":\"asked\"");
		return &screen_guide_help;
	case ACT_PRINT:
		if (a->s.guide.print != APP_PRINT_BUSY && app_print_guide(a)) {
			a->s.guide.print = APP_PRINT_BUSY;
			guide_event(a, "kiosk.guide.printed", "");
		}
		return NULL;
	case ACT_TICKET:
		guide_note_where(a);
		return guide_to_ticket(a);
	case ACT_BOOK:
		guide_note_where(a);
		return guide_to_booking(a);
	}
	return NULL;
}

const struct screen screen_guide_step = {
	.name = "guide.step",
	.draw = draw,
	.on_action = on_action,
	.back = back,
};
