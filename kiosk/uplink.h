/*
 * The uplink service: one network thread that delivers the store's outbox
 * to the central server (POST /v1/events, docs/protocol.md) and sends the
 * heartbeat (POST /v1/health). It owns a curl multi handle and its own
 * SQLite connection to the store's file; the UI thread only kicks it, hands
 * it health snapshots and reads APP_MSG_UPLINK replies, never waiting.
 *
 * Credentials come from <data_dir>/credentials.json (written by
 * `kiosk --enrol`); the file is re-read whenever it changes.
 *
 * For tests only: KIOSK_UPLINK_BACKOFF_MS in the environment replaces the
 * first backoff ceiling (1000 ms; the cap stays 300 times it), so a fault
 * suite does not wait minutes. Retry-After is honoured either way.
 */
#ifndef KIOSK_UPLINK_H
#define KIOSK_UPLINK_H

#include "post.h"

struct config;
struct uplink;

/* APP_MSG_UPLINK: status is one of these, arg the count of parked events.
 * Sent when either changes, not per retry. */
enum uplink_state {
	UPLINK_OK,	     /* the last exchange with the server succeeded */
	UPLINK_OFFLINE,	     /* network error, 408, 429 or 5xx: retrying with backoff */
	UPLINK_AUTH,	     /* 401/403: uploads stop, nothing is lost, until credentials change */
	UPLINK_NOT_ENROLLED, /* no credentials.json: events keep accumulating */
};

struct uplink_opts {
	const struct config *cfg; /* [server] settings; read by uplink_start only */
	const char *data_dir;	  /* kiosk.db and credentials.json */
	const char *version;	  /* for User-Agent and the heartbeat */
};

struct uplink_queue_count {
	char service[32];
	int issued_today;
};

/* What the UI knows and the heartbeat reports. Strings are protocol words
 * ("ok", "paper_out", "low", ...); NULL is sent as null. */
struct uplink_health {
	int printer_state;		/* enum printer_state, for the caller's own bookkeeping */
	const char *printer_state_name; /* ok, none, paper_out, jam, cover_open, unreachable, stopped, ... */
	const char *paper;		/* ok, low, out, unknown */
	const char *store;		/* ok, full, failed */
	int nqueues;
	struct uplink_queue_count queues[16];
};

/* Starts the thread. NULL when the configuration names no server (the kiosk
 * works alone) or when out of memory. UI thread. */
struct uplink *uplink_start(const struct uplink_opts *o, struct post *post);
/* New events were committed: upload soon. UI thread; never blocks. NULL-safe. */
void uplink_kick(struct uplink *u);
/* Copies the snapshot for the next heartbeat (sent at once when the printer
 * or store state changed). UI thread; never blocks on I/O. NULL-safe. */
void uplink_set_health(struct uplink *u, const struct uplink_health *h);
/* Aborts transfers in flight, stops the thread and frees everything; bounded
 * (no network wait). Events not yet acknowledged stay in the outbox. NULL-safe. */
void uplink_stop(struct uplink *u);
/* "ok", "offline", "auth", "not_enrolled": for logs and tests. */
const char *uplink_state_str(enum uplink_state s);

#endif
