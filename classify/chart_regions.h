/* The TPP-PD plane of a rule set, for the chart (verify --pdf, plot): the
 * thresholds its control paragraphs and exclusions compare TPP and PD
 * with, read from their conditions, and the regions between them, each
 * classified by the rule set itself at one point inside it. The rules are
 * constant between thresholds, so one point decides a whole cell; nothing
 * here knows a threshold's value in advance.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CHART_REGIONS_H
#define TPP_CHART_REGIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/evaluate.h"

#define CHART_MAX_THRESHOLDS 24
#define CHART_MAX_REGIONS 32

struct chart_threshold {
	bool is_pd;                   /* false: a TPP threshold */
	double value;
	char paragraphs[200];         /* every paragraph comparing with it: "3A090.a.1, Note 2 to 3A090" */
};

/* Cells with the same verdict form one region. */
struct chart_region {
	char label[120];              /* "3A090.a.1, 3A090.a.2", "not 3A090", "undetermined (needs io_bidir_gbps)" */
	enum class_status status;
	const char *eccn;             /* the tier, NULL when not controlled or undetermined */
	size_t tier;                  /* position of eccn in the rule set's eccn_order */
};

struct chart_cell {
	double tpp_lo, tpp_hi, pd_lo, pd_hi;   /* lo may be 0, hi INFINITY */
	size_t region;
};

struct chart_regions {
	const struct ruleset *rs;
	bool datacenter;              /* the regions of parts designed or marketed for datacenters */
	struct chart_threshold thr[CHART_MAX_THRESHOLDS];
	size_t n_thr;
	struct chart_region regions[CHART_MAX_REGIONS];
	size_t n_regions;
	struct chart_cell *cells;
	size_t n_cells;
};

/* Thresholds and regions of rs for an IC in ship_year; other parameters
 * (I/O bandwidth, HBM) are unknown, so a region that depends on them is
 * undetermined and says what it needs. */
int chart_regions_build(const struct ruleset *rs, int ship_year, bool datacenter, struct chart_regions *out,
			struct tpp_error *err);
void chart_regions_free(struct chart_regions *r);

#endif
