/*
 * DESIGN: guide_load, a guides directory into a library.
 *
 * What it is: the one part of the guide module that walks directories. It
 * lists the scheme directories (sorted, so messages and the library come out
 * in the same order on every machine), loads each scheme's .po catalogs with
 * i18n_catalog_load, hands scheme.txt and every .guide file to
 * guide_parse.c, the whole scheme to guide_check.c, and keeps what passed.
 * What it is not: no parsing of its own; no watching for changes (a content
 * update loads a new library and swaps it in).
 * Threading: any thread; the library it returns is immutable.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guide_private.h"
#include "kiosk/i18n.h"

/* A scheme directory holds a dozen files; a guides directory a handful of schemes. */
#define MAX_ENTRIES 256

struct names {
	char *name[MAX_ENTRIES];
	int n;
	bool truncated;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_free(struct names *ns)
{
	for (int i = 0; i < ns->n; i++)
		free(ns->name[i]);
	ns->n = 0;
}

/* The entries of dir that are directories (want_dirs) or regular files, sorted; errno on failure. */
static int list_dir(const char *dir, bool want_dirs, struct names *ns)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	ns->n = 0;
	ns->truncated = false;
	if (!d)
		return errno;
	for (e = readdir(d); e; e = readdir(d)) {
		char path[GUIDE_PATH_MAX + 256];
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0 || (want_dirs ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode)))
			continue;
		if (ns->n == MAX_ENTRIES) {
			ns->truncated = true;
			break;
		}
		ns->name[ns->n] = strdup(e->d_name);
		if (!ns->name[ns->n]) {
			closedir(d);
			names_free(ns);
			return ENOMEM;
		}
		ns->n++;
	}
	closedir(d);
	qsort(ns->name, (size_t)ns->n, sizeof ns->name[0], by_name);
	return 0;
}

/* a/b into out; false when it does not fit (a file name of over a thousand bytes is not a guide). */
static bool join(char *out, size_t cap, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na + 1 + nb >= cap) {
		out[0] = '\0';
		return false;
	}
	memcpy(out, a, na);
	out[na] = '/';
	memcpy(out + na + 1, b, nb + 1);
	return true;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

static void load_catalog(struct scheme_src *s, const char *name)
{
	char path[GUIDE_PATH_MAX + 256], lang[16];
	size_t n = strlen(name) - 3;
	const struct i18n_lang *known;
	struct i18n_diag diag = { 0 };
	struct i18n_catalog *cat = NULL;
	enum kiosk_err err;

	join(path, sizeof path, s->dir, name);
	if (n >= sizeof s->cat_langs[0])
		n = sizeof s->cat_langs[0] - 1; /* too long for a code: reported below */
	memcpy(lang, name, n);
	lang[n] = '\0';
	known = i18n_lang_find(lang);
	if (strlen(name) - 3 != n || !known || strcmp(known->code, lang) != 0) {
		guide_report_add(s->rep, s->tr, path, 0,
				 N_("'%s' is not a language code the kiosk knows; name the file after its language, "
				    "like da.po"),
				 lang);
		return;
	}
	if (s->ncats == GUIDE_MAX_LANGS) {
		guide_report_add(s->rep, s->tr, path, 0,
				 N_("a scheme has at most %d translations; this one is left out"), GUIDE_MAX_LANGS);
		return;
	}
	err = i18n_catalog_load(path, &cat, &diag);
	if (err == KIOSK_ERR_NOMEM)
		s->nomem = true;
	if (err != KIOSK_OK) {
		/* i18n's own words: technicians compare them with msgfmt's. */
		guide_report_add(s->rep, s->tr, path, diag.line, N_("the translation file is broken: %s"), diag.msg);
		if (s->nbroken < GUIDE_MAX_LANGS)
			memcpy(s->broken_langs[s->nbroken++], lang, n + 1);
		return;
	}
	s->cats[s->ncats] = cat;
	memcpy(s->cat_langs[s->ncats++], lang, n + 1);
}

