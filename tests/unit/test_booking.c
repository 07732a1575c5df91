/* Appointments: slots checked for their properties over random rules, busy
 * lists and moments (and against a plain reference computation), the
 * daylight-saving weeks of Copenhagen, references, contact checks, the
 * check-in window and the nearest free slots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/booking.h"
#include "seeded_rng.h"

#define DAY_S 86400

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng(void)
{
	return seeded_rng_next(&rng_state);
}

static int rnd(int lo, int hi) /* [lo, hi] */
{
	return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

/* Zones made from their POSIX rules: the same as the zone files for these
 * years, and no file needed. */
static void zone_from_rule(struct tz *z, const char *rule)
{
	struct tz_rule r;
	assert_true(tz_rule_parse(&r, rule));
	tz_fixed(z, rule, r.std_offset_s);
	z->rule = r;
	z->has_rule = true;
}

static const char *const rules[] = {
	"CET-1CEST,M3.5.0,M10.5.0/3",           /* Copenhagen */
	"EST5EDT,M3.2.0,M11.1.0",               /* New York */
	"IST-1GMT0,M10.5.0,M3.5.0/1",           /* Dublin: "negative" daylight saving */
	"<-04>4<-03>,M9.1.6/24,M4.1.6/24",      /* Santiago: changes at midnight */
	"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", /* Lord Howe: 30 minutes */
	"<-03>3",                               /* Sao Paulo: no change */
};

static int64_t utc_of(const struct tz *z, int y, int mo, int d, int h, int mi)
{
	int64_t t;
	assert_int_not_equal(tz_from_local(z, y, mo, d, h, mi, &t), TZ_LOCAL_SKIPPED);
	return t;
}

static int64_t local_day_of(const struct tz *z, int64_t utc)
{
	struct tz_civil c;
	tz_to_local(z, utc, &c);
	return tz_days_from_civil(c.year, c.month, c.day);
}

/* ---- a random world ---- */

struct world {
	struct booking_rules r;
	struct booking_calendar closed;
	struct tz zone;
	enum booking_mode mode;
	int64_t now, from, to;
	struct booking_busy busy[400 + 50]; /* room to fill a slot up */
	int nbusy;
};

static int cmp_busy(const void *a, const void *b)
{
	const struct booking_busy *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void random_world(struct world *w)
{
	memset(w, 0, sizeof *w);
	zone_from_rule(&w->zone, rules[rnd(0, (int)(sizeof rules / sizeof rules[0]) - 1)]);
	struct booking_rules *r = &w->r;
	r->offered = true;
	r->duration_min = rnd(5, 90);
	r->buffer_min = rnd(0, 3) == 0 ? 0 : rnd(0, 30);
	r->notice_min = rnd(0, 3000);
	r->horizon_days = rnd(1, 40);
	r->capacity = rnd(1, 4);
	for (int d = 0; d < 7; d++) {
		int at = rnd(0, 600);
		for (int s = 0; s < BOOKING_MAX_SPANS && rnd(0, 4) > 0; s++) {
			int a = at, b = a + rnd(r->duration_min / 2, 300);
			if (b > 1440)
				break;
			r->hours[d][s][0] = (short)a;
			r->hours[d][s][1] = (short)b;
			r->spans[d]++;
			at = b + rnd(0, 120);
		}
	}
	for (int m = 0; m < BOOKING_MODES; m++)
		r->mode_days[m] = (unsigned char)(rng() & 0x7f);
	w->mode = (enum booking_mode)rnd(0, BOOKING_MODES - 1);
	/* Any moment of 2026, often right before a change of offset. */
	int64_t jan1 = tz_days_from_civil(2026, 1, 1) * DAY_S;
	w->now = jan1 + (int64_t)(rng() % (365ull * DAY_S));
	if (rnd(0, 2) == 0) {
		int64_t change[] = {utc_of(&w->zone, 2026, 3, 27, 12, 0), utc_of(&w->zone, 2026, 10, 23, 12, 0),
				    utc_of(&w->zone, 2026, 9, 4, 12, 0), utc_of(&w->zone, 2026, 4, 2, 12, 0)};
		w->now = change[rnd(0, 3)] - rnd(0, 5 * DAY_S);
	}
	int64_t today = local_day_of(&w->zone, w->now);
	w->closed.n = rnd(0, 6);
	for (int i = 0; i < w->closed.n; i++) {
		struct booking_closure *c = &w->closed.c[i];
		c->from_day = today + rnd(-2, 45);
		c->to_day = c->from_day + rnd(0, 3);
		if (rnd(0, 1)) {
			c->from_min = 0;
			c->to_min = 1440;
		} else {
			c->from_min = (short)rnd(0, 1380);
			c->to_min = (short)(c->from_min + rnd(1, 1440 - c->from_min));
		}
	}
	w->nbusy = rnd(0, 400);
	for (int i = 0; i < w->nbusy; i++) {
		w->busy[i].start = w->now + (int64_t)rnd(-2 * DAY_S, 45 * DAY_S) / 300 * 300;
		w->busy[i].end = w->busy[i].start + rnd(5, 120) * 60;
	}
	qsort(w->busy, (size_t)w->nbusy, sizeof w->busy[0], cmp_busy);
	w->from = w->now + rnd(-2 * DAY_S, 10 * DAY_S);
	w->to = w->from + rnd(1, 50 * DAY_S);
}

/* The slots as the header defines them, the plain way: every grid point of
 * every local day, every busy interval. */
static int reference_slots(const struct world *w, struct booking_slot *out, int cap)
{
	const struct booking_rules *r = &w->r;
	int n = 0;
	int64_t today = local_day_of(&w->zone, w->now);
	for (int64_t day = today - 3; day <= today + r->horizon_days && n < cap; day++) {
		int wd = tz_weekday_of_days(day);
		if (!(r->mode_days[w->mode] & (1 << wd)))
			continue;
		int y, mo, d;
		tz_civil_from_days(day, &y, &mo, &d);
		for (int s = 0; s < r->spans[wd]; s++) {
			for (int t = r->hours[wd][s][0]; t + r->duration_min <= r->hours[wd][s][1] && n < cap;
			     t += r->duration_min + r->buffer_min) {
				bool closed = false;
				for (int i = 0; i < w->closed.n; i++) {
					const struct booking_closure *c = &w->closed.c[i];
					closed = closed || (day >= c->from_day && day <= c->to_day && t < c->to_min &&
							    t + r->duration_min > c->from_min);
				}
				int64_t start;
				if (closed)
					continue;
				if (tz_from_local(&w->zone, y, mo, d, t / 60, t % 60, &start) == TZ_LOCAL_SKIPPED)
					continue;
				int64_t end = start + r->duration_min * 60;
				if (start < w->from || start >= w->to || start < w->now + r->notice_min * 60)
					continue;
				int taken = 0;
				for (int i = 0; i < w->nbusy; i++)
					taken += w->busy[i].start < end + r->buffer_min * 60 &&
						 w->busy[i].end > start - r->buffer_min * 60;
				if (taken >= r->capacity)
					continue;
				out[n++] = (struct booking_slot){start, end, r->capacity - taken};
			}
		}
	}
	return n;
}

static struct booking_slot got[BOOKING_MAX_SLOTS], want[BOOKING_MAX_SLOTS];

/* Each property on its own, so a failure names the one broken. */
static void check_slot_properties(const struct world *w, const struct booking_slot *s)
{
	const struct booking_rules *r = &w->r;
	struct tz_civil c;
	tz_to_local(&w->zone, s->start, &c);
	int minute = c.hour * 60 + c.minute;
	int64_t day = tz_days_from_civil(c.year, c.month, c.day);
	/* inside the booking hours of its local weekday, on the grid */
	bool inside = false;
	for (int i = 0; i < r->spans[c.weekday]; i++) {
		int a = r->hours[c.weekday][i][0], b = r->hours[c.weekday][i][1];
		inside = inside || (minute >= a && minute + r->duration_min <= b &&
				    (minute - a) % (r->duration_min + r->buffer_min) == 0);
	}
	assert_true(inside);
	assert_int_equal(c.second, 0);
	/* a real local time, and its first occurrence */
	int64_t back;
	assert_int_not_equal(tz_from_local(&w->zone, c.year, c.month, c.day, c.hour, c.minute, &back),
			     TZ_LOCAL_SKIPPED);
	assert_int_equal(back, s->start);
	/* on a weekday of the mode */
	assert_true(r->mode_days[w->mode] & (1 << c.weekday));
	/* in no closure */
	for (int i = 0; i < w->closed.n; i++) {
		const struct booking_closure *k = &w->closed.c[i];
		assert_false(day >= k->from_day && day <= k->to_day && minute < k->to_min &&
			     minute + r->duration_min > k->from_min);
	}
	/* not in the past, nor inside the notice */
	assert_true(s->start >= w->now);
	assert_true(s->start >= w->now + r->notice_min * 60);
	/* not past the horizon */
	assert_true(day <= local_day_of(&w->zone, w->now) + r->horizon_days);
	/* in the window asked for */
	assert_true(s->start >= w->from && s->start < w->to);
	assert_int_equal(s->end, s->start + r->duration_min * 60);
	/* not beyond capacity */
	int taken = 0;
	for (int i = 0; i < w->nbusy; i++)
		taken += w->busy[i].start < s->end + r->buffer_min * 60 &&
			 w->busy[i].end > s->start - r->buffer_min * 60;
	assert_true(taken < r->capacity);
	assert_int_equal(s->free, r->capacity - taken);
	assert_true(s->free >= 1);
}

static void booking_slots_keep_every_rule_over_random_rules_busy_lists_and_moments(void **state)
{
	(void)state;
	static struct world w;
	long total = 0;
	for (int iter = 0; iter < 3000; iter++) {
		random_world(&w);
		int n = booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.from, w.to, w.busy, w.nbusy, got,
				      BOOKING_MAX_SLOTS);
		assert_true(n >= 0 && n <= BOOKING_MAX_SLOTS);
		for (int i = 0; i < n; i++) {
			check_slot_properties(&w, &got[i]);
			if (i > 0)
				assert_true(got[i].start > got[i - 1].start); /* time order */
		}
		/* and nothing is missing: the same slots as the plain computation */
		int m = reference_slots(&w, want, BOOKING_MAX_SLOTS);
		if (n != m)
			print_message("iteration %d (%s): %d slots, reference %d\n", iter, w.zone.name, n, m);
		assert_int_equal(n, m);
		for (int i = 0; i < n; i++) {
			assert_int_equal(got[i].start, want[i].start);
			assert_int_equal(got[i].free, want[i].free);
		}
		/* A slot offered is a slot a hold accepts; a taken one is refused. */
		if (n > 0) {
			const struct booking_slot *s = &got[rnd(0, n - 1)];
			int64_t end = 0;
			assert_true(booking_slot_free(&w.r, &w.closed, w.mode, &w.zone, w.now, s->start, w.busy,
						      w.nbusy, &end));
			assert_int_equal(end, s->end);
			assert_false(booking_slot_free(&w.r, &w.closed, w.mode, &w.zone, w.now, s->start + 60, w.busy,
						       w.nbusy, &end));
			/* Fill it up to capacity: then it is gone. */
			for (int k = 0; k < s->free; k++)
				w.busy[w.nbusy++] = (struct booking_busy){s->start, s->end};
			qsort(w.busy, (size_t)w.nbusy, sizeof w.busy[0], cmp_busy);
			assert_false(booking_slot_free(&w.r, &w.closed, w.mode, &w.zone, w.now, s->start, w.busy,
						       w.nbusy, &end));
		}
		/* A small cap gives the first slots. */
		int k = booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.from, w.to, w.busy, 0, want, 3);
		assert_true(k <= 3);
		total += n;
	}
	assert_true(total > 10000); /* the worlds did offer slots */
}

