/*
 * DESIGN: db, the server's durable state.
 *
 * What it is: one SQLite database (WAL, synchronous=FULL) holding enrolment
 * tokens, enrolled kiosks (secret hashes only), events, the latest health
 * report per kiosk, queue counters, tickets, desk calls, idempotency keys,
 * and appointments: bookings, their contact details, holds. New tables are
 * created when missing, so an older database simply gains them.
 * secure_delete is on: deleted contact details are overwritten in the file,
 * not merely unlinked (retention, bookings.c).
 * What it is not: the queries of each endpoint (they live with the endpoint).
 * Threading: MHD runs one thread per connection; they share ONE connection
 * behind one mutex. Every write of this server is small, and SQLite allows one
 * writer at a time anyway, so per-thread connections would only add
 * SQLITE_BUSY retries. The lock is held for whole transactions (a ticket's
 * idempotency check, counter, row and stored reply are one critical section)
 * and never while sleeping or doing network I/O.
 */
#include "db.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct db {
	sqlite3 *h;
	pthread_mutex_t lock;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS tokens("
    " hash TEXT PRIMARY KEY, office TEXT NOT NULL, created_ms INTEGER NOT NULL, used_ms INTEGER);"
    "CREATE TABLE IF NOT EXISTS kiosks("
    " kiosk_id TEXT PRIMARY KEY, office TEXT NOT NULL, secret_hash BLOB NOT NULL,"
    " name TEXT, version TEXT, enrolled_ms INTEGER NOT NULL);"
    /* seen counts every time the event arrived, duplicates included. */
    "CREATE TABLE IF NOT EXISTS events("
    " source TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, time TEXT, sequence TEXT,"
    " received_ms INTEGER NOT NULL, seen INTEGER NOT NULL DEFAULT 1, event TEXT NOT NULL,"
    " UNIQUE(source, id));"
    "CREATE TABLE IF NOT EXISTS health("
    " kiosk_id TEXT PRIMARY KEY, received_ms INTEGER NOT NULL, report TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS counters("
    " office TEXT NOT NULL, day TEXT NOT NULL, service TEXT NOT NULL, issued INTEGER NOT NULL,"
    " PRIMARY KEY(office, day, service));"
    /* Every ticket of the day, from the server or learned from a kiosk's event:
     * one row per number, whoever reports it first. */
    "CREATE TABLE IF NOT EXISTS tickets("
    " office TEXT NOT NULL, day TEXT NOT NULL, service TEXT NOT NULL, number TEXT NOT NULL,"
    " priority INTEGER NOT NULL, issued_ms INTEGER NOT NULL, allocated_by TEXT NOT NULL,"
    " called_ms INTEGER, desk TEXT, UNIQUE(office, day, number));"
    "CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets(office, day, service, called_ms);"
    "CREATE TABLE IF NOT EXISTS calls("
    " office TEXT NOT NULL, service TEXT NOT NULL, desk TEXT NOT NULL, called_ms INTEGER NOT NULL,"
    " number TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS calls_by_time ON calls(office, called_ms);"
    "CREATE TABLE IF NOT EXISTS idempotency("
    " scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,"
    " response TEXT NOT NULL, created_ms INTEGER NOT NULL, PRIMARY KEY(scope, key));"
    "CREATE INDEX IF NOT EXISTS idempotency_age ON idempotency(created_ms);"
    /* Appointments (bookings.c). Nothing personal in this table: day is the
     * start's local date (retention and statistics), check the kind of
     * second check, number the ticket of an in-person check-in. */
    "CREATE TABLE IF NOT EXISTS bookings("
    " id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, office TEXT NOT NULL, service TEXT NOT NULL,"
    " mode TEXT NOT NULL, start_s INTEGER NOT NULL, end_s INTEGER NOT NULL, day TEXT NOT NULL,"
    " state TEXT NOT NULL, check_kind TEXT NOT NULL, reason TEXT NOT NULL, lang TEXT NOT NULL,"
    " kiosk TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, number TEXT);"
    "CREATE INDEX IF NOT EXISTS bookings_busy ON bookings(office, service, start_s);"
    "CREATE INDEX IF NOT EXISTS bookings_day ON bookings(office, day);"
    /* The personal part of a booking, apart so that retention deletes whole
     * rows (with secure_delete, their bytes are overwritten too). */
    "CREATE TABLE IF NOT EXISTS booking_contacts("
    " booking INTEGER PRIMARY KEY REFERENCES bookings(id), name TEXT NOT NULL, phone TEXT NOT NULL,"
    " email TEXT NOT NULL, reason_text TEXT NOT NULL);"
    /* Slots kept for a kiosk while its visitor types; expired rows count
     * for nothing and are deleted an hour after they expire. */
    "CREATE TABLE IF NOT EXISTS holds("
    " id TEXT PRIMARY KEY, office TEXT NOT NULL, service TEXT NOT NULL, mode TEXT NOT NULL,"
    " start_s INTEGER NOT NULL, end_s INTEGER NOT NULL, created_ms INTEGER NOT NULL,"
    " expires_ms INTEGER NOT NULL, kiosk TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS holds_busy ON holds(office, service, start_s);"
    /* Wrong second checks per booking (bookings.c): a count, nothing personal. */
    "CREATE TABLE IF NOT EXISTS booking_checks("
    " booking INTEGER PRIMARY KEY REFERENCES bookings(id), failures INTEGER NOT NULL, since_s INTEGER NOT NULL);";

/* mkdir -p, mode 0700: the folder holds secret hashes and tokens. */
static bool make_dirs(const char *dir)
{
	char path[4096];
	int n = snprintf(path, sizeof path, "%s", dir);
	if (n <= 0 || (size_t)n >= sizeof path)
		return false;
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

enum kiosk_err db_open(const char *dir, struct db **out)
{
	*out = NULL;
	if (!make_dirs(dir)) {
		fprintf(stderr, "kiosk-central: cannot create %s: %s\n", dir, strerror(errno));
		return KIOSK_ERR_IO;
	}
	char path[4096];
	if (snprintf(path, sizeof path, "%s/central.db", dir) >= (int)sizeof path)
		return KIOSK_ERR_INVALID;
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return KIOSK_ERR_NOMEM;
	pthread_mutex_init(&db->lock, NULL);
	/* FULLMUTEX is belt and braces: our own mutex already serializes use. */
	int rc =
	    sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
	char *msg = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h,
				  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
				  " PRAGMA secure_delete=ON;",
				  NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, schema, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk-central: %s: %s\n", path, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		db_close(db);
		return KIOSK_ERR_IO;
	}
	*out = db;
	return KIOSK_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	sqlite3_close(db->h);
	pthread_mutex_destroy(&db->lock);
	free(db);
}

void db_lock(struct db *db)
{
	pthread_mutex_lock(&db->lock);
}

void db_unlock(struct db *db)
{
	pthread_mutex_unlock(&db->lock);
}

sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

bool db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) == SQLITE_OK)
		return true;
	fprintf(stderr, "kiosk-central: database: %s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	return false;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK");
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "kiosk-central: database: %s: %s\n", sql, sqlite3_errmsg(db->h));
		return NULL;
	}
	return st;
}

bool db_run(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fprintf(stderr, "kiosk-central: database: %s: %s\n", sqlite3_sql(st), sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

int64_t db_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
