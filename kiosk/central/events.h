/*
 * What kiosks report: CloudEvents batches and heartbeats.
 * Thread: any connection thread.
 */
#ifndef CENTRAL_EVENTS_H
#define CENTRAL_EVENTS_H

struct req;
struct reply;

#define EVENTS_BATCH_MAX 500

/* POST /v1/events. */
void events_post(struct req *q, struct reply *r);
/* POST /v1/health. */
void events_health(struct req *q, struct reply *r);
/* GET /v1/_test/events?source=/kiosk/ID (--test-faults only). */
void events_test_counts(struct req *q, struct reply *r);

#endif
