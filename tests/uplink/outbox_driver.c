/*
 * outbox_driver: the real store and uplink threads, without a screen, for
 * the uplink's fault tests (tests/uplink/faults.sh).
 *
 *   outbox_driver --config F --data-dir D --events N [--deadline S]
 *                 [--until STATE] [--quiet]
 *
 * Starts SDL's event subsystem only, the store and the uplink on D exactly
 * as the kiosk does (replies through post.h), takes N queue tickets of the
 * test service "drv" (each commits a kiosk.ticket.issued event with its
 * ticket row, so the tickets table counts what the kiosk committed even
 * after the outbox is emptied), kicks the uplink after every save, and
 * waits until the outbox is empty (and still is after a round of the uplink
 * with the server: site data and the events it records), or until the
 * uplink reports STATE (ok, offline, auth, not_enrolled) with --until once
 * all N are committed, or
 * the deadline (default 30 s).
 * Prints "uplink: STATE parked=P" per report, progress twice a second, and
 * a last line "summary: tickets=T outbox=E parked=P state=S elapsed_ms=M".
 * Exit 0 when done, 1 on the deadline, 2 on a usage or start-up error.
 */
#include <SDL2/SDL.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/config.h"
#include "post.h"
#include "store.h"
#include "uplink.h"

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	long long n = -1;
	if (db && sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

struct run {
	struct post post;
	struct store *st;
	struct uplink *up;
	sqlite3 *db;
	int state;
	int parked;
	bool quiet;
};

/* Handles every pending message, waiting up to ms for the first. */
static void pump(struct run *r, int ms)
{
	SDL_Event ev;
	struct app_msg m;
	bool first = true;
	while (first ? SDL_WaitEventTimeout(&ev, ms) : SDL_PollEvent(&ev)) {
		first = false;
		if (!post_receive(&r->post, &ev, &m))
			continue;
		if (m.kind == APP_MSG_EVENT_SAVED && m.status == KIOSK_OK)
			uplink_kick(r->up);
		if (m.kind == APP_MSG_UPLINK) {
			r->state = m.status;
			r->parked = m.arg;
			printf("uplink: %s parked=%d\n", uplink_state_str((enum uplink_state)m.status), m.arg);
			fflush(stdout);
		}
	}
}

static int state_of(const char *name)
{
	for (int s = UPLINK_OK; s <= UPLINK_NOT_ENROLLED; s++)
		if (strcmp(name, uplink_state_str((enum uplink_state)s)) == 0)
			return s;
	return -2;
}

int main(int argc, char **argv)
{
	const char *config = NULL, *dir = NULL, *until = NULL;
	int events = 0, deadline_s = 30;
	struct run r = {.state = -1};
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : "";
		if (strcmp(argv[i], "--config") == 0)
			config = v, i++;
		else if (strcmp(argv[i], "--data-dir") == 0)
			dir = v, i++;
		else if (strcmp(argv[i], "--events") == 0)
			events = atoi(v), i++;
		else if (strcmp(argv[i], "--deadline") == 0)
			deadline_s = atoi(v), i++;
		else if (strcmp(argv[i], "--until") == 0)
			until = v, i++;
		else if (strcmp(argv[i], "--quiet") == 0)
			r.quiet = true;
		else
			config = NULL, i = argc;
	}
	int until_state = until ? state_of(until) : -1;
	if (!config || !dir || events < 0 || until_state == -2) {
		fprintf(stderr,
			"usage: outbox_driver --config F --data-dir D --events N [--deadline S] [--until STATE]\n");
		return 2;
	}
	struct config cfg;
	struct config_report rep;
	if (config_load(config, NULL, &cfg, &rep) != KIOSK_OK) {
		for (int i = 0; i < rep.count; i++)
			fprintf(stderr, "%s:%d: %s\n", config, rep.item[i].line, rep.item[i].msg);
		return 2;
	}
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); /* SIGTERM and SIGKILL stay what they are */
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || !post_init(&r.post))
		return 2;
	/* As the shell does: the store first (it creates the data folder), then the uplink. */
	r.st = store_start(dir, &r.post);
	bool opened = false;
	for (long long stop_at = mono_ms() + 10000; r.st && !opened && mono_ms() < stop_at;) {
		SDL_Event ev;
		struct app_msg m;
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(&r.post, &ev, &m))
			opened = m.kind == APP_MSG_STORE_OPENED && m.status == KIOSK_OK;
	}
	struct uplink_opts o = {.cfg = &cfg, .data_dir = dir, .version = "0.1.0-test", .store = r.st};
	r.up = opened ? uplink_start(&o, &r.post) : NULL;
	if (!r.up || store_open(dir, &r.db) != KIOSK_OK) {
		fprintf(stderr, "outbox_driver: cannot start the store or the uplink\n");
		return 2;
	}
	struct uplink_health h = {.printer_state_name = "none", .paper = "unknown", .store = "ok", .nqueues = 1};
	snprintf(h.queues[0].service, sizeof(h.queues[0].service), "drv");
	uplink_set_health(r.up, &h);

	char day[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	long long t0 = mono_ms(), deadline = t0 + (long long)deadline_s * 1000, next_print = t0;
	int added = 0, rc = 1;
	unsigned round = 0; /* the last check's round with the server, 0: none */
	for (;;) {
		/* Never more in memory than the store's queue holds. */
		while (added < events && store_backlog(r.st) < 512) {
			store_take_ticket(r.st, "drv", "D", day, false, 1, 1);
			added++;
		}
		pump(&r, 50);
		long long depth = count(r.db, "SELECT count(*) FROM events");
		long long t = mono_ms();
		if (!r.quiet && t >= next_print) {
			printf("progress: added=%d backlog=%d outbox=%lld t=%lld ms\n", added, store_backlog(r.st),
			       depth, t - t0);
			fflush(stdout);
			next_print = t + 500;
		}
		/* Every event committed first: a backlog is all of them. */
		if (until_state >= 0 && r.state == until_state && added == events && store_backlog(r.st) == 0) {
			rc = 0;
			break;
		}
		bool drained = until_state < 0 && added == events && store_backlog(r.st) == 0 && depth == 0;
		/* Empty, and still empty after a whole round with the server: the
		 * uplink's own events (kiosk.config.applied, ...) are delivered too. */
		if (drained && round == 0) {
			round = uplink_round_start(r.up);
		} else if (round && uplink_round_done(r.up, round)) {
			if (drained) {
				rc = 0;
				break;
			}
			round = 0;
		}
		if (t >= deadline) {
			printf("timeout after %d s\n", deadline_s);
			break;
		}
	}
	uplink_stop(r.up);
	r.up = NULL; /* the last pump may still see a save: uplink_kick(NULL) does nothing */
	store_stop(r.st);
	pump(&r, 0);
	printf("summary: tickets=%lld outbox=%lld parked=%lld state=%s elapsed_ms=%lld\n",
	       count(r.db, "SELECT count(*) FROM tickets WHERE service = 'drv'"),
	       count(r.db, "SELECT count(*) FROM events"), count(r.db, "SELECT count(*) FROM parked"),
	       r.state >= 0 ? uplink_state_str((enum uplink_state)r.state) : "unknown", mono_ms() - t0);
	sqlite3_close(r.db);
	post_fini(&r.post);
	SDL_Quit();
	return rc;
}
