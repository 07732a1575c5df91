/*
 * DESIGN: uplink_site, the site data and translations from the server.
 *
 * What it is: one round, started at start-up and with every heartbeat, run
 * one request at a time on the uplink's site handle:
 *   1. GET /v1/config with If-None-Match: the ETag of the copy in use and of
 *      a payload refused before (so a bad payload is fetched once, not at
 *      every heartbeat). 304, or a 200 with one of those ETags: nothing new.
 *      A new payload is kept in memory, unchecked.
 *   2. GET /v1/content/translations/<lang> with If-None-Match, for each
 *      language of the new payload (else of the copy in use), English (the
 *      source) left out. A 200 is checked with the kiosk's own .po parser
 *      (it must parse and name its Plural-Forms) and saved to
 *      <data_dir>/server/po; a refused one is recorded and its ETag kept.
 *      404 means the server has none: the check in step 3 decides.
 *   3. The new payload is checked whole (site_payload_parse against the
 *      kiosk's own configuration, for the languages with a translation now).
 *      Good: saved (site_cache.c), kiosk.config.applied, the bundle loaded
 *      (catalogs included) and handed to the UI with APP_MSG_SITE; the UI
 *      applies it at the next attract screen. Bad: kiosk.config.rejected
 *      with the first problem in English, and its ETag kept in kiosk.db.
 *      A new translation of a language in use alone also gives APP_MSG_SITE.
 * A network error, a 5xx or a timeout ends the round where it is, before
 * anything is checked: a payload is never refused for a translation that
 * did not arrive. The next heartbeat starts again.
 * Beside the round, on a transfer of its own: the guides bundle
 * (uplink_guides.c).
 * What it is not: the files (site_cache.c) or applying (shell.c).
 * Threading: the uplink thread; the bundle is handed over under u->lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/site_payload.h"
#include "uplink_private.h"

static const char *assets(const struct uplink *u)
{
	return u->assets_dir[0] ? u->assets_dir : NULL;
}

static void end_round(struct uplink *u)
{
	free(u->site.payload);
	u->site.payload = NULL;
	u->site.payload_len = 0;
	u->site.step = UPLINK_SITE_IDLE;
}

static void use_languages(struct uplink_site *s, const struct config *cfg)
{
	s->nlangs = cfg->nlangs;
	memcpy(s->langs, cfg->langs, sizeof(s->langs));
}

void uplink_site_init(struct uplink *u)
{
	struct uplink_site *s = &u->site;
	struct config cfg;
	struct services sv;
	struct config_report rep;
	if (site_cache_load(u->data_dir, assets(u), &u->base, NULL, &cfg, &sv, s->applied_etag, sizeof(s->applied_etag),
			    &rep) == KIOSK_OK) {
		use_languages(s, &cfg);
		services_fini(&sv);
	} else {
		use_languages(s, &u->base);
	}
	uplink_guides_init(u);
}

/* The refused ETag survives restarts; read once the store has made the file. */
static void read_rejected(struct uplink *u)
{
	struct uplink_site *s = &u->site;
	if (s->rejected_read || !uplink_open_db(u))
		return;
	s->rejected_read = uplink_outbox_state_get(u->db, "site_rejected_etag", s->rejected_etag,
						   sizeof(s->rejected_etag)) == KIOSK_OK;
}

void uplink_site_fini(struct uplink *u)
{
	end_round(u);
	uplink_guides_fini(u);
}

/* "a, b" of the ETags that are set: If-None-Match takes a list. */
static void etag_list(char *out, size_t cap, const char *a, const char *b)
{
	snprintf(out, cap, "%s%s%s", a, a[0] && b[0] ? ", " : "", b);
}

/* What stands for a payload the server sent without an ETag: a hash of it. */
static void body_tag(const char *body, size_t len, char *out, size_t cap)
{
	unsigned long long h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)body[i]) * 0x100000001b3ULL;
	snprintf(out, cap, "body-%016llx", h);
}

void uplink_site_start(struct uplink *u)
{
	struct uplink_site *s = &u->site;
	char inm[2 * SITE_CACHE_ETAG_MAX + 4];
	uplink_guides_start(u); /* beside this round, on its own transfer */
	read_rejected(u);
	s->due = false;
	s->step = UPLINK_SITE_CONFIG;
	s->po_changed = false;
	s->nfetch = s->next = 0;
	etag_list(inm, sizeof(inm), s->applied_etag, strncmp(s->rejected_etag, "body-", 5) ? s->rejected_etag : "");
	struct uplink_request rq = {.if_none_match = inm};
	if (uplink_send(u, &u->site_t, "/v1/config", &rq) != KIOSK_OK)
		end_round(u);
}

