/* The AI Diffusion rule's figures a fleet summary needs, taken from the
 * licence data (destinations/licence.json "diffusion") and the country
 * groups in force on a date: the H100-equivalent conversion (TPP / 15,832),
 * which ECCNs count towards a country's quota, the tiers (Tier 1 the
 * AI-TIER1 group, Tier 3 D:5 and Macau, Tier 2 every other country) and
 * the Tier-2 cap. The rule was published and is not enforced; the data
 * says so and every output that uses it repeats it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DIFFUSION_H
#define TPP_DIFFUSION_H

#include <jansson.h>
#include <stdbool.h>

#include "classify/destinations.h"
#include "classify/licence.h"
#include "core/date.h"
#include "core/error.h"

struct diffusion_tier {
	int tier;
	const char **countries;   /* members on the date (Tier 2: none, it is the default) */
	size_t n_countries;
	bool is_default;          /* every country not in another tier */
	bool has_cap;
	double cap_tpp;
	const char *period, *quota, *reading, *source;
	const char *confidence;   /* of the cap figure, NULL when the data gives none */
	json_t *uncertain;        /* country -> why its tier is uncertain (owned) */
};

struct diffusion {
	const char *file, *id, *citation, *status;
	tpp_date date;            /* the day the country groups are taken on */
	double h100_tpp;
	const char *h100_derivation, *h100_source;
	const char **counted;     /* ECCNs whose TPP counts towards a quota */
	size_t n_counted;
	const char *counted_source, *counted_reading;
	struct diffusion_tier tiers[3];
	size_t n_tiers;
	const struct dest_data *dest;
};

/* The figures from loaded licence data, tiers as on `date`: 66 when the
 * data set has no licence data, 70 out of memory. */
int diffusion_build(struct diffusion *d, const struct lic_data *l, const struct dest_data *dest, tpp_date date,
		    struct tpp_error *err);
void diffusion_free(struct diffusion *d);
/* The tier of a country (ISO alpha-2, any case, aliases such as HK for
 * China); NULL for "" (no country given) or a code the data does not know. */
const struct diffusion_tier *diffusion_tier_of(const struct diffusion *d, const char *country);
/* Why the tier of `country` is uncertain, or NULL. */
const char *diffusion_uncertain(const struct diffusion *d, const struct diffusion_tier *t, const char *country);
/* Whether a device with this ECCN counts towards its country's quota. */
bool diffusion_counts(const struct diffusion *d, const char *eccn);

#endif
