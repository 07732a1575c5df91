/*
 * DESIGN: routes, which handler answers what.
 *
 * What it is: one const table of endpoints (method, path, who may call,
 * handler) and the checks all of them share, in this order: the path is
 * known (404) and the method allowed (405); an armed test fault for the path
 * is applied (before anything else, as a proxy or a network failure would
 * be); the caller is authenticated (401); the body could be read (413, 415,
 * 400); then the handler.
 * What it is not: any endpoint's logic.
 * Threading: the connection's thread; the table is const.
 */
#include "routes.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "bookings.h"
#include "central.h"
#include "content.h"
#include "content_guides.h"
#include "events.h"
#include "faults.h"
#include "http.h"
#include "tickets.h"

enum who {
	WHO_ANYONE, /* enrolment */
	WHO_KIOSK,  /* a kiosk's bearer secret */
	WHO_DESK,   /* the desks' token */
	WHO_TEST,   /* only with --test-faults, no credentials */
};

enum match {
	EXACT, /* path */
	TREE,  /* path and path/... */
	UNDER, /* path/... only */
};

struct route {
	const char *method; /* NULL: any */
	const char *path;
	enum match match;
	enum who who;
	void (*handle)(struct req *q, struct reply *r);
};

static const struct route routes[] = {
    {"POST", "/v1/enrol", EXACT, WHO_ANYONE, auth_enrol},
    {"POST", "/v1/events", EXACT, WHO_KIOSK, events_post},
    {"POST", "/v1/health", EXACT, WHO_KIOSK, events_health},
    {"GET", "/v1/config", EXACT, WHO_KIOSK, content_config},
    {"GET", "/v1/content/translations", UNDER, WHO_KIOSK, content_translation},
    {"GET", "/v1/content/guides", EXACT, WHO_KIOSK, content_guides},
    {"POST", "/v1/tickets", EXACT, WHO_KIOSK, tickets_post},
    {"GET", "/v1/queue", EXACT, WHO_KIOSK, tickets_queue},
    {"POST", "/v1/desk/next", EXACT, WHO_DESK, tickets_desk_next},
    {"GET", "/v1/availability", EXACT, WHO_KIOSK, bookings_availability},
    {"POST", "/v1/holds", EXACT, WHO_KIOSK, bookings_hold},
    {"DELETE", "/v1/holds", UNDER, WHO_KIOSK, bookings_release},
    {"POST", "/v1/bookings", EXACT, WHO_KIOSK, bookings_confirm},
    {"GET", "/v1/bookings", UNDER, WHO_KIOSK, bookings_find},
    {"POST", "/v1/bookings", UNDER, WHO_KIOSK, bookings_act},
    {"POST", "/v1/_test/faults", EXACT, WHO_TEST, faults_arm},
    {"DELETE", "/v1/_test/faults", EXACT, WHO_TEST, faults_clear},
    {"GET", "/v1/_test/events", EXACT, WHO_TEST, events_test_counts},
    {"POST", "/v1/_test/clock", EXACT, WHO_TEST, faults_clock},
    {"POST", "/v1/_test/purge", EXACT, WHO_TEST, bookings_test_purge},
};
#define NROUTES (sizeof routes / sizeof routes[0])

static bool path_matches(const struct route *rt, const char *path)
{
	size_t n = strlen(rt->path);
	if (strncmp(path, rt->path, n) != 0)
		return false;
	if (path[n] == '\0')
		return rt->match != UNDER;
	return rt->match != EXACT && path[n] == '/' && path[n + 1] != '\0';
}

static bool method_matches(const struct route *rt, const char *method)
{
	/* HEAD is GET without the body (MHD drops it). */
	return !rt->method || strcmp(rt->method, method) == 0 ||
	       (strcmp(rt->method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

void routes_dispatch(struct req *q, struct reply *r)
{
	const struct route *rt = NULL;
	bool path_known = false;
	for (size_t i = 0; i < NROUTES && !rt; i++) {
		if (!path_matches(&routes[i], q->path) || (routes[i].who == WHO_TEST && !q->c->faults))
			continue;
		path_known = true;
		if (method_matches(&routes[i], q->method))
			rt = &routes[i];
	}
	if (!path_known) {
		reply_error(r, 404, "not_found", "no such endpoint");
		return;
	}
	if (!rt) {
		reply_error(r, 405, "method_not_allowed", "%s is not allowed here", q->method);
		for (size_t i = 0; i < NROUTES; i++) {
			if (path_matches(&routes[i], q->path) && routes[i].method) {
				size_t at = strlen(r->allow);
				snprintf(r->allow + at, sizeof r->allow - at, "%s%s%s", at ? ", " : "",
					 routes[i].method, strcmp(routes[i].method, "GET") == 0 ? ", HEAD" : "");
			}
		}
		return;
	}

	struct fault fault;
	bool faulted = rt->who != WHO_TEST && q->c->faults && faults_take(q->c->faults, q->path, &fault);
	if (faulted) {
		q->fault = faults_mode_name(fault.mode);
		if (fault.mode == FAULT_SLOW) {
			faults_sleep(q->c->faults, fault.delay_ms);
		} else if (fault.mode != FAULT_RESET_AFTER_COMMIT) {
			faults_reply(q, &fault, r);
			return;
		}
	}

	bool allowed = rt->who == WHO_ANYONE || rt->who == WHO_TEST || (rt->who == WHO_KIOSK && auth_kiosk(q)) ||
		       (rt->who == WHO_DESK && auth_desk(q));
	if (!allowed) {
		reply_error(r, 401, "unauthorized", "a valid Authorization: Bearer credential is required");
		r->www_authenticate = true;
	} else if (!http_body_refused(q, r)) {
		rt->handle(q, r);
	}
	if (faulted && fault.mode == FAULT_RESET_AFTER_COMMIT)
		faults_cut(r);
}