static struct uplink_po_refusal *refusal_of(struct uplink_site *s, const char *lang)
{
	for (int i = 0; i < s->nrefused; i++)
		if (strcmp(s->refused[i].lang, lang) == 0)
			return &s->refused[i];
	return NULL;
}

static void record_config(struct uplink *u, const char *type, const char *kind, const char *etag, const char *lang,
			  const char *error)
{
	char *data = uplink_config_event_json(kind, etag && etag[0] ? etag : NULL, lang, error);
	uplink_record(u, type, data);
	free(data);
}

/* Loads what is now on disk, catalogs included, and hands it to the UI. */
static void hand_over(struct uplink *u)
{
	enum kiosk_err err;
	struct config_report rep;
	struct site_bundle *b = site_bundle_load(u->data_dir, assets(u), &u->base, &err, &rep);
	if (!b) {
		if (err != KIOSK_ERR_NOT_FOUND)
			fprintf(stderr, "kiosk: uplink: the saved site data cannot be loaded: %s\n",
				rep.count ? rep.item[0].msg : kiosk_err_str(err));
		return;
	}
	pthread_mutex_lock(&u->lock);
	struct site_bundle *old = u->site_ready;
	u->site_ready = b;
	pthread_mutex_unlock(&u->lock);
	site_bundle_destroy(old); /* never handed over: nothing of it is in use */
	struct app_msg m = {APP_MSG_SITE, KIOSK_OK, 0};
	post_send(u->post, &m);
}

/* Step 3. */
static void conclude(struct uplink *u)
{
	struct uplink_site *s = &u->site;
	if (!s->payload) {
		if (s->po_changed)
			hand_over(u);
		end_round(u);
		return;
	}
	char langs[CONFIG_MAX_LANGS * 2][CONFIG_LANG_LEN];
	const char *available[CONFIG_MAX_LANGS * 2];
	int n = site_cache_languages(u->data_dir, assets(u), langs, CONFIG_MAX_LANGS * 2);
	for (int i = 0; i < n; i++)
		available[i] = langs[i];
	struct config cfg;
	struct services sv;
	struct config_report rep;
	if (site_payload_parse(s->payload, s->payload_len, &u->base, available, n, NULL, &cfg, &sv, &rep) == KIOSK_OK) {
		services_fini(&sv);
		if (site_cache_save(u->data_dir, s->payload_etag, s->payload, s->payload_len) == KIOSK_OK) {
			snprintf(s->applied_etag, sizeof(s->applied_etag), "%s", s->payload_etag);
			use_languages(s, &cfg);
			if (s->rejected_etag[0] && uplink_open_db(u))
				uplink_outbox_state_set(u->db, "site_rejected_etag", NULL);
			s->rejected_etag[0] = '\0';
			fprintf(stderr, "kiosk: uplink: new site data %s saved\n", s->payload_etag);
			record_config(u, "kiosk.config.applied", "site", s->payload_etag, NULL, NULL);
			hand_over(u);
		}
	} else {
		const char *error = rep.count ? rep.item[0].msg : "the site data was refused";
		if (s->payload_etag[0])
			snprintf(s->rejected_etag, sizeof(s->rejected_etag), "%s", s->payload_etag);
		else
			body_tag(s->payload, s->payload_len, s->rejected_etag, sizeof(s->rejected_etag));
		if (uplink_open_db(u))
			uplink_outbox_state_set(u->db, "site_rejected_etag", s->rejected_etag);
		fprintf(stderr, "kiosk: uplink: site data %s refused: %s\n", s->payload_etag, error);
		record_config(u, "kiosk.config.rejected", "site", s->payload_etag, NULL, error);
	}
	end_round(u);
}

/* English is the source language; a code that is not one names no file. */
static bool fetched(const char *lang)
{
	size_t n = strlen(lang);
	return strcmp(lang, "en") != 0 && n > 0 &&
	       strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-") == n;
}

