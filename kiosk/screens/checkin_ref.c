/*
 * The booking reference, typed on the on-screen keyboard (the visitor's own
 * script, digits and Latin a key away) or by a physical keyboard or a
 * barcode or QR scanner ending with Return. booking_reference_parse finds
 * the reference in whatever came: any case, with or without the dash, or at
 * the end of a link. The booking is then looked up (FIND): to check in, a
 * booked appointment is checked in at once (CHECKIN) and the outcome shown
 * (checkin_done.c); to cancel or move, the booking is shown (manage.c).
 * A reference that is not one, or that the backend does not know, is said
 * plainly, with what was typed, and can be corrected or scanned again.
 */
#include <stdio.h>
#include <string.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"

enum { ACT_AGAIN = CHECKIN_ACT_OWN };

static struct checkin_entry entry(const struct app *a)
{
	return (struct checkin_entry){
		.continue_id = "checkin.continue",
		.placeholder = app_tr(a, "Type or scan your booking reference"),
	};
}

const struct screen *checkin_submit(struct app *a)
{
	struct app_booking *b = &a->s.book;
	if (b->waiting)
		return NULL; /* a double scan: the first is being looked up */
	char ref[BOOKING_REF_LEN];
	if (!booking_reference_parse(a->s.field, ref)) {
		b->ref_problem = APP_REF_MALFORMED;
		char shown[sizeof b->typed];
		checkin_field_tail(a, shown, sizeof shown);
		snprintf(b->typed, sizeof b->typed, "%s", shown);
		/* Cleared, so a new scan is not glued to what was there. */
		a->s.field[0] = '\0';
		return &screen_checkin_ref;
	}
	b->ref_problem = APP_REF_OK;
	memcpy(b->reference, ref, sizeof ref);
	/* The field shows the reference as printed, whatever was scanned. */
	char shown[8];
	booking_reference_format(ref, shown);
	snprintf(a->s.field, sizeof a->s.field, "%s", shown);
	memset(&b->record, 0, sizeof b->record);
	b->arrived = false;
	b->slip_print = APP_PRINT_NONE;
	if (!checkin_send(a, BOOKING_OP_FIND)) {
		b->status = BOOKING_FAILED;
		return &screen_checkin_done;
	}
	return &screen_checkin_ref;
}

static void draw_problem(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	char body[256];
	const char *headline;
	if (b->ref_problem == APP_REF_MALFORMED) {
		headline = app_tr(a, "This is not a booking reference.");
		snprintf(body, sizeof body, "%s",
			 app_tr(a, "A booking reference has 6 letters and digits, like K7R-49X."));
	} else {
		headline = app_tr(a, "We cannot find this reference.");
		checkin_check_or_ask(a, body, sizeof body);
	}
	bool compact = checkin_compact(u);
	struct ui_rect c = app_chrome(a, u, compact ? NULL : app_tr(a, "I have an appointment"));
	c = ui_center_w(c, ui_mm(u, 200.0f));
	bool narrow = u->w < ui_mm(u, 125.0f);
	int gap = ui_mm(u, 3.0f);
	struct ui_rect buttons = ui_cut_bottom(&c, narrow ? 2 * ui_mm(u, 15.0f) + gap : ui_mm(u, 18.0f));
	ui_cut_bottom(&c, gap);
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	/* What was typed, as typed (left to right, a reference or a link),
	 * under the explanation; left out where the explanation needs the room. */
	int head_h = ui_text_height(u, c.w, headline, &big);
	int body_h = ui_text_height(u, c.w, body, &app_style_body);
	int shown_h = ui_mm(u, compact ? 14.0f : 20.0f);
	if (head_h + body_h + shown_h + 2 * gap > c.h)
		shown_h = 0;
	if (head_h > c.h / 2)
		head_h = c.h / 2;
	ui_text(u, ui_cut_top(&c, head_h), headline, &big);
	ui_cut_top(&c, gap / 2);
	if (body_h > c.h - shown_h - gap)
		body_h = c.h - shown_h - gap;
	ui_text(u, ui_cut_top(&c, body_h), body, &app_style_body);
	ui_cut_top(&c, gap);
	if (shown_h > 0) {
		struct ui_rect shown = ui_cut_top(&c, shown_h);
		ui_fill(u, shown, u->theme->surface, ui_mm(u, 1.5f));
		struct ui_text_style ref = app_style_big;
		ref.dir = DRAW_DIR_LTR;
		ref.min_mm = 4.0f;
		ui_text(u, ui_inset(shown, ui_mm(u, 2.0f)), b->typed[0] ? b->typed : " ", &ref);
	}

	struct ui_rect again = narrow ? ui_cut_top(&buttons, (buttons.h - gap) / 2)
				      : ui_cut_left(&buttons, (buttons.w - gap) / 2);
	if (narrow)
		ui_cut_top(&buttons, gap);
	else
		ui_cut_left(&buttons, gap);
	ui_button(u, again, "checkin.again", ACT_AGAIN, 0, app_tr(a, "Change the reference"), UI_BUTTON_PRIMARY);
	ui_button(u, buttons, "checkin.home", APP_ACT_HOME, 0, app_tr(a, "Back to the start page"),
		  UI_BUTTON_SECONDARY);
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = b->manage ? app_tr(a, "Change or cancel an appointment") : app_tr(a, "Check in");
	if (b->waiting) {
		struct ui_rect c = app_chrome(a, u, title);
		ui_text(u, c, app_tr(a, "One moment, please..."), &app_style_big);
		return;
	}
	/* Typing again (a new scan) after a problem takes the visitor back to the field. */
	if (b->ref_problem != APP_REF_OK && !a->s.field[0]) {
		draw_problem(a, u);
		return;
	}
	struct ui_rect c = app_chrome(a, u, checkin_compact(u) ? NULL : title);
	struct checkin_entry e = entry(a);
	checkin_entry_draw(a, u, c, &e);
}

