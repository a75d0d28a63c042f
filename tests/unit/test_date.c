/* Date parsing and rule-set selection by date.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "core/date.h"
#include "tests/support/testutil.h"

static void test_valid_dates(void **state)
{
	(void)state;
	static const char *const ok[] = { "2022-10-07", "2024-02-29", "2000-02-29", "2026-12-31", "1999-01-01" };
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		tpp_date d;
		char back[11];
		assert_true(tpp_date_parse(ok[i], &d));
		tpp_date_format(d, back);
		assert_string_equal(back, ok[i]);
	}
}

static void test_invalid_dates(void **state)
{
	(void)state;
	static const char *const bad[] = { "2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31",
		"2023-1-01", "2023/01/01", "20230101", "2023-01-01x", " 2023-01-01", "", "yesterday", "2023-01-00" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tpp_date d;
		if (tpp_date_parse(bad[i], &d))
			fail_msg("'%s' parsed as a date", bad[i]);
	}
	assert_false(tpp_date_parse(NULL, &(tpp_date){ 0 }));
}

static void test_order_and_year(void **state)
{
	(void)state;
	tpp_date a, b, c;
	assert_true(tpp_date_parse("2023-11-16", &a));
	assert_true(tpp_date_parse("2023-11-17", &b));
	assert_true(tpp_date_parse("2024-01-01", &c));
	assert_true(a + 1 == b);
	assert_true(b < c);
	assert_int_equal(c - b, 45);
	assert_int_equal(tpp_date_year(c), 2024);
	assert_int_equal(tpp_date_year(a), 2023);
}

static void expect_rules(const struct rule_catalog *cat, const char *date, const char *want)
{
	tpp_date d;
	assert_true(tpp_date_parse(date, &d));
	const struct ruleset *rs = rule_catalog_in_force(cat, d);
	if (!want) {
		if (rs)
			fail_msg("%s: expected no rule set, got %s", date, rs->id);
		return;
	}
	if (!rs)
		fail_msg("%s: expected %s, got none", date, want);
	if (strcmp(rs->id, want) != 0)
		fail_msg("%s: expected %s, got %s", date, want, rs->id);
}

static void test_selection_by_date(void **state)
{
	(void)state;
	struct rule_catalog cat;
	struct data_set ds;
	test_load_catalog(&cat, &ds);
	expect_rules(&cat, "2022-10-06", NULL);
	expect_rules(&cat, "2022-10-07", "2022-10-07");
	expect_rules(&cat, "2023-01-01", "2022-10-07");
	expect_rules(&cat, "2023-11-16", "2022-10-07");
	expect_rules(&cat, "2023-11-17", "2023-11-17");
	expect_rules(&cat, "2024-04-03", "2023-11-17");
	expect_rules(&cat, "2024-04-04", "2024-04-04");
	expect_rules(&cat, "2024-12-01", "2024-04-04");
	expect_rules(&cat, "2024-12-02", "2024-12-02");
	expect_rules(&cat, "2025-01-16", "2025-01-16");
	expect_rules(&cat, "2026-01-14", "2025-01-16");
	expect_rules(&cat, "2026-01-15", "2026-01-15");
	expect_rules(&cat, "2030-01-01", "2026-01-15");
	rule_catalog_free(&cat);
	data_set_free(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_dates),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_order_and_year),
		cmocka_unit_test(test_selection_by_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
