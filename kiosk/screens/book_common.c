/*
 * DESIGN: what the booking screens share.
 *
 * What it is: the helpers behind kiosk/screens/book_*.c: the chosen service
 * and its modes, requests to the booking backend for that service, going
 * back through the flow, the waiting state, the office's other ways to book,
 * and typing a name, a phone number, an e-mail address or a few words on the
 * on-screen keyboard. What it is not: a screen (each step has its own file)
 * or a backend (app_booking.c sends, the shell delivers).
 * Threading: the UI thread; state lives in a->s.book.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "kiosk/i18n.h"
#include "kiosk/kbd.h"
#include "typing_private.h"

const struct service *book_service(const struct app *a)
{
	int i = a->s.book.service;
	if (!a->services || i < 0 || i >= a->services->count)
		return NULL;
	return &a->services->s[i];
}

int book_modes(const struct service *s, enum booking_mode out[BOOKING_MODES])
{
	int n = 0;
	for (int m = 0; s && m < BOOKING_MODES; m++) {
		if (s->booking.mode_days[m])
			out[n++] = (enum booking_mode)m;
	}
	return n;
}

const char *book_mode_title(const struct app *a, enum booking_mode m)
{
	switch (m) {
	case BOOKING_PHONE:
		return app_tr(a, "By phone");
	case BOOKING_VIDEO:
		return app_tr(a, "By video call");
	default:
		return app_tr(a, "At the office");
	}
}

bool book_offered(const struct app *a)
{
	if (a->booking_backend == APP_BOOKING_NONE || !a->services)
		return false;
	for (int i = 0; i < a->services->count; i++) {
		enum booking_mode m[BOOKING_MODES];
		if (a->services->s[i].booking.offered && book_modes(&a->services->s[i], m) > 0)
			return true;
	}
	return false;
}

bool book_send(struct app *a, struct booking_request *r)
{
	const struct service *s = book_service(a);
	if (s) {
		snprintf(r->service, sizeof r->service, "%s", s->id);
		r->mode = a->s.book.mode;
	}
	/* A move: the booking's own meeting does not stand in the way of its
	 * new time (with one adviser, half an hour later overlaps it). */
	if (a->s.book.moving && (r->op == BOOKING_OP_AVAILABILITY || r->op == BOOKING_OP_HOLD))
		memcpy(r->reference, a->s.book.record.reference, sizeof r->reference);
	return app_booking_send(a, r);
}

bool book_hold(struct app *a, int64_t start, int64_t end)
{
	struct booking_request r = {.op = BOOKING_OP_HOLD, .start = start};
	a->s.book.start = start;
	a->s.book.end = end;
	return book_send(a, &r);
}

bool book_unreachable(const struct app *a)
{
	return a->s.book.status == BOOKING_UNREACHABLE || a->s.book.status == BOOKING_FAILED;
}

const struct screen *book_after_hold(struct app *a)
{
	const struct booking_contact *c = &a->s.book.contact;
	if (a->s.book.moving || (c->name[0] && (c->phone[0] || c->email[0])))
		return &screen_book_review;
	return &screen_book_contact;
}

void book_back_to(struct app *a, const struct screen *s)
{
	for (int i = a->depth - 1; i >= 0; i--) {
		if (a->history[i] == s) {
			a->depth = i + 1;
			app_back(a);
			return;
		}
	}
	app_goto(a, s);
}

int64_t book_day_start(const struct app *a, int64_t day)
{
	if (!a->zone)
		return day * 86400;
	int y, m, d;
	tz_civil_from_days(day, &y, &m, &d);
	int64_t utc;
	/* Midnight is skipped or repeated in a few zones; either answer starts the day. */
	tz_from_local(a->zone, y, m, d, 0, 0, &utc);
	return utc;
}

void book_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	for (size_t i = 0; i < n; i++)
		v[i] = 0;
}

