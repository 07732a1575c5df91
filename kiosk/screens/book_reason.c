/*
 * Book an appointment, step 6: what the meeting is about, so the right
 * adviser takes it. The service's reasons as buttons, "in my own words"
 * (a few words on the keyboard, book_words.c), or "skip": nothing here is
 * required.
 */
#include <stdio.h>

#include "book_private.h"
#include "kiosk/i18n.h"

enum { ACT_PICK = BOOK_ACT_OWN, ACT_PAGE, ACT_SKIP };

static void enter(struct app *a)
{
	a->s.list_page = 0;
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const struct service *s = book_service(a);
	struct ui_rect c = app_chrome(a, u, app_tr(a, "What would you like to talk about?"));
	c = ui_center_w(c, ui_mm(u, 220.0f));
	int gap = ui_mm(u, 3.0f);
	/* On a short panel "skip" is the list's last choice, and the list takes
	 * the whole height, so its page buttons stay large. */
	bool short_panel = u->h < ui_mm(u, 125.0f);
	struct ui_rect skip = {0};
	if (!short_panel) {
		struct ui_text_style st = app_style_body;
		st.middle = true;
		ui_text(u, ui_cut_top(&c, ui_mm(u, 9.0f)), app_tr(a, "Choose one, write a few words, or skip this."),
			&st);
		ui_cut_top(&c, gap);
		skip = ui_cut_bottom(&c, ui_mm(u, 17.0f));
		ui_cut_bottom(&c, gap);
	}

	const char *labels[BOOKING_MAX_REASONS + 2], *ids[BOOKING_MAX_REASONS + 2];
	char idbuf[BOOKING_MAX_REASONS][40];
	int n = s ? s->booking.nreasons : 0;
	for (int i = 0; i < n; i++) {
		labels[i] = s->booking.reason[i].name[a->lang];
		snprintf(idbuf[i], sizeof idbuf[i], "book.reason.%s", s->booking.reason[i].id);
		ids[i] = idbuf[i];
	}
	labels[n] = app_tr(a, "In my own words");
	ids[n] = "book.reason.words";
	labels[n + 1] = app_tr(a, "Skip this");
	ids[n + 1] = "book.reason.skip";
	struct ui_list list = {
		.labels = labels, .ids = ids, .count = n + 1 + short_panel,
		.selected = b->reason_text[0] ? n : b->reason,
		.item_action = ACT_PICK, .page_action = ACT_PAGE, .up_id = "list.up", .down_id = "list.down",
	};
	/* All choices at once where they fit as large buttons, in two columns
	 * on a wide panel (nobody has to find "skip" on a second page); a paged
	 * list where they do not. */
	int gap2 = ui_mm(u, 2.5f);
	int cols = c.w >= ui_mm(u, 100.0f) ? 2 : 1, rows = (list.count + cols - 1) / cols;
	int item_h = (c.h - (rows - 1) * gap2) / rows;
	if (item_h >= ui_mm(u, UI_MIN_TARGET_MM + 1.0f)) {
		if (item_h > ui_mm(u, 20.0f))
			item_h = ui_mm(u, 20.0f);
		for (int i = 0; i < list.count; i++) {
			struct ui_rect row = {c.x, c.y + (i / cols) * (item_h + gap2), c.w, item_h};
			ui_button(u, ui_column(row, i % cols, cols, gap2), ids[i], ACT_PICK, i, labels[i],
				  i == list.selected ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
		}
	} else {
		ui_list(u, c, &list, &a->s.list_page);
	}
	if (short_panel)
		return;
	bool narrow = u->w < ui_mm(u, 125.0f);
	ui_button(u, narrow ? skip : ui_cut_left(&skip, skip.w / 2), "book.reason.skip", ACT_SKIP, 0,
		  app_tr(a, "Skip this"), UI_BUTTON_SECONDARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	const struct service *s = book_service(a);
	int n = s ? s->booking.nreasons : 0;
	switch (action) {
	case ACT_PAGE:
		a->s.list_page += arg;
		return NULL;
	case ACT_PICK:
		if (arg == n)
			return &screen_book_words;
		if (arg == n + 1)
			return on_action(a, ACT_SKIP, 0); /* the list's "skip" on a short panel */
		if (arg < 0 || arg > n)
			return NULL;
		b->reason = arg;
		book_wipe(b->reason_text, sizeof b->reason_text);
		return &screen_book_review;
	case ACT_SKIP:
		b->reason = -1;
		book_wipe(b->reason_text, sizeof b->reason_text);
		return &screen_book_review;
	}
	return NULL;
}

const struct screen screen_book_reason = {
	.name = "book.reason",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
