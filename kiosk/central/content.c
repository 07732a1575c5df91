/*
 * DESIGN: content, what kiosks download.
 *
 * What it is: the office's config document (built once at start by site.c)
 * and translation catalogs, each with an ETag from a hash of its bytes so a
 * kiosk polling with If-None-Match gets 304 until something changes. A
 * translation is the shipped assets/po/<lang>.po (or --assets DIR/po),
 * read per request and checked with the kiosk's own .po parser, so the
 * server never hands out a catalog the kiosk would refuse.
 * What it is not: deciding which languages a site offers (the site file).
 * Threading: any connection thread; no shared state is written.
 */
#include "content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "http.h"
#include "kiosk/i18n.h"
#include "site.h"
#include "auth.h"

#define PO_MAX (1024 * 1024)

void content_config(struct req *q, struct reply *r)
{
	const struct office *o = site_find(q->c, q->office);
	if (!o) {
		reply_error(r, 403, "unknown_office", "this kiosk's office is not served here");
		return;
	}
	if (http_etag_matches(q, o->config_etag)) {
		reply_empty(r, 304);
	} else {
		char *body = malloc(o->config_len + 1);
		if (!body) {
			reply_error(r, 500, "internal", "out of memory");
			return;
		}
		memcpy(body, o->config_body, o->config_len + 1);
		reply_raw(r, 200, "application/json", body, o->config_len);
	}
	snprintf(r->etag, sizeof r->etag, "%s", o->config_etag);
}

/* "da", "nb", "pt_BR": a code that names a file and nothing else. */
static bool lang_code(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	return s[n] == '_' && strlen(s + n + 1) == 2 && strspn(s + n + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2;
}

void content_translation(struct req *q, struct reply *r)
{
	const char *lang = q->path + strlen("/v1/content/translations/");
	char path[4096];
	FILE *f = NULL;
	if (lang_code(lang) && snprintf(path, sizeof path, "%s/po/%s.po", q->c->assets, lang) < (int)sizeof path)
		f = fopen(path, "rb");
	if (!f) {
		reply_error(r, 404, "unknown_language", "no translation for '%.16s'", lang);
		return;
	}
	char *text = malloc(PO_MAX + 1);
	size_t len = text ? fread(text, 1, PO_MAX + 1, f) : 0;
	fclose(f);
	struct i18n_catalog *cat = NULL;
	struct i18n_diag diag = {0};
	if (!text || len > PO_MAX || i18n_catalog_parse(text, len, &cat, &diag) != KIOSK_OK) {
		fprintf(stderr, "kiosk-central: %s:%d: not served: %s\n", path, diag.line,
			diag.msg[0] ? diag.msg : "too large or unreadable");
		free(text);
		reply_error(r, 500, "bad_translation", "the translation for '%s' is broken on the server", lang);
		return;
	}
	i18n_catalog_destroy(cat);
	char hash[65];
	auth_hash_hex(text, len, hash);
	snprintf(r->etag, sizeof r->etag, "\"t-%.16s\"", hash);
	if (http_etag_matches(q, r->etag)) {
		free(text);
		reply_empty(r, 304);
	} else {
		reply_raw(r, 200, "text/x-gettext-translation", text, len);
	}
}
