/*
 * Store service: SQLite in WAL mode, one connection, one thread.
 *
 * DESIGN: the UI thread appends events to a bounded in-memory queue and
 * signals; the store thread commits them in one transaction per batch
 * (synchronous=FULL: an event that was reported saved survives power loss)
 * and replies through post.h. Each event gets its id (a ULID: time + 80
 * random bits) when it is queued, so a retry after a failure can never make
 * it count twice. When the disk is full or the database cannot be opened,
 * events stay queued and the thread retries every RETRY_S seconds; with
 * nothing to do it sleeps on its condition variable and never wakes.
 * Threading: the queue is shared under one mutex; the sqlite3 handle belongs
 * to the store thread alone. Other threads (the uplink) open their own
 * connection to the same file with store_open, which also brings the schema
 * forward (PRAGMA user_version; v1 files keep working) and sets a busy
 * timeout so their short writes and ours wait for each other.
 *
 * Schema v3: events(seq, id, time_ms, type, data[, sent]) is the outbox, in
 * seq order; the uplink DELETEs rows the server answered 2xx for and moves
 * those it refused for good to parked(id, seq, time_ms, type, data, code,
 * message, parked_ms). state(key, value) holds "boots" (counted here) and
 * the uplink's own keys ("last_upload_ms", "site_rejected_etag"). tickets
 * holds every number taken, whoever chose it; counters number the kiosk
 * without a server (interleaved), offline_counters its offline series.
 * Schema v4 adds the embedded booking backend's tables (bookings, holds,
 * booking_keys), written only by its own thread (store_booking.c), which
 * this file starts and stops with the store.
 */
#include "store.h"

#include "fileio.h"
#include "store_booking.h"
#include "kiosk/queue.h"
#include "kiosk/services.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define QUEUE_CAP 1024
#define RETRY_S 30

enum item_kind { ITEM_EVENT, ITEM_TICKET, ITEM_ANSWERED };

struct event {
	enum item_kind kind;
	char id[27];
	long long time_ms;
	char type[48];       /* TICKET: the service id */
	char data[160];      /* TICKET: the prefix */
	char day[11];        /* TICKET */
	bool priority;       /* TICKET */
	int kiosk, kiosks;   /* TICKET */
	int series;          /* TICKET: enum store_series */
	int number;          /* TICKET: the server's, or filled by the commit */
};

struct store {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool stop;
	struct event queue[QUEUE_CAP]; /* ring: [head, head + count) */
	int head, count;
	int dropped;                   /* events that found the queue full */
	char dir[256];
	struct post *post;
	sqlite3 *db;                   /* store thread only */
	int status;                    /* last status reported, store thread only */
	struct store_booking *bookings; /* the embedded booking backend; NULL: none */
};

/* Schema v1, as the first kiosks wrote it. Kept verbatim: a v1 file is
 * brought forward by the steps after it, never rebuilt. */
static const char SCHEMA_V1[] =
	"CREATE TABLE IF NOT EXISTS events("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL UNIQUE,"
	" time_ms INTEGER NOT NULL,"
	" type TEXT NOT NULL,"
	" data TEXT NOT NULL,"
	" sent INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS counters(day TEXT NOT NULL, service TEXT NOT NULL, issued INTEGER NOT NULL,"
	" PRIMARY KEY(day, service));"
	"CREATE TABLE IF NOT EXISTS tickets(id TEXT PRIMARY KEY, day TEXT NOT NULL, service TEXT NOT NULL,"
	" number INTEGER NOT NULL, priority INTEGER NOT NULL, time_ms INTEGER NOT NULL, UNIQUE(day, service, number));";

/* v2: the uplink deletes events once the server has them (the `sent` column
 * is no longer used) and parks those it refused for good, with its reason. */
static const char SCHEMA_V2[] =
	"CREATE TABLE IF NOT EXISTS parked("
	" id TEXT PRIMARY KEY,"
	" seq INTEGER NOT NULL,"
	" time_ms INTEGER NOT NULL,"
	" type TEXT NOT NULL,"
	" data TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" message TEXT NOT NULL,"
	" parked_ms INTEGER NOT NULL);";

/* v3: the offline series' per-day counters (docs/queue-numbering.md). */
static const char SCHEMA_V3[] =
	"CREATE TABLE IF NOT EXISTS offline_counters(day TEXT NOT NULL, service TEXT NOT NULL,"
	" issued INTEGER NOT NULL, PRIMARY KEY(day, service));";

