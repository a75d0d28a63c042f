/* Fleet totals grouped by any combination of ECCN verdict, part, site,
 * country and host: hosts, devices, TPP, H100-equivalents, controlled TPP,
 * and per country the share of its AI Diffusion cap. Complete scans go in
 * one at a time; memory grows with the number of groups, never with the
 * number of hosts or lines.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_SUMMARY_H
#define TPP_FLEET_SUMMARY_H

#include "classify/diffusion.h"
#include "core/fleet_scan.h"

enum fleet_dim { FLEET_BY_ECCN, FLEET_BY_PART, FLEET_BY_SITE, FLEET_BY_COUNTRY, FLEET_BY_HOST, FLEET_N_DIMS };
const char *fleet_dim_name(enum fleet_dim d);
bool fleet_dim_parse(const char *s, enum fleet_dim *out);

struct fleet_stats {
	unsigned long hosts;           /* scans with at least one accelerator in the group */
	unsigned long devices;         /* accelerators (display-only parts apart) */
	unsigned long tpp_unknown;     /* devices whose TPP is unknown: not in the sums */
	unsigned long controlled, undetermined;
	double tpp, controlled_tpp;
	unsigned long counted;         /* devices whose ECCN counts towards a Diffusion quota */
	unsigned long counted_unknown; /* ... whose TPP is unknown */
	double counted_tpp;
};

struct fleet_group {
	char *key;                     /* the values, each NUL-terminated, in `by` order */
	const char *values[FLEET_N_DIMS];
	struct fleet_stats s;
	unsigned long last_scan;
	uint32_t hash;
};

struct fleet_groups {
	struct fleet_group *g;
	size_t n, cap;
	uint32_t *slots;               /* open addressing: index + 1, 0 empty */
	size_t n_slots;
};

#define FLEET_MAX_RULE_SETS 8

struct fleet_summary {
	enum fleet_dim by[FLEET_N_DIMS];
	size_t n_by;
	const struct diffusion *diff;  /* the H100 conversion and what counts towards a quota */
	bool quotas;                   /* keep the per-country table (--diffusion) */
	struct fleet_groups groups, countries;
	struct fleet_stats total;
	unsigned long scans, display_only, serial;
	char rule_sets[FLEET_MAX_RULE_SETS][24];   /* the rule sets the reports' verdicts used */
	size_t n_rule_sets;
	bool more_rule_sets;
};

void fleet_summary_init(struct fleet_summary *s, const enum fleet_dim *by, size_t n_by, const struct diffusion *d,
			bool quotas);
void fleet_summary_free(struct fleet_summary *s);
int fleet_summary_add(struct fleet_summary *s, const struct fleet_scan *scan, struct tpp_error *err);
/* The groups sorted by their values (pointers into s); NULL on out of memory. */
const struct fleet_group **fleet_groups_sorted(const struct fleet_groups *g);

/* One country's standing against its Diffusion quota. */
struct fleet_quota {
	const char *country;           /* "" when the reports gave none */
	const struct diffusion_tier *tier;   /* NULL without a country */
	const char *uncertain;         /* why the tier is uncertain, or NULL */
	double h100e;                  /* counted TPP / the H100 TPP */
	bool has_share;
	double share;                  /* counted TPP / cap, Tier 2 only */
};
void fleet_quota_of(const struct fleet_summary *s, const struct fleet_group *country, struct fleet_quota *out);
double fleet_h100e(const struct fleet_summary *s, double tpp);

#endif
