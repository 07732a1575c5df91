/*
 * Tests of the store service (kiosk/store.c) against real SQLite files in a
 * temporary directory, with replies read the way the UI reads them: SDL user
 * events unpacked by post_receive. The full-disk test fills a real (small)
 * filesystem: a tmpfs mounted in a private user and mount namespace of a
 * child process, which needs no root and is invisible to everything else.
 */
#define _GNU_SOURCE /* unshare(2) and its CLONE_* flags */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL2/SDL.h>
#include <sqlite3.h>

#include "post.h"
#include "store.h"
#include "temp_dir.h"

#define WAIT_MS 10000

/* What a test opened, closed by the teardown even when an assertion ends the
 * test early: a store thread left running would post into a torn-down SDL. */
struct fixture {
	char dir[256]; /* the temporary directory, removed by the teardown */
	bool sdl;
	struct post post;
	struct store *st;
	sqlite3 *db; /* the test's own connection */
};

static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int teardown(void **state);

static int make_temp_dir(struct fixture *fx)
{
	return temp_dir_make(fx->dir, sizeof(fx->dir), "kiosk-store") ? 0 : -1;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	/* SDL would turn SIGTERM into an SDL_QUIT event: a hung test must stay killable. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (!fx || make_temp_dir(fx) != 0 || SDL_Init(SDL_INIT_EVENTS) != 0) {
		free(fx);
		return -1;
	}
	fx->sdl = true;
	*state = fx;
	if (!post_init(&fx->post)) {
		teardown(state);
		return -1;
	}
	return 0;
}

/* For the test that forks: the child starts SDL itself, the parent never does. */
static int setup_dir_only(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || make_temp_dir(fx) != 0) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	sqlite3_close(fx->db); /* first: it may hold the lock the store waits for */
	store_stop(fx->st);
	int rc = temp_dir_remove(fx->dir);
	if (fx->sdl) {
		post_fini(&fx->post);
		SDL_Quit();
	}
	free(fx);
	return rc;
}

/* Waits up to 10 s for the next message of this kind, skipping others. */
static bool wait_msg(struct post *post, enum app_msg_kind kind, struct app_msg *out)
{
	long long until = monotonic_ms() + WAIT_MS;
	while (monotonic_ms() < until) {
		SDL_Event ev;
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(post, &ev, out) && out->kind == kind)
			return true;
	}
	return false;
}

/* The status the store opened with. */
static int opened_status(struct post *post)
{
	struct app_msg m;
	assert_true(wait_msg(post, APP_MSG_STORE_OPENED, &m));
	return m.status;
}

/* Waits for successful saves until nothing is left to commit. */
static void wait_all_saved(struct store *st, struct post *post)
{
	do {
		struct app_msg m;
		assert_true(wait_msg(post, APP_MSG_EVENT_SAVED, &m));
		assert_int_equal(m.status, KIOSK_OK);
	} while (store_backlog(st) > 0);
}

static struct store *start(struct fixture *fx, const char *dir)
{
	fx->st = store_start(dir, &fx->post);
	assert_non_null(fx->st);
	return fx->st;
}

static void stop(struct fixture *fx)
{
	store_stop(fx->st);
	fx->st = NULL;
}

