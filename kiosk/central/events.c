/*
 * DESIGN: events, the kiosks' reports.
 *
 * What it is: event upload (a CloudEvents batch, stored exactly once per
 * source + id by a UNIQUE constraint; a resent event only bumps its "seen"
 * count), the latest heartbeat per kiosk, and the test endpoint counting what
 * a kiosk's events amount to. A kiosk.ticket.issued event also puts its
 * ticket in the office's queue unless that number is there already: that is
 * how tickets a kiosk issued offline count in "ahead" and get called.
 * What it is not: validation of each event type's data (the kiosk owns its
 * event types; the server keeps what it is sent).
 * Threading: any connection thread; one batch is one transaction under the
 * db lock, so a batch is stored whole or not at all.
 */
#include "events.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "db.h"
#include "http.h"
#include "numbering.h"
#include "site.h"
#include "utc.h"

static bool is_day(const char *s)
{
	return s && strlen(s) == 10 && strspn(s, "0123456789-") == 10 && s[4] == '-' && s[7] == '-';
}

/* Why the event cannot be stored, or NULL. */
static const char *invalid(json_t *e)
{
	if (!json_is_string(json_object_get(e, "specversion")) ||
	    strcmp(json_string_value(json_object_get(e, "specversion")), "1.0") != 0)
		return "'specversion' must be \"1.0\"";
	const char *id = json_string_value(json_object_get(e, "id"));
	if (!id || !*id || strlen(id) > 128)
		return "missing 'id'";
	if (!json_is_string(json_object_get(e, "source")))
		return "missing 'source'";
	const char *type = json_string_value(json_object_get(e, "type"));
	if (!type || !*type)
		return "missing 'type'";
	return NULL;
}

/* A kiosk.ticket.issued event's ticket joins the queue unless its number is
 * known for that day already (the server's own tickets come back this way
 * too). Data the queue cannot use is skipped; the event is kept either way. */
static void learn_ticket(struct db *db, const struct office *o, json_t *e, int64_t now)
{
	json_t *data = json_object_get(e, "data");
	const char *service = json_string_value(json_object_get(data, "service"));
	const char *number = json_string_value(json_object_get(data, "number"));
	const char *day = json_string_value(json_object_get(data, "day"));
	const char *by = json_string_value(json_object_get(data, "allocated_by"));
	const struct service *s = o ? site_service(o, service) : NULL;
	if (!s || numbering_parse(number, s->prefix) < 0 || !is_day(day))
		return;
	int64_t issued;
	if (!tz_parse_rfc3339_ms(json_string_value(json_object_get(e, "time")), &issued))
		issued = now;
	sqlite3_stmt *st = db_prepare(db, "INSERT OR IGNORE INTO tickets(office, day, service, number, priority,"
					  " issued_ms, allocated_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, o->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, s->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, json_is_true(json_object_get(data, "priority")));
		sqlite3_bind_int64(st, 6, issued);
		sqlite3_bind_text(st, 7, by ? by : "kiosk", -1, SQLITE_TRANSIENT);
	}
	db_run(db, st);
}

/* Stores one valid event: 1 when new, 0 when a duplicate, -1 on failure. */
static int store(struct db *db, const char *source, json_t *e, const struct office *o, int64_t now)
{
	const char *id = json_string_value(json_object_get(e, "id"));
	const char *type = json_string_value(json_object_get(e, "type"));
	char *text = json_dumps(e, JSON_COMPACT);
	sqlite3_stmt *st = text ? db_prepare(db, "INSERT OR IGNORE INTO events(source, id, type, time, sequence,"
						 " received_ms, event) VALUES (?, ?, ?, ?, ?, ?, ?)")
				: NULL;
	if (st) {
		sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, type, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, json_string_value(json_object_get(e, "time")), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, json_string_value(json_object_get(e, "sequence")), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 6, now);
		sqlite3_bind_text(st, 7, text, -1, SQLITE_TRANSIENT);
	}
	free(text);
	if (!db_run(db, st))
		return -1;
	if (sqlite3_changes(db_handle(db)) == 1) {
		if (strcmp(type, "kiosk.ticket.issued") == 0)
			learn_ticket(db, o, e, now);
		return 1;
	}
	st = db_prepare(db, "UPDATE events SET seen = seen + 1 WHERE source = ? AND id = ?");
	if (st) {
		sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	}
	return db_run(db, st) ? 0 : -1;
}

