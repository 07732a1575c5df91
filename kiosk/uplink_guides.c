/*
 * DESIGN: uplink_guides, the guides bundle from the server.
 *
 * What it is: one GET /v1/content/guides with every site round (at start
 * and with each heartbeat), If-None-Match the ETag of the bundle in use and
 * of one refused before, so a bad bundle is fetched once, not at every
 * heartbeat. A new bundle is, in this order and all on the uplink thread:
 *   1. parsed and checked whole (content_bundle.c: paths, sizes, counts);
 *   2. written into a new folder of its own, synced (guides_store.c);
 *   3. loaded there with guide_library_load, the kiosk's own checks: any
 *      problem at all refuses the whole bundle;
 *   4. switched to: the link <data_dir>/server/guides replaced atomically;
 *   5. handed to the UI (APP_MSG_SITE), which swaps the library in at its
 *      next attract screen, never in a visitor's session.
 * Refused (1 or 3): kiosk.guides.rejected with the first problems (file,
 * line, message: the bundle's content, never a visitor's), its ETag kept in
 * kiosk.db; the bundle in use stays. Applied: kiosk.guides.applied with the
 * version. A failure of this kiosk's own disk refuses nothing: the next
 * heartbeat tries again. 304, 404 (the server has no guides), 5xx and
 * network errors change nothing.
 * Folders nobody uses any more are removed at the next round: neither the
 * link's, nor the one of the library the UI took, nor one waiting for it.
 * What it is not: the files (guides_store.c) or the swap (shell_guides.c).
 * Threading: the uplink thread; the library is handed over under u->lock.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/content_bundle.h"
#include "kiosk/guide.h"
#include "uplink_guides.h"
#include "uplink_private.h"

#define PROBLEMS_SENT 5 /* in kiosk.guides.rejected */
#define STATE_KEY "guides_rejected_etag"

/* Removes the folders nobody uses. */
static void prune(struct uplink *u)
{
	char in_use[GUIDES_STORE_NAME_MAX], ready[GUIDES_STORE_NAME_MAX];
	pthread_mutex_lock(&u->lock);
	memcpy(in_use, u->guides_in_use, sizeof in_use);
	memcpy(ready, u->guides_ready_dir, sizeof ready);
	pthread_mutex_unlock(&u->lock);
	const char *keep[] = {u->guides.current, in_use, ready};
	guides_store_prune(u->data_dir, keep, 3);
}

void uplink_guides_init(struct uplink *u)
{
	struct uplink_guides *g = &u->guides;
	if (uplink_transfer_init_cap(&u->guides_t, CONTENT_BUNDLE_BODY_MAX) != KIOSK_OK)
		fprintf(stderr, "kiosk: uplink: out of memory: no guides from the server\n");
	struct guides_current cur;
	if (guides_store_current(u->data_dir, &cur) == KIOSK_OK) {
		/* What the UI loaded at start by the same rule; one this kiosk now
		 * refuses (a newer kiosk checks more) is fetched again. */
		struct guide_library *lib = NULL;
		struct guide_report rep;
		enum kiosk_err err = guide_library_load(cur.dir, NULL, &lib, &rep);
		guide_library_destroy(lib);
		if (err == KIOSK_OK) {
			snprintf(g->applied_etag, sizeof g->applied_etag, "%s", cur.etag);
			snprintf(g->current, sizeof g->current, "%s", cur.name);
			pthread_mutex_lock(&u->lock);
			snprintf(u->guides_in_use, sizeof u->guides_in_use, "%s", cur.name);
			pthread_mutex_unlock(&u->lock);
		} else if (err == KIOSK_ERR_INVALID) {
			/* The UI did not take it either: the link goes (so that
			 * the same bundle, fetched again, is never rewritten
			 * under it), the folder with the next prune. */
			fprintf(stderr, "kiosk: uplink: the saved guides bundle %s is dropped and fetched again\n",
				cur.name);
			guides_store_drop(u->data_dir);
		}
	}
	prune(u); /* what an interrupted write left */
}

void uplink_guides_fini(struct uplink *u)
{
	uplink_transfer_end(&u->guides_t, u->multi);
	uplink_transfer_fini(&u->guides_t);
	pthread_mutex_lock(&u->lock);
	struct guide_library *lib = u->guides_ready;
	u->guides_ready = NULL;
	pthread_mutex_unlock(&u->lock);
	guide_library_destroy(lib);
}