/* The test's own connection to the store's database. */
static sqlite3 *open_db(struct fixture *fx)
{
	char path[320];
	snprintf(path, sizeof(path), "%s/kiosk.db", fx->dir);
	assert_int_equal(sqlite3_open_v2(path, &fx->db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return fx->db;
}

static void close_db(struct fixture *fx)
{
	sqlite3_close(fx->db);
	fx->db = NULL;
}

static int count_events(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static const char CROCKFORD[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The millisecond time in the first 10 digits of a ULID. */
static long long ulid_time(const char *id)
{
	long long t = 0;
	for (int i = 0; i < 10; i++)
		t = t * 32 + (long long)(strchr(CROCKFORD, id[i]) - CROCKFORD);
	return t;
}

static void store_commits_events_to_a_wal_database(void **state)
{
	struct fixture *fx = *state;
	static const char *const given[3][2] = {
		{"ticket.issued", "{\"queue\":\"A\",\"number\":17}"},
		{"ticket.printed", "{\"printer\":\"front\"}"},
		{"session.end", "{\"reason\":\"timeout\"}"},
	};

	long long t0 = wall_ms();
	struct store *st = start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);
	for (int i = 0; i < 3; i++)
		store_add_event(st, given[i][0], given[i][1]);
	long long t1 = wall_ms();
	wait_all_saved(st, &fx->post);
	stop(fx);

	sqlite3 *db = open_db(fx);
	sqlite3_stmt *q = NULL;
	const char *select = "SELECT id, time_ms, type, data FROM events ORDER BY seq";
	assert_int_equal(sqlite3_prepare_v2(db, select, -1, &q, NULL), SQLITE_OK);
	char ids[3][27];
	for (int i = 0; i < 3; i++) {
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		const char *id = (const char *)sqlite3_column_text(q, 0);
		long long ms = sqlite3_column_int64(q, 1);
		assert_non_null(id);
		assert_int_equal(strlen(id), 26);
		assert_int_equal(strspn(id, CROCKFORD), 26);
		snprintf(ids[i], sizeof(ids[i]), "%s", id);
		assert_in_range(ms, t0, t1);
		assert_true(ulid_time(id) == ms); /* the id carries the time of the event */
		assert_string_equal((const char *)sqlite3_column_text(q, 2), given[i][0]);
		assert_string_equal((const char *)sqlite3_column_text(q, 3), given[i][1]);
	}
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	assert_string_not_equal(ids[0], ids[1]);
	assert_string_not_equal(ids[0], ids[2]);
	assert_string_not_equal(ids[1], ids[2]);

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	close_db(fx);
}

static void store_keeps_state_across_restarts(void **state)
{
	struct fixture *fx = *state;
	const char *runs[] = {"kiosk.first_run", "kiosk.second_run"};
	for (int i = 0; i < 2; i++) {
		struct store *st = start(fx, fx->dir);
		assert_int_equal(opened_status(&fx->post), KIOSK_OK);
		store_add_event(st, runs[i], "{}");
		wait_all_saved(st, &fx->post);
		stop(fx);
	}

	sqlite3 *db = open_db(fx);
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type FROM events ORDER BY seq", -1, &q, NULL), SQLITE_OK);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(q, 0), runs[i]);
	}
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM state WHERE key='boots'", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 2);
	sqlite3_finalize(q);
	close_db(fx);
}

static void store_reports_an_unusable_directory_and_keeps_events(void **state)
{
	struct fixture *fx = *state;
	char file[300], data[320];
	snprintf(file, sizeof(file), "%s/file", fx->dir);
	snprintf(data, sizeof(data), "%s/sub", file);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);

	struct store *st = start(fx, data);
	assert_int_not_equal(opened_status(&fx->post), KIOSK_OK);

	store_add_event(st, "ticket.issued", "{\"number\":1}");
	struct app_msg m;
	assert_true(wait_msg(&fx->post, APP_MSG_EVENT_SAVED, &m));
	assert_int_not_equal(m.status, KIOSK_OK);
	/* Not saved, not lost: it waits in memory for the next try. */
	assert_int_equal(store_backlog(st), 1);

	/* Stopping makes one last try and gives up: no lock or timeout to wait for. */
	long long t0 = monotonic_ms();
	stop(fx);
	assert_true(monotonic_ms() - t0 < 2000);

	struct stat sb;
	assert_int_equal(stat(file, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_size, 0);
}

/* What the child of the full-disk test saw, sent back through a pipe. */
struct full_disk_report {
	/* Why the small filesystem could not be set up, or "". */
	char skipped[96];
	/* Statuses of STORE_OPENED, of the save with room, and of the save on a full disk. */
	int opened, saved_with_room, saved_when_full;
	/* Bytes the filler wrote before the filesystem was full, and the error that stopped it. */
	long long filler;
	int filler_errno;
	int backlog_when_full;
	/* Rows once the filler was removed and the store stopped. */
	int events_after;
	/* Every wait for a message succeeded. */
	int got_messages;
};

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text);
}

/* Puts the calling (single-threaded) process in its own mount namespace, in a
 * user namespace of its own when it lacks the privilege, so that mounts made
 * now are seen by nobody else and vanish with the process. */
