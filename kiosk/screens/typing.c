/*
 * DESIGN: what the screens where the visitor types share.
 *
 * What it is: the on-screen keyboard's letters (the visitor's own script,
 * digits and Latin a key away) and the Continue button beside the field, for
 * the booking's contact details (book_common.c) and the appointment's
 * reference and check (checkin_entry.c). What it is not: the field, what a
 * key types, or the actions (each caller keeps its own).
 * Threading: the UI thread; pure drawing over a->s.
 */
#include <string.h>

#include "typing_private.h"
#include "kiosk/i18n.h"
#include "kiosk/kbd.h"

/* The keyboard of the visitor's language, or NULL when it has none. */
static const struct kbd_layout *own_layout(const struct app *a)
{
	const struct i18n_lang *l = i18n_lang_find(app_lang_code(a));
	return l ? kbd_layout_find(l->keyboard) : NULL;
}

static bool own_script_is_latin(const struct app *a)
{
	const struct kbd_layout *k = own_layout(a);
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

void typing_letters(const struct app *a, struct ui_keyboard *k, bool latin_only)
{
	bool latin_own = latin_only || own_script_is_latin(a);
	const struct kbd_layout *letters = latin_only ? NULL : own_layout(a);
	if (!letters || a->s.latin)
		letters = kbd_layout_latin();
	k->numpad = a->s.numpad;
	k->layout = a->s.numpad ? kbd_layout_numpad() : letters;
	k->offer_latin = !latin_own;
	k->mode_label = a->s.numpad ? (latin_own || a->s.latin ? "ABC" : app_tr(a, "Letters")) : "123";
	k->latin_label = a->s.latin ? app_tr(a, "Own script") : "ABC";
}

void typing_draw_continue(const struct app *a, struct ui *u, struct ui_rect go, bool ready, const char *id, int action)
{
	if (ready) {
		ui_button(u, go, id, action, 0, app_tr(a, "Continue"), UI_BUTTON_PRIMARY);
		return;
	}
	/* Greyed until there is something to send, but still saying what it is for. */
	const struct ui_theme *t = u->theme;
	ui_fill(u, go, t->surface_pressed, ui_mm(u, 2.5f));
	struct ui_text_style gs = {
		.size_mm = 6.5f, .min_mm = 3.6f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER,
		.middle = true, .color = t->muted,
	};
	ui_text(u, ui_inset(go, ui_mm(u, 2.5f)), app_tr(a, "Continue"), &gs);
}
