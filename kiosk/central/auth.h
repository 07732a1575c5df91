/*
 * Who may call: enrolment tokens, kiosk secrets, the desks' token.
 * Thread: any (the database has its own lock).
 */
#ifndef CENTRAL_AUTH_H
#define CENTRAL_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

struct db;
struct req;
struct reply;

#define AUTH_TOKEN_LEN 14 /* "K7Q2-9XRD-MW4T" */
#define AUTH_TOKEN_TTL_MS (24LL * 3600 * 1000)

/* A new one-time enrolment token for office, valid for 24 hours, stored as a
 * hash; out gets its text (at least AUTH_TOKEN_LEN + 1 bytes). */
enum kiosk_err auth_new_token(struct db *db, const char *office, char *out, size_t cap);
/* Whether q carries the bearer secret of an enrolled kiosk; fills q->kiosk_id and q->office. */
bool auth_kiosk(struct req *q);
/* Whether q carries the desks' token (--desk-token). */
bool auth_desk(const struct req *q);
/* n bytes from the kernel's random source (getrandom); false when it failed. */
bool auth_random(void *out, size_t n);
/* SHA-256 of data as 64 hex digits and a NUL. */
void auth_hash_hex(const void *data, size_t len, char out[65]);

/* POST /v1/enrol. */
void auth_enrol(struct req *q, struct reply *r);

#endif
