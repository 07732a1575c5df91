/*
 * DESIGN: uplink_http, how the kiosk talks HTTP.
 *
 * What it is: the curl options that every request to the central server
 * shares, in one place so that no request can forget one: connect timeout
 * 5 s, the whole exchange 30 s, a low-speed limit, peer and host always
 * verified, no redirects, http(s) only, Kiosk-Protocol and User-Agent. The
 * reply is kept in a fixed buffer (UPLINK_REPLY_MAX bytes unless the
 * transfer was made with a larger cap); a longer one is
 * aborted (the write callback refuses it), never grown.
 * What it is not: it does not decide what a status means (uplink.c does)
 * and never logs: the Authorization header holds the secret, and
 * CURLOPT_VERBOSE is never set.
 * Threading: a transfer belongs to the thread that runs it.
 */
#include "uplink_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "uplink_wire.h"

enum kiosk_err uplink_transfer_init(struct uplink_transfer *t)
{
	return uplink_transfer_init_cap(t, UPLINK_REPLY_MAX);
}

enum kiosk_err uplink_transfer_init_cap(struct uplink_transfer *t, size_t cap)
{
	memset(t, 0, sizeof(*t));
	t->reply_cap = cap;
	t->reply = malloc(cap + 1);
	t->easy = curl_easy_init();
	if (!t->reply || !t->easy) {
		uplink_transfer_fini(t);
		return KIOSK_ERR_NOMEM;
	}
	t->reply[0] = '\0';
	return KIOSK_OK;
}

void uplink_transfer_fini(struct uplink_transfer *t)
{
	curl_slist_free_all(t->headers);
	free(t->body);
	free(t->reply);
	if (t->easy)
		curl_easy_cleanup(t->easy);
	memset(t, 0, sizeof(*t));
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct uplink_transfer *t = arg;
	size_t len = size * n;
	if (len > t->reply_cap - t->reply_len) {
		t->reply_overflow = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	memcpy(t->reply + t->reply_len, data, len);
	t->reply_len += len;
	t->reply[t->reply_len] = '\0';
	return len;
}

/* Keeps the value of one header if it is name, trimmed. */
static void keep_header(const char *line, size_t len, const char *name, char *dst, size_t cap)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return;
	const char *v = line + nl + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	snprintf(dst, cap, "%.*s", (int)(end - v), v);
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct uplink_transfer *t = arg;
	size_t len = size * n;
	/* A new response (after a 100 Continue, say) starts over. */
	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0)
		t->date[0] = t->retry_after[0] = t->etag[0] = '\0';
	keep_header(line, len, "Date", t->date, sizeof(t->date));
	keep_header(line, len, "Retry-After", t->retry_after, sizeof(t->retry_after));
	keep_header(line, len, "ETag", t->etag, sizeof(t->etag));
	return len;
}

void uplink_http_setup(CURL *e, struct uplink_transfer *t, const char *url, const struct uplink_tls *tls,
		       const char *version)
{
	char agent[64];
	snprintf(agent, sizeof(agent), "lobby-kiosk/%s", version);
	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_USERAGENT, agent); /* curl copies strings it is given */
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);     /* threads: no SIGALRM for DNS timeouts */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075700
	/* Stopping must not wait for a DNS lookup stuck in curl's resolver thread. */
	curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
#endif
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)UPLINK_CONNECT_TIMEOUT_MS);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)UPLINK_TRANSFER_TIMEOUT_MS);
	/* A stalled link (under 100 bytes/s for 10 s) is given up before the 30 s. */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 10L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (tls->ca_file[0])
		curl_easy_setopt(e, CURLOPT_CAINFO, tls->ca_file);
	if (tls->client_cert[0] && tls->client_key[0]) {
		curl_easy_setopt(e, CURLOPT_SSLCERT, tls->client_cert);
		curl_easy_setopt(e, CURLOPT_SSLKEY, tls->client_key);
	}
	t->reply_len = 0;
	t->reply_overflow = false;
	t->reply[0] = '\0';
	t->date[0] = t->retry_after[0] = t->etag[0] = '\0';
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	t->t0_wall = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Appends line to *list; false when out of memory (the list is then freed). */
static bool add_line(struct curl_slist **list, const char *line)
{
	struct curl_slist *l = curl_slist_append(*list, line);
	if (!l) {
		curl_slist_free_all(*list);
		*list = NULL;
		return false;
	}
	*list = l;
	return true;
}