void uplink_guides_start(struct uplink *u)
{
	struct uplink_guides *g = &u->guides;
	if (!u->guides_t.easy || u->guides_t.busy)
		return;
	if (!g->rejected_read && uplink_open_db(u))
		g->rejected_read =
		    uplink_outbox_state_get(u->db, STATE_KEY, g->rejected_etag, sizeof g->rejected_etag) == KIOSK_OK;
	prune(u);
	/* A refused bundle the server sent without an ETag is known by its hash, which no server matches. */
	const char *rejected = strncmp(g->rejected_etag, "body-", 5) ? g->rejected_etag : "";
	char inm[2 * SITE_CACHE_ETAG_MAX + 4];
	snprintf(inm, sizeof inm, "%s%s%s", g->applied_etag, g->applied_etag[0] && rejected[0] ? ", " : "", rejected);
	struct uplink_request rq = {.if_none_match = inm};
	uplink_send(u, &u->guides_t, "/v1/content/guides", &rq); /* on failure: the next round */
}

/* "mitid/new-phone.guide:12: message", the file relative to the bundle. */
static void problem_text(const struct guide_problem *p, const char *dir, char *out, size_t cap)
{
	size_t n = strlen(dir);
	const char *file = strncmp(p->file, dir, n) == 0 && p->file[n] == '/' ? p->file + n + 1 : p->file;
	if (p->line > 0)
		snprintf(out, cap, "%s:%d: %s", file, p->line, p->msg);
	else
		snprintf(out, cap, "%s: %s", file[0] ? file : ".", p->msg);
}

/* Refuses the bundle known as tag for problems (a JSON array of count in
 * all, each already logged): its ETag kept, kiosk.guides.rejected. */
static void refuse(struct uplink *u, const char *tag, const char *version, json_t *problems, int count)
{
	struct uplink_guides *g = &u->guides;
	const char *etag = u->guides_t.etag;
	snprintf(g->rejected_etag, sizeof g->rejected_etag, "%s", tag);
	if (uplink_open_db(u))
		uplink_outbox_state_set(u->db, STATE_KEY, g->rejected_etag);
	fprintf(stderr, "kiosk: uplink: the guides bundle %s is refused (%d problem%s); the guides in use stay\n", tag,
		count, count == 1 ? "" : "s");
	json_t *data = json_pack("{s:s?,s:s?,s:o,s:i}", "etag", etag[0] ? etag : NULL, "version",
				 version && version[0] ? version : NULL, "problems", problems, "count", count);
	char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	uplink_record(u, "kiosk.guides.rejected", s);
	free(s);
}

/* A bundle that is no bundle (content_bundle_parse said why). */
static void refuse_why(struct uplink *u, const char *tag, const char *version, const char *why)
{
	fprintf(stderr, "kiosk: uplink: guides bundle %s: %s\n", tag, why);
	json_t *problems = json_array();
	json_array_append_new(problems, json_string(why));
	refuse(u, tag, version, problems, 1);
}

/* A bundle whose guides fail the kiosk's checks in dir. */
static void refuse_report(struct uplink *u, const char *tag, const char *version, const struct guide_report *rep,
			  const char *dir)
{
	json_t *problems = json_array();
	for (int i = 0; i < rep->count && i < PROBLEMS_SENT; i++) {
		char text[400];
		problem_text(&rep->item[i], dir, text, sizeof text);
		fprintf(stderr, "kiosk: uplink: guides bundle %s: %s\n", tag, text);
		json_array_append_new(problems, json_string(text));
	}
	refuse(u, tag, version, problems, rep->count + rep->dropped);
}

/* Step 5, and the event. */
static void applied(struct uplink *u, struct guide_library *lib, const char *name, const char *version)
{
	const char *etag = u->guides_t.etag;
	pthread_mutex_lock(&u->lock);
	struct guide_library *old = u->guides_ready;
	u->guides_ready = lib;
	snprintf(u->guides_ready_dir, sizeof u->guides_ready_dir, "%s", name);
	pthread_mutex_unlock(&u->lock);
	guide_library_destroy(old); /* never handed over: nothing of it is in use */
	struct app_msg m = {APP_MSG_SITE, KIOSK_OK, 0};
	post_send(u->post, &m);
	fprintf(stderr, "kiosk: uplink: new guides %s (version %s) saved as %s\n", etag, version, name);
	json_t *data = json_pack("{s:s?,s:s}", "etag", etag[0] ? etag : NULL, "version", version);
	char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	uplink_record(u, "kiosk.guides.applied", s);
	free(s);
	prune(u);
}

