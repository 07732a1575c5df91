/*
 * Expected waits (include/kiosk/queue.h).
 *
 * The wait is about ahead x (mean visit / desks). Visits vary a lot (one
 * form, one hour of help), so the range is that figure -40 % / +40 % with
 * ten visits or more of history and -50 % / +60 % with fewer, and the time
 * the current visits still need (up to one more turn) is added on top. The
 * bounds are rounded outwards to whole 5 minutes, which reads as an estimate
 * ("10-20 minutes") instead of a promise ("13 minutes"). Pure, any thread.
 */
#include "kiosk/queue.h"

#include <stddef.h>

/* Longer waits than this are shown as this: beyond it nobody plans to the minute. */
#define MAX_MINUTES 240

static int round_down5(double minutes)
{
	int m = (int)minutes;
	return m - m % 5;
}

static int round_up5(double minutes)
{
	int m = (int)minutes;
	if ((double)m < minutes)
		m++;
	return (m + 4) / 5 * 5;
}

bool queue_wait_range(int ahead, const struct queue_handling *h, int *min_minutes, int *max_minutes)
{
	*min_minutes = *max_minutes = -1;
	if (!h || ahead < 0 || h->avg_s <= 0 || h->samples < QUEUE_MIN_SAMPLES)
		return false;
	double turn = (double)h->avg_s / 60.0 / (h->desks > 0 ? h->desks : 1);
	double expected = ahead * turn;
	bool short_history = h->samples < 10;
	double lo = expected * (short_history ? 0.5 : 0.6);
	double hi = expected * (short_history ? 1.6 : 1.4) + turn;
	int min = round_down5(lo), max = round_up5(hi);
	if (max < 5)
		max = 5;
	if (max > MAX_MINUTES)
		max = MAX_MINUTES;
	if (min > max - 5)
		min = max - 5;
	*min_minutes = min;
	*max_minutes = max;
	return true;
}
