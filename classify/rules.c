/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonv.h"

#define MAX_COND_DEPTH 8   /* the texts nest two levels; deeper is a data error */

const char *rule_op_symbol(enum rule_op op)
{
	static const char *const s[] = { [OP_GE] = ">=", [OP_GT] = ">", [OP_LT] = "<",
		[OP_LE] = "<=", [OP_EQ] = "==" };
	return s[op];
}

bool rule_op_holds(double v, enum rule_op op, double t)
{
	switch (op) {
	case OP_GE: return v >= t;
	case OP_GT: return v > t;
	case OP_LT: return v < t;
	case OP_LE: return v <= t;
	case OP_EQ: return v == t;
	}
	return false;
}

static bool parse_op(const char *s, enum rule_op *op)
{
	for (int i = OP_GE; i <= OP_EQ; i++) {
		if (strcmp(s, rule_op_symbol((enum rule_op)i)) == 0) {
			*op = (enum rule_op)i;
			return true;
		}
	}
	return false;
}

static const char *const kind_names[] = {
	[PARA_CONTROL] = "control", [PARA_EXCLUSION] = "exclusion", [PARA_EXCEPTION] = "exception",
	[PARA_REVIEW] = "review", [PARA_PRESUMPTION] = "presumption", [PARA_SYSTEM] = "system",
};

const char *rule_para_kind_name(enum rule_para_kind k)
{
	return kind_names[k];
}

static void free_cond(struct rule_cond *c)
{
	for (size_t i = 0; i < c->n_kids; i++)
		free_cond(&c->kids[i]);
	free(c->kids);
	c->kids = NULL;
	c->n_kids = 0;
}

static void *xcalloc(struct jv *c, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
	return p;
}

static bool parse_cond(struct jv *c, struct ruleset *rs, json_t *j, const char *path,
		       struct rule_cond *out, int depth);

/* {"all": [...]} or {"any": [...]}; v is the array. */
static bool parse_cond_list(struct jv *c, struct ruleset *rs, json_t *j, json_t *v,
			    const char *path, struct rule_cond *out, int depth)
{
	char p[256];
	static const char *const keys[] = { "all", "any", NULL };
	if (!jv_only_keys(c, j, path, keys))
		return false;
	bool all = json_object_get(j, "all") != NULL;
	jv_key_path(p, sizeof(p), path, all ? "all" : "any");
	if (json_object_size(j) != 1 || !json_is_array(v) || json_array_size(v) < 1) {
		jv_fail(c, p, "must be a non-empty array of conditions, alone in its object");
		return false;
	}
	out->kind = all ? COND_ALL : COND_ANY;
	out->kids = xcalloc(c, json_array_size(v), sizeof(*out->kids));
	if (!out->kids)
		return false;
	for (size_t i = 0; i < json_array_size(v); i++) {
		char kp[256];
		out->n_kids = i + 1;
		if (!parse_cond(c, rs, json_array_get(v, i), jv_index_path(kp, sizeof(kp), p, i),
				&out->kids[i], depth + 1))
			return false;
	}
	return true;
}

/* {"param": ..., "op": ..., "value": ...}: a comparison against a declared parameter. */
static bool parse_cond_cmp(struct jv *c, struct ruleset *rs, json_t *j, const char *path,
			   struct rule_cond *out)
{
	char p[256];
	static const char *const keys[] = { "param", "op", "value", "wording", NULL };
	if (!jv_only_keys(c, j, path, keys))
		return false;
	const char *name = jv_string(c, j, path, "param", true);
	const char *op = jv_string(c, j, path, "op", true);
	if (!name || !op)
		return false;
	out->kind = COND_CMP;
	const struct rule_param *param = ruleset_param(rs, name, &out->param);
	if (!param) {
		jv_fail(c, jv_key_path(p, sizeof(p), path, "param"),
			"'%s' is not declared in \"parameters\"", name);
		return false;
	}
	if (!parse_op(op, &out->op)) {
		jv_fail(c, jv_key_path(p, sizeof(p), path, "op"),
			"unknown operator '%s' (use >=, >, <, <= or ==)", op);
		return false;
	}
	out->wording = jv_string(c, j, path, "wording", false);
	if (param->type == PARAM_BOOLEAN) {
		if (out->op != OP_EQ) {
			jv_fail(c, jv_key_path(p, sizeof(p), path, "op"),
				"boolean parameter '%s' takes only ==", name);
			return false;
		}
		return jv_bool(c, j, path, "value", true, &out->boolean);
	}
	if (!jv_number(c, j, path, "value", true, &out->number))
		return false;
	if (out->number < 0) {
		/* every quantity the rules compare (TPP, PD, GB/s, transistors, a year) is non-negative */
		jv_fail(c, jv_key_path(p, sizeof(p), path, "value"), "threshold %g is negative", out->number);
		return false;
	}
	return true;
}

