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
	.size_mm = 8.5f, .min_mm = 4.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
	.color = 0x1A1A1AFF,
};
const struct ui_text_style app_style_body = {
	.size_mm = 6.0f, .min_mm = 3.8f, .weight = DRAW_REGULAR, .align = DRAW_ALIGN_START, .color = 0x1A1A1AFF,
};
const struct ui_text_style app_style_big = {
	.size_mm = 9.0f, .min_mm = 5.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
	.color = 0x1A1A1AFF,
};

static const struct ui_text_style bar_style = {
	.size_mm = 6.0f, .min_mm = 3.0f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_CENTER, .middle = true,
};

/* The widest line of a label at the bar's preferred size. */
static int bar_label_width(struct ui *u, const char *label)
{
	int px = ui_mm(u, bar_style.size_mm), widest = 0;
	for (const char *p = label; *p;) {
		size_t n = strcspn(p, "\n");
		int w = u->text->width(u->text->ctx, p, n, px, DRAW_BOLD, u->dir);
		widest = w > widest ? w : widest;
		p += n + (p[n] == '\n');
	}
	return widest;
}

/* A bar button: an optional arrow at the reading start, then the label. Labels
 * may take two lines and shrink, down to the smallest size still legible. */
static void bar_button(struct ui *u, struct ui_rect r, const char *id, int action, const char *label, bool arrow,
		       enum ui_button_style style)
{
	ui_button(u, r, id, action, 0, "", style);
	struct ui_rect in = ui_inset(r, ui_mm(u, 1.2f));
	in.x += ui_mm(u, 1.0f);
	in.w -= ui_mm(u, 2.0f);
	if (arrow) {
		struct ui_rect icon = ui_cut_left(&in, ui_mm(u, 7.0f));
		ui_arrow(u, icon, UI_ARROW_BACK, u->theme->fg);
	}
	struct ui_text_style st = bar_style;
	st.color = style == UI_BUTTON_STAFF ? u->theme->danger_fg : u->theme->fg;
	ui_text(u, in, label, &st);
}

int app_staff_mark_count(const struct app *a)
{
	return (a->store_status != 0) + a->uplink_mark + a->paper_low;
}

