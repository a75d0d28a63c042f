/* Headroom: for each design knob and each threshold of each paragraph of a
 * rule set, the knob value at which that comparison changes, holding the
 * other knobs fixed, and what the paragraph and the verdict are on each
 * side. Every threshold and operator is read from the rule set's
 * conditions; nothing about the rules is written here.
 *
 * Exact: each knob -> parameter map (units, clock, rate, cap, factor ->
 * TPP -> PD; die area, die count -> PD; the others are the parameter) is
 * monotone in floating point, so the comparison is a step function of the
 * knob. The step is bracketed between two adjacent representable values
 * (adjacent doubles; adjacent whole numbers for units and die counts) by
 * bisection, computing the parameter with the same arithmetic the verdict
 * uses: for "or more" (>= T) `fails_at` is the largest knob value whose
 * parameter is strictly below T and `holds_at` the next one.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_HEADROOM_H
#define TPP_HEADROOM_H

#include "classify/design.h"

struct headroom_entry {
	struct design_knob_ref knob;
	const struct rule_para *para;
	const struct rule_cond *cond;        /* the comparison (COND_CMP) */
	const char *param;                   /* its parameter's name */
	bool item_hbm;                       /* evaluated on the HBM stack, not the IC */
	double current;                      /* the knob now */
	double param_now;                    /* the parameter now */
	bool holds_now;                      /* the comparison now */
	bool reachable;                      /* the comparison changes within the knob's range */
	bool param_unknown;                  /* the parameter cannot be formed (no die area) */
	double holds_at, fails_at;           /* adjacent knob values either side of the step */
	double param_at_holds, param_at_fails;
	enum para_status status_at_holds, status_at_fails;
	char verdict_at_holds[24], verdict_at_fails[24];
	bool changes_result;                 /* the paragraph's result differs across the step */
};

struct headroom {
	struct headroom_entry *e;
	size_t n, cap;
};

/* Every (knob, paragraph, comparison) of `rs` whose parameter the knob
 * moves, in knob order then paragraph order. -1 only for out of memory. */
int headroom_solve(const struct ruleset *rs, const struct design_knobs *k, int ship_year, struct headroom *out,
		   struct tpp_error *err);
void headroom_free(struct headroom *h);

/* The smallest applicable die area (all dies together, TPP fixed) that
 * keeps PD from meeting one PD threshold of the rule set: strictly below T
 * where the text says "or more"/"less than" T, at most T for "greater
 * than"/"or less". One per distinct threshold, with the paragraphs that
 * use it. */
#define PD_AREA_MAX_PARAS 8
struct pd_area_limit {
	double threshold;
	bool inclusive;                      /* PD may equal the threshold */
	const struct rule_para *paras[PD_AREA_MAX_PARAS];
	size_t n_paras;
	double min_area_mm2;                 /* the smallest area that keeps PD under */
	double pd_at_min;
	double area_now;
	bool ok_now;                         /* the present area keeps PD under */
};
/* -1 only for out of memory; *n = 0 when PD cannot be formed. */
int headroom_pd_areas(const struct ruleset *rs, const struct design_knobs *k, struct pd_area_limit **out,
		      size_t *n, struct tpp_error *err);

/* Every comparison of the parameter `param` in the rule set (the review
 * window's DRAM bandwidth) against the design's value: the ratio and, when
 * the design has the value, its step on the knob that is the parameter. */
struct param_margin {
	const struct rule_para *para;
	const struct rule_cond *cond;
	bool known;                          /* the design has the value */
	double value, ratio;                 /* value / threshold */
	struct headroom_entry step;          /* holds_now, holds_at, fails_at */
};
int headroom_param_margins(const struct ruleset *rs, const struct design_knobs *k, const char *param,
			   struct param_margin **out, size_t *n, struct tpp_error *err);

/* The step of one comparison on one knob (used by the solver and the
 * tests): false when the parameter cannot be formed. */
bool headroom_step(const struct design_knobs *k, struct design_knob_ref r, const char *param, enum rule_op op,
		   double threshold, struct headroom_entry *e);

#endif