void book_started(struct app *a)
{
	const struct service *s = book_service(a);
	if (!s)
		return;
	char data[96];
	snprintf(data, sizeof data, "{\"service\":\"%s\",\"mode\":\"%s\"}", s->id, booking_mode_name(a->s.book.mode));
	app_request_event(a, "kiosk.booking.started", data);
}

void book_draw_waiting(struct app *a, struct ui *u, const char *title, const char *what)
{
	struct ui_rect c = app_chrome(a, u, title);
	struct ui_text_style st = app_style_big;
	st.color = u->theme->fg;
	ui_text(u, ui_center_w(c, ui_mm(u, 200.0f)), what, &st);
}

void book_alternatives(const struct app *a, char *out, size_t cap)
{
	const char *phone = a->cfg->booking_phone, *web = a->cfg->booking_web;
	if (phone[0] && web[0])
		snprintf(out, cap, app_tr(a, "You can also book by phone on %s, or online at %s."), phone, web);
	else if (phone[0])
		snprintf(out, cap, app_tr(a, "You can also book by phone on %s."), phone);
	else if (web[0])
		snprintf(out, cap, app_tr(a, "You can also book online at %s."), web);
	else
		snprintf(out, cap, "%s", app_tr(a, "Please go to the reception desk. Staff there will help you."));
}

void book_privacy_note(const struct app *a, enum book_field f, char *out, size_t cap)
{
	unsigned long days = a->cfg->retention_days > 0 ? (unsigned long)a->cfg->retention_days : 0;
	const char *fmt;
	if (days == 0) {
		fmt = f == BOOK_FIELD_PHONE ? app_tr(a, "We keep your name and phone number only for this appointment, "
							"and delete them when its day is over.")
		      : f == BOOK_FIELD_EMAIL
			  ? app_tr(a, "We keep your name and e-mail address only for this "
				      "appointment, and delete them when its day is over.")
			  : app_tr(a, "We keep your name and your phone number or e-mail address only "
				      "for this appointment, and delete them when its day is over.");
		snprintf(out, cap, "%s", fmt);
		return;
	}
	if (f == BOOK_FIELD_PHONE)
		fmt = app_ntr(a,
			      "We keep your name and phone number only for this appointment, and delete them %d day "
			      "after it.",
			      "We keep your name and phone number only for this appointment, and delete them %d days "
			      "after it.",
			      days);
	else if (f == BOOK_FIELD_EMAIL)
		fmt = app_ntr(a,
			      "We keep your name and e-mail address only for this appointment, and delete them %d day "
			      "after it.",
			      "We keep your name and e-mail address only for this appointment, and delete them %d days "
			      "after it.",
			      days);
	else
		fmt = app_ntr(a,
			      "We keep your name and your phone number or e-mail address only for this appointment, "
			      "and delete them %d day after it.",
			      "We keep your name and your phone number or e-mail address only for this appointment, "
			      "and delete them %d days after it.",
			      days);
	snprintf(out, cap, fmt, (int)days);
}

/* ui_text_height answers more than this when a word is wider than the column. */
#define TOO_WIDE (1 << 19)

/* The height of each row at the styles' preferred sizes; returns the total. */
static int fact_heights(struct ui *u, const struct book_fact *f, int n, int lw, int vw, bool stacked,
			const struct ui_text_style *ls, const struct ui_text_style *vs, int *need, int *label_h)
{
	int total = 0;
	for (int i = 0; i < n; i++) {
		int hv = ui_text_height(u, vw, f[i].value, vs), hl = ui_text_height(u, lw, f[i].label, ls);
		label_h[i] = hl;
		if (hv > TOO_WIDE) {
			/* A word wider than the column (an e-mail address): it is split
			 * between characters, so it takes as many lines as it is wide. */
			int px = ui_mm(u, vs->size_mm);
			int w = u->text->width(u->text->ctx, f[i].value, strlen(f[i].value), px, vs->weight, u->dir);
			hv = (w + vw - 1) / (vw > 0 ? vw : 1) * u->text->line_height(u->text->ctx, px, u->dir);
		}
		need[i] = stacked ? hl + hv : hv > hl ? hv : hl;
		total += need[i];
	}
	return total;
}

