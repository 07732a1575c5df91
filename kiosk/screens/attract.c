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

	bool short_panel = u->h < ui_mm(u, 125.0f);
	int pad = ui_mm(u, short_panel ? 3.0f : 6.0f);
	struct ui_rect in = ui_inset(all, pad);
	if (app_staff_mark_count(a))
		ui_cut_top(&in, ui_mm(u, 7.0f) - pad > 0 ? ui_mm(u, 7.0f) - pad : 0); /* below the staff marks */
	int n = a->cfg->nlangs;
	/* Language buttons: two rows at most on a short panel, rows of up to four elsewhere. */
	int cols = short_panel ? (n + 1) / 2 : u->w / ui_mm(u, 62.0f);
	cols = cols > 4 ? 4 : cols < 2 ? 2 : cols;
	if (cols > n)
		cols = n;
	int rows = (n + cols - 1) / cols;
	int key_h = ui_mm(u, short_panel ? 13.0f : 15.0f), gap = ui_mm(u, 2.5f);
	struct ui_rect grid = ui_cut_bottom(&in, rows * key_h + (rows - 1) * gap);
	ui_cut_bottom(&in, ui_mm(u, 3.0f));

	struct ui_text_style name = {
		.size_mm = 13.0f, .min_mm = 6.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
		.color = t->accent_fg,
	};
	ui_text(u, ui_cut_top(&in, in.h * (short_panel ? 24 : 30) / 100), a->cfg->site_name, &name);

	/* "Touch the screen to start" in every language: the current one first and
	 * larger, the others below it, in two columns when there are many. */
	struct ui_rect lines = in;
	struct ui_rect first = ui_cut_top(&lines, n > 1 ? lines.h * 30 / 100 : lines.h);
	int others = n - 1;
	int ocols = others > 4 || short_panel ? 2 : 1;
	int orows = (others + ocols - 1) / (ocols > 0 ? ocols : 1);
	for (int i = 0, k = 0; i < n; i++) {
		bool current = i == a->lang;
		const struct i18n_lang *l = i18n_lang_find(a->cfg->langs[i]);
		struct ui_text_style st = {
			.size_mm = current ? 9.0f : 6.0f,
			.min_mm = current ? 4.0f : 2.6f,
			.weight = current ? DRAW_BOLD : DRAW_REGULAR,
			.align = DRAW_ALIGN_CENTER,
			.middle = true,
			.color = t->accent_fg,
			.dir = l && l->rtl ? DRAW_DIR_RTL : DRAW_DIR_LTR,
		};
		struct ui_rect r = first;
		if (!current) {
			r = ui_column(ui_row(lines, k / ocols, orows, 0), k % ocols, ocols, gap);
			k++;
		}
		ui_text(u, r, i18n_get(a->cat[i], "Touch the screen to start"), &st);
	}

	for (int i = 0; i < n; i++) {
		struct ui_rect row = ui_row(grid, i / cols, rows, gap);
		struct ui_rect cell = ui_column(row, i % cols, cols, gap);
		const struct i18n_lang *l = i18n_lang_find(a->cfg->langs[i]);
		char id[32];
		snprintf(id, sizeof(id), "lang.%s", a->cfg->langs[i]);
		ui_button(u, cell, id, ACT_START_IN, i, l ? l->endonym : a->cfg->langs[i], UI_BUTTON_SECONDARY);
	}
	app_staff_marks(a, u);
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
