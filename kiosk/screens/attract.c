/*
 * The attract screen: what a passer-by sees. The office's name, "touch the
 * screen to start" in every language of the site (each in its own script and
 * direction), and one button per language named in itself. A touch anywhere
 * starts in the default language; a language button starts in that one.
 * Nothing moves: an unattended kiosk draws once and sleeps.
 */
#include "kiosk/app.h"
#include "kiosk/i18n.h"

#include <stdio.h>

enum { ACT_START = APP_ACT_SCREEN, ACT_START_IN };

static void draw(struct app *a, struct ui *u)
{
	const struct ui_theme *t = u->theme;
	/* The attract screen is laid out for the default language's direction. */
	struct ui_rect all = {0, 0, u->w, u->h};
	ui_fill(u, all, t->accent, 0);
	ui_target(u, all, "attract.start", ACT_START, -1);

	int pad = ui_mm(u, 6.0f);
	struct ui_rect in = ui_inset(all, pad);
	int n = a->cfg->nlangs;
	int cols = u->w / ui_mm(u, 62.0f);
	if (cols > 4)
		cols = 4;
	if (cols < 2)
		cols = 2;
	if (cols > n)
		cols = n;
	int rows = (n + cols - 1) / cols;
	int key_h = ui_mm(u, 15.0f), gap = ui_mm(u, 2.5f);
	struct ui_rect grid = ui_cut_bottom(&in, rows * key_h + (rows - 1) * gap);
	ui_cut_bottom(&in, ui_mm(u, 4.0f));

	struct ui_text_style name = {
		.size_mm = 13.0f, .min_mm = 6.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = t->accent_fg,
	};
	ui_text(u, ui_cut_top(&in, in.h * 30 / 100), a->cfg->site_name, &name);

	/* One line per language; the default language first and larger. */
	struct ui_rect lines = in;
	int first_h = lines.h * 26 / 100 + (n > 1 ? 0 : lines.h / 2);
	for (int pass = 0, row = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			bool is_default = i == a->lang;
			if ((pass == 0) != is_default)
				continue;
			const struct i18n_lang *l = i18n_lang_find(a->cfg->langs[i]);
			struct ui_text_style st = {
				.size_mm = is_default ? 9.0f : 5.5f,
				.min_mm = is_default ? 4.0f : 2.8f,
				.weight = is_default ? DRAW_BOLD : DRAW_REGULAR,
				.align = DRAW_ALIGN_CENTER,
				.middle = true,
				.color = t->accent_fg,
				.dir = l && l->rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR,
			};
			int h = is_default ? first_h : (lines.h - first_h) / (n > 1 ? n - 1 : 1);
			struct ui_rect r = row == 0 ? ui_cut_top(&lines, first_h) : ui_cut_top(&lines, h);
			ui_text(u, r, i18n_get(a->cat[i], "Touch the screen to start"), &st);
			row++;
		}
	}

	for (int i = 0; i < n; i++) {
		struct ui_rect row = ui_row(grid, i / cols, rows, gap);
		struct ui_rect cell = ui_column(row, i % cols, cols, gap);
		const struct i18n_lang *l = i18n_lang_find(a->cfg->langs[i]);
		char id[32];
		snprintf(id, sizeof(id), "lang.%s", a->cfg->langs[i]);
		ui_button(u, cell, id, ACT_START_IN, i, l ? l->endonym : a->cfg->langs[i], UI_BUTTON_SECONDARY);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	if (action == ACT_START_IN)
		app_set_lang(a, arg);
	return &screen_home;
}

const struct screen screen_attract = {
	.name = "attract",
	.draw = draw,
	.on_action = on_action,
};
