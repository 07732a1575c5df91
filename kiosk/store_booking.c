/*
 * DESIGN: store_booking, the embedded booking backend.
 *
 * What it is: the kiosk's own booking backend, for a site without a central
 * server: store_booking_exec runs one request in one SQLite transaction on
 * the kiosk's kiosk.db (the ops themselves: store_booking_ops.c), the purge
 * deletes contact details whose retention is over, and a service thread
 * runs both for the UI. Every write is a BEGIN IMMEDIATE transaction: the
 * write lock and the busy timeout (store_open) serialise two kiosk processes
 * sharing one data folder, so the last free place is booked once. Every
 * connection has secure_delete on (store_open) and the purge truncates the
 * WAL afterwards: deleted contact details leave no copy in the files.
 * What it is not: the ops (store_booking_ops.c), slot arithmetic (core).
 * Threading: exec and purge run on whichever thread owns the connection
 * they are given. The service thread owns its own connection; the request
 * ring and its counts are shared with the UI thread under the mutex. It
 * sleeps on its condition variable, waking only for requests and for the
 * hourly purge (the time passed in with the requests, carried on by the
 * monotonic clock).
 */
#include "store_booking_private.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking_backend.h"
#include "fileio.h"
#include "store.h"

#define JOBS_CAP 8
#define PURGE_EVERY_S 3600
/* Idempotency keys are kept this long: a retry comes within seconds. */
#define KEYS_KEPT_S (2 * 24 * 3600)

static int exec_sql(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int step_once(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* ---- Entry points ----------------------------------------------------------- */

void store_booking_site_init(struct store_booking_site *out, const struct services *sv, const struct config *cfg,
			     const struct tz *zone)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; sv && i < sv->count && i < SERVICES_MAX; i++) {
		struct store_booking_service *s = &out->s[out->n++];
		snprintf(s->id, sizeof(s->id), "%s", sv->s[i].id);
		s->rules = sv->s[i].booking;
		/* Texts live in the UI's arena: the thread needs none of them. */
		for (int k = 0; k < BOOKING_MAX_REASONS; k++)
			memset(s->rules.reason[k].name, 0, sizeof(s->rules.reason[k].name));
		memset(s->rules.bring, 0, sizeof(s->rules.bring));
		memset(s->rules.place, 0, sizeof(s->rules.place));
	}
	if (sv) {
		out->closed = sv->closures;
		snprintf(out->appointments_prefix, sizeof(out->appointments_prefix), "%s", sv->appointments_prefix);
	}
	if (!out->appointments_prefix[0])
		snprintf(out->appointments_prefix, sizeof(out->appointments_prefix), "T");
	out->zone = *zone;
	out->retention_days = cfg->retention_days;
	out->kiosk = cfg->kiosk_number > 0 ? cfg->kiosk_number : 1;
	out->kiosks = cfg->kiosks_in_office > 0 ? cfg->kiosks_in_office : 1;
}

