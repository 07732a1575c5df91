/*
 * Help with digital ID, step 3: one step of a guide. What the step asks or
 * says in large words, its explanation, a warning where there is a danger,
 * a phone number or a link as a QR code for the visitor's own phone (never
 * opened here), an illustration, and the answers as large buttons. Back
 * really goes back one step (the walk's trail, across guides too); "Talk to
 * a person" is on every step, beside the line that says this kiosk and the
 * staff never ask for codes. The first step also lists the guide's safety
 * notes. An end step says what was achieved ("print these steps", "done"),
 * or why a person is needed and offers the ways to one (guide_help.c).
 */
#include <stdio.h>
#include <string.h>

#include "guide_private.h"
#include "kiosk/i18n.h"

enum { ACT_CHOICE = APP_ACT_SCREEN, ACT_PERSON, ACT_PRINT, ACT_TICKET, ACT_BOOK };

struct button {
	const char *id, *label;
	int action, arg;
	enum ui_button_style style;
};

/* The step's answers: its choices, or an end's ways on. */
static int buttons(struct app *a, const struct guide *g, const struct guide_step *st, struct button *out)
{
	static const char *const ids[GUIDE_MAX_CHOICES] = {"guide.choice.0", "guide.choice.1", "guide.choice.2",
							    "guide.choice.3"};
	int n = 0;
	if (st->end == GUIDE_END_NONE) {
		for (int i = 0; i < st->nchoices; i++) {
			const char *label = st->choice[i].label ? guide_tr(a, g, st->choice[i].label) : app_tr(a, "Next");
			out[n++] = (struct button){ids[i], label, ACT_CHOICE, i,
						   st->nchoices == 1 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY};
		}
	} else if (st->end == GUIDE_END_SOLVED) {
		if (a->printer_configured)
			out[n++] = (struct button){"guide.print", app_tr(a, "Print these steps"), ACT_PRINT, 0,
						   UI_BUTTON_SECONDARY};
		out[n++] = (struct button){"guide.done", app_tr(a, "Done"), APP_ACT_START_OVER, 0, UI_BUTTON_PRIMARY};
	} else {
		if (guide_can_ticket(a))
			out[n++] = (struct button){"guide.ticket", app_tr(a, "Get a queue number for the help desk"),
						   ACT_TICKET, 0, UI_BUTTON_PRIMARY};
		if (guide_can_book(a))
			out[n++] = (struct button){"guide.book", app_tr(a, "Book a time with the help desk"), ACT_BOOK,
						   0, UI_BUTTON_SECONDARY};
	}
	return n;
}

/* The buttons in rows of two (one per row on a narrow panel), from the bottom of c. */
static struct ui_rect draw_buttons(struct ui *u, struct ui_rect c, const struct button *b, int n, int h, int gap)
{
	bool narrow = c.w < ui_mm(u, 110.0f);
	int per_row = narrow || n == 1 ? 1 : n == 3 ? 3 : 2, rows = (n + per_row - 1) / per_row;
	struct ui_rect area = ui_cut_bottom(&c, rows * h + (rows - 1) * gap);
	ui_cut_bottom(&c, gap);
	if (n == 1)
		area = ui_center_w(area, ui_mm(u, 150.0f));
	for (int r = 0; r < rows; r++) {
		struct ui_rect row = ui_row(area, r, rows, gap);
		int in_row = r == rows - 1 ? n - r * per_row : per_row;
		for (int k = 0; k < in_row; k++) {
			const struct button *x = &b[r * per_row + k];
			struct ui_rect cell = in_row == 1 ? row : ui_column(row, k, in_row, gap);
			ui_button(u, cell, x->id, x->action, x->arg, x->label, x->style);
		}
	}
	return c;
}

/* Where to read more or call: a QR code with the address under it, or a number. */
static struct ui_rect draw_side(struct app *a, struct ui *u, struct ui_rect side, const struct guide_step *st)
{
	int gap = ui_mm(u, 2.0f);
	if (st->link) {
		struct ui_text_style cap = app_style_body;
		cap.size_mm = 4.2f;
		cap.min_mm = 3.2f;
		cap.align = DRAW_ALIGN_CENTER;
		const char *shown = st->link + (strncmp(st->link, "https://", 8) == 0 ? 8 : 0);
		int cap_h = ui_text_height(u, side.w, app_tr(a, "Scan with your own phone"), &cap);
		struct ui_rect head = ui_cut_top(&side, cap_h);
		ui_text(u, head, app_tr(a, "Scan with your own phone"), &cap);
		struct ui_text_style addr = cap;
		addr.dir = DRAW_DIR_LTR;
		addr.color = u->theme->muted;
		int addr_h = ui_text_height(u, side.w, shown, &addr);
		struct ui_rect under = ui_cut_bottom(&side, addr_h < side.h / 3 ? addr_h : side.h / 3);
		ui_text(u, under, shown, &addr);
		int qr_side = side.w < side.h ? side.w : side.h;
		int used = ui_qr(u, (struct ui_rect){side.x, side.y, side.w, qr_side}, st->link, 3, 0x000000FF,
				 0xFFFFFFFF);
		ui_cut_top(&side, used + gap);
	}
	if (st->image && side.h > ui_mm(u, 20.0f)) {
		char path[sizeof a->guides->images_dir + GUIDE_ID_MAX * 2];
		snprintf(path, sizeof path, "%s/%s", a->guides->images_dir, st->image);
		ui_image(u, side, path);
	}
	return side;
}

