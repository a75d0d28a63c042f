/* TPP and PD arithmetic (ECCN 3A090 Technical Notes).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * TPP = 2 x MacTOPS x bit length, i.e. the datasheet's dense TOPS at a
 * precision times that precision's bit length, maximised over precisions.
 * PD  = TPP / applicable die area (non-planar logic dies only). */
#ifndef TPP_METRICS_H
#define TPP_METRICS_H

#include <stdbool.h>
#include <stddef.h>

enum tpp_precision {
	PREC_FP4, PREC_INT4, PREC_FP6, PREC_FP8, PREC_INT8, PREC_FP16, PREC_BF16,
	PREC_TF32, PREC_FP32, PREC_FP64,
	PREC_COUNT
};

/* Lower-case name ("fp8"), bit length, and whether that bit length is a
 * reading of ours rather than the operand width the text implies (TF32). */
const char *tpp_precision_name(enum tpp_precision p);
int tpp_precision_bits(enum tpp_precision p);
bool tpp_precision_bits_is_reading(enum tpp_precision p);
/* Case-insensitive; returns false for an unknown name. */
bool tpp_precision_parse(const char *name, enum tpp_precision *out);

/* One published throughput figure of one processing-unit type. */
struct tpp_figure {
	enum tpp_precision precision;
	double tops;        /* as published, tera-operations per second */
	bool sparse;        /* published with structured sparsity: halved */
	const char *unit;   /* processing-unit type; NULL = the only one */
};

struct tpp_result {
	bool known;                         /* false: no usable figure */
	double tpp;
	enum tpp_precision precision;       /* the precision that set TPP */
	bool have[PREC_COUNT];
	double dense_tops[PREC_COUNT];      /* summed over unit types, sparse halved */
	double per_precision[PREC_COUNT];   /* dense_tops x bits */
	int unit_types[PREC_COUNT];         /* how many unit types were summed */
	bool ties[PREC_COUNT];              /* precisions that reach the maximum too */
};

/* Sum figures per precision over unit types, halve sparse ones, multiply
 * by bit length, take the maximum. Negative or non-finite figures are
 * rejected (returns false). */
bool tpp_from_figures(const struct tpp_figure *f, size_t n, struct tpp_result *out);

/* Throughput from units x dense ops per clock per unit x clock. */
double tpp_tops_from_units(double units, double ops_per_clock_per_unit, double clock_mhz);

/* One die of a package; only logic dies on a non-planar process count. */
struct tpp_die {
	double area_mm2;    /* per die */
	bool area_known;
	int count;
	bool logic;
	bool nonplanar;
};

struct tpp_area {
	bool known;         /* false when an applicable die has no area, or none applies */
	double mm2;         /* sum of applicable die areas */
	int applicable_dies;
	int excluded_dies;  /* memory or planar dies left out */
};

void tpp_applicable_area(const struct tpp_die *dies, size_t n, struct tpp_area *out);
/* Bounds on PD from bounds on TPP [tlo, thi] and on the applicable area
 * [amin, amax] (amax may be infinite): [tlo / amax, thi / amin]. */
void tpp_performance_density_bounds(double tlo, double thi, double amin, double amax, double *lo, double *hi);
/* PD = TPP / area; false (unknown) when either input is unknown or area <= 0. */
bool tpp_performance_density(double tpp, bool tpp_known, const struct tpp_area *area, double *pd);

#endif
