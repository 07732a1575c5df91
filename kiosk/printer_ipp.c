/*
 * The IPP requests of the printer service: Get-Printer-Attributes, Print-Job,
 * Get-Job-Attributes, Cancel-Job, sent as raw IPP to a printer URI or to a
 * cupsd queue (the same requests work on both, cups.md 3.2 and 5.1).
 *
 * DESIGN: every request is bounded. Connecting gives up after
 * PRINTER_CONNECT_MS; reading and writing use libcups' timeout callback,
 * which runs every TICK_S of silence and gives up at the request's deadline
 * or as soon as printer_stop sets the stop flag. A connection that fails in
 * any way is closed, and the next request connects afresh with the same
 * bounds, rather than letting libcups reconnect by itself (it would wait up
 * to 30 s). Not the policy: what a state means and when to cancel is
 * printer.c's business. Threading: the printer thread only; the http_t
 * handles are its own.
 */
#include "printer_private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define TICK_S 0.2
#define CHUNK 65536

struct timespec printer_after_ms(int ms)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static bool passed(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* libcups: 1 = keep waiting, 0 = give up the read or write. */
static int keep_waiting(http_t *http, void *data)
{
	struct ipp_conn *c = data;
	(void)http;
	return !(c->stop && atomic_load(c->stop)) && !passed(&c->deadline);
}

bool ipp_conn_set_uri(struct ipp_conn *c, const char *uri, const atomic_bool *stop)
{
	char scheme[16], user[128], host[256], resource[256];
	int port = 0;
	if (httpSeparateURI(HTTP_URI_CODING_ALL, uri, scheme, sizeof(scheme), user, sizeof(user), host, sizeof(host),
			    &port, resource, sizeof(resource)) < HTTP_URI_STATUS_OK)
		return false;
	bool ipps = strcmp(scheme, "ipps") == 0;
	if (!ipps && strcmp(scheme, "ipp") != 0)
		return false;
	/* Device URIs of cupsd queues may carry backend options (?waitjob=false). */
	char *q = strchr(resource, '?');
	if (q)
		*q = '\0';
	memset(c, 0, sizeof(*c));
	snprintf(c->host, sizeof(c->host), "%s", host);
	c->port = port;
	c->encryption = ipps ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED;
	snprintf(c->resource, sizeof(c->resource), "%s", resource[0] ? resource : "/");
	if (httpAssembleURI(HTTP_URI_CODING_ALL, c->uri, sizeof(c->uri), scheme, NULL, host, port, c->resource) <
	    HTTP_URI_STATUS_OK)
		return false;
	c->stop = stop;
	return true;
}

bool ipp_conn_set_queue(struct ipp_conn *c, const char *queue, const atomic_bool *stop)
{
	/* cupsd's rules for queue names, which also keep the resource path intact. */
	if (!queue[0] || strlen(queue) > 127)
		return false;
	for (const char *s = queue; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 127 || strchr("/#?\\'\"", *s))
			return false;
	memset(c, 0, sizeof(*c));
	snprintf(c->host, sizeof(c->host), "%s", cupsServer());
	c->port = ippPort();
	c->encryption = cupsEncryption();
	snprintf(c->resource, sizeof(c->resource), "/printers/%s", queue);
	if (httpAssembleURIf(HTTP_URI_CODING_ALL, c->uri, sizeof(c->uri), "ipp", NULL, "localhost", c->port,
			     "/printers/%s", queue) < HTTP_URI_STATUS_OK)
		return false;
	c->stop = stop;
	return true;
}

void ipp_conn_close(struct ipp_conn *c)
{
	httpClose(c->http);
	c->http = NULL;
}

/* The server may have closed a kept connection since the last request. */
static bool still_open(http_t *http)
{
	char ch;
	ssize_t n = recv(httpGetFd(http), &ch, 1, MSG_PEEK | MSG_DONTWAIT);
	return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

static bool connect_now(struct ipp_conn *c, int timeout_ms)
{
	c->deadline = printer_after_ms(timeout_ms);
	if (c->stop && atomic_load(c->stop)) {
		snprintf(c->error, sizeof(c->error), "stopping");
		return false;
	}
	if (c->http && !still_open(c->http))
		ipp_conn_close(c);
	if (c->http)
		return true;
	c->http = httpConnect2(c->host, c->port, NULL, AF_UNSPEC, c->encryption, 1, PRINTER_CONNECT_MS, NULL);
	if (!c->http) {
		const char *why = cupsLastErrorString();
		snprintf(c->error, sizeof(c->error), "cannot connect to %s:%d: %s", c->host, c->port,
			 why && why[0] ? why : "no answer");
		return false;
	}
	httpSetTimeout(c->http, TICK_S, keep_waiting, c);
	return true;
}

/* Why a request got no answer, in c->error. */
static void describe_failure(struct ipp_conn *c, const char *what, int timeout_ms)
{
	if (c->stop && atomic_load(c->stop))
		snprintf(c->error, sizeof(c->error), "%s: %sstopped", c->uri, what);
	else if (passed(&c->deadline))
		snprintf(c->error, sizeof(c->error), "%s: %sno answer within %d ms", c->uri, what, timeout_ms);
	else
		snprintf(c->error, sizeof(c->error), "%s: %s%s", c->uri, what, cupsLastErrorString());
}

/* No answer at all (network, timeout, stop) versus an answer that says no. */
static enum printer_state failure_kind(void)
{
	ipp_status_t st = cupsLastError();
	return st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || st == IPP_STATUS_ERROR_INTERNAL ? PRINTER_UNREACHABLE
											     : PRINTER_OTHER_ERROR;
}

/* Sends req (consumed); the response, or NULL with c->error and *reach set. */
static ipp_t *request(struct ipp_conn *c, ipp_t *req, int timeout_ms, enum printer_state *reach)
{
	*reach = PRINTER_UNREACHABLE;
	if (!connect_now(c, timeout_ms)) {
		ippDelete(req);
		return NULL;
	}
	ipp_t *resp = cupsDoRequest(c->http, req, c->resource);
	if (!resp) {
		*reach = failure_kind();
		describe_failure(c, "", timeout_ms);
		ipp_conn_close(c);
		return NULL;
	}
	if (ippGetStatusCode(resp) >= IPP_STATUS_ERROR_BAD_REQUEST) {
		const char *msg = ippGetString(ippFindAttribute(resp, "status-message", IPP_TAG_TEXT), 0, NULL);
		snprintf(c->error, sizeof(c->error), "%s: %s%s%s", c->uri, ippErrorString(ippGetStatusCode(resp)),
			 msg ? ": " : "", msg ? msg : "");
		*reach = PRINTER_OTHER_ERROR;
		return resp;
	}
	*reach = PRINTER_READY;
	return resp;
}

static ipp_t *new_request(const struct ipp_conn *c, ipp_op_t op)
{
	ipp_t *req = ippNewRequest(op);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, c->uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	return req;
}

static const struct {
	const char *prefix;
	unsigned bit;
} REASONS[] = {
    {"media-empty", IPP_R_NO_PAPER}, {"media-needed", IPP_R_NO_PAPER}, {"media-jam", IPP_R_JAM},
    {"cover-open", IPP_R_COVER},     {"door-open", IPP_R_COVER},       {"media-low", IPP_R_LOW},
    {"paused", IPP_R_PAUSED},	     {"offline", IPP_R_OFFLINE},
};

/* "media-empty" matches media-empty, media-empty-report, -warning, -error. */
static unsigned reason_bits(const char *kw)
{
	for (size_t i = 0; i < sizeof(REASONS) / sizeof(REASONS[0]); i++) {
		size_t n = strlen(REASONS[i].prefix);
		if (strncmp(kw, REASONS[i].prefix, n) == 0 && (kw[n] == '\0' || kw[n] == '-'))
			return REASONS[i].bit;
	}
	return 0;
}

static void read_status(ipp_t *resp, struct ipp_printer_status *out)
{
	ipp_attribute_t *a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
	out->state = a ? ippGetInteger(a, 0) : IPP_PSTATE_IDLE;
	a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
	out->accepting = a ? ippGetBoolean(a, 0) : true;

	a = ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD);
	size_t used = 0;
	for (int i = 0; a && i < ippGetCount(a); i++) {
		const char *kw = ippGetString(a, i, NULL);
		out->reasons |= reason_bits(kw);
		int n = snprintf(out->reasons_text + used, sizeof(out->reasons_text) - used, "%s%s", i ? "," : "", kw);
		if (n > 0 && (size_t)n < sizeof(out->reasons_text) - used)
			used += (size_t)n;
	}

	/* ippeveprinter repeats document-format-supported; the first one is what
	 * it really takes (cups.md 2.3), and ippFindAttribute returns the first. */
	a = ippFindAttribute(resp, "document-format-supported", IPP_TAG_MIMETYPE);
	for (int i = 0; a && i < ippGetCount(a); i++) {
		const char *f = ippGetString(a, i, NULL);
		if (strcmp(f, "image/pwg-raster") == 0)
			out->formats |= IPP_FMT_PWG;
		else if (strcmp(f, "application/pdf") == 0)
			out->formats |= IPP_FMT_PDF;
	}
	a = ippFindAttribute(resp, "pwg-raster-document-resolution-supported", IPP_TAG_RESOLUTION);
	for (int i = 0; a && i < ippGetCount(a) && out->ndpi < IPP_MAX_DPI; i++) {
		ipp_res_t units;
		int y, x = ippGetResolution(a, i, &y, &units);
		if (units == IPP_RES_PER_CM) {
			x = (int)(x * 2.54 + 0.5);
			y = (int)(y * 2.54 + 0.5);
		}
		if (x == y)
			out->dpi[out->ndpi++] = x;
	}
	a = ippFindAttribute(resp, "pwg-raster-document-type-supported", IPP_TAG_KEYWORD);
	out->sgray8 = !a || ippContainsString(a, "sgray_8");

	a = ippFindAttribute(resp, "device-uri", IPP_TAG_URI);
	snprintf(out->device_uri, sizeof(out->device_uri), "%s", a ? ippGetString(a, 0, NULL) : "");
	a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
	snprintf(out->message, sizeof(out->message), "%s", a ? ippGetString(a, 0, NULL) : "");
}

void ipp_get_printer(struct ipp_conn *c, int timeout_ms, struct ipp_printer_status *out)
{
	static const char *const want[] = {
	    "printer-state",
	    "printer-state-reasons",
	    "printer-state-message",
	    "printer-is-accepting-jobs",
	    "document-format-supported",
	    "pwg-raster-document-resolution-supported",
	    "pwg-raster-document-type-supported",
	    "device-uri",
	};
	memset(out, 0, sizeof(*out));
	ipp_t *req = new_request(c, IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof(want) / sizeof(want[0])), NULL, want);
	ipp_t *resp = request(c, req, timeout_ms, &out->reach);
	if (resp && out->reach == PRINTER_READY)
		read_status(resp, out);
	ippDelete(resp);
}