static bool parse_cond(struct jv *c, struct ruleset *rs, json_t *j, const char *path,
		       struct rule_cond *out, int depth)
{
	char p[256];
	if (jv_failed(c))
		return false;
	if (!json_is_object(j)) {
		jv_fail(c, path, "a condition must be an object");
		return false;
	}
	if (depth > MAX_COND_DEPTH) {
		jv_fail(c, path, "conditions nested deeper than %d levels", MAX_COND_DEPTH);
		return false;
	}
	json_t *v;
	if ((v = json_object_get(j, "all")) || (v = json_object_get(j, "any")))
		return parse_cond_list(c, rs, j, v, path, out, depth);
	if ((v = json_object_get(j, "not"))) {
		static const char *const keys[] = { "not", NULL };
		if (!jv_only_keys(c, j, path, keys))
			return false;
		out->kind = COND_NOT;
		out->kids = xcalloc(c, 1, sizeof(*out->kids));
		if (!out->kids)
			return false;
		out->n_kids = 1;
		return parse_cond(c, rs, v, jv_key_path(p, sizeof(p), path, "not"), out->kids, depth + 1);
	}
	if (json_object_get(j, "ref")) {
		static const char *const keys[] = { "ref", "wording", NULL };
		if (!jv_only_keys(c, j, path, keys))
			return false;
		out->kind = COND_REF;
		out->ref = jv_string(c, j, path, "ref", true);
		out->wording = jv_string(c, j, path, "wording", false);
		return out->ref != NULL;   /* resolved once every paragraph is known */
	}
	return parse_cond_cmp(c, rs, j, path, out);
}

static bool parse_params(struct jv *c, struct ruleset *rs, json_t *root)
{
	json_t *params = jv_object(c, root, "", "parameters", true);
	if (!params)
		return false;
	rs->params = xcalloc(c, json_object_size(params), sizeof(*rs->params));
	if (!rs->params)
		return false;
	const char *name;
	json_t *pj;
	json_object_foreach(params, name, pj) {
		char path[256];
		static const char *const keys[] = { "type", "unit", "description", "source", "margins",
			"if_unknown", NULL };
		jv_key_path(path, sizeof(path), "parameters", name);
		struct rule_param *p = &rs->params[rs->n_params++];
		p->name = name;
		if (!json_is_object(pj)) {
			jv_fail(c, path, "must be an object");
			return false;
		}
		jv_only_keys(c, pj, path, keys);
		const char *type = jv_string(c, pj, path, "type", true);
		p->unit = jv_string(c, pj, path, "unit", false);
		p->description = jv_string(c, pj, path, "description", true);
		p->source = jv_string(c, pj, path, "source", true);
		bool margins = true;
		jv_bool(c, pj, path, "margins", false, &margins);
		p->no_margins = !margins;
		if (!type)
			return false;
		if (strcmp(type, "number") == 0)
			p->type = PARAM_NUMBER;
		else if (strcmp(type, "boolean") == 0)
			p->type = PARAM_BOOLEAN;
		else {
			char tp[300];
			jv_fail(c, jv_key_path(tp, sizeof(tp), path, "type"),
				"'%s' is not a parameter type (number or boolean)", type);
			return false;
		}
		json_t *def = jv_object(c, pj, path, "if_unknown", false);
		if (def) {
			char dp[300];
			static const char *const dkeys[] = { "value", "reading", "source", NULL };
			jv_key_path(dp, sizeof(dp), path, "if_unknown");
			jv_only_keys(c, def, dp, dkeys);
			p->has_default = p->type == PARAM_BOOLEAN
				? jv_bool(c, def, dp, "value", true, &p->default_boolean)
				: jv_number(c, def, dp, "value", true, &p->default_number);
			p->default_reading = jv_string(c, def, dp, "reading", true);
			p->default_source = jv_string(c, def, dp, "source", true);
		}
		if (jv_failed(c))
			return false;
	}
	return true;
}

