/* Everything `tppscan design` reports, decided here and only rendered by
 * cli/: the design's metrics, its report record (struct assessment, kind
 * ASSESS_DESIGN) under the selected rule set, and per rule set the verdict,
 * the verdict with datacenter the other way, the HBM stack's verdict, the
 * headroom of every knob, the die area that keeps PD under each threshold
 * and the DRAM-bandwidth margins.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESIGN_REPORT_H
#define TPP_DESIGN_REPORT_H

#include "classify/assess.h"
#include "classify/design.h"
#include "classify/headroom.h"

struct design_rule_result {
	const struct ruleset *rs;
	bool selected;                        /* the rule set the report record uses */
	const struct classification *cl;      /* the IC (owned by the assessor) */
	const struct classification *hbm;     /* the HBM stack, or NULL */
	const struct classification *dc_alt;  /* the IC with datacenter the other way */
	bool dc_alt_value;                    /* the datacenter value dc_alt used */
	struct headroom headroom;
	struct pd_area_limit *pd_areas;
	size_t n_pd_areas;
	struct param_margin *dram;
	size_t n_dram;
};

struct design_report {
	struct design_knobs knobs;
	struct design_metrics metrics;
	bool like_check;                      /* the like part's own knobs could be computed */
	double like_model_tpp;                /* TPP from those knobs, nothing overridden */
	struct assessment record;
	int ship_year;
	struct design_rule_result *r;
	size_t n;
};

/* `sets`: the rule sets to evaluate (one, or every one with --all-rules);
 * `selected` the one the record uses. `like_base`: the like part's knobs
 * before any override (NULL without --like). */
int design_report_build(struct assessor *a, const struct ruleset *const *sets, size_t n_sets,
			const struct ruleset *selected, const struct design_knobs *k,
			const struct design_knobs *like_base, struct design_report *out, struct tpp_error *err);
void design_report_free(struct design_report *r);

/* The licence answer of the design for the shipment of --dest (the record's,
 * from the licence layer); 0 entries without --dest. */
struct design_licence {
	const char *dest;                     /* ISO 3166 code */
	const char *exception;                /* "NAC", "ACA", ... or NULL */
	int required;                         /* 1, 0, -1 undetermined */
	const char *why;
};
size_t design_licence_for(const struct assessment *a, struct design_licence *out, size_t max);

#endif
