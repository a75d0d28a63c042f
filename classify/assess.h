/* The assessment stage: from an identified device, a knowledge-base part or
 * declared figures to one report record (metrics with their source, the
 * classification under a rule set, flags). Every output renders these
 * records; no renderer decides anything.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ASSESS_H
#define TPP_ASSESS_H

#include <stdbool.h>

#include "classify/evaluate.h"
#include "classify/identify.h"
#include "classify/kb.h"
#include "classify/licence.h"
#include "core/date.h"

/* Where a metric came from: knowledge-base figures, units x clock x rate
 * read from the device, the user, or arithmetic on one of those. */
enum metric_source { METRIC_NONE, METRIC_DATASHEET, METRIC_PROBED, METRIC_DECLARED, METRIC_DERIVED };
const char *metric_source_name(enum metric_source s);

struct metric_value {
	bool known;
	double value;
	enum metric_source source;
};

/* Discrepancies and identification states a table shows as flags. */
enum assess_flag {
	FLAG_CLOCK = 1u << 0,     /* a probed clock above the datasheet's */
	FLAG_UNITS = 1u << 1,     /* probed units above the datasheet's */
	FLAG_CROSS = 1u << 2,     /* the probed TPP crosses a threshold the datasheet's does not */
	FLAG_NAME = 1u << 3,      /* the driver or firmware names another part */
	FLAG_ROM = 1u << 4,       /* the option ROM is for another device or part */
	FLAG_ROMVER = 1u << 5,    /* the option ROM's version differs from the driver's */
	FLAG_UNKNOWN = 1u << 6,   /* not in the knowledge base */
	FLAG_AMBIG = 1u << 7,     /* a shared device ID, the highest-rated candidate taken */
	FLAG_PKG = 1u << 8,       /* fewer functions than the package has */
};
#define ASSESS_N_FLAGS 9
/* The flag a warning code raises; 0 for codes that raise none. */
unsigned assess_flag_of_warning(const char *code);

enum assess_kind { ASSESS_DEVICE, ASSESS_PART, ASSESS_DECLARED, ASSESS_DESIGN /* tppscan design (classify/design_report.h) */ };

struct assessment {
	enum assess_kind kind;
	const struct scan_item *item;       /* DEVICE: functions, match, probe, warnings */
	const struct kb_part *part;         /* DEVICE (when identified) and PART */
	const char *match;                  /* PART: how the query matched ("name", "prefix", "pci-device") */
	const char *query;                  /* PART: the query as typed */
	struct metric_value tpp, pd, area;  /* what the verdict used */
	bool precision_known;
	enum tpp_precision precision;
	bool display_only;                  /* a part with no compute engine (BMC graphics) */
	const struct classification *cl;    /* shared by every record with the same inputs */
	const struct classification *probed_cl;   /* the probed estimate's, when the datasheet decided */
	unsigned flags;
	bool has_licence;                   /* a shipment was asked about (--dest) */
	struct lic_answer licence;
};

/* One rule set's evaluations, shared by input set: a fleet host has many
 * identical parts, and each identical input is classified once. */
struct assessor {
	const struct kb *kb;
	const struct ruleset *rs;
	tpp_date as_of;
	struct assess_cache *cache;
	/* the shipment asked about; NULL q: no licence answers */
	const struct lic_data *lic;
	const struct dest_data *dest;
	const struct lic_query *licq;
};

int assessor_init(struct assessor *a, const struct kb *kb, const struct ruleset *rs, tpp_date as_of,
		  struct tpp_error *err);
void assessor_free(struct assessor *a);
/* Give every record a licence answer for this shipment. */
void assessor_set_licence(struct assessor *a, const struct lic_data *lic, const struct dest_data *dest,
			  const struct lic_query *q);
/* The licence answer of a record under `rs` on `date` (history: each rule
 * set on its own effective date). */
int assess_licence(struct assessor *a, struct assessment *out, tpp_date date, struct tpp_error *err);

/* Classify `in` under `rs` (NULL: the assessor's), or return the shared
 * result of an earlier identical input. Owned by the assessor. */
const struct classification *assess_classify(struct assessor *a, const struct ruleset *rs,
					     const struct class_input *in, struct tpp_error *err);

/* A scanned device: the datasheet decides when the part has figures, the
 * probed estimate otherwise; a probed estimate that crosses a threshold the
 * datasheet does not adds a warning to the item. */
int assess_device(struct assessor *a, struct scan_item *it, struct assessment *out, struct tpp_error *err);
/* A knowledge-base part under `rs` (NULL: the assessor's). */
int assess_part(struct assessor *a, const struct ruleset *rs, const struct kb_part *p, struct assessment *out,
		struct tpp_error *err);

/* Declared figures (tppscan classify). PD from a die area goes through
 * tpp_performance_density; a result that is not a finite number is a usage
 * error (64), not an "unknown". */
struct declared_figures {
	bool tpp_set, pd_set, area_set;
	double tpp, pd, area;
	bool tpp_lo_set, tpp_hi_set, pd_lo_set, pd_hi_set;   /* declared bounds on an unknown figure */
	double tpp_lo, tpp_hi, pd_lo, pd_hi;
	bool ic, hbm;             /* which items the parameters describe */
};
int assess_declared(struct assessor *a, const struct declared_figures *d, struct class_input *in,
		    struct assessment *out, struct tpp_error *err);
/* The same without the evaluation (out->cl NULL): the inputs and metrics,
 * for a caller that finds the classification another way (verdict_cache.h). */
int assess_declared_input(struct assessor *a, const struct declared_figures *d, struct class_input *in,
			  struct assessment *out, struct tpp_error *err);

#endif
