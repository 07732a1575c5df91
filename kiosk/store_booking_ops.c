/*
 * DESIGN: store_booking_ops, the embedded backend's ops.
 *
 * What it is: each booking op of docs/protocol.md ("Bookings") as reads and
 * writes on the kiosk's kiosk.db, inside the transaction store_booking.c
 * opens (BEGIN IMMEDIATE for every write). Availability is booking_slots
 * (kiosk/core/booking.c) with the busy list read from bookings (booked or
 * arrived) and holds that have not expired; a hold, a confirmation and a
 * move re-check their slot with booking_slot_free against that list, so of
 * two kiosks holding the last free place the second, which waits for the
 * first's write lock, sees it taken and gets SLOT_TAKEN with the nearest
 * free slots. A write commits its event in the outbox (service, mode, local
 * day: never the reference or a contact detail) and its idempotency key with
 * it, so a retry with the same key gets the first answer; an in-person
 * check-in takes its number in the appointments queue in the same
 * transaction (store_take_number_in).
 * What it is not: the transaction, the purge or the thread (store_booking.c),
 * slot arithmetic (core) or numbering rules (store.c).
 * Threading: the thread that owns the connection it is given.
 */
#include "store_booking_private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "booking_backend.h"
#include "store.h"

#define NEAREST 6
/* Margin around a range when reading what is busy: a meeting (at most 8 h)
 * plus its buffer (at most 2 h) fits in a day either side. */
#define BUSY_MARGIN_S (24 * 3600)

/* ---- Reading ------------------------------------------------------------ */

struct busy_list {
	int n, cap;
	struct booking_busy *v;
};

struct hold_row {
	char id[40];
	char service[24];
	enum booking_mode mode;
	int64_t start, end, expires;
};

/* A booking as stored; the contact only while it is kept. */
struct booking_row {
	struct booking_record rec;
	bool has_contact;
	struct booking_contact contact; /* personal: wiped by the caller */
	int64_t day;
};

static enum booking_state state_parse(const char *s)
{
	if (s && strcmp(s, "cancelled") == 0)
		return BOOKING_CANCELLED;
	if (s && strcmp(s, "arrived") == 0)
		return BOOKING_ARRIVED;
	return BOOKING_BOOKED;
}

static const char *text(sqlite3_stmt *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q, col);
	return t ? (const char *)t : "";
}

static uint64_t random64(void)
{
	uint64_t r = 0;
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = ((uint64_t)ts.tv_nsec << 20 ^ (uint64_t)ts.tv_sec) * 0x9e3779b97f4a7c15ULL;
	}
	return r;
}

static long long wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The local day (days since 1970-01-01) of a moment. */
static int64_t local_day(const struct tz *zone, int64_t t)
{
	struct tz_civil c;
	tz_to_local(zone, t, &c);
	return tz_days_from_civil(c.year, c.month, c.day);
}

static int service_index(const struct store_booking_site *site, const char *id)
{
	for (int i = 0; i < site->n; i++)
		if (strcmp(site->s[i].id, id) == 0)
			return i;
	return -1;
}

static bool busy_add(struct busy_list *b, int64_t start, int64_t end)
{
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 64;
		struct booking_busy *v = realloc(b->v, (size_t)cap * sizeof(*v));
		if (!v)
			return false;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = (struct booking_busy){start, end};
	return true;
}

/* What takes an adviser of the service in [from, to): bookings not
 * cancelled and holds not expired, sorted by start; skip_hold and skip_ref
 * (may be "") are left out (the hold being confirmed, the booking moved). */
