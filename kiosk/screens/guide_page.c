/*
 * DESIGN: guide_page, a guide step's words fitted to the panel.
 *
 * What it is: the layout of the step screen (guide_step.c). A page has the
 * step's title on top, its words under it (paragraphs, the step's warning,
 * a phone number), a QR code or picture at the reading end, the answers,
 * and at the bottom "Talk to a person" beside the promise that nobody here
 * asks for codes. On a short, wide panel (a 7-inch one lying down) the
 * answers stand in a column at the reading end; elsewhere in rows under the
 * words.
 * When the words do not fit, they are not shrunk below what a tired eye
 * reads (85 % of the preferred sizes): the step is split between parts
 * into pages. The last page keeps the answers and as much of the end as
 * fits beside them; the pages before it give the answers' room to the
 * words and have one "Read on" button. On a short panel the QR code stays
 * on those pages and leaves the last page to the answers. The guide's
 * safety notes, before the first step, are a page of their own.
 * What it is not: what a step says or where its answers lead (the core's
 * walk), the page being shown (a->s.guide.page, guide_step.c).
 * Threading: the UI thread, while drawing.
 */
#include <stdio.h>
#include <string.h>

#include "guide_page_private.h"
#include "kiosk/i18n.h"

#define MAXF(x, y) ((x) > (y) ? (x) : (y))

/* The promise under every step; the same in fewer words where it is narrow. */
#define PROMISE N_("This kiosk and our staff will never ask for your codes or password.")
#define PROMISE_SHORT N_("Nobody here will ask for your codes or password.")
static const struct ui_text_style promise_style = {
	.size_mm = 4.5f, .min_mm = 2.8f, .weight = DRAW_BOLD, .align = DRAW_ALIGN_START, .middle = true,
	.color = 0x1F4E79FF,
};

/* What a page is for. */
enum page_kind {
	PAGE_SAFETY,  /* the safety notes; "Read on" or "I understand" */
	PAGE_READ_ON, /* the step's words, "Read on" */
	PAGE_ANSWERS, /* the step's last page, with its answers */
};

/* The rectangles of one page. */
struct layout {
	struct ui_rect words;   /* the title and the parts */
	struct ui_rect side;    /* the QR code and picture; w 0: none */
	struct ui_rect answers; /* the answers, or "Read on" */
	struct ui_rect person;  /* w 0: none */
	struct ui_rect promise; /* w 0: none (the safety pages list it) */
	struct ui_rect status;  /* h 0: none */
	bool column;            /* the answers stand in a column, from its top */
	bool cramped;           /* the QR code or picture has too little room */
	int each;               /* the height of each answer in the column */
	int per_row;            /* else this many in a row */
};

struct styles {
	struct ui_text_style head, body, warn, phone, note;
	int gap, pad;
};

/* A short, wide panel (a 7-inch one lying down): the answers in a column. */
static bool short_wide(struct ui *u, struct ui_rect c)
{
	return c.h < ui_mm(u, 90.0f) && c.w >= ui_mm(u, 110.0f);
}

static int button_h(struct ui *u, struct ui_rect c)
{
	return ui_mm(u, c.h < ui_mm(u, 90.0f) ? 13.0f : 16.0f);
}

static void styles(struct ui *u, struct ui_rect c, float scale, struct styles *s)
{
	s->gap = ui_mm(u, 3.0f);
	s->pad = ui_mm(u, 2.0f);
	s->head = app_style_title;
	s->head.middle = false;
	s->head.size_mm = (c.h < ui_mm(u, 90.0f) ? 7.0f : 8.5f) * scale;
	s->body = app_style_body;
	s->body.size_mm *= scale;
	s->warn = app_style_body;
	s->warn.size_mm = 5.0f * scale;
	s->warn.min_mm = 3.4f;
	s->warn.weight = DRAW_BOLD;
	s->phone = app_style_big;
	s->phone.align = DRAW_ALIGN_START;
	s->phone.dir = DRAW_DIR_LTR;
	s->phone.size_mm = 8.0f;
	s->note = app_style_body;
	s->note.size_mm = 4.2f;
	s->note.min_mm = 3.2f;
}

/* The answers' column on a short panel: n buttons from its top, a smaller
 * gap than elsewhere so four answers keep their size, taller when there is
 * nothing to put under them; what is left under them, or 0. */
