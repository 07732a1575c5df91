/*
 * Tests of the embedded booking backend (kiosk/store_booking.c) on real
 * SQLite files in a temporary directory: each op with the time passed in,
 * the events it commits, retries, the retention purge down to the bytes of
 * the database and its WAL, two processes racing for the last place, and
 * the service thread answering through the mailbox the way the UI reads it.
 *
 * The site: one service, "pension", bookable in person and by phone every
 * day 08:00-16:00 in Europe/Copenhagen, meetings of 20 minutes, one adviser,
 * check-in from 30 minutes before to 15 minutes after the start. The clock
 * starts on Monday 2026-11-23 at 07:00 local.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL2/SDL.h>
#include <sqlite3.h>

#include "booking_backend.h"
#include "fileio.h"
#include "post.h"
#include "store.h"
#include "store_booking.h"
#include "temp_dir.h"

#define NAME "Karoline Weißbach-Test"
#define PHONE "+45 2233 4455"
#define EMAIL "karoline.test@example.org"
#define REASON_TEXT "My late husband's pension papers"
#define ROUNDS 30

struct fixture {
	char dir[256];
	sqlite3 *db;
	struct store_booking_site site;
	struct booking_reply *out; /* ~50 KB: on the heap */
	int64_t monday;		   /* 2026-11-23 00:00 local, UTC seconds */
};

static int64_t local(const struct fixture *fx, int day, int hour, int minute)
{
	int64_t t = 0;
	int y, m, d;
	tz_civil_from_days(tz_days_from_civil(2026, 11, 23) + day, &y, &m, &d);
	tz_from_local(&fx->site.zone, y, m, d, hour, minute, &t);
	return t;
}

static void make_site(struct fixture *fx)
{
	struct store_booking_site *s = &fx->site;
	memset(s, 0, sizeof(*s));
	char *bytes = NULL;
	size_t len = 0;
	assert_int_equal(file_read_all("/usr/share/zoneinfo/Europe/Copenhagen", 1 << 20, &bytes, &len), KIOSK_OK);
	assert_int_equal(tz_parse(&s->zone, "Europe/Copenhagen", (const unsigned char *)bytes, len), KIOSK_OK);
	free(bytes);
	s->n = 1;
	snprintf(s->s[0].id, sizeof(s->s[0].id), "pension");
	struct booking_rules *r = &s->s[0].rules;
	r->offered = true;
	r->duration_min = 20;
	r->notice_min = 0;
	r->horizon_days = 60;
	r->capacity = 1;
	for (int d = 0; d < 7; d++) {
		r->hours[d][0][0] = 8 * 60;
		r->hours[d][0][1] = 16 * 60;
		r->spans[d] = 1;
	}
	r->mode_days[BOOKING_IN_PERSON] = 0x7f;
	r->mode_days[BOOKING_PHONE] = 0x7f;
	r->early_min = 30;
	r->late_min = 15;
	r->nreasons = 1;
	snprintf(r->reason[0].id, sizeof(r->reason[0].id), "papers");
	snprintf(s->appointments_prefix, sizeof(s->appointments_prefix), "T");
	s->retention_days = 30;
	s->kiosk = s->kiosks = 1;
	fx->monday = local(fx, 0, 0, 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	fx->out = calloc(1, sizeof(*fx->out));
	if (!temp_dir_make(fx->dir, sizeof(fx->dir), "kiosk-booking") || !fx->out)
		return -1;
	*state = fx;
	make_site(fx);
	return store_open(fx->dir, &fx->db) == KIOSK_OK ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	sqlite3_close(fx->db);
	int rc = temp_dir_remove(fx->dir);
	free(fx->out);
	free(fx);
	return rc;
}

/* ---- Requests ----------------------------------------------------------- */

static struct booking_request request(enum booking_op op)
{
	static uint32_t serial;
	struct booking_request r;
	memset(&r, 0, sizeof(r));
	r.op = op;
	r.serial = ++serial;
	snprintf(r.service, sizeof(r.service), "pension");
	r.mode = BOOKING_IN_PERSON;
	return r;
}

/* A hold of the slot at start, in person. */
static struct booking_request hold_request(int64_t start)
{
	struct booking_request r = request(BOOKING_OP_HOLD);
	r.start = start;
	return r;
}

static enum booking_status run(struct fixture *fx, struct booking_request *r, int64_t now)
{
	store_booking_exec(fx->db, &fx->site, r, now, fx->out);
	assert_int_equal(fx->out->op, r->op);
	assert_int_equal(fx->out->serial, r->serial);
	return fx->out->status;
}

static void hold(struct fixture *fx, int64_t start, int64_t now, char id[40])
{
	struct booking_request r = hold_request(start);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_true(fx->out->hold[0]);
	assert_int_equal(fx->out->hold_expires, now + BOOKING_HOLD_S);
	snprintf(id, 40, "%s", fx->out->hold);
}

/* A request about the booking ref, with its second check. */
static struct booking_request about(enum booking_op op, const char *ref, const char *check)
{
	struct booking_request r = request(op);
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	snprintf(r.check, sizeof(r.check), "%s", check);
	return r;
}

static struct booking_request confirmation(const char *hold_id, const char *key)
{
	struct booking_request r = request(BOOKING_OP_CONFIRM);
	snprintf(r.hold, sizeof(r.hold), "%s", hold_id);
	snprintf(r.contact.name, sizeof(r.contact.name), "%s", NAME);
	snprintf(r.contact.phone, sizeof(r.contact.phone), "%s", PHONE);
	snprintf(r.contact.email, sizeof(r.contact.email), "%s", EMAIL);
	snprintf(r.reason, sizeof(r.reason), "papers");
	snprintf(r.reason_text, sizeof(r.reason_text), "%s", REASON_TEXT);
	snprintf(r.lang, sizeof(r.lang), "da");
	snprintf(r.idempotency, sizeof(r.idempotency), "%s", key);
	return r;
}

/* Holds and confirms start; the reference in ref. */
static void book(struct fixture *fx, int64_t start, int64_t now, char ref[BOOKING_REF_LEN], const char *key)
{
	char id[40];
	hold(fx, start, now, id);
	struct booking_request r = confirmation(id, key);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	/* Wiped once committed. */
	assert_int_equal(r.contact.name[0] | r.contact.phone[0] | r.contact.email[0] | r.reason_text[0], 0);
	snprintf(ref, BOOKING_REF_LEN, "%s", fx->out->booking.reference);
	assert_int_equal(strlen(ref), 6);
}

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	long long v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void query_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(q, 0);
	snprintf(out, cap, "%s", t ? (const char *)t : "");
	sqlite3_finalize(q);
}

