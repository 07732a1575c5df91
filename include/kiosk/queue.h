/*
 * The expected wait: an honest range from the people ahead and how long a
 * visit has recently taken at this office, never a precise promise.
 * Pure logic; the figures come from the central server (docs/protocol.md,
 * "handling"). Any thread.
 */
#ifndef KIOSK_QUEUE_H
#define KIOSK_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

struct i18n_catalog;

/* Fewer recent visits than this are no history to estimate from. */
#define QUEUE_MIN_SAMPLES 3

/* How visits have gone lately at one service. */
struct queue_handling {
	int avg_s;   /* mean time from one call of a desk to its next; 0 = unknown */
	int samples; /* visits the mean is taken over */
	int desks;   /* desks calling this service now; at least 1 is assumed */
};

/* The wait range in minutes for a visitor with ahead people before them.
 * Returns false (and -1, -1) without enough history; the caller then says it
 * cannot estimate. Bounds are rounded outwards to 5 minutes, and the range
 * is wider when the history is short. */
bool queue_wait_range(int ahead, const struct queue_handling *h, int *min_minutes, int *max_minutes);

/* Queue numbers by who issues them (docs/queue-numbering.md). The central
 * server's series is 1-499, 1000-4999, then 10000 on; a kiosk that cannot
 * reach it issues from the offline series, 500-999 then 5000-9999, in which
 * kiosk k of K takes every K-th number. The two never meet. */
#define QUEUE_NUMBER_MAX 99999
/* The number of the n-th ticket (n from 1) the server issues for a service
 * on one day; -1 beyond QUEUE_NUMBER_MAX. */
int queue_number_online(int n);
/* The number of the n-th ticket kiosk (1..kiosks) issues offline on one day;
 * -1 when its share of the offline series is used up. */
int queue_number_offline(int n, int kiosk, int kiosks);
/* Whether number is in the offline series. */
bool queue_number_is_offline(int number);

/* What to expect, in the visitor's language, as the screen and the ticket say
 * it: *ahead_line is who is ahead ("" when ahead < 0: not known), and
 * *wait_line the range, or that the wait cannot be estimated (min < 0). */
void queue_describe(const struct i18n_catalog *cat, int ahead, int min_minutes, int max_minutes, char *ahead_line,
		    size_t ahead_size, char *wait_line, size_t wait_size);

#endif
