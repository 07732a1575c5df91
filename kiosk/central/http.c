/*
 * DESIGN: http, kiosk-central's libmicrohttpd glue.
 *
 * What it is: the daemon (bound to --listen, TLS when asked), one request
 * context per request (method, path, the body decompressed as it arrives,
 * capped at 4 MiB), the reply struct handlers fill in, turned into an MHD
 * response, and one log line per request on stderr when it completes.
 * What it is not: routing or any endpoint (routes.c and the handlers).
 * Threading: MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION:
 * MHD accepts on its own thread and runs each connection, callbacks included,
 * on a thread of its own. So a slow request (the "slow" test fault sleeps in
 * its handler) never holds up another, and a request's context is only ever
 * touched by its connection's thread. Shared state is behind the db and
 * faults modules' locks; the rest is read-only after start.
 * Logs carry method, path (never the query), status, time and kiosk id:
 * never a header or a body, so never a bearer secret or enrolment token,
 * and the path without a booking's reference (it is the visitor's).
 */
#include "http.h"

#include <microhttpd.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "central.h"
#include "faults.h"
#include "routes.h"
#include "tls.h"

enum body_state { BODY_OK, BODY_TOO_LARGE, BODY_BAD_GZIP, BODY_UNSUPPORTED };

struct req_body {
	char *buf;
	size_t len, cap;
	enum body_state state;
	bool gzip, z_open, z_ended;
	z_stream z;
};

struct http {
	struct MHD_Daemon *d;
};

static long long mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void append(struct req_body *b, const char *data, size_t n)
{
	if (b->state != BODY_OK || n == 0)
		return;
	if (n > HTTP_BODY_MAX - b->len) {
		b->state = BODY_TOO_LARGE;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > HTTP_BODY_MAX + 1)
			cap = HTTP_BODY_MAX + 1;
		char *p = realloc(b->buf, cap);
		if (!p) {
			b->state = BODY_TOO_LARGE; /* what we cannot hold is too large */
			return;
		}
		b->buf = p;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, data, n);
	b->len += n;
}

/* Inflates as the body arrives, so a small gzip bomb stops at the cap. Several
 * gzip members in a row are one body, as gzip(1) defines. */
static void feed(struct req_body *b, const char *data, size_t n)
{
	if (b->state != BODY_OK)
		return;
	if (!b->gzip) {
		append(b, data, n);
		return;
	}
	unsigned char out[16384];
	b->z.next_in = (Bytef *)data;
	b->z.avail_in = (uInt)n;
	do {
		if (b->z_ended) {
			/* A member ended. With the buffer full it may end exactly at
			 * the end of the input: then nothing is pending. */
			if (b->z.avail_in == 0)
				break;
			inflateReset(&b->z); /* more input: another member */
			b->z_ended = false;
		}
		b->z.next_out = out;
		b->z.avail_out = sizeof out;
		int rc = inflate(&b->z, Z_NO_FLUSH);
		size_t got = sizeof out - b->z.avail_out;
		append(b, (const char *)out, got);
		if (rc == Z_STREAM_END) {
			b->z_ended = true;
		} else if (rc == Z_BUF_ERROR && got == 0) {
			break;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			b->state = BODY_BAD_GZIP;
		}
	} while (b->state == BODY_OK && (b->z.avail_in > 0 || b->z.avail_out == 0));
}

static struct req *req_create(struct central *c, struct MHD_Connection *conn, const char *url, const char *method)
{
	struct req *q = calloc(1, sizeof *q);
	struct req_body *b = calloc(1, sizeof *b);
	if (!q || !b) {
		free(q);
		free(b);
		return NULL;
	}
	q->c = c;
	q->conn = conn;
	q->in = b;
	q->started_ns = mono_ns();
	snprintf(q->method, sizeof q->method, "%s", method);
	/* A longer path matches no route and is answered 404. */
	snprintf(q->path, sizeof q->path, "%s", url);
	const char *enc = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_ENCODING);
	if (enc && (strcasecmp(enc, "gzip") == 0 || strcasecmp(enc, "x-gzip") == 0)) {
		b->gzip = true;
		if (inflateInit2(&b->z, 16 + MAX_WBITS) == Z_OK)
			b->z_open = true;
		else
			b->state = BODY_TOO_LARGE;
	} else if (enc && *enc && strcasecmp(enc, "identity") != 0) {
		b->state = BODY_UNSUPPORTED;
	}
	return q;
}