void store_booking_exec(sqlite3 *db, const struct store_booking_site *site, struct booking_request *r, int64_t now,
			struct booking_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->op = r->op;
	out->serial = r->serial;
	out->booking.ahead = -1;
	struct store_booking_op o = {db, site, r, now, out};
	bool write = r->op != BOOKING_OP_AVAILABILITY && r->op != BOOKING_OP_FIND;
	int rc = exec_sql(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
	if (rc == SQLITE_OK)
		rc = store_booking_op_run(&o);
	/* Refusals change nothing, but what was written before them (an expired
	 * hold deleted) is kept. */
	if (rc == SQLITE_OK)
		rc = exec_sql(db, "COMMIT");
	if (rc != SQLITE_OK) {
		store_booking_op_failed(&o, rc);
		exec_sql(db, "ROLLBACK");
		out->nslots = 0;
		memset(&out->booking, 0, sizeof(out->booking));
		out->booking.ahead = -1;
		out->hold[0] = '\0';
	}
	booking_backend_wipe(r);
}

enum kiosk_err store_booking_purge(sqlite3 *db, const struct store_booking_site *site, int64_t now, int *cleared)
{
	sqlite3_stmt *q = NULL;
	int n = 0;
	int rc = exec_sql(db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc =
		    sqlite3_prepare_v2(db,
				       "UPDATE bookings SET name = NULL, phone = NULL, email = NULL, reason_text = NULL"
				       " WHERE day + ? < ? AND (name IS NOT NULL OR phone IS NOT NULL"
				       " OR email IS NOT NULL OR reason_text IS NOT NULL)",
				       -1, &q, NULL);
	if (rc == SQLITE_OK) {
		/* Kept through the appointment's local day plus the retention. */
		sqlite3_bind_int64(q, 1, site->retention_days);
		struct tz_civil today;
		tz_to_local(&site->zone, now, &today);
		sqlite3_bind_int64(q, 2, tz_days_from_civil(today.year, today.month, today.day));
		rc = step_once(q);
		n = sqlite3_changes(db);
	}
	sqlite3_finalize(q);
	q = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "DELETE FROM holds WHERE expires_s <= ?1;", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, now);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	q = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "DELETE FROM booking_keys WHERE time_s < ?", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, now - KEYS_KEPT_S);
		rc = step_once(q);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_OK)
		rc = exec_sql(db, "COMMIT");
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kiosk: booking: cannot delete old contact details: %s\n", sqlite3_errmsg(db));
		exec_sql(db, "ROLLBACK");
		n = 0;
	}
	/* The WAL still holds the pages as they were: copy them home and empty it.
	 * Busy (another connection is reading): the next purge tries again. */
	if (rc == SQLITE_OK && n > 0) {
		int log = 0, done = 0;
		int crc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
		if (crc != SQLITE_OK)
			fprintf(stderr, "kiosk: booking: the WAL is not emptied yet: %s\n", sqlite3_errmsg(db));
	}
	if (cleared)
		*cleared = n;
	if (rc == SQLITE_OK && n > 0)
		fprintf(stderr, "kiosk: booking: contact details of %d past booking(s) deleted\n", n);
	return store_err(rc) == KIOSK_OK && rc != SQLITE_OK ? KIOSK_ERR_IO : store_err(rc);
}

/* ---- The thread --------------------------------------------------------------- */

struct job {
	struct booking_request r;
	int64_t now;
};

struct store_booking {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool stop;
	struct job ring[JOBS_CAP]; /* [head, head + n); personal data wiped once taken */
	int head, n;
	int running;		 /* taken and not yet answered */
	int64_t clock_s;	 /* the kiosk's clock as last told */
	long long clock_mono_ms; /* ...at this monotonic moment */

	/* Read-only after start. */
	char dir[256];
	struct booking_backend *replies;
	struct store_booking_site site;

	sqlite3 *db; /* the thread's own */
};

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The kiosk's clock now, from the last time it was told. Under the lock. */
static int64_t kiosk_now(const struct store_booking *sb)
{
	return sb->clock_s + (mono_ms() - sb->clock_mono_ms) / 1000;
}

static bool open_db(struct store_booking *sb)
{
	if (sb->db)
		return true;
	if (file_make_dirs(sb->dir) != KIOSK_OK) {
		fprintf(stderr, "kiosk: booking: cannot create %s: %s\n", sb->dir, strerror(errno));
		return false;
	}
	return store_open(sb->dir, &sb->db) == KIOSK_OK;
}

static void answer(struct store_booking *sb, struct job *j)
{
	struct booking_reply *out = booking_backend_new_reply(&j->r);
	if (!out) {
		fprintf(stderr, "kiosk: booking: out of memory for a reply\n");
	} else if (!open_db(sb)) {
		snprintf(out->message, sizeof(out->message), "the kiosk's database cannot be opened");
	} else {
		store_booking_exec(sb->db, &sb->site, &j->r, j->now, out);
	}
	booking_backend_wipe(&j->r);
	booking_backend_reply(sb->replies, out);
}

