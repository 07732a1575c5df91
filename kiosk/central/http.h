/*
 * The HTTP side of kiosk-central (libmicrohttpd): one request as the
 * handlers see it, the reply they fill in, and the daemon.
 * Thread: a request and its reply belong to the connection's thread.
 */
#ifndef CENTRAL_HTTP_H
#define CENTRAL_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

struct central;
struct tls;
struct req_body;
struct MHD_Connection;

/* Decompressed request bodies above this are refused with 413. */
#define HTTP_BODY_MAX (4u * 1024 * 1024)

enum reply_kind {
	REPLY_BUFFER,	/* status, headers and body as they are */
	REPLY_RESET,	/* send the head and half of body, then drop the connection (test fault) */
	REPLY_OVERSIZE, /* 200 with a 20 MiB body (test fault) */
};

struct reply {
	unsigned status; /* 0 until a handler answers */
	enum reply_kind kind;
	char *body; /* owned, from malloc; NULL when empty */
	size_t len;
	const char *type;      /* Content-Type, static; NULL: none */
	char etag[48];	       /* with its quotes; "" = none */
	char retry_after[32];  /* "" = none */
	char allow[40];	       /* the Allow header of a 405; "" = none */
	bool www_authenticate; /* 401: tell the client the scheme */
};

struct req {
	struct central *c;
	struct MHD_Connection *conn;
	char method[8];
	char path[256];
	const char *body; /* decompressed, NUL-terminated; len bytes */
	size_t len;
	/* Set once the bearer is checked. */
	char kiosk_id[72];
	char office[64];
	bool desk;
	const char *fault; /* the test fault applied, for the log */
	unsigned status;   /* the status sent, for the log */
	struct req_body *in;
	long long started_ns;
};

/* When the body could not be read (over HTTP_BODY_MAX decompressed, broken
 * gzip, an encoding other than gzip or identity): fills r, returns true. */
bool http_body_refused(const struct req *q, struct reply *r);
/* A request header or query argument, or NULL. */
const char *http_header(const struct req *q, const char *name);
const char *http_query(const struct req *q, const char *name);
/* Whether an If-None-Match header names etag (or is "*"). */
bool http_etag_matches(const struct req *q, const char *etag);
/* The body parsed as JSON, or NULL when it is not JSON. */
json_t *http_json_body(const struct req *q);

/* Fill r. reply_json consumes doc; reply_raw consumes body (malloc'd). */
void reply_json(struct reply *r, unsigned status, json_t *doc);
void reply_raw(struct reply *r, unsigned status, const char *type, char *body, size_t len);
void reply_empty(struct reply *r, unsigned status);
/* The protocol's error body: {"error":{"code","message","retryable"}}. The
 * message is English, for logs and technicians; never put a secret in it. */
void reply_error(struct reply *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with more members beside "error" (409 slot_taken's "nearest");
 * consumes extra, a JSON object (NULL: none). */
void reply_error_with(struct reply *r, unsigned status, json_t *extra, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void reply_fini(struct reply *r);

struct http;

/* Starts the daemon on listen ("HOST:PORT", PORT 0 = any) with its own
 * threads; tls may be NULL. *port is the port bound. */
enum kiosk_err http_start(struct central *c, const char *listen, const struct tls *tls, struct http **out,
			  unsigned *port);
/* Stops accepting, waits for the connections' threads. NULL-safe. */
void http_stop(struct http *h);

#endif