static void booking_slots_are_none_when_the_service_or_mode_is_not_offered(void **state)
{
	(void)state;
	static struct world w;
	do
		random_world(&w);
	while (booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.from, w.to, NULL, 0, got, 16) == 0);
	w.r.mode_days[w.mode] = 0;
	assert_int_equal(booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.from, w.to, NULL, 0, got, 16), 0);
	w.r.mode_days[w.mode] = 0x7f;
	w.r.offered = false;
	assert_int_equal(booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.from, w.to, NULL, 0, got, 16), 0);
	w.r.offered = true;
	assert_int_equal(booking_slots(&w.r, &w.closed, BOOKING_MODES, &w.zone, w.now, w.from, w.to, NULL, 0, got, 16),
			 0);
	assert_int_equal(booking_slots(&w.r, &w.closed, w.mode, &w.zone, w.now, w.to, w.from, NULL, 0, got, 16), 0);
}

/* Open from open_min to close_min (minutes of the local day) every day,
 * 30-minute meetings in person, one adviser, 30 days ahead. */
static void daily_rules(struct booking_rules *r, int open_min, int close_min)
{
	memset(r, 0, sizeof *r);
	r->offered = true;
	r->duration_min = 30;
	r->horizon_days = 30;
	r->capacity = 1;
	for (int d = 0; d < 7; d++) {
		r->hours[d][0][0] = (short)open_min;
		r->hours[d][0][1] = (short)close_min;
		r->spans[d] = 1;
	}
	r->mode_days[BOOKING_IN_PERSON] = 0x7f;
}

