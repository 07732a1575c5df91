/*
 * DESIGN: bookings, the office's appointments (docs/protocol.md, "Bookings").
 *
 * What it is: availability, holds, confirmation, finding, cancelling, moving
 * and checking in, and the retention purge of contact details. Every slot
 * question is answered by the kiosk's own core (booking_slots,
 * booking_slot_free, booking_nearest, booking_checkin_window), in the
 * office's zone, with what is busy from SQLite: the service's bookings that
 * are not cancelled and its holds that have not expired, sorted by start.
 * A hold, a confirmation and a move each re-check their slot in the one
 * BEGIN IMMEDIATE transaction that writes it, under the db lock, so of two
 * kiosks after the last free slot exactly one gets it. A live hold's slot is
 * re-checked as of the moment the hold was taken: the hold kept it, so the
 * minimum notice running on while the visitor types does not take it away.
 * Expired holds count for nothing; the next hold and the purge delete those
 * expired for an hour (until then a late confirmation can still be told
 * whether its slot has gone).
 * Contact details live apart (booking_contacts), are read only for the
 * second check, are never in a reply or a log line, and are deleted once
 * the appointment's local day plus the office's [booking] retention_days
 * has passed (bookings_purge: at start, hourly from main, and on POST
 * /v1/_test/purge), the database file and its WAL overwritten (secure_delete,
 * then a truncating checkpoint).
 * The server records no booking events of its own: the kiosk that acted
 * reports kiosk.booking.* and kiosk.checkin.arrived from its outbox, so a
 * server copy would count every booking twice.
 * What it is not: slot arithmetic, references or contact rules (the core's);
 * queue numbers (an in-person check-in gets its number from tickets.c).
 * Threading: any connection thread; each request's reads and writes are one
 * critical section under the db lock. "Now" is faults_now_ms: the wall
 * clock, unless a test (--test-faults) set it.
 */
#include "bookings.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "central.h"
#include "db.h"
#include "faults.h"
#include "http.h"
#include "idempotency.h"
#include "kiosk/booking.h"
#include "site.h"
#include "tickets.h"
#include "utc.h"

#define DAY_S 86400
#define NEAREST 6
#define REASON_TEXT_MAX 120 /* characters */
#define BUSY_MAX (1 << 20)  /* a runaway table, not an office */
#define HOLD_KEPT_EXPIRED_MS (3600LL * 1000)

/* What takes an adviser: bookings and live holds, sorted by start. */
struct busy {
	struct booking_busy *v;
	int n, cap;
};

/* A booking as stored, without its contact details. */
struct row {
	int64_t id;
	char reference[BOOKING_REF_LEN];
	char service[24];
	char mode[16];
	char state[16];
	int64_t start, end; /* UTC seconds */
	char check[8];	    /* "phone" or "email" */
};

struct hold {
	char id[40];
	char service[24];
	char mode[16];
	int64_t start, end; /* UTC seconds */
	int64_t created_ms, expires_ms;
};

/* One write: its request, the key, and what the transaction works with. */
struct write {
	struct req *q;
	const struct office *o;
	json_t *doc; /* the body; NULL for DELETE */
	const char *key;
	char scope[96];
	char hash[65];
	char ref[BOOKING_REF_LEN]; /* from the path */
	char hold[40];		   /* DELETE /v1/holds/<hold> */
	int64_t now_ms;
};

static const struct office *office_of(const struct req *q, struct reply *r)
{
	const struct office *o = site_find(q->c, q->office);
	if (!o)
		reply_error(r, 403, "unknown_office", "this kiosk's office is not served here");
	return o;
}

static bool offered(const struct service *s, enum booking_mode mode)
{
	return s->booking.offered && s->booking.mode_days[mode] != 0;
}

/* Seconds of the first whole second at or after ms. */
static int64_t ceil_s(int64_t ms)
{
	return ms >= 0 ? (ms + 999) / 1000 : ms / 1000;
}

static void local_day(const struct office *o, int64_t utc_s, char day[11])
{
	struct site_time lt;
	site_local_time(o, (time_t)utc_s, &lt);
	memcpy(day, lt.day, sizeof lt.day);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void copy_column(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(dst, cap, "%s", v ? (const char *)v : "");
}

/* Under the db lock. Bookings not cancelled and holds alive at now_ms of
 * the service that overlap [from, to), leaving out one hold and one booking
 * (a confirmation's or a move's own); false when the database failed. */
static bool busy_load(struct db *db, const char *office, const char *service, int64_t from, int64_t to, int64_t now_ms,
		      const char *except_hold, int64_t except_booking, struct busy *b)
{
	b->v = NULL;
	b->n = b->cap = 0;
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT start_s, end_s FROM bookings WHERE office = ?1 AND service = ?2 AND state <> 'cancelled'"
		" AND end_s > ?3 AND start_s < ?4 AND id <> ?6"
		" UNION ALL SELECT start_s, end_s FROM holds WHERE office = ?1 AND service = ?2 AND expires_ms > ?5"
		" AND end_s > ?3 AND start_s < ?4 AND id <> ?7 ORDER BY 1");
	if (!st)
		return false;
	bind_text(st, 1, office);
	bind_text(st, 2, service);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	sqlite3_bind_int64(st, 5, now_ms);
	sqlite3_bind_int64(st, 6, except_booking);
	bind_text(st, 7, except_hold ? except_hold : "");
	bool ok = true;
	int rc;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (b->n == b->cap) {
			int cap = b->cap ? b->cap * 2 : 64;
			struct booking_busy *v = cap <= BUSY_MAX ? realloc(b->v, (size_t)cap * sizeof *v) : NULL;
			if (!v) {
				ok = false;
				break;
			}
			b->v = v;
			b->cap = cap;
		}
		b->v[b->n].start = sqlite3_column_int64(st, 0);
		b->v[b->n].end = sqlite3_column_int64(st, 1);
		b->n++;
	}
	if (ok && rc != SQLITE_DONE) {
		fprintf(stderr, "kiosk-central: database: busy slots: %s\n", sqlite3_errmsg(db_handle(db)));
		ok = false;
	}
	sqlite3_finalize(st);
	if (!ok) {
		free(b->v);
		b->v = NULL;
		b->n = 0;
	}
	return ok;
}

