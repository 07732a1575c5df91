/*
 * What the "I have an appointment" screens share: the field with its
 * on-screen keyboards (the visitor's own script, with digits and a Latin
 * keyboard a key away, or the number pad), statements with their buttons,
 * and reading the booking found. A physical keyboard or a scanner types into
 * the same field (app_type); its Return arrives as APP_ACT_ENTER.
 * Pure drawing and state changes; UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "checkin_private.h"
#include "kiosk/i18n.h"
#include "kiosk/kbd.h"
#include "kiosk/services.h"
#include "typing_private.h"

static struct ui_keyboard keyboard(const struct app *a, const struct checkin_entry *e)
{
	struct ui_keyboard k = {
		.shifted = a->s.shift,
		.space_label = app_tr(a, "Space"),
		.key_action = CHECKIN_ACT_KEY,
		.shift_action = CHECKIN_ACT_SHIFT,
		.space_action = CHECKIN_ACT_SPACE,
		.erase_action = CHECKIN_ACT_ERASE,
		.mode_action = CHECKIN_ACT_MODE,
		.latin_action = CHECKIN_ACT_LATIN,
	};
	typing_letters(a, &k, e->latin_only);
	return k;
}

bool checkin_compact(const struct ui *u)
{
	return u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
}

/* Characters, not bytes. */
static int length(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void checkin_field_tail(const struct app *a, char *out, size_t cap)
{
	enum { SHOWN = 22 };
	const char *s = a->s.field;
	int n = length(s);
	if (n <= SHOWN) {
		snprintf(out, cap, "%s", s);
		return;
	}
	for (int skip = n - SHOWN; skip > 0;) {
		s++;
		skip -= ((unsigned char)*s & 0xC0) != 0x80;
	}
	snprintf(out, cap, "\xe2\x80\xa6%s", s);
}

void checkin_entry_draw(struct app *a, struct ui *u, struct ui_rect c, const struct checkin_entry *e)
{
	const struct ui_theme *t = u->theme;
	bool compact = checkin_compact(u);
	int gap = ui_mm(u, 2.5f);
	/* Keys need at least 11.6 mm; the keyboard gets what remains below the field. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int field_h = ui_mm(u, compact && !narrow ? 13.0f : 17.0f);
	struct ui_rect top = ui_cut_top(&c, field_h);
	ui_cut_top(&c, gap);
	int max_kbd = ui_mm(u, a->s.numpad ? 70.0f : 95.0f);
	if (c.h > max_kbd) {
		ui_cut_top(&c, (c.h - max_kbd) / 2);
		c.h = max_kbd;
	}
	struct ui_keyboard k = keyboard(a, e);
	k.skip_digits = compact;
	c = ui_center_w(c, ui_mm(u, a->s.numpad ? 150.0f : 260.0f));
	/* On narrow panels a full row of keys needs the whole width to keep 11.6 mm keys. */
	if (!a->s.numpad && c.w < (KBD_MAX_KEYS)*ui_mm(u, UI_MIN_TARGET_MM + 0.2f)) {
		c.x = 0;
		c.w = u->w;
	}

	int go_w = top.w / 4 > ui_mm(u, 36.0f) ? top.w / 4 : ui_mm(u, narrow ? 28.0f : 36.0f);
	struct ui_rect go = ui_cut_right(&top, go_w);
	ui_cut_right(&top, gap);
	ui_fill(u, top, t->surface, ui_mm(u, 1.5f));
	ui_frame(u, top, e->problem && !a->s.field[0] ? t->danger : t->accent,
		 ui_mm(u, 0.8f) > 2 ? ui_mm(u, 0.8f) : 2);
	struct ui_rect in = ui_inset(top, ui_mm(u, 2.5f));
	if (a->s.field[0]) {
		char shown[96];
		checkin_field_tail(a, shown, sizeof shown);
		struct ui_text_style st = {
			.size_mm = 9.0f, .min_mm = 4.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
			.color = t->fg, .dir = DRAW_DIR_AUTO,
		};
		ui_text(u, in, shown, &st);
	} else {
		struct ui_text_style st = app_style_body;
		st.color = e->problem ? t->danger : t->muted;
		st.weight = e->problem ? DRAW_BOLD : DRAW_REGULAR;
		st.middle = true;
		st.min_mm = 3.0f;
		ui_text(u, in, e->placeholder, &st);
	}
	typing_draw_continue(a, u, go, a->s.field[0] && length(a->s.field) >= e->ready_len, e->continue_id,
			     CHECKIN_ACT_CONTINUE);

	ui_keyboard(u, c, &k);
}

void checkin_entry_reset(struct app *a)
{
	a->s.shift = false;
	a->s.numpad = false;
	a->s.latin = false;
}

bool checkin_entry_action(struct app *a, const struct checkin_entry *e, int action, int arg)
{
	struct ui_keyboard k = keyboard(a, e);
	switch (action) {
	case CHECKIN_ACT_KEY: {
		const char *s = ui_keyboard_key(&k, arg);
		if (s)
			app_type(a, s, a->now_ms);
		a->s.shift = false; /* one capital, as on a phone */
		return true;
	}
	case CHECKIN_ACT_SPACE:
		app_type(a, " ", a->now_ms);
		return true;
	case CHECKIN_ACT_ERASE:
		app_key(a, APP_KEY_ERASE, a->now_ms);
		return true;
	case CHECKIN_ACT_SHIFT:
		a->s.shift = !a->s.shift;
		return true;
	case CHECKIN_ACT_MODE:
		a->s.numpad = !a->s.numpad;
		return true;
	case CHECKIN_ACT_LATIN:
		a->s.latin = !a->s.latin;
		return true;
	}
	return false;
}

const struct service *checkin_service(const struct app *a, int *index)
{
	for (int i = 0; a->services && i < a->services->count; i++) {
		if (strcmp(a->services->s[i].id, a->s.book.record.service) == 0) {
			if (index)
				*index = i;
			return &a->services->s[i];
		}
	}
	return NULL;
}

void checkin_ask(const struct app *a, char *out, size_t cap)
{
	const char *desk = config_help_desk(a->cfg, app_lang_code(a));
	if (desk[0])
		snprintf(out, cap, app_tr(a, "Please ask at %s."), desk);
	else
		snprintf(out, cap, "%s", app_tr(a, "Please ask a member of staff."));
}

void checkin_check_or_ask(const struct app *a, char *out, size_t cap)
{
	const char *desk = config_help_desk(a->cfg, app_lang_code(a));
	if (desk[0])
		snprintf(out, cap, app_tr(a, "Please check it, or ask at %s."), desk);
	else
		snprintf(out, cap, "%s", app_tr(a, "Please check it, or ask a member of staff."));
}

void checkin_unchanged(const struct app *a, const char *help, char *out, size_t cap)
{
	if (a->cfg->booking_phone[0])
		snprintf(out, cap, app_tr(a, "Nothing was changed. Please try again later, or call us on %s."),
			 a->cfg->booking_phone);
	else
		snprintf(out, cap, "%s %s", app_tr(a, "Nothing was changed. Please try again later."), help);
}

void checkin_two_buttons(struct ui *u, struct ui_rect r, int gap, const char *first_id, int first_action,
			 const char *first_label, const char *second_id, int second_action, const char *second_label)
{
	bool narrow = u->w < ui_mm(u, 125.0f);
	struct ui_rect first = narrow ? ui_cut_top(&r, (r.h - gap) / 2) : ui_cut_left(&r, (r.w - gap) / 2);
	if (narrow)
		ui_cut_top(&r, gap);
	else
		ui_cut_left(&r, gap);
	ui_button(u, first, first_id, first_action, 0, first_label, UI_BUTTON_SECONDARY);
	ui_button(u, r, second_id, second_action, 0, second_label, UI_BUTTON_PRIMARY);
}

void checkin_statement(struct app *a, struct ui *u, const char *title, const char *headline, const char *body,
		       const char *first_id, int first_action, const char *first_label, const char *second_id,
		       int second_action, const char *second_label)
{
	struct ui_rect c = app_chrome(a, u, checkin_compact(u) ? NULL : title);
	c = ui_center_w(c, ui_mm(u, 200.0f));
	/* On a narrow panel two buttons are stacked, each the full width. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int gap = ui_mm(u, 3.0f);
	bool two = second_id != NULL;
	struct ui_rect buttons = ui_cut_bottom(&c, two && narrow ? 2 * ui_mm(u, 15.0f) + gap : ui_mm(u, 18.0f));
	ui_cut_bottom(&c, gap);
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	if (body && body[0]) {
		int need = ui_text_height(u, c.w, headline, &big);
		int share = c.h * 40 / 100;
		ui_text(u, ui_cut_top(&c, need < share ? need : share), headline, &big);
		ui_cut_top(&c, gap);
		ui_text(u, c, body, &app_style_body);
	} else {
		ui_text(u, c, headline, &big);
	}
	if (!two) {
		ui_button(u, narrow ? buttons : ui_cut_left(&buttons, buttons.w / 2), first_id, first_action, 0,
			  first_label, UI_BUTTON_PRIMARY);
		return;
	}
	checkin_two_buttons(u, buttons, gap, first_id, first_action, first_label, second_id, second_action,
			    second_label);
}

bool checkin_send(struct app *a, enum booking_op op)
{
	struct app_booking *b = &a->s.book;
	struct booking_request r = {.op = op};
	snprintf(r.reference, sizeof r.reference, "%s", b->reference);
	if (op == BOOKING_OP_CANCEL || op == BOOKING_OP_MOVE)
		snprintf(r.check, sizeof r.check, "%s", b->check);
	snprintf(r.lang, sizeof r.lang, "%s", app_lang_code(a));
	return app_booking_send(a, &r);
}
