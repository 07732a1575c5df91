/*
 * The tour: every screen and state, in every language of the site, drawn at
 * the configured panel size and rotation. --layout-check fails when any text
 * overflows its box (as laid out or as really rendered), when a font lacks a
 * character, or when a touch target is smaller than 11.6 mm on the panel;
 * --screenshots also writes each frame as a PNG for people to look at.
 * UI thread; virtual clock.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "shell_private.h"

struct state {
	const char *name;
	const char *screen;
	void (*prepare)(struct app *a);
};

static void typed(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "AB12 CD");
	a->s.shift = true;
}

static void numpad(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "4711");
	a->s.numpad = true;
}

static void latin(struct app *a)
{
	a->s.latin = true;
}

static void submitted(struct app *a)
{
	snprintf(a->s.field, sizeof(a->s.field), "%s", "K7Q-2941");
	a->s.submitted = true;
}

static void second_page(struct app *a)
{
	a->s.list_page = 1;
}

static void warning(struct app *a)
{
	a->warning = true;
	a->last_input_ms = a->now_ms - (uint64_t)a->cfg->idle_timeout_s * 1000;
}

static void monday_morning(struct app *a)
{
	a->local.weekday = 0;
	a->local.minute = 10 * 60;
}

static void saturday(struct app *a)
{
	a->local.weekday = 5;
	a->local.minute = 10 * 60;
}

static void chose_priority(struct app *a)
{
	monday_morning(a);
	a->s.service = 0;
}

/* The server's queue: many ahead (the longest plural forms), and a short
 * history (the "cannot estimate" sentence next to the usual visit). */
static void queue_known(struct app *a)
{
	chose_priority(a);
	struct queue_handling h = {.avg_s = 420, .samples = 12, .desks = 2};
	app_set_queue(a, a->services->s[0].id, 23, &h);
}

static void queue_young(struct app *a)
{
	chose_priority(a);
	struct queue_handling h = {.avg_s = 420, .samples = 1, .desks = 1};
	app_set_queue(a, a->services->s[0].id, 1, &h);
}

/* Every staff mark at once: disk failed, not reporting, paper low. */
static void marks(struct app *a)
{
	a->store_status = KIOSK_ERR_FULL;
	a->uplink = APP_UPLINK_AUTH;
	a->uplink_mark = true;
	a->paper_low = true;
}

static void marks_on_services(struct app *a)
{
	monday_morning(a);
	marks(a);
}

static void got_number(struct app *a)
{
	chose_priority(a);
	a->s.number = 17;
}

static void waiting_number(struct app *a)
{
	chose_priority(a);
	a->s.number = 0;
}

static void no_number(struct app *a)
{
	chose_priority(a);
	a->s.number = -1;
}

static const struct state states[] = {
	{"ticket", "ticket", monday_morning},
	{"ticket-closed", "ticket", saturday},
	{"priority", "priority", chose_priority},
	{"wait", "wait", chose_priority},
	{"wait-queue", "wait", queue_known},
	{"wait-queue-young", "wait", queue_young},
	{"number", "number", got_number},
	{"number-waiting", "number", waiting_number},
	{"number-failed", "number", no_number},
	{"attract", "attract", NULL},
	{"attract-marks", "attract", marks},
	{"ticket-marks", "ticket", marks_on_services},
	{"home", "home", NULL},
	{"language", "language", NULL},
	{"language-page2", "language", second_page},
	{"booking", "booking", NULL},
	{"guides", "guides", NULL},
	{"staff", "staff", NULL},
	{"checkin", "checkin", NULL},
	{"checkin-typed", "checkin", typed},
	{"checkin-numpad", "checkin", numpad},
	{"checkin-latin", "checkin", latin},
	{"checkin-submitted", "checkin", submitted},
	{"idle-warning", "home", warning},
};

static void prepare(struct shell *sh, const struct state *st, int lang)
{
	struct app *a = &sh->app;
	app_init(a, &sh->cfg);
	for (int i = 0; i < sh->cfg.nlangs; i++)
		a->cat[i] = sh->cats[i];
	a->store_status = KIOSK_OK;
	a->lang = lang;
	a->now_ms = shell_now(sh);
	a->services = sh->services.count ? &sh->services : NULL;
	if (st->prepare)
		st->prepare(a); /* before entering: some screens read the choice on entry */
	if (strcmp(st->screen, "attract") != 0) {
		app_activate(a, APP_ACT_HOME, 0, a->now_ms);
		a->lang = lang;
		app_goto(a, app_screen_find(st->screen));
	}
	if (st->prepare)
		st->prepare(a);
	a->nreq = 0;
}

