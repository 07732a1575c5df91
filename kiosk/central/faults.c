/*
 * DESIGN: faults, failures on demand for tests (--test-faults).
 *
 * What it is: a small table of armed faults by exact path, each used up one
 * request at a time, and the odd replies they produce: an error status, a
 * connection dropped mid-body (an MHD content reader that fails after half
 * the bytes), a cut or non-JSON body, a 20 MiB body, a delay, a file's
 * bytes (content no good server sends, such as a guides bundle with a "..",
 * for the kiosk's own checks). Only
 * reset_after_commit and slow let the request be processed: every other fault
 * answers before the handler runs, so nothing is stored and the client must
 * retry. What it is not: routing (routes.c decides when a fault applies).
 * Threading: the table and the sleepers' wake-up share one mutex; a slow
 * request sleeps on a condition variable on its own connection's thread, so
 * the other connections go on, and shutdown wakes it.
 */
#include "faults.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "central.h"
#include "db.h"
#include "http.h"
#include "utc.h"

#define FAULTS_MAX 16
#define SLOW_MAX_MS 60000
#define OVERSIZE_BYTES (20u * 1024 * 1024)
#define FILE_FAULT_MAX (32u * 1024 * 1024)

struct faults {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	struct fault armed[FAULTS_MAX]; /* count 0 = free slot */
	int64_t clock_offset_ms;	/* faults_now_ms minus the wall clock */
};

static const char *const mode_names[] = {
    [FAULT_STATUS] = "status",	   [FAULT_RESET] = "reset",	    [FAULT_RESET_AFTER_COMMIT] = "reset_after_commit",
    [FAULT_TRUNCATE] = "truncate", [FAULT_MALFORMED] = "malformed", [FAULT_OVERSIZE] = "oversize",
    [FAULT_SLOW] = "slow",	   [FAULT_FILE] = "file",
};
#define NMODES (sizeof mode_names / sizeof mode_names[0])

/* What a client sees of a reply that was never produced. */
static const char note[] = "{\"note\":\"this reply is cut short on purpose by a test fault; "
			   "the request was not processed\",\"accepted\":0,\"duplicates\":0,\"rejected\":[]}";

struct faults *faults_create(void)
{
	struct faults *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&f->wake, &attr);
	pthread_condattr_destroy(&attr);
	pthread_mutex_init(&f->lock, NULL);
	return f;
}

