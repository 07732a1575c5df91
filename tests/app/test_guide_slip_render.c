/*
 * A guide's printed steps with the real fonts and the real renderer: for
 * every guide of the shipped library, its longest way to a solved end,
 * filled (kiosk/core/slip_guide.c) in every shipped language, laid out and
 * drawn on both receipt rolls (and the wordiest on one A4 page) with nothing
 * overflowing, nothing drawn over text and no character missing from the
 * fonts; a step's warning drawn inside its frame; and the QR code of a link,
 * read back from the PNG by zbarimg (zbar-tools: missing it is a failure),
 * is the link. KIOSK_SLIP_PNG=DIR keeps every slip as DIR/<lang>/<scheme>-
 * <guide>.<paper>.png, to look at. Needs fonts-noto-core and zbar-tools.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app.h"
#include "kiosk/guide.h"
#include "kiosk/i18n.h"
#include "kiosk/tz.h"
#include "pngout.h"
#include "render_check.h"
#include "text.h"
#include "ticket_render.h"

static const char *const langs[] = {"da", "nb", "it", "fr", "en", "ar", "uk"};
#define NLANGS (int)(sizeof langs / sizeof langs[0])

struct fixture {
	struct text_engine *te;
	struct config cfg;
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	struct guide_library *lib;
	struct tz zone;
	struct app app;
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	config_defaults(&fx->cfg);
	snprintf(fx->cfg.site_name, sizeof fx->cfg.site_name, "Borgerservice Nørrebro");
	for (int i = 0; i < NLANGS; i++) {
		snprintf(fx->cfg.langs[i], sizeof fx->cfg.langs[i], "%s", langs[i]);
		char path[512];
		snprintf(path, sizeof path, "%s/assets/po/%s.po", KIOSK_SOURCE_DIR, langs[i]);
		struct i18n_diag diag;
		if (strcmp(langs[i], "en") != 0 && i18n_catalog_load(path, &fx->cats[i], &diag) != KIOSK_OK)
			return -1;
	}
	fx->cfg.nlangs = NLANGS;
	snprintf(fx->cfg.default_lang, sizeof fx->cfg.default_lang, "da");
	static struct guide_report rep;
	if (guide_library_load(KIOSK_SOURCE_DIR "/assets/guides", NULL, &fx->lib, &rep) != KIOSK_OK)
		return -1;
	tz_fixed(&fx->zone, "CET", 3600);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_guide_slip_render.XXXXXX");
	fx->te = render_check_start(fx->dir);
	if (!fx->te)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(fx->cats[i]);
	guide_library_destroy(fx->lib);
	render_check_stop(fx->te, fx->dir);
	free(fx);
	return 0;
}

/* A visitor in language lang at the first step of guide gi of scheme si. */
static struct app *visit(struct fixture *fx, int lang, int si, int gi)
{
	struct app *a = &fx->app;
	app_init(a, &fx->cfg);
	for (int i = 0; i < fx->cfg.nlangs; i++)
		a->cat[i] = fx->cats[i];
	a->lang = lang;
	a->guides = fx->lib;
	a->zone = &fx->zone;
	tz_from_local(&fx->zone, 2026, 11, 23, 10, 5, &a->utc);
	a->s.active = true;
	a->s.guide.scheme = si;
	a->s.guide.walking = true;
	guide_walk_start(&a->s.guide.walk, si, gi);
	return a;
}

static bool been_there(const struct guide_walk *w)
{
	for (int i = 0; i < w->depth; i++)
		if (w->trail[i].guide == w->at.guide && w->trail[i].step == w->at.step)
			return true;
	return false;
}

/* The longest way without rounds from where w stands to a solved end, into
 * *best (its step count in *most); false when there is none. */
static void longest(const struct guide_library *lib, struct guide_walk *w, struct guide_walk *best, int *most)
{
	const struct guide_step *st = guide_walk_step(w, lib);
	if (st->end == GUIDE_END_SOLVED && guide_walk_count(w) > *most) {
		*most = guide_walk_count(w);
		*best = *w;
	}
	for (int c = 0; c < st->nchoices; c++) {
		struct guide_walk next = *w;
		if (guide_walk_choose(&next, lib, c) && !been_there(&next))
			longest(lib, &next, best, most);
	}
}

/* Renders a->slip on paper; the PNG goes to KIOSK_SLIP_PNG when set.
 * Returns the height in millimetres. */
static int render(struct fixture *fx, const struct ticket_paper *p, const char *lang, const char *name)
{
	unsigned missing = text_engine_stats(fx->te).missing_glyphs;
	uint8_t *gray = NULL;
	int w = 0, h = 0, overflow = -1;
	assert_int_equal(ticket_render_slip(fx->te, &fx->app.slip, p, &gray, &w, &h, &overflow), KIOSK_OK);
	assert_int_equal(w, p->width_px);
	const char *keep = getenv("KIOSK_SLIP_PNG");
	if (keep && keep[0]) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", keep, lang);
		mkdir(keep, 0755);
		mkdir(path, 0755);
		snprintf(path, sizeof path, "%s/%s/%s.%s.png", keep, lang, name, p->name);
		assert_int_equal(png_write_gray(path, gray, w, h, w, ticket_paper_ppmm(p)), KIOSK_OK);
	}
	free(gray);
	if (overflow)
		fail_msg("%s/%s/%s: %d text(s) overflow or are drawn over", name, p->name, lang, overflow);
	if (text_engine_stats(fx->te).missing_glyphs != missing)
		fail_msg("%s/%s/%s: characters missing from the fonts", name, p->name, lang);
	return (int)((float)h / ticket_paper_ppmm(p));
}

