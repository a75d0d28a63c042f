/* The evaluator over inputs known only within bounds: verdicts decided by
 * bounds, "at least" tiers, and the soundness property that a bounded
 * verdict never contradicts the verdict of any exact value inside the
 * bounds.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "classify/evaluate.h"
#include "tests/support/testutil.h"

static struct rule_catalog catalog;
static struct data_set data;

static int setup(void **state)
{
	(void)state;
	test_load_catalog(&catalog, &data);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rule_catalog_free(&catalog);
	data_set_free(&data);
	return 0;
}

static const struct ruleset *rules(const char *id)
{
	const struct ruleset *rs = rule_catalog_find(&catalog, id);
	assert_non_null(rs);
	return rs;
}

static struct class_input ic(void)
{
	struct class_input in = { .item_ic = true };
	class_input_number(&in, "ship_year", 2026, "test");
	return in;
}

static bool para_status(const struct classification *cl, const char *id, enum para_status want)
{
	for (size_t i = 0; i < cl->n_results; i++)
		if (!strcmp(cl->results[i].para->id, id))
			return cl->results[i].status == want;
	return false;
}

/* The MI100 case: TPP 2953.6 on one die of unknown area; PD >= 3.44 from the
 * reticle. b.1/b.2 if PD < 5.92, a.2 above: controlled either way. */
static void test_at_least_b(void **state)
{
	(void)state;
	struct class_input in = ic();
	class_input_number(&in, "tpp", 2953.6, "datasheet");
	class_input_range(&in, "pd", 2953.6 / 858, INFINITY, "bound", "reticle limit");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_CONTROLLED);
	assert_string_equal(cl.eccn, "3A090.b");
	assert_int_equal(cl.eccn_bound, ECCN_AT_LEAST);
	assert_true(cl.decided_by_bounds);
	assert_string_equal(classification_label(&cl), "3A090.b+");
	assert_true(para_status(&cl, "3A090.a.2", PS_UNDETERMINED));
	assert_true(para_status(&cl, "3A090.a.1", PS_NOT_MET));
	assert_int_equal(classification_exit_status(&cl), 11);
	classification_free(&cl);

	/* without the bound the same part stays undetermined */
	in = ic();
	class_input_number(&in, "tpp", 2953.6, "datasheet");
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_UNDETERMINED);
	classification_free(&cl);
}

/* Note 2: not for datacenters and TPP < 4800 takes a part out whatever its
 * PD, so an unknown PD does not leave it undetermined. */
static void test_note2_with_unknown_pd(void **state)
{
	(void)state;
	struct class_input in = ic();
	class_input_number(&in, "tpp", 2936, "datasheet");
	class_input_bool(&in, "datacenter", false, "datasheet");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_NOT_CONTROLLED);
	assert_non_null(cl.excluded_by);
	assert_string_equal(cl.excluded_by->id, "Note 2 to 3A090");
	assert_int_equal(cl.eccn_bound, ECCN_EXACT);
	classification_free(&cl);

	/* a datacenter part with the same figures cannot be decided */
	class_input_bool(&in, "datacenter", true, "datasheet");
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_UNDETERMINED);
	classification_free(&cl);
}

/* 2022: the interconnect test is met when the chip-to-chip link alone
 * reaches 600 GB/s, whatever the host link adds. */
