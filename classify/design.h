/* A SKU from its design knobs (tppscan design): dense throughput per
 * precision = units x dense ops per clock per unit x clock, each precision
 * then limited by a firmware/driver cap, TPP and PD through the metric core
 * (classify/metrics.h), and the parameters a rule set evaluates.
 * No I/O: the command parses, this computes, the renderers render.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESIGN_H
#define TPP_DESIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/evaluate.h"
#include "classify/kb.h"
#include "classify/metrics.h"
#include "core/error.h"

/* Where a knob's value came from. */
enum design_source { DSRC_NONE, DSRC_GIVEN, DSRC_LIKE, DSRC_ARCH, DSRC_DERIVED };
/* "given", "like", "architecture", "part_figure"; NULL for NONE. */
const char *design_source_name(enum design_source s);

struct design_num {
	bool known;
	double v;
	enum design_source src;
};

#define DESIGN_MAX_DIES 8

/* Applicable (non-planar logic) dies of one kind. */
struct design_die {
	double area_mm2;          /* per die */
	double count;             /* a whole number >= 1 (a double so that it is a knob like the others) */
	const char *name;         /* from --like; NULL when given */
};

struct design_knobs {
	const struct kb_arch *arch;
	const struct kb_part *like;          /* the part the knobs started from, or NULL */
	const char *unit;                    /* "SM", "CU" */
	struct design_num units, clock_mhz;
	struct design_num rate[PREC_COUNT];  /* dense ops per clock per unit */
	struct design_num cap[PREC_COUNT];   /* throughput limit, dense TOPS */
	struct design_num factor;            /* a cap on every precision as a fraction of its rate */
	const char *cap_reason;              /* the like part's reason for its cap */
	struct design_die dies[DESIGN_MAX_DIES];
	size_t n_dies;
	enum design_source dies_src;
	const char *area_why;                /* why the applicable area is unknown (no dies) */
	struct design_num io_bidir, dram_bw, hbm_mbd, transistors;
	int datacenter;                      /* 1, 0, -1 unknown */
	enum design_source datacenter_src;
	const char *datacenter_evidence;
	enum design_source evidence_src;     /* the like part's row, or the user's --marketing-note */
	int has_hbm;                         /* 1, 0, -1 unknown */
};

/* Which limit sets a precision's dense throughput. */
enum design_limit { LIMIT_RATE, LIMIT_FACTOR, LIMIT_CAP };
const char *design_limit_name(enum design_limit l);

struct design_metrics {
	double uncapped_tops[PREC_COUNT];    /* units x rate x clock */
	double tops[PREC_COUNT];             /* after the factor and the cap */
	enum design_limit limit[PREC_COUNT];
	struct tpp_result tpp;               /* tpp_from_figures over tops[] */
	struct tpp_area area;
	bool pd_known;
	double pd;
};

/* Metrics from knobs. -1 (err set, 64) when a result is not a finite
 * number or no precision has a rate. */
int design_compute(const struct design_knobs *k, struct design_metrics *m, struct tpp_error *err);

/* The IC's parameters (tpp, pd, datacenter, io_bidir_gbps, dram_bw_gbps,
 * transistors, has_hbm, ship_year) and, when the HBM density is known, the
 * HBM stack's (hbm_mbd) as a separate item: HBM packaged with a logic IC is
 * judged with the IC, a stack on its own under 3A090.c. */
void design_ic_input(const struct design_knobs *k, const struct design_metrics *m, int ship_year,
		     struct class_input *in);
bool design_hbm_input(const struct design_knobs *k, int ship_year, struct class_input *in);

/* --- knobs as one list, for the headroom solver ----------------------------- */

enum design_knob {
	KNOB_UNITS, KNOB_CLOCK, KNOB_RATE, KNOB_CAP, KNOB_FACTOR, KNOB_DIE_AREA, KNOB_DIE_COUNT,
	KNOB_IO, KNOB_DRAM, KNOB_HBM_MBD, KNOB_TRANSISTORS,
};

struct design_knob_ref {
	enum design_knob kind;
	int index;                /* the precision (RATE, CAP) or die kind (DIE_*); else 0 */
};

/* JSON name: "units", "clock_mhz", "rate", "cap", "cap_factor",
 * "die_area_mm2", "die_count", "io_bidir_gbps", "dram_bw_gbps", "hbm_mbd",
 * "transistors". */
const char *design_knob_name(enum design_knob k);
/* Unit of the knob's value: the architecture's unit name, "MHz", "TOPS", ... */
const char *design_knob_unit(const struct design_knobs *k, struct design_knob_ref r);
/* Units and die counts are whole numbers. */
bool design_knob_integer(enum design_knob k);
/* False for a throughput cap: firmware or a driver enforces it, and
 * nothing read from the hardware shows it. */
bool design_knob_verifiable(enum design_knob k);
/* The knobs the design has, in a fixed order; returns how many (<= max). */
size_t design_knob_list(const struct design_knobs *k, struct design_knob_ref *out, size_t max);
double design_knob_get(const struct design_knobs *k, struct design_knob_ref r);
void design_knob_set(struct design_knobs *k, struct design_knob_ref r, double v);
/* The largest value a knob may take (given, or explored by the headroom
 * solver): 1e15 in its units, far past any real part, and a million dies
 * of one kind (counts of every kind are summed in an int).
 * The smallest is the least positive number (whole knobs: 1). */
double design_knob_max(enum design_knob k);
/* Whether the rule parameter `param` moves with the knob. */
bool design_knob_feeds(struct design_knob_ref r, const char *param);
/* The knob that is the rule parameter itself (io_bidir_gbps, dram_bw_gbps,
 * hbm_mbd, transistors); false for the others. */
bool design_param_knob(const char *param, struct design_knob_ref *r);
/* The value of rule parameter `param` for these knobs and metrics; false
 * when it is unknown or not a design parameter. */
bool design_param_value(const struct design_knobs *k, const struct design_metrics *m, const char *param,
			double *v);

#define DESIGN_MAX_KNOBS (2 + 2 * PREC_COUNT + 1 + 2 * DESIGN_MAX_DIES + 4)

#endif
