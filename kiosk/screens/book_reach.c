/*
 * Book an appointment, step 5b: how the office can reach the visitor, by
 * phone or by e-mail, their choice; with a short plain note of what the
 * kiosk keeps and for how long. (A phone meeting needs the phone number and
 * skips this choice.)
 */
#include <stdio.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_PHONE = BOOK_ACT_OWN, ACT_EMAIL };

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	/* On an upright small panel the two choices need the title band's height;
	 * their titles say what they are. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, narrow ? NULL : app_tr(a, "How can we reach you?"));
	c = ui_center_w(c, ui_mm(u, 220.0f));
	int gap = ui_mm(u, 3.0f);
	char note[600], kept[400];
	book_privacy_note(a, BOOK_FIELD_NAME, kept, sizeof kept);
	snprintf(note, sizeof note, "%s %s", kept, app_tr(a, "We never ask for your CPR or ID number."));
	struct ui_text_style st = app_style_body;
	st.size_mm = 5.0f;
	st.min_mm = 3.2f;
	/* The two choices, and the note right under them, as one block in the middle. */
	/* The choices first: stacked on an upright panel, each keeps room for its words. */
	int min_buttons = narrow ? c.h * 64 / 100 : ui_mm(u, 30.0f);
	if (narrow) {
		st.size_mm = 4.4f;
		st.min_mm = 2.8f;
	}
	int note_h = ui_text_height(u, c.w, note, &st);
	if (note_h > c.h - min_buttons - gap)
		note_h = c.h - min_buttons - gap;
	int buttons_h = c.h - note_h - gap;
	if (buttons_h > ui_mm(u, narrow ? 90.0f : 50.0f))
		buttons_h = ui_mm(u, narrow ? 90.0f : 50.0f);
	int block = buttons_h + gap + note_h;
	ui_cut_top(&c, (c.h - block) / 2);
	struct ui_rect buttons = ui_cut_top(&c, buttons_h);
	ui_cut_top(&c, gap);
	ui_text(u, ui_cut_top(&c, note_h), note, &st);
	struct ui_rect phone = narrow ? ui_row(buttons, 0, 2, gap) : ui_column(buttons, 0, 2, gap);
	struct ui_rect email = narrow ? ui_row(buttons, 1, 2, gap) : ui_column(buttons, 1, 2, gap);
	const char *why_phone = b->mode == BOOKING_VIDEO ? app_tr(a, "We send the link for the video meeting by "
								     "text message.")
							 : app_tr(a, "Only to reach you about this appointment.");
	const char *why_email = b->mode == BOOKING_VIDEO ? app_tr(a, "We send the link for the video meeting by "
								     "e-mail.")
							 : app_tr(a, "Only to reach you about this appointment.");
	ui_button2(u, phone, "book.reach.phone", ACT_PHONE, 0, app_tr(a, "My phone number"), why_phone,
		   UI_BUTTON_SECONDARY);
	ui_button2(u, email, "book.reach.email", ACT_EMAIL, 0, app_tr(a, "My e-mail address"), why_email,
		   UI_BUTTON_SECONDARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	(void)arg;
	if (action == ACT_PHONE)
		return &screen_book_phone;
	if (action == ACT_EMAIL)
		return &screen_book_email;
	(void)a;
	return NULL;
}

const struct screen screen_book_reach = {
	.name = "book.reach",
	.draw = draw,
	.on_action = on_action,
};