/* v4: the embedded booking backend (store_booking.c). A booking keeps its
 * contact details (name, phone, email, reason_text) only until its local
 * day plus the retention has passed; then they are NULL. Times are UTC
 * seconds, day the appointment's local day (days since 1970-01-01). */
static const char SCHEMA_V4[] =
	"CREATE TABLE IF NOT EXISTS bookings("
	" reference TEXT PRIMARY KEY,"
	" service TEXT NOT NULL,"
	" mode TEXT NOT NULL,"
	" state TEXT NOT NULL,"
	" start_s INTEGER NOT NULL,"
	" end_s INTEGER NOT NULL,"
	" day INTEGER NOT NULL,"
	" check_kind TEXT NOT NULL,"
	" name TEXT, phone TEXT, email TEXT,"
	" reason TEXT NOT NULL DEFAULT '',"
	" reason_text TEXT,"
	" lang TEXT NOT NULL DEFAULT '',"
	" number TEXT NOT NULL DEFAULT '',"
	" created_s INTEGER NOT NULL,"
	" changed_s INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS bookings_by_start ON bookings(service, start_s);"
	"CREATE TABLE IF NOT EXISTS holds(id TEXT PRIMARY KEY, service TEXT NOT NULL, mode TEXT NOT NULL,"
	" start_s INTEGER NOT NULL, end_s INTEGER NOT NULL, expires_s INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS holds_by_start ON holds(service, start_s);"
	"CREATE TABLE IF NOT EXISTS booking_keys(key TEXT PRIMARY KEY, op INTEGER NOT NULL,"
	" reference TEXT NOT NULL DEFAULT '', hold TEXT NOT NULL DEFAULT '', time_s INTEGER NOT NULL);";

/* v5: wrong second checks per booking (store_booking_ops.c): a count, nothing personal. */
static const char SCHEMA_V5[] =
	"CREATE TABLE IF NOT EXISTS booking_checks(reference TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
	" since_s INTEGER NOT NULL);";

#define SCHEMA_VERSION 5
/* Each thread's connection waits this long for another's write to finish. */
#define BUSY_MS 5000

void store_new_id(char out[27], long long ms)
{
	static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char r[10] = {0};
	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* No entropy yet (early boot): time and address still make it unique here. */
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		unsigned long long x = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)(uintptr_t)r << 16);
		memcpy(r, &x, sizeof(x));
	}
	unsigned long long t = (unsigned long long)ms;
	for (int i = 9; i >= 0; i--, t >>= 5)
		out[i] = b32[t & 31];
	/* 80 random bits as 16 base-32 digits. */
	for (int i = 0; i < 16; i++) {
		int bit = i * 5, byte = bit / 8, shift = bit % 8;
		unsigned v = ((unsigned)r[byte] << 8 | (byte + 1 < 10 ? r[byte + 1] : 0)) >> (11 - shift);
		out[10 + i] = b32[v & 31];
	}
	out[26] = '\0';
}

enum kiosk_err store_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return KIOSK_OK;
	case SQLITE_FULL:
		return KIOSK_ERR_DISK_FULL;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return KIOSK_ERR_BUSY;
	case SQLITE_NOMEM:
		return KIOSK_ERR_NOMEM;
	default:
		return KIOSK_ERR_IO;
	}
}

static void reply(struct store *st, enum app_msg_kind kind, int status)
{
	st->status = status;
	struct app_msg m = {kind, status, 0};
	post_send(st->post, &m);
}

/* Brings the schema to SCHEMA_VERSION in one transaction, so two threads
 * opening a fresh file at once cannot both half-create it. A newer file
 * (a kiosk rolled back) is used as it is: versions only ever add. */