/* Lays facts out in r, one per row, each label beside its value or over it
 * (stacked); draws them when draw is set. Returns whether they fit at a
 * size no smaller than the smallest allowed. */
static bool facts_column(struct ui *u, struct ui_rect r, const struct book_fact *f, int n, bool stacked, bool draw)
{
	int gap = ui_mm(u, r.h < ui_mm(u, 70.0f) ? 1.5f : 2.5f), col_gap = ui_mm(u, 3.0f);
	struct ui_text_style ls = {
		.size_mm = 5.5f, .min_mm = 3.0f, .weight = DRAW_REGULAR, .align = DRAW_ALIGN_START,
		.color = u->theme->muted,
	};
	struct ui_text_style vs = {
		.size_mm = 6.5f, .min_mm = 3.4f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .color = u->theme->fg,
	};
	/* Labels in a column at the reading start, as wide as the widest needs
	 * (between a fifth and a third of the width). */
	int lw = 0, px = ui_mm(u, ls.size_mm);
	for (int i = 0; i < n; i++) {
		int w = u->text->width(u->text->ctx, f[i].label, strlen(f[i].label), px, ls.weight, u->dir);
		lw = w > lw ? w : lw;
	}
	lw = lw < r.w / 5 ? r.w / 5 : lw > r.w / 3 ? r.w / 3 : lw;
	int vw = r.w - lw - col_gap;
	/* Stacked: each label over its value. */
	if (stacked) {
		lw = vw = r.w;
		ls.size_mm = 4.5f;
		ls.min_mm = 2.8f;
	}
	/* One size for every row (rows that each shrink on their own look
	 * untidy): the largest at which all fit, each row as tall as it needs. */
	int need[8], label_h[8], room = r.h - (n - 1) * gap, total = 0;
	bool fits = false;
	struct ui_text_style l = ls, v = vs;
	for (float k = 1.0f; k >= 0.4f && !fits; k -= 0.05f) {
		if (vs.size_mm * k < vs.min_mm)
			break;
		l.size_mm = ls.size_mm * k;
		v.size_mm = vs.size_mm * k;
		l.min_mm = l.size_mm < ls.min_mm ? l.size_mm : ls.min_mm; /* labels may get smaller than usual */
		total = fact_heights(u, f, n, lw, vw, stacked, &l, &v, need, label_h);
		fits = total <= room;
	}
	if (!draw)
		return fits;
	int y = r.y;
	for (int i = 0; i < n; i++) {
		/* Still too much: each row gives up the same share and its text shrinks into it. */
		int h = fits ? need[i] : (int)((long long)(need[i] > room ? room : need[i]) * room / total);
		struct ui_rect row = {r.x, y, r.w, h};
		if (stacked) {
			ui_text(u, ui_cut_top(&row, need[i] ? (int)((long long)label_h[i] * h / need[i]) : 0),
				f[i].label, &l);
		} else {
			ui_text(u, ui_cut_left(&row, lw), f[i].label, &l);
			ui_cut_left(&row, col_gap);
		}
		/* Numbers and addresses read left to right in every language; the
		 * visitor's own words take the direction of their script. */
		enum draw_dir saved = u->dir;
		struct ui_text_style vi = v;
		if (f[i].latin)
			vi.dir = DRAW_DIR_LTR;
		else if (f[i].own)
			u->dir = DRAW_DIR_AUTO;
		ui_text(u, row, f[i].value, &vi);
		u->dir = saved;
		y += h + gap;
	}
	return fits;
}