void faults_destroy(struct faults *f)
{
	if (!f)
		return;
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

bool faults_take(struct faults *f, const char *path, struct fault *out)
{
	bool hit = false;
	pthread_mutex_lock(&f->lock);
	for (int i = 0; i < FAULTS_MAX && !hit; i++) {
		if (f->armed[i].count > 0 && strcmp(f->armed[i].path, path) == 0) {
			*out = f->armed[i];
			f->armed[i].count--;
			hit = true;
		}
	}
	pthread_mutex_unlock(&f->lock);
	return hit;
}

const char *faults_mode_name(enum fault_mode mode)
{
	return (size_t)mode < NMODES ? mode_names[mode] : "?";
}

static char *copy(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* FAULT_FILE: the file's bytes, conditional like any content. */
static void reply_file(const struct req *q, const char *path, struct reply *r)
{
	FILE *f = fopen(path, "rb");
	char *body = f ? malloc(FILE_FAULT_MAX + 1) : NULL;
	size_t len = body ? fread(body, 1, FILE_FAULT_MAX + 1, f) : 0;
	bool ok = body && !ferror(f) && len <= FILE_FAULT_MAX;
	if (f)
		fclose(f);
	if (!ok) {
		free(body);
		reply_error(r, 500, "injected_fault", "the file of a test fault cannot be read (or is over %u bytes)",
			    FILE_FAULT_MAX);
		return;
	}
	char hash[65];
	auth_hash_hex(body, len, hash);
	snprintf(r->etag, sizeof r->etag, "\"x-%.16s\"", hash);
	if (http_etag_matches(q, r->etag)) {
		free(body);
		reply_empty(r, 304);
	} else {
		reply_raw(r, 200, "application/json", body, len);
	}
}

void faults_reply(const struct req *q, const struct fault *fault, struct reply *r)
{
	switch (fault->mode) {
	case FAULT_FILE:
		reply_file(q, fault->file, r);
		return;
	case FAULT_STATUS:
		reply_error(r, fault->status, "injected_fault", "status %u injected by a test fault", fault->status);
		snprintf(r->retry_after, sizeof r->retry_after, "%s", fault->retry_after);
		return;
	case FAULT_TRUNCATE:
		reply_raw(r, 200, "application/json", copy(note, (sizeof note - 1) / 2), (sizeof note - 1) / 2);
		return;
	case FAULT_MALFORMED: {
		static const char junk[] =
		    "<html>this is not JSON (a test fault); the request was not processed</html>";
		reply_raw(r, 200, "application/json", copy(junk, sizeof junk - 1), sizeof junk - 1);
		return;
	}
	case FAULT_OVERSIZE:
		reply_raw(r, 200, "application/json", NULL, 0);
		r->kind = REPLY_OVERSIZE;
		return;
	case FAULT_RESET:
	default:
		reply_raw(r, 200, "application/json", copy(note, sizeof note - 1), sizeof note - 1);
		r->kind = REPLY_RESET;
		return;
	}
}

void faults_cut(struct reply *r)
{
	if (r->len < 2) {
		/* An empty reply (204) cannot drop mid-body: send a 200 that does. */
		reply_raw(r, 200, "application/json", copy(note, sizeof note - 1), sizeof note - 1);
	}
	r->kind = REPLY_RESET;
}

void faults_sleep(struct faults *f, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&f->lock);
	while (!f->stopping && pthread_cond_timedwait(&f->wake, &f->lock, &until) == 0)
		;
	pthread_mutex_unlock(&f->lock);
}

void faults_wake(struct faults *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->stopping = true;
	pthread_cond_broadcast(&f->wake);
	pthread_mutex_unlock(&f->lock);
}

struct cut {
	char *body;
	size_t send; /* bytes sent before the connection drops */
};

static ssize_t read_cut(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct cut *c = cls;
	if (pos >= c->send)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = c->send - (size_t)pos < max ? c->send - (size_t)pos : max;
	memcpy(buf, c->body + pos, n);
	return (ssize_t)n;
}

static void free_cut(void *cls)
{
	struct cut *c = cls;
	free(c->body);
	free(c);
}

/* {"pad":"xxx...x"}, OVERSIZE_BYTES long, made as it is sent. */
static ssize_t read_oversize(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	static const char head[] = "{\"pad\":\"", tail[] = "\"}";
	size_t n = 0;
	for (; n < max && pos + n < OVERSIZE_BYTES; n++) {
		uint64_t at = pos + n;
		if (at < sizeof head - 1)
			buf[n] = head[at];
		else if (at >= OVERSIZE_BYTES - (sizeof tail - 1))
			buf[n] = tail[at - (OVERSIZE_BYTES - (sizeof tail - 1))];
		else
			buf[n] = 'x';
	}
	return n > 0 ? (ssize_t)n : MHD_CONTENT_READER_END_OF_STREAM;
}

struct MHD_Response *faults_response(struct reply *r)
{
	if (r->kind == REPLY_OVERSIZE)
		return MHD_create_response_from_callback(OVERSIZE_BYTES, 64 * 1024, read_oversize, NULL, NULL);
	struct cut *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	c->body = r->body;
	c->send = r->len / 2;
	struct MHD_Response *resp = MHD_create_response_from_callback(r->len, 4096, read_cut, c, free_cut);
	if (!resp) {
		free(c);
		return NULL;
	}
	r->body = NULL; /* free_cut owns it now */
	return resp;
}

static bool parse_fault(json_t *doc, struct fault *f, const char **why)
{
	memset(f, 0, sizeof *f);
	const char *path = json_string_value(json_object_get(doc, "path"));
	const char *mode = json_string_value(json_object_get(doc, "mode"));
	json_t *status = json_object_get(doc, "status"), *count = json_object_get(doc, "count");
	json_t *retry = json_object_get(doc, "retry_after"), *delay = json_object_get(doc, "delay_ms");
	const char *file = json_string_value(json_object_get(doc, "file"));
	if (!path || strncmp(path, "/v1/", 4) != 0 || strlen(path) >= sizeof f->path) {
		*why = "\"path\" must be a path under /v1/";
		return false;
	}
	snprintf(f->path, sizeof f->path, "%s", path);
	size_t m = 0;
	while (mode && m < NMODES && strcmp(mode, mode_names[m]) != 0)
		m++;
	if (!mode || m == NMODES) {
		*why =
		    "\"mode\" must be status, reset, reset_after_commit, truncate, malformed, oversize, slow or file";
		return false;
	}
	f->mode = (enum fault_mode)m;
	if (f->mode == FAULT_FILE && (!file || file[0] != '/' || strlen(file) >= sizeof f->file)) {
		*why = "mode \"file\" needs \"file\", an absolute path on the server";
		return false;
	}
	snprintf(f->file, sizeof f->file, "%s", file ? file : "");
	f->status = status ? (unsigned)json_integer_value(status) : 503;
	f->count = count ? (int)json_integer_value(count) : 1;
	f->delay_ms = delay ? (int)json_integer_value(delay) : 0;
	if ((status && !json_is_integer(status)) || f->status < 400 || f->status > 599) {
		*why = "\"status\" must be a number from 400 to 599";
		return false;
	}
	if ((count && !json_is_integer(count)) || f->count < 1 || f->count > 1000000) {
		*why = "\"count\" must be a number from 1";
		return false;
	}
	if ((delay && !json_is_integer(delay)) || f->delay_ms < 0 || f->delay_ms > SLOW_MAX_MS) {
		*why = "\"delay_ms\" must be a number from 0 to 60000";
		return false;
	}
	if (json_is_integer(retry)) {
		snprintf(f->retry_after, sizeof f->retry_after, "%lld", (long long)json_integer_value(retry));
	} else if (json_is_string(retry) && strlen(json_string_value(retry)) < sizeof f->retry_after &&
		   !strpbrk(json_string_value(retry), "\r\n")) {
		snprintf(f->retry_after, sizeof f->retry_after, "%s", json_string_value(retry));
	} else if (retry && !json_is_null(retry)) {
		*why = "\"retry_after\" must be seconds or an HTTP date";
		return false;
	}
	return true;
}

void faults_arm(struct req *q, struct reply *r)
{
	struct faults *f = q->c->faults;
	json_t *doc = http_json_body(q);
	struct fault fault;
	const char *why = "the body must be a JSON object";
	bool ok = json_is_object(doc) && parse_fault(doc, &fault, &why);
	json_decref(doc);
	if (!ok) {
		reply_error(r, 400, "bad_request", "%s", why);
		return;
	}
	int slot = -1;
	pthread_mutex_lock(&f->lock);
	for (int i = 0; i < FAULTS_MAX; i++) {
		if (f->armed[i].count > 0 && strcmp(f->armed[i].path, fault.path) == 0) {
			slot = i; /* arming a path again replaces its fault */
			break;
		}
		if (slot < 0 && f->armed[i].count == 0)
			slot = i;
	}
	if (slot >= 0)
		f->armed[slot] = fault;
	pthread_mutex_unlock(&f->lock);
	if (slot < 0)
		reply_error(r, 409, "too_many_faults", "at most %d paths can have a fault at once", FAULTS_MAX);
	else
		reply_empty(r, 204);
}

void faults_clear(struct req *q, struct reply *r)
{
	struct faults *f = q->c->faults;
	pthread_mutex_lock(&f->lock);
	memset(f->armed, 0, sizeof f->armed);
	pthread_mutex_unlock(&f->lock);
	reply_empty(r, 204);
}

int64_t faults_now_ms(struct faults *f)
{
	int64_t now = db_now_ms();
	if (!f)
		return now;
	pthread_mutex_lock(&f->lock);
	now += f->clock_offset_ms;
	pthread_mutex_unlock(&f->lock);
	return now;
}

void faults_clock(struct req *q, struct reply *r)
{
	struct faults *f = q->c->faults;
	json_t *doc = http_json_body(q);
	json_t *now = json_object_get(doc, "now");
	int64_t at = 0;
	bool reset = json_is_null(now);
	bool ok = json_is_object(doc) && (reset || tz_parse_rfc3339_ms(json_string_value(now), &at));
	json_decref(doc);
	if (!ok) {
		reply_error(r, 400, "bad_request",
			    "the body must be {\"now\": \"2030-06-03T08:00:00.000Z\"} or {\"now\": null}");
		return;
	}
	pthread_mutex_lock(&f->lock);
	f->clock_offset_ms = reset ? 0 : at - db_now_ms();
	pthread_mutex_unlock(&f->lock);
	reply_empty(r, 204);
}