static void load_scheme(struct scheme_src *s)
{
	struct names ns;
	int e, nguide = 0;
	size_t n;

	s->ok = true;
	join(s->scheme_file, sizeof s->scheme_file, s->dir, "scheme.txt");
	guide_load_scheme_file(s);
	e = list_dir(s->dir, false, &ns);
	if (e) {
		guide_report_add(s->rep, s->tr, s->dir, 0, N_("cannot read %s: %s"), s->dir, strerror(e));
		s->ok = false;
		return;
	}
	if (ns.truncated) {
		guide_report_add(s->rep, s->tr, s->dir, 0, N_("more than %d files; the rest are not read"),
				 MAX_ENTRIES);
		s->ok = false;
	}
	for (int i = 0; i < ns.n; i++) {
		if (ends_with(ns.name[i], ".po"))
			load_catalog(s, ns.name[i]);
		nguide += ends_with(ns.name[i], ".guide");
	}
	s->guides = calloc((size_t)nguide + 1, sizeof *s->guides);
	if (!s->guides) {
		s->nomem = true;
		names_free(&ns);
		return;
	}
	for (int i = 0; i < ns.n; i++) {
		struct guide_src *g;

		if (!ends_with(ns.name[i], ".guide"))
			continue;
		g = &s->guides[s->nguides++];
		g->ok = true;
		join(g->file, sizeof g->file, s->dir, ns.name[i]);
		/* A stem too long for an id cannot match one: the id check reports it. */
		n = strlen(ns.name[i]) - strlen(".guide");
		memcpy(g->stem, ns.name[i], n < sizeof g->stem ? n : sizeof g->stem - 1);
		guide_load_guide_file(s, g, g->file);
	}
	names_free(&ns);
	guide_check_scheme(s);
}

static void scheme_free(struct scheme_src *s)
{
	for (int i = 0; i < s->ncats; i++)
		i18n_catalog_destroy(s->cats[i]);
	free(s->guides);
	free(s);
}

enum kiosk_err guide_library_load(const char *dir, const struct i18n_catalog *tr, struct guide_library **out,
				  struct guide_report *rep)
{
	struct guide_library *lib = calloc(1, sizeof *lib);
	char root[GUIDE_PATH_MAX];
	struct names ns;
	bool nomem = false;
	int e, found = 0;
	size_t n;

	memset(rep, 0, sizeof *rep);
	*out = lib;
	if (!lib)
		return KIOSK_ERR_NOMEM;
	/* "assets/guides/" and "assets/guides" name the same files in messages. */
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	/* Room for a scheme and a file name after it. */
	if (n >= sizeof root - 600) {
		guide_report_add(rep, tr, "", 0, N_("the directory name is too long"));
		return KIOSK_ERR_NOT_FOUND;
	}
	memcpy(root, dir, n);
	root[n] = '\0';
	join(lib->images_dir, sizeof lib->images_dir, root, "images");
	e = list_dir(root, true, &ns);
	if (e) {
		guide_report_add(rep, tr, root, 0, N_("cannot read %s: %s"), root, strerror(e));
		return e == ENOMEM ? KIOSK_ERR_NOMEM : KIOSK_ERR_NOT_FOUND;
	}
	for (int i = 0; i < ns.n; i++) {
		struct scheme_src *s;

		if (strcmp(ns.name[i], "images") == 0)
			continue;
		if (++found > GUIDE_MAX_SCHEMES) {
			guide_report_add(rep, tr, root, 0, N_("at most %d schemes; '%s' is left out"),
					 GUIDE_MAX_SCHEMES, ns.name[i]);
			continue;
		}
		s = calloc(1, sizeof *s);
		if (!s) {
			nomem = true;
			break;
		}
		s->lib = lib;
		s->tr = tr;
		s->rep = rep;
		s->images_dir = lib->images_dir;
		join(s->dir, sizeof s->dir, root, ns.name[i]);
		snprintf(s->dirname, sizeof s->dirname, "%.*s", (int)(sizeof s->dirname - 1), ns.name[i]);
		load_scheme(s);
		if (guide_keep_scheme(s, &lib->schemes[lib->nschemes]))
			lib->nschemes++;
		nomem = nomem || s->nomem;
		scheme_free(s);
	}
	names_free(&ns);
	if (found == 0)
		guide_report_add(rep, tr, root, 0, N_("there is no scheme directory here (one with a scheme.txt)"));
	guide_report_sort(rep);
	if (nomem)
		return KIOSK_ERR_NOMEM;
	return rep->count > 0 || rep->dropped > 0 ? KIOSK_ERR_INVALID : KIOSK_OK;
}