/* Under the db lock. The free slots of the service and mode starting in
 * [from, to) (UTC seconds) at now_ms, at most BOOKING_MAX_SLOTS into out;
 * how many, or -1 when the database failed. */
/* Under the db lock: the free slots, booking except (a booking being moved:
 * its own meeting does not stand in its way) set aside. */
static int free_slots(struct db *db, const struct office *o, const struct service *s, enum booking_mode mode,
		      int64_t now_ms, int64_t from, int64_t to, int64_t except, struct booking_slot *out)
{
	/* The core finds nothing before now or after the horizon: do not make it walk there. */
	int64_t now = now_ms / 1000, last = now + ((int64_t)s->booking.horizon_days + 2) * DAY_S;
	from = from < now ? now : from;
	to = to > last ? last : to;
	if (from >= to)
		return 0;
	struct busy b;
	if (!busy_load(db, o->id, s->id, from - DAY_S, to + DAY_S, now_ms, NULL, except, &b))
		return -1;
	int n = booking_slots(&s->booking, &o->sv.closures, mode, &o->zone, now, from, to, b.v, b.n, out,
			      BOOKING_MAX_SLOTS);
	free(b.v);
	return n;
}

static json_t *slots_json(const struct booking_slot *v, int n)
{
	json_t *list = json_array();
	for (int i = 0; list && i < n; i++) {
		char start[UTC_TEXT_LEN], end[UTC_TEXT_LEN];
		utc_format_ms(v[i].start * 1000, start);
		utc_format_ms(v[i].end * 1000, end);
		json_array_append_new(list, json_pack("{s:s,s:s,s:i}", "start", start, "end", end, "free", v[i].free));
	}
	return list;
}

/* Under the db lock. Up to NEAREST free slots nearest to wanted, as JSON
 * (an empty array when there are none). Near ones first; the whole horizon
 * when the four weeks around wanted have too few. */
static json_t *nearest(struct db *db, const struct office *o, const struct service *s, enum booking_mode mode,
		       int64_t now_ms, int64_t wanted, int64_t except)
{
	struct booking_slot *all = malloc(BOOKING_MAX_SLOTS * sizeof *all), near[NEAREST];
	int n = all ? free_slots(db, o, s, mode, now_ms, wanted - 14 * DAY_S, wanted + 14 * DAY_S, except, all) : -1;
	if (n >= 0 && n < NEAREST)
		n = free_slots(db, o, s, mode, now_ms, 0, INT64_MAX / 2, except, all);
	int k = n > 0 ? booking_nearest(all, n, wanted, near, NEAREST) : 0;
	free(all);
	return slots_json(near, k);
}

static json_t *booking_json(const struct row *b)
{
	char start[UTC_TEXT_LEN], end[UTC_TEXT_LEN];
	utc_format_ms(b->start * 1000, start);
	utc_format_ms(b->end * 1000, end);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "reference", b->reference, "service", b->service, "mode",
			 b->mode, "state", b->state, "start", start, "end", end, "check", b->check);
}

/* Under the db lock: 1 found, 0 no such booking at this office, -1 failed. */
static int row_load(struct db *db, const char *office, const char *ref, struct row *b)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, reference, service, mode, state, start_s, end_s, check_kind"
					  " FROM bookings WHERE office = ? AND reference = ?");
	if (!st)
		return -1;
	bind_text(st, 1, office);
	bind_text(st, 2, ref);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
	if (found == 1) {
		b->id = sqlite3_column_int64(st, 0);
		copy_column(b->reference, sizeof b->reference, st, 1);
		copy_column(b->service, sizeof b->service, st, 2);
		copy_column(b->mode, sizeof b->mode, st, 3);
		copy_column(b->state, sizeof b->state, st, 4);
		b->start = sqlite3_column_int64(st, 5);
		b->end = sqlite3_column_int64(st, 6);
		copy_column(b->check, sizeof b->check, st, 7);
	}
	sqlite3_finalize(st);
	return found;
}

/* Under the db lock: 1 found, 0 gone (retention), -1 failed. */
static int contact_load(struct db *db, int64_t booking, struct booking_contact *c)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st = db_prepare(db, "SELECT name, phone, email FROM booking_contacts WHERE booking = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, booking);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
	if (found == 1) {
		copy_column(c->name, sizeof c->name, st, 0);
		copy_column(c->phone, sizeof c->phone, st, 1);
		copy_column(c->email, sizeof c->email, st, 2);
	}
	sqlite3_finalize(st);
	return found;
}

/* Under the db lock: this kiosk's hold at this office, expired or not. 1
 * found, 0 none, -1 failed. */
static int hold_load(struct db *db, const struct write *w, const char *id, struct hold *h)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, service, mode, start_s, end_s, created_ms, expires_ms FROM holds"
					  " WHERE id = ? AND office = ? AND kiosk = ?");
	if (!st)
		return -1;
	bind_text(st, 1, id);
	bind_text(st, 2, w->o->id);
	bind_text(st, 3, w->q->kiosk_id);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
	if (found == 1) {
		copy_column(h->id, sizeof h->id, st, 0);
		copy_column(h->service, sizeof h->service, st, 1);
		copy_column(h->mode, sizeof h->mode, st, 2);
		h->start = sqlite3_column_int64(st, 3);
		h->end = sqlite3_column_int64(st, 4);
		h->created_ms = sqlite3_column_int64(st, 5);
		h->expires_ms = sqlite3_column_int64(st, 6);
	}
	sqlite3_finalize(st);
	return found;
}

