/* The visit-time estimate: gaps between one desk's calls, breaks left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "handling.h"

#define MIN (60LL * 1000)
#define NOW (1800000000LL * 1000)

static void no_estimate_from_fewer_than_three_visits(void **state)
{
	(void)state;
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 30 * MIN},
	    {"1", "citizen", NOW - 20 * MIN},
	    {"1", "citizen", NOW - 10 * MIN},
	};
	struct handling h;
	assert_false(handling_estimate(calls, 3, "citizen", NOW, &h));
	assert_int_equal(h.samples, 2);
	assert_false(handling_estimate(calls, 0, "citizen", NOW, &h));
	assert_int_equal(h.samples, 0);
	assert_int_equal(h.desks, 1); /* at least one desk, even when none called */
}

static void the_mean_gap_of_each_desk_is_averaged(void **state)
{
	(void)state;
	/* Desk 1: visits of 4 and 6 minutes; desk 2: 8 minutes. The gap between
	 * the last call of desk 1 and the first of desk 2 is no visit. */
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 20 * MIN}, {"1", "citizen", NOW - 16 * MIN}, {"1", "citizen", NOW - 10 * MIN},
	    {"2", "citizen", NOW - 9 * MIN},  {"2", "citizen", NOW - 1 * MIN},
	};
	struct handling h;
	assert_true(handling_estimate(calls, 5, "citizen", NOW, &h));
	assert_int_equal(h.samples, 3);
	assert_int_equal(h.avg_s, 6 * 60);
	assert_int_equal(h.desks, 2);
}

static void a_gap_over_an_hour_is_a_break_not_a_visit(void **state)
{
	(void)state;
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 200 * MIN}, {"1", "citizen", NOW - 100 * MIN}, /* 100 minutes: lunch */
	    {"1", "citizen", NOW - 90 * MIN},  {"1", "citizen", NOW - 80 * MIN},
	    {"1", "citizen", NOW - 20 * MIN}, /* exactly 60 minutes still counts */
	};
	struct handling h;
	assert_true(handling_estimate(calls, 5, "citizen", NOW, &h));
	assert_int_equal(h.samples, 3);
	assert_int_equal(h.avg_s, (10 + 10 + 60) * 60 / 3);
}

static void a_visit_belongs_to_the_service_of_the_call_that_started_it(void **state)
{
	(void)state;
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 40 * MIN}, /* citizen visit: 10 min */
	    {"1", "pension", NOW - 30 * MIN}, /* pension visit: 20 min */
	    {"1", "citizen", NOW - 10 * MIN}, /* citizen visit: 5 min */
	    {"1", "citizen", NOW - 5 * MIN},  /* citizen visit: 2 min */
	    {"1", "pension", NOW - 3 * MIN},
	};
	struct handling h;
	assert_true(handling_estimate(calls, 5, "citizen", NOW, &h));
	assert_int_equal(h.samples, 3);
	assert_int_equal(h.avg_s, (10 + 5 + 2) * 60 / 3);
	assert_false(handling_estimate(calls, 5, "pension", NOW, &h));
	assert_int_equal(h.samples, 1);
}

static void only_the_last_fourteen_days_count(void **state)
{
	(void)state;
	const long long day = 24 * 60 * MIN;
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 15 * day},
	    {"1", "citizen", NOW - 15 * day + 5 * MIN}, /* a visit that started 15 days ago */
	    {"1", "citizen", NOW - 3 * day},
	    {"1", "citizen", NOW - 3 * day + 7 * MIN},
	    {"1", "citizen", NOW - 3 * day + 14 * MIN},
	    {"1", "citizen", NOW - 3 * day + 21 * MIN},
	};
	struct handling h;
	assert_true(handling_estimate(calls, 6, "citizen", NOW, &h));
	assert_int_equal(h.samples, 3);
	assert_int_equal(h.avg_s, 7 * 60);
}

static void desks_are_those_that_called_the_service_in_the_last_half_hour(void **state)
{
	(void)state;
	const struct handling_call calls[] = {
	    {"1", "citizen", NOW - 40 * MIN}, /* too long ago */
	    {"2", "pension", NOW - 5 * MIN},  /* another service */
	    {"3", "citizen", NOW - 29 * MIN}, {"3", "citizen", NOW - 2 * MIN}, {"4", "citizen", NOW - 1 * MIN},
	};
	struct handling h;
	handling_estimate(calls, 5, "citizen", NOW, &h);
	assert_int_equal(h.desks, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_estimate_from_fewer_than_three_visits),
	    cmocka_unit_test(the_mean_gap_of_each_desk_is_averaged),
	    cmocka_unit_test(a_gap_over_an_hour_is_a_break_not_a_visit),
	    cmocka_unit_test(a_visit_belongs_to_the_service_of_the_call_that_started_it),
	    cmocka_unit_test(only_the_last_fourteen_days_count),
	    cmocka_unit_test(desks_are_those_that_called_the_service_in_the_last_half_hour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
