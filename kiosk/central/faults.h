/*
 * Test faults (--test-faults only): the next requests to a path fail in a
 * chosen way, so a client's retry and exactly-once logic can be tested
 * against the real server; and the clock of queues and bookings, which a
 * test may set.
 * Thread: any; the table has its own lock.
 */
#ifndef CENTRAL_FAULTS_H
#define CENTRAL_FAULTS_H

#include <stdbool.h>
#include <stdint.h>

struct req;
struct reply;
struct MHD_Response;

enum fault_mode {
	FAULT_STATUS,		  /* that status with an error body (and Retry-After); not processed */
	FAULT_RESET,		  /* a 200 whose connection drops mid-body; not processed */
	FAULT_RESET_AFTER_COMMIT, /* processed and committed, then the reply drops mid-body */
	FAULT_TRUNCATE,		  /* 200 with a JSON body cut in half; not processed */
	FAULT_MALFORMED,	  /* 200 with a body that is not JSON; not processed */
	FAULT_OVERSIZE,		  /* 200 with a 20 MiB body; not processed */
	FAULT_SLOW,		  /* waits delay_ms, then answers normally */
	FAULT_FILE,		  /* 200 with the bytes of file (what a broken server might send), its ETag
				     "x-" and a hash of them, 304 for that ETag; not processed */
};

struct fault {
	char path[256];
	enum fault_mode mode;
	unsigned status;
	int count;
	char retry_after[32];
	int delay_ms;
	char file[256]; /* FAULT_FILE: an absolute path on the server */
};

struct faults;

struct faults *faults_create(void);
/* NULL-safe. */
void faults_destroy(struct faults *f);

/* If a fault is armed for path, uses up one of its count into *out. */
bool faults_take(struct faults *f, const char *path, struct fault *out);
const char *faults_mode_name(enum fault_mode mode);
/* The reply of a fault whose request q is not processed (not SLOW or RESET_AFTER_COMMIT). */
void faults_reply(const struct req *q, const struct fault *fault, struct reply *r);
/* Turns the real reply of a processed request into one that drops mid-body. */
void faults_cut(struct reply *r);
/* Sleeps up to ms; returns early once faults_wake was called (shutdown). */
void faults_sleep(struct faults *f, int ms);
void faults_wake(struct faults *f);
/* The MHD response of a REPLY_RESET or REPLY_OVERSIZE reply; takes r->body. */
struct MHD_Response *faults_response(struct reply *r);

/* POST /v1/_test/faults and DELETE /v1/_test/faults. */
void faults_arm(struct req *q, struct reply *r);
void faults_clear(struct req *q, struct reply *r);

/* The server's "now" for queues and bookings, milliseconds since the epoch:
 * the wall clock, moved by the offset POST /v1/_test/clock set. NULL-safe
 * (no test faults: the wall clock as it is). */
int64_t faults_now_ms(struct faults *f);
/* POST /v1/_test/clock {"now": "2030-06-03T08:00:00.000Z"}: from now on
 * faults_now_ms reads that, and runs on; {"now": null} puts it back. */
void faults_clock(struct req *q, struct reply *r);

#endif