bool book_facts_fit(struct ui *u, struct ui_rect r, const struct book_fact *f, int n)
{
	n = n > 8 ? 8 : n;
	if (n <= 0 || facts_column(u, r, f, n, false, false))
		return true;
	if (r.w < ui_mm(u, 100.0f) && facts_column(u, r, f, n, true, false))
		return true;
	if (n <= 3 || r.w < ui_mm(u, 120.0f))
		return false;
	int gap = ui_mm(u, 4.0f), first = (n + 1) / 2;
	return facts_column(u, ui_column(r, 0, 2, gap), f, first, false, false) &&
	       facts_column(u, ui_column(r, 1, 2, gap), f + first, n - first, false, false);
}

void book_draw_facts(struct ui *u, struct ui_rect r, const struct book_fact *f, int n)
{
	n = n > 8 ? 8 : n;
	if (n <= 0)
		return;
	/* Labels beside their values where that fits; in a narrow column over
	 * them, when that fits better; in two columns where one is too tall
	 * and the width allows. */
	if (facts_column(u, r, f, n, false, false)) {
		facts_column(u, r, f, n, false, true);
	} else if (r.w < ui_mm(u, 100.0f) && facts_column(u, r, f, n, true, false)) {
		facts_column(u, r, f, n, true, true);
	} else if (n > 3 && r.w >= ui_mm(u, 120.0f)) {
		int gap = ui_mm(u, 4.0f), first = (n + 1) / 2;
		facts_column(u, ui_column(r, 0, 2, gap), f, first, false, true);
		facts_column(u, ui_column(r, 1, 2, gap), f + first, n - first, false, true);
	} else {
		facts_column(u, r, f, n, r.w < ui_mm(u, 100.0f), true);
	}
}

/* ---- typing ---- */

char *book_field_text(struct app *a, size_t *cap)
{
	struct app_booking *b = &a->s.book;
	switch (b->field) {
	case BOOK_FIELD_PHONE:
		*cap = sizeof b->contact.phone;
		return b->contact.phone;
	case BOOK_FIELD_EMAIL:
		*cap = sizeof b->contact.email;
		return b->contact.email;
	case BOOK_FIELD_WORDS:
		*cap = sizeof b->reason_text;
		return b->reason_text;
	default:
		*cap = sizeof b->contact.name;
		return b->contact.name;
	}
}

static struct ui_keyboard keyboard(const struct app *a)
{
	const struct app_booking *b = &a->s.book;
	struct ui_keyboard k = {
		.shifted = a->s.shift,
		.space_label = app_tr(a, "Space"),
		.key_action = BOOK_ACT_KEY,
		.shift_action = BOOK_ACT_SHIFT,
		.space_action = BOOK_ACT_SPACE,
		.erase_action = BOOK_ACT_ERASE,
		.mode_action = BOOK_ACT_MODE,
		.latin_action = BOOK_ACT_LATIN,
	};
	if (b->field == BOOK_FIELD_PHONE) {
		/* Digits only, and "+" for a number from abroad where the pad's mode key sits. */
		k.layout = kbd_layout_numpad();
		k.numpad = true;
		k.mode_label = "+";
		k.mode_action = BOOK_ACT_PLUS;
		return k;
	}
	if (b->field == BOOK_FIELD_EMAIL) {
		/* Addresses are written in Latin letters whatever the visitor's language. */
		k.numpad = a->s.numpad;
		k.layout = a->s.numpad ? kbd_layout_numpad() : kbd_layout_latin();
		k.mode_label = a->s.numpad ? "ABC" : "123";
		return k;
	}
	typing_letters(a, &k, false);
	return k;
}

/* The e-mail helpers: what most addresses need and the Latin keyboard lacks. */
static int email_extras(const struct app *a, const char *out[5], char *tld, size_t cap)
{
	int n = 0;
	out[n++] = "@";
	out[n++] = ".";
	out[n++] = ".com";
	/* The country's own ending, taken from the office's booking address
	 * ("borger.dk" gives ".dk"). */
	tld[0] = '\0';
	const char *h = strstr(a->cfg->booking_web, "://");
	h = h ? h + 3 : a->cfg->booking_web;
	size_t host = strcspn(h, "/:?#");
	const char *dot = NULL;
	for (const char *p = h; p < h + host; p++) {
		if (*p == '.')
			dot = p;
	}
	if (dot && h + host - dot == 3) { /* two letters: a country's */
		snprintf(tld, cap, "%.3s", dot);
		out[n++] = tld;
	}
	out[n++] = "_";
	return n;
}