static bool parse_kind(const char *s, enum rule_para_kind *k)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum rule_para_kind)i;
			return true;
		}
	}
	return false;
}

static bool in_eccn_order(const struct ruleset *rs, const char *tier)
{
	for (size_t i = 0; i < rs->n_eccn_order; i++)
		if (strcmp(rs->eccn_order[i], tier) == 0)
			return true;
	return false;
}

/* Refs may appear only in consequences and must name a control paragraph or
 * a tier; then evaluation needs no recursion and cannot loop. */
static bool check_refs(struct jv *c, const struct ruleset *rs, const struct rule_para *pa,
		       const struct rule_cond *cond, const char *path)
{
	if (cond->kind == COND_REF) {
		if (pa->kind == PARA_CONTROL || pa->kind == PARA_EXCLUSION) {
			jv_fail(c, path, "a %s paragraph may not refer to other paragraphs",
				rule_para_kind_name(pa->kind));
			return false;
		}
		const struct rule_para *target = ruleset_para(rs, cond->ref);
		if (!(target && target->kind == PARA_CONTROL) && !in_eccn_order(rs, cond->ref)) {
			jv_fail(c, path, "'%s' is neither a control paragraph nor an ECCN tier", cond->ref);
			return false;
		}
		return true;
	}
	for (size_t i = 0; i < cond->n_kids; i++) {
		char kp[256];
		if (!check_refs(c, rs, pa, &cond->kids[i], jv_index_path(kp, sizeof(kp), path, i)))
			return false;
	}
	return true;
}

/* "kind" and "item" name fixed sets; the id must not repeat an earlier paragraph's. */
static bool check_para_kind_item_id(struct jv *c, const struct ruleset *rs, struct rule_para *pa,
				    const char *kind, const char *item, const char *path)
{
	char sub[256];
	if (!parse_kind(kind, &pa->kind)) {
		jv_fail(c, jv_key_path(sub, sizeof(sub), path, "kind"),
			"unknown kind '%s' (control, exclusion, exception, review, presumption, system)",
			kind);
		return false;
	}
	if (!item || strcmp(item, "ic") == 0)
		pa->item = ITEM_IC;
	else if (strcmp(item, "hbm") == 0)
		pa->item = ITEM_HBM;
	else {
		jv_fail(c, jv_key_path(sub, sizeof(sub), path, "item"), "'%s' is not ic or hbm", item);
		return false;
	}
	for (size_t k = 0; &rs->paras[k] < pa; k++) {
		if (strcmp(rs->paras[k].id, pa->id) == 0) {
			jv_fail(c, jv_key_path(sub, sizeof(sub), path, "id"),
				"'%s' is used by paragraphs[%zu] too", pa->id, k);
			return false;
		}
	}
	return true;
}

/* Only control paragraphs carry an ECCN and only exclusions exclude; failures
 * here are recorded and surface at the caller's next jv_failed check. */
static void parse_para_eccn_excludes(struct jv *c, const struct ruleset *rs, struct rule_para *pa,
				     json_t *pj, const char *path)
{
	char sub[256];
	if (pa->kind == PARA_CONTROL) {
		pa->eccn = jv_string(c, pj, path, "eccn", true);
		if (pa->eccn && !in_eccn_order(rs, pa->eccn))
			jv_fail(c, jv_key_path(sub, sizeof(sub), path, "eccn"),
				"'%s' is not listed in eccn_order", pa->eccn);
	} else if (json_object_get(pj, "eccn")) {
		jv_fail(c, jv_key_path(sub, sizeof(sub), path, "eccn"),
			"only control paragraphs carry an ECCN");
	}
	json_t *ex = jv_array(c, pj, path, "excludes", pa->kind == PARA_EXCLUSION);
	if (ex && pa->kind != PARA_EXCLUSION)
		jv_fail(c, jv_key_path(sub, sizeof(sub), path, "excludes"),
			"only exclusion paragraphs exclude");
	if (ex && !jv_failed(c)) {
		pa->excludes = xcalloc(c, json_array_size(ex), sizeof(*pa->excludes));
		for (size_t k = 0; pa->excludes && k < json_array_size(ex); k++) {
			json_t *s = json_array_get(ex, k);
			if (!json_is_string(s)) {
				jv_fail(c, jv_key_path(sub, sizeof(sub), path, "excludes"),
					"must be an array of ECCN prefixes");
				break;
			}
			pa->excludes[pa->n_excludes++] = json_string_value(s);
		}
	}
}

