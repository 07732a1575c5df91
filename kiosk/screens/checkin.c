/*
 * "I have an appointment": the visitor types the booking reference from their
 * letter or text message, on a keyboard in their own script (with digits and
 * a Latin keyboard a key away) or with a physical keyboard or scanner. The
 * reference is personal: it lives in the session and is wiped with it.
 * Looking the booking up belongs to the booking module; until then the kiosk
 * says so and shows the reference large, to show at the desk.
 */
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/kbd.h"

enum { ACT_KEY = APP_ACT_SCREEN, ACT_SHIFT, ACT_SPACE, ACT_ERASE, ACT_MODE, ACT_LATIN, ACT_CONTINUE, ACT_AGAIN };

static const struct kbd_layout *letters(const struct app *a)
{
	const struct i18n_lang *l = i18n_lang_find(app_lang_code(a));
	const struct kbd_layout *k = l ? kbd_layout_find(l->keyboard) : NULL;
	if (!k || a->s.latin)
		k = kbd_layout_latin();
	return k;
}

static bool own_script_is_latin(const struct app *a)
{
	const struct i18n_lang *l = i18n_lang_find(app_lang_code(a));
	const struct kbd_layout *k = l ? kbd_layout_find(l->keyboard) : NULL;
	/* A layout with a Latin "a" key is a Latin layout. */
	if (!k)
		return true;
	for (int r = 0; r < KBD_ROWS; r++) {
		for (int c = 0; c < KBD_MAX_KEYS && k->keys[r][c]; c++) {
			if (strcmp(k->keys[r][c], "a") == 0)
				return true;
		}
	}
	return false;
}

static struct ui_keyboard keyboard(const struct app *a)
{
	bool latin_own = own_script_is_latin(a);
	struct ui_keyboard k = {
		.layout = a->s.numpad ? kbd_layout_numpad() : letters(a),
		.shifted = a->s.shift,
		.numpad = a->s.numpad,
		.offer_latin = !latin_own,
		.mode_label = a->s.numpad ? "ABC" : "123",
		.latin_label = a->s.latin ? app_tr(a, "Own script") : "ABC",
		.space_label = app_tr(a, "Space"),
		.key_action = ACT_KEY,
		.shift_action = ACT_SHIFT,
		.space_action = ACT_SPACE,
		.erase_action = ACT_ERASE,
		.mode_action = ACT_MODE,
		.latin_action = ACT_LATIN,
	};
	if (a->s.numpad)
		k.mode_label = latin_own || a->s.latin ? "ABC" : app_tr(a, "Letters");
	return k;
}

static void draw_entry(struct app *a, struct ui *u, struct ui_rect c, bool compact)
{
	const struct ui_theme *t = u->theme;
	int gap = ui_mm(u, 2.5f);
	/* Keys need at least 11.6 mm; the keyboard gets what remains below the field. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int field_h = ui_mm(u, compact && !narrow ? 13.0f : 17.0f);
	struct ui_rect top = ui_cut_top(&c, field_h);
	ui_cut_top(&c, gap);
	int max_kbd = ui_mm(u, 95.0f);
	if (c.h > max_kbd) {
		ui_cut_top(&c, (c.h - max_kbd) / 2);
		c.h = max_kbd;
	}
	struct ui_keyboard k = keyboard(a);
	k.skip_digits = compact;
	c = ui_center_w(c, ui_mm(u, 260.0f));
	/* On narrow panels a full row of keys needs the whole width to keep 11.6 mm keys. */
	if (c.w < (KBD_MAX_KEYS)*ui_mm(u, UI_MIN_TARGET_MM + 0.2f)) {
		c.x = 0;
		c.w = u->w;
	}

	int go_w = top.w / 4 > ui_mm(u, 36.0f) ? top.w / 4 : ui_mm(u, narrow ? 28.0f : 36.0f);
	struct ui_rect go = ui_cut_right(&top, go_w);
	ui_cut_right(&top, gap);
	ui_fill(u, top, t->surface, ui_mm(u, 1.5f));
	ui_frame(u, top, t->accent, ui_mm(u, 0.8f) > 2 ? ui_mm(u, 0.8f) : 2);
	struct ui_rect in = ui_inset(top, ui_mm(u, 2.5f));
	if (a->s.field[0]) {
		struct ui_text_style st = {
			.size_mm = 9.0f, .min_mm = 4.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
			.color = t->fg, .dir = DRAW_DIR_AUTO,
		};
		ui_text(u, in, a->s.field, &st);
	} else {
		struct ui_text_style st = app_style_body;
		st.color = t->muted;
		st.middle = true;
		st.min_mm = 3.0f;
		ui_text(u, in, app_tr(a, "Type your booking reference"), &st);
	}
	if (a->s.field[0])
		ui_button(u, go, "checkin.continue", ACT_CONTINUE, 0, app_tr(a, "Continue"), UI_BUTTON_PRIMARY);
	else {
		/* Greyed until there is something to send, but still saying what it is for. */
		ui_fill(u, go, t->surface_pressed, ui_mm(u, 2.5f));
		struct ui_text_style gs = {
			.size_mm = 6.5f, .min_mm = 3.6f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER,
			.middle = true, .color = t->muted,
		};
		ui_text(u, ui_inset(go, ui_mm(u, 2.5f)), app_tr(a, "Continue"), &gs);
	}

	ui_keyboard(u, c, &k);
}

