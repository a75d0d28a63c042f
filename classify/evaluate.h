/* Evaluate every paragraph of a rule set against one item's parameters.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_EVALUATE_H
#define TPP_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/rules.h"

#define CLASS_MAX_INPUTS 16
#define CLASS_MAX_MISSING 8

/* Where an input value came from; shown beside every number. A number may
 * be known only within sound bounds (is_range): lo <= value <= hi, hi
 * possibly INFINITY, with `why` saying how the bounds follow. */
struct class_value {
	const char *name;
	bool is_bool;
	double number;
	bool boolean;
	const char *source;   /* "declared", "datasheet", "probed", "derived", "bound" */
	bool is_range;
	double lo, hi;
	const char *why;      /* a range's reasoning ("2953.6 / (1 x 858 mm2): the reticle limit") */
};

struct class_input {
	struct class_value v[CLASS_MAX_INPUTS];
	size_t n;
	/* > 0: the exact applicable die area of an item whose TPP is open, so
	 * that pd is tpp / this area and not a second free input */
	double pd_area_mm2;
	bool item_ic;         /* evaluate IC paragraphs (3A090.a/.b) */
	bool item_hbm;        /* evaluate HBM paragraphs (3A090.c) */
};

void class_input_number(struct class_input *in, const char *name, double v, const char *source);
void class_input_bool(struct class_input *in, const char *name, bool v, const char *source);
/* A number known only within [lo, hi]; lo == hi is an exact value. */
void class_input_range(struct class_input *in, const char *name, double lo, double hi, const char *source,
		       const char *why);
const struct class_value *class_input_get(const struct class_input *in, const char *name);

/* PS_OUTRANKED: a control paragraph whose parameters are met, in a tier
 * less controlled than the ECCN (3A090.b covers ICs "n.e.s.", not
 * elsewhere specified, so a part that is 3A090.a is not also 3A090.b). */
enum para_status { PS_MET, PS_NOT_MET, PS_UNDETERMINED, PS_NOT_APPLICABLE, PS_EXCLUDED, PS_OUTRANKED };
const char *para_status_name(enum para_status s);

struct para_result {
	const struct rule_para *para;
	enum para_status status;
	const char *missing[CLASS_MAX_MISSING];   /* parameter names or paragraph ids */
	size_t n_missing;
};

/* One threshold of one paragraph against the value it was compared with. */
struct margin {
	const struct rule_para *para;
	const char *param;
	enum rule_op op;
	const char *wording;
	double value;
	double threshold;
	double ratio;         /* value / threshold; meaningless when threshold is 0 */
	bool met;
};

/* A parameter that was unknown and took the rule set's default. */
struct assumption {
	const struct rule_param *param;
};

enum class_status { CLASS_CONTROLLED, CLASS_NOT_CONTROLLED, CLASS_UNDETERMINED };
const char *class_status_name(enum class_status s);

/* exact: the ECCN is the tier; at_least: bounds prove the item is at least
 * this tier, and the open paragraphs could make it a more controlled one. */
enum eccn_bound { ECCN_EXACT, ECCN_AT_LEAST };
const char *eccn_bound_name(enum eccn_bound b);

/* An undetermined verdict that one input leaves open (or two, TPP and
 * another): the verdict on one range of that input (TPP when two are open;
 * undetermined where the other one decides). lo/hi are the range's ends (hi INFINITY when
 * unbounded); area_* give the same range as an applicable die area when
 * the input is pd and TPP is exact (0 and INFINITY for open ends). */
struct open_region {
	double lo, hi;
	bool lo_incl, hi_incl;
	enum class_status status;
	const char *needs;                     /* undetermined: the other open input it needs */
	const char *eccn;                      /* tier when controlled */
	const struct rule_para *excluded_by;
	bool has_area;
	double area_lo, area_hi;
	bool area_lo_incl, area_hi_incl;
};

struct classification {
	const struct ruleset *rules;
	enum class_status status;
	const char *eccn;             /* most controlled matched tier, or NULL */
	enum eccn_bound eccn_bound;
	bool decided_by_bounds;       /* the verdict rests on a range, not only exact values */
	char label[24];               /* "3A090.b+" for an at_least ECCN */
	const struct rule_para *excluded_by;  /* an exclusion that took the item out */
	struct para_result *results;  /* one per paragraph, in file order */
	size_t n_results;
	struct margin *margins;
	size_t n_margins;
	/* undetermined on one open input: what each range of it gives */
	const char *open_param;
	struct open_region *regions;
	size_t n_regions;
	struct assumption assumptions[CLASS_MAX_INPUTS];
	size_t n_assumptions;
	/* Values actually used, defaults included, in rule-set parameter order. */
	struct class_value used[CLASS_MAX_INPUTS];
	bool used_known[CLASS_MAX_INPUTS];
	bool used_assumed[CLASS_MAX_INPUTS];
};

/* Evaluate with three-valued logic (inputs unknown or within bounds). An
 * undetermined result is then re-decided over the regions of the inputs
 * that left a control or exclusion paragraph open (unknown: [0, inf); a
 * range: its bounds), cut at every threshold the rule set compares them
 * with: a verdict the same in every region is decided, one controlled in
 * every region is "at least" the least controlled tier seen, anything else
 * stays undetermined. The rules are constant between thresholds, so one
 * value per region covers every value (evaluate_split.c). */
int classify_evaluate(const struct ruleset *rs, const struct class_input *in,
		      struct classification *out, struct tpp_error *err);
void classification_free(struct classification *c);

/* Whether parameter `index` feeds any paragraph that applied to the item. */
bool classification_param_relevant(const struct classification *c, size_t index);

/* "3A090.a", "3A090.b+" (at least .b), "not 3A090" or "undetermined": the
 * short form of the verdict. */
const char *classification_label(const struct classification *cl);

/* The control paragraph the item came nearest to meeting, for an item not
 * controlled: each paragraph is ranked by its largest unmet shortfall
 * (|value / threshold - 1| over its unmet thresholds), the smallest wins,
 * and every unmet threshold of that paragraph is listed (largest first).
 * False when no not-met paragraph has only measurable shortfalls. */
#define NEAREST_MAX_UNMET 8
struct nearest {
	const struct rule_para *para;
	const struct margin *unmet[NEAREST_MAX_UNMET];
	size_t n_unmet;
	double shortfall;
};
bool classification_nearest(const struct classification *cl, struct nearest *out);

/* -e/--exit-status: the status of a tier comes from the rule set's data
 * ("exit_status"); these two are not a tier's. */
#define VERDICT_EXIT_NONE 0
#define VERDICT_EXIT_UNDETERMINED 13
int classification_exit_status(const struct classification *cl);
/* Several items: the most controlled tier wins; undetermined only when
 * nothing is controlled. Start from (struct verdict){ 0 }. */
struct verdict {
	int status;
	int rank;
};
void verdict_add(struct verdict *v, const struct classification *cl);

/* Convenience for renderers. */
bool classification_matched(const struct classification *c, enum rule_para_kind kind,
			    size_t index, const struct para_result **res);

#endif