static bool hold_delete(struct db *db, const char *id)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM holds WHERE id = ?");
	if (st)
		bind_text(st, 1, id);
	return db_run(db, st);
}

/* Expired holds count for nothing; they are deleted an hour later, so that a
 * kiosk confirming one late still hears whether its slot has gone. */
static bool delete_expired_holds(struct db *db, int64_t now_ms)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM holds WHERE expires_ms <= ?");
	if (st)
		sqlite3_bind_int64(st, 1, now_ms - HOLD_KEPT_EXPIRED_MS);
	return db_run(db, st);
}

static bool storage_failed(struct reply *r)
{
	reply_error(r, 503, "storage_failed", "the database failed; ask again with the same key");
	return false;
}

/* The reply of a write that succeeded, remembered with its key. Consumes
 * body (NULL: an empty reply, 204). False (and a 503) when it could not be
 * stored: then nothing may be committed. */
static bool answer(struct write *w, struct reply *r, unsigned status, json_t *body)
{
	bool empty = !body;
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if ((!empty && !text) || !idempotency_store(w->q->c->db, w->scope, w->key, w->hash, status, text ? text : "")) {
		free(text);
		return storage_failed(r);
	}
	if (text)
		reply_raw(r, status, "application/json", text, strlen(text));
	else
		reply_empty(r, status);
	return true;
}

/* A write as one BEGIN IMMEDIATE transaction under the db lock: a key seen
 * before answers from memory; else fn fills r and says whether to commit
 * (a refusal changes nothing). The key's request is the path and the body,
 * so one key cannot be spent on two bookings. */
static void write_once(struct write *w, struct reply *r, bool (*fn)(struct write *, struct reply *))
{
	snprintf(w->scope, sizeof w->scope, "bookings:%s", w->q->kiosk_id);
	json_t *request = json_pack("{s:s,s:O?}", "path", w->q->path, "body", w->doc);
	idempotency_request_hash(request, w->hash);
	json_decref(request);
	struct db *db = w->q->c->db;
	db_lock(db);
	w->now_ms = faults_now_ms(w->q->c->faults);
	if (!db_exec(db, "BEGIN IMMEDIATE")) {
		storage_failed(r);
	} else if (idempotency_replay(db, w->scope, w->key, w->hash, r) || !fn(w, r)) {
		db_rollback(db);
	} else if (!db_exec(db, "COMMIT")) {
		/* A COMMIT that failed wrote nothing: the reply already made must not go out. */
		db_rollback(db);
		storage_failed(r);
	}
	db_unlock(db);
}

/* A write with the request's body doc (consumed) on the kiosk's office: fn
 * once for the key (write_once). */
static void write_doc(struct req *q, struct reply *r, const char *key, json_t *doc,
		      bool (*fn)(struct write *, struct reply *))
{
	struct write w = {.q = q, .o = office_of(q, r), .doc = doc, .key = key};
	if (w.o)
		write_once(&w, r, fn);
	json_decref(doc);
}

/* The hold the body names ("hold"), when this kiosk has it; else the answer
 * (410 hold_expired, or 503) is given and false returned. */
static bool named_hold(struct write *w, struct hold *h, struct reply *r)
{
	int found = hold_load(w->q->c->db, w, json_string_value(json_object_get(w->doc, "hold")), h);
	if (found < 0)
		return storage_failed(r);
	if (found == 0) {
		reply_error(r, 410, "hold_expired", "this kiosk holds no such slot: it expired or was used");
		return false;
	}
	return true;
}

/* Whether the hold still keeps its slot for a confirmation or a move (one
 * booking, the moved one, set aside). If not, r says 410 hold_expired, with
 * the nearest free slots when the slot itself has gone. */
static bool still_held(struct write *w, const struct hold *h, const struct service *s, int64_t except_booking,
		       struct reply *r)
{
	struct db *db = w->q->c->db;
	enum booking_mode mode;
	if (!s || !booking_mode_parse(h->mode, &mode) || !offered(s, mode)) {
		reply_error(r, 410, "hold_expired", "the held slot's service or mode is no longer bookable");
		return false;
	}
	bool expired = h->expires_ms <= w->now_ms;
	struct busy b;
	if (!busy_load(db, w->o->id, s->id, h->start - DAY_S, h->end + DAY_S, w->now_ms, h->id, except_booking, &b))
		return storage_failed(r);
	/* A live hold kept its slot since it was taken; an expired one kept nothing. */
	int64_t as_of = (expired ? w->now_ms : h->created_ms) / 1000, end = 0;
	bool free_now =
	    booking_slot_free(&s->booking, &w->o->sv.closures, mode, &w->o->zone, as_of, h->start, b.v, b.n, &end);
	free(b.v);
	if (!expired && free_now)
		return true;
	json_t *extra = free_now ? NULL
				 : json_pack("{s:o}", "nearest",
					     nearest(db, w->o, s, mode, w->now_ms, h->start, except_booking));
	char at[UTC_TEXT_LEN];
	utc_format_ms(h->expires_ms, at);
	if (expired)
		reply_error_with(r, 410, extra, "hold_expired", "the hold expired at %s", at);
	else
		reply_error_with(r, 410, extra, "hold_expired", "the held slot is no longer free");
	return false;
}

