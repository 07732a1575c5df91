/*
 * DESIGN: uplink, the kiosk's one network thread.
 *
 * What it is: a thread that owns a curl multi handle and its own SQLite
 * connection to kiosk.db. It sleeps in curl_multi_poll and is woken by
 * curl_multi_wakeup (uplink_kick, uplink_set_health, uplink_take_ticket,
 * uplink_refresh_queue, uplink_booking, uplink_stop) or by its next deadline.
 * Six transfers at most are in flight, each on its own handle: one batch of
 * events, one heartbeat, one queue number (uplink_tickets.c), one queue
 * state, one step of the site data round (uplink_site.c), one booking
 * request (uplink_booking.c). A visitor's number or booking therefore never
 * waits behind a batch of a thousand events. The UI thread never
 * waits for the thread: its calls only set flags under a mutex and write to
 * curl's wake-up pipe.
 *
 * Rounds: at start and with every heartbeat the thread also fetches the
 * queue's state and runs the site round (config, then translations).
 *
 * Delivery (docs/protocol.md): the oldest UPLINK_BATCH_MAX events go out as
 * one gzip'd CloudEvents batch; a checked 200 reply deletes them (and parks
 * the rejected ones) in one transaction; anything else deletes nothing, so
 * delivery is at-least-once and the server's (source, id) de-duplication
 * makes it exactly-once. 400/404/422/413 halve the batch until one event is
 * left, which is parked with the server's code; a refusal without the
 * protocol's error body (a proxy, a wrong url) is retried instead, so a
 * misconfiguration can never park the outbox away.
 *
 * States, reported with APP_MSG_UPLINK when they (or the parked count)
 * change, and logged once per change:
 *   NOT_ENROLLED  no usable credentials.json; nothing is sent
 *   OK            the last exchange succeeded
 *   OFFLINE       network error, 408/429/5xx or a reply that fails the
 *                 checks; events retry with backoff (1 s doubling to 5 min,
 *                 equal jitter, Retry-After as a lower bound)
 *   AUTH          401/403; nothing is sent until credentials.json changes
 * credentials.json is stat'ed at each wake-up (at least every heartbeat_s),
 * so a re-enrolment is picked up without a restart.
 *
 * Threading: the mutex guards only the flags, the requests from the UI,
 * the health snapshot, the queue snapshot and the site bundle handed over
 * (uplink_private.h marks them); every handle belongs to the uplink thread,
 * created and freed there, except the multi handle itself, which lives as
 * long as struct uplink so curl_multi_wakeup can be called on it from the
 * UI thread.
 */
#include "uplink_private.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "kiosk/site_payload.h"
#include "store.h"

#define KICK_DELAY_MS 200	   /* gathers a burst of events into one batch */
#define FIRST_HEARTBEAT_MS 2000	   /* waits this long for the UI's first health snapshot */
#define HEARTBEAT_SPACING_MS 10000 /* a state change sends one early, but not more often */

long long uplink_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long uplink_wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t random64(void)
{
	uint64_t r = 0;
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint64_t)uplink_mono_ms() * 0x9e3779b97f4a7c15ULL;
	return r;
}

const char *uplink_state_str(enum uplink_state s)
{
	switch (s) {
	case UPLINK_OK:
		return "ok";
	case UPLINK_OFFLINE:
		return "offline";
	case UPLINK_AUTH:
		return "auth";
	case UPLINK_NOT_ENROLLED:
		return "not_enrolled";
	}
	return "unknown";
}

void uplink_set_state(struct uplink *u, enum uplink_state s, const char *why)
{
	long long parked = u->parked;
	struct uplink_stats st;
	if (u->db && uplink_outbox_stats(u->db, &st) == KIOSK_OK)
		parked = st.parked;
	if ((int)s == u->state && parked == u->parked)
		return;
	if ((int)s != u->state)
		fprintf(stderr, "kiosk: uplink: %s%s%s\n", uplink_state_str(s), why && why[0] ? ": " : "",
			why ? why : "");
	u->state = (int)s;
	u->parked = parked;
	struct app_msg m = {APP_MSG_UPLINK, (int)s, parked > INT_MAX ? INT_MAX : (int)parked};
	post_send(u->post, &m);
}