static int migrate(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	int version = 0;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q) == SQLITE_ROW ? SQLITE_OK : SQLITE_ERROR;
		version = sqlite3_column_int(q, 0);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_OK && version < 1)
		rc = sqlite3_exec(db, SCHEMA_V1, NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < 2)
		rc = sqlite3_exec(db, SCHEMA_V2, NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < 3)
		rc = sqlite3_exec(db, SCHEMA_V3, NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < 4)
		rc = sqlite3_exec(db, SCHEMA_V4, NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < 5)
		rc = sqlite3_exec(db, SCHEMA_V5, NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < SCHEMA_VERSION)
		rc = sqlite3_exec(db, "PRAGMA user_version=5", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

enum kiosk_err store_open(const char *data_dir, sqlite3 **out)
{
	char path[300];
	sqlite3 *db = NULL;
	snprintf(path, sizeof(path), "%s/kiosk.db", data_dir);
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(db, BUSY_MS);
	/* synchronous=FULL: an event reported saved, or deleted after the server
	 * took it, stays so through a power cut. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA synchronous=FULL;", NULL, NULL, NULL);
	/* What is deleted is overwritten: a booking's contact details, once
	 * their retention is over, leave no trace in the file's free space. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA secure_delete=ON;", NULL, NULL, NULL);
	/* Two threads opening a new file at once: switching it to WAL, or two
	 * migrations upgrading their locks, can fail with SQLITE_BUSY at once
	 * (SQLite does not wait where waiting could deadlock). Try again a few
	 * times rather than leave the store failed for RETRY_S. */
	for (int attempt = 0; rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
	     attempt++) {
		if (attempt > 0) {
			struct timespec pause = {0, 20000000L * attempt};
			nanosleep(&pause, NULL);
		}
		rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = migrate(db);
		if (rc == SQLITE_OK || attempt == 10)
			break;
	}
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk: store: %s: %s\n", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		db = NULL;
	}
	*out = db;
	return store_err(rc) == KIOSK_OK && rc != SQLITE_OK ? KIOSK_ERR_IO : store_err(rc);
}

static int open_db(struct store *st)
{
	int err = file_make_dirs(st->dir);
	if (err != KIOSK_OK) {
		fprintf(stderr, "kiosk: store: cannot create %s: %s\n", st->dir, strerror(errno));
		return err;
	}
	err = store_open(st->dir, &st->db);
	if (err != KIOSK_OK)
		return err;
	/* Counted by the store thread alone: the uplink's connection is not a boot. */
	int rc = sqlite3_exec(st->db,
			      "INSERT INTO state(key, value) VALUES('boots', 1)"
			      " ON CONFLICT(key) DO UPDATE SET value = value + 1;",
			      NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk: store: cannot count the boot: %s\n", sqlite3_errmsg(st->db));
		sqlite3_close(st->db);
		st->db = NULL;
		return store_err(rc) == KIOSK_OK ? KIOSK_ERR_IO : store_err(rc);
	}
	return KIOSK_OK;
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Bumps one per-day counter (counters or offline_counters) and returns it in *issued. */
static int bump(sqlite3 *db, const char *sql, const struct event *t, int *issued)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	*issued = 0;
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, t->day, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, t->type, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		*issued = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
		rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

static int insert_ticket(sqlite3 *db, const struct event *t)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db,
				"INSERT INTO tickets(id, day, service, number, priority, time_ms) VALUES(?, ?, ?, ?, ?, ?)",
				-1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, t->day, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, t->type, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, t->number);
		sqlite3_bind_int(q, 5, t->priority);
		sqlite3_bind_int64(q, 6, t->time_ms);
		rc = step_done(q);
	}
	sqlite3_finalize(q);
	return rc;
}

/* The next number of the offline series that no ticket of the day has yet
 * (one issued before the kiosk had a server may): ticket row written. */
static int take_offline(sqlite3 *db, struct event *t)
{
	int rc = SQLITE_OK;
	for (int tries = 0; tries < 100; tries++) {
		int issued;
		rc = bump(db,
			  "INSERT INTO offline_counters(day, service, issued) VALUES(?1, ?2, 1)"
			  " ON CONFLICT(day, service) DO UPDATE SET issued = issued + 1 RETURNING issued",
			  t, &issued);
		if (rc != SQLITE_OK)
			return rc;
		t->number = queue_number_offline(issued, t->kiosk, t->kiosks);
		if (t->number < 0) {
			fprintf(stderr, "kiosk: store: the offline series of %s is used up for %s\n", t->type, t->day);
			return SQLITE_RANGE;
		}
		rc = insert_ticket(db, t);
		if ((rc & 0xff) != SQLITE_CONSTRAINT)
			return rc; /* a statement that failed on the constraint changed nothing: try the next */
	}
	return rc;
}

/* The number for one ticket in its series, the ticket row and its "issued"
 * event, in the caller's transaction. */
