/* The server's queue numbers as text (which numbers: tests/unit/test_queue.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "numbering.h"

static void numbers_have_three_digits_and_four_from_a_thousand(void **state)
{
	(void)state;
	char buf[16];
	assert_true(numbering_format(buf, sizeof buf, "A", 42));
	assert_string_equal(buf, "A042");
	assert_true(numbering_format(buf, sizeof buf, "A", 1000));
	assert_string_equal(buf, "A1000");
	assert_true(numbering_format(buf, sizeof buf, "BC", 7));
	assert_string_equal(buf, "BC007");
	assert_false(numbering_format(buf, 4, "A", 7)); /* no room: refused, not cut */
}

static void numbers_parse_back_only_with_their_own_prefix(void **state)
{
	(void)state;
	assert_int_equal(numbering_parse("A042", "A"), 42);
	assert_int_equal(numbering_parse("A1000", "A"), 1000);
	assert_int_equal(numbering_parse("A501", "A"), 501);
	assert_int_equal(numbering_parse("B042", "A"), -1);
	assert_int_equal(numbering_parse("A42", "A"), -1);
	assert_int_equal(numbering_parse("A042x", "A"), -1);
	assert_int_equal(numbering_parse("A", "A"), -1);
	assert_int_equal(numbering_parse(NULL, "A"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(numbers_have_three_digits_and_four_from_a_thousand),
	    cmocka_unit_test(numbers_parse_back_only_with_their_own_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