void app_staff_marks(const struct app *a, struct ui *u)
{
	/* Discreet marks for staff in the top corner: a red dot, the kiosk cannot
	 * save its records (disk full, broken card); a red square, it is not
	 * reporting to the central server (refused, not enrolled, or offline for
	 * long); amber, the printer's paper is low. On a light rim, so they show
	 * on the attract screen's colour too. */
	const struct ui_theme *t = u->theme;
	int pad = ui_mm(u, 3.0f), mark = ui_mm(u, 3.0f), rim = ui_mm(u, 0.5f) > 1 ? ui_mm(u, 0.5f) : 1;
	int x = u->w - mark - pad;
	for (int i = 0; i < 3; i++) {
		bool on = i == 0 ? a->store_status != 0 : i == 1 ? a->uplink_mark : a->paper_low;
		if (!on)
			continue;
		struct ui_rect r = {x, pad, mark, mark};
		ui_fill(u, (struct ui_rect){r.x - rim, r.y - rim, r.w + 2 * rim, r.h + 2 * rim}, t->surface,
			mark / 2 + rim);
		if (i == 1)
			ui_frame(u, r, t->danger, mark / 4 > 1 ? mark / 4 : 2);
		else
			ui_fill(u, r, i == 0 ? t->danger : t->focus, mark / 2);
		x -= mark + pad;
	}
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
		struct ui_rect tr = ui_inset(top, ui_mm(u, 2.0f));
		/* The staff marks sit in this band: the title keeps clear of them. */
		int marks = app_staff_mark_count(a);
		if (marks)
			ui_cut_right(&tr, marks * ui_mm(u, 6.0f));
		ui_text(u, tr, title, &ts);
	}

	/* Short panels (a 7" screen is 86 mm tall) get a slimmer bar; its buttons stay 11.6 mm. */
	bool short_panel = u->h < ui_mm(u, 125.0f);
	/* A narrow panel (a small screen turned upright) stacks the bar in two rows. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	int bar_h = ui_mm(u, short_panel ? 15.0f : 19.0f);
	struct ui_rect bar = ui_cut_bottom(&all, narrow ? 2 * bar_h - ui_mm(u, 2.2f) : bar_h);
	ui_fill(u, bar, t->surface, 0);
	ui_fill(u, ui_cut_top(&bar, ui_mm(u, 0.6f) > 1 ? ui_mm(u, 0.6f) : 1), t->border, 0);
	bar = ui_inset(bar, ui_mm(u, short_panel ? 1.3f : 2.2f));

	/* The language button names itself in English too, for visitors who cannot
	 * read the current language. */
	char lang_label[96];
	const char *word = app_tr(a, "Language");
	if (strcmp(app_lang_code(a), "en") == 0 || strcmp(word, "Language") == 0)
		snprintf(lang_label, sizeof(lang_label), "%s", word);
	else
		snprintf(lang_label, sizeof(lang_label), "%s%sLanguage", word,
			 short_panel && !u->rtl ? "\n" : " \xc2\xb7 "); /* two Arabic lines are too tall */
	struct {
		const char *id, *label;
		int action;
		enum ui_button_style style;
	} items[4] = {
		{"nav.back", app_tr(a, "Back"), APP_ACT_BACK, UI_BUTTON_SECONDARY},
		{"nav.home", app_tr(a, "Start page"), APP_ACT_HOME, UI_BUTTON_SECONDARY},
		{"nav.language", lang_label, APP_ACT_LANGUAGE, UI_BUTTON_SECONDARY},
		{"nav.staff", app_tr(a, "Call staff"), APP_ACT_STAFF, UI_BUTTON_STAFF},
	};
	/* Each button gets the width its label needs; what is left is shared, and
	 * when there is not enough every button gives up the same share. */
	if (narrow) {
		struct ui_rect top_row = ui_cut_top(&bar, (bar.h - gap) / 2);
		ui_cut_top(&bar, gap);
		for (int i = 0; i < 4; i++) {
			struct ui_rect row = i < 2 ? top_row : bar;
			bar_button(u, ui_column(row, i % 2, 2, gap), items[i].id, items[i].action, items[i].label, i == 0,
				   items[i].style);
		}
		goto done;
	}
	int natural[4], sum = 0, avail = bar.w - 3 * gap, max_w = ui_mm(u, 60.0f);
	for (int i = 0; i < 4; i++) {
		natural[i] = bar_label_width(u, items[i].label) + 2 * ui_mm(u, 2.5f) + (i == 0 ? ui_mm(u, 7.0f) : 0);
		sum += natural[i];
	}
	int width[4];
	for (int i = 0; i < 4; i++) {
		if (sum <= avail) {
			width[i] = natural[i] + (avail - sum) / 4;
			width[i] = width[i] > max_w ? (natural[i] > max_w ? natural[i] : max_w) : width[i];
		} else {
			width[i] = (int)((long long)natural[i] * avail / sum);
		}
	}
	bar_button(u, ui_cut_left(&bar, width[0]), items[0].id, items[0].action, items[0].label, true, items[0].style);
	ui_cut_left(&bar, gap);
	bar_button(u, ui_cut_left(&bar, width[1]), items[1].id, items[1].action, items[1].label, false,
		   items[1].style);
	bar_button(u, ui_cut_right(&bar, width[3]), items[3].id, items[3].action, items[3].label, false,
		   items[3].style);
	ui_cut_right(&bar, gap);
	bar_button(u, ui_cut_right(&bar, width[2]), items[2].id, items[2].action, items[2].label, false,
		   items[2].style);

done:
	app_staff_marks(a, u);
	return ui_inset(all, pad);
}

struct ui_rect app_statement(struct app *a, struct ui *u, const char *title, const char *headline, const char *body)
{
	struct ui_rect c = app_chrome(a, u, title);
	c = ui_center_w(c, ui_mm(u, 200.0f));
	struct ui_rect buttons = ui_cut_bottom(&c, ui_mm(u, 18.0f));
	ui_cut_bottom(&c, ui_mm(u, 3.0f));
	struct ui_text_style big = app_style_big;
	big.align = DRAW_ALIGN_START;
	ui_text(u, ui_cut_top(&c, c.h * 45 / 100), headline, &big);
	ui_text(u, c, body, &app_style_body);
	return buttons;
}

void app_message_screen(struct app *a, struct ui *u, const char *title, const char *headline, const char *body,
			const char *button_id)
{
	struct ui_rect button = app_statement(a, u, title, headline, body);
	/* Half the width on a wide panel; all of it on a narrow one, where half is too small for the label. */
	bool narrow = u->w < ui_mm(u, 125.0f);
	ui_button(u, narrow ? button : ui_cut_left(&button, button.w / 2), button_id, APP_ACT_HOME, 0,
		  app_tr(a, "Back to the start page"), UI_BUTTON_PRIMARY);
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
	snprintf(msg, sizeof(msg),
		 app_ntr(a, "For your privacy, the kiosk will start over in %d second.",
			 "For your privacy, the kiosk will start over in %d seconds.", (unsigned long)left),
		 left);
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