static int check_targets(struct shell *sh, const char *where)
{
	int bad = 0;
	float min = UI_MIN_TARGET_MM - 0.05f;
	for (int i = 0; i < sh->dl.ntarget; i++) {
		const struct draw_target *t = &sh->dl.target[i];
		float w = (float)t->r.w / sh->ppmm, h = (float)t->r.h / sh->ppmm;
		for (int j = 0; j < i; j++) {
			if (strcmp(sh->dl.target[j].id, t->id) == 0) {
				fprintf(stderr, "%s: two targets are called %s\n", where, t->id);
				bad++;
			}
		}
		if (w < min || h < min) {
			fprintf(stderr, "%s: target %s is %.1f x %.1f mm, smaller than %.1f mm\n", where, t->id, w, h,
				UI_MIN_TARGET_MM);
			bad++;
		}
	}
	return bad;
}

int tour_run(struct shell *sh)
{
	int problems = 0, shots = 0;
	unsigned missing_before = text_engine_stats(sh->te).missing_glyphs;
	renderer_set_layout_only(sh->rd, !sh->opts->screenshots);
	for (int lang = 0; lang < sh->cfg.nlangs; lang++) {
		for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
			const struct state *st = &states[i];
			prepare(sh, st, lang);
			char where[96], path[1024];
			snprintf(where, sizeof(where), "%s/%s", st->name, sh->cfg.langs[lang]);
			if (sh->opts->screenshots)
				snprintf(path, sizeof(path), "%s/%s.%s.png", sh->opts->out_dir, st->name,
					 sh->cfg.langs[lang]);
			renderer_reset_overflow(sh->rd);
			if (!shell_redraw(sh, sh->opts->screenshots ? path : NULL)) {
				fprintf(stderr, "%s: cannot write %s\n", where, path);
				problems++;
			}
			shots += sh->opts->screenshots;
			if (sh->dl.overflow) {
				fprintf(stderr, "%s: %d text(s) do not fit, first: \"%s\"\n", where, sh->dl.overflow,
					sh->dl.overflow_what);
				problems++;
			}
			struct render_stats rs = renderer_stats(sh->rd);
			if (rs.text_overflow) {
				fprintf(stderr, "%s: %u line(s) rendered wider than their box, first: \"%s\"\n", where,
					rs.text_overflow, rs.overflow_what);
				problems++;
			}
			unsigned missing = text_engine_stats(sh->te).missing_glyphs;
			if (missing != missing_before) {
				fprintf(stderr, "%s: %u character(s) have no glyph in any font\n", where,
					missing - missing_before);
				missing_before = missing;
				problems++;
			}
			problems += check_targets(sh, where);
			int ta, tb;
			if (draw_list_text_overlap(&sh->dl, &ta, &tb)) {
				const struct draw_cmd *p = &sh->dl.cmd[ta], *q = &sh->dl.cmd[tb];
				if (p->kind != DRAW_TEXT) {
					const struct draw_cmd *t = p;
					p = q;
					q = t;
				}
				if (q->kind == DRAW_TEXT)
					fprintf(stderr, "%s: text \"%.*s\" and \"%.*s\" are drawn over each other\n",
						where, (int)p->len, draw_cmd_text(&sh->dl, p), (int)q->len,
						draw_cmd_text(&sh->dl, q));
				else
					fprintf(stderr, "%s: text \"%.*s\" is partly hidden by a box at %d,%d %dx%d\n",
						where, (int)p->len, draw_cmd_text(&sh->dl, p), q->r.x, q->r.y, q->r.w,
						q->r.h);
				problems++;
			}
		}
	}
	printf("%dx%d rotation %d: %d languages, %zu states, %d screenshots, %d problems\n", sh->cfg.width_px,
	       sh->cfg.height_px, sh->cfg.rotation, sh->cfg.nlangs, sizeof(states) / sizeof(states[0]), shots,
	       problems);
	return problems ? 1 : 0;
}