/* The slots whose start falls on local day y-mo-d, into got. */
static int slots_of_day(const struct booking_rules *r, const struct tz *z, int y, int mo, int d, int64_t now)
{
	int64_t day = tz_days_from_civil(y, mo, d);
	static struct booking_slot all[BOOKING_MAX_SLOTS];
	int n = booking_slots(r, NULL, BOOKING_IN_PERSON, z, now, day * DAY_S - 2 * DAY_S, day * DAY_S + 2 * DAY_S,
			      NULL, 0, all, BOOKING_MAX_SLOTS);
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (local_day_of(z, all[i].start) == day)
			got[k++] = all[i];
	}
	return k;
}

static void booking_slots_in_copenhagen_skip_the_spring_hour_and_take_the_autumn_hour_once(void **state)
{
	(void)state;
	struct tz z;
	zone_from_rule(&z, "CET-1CEST,M3.5.0,M10.5.0/3");
	struct booking_rules r;
	daily_rules(&r, 60, 240); /* night hours, 01:00-04:00 */
	/* Sunday 29 March 2026: 02:00 and 02:30 do not exist, leaving 01:00
	 * 01:30 (CET) and 03:00 03:30 (CEST): four meetings, 00:00-02:00 UTC. */
	int64_t now = tz_days_from_civil(2026, 3, 20) * DAY_S;
	int64_t utc29 = tz_days_from_civil(2026, 3, 29) * DAY_S;
	assert_int_equal(slots_of_day(&r, &z, 2026, 3, 29, now), 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(got[i].start, utc29 + i * 1800);
		assert_int_equal(got[i].end - got[i].start, 1800);
		struct tz_civil c;
		tz_to_local(&z, got[i].start, &c);
		assert_true(c.hour != 2);
	}
	/* The days around have all six. */
	assert_int_equal(slots_of_day(&r, &z, 2026, 3, 28, now), 6);
	assert_int_equal(slots_of_day(&r, &z, 2026, 3, 30, now), 6);
	/* Sunday 25 October 2026: 02:00 and 02:30 happen twice and give one slot
	 * each, at their first (summer) occurrence. */
	now = tz_days_from_civil(2026, 10, 20) * DAY_S;
	int64_t utc25 = tz_days_from_civil(2026, 10, 25) * DAY_S;
	assert_int_equal(slots_of_day(&r, &z, 2026, 10, 25, now), 6);
	const int64_t expect[6] = {utc25 - 3600, utc25 - 1800, utc25, utc25 + 1800, utc25 + 2 * 3600,
				   utc25 + 2 * 3600 + 1800};
	for (int i = 0; i < 6; i++)
		assert_int_equal(got[i].start, expect[i]);
	/* A booking at the first 02:00 does not block the second 02:30's hour. */
	struct booking_busy b = {utc25, utc25 + 1800};
	assert_false(booking_slot_free(&r, NULL, BOOKING_IN_PERSON, &z, now, utc25, &b, 1, NULL));
	assert_true(booking_slot_free(&r, NULL, BOOKING_IN_PERSON, &z, now, utc25 + 1800, &b, 1, NULL));
	/* The second 02:00 is no slot: a hold there is refused. */
	assert_false(booking_slot_free(&r, NULL, BOOKING_IN_PERSON, &z, now, utc25 + 3600, NULL, 0, NULL));
	assert_true(booking_slot_free(&r, NULL, BOOKING_IN_PERSON, &z, now, utc25 + 2 * 3600, NULL, 0, NULL));
}