/* Re-reads credentials.json when it appeared, changed or vanished. */
static void check_credentials(struct uplink *u, long long now)
{
	struct stat st;
	if (stat(u->creds_path, &st) != 0) {
		if (u->have_creds || !u->creds_seen || u->state != UPLINK_NOT_ENROLLED) {
			u->have_creds = false;
			u->creds_seen = true;
			memset(&u->creds_st, 0, sizeof(u->creds_st));
			uplink_set_state(u, UPLINK_NOT_ENROLLED, "no credentials.json: run kiosk --enrol");
		}
		return;
	}
	if (u->creds_seen && st.st_ino == u->creds_st.st_ino && st.st_size == u->creds_st.st_size &&
	    st.st_mtim.tv_sec == u->creds_st.st_mtim.tv_sec && st.st_mtim.tv_nsec == u->creds_st.st_mtim.tv_nsec)
		return;
	u->creds_seen = true;
	u->creds_st = st;
	char text[2048];
	size_t n = 0;
	FILE *f = fopen(u->creds_path, "r");
	if (f) {
		n = fread(text, 1, sizeof(text), f);
		fclose(f);
	}
	struct uplink_credentials c;
	enum kiosk_err err = f && n < sizeof(text) ? uplink_parse_credentials(text, n, &c) : KIOSK_ERR_IO;
	explicit_bzero(text, sizeof(text)); /* the secret lives on in u->creds only */
	if (err != KIOSK_OK) {
		u->have_creds = false;
		uplink_set_state(u, UPLINK_NOT_ENROLLED, "credentials.json is unreadable: run kiosk --enrol again");
		return;
	}
	/* New credentials after a refusal or an enrolment: try them at once.
	 * At start the first heartbeat still waits for the UI's snapshot. */
	if (u->have_creds || u->state >= 0)
		u->heartbeat_at = now < u->heartbeat_at ? now : u->heartbeat_at;
	u->creds = c;
	u->have_creds = true;
	u->auth_failed = false;
	uplink_backoff_reset(&u->backoff);
	u->retry_at = 0;
	u->upload_at = now;
	fprintf(stderr, "kiosk: uplink: credentials of kiosk %s loaded\n", u->creds.kiosk_id);
}

bool uplink_open_db(struct uplink *u)
{
	if (!u->db && store_open(u->data_dir, &u->db) != KIOSK_OK)
		return false;
	return true;
}

/* A failure the next attempt may not have: back off, honouring Retry-After. */
static void retry_later(struct uplink *u, long long now, long long retry_after_ms, const char *why)
{
	long long wait = uplink_backoff_fail(&u->backoff, random64());
	if (retry_after_ms > wait)
		wait = retry_after_ms;
	u->retry_at = now + wait;
	u->upload_at = u->retry_at;
	uplink_set_state(u, UPLINK_OFFLINE, why);
}

void uplink_refused_for_good(struct uplink *u, const char *why, long status)
{
	u->auth_failed = true;
	char msg[96];
	snprintf(msg, sizeof(msg), "%s: the server refused the credentials (%ld); re-enrol", why, status);
	uplink_set_state(u, UPLINK_AUTH, msg);
}

bool uplink_sending(const struct uplink *u)
{
	return u->have_creds && !u->auth_failed;
}

const char *uplink_unsent_why(const struct uplink *u)
{
	if (uplink_sending(u))
		return "no answer in time";
	return u->have_creds ? "the server refused the credentials" : "not enrolled";
}

void uplink_server_is_back(struct uplink *u, long long now)
{
	if (u->state != UPLINK_OFFLINE)
		return;
	uplink_backoff_reset(&u->backoff);
	u->retry_at = 0;
	if (u->upload_at > now)
		u->upload_at = now;
}

void uplink_record(struct uplink *u, const char *type, const char *data_json)
{
	if (!data_json || !uplink_open_db(u))
		return;
	if (uplink_outbox_add_event(u->db, type, data_json, uplink_wall_ms()) == KIOSK_OK && u->upload_at > u->retry_at)
		u->upload_at = u->retry_at; /* soon, but not before a backoff ends */
}

