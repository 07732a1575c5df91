/*
 * DESIGN: shell_guides, the digital-ID guides on this kiosk.
 *
 * What it is: at start, the guide library read from <assets>/guides with
 * guide_library_load (kiosk/core/guide*.c), which checks everything and
 * leaves out what is broken: each problem goes to the technician's log as
 * "FILE:LINE: message", the rest is shown. Then the site's [guides]
 * schemes (by id, in the site's order) and help_service (a service id) are
 * resolved for the screens; a scheme or service the site names but this
 * kiosk does not have is logged and left out. Loading reads about 60 small
 * files once, before any visitor.
 * What it is not: the format and checks (core), the screens (screens/guide*.c).
 * Threading: the UI thread, at start and when new site data is applied.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/i18n.h"
#include "shell_private.h"

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

void shell_guides_init(struct shell *sh)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/guides", sh->opts->assets_dir);
	struct guide_report rep = {0};
	enum kiosk_err err = guide_library_load(dir, NULL, &sh->guides, &rep);
	for (int i = 0; i < rep.count; i++) {
		const struct guide_problem *p = &rep.item[i];
		if (p->line > 0)
			fprintf(stderr, "kiosk: %s:%d: %s\n", p->file, p->line, p->msg);
		else
			fprintf(stderr, "kiosk: %s: %s\n", p->file, p->msg);
	}
	if (rep.dropped)
		fprintf(stderr, "kiosk: %s: %d more problems\n", dir, rep.dropped);
	if (err != KIOSK_OK && err != KIOSK_ERR_INVALID)
		fprintf(stderr, "kiosk: %s: no guides: %s\n", dir, kiosk_err_str(err));
	shell_guides_site_changed(sh);
}

void shell_guides_fini(struct shell *sh)
{
	guide_library_destroy(sh->guides);
	sh->guides = NULL;
	sh->app.guides = NULL;
}
