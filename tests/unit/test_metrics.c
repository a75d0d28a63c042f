/* TPP and PD arithmetic.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>

#include "classify/metrics.h"
#include "tests/support/testutil.h"

static void test_bit_lengths(void **state)
{
	(void)state;
	static const struct { enum tpp_precision p; int bits; } want[] = {
		{ PREC_FP4, 4 }, { PREC_INT4, 4 }, { PREC_FP6, 6 }, { PREC_FP8, 8 }, { PREC_INT8, 8 },
		{ PREC_FP16, 16 }, { PREC_BF16, 16 }, { PREC_TF32, 32 }, { PREC_FP32, 32 }, { PREC_FP64, 64 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(tpp_precision_bits(want[i].p), want[i].bits);
	assert_true(tpp_precision_bits_is_reading(PREC_TF32));
	assert_false(tpp_precision_bits_is_reading(PREC_FP16));
	enum tpp_precision p;
	assert_true(tpp_precision_parse("BF16", &p));
	assert_int_equal(p, PREC_BF16);
	assert_false(tpp_precision_parse("fp12", &p));
}

/* A100: INT8 624 / FP16 312 / TF32 156 all give 4992; the first in
 * precision order wins a tie. */
static void test_tpp_max_and_tie(void **state)
{
	(void)state;
	struct tpp_figure f[] = {
		{ PREC_FP16, 312, false, NULL }, { PREC_INT8, 624, false, NULL }, { PREC_TF32, 156, false, NULL },
		{ PREC_FP64, 19.5, false, NULL },
	};
	struct tpp_result r;
	assert_true(tpp_from_figures(f, 4, &r));
	assert_true(r.known);
	assert_float_equal(r.tpp, 4992, 1e-9);
	assert_int_equal(r.precision, PREC_INT8);
	assert_float_equal(r.per_precision[PREC_FP64], 1248, 1e-9);
}

/* H20: FP8 296 dense -> 2368; a sparse figure counts half. */
static void test_tpp_sparse_halved(void **state)
{
	(void)state;
	struct tpp_figure f[] = { { PREC_FP8, 592, true, NULL }, { PREC_FP16, 148, false, NULL } };
	struct tpp_result r;
	assert_true(tpp_from_figures(f, 2, &r));
	assert_float_equal(r.dense_tops[PREC_FP8], 296, 1e-9);
	assert_float_equal(r.tpp, 2368, 1e-9);
	assert_int_equal(r.precision, PREC_FP8);
}

/* Two unit types on one IC are summed per precision before the maximum. */
static void test_tpp_unit_types_summed(void **state)
{
	(void)state;
	struct tpp_figure f[] = {
		{ PREC_BF16, 400, false, "matrix" }, { PREC_BF16, 50, false, "vector" }, { PREC_FP8, 800, false, "matrix" },
	};
	struct tpp_result r;
	assert_true(tpp_from_figures(f, 3, &r));
	assert_float_equal(r.dense_tops[PREC_BF16], 450, 1e-9);
	assert_int_equal(r.unit_types[PREC_BF16], 2);
	assert_float_equal(r.tpp, 7200, 1e-9);   /* 450 x 16 beats 800 x 8 */
	assert_int_equal(r.precision, PREC_BF16);
}

static void test_tpp_rejects_bad_figures(void **state)
{
	(void)state;
	struct tpp_result r;
	struct tpp_figure neg = { PREC_FP8, -1, false, NULL };
	assert_false(tpp_from_figures(&neg, 1, &r));
	struct tpp_figure nan_fig = { PREC_FP8, NAN, false, NULL };
	assert_false(tpp_from_figures(&nan_fig, 1, &r));
	assert_true(tpp_from_figures(NULL, 0, &r));
	assert_false(r.known);   /* no figure: unknown, not zero */
}

/* H100 SXM: 132 SM x 4096 FLOP/clk x 1830 MHz = 989.4 TFLOPS FP16 (989.43). */
static void test_tops_from_units(void **state)
{
	(void)state;
	assert_float_equal(tpp_tops_from_units(132, 4096, 1830), 989.42976, 1e-6);
	assert_float_equal(tpp_tops_from_units(108, 2048, 1410), 311.86944, 1e-6);
}

static void test_area_counts_only_nonplanar_logic(void **state)
{
	(void)state;
	struct tpp_die dies[] = {
		{ 115, true, 8, true, true },     /* compute dies, FinFET */
		{ 370, true, 4, true, true },     /* I/O dies, FinFET */
		{ 110, true, 8, false, true },    /* HBM stacks: memory */
		{ 200, true, 1, true, false },    /* a planar logic die */
	};
	struct tpp_area a;
	tpp_applicable_area(dies, 4, &a);
	assert_true(a.known);
	assert_float_equal(a.mm2, 8 * 115 + 4 * 370, 1e-9);
	assert_int_equal(a.applicable_dies, 12);
	assert_int_equal(a.excluded_dies, 9);
	double pd;
	assert_true(tpp_performance_density(2400 * 16.0, true, &a, &pd));
	assert_float_equal(pd, 38400.0 / 2400.0, 1e-9);
}

static void test_area_unknown_gives_pd_unknown(void **state)
{
	(void)state;
	struct tpp_die dies[] = { { 814, true, 1, true, true }, { 0, false, 1, true, true } };
	struct tpp_area a;
	double pd = -1;
	tpp_applicable_area(dies, 2, &a);
	assert_false(a.known);
	assert_false(tpp_performance_density(2368, true, &a, &pd));
	assert_float_equal(pd, -1, 0);   /* untouched */

	struct tpp_die planar_only[] = { { 300, true, 1, true, false } };
	tpp_applicable_area(planar_only, 1, &a);
	assert_false(a.known);          /* no applicable die: unknown, not division by zero */

	struct tpp_die h20[] = { { 814, true, 1, true, true } };
	tpp_applicable_area(h20, 1, &a);
	assert_true(tpp_performance_density(2368, true, &a, &pd));
	assert_float_equal(pd, 2368.0 / 814.0, 1e-12);
	assert_false(tpp_performance_density(2368, false, &a, &pd));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bit_lengths),
		cmocka_unit_test(test_tpp_max_and_tie),
		cmocka_unit_test(test_tpp_sparse_halved),
		cmocka_unit_test(test_tpp_unit_types_summed),
		cmocka_unit_test(test_tpp_rejects_bad_figures),
		cmocka_unit_test(test_tops_from_units),
		cmocka_unit_test(test_area_counts_only_nonplanar_logic),
		cmocka_unit_test(test_area_unknown_gives_pd_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
