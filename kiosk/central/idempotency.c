/*
 * DESIGN: idempotency, remembered replies of writes.
 *
 * What it is: the table of (scope, key) -> request hash, status and reply
 * body. A scope is the caller and endpoint ("tickets:<kiosk_id>",
 * "desk:<office>", "bookings:<kiosk_id>"), so two callers' keys never meet.
 * Only successful replies are remembered: an error changed nothing, so
 * asking again simply gets the current answer. Keys older than
 * IDEMPOTENCY_KEEP_MS are dropped as new ones come in. The replay itself (a
 * stored 201 goes out as 200) and the header's checks are here too, so every
 * write endpoint answers alike.
 * What it is not: the transaction (the caller's).
 * Threading: under the caller's db lock.
 */
#include "idempotency.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"

bool idempotency_key_valid(const char *key)
{
	size_t n = strlen(key);
	if (n < 1 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if (key[i] <= ' ' || key[i] > '~')
			return false;
	return true;
}

void idempotency_request_hash(const json_t *doc, char out[65])
{
	char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	auth_hash_hex(s ? s : "", s ? strlen(s) : 0, out);
	free(s);
}

enum idempotency idempotency_check(struct db *db, const char *scope, const char *key, const char *request_hash,
				   unsigned *status, char **body)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT request_hash, status, response FROM idempotency"
					  " WHERE scope = ? AND key = ? AND created_ms >= ?");
	if (!st)
		return IDEMPOTENCY_FAILED;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, db_now_ms() - IDEMPOTENCY_KEEP_MS);
	enum idempotency res = IDEMPOTENCY_NEW;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), request_hash) != 0) {
			res = IDEMPOTENCY_REUSED;
		} else {
			*status = (unsigned)sqlite3_column_int(st, 1);
			*body = strdup((const char *)sqlite3_column_text(st, 2));
			res = *body ? IDEMPOTENCY_REPLAY : IDEMPOTENCY_FAILED;
		}
	} else if (rc != SQLITE_DONE) {
		res = IDEMPOTENCY_FAILED;
	}
	sqlite3_finalize(st);
	return res;
}

bool idempotency_store(struct db *db, const char *scope, const char *key, const char *request_hash, unsigned status,
		       const char *body)
{
	int64_t now = db_now_ms();
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM idempotency WHERE created_ms < ?");
	if (del)
		sqlite3_bind_int64(del, 1, now - IDEMPOTENCY_KEEP_MS);
	if (!db_run(db, del))
		return false;
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT OR REPLACE INTO idempotency(scope, key, request_hash, status, response,"
			   " created_ms) VALUES (?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, request_hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, (int)status);
		sqlite3_bind_text(st, 5, body, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 6, now);
	}
	return db_run(db, st);
}

const char *idempotency_header(const struct req *q, struct reply *r)
{
	const char *key = http_header(q, "Idempotency-Key");
	if (!key || !*key)
		reply_error(r, 400, "missing_idempotency_key", "this request needs an Idempotency-Key header");
	else if (!idempotency_key_valid(key))
		reply_error(r, 400, "bad_request", "the Idempotency-Key must be 1 to 128 visible characters");
	else
		return key;
	return NULL;
}

bool idempotency_replay(struct db *db, const char *scope, const char *key, const char *request_hash, struct reply *r)
{
	unsigned status = 0;
	char *body = NULL;
	switch (idempotency_check(db, scope, key, request_hash, &status, &body)) {
	case IDEMPOTENCY_NEW:
		return false;
	case IDEMPOTENCY_REPLAY:
		/* Created once; its replay is a plain 200. */
		if (body[0]) {
			reply_raw(r, status == 201 ? 200 : status, "application/json", body, strlen(body));
		} else {
			free(body);
			reply_empty(r, status);
		}
		return true;
	case IDEMPOTENCY_REUSED:
		reply_error(r, 422, "idempotency_key_reused", "this Idempotency-Key came with a different request");
		return true;
	case IDEMPOTENCY_FAILED:
	default:
		reply_error(r, 503, "storage_failed", "the database failed");
		return true;
	}
}
