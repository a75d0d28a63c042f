/* grow_for_one: the growing-array helper behind findings, margins, groups,
 * hits, read logs, fleet devices and sysfs listings.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdint.h>
#include <stdlib.h>

#include "core/grow.h"
#include "tests/support/testutil.h"

/* Starts at `first`, keeps the array while there is room, doubles when
 * full, and keeps what was stored. */
static void test_grows_and_keeps(void **state)
{
	(void)state;
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 100; i++) {
		int *g = grow_for_one(v, n, &cap, sizeof(*v), 8);
		assert_non_null(g);
		if (n < 8)
			assert_int_equal(cap, 8);
		assert_true(cap > n);
		v = g;
		v[n++] = i;
	}
	assert_int_equal(cap, 128);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	int *same = grow_for_one(v, 99, &cap, sizeof(*v), 8);
	assert_ptr_equal(same, v);
	free(v);
}

/* A size that would overflow is refused, and the array and its room are
 * left as they were. */
static void test_overflow_refused(void **state)
{
	(void)state;
	char *v = malloc(4);
	assert_non_null(v);
	size_t cap = SIZE_MAX / 2 + 1;
	assert_null(grow_for_one(v, cap, &cap, 1, 8));
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	cap = 4;
	assert_null(grow_for_one(v, 4, &cap, SIZE_MAX / 4, 8));
	assert_int_equal(cap, 4);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_and_keeps),
		cmocka_unit_test(test_overflow_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