static int column_each(struct ui *u, struct ui_rect col, int n, int bh, bool under, int *spare)
{
	int gap = ui_mm(u, 1.5f);
	if (n <= 0) {
		*spare = col.h;
		return 0;
	}
	int each = (col.h - (n - 1) * gap) / n, most = under ? bh : bh * 3 / 2;
	each = each > most ? most : each;
	*spare = col.h - n * each - n * gap;
	return each;
}

/* The height the QR code (with its caption and address) or the picture
 * needs at width w; 0 when it cannot be drawn that narrow. */
static int side_need(struct app *a, struct ui *u, int w, const struct guide_step *st)
{
	if (!st->link)
		return ui_mm(u, 20.0f);
	int qr = ui_qr_side(st->link, 3);
	if (qr == 0 || qr > w)
		return 0;
	struct ui_text_style cap = app_style_body;
	cap.size_mm = 3.4f;
	return ui_text_height(u, w, app_tr(a, "Scan with your own phone"), &cap) + qr + ui_mm(u, 1.5f);
}

static bool side_fits(struct app *a, struct ui *u, struct ui_rect r, const struct guide_step *st)
{
	int h = side_need(a, u, r.w, st);
	return h > 0 && h <= r.h;
}

/* The strip at the bottom of a tall or narrow panel: "Talk to a person" at
 * the reading end, the promise beside it; on a narrow panel the button
 * has the width and the promise (in fewer words) a line above it. */
static void strip_at_bottom(struct app *a, struct ui *u, struct ui_rect *c, const struct guide_view *v,
			    struct layout *L)
{
	int gap = ui_mm(u, 3.0f), bh = button_h(u, *c);
	if (c->w < ui_mm(u, 110.0f)) {
		if (v->person) {
			L->person = ui_cut_bottom(c, bh);
			ui_cut_bottom(c, gap / 2);
		}
		L->promise = ui_cut_bottom(c, ui_text_height(u, c->w, app_tr(a, PROMISE_SHORT), &promise_style));
		ui_cut_bottom(c, gap);
		return;
	}
	struct ui_rect strip = ui_cut_bottom(c, bh);
	ui_cut_bottom(c, gap);
	if (v->person) {
		L->person = ui_cut_right(&strip, ui_mm(u, 70.0f));
		ui_cut_right(&strip, gap);
	}
	L->promise = strip;
}

/* Where everything goes on a page; side: the QR code or picture may take
 * room from the words (else only spare room in the answers' column). */