static void req_destroy(struct req *q)
{
	if (!q)
		return;
	if (q->in->z_open)
		inflateEnd(&q->in->z);
	free(q->in->buf);
	free(q->in);
	free(q);
}

/* The body is complete: a gzip stream must have ended. */
static void body_finish(struct req *q)
{
	struct req_body *b = q->in;
	if (b->state == BODY_OK && b->gzip && !b->z_ended)
		b->state = BODY_BAD_GZIP;
	q->body = b->buf ? b->buf : "";
	q->len = b->len;
	if (b->buf)
		b->buf[b->len] = '\0';
}

bool http_body_refused(const struct req *q, struct reply *r)
{
	switch (q->in->state) {
	case BODY_OK:
		return false;
	case BODY_TOO_LARGE:
		reply_error(r, 413, "too_large", "the body is over %u bytes once decompressed", HTTP_BODY_MAX);
		break;
	case BODY_BAD_GZIP:
		reply_error(r, 400, "bad_encoding", "the body is not a complete gzip stream");
		break;
	case BODY_UNSUPPORTED:
		reply_error(r, 415, "unsupported_encoding", "Content-Encoding must be gzip or identity");
		break;
	}
	return true;
}

const char *http_header(const struct req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const struct req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool http_etag_matches(const struct req *q, const char *etag)
{
	const char *h = http_header(q, MHD_HTTP_HEADER_IF_NONE_MATCH);
	size_t elen = strlen(etag);
	while (h && *h) {
		h += strspn(h, " \t,");
		if (strncmp(h, "W/", 2) == 0)
			h += 2; /* weak comparison, as RFC 9110 asks for If-None-Match */
		size_t n = strcspn(h, ",");
		while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t'))
			n--;
		if ((n == 1 && h[0] == '*') || (n == elen && strncmp(h, etag, n) == 0))
			return true;
		h += strcspn(h, ",");
	}
	return false;
}

json_t *http_json_body(const struct req *q)
{
	return json_loadb(q->body, q->len, JSON_REJECT_DUPLICATES, NULL);
}

void reply_fini(struct reply *r)
{
	free(r->body);
	r->body = NULL;
	r->len = 0;
}

void reply_raw(struct reply *r, unsigned status, const char *type, char *body, size_t len)
{
	reply_fini(r);
	r->status = status;
	r->type = type;
	r->body = body;
	r->len = len;
}

void reply_empty(struct reply *r, unsigned status)
{
	reply_raw(r, status, NULL, NULL, 0);
}

void reply_json(struct reply *r, unsigned status, json_t *doc)
{
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!s) {
		reply_error(r, 500, "internal", "out of memory");
		return;
	}
	reply_raw(r, status, "application/json", s, strlen(s));
}

static void error_body(struct reply *r, unsigned status, json_t *extra, const char *code, const char *fmt, va_list ap)
{
	char msg[256];
	vsnprintf(msg, sizeof msg, fmt, ap);
	bool retryable = status >= 500 || status == 408 || status == 429;
	json_t *doc = json_pack("{s:{s:s,s:s,s:b}}", "error", "code", code, "message", msg, "retryable", retryable);
	if (doc && extra)
		json_object_update_missing(doc, extra);
	json_decref(extra);
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	reply_raw(r, status, "application/json", s, s ? strlen(s) : 0);
}

void reply_error(struct reply *r, unsigned status, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_body(r, status, NULL, code, fmt, ap);
	va_end(ap);
}

void reply_error_with(struct reply *r, unsigned status, json_t *extra, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_body(r, status, extra, code, fmt, ap);
	va_end(ap);
}