static void booking_slots_keep_local_opening_hours_across_the_change_week(void **state)
{
	(void)state;
	struct tz z;
	zone_from_rule(&z, "CET-1CEST,M3.5.0,M10.5.0/3");
	struct booking_rules r;
	daily_rules(&r, 8 * 60 + 30, 12 * 60 + 30);
	r.duration_min = 20;
	r.buffer_min = 10;
	r.mode_days[BOOKING_IN_PERSON] = 0x1f; /* weekdays */
	/* The week of 29 March: 08:30 local is 07:30 UTC before, 06:30 UTC after. */
	int64_t now = tz_days_from_civil(2026, 3, 23) * DAY_S;
	int n = booking_slots(&r, NULL, BOOKING_IN_PERSON, &z, now, now, now + 14 * DAY_S, NULL, 0, got,
			      BOOKING_MAX_SLOTS);
	assert_int_equal(n, 10 * 8); /* ten weekdays of eight meetings */
	for (int i = 0; i < n; i++) {
		struct tz_civil c;
		tz_to_local(&z, got[i].start, &c);
		assert_true(c.weekday < 5);
		assert_true(c.hour * 60 + c.minute >= 510 && c.hour * 60 + c.minute <= 720);
		assert_int_equal((c.hour * 60 + c.minute - 510) % 30, 0);
	}
	assert_int_equal(got[0].start, tz_days_from_civil(2026, 3, 23) * DAY_S + 7 * 3600 + 1800);
	assert_int_equal(got[40].start, tz_days_from_civil(2026, 3, 30) * DAY_S + 6 * 3600 + 1800);
}

