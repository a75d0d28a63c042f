/* Loading destinations/licence.json: regimes of ordered rows, overlays and
 * the AI Diffusion tiers, each with its citation.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "classify/licence.h"
#include "core/jsonv.h"

#define LICENCE_FILE "licence.json"

struct lic_parse {
	struct jv c;
	struct lic_data *l;
	const struct dest_data *d;
	json_t *sources;
};

static void *lic_alloc(struct lic_parse *x, size_t n, size_t size)
{
	void **a = realloc(x->l->allocs, (x->l->n_allocs + 1) * sizeof(*a));
	void *p = a ? calloc(n ? n : 1, size) : NULL;
	if (a)
		x->l->allocs = a;
	if (!p) {
		tpp_error_set(x->c.err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	x->l->allocs[x->l->n_allocs++] = p;
	return p;
}

/* The titles of the cited sources, joined: every key must be defined. */
static const char *citation(struct lic_parse *x, json_t *o, const char *path)
{
	json_t *s = json_object_get(o, "source");
	json_t *one = json_is_string(s) ? json_pack("[O]", s) : json_incref(s);
	if (!json_is_array(one) || !json_array_size(one)) {
		json_decref(one);
		jv_fail(&x->c, path, "needs a \"source\" (a key of \"sources\" or an array of them)");
		return NULL;
	}
	size_t len = 1;
	for (size_t i = 0; i < json_array_size(one); i++) {
		const char *k = json_string_value(json_array_get(one, i));
		json_t *src = k ? json_object_get(x->sources, k) : NULL;
		if (!src) {
			jv_fail(&x->c, path, "source '%s' is not defined in \"sources\"", k ? k : "?");
			json_decref(one);
			return NULL;
		}
		len += strlen(json_string_value(json_object_get(src, "title"))) + 2;
	}
	char *out = lic_alloc(x, len, 1);
	for (size_t i = 0; out && i < json_array_size(one); i++) {
		json_t *src = json_object_get(x->sources, json_string_value(json_array_get(one, i)));
		if (i)
			strcat(out, "; ");
		strcat(out, json_string_value(json_object_get(src, "title")));
	}
	json_decref(one);
	return out;
}

/* Group names must be groups of country-groups.json. */
static bool check_groups(struct lic_parse *x, json_t *arr, const char *path)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *g = json_string_value(json_array_get(arr, i));
		if (!g || !dest_group(x->d, g)) {
			jv_fail(&x->c, path, "'%s' is not a group of destinations/country-groups.json", g ? g : "?");
			return false;
		}
	}
	return true;
}

static bool parse_when(struct lic_parse *x, json_t *o, const char *path, struct lic_when *w)
{
	static const char *const keys[] = { "tier", "dest_in", "dest_not_in", "dest_is", "hq_in", "hq_not_in", "ship",
		"exception", "review_met", "datacenter", "any", NULL };
	char p[256];
	*w = (struct lic_when){ .datacenter = -1 };
	if (!json_is_object(o)) {
		jv_fail(&x->c, path, "must be an object of conditions");
		return false;
	}
	jv_only_keys(&x->c, o, path, keys);
	json_t **arrays[] = { &w->tier, &w->dest_in, &w->dest_not_in, &w->dest_is, &w->hq_in, &w->hq_not_in, &w->ship };
	const char *names[] = { "tier", "dest_in", "dest_not_in", "dest_is", "hq_in", "hq_not_in", "ship" };
	for (size_t i = 0; i < 7; i++) {
		*arrays[i] = jv_array(&x->c, o, path, names[i], false);
		bool groups = i == 1 || i == 2 || i == 4 || i == 5;
		if (*arrays[i] && groups && !check_groups(x, *arrays[i], jv_key_path(p, sizeof(p), path, names[i])))
			return false;
	}
	w->exception = jv_string(&x->c, o, path, "exception", false);
	w->review_met = jv_string(&x->c, o, path, "review_met", false);
	bool dc;
	if (jv_bool(&x->c, o, path, "datacenter", false, &dc))
		w->datacenter = dc;
	json_t *any = jv_array(&x->c, o, path, "any", false);
	if (any) {
		w->any = lic_alloc(x, json_array_size(any), sizeof(*w->any));
		for (size_t i = 0; w->any && i < json_array_size(any); i++, w->n_any++)
			if (!parse_when(x, json_array_get(any, i), jv_index_path(p, sizeof(p), path, i), &w->any[i]))
				return false;
	}
	return !jv_failed(&x->c);
}

