/*
 * The uplink service: one network thread that delivers the store's outbox
 * to the central server (POST /v1/events, docs/protocol.md), sends the
 * heartbeat (POST /v1/health), asks the server for queue numbers
 * (POST /v1/tickets) and the queue's state (GET /v1/queue), keeps the
 * site data, translations and guide bundles the server sends (GET /v1/config,
 * /v1/content/translations/<lang>, /v1/content/guides; uplink_guides.c),
 * and is the central booking backend
 * (docs/protocol.md, "Bookings"; uplink_booking.c). It owns a curl multi handle and its own
 * SQLite connection to the store's file; the UI thread only kicks it, hands
 * it requests and health snapshots and reads its replies (APP_MSG_UPLINK,
 * APP_MSG_QUEUE, APP_MSG_SITE, and APP_MSG_TICKET through the store), never
 * waiting.
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

#include "kiosk/booking.h"
#include "kiosk/queue.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"
#include "post.h"

struct booking_backend;
struct config;
struct site_bundle;
struct store;
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
	const struct config *cfg;	  /* [server] settings, and the base the server's site data is
					     checked against (the kiosk's own file); copied by uplink_start */
	const char *data_dir;		  /* kiosk.db, credentials.json, server/ */
	const char *version;		  /* for User-Agent and the heartbeat */
	struct store *store;		  /* commits the queue numbers; NULL: no tickets */
	const char *assets_dir;		  /* the bundled translations (po/); NULL: none */
	struct booking_backend *bookings; /* where booking replies go; NULL: no bookings */
	const struct tz *zone;		  /* the site's zone, for the local day in booking events (copied);
					     NULL: UTC */
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
	struct uplink_queue_count queues[16]; /* the site's services; the uplink counts their
						 tickets of the day itself, from kiosk.db */
	char day[11];			      /* the kiosk's local date; "" = the uplink's clock */
};

/* A visitor's queue ticket (see uplink_take_ticket). */
struct uplink_ticket_request {
	char service[48];
	char prefix[8];
	char day[11]; /* the kiosk's local date */
	bool priority;
	int kiosk, kiosks; /* kiosk_number, kiosks_in_office: the offline series */
};

/* One service's queue as the server last told it. */
struct uplink_queue_entry {
	char service[48];
	int waiting;	   /* tickets issued today and not yet called */
	bool has_handling; /* false: the server has too little history (null) */
	struct queue_handling handling;
};

struct uplink_queue_snapshot {
	int n;
	struct uplink_queue_entry s[SERVICES_MAX];
	/* The last number the server allocated to this kiosk, and what its
	 * holder should be told: ahead is who was waiting before it. */
	int ticket_number; /* 0: none yet */
	struct uplink_queue_entry ticket;
};

/* Starts the thread. NULL when the configuration names no server (the kiosk
 * works alone) or when out of memory. UI thread. */
struct uplink *uplink_start(const struct uplink_opts *o, struct post *post);
/* New events were committed: upload soon. UI thread; never blocks. NULL-safe. */
void uplink_kick(struct uplink *u);
/* Copies the snapshot for the next heartbeat (sent at once when the printer
 * or store state changed). UI thread; never blocks on I/O. NULL-safe. */
void uplink_set_health(struct uplink *u, const struct uplink_health *h);
/* A visitor asks for a queue number. The uplink asks the server (with a
 * 1.5 s deadline from now) and has the store commit its number; without an
 * answer in time (no credentials, network, 5xx) the store takes the next
 * number of the kiosk's offline series instead. A refusal that can never
 * succeed (unknown service, closed, wrong day) is answered APP_MSG_TICKET
 * with KIOSK_ERR_INVALID. Either way exactly one APP_MSG_TICKET follows. A
 * server ticket's APP_MSG_QUEUE is posted before it. UI thread; never blocks.
 * NULL-safe. */
void uplink_take_ticket(struct uplink *u, const struct uplink_ticket_request *r);
/* A visitor's booking request (kiosk/booking.h), sent to the server with
 * its Idempotency-Key and a deadline 5 s from now. Exactly one reply goes
 * to the opts' mailbox: the server's answer, or BOOKING_UNREACHABLE (no
 * credentials, network, timeout, 5xx): the kiosk never books what the server
 * did not confirm. A confirmed, cancelled, moved or checked-in booking
 * records its event in the outbox. Copies r (its contact is wiped as soon as
 * it is serialised); the caller wipes its own copy. UI thread; never blocks.
 * NULL-safe (no reply then). */
void uplink_booking(struct uplink *u, const struct booking_request *r);
/* Fetches the queue's state now (a session started); APP_MSG_QUEUE follows
 * when it changed. UI thread; never blocks. NULL-safe. */
void uplink_refresh_queue(struct uplink *u);
/* Copies the queue's state (all zero without an uplink). Any thread. */
void uplink_queue_snapshot(struct uplink *u, struct uplink_queue_snapshot *out);
/* After APP_MSG_SITE: the new site data, loaded and checked (the caller owns
 * it: site_bundle_destroy), or NULL when it was taken already. UI thread. */
struct site_bundle *uplink_take_site(struct uplink *u);
/* Work the UI asked for and is owed an answer: tickets not yet handed to
 * the store, a queue refresh or booking request not yet answered. For the
 * script harness. */
int uplink_pending(struct uplink *u);
/* Starts a round with the server now (site data, translations, queue,
 * heartbeat, the outbox) and returns its ticket for uplink_round_done. For
 * tests: it skips a running backoff. */
unsigned uplink_round_start(struct uplink *u);
/* Whether the round (and every earlier one) has finished, well or not. */
bool uplink_round_done(struct uplink *u, unsigned round);
/* Aborts transfers in flight, stops the thread and frees everything; bounded
 * (no network wait). Events not yet acknowledged stay in the outbox. NULL-safe. */
void uplink_stop(struct uplink *u);
/* "ok", "offline", "auth", "not_enrolled": for logs and tests. */
const char *uplink_state_str(enum uplink_state s);

#endif
