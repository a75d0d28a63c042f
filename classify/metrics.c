/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/metrics.h"

#include <math.h>
#include <strings.h>

static const struct {
	const char *name;
	int bits;
	bool reading;
} precisions[PREC_COUNT] = {
	[PREC_FP4] = { "fp4", 4, false },
	[PREC_INT4] = { "int4", 4, false },
	[PREC_FP6] = { "fp6", 6, false },
	[PREC_FP8] = { "fp8", 8, false },
	[PREC_INT8] = { "int8", 8, false },
	[PREC_FP16] = { "fp16", 16, false },
	[PREC_BF16] = { "bf16", 16, false },
	/* TF32 carries 19 significant bits in a 32-bit container; the rule
	 * speaks of the operand's bit length, and we read that as 32. */
	[PREC_TF32] = { "tf32", 32, true },
	[PREC_FP32] = { "fp32", 32, false },
	[PREC_FP64] = { "fp64", 64, false },
};

const char *tpp_precision_name(enum tpp_precision p)
{
	return p < PREC_COUNT ? precisions[p].name : "?";
}

int tpp_precision_bits(enum tpp_precision p)
{
	return p < PREC_COUNT ? precisions[p].bits : 0;
}

bool tpp_precision_bits_is_reading(enum tpp_precision p)
{
	return p < PREC_COUNT && precisions[p].reading;
}

bool tpp_precision_parse(const char *name, enum tpp_precision *out)
{
	for (int p = 0; p < PREC_COUNT; p++) {
		if (name && strcasecmp(name, precisions[p].name) == 0) {
			*out = (enum tpp_precision)p;
			return true;
		}
	}
	return false;
}

bool tpp_from_figures(const struct tpp_figure *f, size_t n, struct tpp_result *out)
{
	*out = (struct tpp_result){ 0 };
	for (size_t i = 0; i < n; i++) {
		if (f[i].precision >= PREC_COUNT || !isfinite(f[i].tops) || f[i].tops < 0)
			return false;
		double dense = f[i].sparse ? f[i].tops / 2 : f[i].tops;
		out->have[f[i].precision] = true;
		out->dense_tops[f[i].precision] += dense;
		out->unit_types[f[i].precision]++;
	}
	for (int p = 0; p < PREC_COUNT; p++) {
		if (!out->have[p])
			continue;
		out->per_precision[p] = out->dense_tops[p] * precisions[p].bits;
		if (!out->known || out->per_precision[p] > out->tpp) {
			out->known = true;
			out->tpp = out->per_precision[p];
			out->precision = (enum tpp_precision)p;
		}
	}
	/* Vendors' figures often tie exactly (A100: INT8 624 x 8 = FP16 312 x 16);
	 * name every precision that reaches TPP, not only the first. */
	for (int p = 0; p < PREC_COUNT && out->known; p++)
		out->ties[p] = out->have[p] && fabs(out->per_precision[p] - out->tpp) <= 1e-9 * out->tpp;
	return true;
}

double tpp_tops_from_units(double units, double ops_per_clock_per_unit, double clock_mhz)
{
	return units * ops_per_clock_per_unit * clock_mhz * 1e6 / 1e12;
}

void tpp_applicable_area(const struct tpp_die *dies, size_t n, struct tpp_area *out)
{
	*out = (struct tpp_area){ .known = true };
	for (size_t i = 0; i < n; i++) {
		int count = dies[i].count > 0 ? dies[i].count : 1;
		if (!dies[i].logic || !dies[i].nonplanar) {
			out->excluded_dies += count;
			continue;
		}
		out->applicable_dies += count;
		if (!dies[i].area_known || !(dies[i].area_mm2 > 0))
			out->known = false;
		else
			out->mm2 += dies[i].area_mm2 * count;
	}
	/* No applicable die: the rule gives no denominator, so PD is unknown
	 * rather than infinite or zero. */
	if (out->applicable_dies == 0)
		out->known = false;
}

bool tpp_performance_density(double tpp, bool tpp_known, const struct tpp_area *area, double *pd)
{
	if (!tpp_known || !area->known || !(area->mm2 > 0))
		return false;
	*pd = tpp / area->mm2;
	return true;
}

void tpp_performance_density_bounds(double tlo, double thi, double amin, double amax, double *lo, double *hi)
{
	*lo = amax > 0 && amax < INFINITY ? tlo / amax : 0;
	*hi = amin > 0 ? thi / amin : INFINITY;
}