/* The outbox holds an event of type whose data is exactly want. */
static void assert_event_data(struct fixture *fx, const char *type, const char *want)
{
	char sql[200], data[200];
	snprintf(sql, sizeof(sql), "SELECT data FROM events WHERE type = '%s'", type);
	query_text(fx->db, sql, data, sizeof(data));
	assert_string_equal(data, want);
}

/* Every value of every row of every table holding one of needles, as
 * "table" names into where (comma separated); the count of hits. */
static int scan_tables(sqlite3 *db, const char *const *needles, int n, char *where, size_t cap)
{
	sqlite3_stmt *t = NULL;
	int hits = 0;
	where[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &t, NULL),
			 SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		char table[128], sql[200];
		snprintf(table, sizeof(table), "%s", (const char *)sqlite3_column_text(t, 0));
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", table);
		sqlite3_stmt *q = NULL;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
		bool in_table = false;
		while (sqlite3_step(q) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(q); c++) {
				const void *v = sqlite3_column_blob(q, c);
				int len = sqlite3_column_bytes(q, c);
				for (int k = 0; v && k < n; k++) {
					if (memmem(v, (size_t)len, needles[k], strlen(needles[k]))) {
						hits++;
						in_table = true;
					}
				}
			}
		}
		sqlite3_finalize(q);
		if (in_table) {
			size_t l = strlen(where);
			snprintf(where + l, cap - l, "%s%s", l ? "," : "", table);
		}
	}
	sqlite3_finalize(t);
	return hits;
}

/* How many of needles occur in the raw bytes of the database or its WAL. */
static int file_hits(const char *dir, const char *const *needles, int n)
{
	static const char *const files[] = {"kiosk.db", "kiosk.db-wal"};
	bool seen[8] = {false};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[300], *bytes = NULL;
		size_t len = 0;
		snprintf(path, sizeof(path), "%s/%s", dir, files[f]);
		if (file_read_all(path, 256u << 20, &bytes, &len) != KIOSK_OK)
			continue; /* no WAL: nothing in it */
		for (int k = 0; k < n && k < 8; k++)
			seen[k] = seen[k] || memmem(bytes, len, needles[k], strlen(needles[k])) != NULL;
		free(bytes);
	}
	int hits = 0;
	for (int k = 0; k < n && k < 8; k++)
		hits += seen[k];
	return hits;
}