static void layout(struct app *a, struct ui *u, struct ui_rect c, const struct guide_view *v, enum page_kind kind,
		   bool side, struct layout *L)
{
	memset(L, 0, sizeof *L);
	int gap = ui_mm(u, 3.0f), bh = button_h(u, c), n = kind == PAGE_ANSWERS ? v->nb : 1;
	const struct guide_step *st = v->st;
	bool sw = short_wide(u, c);
	if (kind == PAGE_SAFETY) {
		/* The notes have the width; "Talk to a person" and the way on under them. */
		if (sw) {
			struct ui_rect strip = ui_cut_bottom(&c, bh);
			ui_cut_bottom(&c, gap);
			if (v->person) {
				L->person = ui_cut_left(&strip, (strip.w - gap) / 2);
				ui_cut_left(&strip, gap);
			}
			L->answers = strip;
		} else {
			strip_at_bottom(a, u, &c, v, L);
			L->answers = ui_center_w(ui_cut_bottom(&c, bh), ui_mm(u, 150.0f));
			ui_cut_bottom(&c, gap);
		}
		L->words = c;
		return;
	}
	if (sw && n > 0) {
		/* The answers' column at the reading end, the whole height: four
		 * answers keep their size, and under fewer go the QR code or
		 * picture, or what the printer said. The strip stays under the
		 * words (taller: the promise has less width). */
		L->column = true;
		int share = n >= 3 ? 45 : kind == PAGE_READ_ON && !st->link && !st->image ? 30 : 40;
		L->answers = ui_cut_right(&c, c.w * share / 100);
		ui_cut_right(&c, gap);
		struct ui_rect strip = ui_cut_bottom(&c, ui_mm(u, 16.0f));
		ui_cut_bottom(&c, gap);
		if (v->person) {
			L->person = ui_cut_right(&strip, strip.w / 2);
			ui_cut_right(&strip, gap);
		}
		L->promise = strip;
	} else {
		strip_at_bottom(a, u, &c, v, L);
		if (n > 0) {
			/* As many to a row as keep 60 mm each: a long answer on two lines. */
			int fit = (c.w + gap) / (ui_mm(u, 60.0f) + gap);
			L->per_row = n < fit ? n : fit < 1 ? 1 : fit;
			if (n == 4 && L->per_row == 3)
				L->per_row = 2;
			int rows = (n + L->per_row - 1) / L->per_row;
			L->answers = ui_cut_bottom(&c, rows * bh + (rows - 1) * gap);
			if (n == 1)
				L->answers = ui_center_w(L->answers, ui_mm(u, 150.0f));
			ui_cut_bottom(&c, gap);
		}
	}
	bool has_side = st->link || st->image;
	struct ui_text_style bold = app_style_body;
	bold.weight = DRAW_BOLD;
	bold.size_mm = 5.0f;
	if (L->column && n > 0) {
		/* Under the answers: the QR code or picture, else the status. The
		 * answers keep their full height for a picture (else it gives way);
		 * a QR code or the status may make them as small as elsewhere. */
		int spare, tall = column_each(u, L->answers, n, bh, false, &spare);
		struct ui_rect col = L->answers, under = ui_cut_bottom(&col, spare);
		L->each = tall;
		struct ui_text_style small = bold;
		small.size_mm = 4.2f;
		if (has_side && side_fits(a, u, under, st)) {
			L->side = under;
		} else if (st->link || (kind == PAGE_ANSWERS && v->status)) {
			L->each = column_each(u, L->answers, n, bh, true, &spare);
			col = L->answers;
			under = ui_cut_bottom(&col, spare);
			if (st->link && side_fits(a, u, under, st)) {
				L->side = under;
			} else if (st->link && side) {
				int w = c.w * 40 / 100, qr = ui_qr_side(st->link, 3);
				L->side = ui_cut_right(&c, w > qr ? w : qr);
				ui_cut_right(&c, gap);
				L->cramped = !side_fits(a, u, L->side, st);
			} else if (st->link) {
				L->cramped = true;
			}
		}
		if (kind == PAGE_ANSWERS && v->status && !L->side.w &&
		    ui_text_height(u, under.w, v->status, &small) <= under.h)
			L->status = under;
		if (!L->side.w && !L->status.h)
			L->each = tall;
	}
	if (kind == PAGE_ANSWERS && v->status && !L->status.h) {
		L->status = ui_cut_bottom(&c, ui_text_height(u, c.w, v->status, &bold));
		ui_cut_bottom(&c, gap / 2);
	}
	if (!L->column && side && has_side && c.w > ui_mm(u, 120.0f)) {
		L->side = ui_cut_right(&c, c.w * (st->link ? 34 : 30) / 100);
		ui_cut_right(&c, gap);
	} else if (!L->column && side && st->link) {
		/* Narrow: the QR code under the words, a third of the height or what it needs to scan. */
		int want = side_need(a, u, c.w, st), third = c.h / 3;
		L->side = ui_cut_bottom(&c, want > third && want < c.h ? want : third);
		L->cramped = !side_fits(a, u, L->side, st);
	}
	L->words = c;
}

static int part_h(struct ui *u, int w, const struct guide_part *p, const struct styles *s)
{
	switch (p->kind) {
	case GUIDE_PART_TEXT:
		return ui_text_height(u, w, p->s, &s->body);
	case GUIDE_PART_WARN:
		return ui_text_height(u, w - 2 * s->pad, p->s, &s->warn) + 2 * s->pad;
	case GUIDE_PART_PHONE:
		return ui_mm(u, 11.0f);
	}
	return 0;
}

/* The height parts[from..to) want under title in words. */
static int need(struct ui *u, struct ui_rect words, const char *title, const char *note, const struct guide_part *parts,
		int from, int to, const struct styles *s)
{
	int h = title ? ui_text_height(u, words.w, title, &s->head) : 0;
	if (note)
		h += ui_text_height(u, words.w, note, &s->note) + s->gap / 2;
	for (int i = from; i < to; i++)
		h += s->gap / 2 + part_h(u, words.w, &parts[i], s);
	return h;
}