/* Under the db lock. The booking a visitor is moving (?moving= or
 * "moving": its reference), whose own meeting does not stand in the way of
 * its new time: with one adviser it can move half an hour later. Only a
 * move of that booking can use such a hold: a confirmation re-checks the
 * slot with every booking counted. NULL ref: none (*id 0). False when r
 * is filled (404 for an unknown reference) or the database failed. */
static bool moving(struct db *db, const struct office *o, const char *ref, int64_t *id, struct reply *r)
{
	*id = 0;
	if (!ref)
		return true;
	char canon[BOOKING_REF_LEN];
	struct row b;
	int found = booking_reference_parse(ref, canon) ? row_load(db, o->id, canon, &b) : 0;
	if (found == 0)
		reply_error(r, 404, "unknown_booking", "no booking with that reference at this office");
	if (found != 1)
		return false;
	*id = b.id;
	return true;
}

/* ---------------------------------------------------------------- availability */

void bookings_availability(struct req *q, struct reply *r)
{
	const struct office *o = office_of(q, r);
	if (!o)
		return;
	const char *sid = http_query(q, "service"), *mname = http_query(q, "mode");
	enum booking_mode mode;
	int64_t from, to;
	if (!sid || !mname || !booking_mode_parse(mname, &mode) || !tz_parse_rfc3339_ms(http_query(q, "from"), &from) ||
	    !tz_parse_rfc3339_ms(http_query(q, "to"), &to) || from >= to) {
		reply_error(r, 400, "bad_request",
			    "ask ?service=S&mode=in_person|phone|video&from=T&to=T, RFC 3339 times, from before to");
		return;
	}
	const struct service *s = site_service(o, sid);
	if (!s) {
		reply_error(r, 404, "unknown_service", "no service '%.40s' at this office", sid);
		return;
	}
	if (!offered(s, mode)) {
		reply_error(r, 422, "not_bookable", "service '%s' cannot be booked %s", s->id,
			    s->booking.offered ? "in this mode" : "at all");
		return;
	}
	struct booking_slot *slots = malloc(BOOKING_MAX_SLOTS * sizeof *slots);
	struct db *db = q->c->db;
	db_lock(db);
	int64_t except = 0;
	int n = -1;
	if (slots && moving(db, o, http_query(q, "moving"), &except, r))
		n = free_slots(db, o, s, mode, faults_now_ms(q->c->faults), ceil_s(from), ceil_s(to), except, slots);
	db_unlock(db);
	if (n < 0) {
		free(slots);
		if (!r->status) /* else moving() answered: an unknown reference */
			reply_error(r, 503, "storage_failed", "the database failed");
		return;
	}
	json_t *list = slots_json(slots, n);
	free(slots);
	reply_json(r, 200,
		   json_pack("{s:s,s:s,s:o}", "service", s->id, "mode", booking_mode_name(mode), "slots", list));
}

/* ---------------------------------------------------------------- holds */

static bool take_hold(struct write *w, struct reply *r)
{
	struct db *db = w->q->c->db;
	const char *sid = json_string_value(json_object_get(w->doc, "service"));
	enum booking_mode mode;
	booking_mode_parse(json_string_value(json_object_get(w->doc, "mode")), &mode);
	int64_t start_ms = 0;
	tz_parse_rfc3339_ms(json_string_value(json_object_get(w->doc, "start")), &start_ms);
	const struct service *s = site_service(w->o, sid);
	if (!s) {
		reply_error(r, 404, "unknown_service", "no service '%.40s' at this office", sid);
		return false;
	}
	if (!offered(s, mode)) {
		reply_error(r, 422, "not_bookable", "service '%s' cannot be booked %s", s->id,
			    s->booking.offered ? "in this mode" : "at all");
		return false;
	}
	if (!delete_expired_holds(db, w->now_ms))
		return storage_failed(r);
	int64_t start = start_ms / 1000, end = 0, except = 0;
	if (!moving(db, w->o, json_string_value(json_object_get(w->doc, "moving")), &except, r))
		return r->status == 404 ? false : storage_failed(r);
	struct busy b;
	if (!busy_load(db, w->o->id, s->id, start - DAY_S, start + 2 * DAY_S, w->now_ms, NULL, except, &b))
		return storage_failed(r);
	/* A start off the slots' grid (or with a fraction of a second) is no free slot either. */
	bool free_now = start_ms % 1000 == 0 && booking_slot_free(&s->booking, &w->o->sv.closures, mode, &w->o->zone,
								  w->now_ms / 1000, start, b.v, b.n, &end);
	free(b.v);
	if (!free_now) {
		reply_error_with(r, 409, json_pack("{s:o}", "nearest", nearest(db, w->o, s, mode, w->now_ms, start, except)),
				 "slot_taken", "that slot is not free");
		return false;
	}
	unsigned char raw[16];
	char id[33];
	if (!auth_random(raw, sizeof raw))
		return storage_failed(r);
	for (int i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
	int64_t expires = w->now_ms + (int64_t)BOOKING_HOLD_S * 1000;
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO holds(id, office, service, mode, start_s, end_s, created_ms,"
					  " expires_ms, kiosk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st) {
		bind_text(st, 1, id);
		bind_text(st, 2, w->o->id);
		bind_text(st, 3, s->id);
		bind_text(st, 4, booking_mode_name(mode));
		sqlite3_bind_int64(st, 5, start);
		sqlite3_bind_int64(st, 6, end);
		sqlite3_bind_int64(st, 7, w->now_ms);
		sqlite3_bind_int64(st, 8, expires);
		bind_text(st, 9, w->q->kiosk_id);
	}
	if (!db_run(db, st))
		return storage_failed(r);
	char t_exp[UTC_TEXT_LEN], t_start[UTC_TEXT_LEN], t_end[UTC_TEXT_LEN];
	utc_format_ms(expires, t_exp);
	utc_format_ms(start * 1000, t_start);
	utc_format_ms(end * 1000, t_end);
	return answer(w, r, 201,
		      json_pack("{s:s,s:s,s:s,s:s}", "hold", id, "expires", t_exp, "start", t_start, "end", t_end));
}

void bookings_hold(struct req *q, struct reply *r)
{
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	json_t *doc = http_json_body(q);
	enum booking_mode mode;
	int64_t start;
	if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "service")) ||
	    !booking_mode_parse(json_string_value(json_object_get(doc, "mode")), &mode) ||
	    !tz_parse_rfc3339_ms(json_string_value(json_object_get(doc, "start")), &start)) {
		json_decref(doc);
		reply_error(
		    r, 400, "bad_request",
		    "the body must be {\"service\": \"...\", \"mode\": \"in_person|phone|video\", \"start\": \"T\"}");
		return;
	}
	write_doc(q, r, key, doc, take_hold);
}

