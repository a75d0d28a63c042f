/* Rule sets as data: each thresholds/ *.json is one dated snapshot of the
 * 3A090/4A090 regime, its paragraphs conditions over named parameters.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RULES_H
#define TPP_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/datafiles.h"
#include "core/date.h"
#include "core/error.h"

enum rule_param_type { PARAM_NUMBER, PARAM_BOOLEAN };

struct rule_param {
	const char *name;         /* "tpp", "pd", "datacenter", ... */
	enum rule_param_type type;
	const char *unit;         /* "", "GB/s", "mm2", ... */
	const char *description;
	const char *source;
	bool no_margins;          /* a label (a year), not a magnitude: no ratio */
	/* The value assumed when the input is unknown, and why. */
	bool has_default;
	double default_number;
	bool default_boolean;
	const char *default_reading;
	const char *default_source;
};

enum rule_op { OP_GE, OP_GT, OP_LT, OP_LE, OP_EQ };
const char *rule_op_symbol(enum rule_op op);
/* Whether `v op t` holds: the one definition the evaluator and the
 * headroom solver share. */
bool rule_op_holds(double v, enum rule_op op, double t);

enum rule_cond_kind { COND_ALL, COND_ANY, COND_NOT, COND_CMP, COND_REF };

struct rule_cond {
	enum rule_cond_kind kind;
	struct rule_cond *kids;   /* all / any / not (one kid) */
	size_t n_kids;
	size_t param;             /* cmp: index into ruleset.params */
	enum rule_op op;
	double number;
	bool boolean;
	const char *wording;      /* the text's own words: "4800 or more" */
	const char *ref;          /* ref: a control paragraph id or an ECCN tier */
};

/* control: an ECCN paragraph; exclusion: a note that takes items out;
 * the others (exception, review, presumption, system) are consequences
 * evaluated after the ECCN is known and may refer to it. */
enum rule_para_kind { PARA_CONTROL, PARA_EXCLUSION, PARA_EXCEPTION, PARA_REVIEW,
	PARA_PRESUMPTION, PARA_SYSTEM };
const char *rule_para_kind_name(enum rule_para_kind k);

enum rule_item { ITEM_IC, ITEM_HBM };

struct rule_para {
	const char *id;           /* "3A090.a.1", "Note 2 to 3A090", "NAC" */
	enum rule_para_kind kind;
	const char *eccn;         /* control: the tier, "3A090.a" */
	enum rule_item item;
	const char *title;
	const char *text;         /* the paragraph's words, quoted or closely paraphrased */
	const char *source;       /* citation */
	const char *reading;      /* our reading where the text is ambiguous */
	const char *destinations; /* exceptions and reviews: where they apply */
	const char **excludes;    /* exclusion: ECCN prefixes it removes */
	size_t n_excludes;
	struct rule_cond cond;
	json_t *json;             /* the paragraph as written (borrowed from root) */
};

struct rule_reading {
	const char *id;
	const char *text;
	const char *source;
};

struct ruleset {
	const char *file;
	const char *id;           /* the effective date: "2023-11-17" */
	const char *title;
	const char *citation;     /* "88 FR 73458" */
	const char *fr_document;  /* "2023-23055" */
	const char *url;
	const char *summary;
	const char *changes;      /* what changed against the previous set */
	tpp_date published, effective, superseded, revised;
	bool has_superseded;
	struct rule_param *params;
	size_t n_params;
	const char **eccn_order;  /* most controlled first */
	size_t n_eccn_order;
	int *eccn_exit;           /* -e exit status of each tier (data: "exit_status") */
	struct rule_para *paras;
	size_t n_paras;
	struct rule_reading *readings;
	size_t n_readings;
	json_t *root;             /* strings above point into it */
};

struct rule_catalog {
	struct ruleset *sets;     /* sorted by effective date */
	size_t n;
};

/* Parse and validate one rule set; errors name file and JSON path. */
int ruleset_parse(struct ruleset *rs, const char *file, const char *data, size_t len,
		  struct tpp_error *err);
void ruleset_free(struct ruleset *rs);

/* Load every thresholds/ file of a data set and check the sets chain:
 * unique ids, each superseded date equal to the next set's effective date. */
int rule_catalog_load(struct rule_catalog *cat, const struct data_set *ds, struct tpp_error *err);
void rule_catalog_free(struct rule_catalog *cat);

const struct ruleset *rule_catalog_find(const struct rule_catalog *cat, const char *id);
/* The set in force on `date`; NULL when none was. */
const struct ruleset *rule_catalog_in_force(const struct rule_catalog *cat, tpp_date date);

const struct rule_param *ruleset_param(const struct ruleset *rs, const char *name, size_t *index);
const struct rule_para *ruleset_para(const struct ruleset *rs, const char *id);

#endif
