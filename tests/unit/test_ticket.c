/*
 * Queue ticket layout (kiosk/core/ticket.c), measured with the fake font of
 * known widths: what a ticket holds, how big the number is, that nothing
 * overflows on any paper, that right-to-left mirrors and that the QR code's
 * rectangles reproduce the code exactly, quiet zone included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_text.h"
#include "kiosk/config.h"
#include "kiosk/draw.h"
#include "kiosk/i18n.h"
#include "kiosk/ticket.h"
#include "kiosk/ui.h"

#define INK 0x000000FFu
#define PAPER 0xFFFFFFFFu

static struct draw_list dl;

static struct ticket sample(void)
{
	return (struct ticket){
		.office_name = "Borgerservice Demo",
		.service = "Passports, driving licences and registration",
		.number = "A017",
		.year = 2026, .month = 11, .day = 22, .hour = 9, .minute = 5,
		.ahead = 3, .wait_min = 10, .wait_max = 20,
		.qr = "https://queue.example.org/t/A017-20261122",
		.qr_is_link = true,
		.visitor_lang = {NULL, "en", false},
		.office_lang = {NULL, "en", false},
	};
}

static int layout(const struct ticket *t, const char *paper)
{
	struct ui u = {.dl = &dl, .text = &fake_text};
	const struct ticket_paper *p = ticket_paper_find(paper);
	assert_non_null(p);
	return ticket_layout(&u, t, p);
}

/* All the ticket's text, lines joined by spaces (wrapping breaks at spaces). */
static const char *all_text(void)
{
	static char buf[DRAW_MAX_TEXT + DRAW_MAX_CMDS];
	size_t n = 0;
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind != DRAW_TEXT)
			continue;
		memcpy(buf + n, draw_cmd_text(&dl, c), c->len);
		n += c->len;
		buf[n++] = ' ';
	}
	buf[n] = '\0';
	return buf;
}

static const struct draw_cmd *text_starting(const char *prefix)
{
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_TEXT && c->len >= strlen(prefix) &&
		    memcmp(draw_cmd_text(&dl, c), prefix, strlen(prefix)) == 0)
			return c;
	}
	return NULL;
}

static void ticket_paper_knows_the_printers_real_dot_widths(void **state)
{
	(void)state;
	const struct ticket_paper *r80 = ticket_paper_find("receipt80"), *r58 = ticket_paper_find("receipt58");
	const struct ticket_paper *a4 = ticket_paper_find("a4"), *letter = ticket_paper_find("letter");
	assert_non_null(r80);
	assert_non_null(r58);
	assert_non_null(a4);
	assert_non_null(letter);
	assert_int_equal(r80->width_px, 576);
	assert_int_equal(r58->width_px, 384);
	assert_int_equal(r80->dpi, 203);
	assert_true(r80->roll && r58->roll && !a4->roll && !letter->roll);
	assert_int_equal(a4->dpi, 300);
	assert_int_equal(letter->dpi, 300);
	/* 190 x 277 mm and 195.9 x 259.4 mm inside 10 mm margins, at 300 dpi */
	assert_int_equal(a4->width_px, 2244);
	assert_int_equal(a4->height_px, 3272);
	assert_int_equal(letter->width_px, 2314);
	assert_int_equal(letter->height_px, 3064);
	assert_float_equal(ticket_paper_ppmm(r80), 8.0f, 0.001f);
	assert_null(ticket_paper_find("receipt112"));
	assert_null(ticket_paper_find(NULL));
	int n = 0;
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++, n++)
		assert_ptr_equal(ticket_paper_find(p->name), p);
	assert_true(n >= 4);
}

static void ticket_number_is_the_largest_text_and_fills_most_of_a_roll(void **state)
{
	(void)state;
	struct ticket t = sample();
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		layout(&t, p->name);
		const struct draw_cmd *num = text_starting("A017");
		assert_non_null(num);
		assert_int_equal(num->weight, DRAW_BOLD);
		for (int i = 0; i < dl.ncmd; i++) {
			if (dl.cmd[i].kind == DRAW_TEXT && &dl.cmd[i] != num)
				assert_true(dl.cmd[i].px * 3 <= num->px); /* three times any other text */
		}
		int w = fake_width(NULL, "A017", 4, num->px, DRAW_BOLD, DRAW_DIR_LTR);
		if (p->roll)
			assert_true(w * 100 >= p->width_px * 85);
		/* On paper, at least 1.5 cm (em size; capitals are 1 cm tall) on the narrowest roll. */
		assert_true((float)num->px / ticket_paper_ppmm(p) >= 15.0f);
	}
}