/* paragraphs[i], appended to rs->paras. */
static bool parse_para(struct jv *c, struct ruleset *rs, json_t *pj, const char *path)
{
	static const char *const keys[] = { "id", "kind", "eccn", "item", "title", "text",
		"source", "reading", "destinations", "excludes", "condition", NULL };
	if (!json_is_object(pj)) {
		jv_fail(c, path, "must be an object");
		return false;
	}
	struct rule_para *pa = &rs->paras[rs->n_paras++];
	pa->json = pj;
	jv_only_keys(c, pj, path, keys);
	pa->id = jv_string(c, pj, path, "id", true);
	const char *kind = jv_string(c, pj, path, "kind", true);
	const char *item = jv_string(c, pj, path, "item", false);
	pa->title = jv_string(c, pj, path, "title", true);
	pa->text = jv_string(c, pj, path, "text", true);
	pa->source = jv_string(c, pj, path, "source", true);
	pa->reading = jv_string(c, pj, path, "reading", false);
	pa->destinations = jv_string(c, pj, path, "destinations", false);
	if (jv_failed(c))
		return false;
	if (!check_para_kind_item_id(c, rs, pa, kind, item, path))
		return false;
	parse_para_eccn_excludes(c, rs, pa, pj, path);
	char sub[256];
	json_t *cond = json_object_get(pj, "condition");
	if (!cond) {
		jv_fail(c, jv_key_path(sub, sizeof(sub), path, "condition"), "missing");
		return false;
	}
	return parse_cond(c, rs, cond, jv_key_path(sub, sizeof(sub), path, "condition"), &pa->cond, 0);
}

static bool parse_paragraphs(struct jv *c, struct ruleset *rs, json_t *root)
{
	json_t *arr = jv_array(c, root, "", "paragraphs", true);
	if (!arr)
		return false;
	rs->paras = xcalloc(c, json_array_size(arr), sizeof(*rs->paras));
	if (!rs->paras)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char path[128];
		jv_index_path(path, sizeof(path), "paragraphs", i);
		if (!parse_para(c, rs, json_array_get(arr, i), path))
			return false;
	}
	for (size_t i = 0; i < rs->n_paras; i++) {
		char path[128];
		snprintf(path, sizeof(path), "paragraphs[%zu].condition", i);
		if (!check_refs(c, rs, &rs->paras[i], &rs->paras[i].cond, path))
			return false;
	}
	return !jv_failed(c);
}

static bool parse_strings(struct jv *c, json_t *root, const char *key, const char ***out, size_t *n)
{
	json_t *arr = jv_array(c, root, "", key, true);
	if (!arr)
		return false;
	*out = xcalloc(c, json_array_size(arr), sizeof(**out));
	if (!*out)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *s = json_array_get(arr, i);
		if (!json_is_string(s) || !*json_string_value(s)) {
			char p[128];
			jv_fail(c, jv_index_path(p, sizeof(p), key, i), "must be a non-empty string");
			return false;
		}
		(*out)[(*n)++] = json_string_value(s);
	}
	if (*n == 0)
		jv_fail(c, key, "must not be empty");
	return !jv_failed(c);
}

