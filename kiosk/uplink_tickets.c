/*
 * DESIGN: uplink_tickets, queue numbers from the server and the queue's state.
 *
 * What it is: the uplink thread's side of a visitor taking a number
 * (docs/queue-numbering.md). uplink_take_ticket (UI thread) gives the
 * request an Idempotency-Key and a deadline 1.5 s away and queues it; the
 * thread sends one POST /v1/tickets at a time, on its own handle, with curl's
 * timeout set to what is left of the deadline. Then exactly one of:
 *   - a checked reply: the queue snapshot is updated and APP_MSG_QUEUE
 *     posted, then the store commits exactly that number (STORE_SERIES_SERVER)
 *     and answers APP_MSG_TICKET, so the UI knows who is ahead before it
 *     sees the number;
 *   - no usable answer in time (no credentials, refused credentials,
 *     network, timeout, 408/429/5xx, a reply that fails the checks): the
 *     store takes the kiosk's offline series (STORE_SERIES_OFFLINE). A reply
 *     that arrives after the deadline is never read: curl has dropped the
 *     exchange, and the number the server may have allocated goes unused;
 *   - a refusal that can never succeed (400/404/409/422 with the protocol's
 *     error body: unknown service, closed, wrong day): APP_MSG_TICKET with
 *     KIOSK_ERR_INVALID, and the visitor is sent to the desk.
 * The queue's state (GET /v1/queue) is fetched with every heartbeat and when
 * a session starts (uplink_refresh_queue); APP_MSG_QUEUE when it changed.
 * What it is not: numbering (the store and kiosk/core/queue.c) or showing.
 * Threading: the request ring, the owed counts and the snapshot are under
 * u->lock; the transfers belong to the uplink thread.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "uplink_private.h"

static bool entry_equal(const struct uplink_queue_entry *a, const struct uplink_queue_entry *b)
{
	return strcmp(a->service, b->service) == 0 && a->waiting == b->waiting && a->has_handling == b->has_handling &&
	       (!a->has_handling ||
		(a->handling.avg_s == b->handling.avg_s && a->handling.samples == b->handling.samples &&
		 a->handling.desks == b->handling.desks));
}

static void owe_less(struct uplink *u)
{
	pthread_mutex_lock(&u->lock);
	u->tickets_owed--;
	pthread_mutex_unlock(&u->lock);
}

static void store_ticket(struct uplink *u, const struct uplink_ticket_job *j, enum store_series series, int number)
{
	struct store_ticket t = {
	    .service = j->r.service,
	    .prefix = j->r.prefix,
	    .day = j->r.day,
	    .priority = j->r.priority,
	    .series = series,
	    .number = number,
	    .kiosk = j->r.kiosk,
	    .kiosks = j->r.kiosks,
	};
	store_take_ticket_number(u->store, &t);
}

/* The offline series; why goes to the log, once per ticket. */
static void offline(struct uplink *u, const struct uplink_ticket_job *j, const char *why)
{
	fprintf(stderr, "kiosk: uplink: a number of the offline series for %s: %s\n", j->r.service, why);
	store_ticket(u, j, STORE_SERIES_OFFLINE, 0);
}

static void refuse(struct uplink *u, const struct uplink_ticket_job *j, long status, const char *code)
{
	fprintf(stderr, "kiosk: uplink: the server refuses a number for %s (%ld %s): the visitor is sent to the desk\n",
		j->r.service, status, code);
	struct app_msg m = {APP_MSG_TICKET, KIOSK_ERR_INVALID, 0};
	post_send(u->post, &m);
}

void uplink_take_ticket(struct uplink *u, const struct uplink_ticket_request *r)
{
	if (!u)
		return;
	if (!u->store) {
		struct app_msg m = {APP_MSG_TICKET, KIOSK_ERR_STOPPED, 0}; /* nothing could commit a number */
		post_send(u->post, &m);
		return;
	}
	struct uplink_ticket_job j = {.r = *r, .deadline = uplink_mono_ms() + UPLINK_TICKET_DEADLINE_MS};
	store_new_id(j.key, uplink_wall_ms());
	pthread_mutex_lock(&u->lock);
	bool queued = u->npending < UPLINK_TICKETS_MAX;
	if (queued) {
		u->pending[(u->head + u->npending++) % UPLINK_TICKETS_MAX] = j;
		u->tickets_owed++;
	}
	pthread_mutex_unlock(&u->lock);
	if (queued)
		curl_multi_wakeup(u->multi);
	else
		offline(u, &j, "too many requests at once"); /* the store never blocks: fine on this thread */
}

