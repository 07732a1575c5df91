/*
 * The office's appointments (docs/protocol.md, "Bookings"): availability,
 * holds, bookings found, cancelled, moved and checked in, and the retention
 * of contact details. Thread: any connection thread; bookings_purge also
 * from main.
 */
#ifndef CENTRAL_BOOKINGS_H
#define CENTRAL_BOOKINGS_H

#include <stdint.h>

struct central;
struct req;
struct reply;

/* GET /v1/availability. */
void bookings_availability(struct req *q, struct reply *r);
/* POST /v1/holds. */
void bookings_hold(struct req *q, struct reply *r);
/* DELETE /v1/holds/<hold>. */
void bookings_release(struct req *q, struct reply *r);
/* POST /v1/bookings. */
void bookings_confirm(struct req *q, struct reply *r);
/* GET /v1/bookings/<ref>. */
void bookings_find(struct req *q, struct reply *r);
/* POST /v1/bookings/<ref>/cancel, .../move and .../checkin. */
void bookings_act(struct req *q, struct reply *r);

/* Deletes the contact details and reason text of every booking whose local
 * day plus its office's retention_days has passed at now_ms, and expired
 * holds. Returns how many bookings lost their details, -1 when the database
 * failed. Takes the db lock. */
int bookings_purge(struct central *c, int64_t now_ms);
/* POST /v1/_test/purge (--test-faults only): bookings_purge at the bookings'
 * clock (faults_now_ms); replies {"purged": n}. */
void bookings_test_purge(struct req *q, struct reply *r);

#endif