static void append(char *field, size_t cap, const char *s)
{
	size_t have = strlen(field), add = strlen(s);
	if (have + add >= cap)
		return;
	memcpy(field + have, s, add + 1);
}

static void erase(char *field)
{
	size_t n = strlen(field);
	if (!n)
		return;
	while (n > 0 && ((unsigned char)field[n - 1] & 0xC0) == 0x80)
		n--;
	field[n ? n - 1 : 0] = '\0';
}

/* A capital at the start of a name and of each of its parts (Anne-Marie
 * Jensen), as a phone does; elsewhere one capital per shift. */
static void auto_shift(struct app *a, const char *field)
{
	size_t n = strlen(field);
	if (a->s.book.field == BOOK_FIELD_NAME)
		a->s.shift = n == 0 || field[n - 1] == ' ' || field[n - 1] == '-';
	else if (a->s.book.field == BOOK_FIELD_WORDS)
		a->s.shift = n == 0;
	else
		a->s.shift = false;
}

bool book_typing_action(struct app *a, int action, int arg)
{
	size_t cap;
	char *field = book_field_text(a, &cap);
	struct ui_keyboard k = keyboard(a);
	switch (action) {
	case BOOK_ACT_KEY: {
		const char *s = ui_keyboard_key(&k, arg);
		if (s)
			append(field, cap, s);
		auto_shift(a, field);
		break;
	}
	case BOOK_ACT_SPACE:
		/* Addresses and numbers have no spaces; a stray tap adds none. */
		if (a->s.book.field == BOOK_FIELD_NAME || a->s.book.field == BOOK_FIELD_WORDS) {
			if (field[0] && field[strlen(field) - 1] != ' ')
				append(field, cap, " ");
			auto_shift(a, field);
		}
		break;
	case BOOK_ACT_ERASE:
		erase(field);
		auto_shift(a, field);
		break;
	case BOOK_ACT_SHIFT:
		a->s.shift = !a->s.shift;
		break;
	case BOOK_ACT_MODE:
		a->s.numpad = !a->s.numpad;
		break;
	case BOOK_ACT_LATIN:
		a->s.latin = !a->s.latin;
		break;
	case BOOK_ACT_PLUS:
		if (!field[0])
			append(field, cap, "+"); /* only in front: the country code */
		break;
	case BOOK_ACT_EXTRA: {
		const char *extra[5];
		char tld[8];
		int n = email_extras(a, extra, tld, sizeof tld);
		if (a->s.book.field == BOOK_FIELD_EMAIL && arg >= 0 && arg < n)
			append(field, cap, extra[arg]);
		break;
	}
	default:
		return false;
	}
	a->s.book.problem = BOOKING_CONTACT_OK;
	return true;
}

bool book_entry_continue(struct app *a, int action, int arg)
{
	size_t cap;
	if (action == APP_ACT_ENTER) /* Return on a physical keyboard */
		action = BOOK_ACT_CONTINUE;
	return !book_typing_action(a, action, arg) && action == BOOK_ACT_CONTINUE && book_field_text(a, &cap)[0];
}

const struct screen *book_reach_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (!book_entry_continue(a, action, arg))
		return NULL;
	enum booking_contact_problem p = booking_contact_check(&b->contact);
	if (p == BOOKING_CONTACT_NO_NAME)
		return &screen_book_contact;
	if (p != BOOKING_CONTACT_OK) {
		b->problem = p;
		return NULL;
	}
	/* A help appointment from a guide has its reason: where the visitor got stuck. */
	if (a->s.guide.to_person && b->reason_text[0])
		return &screen_book_review;
	return &screen_book_reason;
}