static bool private_mounts(char *why, size_t why_len)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) {
		char map[64];
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		bool ok = write_file("/proc/self/setgroups", "deny") && write_file("/proc/self/uid_map", map);
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		if (!ok || !write_file("/proc/self/gid_map", map)) {
			snprintf(why, why_len, "cannot map ids in a user namespace: %s", strerror(errno));
			return false;
		}
	} else if (unshare(CLONE_NEWNS) != 0) {
		snprintf(why, why_len, "no private mount namespace: %s", strerror(errno));
		return false;
	}
	/* Source and type are ignored when changing propagation (named for valgrind). */
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0) {
		snprintf(why, why_len, "cannot make mounts private: %s", strerror(errno));
		return false;
	}
	return true;
}

static void full_disk_child(const char *dir, struct full_disk_report *r)
{
	char fs[300], data[320], filler[320];
	snprintf(fs, sizeof(fs), "%s/fs", dir);
	snprintf(data, sizeof(data), "%s/data", fs);
	snprintf(filler, sizeof(filler), "%s/filler", fs);
	if (mkdir(fs, 0700) != 0 || !private_mounts(r->skipped, sizeof(r->skipped)))
		return;
	/* 1 MiB: room for the database, its WAL and shared memory, and little else. */
	if (mount("kiosk-test", fs, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700") != 0) {
		snprintf(r->skipped, sizeof(r->skipped), "cannot mount a tmpfs: %s", strerror(errno));
		return;
	}
	struct post post;
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || !post_init(&post)) {
		snprintf(r->skipped, sizeof(r->skipped), "SDL_Init: %s", SDL_GetError());
		return;
	}
	struct store *st = store_start(data, &post);
	struct app_msg m = {0};
	r->got_messages = st && wait_msg(&post, APP_MSG_STORE_OPENED, &m);
	r->opened = m.status;
	if (!st)
		return;

	store_add_event(st, "ticket.issued", "{\"number\":1}");
	r->got_messages &= wait_msg(&post, APP_MSG_EVENT_SAVED, &m);
	r->saved_with_room = m.status;

	/* Fill the filesystem to the last page. */
	static char block[4096];
	memset(block, 'x', sizeof(block));
	int fd = open(filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	ssize_t n = 0;
	while (fd >= 0 && (n = write(fd, block, sizeof(block))) > 0)
		r->filler += n;
	r->filler_errno = n < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);

	store_add_event(st, "ticket.issued", "{\"number\":2}");
	r->got_messages &= wait_msg(&post, APP_MSG_EVENT_SAVED, &m);
	r->saved_when_full = m.status;
	r->backlog_when_full = store_backlog(st);

	/* Room again: stopping writes what is queued. */
	unlink(filler);
	store_stop(st);

	char path[340];
	snprintf(path, sizeof(path), "%s/kiosk.db", data);
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	r->events_after = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		r->events_after = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	post_fini(&post);
	SDL_Quit();
}

