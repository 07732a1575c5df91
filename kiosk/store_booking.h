/*
 * The embedded booking backend: bookings and holds in the kiosk's own
 * SQLite file (schema v4 in store.c), for a site without a central server.
 * The same ops, statuses and rules as the server's (docs/protocol.md,
 * "Bookings"): slots come from booking_slots, every write is one BEGIN
 * IMMEDIATE transaction that re-checks the slot and commits its event with
 * it, so two kiosk processes sharing one data folder never double-book.
 * Contact details stay only until the appointment's local day plus the
 * retention has passed.
 *
 * store_booking_exec and store_booking_purge run on the caller's own
 * connection (store_open) with the time passed in: the tests drive them
 * directly. The thread (store_booking_start, started and stopped by the
 * store) runs them for the kiosk.
 */
#ifndef KIOSK_STORE_BOOKING_H
#define KIOSK_STORE_BOOKING_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/booking.h"
#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/services.h"
#include "kiosk/tz.h"

struct booking_backend;
struct sqlite3;
struct store_booking;

/* The queue checked-in visitors get a number in (tickets and counters). */
#define STORE_BOOKING_QUEUE "appointments"

struct store_booking_service {
	char id[24];
	struct booking_rules rules; /* its texts (reason names, bring, place) are left NULL */
};

/* What the backend knows of the site: a copy, so its thread never reads
 * what the UI thread may replace. */
struct store_booking_site {
	int n;
	struct store_booking_service s[SERVICES_MAX];
	struct booking_calendar closed;
	char appointments_prefix[4];
	struct tz zone;
	int retention_days;
	int kiosk, kiosks; /* the interleaved numbering of the appointments queue */
};

/* Copies what the backend needs from the site's services and settings. */
void store_booking_site_init(struct store_booking_site *out, const struct services *sv, const struct config *cfg,
			     const struct tz *zone);

/* Answers r at now (UTC seconds) on db, the caller's own connection, into
 * *out (op and serial set; a disk failure is BOOKING_FAILED). The contact
 * and reason text in r are wiped before it returns. */
void store_booking_exec(struct sqlite3 *db, const struct store_booking_site *site, struct booking_request *r,
			int64_t now, struct booking_reply *out);
/* Deletes the contact details and reason texts of bookings whose local day
 * plus the retention has passed, expired holds and old idempotency keys,
 * then truncates the WAL so no old copy of a page keeps them. *cleared:
 * bookings whose details were deleted now (may be NULL). */
enum kiosk_err store_booking_purge(struct sqlite3 *db, const struct store_booking_site *site, int64_t now,
				   int *cleared);

/* The thread: its own connection to data_dir/kiosk.db; purges at start and
 * hourly; replies go to the mailbox. now is the kiosk's clock (UTC
 * seconds). NULL when out of memory. */
struct store_booking *store_booking_start(const char *data_dir, const struct store_booking_site *site,
					  struct booking_backend *replies, int64_t now);
/* Queues a copy of r, answered at the kiosk's clock now. NULL-safe (no
 * reply then). Never blocks on I/O. */
void store_booking_submit(struct store_booking *sb, const struct booking_request *r, int64_t now);
/* Requests queued or running. NULL-safe. */
int store_booking_pending(struct store_booking *sb);
/* Answers nothing more, stops the thread, wipes and frees. NULL-safe. */
void store_booking_stop(struct store_booking *sb);

#endif