/* What a layout h dots tall on paper p keeps to (what names it in a
 * failure): the draw list not full and nothing overflowing, the paper first
 * (the printable width, and a sheet's height), no text over another, nothing
 * outside the paper, black on white, and every text within its box. */
static void assert_layout_fits(const char *what, const struct ticket_paper *p, int h)
{
	assert_true(h > 0);
	assert_false(dl.full);
	if (dl.overflow)
		fail_msg("%s: %d overflow(s), first: %s", what, dl.overflow, dl.overflow_what);
	assert_int_equal(dl.cmd[0].kind, DRAW_FILL);
	assert_int_equal(dl.cmd[0].color, PAPER);
	assert_int_equal(dl.cmd[0].r.w, p->width_px);
	assert_int_equal(dl.cmd[0].r.h, h);
	if (!p->roll)
		assert_int_equal(h, p->height_px);
	int a, b;
	if (draw_list_text_overlap(&dl, &a, &b))
		fail_msg("%s: commands %d (kind %d, %d,%d %dx%d) and %d (kind %d, %d,%d %dx%d \"%.*s\") are drawn "
			 "over each other",
			 what, a, dl.cmd[a].kind, dl.cmd[a].r.x, dl.cmd[a].r.y, dl.cmd[a].r.w, dl.cmd[a].r.h, b,
			 dl.cmd[b].kind, dl.cmd[b].r.x, dl.cmd[b].r.y, dl.cmd[b].r.w, dl.cmd[b].r.h, (int)dl.cmd[b].len,
			 draw_cmd_text(&dl, &dl.cmd[b]));
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		assert_true(c->r.x >= 0 && c->r.x + c->r.w <= p->width_px);
		assert_true(c->r.y >= 0 && c->r.y + c->r.h <= h);
		/* Black on white, nothing else. */
		assert_true(c->color == INK || c->color == PAPER);
		if (c->kind == DRAW_TEXT)
			assert_true(fake_width(NULL, draw_cmd_text(&dl, c), c->len, c->px, c->weight, c->dir) <=
				    c->r.w);
	}
}

static void ticket_fits_every_paper_without_overflow_within_the_printable_width(void **state)
{
	(void)state;
	struct ticket t = sample();
	t.office_lang = (struct ticket_lang){NULL, "da", false};
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		int h = layout(&t, p->name);
		assert_layout_fits(p->name, p, h);
		/* The first command is the paper, exactly the printable area. */
		assert_int_equal(dl.cmd[0].r.x, 0);
		assert_int_equal(dl.cmd[0].r.y, 0);
	}
}

static void ticket_roll_grows_with_its_content_and_a_sheet_stays_one_page(void **state)
{
	(void)state;
	struct ticket bare = sample();
	bare.service = NULL;
	bare.qr = NULL;
	bare.ahead = -1;
	struct ticket full = sample();
	full.office_lang = (struct ticket_lang){NULL, "da", false};
	int h_bare = layout(&bare, "receipt80"), h_full = layout(&full, "receipt80");
	assert_true(h_bare > 0);
	assert_true(h_full > h_bare + ui_mm(&(struct ui){.ppmm = 8.0f}, 20.0f)); /* a QR code alone is over 2 cm */
	/* A narrower roll wraps the same text into more lines. */
	assert_true(layout(&full, "receipt58") > h_full);
	assert_int_equal(layout(&bare, "a4"), layout(&full, "a4"));
}

static void ticket_in_a_right_to_left_language_mirrors_its_layout_but_not_its_qr_code(void **state)
{
	(void)state;
	struct ticket t = sample();
	layout(&t, "receipt80");
	struct draw_cmd ltr[DRAW_MAX_CMDS];
	int n = dl.ncmd;
	memcpy(ltr, dl.cmd, sizeof(ltr));
	t.visitor_lang = t.office_lang = (struct ticket_lang){NULL, "ar", true};
	layout(&t, "receipt80");
	assert_int_equal(dl.ncmd, n);
	int mirrored = 0;
	for (int i = 0; i < n; i++) {
		const struct draw_cmd *a = &ltr[i], *b = &dl.cmd[i];
		assert_int_equal(a->kind, b->kind);
		if (a->kind == DRAW_TEXT && a->align == DRAW_ALIGN_START) {
			/* The people-ahead line starts at the right in Arabic. */
			assert_int_equal(b->align, DRAW_ALIGN_END);
			assert_int_equal(b->r.x, 576 - a->r.x - a->r.w);
			assert_int_equal(b->dir, DRAW_DIR_RTL);
			mirrored++;
		}
		if (a->kind == DRAW_FILL)
			assert_memory_equal(&a->r, &b->r, sizeof(a->r)); /* QR modules and rules stay put */
	}
	assert_true(mirrored >= 2);
	/* The number reads left to right in every language. */
	assert_int_equal(text_starting("A017")->dir, DRAW_DIR_LTR);
}

