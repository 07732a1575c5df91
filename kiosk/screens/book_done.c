/*
 * Book an appointment, the end: the appointment is booked (or moved). The
 * booking reference, very large, then when, how, where, what to bring and
 * how to cancel or move it; the same is printed on a confirmation slip where
 * there is a printer (kiosk/core/slip.c), and the screen says how printing
 * goes. Without paper the visitor still leaves with the reference: the
 * screen asks them to write it down or photograph it.
 */
#include <stdio.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_MORE = APP_ACT_SCREEN };

static void enter(struct app *a)
{
	a->s.list_page = 0;
	enum app_slip_kind kind = a->s.book.moving ? APP_SLIP_MOVED : APP_SLIP_BOOKED;
	/* Once per booking: coming back here (Back, then Continue) prints no second slip. */
	if (a->printer_configured && a->s.book.slip_print == APP_PRINT_NONE)
		a->s.book.slip_print = app_print_slip(a, kind) ? APP_PRINT_BUSY : APP_PRINT_FAILED;
}

static const char *print_text(const struct app *a)
{
	switch (a->s.book.slip_print) {
	case APP_PRINT_BUSY:
		return app_tr(a, "Your confirmation is being printed...");
	case APP_PRINT_DONE:
		return app_tr(a, "Please take your confirmation from the printer.");
	case APP_PRINT_FAILED:
		return app_tr(a, "The printer cannot print right now. Please write down your reference or take a "
				 "photo of it.");
	default:
		return app_tr(a, "Please write down your reference or take a photo of it.");
	}
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const struct booking_record *r = &b->record;
	const struct service *s = book_service(a);
	const char *title =
	    b->moving ? app_tr(a, "Your appointment is moved") : app_tr(a, "Your appointment is booked");
	/* On a short panel the title band's height goes to the facts, and the
	 * title stands above the reference instead. */
	bool short_panel = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel ? NULL : title);
	int gap = ui_mm(u, 3.0f);
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, short_panel ? 14.0f : 18.0f));
	ui_cut_bottom(&c, gap);

	/* The way of meeting is in the third row's label: where for the office,
	 * what happens for a call. */
	struct book_fact f[6];
	int n = 0;
	char when[128], cancel[320];
	app_format_when(a, r->start, when, sizeof when);
	f[n++] = (struct book_fact){app_tr(a, "When"), when};
	if (r->mode == BOOKING_IN_PERSON)
		f[n++] = (struct book_fact){
		    app_tr(a, "Where"), s && s->booking.place[a->lang] ? s->booking.place[a->lang] : a->cfg->site_name};
	else if (r->mode == BOOKING_PHONE)
		f[n++] =
		    (struct book_fact){book_mode_title(a, r->mode), app_tr(a, "An adviser calls you at that time.")};
	else
		f[n++] = (struct book_fact){book_mode_title(a, r->mode),
					    r->check_kind == 'e'
						? app_tr(a, "You will get the link by e-mail the day before.")
						: app_tr(a, "You will get the link by text message the day before.")};
	if (s && s->booking.bring[a->lang])
		f[n++] = (struct book_fact){app_tr(a, "Please bring"), s->booking.bring[a->lang]};
	if (a->cfg->booking_phone[0])
		snprintf(cancel, sizeof cancel,
			 app_tr(a, "To cancel or move it, use this kiosk with your reference, or call %s."),
			 a->cfg->booking_phone);
	else
		snprintf(cancel, sizeof cancel, "%s",
			 app_tr(a, "To cancel or move it, use this kiosk with your reference."));
	f[n++] = (struct book_fact){app_tr(a, "Cancel or move"), cancel};

	/* The reference and how printing goes beside the facts on a landscape
	 * panel, above them on an upright one. */
	bool side = c.w > c.h && c.w >= ui_mm(u, 140.0f);
	struct ui_text_style hs = app_style_title;
	hs.size_mm = 7.0f;
	hs.align = DRAW_ALIGN_CENTER;
	struct ui_text_style label = app_style_body;
	label.size_mm = 5.0f;
	label.min_mm = 3.2f;
	label.align = DRAW_ALIGN_CENTER;
	label.middle = true;
	struct ui_text_style huge = {
		.size_mm = 20.0f, .min_mm = 8.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = u->theme->fg, .dir = DRAW_DIR_LTR,
	};
	struct ui_text_style ps = app_style_body;
	ps.size_mm = 5.0f;
	ps.min_mm = 3.0f;
	ps.align = DRAW_ALIGN_CENTER;
	ps.color = a->s.book.slip_print == APP_PRINT_FAILED ? u->theme->danger : u->theme->fg;
	const char *printing = print_text(a);
	struct ui_rect ref;
	int title_h, label_h, code_h;
	if (side) {
		ref = ui_cut_left(&c, c.w * 33 / 100);
		ui_cut_left(&c, gap);
		title_h = short_panel ? ref.h * 28 / 100 : 0;
		label_h = (ref.h - title_h) * 18 / 100;
		code_h = (ref.h - title_h) * (short_panel ? 36 : 45) / 100;
	} else {
		/* Above the facts, as tall as its parts need. */
		int w = c.w;
		title_h = short_panel ? ui_text_height(u, w, title, &hs) : 0;
		label_h = ui_text_height(u, w, app_tr(a, "Your booking reference"), &label);
		hs.size_mm = 5.5f;
		ps.size_mm = 4.4f;
		ps.min_mm = 2.8f;
		title_h = short_panel ? ui_text_height(u, w, title, &hs) : 0;
		code_h = ui_mm(u, 14.0f);
		int want = title_h + label_h + code_h + ui_text_height(u, w, printing, &ps);
		ref = ui_cut_top(&c, want < c.h * 62 / 100 ? want : c.h * 62 / 100);
		ui_cut_top(&c, gap);
	}
	if (title_h)
		ui_text(u, ui_cut_top(&ref, title_h), title, &hs);
	ui_text(u, ui_cut_top(&ref, label_h), app_tr(a, "Your booking reference"), &label);
	char code[8];
	booking_reference_format(r->reference, code);
	ui_text(u, ui_cut_top(&ref, code_h), code, &huge);
	ui_text(u, ref, printing, &ps);
	/* An upright small panel, or facts too long for the room (a language
	 * with long words on a small panel), shows them in two parts: when and
	 * where first, what to bring and how to cancel on the second. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	bool parts = n > 2 && (narrow || !book_facts_fit(u, c, f, n));
	if (!parts) {
		book_draw_facts(u, c, f, n);
		ui_button(u, narrow ? button : ui_center_w(button, button.w / 2), "book.done", APP_ACT_START_OVER, 0,
			  app_tr(a, "Done"), UI_BUTTON_PRIMARY);
		return;
	}
	bool second = a->s.list_page > 0;
	book_draw_facts(u, c, second ? f + 2 : f, second ? n - 2 : 2);
	struct ui_rect more = ui_cut_left(&button, (button.w - gap) / 2);
	ui_cut_left(&button, gap);
	ui_button(u, more, "book.done.more", ACT_MORE, 0,
		  second ? app_tr(a, "When and where") : app_tr(a, "More details"), UI_BUTTON_SECONDARY);
	ui_button(u, button, "book.done", APP_ACT_START_OVER, 0, app_tr(a, "Done"), UI_BUTTON_PRIMARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	if (action == ACT_MORE)
		a->s.list_page = !a->s.list_page;
	return NULL;
}

const struct screen screen_book_done = {
	.name = "book.done",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
