/*
 * kiosk: the lobby kiosk's one program.
 *
 *   kiosk --config FILE [--data-dir DIR] [--window] [--scale F]
 *   kiosk --check-config FILE
 *   kiosk --check-guides DIR | --guides-pot SCHEME_DIR
 *   kiosk --enrol TOKEN --config FILE [--data-dir DIR]
 *   kiosk --config FILE --script FILE [--out DIR]       (offscreen tests)
 *   kiosk --config FILE --layout-check | --screenshots DIR
 *   kiosk --config FILE --render-ticket OUT.png [--paper NAME] [--lang CODE]
 *
 * Options for tests and benchmarks: --panel WxH:WMMxHMM, --rotation R,
 * --start SCREEN, --bench-fd N, --bench-frames N, --assets DIR.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/config.h"
#include "kiosk/guide.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"
#include "enrol.h"
#include "shell.h"
#include "sitecheck.h"
#include "ticket_render.h"

static void usage(FILE *to)
{
	fprintf(to, "usage: kiosk --config FILE [--data-dir DIR] [--window] [--scale F]\n"
		    "       kiosk --check-config FILE\n"
		    "       kiosk --check-guides DIR\n"
		    "       kiosk --guides-pot SCHEME_DIR > SCHEME_DIR/guides.pot\n"
		    "       kiosk --enrol TOKEN --config FILE [--data-dir DIR]\n"
		    "       kiosk --config FILE --script FILE [--out DIR]\n"
		    "       kiosk --config FILE --layout-check\n"
		    "       kiosk --config FILE --screenshots DIR\n"
		    "       kiosk --config FILE --render-ticket OUT.png [--paper receipt80|receipt58|a4|letter]"
		    " [--lang CODE]\n"
		    "options: --assets DIR --panel WxH:WMMxHMM --rotation 0|90|180|270 --start SCREEN\n"
		    "         --clock 'YYYY-MM-DD HH:MM' (local time in the site's zone, for tests)\n"
		    "         --bench-fd N --bench-frames N\n");
}

static int check_config(const char *path, const char *assets)
{
	struct i18n_catalog *tr = site_technician_catalog(assets);
	struct config cfg;
	struct config_report rep = {0};
	struct i18n_catalog *cats[CONFIG_MAX_LANGS];
	enum kiosk_err err = site_load(path, assets, tr, &cfg, &rep, cats);
	if (err == KIOSK_OK && cfg.services[0]) {
		struct services sv;
		if (services_load(cfg.services, &cfg, tr, &sv, &rep) == KIOSK_OK) {
			services_fini(&sv);
		} else {
			site_print_report(cfg.services, &rep);
			err = KIOSK_ERR_INVALID;
		}
	}
	if (err == KIOSK_OK) {
		printf("%s: %s\n", path, i18n_get(tr, "the configuration is valid"));
		for (int i = 0; i < CONFIG_MAX_LANGS; i++)
			i18n_catalog_destroy(cats[i]);
	} else if (rep.count) {
		site_print_report(path, &rep);
	}
	for (int i = 0; err != KIOSK_OK && i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(cats[i]);
	i18n_catalog_destroy(tr);
	return err == KIOSK_OK ? 0 : 1;
}

/* Prints the problems as FILE:LINE: message, only those under the directory only (when set); returns how many. */
static int print_guide_report(const struct guide_report *rep, const struct i18n_catalog *tr, const char *dir,
			      const char *only)
{
	size_t n = only ? strlen(only) : 0;
	int printed = 0;
	for (int i = 0; i < rep->count; i++) {
		const struct guide_problem *p = &rep->item[i];
		if (only && (strncmp(p->file, only, n) != 0 || (p->file[n] && p->file[n] != '/')))
			continue;
		if (p->line > 0)
			fprintf(stderr, "%s:%d: %s\n", p->file, p->line, p->msg);
		else
			fprintf(stderr, "%s: %s\n", p->file, p->msg);
		printed++;
	}
	if (rep->dropped > 0) {
		fprintf(stderr, "%s: ", dir);
		fprintf(stderr, i18n_nget(tr, "%d more problem is not shown", "%d more problems are not shown",
					  (unsigned long)rep->dropped),
			rep->dropped);
		fprintf(stderr, "\n");
	}
	return printed;
}

