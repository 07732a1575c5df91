/*
 * Booking slips with the real fonts and the real renderer: every kind of
 * slip (kiosk/core/slip.c), filled for the demo site in every shipped
 * language, laid out (ticket_layout_slip) and drawn (ticket_render_slip)
 * on every paper with nothing overflowing, nothing drawn over text and no
 * character missing from the fonts; and the QR code read back from the PNG
 * by zbarimg (zbar-tools: missing it is a failure, not a skip) gives back,
 * through the check-in screen's own parser, the booking's reference.
 * Needs fonts-noto-core and zbar-tools.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"
#include "pngout.h"
#include "render_check.h"
#include "text.h"
#include "ticket_render.h"

struct fixture {
	struct text_engine *te;
	struct config cfg;
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	struct services services;
	struct tz zone;
	struct app app;
	char dir[64]; /* scratch directory for PNGs */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	struct config *c = &fx->cfg;
	config_defaults(c);
	snprintf(c->site_name, sizeof c->site_name, "Borgerservice Nørrebro");
	/* The demo site's languages, the office's first. */
	const char *langs[] = {"da", "nb", "it", "fr", "en", "ar", "uk"};
	for (int i = 0; i < 7; i++) {
		snprintf(c->langs[i], sizeof c->langs[i], "%s", langs[i]);
		char path[512];
		snprintf(path, sizeof path, "%s/assets/po/%s.po", KIOSK_SOURCE_DIR, langs[i]);
		struct i18n_diag diag;
		if (strcmp(langs[i], "en") != 0 && i18n_catalog_load(path, &fx->cats[i], &diag) != KIOSK_OK) {
			fprintf(stderr, "%s:%d: %s\n", path, diag.line, diag.msg);
			return -1;
		}
	}
	c->nlangs = 7;
	snprintf(c->default_lang, sizeof c->default_lang, "da");
	snprintf(c->help_desk, sizeof c->help_desk, "the reception desk by the entrance");
	snprintf(c->booking_phone, sizeof c->booking_phone, "+45 70 10 20 30");
	snprintf(c->booking_web, sizeof c->booking_web, "https://borger.example.dk/book");
	struct config_report rep = {0};
	if (services_load(KIOSK_SOURCE_DIR "/assets/site/demo-services.json", c, NULL, &fx->services, &rep) !=
	    KIOSK_OK)
		return -1;
	tz_fixed(&fx->zone, "CET", 3600);
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/test_slip_render.XXXXXX");
	fx->te = render_check_start(fx->dir);
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
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(fx->cats[i]);
	services_fini(&fx->services);
	render_check_stop(fx->te, fx->dir);
	free(fx);
	return 0;
}

/* The visitor's session after booking the pension desk (its rules name a
 * place and what to bring) for Monday 23 November 2026 at 09:30. */
static struct app *visit(struct fixture *fx, int lang, enum booking_mode mode)
{
	struct app *a = &fx->app;
	app_init(a, &fx->cfg);
	for (int i = 0; i < fx->cfg.nlangs; i++)
		a->cat[i] = fx->cats[i];
	a->lang = lang;
	a->services = &fx->services;
	a->zone = &fx->zone;
	tz_from_local(&fx->zone, 2026, 11, 20, 14, 5, &a->utc);
	struct booking_record *r = &a->s.book.record;
	snprintf(r->reference, sizeof r->reference, "K7R49X");
	snprintf(r->service, sizeof r->service, "pension");
	r->mode = mode;
	r->state = BOOKING_BOOKED;
	tz_from_local(&fx->zone, 2026, 11, 23, 9, 30, &r->start);
	r->end = r->start + 20 * 60;
	r->check_kind = 'p';
	snprintf(r->number, sizeof r->number, "T112");
	r->ahead = 23;
	return a;
}

static const struct {
	enum app_slip_kind kind;
	enum booking_mode mode;
} kinds[] = {
	{APP_SLIP_BOOKED, BOOKING_IN_PERSON},	 {APP_SLIP_BOOKED, BOOKING_VIDEO},    {APP_SLIP_MOVED, BOOKING_PHONE},
	{APP_SLIP_CANCELLED, BOOKING_IN_PERSON}, {APP_SLIP_REMOTE, BOOKING_PHONE},    {APP_SLIP_REMOTE, BOOKING_VIDEO},
	{APP_SLIP_ARRIVED, BOOKING_IN_PERSON},	 {APP_SLIP_HOW_TO_BOOK, BOOKING_IN_PERSON},
};

static void every_kind_of_slip_fits_every_paper_in_every_language(void **state)
{
	struct fixture *fx = *state;
	for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++) {
		for (int lang = 0; lang < fx->cfg.nlangs; lang++) {
			for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
				/* Sheets take a tenth of a second or more: the longest slip only. */
				if (!p->roll && k != 0)
					continue;
				struct app *a = visit(fx, lang, kinds[k].mode);
				app_slip_fill(a, kinds[k].kind);
				unsigned missing = text_engine_stats(fx->te).missing_glyphs;
				uint8_t *gray = NULL;
				int w = 0, h = 0, overflow = -1;
				enum kiosk_err err = ticket_render_slip(fx->te, &a->slip, p, &gray, &w, &h, &overflow);
				assert_int_equal(err, KIOSK_OK);
				if (overflow)
					fail_msg("%s/%s/kind %zu: %d text(s) overflow or are drawn over", p->name,
						 fx->cfg.langs[lang], k, overflow);
				if (text_engine_stats(fx->te).missing_glyphs != missing)
					fail_msg("%s/%s/kind %zu: characters missing from the fonts", p->name,
						 fx->cfg.langs[lang], k);
				assert_page_fits_paper(p, w, h);
				free(gray);
			}
		}
	}
}

static void slip_qr_code_read_back_is_the_reference_the_kiosk_checks_in_with(void **state)
{
	struct fixture *fx = *state;
	require_zbarimg();
	const char *papers[] = {"receipt58", "receipt80", "a4"};
	const char *links[] = {"", "https://borger.example.dk/b/{day}/{number}"};
	for (size_t l = 0; l < 2; l++) {
		snprintf(fx->cfg.status_url, sizeof fx->cfg.status_url, "%s", links[l]);
		for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
			const struct ticket_paper *p = ticket_paper_find(papers[i]);
			int lang = 5; /* Arabic: mirrored, the code must not be */
			struct app *a = visit(fx, lang, BOOKING_IN_PERSON);
			app_slip_fill(a, APP_SLIP_BOOKED);
			uint8_t *gray = NULL;
			int w = 0, h = 0, overflow = -1;
			assert_int_equal(ticket_render_slip(fx->te, &a->slip, p, &gray, &w, &h, &overflow), KIOSK_OK);
			char path[256], got[512], ref[BOOKING_REF_LEN];
			snprintf(path, sizeof path, "%s/%s.%zu.png", fx->dir, p->name, l);
			assert_int_equal(png_write_gray(path, gray, w, h, w, ticket_paper_ppmm(p)), KIOSK_OK);
			free(gray);
			zbar_decode(path, got, sizeof got);
			if (strcmp(got, a->slip.qr) != 0)
				fail_msg("%s: zbarimg read \"%s\", expected \"%s\"", path, got, a->slip.qr);
			assert_true(booking_reference_parse(got, ref));
			assert_string_equal(ref, "K7R49X");
			unlink(path);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind_of_slip_fits_every_paper_in_every_language),
		cmocka_unit_test(slip_qr_code_read_back_is_the_reference_the_kiosk_checks_in_with),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
