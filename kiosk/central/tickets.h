/*
 * The office's queue: numbers for kiosks, its state, and desks calling the
 * next visitor. Thread: any connection thread.
 */
#ifndef CENTRAL_TICKETS_H
#define CENTRAL_TICKETS_H

struct req;
struct reply;

/* POST /v1/tickets. */
void tickets_post(struct req *q, struct reply *r);
/* GET /v1/queue. */
void tickets_queue(struct req *q, struct reply *r);
/* POST /v1/desk/next. */
void tickets_desk_next(struct req *q, struct reply *r);

#endif
