/*
 * Tickets and booking slips drawn for the printer.
 *
 * The layout comes from core/ticket.c; the pixels come from the screen's own
 * renderer (render.c) drawing into a software surface, so a ticket shows
 * every script exactly as the screen does and a fix to either fixes both.
 * One printer dot is one pixel: nothing is scaled after drawing, which would
 * blur the QR modules and the thin strokes of small text.
 *
 * What this is not: no printing (printer.c takes the grey image), no queue
 * logic. Runs on the thread that owns the text engine it is given (the
 * printer service's, for real tickets); one ticket takes a few milliseconds
 * on a roll (see `make bench`).
 */
#include "ticket_render.h"

#include "pngout.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/config.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"
#include "render.h"
#include "sitecheck.h"

/* How far down anything is drawn (the paper fill aside): a sheet is a page,
 * but only its top holds the ticket, and only that part needs drawing. */
static int content_bottom(const struct draw_list *dl)
{
	int bottom = 0;
	for (int i = 1; i < dl->ncmd; i++) {
		const struct draw_cmd *c = &dl->cmd[i];
		if (c->r.y + c->r.h > bottom)
			bottom = c->r.y + c->r.h;
	}
	return bottom;
}

/* Copies s to *at and returns the copy (NULL stays NULL). */
static const char *keep(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	memcpy(*at, s, n);
	const char *copy = *at;
	*at += n;
	return copy;
}

struct ticket_job *ticket_job_create(const struct ticket *t, const struct ticket_paper *p)
{
	const char *const texts[] = {t->office_name, t->service, t->number, t->qr, t->visitor_lang.code,
				     t->office_lang.code};
	size_t size = sizeof(struct ticket_job);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		size += texts[i] ? strlen(texts[i]) + 1 : 0;
	struct ticket_job *job = malloc(size);
	if (!job)
		return NULL;
	job->t = *t;
	job->paper = p;
	char *at = job->text;
	job->t.office_name = keep(&at, t->office_name);
	job->t.service = keep(&at, t->service);
	job->t.number = keep(&at, t->number);
	job->t.qr = keep(&at, t->qr);
	job->t.visitor_lang.code = keep(&at, t->visitor_lang.code);
	job->t.office_lang.code = keep(&at, t->office_lang.code);
	return job;
}

struct slip_job *ticket_slip_job_create(const struct ticket_slip *s, const struct ticket_paper *p)
{
	struct slip_job *job = malloc(sizeof(*job));
	if (!job)
		return NULL;
	job->s = *s;
	job->paper = p;
	snprintf(job->visitor_code, sizeof(job->visitor_code), "%s", s->visitor_lang.code ? s->visitor_lang.code : "");
	snprintf(job->office_code, sizeof(job->office_code), "%s", s->office_lang.code ? s->office_lang.code : "");
	job->s.visitor_lang.code = job->visitor_code;
	job->s.office_lang.code = job->office_code;
	return job;
}

/* What ticket_render and ticket_render_slip lay out: one of the two. */
struct layout {
	const struct ticket *t;
	const struct ticket_slip *slip;
};

