/*
 * DESIGN: uplink_wire, what the uplink says and how long it waits.
 *
 * What it is: the pure half of the uplink. It turns outbox rows into the
 * CloudEvents batch of docs/protocol.md, checks the server's reply before
 * anything may be deleted, builds the heartbeat, reads credentials.json,
 * checks a ticket reply before its number may be committed and the queue
 * reply before it is shown, reads a config payload's languages, and
 * computes backoff and Retry-After. jansson builds and parses the JSON,
 * zlib compresses, curl_getdate reads HTTP dates.
 * What it is not: no thread, socket, file or SQLite; no clock (time and
 * randomness come in as arguments), so every rule is checked by unit tests.
 * Threading: no state outside the arguments; any thread.
 */
#include "uplink_wire.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

void uplink_backoff_init(struct uplink_backoff *b, long long base_ms)
{
	b->base_ms = base_ms > 0 ? base_ms : UPLINK_BACKOFF_BASE_MS;
	b->cap_ms = b->base_ms * UPLINK_BACKOFF_CAP_FACTOR;
	b->ceiling_ms = 0;
}

long long uplink_backoff_fail(struct uplink_backoff *b, uint64_t rnd)
{
	if (b->ceiling_ms == 0)
		b->ceiling_ms = b->base_ms;
	else
		b->ceiling_ms = b->ceiling_ms * 2 > b->cap_ms ? b->cap_ms : b->ceiling_ms * 2;
	/* Equal jitter: at least half the ceiling, so a failing server still
	 * gets a pause, and spread over the other half, so kiosks restarted by
	 * one power cut drift apart. */
	long long half = b->ceiling_ms / 2;
	return b->ceiling_ms - half + (long long)(rnd % (uint64_t)(half + 1));
}

void uplink_backoff_reset(struct uplink_backoff *b)
{
	b->ceiling_ms = 0;
}

long long uplink_http_date_ms(const char *value)
{
	bool letter = false;
	if (!value)
		return -1;
	for (const char *p = value; *p; p++)
		letter |= (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
	/* Every HTTP date form names a month; curl_getdate would also read
	 * bare numbers ("1.5") as some date. */
	if (!letter)
		return -1;
	time_t t = curl_getdate(value, NULL);
	return t == (time_t)-1 ? -1 : (long long)t * 1000;
}

long long uplink_retry_after_ms(const char *value, long long now_ms)
{
	if (!value)
		return -1;
	while (*value == ' ' || *value == '\t')
		value++;
	size_t n = strlen(value);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t' || value[n - 1] == '\r' || value[n - 1] == '\n'))
		n--;
	if (n == 0)
		return -1;
	size_t digits = strspn(value, "0123456789");
	long long ms;
	if (digits == n) {
		long long s = 0;
		for (size_t i = 0; i < n && s <= UPLINK_RETRY_AFTER_CAP_MS / 1000; i++)
			s = s * 10 + (value[i] - '0');
		ms = s * 1000;
	} else {
		char date[64];
		if (n >= sizeof(date))
			return -1;
		memcpy(date, value, n);
		date[n] = '\0';
		long long at = uplink_http_date_ms(date);
		if (at < 0)
			return -1;
		ms = at > now_ms ? at - now_ms : 0;
	}
	return ms > UPLINK_RETRY_AFTER_CAP_MS ? UPLINK_RETRY_AFTER_CAP_MS : ms;
}

void uplink_format_time(char out[25], long long ms)
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	if (ms < 0 || !gmtime_r(&s, &tm)) {
		snprintf(out, 25, "1970-01-01T00:00:00.000Z");
		return;
	}
	char t[64]; /* room for any int, so the compiler can see nothing is cut */
	snprintf(t, sizeof(t), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (tm.tm_year + 1900) % 10000, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
	memcpy(out, t, 24);
	out[24] = '\0';
}

/* Sets key to a new value and reports whether both exist: one check per
 * object instead of one per field. */
static bool put(json_t *obj, const char *key, json_t *v)
{
	return v && json_object_set_new(obj, key, v) == 0;
}

char *uplink_batch_json(const struct uplink_row *rows, int n, const char *kiosk_id, int *bad)
{
	char source[80], seq[24], time[25];
	json_t *arr = json_array();
	bool ok = arr != NULL;
	*bad = -1;
	snprintf(source, sizeof(source), "/kiosk/%s", kiosk_id);
	for (int i = 0; ok && i < n; i++) {
		json_error_t e;
		json_t *data = json_loads(rows[i].data, JSON_DECODE_ANY, &e);
		if (!data) {
			*bad = i;
			ok = false;
			break;
		}
		json_t *ev = json_object();
		/* Owned by the array from here on (freed by it on failure too). */
		if (!ev || json_array_append_new(arr, ev) != 0) {
			json_decref(data);
			ok = false;
			break;
		}
		snprintf(seq, sizeof(seq), "%012lld", rows[i].seq);
		uplink_format_time(time, rows[i].time_ms);
		/* In the order of docs/protocol.md: jansson dumps keys as inserted. */
		ok = put(ev, "specversion", json_string("1.0")) && put(ev, "id", json_string(rows[i].id)) &&
		     put(ev, "source", json_string(source)) && put(ev, "type", json_string(rows[i].type)) &&
		     put(ev, "time", json_string(time)) && put(ev, "sequence", json_string(seq)) &&
		     put(ev, "datacontenttype", json_string("application/json"));
		if (!ok) {
			json_decref(data);
			break;
		}
		ok = put(ev, "data", data); /* takes data either way */
	}
	char *text = ok ? json_dumps(arr, JSON_COMPACT) : NULL;
	json_decref(arr);
	return text;
}

enum kiosk_err uplink_gzip(const void *in, size_t n, unsigned char **out, size_t *out_len)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	*out = NULL;
	*out_len = 0;
	/* 15 + 16: a gzip wrapper rather than zlib's, as Content-Encoding: gzip means. */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return KIOSK_ERR_NOMEM;
	uLong cap = deflateBound(&z, (uLong)n) + 32;
	unsigned char *buf = malloc(cap);
	if (!buf) {
		deflateEnd(&z);
		return KIOSK_ERR_NOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(buf);
		return KIOSK_ERR_NOMEM;
	}
	*out = buf;
	*out_len = len;
	return KIOSK_OK;
}