static const char *const CONTACT[] = {NAME, PHONE, EMAIL, REASON_TEXT};
#define NCONTACT 4

/* ---- The tests ------------------------------------------------------------ */

static void a_held_slot_is_confirmed_found_and_reported_without_personal_data(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	struct booking_request r = request(BOOKING_OP_AVAILABILITY);
	r.from = now;
	r.to = local(fx, 1, 0, 0);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->nslots, 24); /* 08:00 to 16:00 in meetings of 20 minutes */
	assert_int_equal(fx->out->slots[0].start, local(fx, 0, 8, 0));
	assert_int_equal(fx->out->slots[0].end, local(fx, 0, 8, 20));
	int64_t start = fx->out->slots[3].start;

	char ref[BOOKING_REF_LEN];
	book(fx, start, now, ref, "key-confirm-1");
	assert_int_equal(fx->out->booking.start, start);
	assert_int_equal(fx->out->booking.end, start + 20 * 60);
	assert_int_equal(fx->out->booking.state, BOOKING_BOOKED);
	assert_int_equal(fx->out->booking.check_kind, 'p');
	assert_string_equal(fx->out->booking.service, "pension");

	/* Found by its reference, typed in small letters, without personal data. */
	r = request(BOOKING_OP_FIND);
	for (int i = 0; i < 6; i++)
		r.reference[i] = (char)(ref[i] >= 'A' && ref[i] <= 'Z' ? ref[i] - 'A' + 'a' : ref[i]);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_string_equal(fx->out->booking.reference, ref);
	assert_int_equal(fx->out->booking.start, start);

	/* The slot is gone from availability. */
	r = request(BOOKING_OP_AVAILABILITY);
	r.from = now;
	r.to = local(fx, 1, 0, 0);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->nslots, 23);
	for (int i = 0; i < fx->out->nslots; i++)
		assert_true(fx->out->slots[i].start != start);

	/* The event, exactly as documented; the reference and the contact only where they belong. */
	assert_event_data(fx, "kiosk.booking.confirmed",
			  "{\"service\":\"pension\",\"mode\":\"in_person\",\"day\":\"2026-11-23\"}");
	const char *const personal[] = {NAME, PHONE, EMAIL, REASON_TEXT, ref};
	char where[200];
	assert_true(scan_tables(fx->db, personal, 5, where, sizeof(where)) > 0);
	assert_string_equal(where, "bookings,booking_keys"); /* booking_keys: the reference a retry gets */
	assert_int_equal(scan_tables(fx->db, personal, 4, where, sizeof(where)), 4);
	assert_string_equal(where, "bookings");
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM holds"), 0);
}

static void a_taken_slot_is_refused_with_the_nearest_free_slots(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	int64_t start = local(fx, 1, 10, 0);
	char id[40];
	hold(fx, start, now, id);
	/* A hold is enough to keep it from the next visitor. */
	struct booking_request r = hold_request(start);
	assert_int_equal(run(fx, &r, now + 5), BOOKING_SLOT_TAKEN);
	assert_int_equal(fx->out->hold[0], '\0');
	assert_int_equal(fx->out->nslots, 6);
	/* 09:00 09:20 09:40 | 10:20 10:40 11:00: the nearest, in time order, around the taken one. */
	static const int want[6][2] = {{9, 0}, {9, 20}, {9, 40}, {10, 20}, {10, 40}, {11, 0}};
	for (int i = 0; i < 6; i++)
		assert_int_equal(fx->out->slots[i].start, local(fx, 1, want[i][0], want[i][1]));
	/* Not a slot at all (08:10): refused the same way. */
	r = hold_request(local(fx, 1, 8, 10));
	assert_int_equal(run(fx, &r, now), BOOKING_SLOT_TAKEN);
	assert_true(fx->out->nslots > 0);
	/* Released, it can be held again. */
	r = request(BOOKING_OP_RELEASE);
	snprintf(r.hold, sizeof(r.hold), "%s", id);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	hold(fx, start, now, id);
}

