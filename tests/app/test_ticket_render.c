/*
 * Printed tickets with the real fonts and the real renderer
 * (kiosk/ticket_render.c): every paper in every shipped language comes out
 * exactly the printer's width, with nothing overflowing and no character
 * missing from the fonts, and the QR code read back from the PNG by zbarimg
 * (Debian's zbar-tools: missing it is a failure, not a skip) carries the
 * payload. Also reports how long one ticket takes to render.
 * Needs fonts-noto-core and zbar-tools.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <dirent.h>

#include "kiosk/i18n.h"
#include "kiosk/ticket.h"
#include "render_check.h"
#include "text.h"
#include "ticket_render.h"

#define MAX_LANGS 16
#define OFFICE 0 /* the office's language: the first one found, "da" when shipped */

struct lang {
	char code[8];
	struct i18n_catalog *cat;
	bool rtl;
};

struct fixture {
	struct text_engine *te;
	struct lang langs[MAX_LANGS];
	int nlangs;
	char dir[64]; /* scratch directory for PNGs */
};

static int cmp_lang(const void *a, const void *b)
{
	const struct lang *x = a, *y = b;
	/* Danish (the demo office's language) first, then by code. */
	if (strcmp(x->code, "da") == 0 || strcmp(y->code, "da") == 0)
		return strcmp(x->code, "da") == 0 ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* English (the source language) and every language with a shipped .po. */
static int load_langs(struct fixture *fx)
{
	DIR *d = opendir(KIOSK_SOURCE_DIR "/assets/po");
	if (!d)
		return -1;
	snprintf(fx->langs[fx->nlangs++].code, sizeof(fx->langs[0].code), "en");
	const struct dirent *e;
	while ((e = readdir(d)) != NULL && fx->nlangs < MAX_LANGS) {
		size_t n = strlen(e->d_name);
		if (n < 4 || n > 7 || strcmp(e->d_name + n - 3, ".po") != 0)
			continue;
		struct lang *l = &fx->langs[fx->nlangs++];
		snprintf(l->code, sizeof(l->code), "%.*s", (int)(n - 3), e->d_name);
		char path[512];
		snprintf(path, sizeof(path), "%s/assets/po/%s", KIOSK_SOURCE_DIR, e->d_name);
		struct i18n_diag diag;
		if (i18n_catalog_load(path, &l->cat, &diag) != KIOSK_OK) {
			fprintf(stderr, "%s:%d: %s\n", path, diag.line, diag.msg);
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	qsort(fx->langs, (size_t)fx->nlangs, sizeof(fx->langs[0]), cmp_lang);
	for (int i = 0; i < fx->nlangs; i++) {
		const struct i18n_lang *l = i18n_lang_find(fx->langs[i].code);
		fx->langs[i].rtl = l && l->rtl;
	}
	return 0;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/test_ticket_render.XXXXXX");
	fx->te = render_check_start(fx->dir);
	if (fx->te && load_langs(fx) != 0) {
		fprintf(stderr, "setup: cannot load the translations\n");
		render_check_stop(fx->te, fx->dir);
		fx->te = NULL;
	}
	if (!fx->te) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	for (int i = 0; i < fx->nlangs; i++)
		i18n_catalog_destroy(fx->langs[i].cat);
	render_check_stop(fx->te, fx->dir);
	free(fx);
	return 0;
}

static struct ticket sample(const struct fixture *fx, const struct lang *visitor)
{
	const struct lang *office = &fx->langs[OFFICE];
	return (struct ticket){
		.office_name = "Borgerservice Nørrebro",
		.service = "Pas, kørekort og folkeregister",
		.number = "A017",
		.year = 2026, .month = 11, .day = 22, .hour = 9, .minute = 5,
		.ahead = 3, .wait_min = 10, .wait_max = 20,
		.qr = "https://queue.example.org/t/A017-20261122",
		.qr_is_link = true,
		.visitor_lang = {visitor->cat, visitor->code, visitor->rtl},
		.office_lang = {office->cat, office->code, office->rtl},
	};
}

/* The variants that between them use every sentence a ticket can print. */
static void variant(struct ticket *t, int v)
{
	switch (v) {
	case 1: /* no history, one person ahead, a plain reference */
		t->wait_min = t->wait_max = -1;
		t->ahead = 1;
		t->qr = "A017-20261122";
		t->qr_is_link = false;
		break;
	case 2: /* next in line, about a minute */
		t->ahead = 0;
		t->wait_min = t->wait_max = 1;
		break;
	case 3: /* many ahead, under a minute (a fast desk), no code */
		t->ahead = 112;
		t->wait_min = t->wait_max = 0;
		t->qr = NULL;
		break;
	case 4: /* an Arabic "few", a Ukrainian "few" */
		t->ahead = 23;
		t->wait_min = t->wait_max = 4;
		break;
	default:
		break;
	}
}

static void render_ok(struct fixture *fx, const struct ticket *t, const struct ticket_paper *p, const char *what)
{
	unsigned missing = text_engine_stats(fx->te).missing_glyphs;
	uint8_t *gray = NULL;
	int w = 0, h = 0, overflow = -1;
	assert_int_equal(ticket_render(fx->te, t, p, &gray, &w, &h, &overflow), KIOSK_OK);
	assert_non_null(gray);
	if (overflow)
		fail_msg("%s: %d text(s) overflow", what, overflow);
	if (text_engine_stats(fx->te).missing_glyphs != missing)
		fail_msg("%s: %u character(s) missing from the fonts", what,
			 text_engine_stats(fx->te).missing_glyphs - missing);
	assert_page_fits_paper(p, w, h);
	/* Something black was printed, and the first and last rows are paper. */
	size_t black = 0;
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		black += gray[i] < 128;
	assert_true(black > (size_t)w * 10);
	for (int x = 0; x < w; x++) {
		assert_int_equal(gray[x], 255);
		assert_int_equal(gray[(size_t)(h - 1) * (size_t)w + (size_t)x], 255);
	}
	free(gray);
}

static void every_paper_in_every_language_fits_without_overflow_or_missing_glyphs(void **state)
{
	struct fixture *fx = *state;
	assert_true(fx->nlangs >= 7);
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		for (int i = 0; i < fx->nlangs; i++) {
			/* Sheets take long at 600 dpi: the main variant only. */
			for (int v = 0; v < (p->roll ? 5 : 1); v++) {
				struct ticket t = sample(fx, &fx->langs[i]);
				variant(&t, v);
				char what[64];
				snprintf(what, sizeof(what), "%s/%s/variant %d", p->name, fx->langs[i].code, v);
				render_ok(fx, &t, p, what);
			}
		}
	}
}

static uint32_t be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void qr_code_read_back_from_the_png_carries_the_payload(void **state)
{
	struct fixture *fx = *state;
	require_zbarimg();
	int rtl = 0;
	for (int i = 0; i < fx->nlangs; i++)
		rtl = fx->langs[i].rtl ? i : rtl;
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		for (int i = 0; i < fx->nlangs; i++) {
			/* Sheets take zbarimg seconds at 600 dpi: the office's language
			 * and a right-to-left one at 300, right-to-left alone at 600. */
			if (!p->roll && i != rtl && (i != OFFICE || p->dpi > 300))
				continue;
			struct ticket t = sample(fx, &fx->langs[i]);
			char payload[TICKET_QR_MAX + 1];
			snprintf(payload, sizeof(payload), "https://queue.example.org/t/%s/%s-20261122", p->name,
				 fx->langs[i].code);
			t.qr = payload;
			char path[256], got[512];
			snprintf(path, sizeof(path), "%s/%s.%s.png", fx->dir, p->name, fx->langs[i].code);
			int overflow = -1;
			assert_int_equal(ticket_render_png(fx->te, &t, p, path, &overflow), KIOSK_OK);
			assert_int_equal(overflow, 0);
			/* The PNG is the printer's image: its width in dots. */
			FILE *f = fopen(path, "rb");
			assert_non_null(f);
			uint8_t head[24];
			assert_int_equal(fread(head, 1, sizeof(head), f), sizeof(head));
			fclose(f);
			assert_int_equal(be32(head + 16), (uint32_t)p->width_px);
			zbar_decode(path, got, sizeof(got));
			if (strcmp(got, payload) != 0)
				fail_msg("%s: zbarimg read \"%s\", expected \"%s\"", path, got, payload);
			unlink(path);
		}
	}
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Not a limit, a report: the UI thread renders the ticket while the visitor
 * waits for paper, so the numbers belong in front of whoever changes this. */
static void render_time_per_ticket_is_reported(void **state)
{
	struct fixture *fx = *state;
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		enum { N = 50 };
		double ms[N];
		const struct lang *l = &fx->langs[0];
		for (int i = 0; i < fx->nlangs; i++) {
			if (fx->langs[i].rtl)
				l = &fx->langs[i]; /* Arabic: the most shaping */
		}
		struct ticket t = sample(fx, l);
		int runs = p->roll || p->dpi <= 300 ? N : 9;
		for (int i = 0; i < runs; i++) {
			char number[8];
			snprintf(number, sizeof(number), "A%03d", i % 1000); /* a new number each time, like a lobby */
			t.number = number;
			uint8_t *gray;
			int w, h, overflow;
			double t0 = now_ms();
			assert_int_equal(ticket_render(fx->te, &t, p, &gray, &w, &h, &overflow), KIOSK_OK);
			ms[i] = now_ms() - t0;
			free(gray);
		}
		qsort(ms, (size_t)runs, sizeof(ms[0]), cmp_double);
		printf("ticket render %-10s %s: median %.1f ms, max %.1f ms over %d tickets\n", p->name, l->code,
		       ms[runs / 2], ms[runs - 1], runs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_paper_in_every_language_fits_without_overflow_or_missing_glyphs),
		cmocka_unit_test(qr_code_read_back_from_the_png_carries_the_payload),
		cmocka_unit_test(render_time_per_ticket_is_reported),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