/* parts[from..to) on new pages of layout L, as many to a page as fit; the
 * first of them under the title. */
static void pack(struct ui *u, const struct layout *L, const char *title, const char *note,
		 const struct guide_part *parts, int from, int to, const struct styles *s, struct guide_plan *p)
{
	for (bool first = true; from < to && p->npages < GUIDE_MAX_PAGES - 1; first = false) {
		const char *t = first ? title : NULL, *n = first ? note : NULL;
		int end = from + 1;
		while (end < to && need(u, L->words, t, n, parts, from, end + 1, s) <= L->words.h)
			end++;
		p->titled[p->npages] = first;
		p->from[p->npages] = (signed char)from;
		p->to[p->npages++] = (signed char)end;
		from = end;
	}
}

/* The sizes tried, largest first: a step is paged at the last. A short
 * panel is read from closer and has little room: a little smaller there. */
static int scales(struct ui *u, struct ui_rect c, const float **out)
{
	static const float tall[] = {1.0f, 0.85f}, small[] = {1.0f, 0.85f, 0.75f};
	*out = short_wide(u, c) ? small : tall;
	return short_wide(u, c) ? 3 : 2;
}

void guide_page_plan(struct app *a, struct ui *u, struct ui_rect c, const struct guide_view *v, struct guide_plan *p)
{
	memset(p, 0, sizeof *p);
	struct layout L;
	struct styles s;
	const float *sc;
	int nsc = scales(u, c, &sc);
	/* The safety notes: on one page if they fit, else as few as hold them. */
	if (v->nsafety > 0) {
		const char *head = app_tr(a, "Before you start");
		layout(a, u, c, v, PAGE_SAFETY, false, &L);
		for (int i = 0; i < nsc; i++) {
			styles(u, c, sc[i], &s);
			p->safety_scale = sc[i];
			if (need(u, L.words, head, NULL, v->safety, 0, v->nsafety, &s) <= L.words.h)
				break;
		}
		pack(u, &L, head, NULL, v->safety, 0, v->nsafety, &s, p);
		p->nsafety = p->npages;
	}
	/* The step: one page, beside its answers, if it fits at a size a tired eye reads. */
	layout(a, u, c, v, PAGE_ANSWERS, true, &L);
	for (int i = 0; i < nsc; i++) {
		styles(u, c, sc[i], &s);
		if (!L.cramped && need(u, L.words, v->title, v->english_note, v->part, 0, v->nparts, &s) <= L.words.h) {
			p->scale = sc[i];
			p->last_side = true;
			p->titled[p->npages] = true;
			p->from[p->npages] = 0;
			p->to[p->npages++] = (signed char)v->nparts;
			return;
		}
	}
	/* Pages: the last holds what fits beside the answers, from the end; a
	 * short panel's last page leaves the QR code to the pages before it. */
	p->scale = sc[nsc - 1];
	p->last_side = !short_wide(u, c);
	layout(a, u, c, v, PAGE_ANSWERS, p->last_side, &L);
	/* The note that the guide is in English heads the step's first page only. */
	int tail = v->nparts;
	while (tail > 0 && need(u, L.words, v->title, tail == 1 ? v->english_note : NULL, v->part, tail - 1, v->nparts,
				&s) <= L.words.h)
		tail--;
	if (tail == 0 && v->st->link && !L.side.w)
		tail = 1; /* a page before the answers, to show the link's QR code */
	struct layout R;
	layout(a, u, c, v, PAGE_READ_ON, true, &R);
	pack(u, &R, v->title, v->english_note, v->part, 0, tail, &s, p);
	p->titled[p->npages] = true;
	p->from[p->npages] = (signed char)tail;
	p->to[p->npages++] = (signed char)v->nparts;
}

/* Parts under a title, top down. Parts that still do not fit (one alone
 * too long for a page) each get their share of the height and shrink. */