static void draw(struct app *a, struct ui *u)
{
	const struct guide *g = guide_now(a);
	const struct guide_step *st = guide_step_now(a);
	if (!g || !st) {
		screen_guides.draw(a, u);
		return;
	}
	const struct i18n_catalog *cat = guide_cat(a, g);
	struct ui_rect c = app_chrome(a, u, guide_tr(a, g, g->title));
	int gap = ui_mm(u, 3.0f);
	bool narrow = c.w < ui_mm(u, 110.0f);
	bool short_panel = c.h < ui_mm(u, 90.0f);
	int button_h = ui_mm(u, short_panel ? 13.0f : 16.0f);

	/* The bottom strip: the promise about codes, and "Talk to a person" beside it. */
	struct ui_rect strip = ui_cut_bottom(&c, button_h);
	ui_cut_bottom(&c, gap);
	if (st->end != GUIDE_END_HELP) {
		struct ui_rect person = ui_cut_right(&strip, narrow ? strip.w / 2 : ui_mm(u, 70.0f));
		ui_button(u, person, "guide.person", ACT_PERSON, 0, app_tr(a, "Talk to a person"),
			  UI_BUTTON_SECONDARY);
		ui_cut_right(&strip, gap);
	}
	struct ui_text_style promise = app_style_body;
	promise.size_mm = 4.5f;
	promise.min_mm = 3.2f;
	promise.middle = true;
	promise.weight = DRAW_BOLD;
	promise.color = u->theme->accent;
	ui_text(u, strip, app_tr(a, "This kiosk and our staff will never ask for your codes or password."), &promise);

	struct button b[GUIDE_MAX_CHOICES + 2];
	int nb = buttons(a, g, st, b);
	/* A short, wide panel (a 7-inch one lying down) has no height for rows of
	 * answers under the words: they stand in a column at the reading end,
	 * and the illustration gives way (a link's QR code does not). */
	bool column = short_panel && !narrow && nb > 0;
	struct ui_rect answers = {0};
	if (column) {
		answers = ui_cut_right(&c, c.w * 40 / 100);
		ui_cut_right(&c, gap);
		int bh = (answers.h - (nb - 1) * gap) / nb;
		bh = bh > button_h * 3 / 2 ? button_h * 3 / 2 : bh;
		for (int i = 0; i < nb; i++)
			ui_button(u, ui_cut_top(&answers, bh), b[i].id, b[i].action, b[i].arg, b[i].label, b[i].style);
	} else if (nb > 0) {
		c = draw_buttons(u, c, b, nb, button_h, gap);
	}
	if (st->end == GUIDE_END_HELP && nb == 0) {
		/* No number or booking to give now: where the people are. */
		char where[320];
		guide_where_people_are(a, where, sizeof where);
		struct ui_text_style st_where = app_style_body;
		st_where.weight = DRAW_BOLD;
		ui_text(u, ui_cut_bottom(&c, ui_text_height(u, c.w, where, &st_where)), where, &st_where);
		ui_cut_bottom(&c, gap / 2);
	}
	if (st->end == GUIDE_END_SOLVED && a->s.guide.print != APP_PRINT_NONE) {
		const char *said = a->s.guide.print == APP_PRINT_BUSY ? app_tr(a, "Printing...")
				   : a->s.guide.print == APP_PRINT_DONE
				       ? app_tr(a, "Please take the steps from the printer.")
				       : app_tr(a, "The printer cannot print right now. Please ask at the desk.");
		struct ui_text_style st_print = app_style_body;
		st_print.weight = DRAW_BOLD;
		ui_text(u, ui_cut_bottom(&c, ui_text_height(u, c.w, said, &st_print)), said, &st_print);
		ui_cut_bottom(&c, gap / 2);
	}

	/* A guide not yet in the visitor's language says so, once, at the top. */
	struct ui_text_style body = app_style_body;
	if (!cat && strcmp(app_lang_code(a), "en") != 0) {
		struct ui_text_style note = body;
		note.size_mm = 4.2f;
		note.min_mm = 3.2f;
		note.color = u->theme->muted;
		const char *t = app_tr(a, "This guide is not in your language yet. It is shown in English.");
		ui_text(u, ui_cut_top(&c, ui_text_height(u, c.w, t, &note)), t, &note);
		ui_cut_top(&c, gap / 2);
		body.dir = DRAW_DIR_LTR;
	}

	/* The side column: a QR code, an illustration; on the reading end. */
	if (column) {
		if (st->link && answers.h > ui_mm(u, 22.0f)) {
			ui_cut_top(&answers, gap);
			draw_side(a, u, answers, st);
		} else if (st->link) {
			draw_side(a, u, ui_cut_right(&c, c.w * 35 / 100), st);
		}
	} else if ((st->link || st->image) && c.w > ui_mm(u, 120.0f)) {
		struct ui_rect side = ui_cut_right(&c, c.w * (st->link ? 34 : 30) / 100);
		ui_cut_right(&c, gap);
		draw_side(a, u, side, st);
	} else if (st->link) {
		/* Narrow: the QR code under the text, as large as a third of the height. */
		struct ui_rect side = ui_cut_bottom(&c, c.h / 3);
		draw_side(a, u, side, st);
	}

	/* The words, top down: what the step asks, the explanation, the warnings,
	 * the phone number. When they do not all fit at their preferred sizes
	 * each gets its share of the height and shrinks into it. */
	struct ui_text_style head = app_style_title;
	head.middle = false;
	head.dir = body.dir;
	const char *title = guide_tr(a, g, st->title);
	char text[GUIDE_MAX_TEXTS * 1024] = "", warn[1200] = "";
	size_t tn = 0, wn = 0;
	for (int i = 0; i < st->ntext && tn < sizeof text; i++)
		tn += (size_t)snprintf(text + tn, sizeof text - tn, "%s%s", i ? "\n" : "", guide_tr(a, g, st->text[i]));
	if (st->warn)
		wn += (size_t)snprintf(warn + wn, sizeof warn - wn, "%s", guide_tr(a, g, st->warn));
	if (guide_walk_count(&a->s.guide.walk) == 1) {
		for (int i = 0; i < g->nwarnings && wn < sizeof warn; i++)
			wn += (size_t)snprintf(warn + wn, sizeof warn - wn, "%s%s", wn ? "\n" : "",
					       app_tr(a, guide_warning_text(g->warnings[i])));
	}
	struct ui_text_style w = body;
	w.size_mm = 5.0f;
	w.min_mm = 3.4f;
	w.weight = DRAW_BOLD;
	struct ui_text_style ph = app_style_big;
	ph.align = DRAW_ALIGN_START;
	ph.dir = DRAW_DIR_LTR;
	ph.size_mm = 8.0f;
	int pad = ui_mm(u, 2.0f);
	int want[4] = {ui_text_height(u, c.w, title, &head), text[0] ? ui_text_height(u, c.w, text, &body) : 0,
		       warn[0] ? ui_text_height(u, c.w - 2 * pad, warn, &w) + 2 * pad : 0,
		       st->phone ? ui_mm(u, 11.0f) : 0};
	int total = 0, parts = 0;
	for (int i = 0; i < 4; i++) {
		total += want[i];
		parts += want[i] > 0;
	}
	int room = c.h - (parts - 1) * (gap / 2);
	for (int i = 0; i < 4 && total > room; i++)
		want[i] = (int)((long long)want[i] * room / total);
	ui_text(u, ui_cut_top(&c, want[0]), title, &head);
	if (text[0]) {
		ui_cut_top(&c, gap / 2);
		ui_text(u, ui_cut_top(&c, want[1]), text, &body);
	}
	if (warn[0]) {
		ui_cut_top(&c, gap / 2);
		struct ui_rect box = ui_cut_top(&c, want[2]);
		ui_fill(u, box, 0xFFF3E0FF, ui_mm(u, 1.5f));
		ui_frame(u, box, u->theme->focus, ui_mm(u, 0.8f));
		ui_text(u, ui_inset(box, pad), warn, &w);
	}
	/* The phone number, large and left to right in every language. */
	if (st->phone) {
		ui_cut_top(&c, gap / 2);
		ui_text(u, ui_cut_top(&c, want[3]), st->phone, &ph);
	}
}

static bool back(struct app *a)
{
	if (!guide_walk_back(&a->s.guide.walk))
		return false;
	a->s.guide.print = APP_PRINT_NONE;
	return true;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	const struct guide_step *st = guide_step_now(a);
	if (!st)
		return NULL;
	switch (action) {
	case ACT_CHOICE:
		if (!guide_walk_choose(&a->s.guide.walk, a->guides, arg))
			return NULL;
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
