/*
 * DESIGN: tickets, the office's queue.
 *
 * What it is: queue numbers allocated for the whole office (one counter per
 * office, day and service, the ticket row and the remembered reply in one
 * transaction), the queue's state, and desks calling the next ticket
 * (priority first, then oldest) with the visit-time estimate built from
 * those calls. Days are the office's local dates in its own time zone.
 * Visitors checking in for an in-person appointment get a number in the
 * office's appointments queue (TICKETS_APPOINTMENTS) the same way, so desks
 * call them like any other queue.
 * What it is not: the numbering rules or the estimate's arithmetic (pure, in
 * numbering.c and handling.c); tickets a kiosk issued offline arrive as
 * events (events.c puts them in the queue).
 * Threading: any connection thread; each request's reads and writes are one
 * critical section under the db lock, so two kiosks asking at the same moment
 * get consecutive numbers and a repeated Idempotency-Key is seen. The clock
 * is faults_now_ms: the wall clock unless a test set it (so a check-in's
 * ticket and the desk calling it agree on the day).
 */
#include "tickets.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "central.h"
#include "db.h"
#include "faults.h"
#include "handling.h"
#include "http.h"
#include "idempotency.h"
#include "kiosk/queue.h"
#include "numbering.h"
#include "site.h"

/* The office's desk calls in the handling window, by desk then time. */
struct calls {
	struct handling_call *v;
	size_t n;
};

static void calls_fini(struct calls *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->v[i].desk);
		free((char *)c->v[i].service);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

/* Under the db lock. */
static bool calls_load(struct db *db, const char *office, int64_t now, struct calls *c)
{
	c->v = NULL;
	c->n = 0;
	size_t cap = 0;
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT desk, service, called_ms FROM calls WHERE office = ? AND called_ms >= ?"
			   " ORDER BY desk, called_ms");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, office, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now - HANDLING_WINDOW_MS);
	bool ok = true;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			struct handling_call *v = realloc(c->v, cap * sizeof *v);
			if (!v) {
				ok = false;
				break;
			}
			c->v = v;
		}
		struct handling_call *h = &c->v[c->n];
		h->desk = strdup((const char *)sqlite3_column_text(st, 0));
		h->service = strdup((const char *)sqlite3_column_text(st, 1));
		h->ms = sqlite3_column_int64(st, 2);
		c->n++;
		ok = h->desk && h->service;
	}
	sqlite3_finalize(st);
	if (!ok)
		calls_fini(c);
	return ok;
}

/* {"avg_s","samples","desks"}, or null when too few visits are known. */
static json_t *handling_json(const struct calls *c, const char *service, int64_t now)
{
	struct handling h;
	if (!handling_estimate(c->v, c->n, service, now, &h))
		return json_null();
	return json_pack("{s:i,s:i,s:i}", "avg_s", h.avg_s, "samples", h.samples, "desks", h.desks);
}

/* Tickets of the service waiting today, leaving out one number (or none). */
static long long waiting(struct db *db, const char *office, const char *day, const char *service, const char *except)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM tickets WHERE office = ? AND day = ? AND service = ?"
					  " AND called_ms IS NULL AND number <> ?");
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, office, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, except ? except : "", -1, SQLITE_TRANSIENT);
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return n;
}

/* The next server number for the service today, its ticket row written.
 * A number some kiosk already reported for the day is skipped. Under the db
 * lock, in the caller's transaction. Returns the number, or -1. */
static int allocate(struct db *db, const char *office, const char *day, const struct service *s, bool priority,
		    int64_t now, char *number, size_t cap)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT issued FROM counters WHERE office = ? AND day = ? AND service = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, office, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, s->id, -1, SQLITE_TRANSIENT);
	int issued = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	int num = -1;
	for (bool placed = false; !placed;) {
		num = queue_number_online(++issued);
		if (num < 0 || !numbering_format(number, cap, s->prefix, num))
			return -1;
		st = db_prepare(db, "INSERT OR IGNORE INTO tickets(office, day, service, number, priority, issued_ms,"
				    " allocated_by) VALUES (?, ?, ?, ?, ?, ?, 'server')");
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, office, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, s->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, priority);
		sqlite3_bind_int64(st, 6, now);
		if (!db_run(db, st))
			return -1;
		placed = sqlite3_changes(db_handle(db)) == 1;
	}
	st = db_prepare(db, "INSERT INTO counters(office, day, service, issued) VALUES (?, ?, ?, ?)"
			    " ON CONFLICT(office, day, service) DO UPDATE SET issued = excluded.issued");
	if (st) {
		sqlite3_bind_text(st, 1, office, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, s->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, issued);
	}
	return db_run(db, st) ? num : -1;
}

bool tickets_appointment(struct db *db, const struct office *o, const char *day, int64_t now, char *number, size_t cap,
			 long long *ahead)
{
	if (allocate(db, o->id, day, &o->appointments, false, now, number, cap) < 0)
		return false;
	*ahead = waiting(db, o->id, day, o->appointments.id, number);
	return true;
}