static bool parse_result(struct lic_parse *x, json_t *o, const char *path, struct lic_result *r)
{
	static const char *const keys[] = { "required", "policy", "exception", "notification", NULL };
	static const char *const policies[] = { "denial", "approval", "case-by-case", NULL };
	json_t *res = jv_object(&x->c, o, path, "result", true);
	char p[256];
	jv_key_path(p, sizeof(p), path, "result");
	if (!res)
		return false;
	jv_only_keys(&x->c, res, p, keys);
	bool req = false;
	jv_bool(&x->c, res, p, "required", true, &req);
	r->required = req;
	r->policy = jv_string(&x->c, res, p, "policy", false);
	r->exception = jv_string(&x->c, res, p, "exception", false);
	jv_bool(&x->c, res, p, "notification", false, &r->notification);
	bool ok = !r->policy;
	for (const char *const *k = policies; *k && !ok; k++)
		ok = !strcmp(*k, r->policy);
	if (!ok)
		jv_fail(&x->c, p, "policy '%s' is not denial, approval or case-by-case", r->policy);
	return !jv_failed(&x->c);
}

static bool parse_row(struct lic_parse *x, json_t *o, const char *path, struct lic_row *r)
{
	static const char *const keys[] = { "when", "result", "reason", "reading", "source", "conditions", NULL };
	char p[256];
	jv_only_keys(&x->c, o, path, keys);
	json_t *when = jv_object(&x->c, o, path, "when", true);
	if (!when || !parse_when(x, when, jv_key_path(p, sizeof(p), path, "when"), &r->when) ||
	    !parse_result(x, o, path, &r->result))
		return false;
	r->reason = jv_string(&x->c, o, path, "reason", true);
	r->reading = jv_string(&x->c, o, path, "reading", false);
	r->conditions = jv_array(&x->c, o, path, "conditions", false);
	r->citation = citation(x, o, path);
	return !jv_failed(&x->c);
}

static bool parse_regimes(struct lic_parse *x, json_t *root)
{
	json_t *arr = jv_array(&x->c, root, "", "regimes", true);
	if (!arr || !(x->l->regimes = lic_alloc(x, json_array_size(arr), sizeof(*x->l->regimes))))
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		static const char *const keys[] = { "id", "title", "from", "until", "rows", NULL };
		char p[128], rp[192];
		json_t *o = json_array_get(arr, i);
		struct lic_regime *g = &x->l->regimes[x->l->n_regimes++];
		jv_index_path(p, sizeof(p), "regimes", i);
		jv_only_keys(&x->c, o, p, keys);
		g->id = jv_string(&x->c, o, p, "id", true);
		g->title = jv_string(&x->c, o, p, "title", true);
		jv_date(&x->c, o, p, "from", true, &g->from);
		g->has_until = jv_date(&x->c, o, p, "until", false, &g->until);
		json_t *rows = jv_array(&x->c, o, p, "rows", true);
		if (!rows || !(g->rows = lic_alloc(x, json_array_size(rows), sizeof(*g->rows))))
			return false;
		jv_key_path(rp, sizeof(rp), p, "rows");
		for (size_t k = 0; k < json_array_size(rows); k++, g->n_rows++)
			if (!parse_row(x, json_array_get(rows, k), jv_index_path(p, sizeof(p), rp, k), &g->rows[k]))
				return false;
	}
	return !jv_failed(&x->c);
}

static bool parse_crit(struct lic_parse *x, json_t *o, const char *path, struct lic_crit *c, int depth)
{
	char p[256];
	json_t *v;
	if (depth > 4 || !json_is_object(o)) {
		jv_fail(&x->c, path, "must be a criterion object (nested at most 4 deep)");
		return false;
	}
	if ((v = json_object_get(o, "any")) || (v = json_object_get(o, "all"))) {
		c->kind = json_object_get(o, "any") ? CRIT_ANY : CRIT_ALL;
		c->kids = lic_alloc(x, json_array_size(v), sizeof(*c->kids));
		for (size_t i = 0; c->kids && i < json_array_size(v); i++, c->n_kids++)
			if (!parse_crit(x, json_array_get(v, i), jv_index_path(p, sizeof(p), path, i), &c->kids[i], depth + 1))
				return false;
		return c->kids && c->n_kids;
	}
	static const char *const params[] = { "tpp", "dram_bw_gbps", "io_bidir_gbps", "c2c_gbps", "dram_plus_io_gbps", NULL };
	c->kind = CRIT_CMP;
	c->param = jv_string(&x->c, o, path, "param", true);
	c->op = jv_string(&x->c, o, path, "op", true);
	jv_number(&x->c, o, path, "value", true, &c->value);
	if (jv_failed(&x->c))
		return false;
	bool ok = false;
	for (const char *const *k = params; *k && !ok; k++)
		ok = !strcmp(*k, c->param);
	if (!ok || (strcmp(c->op, ">=") && strcmp(c->op, "<=")))
		jv_fail(&x->c, path, "criterion %s %s: a parameter of tpp, dram_bw_gbps, io_bidir_gbps, c2c_gbps, "
			"dram_plus_io_gbps and an operator >= or <=", c->param, c->op);
	return !jv_failed(&x->c);
}