void events_post(struct req *q, struct reply *r)
{
	json_t *batch = http_json_body(q);
	size_t n = json_array_size(batch);
	char source[96];
	snprintf(source, sizeof source, "/kiosk/%s", q->kiosk_id);
	const char *refuse = NULL;
	if (!json_is_array(batch)) {
		refuse = "bad_batch";
	} else if (n > EVENTS_BATCH_MAX) {
		refuse = "batch_too_large";
	} else {
		for (size_t i = 0; i < n && !refuse; i++)
			if (!json_is_object(json_array_get(batch, i)))
				refuse = "bad_batch";
		for (size_t i = 0; i < n && !refuse; i++) {
			const char *src = json_string_value(json_object_get(json_array_get(batch, i), "source"));
			if (src && strcmp(src, source) != 0)
				refuse = "wrong_source";
		}
	}
	if (refuse) {
		json_decref(batch);
		if (strcmp(refuse, "bad_batch") == 0)
			reply_error(r, 400, refuse, "the body must be a JSON array of CloudEvents objects");
		else if (strcmp(refuse, "batch_too_large") == 0)
			reply_error(r, 413, refuse, "%zu events; at most %d per batch", n, EVENTS_BATCH_MAX);
		else
			reply_error(r, 403, refuse, "every event's source must be %s", source);
		return;
	}

	const struct office *o = site_find(q->c, q->office);
	json_t *rejected = json_array();
	int accepted = 0, duplicates = 0;
	bool ok = rejected != NULL;
	struct db *db = q->c->db;
	int64_t now = db_now_ms();
	db_lock(db);
	ok = ok && db_exec(db, "BEGIN IMMEDIATE");
	for (size_t i = 0; ok && i < n; i++) {
		json_t *e = json_array_get(batch, i);
		const char *why = invalid(e);
		if (why) {
			json_t *id = json_object_get(e, "id");
			json_array_append_new(rejected,
					      json_pack("{s:O,s:s,s:s}", "id", json_is_string(id) ? id : json_null(),
							"code", "invalid_event", "message", why));
			continue;
		}
		int res = store(db, source, e, o, now);
		accepted += res == 1;
		duplicates += res == 0;
		ok = res >= 0;
	}
	ok = ok && db_exec(db, "COMMIT");
	if (!ok)
		db_rollback(db);
	db_unlock(db);
	json_decref(batch);
	if (!ok) {
		json_decref(rejected);
		reply_error(r, 503, "storage_failed", "the batch could not be stored; send it again");
		return;
	}
	reply_json(r, 200,
		   json_pack("{s:i,s:i,s:o}", "accepted", accepted, "duplicates", duplicates, "rejected", rejected));
}

void events_health(struct req *q, struct reply *r)
{
	json_t *doc = http_json_body(q);
	char *text = json_is_object(doc) ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text) {
		reply_error(r, 400, "bad_request", "the body must be a JSON object");
		return;
	}
	struct db *db = q->c->db;
	db_lock(db);
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT OR REPLACE INTO health(kiosk_id, received_ms, report) VALUES (?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, q->kiosk_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, db_now_ms());
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	}
	bool ok = db_run(db, st);
	db_unlock(db);
	free(text);
	if (ok)
		reply_empty(r, 204);
	else
		reply_error(r, 503, "storage_failed", "the report could not be stored");
}

void events_test_counts(struct req *q, struct reply *r)
{
	const char *source = http_query(q, "source");
	if (!source || !*source) {
		reply_error(r, 400, "bad_request", "?source=/kiosk/ID is required");
		return;
	}
	struct db *db = q->c->db;
	json_t *types = json_object();
	long long count = 0, received = 0;
	db_lock(db);
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT type, COUNT(*), SUM(seen) FROM events WHERE source = ? GROUP BY type");
	if (st)
		sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
	while (st && types && sqlite3_step(st) == SQLITE_ROW) {
		json_object_set_new(types, (const char *)sqlite3_column_text(st, 0),
				    json_integer(sqlite3_column_int64(st, 1)));
		count += sqlite3_column_int64(st, 1);
		received += sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	db_unlock(db);
	reply_json(r, 200, json_pack("{s:I,s:I,s:o}", "count", count, "received", received, "types", types));
}