/* A COMMIT that failed wrote nothing: the reply already made must not go out. */
static void commit_failed(struct db *db, struct reply *r)
{
	db_rollback(db);
	reply_error(r, 503, "storage_failed", "the change could not be stored; ask again with the same key");
}

/* What every write on a service starts with: a replayed key answers from
 * memory, an unknown service is 404 (desks may also call the appointments
 * queue); else the service, the time and the office's local time. NULL when
 * r is already filled. */
static const struct service *begin(struct req *q, const struct office *o, const char *scope, json_t *doc,
				   const char *key, const char *hash, struct reply *r, int64_t *now,
				   struct site_time *lt, bool desk)
{
	struct db *db = q->c->db;
	if (idempotency_replay(db, scope, key, hash, r))
		return NULL;
	const char *sid = json_string_value(json_object_get(doc, "service"));
	const struct service *s = desk ? site_queue(o, sid) : site_service(o, sid);
	if (!s) {
		reply_error(r, 404, "unknown_service", "no service '%.40s' at this office", sid);
		return NULL;
	}
	*now = faults_now_ms(q->c->faults);
	site_local_time(o, (time_t)(*now / 1000), lt);
	return s;
}

/* Under the db lock, in a transaction; fills r. True when the transaction should commit. */
/* A write as one transaction under the db lock: fn fills r and says whether
 * to commit (a replay or a refusal changes nothing). */
static void in_transaction(struct req *q, const struct office *o, json_t *doc, const char *key, struct reply *r,
			   bool (*fn)(struct req *, const struct office *, json_t *, const char *, const char *,
				      struct reply *))
{
	char hash[65];
	idempotency_request_hash(doc, hash);
	struct db *db = q->c->db;
	db_lock(db);
	if (!db_exec(db, "BEGIN IMMEDIATE"))
		reply_error(r, 503, "storage_failed", "the database failed");
	else if (!fn(q, o, doc, key, hash, r))
		db_rollback(db);
	else if (!db_exec(db, "COMMIT"))
		commit_failed(db, r);
	db_unlock(db);
}

static bool issue(struct req *q, const struct office *o, json_t *doc, const char *key, const char *hash,
		  struct reply *r)
{
	struct db *db = q->c->db;
	char scope[96];
	snprintf(scope, sizeof scope, "tickets:%s", q->kiosk_id);
	int64_t now;
	struct site_time lt;
	const struct service *s = begin(q, o, scope, doc, key, hash, r, &now, &lt, false);
	if (!s)
		return false;
	const char *day = json_string_value(json_object_get(doc, "day"));
	if (strcmp(day, lt.day) != 0) {
		reply_error(r, 422, "wrong_day", "the office's day is %s, not %.10s", lt.day, day);
		return false;
	}
	if (!service_open_at(s, lt.weekday, lt.minute)) {
		reply_error(r, 409, "service_closed", "service '%s' is closed now", s->id);
		return false;
	}
	char number[16];
	int seq =
	    allocate(db, o->id, lt.day, s, json_is_true(json_object_get(doc, "priority")), now, number, sizeof number);
	struct calls calls;
	if (seq < 0 || !calls_load(db, o->id, now, &calls)) {
		reply_error(r, 503, "storage_failed", "no number could be allocated");
		return false;
	}
	json_t *body = json_pack("{s:s,s:i,s:s,s:s,s:I,s:o}", "number", number, "seq", seq, "service", s->id, "day",
				 lt.day, "ahead", waiting(db, o->id, lt.day, s->id, number), "handling",
				 handling_json(&calls, s->id, now));
	calls_fini(&calls);
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!text || !idempotency_store(db, scope, key, hash, 201, text)) {
		free(text);
		reply_error(r, 503, "storage_failed", "the ticket could not be stored");
		return false;
	}
	reply_raw(r, 201, "application/json", text, strlen(text));
	return true;
}

void tickets_post(struct req *q, struct reply *r)
{
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	json_t *doc = http_json_body(q);
	json_t *prio = json_object_get(doc, "priority");
	if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "service")) ||
	    !json_is_string(json_object_get(doc, "day")) || (prio && !json_is_boolean(prio))) {
		json_decref(doc);
		reply_error(r, 400, "bad_request",
			    "the body must be {\"service\": \"...\", \"priority\": false, \"day\": \"YYYY-MM-DD\"}");
		return;
	}
	const struct office *o = site_find(q->c, q->office);
	if (!o) {
		json_decref(doc);
		reply_error(r, 403, "unknown_office", "this kiosk's office is not served here");
		return;
	}
	in_transaction(q, o, doc, key, r, issue);
	json_decref(doc);
}