static void store_reports_a_full_disk_as_disk_full(void **state)
{
	struct fixture *fx = *state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The child: no cmocka here, only a report; a hang ends with SIGALRM. */
		struct full_disk_report r;
		memset(&r, 0, sizeof(r));
		alarm(60);
		close(fds[0]);
		full_disk_child(fx->dir, &r);
		ssize_t n = write(fds[1], &r, sizeof(r));
		_exit(n == (ssize_t)sizeof(r) ? 0 : 1);
	}
	close(fds[1]);
	struct full_disk_report r;
	size_t got = 0;
	while (got < sizeof(r)) {
		ssize_t n = read(fds[0], (char *)&r + got, sizeof(r) - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fds[0]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(got, sizeof(r));
	if (r.skipped[0]) {
		print_message("no small filesystem to fill: %s\n", r.skipped);
		skip();
	}

	print_message("filler wrote %lld bytes (errno %d); saved %d with room, %d when full\n", r.filler,
		      r.filler_errno, r.saved_with_room, r.saved_when_full);
	assert_true(r.got_messages);
	assert_int_equal(r.opened, KIOSK_OK);
	assert_int_equal(r.saved_with_room, KIOSK_OK);
	assert_int_equal(r.filler_errno, ENOSPC); /* the disk really was full */
	assert_int_equal(r.saved_when_full, KIOSK_ERR_DISK_FULL);
	assert_int_equal(r.backlog_when_full, 1);
	assert_int_equal(r.events_after, 2);
}

static void store_never_blocks_the_caller(void **state)
{
	struct fixture *fx = *state;
	struct store *st = start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);

	/* Lock the database from here: the store's next transaction must wait. */
	sqlite3 *db = open_db(fx);
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	store_add_event(st, "first", "{}");
	SDL_Delay(200); /* the store thread is now inside its busy wait */

	long long t0 = monotonic_ms();
	for (int i = 0; i < 100; i++)
		store_add_event(st, "tap", "{\"target\":\"home.ticket\"}");
	long long spent = monotonic_ms() - t0;

	/* 100 calls in 50 ms is half a millisecond each, a thirtieth of a 60 Hz
	 * frame, on a loaded CI machine too; a call that waited for the lock would
	 * take the store's 5 s busy timeout, a hundred times the whole bound. */
	print_message("100 events queued in %lld ms while the database was locked\n", spent);
	assert_true(spent < 50);
	/* Nothing reached the disk, and the store has not given up yet. */
	assert_int_equal(store_backlog(st), 101);
	SDL_Event ev;
	struct app_msg m;
	while (SDL_PollEvent(&ev))
		assert_false(post_receive(&fx->post, &ev, &m) && m.kind == APP_MSG_EVENT_SAVED);

	/* Released well within the store's 5 s busy timeout: everything arrives. */
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	long long until = monotonic_ms() + WAIT_MS;
	while (store_backlog(st) > 0 && monotonic_ms() < until) {
		/* A failed save here would mean the store gave up and waits RETRY_S (30 s). */
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(&fx->post, &ev, &m) && m.kind == APP_MSG_EVENT_SAVED)
			assert_int_equal(m.status, KIOSK_OK);
	}
	assert_int_equal(store_backlog(st), 0);
	stop(fx);
	assert_int_equal(count_events(db), 101);
	close_db(fx);
}

static int query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* A kiosk updated in the field opens the database its previous version
 * wrote: its unsent events, tickets and boot count carry over. */
static void store_migrates_a_version_1_database(void **state)
{
	struct fixture *fx = *state;
	sqlite3 *db = NULL;
	char path[320];
	snprintf(path, sizeof(path), "%s/kiosk.db", fx->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	/* Exactly what schema v1 created. */
	assert_int_equal(
		sqlite3_exec(db,
			     "PRAGMA journal_mode=WAL;"
			     "CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
			     " time_ms INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,"
			     " sent INTEGER NOT NULL DEFAULT 0);"
			     "CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
			     "CREATE TABLE counters(day TEXT NOT NULL, service TEXT NOT NULL, issued INTEGER NOT NULL,"
			     " PRIMARY KEY(day, service));"
			     "CREATE TABLE tickets(id TEXT PRIMARY KEY, day TEXT NOT NULL, service TEXT NOT NULL,"
			     " number INTEGER NOT NULL, priority INTEGER NOT NULL, time_ms INTEGER NOT NULL,"
			     " UNIQUE(day, service, number));"
			     "INSERT INTO events(id, time_ms, type, data) VALUES('01KAP3N5X8Q7R2V4T6W8Y0Z1AB', 1,"
			     " 'kiosk.session.started', '{}');"
			     "INSERT INTO state VALUES('boots', 7);"
			     "PRAGMA user_version=1;",
			     NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);

	struct store *st = start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);
	store_add_event(st, "kiosk.session.ended", "{\"reason\":\"done\"}");
	wait_all_saved(st, &fx->post);
	stop(fx);

	db = open_db(fx);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 5);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'booking_checks'"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM events"), 2);
	assert_int_equal(query_int(db, "SELECT seq FROM events WHERE type = 'kiosk.session.started'"), 1);
	assert_int_equal(query_int(db, "SELECT seq FROM events WHERE type = 'kiosk.session.ended'"), 2);
	assert_int_equal(query_int(db, "SELECT value FROM state WHERE key = 'boots'"), 8);
	assert_int_equal(query_int(db, "SELECT count(*) FROM parked"), 0);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO parked(id, seq, time_ms, type, data, code, message, parked_ms)"
				      " VALUES('x', 1, 1, 't', '{}', 'invalid_event', 'm', 2)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	close_db(fx);
}