static void ticket_without_history_says_it_cannot_estimate_the_wait(void **state)
{
	(void)state;
	struct ticket t = sample();
	t.wait_min = t.wait_max = -1;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "We cannot estimate the wait yet."));
	assert_null(strstr(all_text(), "minute"));

	t.wait_min = 10;
	t.wait_max = 20;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "Expected wait: 10–20 minutes"));
	assert_null(strstr(all_text(), "cannot estimate"));
	t.wait_min = t.wait_max = 5;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "Expected wait: about 5 minutes"));
	t.wait_min = t.wait_max = 0;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "less than a minute"));
}

static void ticket_counts_the_people_ahead_in_the_visitors_plural(void **state)
{
	(void)state;
	struct ticket t = sample();
	t.ahead = 1;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "1 person is ahead of you."));
	t.ahead = 0;
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "You are next in line."));
	t.ahead = -1;
	layout(&t, "receipt80");
	assert_null(strstr(all_text(), "ahead of you"));
	assert_null(strstr(all_text(), "next in line"));
}

#define PO_HEADER                                                                                                \
	"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                \
	"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"

static void ticket_speaks_the_visitors_language_and_adds_the_offices_line(void **state)
{
	(void)state;
	const char *da = PO_HEADER "msgid \"Your number\"\nmsgstr \"Dit nummer\"\n"
				   "msgid \"Please take a seat. Your number will be called and shown on the screen.\"\n"
				   "msgstr \"Sæt dig gerne ned.\"\n"
				   "msgid \"%d person is ahead of you.\"\nmsgid_plural \"%d people are ahead of you.\"\n"
				   "msgstr[0] \"%d person er foran dig.\"\nmsgstr[1] \"%d personer er foran dig.\"\n";
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag;
	assert_int_equal(i18n_catalog_parse(da, strlen(da), &cat, &diag), KIOSK_OK);
	struct ticket t = sample();
	t.visitor_lang = (struct ticket_lang){cat, "da", false};
	t.office_lang = (struct ticket_lang){cat, "da", false};
	layout(&t, "receipt80");
	assert_non_null(strstr(all_text(), "Dit nummer"));
	assert_non_null(strstr(all_text(), "3 personer er foran dig."));
	assert_non_null(strstr(all_text(), "Sæt dig gerne ned."));
	assert_null(strstr(all_text(), "Please take a seat")); /* one language: one line */

	/* An English-speaking visitor in a Danish office: both lines, Danish last. */
	t.visitor_lang = (struct ticket_lang){NULL, "en", false};
	layout(&t, "receipt80");
	const struct draw_cmd *en = text_starting("Please take a seat"), *office = text_starting("Sæt dig");
	assert_non_null(en);
	assert_non_null(office);
	assert_true(office->r.y > en->r.y);
	assert_true(office->px < en->px);
	i18n_catalog_destroy(cat);
}

/* Reads the code back from the rectangles: module (x, y) is dark when a black
 * fill covers its centre. */
static bool dark_at(int cx, int cy)
{
	bool dark = false;
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_FILL && draw_rect_contains(c->r, cx, cy))
			dark = c->color == INK;
	}
	return dark;
}

/* The QR code of payload as drawn on paper p, read back module by module
 * with its quiet zone of 4; returns the zone's white square. */