/* Steps 1 to 4 for a bundle not seen before. */
static void take(struct uplink *u, const char *body, size_t len, const char *tag)
{
	struct uplink_guides *g = &u->guides;
	char why[300], name[GUIDES_STORE_NAME_MAX], dir[600];
	struct content_bundle b;
	struct guide_library *lib = NULL;
	struct guide_report rep;
	if (content_bundle_parse(body, len, &b, why, sizeof why) != KIOSK_OK) {
		refuse_why(u, tag, b.version, why);
		goto out;
	}
	guides_store_name(body, len, name);
	if (strcmp(name, g->current) == 0) { /* the very bytes in use, under another ETag */
		snprintf(g->applied_etag, sizeof g->applied_etag, "%s", tag);
		goto out;
	}
	if (guides_store_write(u->data_dir, name, &b, u->guides_t.etag, why, sizeof why) != KIOSK_OK) {
		fprintf(stderr, "kiosk: uplink: the guides bundle %s is not saved: %s\n", tag, why);
		goto out;
	}
	snprintf(dir, sizeof dir, "%s/server/%s", u->data_dir, name);
	enum kiosk_err err = guide_library_load(dir, NULL, &lib, &rep);
	if (err != KIOSK_OK) {
		guides_store_remove(u->data_dir, name);
		if (err == KIOSK_ERR_NOMEM)
			fprintf(stderr, "kiosk: uplink: out of memory loading the guides bundle %s\n", tag);
		else
			refuse_report(u, tag, b.version, &rep, dir);
		goto out;
	}
	err = guides_store_switch(u->data_dir, name);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: uplink: cannot switch to the guides bundle %s: %s\n", tag, kiosk_err_str(err));
		guides_store_remove(u->data_dir, name);
		goto out;
	}
	snprintf(g->applied_etag, sizeof g->applied_etag, "%s", tag);
	snprintf(g->current, sizeof g->current, "%s", name);
	if (g->rejected_etag[0] && uplink_open_db(u))
		uplink_outbox_state_set(u->db, STATE_KEY, NULL);
	g->rejected_etag[0] = '\0';
	applied(u, lib, name, b.version);
	lib = NULL;
out:
	guide_library_destroy(lib);
	content_bundle_fini(&b);
}

/* What stands for a bundle the server sent without an ETag: a hash of it. */
static void body_tag(const char *body, size_t len, char *out, size_t cap)
{
	char name[GUIDES_STORE_NAME_MAX];
	guides_store_name(body, len, name); /* "guides-" and the hash */
	snprintf(out, cap, "body-%s", strchr(name, '-') + 1);
}

void uplink_guides_finish(struct uplink *u, CURLcode res)
{
	struct uplink_guides *g = &u->guides;
	struct uplink_transfer *t = &u->guides_t;
	long status = uplink_transfer_status(t);
	char tag[SITE_CACHE_ETAG_MAX];
	if (res == CURLE_OK && uplink_verdict_of(status) == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "guides", status);
		return;
	}
	if (t->etag[0])
		snprintf(tag, sizeof tag, "%s", t->etag);
	else if (res == CURLE_OK)
		body_tag(t->reply, t->reply_len, tag, sizeof tag);
	else
		tag[0] = '\0';
	bool known =
	    (t->etag[0] && strcmp(tag, g->applied_etag) == 0) || (tag[0] && strcmp(tag, g->rejected_etag) == 0);
	if (res != CURLE_OK && t->reply_overflow && status == 200 && tag[0] && !known) {
		char why[96];
		snprintf(why, sizeof why, "the bundle is over %d bytes", CONTENT_BUNDLE_BODY_MAX);
		refuse_why(u, tag, NULL, why);
		return;
	}
	if (res != CURLE_OK || status != 200 || known)
		return;
	take(u, t->reply, t->reply_len, tag);
}

struct guide_library *uplink_take_guides(struct uplink *u)
{
	if (!u)
		return NULL;
	pthread_mutex_lock(&u->lock);
	struct guide_library *lib = u->guides_ready;
	if (lib) {
		memcpy(u->guides_in_use, u->guides_ready_dir, sizeof u->guides_in_use);
		u->guides_ready = NULL;
		u->guides_ready_dir[0] = '\0';
	}
	pthread_mutex_unlock(&u->lock);
	return lib;
}