static void booking_slots_leave_out_closures_of_whole_days_and_afternoons(void **state)
{
	(void)state;
	struct tz z;
	zone_from_rule(&z, "CET-1CEST,M3.5.0,M10.5.0/3");
	struct booking_rules r;
	daily_rules(&r, 9 * 60, 15 * 60);
	r.duration_min = 60;
	struct booking_calendar cal = {0};
	int64_t d24 = tz_days_from_civil(2026, 12, 24);
	cal.c[cal.n++] = (struct booking_closure){d24, d24 + 2, 0, 1440};
	/* 27 November from 12:30 to 16:00: 11:00-12:00 is the last meeting. */
	int64_t d27 = tz_days_from_civil(2026, 11, 27);
	cal.c[cal.n++] = (struct booking_closure){d27, d27, 12 * 60 + 30, 16 * 60};
	int64_t now = tz_days_from_civil(2026, 11, 20) * DAY_S;
	r.horizon_days = 60;
	int n = booking_slots(&r, &cal, BOOKING_IN_PERSON, &z, now, now, now + 40 * DAY_S, NULL, 0, got,
			      BOOKING_MAX_SLOTS);
	int on27 = 0;
	for (int i = 0; i < n; i++) {
		int64_t day = local_day_of(&z, got[i].start);
		assert_true(day < d24 || day > d24 + 2);
		if (day == d27) {
			on27++;
			struct tz_civil c;
			tz_to_local(&z, got[i].start, &c);
			assert_true(c.hour < 12); /* 12:00-13:00 touches the closure from 12:30 */
		}
	}
	assert_int_equal(on27, 3); /* 09, 10, 11 */
	assert_int_equal(n, 40 * 6 - 3 * 6 - 3);
}

static void booking_slots_count_capacity_with_the_buffer_around_each_meeting(void **state)
{
	(void)state;
	struct tz z;
	tz_fixed(&z, "UTC", 0);
	struct booking_rules r;
	daily_rules(&r, 10 * 60, 12 * 60);
	r.duration_min = 20;
	r.buffer_min = 10;
	r.capacity = 2;
	int64_t day = tz_days_from_civil(2026, 6, 1) * DAY_S;
	/* Grid: 10:00 10:30 11:00 11:30. Two busy around 10:30; one ends at 10:20 exactly. */
	struct booking_busy busy[] = {
		{day + 10 * 3600, day + 10 * 3600 + 1200},        /* 10:00-10:20 */
		{day + 10 * 3600 + 1800, day + 10 * 3600 + 3000}, /* 10:30-10:50 */
		{day + 10 * 3600 + 1800, day + 10 * 3600 + 3000}, /* 10:30-10:50 */
		{day + 11 * 3600 + 3000, day + 11 * 3600 + 3300}, /* 11:50-11:55 */
	};
	int n = booking_slots(&r, NULL, BOOKING_IN_PERSON, &z, day - DAY_S, day, day + DAY_S, busy, 4, got, 16);
	assert_int_equal(n, 3);
	assert_int_equal(got[0].start, day + 10 * 3600);
	assert_int_equal(got[0].free, 1);
	/* 10:30 is full; 11:00 widened is [10:50, 11:30): 10:50 is the end of the pair, so free */
	assert_int_equal(got[1].start, day + 11 * 3600);
	assert_int_equal(got[1].free, 2);
	/* 11:30 widened is [11:20, 12:00): the 11:50 meeting */
	assert_int_equal(got[2].start, day + 11 * 3600 + 1800);
	assert_int_equal(got[2].free, 1);
}

static void booking_slots_respect_notice_and_the_last_day_of_the_horizon(void **state)
{
	(void)state;
	struct tz z;
	zone_from_rule(&z, "EST5EDT,M3.2.0,M11.1.0");
	struct booking_rules r;
	daily_rules(&r, 9 * 60, 17 * 60);
	r.duration_min = 60;
	r.notice_min = 90;
	r.horizon_days = 2;
	/* Now: 2026-06-10 10:15 local. First: 12:00 (11:45 is off the grid). Last day: 12 June. */
	int64_t now = utc_of(&z, 2026, 6, 10, 10, 15);
	int n = booking_slots(&r, NULL, BOOKING_IN_PERSON, &z, now, now - DAY_S, now + 30 * DAY_S, NULL, 0, got, 64);
	assert_int_equal(n, 5 + 8 + 8);
	assert_int_equal(got[0].start, utc_of(&z, 2026, 6, 10, 12, 0));
	assert_int_equal(got[n - 1].start, utc_of(&z, 2026, 6, 12, 16, 0));
}

/* ---- nearest, check-in ---- */

