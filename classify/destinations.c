/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/destinations.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonv.h"

#define GROUPS_FILE "country-groups.json"

static bool is_code(const char *s)
{
	return s && strlen(s) == 2 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]);
}

static bool parse_countries(struct jv *c, struct dest_data *d, json_t *root)
{
	json_t *arr = jv_array(c, root, "", "countries", true);
	if (!arr)
		return false;
	d->countries = calloc(json_array_size(arr) + 1, sizeof(*d->countries));
	if (!d->countries) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return false;
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char p[64];
		jv_index_path(p, sizeof(p), "countries", i);
		json_t *o = json_array_get(arr, i);
		const char *code = jv_string(c, o, p, "code", true);
		const char *name = jv_string(c, o, p, "name", true);
		if (jv_failed(c))
			return false;
		if (!is_code(code)) {
			jv_fail(c, p, "'%s' is not an ISO 3166-1 alpha-2 code (two capital letters)", code);
			return false;
		}
		memcpy(d->countries[d->n_countries].code, code, 3);
		d->countries[d->n_countries++].name = name;
	}
	return true;
}

static bool known(const struct dest_data *d, const char *code)
{
	for (size_t i = 0; i < d->n_countries; i++)
		if (!strcmp(d->countries[i].code, code))
			return true;
	return false;
}

static bool parse_aliases_groups(struct jv *c, struct dest_data *d, json_t *root)
{
	json_t *al = jv_array(c, root, "", "aliases", true);
	json_t *gr = jv_array(c, root, "", "groups", true);
	if (!al || !gr)
		return false;
	d->aliases = calloc(json_array_size(al) + 1, sizeof(*d->aliases));
	d->groups = calloc(json_array_size(gr) + 1, sizeof(*d->groups));
	if (!d->aliases || !d->groups) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return false;
	}
	for (size_t i = 0; i < json_array_size(al); i++) {
		char p[64];
		jv_index_path(p, sizeof(p), "aliases", i);
		json_t *o = json_array_get(al, i);
		const char *code = jv_string(c, o, p, "code", true), *as = jv_string(c, o, p, "as", true);
		const char *reason = jv_string(c, o, p, "reason", true);
		if (jv_failed(c))
			return false;
		if (!is_code(code) || !known(d, as)) {
			jv_fail(c, p, "alias %s -> %s: both must be ISO codes listed in countries", code, as);
			return false;
		}
		memcpy(d->aliases[d->n_aliases].code, code, 3);
		memcpy(d->aliases[d->n_aliases].as, as, 3);
		d->aliases[d->n_aliases++].reason = reason;
	}
	for (size_t i = 0; i < json_array_size(gr); i++) {
		char p[64];
		jv_index_path(p, sizeof(p), "groups", i);
		json_t *o = json_array_get(gr, i);
		d->groups[d->n_groups].id = jv_string(c, o, p, "id", true);
		d->groups[d->n_groups++].title = jv_string(c, o, p, "title", true);
	}
	return !jv_failed(c);
}

static bool parse_member_row(struct jv *c, struct dest_data *d, json_t *o, const char *p)
{
	const char *group = jv_string(c, o, p, "group", true);
	json_t *list = jv_array(c, o, p, "countries", true);
	struct dest_membership m = { .group = group, .row = o };
	m.has_from = jv_date(c, o, p, "from", false, &m.from);
	m.has_until = jv_date(c, o, p, "until", false, &m.until);
	m.confidence = jv_string(c, o, p, "confidence", true);
	m.note = jv_string(c, o, p, "note", false);
	if (jv_failed(c))
		return false;
	if (!dest_group(d, group)) {
		jv_fail(c, p, "group '%s' is not listed in groups", group);
		return false;
	}
	struct dest_membership *grown = realloc(d->members, (d->n_members + json_array_size(list) + 1) * sizeof(m));
	if (!grown) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return false;
	}
	d->members = grown;
	for (size_t k = 0; k < json_array_size(list); k++) {
		const char *code = json_string_value(json_array_get(list, k));
		if (!code || !known(d, code)) {
			jv_fail(c, p, "countries[%zu]: '%s' is not a country listed in countries", k, code ? code : "?");
			return false;
		}
		memcpy(m.country, code, 3);
		d->members[d->n_members++] = m;
	}
	return true;
}