static void draw_words(struct ui *u, struct ui_rect c, const char *title, const char *note,
		       const struct guide_part *parts, int from, int to, const struct styles *s)
{
	struct styles k = *s;
	/* An overfull page (one part too long for any page): all smaller alike. */
	for (float f = 0.95f; f > 0.4f && need(u, c, title, note, parts, from, to, &k) > c.h; f -= 0.05f) {
		k.head.size_mm = MAXF(s->head.size_mm * f, s->head.min_mm);
		k.body.size_mm = MAXF(s->body.size_mm * f, s->body.min_mm);
		k.warn.size_mm = MAXF(s->warn.size_mm * f, s->warn.min_mm);
		k.note.size_mm = MAXF(s->note.size_mm * f, s->note.min_mm);
	}
	if (note) {
		ui_text(u, ui_cut_top(&c, ui_text_height(u, c.w, note, &k.note)), note, &k.note);
		ui_cut_top(&c, s->gap / 2);
		k.head.dir = k.body.dir = k.warn.dir = DRAW_DIR_LTR;
	}
	int want[1 + GUIDE_MAX_WARNINGS + GUIDE_MAX_TEXTS + 3], total = 0, n = 1 + to - from;
	want[0] = title ? ui_text_height(u, c.w, title, &k.head) : 0;
	for (int i = from; i < to; i++)
		want[1 + i - from] = part_h(u, c.w, &parts[i], &k);
	for (int i = 0; i < n; i++)
		total += want[i];
	int room = c.h - (title ? n - 1 : n - 2) * (s->gap / 2);
	for (int i = 0; i < n && total > room; i++)
		want[i] = (int)((long long)want[i] * room / total);
	if (title)
		ui_text(u, ui_cut_top(&c, want[0]), title, &k.head);
	for (int i = from; i < to; i++) {
		const struct guide_part *p = &parts[i];
		if (title || i > from)
			ui_cut_top(&c, s->gap / 2);
		struct ui_rect r = ui_cut_top(&c, want[1 + i - from]);
		switch (p->kind) {
		case GUIDE_PART_TEXT:
			ui_text(u, r, p->s, &k.body);
			break;
		case GUIDE_PART_WARN:
			ui_fill(u, r, 0xFFF3E0FF, ui_mm(u, 1.5f));
			ui_frame(u, r, u->theme->focus, ui_mm(u, 0.8f));
			ui_text(u, ui_inset(r, s->pad), p->s, &k.warn);
			break;
		case GUIDE_PART_PHONE:
			/* The phone number, large and left to right in every language. */
			ui_text(u, r, p->s, &k.phone);
			break;
		}
	}
}

/* Where to read more or call: a QR code with the address under it; the picture under that. */
static void draw_side(struct app *a, struct ui *u, struct ui_rect side, const struct guide_step *st)
{
	int gap = ui_mm(u, 2.0f);
	if (st->link) {
		struct ui_text_style cap = app_style_body;
		cap.size_mm = 3.4f;
		cap.min_mm = 3.2f;
		cap.align = DRAW_ALIGN_CENTER;
		const char *scan = app_tr(a, "Scan with your own phone");
		ui_text(u, ui_cut_top(&side, ui_text_height(u, side.w, scan, &cap)), scan, &cap);
		ui_cut_top(&side, ui_mm(u, 1.0f));
		int qr_side = side.w < side.h ? side.w : side.h;
		int used = ui_qr(u, (struct ui_rect){side.x, side.y, side.w, qr_side}, st->link, 3, 0x000000FF,
				 0xFFFFFFFF);
		ui_cut_top(&side, used);
		/* The address under it on one line when there is room, smaller if need
		 * be; too long for that line: the site's name, which a visitor can say. */
		struct ui_text_style addr = cap;
		addr.dir = DRAW_DIR_LTR;
		addr.color = u->theme->muted;
		const char *shown = st->link + (strncmp(st->link, "https://", 8) == 0 ? 8 : 0);
		int line_h = ui_text_height(u, side.w, "x", &addr);
		while (addr.size_mm > 2.8f && ui_text_height(u, side.w, shown, &addr) > line_h) {
			addr.size_mm -= 0.2f;
			line_h = ui_text_height(u, side.w, "x", &addr);
		}
		char host[GUIDE_LINK_MAX + 4];
		if (ui_text_height(u, side.w, shown, &addr) > line_h) {
			snprintf(host, sizeof host, "%.*s/…", (int)strcspn(shown, "/"), shown);
			shown = host;
		}
		addr.min_mm = addr.size_mm;
		if (side.h >= line_h && ui_text_height(u, side.w, shown, &addr) <= line_h) {
			ui_text(u, ui_cut_top(&side, line_h), shown, &addr);
			ui_cut_top(&side, gap);
		}
	}
	if (st->image && side.h > ui_mm(u, 20.0f)) {
		char path[sizeof a->guides->images_dir + GUIDE_ID_MAX * 2];
		snprintf(path, sizeof path, "%s/%s", a->guides->images_dir, st->image);
		ui_image(u, side, path);
	}
}

