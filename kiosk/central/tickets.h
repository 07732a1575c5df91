/*
 * The office's queue: numbers for kiosks, its state, and desks calling the
 * next visitor. Thread: any connection thread.
 */
#ifndef CENTRAL_TICKETS_H
#define CENTRAL_TICKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct office;
struct req;
struct reply;

/* The queue id of in-person check-ins, as desks name it in /v1/desk/next
 * (no service may have this id; site.c refuses one). */
#define TICKETS_APPOINTMENTS "appointments"

/* POST /v1/tickets. */
void tickets_post(struct req *q, struct reply *r);
/* GET /v1/queue. */
void tickets_queue(struct req *q, struct reply *r);
/* POST /v1/desk/next. */
void tickets_desk_next(struct req *q, struct reply *r);

/* A number in the office's appointments queue on day (the appointments
 * prefix: "T012"), its ticket row written, and *ahead the tickets of that
 * queue waiting before it. Under the db lock, in the caller's transaction;
 * false when the database failed. */
bool tickets_appointment(struct db *db, const struct office *o, const char *day, int64_t now, char *number, size_t cap,
			 long long *ahead);

#endif
