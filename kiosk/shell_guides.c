/*
 * DESIGN: shell_guides, the digital-ID guides on this kiosk.
 *
 * What it is: at start, the guide library read with guide_library_load
 * (kiosk/core/guide*.c), which checks everything: the central server's last
 * bundle (<data-dir>/server/guides, kiosk/guides_store.h) when the kiosk has
 * a server and that bundle loads without a single problem, else
 * <assets>/guides, where what is broken is left out (each problem goes to
 * the technician's log as "FILE:LINE: message") and the rest is shown. The
 * log says which. Then the site's [guides] schemes (by id, in the site's
 * order) and help_service (a service id) are resolved for the screens; a
 * scheme or service the site names but this kiosk does not have is logged
 * and left out. Loading reads about 70 small files once, before any
 * visitor. A new bundle is loaded and checked by the uplink thread
 * (uplink_guides.c); here it only replaces the library, at the attract
 * screen with nobody at the kiosk, and the schemes are resolved again.
 * What it is not: the format and checks (core), the screens (screens/guide*.c).
 * Threading: the UI thread, at start, when new site data is applied and
 * when a new guides bundle is taken.
 */
#include <stdio.h>
#include <string.h>

#include "guides_store.h"
#include "kiosk/i18n.h"
#include "shell_private.h"
#include "uplink_guides.h"

void shell_guides_site_changed(struct shell *sh)
{
	struct app *a = &sh->app;
	a->guides = sh->guides;
	a->nguide_schemes = 0;
	char list[sizeof sh->cfg.guide_schemes];
	memcpy(list, sh->cfg.guide_schemes, sizeof list);
	for (char *save = NULL, *id = strtok_r(list, " ,", &save); id; id = strtok_r(NULL, " ,", &save)) {
		const struct guide_scheme *s = guide_scheme_find(sh->guides, id);
		if (!s || s->nguides == 0) {
			fprintf(stderr, "kiosk: [guides] schemes: no guides for \"%s\" on this kiosk\n", id);
			continue;
		}
		bool seen = false;
		for (int i = 0; i < a->nguide_schemes; i++)
			seen |= a->guide_scheme[i] == (int)(s - sh->guides->schemes);
		if (!seen && a->nguide_schemes < GUIDE_MAX_SCHEMES)
			a->guide_scheme[a->nguide_schemes++] = (int)(s - sh->guides->schemes);
	}
	a->guide_help_service = -1;
	const char *help = sh->cfg.guide_help_service;
	for (int i = 0; help[0] && i < sh->services.count; i++) {
		if (strcmp(sh->services.s[i].id, help) == 0)
			a->guide_help_service = i;
	}
	if (help[0] && a->guide_help_service < 0)
		fprintf(stderr, "kiosk: [guides] help_service: no service \"%s\" at this site\n", help);
}

static void print_report(const struct guide_report *rep, const char *dir)
{
	for (int i = 0; i < rep->count; i++) {
		const struct guide_problem *p = &rep->item[i];
		if (p->line > 0)
			fprintf(stderr, "kiosk: %s:%d: %s\n", p->file, p->line, p->msg);
		else
			fprintf(stderr, "kiosk: %s: %s\n", p->file, p->msg);
	}
	if (rep->dropped)
		fprintf(stderr, "kiosk: %s: %d more problems\n", dir, rep->dropped);
}

/* The server's last bundle, when there is one and it has no problem at all. */
static bool use_server_bundle(struct shell *sh)
{
	struct guides_current cur;
	struct guide_report rep;
	if (!sh->cfg.server_url[0])
		return false;
	enum kiosk_err err = guides_store_current(sh->cfg.data_dir, &cur);
	if (err == KIOSK_ERR_NOT_FOUND)
		return false;
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: %s/server/guides cannot be read: %s\n", sh->cfg.data_dir, kiosk_err_str(err));
		return false;
	}
	err = guide_library_load(cur.dir, NULL, &sh->guides, &rep);
	if (err == KIOSK_OK) {
		fprintf(stderr, "kiosk: guides from the server, version %s (%s)\n", cur.version, cur.dir);
		return true;
	}
	print_report(&rep, cur.dir);
	fprintf(stderr, "kiosk: %s is not used: it has problems\n", cur.dir);
	guide_library_destroy(sh->guides);
	sh->guides = NULL;
	return false;
}

void shell_guides_init(struct shell *sh)
{
	if (!use_server_bundle(sh)) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/guides", sh->opts->assets_dir);
		struct guide_report rep = {0};
		enum kiosk_err err = guide_library_load(dir, NULL, &sh->guides, &rep);
		print_report(&rep, dir);
		if (err != KIOSK_OK && err != KIOSK_ERR_INVALID)
			fprintf(stderr, "kiosk: %s: no guides: %s\n", dir, kiosk_err_str(err));
		else
			fprintf(stderr, "kiosk: guides from %s\n", dir);
	}
	shell_guides_site_changed(sh);
}

void shell_guides_apply_when_idle(struct shell *sh)
{
	if (!sh->uplink || sh->app.s.active || sh->app.screen != &screen_attract)
		return;
	struct guide_library *lib = uplink_take_guides(sh->uplink);
	if (!lib)
		return;
	/* Nobody is in a guide: no walk, slip or screen points into the old library. */
	guide_library_destroy(sh->guides);
	sh->guides = lib;
	shell_guides_site_changed(sh);
	sh->app.dirty = true;
	fprintf(stderr, "kiosk: new guides from the server are in use (%s)\n", lib->images_dir);
}

void shell_guides_fini(struct shell *sh)
{
	guide_library_destroy(sh->guides);
	sh->guides = NULL;
	sh->app.guides = NULL;
}

void shell_guide_place(struct app *a, int scheme, int g, int step, bool come_from_first)
{
	struct app_guide *gd = &a->s.guide;
	gd->scheme = scheme;
	gd->walking = true;
	gd->print = APP_PRINT_NONE;
	gd->page = 0;
	guide_walk_start(&gd->walk, scheme, g);
	if (come_from_first) {
		gd->walk.trail[gd->walk.depth++] = gd->walk.at;
		gd->walk.at.step = (short)step;
	}
	a->dirty = true;
}