/* Takes the oldest request off the ring if it should start or fall back now. */
static bool next_job(struct uplink *u, long long now, bool can_start, struct uplink_ticket_job *j)
{
	pthread_mutex_lock(&u->lock);
	bool take = u->npending > 0 && (can_start || u->pending[u->head].deadline <= now);
	if (take) {
		*j = u->pending[u->head];
		u->head = (u->head + 1) % UPLINK_TICKETS_MAX;
		u->npending--;
	}
	pthread_mutex_unlock(&u->lock);
	return take;
}

static void start_ticket(struct uplink *u, const struct uplink_ticket_job *j, long long now)
{
	char *body = uplink_ticket_json(j->r.service, j->r.priority, j->r.day);
	struct uplink_request rq = {
	    .body = body,
	    .len = body ? strlen(body) : 0,
	    .content_type = "application/json",
	    .idempotency_key = j->key,
	    .timeout_ms = j->deadline - now > 0 ? j->deadline - now : 1,
	};
	enum kiosk_err err = body ? uplink_send(u, &u->ticket, "/v1/tickets", &rq) : KIOSK_ERR_NOMEM;
	free(body);
	if (err == KIOSK_OK) {
		u->cur = *j;
		return;
	}
	offline(u, j, kiosk_err_str(err));
	owe_less(u);
}

void uplink_tickets_step(struct uplink *u, long long now)
{
	struct uplink_ticket_job j;
	if (!uplink_sending(u)) {
		/* Nothing will be fetched: a refresh asked for is answered by silence. */
		pthread_mutex_lock(&u->lock);
		u->queue_wanted = false;
		pthread_mutex_unlock(&u->lock);
	}
	for (;;) {
		bool sending = uplink_sending(u);
		if (!next_job(u, now, !sending || !u->ticket.busy, &j))
			return;
		if (sending && j.deadline > now) {
			start_ticket(u, &j, now); /* settles the request itself if it cannot start */
			continue;
		}
		offline(u, &j, uplink_unsent_why(u));
		owe_less(u);
	}
}

long long uplink_tickets_next(struct uplink *u)
{
	pthread_mutex_lock(&u->lock);
	long long next = u->npending > 0 ? u->pending[u->head].deadline : LLONG_MAX;
	pthread_mutex_unlock(&u->lock);
	return next;
}

/* The reply's figures: the service's queue now holds the new ticket too. */
static void note_ticket(struct uplink *u, const struct uplink_ticket_reply *t)
{
	pthread_mutex_lock(&u->lock);
	struct uplink_queue_snapshot *q = &u->queue;
	int i = 0;
	while (i < q->n && strcmp(q->s[i].service, t->service) != 0)
		i++;
	struct uplink_queue_entry e = {
	    .waiting = t->ahead + 1, .has_handling = t->has_handling, .handling = t->handling};
	snprintf(e.service, sizeof(e.service), "%s", t->service);
	if (i < SERVICES_MAX) {
		q->s[i] = e;
		q->n = i == q->n ? q->n + 1 : q->n;
	}
	q->ticket_number = t->seq;
	q->ticket = e;
	q->ticket.waiting = t->ahead;
	pthread_mutex_unlock(&u->lock);
	struct app_msg m = {APP_MSG_QUEUE, KIOSK_OK, t->seq};
	post_send(u->post, &m);
}

