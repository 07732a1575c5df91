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

#include <stdio.h>

#include "kiosk/i18n.h"

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

/* The offline series' two blocks; the server's numbers are everything else. */
static const int offline_block[2][2] = {{500, 999}, {5000, 9999}};

bool queue_number_is_offline(int number)
{
	for (int b = 0; b < 2; b++) {
		if (number >= offline_block[b][0] && number <= offline_block[b][1])
			return true;
	}
	return false;
}

int queue_number_online(int n)
{
	if (n < 1)
		return -1;
	int number = n;
	for (int b = 0; b < 2; b++) {
		if (number >= offline_block[b][0])
			number += offline_block[b][1] - offline_block[b][0] + 1;
	}
	return number <= QUEUE_NUMBER_MAX ? number : -1;
}

int queue_number_offline(int n, int kiosk, int kiosks)
{
	if (n < 1 || kiosks < 1 || kiosk < 1 || kiosk > kiosks)
		return -1;
	for (int b = 0; b < 2; b++) {
		/* This kiosk's numbers in the block: start + k, then every K-th (A501,
		 * A503... for kiosk 1 of 2), so "A5.." reads as "issued offline". */
		int first = offline_block[b][0] + kiosk;
		int share = first > offline_block[b][1] ? 0 : (offline_block[b][1] - first) / kiosks + 1;
		if (n <= share)
			return first + (n - 1) * kiosks;
		n -= share;
	}
	return -1;
}

void queue_describe(const struct i18n_catalog *cat, int ahead, int lo, int hi, char *ahead_line, size_t ahead_size,
		    char *wait_line, size_t wait_size)
{
	if (ahead == 0)
		snprintf(ahead_line, ahead_size, "%s", i18n_get(cat, "You are next in line."));
	else if (ahead > 0)
		snprintf(ahead_line, ahead_size,
			 i18n_nget(cat, "%d person is ahead of you.", "%d people are ahead of you.",
				   (unsigned long)ahead),
			 ahead);
	else
		ahead_line[0] = '\0';
	/* A wait is promised only from history; a guess would be remembered as a
	 * promise. */
	if (hi < lo)
		hi = lo;
	if (lo < 0) {
		snprintf(wait_line, wait_size, "%s", i18n_get(cat, "We cannot estimate the wait yet."));
	} else if (hi < 1) {
		snprintf(wait_line, wait_size, "%s", i18n_get(cat, "Expected wait: less than a minute"));
	} else if (lo == hi || hi == 1) {
		snprintf(wait_line, wait_size,
			 i18n_nget(cat, "Expected wait: about %d minute", "Expected wait: about %d minutes",
				   (unsigned long)hi),
			 hi);
	} else {
		/* TRANSLATORS: a range of minutes, "Expected wait: 10–20 minutes";
		   the plural form is chosen by the larger number. */
		const char *range = i18n_nget(cat, "Expected wait: %d–%d minute", "Expected wait: %d–%d minutes",
					      (unsigned long)hi);
		snprintf(wait_line, wait_size, range, lo, hi);
	}
}