static bool parse_readings(struct jv *c, struct ruleset *rs, json_t *root)
{
	json_t *arr = jv_array(c, root, "", "readings", false);
	if (!arr)
		return !jv_failed(c);
	rs->readings = xcalloc(c, json_array_size(arr), sizeof(*rs->readings));
	for (size_t i = 0; rs->readings && i < json_array_size(arr); i++) {
		static const char *const keys[] = { "id", "text", "source", NULL };
		char p[128];
		json_t *r = json_array_get(arr, i);
		jv_index_path(p, sizeof(p), "readings", i);
		jv_only_keys(c, r, p, keys);
		struct rule_reading *rr = &rs->readings[rs->n_readings++];
		rr->id = jv_string(c, r, p, "id", true);
		rr->text = jv_string(c, r, p, "text", true);
		rr->source = jv_string(c, r, p, "source", true);
	}
	return !jv_failed(c);
}

/* "exit_status": {"3A090.a": 10, ...}: the -e status of each tier, one per
 * tier of eccn_order, distinct, within 10..19 (0-9 and 64+ mean other things). */
static bool parse_exit_status(struct jv *c, struct ruleset *rs, json_t *root)
{
	json_t *m = jv_object(c, root, "", "exit_status", true);
	if (!m)
		return false;
	rs->eccn_exit = xcalloc(c, rs->n_eccn_order ? rs->n_eccn_order : 1, sizeof(*rs->eccn_exit));
	if (!rs->eccn_exit)
		return false;
	if (json_object_size(m) != rs->n_eccn_order) {
		jv_fail(c, "exit_status", "needs exactly one status for each tier of eccn_order");
		return false;
	}
	for (size_t i = 0; i < rs->n_eccn_order; i++) {
		char p[128];
		double v;
		if (!jv_number(c, m, "exit_status", rs->eccn_order[i], true, &v))
			return false;
		if (v != floor(v) || v < 10 || v > 19) {
			jv_fail(c, jv_key_path(p, sizeof(p), "exit_status", rs->eccn_order[i]), "must be a whole number from 10 to 19");
			return false;
		}
		rs->eccn_exit[i] = (int)v;
		for (size_t k = 0; k < i; k++)
			if (rs->eccn_exit[k] == rs->eccn_exit[i]) {
				jv_fail(c, jv_key_path(p, sizeof(p), "exit_status", rs->eccn_order[i]),
					"%d is already the status of %s", rs->eccn_exit[i], rs->eccn_order[k]);
				return false;
			}
	}
	return true;
}

int ruleset_parse(struct ruleset *rs, const char *file, const char *data, size_t len,
		  struct tpp_error *err)
{
	*rs = (struct ruleset){ .file = file };
	struct jv c = { file, err };
	json_t *root = jv_parse(&c, data, len);
	if (!root)
		return -1;
	rs->root = root;
	static const char *const keys[] = { "schema", "id", "title", "citation", "fr_document", "url",
		"published", "effective", "superseded", "revised", "summary", "changes", "parameters",
		"eccn_order", "exit_status", "paragraphs", "readings", NULL };
	double schema = 0;
	jv_only_keys(&c, root, "", keys);
	if (jv_number(&c, root, "", "schema", true, &schema) && schema != 1)
		jv_fail(&c, "schema", "version %g is not supported (this tppscan reads 1)", schema);
	rs->id = jv_string(&c, root, "", "id", true);
	rs->title = jv_string(&c, root, "", "title", true);
	rs->citation = jv_string(&c, root, "", "citation", true);
	rs->fr_document = jv_string(&c, root, "", "fr_document", true);
	rs->url = jv_string(&c, root, "", "url", true);
	rs->summary = jv_string(&c, root, "", "summary", true);
	rs->changes = jv_string(&c, root, "", "changes", true);
	jv_date(&c, root, "", "published", true, &rs->published);
	jv_date(&c, root, "", "effective", true, &rs->effective);
	jv_date(&c, root, "", "revised", true, &rs->revised);
	rs->has_superseded = jv_date(&c, root, "", "superseded", false, &rs->superseded);
	if (rs->has_superseded && rs->superseded <= rs->effective)
		jv_fail(&c, "superseded", "must be later than the effective date");
	if (!jv_failed(&c))
		parse_params(&c, rs, root);
	if (!jv_failed(&c))
		parse_strings(&c, root, "eccn_order", &rs->eccn_order, &rs->n_eccn_order);
	if (!jv_failed(&c))
		parse_exit_status(&c, rs, root);
	if (!jv_failed(&c))
		parse_paragraphs(&c, rs, root);
	if (!jv_failed(&c))
		parse_readings(&c, rs, root);
	if (jv_failed(&c)) {
		ruleset_free(rs);
		return -1;
	}
	return 0;
}