static void an_expired_hold_is_not_confirmed_and_frees_its_slot(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	int64_t start = local(fx, 2, 9, 0);
	char id[40];
	hold(fx, start, now, id);
	struct booking_request r = hold_request(start);
	assert_int_equal(run(fx, &r, now + BOOKING_HOLD_S - 1), BOOKING_SLOT_TAKEN);
	/* Ten minutes on: another visitor may have it. */
	r = hold_request(start);
	assert_int_equal(run(fx, &r, now + BOOKING_HOLD_S), BOOKING_OK);
	char other[40];
	snprintf(other, sizeof(other), "%s", fx->out->hold);
	r = confirmation(id, "key-late");
	assert_int_equal(run(fx, &r, now + BOOKING_HOLD_S + 1), BOOKING_HOLD_EXPIRED);
	assert_int_equal(r.contact.name[0], '\0'); /* wiped though refused */
	assert_true(fx->out->nslots > 0);	   /* what to offer instead */
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM events"), 0);
	/* The other visitor's hold still confirms. */
	r = confirmation(other, "key-other");
	assert_int_equal(run(fx, &r, now + BOOKING_HOLD_S + 2), BOOKING_OK);
}

static void cancel_needs_the_second_check_and_frees_the_slot(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	int64_t start = local(fx, 3, 11, 0);
	char ref[BOOKING_REF_LEN];
	book(fx, start, now, ref, "key-c1");
	struct booking_request r = about(BOOKING_OP_CANCEL, ref, "4456");
	assert_int_equal(run(fx, &r, now), BOOKING_CHECK_FAILED);
	r.reference[0] = r.reference[0] == 'A' ? 'C' : 'A';
	assert_int_equal(run(fx, &r, now), BOOKING_UNKNOWN);
	r = about(BOOKING_OP_CANCEL, ref, "4455");
	snprintf(r.idempotency, sizeof(r.idempotency), "key-c2");
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->booking.state, BOOKING_CANCELLED);
	/* A retry gets the same answer; a new request is told it is over. */
	assert_int_equal(run(fx, &r, now + 3), BOOKING_OK);
	r.idempotency[0] = '\0';
	assert_int_equal(run(fx, &r, now + 4), BOOKING_NOT_ACTIVE);
	assert_event_data(fx, "kiosk.booking.cancelled",
			  "{\"service\":\"pension\",\"mode\":\"in_person\",\"day\":\"2026-11-26\"}");
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM events WHERE type = 'kiosk.booking.cancelled'"), 1);
	char id[40];
	hold(fx, start, now, id);
}

static void a_move_takes_the_new_slot_and_gives_back_the_old(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	int64_t old = local(fx, 1, 13, 0), new_start = local(fx, 8, 14, 40);
	char ref[BOOKING_REF_LEN], id[40];
	book(fx, old, now, ref, "key-m1");
	struct booking_request r = hold_request(new_start);
	r.mode = BOOKING_PHONE;
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	snprintf(id, sizeof(id), "%s", fx->out->hold);
	r = about(BOOKING_OP_MOVE, ref, "0000");
	snprintf(r.hold, sizeof(r.hold), "%s", id);
	assert_int_equal(run(fx, &r, now), BOOKING_CHECK_FAILED);
	snprintf(r.check, sizeof(r.check), "4455");
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->booking.start, new_start);
	assert_int_equal(fx->out->booking.mode, BOOKING_PHONE);
	assert_string_equal(fx->out->booking.reference, ref);
	/* The hold is used up; the old slot is free. */
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM holds"), 0);
	hold(fx, old, now, id);
	assert_event_data(fx, "kiosk.booking.moved",
			  "{\"service\":\"pension\",\"mode\":\"phone\",\"day\":\"2026-12-01\"}");
}

