/*
 * DESIGN: uplink_health, the heartbeat (POST /v1/health).
 *
 * What it is: the UI's health snapshot (uplink_set_health copies it under
 * the lock and wakes the thread when the printer's or the store's state
 * changed), and the heartbeat the uplink thread builds from it, from its own
 * look at kiosk.db (outbox, boots, tickets of the day per service) and the
 * disk, and the clock offset every reply's Date header gives. Not queued:
 * a heartbeat that fails is replaced by the next one. Each heartbeat also
 * marks the queue state and the site data round as due.
 * Threading: uplink_set_health on the UI thread (under the lock, no I/O);
 * the rest on the uplink thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "uplink_private.h"

static void copy_health(struct health_copy *dst, const struct health_copy *src)
{
	*dst = *src;
	dst->h.printer_state_name = dst->has_state ? dst->state : NULL;
	dst->h.paper = dst->has_paper ? dst->paper : NULL;
	dst->h.store = dst->has_store ? dst->store : NULL;
}

void uplink_note_clock(struct uplink *u, const struct uplink_transfer *t)
{
	long long date = uplink_http_date_ms(t->date);
	if (date < 0)
		return;
	/* Date has whole seconds, truncated: +500 ms centres the estimate. */
	u->clock_offset_ms = date + 500 - (t->t0_wall + uplink_wall_ms()) / 2;
	u->have_offset = true;
}

void uplink_heartbeat_start(struct uplink *u, long long now)
{
	struct uplink_stats st = {.oldest_ms = -1, .last_upload_ms = -1};
	if (uplink_open_db(u))
		uplink_outbox_stats(u->db, &st);
	struct statvfs vfs;
	bool disk = statvfs(u->data_dir, &vfs) == 0;
	pthread_mutex_lock(&u->lock);
	copy_health(&u->snapshot, &u->shared);
	pthread_mutex_unlock(&u->lock);
	/* Tickets of the day per service, as the store committed them. */
	struct uplink_health *h = &u->snapshot.h;
	if (u->snapshot.set && u->db) {
		char day[11];
		if (h->day[0]) {
			snprintf(day, sizeof(day), "%s", h->day);
		} else {
			time_t t = time(NULL);
			struct tm tm;
			localtime_r(&t, &tm); /* TZ is the site's zone, set before any thread */
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		}
		uplink_outbox_issued(u->db, day, h->queues, &h->nqueues,
				     (int)(sizeof(h->queues) / sizeof(h->queues[0])));
	}
	struct uplink_heartbeat hb = {
	    .kiosk_id = u->creds.kiosk_id,
	    .version = u->version,
	    .now_ms = uplink_wall_ms(),
	    .uptime_s = (now - u->start_ms) / 1000,
	    .boots = st.boots,
	    .health = u->snapshot.set ? &u->snapshot.h : NULL,
	    .destination = u->destination,
	    .depth = st.depth,
	    .parked = st.parked,
	    .oldest_ms = st.oldest_ms,
	    .last_upload_ms = st.last_upload_ms,
	    .free_bytes = disk ? (long long)vfs.f_bavail * (long long)vfs.f_frsize : -1,
	    .total_bytes = disk ? (long long)vfs.f_blocks * (long long)vfs.f_frsize : -1,
	    .have_offset = u->have_offset,
	    .clock_offset_ms = u->clock_offset_ms,
	    .config_etag = u->site.applied_etag[0] ? u->site.applied_etag : NULL,
	};
	char *json = uplink_heartbeat_json(&hb), url[300];
	if (json && uplink_join_url(url, sizeof(url), u->base_url, "/v1/health"))
		uplink_transfer_start(&u->health, u->multi, url, &u->tls, u->creds.secret, u->version,
				      "application/json", json, strlen(json), false);
	free(json);
	u->last_heartbeat = now;
	u->heartbeat_at = now + u->heartbeat_ms;
	/* The queue and the site data are looked at with every heartbeat. */
	u->queue_due = true;
	u->site.due = true;
	/* The outbox is looked at with every heartbeat too: events committed
	 * without a kick (before the uplink started, say) are not forgotten. */
	if (u->upload_at == LLONG_MAX)
		u->upload_at = now;
}

void uplink_heartbeat_finish(struct uplink *u, CURLcode res)
{
	struct uplink_transfer *t = &u->health;
	long status = uplink_transfer_status(t);
	char why[96];
	if (status > 0)
		uplink_note_clock(u, t);
	enum uplink_verdict v = res == CURLE_OK ? uplink_verdict_of(status) : UPLINK_V_RETRY;
	/* Not queued and not retried: the next heartbeat replaces this one. */
	if (v == UPLINK_V_DONE) {
		uplink_set_state(u, UPLINK_OK, NULL);
	} else if (v == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "heartbeat", status);
	} else if (v == UPLINK_V_RETRY) {
		snprintf(why, sizeof(why), "heartbeat: %s", res != CURLE_OK ? curl_easy_strerror(res) : "server error");
		uplink_set_state(u, UPLINK_OFFLINE, why);
	} else {
		fprintf(stderr, "kiosk: uplink: the server refused the heartbeat (%ld)\n", status);
	}
}

static void set_text(char *dst, size_t cap, bool *has, const char *s)
{
	*has = s != NULL;
	snprintf(dst, cap, "%s", s ? s : "");
}

void uplink_set_health(struct uplink *u, const struct uplink_health *h)
{
	if (!u || !h)
		return;
	pthread_mutex_lock(&u->lock);
	struct health_copy *c = &u->shared;
	char before[64];
	snprintf(before, sizeof(before), "%d/%s/%s/%s", c->set, c->state, c->paper, c->store);
	c->h = *h;
	c->h.nqueues = h->nqueues < 0 ? 0 : h->nqueues > 16 ? 16 : h->nqueues;
	set_text(c->state, sizeof(c->state), &c->has_state, h->printer_state_name);
	set_text(c->paper, sizeof(c->paper), &c->has_paper, h->paper);
	set_text(c->store, sizeof(c->store), &c->has_store, h->store);
	c->set = true;
	char after[64];
	snprintf(after, sizeof(after), "%d/%s/%s/%s", c->set, c->state, c->paper, c->store);
	/* Queue counts wait for the next heartbeat; a printer or store change does not. */
	bool changed = strcmp(before, after) != 0;
	u->health_new |= changed;
	pthread_mutex_unlock(&u->lock);
	if (changed)
		curl_multi_wakeup(u->multi);
}