static int parse_file(struct dest_data *d, const struct data_file *df, struct tpp_error *err)
{
	struct jv c = { df->path, err };
	json_t *root = jv_parse(&c, df->data, df->len);
	if (!root)
		return -1;
	d->root = root;
	static const char *const keys[] = { "schema", "revised", "note", "sources", "countries", "aliases", "groups",
		"memberships", NULL };
	jv_only_keys(&c, root, "", keys);
	d->sources = jv_object(&c, root, "", "sources", true);
	if (jv_failed(&c) || !parse_countries(&c, d, root) || !parse_aliases_groups(&c, d, root))
		return -1;
	json_t *rows = jv_array(&c, root, "", "memberships", true);
	for (size_t i = 0; rows && i < json_array_size(rows); i++) {
		char p[64];
		if (!parse_member_row(&c, d, json_array_get(rows, i), jv_index_path(p, sizeof(p), "memberships", i)))
			return -1;
	}
	return jv_failed(&c) ? -1 : 0;
}

int dest_load(struct dest_data *d, const struct data_set *ds, struct tpp_error *err)
{
	*d = (struct dest_data){ 0 };
	const struct data_file *files[8];
	size_t n = data_set_select(ds, "destinations", files, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const char *base = strrchr(files[i]->path, '/');
		if (strcmp(base ? base + 1 : files[i]->path, GROUPS_FILE))
			continue;
		if (parse_file(d, files[i], err)) {
			dest_free(d);
			return -1;
		}
		d->loaded = true;
	}
	return 0;
}

void dest_free(struct dest_data *d)
{
	free(d->countries);
	free(d->aliases);
	free(d->groups);
	free(d->members);
	json_decref(d->root);
	*d = (struct dest_data){ 0 };
}

const char *dest_canonical(const struct dest_data *d, const char *typed, char out[3], const char **alias)
{
	if (alias)
		*alias = NULL;
	if (!typed || strlen(typed) != 2 || !isalpha((unsigned char)typed[0]) || !isalpha((unsigned char)typed[1]))
		return NULL;
	out[0] = (char)toupper((unsigned char)typed[0]);
	out[1] = (char)toupper((unsigned char)typed[1]);
	out[2] = '\0';
	for (size_t i = 0; i < d->n_aliases; i++)
		if (!strcmp(d->aliases[i].code, out)) {
			if (alias)
				*alias = d->aliases[i].reason;
			memcpy(out, d->aliases[i].as, 3);
			break;
		}
	return known(d, out) ? out : NULL;
}

const char *dest_country_name(const struct dest_data *d, const char *code)
{
	for (size_t i = 0; i < d->n_countries; i++)
		if (!strcmp(d->countries[i].code, code))
			return d->countries[i].name;
	return code;
}

const struct dest_group *dest_group(const struct dest_data *d, const char *id)
{
	for (size_t i = 0; i < d->n_groups; i++)
		if (!strcmp(d->groups[i].id, id))
			return &d->groups[i];
	return NULL;
}

bool dest_in_group(const struct dest_data *d, const char *code, const char *group, tpp_date date,
		   const struct dest_membership **row)
{
	for (size_t i = 0; i < d->n_members; i++) {
		const struct dest_membership *m = &d->members[i];
		if (strcmp(m->group, group) || strcmp(m->country, code))
			continue;
		if ((m->has_from && date < m->from) || (m->has_until && date >= m->until))
			continue;
		if (row)
			*row = m;
		return true;
	}
	return false;
}