static enum MHD_Result send_reply(struct req *q, struct reply *r)
{
	if (r->status == 0)
		reply_error(r, 500, "internal", "no handler answered");
	struct MHD_Response *resp;
	if (r->kind != REPLY_BUFFER) {
		resp = faults_response(r);
	} else {
		resp = MHD_create_response_from_buffer(r->len, r->body ? r->body : (char *)"",
						       r->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
		if (resp)
			r->body = NULL; /* MHD frees it */
	}
	if (!resp) {
		reply_fini(r);
		return MHD_NO;
	}
	if (r->type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
	if (r->etag[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, r->etag);
	if (r->retry_after[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, r->retry_after);
	if (r->allow[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->www_authenticate)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	q->status = r->status;
	enum MHD_Result ret = MHD_queue_response(q->conn, r->status, resp);
	MHD_destroy_response(resp);
	reply_fini(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *data, size_t *size, void **ctx)
{
	(void)version;
	struct req *q = *ctx;
	if (!q) {
		q = req_create(cls, conn, url, method);
		if (!q)
			return MHD_NO;
		*ctx = q;
		return MHD_YES;
	}
	if (*size > 0) {
		feed(q->in, data, *size);
		*size = 0;
		return MHD_YES;
	}
	body_finish(q);
	struct reply r = {0};
	routes_dispatch(q, &r);
	return send_reply(q, &r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **ctx, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	struct req *q = *ctx;
	if (!q)
		return;
	struct timespec now;
	struct tm tm;
	char when[32];
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	long long ms = (mono_ns() - q->started_ns) / 1000000;
	/* The path is the client's text, percent-decoded: no control character
	 * may reach the log and forge a line. */
	char path[sizeof q->path];
	size_t i = 0;
	for (; q->path[i]; i++)
		path[i] = (unsigned char)q->path[i] < 0x20 || q->path[i] == 0x7f ? '?' : q->path[i];
	path[i] = '\0';
	/* A booking reference is the visitor's: /v1/bookings/K7R49X/cancel is
	 * logged as /v1/bookings/-/cancel. */
	static const char bookings[] = "/v1/bookings/";
	if (strncmp(path, bookings, sizeof bookings - 1) == 0 && path[sizeof bookings - 1]) {
		char *ref = path + sizeof bookings - 1;
		char *rest = ref + strcspn(ref, "/");
		memmove(ref + 1, rest, strlen(rest) + 1);
		ref[0] = '-';
	}
	const char *end =
	    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed before the reply was complete)";
	fprintf(stderr, "%s.%03ldZ %s %s %u %lldms%s%s%s%s%s\n", when, now.tv_nsec / 1000000, q->method, path,
		q->status, ms, q->kiosk_id[0] ? " kiosk=" : "", q->kiosk_id, q->fault ? " fault=" : "",
		q->fault ? q->fault : "", end);
	req_destroy(q);
	*ctx = NULL;
}

/* MHD's own messages: start-up problems, TLS handshakes refused. A reply we
 * abort on purpose (the reset test faults) is already in its request's line. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (strstr(msg, "application reported error generating data"))
		return;
	fprintf(stderr, "kiosk-central: http: %s%s", msg, msg[0] && msg[strlen(msg) - 1] == '\n' ? "" : "\n");
}

/* "HOST:PORT" or "[V6]:PORT" into its parts. */
static bool split_listen(const char *listen, char *host, size_t hcap, char *port, size_t pcap)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || !colon[1] || strlen(colon + 1) >= pcap)
		return false;
	const char *h = listen;
	size_t hlen = (size_t)(colon - listen);
	if (h[0] == '[' && hlen >= 2 && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= hcap)
		return false;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	snprintf(port, pcap, "%s", colon + 1);
	return strspn(port, "0123456789") == strlen(port) && atoi(port) <= 65535;
}

enum kiosk_err http_start(struct central *c, const char *listen, const struct tls *tls, struct http **out,
			  unsigned *port)
{
	*out = NULL;
	char host[256], portstr[8];
	if (!split_listen(listen, host, sizeof host, portstr, sizeof portstr)) {
		fprintf(stderr, "kiosk-central: --listen wants HOST:PORT, not \"%s\"\n", listen);
		return KIOSK_ERR_INVALID;
	}
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *ai = NULL;
	int gai = getaddrinfo(host, portstr, &hints, &ai);
	if (gai != 0) {
		fprintf(stderr, "kiosk-central: cannot listen on %s: %s\n", listen, gai_strerror(gai));
		return KIOSK_ERR_INVALID;
	}
	struct http *h = calloc(1, sizeof *h);
	if (!h) {
		freeaddrinfo(ai);
		return KIOSK_ERR_NOMEM;
	}
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_OptionItem tls_opts[8];
	int n = 0;
	if (tls) {
		flags |= MHD_USE_TLS;
		n = tls_options(tls, tls_opts, 7);
	}
	tls_opts[n] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	/* The logger first, so MHD reports problems with the other options through it. */
	h->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, c, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
				MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
				MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
	freeaddrinfo(ai);
	const union MHD_DaemonInfo *info = h->d ? MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
	if (!info) {
		fprintf(stderr, "kiosk-central: cannot listen on %s\n", listen);
		http_stop(h);
		return KIOSK_ERR_IO;
	}
	*port = info->port;
	*out = h;
	return KIOSK_OK;
}

void http_stop(struct http *h)
{
	if (!h)
		return;
	if (h->d)
		MHD_stop_daemon(h->d);
	free(h);
}
