/*
 * DESIGN: uplink_outbox, the SQL side of delivery.
 *
 * What it is: the statements the uplink runs on its own connection to the
 * store's kiosk.db (WAL, busy timeout from store_open), and its few writes
 * of its own: events it records (kiosk.config.applied, ...), its keys in
 * the state table, and the count of the day's tickets for the heartbeat. Events are read in
 * seq order and only ever removed in one transaction with what replaces
 * them (parked rows, the last-upload time, a kiosk.uplink.parked event), so
 * a kill at any moment leaves either the old outbox or the settled one; the
 * server de-duplicates the resend of a batch it already stored.
 * What it is not: it never decides what to delete; uplink.c does, from a
 * reply uplink_wire.c has checked.
 * Threading: the uplink thread only; the store thread writes the same file
 * through its own connection, and SQLite serialises the two.
 */
#include "uplink_outbox.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static char *dup_column(sqlite3_stmt *q, int col)
{
	const unsigned char *s = sqlite3_column_text(q, col);
	return strdup(s ? (const char *)s : "");
}

enum kiosk_err uplink_outbox_read(sqlite3 *db, int limit, struct uplink_batch *b)
{
	sqlite3_stmt *q = NULL;
	b->n = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT seq, id, time_ms, type, data FROM events ORDER BY seq LIMIT ?", -1, &q,
				    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(q, 1, limit < 1 ? 1 : limit > UPLINK_BATCH_MAX ? UPLINK_BATCH_MAX : limit);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct uplink_row *r = &b->rows[b->n];
		r->seq = sqlite3_column_int64(q, 0);
		r->id = dup_column(q, 1);
		r->time_ms = sqlite3_column_int64(q, 2);
		r->type = dup_column(q, 3);
		r->data = dup_column(q, 4);
		b->n++;
		if (!r->id || !r->type || !r->data) {
			rc = SQLITE_NOMEM;
			break;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(q);
	enum kiosk_err err = store_err(rc);
	if (err != KIOSK_OK)
		uplink_batch_fini(b);
	return err;
}

void uplink_batch_fini(struct uplink_batch *b)
{
	for (int i = 0; i < b->n; i++) {
		free((char *)b->rows[i].id);
		free((char *)b->rows[i].type);
		free((char *)b->rows[i].data);
	}
	b->n = 0;
}

/* One prepared statement, bound from a tiny format ('t' text, 'l' int64), run once. */
static int exec_bound(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	va_list ap;
	va_start(ap, fmt);
	for (int i = 0; rc == SQLITE_OK && fmt[i]; i++) {
		if (fmt[i] == 't')
			rc = sqlite3_bind_text(q, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_int64(q, i + 1, va_arg(ap, long long));
	}
	va_end(ap);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* Counts per code, so one kiosk.uplink.parked event says "12 x invalid_event". */
struct code_count {
	const char *code;
	int count;
};

static int record_parked_events(sqlite3 *db, const struct code_count *c, int nc, long long now_ms)
{
	int rc = SQLITE_OK;
	for (int i = 0; rc == SQLITE_OK && i < nc; i++) {
		char id[27], data[160];
		store_new_id(id, now_ms);
		/* Codes are the server's machine words; keep only what needs no escaping. */
		char code[64];
		size_t k = 0;
		for (const char *p = c[i].code; *p && k + 1 < sizeof(code); p++)
			if (*p != '"' && *p != '\\' && (unsigned char)*p >= ' ')
				code[k++] = *p;
		code[k] = '\0';
		snprintf(data, sizeof(data), "{\"count\":%d,\"code\":\"%s\"}", c[i].count, code);
		rc =
		    exec_bound(db, "INSERT INTO events(id, time_ms, type, data) VALUES(?, ?, 'kiosk.uplink.parked', ?)",
			       "tlt", id, now_ms, data);
	}
	return rc;
}

enum kiosk_err uplink_outbox_settle(sqlite3 *db, const struct uplink_row *rows, int n,
				    const struct uplink_rejection *rej, int nrej, bool uploaded, long long now_ms,
				    int *parked)
{
	struct code_count codes[8];
	int ncodes = 0, moved = 0;
	*parked = 0;
	if (n == 0)
		return KIOSK_OK;
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (int i = 0; rc == SQLITE_OK && i < nrej; i++) {
		const struct uplink_row *row = NULL;
		for (int k = 0; k < n && !row; k++)
			row = strcmp(rows[k].id, rej[i].id) == 0 ? &rows[k] : NULL;
		if (!row)
			continue; /* not one of ours: nothing to park */
		rc = exec_bound(db,
				"INSERT OR IGNORE INTO parked(id, seq, time_ms, type, data, code, message, parked_ms)"
				" SELECT id, seq, time_ms, type, data, ?, ?, ? FROM events WHERE id = ?",
				"ttlt", rej[i].code, rej[i].message, now_ms, rej[i].id);
		if (rc != SQLITE_OK)
			break;
		moved += sqlite3_changes(db);
		/* A refused report of parking is parked silently: reporting it
		 * again would be refused again, without end. */
		if (strcmp(row->type, "kiosk.uplink.parked") == 0)
			continue;
		int c = 0;
		while (c < ncodes && strcmp(codes[c].code, rej[i].code) != 0)
			c++;
		if (c == ncodes && ncodes < (int)(sizeof(codes) / sizeof(codes[0])))
			codes[ncodes++] = (struct code_count){rej[i].code, 0};
		if (c < ncodes)
			codes[c].count++;
	}
	/* The batch is contiguous in seq from the head of the outbox, and
	 * AUTOINCREMENT never reuses a seq: the range is exactly the batch. */
	if (rc == SQLITE_OK)
		rc = exec_bound(db, "DELETE FROM events WHERE seq BETWEEN ? AND ?", "ll", rows[0].seq, rows[n - 1].seq);
	if (rc == SQLITE_OK && uploaded)
		rc = exec_bound(db,
				"INSERT INTO state(key, value) VALUES('last_upload_ms', ?)"
				" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				"l", now_ms);
	if (rc == SQLITE_OK)
		rc = record_parked_events(db, codes, ncodes, now_ms);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk: uplink: cannot update the outbox: %s\n", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return store_err(rc) == KIOSK_OK ? KIOSK_ERR_IO : store_err(rc);
	}
	*parked = moved;
	return KIOSK_OK;
}

static long long query_ll(sqlite3 *db, const char *sql, long long absent, int *rc)
{
	sqlite3_stmt *q = NULL;
	long long v = absent;
	if (*rc != SQLITE_OK)
		return v;
	*rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	if (*rc == SQLITE_OK) {
		int step = sqlite3_step(q);
		if (step == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
			v = sqlite3_column_int64(q, 0);
		*rc = step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
	}
	sqlite3_finalize(q);
	return v;
}

enum kiosk_err uplink_outbox_stats(sqlite3 *db, struct uplink_stats *s)
{
	int rc = SQLITE_OK;
	/* One read transaction: the numbers describe one moment. */
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	s->depth = query_ll(db, "SELECT count(*) FROM events", 0, &rc);
	s->oldest_ms = query_ll(db, "SELECT min(time_ms) FROM events", -1, &rc);
	s->parked = query_ll(db, "SELECT count(*) FROM parked", 0, &rc);
	s->last_upload_ms =
	    query_ll(db, "SELECT CAST(value AS INTEGER) FROM state WHERE key = 'last_upload_ms'", -1, &rc);
	s->boots = query_ll(db, "SELECT CAST(value AS INTEGER) FROM state WHERE key = 'boots'", 0, &rc);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return store_err(rc);
}

enum kiosk_err uplink_outbox_add_event(sqlite3 *db, const char *type, const char *data_json, long long now_ms)
{
	char id[27];
	store_new_id(id, now_ms);
	int rc = exec_bound(db, "INSERT INTO events(id, time_ms, type, data) VALUES(?, ?, ?, ?)", "tltt", id, now_ms,
			    type, data_json);
	if (rc != SQLITE_OK)
		fprintf(stderr, "kiosk: uplink: cannot record %s: %s\n", type, sqlite3_errmsg(db));
	return store_err(rc);
}

enum kiosk_err uplink_outbox_issued(sqlite3 *db, const char *day, struct uplink_queue_count *q, int *n, int cap)
{
	for (int i = 0; i < *n; i++)
		q[i].issued_today = 0;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db, "SELECT service, count(*) FROM tickets WHERE day = ? GROUP BY service ORDER BY service", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		const char *service = (const char *)sqlite3_column_text(st, 0);
		int k = 0;
		while (service && k < *n && strcmp(q[k].service, service) != 0)
			k++;
		if (!service || (k == *n && *n == cap))
			continue;
		if (k == *n) {
			snprintf(q[k].service, sizeof(q[k].service), "%s", service);
			(*n)++;
		}
		q[k].issued_today = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return store_err(rc);
}

enum kiosk_err uplink_outbox_state_get(sqlite3 *db, const char *key, char *value, size_t cap)
{
	sqlite3_stmt *st = NULL;
	value[0] = '\0';
	int rc = sqlite3_prepare_v2(db, "SELECT value FROM state WHERE key = ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(value, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return store_err(rc);
}

enum kiosk_err uplink_outbox_state_set(sqlite3 *db, const char *key, const char *value)
{
	int rc = value ? exec_bound(db,
				    "INSERT INTO state(key, value) VALUES(?, ?)"
				    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    "tt", key, value)
		       : exec_bound(db, "DELETE FROM state WHERE key = ?", "t", key);
	return store_err(rc);
}