static bool release(struct write *w, struct reply *r)
{
	struct hold h;
	int found = hold_load(w->q->c->db, w, w->hold, &h);
	if (found < 0)
		return storage_failed(r);
	if (found == 0) {
		reply_error(r, 404, "unknown_hold", "this kiosk holds no such slot");
		return false;
	}
	if (!hold_delete(w->q->c->db, h.id))
		return storage_failed(r);
	return answer(w, r, 204, NULL);
}

void bookings_release(struct req *q, struct reply *r)
{
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	const char *id = q->path + strlen("/v1/holds/");
	struct write w = {.q = q, .o = office_of(q, r), .key = key};
	if (!w.o)
		return;
	if (strlen(id) >= sizeof w.hold || strchr(id, '/')) {
		reply_error(r, 404, "unknown_hold", "this kiosk holds no such slot");
		return;
	}
	snprintf(w.hold, sizeof w.hold, "%s", id);
	write_once(&w, r, release);
}

/* ---------------------------------------------------------------- confirmation */

/* Characters of UTF-8 text (jansson only hands out valid UTF-8). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A string member that may be missing or null ("" then) and must fit cap
 * bytes with its NUL: 1 fine, 0 too long, -1 not a string. */
static int member(json_t *obj, const char *name, char *dst, size_t cap)
{
	json_t *v = json_object_get(obj, name);
	dst[0] = '\0';
	if (!v || json_is_null(v))
		return 1;
	if (!json_is_string(v))
		return -1;
	if (json_string_length(v) >= cap)
		return 0;
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return 1;
}

/* Checks a confirmation's body. NULL when it is fine; else the message,
 * with *status and *code: 400 bad_request (malformed), 422 bad_contact or
 * bad_reason (which rule; never the value). */
static const char *confirmation_problem(json_t *doc, struct booking_contact *c, unsigned *status, const char **code)
{
	json_t *contact = json_object_get(doc, "contact");
	char reason[24], text[4 * REASON_TEXT_MAX + 1], lang[CONFIG_LANG_LEN];
	*status = 400;
	*code = "bad_request";
	if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "hold")) || !json_is_object(contact) ||
	    !json_is_string(json_object_get(contact, "name")))
		return "the body must be {\"hold\", \"contact\": {\"name\", \"phone\", \"email\"}, \"reason\", "
		       "\"reason_text\", \"lang\"}";
	int fits[] = {
	    member(contact, "name", c->name, sizeof c->name),	 member(contact, "phone", c->phone, sizeof c->phone),
	    member(contact, "email", c->email, sizeof c->email), member(doc, "reason", reason, sizeof reason),
	    member(doc, "reason_text", text, sizeof text),	 member(doc, "lang", lang, sizeof lang)};
	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++)
		if (fits[i] < 0)
			return "contact, reason, reason_text and lang must be strings";
	if (!fits[5])
		return "lang is a language code";
	*status = 422;
	*code = "bad_reason";
	if (!fits[3])
		return "reason is not one of the service's presets";
	if (!fits[4] || utf8_chars(text) > REASON_TEXT_MAX)
		return "reason_text is longer than 120 characters";
	*code = "bad_contact";
	if (!fits[0])
		return "the name is longer than 63 bytes";
	if (!fits[1] || !fits[2])
		return "the phone number or the e-mail address is too long";
	switch (booking_contact_check(c)) {
	case BOOKING_CONTACT_OK:
		return NULL;
	case BOOKING_CONTACT_NO_NAME:
		return "the name needs at least 2 letters";
	case BOOKING_CONTACT_NO_WAY:
		return "a phone number or an e-mail address is needed";
	case BOOKING_CONTACT_BAD_PHONE:
		return "the phone number must be 6 to 15 digits, with an optional + and spaces";
	case BOOKING_CONTACT_BAD_EMAIL:
		return "the e-mail address is not name@domain.tld";
	case BOOKING_CONTACT_ID_NUMBER:
	default:
		return "that looks like a national ID number, which is never taken";
	}
}

static bool reason_known(const struct service *s, const char *reason)
{
	if (!reason[0])
		return true;
	for (int i = 0; i < s->booking.nreasons; i++)
		if (strcmp(s->booking.reason[i].id, reason) == 0)
			return true;
	return false;
}

/* A reference no booking has yet. */
static bool reference_new(struct db *db, char ref[BOOKING_REF_LEN])
{
	for (int tries = 0; tries < 32; tries++) {
		uint64_t rnd;
		if (!auth_random(&rnd, sizeof rnd))
			return false;
		booking_reference_make(rnd, ref);
		sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM bookings WHERE reference = ?");
		if (!st)
			return false;
		bind_text(st, 1, ref);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return true;
		if (rc != SQLITE_ROW)
			return false;
	}
	return false;
}

