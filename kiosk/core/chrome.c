/*
 * What every visitor screen shares: the background, the title band, the
 * bottom bar with Back, Home, Language and Call staff, and the idle warning
 * drawn over any screen. The bar sits low, within reach from a wheelchair.
 * Pure drawing into the frame's draw list; UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"

const struct ui_text_style app_style_title = {
	.size_mm = 8.5f, .min_mm = 4.5f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
	.color = 0x1A1A1AFF,
};
const struct ui_text_style app_style_body = {
	.size_mm = 6.0f, .min_mm = 3.8f, .weight = DRAW_REGULAR, .align = DRAW_ALIGN_START, .color = 0x1A1A1AFF,
};
const struct ui_text_style app_style_big = {
	.size_mm = 9.0f, .min_mm = 5.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
	.color = 0x1A1A1AFF,
};

/* A bar button: an optional arrow at the reading start, then the label. */
static void bar_button(struct ui *u, struct ui_rect r, const char *id, int action, const char *label, bool arrow,
		       enum ui_button_style style)
{
	if (!arrow) {
		ui_button(u, r, id, action, 0, label, style);
		return;
	}
	ui_button(u, r, id, action, 0, "", style);
	struct ui_rect in = ui_inset(r, ui_mm(u, 2.0f));
	struct ui_rect icon = ui_cut_left(&in, ui_mm(u, 7.0f));
	ui_arrow(u, icon, UI_ARROW_BACK, u->theme->fg);
	struct ui_text_style st = {
		.size_mm = 6.5f, .min_mm = 3.6f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = u->theme->fg,
	};
	ui_text(u, in, label, &st);
}

struct ui_rect app_chrome(struct app *a, struct ui *u, const char *title)
{
	const struct ui_theme *t = u->theme;
	struct ui_rect all = {0, 0, u->w, u->h};
	ui_fill(u, all, t->bg, 0);

	int pad = ui_mm(u, 3.0f), gap = ui_mm(u, 2.0f);
	if (title) {
		struct ui_rect top = ui_cut_top(&all, ui_mm(u, 17.0f));
		ui_fill(u, top, t->surface, 0);
		ui_fill(u, ui_cut_bottom(&top, ui_mm(u, 0.6f) > 1 ? ui_mm(u, 0.6f) : 1), t->border, 0);
		struct ui_text_style ts = app_style_title;
		ui_text(u, ui_inset(top, pad), title, &ts);
	}

	struct ui_rect bar = ui_cut_bottom(&all, ui_mm(u, 19.0f));
	ui_fill(u, bar, t->surface, 0);
	ui_fill(u, ui_cut_top(&bar, ui_mm(u, 0.6f) > 1 ? ui_mm(u, 0.6f) : 1), t->border, 0);
	bar = ui_inset(bar, ui_mm(u, 2.2f));
	/* Widths grow with the panel but stop at a comfortable size. */
	int unit = (bar.w - 3 * gap) / 4;
	int max_unit = ui_mm(u, 55.0f);
	if (unit > max_unit)
		unit = max_unit;
	bar_button(u, ui_cut_left(&bar, unit), "nav.back", APP_ACT_BACK, app_tr(a, "Back"), true,
		   UI_BUTTON_SECONDARY);
	ui_cut_left(&bar, gap);
	bar_button(u, ui_cut_left(&bar, unit), "nav.home", APP_ACT_HOME, app_tr(a, "Start page"), false,
		   UI_BUTTON_SECONDARY);
	bar_button(u, ui_cut_right(&bar, unit), "nav.staff", APP_ACT_STAFF, app_tr(a, "Call staff"), false,
		   UI_BUTTON_STAFF);
	ui_cut_right(&bar, gap);
	/* The language button names itself in English too, for visitors who cannot read the current language. */
	char lang_label[96];
	const char *word = app_tr(a, "Language");
	if (strcmp(app_lang_code(a), "en") == 0 || strcmp(word, "Language") == 0)
		snprintf(lang_label, sizeof(lang_label), "%s", word);
	else
		snprintf(lang_label, sizeof(lang_label), "%s \xc2\xb7 Language", word);
	bar_button(u, ui_cut_right(&bar, unit), "nav.language", APP_ACT_LANGUAGE, lang_label, false,
		   UI_BUTTON_SECONDARY);

	if (a->store_status != 0) {
		/* A discreet mark for staff: the kiosk cannot save its records (disk full, broken card). */
		int s = ui_mm(u, 3.0f);
		ui_fill(u, (struct ui_rect){u->w - s - pad, pad, s, s}, t->danger, s / 2);
	}
	return ui_inset(all, pad);
}

static void draw_warning(struct app *a, struct ui *u)
{
	const struct ui_theme *t = u->theme;
	ui_modal(u);
	struct ui_rect all = {0, 0, u->w, u->h};
	ui_fill(u, all, t->scrim, 0);
	/* Touching anywhere on the dimmed screen also means "I am still here". */
	ui_target(u, all, "idle.scrim", APP_ACT_MORE_TIME, 0);

	int w = u->w - 2 * ui_mm(u, 6.0f), max_w = ui_mm(u, 190.0f);
	if (w > max_w)
		w = max_w;
	int h = u->h - 2 * ui_mm(u, 5.0f), max_h = ui_mm(u, 120.0f);
	if (h > max_h)
		h = max_h;
	struct ui_rect card = {(u->w - w) / 2, (u->h - h) / 2, w, h};
	ui_fill(u, card, t->surface, ui_mm(u, 3.0f));
	struct ui_rect in = ui_inset(card, ui_mm(u, 5.0f));

	int left = app_warning_seconds_left(a);
	a->warning_shown_s = left;

	struct ui_rect buttons = ui_cut_bottom(&in, ui_mm(u, 22.0f));
	ui_cut_bottom(&in, ui_mm(u, 3.0f));
	struct ui_rect title = ui_cut_top(&in, in.h * 40 / 100);
	struct ui_text_style ts = app_style_title;
	ts.align = DRAW_ALIGN_CENTER;
	ui_text(u, title, app_tr(a, "Do you need more time?"), &ts);
	char msg[256];
	snprintf(msg, sizeof(msg), app_tr(a, "For your privacy, the kiosk will start over in %d seconds."), left);
	struct ui_text_style bs = app_style_body;
	bs.align = DRAW_ALIGN_CENTER;
	bs.middle = true;
	ui_text(u, in, msg, &bs);

	int gap = ui_mm(u, 3.0f);
	struct ui_rect more = ui_cut_left(&buttons, (buttons.w - gap) * 60 / 100);
	ui_cut_left(&buttons, gap);
	ui_button(u, more, "idle.more", APP_ACT_MORE_TIME, 0, app_tr(a, "I need more time"), UI_BUTTON_PRIMARY);
	ui_button(u, buttons, "idle.restart", APP_ACT_START_OVER, 0, app_tr(a, "Start over"), UI_BUTTON_SECONDARY);
}

void app_draw(struct app *a, struct ui *u)
{
	u->rtl = app_lang_rtl(a);
	u->dir = u->rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR;
	u->pressed = a->pressed;
	u->focused = a->focused;
	a->screen->draw(a, u);
	if (a->warning)
		draw_warning(a, u);
	a->last = u->dl;
	a->dirty = false;
}