static enum kiosk_err render(struct text_engine *te, const struct layout *l, const struct ticket_paper *p,
			     uint8_t **gray, int *w, int *h, int *overflow)
{
	*gray = NULL;
	*w = *h = 0;
	*overflow = 0;
	struct draw_list *dl = malloc(sizeof(*dl));
	if (!dl)
		return KIOSK_ERR_NOMEM;
	struct ui u = {.dl = dl, .text = text_engine_ops(te)};
	int height = l->slip ? ticket_layout_slip(&u, l->slip, p) : ticket_layout(&u, l->t, p);
	if (height < 0) {
		fprintf(stderr, "ticket: the layout does not fit in the draw list\n");
		free(dl);
		return KIOSK_ERR_FULL;
	}
	int drawn = p->roll ? height : content_bottom(dl) + 1;
	if (drawn > height)
		drawn = height;
	enum kiosk_err err = KIOSK_ERR_NOMEM;
	char why[160];
	uint8_t *out = malloc((size_t)p->width_px * (size_t)height);
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, p->width_px, drawn, 32, SDL_PIXELFORMAT_XRGB8888);
	struct renderer *rd = s ? renderer_create_for_surface(s, te, why, sizeof(why)) : NULL;
	if (s && !rd)
		fprintf(stderr, "ticket: %s\n", why);
	if (out && rd) {
		renderer_draw(rd, dl, NULL);
		struct render_stats rs = renderer_stats(rd);
		int a, b;
		bool clash = draw_list_text_overlap(dl, &a, &b);
		*overflow = dl->overflow + (int)rs.text_overflow + clash;
		if (clash)
			fprintf(stderr, "ticket: \"%.*s\" is partly hidden by the item drawn at %d,%d\n",
				(int)dl->cmd[b].len, draw_cmd_text(dl, &dl->cmd[b]), dl->cmd[a].r.x, dl->cmd[a].r.y);
		if (dl->overflow)
			fprintf(stderr, "ticket: %d text(s) do not fit, first: \"%s\"\n", dl->overflow,
				dl->overflow_what);
		if (rs.text_overflow)
			fprintf(stderr, "ticket: %u line(s) drawn wider than their box, first: \"%s\"\n",
				rs.text_overflow, rs.overflow_what);
		/* Only black and white are drawn, so red, green and blue are
		 * equal everywhere, anti-aliased edges included: green is the grey. */
		for (int y = 0; y < drawn; y++) {
			const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
			uint8_t *o = out + (size_t)y * (size_t)p->width_px;
			for (int x = 0; x < p->width_px; x++)
				o[x] = (uint8_t)(row[x] >> 8);
		}
		memset(out + (size_t)drawn * (size_t)p->width_px, 0xFF, (size_t)(height - drawn) * (size_t)p->width_px);
		*gray = out;
		out = NULL;
		*w = p->width_px;
		*h = height;
		err = KIOSK_OK;
	}
	renderer_destroy(rd);
	SDL_FreeSurface(s);
	free(out);
	free(dl);
	return err;
}

enum kiosk_err ticket_render(struct text_engine *te, const struct ticket *t, const struct ticket_paper *p,
			     uint8_t **gray, int *w, int *h, int *overflow)
{
	struct layout l = {.t = t};
	return render(te, &l, p, gray, w, h, overflow);
}

enum kiosk_err ticket_render_slip(struct text_engine *te, const struct ticket_slip *s, const struct ticket_paper *p,
				  uint8_t **gray, int *w, int *h, int *overflow)
{
	struct layout l = {.slip = s};
	return render(te, &l, p, gray, w, h, overflow);
}


enum kiosk_err ticket_render_png(struct text_engine *te, const struct ticket *t, const struct ticket_paper *p,
				 const char *path, int *overflow)
{
	uint8_t *gray;
	int w, h;
	enum kiosk_err err = ticket_render(te, t, p, &gray, &w, &h, overflow);
	if (err != KIOSK_OK)
		return err;
	err = png_write_gray(path, gray, w, h, w, ticket_paper_ppmm(p));
	free(gray);
	return err;
}

/* ---- kiosk --render-ticket ---- */

static struct ticket_lang lang_of(const struct config *cfg, struct i18n_catalog *const *cats, const char *code)
{
	int i = config_lang_index(cfg, code);
	const struct i18n_lang *l = i18n_lang_find(code);
	return (struct ticket_lang){i >= 0 ? cats[i] : NULL, code, l && l->rtl};
}

/* The sample: the 17th visitor of the day with three people ahead, taken
 * now in the site's time zone (or at clock), for the site's first service. */