static void test_io_lower_bound_2022(void **state)
{
	(void)state;
	struct class_input in = ic();
	class_input_number(&in, "tpp", 8000, "datasheet");
	class_input_range(&in, "io_bidir_gbps", 2000, INFINITY, "bound", "chip-to-chip alone");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rules("2022-10-07"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_CONTROLLED);
	assert_string_equal(cl.eccn, "3A090.a");
	assert_int_equal(cl.eccn_bound, ECCN_EXACT);
	assert_true(cl.decided_by_bounds);
	classification_free(&cl);

	class_input_range(&in, "io_bidir_gbps", 64, INFINITY, "bound", "host link alone");
	assert_int_equal(classify_evaluate(rules("2022-10-07"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_UNDETERMINED);
	classification_free(&cl);
}

static int tier_rank(const struct classification *cl)
{
	if (cl->status != CLASS_CONTROLLED)
		return 0;
	for (size_t i = 0; i < cl->rules->n_eccn_order; i++)
		if (!strcmp(cl->rules->eccn_order[i], cl->eccn))
			return (int)(cl->rules->n_eccn_order - i);
	return 0;
}


static void assert_region(const struct open_region *r, double lo, bool lo_incl, double hi, bool hi_incl,
			  enum class_status st, const char *eccn)
{
	assert_true(fabs(r->lo - lo) < 1e-9);
	assert_int_equal(r->lo_incl, lo_incl);
	if (isfinite(hi))
		assert_true(fabs(r->hi - hi) < 1e-9);
	else
		assert_false(isfinite(r->hi));
	assert_int_equal(r->hi_incl, hi_incl);
	assert_int_equal(r->status, st);
	if (eccn)
		assert_string_equal(r->eccn, eccn);
	else
		assert_null(r->eccn);
}

/* TPP exactly 1600 with PD unknown (the Hygon K100 case): PD < 3.2 is not
 * 3A090, 3.2 to 5.92 is .b.2, 5.92 up .a.2; as a die area: > 500 mm2,
 * 270.27 to 500 mm2, at most 270.27 mm2. */
static void test_regions_on_pd(void **state)
{
	(void)state;
	struct class_input in = ic();
	class_input_number(&in, "tpp", 1600, "datasheet");
	class_input_bool(&in, "datacenter", true, "datasheet");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_UNDETERMINED);
	assert_string_equal(cl.open_param, "pd");
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[0], 0, true, 3.2, false, CLASS_NOT_CONTROLLED, NULL);
	assert_region(&cl.regions[1], 3.2, true, 5.92, false, CLASS_CONTROLLED, "3A090.b");
	assert_region(&cl.regions[2], 5.92, true, INFINITY, false, CLASS_CONTROLLED, "3A090.a");
	assert_true(cl.regions[0].has_area);
	assert_true(fabs(cl.regions[0].area_lo - 500) < 1e-9);
	assert_false(cl.regions[0].area_lo_incl);
	assert_false(isfinite(cl.regions[0].area_hi));
	assert_true(fabs(cl.regions[1].area_lo - 1600 / 5.92) < 1e-9);
	assert_true(cl.regions[1].area_hi_incl);
	classification_free(&cl);
	assert_null(cl.regions);
}

/* TPP unknown on a known 814 mm2 die (a GH100 variant): pd follows from tpp,
 * so tpp is the one open input: below 2400 not 3A090 (PD < 2.95 < 3.2),
 * 2400 to 4800 .b.1, 4800 up .a.1. Without the area both stay open: the
 * regions are over TPP with PD free, and 1600 to 4800 needs PD. */