/* One adviser: the visitor would rather talk by phone at the same time. */
static void a_move_to_the_same_time_sets_the_bookings_own_meeting_aside(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0), start = local(fx, 2, 10, 0);
	char ref[BOOKING_REF_LEN];
	book(fx, start, now, ref, "key-s1");
	struct booking_request r = hold_request(start);
	r.mode = BOOKING_PHONE;
	assert_int_equal(run(fx, &r, now), BOOKING_SLOT_TAKEN);
	/* Availability for the move shows the time; for anyone else it is taken. */
	r = request(BOOKING_OP_AVAILABILITY);
	r.mode = BOOKING_PHONE;
	r.from = start;
	r.to = start + 60;
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->nslots, 0);
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->nslots, 1);
	assert_int_equal(fx->out->slots[0].start, start);
	r = hold_request(start);
	r.mode = BOOKING_PHONE;
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	char id[40];
	snprintf(id, sizeof(id), "%s", fx->out->hold);
	/* That hold confirms no new booking: the slot is not free for one. */
	struct booking_request c = confirmation(id, "key-s2");
	assert_int_equal(run(fx, &c, now), BOOKING_SLOT_TAKEN);
	r = hold_request(start);
	r.mode = BOOKING_PHONE;
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	snprintf(id, sizeof(id), "%s", fx->out->hold);
	r = about(BOOKING_OP_MOVE, ref, "4455");
	snprintf(r.hold, sizeof(r.hold), "%s", id);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(fx->out->booking.mode, BOOKING_PHONE);
	assert_int_equal(fx->out->booking.start, start);
}

/* BOOKING_CHECK_LIMIT wrong checks in a day, and the booking takes none
 * (not even the right one) until a day after the first. */
static void wrong_checks_lock_a_booking_for_a_day(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	char ref[BOOKING_REF_LEN];
	book(fx, local(fx, 4, 9, 0), now, ref, "key-w1");
	for (int i = 0; i < BOOKING_CHECK_LIMIT; i++) {
		char wrong[8];
		snprintf(wrong, sizeof(wrong), "%04d", 1000 + i);
		struct booking_request r = about(BOOKING_OP_CANCEL, ref, wrong);
		assert_int_equal(run(fx, &r, now + i * 600), BOOKING_CHECK_FAILED);
	}
	struct booking_request r = about(BOOKING_OP_CANCEL, ref, "4455");
	assert_int_equal(run(fx, &r, now + 3600), BOOKING_CHECK_LOCKED);
	assert_int_equal(fx->out->window_to, now + BOOKING_CHECK_WINDOW_S);
	r = about(BOOKING_OP_MOVE, ref, "4455");
	assert_int_equal(run(fx, &r, now + BOOKING_CHECK_WINDOW_S - 1), BOOKING_CHECK_LOCKED);
	/* The booking itself is untouched: it can still be found. */
	r = about(BOOKING_OP_FIND, ref, "");
	assert_int_equal(run(fx, &r, now + 3600), BOOKING_OK);
	assert_int_equal(fx->out->booking.state, BOOKING_BOOKED);
	r = about(BOOKING_OP_CANCEL, ref, "4455");
	assert_int_equal(run(fx, &r, now + BOOKING_CHECK_WINDOW_S), BOOKING_OK);
	assert_int_equal(fx->out->booking.state, BOOKING_CANCELLED);
}

static void checkin_has_a_window_and_gives_a_number_in_the_appointments_queue(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	int64_t start = local(fx, 0, 10, 0);
	char ref[BOOKING_REF_LEN];
	book(fx, start, now, ref, "key-k1");
	struct booking_request r = about(BOOKING_OP_CHECKIN, ref, "");
	assert_int_equal(run(fx, &r, local(fx, 0, 9, 29)), BOOKING_TOO_EARLY);
	assert_int_equal(fx->out->window_from, local(fx, 0, 9, 30));
	assert_int_equal(fx->out->window_to, local(fx, 0, 10, 15));
	assert_int_equal(run(fx, &r, local(fx, 0, 10, 16)), BOOKING_TOO_LATE);
	assert_int_equal(fx->out->window_to, local(fx, 0, 10, 15));
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM tickets"), 0);
	snprintf(r.idempotency, sizeof(r.idempotency), "key-k2");
	assert_int_equal(run(fx, &r, local(fx, 0, 9, 45)), BOOKING_OK);
	assert_int_equal(fx->out->booking.state, BOOKING_ARRIVED);
	assert_string_equal(fx->out->booking.number, "T001");
	/* Retried: the same number, not a second one. */
	assert_int_equal(run(fx, &r, local(fx, 0, 9, 45)), BOOKING_OK);
	assert_string_equal(fx->out->booking.number, "T001");
	r.idempotency[0] = '\0';
	assert_int_equal(run(fx, &r, local(fx, 0, 9, 46)), BOOKING_NOT_ACTIVE);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM tickets WHERE service = 'appointments' AND number = 1"
					   " AND day = '2026-11-23'"),
			 1);
	assert_event_data(fx, "kiosk.checkin.arrived",
			  "{\"service\":\"pension\",\"mode\":\"in_person\",\"day\":\"2026-11-23\"}");
	char data[200];
	query_text(fx->db, "SELECT data FROM events WHERE type = 'kiosk.ticket.issued'", data, sizeof(data));
	assert_non_null(strstr(data, "\"number\":\"T001\""));

	/* A phone meeting: arrived, with no number. */
	struct booking_request h = hold_request(local(fx, 0, 11, 0));
	h.mode = BOOKING_PHONE;
	assert_int_equal(run(fx, &h, now), BOOKING_OK);
	struct booking_request c = confirmation(fx->out->hold, "key-k3");
	assert_int_equal(run(fx, &c, now), BOOKING_OK);
	r = about(BOOKING_OP_CHECKIN, fx->out->booking.reference, "");
	assert_int_equal(run(fx, &r, local(fx, 0, 10, 55)), BOOKING_OK);
	assert_int_equal(fx->out->booking.mode, BOOKING_PHONE);
	assert_string_equal(fx->out->booking.number, "");
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM tickets"), 1);
}