static int check_guides(const char *dir, const char *assets)
{
	struct i18n_catalog *tr = site_technician_catalog(assets);
	struct guide_library *lib = NULL;
	struct guide_report rep;
	enum kiosk_err err = guide_library_load(dir, tr, &lib, &rep);
	if (err == KIOSK_OK) {
		int guides = 0;
		char ns[64], ng[64];
		for (int i = 0; i < lib->nschemes; i++)
			guides += lib->schemes[i].nguides;
		snprintf(ns, sizeof ns, i18n_nget(tr, "%d scheme", "%d schemes", (unsigned long)lib->nschemes),
			 lib->nschemes);
		snprintf(ng, sizeof ng, i18n_nget(tr, "%d guide", "%d guides", (unsigned long)guides), guides);
		printf("%s: ", dir);
		printf(i18n_get(tr, "the guides are valid (%s, %s)"), ns, ng);
		printf("\n");
	} else if (rep.count > 0) {
		print_guide_report(&rep, tr, dir, NULL);
	} else {
		fprintf(stderr, "%s: %s\n", dir, kiosk_err_str(err));
	}
	guide_library_destroy(lib);
	i18n_catalog_destroy(tr);
	return err == KIOSK_OK ? 0 : 1;
}

/* The template of one scheme. Its parent directory is loaded, so @GUIDE targets and images resolve as in the
 * kiosk; only this scheme's problems are shown when there is no template. */
static int guides_pot(const char *scheme_dir, const char *assets)
{
	char parent[4096], id[256], under[4096 + 256 + 2];
	size_t n = strlen(scheme_dir);
	while (n > 1 && scheme_dir[n - 1] == '/')
		n--;
	const char *base = scheme_dir + n;
	while (base > scheme_dir && base[-1] != '/')
		base--;
	size_t plen = (size_t)(base - scheme_dir); /* with its slash */
	if (plen >= sizeof parent || n - plen >= sizeof id) {
		fprintf(stderr, "%s: %s\n", scheme_dir, kiosk_err_str(KIOSK_ERR_INVALID));
		return 1;
	}
	memcpy(id, base, n - plen);
	id[n - plen] = '\0';
	if (plen <= 1) {
		snprintf(parent, sizeof parent, "%s", plen ? "/" : ".");
	} else {
		memcpy(parent, scheme_dir, plen - 1);
		parent[plen - 1] = '\0';
	}
	/* The loader names files parent/id/...: "mitid" alone is ./mitid. */
	snprintf(under, sizeof under, "%s/%s", parent, id);
	struct i18n_catalog *tr = site_technician_catalog(assets);
	struct guide_library *lib = NULL;
	struct guide_report rep;
	enum kiosk_err err = guide_library_load(parent, tr, &lib, &rep);
	const struct guide_scheme *s = lib ? guide_scheme_find(lib, id) : NULL;
	char *pot = s ? guide_pot(s) : NULL;
	int rc = 0;
	if (pot) {
		fputs(pot, stdout);
	} else if (s || err == KIOSK_ERR_NOMEM) {
		fprintf(stderr, "%s: %s\n", scheme_dir, kiosk_err_str(KIOSK_ERR_NOMEM));
		rc = 1;
	} else if (err == KIOSK_ERR_NOT_FOUND) {
		print_guide_report(&rep, tr, scheme_dir, NULL);
		rc = 1;
	} else if (print_guide_report(&rep, tr, scheme_dir, under) > 0) {
		fprintf(stderr, "%s: %s\n", scheme_dir,
			i18n_get(tr, "no template: this scheme has problems (see kiosk --check-guides)"));
		rc = 1;
	} else {
		fprintf(stderr, "%s: %s\n", scheme_dir,
			i18n_get(tr, "no template: this is not a scheme directory (one with a scheme.txt)"));
		rc = 1;
	}
	free(pot);
	guide_library_destroy(lib);
	i18n_catalog_destroy(tr);
	return rc;
}

static bool parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -1 || v > 1000000)
		return false;
	*out = (int)v;
	return true;
}

