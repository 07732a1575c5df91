/*
 * The store service: the kiosk's durable state in SQLite (WAL), on its own
 * thread with its own connection. The UI thread hands it events; it never
 * waits for the disk. Events are kept in memory until they are committed, so
 * a full or broken disk loses nothing while the kiosk runs, and the UI is
 * told (APP_MSG_STORE_OPENED / APP_MSG_EVENT_SAVED) so staff can see it.
 */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdint.h>

#include "post.h"

struct booking_backend;
struct booking_request;
struct store;
struct store_booking_site;
struct sqlite3;

/* Starts the thread; the database is data_dir/kiosk.db. NULL only when out of memory. */
struct store *store_start(const char *data_dir, struct post *post);
/* Queues an event (copies type and data). UI thread; never blocks on I/O. */
void store_add_event(struct store *st, const char *type, const char *data_json);
/* Takes the next queue number of the day for a service, durably: the counter,
 * the ticket and its "issued" event are committed in one transaction before
 * the reply (APP_MSG_TICKET: status, arg = the number) lets anyone see it.
 * day is the local date in the site's time zone ("2026-11-22"); numbering
 * restarts with each new day. UI thread; never blocks. */
void store_take_ticket(struct store *st, const char *service, const char *prefix, const char *day, bool priority,
		       int kiosk, int kiosks);

/* Who chose the number (docs/queue-numbering.md). */
enum store_series {
	STORE_SERIES_INTERLEAVED, /* no server: kiosk k of K takes k, k + K, ... (store_take_ticket) */
	STORE_SERIES_SERVER,	  /* the central server allocated number */
	STORE_SERIES_OFFLINE,	  /* a server is configured but did not answer: the kiosk's offline
				     series, queue_number_offline(n, kiosk, kiosks), its own per-day counter */
};

struct store_ticket {
	const char *service, *prefix, *day;
	bool priority;
	enum store_series series;
	int number;	   /* SERVER: the server's number */
	int kiosk, kiosks; /* INTERLEAVED, OFFLINE */
};

/* The same for any series: the ticket and its "issued" event (allocated_by
 * "server" or "kiosk") in one transaction, then APP_MSG_TICKET. A server
 * number this kiosk already holds for the day (it issued it alone, before
 * it had a server) is not given twice: the offline series' next is taken.
 * Any thread (the uplink commits server numbers); never blocks on I/O. */
void store_take_ticket_number(struct store *st, const struct store_ticket *t);
/* For a connection of another thread, inside its own transaction (the
 * embedded booking backend's check-in): the next number of t's series, its
 * ticket row and its "issued" event at time_ms, as store_take_ticket_number
 * commits them. *number is the number (0 on failure). */
enum kiosk_err store_take_number_in(struct sqlite3 *db, const struct store_ticket *t, long long time_ms, int *number);

/* The embedded booking backend (store_booking.h): its own thread and
 * connection to kiosk.db, started once and stopped with the store. Replies
 * go to the mailbox. False when out of memory. UI thread. */
bool store_start_bookings(struct store *st, const struct store_booking_site *site, struct booking_backend *replies,
			  int64_t now);
/* Queues a booking request, at the kiosk's clock now (UTC seconds). Copies
 * r; the caller wipes its own copy. UI thread; never blocks on I/O. */
void store_booking(struct store *st, const struct booking_request *r, int64_t now);
/* Events not yet committed and booking requests not yet answered (for tests
 * and the status screen). */
int store_backlog(struct store *st);
/* Writes what it can, stops the thread and frees everything. NULL-safe. */
void store_stop(struct store *st);

/* Opens data_dir/kiosk.db for the calling thread's own use (WAL, a busy
 * timeout, the schema brought to the current version). On failure
 * *db is NULL; else it is the caller's to sqlite3_close. */
enum kiosk_err store_open(const char *data_dir, struct sqlite3 **db);
/* A SQLite result code as the project's error (OK, DONE and ROW are KIOSK_OK). */
enum kiosk_err store_err(int rc);
/* A new ULID for an event that happens at ms (Unix milliseconds). Any thread. */
void store_new_id(char out[27], long long ms);

#endif
