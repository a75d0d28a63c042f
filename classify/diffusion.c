/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/diffusion.h"

#include <stdlib.h>
#include <string.h>

#include "core/fleet_record.h"
#include "core/jsonv.h"

static const char **string_list(struct jv *c, json_t *arr, const char *path, size_t *n)
{
	char p[128];
	*n = json_array_size(arr);
	const char **out = calloc(*n ? *n : 1, sizeof(*out));
	if (!out) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < *n; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v))
			jv_fail(c, jv_index_path(p, sizeof(p), path, i), "must be a string");
		else
			out[i] = json_string_value(v);
	}
	return out;
}

static void parse_tier(struct jv *c, json_t *t, const char *path, struct diffusion_tier *out)
{
	static const char *const keys[] = { "tier", "countries", "uncertain", "default", "cap_tpp", "period",
		"quota", "reading", "source", NULL };
	double v;
	jv_only_keys(c, t, path, keys);
	if (jv_number(c, t, path, "tier", true, &v))
		out->tier = (int)v;
	jv_bool(c, t, path, "default", false, &out->is_default);
	out->has_cap = jv_number(c, t, path, "cap_tpp", false, &out->cap_tpp);
	out->period = jv_string(c, t, path, "period", false);
	out->quota = jv_string(c, t, path, "quota", false);
	out->reading = jv_string(c, t, path, "reading", false);
	out->source = jv_string(c, t, path, "source", true);
	out->uncertain = jv_object(c, t, path, "uncertain", false);
	char p[128];
	json_t *list = jv_array(c, t, path, "countries", !out->is_default);
	if (list)
		out->countries = string_list(c, list, jv_key_path(p, sizeof(p), path, "countries"), &out->n_countries);
	char cc[3];
	for (size_t i = 0; !jv_failed(c) && i < out->n_countries; i++)
		if (fleet_check_country(out->countries[i], cc) || strcmp(cc, out->countries[i]))
			jv_fail(c, jv_key_path(p, sizeof(p), path, "countries"), "'%s' is not an upper-case ISO 3166-1 code",
				out->countries[i]);
	if (out->has_cap && out->cap_tpp <= 0)
		jv_fail(c, jv_key_path(p, sizeof(p), path, "cap_tpp"), "must be positive");
}

static void parse_body(struct jv *c, struct diffusion *d)
{
	static const char *const keys[] = { "id", "title", "citation", "fr_document", "published", "revised",
		"status", "status_source", "note", "h100_equivalent", "counted", "tiers", NULL };
	json_t *r = d->root;
	jv_only_keys(c, r, "", keys);
	d->id = jv_string(c, r, "", "id", true);
	d->title = jv_string(c, r, "", "title", true);
	d->citation = jv_string(c, r, "", "citation", true);
	d->status = jv_string(c, r, "", "status", true);
	d->status_source = jv_string(c, r, "", "status_source", true);
	d->note = jv_string(c, r, "", "note", false);
	json_t *h = jv_object(c, r, "", "h100_equivalent", true);
	if (jv_number(c, h, "h100_equivalent", "tpp", true, &d->h100_tpp) && d->h100_tpp <= 0)
		jv_fail(c, "h100_equivalent.tpp", "must be positive");
	d->h100_derivation = jv_string(c, h, "h100_equivalent", "derivation", true);
	d->h100_source = jv_string(c, h, "h100_equivalent", "source", true);
	json_t *k = jv_object(c, r, "", "counted", true);
	json_t *eccns = jv_array(c, k, "counted", "eccns", true);
	if (eccns)
		d->counted = string_list(c, eccns, "counted.eccns", &d->n_counted);
	d->counted_source = jv_string(c, k, "counted", "source", true);
	d->counted_reading = jv_string(c, k, "counted", "reading", true);
	json_t *tiers = jv_array(c, r, "", "tiers", true);
	d->n_tiers = json_array_size(tiers);
	if (!jv_failed(c) && !(d->tiers = calloc(d->n_tiers ? d->n_tiers : 1, sizeof(*d->tiers))))
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
	size_t defaults = 0;
	for (size_t i = 0; !jv_failed(c) && i < d->n_tiers; i++) {
		char p[64];
		parse_tier(c, json_array_get(tiers, i), jv_index_path(p, sizeof(p), "tiers", i), &d->tiers[i]);
		defaults += d->tiers[i].is_default;
	}
	if (!jv_failed(c) && defaults != 1)
		jv_fail(c, "tiers", "exactly one tier must be the default (\"default\": true)");
}

int diffusion_parse(struct diffusion *d, const char *file, const char *data, size_t len, struct tpp_error *err)
{
	*d = (struct diffusion){ .file = file };
	struct jv c = { .file = file, .err = err };
	if (!(d->root = jv_parse(&c, data, len)))
		return -1;
	parse_body(&c, d);
	if (jv_failed(&c)) {
		diffusion_free(d);
		return -1;
	}
	return 0;
}

int diffusion_load(struct diffusion *d, const struct data_set *ds, struct tpp_error *err)
{
	const struct data_file *files[8];
	size_t n = data_set_select(ds, "fleet", files, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const char *b = strrchr(files[i]->path, '/');
		if (b && !strcmp(b + 1, "diffusion.json"))
			return diffusion_parse(d, files[i]->path, files[i]->data, files[i]->len, err);
	}
	tpp_error_set(err, TPP_EX_NOINPUT, "%s%sfleet/diffusion.json: missing (the H100-equivalent and quota figures)",
		      strcmp(ds->origin, "embedded") ? ds->origin : "", strcmp(ds->origin, "embedded") ? "/" : "");
	return -1;
}

void diffusion_free(struct diffusion *d)
{
	for (size_t i = 0; d->tiers && i < d->n_tiers; i++)
		free(d->tiers[i].countries);
	free(d->tiers);
	free(d->counted);
	json_decref(d->root);
	*d = (struct diffusion){ 0 };
}

const struct diffusion_tier *diffusion_tier_of(const struct diffusion *d, const char *country)
{
	if (!country || !*country)
		return NULL;
	const struct diffusion_tier *def = NULL;
	for (size_t i = 0; i < d->n_tiers; i++) {
		const struct diffusion_tier *t = &d->tiers[i];
		if (t->is_default)
			def = t;
		for (size_t k = 0; k < t->n_countries; k++)
			if (!strcmp(t->countries[k], country))
				return t;
	}
	return def;
}

const char *diffusion_uncertain(const struct diffusion_tier *t, const char *country)
{
	json_t *v = t && t->uncertain ? json_object_get(t->uncertain, country) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

bool diffusion_counts(const struct diffusion *d, const char *eccn)
{
	for (size_t i = 0; eccn && i < d->n_counted; i++)
		if (!strcmp(d->counted[i], eccn))
			return true;
	return false;
}