static bool parse_overlay(struct lic_parse *x, json_t *o, const char *p, struct lic_overlay *v)
{
	static const char *const keys[] = { "id", "kind", "title", "from", "until", "vendor", "parts", "criteria",
		"where", "result", "reason", "reading", "source", "confidence", NULL };
	char sub[192];
	jv_only_keys(&x->c, o, p, keys);
	v->id = jv_string(&x->c, o, p, "id", true);
	v->kind = jv_string(&x->c, o, p, "kind", true);
	v->title = jv_string(&x->c, o, p, "title", true);
	v->vendor = jv_string(&x->c, o, p, "vendor", false);
	v->reason = jv_string(&x->c, o, p, "reason", true);
	v->reading = jv_string(&x->c, o, p, "reading", false);
	v->confidence = jv_string(&x->c, o, p, "confidence", false);
	jv_date(&x->c, o, p, "from", true, &v->from);
	v->has_until = jv_date(&x->c, o, p, "until", false, &v->until);
	v->parts = jv_array(&x->c, o, p, "parts", false);
	v->citation = citation(x, o, p);
	if (jv_failed(&x->c))
		return false;
	if (strcmp(v->kind, "licence") && strcmp(v->kind, "advisory")) {
		jv_fail(&x->c, p, "kind '%s' is not licence or advisory", v->kind);
		return false;
	}
	json_t *crit = json_object_get(o, "criteria"), *where = json_object_get(o, "where");
	if (crit && (!(v->criteria = lic_alloc(x, 1, sizeof(*v->criteria))) ||
		     !parse_crit(x, crit, jv_key_path(sub, sizeof(sub), p, "criteria"), v->criteria, 0)))
		return false;
	if (where && (!(v->where = lic_alloc(x, 1, sizeof(*v->where))) ||
		      !parse_when(x, where, jv_key_path(sub, sizeof(sub), p, "where"), v->where)))
		return false;
	return strcmp(v->kind, "licence") || parse_result(x, o, p, &v->result);
}

static bool parse_overlays(struct lic_parse *x, json_t *root)
{
	json_t *arr = jv_array(&x->c, root, "", "overlays", true);
	if (!arr || !(x->l->overlays = lic_alloc(x, json_array_size(arr), sizeof(*x->l->overlays))))
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++, x->l->n_overlays++) {
		char p[64];
		if (!parse_overlay(x, json_array_get(arr, i), jv_index_path(p, sizeof(p), "overlays", i),
				   &x->l->overlays[i]))
			return false;
	}
	return true;
}

static void parse_figure(struct lic_parse *x, json_t *q, const char *key, bool required, struct lic_figure *out)
{
	static const char *const keys[] = { "value", "derived", "note", "period", "source", "confidence", NULL };
	char p[96];
	jv_key_path(p, sizeof(p), "diffusion.quotas", key);
	json_t *o = jv_object(&x->c, q, "diffusion.quotas", key, required);
	if (!o)
		return;
	jv_only_keys(&x->c, o, p, keys);
	out->set = jv_number(&x->c, o, p, "value", true, &out->value);
	if (out->set && !(out->value > 0))
		jv_fail(&x->c, p, "value must be positive");
	out->text = jv_string(&x->c, o, p, "derived", false);
	if (!out->text)
		out->text = jv_string(&x->c, o, p, "note", false);
	out->period = jv_string(&x->c, o, p, "period", false);
	out->confidence = jv_string(&x->c, o, p, "confidence", false);
	out->citation = citation(x, o, p);
}