int ipp_print_job(struct ipp_conn *c, const char *job_name, const char *format, const struct pwg_doc *doc,
		  int timeout_ms, enum printer_state *why)
{
	*why = PRINTER_UNREACHABLE;
	if (!connect_now(c, timeout_ms))
		return 0;
	ipp_t *req = new_request(c, IPP_OP_PRINT_JOB);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", NULL, job_name);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", NULL, format);

	/* The HTTP body is the IPP request followed by the document. */
	http_status_t st = cupsSendRequest(c->http, req, c->resource, ippLength(req) + doc->len);
	for (size_t off = 0; st == HTTP_STATUS_CONTINUE && off < doc->len; off += CHUNK) {
		size_t n = doc->len - off < CHUNK ? doc->len - off : CHUNK;
		st = cupsWriteRequestData(c->http, (const char *)doc->data + off, n);
	}
	ipp_t *resp = st == HTTP_STATUS_CONTINUE ? cupsGetResponse(c->http, c->resource) : NULL;
	ippDelete(req);
	if (!resp) {
		*why = failure_kind() == PRINTER_UNREACHABLE ? PRINTER_UNREACHABLE : PRINTER_JOB_FAILED;
		describe_failure(c, "sending the job: ", timeout_ms);
		ipp_conn_close(c);
		return 0;
	}
	ipp_status_t status = ippGetStatusCode(resp);
	ipp_attribute_t *id = ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER);
	int job_id = status < IPP_STATUS_ERROR_BAD_REQUEST && id ? ippGetInteger(id, 0) : 0;
	if (job_id <= 0) {
		const char *msg = ippGetString(ippFindAttribute(resp, "status-message", IPP_TAG_TEXT), 0, NULL);
		snprintf(c->error, sizeof(c->error), "%s: job refused: %s%s%s", c->uri, ippErrorString(status),
			 msg ? ": " : "", msg ? msg : "");
		*why = status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? PRINTER_NOT_ACCEPTING : PRINTER_JOB_FAILED;
		job_id = 0;
	}
	ippDelete(resp);
	return job_id;
}

int ipp_get_job_state(struct ipp_conn *c, int job_id, int timeout_ms, enum printer_state *reach)
{
	static const char *const want[] = {"job-state", "job-state-reasons"};
	ipp_t *req = new_request(c, IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, want);
	ipp_t *resp = request(c, req, timeout_ms, reach);
	ipp_attribute_t *a = *reach == PRINTER_READY ? ippFindAttribute(resp, "job-state", IPP_TAG_ENUM) : NULL;
	int state = a ? ippGetInteger(a, 0) : 0;
	ippDelete(resp);
	return state;
}

bool ipp_cancel_job(struct ipp_conn *c, int job_id, int timeout_ms)
{
	ipp_t *req = new_request(c, IPP_OP_CANCEL_JOB);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
	enum printer_state reach;
	ipp_t *resp = request(c, req, timeout_ms, &reach);
	/* Already finished is as good as cancelled: nothing more will print. */
	bool ok = reach == PRINTER_READY || (resp && ippGetStatusCode(resp) == IPP_STATUS_ERROR_NOT_POSSIBLE);
	ippDelete(resp);
	return ok;
}