static bool confirm(struct write *w, struct reply *r)
{
	struct db *db = w->q->c->db;
	struct booking_contact c;
	unsigned status;
	const char *code;
	confirmation_problem(w->doc, &c, &status, &code); /* checked before: this only fills c */
	const char *reason = json_string_value(json_object_get(w->doc, "reason"));
	const char *text = json_string_value(json_object_get(w->doc, "reason_text"));
	const char *lang = json_string_value(json_object_get(w->doc, "lang"));
	struct hold h;
	if (!named_hold(w, &h, r))
		return false;
	const struct service *s = site_service(w->o, h.service);
	if (!still_held(w, &h, s, 0, r))
		return false;
	if (!reason_known(s, reason ? reason : "")) {
		reply_error(r, 422, "bad_reason", "'%.24s' is not a reason service '%s' offers", reason, s->id);
		return false;
	}
	struct row b = {0};
	if (!reference_new(db, b.reference))
		return storage_failed(r);
	snprintf(b.service, sizeof b.service, "%s", h.service);
	snprintf(b.mode, sizeof b.mode, "%s", h.mode);
	snprintf(b.state, sizeof b.state, "booked");
	snprintf(b.check, sizeof b.check, "%s", booking_check_kind(&c) == 'p' ? "phone" : "email");
	b.start = h.start;
	b.end = h.end;
	char day[11];
	local_day(w->o, b.start, day);
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT INTO bookings(reference, office, service, mode, start_s, end_s, day, state,"
			   " check_kind, reason, lang, kiosk, created_ms, updated_ms)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?)");
	if (st) {
		bind_text(st, 1, b.reference);
		bind_text(st, 2, w->o->id);
		bind_text(st, 3, b.service);
		bind_text(st, 4, b.mode);
		sqlite3_bind_int64(st, 5, b.start);
		sqlite3_bind_int64(st, 6, b.end);
		bind_text(st, 7, day);
		bind_text(st, 8, b.check);
		bind_text(st, 9, reason ? reason : "");
		bind_text(st, 10, lang ? lang : "");
		bind_text(st, 11, w->q->kiosk_id);
		sqlite3_bind_int64(st, 12, w->now_ms);
		sqlite3_bind_int64(st, 13, w->now_ms);
	}
	if (!db_run(db, st))
		return storage_failed(r);
	b.id = sqlite3_last_insert_rowid(db_handle(db));
	st = db_prepare(
	    db, "INSERT INTO booking_contacts(booking, name, phone, email, reason_text) VALUES (?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int64(st, 1, b.id);
		bind_text(st, 2, c.name);
		bind_text(st, 3, c.phone);
		bind_text(st, 4, c.email);
		bind_text(st, 5, text ? text : "");
	}
	if (!db_run(db, st) || !hold_delete(db, h.id))
		return storage_failed(r);
	return answer(w, r, 201, booking_json(&b));
}

void bookings_confirm(struct req *q, struct reply *r)
{
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	json_t *doc = http_json_body(q);
	struct booking_contact c;
	unsigned status;
	const char *code;
	const char *problem = confirmation_problem(doc, &c, &status, &code);
	memset(&c, 0, sizeof c); /* personal: not kept on this stack any longer than needed */
	if (problem) {
		json_decref(doc);
		reply_error(r, status, code, "%s", problem);
		return;
	}
	write_doc(q, r, key, doc, confirm);
}

/* ---------------------------------------------------------------- one booking */

/* "/v1/bookings/<ref>[/<action>]": the reference as typed and the action
 * ("" when none). False when the path has another shape. */
static bool split_path(const char *path, char *ref, size_t rcap, char *action, size_t acap)
{
	const char *p = path + strlen("/v1/bookings/");
	size_t n = strcspn(p, "/");
	if (n == 0 || n >= rcap)
		return false;
	memcpy(ref, p, n);
	ref[n] = '\0';
	p += n;
	if (*p == '/')
		p++;
	else if (*p)
		return false;
	if (strlen(p) >= acap || strchr(p, '/'))
		return false;
	snprintf(action, acap, "%s", p);
	return true;
}

void bookings_find(struct req *q, struct reply *r)
{
	const struct office *o = office_of(q, r);
	char typed[64], action[16], ref[BOOKING_REF_LEN];
	if (!o)
		return;
	if (!split_path(q->path, typed, sizeof typed, action, sizeof action) || action[0]) {
		reply_error(r, 404, "not_found", "no such endpoint");
		return;
	}
	struct row b;
	int found = 0;
	if (booking_reference_parse(typed, ref)) {
		db_lock(q->c->db);
		found = row_load(q->c->db, o->id, ref, &b);
		db_unlock(q->c->db);
	}
	if (found < 0)
		reply_error(r, 503, "storage_failed", "the database failed");
	else if (found == 0)
		reply_error(r, 404, "unknown_booking", "no booking with that reference at this office");
	else
		reply_json(r, 200, booking_json(&b));
}