enum kiosk_err uplink_send(struct uplink *u, struct uplink_transfer *t, const char *path, struct uplink_request *rq)
{
	char url[600];
	if (!uplink_join_url(url, sizeof(url), u->base_url, path))
		return KIOSK_ERR_FULL;
	rq->url = url;
	return uplink_transfer_send(t, u->multi, &u->tls, u->creds.secret, u->version, rq);
}

/* Applies what the server (answered) or the kiosk itself decided about
 * rows[0..n); uploaded: a 200 took them, which is the last upload. */
static void settle(struct uplink *u, const struct uplink_row *rows, int n, const struct uplink_rejection *rej, int nrej,
		   bool uploaded, bool answered, long long now)
{
	int parked = 0;
	if (uplink_outbox_settle(u->db, rows, n, rej, nrej, uploaded, uplink_wall_ms(), &parked) != KIOSK_OK) {
		retry_later(u, now, -1, "cannot update the outbox");
		return;
	}
	for (int i = 0; i < nrej && parked; i++)
		fprintf(stderr, "kiosk: uplink: parked event %s: %s %s\n", rej[i].id, rej[i].code, rej[i].message);
	if (answered) {
		uplink_backoff_reset(&u->backoff);
		u->retry_at = 0;
		/* Back to full batches in a few steps once past a refused event. */
		u->limit = u->limit * 2 > UPLINK_BATCH_MAX ? UPLINK_BATCH_MAX : u->limit * 2;
	}
	u->upload_at = now; /* more may be waiting */
	if (answered)
		uplink_set_state(u, UPLINK_OK, NULL);
	else if (u->state >= 0)
		uplink_set_state(u, (enum uplink_state)u->state, NULL); /* the parked count changed */
}

static void start_upload(struct uplink *u, long long now)
{
	struct uplink_transfer *t = &u->events;
	if (!uplink_open_db(u)) {
		/* The store creates the folder and the file at its start: not a network state. */
		u->upload_at = now + 1000;
		return;
	}
	if (uplink_outbox_read(u->db, u->limit, &u->batch) != KIOSK_OK) {
		retry_later(u, now, -1, "cannot read the outbox");
		return;
	}
	if (u->batch.n == 0) {
		u->upload_at = LLONG_MAX; /* idle until kicked or the next heartbeat */
		u->limit = UPLINK_BATCH_MAX;
		return;
	}
	int bad = -1;
	char *json = uplink_batch_json(u->batch.rows, u->batch.n, u->creds.kiosk_id, &bad);
	if (!json && bad >= 0) {
		/* Stored data that is not JSON can never be sent: park it here. */
		struct uplink_rejection r = {.code = "kiosk_invalid_data", .message = "the stored data is not JSON"};
		snprintf(r.id, sizeof(r.id), "%s", u->batch.rows[bad].id);
		settle(u, &u->batch.rows[bad], 1, &r, 1, false, false, now);
		uplink_batch_fini(&u->batch);
		return;
	}
	char url[300];
	enum kiosk_err err = json && uplink_join_url(url, sizeof(url), u->base_url, "/v1/events")
				 ? uplink_transfer_start(t, u->multi, url, &u->tls, u->creds.secret, u->version,
							 "application/cloudevents-batch+json", json, strlen(json), true)
				 : KIOSK_ERR_NOMEM;
	free(json);
	if (err != KIOSK_OK) {
		uplink_batch_fini(&u->batch);
		retry_later(u, now, -1, "cannot prepare the upload");
	}
}