static void a_retried_confirmation_books_once(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	char id[40];
	hold(fx, local(fx, 4, 9, 0), now, id);
	struct booking_request r = confirmation(id, "key-retry");
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	char ref[BOOKING_REF_LEN];
	snprintf(ref, sizeof(ref), "%s", fx->out->booking.reference);
	r = confirmation(id, "key-retry"); /* the answer was lost: sent again */
	assert_int_equal(run(fx, &r, now + 2), BOOKING_OK);
	assert_string_equal(fx->out->booking.reference, ref);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), 1);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM events"), 1);
	/* A hold retried is the same hold. */
	struct booking_request h = hold_request(local(fx, 4, 9, 40));
	snprintf(h.idempotency, sizeof(h.idempotency), "key-hold");
	assert_int_equal(run(fx, &h, now), BOOKING_OK);
	snprintf(id, sizeof(id), "%s", fx->out->hold);
	assert_int_equal(run(fx, &h, now + 1), BOOKING_OK);
	assert_string_equal(fx->out->hold, id);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM holds"), 1);
	/* Without a valid contact nothing is booked. */
	r = confirmation(id, "key-bad");
	snprintf(r.contact.phone, sizeof(r.contact.phone), "12");
	r.contact.email[0] = '\0';
	assert_int_equal(run(fx, &r, now + 3), BOOKING_FAILED);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), 1);
}

static void contact_details_are_gone_from_the_file_after_the_retention(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	char ref[BOOKING_REF_LEN];
	book(fx, local(fx, 1, 9, 0), now, ref, "key-r1");
	/* Cancelled and moved too: every rewrite of the row leaves its old copy somewhere. */
	char ref2[BOOKING_REF_LEN], id[40];
	book(fx, local(fx, 1, 10, 0), now, ref2, "key-r2");
	hold(fx, local(fx, 1, 11, 0), now, id);
	struct booking_request r = about(BOOKING_OP_MOVE, ref2, "4455");
	snprintf(r.hold, sizeof(r.hold), "%s", id);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	r = about(BOOKING_OP_CANCEL, ref2, "4455");
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_int_equal(file_hits(fx->dir, CONTACT, NCONTACT), NCONTACT);

	/* The last day of the retention: kept (the day after the appointment plus 30). */
	int cleared = -1;
	assert_int_equal(store_booking_purge(fx->db, &fx->site, local(fx, 31, 23, 59), &cleared), KIOSK_OK);
	assert_int_equal(cleared, 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings WHERE name IS NOT NULL"), 2);
	/* The day after: gone, from the tables and from the bytes of the files. */
	assert_int_equal(store_booking_purge(fx->db, &fx->site, local(fx, 32, 0, 1), &cleared), KIOSK_OK);
	assert_int_equal(cleared, 2);
	char where[200];
	assert_int_equal(scan_tables(fx->db, CONTACT, NCONTACT, where, sizeof(where)), 0);
	assert_int_equal(file_hits(fx->dir, CONTACT, NCONTACT), 0);
	/* The bookings stay, for statistics, without their details. */
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), 2);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings WHERE name IS NULL AND phone IS NULL"
					   " AND email IS NULL AND reason_text IS NULL"),
			 2);
	/* And cannot be cancelled any more. */
	r = about(BOOKING_OP_CANCEL, ref, "4455");
	assert_int_equal(run(fx, &r, local(fx, 32, 9, 0)), BOOKING_NOT_ACTIVE);
	sqlite3_close(fx->db);
	fx->db = NULL;
	assert_int_equal(file_hits(fx->dir, CONTACT, NCONTACT), 0);
}

