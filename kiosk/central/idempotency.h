/*
 * Idempotency keys: a write repeated with the same key gets the first reply
 * again and changes nothing. Thread: callers hold the db lock, inside the
 * transaction that also does the write, so two copies of one request cannot
 * both pass the check.
 */
#ifndef CENTRAL_IDEMPOTENCY_H
#define CENTRAL_IDEMPOTENCY_H

#include <jansson.h>
#include <stdbool.h>

struct db;
struct req;
struct reply;

/* Keys are kept this long at least (the protocol promises 24 hours). */
#define IDEMPOTENCY_KEEP_MS (48LL * 3600 * 1000)

enum idempotency {
	IDEMPOTENCY_NEW,    /* first use: go ahead, then idempotency_store */
	IDEMPOTENCY_REPLAY, /* seen with the same body: *status and *body are the first reply */
	IDEMPOTENCY_REUSED, /* seen with a different body */
	IDEMPOTENCY_FAILED, /* the database failed */
};

/* 1 to 128 visible ASCII characters (a ULID is 26). */
bool idempotency_key_valid(const char *key);
/* SHA-256 of the request's JSON in canonical form (sorted keys, no spaces):
 * the same request however it was formatted. */
void idempotency_request_hash(const json_t *doc, char out[65]);
/* *body is malloc'd on REPLAY. */
enum idempotency idempotency_check(struct db *db, const char *scope, const char *key, const char *request_hash,
				   unsigned *status, char **body);
bool idempotency_store(struct db *db, const char *scope, const char *key, const char *request_hash, unsigned status,
		       const char *body);

/* The request's Idempotency-Key header, or NULL with r answered (400). */
const char *idempotency_header(const struct req *q, struct reply *r);
/* What every write starts with, under the db lock: when the key was seen,
 * answers r (the stored reply, a 201 as 200; or 422 for another body; or
 * 503) and returns true. False: a new key, go ahead. */
bool idempotency_replay(struct db *db, const char *scope, const char *key, const char *request_hash, struct reply *r);

#endif