static void test_regions_coupled_tpp(void **state)
{
	(void)state;
	struct class_input in = ic();
	class_input_bool(&in, "datacenter", true, "datasheet");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_string_equal(cl.open_param, "tpp");
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[0], 0, true, 1600, false, CLASS_NOT_CONTROLLED, NULL);
	assert_region(&cl.regions[1], 1600, true, 4800, false, CLASS_UNDETERMINED, NULL);
	assert_string_equal(cl.regions[1].needs, "pd");
	assert_region(&cl.regions[2], 4800, true, INFINITY, false, CLASS_CONTROLLED, "3A090.a");
	classification_free(&cl);
	/* not for datacenters: Note 2 takes 1600 to 4800 out whatever PD is */
	class_input_bool(&in, "datacenter", false, "datasheet");
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[1], 1600, true, 4800, false, CLASS_NOT_CONTROLLED, NULL);
	assert_non_null(cl.regions[1].excluded_by);
	assert_string_equal(cl.regions[1].excluded_by->id, "Note 2 to 3A090");
	classification_free(&cl);
	class_input_bool(&in, "datacenter", true, "datasheet");
	in.pd_area_mm2 = 814;
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.status, CLASS_UNDETERMINED);
	assert_string_equal(cl.open_param, "tpp");
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[0], 0, true, 2400, false, CLASS_NOT_CONTROLLED, NULL);
	assert_region(&cl.regions[1], 2400, true, 4800, false, CLASS_CONTROLLED, "3A090.b");
	assert_region(&cl.regions[2], 4800, true, INFINITY, false, CLASS_CONTROLLED, "3A090.a");
	assert_false(cl.regions[0].has_area);
	classification_free(&cl);
	/* a 600 mm2 die: PD reaches 5.92 at TPP 3552, before TPP reaches 4800 */
	in.pd_area_mm2 = 600;
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[0], 0, true, 1920, false, CLASS_NOT_CONTROLLED, NULL);
	assert_region(&cl.regions[1], 1920, true, 3552, false, CLASS_CONTROLLED, "3A090.b");
	assert_region(&cl.regions[2], 3552, true, INFINITY, false, CLASS_CONTROLLED, "3A090.a");
	classification_free(&cl);
	/* GB203, 378 mm2: PD 5.92 at TPP 2237.76, which 5.92 x 378 / 378 misses
	 * by a rounding error; the threshold still belongs to 3A090.a */
	in.pd_area_mm2 = 378;
	assert_int_equal(classify_evaluate(rules("2026-01-15"), &in, &cl, &err), 0);
	assert_int_equal(cl.n_regions, 3);
	assert_region(&cl.regions[1], 1600, true, 5.92 * 378, false, CLASS_CONTROLLED, "3A090.b");
	assert_region(&cl.regions[2], 5.92 * 378, true, INFINITY, false, CLASS_CONTROLLED, "3A090.a");
	classification_free(&cl);
}

static double rnd(double lo, double hi)
{
	return lo + (hi - lo) * ((double)rand() / RAND_MAX);
}

/* A decided region of the open input agrees with the exact verdict at any
 * value inside it, whatever the other open input is. */
static void region_agrees(const struct classification *b, const struct classification *e, double v)
{
	for (size_t r = 0; r < b->n_regions; r++) {
		const struct open_region *o = &b->regions[r];
		bool in_lo = o->lo_incl ? v >= o->lo : v > o->lo, in_hi = o->hi_incl ? v <= o->hi : v < o->hi;
		if (!in_lo || !in_hi || o->status == CLASS_UNDETERMINED)
			continue;
		assert_int_equal(e->status, o->status);
		if (o->eccn)
			assert_string_equal(e->eccn, o->eccn);
	}
}

/* Soundness: for random bounds on TPP and PD, a verdict decided over the
 * bounds holds for every exact value inside them: an exact bounded verdict
 * equals the exact one; "at least" a tier is never more than the truth. */