static void booking_nearest_gives_the_closest_slots_in_time_order_and_the_earlier_on_a_tie(void **state)
{
	(void)state;
	struct booking_slot s[5], out[8];
	for (int i = 0; i < 5; i++)
		s[i] = (struct booking_slot){9 * 3600 + i * 1800, 9 * 3600 + i * 1800 + 1200, 1};
	/* 9:00 9:30 10:00 10:30 11:00; wanted 10:15 */
	int64_t wanted = 10 * 3600 + 900;
	assert_int_equal(booking_nearest(s, 5, wanted, out, 1), 1);
	assert_int_equal(out[0].start, 10 * 3600); /* 10:00 and 10:30 tie: the earlier */
	assert_int_equal(booking_nearest(s, 5, wanted, out, 3), 3);
	assert_int_equal(out[0].start, 9 * 3600 + 1800);
	assert_int_equal(out[1].start, 10 * 3600);
	assert_int_equal(out[2].start, 10 * 3600 + 1800);
	assert_int_equal(booking_nearest(s, 5, 0, out, 2), 2);
	assert_int_equal(out[0].start, 9 * 3600);
	assert_int_equal(out[1].start, 9 * 3600 + 1800);
	assert_int_equal(booking_nearest(s, 5, 20 * 3600, out, 2), 2);
	assert_int_equal(out[1].start, 11 * 3600);
	assert_int_equal(booking_nearest(s, 5, wanted, out, 8), 5);
	assert_int_equal(booking_nearest(s, 0, wanted, out, 8), 0);
	/* The taken slot itself, if still listed, is the nearest. */
	assert_int_equal(booking_nearest(s, 5, 10 * 3600, out, 1), 1);
	assert_int_equal(out[0].start, 10 * 3600);
}

static void booking_checkin_is_open_from_early_before_to_late_after_the_start(void **state)
{
	(void)state;
	struct booking_rules r = {.early_min = 30, .late_min = 15};
	int64_t start = 1800000000, opens, closes;
	assert_int_equal(booking_checkin_window(&r, start, start - 1801, &opens, &closes), BOOKING_WINDOW_EARLY);
	assert_int_equal(opens, start - 1800);
	assert_int_equal(closes, start + 900);
	assert_int_equal(booking_checkin_window(&r, start, start - 1800, NULL, NULL), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(&r, start, start, NULL, NULL), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(&r, start, start + 900, NULL, NULL), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(&r, start, start + 901, NULL, NULL), BOOKING_WINDOW_LATE);
}

/* ---- references ---- */

static void booking_references_use_six_symbols_without_look_alikes(void **state)
{
	(void)state;
	const char *alphabet = "ACDEFHJKMNPRTUVWXY34679";
	assert_int_equal(strlen(alphabet), 23);
	int seen[6][256] = {{0}};
	char prev[BOOKING_REF_LEN] = "";
	int same = 0;
	for (int i = 0; i < 20000; i++) {
		char ref[BOOKING_REF_LEN];
		booking_reference_make(rng() & 0xffffffffu, ref);
		assert_int_equal(strlen(ref), 6);
		for (int k = 0; k < 6; k++) {
			assert_non_null(strchr(alphabet, ref[k]));
			seen[k][(unsigned char)ref[k]]++;
		}
		same += strcmp(ref, prev) == 0;
		memcpy(prev, ref, sizeof prev);
		/* shown, scanned and typed back in every way a visitor might */
		char shown[8], back[BOOKING_REF_LEN], text[96];
		booking_reference_format(ref, shown);
		assert_int_equal(strlen(shown), 7);
		assert_int_equal(shown[3], '-');
		assert_true(booking_reference_parse(shown, back));
		assert_string_equal(back, ref);
		snprintf(text, sizeof text, "https://book.example.dk/b/%s", shown);
		assert_true(booking_reference_parse(text, back));
		assert_string_equal(back, ref);
		snprintf(text, sizeof text, "  %c%c%c %c%c%c ", ref[0] | 0x20, ref[1] | 0x20, ref[2] | 0x20,
			 ref[3] | 0x20, ref[4] | 0x20, ref[5] | 0x20);
		assert_true(booking_reference_parse(text, back));
		assert_string_equal(back, ref);
	}
	assert_true(same < 5);
	/* Every symbol turns up in every position. */
	for (int k = 0; k < 6; k++)
		for (const char *a = alphabet; *a; a++)
			assert_true(seen[k][(unsigned char)*a] > 500);
}

static void booking_reference_is_found_in_links_and_typed_text(void **state)
{
	(void)state;
	char ref[BOOKING_REF_LEN];
	struct {
		const char *in, *out;
	} ok[] = {
		{"K7R-49X", "K7R49X"},
		{"k7r49x", "K7R49X"},
		{"https://kiosk.example.org/b/K7R-49X", "K7R49X"},
		{"https://kiosk.example.org/b/ACD-EFH?lang=da", "ACDEFH"},
		{"Reference: acd efh.", "ACDEFH"},
		{"REF ACD-EFH", "ACDEFH"},
		{"ACD - EFH", "ACDEFH"},
		{"HTTPS://KIOSK.EXAMPLE.ORG/B/ACDEFH\n", "ACDEFH"},
		{"my code is 37K-4N9 please", "37K4N9"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (!booking_reference_parse(ok[i].in, ref))
			print_message("not found in \"%s\"\n", ok[i].in);
		assert_true(booking_reference_parse(ok[i].in, ref));
		assert_string_equal(ref, ok[i].out);
	}
	const char *none[] = {"", "hello", "12345", "ACDEF", "ACDEFHJ", "https://kiosk.example.org/", "ACD/EFH"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		if (booking_reference_parse(none[i], ref))
			print_message("found \"%s\" in \"%s\"\n", ref, none[i]);
		assert_false(booking_reference_parse(none[i], ref));
	}
	assert_false(booking_reference_parse(NULL, ref));
}

/* ---- contact details ---- */

static enum booking_contact_problem check(const char *name, const char *phone, const char *email)
{
	struct booking_contact c;
	memset(&c, 0, sizeof c);
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.phone, sizeof c.phone, "%s", phone);
	snprintf(c.email, sizeof c.email, "%s", email);
	return booking_contact_check(&c);
}