void ruleset_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n_paras; i++) {
		free_cond(&rs->paras[i].cond);
		free(rs->paras[i].excludes);
	}
	free(rs->paras);
	free(rs->params);
	free(rs->eccn_order);
	free(rs->eccn_exit);
	free(rs->readings);
	json_decref(rs->root);
	*rs = (struct ruleset){ 0 };
}

static int cmp_effective(const void *a, const void *b)
{
	const struct ruleset *x = a, *y = b;
	return (x->effective > y->effective) - (x->effective < y->effective);
}

int rule_catalog_load(struct rule_catalog *cat, const struct data_set *ds, struct tpp_error *err)
{
	*cat = (struct rule_catalog){ 0 };
	size_t n = data_set_select(ds, "thresholds", NULL, 0);
	const struct data_file **files = calloc(n ? n : 1, sizeof(*files));
	cat->sets = calloc(n ? n : 1, sizeof(*cat->sets));
	if (!files || !cat->sets) {
		free(files);
		free(cat->sets);
		cat->sets = NULL;
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	data_set_select(ds, "thresholds", files, n);
	if (n == 0)
		tpp_error_set(err, TPP_EX_DATAERR, "%s: no rule set in the data", ds->origin);
	for (size_t i = 0; i < n && !err->status; i++) {
		if (ruleset_parse(&cat->sets[i], files[i]->path, files[i]->data, files[i]->len, err) == 0)
			cat->n++;
	}
	free(files);
	if (err->status) {
		rule_catalog_free(cat);
		return -1;
	}
	qsort(cat->sets, cat->n, sizeof(*cat->sets), cmp_effective);
	for (size_t i = 0; i < cat->n; i++) {
		const struct ruleset *rs = &cat->sets[i];
		for (size_t k = 0; k < i; k++)
			if (strcmp(cat->sets[k].id, rs->id) == 0)
				tpp_error_set(err, TPP_EX_DATAERR, "%s: id: '%s' is also the id of %s",
					      rs->file, rs->id, cat->sets[k].file);
		if (i + 1 < cat->n) {
			const struct ruleset *next = &cat->sets[i + 1];
			if (next->effective == rs->effective)
				tpp_error_set(err, TPP_EX_DATAERR, "%s: effective: same date as %s",
					      next->file, rs->file);
			else if (!rs->has_superseded || rs->superseded != next->effective)
				tpp_error_set(err, TPP_EX_DATAERR,
					      "%s: superseded: must equal the effective date of %s, the next rule set",
					      rs->file, next->file);
		} else if (rs->has_superseded) {
			/* The last set may end only if the data says what followed. */
			tpp_error_set(err, TPP_EX_DATAERR,
				      "%s: superseded: no later rule set in the data replaces it", rs->file);
		}
	}
	if (err->status) {
		rule_catalog_free(cat);
		return -1;
	}
	return 0;
}

void rule_catalog_free(struct rule_catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		ruleset_free(&cat->sets[i]);
	free(cat->sets);
	*cat = (struct rule_catalog){ 0 };
}

const struct ruleset *rule_catalog_find(const struct rule_catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->sets[i].id, id) == 0)
			return &cat->sets[i];
	return NULL;
}

const struct ruleset *rule_catalog_in_force(const struct rule_catalog *cat, tpp_date date)
{
	for (size_t i = 0; i < cat->n; i++) {
		const struct ruleset *rs = &cat->sets[i];
		if (rs->effective <= date && (!rs->has_superseded || date < rs->superseded))
			return rs;
	}
	return NULL;
}

const struct rule_param *ruleset_param(const struct ruleset *rs, const char *name, size_t *index)
{
	for (size_t i = 0; i < rs->n_params; i++) {
		if (strcmp(rs->params[i].name, name) == 0) {
			if (index)
				*index = i;
			return &rs->params[i];
		}
	}
	return NULL;
}

const struct rule_para *ruleset_para(const struct ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_paras; i++)
		if (strcmp(rs->paras[i].id, id) == 0)
			return &rs->paras[i];
	return NULL;
}