/* The uplink's connection: same file, schema ready, waits for the store's
 * writes instead of failing with SQLITE_BUSY, and is not counted as a boot. */
static void store_open_gives_another_thread_its_own_connection(void **state)
{
	struct fixture *fx = *state;
	sqlite3 *other = NULL;
	assert_int_equal(store_open(fx->dir, &other), KIOSK_OK);
	assert_non_null(other);
	assert_int_equal(query_int(other, "PRAGMA user_version"), 5);
	assert_true(query_int(other, "PRAGMA busy_timeout") >= 1000);
	assert_int_equal(query_int(other, "SELECT count(*) FROM parked"), 0);

	struct store *st = start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);
	store_add_event(st, "kiosk.staff.requested", "{\"screen\":\"home\"}");
	wait_all_saved(st, &fx->post);
	assert_int_equal(query_int(other, "SELECT count(*) FROM events"), 1);
	assert_int_equal(query_int(other, "SELECT value FROM state WHERE key = 'boots'"), 1);
	sqlite3_close(other);

	char id[27];
	store_new_id(id, 1700000000000LL);
	assert_int_equal(strlen(id), 26);
	assert_true(ulid_time(id) == 1700000000000LL);
	sqlite3 *bad = NULL;
	assert_int_not_equal(store_open("/proc/no-such-dir", &bad), KIOSK_OK);
	assert_null(bad);
}

struct opener {
	const char *dir;
	SDL_sem *go;
	int err;
};

static int open_at_once(void *arg)
{
	struct opener *o = arg;
	sqlite3 *db = NULL;
	SDL_SemWait(o->go);
	o->err = store_open(o->dir, &db);
	sqlite3_close(db);
	return 0;
}

/* The store and the uplink open a brand-new file at the same moment at a
 * kiosk's first start: both must get a connection (switching to WAL and
 * migrating can meet SQLITE_BUSY without waiting; store_open tries again). */
static void store_open_survives_threads_creating_the_file_together(void **state)
{
	struct fixture *fx = *state;
	enum { THREADS = 4, ROUNDS = 20 };
	for (int round = 0; round < ROUNDS; round++) {
		char dir[300], path[320];
		snprintf(dir, sizeof(dir), "%s/r%d", fx->dir, round);
		assert_int_equal(mkdir(dir, 0700), 0);
		SDL_sem *go = SDL_CreateSemaphore(0);
		struct opener o[THREADS];
		SDL_Thread *t[THREADS];
		for (int i = 0; i < THREADS; i++) {
			o[i] = (struct opener){dir, go, -1};
			t[i] = SDL_CreateThread(open_at_once, "opener", &o[i]);
		}
		for (int i = 0; i < THREADS; i++)
			SDL_SemPost(go);
		for (int i = 0; i < THREADS; i++) {
			SDL_WaitThread(t[i], NULL);
			assert_int_equal(o[i].err, KIOSK_OK);
		}
		SDL_DestroySemaphore(go);
		sqlite3 *db = NULL;
		snprintf(path, sizeof(path), "%s/kiosk.db", dir);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(query_int(db, "PRAGMA user_version"), 5);
		sqlite3_close(db);
	}
}

/* Takes one number and returns it as APP_MSG_TICKET reports it (-1 on an error). */
static int take(struct fixture *fx, enum store_series series, int number, int kiosk, int kiosks)
{
	struct store_ticket t = {"citizen", "A", "2026-11-23", false, series, number, kiosk, kiosks};
	store_take_ticket_number(fx->st, &t);
	struct app_msg m;
	assert_true(wait_msg(&fx->post, APP_MSG_TICKET, &m));
	return m.status == KIOSK_OK ? m.arg : -1;
}