static const struct draw_cmd *assert_qr_reads_back(const char *payload, const struct ticket_paper *p)
{
	QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	int total = q->width + 8;
	/* The QR area: a white square total modules wide, painted before the modules. */
	const struct draw_cmd *zone = NULL;
	for (int i = 1; i < dl.ncmd && !zone; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_FILL && c->color == PAPER && c->r.w == c->r.h && c->r.w % total == 0)
			zone = c;
	}
	assert_non_null(zone);
	int m = zone->r.w / total;
	/* At least half a millimetre per module, as phones need from paper. */
	assert_true((float)m / ticket_paper_ppmm(p) >= 0.5f - 0.01f);
	for (int y = 0; y < total; y++) {
		for (int x = 0; x < total; x++) {
			int qx = x - 4, qy = y - 4;
			bool want =
			    qx >= 0 && qy >= 0 && qx < q->width && qy < q->width && (q->data[qy * q->width + qx] & 1);
			bool got = dark_at(zone->r.x + x * m + m / 2, zone->r.y + y * m + m / 2);
			if (want != got)
				fail_msg("%s: module %d,%d is %s", p->name, x, y, got ? "dark" : "light");
		}
	}
	QRcode_free(q);
	return zone;
}

static void ticket_qr_code_reproduces_the_payload_with_its_quiet_zone(void **state)
{
	(void)state;
	struct ticket t = sample();
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		layout(&t, p->name);
		const struct draw_cmd *zone = assert_qr_reads_back(t.qr, p);
		/* centred */
		assert_true(abs(zone->r.x - (p->width_px - zone->r.w) / 2) <= 1);
		/* Its caption says what it is for. */
		assert_non_null(strstr(all_text(), "Scan the code"));
	}
}

static void ticket_qr_code_of_the_longest_payload_fits_the_draw_list_and_a_longer_one_is_refused(void **state)
{
	(void)state;
	char payload[TICKET_QR_MAX + 2];
	/* Bytes that compress worst: no digits or capitals-only runs. */
	srand(7);
	for (int i = 0; i < TICKET_QR_MAX; i++)
		payload[i] = (char)('a' + rand() % 26);
	payload[TICKET_QR_MAX] = '\0';
	struct ticket t = sample();
	t.qr = payload;
	t.office_lang = (struct ticket_lang){NULL, "da", false};
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		assert_true(layout(&t, p->name) > 0);
		assert_false(dl.full);
		assert_int_equal(dl.overflow, 0);
	}
	payload[TICKET_QR_MAX] = 'x';
	payload[TICKET_QR_MAX + 1] = '\0';
	assert_true(layout(&t, "receipt80") > 0);
	assert_int_equal(dl.overflow, 1);
	assert_non_null(strstr(dl.overflow_what, "QR"));
}

static void ticket_without_a_qr_payload_has_no_code(void **state)
{
	(void)state;
	struct ticket t = sample();
	t.qr = "";
	layout(&t, "receipt80");
	int fills = 0;
	for (int i = 0; i < dl.ncmd; i++)
		fills += dl.cmd[i].kind == DRAW_FILL;
	assert_int_equal(fills, 4); /* the paper and three rules */
	assert_null(strstr(all_text(), "Scan the code"));
	/* A plain reference gets no caption: it is for staff to scan. */
	t.qr = "A017-20261122";
	t.qr_is_link = false;
	layout(&t, "receipt80");
	assert_null(strstr(all_text(), "Scan the code"));
}

static void ticket_with_a_long_office_name_wraps_it_instead_of_overflowing(void **state)
{
	(void)state;
	struct ticket t = sample();
	t.office_name = "Københavns Kommune Borgerservice Nørrebro, Nørrebrogade 208, Indgang fra gården";
	t.service = "Sundhedskort, pas, kørekort, folkeregister og NemID/MitID-hjælp";
	t.number = "AB-1234";
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		layout(&t, p->name);
		if (dl.overflow)
			fail_msg("%s: %s", p->name, dl.overflow_what);
		const struct draw_cmd *num = text_starting("AB-1234");
		assert_non_null(num);
		assert_true(fake_width(NULL, "AB-1234", 7, num->px, DRAW_BOLD, DRAW_DIR_LTR) <= num->r.w);
	}
}

