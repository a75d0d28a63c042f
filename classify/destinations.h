/* Country groups as dated data (destinations/country-groups.json): which
 * group a country is in on a date, ISO 3166-1 codes and their aliases.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESTINATIONS_H
#define TPP_DESTINATIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/datafiles.h"
#include "core/date.h"
#include "core/error.h"

struct dest_country {
	char code[3];
	const char *name;
};

struct dest_membership {
	const char *group;
	char country[3];
	bool has_from, has_until;
	tpp_date from, until;     /* holds when from <= date < until */
	const char *confidence;   /* "high", "medium", "low" */
	const char *note;
	json_t *row;              /* the row as written (sources, dates) */
};

struct dest_group {
	const char *id, *title;
};

struct dest_data {
	bool loaded;              /* false: the data set has no destinations/ files */
	struct dest_country *countries;
	size_t n_countries;
	struct { char code[3], as[3]; const char *reason; } *aliases;
	size_t n_aliases;
	struct dest_group *groups;
	size_t n_groups;
	struct dest_membership *members;
	size_t n_members;
	json_t *root;             /* strings point into it */
	json_t *sources;          /* key -> {title, url, ...} */
};

/* Load destinations/country-groups.json when the data set has one. */
int dest_load(struct dest_data *d, const struct data_set *ds, struct tpp_error *err);
void dest_free(struct dest_data *d);

/* A country code as typed ("cn", "HK") to its canonical code ("CN"), via
 * aliases (Hong Kong is treated as China); NULL when it is not a
 * two-letter ISO 3166-1 code the data knows. `alias` reports the rewrite. */
const char *dest_canonical(const struct dest_data *d, const char *typed, char out[3], const char **alias);
const char *dest_country_name(const struct dest_data *d, const char *code);
const struct dest_group *dest_group(const struct dest_data *d, const char *id);
/* Whether the country is in the group on the date; the membership row is
 * returned through `row` (for its confidence and source). */
bool dest_in_group(const struct dest_data *d, const char *code, const char *group, tpp_date date,
		   const struct dest_membership **row);

#endif