static void finish_upload(struct uplink *u, CURLcode res, long long now)
{
	struct uplink_transfer *t = &u->events;
	struct uplink_batch *b = &u->batch;
	long status = uplink_transfer_status(t);
	char code[64] = "", msg[200] = "", why[160];
	if (status > 0)
		uplink_note_clock(u, t);
	enum uplink_verdict v = res == CURLE_OK ? uplink_verdict_of(status) : UPLINK_V_RETRY;
	bool has_error = uplink_error_code(t->reply, t->reply_len, code, sizeof(code), msg, sizeof(msg));
	struct uplink_reply r;
	if (res != CURLE_OK) {
		if (t->reply_overflow && b->n > 1)
			u->limit = b->n / 2; /* a smaller batch has a smaller reply */
		snprintf(why, sizeof(why), "%s", t->reply_overflow ? "the reply is too long" : curl_easy_strerror(res));
		retry_later(u, now, -1, why);
	} else if (v == UPLINK_V_DONE) {
		if (uplink_parse_reply(t->reply, t->reply_len, b->n, &r) == KIOSK_OK) {
			settle(u, b->rows, b->n, r.rejected, r.nrejected, true, true, now);
			uplink_reply_fini(&r);
		} else {
			snprintf(why, sizeof(why), "the reply to %d events is not a valid result", b->n);
			retry_later(u, now, -1, why);
		}
	} else if ((v == UPLINK_V_REFUSED || v == UPLINK_V_TOO_LARGE) && b->n > 1 &&
		   (has_error || v == UPLINK_V_TOO_LARGE)) {
		u->limit = b->n / 2; /* the refused event is in one half: try the first */
		u->upload_at = now;
	} else if ((v == UPLINK_V_REFUSED || v == UPLINK_V_TOO_LARGE) && has_error) {
		struct uplink_rejection one;
		snprintf(one.id, sizeof(one.id), "%s", b->rows[0].id);
		snprintf(one.code, sizeof(one.code), "%s", code);
		snprintf(one.message, sizeof(one.message), "%s", msg);
		settle(u, b->rows, 1, &one, 1, false, true, now);
	} else if (v == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "events", status);
	} else {
		snprintf(why, sizeof(why), "HTTP %ld%s%s", status, has_error ? " " : "", code);
		retry_later(u, now, uplink_retry_after_ms(t->retry_after, uplink_wall_ms()), why);
	}
	uplink_batch_fini(b);
}

static void finish_transfers(struct uplink *u, long long now)
{
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(u->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		CURL *e = m->easy_handle;
		CURLcode res = m->data.result;
		if (e == u->events.easy) {
			uplink_transfer_end(&u->events, u->multi);
			if (u->have_creds)
				finish_upload(u, res, now);
			else
				uplink_batch_fini(&u->batch);
		} else if (e == u->health.easy) {
			uplink_transfer_end(&u->health, u->multi);
			if (u->have_creds)
				uplink_heartbeat_finish(u, res);
		} else if (e == u->ticket.easy) {
			uplink_transfer_end(&u->ticket, u->multi);
			uplink_tickets_finish(u, res, now);
		} else if (e == u->queue_t.easy) {
			uplink_transfer_end(&u->queue_t, u->multi);
			uplink_queue_finish(u, res);
		} else if (e == u->site_t.easy) {
			uplink_transfer_end(&u->site_t, u->multi);
			uplink_site_finish(u, res);
		} else if (e == u->guides_t.easy) {
			uplink_transfer_end(&u->guides_t, u->multi);
			uplink_guides_finish(u, res);
		} else if (e == u->booking_t.easy) {
			uplink_bookings_finish(u, res, now); /* wipes the body, then ends the transfer */
		}
	}
}

/* What woke the thread, taken under the lock. */
static bool take_flags(struct uplink *u, bool *kicked, bool *health_new, long long now)
{
	pthread_mutex_lock(&u->lock);
	bool stop = u->stop;
	*kicked = u->kicked;
	*health_new = u->health_new;
	u->kicked = u->health_new = false;
	if (u->queue_wanted && !u->queue_for_ui)
		u->queue_due = true;
	if (!u->round_active && u->round_asked != u->round_done) {
		/* A round for a test: everything a heartbeat does, and the outbox, now. */
		u->round_active = true;
		u->round_target = u->round_asked;
		u->queue_due = u->site.due = true;
		u->heartbeat_at = now;
		u->upload_at = now;
		u->retry_at = 0;
	}
	pthread_mutex_unlock(&u->lock);
	return stop;
}

/* A round is over once its queue fetch and site round have run and the
 * outbox is empty or its upload failed (or nothing can be sent at all). */