/* The figures a fleet summary's quota shares use (classify/diffusion.c). */
static bool parse_quotas(struct lic_parse *x, struct lic_data *l)
{
	static const char *const keys[] = { "h100_equivalent_tpp", "country_cap_tpp", "lpp_tpp_per_consignee_year",
		"counted", NULL };
	jv_only_keys(&x->c, l->quotas, "diffusion.quotas", keys);
	parse_figure(x, l->quotas, "h100_equivalent_tpp", true, &l->h100e);
	parse_figure(x, l->quotas, "country_cap_tpp", true, &l->country_cap);
	parse_figure(x, l->quotas, "lpp_tpp_per_consignee_year", false, &l->lpp);
	json_t *c = jv_object(&x->c, l->quotas, "diffusion.quotas", "counted", true);
	if (c) {
		static const char *const ckeys[] = { "reading", "source", NULL };
		jv_only_keys(&x->c, c, "diffusion.quotas.counted", ckeys);
		l->counted_reading = jv_string(&x->c, c, "diffusion.quotas.counted", "reading", true);
		l->counted_citation = citation(x, c, "diffusion.quotas.counted");
	}
	for (size_t i = 0; !jv_failed(&x->c) && i < json_array_size(l->diffusion_tiers); i++)
		if (!json_is_string(json_array_get(l->diffusion_tiers, i)))
			jv_fail(&x->c, "diffusion.tiers", "must list ECCN strings");
	return !jv_failed(&x->c);
}

static bool parse_diffusion(struct lic_parse *x, json_t *root)
{
	static const char *const keys[] = { "title", "from", "source", "status", "tier1_group", "tier3_groups", "tiers",
		"tier1", "tier2", "tier3", "quotas", NULL };
	json_t *o = jv_object(&x->c, root, "", "diffusion", true);
	if (!o)
		return false;
	struct lic_data *l = x->l;
	jv_only_keys(&x->c, o, "diffusion", keys);
	jv_date(&x->c, o, "diffusion", "from", true, &l->diffusion_from);
	l->diffusion_status = jv_string(&x->c, o, "diffusion", "status", true);
	l->tier1_group = jv_string(&x->c, o, "diffusion", "tier1_group", true);
	l->tier3_groups = jv_array(&x->c, o, "diffusion", "tier3_groups", true);
	l->diffusion_tiers = jv_array(&x->c, o, "diffusion", "tiers", true);
	l->quotas = jv_object(&x->c, o, "diffusion", "quotas", true);
	l->diffusion_citation = citation(x, o, "diffusion");
	if (jv_failed(&x->c) || !check_groups(x, l->tier3_groups, "diffusion.tier3_groups") || !parse_quotas(x, l))
		return false;
	if (!dest_group(x->d, l->tier1_group)) {
		jv_fail(&x->c, "diffusion.tier1_group", "'%s' is not a group of destinations/country-groups.json",
			l->tier1_group);
		return false;
	}
	static const char *const tiers[] = { "tier1", "tier2", "tier3" };
	for (int t = 0; t < 3; t++) {
		char p[64];
		jv_key_path(p, sizeof(p), "diffusion", tiers[t]);
		json_t *tr = jv_object(&x->c, o, "diffusion", tiers[t], true);
		if (!tr || !parse_result(x, tr, p, &l->tier[t].result))
			return false;
		l->tier[t].reason = jv_string(&x->c, tr, p, "reason", true);
		l->tier[t].citation = citation(x, tr, p);
	}
	return !jv_failed(&x->c);
}

int lic_load(struct lic_data *l, const struct data_set *ds, const struct dest_data *d, struct tpp_error *err)
{
	*l = (struct lic_data){ 0 };
	const struct data_file *files[8];
	size_t n = data_set_select(ds, "destinations", files, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const char *base = strrchr(files[i]->path, '/');
		if (strcmp(base ? base + 1 : files[i]->path, LICENCE_FILE))
			continue;
		struct lic_parse x = { .c = { files[i]->path, err }, .l = l, .d = d };
		json_t *root = jv_parse(&x.c, files[i]->data, files[i]->len);
		if (!root)
			return -1;
		l->root = root;
		static const char *const keys[] = { "schema", "revised", "note", "sources", "regimes", "overlays",
			"diffusion", NULL };
		jv_only_keys(&x.c, root, "", keys);
		x.sources = jv_object(&x.c, root, "", "sources", true);
		if (jv_failed(&x.c) || !d->loaded) {
			if (!d->loaded)
				tpp_error_set(err, TPP_EX_DATAERR, "%s: needs destinations/country-groups.json", files[i]->path);
			lic_free(l);
			return -1;
		}
		if (!parse_regimes(&x, root) || !parse_overlays(&x, root) || !parse_diffusion(&x, root)) {
			lic_free(l);
			return -1;
		}
		l->loaded = true;
	}
	return 0;
}

void lic_free(struct lic_data *l)
{
	for (size_t i = 0; i < l->n_allocs; i++)
		free(l->allocs[i]);
	free(l->allocs);
	json_decref(l->root);
	*l = (struct lic_data){ 0 };
}