void uplink_tickets_finish(struct uplink *u, CURLcode res, long long now)
{
	struct uplink_transfer *t = &u->ticket;
	const struct uplink_ticket_job *j = &u->cur;
	long status = res == CURLE_OK ? uplink_transfer_status(t) : 0;
	char code[64] = "", msg[200] = "", why[160];
	bool has_error = uplink_error_code(t->reply, t->reply_len, code, sizeof(code), msg, sizeof(msg));
	enum uplink_verdict v = uplink_verdict_of(status);
	struct uplink_ticket_reply r;
	if (res != CURLE_OK) {
		offline(u, j, res == CURLE_OPERATION_TIMEDOUT ? "no answer in time" : curl_easy_strerror(res));
	} else if (v == UPLINK_V_DONE) {
		if (uplink_parse_ticket(t->reply, t->reply_len, &r) == KIOSK_OK &&
		    uplink_ticket_matches(&r, j->r.service, j->r.prefix, j->r.day)) {
			uplink_server_is_back(u, now);
			uplink_set_state(u, UPLINK_OK, NULL);
			note_ticket(u, &r); /* before the number: the UI must know who is ahead first */
			store_ticket(u, j, STORE_SERIES_SERVER, r.seq);
		} else {
			offline(u, j, "the reply is not the number asked for");
		}
	} else if (v == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "tickets", status);
		offline(u, j, "the server refused the credentials");
	} else if (has_error && (v == UPLINK_V_REFUSED || status == 409)) {
		refuse(u, j, status, code);
	} else {
		snprintf(why, sizeof(why), "HTTP %ld%s%s", status, has_error ? " " : "", code);
		offline(u, j, why);
	}
	owe_less(u);
}

void uplink_tickets_fini(struct uplink *u)
{
	pthread_mutex_lock(&u->lock);
	u->npending = 0;
	u->tickets_owed = 0;
	pthread_mutex_unlock(&u->lock);
}

void uplink_refresh_queue(struct uplink *u)
{
	if (!u)
		return;
	pthread_mutex_lock(&u->lock);
	u->queue_wanted = true;
	pthread_mutex_unlock(&u->lock);
	curl_multi_wakeup(u->multi);
}

void uplink_queue_start(struct uplink *u)
{
	struct uplink_request rq = {.timeout_ms = UPLINK_QUEUE_TIMEOUT_MS};
	u->queue_due = false;
	pthread_mutex_lock(&u->lock);
	u->queue_for_ui = u->queue_wanted;
	pthread_mutex_unlock(&u->lock);
	if (uplink_send(u, &u->queue_t, "/v1/queue", &rq) != KIOSK_OK)
		uplink_queue_finish(u, CURLE_OUT_OF_MEMORY);
}

void uplink_queue_finish(struct uplink *u, CURLcode res)
{
	struct uplink_transfer *t = &u->queue_t;
	long status = res == CURLE_OK ? uplink_transfer_status(t) : 0;
	struct uplink_queue_state q;
	bool changed = false;
	if (res == CURLE_OK && status == 200 && uplink_parse_queue(t->reply, t->reply_len, &q) == KIOSK_OK) {
		pthread_mutex_lock(&u->lock);
		struct uplink_queue_snapshot *s = &u->queue;
		changed = s->n != q.n;
		for (int i = 0; i < q.n && !changed; i++)
			changed = !entry_equal(&s->s[i], &q.s[i]);
		s->n = q.n;
		memcpy(s->s, q.s, sizeof(q.s));
		pthread_mutex_unlock(&u->lock);
	} else if (res == CURLE_OK && uplink_verdict_of(status) == UPLINK_V_AUTH) {
		uplink_refused_for_good(u, "queue", status);
	}
	/* Posted before the request is settled: the script harness then finds it pending. */
	if (changed) {
		struct app_msg m = {APP_MSG_QUEUE, KIOSK_OK, 0};
		post_send(u->post, &m);
	}
	pthread_mutex_lock(&u->lock);
	if (u->queue_for_ui)
		u->queue_wanted = false;
	u->queue_for_ui = false;
	pthread_mutex_unlock(&u->lock);
}

void uplink_queue_snapshot(struct uplink *u, struct uplink_queue_snapshot *out)
{
	if (!u) {
		memset(out, 0, sizeof(*out));
		return;
	}
	pthread_mutex_lock(&u->lock);
	*out = u->queue;
	pthread_mutex_unlock(&u->lock);
}

int uplink_pending(struct uplink *u)
{
	if (!u)
		return 0;
	pthread_mutex_lock(&u->lock);
	int n = u->tickets_owed + (u->queue_wanted ? 1 : 0) + u->bookings_owed;
	pthread_mutex_unlock(&u->lock);
	return n;
}
