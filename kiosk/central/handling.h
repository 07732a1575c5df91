/*
 * How long a visit takes, from the desks' calls: the estimate a kiosk shows
 * before and after a visitor takes a number. Pure: calls and time come in.
 */
#ifndef CENTRAL_HANDLING_H
#define CENTRAL_HANDLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HANDLING_WINDOW_MS (14LL * 24 * 3600 * 1000) /* calls older than this are not averaged */
#define HANDLING_BREAK_MS (60LL * 60 * 1000)	     /* a longer gap is a break, not a visit */
#define HANDLING_DESKS_MS (30LL * 60 * 1000)	     /* a desk that called within this is staffed */
#define HANDLING_MIN_SAMPLES 3

/* One call of a ticket by a desk. */
struct handling_call {
	const char *desk;
	const char *service;
	int64_t ms; /* when, in milliseconds since the epoch */
};

struct handling {
	int avg_s;   /* mean visit, rounded to whole seconds */
	int samples; /* visits averaged */
	int desks;   /* desks that called this service lately; at least 1 */
};

/* The estimate for service at now_ms. calls must be sorted by desk, then time.
 * A visit is the gap between two consecutive calls of one desk and belongs to
 * the service of the first call (the next call ends it). Returns false, with
 * out->samples still set, when fewer than HANDLING_MIN_SAMPLES visits are known. */
bool handling_estimate(const struct handling_call *calls, size_t n, const char *service, int64_t now_ms,
		       struct handling *out);

#endif