static bool count_of(json_t *obj, const char *key, int *out)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UPLINK_BATCH_MAX)
		return false;
	*out = (int)json_integer_value(v);
	return true;
}

/* A required string must be non-empty and fit; an optional one may be
 * absent and is cut to fit (it is only shown in logs). */
static bool copy_string(json_t *v, char *dst, size_t cap, bool required)
{
	dst[0] = '\0';
	if (!v)
		return !required;
	if (!json_is_string(v))
		return false;
	size_t n = json_string_length(v);
	if (required && (n == 0 || n >= cap))
		return false;
	snprintf(dst, cap, "%s", json_string_value(v));
	return true;
}

enum kiosk_err uplink_parse_reply(const char *body, size_t len, int n, struct uplink_reply *out)
{
	memset(out, 0, sizeof(*out));
	json_error_t e;
	json_t *root = body ? json_loadb(body, len, 0, &e) : NULL;
	json_t *rej = json_object_get(root, "rejected");
	bool ok = json_is_object(root) && count_of(root, "accepted", &out->accepted) &&
		  count_of(root, "duplicates", &out->duplicates) && json_is_array(rej) &&
		  json_array_size(rej) <= (size_t)n;
	if (ok && json_array_size(rej) > 0) {
		out->rejected = calloc(json_array_size(rej), sizeof(*out->rejected));
		ok = out->rejected != NULL;
	}
	for (size_t i = 0; ok && i < json_array_size(rej); i++) {
		json_t *r = json_array_get(rej, i);
		struct uplink_rejection *x = &out->rejected[i];
		ok = json_is_object(r) && copy_string(json_object_get(r, "id"), x->id, sizeof(x->id), true) &&
		     copy_string(json_object_get(r, "code"), x->code, sizeof(x->code), true) &&
		     copy_string(json_object_get(r, "message"), x->message, sizeof(x->message), false);
		out->nrejected = (int)i + 1;
	}
	/* Every event must be accounted for: a reply that lost some must not
	 * make the kiosk delete them. */
	ok = ok && out->accepted + out->duplicates + out->nrejected == n;
	json_decref(root);
	if (!ok) {
		uplink_reply_fini(out);
		return KIOSK_ERR_PARSE;
	}
	return KIOSK_OK;
}

void uplink_reply_fini(struct uplink_reply *r)
{
	free(r->rejected);
	memset(r, 0, sizeof(*r));
}

bool uplink_error_code(const char *body, size_t len, char *code, size_t cap, char *msg, size_t msg_cap)
{
	json_error_t e;
	json_t *root = body && len ? json_loadb(body, len, 0, &e) : NULL;
	json_t *err = json_object_get(root, "error");
	bool ok = json_is_object(err) && copy_string(json_object_get(err, "code"), code, cap, true) &&
		  copy_string(json_object_get(err, "message"), msg, msg_cap, false);
	json_decref(root);
	return ok;
}

