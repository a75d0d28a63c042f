/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/diffusion.h"

#include <stdlib.h>
#include <string.h>

static bool listed(const struct diffusion_tier *t, const char *cc)
{
	for (size_t i = 0; i < t->n_countries; i++)
		if (!strcmp(t->countries[i], cc))
			return true;
	return false;
}

/* Every country in `group` on the date joins the tier. A membership the
 * data holds with low confidence makes the tier uncertain; "medium" is the
 * baseline of lists cross-checked but not read in the eCFR table, and would
 * mark every member. */
static int add_group(struct diffusion *d, struct diffusion_tier *t, const char *group, struct tpp_error *err)
{
	const struct dest_data *dest = d->dest;
	for (size_t i = 0; i < dest->n_members; i++) {
		const struct dest_membership *m = &dest->members[i], *row = NULL;
		if (strcmp(m->group, group) || listed(t, m->country) || !dest_in_group(dest, m->country, group, d->date, &row))
			continue;
		const char **grown = realloc(t->countries, (t->n_countries + 1) * sizeof(*grown));
		if (!grown) {
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
		t->countries = grown;
		t->countries[t->n_countries++] = row->country;
		if (row->confidence && !strcmp(row->confidence, "low")) {
			char why[600];
			snprintf(why, sizeof(why), "%s in %s with low confidence%s%s", row->country, group,
				 row->note ? ": " : "", row->note ? row->note : "");
			if (!t->uncertain && !(t->uncertain = json_object())) {
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				return -1;
			}
			json_object_set_new(t->uncertain, row->country, json_string(why));
		}
	}
	return 0;
}

static int build_tiers(struct diffusion *d, const struct lic_data *l, struct tpp_error *err)
{
	d->n_tiers = 3;
	for (int i = 0; i < 3; i++)
		d->tiers[i] = (struct diffusion_tier){ .tier = i + 1, .quota = l->tier[i].reason,
						       .source = l->tier[i].citation };
	struct diffusion_tier *two = &d->tiers[1];
	two->is_default = true;
	two->has_cap = true;
	two->cap_tpp = l->country_cap.value;
	two->period = l->country_cap.period;
	two->reading = l->country_cap.text;
	two->source = l->country_cap.citation;
	two->confidence = l->country_cap.confidence;
	if (add_group(d, &d->tiers[0], l->tier1_group, err))
		return -1;
	for (size_t i = 0; i < json_array_size(l->tier3_groups); i++)
		if (add_group(d, &d->tiers[2], json_string_value(json_array_get(l->tier3_groups, i)), err))
			return -1;
	return 0;
}

int diffusion_build(struct diffusion *d, const struct lic_data *l, const struct dest_data *dest, tpp_date date,
		    struct tpp_error *err)
{
	*d = (struct diffusion){ .date = date, .dest = dest };
	if (!l->loaded || !dest->loaded) {
		tpp_error_set(err, TPP_EX_NOINPUT, "the AI Diffusion figures need destinations/licence.json and "
			      "destinations/country-groups.json in the data");
		return -1;
	}
	d->file = "destinations/licence.json";
	d->id = "ai-diffusion";
	d->citation = l->diffusion_citation;
	d->status = l->diffusion_status;
	d->h100_tpp = l->h100e.value;
	d->h100_derivation = l->h100e.text;
	d->h100_source = l->h100e.citation;
	d->counted_reading = l->counted_reading;
	d->counted_source = l->counted_citation;
	d->n_counted = json_array_size(l->diffusion_tiers);
	if (!(d->counted = calloc(d->n_counted ? d->n_counted : 1, sizeof(*d->counted)))) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < d->n_counted; i++)
		d->counted[i] = json_string_value(json_array_get(l->diffusion_tiers, i));
	if (build_tiers(d, l, err)) {
		diffusion_free(d);
		return -1;
	}
	return 0;
}

void diffusion_free(struct diffusion *d)
{
	for (size_t i = 0; i < d->n_tiers; i++) {
		free(d->tiers[i].countries);
		json_decref(d->tiers[i].uncertain);
	}
	free(d->counted);
	*d = (struct diffusion){ 0 };
}

const struct diffusion_tier *diffusion_tier_of(const struct diffusion *d, const char *country)
{
	char cc[3];
	if (!country || !*country || !dest_canonical(d->dest, country, cc, NULL))
		return NULL;
	for (size_t i = 0; i < d->n_tiers; i++)
		if (listed(&d->tiers[i], cc))
			return &d->tiers[i];
	for (size_t i = 0; i < d->n_tiers; i++)
		if (d->tiers[i].is_default)
			return &d->tiers[i];
	return NULL;
}

/* An alias (HK read as CN) is said as well: the tier is China's. */
const char *diffusion_uncertain(const struct diffusion *d, const struct diffusion_tier *t, const char *country)
{
	char cc[3];
	const char *alias = NULL;
	if (!t || !country || !dest_canonical(d->dest, country, cc, &alias))
		return NULL;
	json_t *v = t->uncertain ? json_object_get(t->uncertain, cc) : NULL;
	return json_is_string(v) ? json_string_value(v) : alias;
}

bool diffusion_counts(const struct diffusion *d, const char *eccn)
{
	for (size_t i = 0; eccn && i < d->n_counted; i++)
		if (!strcmp(d->counted[i], eccn))
			return true;
	return false;
}
