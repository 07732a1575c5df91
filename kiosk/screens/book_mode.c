/*
 * Book an appointment, step 2: how to meet. One large card per way the
 * service offers (at the office, by phone, by video call), each explained in
 * one plain sentence, and for a way offered only on some weekdays, which.
 * A service with one way skips this screen (book_service.c).
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_MODE = BOOK_ACT_OWN };

static const char *const weekdays_plural[7] = {
	/* TRANSLATORS: weekdays in the plural, as in "Video meetings are on Mondays only." */
	N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"), N_("Saturdays"), N_("Sundays"),
};

/* "Mondays", "Mondays and Thursdays", "Mondays, Tuesdays and Thursdays". */
static void day_list(const struct app *a, unsigned days, char *out, size_t cap)
{
	int n = 0, total = 0;
	for (int w = 0; w < 7; w++)
		total += (days >> w) & 1;
	char head[200] = "";
	out[0] = '\0';
	for (int w = 0; w < 7; w++) {
		if (!((days >> w) & 1))
			continue;
		const char *name = app_tr(a, weekdays_plural[w]);
		if (++n == 1) {
			snprintf(head, sizeof head, "%s", name);
		} else if (n < total) {
			size_t len = strlen(head);
			snprintf(head + len, sizeof head - len, ", %s", name);
		} else {
			/* TRANSLATORS: the last two of a list: "Mondays and Thursdays". */
			snprintf(out, cap, app_tr(a, "%s and %s"), head, name);
			return;
		}
	}
	snprintf(out, cap, "%s", head);
}

/* The plain sentence for a way of meeting, and on which days when not on all. */
static void explain(const struct app *a, const struct service *s, enum booking_mode m, char *out, size_t cap)
{
	const char *what;
	switch (m) {
	case BOOKING_PHONE:
		what = app_tr(a, "An adviser calls you at the time you choose.");
		break;
	case BOOKING_VIDEO:
		what = app_tr(a, "A video meeting on your phone, tablet or computer with a camera. We send the link by "
				 "text message or e-mail the day before.");
		break;
	default:
		what = app_tr(a, "You meet an adviser here at the office.");
		break;
	}
	unsigned open = 0;
	for (int w = 0; w < 7; w++)
		open |= (s->booking.spans[w] > 0 ? 1u : 0u) << w;
	unsigned days = s->booking.mode_days[m] & open;
	if (!days || days == open) {
		snprintf(out, cap, "%s", what);
		return;
	}
	char list[240];
	day_list(a, days, list, sizeof list);
	const char *only = m == BOOKING_PHONE   ? app_tr(a, "Phone meetings are on %s only.")
			   : m == BOOKING_VIDEO ? app_tr(a, "Video meetings are on %s only.")
						: app_tr(a, "Meetings at the office are on %s only.");
	char when[300];
	snprintf(when, sizeof when, only, list);
	snprintf(out, cap, "%s %s", what, when);
}

static void draw(struct app *a, struct ui *u)
{
	const struct service *s = book_service(a);
	enum booking_mode modes[BOOKING_MODES];
	int n = book_modes(s, modes);
	/* On a short panel the cards need the title band's height: their titles
	 * ask the question. */
	bool short_panel = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel ? NULL : app_tr(a, "How would you like to meet?"));
	if (n == 0)
		return;
	int gap = ui_mm(u, 3.0f);
	/* Side by side on a landscape panel, where each card still gets a good
	 * width; stacked on an upright one. */
	bool across = c.w >= n * ui_mm(u, 45.0f) && c.w > c.h;
	char detail[BOOKING_MODES][600];
	for (int i = 0; i < n; i++)
		explain(a, s, modes[i], detail[i], sizeof detail[i]);
	/* Stacked, each card is as tall as its explanation needs, at most 55 mm. */
	int height[BOOKING_MODES], total = 0, room = c.h - (n - 1) * gap;
	struct ui_text_style ds = app_style_body;
	ds.size_mm = 5.0f;
	for (int i = 0; i < n; i++) {
		height[i] = ui_mm(u, 14.0f) + ui_text_height(u, c.w - ui_mm(u, 5.0f), detail[i], &ds);
		height[i] = height[i] > ui_mm(u, 55.0f) ? ui_mm(u, 55.0f) : height[i];
		total += height[i];
	}
	int y = c.y + (!across && total < room ? (room - total) / 2 : 0);
	for (int i = 0; i < n; i++) {
		struct ui_rect r;
		if (across) {
			r = ui_column(c, i, n, gap);
		} else {
			int h = total <= room ? height[i] : (int)((long long)height[i] * room / total);
			r = (struct ui_rect){c.x, y, c.w, h};
			y += h + gap;
		}
		char id[32];
		snprintf(id, sizeof id, "book.mode.%s", booking_mode_name(modes[i]));
		ui_button2(u, r, id, ACT_MODE, (int)modes[i], book_mode_title(a, modes[i]), detail[i],
			   UI_BUTTON_SECONDARY);
	}
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	const struct service *s = book_service(a);
	if (action != ACT_MODE || !s || arg < 0 || arg >= BOOKING_MODES || !s->booking.mode_days[arg])
		return NULL;
	a->s.book.mode = (enum booking_mode)arg;
	book_started(a);
	return &screen_book_day;
}

const struct screen screen_book_mode = {
	.name = "book.mode",
	.draw = draw,
	.on_action = on_action,
};