/* ---- Two processes ---------------------------------------------------------- */

struct racer {
	pid_t pid;
	int go[2], done[2]; /* parent -> child, child -> parent */
};

/* One round's outcome, as a child reports it. */
struct outcome {
	int status;	/* of the hold, or of the confirmation when the hold succeeded */
	int nslots;	/* with SLOT_TAKEN */
	int nearest_ok; /* none of the nearest is the slot raced for */
};

static void racer_main(const char *dir, const struct store_booking_site *site, const int64_t *starts, int go, int done)
{
	sqlite3 *db = NULL;
	struct booking_reply *out = calloc(1, sizeof(*out));
	if (!out || store_open(dir, &db) != KIOSK_OK)
		_exit(2);
	char c;
	for (int i = 0; i < ROUNDS && read(go, &c, 1) == 1; i++) {
		int64_t now = starts[ROUNDS];
		struct booking_request r = hold_request(starts[i]);
		store_booking_exec(db, site, &r, now, out);
		struct outcome o = {(int)out->status, out->nslots, 1};
		for (int k = 0; k < out->nslots; k++)
			o.nearest_ok &= out->slots[k].start != starts[i];
		if (out->status == BOOKING_OK) {
			struct booking_request cr = request(BOOKING_OP_CONFIRM);
			snprintf(cr.hold, sizeof(cr.hold), "%s", out->hold);
			snprintf(cr.contact.name, sizeof(cr.contact.name), "Racer %d", (int)getpid());
			snprintf(cr.contact.phone, sizeof(cr.contact.phone), "+45 1234 5678");
			store_booking_exec(db, site, &cr, now, out);
			o.status = (int)out->status;
		}
		if (write(done, &o, sizeof(o)) != (ssize_t)sizeof(o))
			_exit(3);
	}
	sqlite3_close(db);
	free(out);
	_exit(0);
}

static void two_processes_never_book_the_last_place_twice(void **state)
{
	struct fixture *fx = *state;
	int64_t now = local(fx, 0, 7, 0);
	/* Thirty slots, each the last place (one adviser). */
	struct booking_request r = request(BOOKING_OP_AVAILABILITY);
	r.from = now;
	r.to = local(fx, 3, 0, 0);
	assert_int_equal(run(fx, &r, now), BOOKING_OK);
	assert_true(fx->out->nslots >= ROUNDS * 2);
	int64_t starts[ROUNDS + 1];
	for (int i = 0; i < ROUNDS; i++)
		starts[i] = fx->out->slots[i * 2].start; /* every other: a free neighbour to offer */
	starts[ROUNDS] = now;				 /* the clock both kiosks read */
	sqlite3_close(fx->db);				 /* no handle crosses a fork */
	fx->db = NULL;

	struct racer rc[2];
	for (int k = 0; k < 2; k++) {
		assert_int_equal(pipe(rc[k].go), 0);
		assert_int_equal(pipe(rc[k].done), 0);
		rc[k].pid = fork();
		assert_true(rc[k].pid >= 0);
		if (rc[k].pid == 0) {
			close(rc[k].go[1]);
			close(rc[k].done[0]);
			racer_main(fx->dir, &fx->site, starts, rc[k].go[0], rc[k].done[1]);
		}
		close(rc[k].go[0]);
		close(rc[k].done[1]);
	}
	int won[2] = {0, 0};
	for (int i = 0; i < ROUNDS; i++) {
		/* Both released at the same moment. */
		assert_int_equal(write(rc[0].go[1], "g", 1), 1);
		assert_int_equal(write(rc[1].go[1], "g", 1), 1);
		struct outcome o[2];
		for (int k = 0; k < 2; k++)
			assert_int_equal(read(rc[k].done[0], &o[k], sizeof(o[k])), (ssize_t)sizeof(o[k]));
		int ok = (o[0].status == BOOKING_OK) + (o[1].status == BOOKING_OK);
		if (ok != 1)
			fail_msg("round %d: statuses %d and %d", i, o[0].status, o[1].status);
		int loser = o[0].status == BOOKING_OK;
		won[!loser]++;
		assert_int_equal(o[loser].status, BOOKING_SLOT_TAKEN);
		assert_true(o[loser].nslots > 0 && o[loser].nslots <= 6);
		assert_true(o[loser].nearest_ok);
	}
	for (int k = 0; k < 2; k++) {
		int st = 0;
		close(rc[k].go[1]);
		close(rc[k].done[0]);
		assert_int_equal(waitpid(rc[k].pid, &st, 0), rc[k].pid);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	fprintf(stderr, "    %d rounds: kiosk A won %d, kiosk B %d\n", ROUNDS, won[0], won[1]);
	assert_int_equal(store_open(fx->dir, &fx->db), KIOSK_OK);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), ROUNDS);
	assert_int_equal(query_int(fx->db, "SELECT count(DISTINCT start_s) FROM bookings"), ROUNDS);
	assert_int_equal(query_int(fx->db,
				   "SELECT count(*) FROM bookings a JOIN bookings b ON a.reference < b.reference"
				   " AND a.start_s < b.end_s AND b.start_s < a.end_s"),
			 0);
}

