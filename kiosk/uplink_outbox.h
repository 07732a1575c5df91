/*
 * The uplink's view of the store's outbox (schema in store.c): read the
 * oldest events, settle a batch the server answered, count what the
 * heartbeat reports, record the uplink's own events and state. On the
 * uplink thread's own SQLite connection.
 */
#ifndef KIOSK_UPLINK_OUTBOX_H
#define KIOSK_UPLINK_OUTBOX_H

#include <sqlite3.h>

#include "uplink_wire.h"

/* The oldest events, in seq order; the strings belong to the batch. */
struct uplink_batch {
	int n;
	struct uplink_row rows[UPLINK_BATCH_MAX];
};

/* Reads up to limit (1..UPLINK_BATCH_MAX) events; n = 0 when the outbox is empty. */
enum kiosk_err uplink_outbox_read(sqlite3 *db, int limit, struct uplink_batch *b);
void uplink_batch_fini(struct uplink_batch *b);

/* Settles rows[0..n) in one transaction: each rejected one moves to parked
 * with its code, the rest are deleted, last_upload_ms is recorded (when
 * uploaded), and a kiosk.uplink.parked event per code is added. *parked is
 * the number of events parked now. Nothing changes on failure. */
enum kiosk_err uplink_outbox_settle(sqlite3 *db, const struct uplink_row *rows, int n,
				    const struct uplink_rejection *rej, int nrej, bool uploaded, long long now_ms,
				    int *parked);

struct uplink_stats {
	long long depth, parked;
	long long oldest_ms;	  /* -1: empty */
	long long last_upload_ms; /* -1: never */
	long long boots;
};

enum kiosk_err uplink_outbox_stats(sqlite3 *db, struct uplink_stats *s);

/* Commits one event of the uplink's own (kiosk.config.applied, ...) to the outbox. */
enum kiosk_err uplink_outbox_add_event(sqlite3 *db, const char *type, const char *data_json, long long now_ms);

/* Fills the tickets of day per service into q[0..*n): the services already
 * named there first (0 when none), then any other with tickets that day,
 * up to cap entries. */
enum kiosk_err uplink_outbox_issued(sqlite3 *db, const char *day, struct uplink_queue_count *q, int *n, int cap);

/* The uplink's own keys in the state table; get: "" when absent. set: NULL value deletes. */
enum kiosk_err uplink_outbox_state_get(sqlite3 *db, const char *key, char *value, size_t cap);
enum kiosk_err uplink_outbox_state_set(sqlite3 *db, const char *key, const char *value);

#endif
