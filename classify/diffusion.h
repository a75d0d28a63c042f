/* The AI Diffusion rule's figures a fleet summary needs, as data
 * (fleet/diffusion.json): the H100-equivalent conversion (TPP / 15,832),
 * which ECCNs count towards a country's quota, the country tiers and the
 * Tier-2 cap. The rule was published and is not enforced; the file says so
 * and every output that uses it repeats it. The licence layer will carry
 * country groups; until then this file is the one place they live.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DIFFUSION_H
#define TPP_DIFFUSION_H

#include <jansson.h>
#include <stdbool.h>

#include "core/datafiles.h"
#include "core/error.h"

struct diffusion_tier {
	int tier;
	const char **countries;
	size_t n_countries;
	bool is_default;          /* every country not listed elsewhere */
	bool has_cap;
	double cap_tpp;
	const char *period, *quota, *reading, *source;
	json_t *uncertain;        /* country -> why its tier is uncertain */
};

struct diffusion {
	const char *file, *id, *title, *citation, *status, *status_source, *note;
	double h100_tpp;
	const char *h100_derivation, *h100_source;
	const char **counted;     /* ECCNs whose TPP counts towards a quota */
	size_t n_counted;
	const char *counted_source, *counted_reading;
	struct diffusion_tier *tiers;
	size_t n_tiers;
	json_t *root;
};

/* fleet/diffusion.json of the data set: 66 when absent, 65 when malformed. */
int diffusion_load(struct diffusion *d, const struct data_set *ds, struct tpp_error *err);
int diffusion_parse(struct diffusion *d, const char *file, const char *data, size_t len, struct tpp_error *err);
void diffusion_free(struct diffusion *d);
/* The tier of a country (ISO alpha-2); NULL for "" (no country given). */
const struct diffusion_tier *diffusion_tier_of(const struct diffusion *d, const char *country);
/* Why the tier of `country` is uncertain, or NULL. */
const char *diffusion_uncertain(const struct diffusion_tier *t, const char *country);
/* Whether a device with this ECCN counts towards its country's quota. */
bool diffusion_counts(const struct diffusion *d, const char *eccn);

#endif