static void enter(struct app *a)
{
	a->s.shift = false;
}

/* The booking found: check in at once, or show it to cancel or move it. */
static const struct screen *found(struct app *a)
{
	struct app_booking *b = &a->s.book;
	if (b->manage)
		return &screen_manage;
	if (b->record.state != BOOKING_BOOKED)
		return &screen_checkin_done; /* cancelled, or already checked in: said there */
	if (!checkin_send(a, BOOKING_OP_CHECKIN)) {
		b->status = BOOKING_FAILED;
		return &screen_checkin_done;
	}
	return NULL;
}

static const struct screen *on_reply(struct app *a, int op)
{
	struct app_booking *b = &a->s.book;
	if (op == BOOKING_OP_FIND) {
		if (b->status == BOOKING_OK)
			return found(a);
		if (b->status == BOOKING_UNKNOWN) {
			b->ref_problem = APP_REF_UNKNOWN;
			checkin_field_tail(a, b->typed, sizeof b->typed);
			a->s.field[0] = '\0';
			return NULL;
		}
		return &screen_checkin_done;
	}
	if (op == BOOKING_OP_CHECKIN) {
		b->arrived = b->status == BOOKING_OK;
		return &screen_checkin_done;
	}
	return NULL;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct checkin_entry e = entry(a);
	if (action == APP_ACT_BOOKING_REPLY)
		return on_reply(a, arg);
	if (a->s.book.waiting)
		return NULL; /* the keyboard is not on screen while the backend is asked */
	if (checkin_entry_action(a, &e, action, arg))
		return NULL;
	switch (action) {
	case CHECKIN_ACT_CONTINUE:
	case APP_ACT_ENTER:
		if (!a->s.field[0])
			return NULL;
		return checkin_submit(a);
	case ACT_AGAIN:
		/* Back to the field with what was typed, to correct it; the end
		 * of a long scan is no help to edit. */
		if (strncmp(a->s.book.typed, "\xe2\x80\xa6", 3) != 0)
			snprintf(a->s.field, sizeof a->s.field, "%s", a->s.book.typed);
		a->s.book.ref_problem = APP_REF_OK;
		return NULL;
	}
	return NULL;
}

const struct screen screen_checkin_ref = {
	.name = "checkin-ref",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.takes_text = true,
};