/* Step 2: the next language's translation, or step 3 when none is left. */
static void fetch_next(struct uplink *u)
{
	struct uplink_site *s = &u->site;
	while (s->next < s->nfetch && !fetched(s->fetch[s->next]))
		s->next++;
	if (s->next == s->nfetch) {
		conclude(u);
		return;
	}
	const char *lang = s->fetch[s->next];
	char path[64], saved[SITE_CACHE_ETAG_MAX], inm[2 * SITE_CACHE_ETAG_MAX + 4];
	struct uplink_po_refusal *r = refusal_of(s, lang);
	site_cache_translation_etag(u->data_dir, lang, saved, sizeof(saved));
	etag_list(inm, sizeof(inm), saved, r ? r->etag : "");
	snprintf(path, sizeof(path), "/v1/content/translations/%s", lang);
	struct uplink_request rq = {.accept = "text/x-gettext-translation", .if_none_match = inm};
	s->step = UPLINK_SITE_PO;
	if (uplink_send(u, &u->site_t, path, &rq) != KIOSK_OK)
		end_round(u);
}

static bool in_use(const struct uplink_site *s, const char *lang)
{
	for (int i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i], lang) == 0)
			return true;
	return false;
}

static void take_translation(struct uplink *u, const char *lang, const struct uplink_transfer *t)
{
	struct uplink_site *s = &u->site;
	char why[240];
	struct uplink_po_refusal *r = refusal_of(s, lang);
	if (site_cache_translation_ok(t->reply, t->reply_len, why, sizeof(why))) {
		if (site_cache_save_translation(u->data_dir, lang, t->reply, t->reply_len, t->etag) != KIOSK_OK)
			return;
		if (r)
			*r = s->refused[--s->nrefused];
		s->po_changed |= in_use(s, lang);
		record_config(u, "kiosk.config.applied", "translation", t->etag, lang, NULL);
		return;
	}
	fprintf(stderr, "kiosk: uplink: the translation %s %s is refused: %s\n", lang, t->etag, why);
	record_config(u, "kiosk.config.rejected", "translation", t->etag, lang, why);
	if (!r && s->nrefused < CONFIG_MAX_LANGS)
		r = &s->refused[s->nrefused++];
	if (r) {
		snprintf(r->lang, sizeof(r->lang), "%s", lang);
		snprintf(r->etag, sizeof(r->etag), "%s", t->etag);
	}
}

void uplink_site_finish(struct uplink *u, CURLcode res)
{
	struct uplink_site *s = &u->site;
	struct uplink_transfer *t = &u->site_t;
	long status = res == CURLE_OK ? uplink_transfer_status(t) : 0;
	if (res == CURLE_OK && uplink_verdict_of(status) == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "site data", status);
		end_round(u);
		return;
	}
	if (s->step == UPLINK_SITE_PO) {
		const char *lang = s->fetch[s->next++];
		if (res != CURLE_OK || (status != 200 && status != 304 && status != 404)) {
			end_round(u); /* try again with the next heartbeat */
			return;
		}
		if (status == 200)
			take_translation(u, lang, t);
		fetch_next(u);
		return;
	}
	if (res != CURLE_OK || (status != 200 && status != 304)) {
		end_round(u);
		return;
	}
	/* What the copy in use needs, unless a new payload names other languages. */
	memcpy(s->fetch, s->langs, sizeof(s->fetch));
	s->nfetch = s->nlangs;
	char tag[SITE_CACHE_ETAG_MAX] = "";
	if (status == 200 && t->etag[0])
		snprintf(tag, sizeof(tag), "%s", t->etag);
	else if (status == 200)
		body_tag(t->reply, t->reply_len, tag, sizeof(tag));
	bool known =
	    status == 304 || (t->etag[0] && strcmp(tag, s->applied_etag) == 0) || strcmp(tag, s->rejected_etag) == 0;
	if (!known) {
		s->payload = malloc(t->reply_len + 1);
		if (!s->payload) {
			end_round(u);
			return;
		}
		memcpy(s->payload, t->reply, t->reply_len + 1);
		s->payload_len = t->reply_len;
		snprintf(s->payload_etag, sizeof(s->payload_etag), "%s", t->etag);
		int n = uplink_site_languages(s->payload, s->payload_len, s->fetch, CONFIG_MAX_LANGS);
		s->nfetch = n < 0 ? 0 : n;
	}
	s->next = 0;
	fetch_next(u);
}

struct site_bundle *uplink_take_site(struct uplink *u)
{
	if (!u)
		return NULL;
	pthread_mutex_lock(&u->lock);
	struct site_bundle *b = u->site_ready;
	u->site_ready = NULL;
	pthread_mutex_unlock(&u->lock);
	return b;
}
