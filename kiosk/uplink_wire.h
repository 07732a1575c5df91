/*
 * The uplink's wire formats and retry arithmetic, apart from its thread so
 * they can be tested alone: backoff and Retry-After, the CloudEvents batch,
 * the events reply, the heartbeat body, credentials.json, queue numbers and
 * the queue's state, the config events. No sockets, no
 * SQLite, no clock: time is passed in. Any thread.
 */
#ifndef KIOSK_UPLINK_WIRE_H
#define KIOSK_UPLINK_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/error.h"
#include "uplink.h"

#define UPLINK_BATCH_MAX 500	      /* events per POST /v1/events (protocol) */
#define UPLINK_REPLY_MAX (64 * 1024)  /* a longer reply is aborted and treated as a failure */
#define UPLINK_BACKOFF_BASE_MS 1000   /* the first retry's ceiling */
#define UPLINK_BACKOFF_CAP_FACTOR 300 /* the ceiling stops doubling at 5 minutes */
#define UPLINK_RETRY_AFTER_CAP_MS (3600LL * 1000)

/* Backoff with equal jitter: the ceiling starts at base and doubles per
 * failure up to cap; each wait is drawn from [ceiling/2, ceiling]. */
struct uplink_backoff {
	long long base_ms, cap_ms;
	long long ceiling_ms; /* 0 after a success */
};

void uplink_backoff_init(struct uplink_backoff *b, long long base_ms);
/* Records a failure; returns the wait before the next attempt. rnd is any
 * uniformly random 64-bit number (the jitter). */
long long uplink_backoff_fail(struct uplink_backoff *b, uint64_t rnd);
void uplink_backoff_reset(struct uplink_backoff *b);

/* A Retry-After value (delta-seconds or an HTTP date) as milliseconds from
 * now_ms (Unix ms), capped at one hour; -1 when absent or not understood. */
long long uplink_retry_after_ms(const char *value, long long now_ms);
/* An HTTP Date header as Unix milliseconds, or -1. */
long long uplink_http_date_ms(const char *value);

/* "2026-11-22T09:15:02.123Z" from Unix milliseconds; out has 25 bytes. */
void uplink_format_time(char out[25], long long ms);

/* One outbox row, as read from events. */
struct uplink_row {
	long long seq;
	const char *id;
	long long time_ms;
	const char *type;
	const char *data; /* JSON text */
};

/* The body of POST /v1/events for rows[0..n): a JSON array of CloudEvents
 * with source "/kiosk/<kiosk_id>". NULL when out of memory or when a row's
 * data is not JSON: *bad is then its index (else -1). Caller frees. */
char *uplink_batch_json(const struct uplink_row *rows, int n, const char *kiosk_id, int *bad);

/* gzip (RFC 1952) of in[0..n); *out is the caller's to free. */
enum kiosk_err uplink_gzip(const void *in, size_t n, unsigned char **out, size_t *out_len);

struct uplink_rejection {
	char id[32];
	char code[64];
	char message[200];
};

/* The 200 reply to a batch of n events. */
struct uplink_reply {
	int accepted, duplicates;
	int nrejected;
	struct uplink_rejection *rejected; /* nrejected entries, from malloc */
};

/* Accepts only {"accepted": int, "duplicates": int, "rejected": [{"id",
 * "code"[, "message"]}...]} whose counts add up to n (unknown fields are
 * ignored); anything else is KIOSK_ERR_PARSE and nothing may be deleted. */
enum kiosk_err uplink_parse_reply(const char *body, size_t len, int n, struct uplink_reply *out);
void uplink_reply_fini(struct uplink_reply *r);

/* The "code" of the protocol's error body {"error": {"code": ...}}, copied
 * into code; false when body is not one (a proxy's page, a wrong server). */
bool uplink_error_code(const char *body, size_t len, char *code, size_t cap, char *msg, size_t msg_cap);

/* What the uplink does after an HTTP status. */
enum uplink_verdict {
	UPLINK_V_DONE,	    /* 2xx */
	UPLINK_V_REFUSED,   /* 400, 404, 422: never succeeds; bisect, then park */
	UPLINK_V_TOO_LARGE, /* 413: halve, then park */
	UPLINK_V_AUTH,	    /* 401, 403 */
	UPLINK_V_RETRY,	    /* 408, 429, 5xx and anything unexpected: back off */
};
enum uplink_verdict uplink_verdict_of(long status);

struct uplink_credentials {
	char kiosk_id[65];
	char office[65];
	char secret[257];
};

/* Parses credentials.json; KIOSK_ERR_PARSE unless kiosk_id matches
 * [a-z0-9-]{1,64} and secret is printable ASCII (it goes into a header). */
enum kiosk_err uplink_parse_credentials(const char *text, size_t len, struct uplink_credentials *out);

/* The body of POST /v1/health. */
struct uplink_heartbeat {
	const char *kiosk_id, *version;
	long long now_ms, uptime_s, boots;
	const struct uplink_health *health; /* NULL until the UI sent one: printer and store are null */
	const char *destination;	    /* the configured printer, "" = none */
	long long depth, parked;
	long long oldest_ms;		   /* -1: the outbox is empty */
	long long last_upload_ms;	   /* -1: never */
	long long free_bytes, total_bytes; /* -1: unknown */
	bool have_offset;
	long long clock_offset_ms;
	const char *config_etag; /* the site data in use; NULL: the kiosk's own file */
};

/* NULL when out of memory; caller frees. */
char *uplink_heartbeat_json(const struct uplink_heartbeat *hb);

/* The body of POST /v1/tickets; NULL when out of memory. Caller frees. */
char *uplink_ticket_json(const char *service, bool priority, const char *day);

/* The 201/200 reply to POST /v1/tickets. */
struct uplink_ticket_reply {
	char number[16]; /* "A042" */
	int seq;	 /* 42 */
	char service[48];
	char day[11];
	int ahead;
	bool has_handling;
	struct queue_handling handling;
};

/* Accepts {"number", "seq", "service", "day", "ahead", "handling": null or
 * {"avg_s", "samples", "desks"}} with sane values (unknown fields ignored);
 * anything else is KIOSK_ERR_PARSE. */
enum kiosk_err uplink_parse_ticket(const char *body, size_t len, struct uplink_ticket_reply *out);
/* Whether the reply is the number this kiosk asked for: the service and day
 * of the request, a number of the server's series (never the offline one)
 * written with the kiosk's own prefix. */
bool uplink_ticket_matches(const struct uplink_ticket_reply *t, const char *service, const char *prefix,
			   const char *day);

/* The reply to GET /v1/queue: {"day", "services": [{"service", "waiting",
 * "handling"}]}. Entries beyond SERVICES_MAX are ignored; a wrong type
 * anywhere is KIOSK_ERR_PARSE. */
struct uplink_queue_state {
	char day[11];
	int n;
	struct uplink_queue_entry s[SERVICES_MAX];
};
enum kiosk_err uplink_parse_queue(const char *body, size_t len, struct uplink_queue_state *out);

/* The language codes of a GET /v1/config payload's site.languages (at most
 * cap); -1 when the payload has no such list of strings. */
int uplink_site_languages(const char *body, size_t len, char (*langs)[8], int cap);

/* The data of kiosk.config.applied / kiosk.config.rejected: {"kind", "etag"
 * (null when absent), ["lang",] ["error"]}. NULL when out of memory. */
char *uplink_config_event_json(const char *kind, const char *etag, const char *lang, const char *error);

/* base + path without a doubled slash ("https://c/" + "/v1/events"); false if it does not fit. */
bool uplink_join_url(char *out, size_t cap, const char *base, const char *path);

#endif