static int load_busy(sqlite3 *db, const char *service, int64_t from, int64_t to, int64_t now, const char *skip_hold,
		     const char *skip_ref, struct busy_list *out)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db,
				    "SELECT start_s, end_s FROM bookings WHERE service = ?1 AND state != 'cancelled'"
				    " AND start_s < ?3 AND end_s > ?2 AND reference != ?5"
				    " UNION ALL SELECT start_s, end_s FROM holds WHERE service = ?1 AND expires_s > ?4"
				    " AND start_s < ?3 AND end_s > ?2 AND id != ?6"
				    " ORDER BY 1",
				    -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, service, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, from - BUSY_MARGIN_S);
		sqlite3_bind_int64(q, 3, to + BUSY_MARGIN_S);
		sqlite3_bind_int64(q, 4, now);
		sqlite3_bind_text(q, 5, skip_ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, skip_hold, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (!busy_add(out, sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1))) {
				rc = SQLITE_NOMEM;
				break;
			}
		}
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* SQLITE_OK and *found. */
static int load_hold(sqlite3 *db, const char *id, struct hold_row *h, bool *found)
{
	sqlite3_stmt *q = NULL;
	*found = false;
	int rc = sqlite3_prepare_v2(db, "SELECT id, service, mode, start_s, end_s, expires_s FROM holds WHERE id = ?",
				    -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			*found = true;
			snprintf(h->id, sizeof(h->id), "%s", text(q, 0));
			snprintf(h->service, sizeof(h->service), "%s", text(q, 1));
			if (!booking_mode_parse(text(q, 2), &h->mode))
				h->mode = BOOKING_IN_PERSON;
			h->start = sqlite3_column_int64(q, 3);
			h->end = sqlite3_column_int64(q, 4);
			h->expires = sqlite3_column_int64(q, 5);
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

static int load_booking(sqlite3 *db, const char *reference, struct booking_row *b, bool *found)
{
	sqlite3_stmt *q = NULL;
	*found = false;
	memset(b, 0, sizeof(*b));
	int rc = sqlite3_prepare_v2(db,
				    "SELECT reference, service, mode, state, start_s, end_s, check_kind, number, day,"
				    " name, phone, email FROM bookings WHERE reference = ?",
				    -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			struct booking_record *r = &b->rec;
			*found = true;
			snprintf(r->reference, sizeof(r->reference), "%s", text(q, 0));
			snprintf(r->service, sizeof(r->service), "%s", text(q, 1));
			if (!booking_mode_parse(text(q, 2), &r->mode))
				r->mode = BOOKING_IN_PERSON;
			r->state = state_parse(text(q, 3));
			r->start = sqlite3_column_int64(q, 4);
			r->end = sqlite3_column_int64(q, 5);
			r->check_kind = text(q, 6)[0] ? text(q, 6)[0] : 'p';
			snprintf(r->number, sizeof(r->number), "%s", text(q, 7));
			r->ahead = -1;
			b->day = sqlite3_column_int64(q, 8);
			b->has_contact = sqlite3_column_type(q, 9) != SQLITE_NULL;
			snprintf(b->contact.name, sizeof(b->contact.name), "%s", text(q, 9));
			snprintf(b->contact.phone, sizeof(b->contact.phone), "%s", text(q, 10));
			snprintf(b->contact.email, sizeof(b->contact.email), "%s", text(q, 11));
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

static int step_once(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* An event of the op's in the outbox, in the caller's transaction. */
static int add_event(struct store_booking_op *o, const char *service, enum booking_mode mode, int64_t start)
{
	const char *type = booking_backend_event_type(o->r->op);
	char data[160], id[27];
	long long ms = wall_ms();
	booking_backend_event_data(data, sizeof(data), service, mode, &o->site->zone, start);
	store_new_id(id, ms);
	sqlite3_stmt *q = NULL;
	int rc =
	    sqlite3_prepare_v2(o->db, "INSERT INTO events(id, time_ms, type, data) VALUES(?, ?, ?, ?)", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, ms);
		sqlite3_bind_text(q, 3, type, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, data, -1, SQLITE_STATIC);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	return rc;
}

/* Remembers what a successful write did, for a retry with the same key. */
static int remember(struct store_booking_op *o, const char *reference, const char *hold)
{
	if (!o->r->idempotency[0])
		return SQLITE_OK;
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(o->db,
				    "INSERT OR REPLACE INTO booking_keys(key, op, reference, hold, time_s)"
				    " VALUES(?, ?, ?, ?, ?)",
				    -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, o->r->idempotency, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, (int)o->r->op);
		sqlite3_bind_text(q, 3, reference, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, hold, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, o->now);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	return rc;
}

/* ---- Answers -------------------------------------------------------------- */

static void say(struct store_booking_op *o, enum booking_status s, const char *msg)
{
	o->out->status = s;
	snprintf(o->out->message, sizeof(o->out->message), "%s", msg ? msg : "");
}

static int db_failed(struct store_booking_op *o, int rc)
{
	o->out->status = BOOKING_FAILED;
	snprintf(o->out->message, sizeof(o->out->message), "the kiosk's database: %s",
		 rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(o->db));
	fprintf(stderr, "kiosk: booking: %s\n", o->out->message);
	return rc;
}

/* The service's rules when it can be booked in that mode, else an answer. */
static const struct booking_rules *bookable(struct store_booking_op *o, const char *service, enum booking_mode mode)
{
	int i = service_index(o->site, service);
	if (i < 0) {
		say(o, BOOKING_FAILED, "unknown_service");
		return NULL;
	}
	const struct booking_rules *rules = &o->site->s[i].rules;
	if (!rules->offered || (unsigned)mode >= BOOKING_MODES || !rules->mode_days[mode]) {
		say(o, BOOKING_FAILED, "not_bookable");
		return NULL;
	}
	return rules;
}

/* Up to NEAREST free slots nearest to wanted, into out->slots. */
static int nearest(struct store_booking_op *o, const struct booking_rules *rules, const char *service,
		   enum booking_mode mode, int64_t wanted)
{
	struct booking_slot *all = malloc(BOOKING_MAX_SLOTS * sizeof(*all));
	struct busy_list busy = {0};
	int rc = all ? SQLITE_OK : SQLITE_NOMEM;
	/* Two days either side are plenty on most sites; a month on quiet ones. */
	static const int64_t spans[] = {2 * 86400, 31 * 86400};
	int n = 0;
	for (size_t i = 0; i < sizeof(spans) / sizeof(spans[0]) && rc == SQLITE_OK && n < NEAREST; i++) {
		int64_t from = wanted - spans[i], to = wanted + spans[i];
		busy.n = 0;
		rc = load_busy(o->db, service, from, to, o->now, "", o->r->reference, &busy);
		if (rc == SQLITE_OK)
			n = booking_slots(rules, &o->site->closed, mode, &o->site->zone, o->now, from, to, busy.v,
					  busy.n, all, BOOKING_MAX_SLOTS);
	}
	o->out->nslots = rc == SQLITE_OK ? booking_nearest(all, n, wanted, o->out->slots, NEAREST) : 0;
	free(all);
	free(busy.v);
	return rc;
}

/* Whether start is still free for the service and mode; *end is set. */
static int slot_free(struct store_booking_op *o, const struct booking_rules *rules, const char *service,
		     enum booking_mode mode, int64_t start, const char *skip_hold, const char *skip_ref, bool *free_,
		     int64_t *end)
{
	struct busy_list busy = {0};
	int rc = load_busy(o->db, service, start, start, o->now, skip_hold, skip_ref, &busy);
	*free_ = rc == SQLITE_OK &&
		 booking_slot_free(rules, &o->site->closed, mode, &o->site->zone, o->now, start, busy.v, busy.n, end);
	free(busy.v);
	return rc;
}

static void answer_booking(struct store_booking_op *o, const struct booking_record *rec)
{
	o->out->booking = *rec;
	say(o, BOOKING_OK, NULL);
}

/* How every write to a booking ends once its row is written (rc): its event
 * and its idempotency key in the same transaction, then rec as the answer. */
static int booking_written(struct store_booking_op *o, int rc, const struct booking_record *rec)
{
	if (rc == SQLITE_OK)
		rc = add_event(o, rec->service, rec->mode, rec->start);
	if (rc == SQLITE_OK)
		rc = remember(o, rec->reference, "");
	if (rc == SQLITE_OK)
		answer_booking(o, rec);
	return rc;
}

/* A retry of a write already done: the same answer. Sets *done. */
static int replay(struct store_booking_op *o, bool *done)
{
	*done = false;
	if (!o->r->idempotency[0])
		return SQLITE_OK;
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(o->db, "SELECT op, reference, hold FROM booking_keys WHERE key = ?", -1, &q, NULL);
	int op = -1;
	char reference[BOOKING_REF_LEN] = "", hold[40] = "";
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, o->r->idempotency, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			op = sqlite3_column_int(q, 0);
			snprintf(reference, sizeof(reference), "%s", text(q, 1));
			snprintf(hold, sizeof(hold), "%s", text(q, 2));
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_OK || op < 0)
		return rc;
	if (op != (int)o->r->op) {
		say(o, BOOKING_FAILED, "the idempotency key was used for another request");
		*done = true;
		return SQLITE_OK;
	}
	if (o->r->op == BOOKING_OP_HOLD) {
		struct hold_row h;
		bool found;
		rc = load_hold(o->db, hold, &h, &found);
		if (rc != SQLITE_OK || !found || h.expires <= o->now)
			return rc; /* gone meanwhile: hold anew */
		snprintf(o->out->hold, sizeof(o->out->hold), "%s", h.id);
		o->out->hold_expires = h.expires;
		say(o, BOOKING_OK, NULL);
		*done = true;
		return SQLITE_OK;
	}
	struct booking_row b;
	bool found;
	rc = load_booking(o->db, reference, &b, &found);
	explicit_bzero(&b.contact, sizeof(b.contact));
	if (rc == SQLITE_OK && found) {
		answer_booking(o, &b.rec);
		*done = true;
	}
	return rc;
}

/* ---- The ops -------------------------------------------------------------- */

static int availability(struct store_booking_op *o)
{
	const struct booking_request *r = o->r;
	const struct booking_rules *rules = bookable(o, r->service, r->mode);
	if (!rules)
		return SQLITE_OK;
	if (r->to <= r->from) {
		say(o, BOOKING_FAILED, "bad_request");
		return SQLITE_OK;
	}
	struct busy_list busy = {0};
	/* A move (r->reference) sees its own meeting's time as free. */
	int rc = load_busy(o->db, r->service, r->from, r->to, o->now, "", r->reference, &busy);
	if (rc == SQLITE_OK) {
		o->out->nslots = booking_slots(rules, &o->site->closed, r->mode, &o->site->zone, o->now, r->from, r->to,
					       busy.v, busy.n, o->out->slots, BOOKING_MAX_SLOTS);
		say(o, BOOKING_OK, NULL);
	}
	free(busy.v);
	return rc;
}

static int hold(struct store_booking_op *o)
{
	const struct booking_request *r = o->r;
	bool done;
	int rc = replay(o, &done);
	if (rc != SQLITE_OK || done)
		return rc;
	const struct booking_rules *rules = bookable(o, r->service, r->mode);
	if (!rules)
		return SQLITE_OK;
	bool is_free;
	int64_t end = 0;
	rc = slot_free(o, rules, r->service, r->mode, r->start, "", r->reference, &is_free, &end);
	if (rc != SQLITE_OK)
		return rc;
	if (!is_free) {
		say(o, BOOKING_SLOT_TAKEN, "slot_taken");
		return nearest(o, rules, r->service, r->mode, r->start);
	}
	char id[27];
	store_new_id(id, wall_ms());
	sqlite3_stmt *q = NULL;
	rc = sqlite3_prepare_v2(
	    o->db, "INSERT INTO holds(id, service, mode, start_s, end_s, expires_s) VALUES(?, ?, ?, ?, ?, ?)", -1, &q,
	    NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, r->service, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, booking_mode_name(r->mode), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, r->start);
		sqlite3_bind_int64(q, 5, end);
		sqlite3_bind_int64(q, 6, o->now + BOOKING_HOLD_S);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_OK)
		rc = remember(o, "", id);
	if (rc == SQLITE_OK) {
		snprintf(o->out->hold, sizeof(o->out->hold), "%s", id);
		o->out->hold_expires = o->now + BOOKING_HOLD_S;
		say(o, BOOKING_OK, NULL);
	}
	return rc;
}

static int delete_hold(struct store_booking_op *o, const char *id)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(o->db, "DELETE FROM holds WHERE id = ?", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	return rc;
}

static int release(struct store_booking_op *o)
{
	int rc = delete_hold(o, o->r->hold);
	if (rc == SQLITE_OK && sqlite3_changes(o->db) > 0)
		say(o, BOOKING_OK, NULL);
	else if (rc == SQLITE_OK)
		say(o, BOOKING_UNKNOWN, "unknown_hold");
	return rc;
}

/* The hold a confirm or move uses, when it is still good; else the answer
 * (HOLD_EXPIRED with the nearest free slots, or SLOT_TAKEN) is given.
 * skip_ref: the booking being moved, which does not compete with itself. */
static int usable_hold(struct store_booking_op *o, const char *skip_ref, struct hold_row *h,
		       const struct booking_rules **rules, bool *ok)
{
	bool found;
	*ok = false;
	int rc = load_hold(o->db, o->r->hold, h, &found);
	if (rc != SQLITE_OK)
		return rc;
	if (!found || h->expires <= o->now) {
		say(o, BOOKING_HOLD_EXPIRED, "hold_expired");
		if (found)
			rc = delete_hold(o, h->id);
		/* Gone without a trace: the request's own service and slot, if it says. */
		const char *service = found ? h->service : o->r->service;
		enum booking_mode mode = found ? h->mode : o->r->mode;
		int64_t start = found ? h->start : o->r->start;
		int i = service_index(o->site, service);
		if (rc == SQLITE_OK && i >= 0 && start > 0)
			rc = nearest(o, &o->site->s[i].rules, service, mode, start);
		return rc;
	}
	*rules = bookable(o, h->service, h->mode);
	if (!*rules)
		return SQLITE_OK;
	bool is_free;
	int64_t end;
	rc = slot_free(o, *rules, h->service, h->mode, h->start, h->id, skip_ref, &is_free, &end);
	if (rc != SQLITE_OK)
		return rc;
	if (!is_free) {
		/* Rules changed under the hold (a closure, say): it is of no use any more. */
		say(o, BOOKING_SLOT_TAKEN, "slot_taken");
		rc = delete_hold(o, h->id);
		return rc == SQLITE_OK ? nearest(o, *rules, h->service, h->mode, h->start) : rc;
	}
	h->end = end;
	*ok = true;
	return SQLITE_OK;
}

static bool reason_known(const struct booking_rules *rules, const char *reason)
{
	if (!reason[0])
		return true;
	for (int i = 0; i < rules->nreasons; i++)
		if (strcmp(rules->reason[i].id, reason) == 0)
			return true;
	return false;
}

static int confirm(struct store_booking_op *o)
{
	struct booking_request *r = o->r;
	bool done, ok;
	int rc = replay(o, &done);
	if (rc != SQLITE_OK || done)
		return rc;
	struct hold_row h;
	const struct booking_rules *rules = NULL;
	rc = usable_hold(o, "", &h, &rules, &ok);
	if (rc != SQLITE_OK || !ok)
		return rc;
	enum booking_contact_problem problem = booking_contact_check(&r->contact);
	if (problem != BOOKING_CONTACT_OK) {
		char msg[64];
		snprintf(msg, sizeof(msg), "bad_contact (%d)", (int)problem);
		say(o, BOOKING_FAILED, msg);
		return SQLITE_OK;
	}
	if (!reason_known(rules, r->reason)) {
		say(o, BOOKING_FAILED, "bad_reason");
		return SQLITE_OK;
	}
	struct booking_record rec = {
	    .mode = h.mode,
	    .state = BOOKING_BOOKED,
	    .start = h.start,
	    .end = h.end,
	    .check_kind = booking_check_kind(&r->contact),
	    .ahead = -1,
	};
	snprintf(rec.service, sizeof(rec.service), "%s", h.service);
	char kind[2] = {rec.check_kind, '\0'};
	sqlite3_stmt *q = NULL;
	rc = sqlite3_prepare_v2(o->db,
				"INSERT INTO bookings(reference, service, mode, state, start_s, end_s, day, check_kind,"
				" name, phone, email, reason, reason_text, lang, created_s, changed_s)"
				" VALUES(?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				-1, &q, NULL);
	/* A new reference until one is unused: 2^32 of them make a clash rare. */
	for (int tries = 0; rc == SQLITE_OK; tries++) {
		booking_reference_make(random64(), rec.reference);
		sqlite3_bind_text(q, 1, rec.reference, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, rec.service, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, booking_mode_name(rec.mode), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, rec.start);
		sqlite3_bind_int64(q, 5, rec.end);
		sqlite3_bind_int64(q, 6, local_day(&o->site->zone, rec.start));
		sqlite3_bind_text(q, 7, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, r->contact.name, -1, SQLITE_STATIC);
		if (r->contact.phone[0])
			sqlite3_bind_text(q, 9, r->contact.phone, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q, 9);
		if (r->contact.email[0])
			sqlite3_bind_text(q, 10, r->contact.email, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q, 10);
		sqlite3_bind_text(q, 11, r->reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 12, r->reason_text, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 13, r->lang, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 14, o->now);
		sqlite3_bind_int64(q, 15, o->now);
		rc = step_once(q);
		sqlite3_reset(q);
		if ((rc & 0xff) != SQLITE_CONSTRAINT || tries == 20)
			break;
		rc = SQLITE_OK;
	}
	/* The statement points at the request's contact, which is wiped next. */
	sqlite3_clear_bindings(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_OK)
		rc = delete_hold(o, h.id);
	return booking_written(o, rc, &rec);
}

/* A booking's wrong second checks (booking_checks). */
static int checks_load(sqlite3 *db, const char *reference, struct booking_check_count *c)
{
	*c = (struct booking_check_count){0};
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT failures, since_s FROM booking_checks WHERE reference = ?", -1, &q,
				    NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			c->failures = sqlite3_column_int(q, 0);
			c->since = sqlite3_column_int64(q, 1);
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

static int checks_store(sqlite3 *db, const char *reference, const struct booking_check_count *c)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(
	    db, "INSERT OR REPLACE INTO booking_checks(reference, failures, since_s) VALUES(?, ?, ?)", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, c->failures);
		sqlite3_bind_int64(q, 3, c->since);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	return rc;
}

/* The booking of a cancel or move, after its second check; else the answer
 * (for a retry with the same key, the first one). *ok when the op goes on.
 * A wrong check is counted, and after BOOKING_CHECK_LIMIT of them in a day
 * the booking takes none (CHECK_LOCKED), as the central server does. */
static int checked_booking(struct store_booking_op *o, struct booking_row *b, bool *ok)
{
	bool done, found;
	*ok = false;
	int rc = replay(o, &done);
	if (rc != SQLITE_OK || done)
		return rc;
	rc = load_booking(o->db, o->r->reference, b, &found);
	struct booking_check_count count;
	if (rc == SQLITE_OK && found)
		rc = checks_load(o->db, b->rec.reference, &count);
	if (rc != SQLITE_OK) {
		explicit_bzero(&b->contact, sizeof(b->contact));
		return rc;
	}
	if (!found) {
		say(o, BOOKING_UNKNOWN, "unknown_booking");
	} else if (booking_check_locked(&count, o->now, &o->out->window_to)) {
		say(o, BOOKING_CHECK_LOCKED, "too_many_checks");
	} else if (!b->has_contact) {
		say(o, BOOKING_NOT_ACTIVE, "not_active"); /* its retention is over: so is the booking */
	} else if (!booking_check_matches(&b->contact, o->r->check)) {
		booking_check_failed(&count, o->now);
		rc = checks_store(o->db, b->rec.reference, &count);
		say(o, BOOKING_CHECK_FAILED, "check_failed");
	} else if (b->rec.state != BOOKING_BOOKED || b->rec.end <= o->now) {
		say(o, BOOKING_NOT_ACTIVE, "not_active");
	} else {
		*ok = true;
	}
	explicit_bzero(&b->contact, sizeof(b->contact));
	return rc;
}

static int cancel(struct store_booking_op *o)
{
	bool ok;
	struct booking_row b;
	int rc = checked_booking(o, &b, &ok);
	if (rc != SQLITE_OK || !ok)
		return rc;
	sqlite3_stmt *q = NULL;
	rc = sqlite3_prepare_v2(o->db, "UPDATE bookings SET state = 'cancelled', changed_s = ? WHERE reference = ?", -1,
				&q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, o->now);
		sqlite3_bind_text(q, 2, b.rec.reference, -1, SQLITE_STATIC);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	b.rec.state = BOOKING_CANCELLED;
	return booking_written(o, rc, &b.rec);
}

static int move(struct store_booking_op *o)
{
	bool ok;
	struct booking_row b;
	int rc = checked_booking(o, &b, &ok);
	if (rc != SQLITE_OK || !ok)
		return rc;
	struct hold_row h;
	const struct booking_rules *rules;
	rc = usable_hold(o, b.rec.reference, &h, &rules, &ok);
	if (rc != SQLITE_OK || !ok)
		return rc;
	if (strcmp(h.service, b.rec.service) != 0) {
		say(o, BOOKING_FAILED, "the hold is for another service");
		return SQLITE_OK;
	}
	sqlite3_stmt *q = NULL;
	rc = sqlite3_prepare_v2(o->db,
				"UPDATE bookings SET mode = ?, start_s = ?, end_s = ?, day = ?, changed_s = ?"
				" WHERE reference = ?",
				-1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, booking_mode_name(h.mode), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, h.start);
		sqlite3_bind_int64(q, 3, h.end);
		sqlite3_bind_int64(q, 4, local_day(&o->site->zone, h.start));
		sqlite3_bind_int64(q, 5, o->now);
		sqlite3_bind_text(q, 6, b.rec.reference, -1, SQLITE_STATIC);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	b.rec.mode = h.mode;
	b.rec.start = h.start;
	b.rec.end = h.end;
	if (rc == SQLITE_OK)
		rc = delete_hold(o, h.id);
	return booking_written(o, rc, &b.rec);
}

static int find(struct store_booking_op *o)
{
	struct booking_row b;
	bool found;
	int rc = load_booking(o->db, o->r->reference, &b, &found);
	explicit_bzero(&b.contact, sizeof(b.contact));
	if (rc == SQLITE_OK && found)
		answer_booking(o, &b.rec);
	else if (rc == SQLITE_OK)
		say(o, BOOKING_UNKNOWN, "unknown_booking");
	return rc;
}

static int checkin(struct store_booking_op *o)
{
	bool done, found;
	int rc = replay(o, &done);
	if (rc != SQLITE_OK || done)
		return rc;
	struct booking_row b;
	rc = load_booking(o->db, o->r->reference, &b, &found);
	explicit_bzero(&b.contact, sizeof(b.contact));
	if (rc != SQLITE_OK)
		return rc;
	if (!found) {
		say(o, BOOKING_UNKNOWN, "unknown_booking");
		return SQLITE_OK;
	}
	if (b.rec.state != BOOKING_BOOKED) {
		say(o, BOOKING_NOT_ACTIVE, "not_active");
		return SQLITE_OK;
	}
	int i = service_index(o->site, b.rec.service);
	if (i < 0) {
		say(o, BOOKING_FAILED, "unknown_service");
		return SQLITE_OK;
	}
	int64_t opens, closes;
	enum booking_window w = booking_checkin_window(&o->site->s[i].rules, b.rec.start, o->now, &opens, &closes);
	o->out->window_from = opens;
	o->out->window_to = closes;
	if (w != BOOKING_WINDOW_OPEN) {
		say(o, w == BOOKING_WINDOW_EARLY ? BOOKING_TOO_EARLY : BOOKING_TOO_LATE,
		    w == BOOKING_WINDOW_EARLY ? "too_early" : "too_late");
		return SQLITE_OK;
	}
	if (b.rec.mode == BOOKING_IN_PERSON) {
		/* A number in the appointments queue, as the store numbers tickets. */
		char day[11];
		tz_format_date(day, local_day(&o->site->zone, o->now));
		struct store_ticket t = {
		    .service = STORE_BOOKING_QUEUE,
		    .prefix = o->site->appointments_prefix,
		    .day = day,
		    .series = STORE_SERIES_INTERLEAVED,
		    .kiosk = o->site->kiosk,
		    .kiosks = o->site->kiosks,
		};
		int number = 0;
		enum kiosk_err err = store_take_number_in(o->db, &t, wall_ms(), &number);
		if (err != KIOSK_OK)
			return err == KIOSK_ERR_DISK_FULL ? SQLITE_FULL : SQLITE_IOERR;
		service_format_number(b.rec.number, sizeof(b.rec.number), o->site->appointments_prefix, number);
	}
	sqlite3_stmt *q = NULL;
	rc = sqlite3_prepare_v2(o->db,
				"UPDATE bookings SET state = 'arrived', number = ?, changed_s = ? WHERE reference = ?",
				-1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, b.rec.number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, o->now);
		sqlite3_bind_text(q, 3, b.rec.reference, -1, SQLITE_STATIC);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	b.rec.state = BOOKING_ARRIVED;
	return booking_written(o, rc, &b.rec);
}

int store_booking_op_run(struct store_booking_op *o)
{
	/* References are typed in any case: stored in capitals. */
	for (char *c = o->r->reference; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	switch (o->r->op) {
	case BOOKING_OP_AVAILABILITY:
		return availability(o);
	case BOOKING_OP_HOLD:
		return hold(o);
	case BOOKING_OP_RELEASE:
		return release(o);
	case BOOKING_OP_CONFIRM:
		return confirm(o);
	case BOOKING_OP_FIND:
		return find(o);
	case BOOKING_OP_CANCEL:
		return cancel(o);
	case BOOKING_OP_MOVE:
		return move(o);
	case BOOKING_OP_CHECKIN:
		return checkin(o);
	}
	say(o, BOOKING_FAILED, "bad_request");
	return SQLITE_OK;
}

void store_booking_op_failed(struct store_booking_op *o, int rc)
{
	db_failed(o, rc);
}
