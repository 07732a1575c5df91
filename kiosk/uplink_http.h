/*
 * One HTTP exchange of the uplink (and of enrolment): the curl options every
 * request shares (timeouts, TLS always verified, protocol headers), a reply
 * buffer with a cap, and the reply headers the uplink reads (Date,
 * Retry-After, ETag). The handle
 * belongs to whichever thread runs the transfer.
 */
#ifndef KIOSK_UPLINK_HTTP_H
#define KIOSK_UPLINK_HTTP_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

#define UPLINK_CONNECT_TIMEOUT_MS 5000
#define UPLINK_TRANSFER_TIMEOUT_MS 30000

struct uplink_tls {
	char ca_file[256];     /* "" = the system's bundle */
	char client_cert[256]; /* "" = no client certificate */
	char client_key[256];
};

struct uplink_transfer {
	CURL *easy;
	bool busy; /* added to the multi handle */
	struct curl_slist *headers;
	unsigned char *body; /* the request body, kept until the transfer ends */
	size_t body_len;
	char *reply; /* reply_cap + 1 bytes, NUL-terminated */
	size_t reply_len, reply_cap;
	bool reply_overflow; /* the reply was longer: the transfer was aborted */
	char date[64], retry_after[64], etag[128];
	long long t0_wall; /* Unix ms when it started, for the clock offset */
};

/* One request to the central server. */
struct uplink_request {
	const char *url;
	const char *body; /* NULL: a GET */
	size_t len;
	const char *content_type;    /* of the body */
	bool gzip;		     /* compress the body */
	const char *accept;	     /* NULL: application/json */
	const char *idempotency_key; /* NULL: none */
	const char *if_none_match;   /* NULL: none; one ETag or a list */
	long timeout_ms;	     /* the whole exchange; 0: UPLINK_TRANSFER_TIMEOUT_MS */
	const char *method;	     /* NULL: GET without a body, POST with one; else this ("DELETE") */
};

/* A reply buffer of UPLINK_REPLY_MAX bytes. */
enum kiosk_err uplink_transfer_init(struct uplink_transfer *t);
/* The same with a reply buffer of cap bytes (site data and translations are larger). */
enum kiosk_err uplink_transfer_init_cap(struct uplink_transfer *t, size_t cap);
void uplink_transfer_fini(struct uplink_transfer *t);

/* Sets what every request shares on e: url, timeouts, verified TLS,
 * User-Agent, the reply buffer and header capture of t. */
void uplink_http_setup(CURL *e, struct uplink_transfer *t, const char *url, const struct uplink_tls *tls,
		       const char *version);

/* Starts the request on multi, with Authorization: Bearer secret and the
 * protocol's headers. Nothing is logged: the secret stays here. */
enum kiosk_err uplink_transfer_send(struct uplink_transfer *t, CURLM *multi, const struct uplink_tls *tls,
				    const char *secret, const char *version, const struct uplink_request *rq);
/* Starts a POST of body[0..len) on multi (gzip'd first when gzip). */
enum kiosk_err uplink_transfer_start(struct uplink_transfer *t, CURLM *multi, const char *url,
				     const struct uplink_tls *tls, const char *secret, const char *version,
				     const char *content_type, const char *body, size_t len, bool gzip);
/* The HTTP status of the finished transfer; 0 if none arrived. */
long uplink_transfer_status(struct uplink_transfer *t);
/* Takes the handle out of multi (aborting it if still running) and frees
 * the request; the reply stays readable until the next start. */
void uplink_transfer_end(struct uplink_transfer *t, CURLM *multi);

#endif