static int take_ticket(sqlite3 *db, struct event *t, sqlite3_stmt *ins)
{
	int rc;
	bool by_server = false;
	if (t->series == STORE_SERIES_SERVER) {
		rc = insert_ticket(db, t);
		by_server = rc == SQLITE_OK;
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			rc = take_offline(db, t);
	} else if (t->series == STORE_SERIES_OFFLINE) {
		rc = take_offline(db, t);
	} else {
		int issued;
		rc = bump(db,
			  "INSERT INTO counters(day, service, issued) VALUES(?1, ?2, 1)"
			  " ON CONFLICT(day, service) DO UPDATE SET issued = issued + 1 RETURNING issued",
			  t, &issued);
		t->number = service_number_for(issued, t->kiosk, t->kiosks);
		if (rc == SQLITE_OK)
			rc = insert_ticket(db, t);
	}
	if (rc != SQLITE_OK)
		return rc;
	/* The event that reports it has an id of its own, derived from the ticket's. */
	char id[27], number[16], data[200];
	memcpy(id, t->id, sizeof id);
	id[25] = id[25] == 'Z' ? '0' : 'Z';
	service_format_number(number, sizeof number, t->data, t->number);
	snprintf(data, sizeof data,
		 "{\"service\":\"%s\",\"number\":\"%s\",\"priority\":%s,\"day\":\"%s\",\"allocated_by\":\"%s\"}",
		 t->type, number, t->priority ? "true" : "false", t->day, by_server ? "server" : "kiosk");
	sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 2, t->time_ms);
	sqlite3_bind_text(ins, 3, "kiosk.ticket.issued", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, data, -1, SQLITE_TRANSIENT);
	return step_done(ins);
}

/* The queue item that takes t's number (its id and time still to set). */
static struct event ticket_item(const struct store_ticket *t)
{
	struct event e = {.kind = ITEM_TICKET,
			  .priority = t->priority,
			  .kiosk = t->kiosk,
			  .kiosks = t->kiosks,
			  .series = t->series,
			  .number = t->series == STORE_SERIES_SERVER ? t->number : 0};
	snprintf(e.type, sizeof(e.type), "%s", t->service);
	snprintf(e.data, sizeof(e.data), "%s", t->prefix);
	snprintf(e.day, sizeof(e.day), "%s", t->day);
	return e;
}

enum kiosk_err store_take_number_in(sqlite3 *db, const struct store_ticket *t, long long time_ms, int *number)
{
	struct event e = ticket_item(t);
	e.time_ms = time_ms;
	store_new_id(e.id, time_ms);
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO events(id, time_ms, type, data) VALUES(?, ?, ?, ?)", -1, &ins, NULL);
	if (rc == SQLITE_OK)
		rc = take_ticket(db, &e, ins);
	sqlite3_finalize(ins);
	*number = rc == SQLITE_OK ? e.number : 0;
	return store_err(rc) == KIOSK_OK && rc != SQLITE_OK ? KIOSK_ERR_IO : store_err(rc);
}

/* Commits up to n queued items (copied out under the lock) in one transaction. */
static int commit(struct store *st, struct event *ev, int n)
{
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db,
					"INSERT INTO events(id, time_ms, type, data) VALUES(?, ?, ?, ?)"
					" ON CONFLICT(id) DO NOTHING",
					-1, &ins, NULL);
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		if (ev[i].kind == ITEM_TICKET) {
			rc = take_ticket(st->db, &ev[i], ins);
			continue;
		}
		if (ev[i].kind != ITEM_EVENT)
			continue;
		sqlite3_bind_text(ins, 1, ev[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, ev[i].time_ms);
		sqlite3_bind_text(ins, 3, ev[i].type, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, ev[i].data, -1, SQLITE_STATIC);
		rc = step_done(ins);
	}
	sqlite3_finalize(ins);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk: store: cannot save: %s\n", sqlite3_errmsg(st->db));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return store_err(rc);
}