static void test_bounds_are_sound(void **state)
{
	(void)state;
	srand(20261207);
	const char *sets[] = { "2023-11-17", "2026-01-15" };
	int decided = 0, at_least = 0, with_regions = 0;
	for (int iter = 0; iter < 400; iter++) {
		const struct ruleset *rs = rules(sets[iter % 2]);
		double t0 = rnd(0, 7000), t1 = t0 + rnd(0, 3000), p0 = rnd(0, 8), p1 = p0 + rnd(0, 4);
		bool dc = iter % 3 != 0;
		struct class_input in = ic();
		class_input_range(&in, "tpp", t0, t1, "bound", "test");
		class_input_range(&in, "pd", p0, p1, "bound", "test");
		class_input_bool(&in, "datacenter", dc, "test");
		struct classification b;
		struct tpp_error err = { 0 };
		assert_int_equal(classify_evaluate(rs, &in, &b, &err), 0);
		decided += b.status != CLASS_UNDETERMINED;
		at_least += b.status == CLASS_CONTROLLED && b.eccn_bound == ECCN_AT_LEAST;
		with_regions += b.n_regions > 0;
		for (int k = 0; k < 12; k++) {
			struct class_input ex = ic();
			double t = k == 0 ? t0 : k == 1 ? t1 : rnd(t0, t1), p = k == 0 ? p0 : k == 1 ? p1 : rnd(p0, p1);
			class_input_number(&ex, "tpp", t, "test");
			class_input_number(&ex, "pd", p, "test");
			class_input_bool(&ex, "datacenter", dc, "test");
			struct classification e;
			assert_int_equal(classify_evaluate(rs, &ex, &e, &err), 0);
			if (e.status == CLASS_UNDETERMINED)
				fail_msg("exact inputs undetermined");
			region_agrees(&b, &e, !strcmp(b.open_param ? b.open_param : "", "pd") ? p : t);
			if (b.status == CLASS_UNDETERMINED) {
				classification_free(&e);
				continue;
			}
			if (b.eccn_bound == ECCN_EXACT) {
				assert_int_equal(e.status, b.status);
				assert_int_equal(tier_rank(&e), tier_rank(&b));
			} else {
				assert_int_equal(e.status, CLASS_CONTROLLED);
				assert_true(tier_rank(&e) >= tier_rank(&b));
			}
			classification_free(&e);
		}
		classification_free(&b);
	}
	/* the property was exercised, not vacuously true */
	assert_true(decided > 100);
	assert_true(at_least > 10);
	assert_true(with_regions > 50);
}

/* The same property with PD tied to TPP on a known area: a verdict decided
 * over a TPP range holds for every TPP inside it with PD = TPP / area, and
 * each open region's verdict is the exact verdict of the values inside it. */
static void test_coupled_bounds_are_sound(void **state)
{
	(void)state;
	srand(20261208);
	const struct ruleset *rs = rules("2026-01-15");
	int decided = 0, with_regions = 0;
	for (int iter = 0; iter < 400; iter++) {
		double t0 = rnd(0, 7000), t1 = t0 + rnd(0, 3000), area = rnd(100, 1700);
		struct class_input in = ic();
		class_input_bool(&in, "datacenter", true, "test");
		class_input_range(&in, "tpp", t0, t1, "bound", "test");
		class_input_range(&in, "pd", t0 / area, t1 / area, "bound", "test");
		in.pd_area_mm2 = area;
		struct classification b;
		struct tpp_error err = { 0 };
		assert_int_equal(classify_evaluate(rs, &in, &b, &err), 0);
		decided += b.status != CLASS_UNDETERMINED;
		with_regions += b.n_regions > 0;
		for (int k = 0; k < 12; k++) {
			double t = k == 0 ? t0 : k == 1 ? t1 : rnd(t0, t1);
			struct class_input ex = ic();
			class_input_bool(&ex, "datacenter", true, "test");
			class_input_number(&ex, "tpp", t, "test");
			class_input_number(&ex, "pd", t / area, "test");
			struct classification e;
			assert_int_equal(classify_evaluate(rs, &ex, &e, &err), 0);
			if (b.status != CLASS_UNDETERMINED && b.eccn_bound == ECCN_EXACT) {
				assert_int_equal(e.status, b.status);
				assert_int_equal(tier_rank(&e), tier_rank(&b));
			} else if (b.status == CLASS_CONTROLLED) {
				assert_true(tier_rank(&e) >= tier_rank(&b));
			}
			region_agrees(&b, &e, t);
			classification_free(&e);
		}
		classification_free(&b);
	}
	assert_true(decided > 100);
	assert_true(with_regions > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_at_least_b),
		cmocka_unit_test(test_note2_with_unknown_pd),
		cmocka_unit_test(test_io_lower_bound_2022),
		cmocka_unit_test(test_bounds_are_sound),
		cmocka_unit_test(test_coupled_bounds_are_sound),
		cmocka_unit_test(test_regions_on_pd),
		cmocka_unit_test(test_regions_coupled_tpp),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