static void ticket_code_fills_the_sites_status_link_or_falls_back_to_the_reference(void **state)
{
	(void)state;
	char out[TICKET_QR_MAX + 1];
	bool link = true;
	ticket_code(out, sizeof out, "", "A017", "2026-11-22", &link);
	assert_string_equal(out, "A017 2026-11-22");
	assert_false(link);
	ticket_code(out, sizeof out, "https://q.example/t/{day}/{number}?k={number}", "B104", "2026-03-29", &link);
	assert_string_equal(out, "https://q.example/t/2026-03-29/B104?k=B104");
	assert_true(link);
	/* A brace that is not a field is copied as is (the config check refuses such links). */
	ticket_code(out, sizeof out, "https://q.example/{num}", "A1", "d", NULL);
	assert_string_equal(out, "https://q.example/{num}");
	/* The longest configurable link with both fields still fits the code. */
	char longest[CONFIG_LINK_LEN];
	memset(longest, 'x', sizeof longest - 1);
	longest[sizeof longest - 1] = '\0';
	memcpy(longest, "https://", 8);
	memcpy(longest + sizeof longest - 14, "{number}{day}", 13);
	ticket_code(out, sizeof out, longest, "A1042", "2026-11-22", &link);
	assert_int_equal(strlen(out), strlen(longest) - 13 + 5 + 10);
	assert_true(strlen(out) <= TICKET_QR_MAX);
	/* A short buffer truncates instead of overrunning. */
	char tiny[8];
	ticket_code(tiny, sizeof tiny, "https://q.example/{number}", "A017", "d", NULL);
	assert_string_equal(tiny, "https:/");
}

/* ---- booking slips (ticket_layout_slip) ---- */

static struct ticket_slip slip_sample(void)
{
	struct ticket_slip s = {
		.office_name = "Borgerservice Demo",
		.title = "Your appointment",
		.big = "K7R-49X",
		.note = "To cancel or move it, come to the kiosk with this reference and the last 4 digits of your "
			"phone number, or call us on +45 70 10 20 30.",
		.qr = "https://queue.example.org/b/2026-11-23/K7R49X",
		.year = 2026, .month = 11, .day = 20, .hour = 14, .minute = 5,
		.visitor_lang = {NULL, "en", false},
		.office_lang = {NULL, "da", false},
	};
	const char *rows[][2] = {
		{"Service", "Pensions and housing benefit"},
		{"Date", "Wednesday 23 September"},
		{"Time", "09:30–09:50"},
		{"How", "By video call. The link arrives by text message or e-mail. You need a phone, tablet or "
			"computer with a camera."},
		{"Where", "Meeting room 2, first floor, the door on the left after the lifts"},
		{"Bring", "Your bank details and your latest letter about your pension or taxes, if you have it. "
			  "Also any letters from the municipality about housing benefit."},
		{"Opening hours", "Monday–Wednesday: 08:00–15:00\nThursday: 08:00–17:30\nFriday: 08:00–13:00"},
		{"In the queue", "12 people are ahead of you."},
		{"Reason", "Applying for a pension"},
		{"Reference", "K7R-49X"},
	};
	_Static_assert(sizeof rows / sizeof rows[0] == TICKET_SLIP_ROWS, "a full slip has every row");
	for (int i = 0; i < TICKET_SLIP_ROWS; i++) {
		snprintf(s.row[i].label, sizeof s.row[i].label, "%s", rows[i][0]);
		snprintf(s.row[i].value, sizeof s.row[i].value, "%s", rows[i][1]);
	}
	s.nrows = TICKET_SLIP_ROWS;
	return s;
}

static int layout_slip(const struct ticket_slip *s, const char *paper)
{
	struct ui u = {.dl = &dl, .text = &fake_text};
	const struct ticket_paper *p = ticket_paper_find(paper);
	assert_non_null(p);
	return ticket_layout_slip(&u, s, p);
}

static void slip_fits_every_paper_in_both_directions_without_overflow_or_overlap(void **state)
{
	(void)state;
	struct ticket_slip s = slip_sample();
	for (int rtl = 0; rtl < 2; rtl++) {
		s.visitor_lang = (struct ticket_lang){NULL, rtl ? "ar" : "en", rtl != 0};
		for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
			char what[64];
			snprintf(what, sizeof what, "%s rtl %d", p->name, rtl);
			assert_layout_fits(what, p, layout_slip(&s, p->name));
		}
	}
}