/* ---- The service thread ------------------------------------------------------- */

/* The reply to serial, taken from the mailbox when its message comes, as the shell does. */
static struct booking_reply *wait_reply(struct post *post, struct booking_backend *box, uint32_t serial)
{
	for (Uint64 until = SDL_GetTicks64() + 10000; SDL_GetTicks64() < until;) {
		SDL_Event ev;
		struct app_msg m;
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(post, &ev, &m) && m.kind == APP_MSG_BOOKING) {
			assert_int_equal(m.arg, (int)serial);
			struct booking_reply *r = booking_backend_take(box);
			assert_non_null(r);
			assert_int_equal(r->serial, serial);
			return r;
		}
	}
	fail_msg("no reply to booking request %u", (unsigned)serial);
	return NULL;
}

static void the_store_answers_bookings_on_its_own_thread(void **state)
{
	struct fixture *fx = *state;
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0);
	struct post post;
	assert_true(post_init(&post));
	struct booking_backend box;
	booking_backend_init(&box, &post);
	struct store *st = store_start(fx->dir, &post);
	assert_non_null(st);
	int64_t now = local(fx, 0, 7, 0);
	assert_true(store_start_bookings(st, &fx->site, &box, now));
	struct booking_request r = hold_request(local(fx, 5, 9, 0));
	store_booking(st, &r, now);
	struct booking_reply *got = wait_reply(&post, &box, r.serial);
	assert_int_equal(got->status, BOOKING_OK);
	assert_int_equal(got->hold_expires, now + BOOKING_HOLD_S);
	struct booking_request c = confirmation(got->hold, "key-thread");
	free(got);
	store_booking(st, &c, now + 1);
	got = wait_reply(&post, &box, c.serial);
	assert_int_equal(got->status, BOOKING_OK);
	assert_int_equal(got->booking.start, local(fx, 5, 9, 0));
	/* Nothing is owed once every reply is in. */
	assert_int_equal(store_backlog(st), 0);
	free(got);
	store_stop(st);
	booking_backend_fini(&box);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM bookings"), 1);
	post_fini(&post);
	SDL_Quit();
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(a_held_slot_is_confirmed_found_and_reported_without_personal_data),
	    T(a_taken_slot_is_refused_with_the_nearest_free_slots),
	    T(an_expired_hold_is_not_confirmed_and_frees_its_slot),
	    T(cancel_needs_the_second_check_and_frees_the_slot),
	    T(a_move_takes_the_new_slot_and_gives_back_the_old),
	    T(a_move_to_the_same_time_sets_the_bookings_own_meeting_aside),
	    T(wrong_checks_lock_a_booking_for_a_day),
	    T(checkin_has_a_window_and_gives_a_number_in_the_appointments_queue),
	    T(a_retried_confirmation_books_once),
	    T(contact_details_are_gone_from_the_file_after_the_retention),
	    T(two_processes_never_book_the_last_place_twice),
	    T(the_store_answers_bookings_on_its_own_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