static void *run(void *arg)
{
	struct store_booking *sb = arg;
	long long purge_at = 0;
	pthread_mutex_lock(&sb->lock);
	for (;;) {
		if (!sb->stop && sb->n == 0 && mono_ms() >= purge_at) {
			int64_t now = kiosk_now(sb);
			pthread_mutex_unlock(&sb->lock);
			if (open_db(sb))
				store_booking_purge(sb->db, &sb->site, now, NULL);
			purge_at = mono_ms() + PURGE_EVERY_S * 1000LL;
			pthread_mutex_lock(&sb->lock);
		}
		while (!sb->stop && sb->n == 0) {
			struct timespec until = {purge_at / 1000, (purge_at % 1000) * 1000000L};
			if (pthread_cond_timedwait(&sb->cond, &sb->lock, &until) == ETIMEDOUT)
				break;
		}
		if (sb->stop)
			break;
		if (sb->n == 0)
			continue; /* time to purge */
		struct job j = sb->ring[sb->head];
		explicit_bzero(&sb->ring[sb->head], sizeof(sb->ring[0]));
		sb->head = (sb->head + 1) % JOBS_CAP;
		sb->n--;
		sb->running++;
		pthread_mutex_unlock(&sb->lock);
		answer(sb, &j);
		explicit_bzero(&j, sizeof(j));
		pthread_mutex_lock(&sb->lock);
		sb->running--;
	}
	pthread_mutex_unlock(&sb->lock);
	sqlite3_close(sb->db);
	return NULL;
}

struct store_booking *store_booking_start(const char *data_dir, const struct store_booking_site *site,
					  struct booking_backend *replies, int64_t now)
{
	struct store_booking *sb = calloc(1, sizeof(*sb));
	if (!sb)
		return NULL;
	snprintf(sb->dir, sizeof(sb->dir), "%s", data_dir);
	sb->site = *site;
	sb->replies = replies;
	sb->clock_s = now;
	sb->clock_mono_ms = mono_ms();
	pthread_mutex_init(&sb->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sb->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&sb->thread, NULL, run, sb) != 0) {
		pthread_cond_destroy(&sb->cond);
		pthread_mutex_destroy(&sb->lock);
		free(sb);
		return NULL;
	}
	return sb;
}

void store_booking_submit(struct store_booking *sb, const struct booking_request *r, int64_t now)
{
	if (!sb)
		return;
	pthread_mutex_lock(&sb->lock);
	bool queued = sb->n < JOBS_CAP;
	if (queued) {
		struct job *j = &sb->ring[(sb->head + sb->n++) % JOBS_CAP];
		j->r = *r;
		j->now = now;
		sb->clock_s = now;
		sb->clock_mono_ms = mono_ms();
		pthread_cond_signal(&sb->cond);
	}
	pthread_mutex_unlock(&sb->lock);
	if (!queued) {
		/* A visitor asks one thing at a time: eight waiting means the disk is stuck. */
		struct booking_reply *out = booking_backend_new_reply(r);
		if (out)
			snprintf(out->message, sizeof(out->message), "%d booking requests are waiting", JOBS_CAP);
		booking_backend_reply(sb->replies, out);
	}
}

int store_booking_pending(struct store_booking *sb)
{
	if (!sb)
		return 0;
	pthread_mutex_lock(&sb->lock);
	int n = sb->n + sb->running;
	pthread_mutex_unlock(&sb->lock);
	return n;
}

void store_booking_stop(struct store_booking *sb)
{
	if (!sb)
		return;
	pthread_mutex_lock(&sb->lock);
	sb->stop = true;
	pthread_cond_signal(&sb->cond);
	pthread_mutex_unlock(&sb->lock);
	pthread_join(sb->thread, NULL);
	pthread_cond_destroy(&sb->cond);
	pthread_mutex_destroy(&sb->lock);
	explicit_bzero(sb->ring, sizeof(sb->ring));
	free(sb);
}