void tickets_queue(struct req *q, struct reply *r)
{
	const struct office *o = site_find(q->c, q->office);
	if (!o) {
		reply_error(r, 403, "unknown_office", "this kiosk's office is not served here");
		return;
	}
	int64_t now = faults_now_ms(q->c->faults);
	struct site_time lt;
	site_local_time(o, (time_t)(now / 1000), &lt);
	json_t *list = json_array();
	struct calls calls;
	struct db *db = q->c->db;
	db_lock(db);
	bool ok = list && calls_load(db, o->id, now, &calls);
	/* The services, then the appointments queue (checked-in visitors) when the office has one. */
	for (int i = 0; ok && i <= o->sv.count; i++) {
		const char *sid = i < o->sv.count	    ? o->sv.s[i].id
				  : o->appointments.prefix[0] ? o->appointments.id
							      : NULL;
		if (sid)
			json_array_append_new(list, json_pack("{s:s,s:I,s:o}", "service", sid, "waiting",
							      waiting(db, o->id, lt.day, sid, NULL), "handling",
							      handling_json(&calls, sid, now)));
	}
	if (ok)
		calls_fini(&calls);
	db_unlock(db);
	if (!ok) {
		json_decref(list);
		reply_error(r, 503, "storage_failed", "the database failed");
		return;
	}
	reply_json(r, 200, json_pack("{s:s,s:o}", "day", lt.day, "services", list));
}

/* Under the db lock, in a transaction; fills r. True when the transaction should commit. */
static bool call_next(struct req *q, const struct office *o, json_t *doc, const char *key, const char *hash,
		      struct reply *r)
{
	struct db *db = q->c->db;
	char scope[96];
	snprintf(scope, sizeof scope, "desk:%s", o->id);
	int64_t now;
	struct site_time lt;
	const struct service *s = begin(q, o, scope, doc, key, hash, r, &now, &lt, true);
	if (!s)
		return false;
	const char *desk = json_string_value(json_object_get(doc, "desk"));
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT rowid, number FROM tickets WHERE office = ? AND day = ? AND service = ?"
			   " AND called_ms IS NULL ORDER BY priority DESC, issued_ms, rowid LIMIT 1");
	if (!st) {
		reply_error(r, 503, "storage_failed", "the database failed");
		return false;
	}
	sqlite3_bind_text(st, 1, o->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, lt.day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, s->id, -1, SQLITE_TRANSIENT);
	char number[16] = "";
	sqlite3_int64 row = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		row = sqlite3_column_int64(st, 0);
		snprintf(number, sizeof number, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	char *text = NULL;
	unsigned status = 204;
	bool ok = true;
	if (number[0]) {
		st = db_prepare(db, "UPDATE tickets SET called_ms = ?, desk = ? WHERE rowid = ?");
		if (st) {
			sqlite3_bind_int64(st, 1, now);
			sqlite3_bind_text(st, 2, desk, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 3, row);
		}
		ok = db_run(db, st);
		st = ok ? db_prepare(
			      db, "INSERT INTO calls(office, service, desk, called_ms, number) VALUES (?, ?, ?, ?, ?)")
			: NULL;
		if (st) {
			sqlite3_bind_text(st, 1, o->id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, s->id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, desk, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 4, now);
			sqlite3_bind_text(st, 5, number, -1, SQLITE_TRANSIENT);
		}
		ok = ok && db_run(db, st);
		json_t *body = json_pack("{s:s,s:s}", "number", number, "desk", desk);
		text = body ? json_dumps(body, JSON_COMPACT) : NULL;
		json_decref(body);
		status = 200;
	}
	if (!ok || (status == 200 && !text) || !idempotency_store(db, scope, key, hash, status, text ? text : "")) {
		free(text);
		reply_error(r, 503, "storage_failed", "the call could not be stored");
		return false;
	}
	if (text)
		reply_raw(r, 200, "application/json", text, strlen(text));
	else
		reply_empty(r, 204);
	return true;
}

void tickets_desk_next(struct req *q, struct reply *r)
{
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	json_t *doc = http_json_body(q);
	const char *desk = json_string_value(json_object_get(doc, "desk"));
	json_t *office = json_object_get(doc, "office");
	if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "service")) || !desk || !*desk ||
	    strlen(desk) > 32 || (office && !json_is_string(office))) {
		json_decref(doc);
		reply_error(r, 400, "bad_request", "the body must be {\"service\": \"...\", \"desk\": \"...\"}");
		return;
	}
	/* The protocol's desk request names no office: with one office served it is that one. */
	const struct office *o = office		       ? site_find(q->c, json_string_value(office))
				 : q->c->noffices == 1 ? &q->c->offices[0]
						       : NULL;
	if (!o) {
		json_decref(doc);
		if (office)
			reply_error(r, 404, "unknown_office", "no office '%.48s' here", json_string_value(office));
		else
			reply_error(r, 400, "bad_request",
				    "this server serves several offices: say which in \"office\"");
		return;
	}
	in_transaction(q, o, doc, key, r, call_next);
	json_decref(doc);
}