static void booking_contact_needs_a_name_and_a_phone_or_an_email(void **state)
{
	(void)state;
	assert_int_equal(check("Anna Jensen", "12345678", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Anna", "12 34 56 78", ""), BOOKING_CONTACT_OK); /* 8 digits: a Danish phone */
	assert_int_equal(check("Anna", "+45 12 34 56 78", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Lucia", "+39 347 123 4567", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Lucia", "3471234567", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Marie", "06 12 34 56 79", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Jo", "", "jo@example.dk"), BOOKING_CONTACT_OK);
	assert_int_equal(check("Олена", "", "olena.k@example.com.ua"), BOOKING_CONTACT_OK);
	assert_int_equal(check("محمد", "+45-12-34-56-78", "m@x.dk"), BOOKING_CONTACT_OK);
	assert_int_equal(check("Anna", "123456", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Anna", "+123456789012345", ""), BOOKING_CONTACT_OK);

	assert_int_equal(check("", "12345678", ""), BOOKING_CONTACT_NO_NAME);
	assert_int_equal(check("A", "12345678", ""), BOOKING_CONTACT_NO_NAME);
	assert_int_equal(check("12 -", "12345678", ""), BOOKING_CONTACT_NO_NAME);
	assert_int_equal(check("Anna", "", ""), BOOKING_CONTACT_NO_WAY);
	assert_int_equal(check("Anna", "  ", " "), BOOKING_CONTACT_NO_WAY);
	const char *bad_phones[] = {"12345", "1234567890123456", "12a45678", "++4512345678", "1234 5678 ext 9", "+"};
	for (size_t i = 0; i < sizeof bad_phones / sizeof bad_phones[0]; i++)
		assert_int_equal(check("Anna", bad_phones[i], ""), BOOKING_CONTACT_BAD_PHONE);
	const char *bad_emails[] = {"anna@", "anna@example", "@example.dk", "anna example.dk", "anna@@x.dk",
				    "anna@x..dk", "anna@x.d", "anna@.dk", "anna@x.dk.", "anna@x.d1", "a b@x.dk"};
	for (size_t i = 0; i < sizeof bad_emails / sizeof bad_emails[0]; i++) {
		if (check("Anna", "", bad_emails[i]) != BOOKING_CONTACT_BAD_EMAIL)
			print_message("accepted \"%s\"\n", bad_emails[i]);
		assert_int_equal(check("Anna", "", bad_emails[i]), BOOKING_CONTACT_BAD_EMAIL);
	}
}

static void booking_contact_never_takes_a_national_id_number(void **state)
{
	(void)state;
	/* Danish CPR, with and without the dash, in any field */
	assert_int_equal(check("Anna", "150585-1001", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Anna", "150585-1234", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Anna", "1505851001", ""), BOOKING_CONTACT_ID_NUMBER); /* check digit fits */
	assert_int_equal(check("Anna 1505851234", "12345678", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Anna 150585-1234", "12345678", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Anna", "", "1505851234@example.dk"), BOOKING_CONTACT_ID_NUMBER);
	/* even when something else is wrong too */
	assert_int_equal(check("", "150585-1234", ""), BOOKING_CONTACT_ID_NUMBER);
	/* Norwegian fødselsnummer (11 digits, valid check digits) */
	assert_int_equal(check("Kari", "15058510170", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Kari 150585 10170", "12345678", ""), BOOKING_CONTACT_ID_NUMBER);
	/* Italian codice fiscale, any case */
	assert_int_equal(check("Mario RSSMRA85T10A562S", "12345678", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Mario", "", "rssmra85t10a562s@example.it"), BOOKING_CONTACT_ID_NUMBER);
	/* French NIR, 13 or 15 digits, with spaces as it is written */
	assert_int_equal(check("Marie 1 85 05 78 006 084 36", "12345678", ""), BOOKING_CONTACT_ID_NUMBER);
	assert_int_equal(check("Marie", "2850578006084", ""), BOOKING_CONTACT_ID_NUMBER);

	/* What must still pass: ordinary phone numbers and names */
	assert_int_equal(check("Anna", "12345678", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Anna", "+47 15058510170", ""), BOOKING_CONTACT_OK); /* a country code first */
	assert_int_equal(check("Anna", "3471234567", ""), BOOKING_CONTACT_OK);      /* day 34: no date */
	assert_int_equal(check("Anna", "0612345679", ""), BOOKING_CONTACT_OK);      /* no CPR check digit */
	assert_int_equal(check("Kari", "07911 123456", ""), BOOKING_CONTACT_OK);    /* UK mobile, 11 digits */
	assert_int_equal(check("Kari", "07911123456", ""), BOOKING_CONTACT_OK);
	assert_int_equal(check("Mario Rossi", "", "mario.rossi85@example.it"), BOOKING_CONTACT_OK);
	assert_int_equal(check("Anna", "12 34 56 78 90", ""), BOOKING_CONTACT_OK);
}

static void booking_second_check_is_the_last_phone_digits_or_the_first_email_letters(void **state)
{
	(void)state;
	struct booking_contact c = {"Anna", "+45 12 34 56 78", "anna@example.dk"};
	assert_int_equal(booking_check_kind(&c), 'p');
	assert_true(booking_check_matches(&c, "5678"));
	assert_true(booking_check_matches(&c, "56 78"));
	assert_false(booking_check_matches(&c, "1234"));
	assert_false(booking_check_matches(&c, "45678"));
	assert_false(booking_check_matches(&c, "567"));
	assert_false(booking_check_matches(&c, "anna"));
	assert_false(booking_check_matches(&c, ""));
	assert_false(booking_check_matches(&c, NULL));
	struct booking_contact e = {"Anna", "", "Anna.J@example.dk"};
	assert_int_equal(booking_check_kind(&e), 'e');
	assert_true(booking_check_matches(&e, "anna"));
	assert_true(booking_check_matches(&e, "ANNA"));
	assert_true(booking_check_matches(&e, " Anna "));
	assert_false(booking_check_matches(&e, "anna."));
	assert_false(booking_check_matches(&e, "ann"));
	assert_false(booking_check_matches(&e, "5678"));
}

static void booking_names_are_the_protocols(void **state)
{
	(void)state;
	assert_string_equal(booking_status_name(BOOKING_OK), "ok");
	assert_string_equal(booking_status_name(BOOKING_SLOT_TAKEN), "slot_taken");
	assert_string_equal(booking_status_name(BOOKING_HOLD_EXPIRED), "hold_expired");
	assert_string_equal(booking_status_name(BOOKING_UNKNOWN), "unknown_booking");
	assert_string_equal(booking_status_name(BOOKING_CHECK_FAILED), "check_failed");
	assert_string_equal(booking_status_name(BOOKING_NOT_ACTIVE), "not_active");
	assert_string_equal(booking_status_name(BOOKING_TOO_EARLY), "too_early");
	assert_string_equal(booking_status_name(BOOKING_TOO_LATE), "too_late");
	assert_string_equal(booking_status_name(BOOKING_UNREACHABLE), "unreachable");
	assert_string_equal(booking_status_name(BOOKING_FAILED), "failed");
	const char *modes[] = {"in_person", "phone", "video"};
	for (int m = 0; m < BOOKING_MODES; m++) {
		enum booking_mode back;
		assert_string_equal(booking_mode_name((enum booking_mode)m), modes[m]);
		assert_true(booking_mode_parse(modes[m], &back));
		assert_int_equal(back, m);
	}
	enum booking_mode back;
	assert_false(booking_mode_parse("letter", &back));
	assert_false(booking_mode_parse(NULL, &back));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(booking_slots_keep_every_rule_over_random_rules_busy_lists_and_moments),
		cmocka_unit_test(booking_slots_are_none_when_the_service_or_mode_is_not_offered),
		cmocka_unit_test(booking_slots_in_copenhagen_skip_the_spring_hour_and_take_the_autumn_hour_once),
		cmocka_unit_test(booking_slots_keep_local_opening_hours_across_the_change_week),
		cmocka_unit_test(booking_slots_leave_out_closures_of_whole_days_and_afternoons),
		cmocka_unit_test(booking_slots_count_capacity_with_the_buffer_around_each_meeting),
		cmocka_unit_test(booking_slots_respect_notice_and_the_last_day_of_the_horizon),
		cmocka_unit_test(booking_nearest_gives_the_closest_slots_in_time_order_and_the_earlier_on_a_tie),
		cmocka_unit_test(booking_checkin_is_open_from_early_before_to_late_after_the_start),
		cmocka_unit_test(booking_references_use_six_symbols_without_look_alikes),
		cmocka_unit_test(booking_reference_is_found_in_links_and_typed_text),
		cmocka_unit_test(booking_contact_needs_a_name_and_a_phone_or_an_email),
		cmocka_unit_test(booking_contact_never_takes_a_national_id_number),
		cmocka_unit_test(booking_second_check_is_the_last_phone_digits_or_the_first_email_letters),
		cmocka_unit_test(booking_names_are_the_protocols),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
