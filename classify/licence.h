/* Licence decisions: may this item ship to this destination, for this end
 * user, from here, on this date. The requirement, review policy and
 * exception come from dated data (destinations/licence.json) evaluated over
 * the item's classification and the country groups of the day.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_LICENCE_H
#define TPP_LICENCE_H

#include <jansson.h>
#include <stdbool.h>

#include "classify/destinations.h"
#include "classify/evaluate.h"
#include "classify/kb.h"

/* A row's "when": every key given must hold, and one of `any` if given. */
struct lic_when {
	json_t *tier, *dest_in, *dest_not_in, *dest_is, *hq_in, *hq_not_in, *ship;   /* string arrays or NULL */
	const char *exception;    /* an exception paragraph the classification meets */
	const char *review_met;   /* a review paragraph the classification meets */
	int datacenter;           /* -1: any */
	struct lic_when *any;
	size_t n_any;
};

/* Overlay criteria over the item's figures ("param op value", any/all). */
struct lic_crit {
	enum { CRIT_ALL, CRIT_ANY, CRIT_CMP } kind;
	struct lic_crit *kids;
	size_t n_kids;
	const char *param;
	const char *op;
	double value;
};

struct lic_result {
	int required;             /* 1 / 0 */
	const char *policy;       /* "denial", "approval", "case-by-case" or NULL */
	const char *exception;    /* "NAC", "ACA", "HBM", "AIA", "LPP" or NULL */
	bool notification;
};

struct lic_row {
	struct lic_when when;
	struct lic_result result;
	const char *reason, *reading, *citation;   /* citation: the source titles, joined */
	json_t *conditions;       /* strings: what a licence under this row must certify */
};

struct lic_regime {
	const char *id, *title;
	tpp_date from, until;
	bool has_until;
	struct lic_row *rows;
	size_t n_rows;
};

struct lic_overlay {
	const char *id, *kind, *title, *vendor, *reason, *reading, *citation, *confidence;
	tpp_date from, until;
	bool has_until;
	json_t *parts;            /* knowledge-base ids, or NULL */
	struct lic_crit *criteria;   /* NULL: the named parts only */
	struct lic_when *where;   /* NULL: any destination */
	struct lic_result result;
};

struct lic_tier_rule {
	struct lic_result result;
	const char *reason, *citation;
};

/* A figure of the Diffusion quotas: its value and how it was reached. */
struct lic_figure {
	bool set;
	double value;
	const char *text;         /* "derived" or "note": the arithmetic or what the figure is */
	const char *period, *confidence;   /* NULL when the data gives none */
	const char *citation;     /* the source titles, joined */
};

struct lic_data {
	bool loaded;
	struct lic_regime *regimes;
	size_t n_regimes;
	struct lic_overlay *overlays;
	size_t n_overlays;
	/* the AI Diffusion rule, applied only on request */
	tpp_date diffusion_from;
	const char *diffusion_status, *diffusion_citation, *tier1_group;
	json_t *tier3_groups, *diffusion_tiers;
	struct lic_tier_rule tier[3];
	json_t *quotas;
	/* diffusion.quotas: the H100-equivalent TPP, the Tier-2 country cap, the
	 * LPP allocation (optional), and which devices a fleet counts */
	struct lic_figure h100e, country_cap, lpp;
	const char *counted_reading, *counted_citation;
	json_t *root;
	void **allocs;
	size_t n_allocs;
};

int lic_load(struct lic_data *l, const struct data_set *ds, const struct dest_data *d, struct tpp_error *err);
void lic_free(struct lic_data *l);

/* The shipment asked about. */
struct lic_query {
	char dest[3], hq[3], from[3];
	tpp_date date;            /* group membership and overlays on this day */
	bool diffusion;
};

enum lic_ship { SHIP_EXPORT, SHIP_REEXPORT, SHIP_TRANSFER };
const char *lic_ship_name(enum lic_ship s);

#define LIC_MAX_ITEMS 8

struct lic_text {
	const char *id;           /* advisories only */
	const char *text, *citation;
};

struct lic_answer {
	struct lic_query q;
	enum lic_ship ship;
	const char *regime;
	int required;             /* 1, 0, or -1: undetermined (reasons say what is missing) */
	const char *exception, *policy;
	bool notification;
	struct lic_text reasons[LIC_MAX_ITEMS];
	size_t n_reasons;
	struct lic_text advisories[LIC_MAX_ITEMS];
	size_t n_advisories;
	json_t *conditions;       /* borrowed: certifications a licence under the matching row needs */
};

/* Decide for one item: its classification, and its knowledge-base part
 * (NULL if none) for the overlays that name parts or their figures. */
int lic_decide(const struct lic_data *l, const struct dest_data *d, const struct lic_query *q,
	       const struct classification *cl, const struct kb_part *part, struct lic_answer *out,
	       struct tpp_error *err);

#endif