/* Appends "name: value"; the copy on the stack is wiped (it may hold the secret). */
static bool add_header(struct curl_slist **list, const char *name, const char *value)
{
	char line[512];
	snprintf(line, sizeof(line), "%s: %s", name, value);
	bool ok = add_line(list, line);
	explicit_bzero(line, sizeof(line));
	return ok;
}

enum kiosk_err uplink_transfer_send(struct uplink_transfer *t, CURLM *multi, const struct uplink_tls *tls,
				    const char *secret, const char *version, const struct uplink_request *rq)
{
	uplink_transfer_end(t, multi);
	if (rq->body && rq->gzip) {
		if (uplink_gzip(rq->body, rq->len, &t->body, &t->body_len) != KIOSK_OK)
			return KIOSK_ERR_NOMEM;
	} else if (rq->body) {
		t->body = malloc(rq->len ? rq->len : 1);
		if (!t->body)
			return KIOSK_ERR_NOMEM;
		memcpy(t->body, rq->body, rq->len);
		t->body_len = rq->len;
	}
	struct curl_slist *h = NULL;
	bool ok = add_header(&h, "Kiosk-Protocol", "1") &&
		  add_header(&h, "Accept", rq->accept ? rq->accept : "application/json");
	if (ok && rq->body) {
		ok = add_header(&h, "Content-Type", rq->content_type ? rq->content_type : "application/json") &&
		     /* No "Expect: 100-continue" round trip before each batch. */
		     add_line(&h, "Expect:");
		if (ok && rq->gzip)
			ok = add_header(&h, "Content-Encoding", "gzip");
	}
	if (ok && rq->idempotency_key)
		ok = add_header(&h, "Idempotency-Key", rq->idempotency_key);
	if (ok && rq->if_none_match && rq->if_none_match[0])
		ok = add_header(&h, "If-None-Match", rq->if_none_match);
	if (ok) {
		char bearer[300];
		snprintf(bearer, sizeof(bearer), "Bearer %s", secret);
		ok = add_header(&h, "Authorization", bearer);
		explicit_bzero(bearer, sizeof(bearer));
	}
	if (!ok) {
		uplink_transfer_end(t, multi);
		return KIOSK_ERR_NOMEM;
	}
	t->headers = h;
	uplink_http_setup(t->easy, t, rq->url, tls, version);
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
	if (rq->body) {
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, (const char *)t->body);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->body_len);
	}
	if (rq->method)
		curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, rq->method);
	if (rq->timeout_ms > 0) {
		long connect = rq->timeout_ms < UPLINK_CONNECT_TIMEOUT_MS ? rq->timeout_ms : UPLINK_CONNECT_TIMEOUT_MS;
		curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, rq->timeout_ms);
		curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS, connect);
	}
	if (curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
		uplink_transfer_end(t, multi);
		return KIOSK_ERR_NOMEM;
	}
	t->busy = true;
	return KIOSK_OK;
}

enum kiosk_err uplink_transfer_start(struct uplink_transfer *t, CURLM *multi, const char *url,
				     const struct uplink_tls *tls, const char *secret, const char *version,
				     const char *content_type, const char *body, size_t len, bool gzip)
{
	struct uplink_request rq = {
	    .url = url, .body = body ? body : "", .len = body ? len : 0, .content_type = content_type, .gzip = gzip};
	return uplink_transfer_send(t, multi, tls, secret, version, &rq);
}

long uplink_transfer_status(struct uplink_transfer *t)
{
	long status = 0;
	if (curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK)
		return 0;
	return status;
}

void uplink_transfer_end(struct uplink_transfer *t, CURLM *multi)
{
	if (t->busy && multi)
		curl_multi_remove_handle(multi, t->easy);
	t->busy = false;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	free(t->body);
	t->body = NULL;
	t->body_len = 0;
}