static void *run(void *arg)
{
	struct store *st = arg;
	enum { BATCH = 64 };
	struct event batch[BATCH];
	int err = open_db(st);
	reply(st, APP_MSG_STORE_OPENED, err);

	pthread_mutex_lock(&st->lock);
	for (;;) {
		/* After a failure, retry at a fixed time: new events must not keep
		 * pushing the retry away while they pile up. */
		bool failing = st->status != KIOSK_OK;
		struct timespec retry_at;
		clock_gettime(CLOCK_MONOTONIC, &retry_at);
		retry_at.tv_sec += RETRY_S;
		while (!st->stop && (st->count == 0 || failing)) {
			if (failing && st->count > 0) {
				if (pthread_cond_timedwait(&st->cond, &st->lock, &retry_at) == ETIMEDOUT)
					break;
				continue;
			}
			pthread_cond_wait(&st->cond, &st->lock);
			failing = false; /* first event after an idle failure: worth a try at once */
		}
		if (st->count == 0 && st->stop)
			break;
		int n = st->count < BATCH ? st->count : BATCH;
		for (int i = 0; i < n; i++)
			batch[i] = st->queue[(st->head + i) % QUEUE_CAP];
		pthread_mutex_unlock(&st->lock);

		err = st->db ? KIOSK_OK : open_db(st);
		if (err == KIOSK_OK)
			err = commit(st, batch, n);

		/* Answer before the queue shrinks: whoever waits for an empty queue
		 * (the script harness) then also finds the answers already posted. */
		for (int i = 0; i < n; i++) {
			if (batch[i].kind == ITEM_TICKET) {
				struct app_msg m = {APP_MSG_TICKET, err, err == KIOSK_OK ? batch[i].number : 0};
				post_send(st->post, &m);
			}
		}
		reply(st, APP_MSG_EVENT_SAVED, err);
		pthread_mutex_lock(&st->lock);
		if (err == KIOSK_OK) {
			st->head = (st->head + n) % QUEUE_CAP;
			st->count -= n;
		} else {
			/* A visitor waits for a ticket: answer now, do not retry it later. */
			for (int i = 0; i < n; i++) {
				if (st->queue[(st->head + i) % QUEUE_CAP].kind == ITEM_TICKET)
					st->queue[(st->head + i) % QUEUE_CAP].kind = ITEM_ANSWERED;
			}
		}
		pthread_mutex_unlock(&st->lock);
		pthread_mutex_lock(&st->lock);
		if (err != KIOSK_OK && st->stop)
			break; /* shutting down with a broken disk: nothing more we can do */
	}
	pthread_mutex_unlock(&st->lock);
	sqlite3_close(st->db);
	return NULL;
}

struct store *store_start(const char *data_dir, struct post *post)
{
	struct store *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	snprintf(st->dir, sizeof(st->dir), "%s", data_dir);
	st->post = post;
	pthread_mutex_init(&st->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&st->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&st->thread, NULL, run, st) != 0) {
		pthread_cond_destroy(&st->cond);
		pthread_mutex_destroy(&st->lock);
		free(st);
		return NULL;
	}
	return st;
}

static void enqueue(struct store *st, const struct event *proto)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	long long ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	pthread_mutex_lock(&st->lock);
	if (st->count == QUEUE_CAP) {
		st->dropped++;
		if (proto->kind == ITEM_TICKET) {
			struct app_msg m = {APP_MSG_TICKET, KIOSK_ERR_FULL, 0};
			post_send(st->post, &m);
		}
	} else {
		struct event *e = &st->queue[(st->head + st->count++) % QUEUE_CAP];
		*e = *proto;
		store_new_id(e->id, ms);
		e->time_ms = ms;
	}
	pthread_cond_signal(&st->cond);
	pthread_mutex_unlock(&st->lock);
}

void store_add_event(struct store *st, const char *type, const char *data_json)
{
	struct event e = {.kind = ITEM_EVENT};
	snprintf(e.type, sizeof(e.type), "%s", type);
	snprintf(e.data, sizeof(e.data), "%s", data_json ? data_json : "{}");
	enqueue(st, &e);
}

void store_take_ticket_number(struct store *st, const struct store_ticket *t)
{
	struct event e = ticket_item(t);
	enqueue(st, &e);
}

void store_take_ticket(struct store *st, const char *service, const char *prefix, const char *day, bool priority,
		       int kiosk, int kiosks)
{
	struct store_ticket t = {service, prefix, day, priority, STORE_SERIES_INTERLEAVED, 0, kiosk, kiosks};
	store_take_ticket_number(st, &t);
}

int store_backlog(struct store *st)
{
	pthread_mutex_lock(&st->lock);
	int n = st->count;
	pthread_mutex_unlock(&st->lock);
	return n + store_booking_pending(st->bookings);
}

bool store_start_bookings(struct store *st, const struct store_booking_site *site, struct booking_backend *replies,
			  int64_t now)
{
	if (!st->bookings)
		st->bookings = store_booking_start(st->dir, site, replies, now);
	return st->bookings != NULL;
}

void store_booking(struct store *st, const struct booking_request *r, int64_t now)
{
	store_booking_submit(st->bookings, r, now);
}

void store_stop(struct store *st)
{
	if (!st)
		return;
	store_booking_stop(st->bookings); /* it may be waiting for a write of ours */
	st->bookings = NULL;
	pthread_mutex_lock(&st->lock);
	st->stop = true;
	pthread_cond_signal(&st->cond);
	pthread_mutex_unlock(&st->lock);
	pthread_join(st->thread, NULL);
	if (st->dropped)
		fprintf(stderr, "kiosk: store: %d events did not fit in memory while the disk failed\n", st->dropped);
	pthread_cond_destroy(&st->cond);
	pthread_mutex_destroy(&st->lock);
	free(st);
}