static int render_sample(struct text_engine *te, const struct config *cfg, struct i18n_catalog *const *cats,
			 const struct service *svc, const struct ticket_paper *paper, const char *lang,
			 const char *clock, const char *out_path)
{
	struct tm tm = {0};
	if (clock) {
		if (sscanf(clock, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) !=
		    5) {
			fprintf(stderr, "kiosk: --clock %s is not YYYY-MM-DD HH:MM\n", clock);
			return 1;
		}
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
	} else {
		setenv("TZ", cfg->time_zone, 1);
		tzset();
		time_t now = time(NULL);
		localtime_r(&now, &tm);
	}
	char number[16], qr[TICKET_QR_MAX + 1];
	service_format_number(number, sizeof(number), svc ? svc->prefix : "A", 17);
	char day[16];
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	bool link;
	ticket_code(qr, sizeof(qr), cfg->status_url, number, day, &link);
	struct ticket t = {
		.office_name = cfg->site_name,
		.service = svc ? svc->name[config_lang_index(cfg, lang)] : NULL,
		.number = number,
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
		.hour = tm.tm_hour, .minute = tm.tm_min,
		.ahead = 3, .wait_min = 10, .wait_max = 20,
		.qr = qr,
		.qr_is_link = link,
		.visitor_lang = lang_of(cfg, cats, lang),
		.office_lang = lang_of(cfg, cats, cfg->default_lang),
	};
	unsigned missing = text_engine_stats(te).missing_glyphs;
	uint8_t *gray;
	int w, h, overflow;
	enum kiosk_err err = ticket_render(te, &t, paper, &gray, &w, &h, &overflow);
	if (err == KIOSK_OK) {
		err = png_write_gray(out_path, gray, w, h, w, ticket_paper_ppmm(paper));
		free(gray);
	}
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: cannot write %s: %s\n", out_path, kiosk_err_str(err));
		return 1;
	}
	missing = text_engine_stats(te).missing_glyphs - missing;
	if (missing)
		fprintf(stderr, "kiosk: %u character(s) have no glyph in any font\n", missing);
	printf("%s: %s, %s, %d x %d dots at %d dpi (%.0f x %.0f mm)\n", out_path, paper->name, lang, w, h,
	       paper->dpi, (double)w / (double)ticket_paper_ppmm(paper),
	       (double)h / (double)ticket_paper_ppmm(paper));
	return overflow || missing ? 1 : 0;
}

int ticket_render_preview(const struct ticket_preview_opts *o)
{
	struct i18n_catalog *tr = site_technician_catalog(o->assets_dir);
	struct config cfg;
	struct config_report rep = {0};
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	if (site_load(o->config_path, o->assets_dir, tr, &cfg, &rep, cats) != KIOSK_OK) {
		site_print_report(o->config_path, &rep);
		i18n_catalog_destroy(tr);
		return 1;
	}
	int status = 1;
	struct services sv = {0}; /* empty is fine to finish */
	struct text_engine *te = NULL;
	char why[256];
	const char *paper_name = o->paper ? o->paper : cfg.paper[0] ? cfg.paper : "receipt80";
	const struct ticket_paper *paper = ticket_paper_find(paper_name);
	const char *lang = o->lang ? o->lang : cfg.default_lang;
	if (!paper) {
		fprintf(stderr, "kiosk: unknown paper %s; known:", paper_name);
		for (const struct ticket_paper *p = ticket_paper_all(); p->name; p++)
			fprintf(stderr, " %s", p->name);
		fprintf(stderr, "\n");
	} else if (config_lang_index(&cfg, lang) < 0) {
		fprintf(stderr, "kiosk: language %s is not one of the site's languages\n", lang);
	} else if (cfg.services[0] && services_load(cfg.services, &cfg, tr, &sv, &rep) != KIOSK_OK) {
		site_print_report(cfg.services, &rep);
	} else {
		te = text_engine_create(o->assets_dir, why, sizeof(why));
		if (te)
			status = render_sample(te, &cfg, cats, sv.count > 0 ? &sv.s[0] : NULL, paper, lang,
					       o->clock, o->out_path);
		else
			fprintf(stderr, "kiosk: %s\n", why);
	}
	text_engine_destroy(te);
	services_fini(&sv);
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(cats[i]);
	i18n_catalog_destroy(tr);
	return status;
}
