/* The TPP-PD regions of a rule set (classify/chart_regions.c): thresholds
 * read from the conditions, every cell classified by the rule set itself,
 * so a rule set with other numbers gives other regions.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/chart_regions.h"
#include "tests/support/testutil.h"

static struct data_set ds;
static struct rule_catalog cat;

static int setup(void **state)
{
	(void)state;
	test_load_catalog(&cat, &ds);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rule_catalog_free(&cat);
	data_set_free(&ds);
	return 0;
}

/* The label of the region holding the point (tpp, pd). */
static const char *at(const struct chart_regions *r, double tpp, double pd)
{
	for (size_t i = 0; i < r->n_cells; i++) {
		const struct chart_cell *c = &r->cells[i];
		if (tpp >= c->tpp_lo && tpp < c->tpp_hi && pd >= c->pd_lo && pd < c->pd_hi)
			return r->regions[c->region].label;
	}
	return "(none)";
}

static void test_regions_2026(void **state)
{
	(void)state;
	struct chart_regions r;
	struct tpp_error err = { 0 };
	assert_int_equal(chart_regions_build(rule_catalog_find(&cat, "2026-01-15"), 2026, true, &r, &err), 0);
	assert_int_equal(r.n_thr, 6);
	assert_false(r.thr[0].is_pd);
	assert_true(r.thr[0].value == 1600);
	assert_string_equal(r.thr[0].paragraphs, "3A090.a.2, 3A090.b.2");
	assert_true(r.thr[2].value == 4800);
	assert_non_null(strstr(r.thr[2].paragraphs, "Note 2 to 3A090"));
	assert_true(r.thr[5].is_pd && r.thr[5].value == 5.92);
	assert_int_equal(r.n_cells, 16);   /* 4 x 4 cells between 3 thresholds on each axis */
	assert_string_equal(at(&r, 2368, 2.91), "not 3A090");        /* the H20 */
	assert_string_equal(at(&r, 15832, 19.6), "3A090.a.1, 3A090.a.2");
	assert_string_equal(at(&r, 5000, 1), "3A090.a.1");
	assert_string_equal(at(&r, 2000, 7), "3A090.a.2");
	assert_string_equal(at(&r, 3000, 2), "3A090.b.1");
	assert_string_equal(at(&r, 3000, 4), "3A090.b.1, 3A090.b.2");
	assert_string_equal(at(&r, 2000, 4), "3A090.b.2");
	assert_string_equal(at(&r, 1000, 50), "not 3A090");
	assert_string_equal(at(&r, 4800, 1), "3A090.a.1");            /* "4800 or more": the line belongs above */
	for (size_t i = 0; i < r.n_regions; i++)
		if (!strncmp(r.regions[i].label, "3A090.a", 7))
			assert_string_equal(r.regions[i].eccn, "3A090.a");
	chart_regions_free(&r);
	/* not designed for datacenters: Note 2 takes everything below 4800 out */
	assert_int_equal(chart_regions_build(rule_catalog_find(&cat, "2026-01-15"), 2026, false, &r, &err), 0);
	assert_string_equal(at(&r, 3000, 4), "not 3A090");
	assert_string_equal(at(&r, 5000, 1), "3A090.a.1");
	chart_regions_free(&r);
}

/* 2022: 3A090.a also needs 600 GB/s of I/O, which the plane does not show. */
static void test_regions_2022(void **state)
{
	(void)state;
	struct chart_regions r;
	struct tpp_error err = { 0 };
	assert_int_equal(chart_regions_build(rule_catalog_find(&cat, "2022-10-07"), 2022, true, &r, &err), 0);
	assert_int_equal(r.n_thr, 1);
	assert_string_equal(at(&r, 1000, 1), "not 3A090");
	assert_string_equal(at(&r, 5000, 1), "undetermined (needs io_bidir_gbps)");
	chart_regions_free(&r);
}

/* The numbers come from the rule set: 3A090.a.1 at 1234 instead of 4800
 * moves its region, with no code change. */
static void test_regions_follow_data(void **state)
{
	(void)state;
	FILE *f = fopen(test_src_path("thresholds/2026-01-15.json"), "r");
	assert_non_null(f);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	char *v = strstr(text, "\"value\": 4800,");   /* the first is 3A090.a.1's */
	assert_non_null(v);
	memcpy(v, "\"value\": 1234,", 14);
	struct ruleset rs;
	struct tpp_error err = { 0 };
	if (ruleset_parse(&rs, "moved.json", text, n, &err))
		fail_msg("%s", err.msg);
	struct chart_regions r;
	assert_int_equal(chart_regions_build(&rs, 2026, true, &r, &err), 0);
	assert_true(r.thr[0].value == 1234);
	assert_string_equal(r.thr[0].paragraphs, "3A090.a.1");
	assert_string_equal(at(&r, 1233, 1), "not 3A090");
	assert_string_equal(at(&r, 1234, 1), "3A090.a.1");
	assert_string_equal(at(&r, 2368, 2.91), "3A090.a.1");   /* the H20 would be 3A090.a.1 */
	assert_true(isinf(r.cells[r.n_cells - 1].tpp_hi));
	chart_regions_free(&r);
	ruleset_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regions_2026),
		cmocka_unit_test(test_regions_2022),
		cmocka_unit_test(test_regions_follow_data),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