enum uplink_verdict uplink_verdict_of(long status)
{
	if (status >= 200 && status < 300)
		return UPLINK_V_DONE;
	switch (status) {
	case 400:
	case 404:
	case 422:
		return UPLINK_V_REFUSED;
	case 413:
		return UPLINK_V_TOO_LARGE;
	case 401:
	case 403:
		return UPLINK_V_AUTH;
	default:
		/* 408, 429, 5xx; and a status v1 never sends (a proxy's 3xx, 409):
		 * keeping the events and retrying is the safe side. */
		return UPLINK_V_RETRY;
	}
}

static bool printable(const char *s, const char *extra)
{
	for (; *s; s++) {
		bool ok = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(extra, *s);
		if (!ok)
			return false;
	}
	return true;
}

enum kiosk_err uplink_parse_credentials(const char *text, size_t len, struct uplink_credentials *out)
{
	memset(out, 0, sizeof(*out));
	json_error_t e;
	json_t *root = text ? json_loadb(text, len, 0, &e) : NULL;
	bool ok = json_is_object(root) &&
		  copy_string(json_object_get(root, "kiosk_id"), out->kiosk_id, sizeof(out->kiosk_id), true) &&
		  copy_string(json_object_get(root, "office"), out->office, sizeof(out->office), true) &&
		  copy_string(json_object_get(root, "secret"), out->secret, sizeof(out->secret), true);
	json_decref(root);
	/* The secret goes into a header line: no spaces, no line breaks. */
	ok = ok && printable(out->kiosk_id, "-") && printable(out->office, "-_") &&
	     printable(out->secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~+/=");
	if (!ok) {
		memset(out, 0, sizeof(*out));
		return KIOSK_ERR_PARSE;
	}
	return KIOSK_OK;
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *time_or_null(long long ms)
{
	char t[25];
	if (ms < 0)
		return json_null();
	uplink_format_time(t, ms);
	return json_string(t);
}

/* Adds a new empty object or array under key and returns it, borrowed:
 * the root owns it at once, so no early exit can leak it. */
static json_t *child(json_t *parent, const char *key, json_t *v)
{
	return put(parent, key, v) ? v : NULL;
}

char *uplink_heartbeat_json(const struct uplink_heartbeat *hb)
{
	const struct uplink_health *h = hb->health;
	json_t *root = json_object();
	bool ok = root && put(root, "kiosk_id", json_string(hb->kiosk_id)) &&
		  put(root, "version", json_string(hb->version)) && put(root, "time", time_or_null(hb->now_ms)) &&
		  put(root, "uptime_s", json_integer(hb->uptime_s)) && put(root, "boots", json_integer(hb->boots));
	if (ok && h) {
		json_t *printer = child(root, "printer", json_object());
		ok = printer && put(printer, "state", string_or_null(h->printer_state_name)) &&
		     put(printer, "paper", string_or_null(h->paper)) &&
		     put(printer, "destination", json_string(hb->destination ? hb->destination : ""));
	} else if (ok) {
		ok = put(root, "printer", json_null()); /* no snapshot from the UI yet */
	}
	ok = ok && put(root, "store", string_or_null(h ? h->store : NULL));
	json_t *outbox = ok ? child(root, "outbox", json_object()) : NULL;
	ok = outbox && put(outbox, "depth", json_integer(hb->depth)) &&
	     put(outbox, "parked", json_integer(hb->parked)) && put(outbox, "oldest", time_or_null(hb->oldest_ms)) &&
	     put(root, "last_upload", time_or_null(hb->last_upload_ms));
	json_t *queues = ok ? child(root, "queues", json_array()) : NULL;
	ok = queues != NULL;
	for (int i = 0; ok && h && i < h->nqueues && i < (int)(sizeof(h->queues) / sizeof(h->queues[0])); i++) {
		json_t *q = json_object();
		ok = q && json_array_append_new(queues, q) == 0 &&
		     put(q, "service", json_string(h->queues[i].service)) &&
		     put(q, "issued_today", json_integer(h->queues[i].issued_today));
	}
	if (ok && hb->total_bytes >= 0) {
		json_t *disk = child(root, "disk", json_object());
		ok = disk && put(disk, "free_bytes", json_integer(hb->free_bytes)) &&
		     put(disk, "total_bytes", json_integer(hb->total_bytes));
	} else if (ok) {
		ok = put(root, "disk", json_null());
	}
	ok = ok && put(root, "clock_offset_ms", hb->have_offset ? json_integer(hb->clock_offset_ms) : json_null()) &&
	     put(root, "config_etag", string_or_null(hb->config_etag));
	char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	return text;
}

bool uplink_join_url(char *out, size_t cap, const char *base, const char *path)
{
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	int w = snprintf(out, cap, "%.*s%s", (int)n, base, path);
	return w > 0 && (size_t)w < cap;
}

char *uplink_ticket_json(const char *service, bool priority, const char *day)
{
	json_t *doc = json_pack("{s:s,s:b,s:s}", "service", service, "priority", priority, "day", day);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return text;
}

/* An integer member within [lo, hi]. */
static bool int_of(json_t *obj, const char *key, long long lo, long long hi, int *out)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return false;
	*out = (int)json_integer_value(v);
	return true;
}

/* "handling": null, or the three figures. */
static bool handling_of(json_t *obj, bool *has, struct queue_handling *h)
{
	json_t *v = json_object_get(obj, "handling");
	memset(h, 0, sizeof(*h));
	*has = false;
	if (!v || json_is_null(v))
		return true;
	*has = json_is_object(v) && int_of(v, "avg_s", 0, 7 * 24 * 3600, &h->avg_s) &&
	       int_of(v, "samples", 0, 1000000000, &h->samples) && int_of(v, "desks", 0, 10000, &h->desks);
	return *has;
}

static bool is_day(const char *s)
{
	return s && strlen(s) == 10 && strspn(s, "0123456789-") == 10 && s[4] == '-' && s[7] == '-';
}

enum kiosk_err uplink_parse_ticket(const char *body, size_t len, struct uplink_ticket_reply *out)
{
	memset(out, 0, sizeof(*out));
	json_error_t e;
	json_t *root = body ? json_loadb(body, len, 0, &e) : NULL;
	bool ok = json_is_object(root) &&
		  copy_string(json_object_get(root, "number"), out->number, sizeof(out->number), true) &&
		  int_of(root, "seq", 1, QUEUE_NUMBER_MAX, &out->seq) &&
		  copy_string(json_object_get(root, "service"), out->service, sizeof(out->service), true) &&
		  copy_string(json_object_get(root, "day"), out->day, sizeof(out->day), true) && is_day(out->day) &&
		  int_of(root, "ahead", 0, 1000000, &out->ahead) &&
		  handling_of(root, &out->has_handling, &out->handling);
	json_decref(root);
	if (!ok) {
		memset(out, 0, sizeof(*out));
		return KIOSK_ERR_PARSE;
	}
	return KIOSK_OK;
}

bool uplink_ticket_matches(const struct uplink_ticket_reply *t, const char *service, const char *prefix,
			   const char *day)
{
	char want[24];
	if (strcmp(t->service, service) != 0 || strcmp(t->day, day) != 0 || queue_number_is_offline(t->seq))
		return false;
	service_format_number(want, sizeof(want), prefix, t->seq);
	return strcmp(want, t->number) == 0;
}

enum kiosk_err uplink_parse_queue(const char *body, size_t len, struct uplink_queue_state *out)
{
	memset(out, 0, sizeof(*out));
	json_error_t e;
	json_t *root = body ? json_loadb(body, len, 0, &e) : NULL;
	json_t *list = json_object_get(root, "services");
	bool ok = json_is_object(root) && copy_string(json_object_get(root, "day"), out->day, sizeof(out->day), true) &&
		  is_day(out->day) && json_is_array(list);
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item)
	{
		if (!ok)
			break;
		struct uplink_queue_entry x;
		ok = json_is_object(item) &&
		     copy_string(json_object_get(item, "service"), x.service, sizeof(x.service), true) &&
		     int_of(item, "waiting", 0, 1000000, &x.waiting) && handling_of(item, &x.has_handling, &x.handling);
		if (ok && out->n < SERVICES_MAX)
			out->s[out->n++] = x;
	}
	json_decref(root);
	if (!ok) {
		memset(out, 0, sizeof(*out));
		return KIOSK_ERR_PARSE;
	}
	return KIOSK_OK;
}

int uplink_site_languages(const char *body, size_t len, char (*langs)[8], int cap)
{
	json_error_t e;
	json_t *root = body ? json_loadb(body, len, 0, &e) : NULL;
	json_t *list = json_object_get(json_object_get(root, "site"), "languages");
	int n = json_is_array(list) ? 0 : -1;
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item)
	{
		const char *code = json_string_value(item);
		if (!code || strlen(code) >= 8) {
			n = -1;
			break;
		}
		if (n < cap)
			snprintf(langs[n++], 8, "%s", code);
	}
	json_decref(root);
	return n;
}

char *uplink_config_event_json(const char *kind, const char *etag, const char *lang, const char *error)
{
	json_t *doc = json_object();
	bool ok = doc && put(doc, "kind", json_string(kind)) && put(doc, "etag", string_or_null(etag));
	if (ok && lang)
		ok = put(doc, "lang", json_string(lang));
	if (ok && error)
		ok = put(doc, "error", json_string(error));
	char *text = ok ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return text;
}