static char *query_text(sqlite3 *db, const char *sql)
{
	static char text[512];
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	snprintf(text, sizeof(text), "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return text;
}

/* The server's number is committed as it is, the offline series has its own
 * counter in the 500s, the interleaved numbering is untouched by either, and
 * each "issued" event says who chose the number. */
static void store_commits_each_series_with_who_chose_it(void **state)
{
	struct fixture *fx = *state;
	start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);
	assert_int_equal(take(fx, STORE_SERIES_SERVER, 1, 1, 2), 1);
	assert_int_equal(take(fx, STORE_SERIES_SERVER, 2, 1, 2), 2);
	assert_int_equal(take(fx, STORE_SERIES_OFFLINE, 0, 1, 2), 501);
	assert_int_equal(take(fx, STORE_SERIES_OFFLINE, 0, 1, 2), 503);
	assert_int_equal(take(fx, STORE_SERIES_OFFLINE, 0, 2, 2), 506); /* the same counter: its third number */
	assert_int_equal(take(fx, STORE_SERIES_SERVER, 7, 1, 2), 7);
	wait_all_saved(fx->st, &fx->post);
	stop(fx);
	sqlite3 *db = open_db(fx);
	assert_int_equal(query_int(db, "SELECT count(*) FROM tickets WHERE day = '2026-11-23'"), 6);
	assert_int_equal(query_int(db, "SELECT count(*) FROM counters"), 0);
	assert_int_equal(query_int(db, "SELECT issued FROM offline_counters WHERE service = 'citizen'"), 3);
	assert_string_equal(query_text(db, "SELECT data FROM events WHERE data LIKE '%\"A007\"%'"),
			    "{\"service\":\"citizen\",\"number\":\"A007\",\"priority\":false,\"day\":\"2026-11-23\","
			    "\"allocated_by\":\"server\"}");
	assert_string_equal(query_text(db, "SELECT data FROM events WHERE data LIKE '%\"A503\"%'"),
			    "{\"service\":\"citizen\",\"number\":\"A503\",\"priority\":false,\"day\":\"2026-11-23\","
			    "\"allocated_by\":\"kiosk\"}");
	assert_int_equal(query_int(db, "SELECT count(*) FROM events WHERE data LIKE '%\"allocated_by\":\"server\"%'"),
			 3);
	close_db(fx);
}

/* A number the kiosk issued alone earlier that day (before it had a server)
 * is never issued twice: a server number that collides with it becomes the
 * offline series' next, and so does an offline one. */
static void store_never_issues_a_number_twice_across_series(void **state)
{
	struct fixture *fx = *state;
	start(fx, fx->dir);
	assert_int_equal(opened_status(&fx->post), KIOSK_OK);
	store_take_ticket(fx->st, "citizen", "A", "2026-11-23", false, 1, 1);
	struct app_msg m;
	assert_true(wait_msg(&fx->post, APP_MSG_TICKET, &m));
	assert_int_equal(m.arg, 1);
	assert_int_equal(take(fx, STORE_SERIES_SERVER, 1, 1, 1), 501);
	wait_all_saved(fx->st, &fx->post);
	sqlite3 *db = open_db(fx);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO tickets(id, day, service, number, priority, time_ms)"
				      " VALUES('x', '2026-11-23', 'citizen', 502, 0, 1)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	close_db(fx);
	assert_int_equal(take(fx, STORE_SERIES_OFFLINE, 0, 1, 1), 503);
	wait_all_saved(fx->st, &fx->post);
	stop(fx);
	db = open_db(fx);
	assert_int_equal(query_int(db, "SELECT count(DISTINCT number) FROM tickets"), 4);
	assert_int_equal(query_int(db, "SELECT count(*) FROM events WHERE data LIKE '%\"allocated_by\":\"server\"%'"),
			 0);
	close_db(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(store_commits_events_to_a_wal_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_keeps_state_across_restarts, setup, teardown),
		cmocka_unit_test_setup_teardown(store_reports_an_unusable_directory_and_keeps_events, setup, teardown),
		cmocka_unit_test_setup_teardown(store_reports_a_full_disk_as_disk_full, setup_dir_only, teardown),
		cmocka_unit_test_setup_teardown(store_never_blocks_the_caller, setup, teardown),
		cmocka_unit_test_setup_teardown(store_migrates_a_version_1_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_open_gives_another_thread_its_own_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(store_open_survives_threads_creating_the_file_together, setup, teardown),
		cmocka_unit_test_setup_teardown(store_commits_each_series_with_who_chose_it, setup, teardown),
		cmocka_unit_test_setup_teardown(store_never_issues_a_number_twice_across_series, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
