/*
 * Cancel an appointment, step 3: "Are you sure?", with the day and time,
 * and two large answers. Yes asks the backend to cancel (with the reference
 * and the second check); its answer leads to the outcome (manage_done.c),
 * or, when the check did not match, back to the check. No goes back to the
 * booking, unchanged.
 */
#include <stdio.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"

enum { ACT_YES = CHECKIN_ACT_OWN, ACT_NO };

/* A button with a label larger than a button's, as the headline's. */
static void answer(struct ui *u, struct ui_rect r, const char *id, int action, const char *label,
		   enum ui_button_style style)
{
	ui_button(u, r, id, action, 0, "", style);
	struct ui_text_style st = app_style_big;
	st.color = style == UI_BUTTON_PRIMARY ? u->theme->accent_fg : u->theme->fg;
	ui_text(u, ui_inset(r, ui_mm(u, 2.5f)), label, &st);
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const char *title = app_tr(a, "Cancel this appointment");
	if (b->waiting) {
		struct ui_rect c = app_chrome(a, u, title);
		ui_text(u, c, app_tr(a, "One moment, please..."), &app_style_big);
		return;
	}
	if (b->record.state != BOOKING_BOOKED) {
		/* Back here after cancelling: nothing is left to confirm. */
		checkin_statement(a, u, title, app_tr(a, "This appointment was cancelled."), NULL, "manage-confirm.home",
				  APP_ACT_HOME, app_tr(a, "Back to the start page"), NULL, 0, NULL);
		return;
	}
	char when[96], body[256];
	app_format_when(a, b->record.start, when, sizeof when);
	snprintf(body, sizeof body, app_tr(a, "Your appointment on %s will be cancelled."), when);
	struct ui_rect c = app_chrome(a, u, checkin_compact(u) ? NULL : title);
	c = ui_center_w(c, ui_mm(u, 200.0f));
	int gap = ui_mm(u, 3.0f);
	/* Two large answers, side by side: a yes or no, nothing to read twice.
	 * On a narrow panel they are stacked. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int answer_h = ui_mm(u, checkin_compact(u) ? 18.0f : 30.0f);
	struct ui_rect answers = ui_cut_bottom(&c, narrow ? 2 * answer_h + gap : answer_h);
	ui_cut_bottom(&c, gap);
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	big.size_mm = 11.0f;
	const char *head = app_tr(a, "Are you sure?");
	int head_h = ui_text_height(u, c.w, head, &big);
	ui_text(u, ui_cut_top(&c, head_h < c.h / 2 ? head_h : c.h / 2), head, &big);
	ui_cut_top(&c, gap);
	ui_text(u, c, body, &app_style_body);
	struct ui_rect no = narrow ? ui_cut_top(&answers, answer_h) : ui_cut_left(&answers, (answers.w - gap) / 2);
	if (narrow)
		ui_cut_top(&answers, gap);
	else
		ui_cut_left(&answers, gap);
	answer(u, no, "manage-confirm.no", ACT_NO, app_tr(a, "No, keep it"), UI_BUTTON_SECONDARY);
	answer(u, answers, "manage-confirm.yes", ACT_YES, app_tr(a, "Yes, cancel it"), UI_BUTTON_PRIMARY);
}

static const struct screen *on_reply(struct app *a, int op)
{
	struct app_booking *b = &a->s.book;
	if (op != BOOKING_OP_CANCEL)
		return NULL;
	if (b->status == BOOKING_CHECK_FAILED || b->status == BOOKING_CHECK_LOCKED) {
		/* Locked: too many wrong checks for this booking, also on other
		 * visits; the check screen then sends the visitor to the desk. */
		b->check_failures = b->status == BOOKING_CHECK_LOCKED ? APP_CHECK_TRIES : b->check_failures + 1;
		b->check[0] = '\0';
		/* As if Back was tapped: the check is asked again, and Back from
		 * there still leads to the booking. */
		app_back(a);
		return NULL;
	}
	return &screen_manage_done;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (action == APP_ACT_BOOKING_REPLY)
		return on_reply(a, arg);
	if (b->waiting)
		return NULL;
	switch (action) {
	case ACT_YES:
		if (b->record.state != BOOKING_BOOKED)
			return NULL;
		b->slip_print = APP_PRINT_NONE;
		if (!checkin_send(a, BOOKING_OP_CANCEL)) {
			b->status = BOOKING_FAILED;
			return &screen_manage_done;
		}
		return NULL;
	case ACT_NO:
		/* Back to the booking, past the check. */
		b->check[0] = '\0';
		while (a->screen != &screen_manage && a->depth > 0)
			app_back(a);
		return NULL;
	}
	return NULL;
}

const struct screen screen_manage_confirm = {
	.name = "manage-confirm",
	.draw = draw,
	.on_action = on_action,
};