static void slip_shows_every_row_in_order_with_the_reference_largest_and_left_to_right(void **state)
{
	(void)state;
	struct ticket_slip s = slip_sample();
	s.visitor_lang = (struct ticket_lang){NULL, "ar", true};
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		layout_slip(&s, p->name);
		const char *all = all_text();
		const char *prev = all;
		for (int i = 0; i < s.nrows; i++) {
			const char *at = strstr(prev, s.row[i].label);
			if (!at)
				fail_msg("%s: row %d (%s) missing or out of order", p->name, i, s.row[i].label);
			prev = at;
		}
		assert_non_null(strstr(all, "Borgerservice Demo"));
		assert_non_null(strstr(all, "Your appointment"));
		assert_non_null(strstr(all, "2026-11-20 14:05"));
		assert_non_null(strstr(all, "call us on +45 70 10 20 30."));
		const struct draw_cmd *ref = text_starting("K7R-49X");
		assert_non_null(ref);
		assert_int_equal(ref->dir, DRAW_DIR_LTR);
		for (int i = 0; i < dl.ncmd; i++) {
			if (dl.cmd[i].kind == DRAW_TEXT && &dl.cmd[i] != ref)
				assert_true(dl.cmd[i].px * 3 <= ref->px * 2); /* half as large again as any other */
		}
		/* At least 8 mm (em; capitals near 6 mm) on the narrowest roll, readable across a desk. */
		assert_true((float)ref->px / ticket_paper_ppmm(p) >= 8.0f);
		/* Labels and values start at the reading start: the right in Arabic. */
		const struct draw_cmd *label = text_starting("Service");
		assert_non_null(label);
		assert_int_equal(label->align, DRAW_ALIGN_END);
		assert_int_equal(label->dir, DRAW_DIR_RTL);
	}
}

static void slip_qr_code_reproduces_its_payload(void **state)
{
	(void)state;
	struct ticket_slip s = slip_sample();
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		layout_slip(&s, p->name);
		assert_qr_reads_back(s.qr, p);
	}
}

static void slip_without_reference_code_or_rows_is_short_and_a_roll_grows_with_rows(void **state)
{
	(void)state;
	struct ticket_slip bare = slip_sample();
	bare.big[0] = bare.qr[0] = bare.note[0] = '\0';
	bare.nrows = 0;
	int h_bare = layout_slip(&bare, "receipt80");
	assert_true(h_bare > 0);
	assert_null(text_starting("K7R"));
	int fills = 0;
	for (int i = 0; i < dl.ncmd; i++)
		fills += dl.cmd[i].kind == DRAW_FILL;
	assert_int_equal(fills, 2); /* the paper and one rule */
	struct ticket_slip two = bare;
	two.nrows = 2;
	struct ticket_slip full = slip_sample();
	int h_two = layout_slip(&two, "receipt80"), h_full = layout_slip(&full, "receipt80");
	assert_true(h_bare < h_two && h_two < h_full);
	assert_true(layout_slip(&full, "receipt58") > h_full);
	assert_int_equal(layout_slip(&bare, "a4"), layout_slip(&full, "a4"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ticket_paper_knows_the_printers_real_dot_widths),
		cmocka_unit_test(ticket_number_is_the_largest_text_and_fills_most_of_a_roll),
		cmocka_unit_test(ticket_fits_every_paper_without_overflow_within_the_printable_width),
		cmocka_unit_test(ticket_roll_grows_with_its_content_and_a_sheet_stays_one_page),
		cmocka_unit_test(ticket_in_a_right_to_left_language_mirrors_its_layout_but_not_its_qr_code),
		cmocka_unit_test(ticket_without_history_says_it_cannot_estimate_the_wait),
		cmocka_unit_test(ticket_counts_the_people_ahead_in_the_visitors_plural),
		cmocka_unit_test(ticket_speaks_the_visitors_language_and_adds_the_offices_line),
		cmocka_unit_test(ticket_qr_code_reproduces_the_payload_with_its_quiet_zone),
		cmocka_unit_test(ticket_qr_code_of_the_longest_payload_fits_the_draw_list_and_a_longer_one_is_refused),
		cmocka_unit_test(ticket_without_a_qr_payload_has_no_code),
		cmocka_unit_test(ticket_with_a_long_office_name_wraps_it_instead_of_overflowing),
		cmocka_unit_test(ticket_code_fills_the_sites_status_link_or_falls_back_to_the_reference),
		cmocka_unit_test(slip_fits_every_paper_in_both_directions_without_overflow_or_overlap),
		cmocka_unit_test(slip_shows_every_row_in_order_with_the_reference_largest_and_left_to_right),
		cmocka_unit_test(slip_qr_code_reproduces_its_payload),
		cmocka_unit_test(slip_without_reference_code_or_rows_is_short_and_a_roll_grows_with_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