const char *book_problem_text(const struct app *a, int problem)
{
	switch (problem) {
	case BOOKING_CONTACT_NO_NAME:
		return app_tr(a, "Please type your name.");
	case BOOKING_CONTACT_NO_WAY:
		return app_tr(a, "Please type a phone number or an e-mail address.");
	case BOOKING_CONTACT_BAD_PHONE:
		return app_tr(a, "This does not look like a phone number. Please check it.");
	case BOOKING_CONTACT_BAD_EMAIL:
		return app_tr(a, "This does not look like an e-mail address. Please check it.");
	case BOOKING_CONTACT_ID_NUMBER:
		return app_tr(a, "Please do not type your CPR or ID number. We never need it.");
	default:
		return NULL;
	}
}

bool book_text_has_id(const char *text)
{
	/* The contact check looks at a name of up to 63 bytes; a longer text is
	 * checked in overlapping windows, so a number across a window's edge is
	 * still whole in the next one. */
	size_t n = strlen(text);
	struct booking_contact c;
	for (size_t at = 0;; at += 40) {
		memset(&c, 0, sizeof c);
		size_t take = n - at < sizeof c.name - 1 ? n - at : sizeof c.name - 1;
		memcpy(c.name, text + at, take);
		bool id = booking_contact_check(&c) == BOOKING_CONTACT_ID_NUMBER;
		book_wipe(&c, sizeof c);
		if (id)
			return true;
		if (at + take >= n)
			return false;
	}
}

/* The typed text, on one line: when it is too long for the field at the
 * smallest size, its end is shown (where the visitor is typing). */
static void draw_field_text(struct ui *u, struct ui_rect r, const char *text, const struct ui_text_style *st)
{
	int min_px = ui_mm(u, st->min_mm);
	enum draw_dir dir = st->dir == DRAW_DIR_AUTO ? u->dir : st->dir;
	size_t n = strlen(text), from = 0;
	static const char dots[] = "\xe2\x80\xa6";
	if (u->text->width(u->text->ctx, text, n, min_px, st->weight, dir) <= r.w) {
		ui_text(u, r, text, st);
		return;
	}
	char shown[160];
	do {
		from++;
		while (from < n && ((unsigned char)text[from] & 0xC0) == 0x80)
			from++;
		snprintf(shown, sizeof shown, "%s%s", dots, text + from);
	} while (from < n && u->text->width(u->text->ctx, shown, strlen(shown), min_px, st->weight, dir) > r.w);
	ui_text(u, r, shown, st);
}

