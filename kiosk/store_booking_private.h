/*
 * What store_booking.c shares with store_booking_ops.c only: one op in
 * progress. On the thread that owns the connection.
 */
#ifndef KIOSK_STORE_BOOKING_PRIVATE_H
#define KIOSK_STORE_BOOKING_PRIVATE_H

#include <sqlite3.h>

#include "store_booking.h"

struct store_booking_op {
	sqlite3 *db;
	const struct store_booking_site *site;
	struct booking_request *r;
	int64_t now;
	struct booking_reply *out; /* op and serial set, the rest zero */
};

/* Answers o->r into o->out inside the caller's transaction. A SQLite result
 * code: anything but SQLITE_OK means the transaction must be rolled back. */
int store_booking_op_run(struct store_booking_op *o);
/* Turns o->out into the answer to a database failure (rc), and logs it. */
void store_booking_op_failed(struct store_booking_op *o, int rc);

#endif
