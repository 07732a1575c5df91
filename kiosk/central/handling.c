/*
 * DESIGN: handling, the visit-time estimate.
 *
 * What it is: the mean time a desk spends on one visitor of a service, from
 * the times desks called tickets (each call ends the desk's previous visit),
 * and how many desks serve the service now. What it is not: the queries that
 * load the calls (tickets.c). Pure; any thread.
 */
#include "handling.h"

#include <string.h>

bool handling_estimate(const struct handling_call *calls, size_t n, const char *service, int64_t now_ms,
		       struct handling *out)
{
	int64_t total = 0;
	int samples = 0, desks = 0;
	const char *last_desk = NULL;
	bool desk_counted = false;

	for (size_t i = 0; i < n; i++) {
		const struct handling_call *c = &calls[i];
		if (!last_desk || strcmp(last_desk, c->desk) != 0) {
			last_desk = c->desk;
			desk_counted = false;
		}
		if (!desk_counted && strcmp(c->service, service) == 0 && c->ms >= now_ms - HANDLING_DESKS_MS &&
		    c->ms <= now_ms) {
			desks++;
			desk_counted = true;
		}
		if (i == 0 || strcmp(calls[i - 1].desk, c->desk) != 0)
			continue; /* a desk's first call ends no visit we know of */
		const struct handling_call *prev = &calls[i - 1];
		int64_t gap = c->ms - prev->ms;
		if (strcmp(prev->service, service) != 0 || prev->ms < now_ms - HANDLING_WINDOW_MS || gap < 0 ||
		    gap > HANDLING_BREAK_MS)
			continue;
		total += gap;
		samples++;
	}
	out->samples = samples;
	out->desks = desks > 0 ? desks : 1;
	out->avg_s = samples > 0 ? (int)((total / samples + 500) / 1000) : 0;
	return samples >= HANDLING_MIN_SAMPLES;
}