/* The answers: close to their edges (1.2 mm) so a long one keeps two lines;
 * left to right when the guide is shown in English. */
static void draw_answers(struct ui *u, const struct layout *L, const struct guide_button *b, int n, enum draw_dir dir)
{
	int gap = ui_mm(u, 3.0f);
	if (L->column) {
		struct ui_rect col = L->answers;
		int each = L->each;
		for (int i = 0; i < n; i++) {
			ui_button_padded(u, ui_cut_top(&col, each), b[i].id, b[i].action, b[i].arg, b[i].label, b[i].style,
					 1.2f, dir);
			ui_cut_top(&col, ui_mm(u, 1.5f));
		}
		return;
	}
	int per_row = L->per_row ? L->per_row : 1, rows = (n + per_row - 1) / per_row;
	for (int r = 0; r < rows; r++) {
		struct ui_rect row = ui_row(L->answers, r, rows, gap);
		int in_row = r == rows - 1 ? n - r * per_row : per_row;
		for (int k = 0; k < in_row; k++) {
			const struct guide_button *x = &b[r * per_row + k];
			struct ui_rect cell = in_row == 1 ? row : ui_column(row, k, in_row, gap);
			ui_button_padded(u, cell, x->id, x->action, x->arg, x->label, x->style, 1.2f, dir);
		}
	}
}

void guide_page_draw(struct app *a, struct ui *u, struct ui_rect c, const struct guide_view *v,
		     const struct guide_plan *p, int page)
{
	bool safety = page < p->nsafety, last = page == p->npages - 1;
	enum page_kind kind = safety ? PAGE_SAFETY : last ? PAGE_ANSWERS : PAGE_READ_ON;
	struct layout L;
	struct styles s;
	layout(a, u, c, v, kind, last ? p->last_side : true, &L);
	styles(u, c, safety ? p->safety_scale : p->scale, &s);

	if (L.promise.w > 0) {
		struct ui_text_style st = promise_style;
		st.color = u->theme->accent;
		/* A narrow strip (a small panel) has the same promise in fewer words. */
		const char *said = L.promise.w < ui_mm(u, 90.0f) ? app_tr(a, PROMISE_SHORT) : app_tr(a, PROMISE);
		ui_text(u, L.promise, said, &st);
	}
	if (v->person)
		ui_button(u, L.person, "guide.person", v->person_action, 0, app_tr(a, "Talk to a person"),
			  UI_BUTTON_SECONDARY);
	if (last) {
		draw_answers(u, &L, v->b, v->nb, v->english && v->st->end == GUIDE_END_NONE ? DRAW_DIR_LTR : DRAW_DIR_AUTO);
	} else {
		char label[96];
		if (page == p->nsafety - 1)
			snprintf(label, sizeof label, "%s", app_tr(a, "I understand"));
		else if (safety)
			snprintf(label, sizeof label, app_tr(a, "Read on (%d/%d)"), page + 1, p->nsafety);
		else
			snprintf(label, sizeof label, app_tr(a, "Read on (%d/%d)"), page + 1 - p->nsafety,
				 p->npages - p->nsafety);
		struct guide_button more = {"guide.more", label, v->more_action, 0, UI_BUTTON_PRIMARY};
		draw_answers(u, &L, &more, 1, DRAW_DIR_AUTO);
	}
	if (L.status.h > 0) {
		struct ui_text_style bold = app_style_body;
		bold.weight = DRAW_BOLD;
		bold.size_mm = L.column ? 4.2f : 5.0f;
		bold.min_mm = 3.2f;
		ui_text(u, L.status, v->status, &bold);
	}
	if (L.side.w > 0)
		draw_side(a, u, L.side, v->st);
	if (safety)
		draw_words(u, L.words, p->titled[page] ? app_tr(a, "Before you start") : NULL, NULL, v->safety,
			   p->from[page], p->to[page], &s);
	else
		draw_words(u, L.words, p->titled[page] ? v->title : NULL, page == p->nsafety ? v->english_note : NULL,
			   v->part, p->from[page], p->to[page], &s);
}