static void draw_submitted(struct app *a, struct ui *u, struct ui_rect c)
{
	/* On a narrow panel the two buttons are stacked, each the full width. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int gap = ui_mm(u, 3.0f);
	struct ui_rect button = ui_cut_bottom(&c, narrow ? 2 * ui_mm(u, 15.0f) + gap : ui_mm(u, 18.0f));
	ui_cut_bottom(&c, ui_mm(u, 3.0f));
	struct ui_text_style body = app_style_body;
	ui_text(u, ui_cut_top(&c, c.h * 40 / 100), app_tr(a, "This kiosk cannot check you in yet. Please show this "
							       "booking reference at the reception desk:"),
		&body);
	struct ui_text_style ref = app_style_big;
	ref.size_mm = 16.0f;
	ref.dir = DRAW_DIR_LTR;
	ui_text(u, c, a->s.field, &ref);
	struct ui_rect again = narrow ? ui_cut_top(&button, (button.h - gap) / 2)
				      : ui_cut_left(&button, (button.w - gap) / 2);
	if (narrow)
		ui_cut_top(&button, gap);
	else
		ui_cut_left(&button, gap);
	ui_button(u, again, "checkin.again", ACT_AGAIN, 0, app_tr(a, "Change the reference"), UI_BUTTON_SECONDARY);
	ui_button(u, button, "checkin.home", APP_ACT_HOME, 0, app_tr(a, "Back to the start page"), UI_BUTTON_PRIMARY);
}

static void draw(struct app *a, struct ui *u)
{
	/* On short panels, and on narrow ones where keyboard rows are split in
	 * two, the keyboard needs the title band's height. */
	bool compact = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	const char *title = app_tr(a, "I have an appointment");
	struct ui_rect c = app_chrome(a, u, compact && !a->s.submitted ? NULL : title);
	if (a->s.submitted)
		draw_submitted(a, u, c);
	else
		draw_entry(a, u, c, compact);
}

static void enter(struct app *a)
{
	a->s.submitted = false;
	a->s.shift = false;
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct ui_keyboard k = keyboard(a);
	switch (action) {
	case ACT_KEY: {
		const char *s = ui_keyboard_key(&k, arg);
		if (s)
			app_type(a, s, a->now_ms);
		a->s.shift = false; /* one capital, as on a phone */
		break;
	}
	case ACT_SPACE:
		app_type(a, " ", a->now_ms);
		break;
	case ACT_ERASE:
		app_key(a, APP_KEY_ERASE, a->now_ms);
		break;
	case ACT_SHIFT:
		a->s.shift = !a->s.shift;
		break;
	case ACT_MODE:
		a->s.numpad = !a->s.numpad;
		break;
	case ACT_LATIN:
		a->s.latin = !a->s.latin;
		break;
	case ACT_CONTINUE:
		if (a->s.field[0])
			a->s.submitted = true;
		break;
	case ACT_AGAIN:
		a->s.submitted = false;
		break;
	}
	return NULL;
}

const struct screen screen_checkin = {
	.name = "checkin",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
