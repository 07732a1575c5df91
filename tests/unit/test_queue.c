/* Expected waits: ranges from people ahead and recent visit times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kiosk/queue.h"

static void queue_wait_without_enough_history_cannot_be_estimated(void **state)
{
	(void)state;
	int lo = 0, hi = 0;
	struct queue_handling h = {.avg_s = 600, .samples = QUEUE_MIN_SAMPLES - 1, .desks = 1};
	assert_false(queue_wait_range(3, &h, &lo, &hi));
	assert_int_equal(lo, -1);
	assert_int_equal(hi, -1);
	assert_false(queue_wait_range(3, NULL, &lo, &hi));
	h = (struct queue_handling){.avg_s = 0, .samples = 50, .desks = 1};
	assert_false(queue_wait_range(3, &h, &lo, &hi));
	h.avg_s = 600;
	assert_false(queue_wait_range(-1, &h, &lo, &hi));
	h.samples = QUEUE_MIN_SAMPLES;
	assert_true(queue_wait_range(3, &h, &lo, &hi));
}

static void queue_wait_is_a_range_in_whole_five_minutes_around_the_expected_time(void **state)
{
	(void)state;
	/* 4 ahead, 6-minute visits, one desk: about 24 minutes. */
	struct queue_handling h = {.avg_s = 360, .samples = 40, .desks = 1};
	int lo, hi;
	assert_true(queue_wait_range(4, &h, &lo, &hi));
	assert_int_equal(lo % 5, 0);
	assert_int_equal(hi % 5, 0);
	assert_true(lo <= 24 && 24 <= hi);
	assert_true(hi - lo >= 10); /* a range, not a promise */
	assert_int_equal(lo, 10);   /* 24 x 0.6 = 14.4, down to 10 */
	assert_int_equal(hi, 40);   /* 24 x 1.4 + 6 = 39.6, up to 40 */
}

static void queue_wait_shrinks_with_more_desks_and_widens_with_short_history(void **state)
{
	(void)state;
	struct queue_handling one = {.avg_s = 600, .samples = 40, .desks = 1};
	struct queue_handling three = {.avg_s = 600, .samples = 40, .desks = 3};
	struct queue_handling young = {.avg_s = 600, .samples = 4, .desks = 1};
	int lo1, hi1, lo3, hi3, loy, hiy;
	assert_true(queue_wait_range(9, &one, &lo1, &hi1));
	assert_true(queue_wait_range(9, &three, &lo3, &hi3));
	assert_true(queue_wait_range(9, &young, &loy, &hiy));
	assert_true(hi3 < hi1 && lo3 < lo1);
	assert_true(hiy - loy > hi1 - lo1);
	/* No desk known counts as one. */
	struct queue_handling none = {.avg_s = 600, .samples = 40, .desks = 0};
	int lo0, hi0;
	assert_true(queue_wait_range(9, &none, &lo0, &hi0));
	assert_int_equal(lo0, lo1);
	assert_int_equal(hi0, hi1);
}

static void queue_wait_with_nobody_ahead_is_at_most_one_turn(void **state)
{
	(void)state;
	struct queue_handling h = {.avg_s = 420, .samples = 12, .desks = 2};
	int lo, hi;
	assert_true(queue_wait_range(0, &h, &lo, &hi));
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 5); /* 3.5 minutes, up to 5 */
}

static void queue_wait_grows_with_the_people_ahead_and_is_capped(void **state)
{
	(void)state;
	struct queue_handling h = {.avg_s = 900, .samples = 30, .desks = 1};
	int prev_lo = -1, prev_hi = -1;
	for (int ahead = 0; ahead < 60; ahead++) {
		int lo, hi;
		assert_true(queue_wait_range(ahead, &h, &lo, &hi));
		assert_true(lo >= prev_lo && hi >= prev_hi);
		assert_true(lo < hi);
		assert_true(hi <= 240);
		prev_lo = lo;
		prev_hi = hi;
	}
	assert_int_equal(prev_hi, 240);
	assert_int_equal(prev_lo, 235);
}

static void queue_numbers_of_the_server_skip_the_offline_series(void **state)
{
	(void)state;
	assert_int_equal(queue_number_online(1), 1);
	assert_int_equal(queue_number_online(499), 499);
	assert_int_equal(queue_number_online(500), 1000);
	assert_int_equal(queue_number_online(4499), 4999);
	assert_int_equal(queue_number_online(4500), 10000);
	assert_int_equal(queue_number_online(0), -1);
	int prev = 0;
	for (int n = 1;; n++) {
		int number = queue_number_online(n);
		if (number < 0)
			break;
		assert_true(number > prev);
		assert_false(queue_number_is_offline(number));
		prev = number;
	}
	assert_int_equal(prev, QUEUE_NUMBER_MAX);
}

static void queue_numbers_offline_interleave_kiosks_in_the_offline_series(void **state)
{
	(void)state;
	assert_int_equal(queue_number_offline(1, 1, 2), 501);
	assert_int_equal(queue_number_offline(2, 1, 2), 503);
	assert_int_equal(queue_number_offline(1, 2, 2), 502);
	assert_int_equal(queue_number_offline(1, 1, 1), 501);
	assert_int_equal(queue_number_offline(499, 1, 1), 999);
	assert_int_equal(queue_number_offline(500, 1, 1), 5001); /* the second block */
	assert_int_equal(queue_number_offline(1, 3, 2), -1);
	assert_int_equal(queue_number_offline(0, 1, 2), -1);
	/* Three kiosks: every number each issues is offline, increasing, and no
	 * two kiosks ever share one. */
	static bool taken[QUEUE_NUMBER_MAX + 1];
	int total = 0;
	for (int k = 1; k <= 3; k++) {
		int prev = 0;
		for (int n = 1;; n++) {
			int number = queue_number_offline(n, k, 3);
			if (number < 0)
				break;
			assert_true(queue_number_is_offline(number));
			assert_true(number > prev);
			assert_false(taken[number]);
			taken[number] = true;
			prev = number;
			total++;
		}
	}
	/* Every offline number but the two block starts (500, 5000) is someone's. */
	assert_int_equal(total, 500 + 5000 - 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queue_wait_without_enough_history_cannot_be_estimated),
		cmocka_unit_test(queue_wait_is_a_range_in_whole_five_minutes_around_the_expected_time),
		cmocka_unit_test(queue_wait_shrinks_with_more_desks_and_widens_with_short_history),
		cmocka_unit_test(queue_wait_with_nobody_ahead_is_at_most_one_turn),
		cmocka_unit_test(queue_wait_grows_with_the_people_ahead_and_is_capped),
		cmocka_unit_test(queue_numbers_of_the_server_skip_the_offline_series),
		cmocka_unit_test(queue_numbers_offline_interleave_kiosks_in_the_offline_series),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