static void every_guides_longest_way_prints_on_both_rolls_in_every_language(void **state)
{
	struct fixture *fx = *state;
	const char *papers[] = {"receipt80", "receipt58"};
	int longest_mm[2] = {0, 0}, slips = 0;
	for (int lang = 0; lang < NLANGS; lang++) {
		/* A sheet takes a tenth of a second: the language's wordiest slip only. */
		static struct ticket_slip wordiest;
		size_t most_bytes = 0;
		char wordiest_name[80] = "";
		for (int si = 0; si < fx->lib->nschemes; si++) {
			const struct guide_scheme *s = &fx->lib->schemes[si];
			for (int gi = 0; gi < s->nguides; gi++) {
				struct app *a = visit(fx, lang, si, gi);
				struct guide_walk best = a->s.guide.walk;
				int most = 0;
				longest(fx->lib, &a->s.guide.walk, &best, &most);
				if (most == 0)
					continue; /* a guide that only ends with a person prints nothing */
				a->s.guide.walk = best;
				app_guide_slip_fill(a);
				assert_true(a->slip.nrows > 0);
				char name[80];
				snprintf(name, sizeof name, "%s-%s", s->id, s->guides[gi].id);
				for (int k = 0; k < 2; k++) {
					int mm = render(fx, ticket_paper_find(papers[k]), langs[lang], name);
					longest_mm[k] = mm > longest_mm[k] ? mm : longest_mm[k];
				}
				slips++;
				size_t bytes = strlen(a->slip.note);
				for (int r = 0; r < a->slip.nrows; r++)
					bytes += strlen(a->slip.row[r].label) + strlen(a->slip.row[r].value) +
						 strlen(a->slip.row[r].warn);
				if (bytes > most_bytes) {
					most_bytes = bytes;
					wordiest = a->slip;
					snprintf(wordiest_name, sizeof wordiest_name, "%s", name);
				}
			}
		}
		/* On a sheet it is one page, set smaller where it must be. */
		fx->app.slip = wordiest;
		render(fx, ticket_paper_find("a4"), langs[lang], wordiest_name);
	}
	printf("guide slips: %d drawn twice; the longest is %d mm on receipt80, %d mm on receipt58\n", slips,
	       longest_mm[0], longest_mm[1]);
	assert_true(slips >= 20 * NLANGS);
}

static void a_steps_warning_is_inside_its_frame(void **state)
{
	struct fixture *fx = *state;
	const struct guide_scheme *s = guide_scheme_find(fx->lib, "mitid");
	struct app *a = visit(fx, 5, (int)(s - fx->lib->schemes), guide_find(s, "new-phone"));
	for (int i = 0; i < 5; i++)
		assert_true(guide_walk_choose(&a->s.guide.walk, fx->lib, 0));
	app_guide_slip_fill(a);
	assert_true(a->slip.row[4].warn[0] != '\0');
	static struct draw_list dl;
	struct ui u = {.dl = &dl, .text = text_engine_ops(fx->te)};
	assert_true(ticket_layout_slip(&u, &a->slip, ticket_paper_find("receipt80")) > 0);
	/* The frame, and the warning's first words drawn inside it. */
	const struct draw_cmd *frame = NULL, *first = NULL;
	char start[24];
	snprintf(start, sizeof start, "%.12s", a->slip.row[4].warn);
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_FRAME)
			frame = c;
		if (c->kind == DRAW_TEXT && !first && c->len >= strlen(start) &&
		    memcmp(dl.text + c->text, start, strlen(start)) == 0)
			first = c;
	}
	assert_non_null(frame);
	assert_non_null(first);
	assert_true(first->r.x > frame->r.x && first->r.x + first->r.w < frame->r.x + frame->r.w);
	assert_true(first->r.y > frame->r.y && first->r.y + first->r.h < frame->r.y + frame->r.h);
}

static void the_qr_code_read_back_is_the_steps_link(void **state)
{
	struct fixture *fx = *state;
	require_zbarimg();
	const struct guide_scheme *s = guide_scheme_find(fx->lib, "bankid");
	const char *papers[] = {"receipt58", "receipt80", "a4"};
	for (size_t k = 0; k < sizeof papers / sizeof papers[0]; k++) {
		/* Arabic, mirrored: the code must not be. The MinID password, done,
		 * a text came, the e-mail came. */
		struct app *a = visit(fx, 5, (int)(s - fx->lib->schemes), guide_find(s, "forgot-password"));
		for (int i = 0; i < 4; i++)
			assert_true(guide_walk_choose(&a->s.guide.walk, fx->lib, 0));
		app_guide_slip_fill(a);
		const struct ticket_paper *p = ticket_paper_find(papers[k]);
		uint8_t *gray = NULL;
		int w = 0, h = 0, overflow = -1;
		assert_int_equal(ticket_render_slip(fx->te, &a->slip, p, &gray, &w, &h, &overflow), KIOSK_OK);
		char path[256], got[512];
		snprintf(path, sizeof path, "%s/%s.png", fx->dir, p->name);
		if (getenv("KIOSK_SLIP_PNG")) { char kp[300]; snprintf(kp, sizeof kp, "%s/qr-%s.png", getenv("KIOSK_SLIP_PNG"), p->name); png_write_gray(kp, gray, w, h, w, ticket_paper_ppmm(p)); }
		assert_int_equal(overflow, 0);
		assert_int_equal(png_write_gray(path, gray, w, h, w, ticket_paper_ppmm(p)), KIOSK_OK);
		free(gray);
		zbar_decode(path, got, sizeof got);
		assert_string_equal(got, "https://eid.difi.no/en/how-create-new-password-minid");
		unlink(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_guides_longest_way_prints_on_both_rolls_in_every_language),
		cmocka_unit_test(a_steps_warning_is_inside_its_frame),
		cmocka_unit_test(the_qr_code_read_back_is_the_steps_link),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