/* A booking's wrong second checks (booking_checks): 1 read, 0 none, -1 failed. */
static int checks_load(struct db *db, int64_t booking, struct booking_check_count *c)
{
	*c = (struct booking_check_count){0};
	sqlite3_stmt *st = db_prepare(db, "SELECT failures, since_s FROM booking_checks WHERE booking = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, booking);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
	if (found == 1) {
		c->failures = sqlite3_column_int(st, 0);
		c->since = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return found;
}

static bool checks_store(struct db *db, int64_t booking, const struct booking_check_count *c)
{
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT OR REPLACE INTO booking_checks(booking, failures, since_s) VALUES (?, ?, ?)");
	if (st) {
		sqlite3_bind_int64(st, 1, booking);
		sqlite3_bind_int(st, 2, c->failures);
		sqlite3_bind_int64(st, 3, c->since);
	}
	return db_run(db, st);
}

enum checked { CHECKED_OK, CHECKED_REFUSED, CHECKED_COUNTED };

/* The booking of the path, for a cancel or a move: it exists (404), takes
 * checks (429 too_many_checks after BOOKING_CHECK_LIMIT wrong ones in a
 * day, so the 10,000 four-digit endings cannot be tried over the API), the
 * second check matches (403), and it is still to come (409). A wrong check
 * is counted: CHECKED_COUNTED, whose refusal must be committed, and is kept
 * with the key so that a retry of the same request is not counted again. */
static enum checked checked(struct write *w, struct row *b, struct reply *r)
{
	struct db *db = w->q->c->db;
	int found = row_load(db, w->o->id, w->ref, b);
	if (found < 0)
		return storage_failed(r), CHECKED_REFUSED;
	if (found == 0) {
		reply_error(r, 404, "unknown_booking", "no booking with that reference at this office");
		return CHECKED_REFUSED;
	}
	struct booking_check_count count;
	int64_t until = 0, now = w->now_ms / 1000;
	if (checks_load(db, b->id, &count) < 0)
		return storage_failed(r), CHECKED_REFUSED;
	if (booking_check_locked(&count, now, &until)) {
		char at[UTC_TEXT_LEN];
		utc_format_ms(until * 1000, at);
		snprintf(r->retry_after, sizeof r->retry_after, "%lld", (long long)(until - now));
		reply_error_with(r, 429, json_pack("{s:s}", "until", at), "too_many_checks",
				 "too many wrong checks for this booking; it takes checks again at %s", at);
		return CHECKED_REFUSED;
	}
	struct booking_contact c;
	found = contact_load(db, b->id, &c);
	bool match = found == 1 && booking_check_matches(&c, json_string_value(json_object_get(w->doc, "check")));
	memset(&c, 0, sizeof c);
	if (found < 0)
		return storage_failed(r), CHECKED_REFUSED;
	if (found == 0) {
		/* Details go only after the appointment's day: it is over. */
		reply_error(r, 409, "not_active", "the booking is over");
		return CHECKED_REFUSED;
	}
	if (!match) {
		booking_check_failed(&count, now);
		reply_error(r, 403, "check_failed", "the second check does not match the booking");
		if (!checks_store(db, b->id, &count) ||
		    !idempotency_store(db, w->scope, w->key, w->hash, r->status, r->body ? r->body : ""))
			return storage_failed(r), CHECKED_REFUSED;
		return CHECKED_COUNTED;
	}
	if (strcmp(b->state, "booked") != 0 || b->start <= w->now_ms / 1000) {
		reply_error(r, 409, "not_active", "the booking is %s",
			    strcmp(b->state, "booked") ? b->state : "under way or over");
		return CHECKED_REFUSED;
	}
	return CHECKED_OK;
}

static bool cancel(struct write *w, struct reply *r)
{
	struct db *db = w->q->c->db;
	struct row b;
	enum checked k = checked(w, &b, r);
	if (k != CHECKED_OK)
		return k == CHECKED_COUNTED;
	sqlite3_stmt *st = db_prepare(db, "UPDATE bookings SET state = 'cancelled', updated_ms = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, w->now_ms);
		sqlite3_bind_int64(st, 2, b.id);
	}
	if (!db_run(db, st))
		return storage_failed(r);
	snprintf(b.state, sizeof b.state, "cancelled");
	return answer(w, r, 200, booking_json(&b));
}

static bool move(struct write *w, struct reply *r)
{
	struct db *db = w->q->c->db;
	struct row b;
	enum checked k = checked(w, &b, r);
	if (k != CHECKED_OK)
		return k == CHECKED_COUNTED;
	struct hold h;
	if (!named_hold(w, &h, r))
		return false;
	if (strcmp(h.service, b.service) != 0) {
		reply_error(r, 422, "not_bookable", "the hold is for another service than the booking");
		return false;
	}
	/* The booking's own old slot does not stand in the way of its new one. */
	if (!still_held(w, &h, site_service(w->o, h.service), b.id, r))
		return false;
	char day[11];
	local_day(w->o, h.start, day);
	sqlite3_stmt *st = db_prepare(
	    db, "UPDATE bookings SET mode = ?, start_s = ?, end_s = ?, day = ?, updated_ms = ? WHERE id = ?");
	if (st) {
		bind_text(st, 1, h.mode);
		sqlite3_bind_int64(st, 2, h.start);
		sqlite3_bind_int64(st, 3, h.end);
		bind_text(st, 4, day);
		sqlite3_bind_int64(st, 5, w->now_ms);
		sqlite3_bind_int64(st, 6, b.id);
	}
	if (!db_run(db, st) || !hold_delete(db, h.id))
		return storage_failed(r);
	snprintf(b.mode, sizeof b.mode, "%s", h.mode);
	b.start = h.start;
	b.end = h.end;
	return answer(w, r, 200, booking_json(&b));
}

static bool checkin(struct write *w, struct reply *r)
{
	struct db *db = w->q->c->db;
	struct row b;
	int found = row_load(db, w->o->id, w->ref, &b);
	if (found < 0)
		return storage_failed(r);
	if (found == 0) {
		reply_error(r, 404, "unknown_booking", "no booking with that reference at this office");
		return false;
	}
	const struct service *s = site_service(w->o, b.service);
	if (strcmp(b.state, "booked") != 0 || !s) {
		reply_error(r, 409, "not_active", "the booking is %s", s ? b.state : "for a service no longer offered");
		return false;
	}
	int64_t opens = 0, closes = 0;
	enum booking_window win = booking_checkin_window(&s->booking, b.start, w->now_ms / 1000, &opens, &closes);
	if (win != BOOKING_WINDOW_OPEN) {
		char from[UTC_TEXT_LEN], to[UTC_TEXT_LEN];
		utc_format_ms(opens * 1000, from);
		utc_format_ms(closes * 1000, to);
		bool early = win == BOOKING_WINDOW_EARLY;
		reply_error_with(r, 409, json_pack("{s:{s:s,s:s}}", "window", "from", from, "to", to),
				 early ? "too_early" : "too_late", "check-in %s at %s", early ? "opens" : "closed",
				 early ? from : to);
		return false;
	}
	char number[16] = "";
	long long ahead = 0;
	if (strcmp(b.mode, booking_mode_name(BOOKING_IN_PERSON)) == 0) {
		char today[11];
		local_day(w->o, w->now_ms / 1000, today);
		if (!tickets_appointment(db, w->o, today, w->now_ms, number, sizeof number, &ahead))
			return storage_failed(r);
	}
	sqlite3_stmt *st =
	    db_prepare(db, "UPDATE bookings SET state = 'arrived', number = ?, updated_ms = ? WHERE id = ?");
	if (st) {
		if (number[0])
			bind_text(st, 1, number);
		sqlite3_bind_int64(st, 2, w->now_ms);
		sqlite3_bind_int64(st, 3, b.id);
	}
	if (!db_run(db, st))
		return storage_failed(r);
	snprintf(b.state, sizeof b.state, "arrived");
	json_t *body = booking_json(&b);
	if (body && number[0])
		json_object_set_new(body, "ticket", json_pack("{s:s,s:I}", "number", number, "ahead", ahead));
	return answer(w, r, 200, body);
}

void bookings_act(struct req *q, struct reply *r)
{
	char typed[64], action[16];
	if (!split_path(q->path, typed, sizeof typed, action, sizeof action) ||
	    (strcmp(action, "cancel") != 0 && strcmp(action, "move") != 0 && strcmp(action, "checkin") != 0)) {
		reply_error(r, 404, "not_found", "no such endpoint");
		return;
	}
	const char *key = idempotency_header(q, r);
	if (!key)
		return;
	json_t *doc = q->len ? http_json_body(q) : json_object();
	bool needs_check = strcmp(action, "checkin") != 0, needs_hold = strcmp(action, "move") == 0;
	if (!json_is_object(doc) || (needs_check && !json_is_string(json_object_get(doc, "check"))) ||
	    (needs_hold && !json_is_string(json_object_get(doc, "hold")))) {
		json_decref(doc);
		reply_error(r, 400, "bad_request", "the body must be %s",
			    needs_hold	  ? "{\"check\": \"...\", \"hold\": \"...\"}"
			    : needs_check ? "{\"check\": \"...\"}"
					  : "{}");
		return;
	}
	struct write w = {.q = q, .o = office_of(q, r), .doc = doc, .key = key};
	if (!w.o) {
		json_decref(doc);
		return;
	}
	if (!booking_reference_parse(typed, w.ref)) {
		json_decref(doc);
		reply_error(r, 404, "unknown_booking", "no booking with that reference at this office");
		return;
	}
	write_once(&w, r, needs_hold ? move : needs_check ? cancel : checkin);
	json_decref(doc);
}

/* ---------------------------------------------------------------- retention */

int bookings_purge(struct central *c, int64_t now_ms)
{
	struct db *db = c->db;
	int purged = 0;
	db_lock(db);
	bool ok = db_exec(db, "BEGIN IMMEDIATE");
	for (int i = 0; ok && i < c->noffices; i++) {
		const struct office *o = &c->offices[i];
		/* Kept through the appointment's day and retention_days more: gone from the day after. */
		char today[11], before[11];
		int64_t days;
		local_day(o, now_ms / 1000, today);
		ok = tz_parse_date(today, &days);
		tz_format_date(before, days - o->cfg.retention_days);
		sqlite3_stmt *st = ok ? db_prepare(db, "DELETE FROM booking_contacts WHERE booking IN"
						       " (SELECT id FROM bookings WHERE office = ? AND day < ?)")
				      : NULL;
		if (st) {
			bind_text(st, 1, o->id);
			bind_text(st, 2, before);
		}
		ok = db_run(db, st);
		purged += ok ? sqlite3_changes(db_handle(db)) : 0;
	}
	ok = ok && delete_expired_holds(db, now_ms) && db_exec(db, "COMMIT");
	if (!ok)
		db_rollback(db);
	/* The deleted rows' bytes are zeroed in the pages (secure_delete); a
	 * truncating checkpoint writes those pages home and empties the WAL,
	 * whose older frames still held the details. */
	if (ok && purged > 0)
		db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	db_unlock(db);
	if (!ok)
		fprintf(stderr, "kiosk-central: retention: the purge failed; it runs again within the hour\n");
	else if (purged > 0)
		fprintf(stderr, "kiosk-central: retention: contact details of %d booking(s) deleted\n", purged);
	return ok ? purged : -1;
}

void bookings_test_purge(struct req *q, struct reply *r)
{
	int n = bookings_purge(q->c, faults_now_ms(q->c->faults));
	if (n < 0)
		reply_error(r, 503, "storage_failed", "the purge failed");
	else
		reply_json(r, 200, json_pack("{s:i}", "purged", n));
}