static void check_round(struct uplink *u, long long now)
{
	bool idle = !u->queue_due && !u->queue_t.busy && !u->site.due && u->site.step == UPLINK_SITE_IDLE &&
		    !u->guides_t.busy && !u->events.busy && (u->upload_at == LLONG_MAX || u->retry_at > now);
	if (!u->round_active || (uplink_sending(u) && !idle))
		return;
	u->round_active = false;
	pthread_mutex_lock(&u->lock);
	u->round_done = u->round_target;
	pthread_mutex_unlock(&u->lock);
}

static void *run(void *arg)
{
	struct uplink *u = arg;
	long long now = uplink_mono_ms();
	u->start_ms = now;
	u->upload_at = now;
	u->heartbeat_at = now + FIRST_HEARTBEAT_MS;
	u->queue_due = u->site.due = true; /* the site data and the queue at once, not after the first heartbeat */
	uplink_open_db(u);
	uplink_site_init(u);
	for (;;) {
		bool kicked, health_new;
		now = uplink_mono_ms();
		if (take_flags(u, &kicked, &health_new, now))
			break;
		check_credentials(u, now);
		if (kicked && u->upload_at > now + KICK_DELAY_MS)
			u->upload_at = now + KICK_DELAY_MS > u->retry_at ? now + KICK_DELAY_MS : u->retry_at;
		if (health_new) {
			long long early = u->last_heartbeat ? u->last_heartbeat + HEARTBEAT_SPACING_MS : now;
			if (early < u->heartbeat_at)
				u->heartbeat_at = early < now ? now : early;
		}
		bool sending = uplink_sending(u);
		if (sending && !u->events.busy && now >= u->upload_at)
			start_upload(u, now);
		if (sending && !u->health.busy && now >= u->heartbeat_at)
			uplink_heartbeat_start(u, now);
		if (!sending && now >= u->heartbeat_at)
			u->heartbeat_at = now + u->heartbeat_ms; /* only to look at credentials.json again */
		uplink_tickets_step(u, now);
		uplink_bookings_step(u, now);
		if (sending && u->queue_due && !u->queue_t.busy)
			uplink_queue_start(u);
		if (sending && u->site.due && u->site.step == UPLINK_SITE_IDLE)
			uplink_site_start(u);
		check_round(u, now);
		long long next = u->heartbeat_at;
		if (sending && !u->events.busy && u->upload_at < next)
			next = u->upload_at;
		if (uplink_tickets_next(u) < next)
			next = uplink_tickets_next(u);
		if (uplink_bookings_next(u) < next)
			next = uplink_bookings_next(u);
		long long wait = next - now;
		int timeout = wait < 0 ? 0 : wait > u->heartbeat_ms ? (int)u->heartbeat_ms : (int)wait;
		int running = 0;
		curl_multi_poll(u->multi, NULL, 0, timeout, NULL);
		curl_multi_perform(u->multi, &running);
		finish_transfers(u, uplink_mono_ms());
		check_round(u, uplink_mono_ms());
	}
	/* Bounded stop: removing a handle aborts its transfer on the spot. */
	uplink_transfer_end(&u->events, u->multi);
	uplink_batch_fini(&u->batch);
	uplink_transfer_end(&u->health, u->multi);
	uplink_transfer_end(&u->ticket, u->multi);
	uplink_transfer_end(&u->queue_t, u->multi);
	uplink_transfer_end(&u->site_t, u->multi);
	uplink_bookings_fini(u); /* wipes what the booking in flight sent */
	uplink_tickets_fini(u);
	uplink_site_fini(u);
	uplink_transfer_fini(&u->events);
	uplink_transfer_fini(&u->health);
	uplink_transfer_fini(&u->ticket);
	uplink_transfer_fini(&u->queue_t);
	uplink_transfer_fini(&u->site_t);
	uplink_transfer_fini(&u->booking_t);
	sqlite3_close(u->db);
	explicit_bzero(&u->creds, sizeof(u->creds));
	return NULL;
}