int main(int argc, char **argv)
{
	struct shell_opts o = {
		.assets_dir = KIOSK_ASSETS_DIR,
		.bench_fd = -1,
		.rotation = -1,
	};
	const char *check = NULL, *enrol = NULL, *check_guides_dir = NULL, *pot_dir = NULL;
	struct ticket_preview_opts ticket = {0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = true, takes = true;
		if (strcmp(a, "--config") == 0 && v)
			o.config_path = v;
		else if (strcmp(a, "--check-config") == 0 && v)
			check = v;
		else if (strcmp(a, "--check-guides") == 0 && v)
			check_guides_dir = v;
		else if (strcmp(a, "--guides-pot") == 0 && v)
			pot_dir = v;
		else if (strcmp(a, "--enrol") == 0 && v)
			enrol = v;
		else if (strcmp(a, "--render-ticket") == 0 && v)
			ticket.out_path = v;
		else if (strcmp(a, "--paper") == 0 && v)
			ticket.paper = v;
		else if (strcmp(a, "--lang") == 0 && v)
			ticket.lang = v;
		else if (strcmp(a, "--data-dir") == 0 && v)
			o.data_dir = v;
		else if (strcmp(a, "--assets") == 0 && v)
			o.assets_dir = v;
		else if (strcmp(a, "--script") == 0 && v)
			o.script_path = v;
		else if (strcmp(a, "--out") == 0 && v)
			o.out_dir = v;
		else if (strcmp(a, "--screenshots") == 0 && v) {
			o.screenshots = true;
			o.out_dir = v;
		} else if (strcmp(a, "--start") == 0 && v)
			o.start_screen = v;
		else if (strcmp(a, "--clock") == 0 && v)
			o.clock = v;
		else if (strcmp(a, "--bench-fd") == 0 && v)
			ok = parse_int(v, &o.bench_fd);
		else if (strcmp(a, "--bench-frames") == 0 && v)
			ok = parse_int(v, &o.bench_frames);
		else if (strcmp(a, "--rotation") == 0 && v)
			ok = parse_int(v, &o.rotation) && (o.rotation % 90 == 0) && o.rotation < 360;
		else if (strcmp(a, "--scale") == 0 && v)
			ok = (o.scale = strtof(v, NULL)) > 0.05f;
		else if (strcmp(a, "--panel") == 0 && v)
			ok = sscanf(v, "%dx%d:%lfx%lf", &o.panel_w, &o.panel_h, &o.panel_w_mm, &o.panel_h_mm) == 4 &&
			     o.panel_w > 0 && o.panel_h > 0 && o.panel_w_mm > 0 && o.panel_h_mm > 0;
		else {
			takes = false;
			if (strcmp(a, "--window") == 0)
				o.windowed = true;
			else if (strcmp(a, "--layout-check") == 0)
				o.layout_check = true;
			else if (strcmp(a, "--help") == 0) {
				usage(stdout);
				return 0;
			} else
				ok = false;
		}
		if (!ok) {
			fprintf(stderr, "kiosk: bad option %s%s%s\n", a, takes && v ? " " : "", takes && v ? v : "");
			usage(stderr);
			return 2;
		}
		i += takes;
	}
	if (check)
		return check_config(check, o.assets_dir);
	if (check_guides_dir)
		return check_guides(check_guides_dir, o.assets_dir);
	if (pot_dir)
		return guides_pot(pot_dir, o.assets_dir);
	if (!o.config_path) {
		usage(stderr);
		return 2;
	}
	if (enrol) {
		struct enrol_opts eo = {enrol, o.config_path, o.data_dir, o.assets_dir, KIOSK_VERSION};
		return enrol_run(&eo);
	}
	if (ticket.out_path) {
		ticket.config_path = o.config_path;
		ticket.assets_dir = o.assets_dir;
		ticket.clock = o.clock;
		return ticket_render_preview(&ticket);
	}
	if (o.script_path || o.layout_check || o.screenshots) {
		/* Tests and reviews run without a display unless told otherwise. */
		setenv("SDL_VIDEODRIVER", getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "offscreen", 1);
	}
	return shell_run(&o);
}