void book_draw_entry(struct app *a, struct ui *u, const char *title, const char *placeholder, const char *hint,
		     const char *continue_id)
{
	const struct ui_theme *t = u->theme;
	const struct app_booking *b = &a->s.book;
	/* On short panels, and on narrow ones where keyboard rows are split in
	 * two, the keyboard needs the title band's height (as checkin.c). */
	bool compact = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	bool narrow = u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, compact ? NULL : title);
	int gap = ui_mm(u, 2.5f);
	struct ui_rect top = ui_cut_top(&c, ui_mm(u, compact && !narrow ? 13.0f : 17.0f));
	ui_cut_top(&c, gap);

	/* Under the field: what is wrong (always), or a hint (where there is
	 * room). An upright small panel has no height to spare under it: there
	 * the problem shows in the field itself until the next key. */
	const char *problem = book_problem_text(a, b->problem);
	const char *line = narrow ? NULL : problem ? problem : compact ? NULL : hint;
	if (line) {
		struct ui_text_style st = app_style_body;
		st.size_mm = problem ? 5.5f : 4.6f;
		st.min_mm = 3.0f;
		st.middle = true;
		st.weight = problem ? DRAW_BOLD : DRAW_REGULAR;
		st.color = problem ? t->danger : t->muted;
		int h = ui_mm(u, compact ? 7.0f : 12.0f);
		ui_text(u, ui_cut_top(&c, h), line, &st);
		ui_cut_top(&c, gap / 2);
	}

	size_t cap;
	const char *text = book_field_text(a, &cap);
	int go_w = top.w / 4 > ui_mm(u, 36.0f) ? top.w / 4 : ui_mm(u, narrow ? 28.0f : 36.0f);
	struct ui_rect go = ui_cut_right(&top, go_w);
	ui_cut_right(&top, gap);
	ui_fill(u, top, t->surface, ui_mm(u, 1.5f));
	ui_frame(u, top, t->accent, ui_mm(u, 0.8f) > 2 ? ui_mm(u, 0.8f) : 2);
	struct ui_rect in = ui_inset(top, ui_mm(u, 2.5f));
	bool latin_field = b->field == BOOK_FIELD_PHONE || b->field == BOOK_FIELD_EMAIL;
	if (narrow && problem) {
		struct ui_text_style st = app_style_body;
		st.size_mm = 5.0f;
		st.min_mm = 2.6f;
		st.middle = true;
		st.weight = DRAW_BOLD;
		st.color = t->danger;
		ui_text(u, in, problem, &st);
	} else if (text[0]) {
		struct ui_text_style st = {
			.size_mm = 8.0f, .min_mm = 4.5f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
			.color = t->fg, .dir = latin_field ? DRAW_DIR_LTR : DRAW_DIR_AUTO,
		};
		/* A name may be in another script than the screen's: its own direction. */
		enum draw_dir saved = u->dir;
		if (!latin_field)
			u->dir = DRAW_DIR_AUTO;
		draw_field_text(u, in, text, &st);
		u->dir = saved;
	} else {
		struct ui_text_style st = app_style_body;
		st.color = t->muted;
		st.middle = true;
		st.min_mm = 3.0f;
		ui_text(u, in, placeholder, &st);
	}
	typing_draw_continue(a, u, go, text[0] != '\0', continue_id, BOOK_ACT_CONTINUE);

	int max_kbd = ui_mm(u, b->field == BOOK_FIELD_PHONE ? 80.0f : 95.0f);
	if (c.h > max_kbd) {
		ui_cut_top(&c, (c.h - max_kbd) / 2);
		c.h = max_kbd;
	}
	struct ui_keyboard k = keyboard(a);
	k.skip_digits = compact;
	c = ui_center_w(c, ui_mm(u, 260.0f));
	/* On narrow panels a full row of keys needs the whole width to keep 11.6 mm keys. */
	if (c.w < KBD_MAX_KEYS * ui_mm(u, UI_MIN_TARGET_MM + 0.2f)) {
		c.x = 0;
		c.w = u->w;
	}
	if (b->field == BOOK_FIELD_EMAIL && !k.numpad) {
		/* The helpers stand in a column at the right, as keys; the Latin
		 * keyboard (ten keys a row at most) keeps 11.6 mm in the rest. */
		const char *extra[5];
		char tld[8];
		int n = email_extras(a, extra, tld, sizeof tld);
		int rows = compact ? 4 : 5;
		if (n > rows)
			n = rows;
		bool saved = u->rtl;
		u->rtl = false;
		struct ui_rect col = ui_cut_right(&c, ui_mm(u, 24.0f));
		ui_cut_right(&c, ui_mm(u, 1.0f));
		int row_h = col.h / rows;
		char id[24];
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof id, "book.extra.%d", i);
			struct ui_rect cell = {col.x, col.y + i * row_h, col.w, row_h};
			ui_button(u, ui_inset(cell, ui_mm(u, 0.6f)), id, BOOK_ACT_EXTRA, i, extra[i], UI_BUTTON_KEY);
			u->dl->target[u->dl->ntarget - 1].r = cell;
		}
		u->rtl = saved;
	}
	ui_keyboard(u, c, &k);
}