struct uplink *uplink_start(const struct uplink_opts *o, struct post *post)
{
	const struct config *cfg = o->cfg;
	if (!cfg->server_url[0])
		return NULL;
	struct uplink *u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->post = post;
	u->store = o->store;
	u->bookings = o->bookings;
	if (o->zone)
		u->zone = *o->zone;
	else
		tz_fixed(&u->zone, "UTC", 0);
	u->base = *cfg;
	u->state = -1;
	u->limit = UPLINK_BATCH_MAX;
	snprintf(u->base_url, sizeof(u->base_url), "%s", cfg->server_url);
	snprintf(u->tls.ca_file, sizeof(u->tls.ca_file), "%s", cfg->server_ca_file);
	snprintf(u->tls.client_cert, sizeof(u->tls.client_cert), "%s", cfg->server_client_cert);
	snprintf(u->tls.client_key, sizeof(u->tls.client_key), "%s", cfg->server_client_key);
	snprintf(u->destination, sizeof(u->destination), "%s", cfg->printer);
	snprintf(u->data_dir, sizeof(u->data_dir), "%s", o->data_dir);
	snprintf(u->creds_path, sizeof(u->creds_path), "%s/credentials.json", o->data_dir);
	snprintf(u->version, sizeof(u->version), "%s", o->version ? o->version : "0");
	snprintf(u->assets_dir, sizeof(u->assets_dir), "%s", o->assets_dir ? o->assets_dir : "");
	u->heartbeat_ms = (long long)(cfg->heartbeat_s > 0 ? cfg->heartbeat_s : 60) * 1000;
	const char *fast = getenv("KIOSK_UPLINK_BACKOFF_MS");
	uplink_backoff_init(&u->backoff, fast ? atoll(fast) : UPLINK_BACKOFF_BASE_MS);
	pthread_mutex_init(&u->lock, NULL);
	/* Before any thread of ours exists: curl's global state is set up once. */
	size_t site_cap = SITE_PAYLOAD_MAX > SITE_CACHE_PO_MAX ? SITE_PAYLOAD_MAX : SITE_CACHE_PO_MAX;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(u->multi = curl_multi_init()) ||
	    uplink_transfer_init(&u->events) != KIOSK_OK || uplink_transfer_init(&u->health) != KIOSK_OK ||
	    uplink_transfer_init(&u->ticket) != KIOSK_OK || uplink_transfer_init(&u->queue_t) != KIOSK_OK ||
	    uplink_transfer_init_cap(&u->site_t, site_cap) != KIOSK_OK ||
	    uplink_transfer_init_cap(&u->booking_t, UPLINK_BOOKING_REPLY_MAX) != KIOSK_OK ||
	    pthread_create(&u->thread, NULL, run, u) != 0) {
		uplink_transfer_fini(&u->booking_t);
		uplink_transfer_fini(&u->events);
		uplink_transfer_fini(&u->health);
		uplink_transfer_fini(&u->ticket);
		uplink_transfer_fini(&u->queue_t);
		uplink_transfer_fini(&u->site_t);
		curl_multi_cleanup(u->multi);
		curl_global_cleanup();
		pthread_mutex_destroy(&u->lock);
		free(u);
		return NULL;
	}
	return u;
}

void uplink_kick(struct uplink *u)
{
	if (!u)
		return;
	pthread_mutex_lock(&u->lock);
	u->kicked = true;
	pthread_mutex_unlock(&u->lock);
	curl_multi_wakeup(u->multi);
}

void uplink_stop(struct uplink *u)
{
	if (!u)
		return;
	pthread_mutex_lock(&u->lock);
	u->stop = true;
	pthread_mutex_unlock(&u->lock);
	curl_multi_wakeup(u->multi);
	pthread_join(u->thread, NULL);
	site_bundle_destroy(u->site_ready);
	curl_multi_cleanup(u->multi);
	pthread_mutex_destroy(&u->lock);
	free(u);
	curl_global_cleanup();
}

unsigned uplink_round_start(struct uplink *u)
{
	if (!u)
		return 0;
	pthread_mutex_lock(&u->lock);
	unsigned round = ++u->round_asked;
	pthread_mutex_unlock(&u->lock);
	curl_multi_wakeup(u->multi);
	return round;
}

bool uplink_round_done(struct uplink *u, unsigned round)
{
	if (!u)
		return true;
	pthread_mutex_lock(&u->lock);
	bool done = (int)(u->round_done - round) >= 0;
	pthread_mutex_unlock(&u->lock);
	return done;
}
