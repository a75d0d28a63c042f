/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/evaluate_split.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPLIT_MAX_PARAMS 3
#define SPLIT_MAX_POINTS 40
#define SPLIT_MAX_COMBOS 4096

struct split_param {
	size_t index;             /* into the rule set's parameters */
	double pts[SPLIT_MAX_POINTS];
	size_t n;
};

static void collect_thresholds(const struct rule_cond *c, size_t param, double *t, size_t *n, size_t max)
{
	if (c->kind == COND_CMP && c->param == param && *n < max)
		t[(*n)++] = c->number;
	for (size_t i = 0; i < c->n_kids; i++)
		collect_thresholds(&c->kids[i], param, t, n, max);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One value in every region the thresholds cut [lo, hi] into: the bounds,
 * each threshold, a point between neighbours, and one beyond the last. */
static bool split_points(const struct ruleset *rs, struct split_param *sp, double lo, double hi)
{
	double t[SPLIT_MAX_POINTS], pts[SPLIT_MAX_POINTS * 2 + 4];
	size_t nt = 0, n = 0;
	for (size_t i = 0; i < rs->n_paras; i++)
		collect_thresholds(&rs->paras[i].cond, sp->index, t, &nt, SPLIT_MAX_POINTS);
	pts[n++] = lo;
	if (isfinite(hi))
		pts[n++] = hi;
	for (size_t i = 0; i < nt; i++)
		if (t[i] >= lo && t[i] <= hi)
			pts[n++] = t[i];
	qsort(pts, n, sizeof(*pts), cmp_double);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || pts[i] != pts[u - 1])
			pts[u++] = pts[i];
	sp->n = 0;
	for (size_t i = 0; i < u; i++) {
		if (sp->n + 2 > SPLIT_MAX_POINTS)
			return false;
		sp->pts[sp->n++] = pts[i];
		if (i + 1 < u)
			sp->pts[sp->n++] = (pts[i] + pts[i + 1]) / 2;
	}
	if (!isfinite(hi)) {
		if (sp->n + 1 > SPLIT_MAX_POINTS)
			return false;
		sp->pts[sp->n++] = pts[u - 1] * 2 + 1;
	}
	return true;
}

/* The numeric inputs that left a control or exclusion paragraph open. */
static size_t split_params(const struct ruleset *rs, const struct class_input *in, const struct classification *out,
			   struct split_param *sp)
{
	size_t n = 0;
	for (size_t i = 0; i < out->n_results; i++) {
		const struct para_result *r = &out->results[i];
		if (r->status != PS_UNDETERMINED || (r->para->kind != PARA_CONTROL && r->para->kind != PARA_EXCLUSION))
			continue;
		for (size_t k = 0; k < r->n_missing; k++) {
			size_t idx;
			const struct rule_param *p = ruleset_param(rs, r->missing[k], &idx);
			if (!p)
				return 0;   /* a paragraph reference: decided by the tiers, not by an input */
			if (p->type != PARAM_NUMBER)
				return 0;
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen = seen || sp[j].index == idx;
			if (seen)
				continue;
			if (n == SPLIT_MAX_PARAMS)
				return 0;
			const struct class_value *v = class_input_get(in, p->name);
			double lo = v && v->is_range ? v->lo : 0, hi = v && v->is_range ? v->hi : INFINITY;
			sp[n].index = idx;
			if (!split_points(rs, &sp[n], lo, hi))
				return 0;
			n++;
		}
	}
	return n;
}

/* What every region agrees on. */
struct agreement {
	enum para_status *status;  /* per paragraph; first region's */
	bool *same;
	enum class_status overall;
	bool overall_same;
	size_t least_tier;         /* least controlled tier seen (largest index) */
	bool tiers_differ;
	const struct rule_para *excluded_by;
	bool excluded_same;
	size_t n;
};

static size_t tier_of(const struct ruleset *rs, const char *eccn)
{
	for (size_t i = 0; i < rs->n_eccn_order; i++)
		if (!strcmp(rs->eccn_order[i], eccn))
			return i;
	return 0;
}

static void agree(struct agreement *g, const struct ruleset *rs, const struct classification *c)
{
	bool first = g->n++ == 0;
	for (size_t i = 0; i < c->n_results; i++) {
		if (first)
			g->status[i] = c->results[i].status;
		else if (g->status[i] != c->results[i].status)
			g->same[i] = false;
	}
	if (first) {
		g->overall = c->status;
		g->excluded_by = c->excluded_by;
	}
	g->overall_same = g->overall_same && g->overall == c->status;
	g->excluded_same = g->excluded_same && g->excluded_by == c->excluded_by;
	if (c->status == CLASS_CONTROLLED && c->eccn) {
		size_t t = tier_of(rs, c->eccn);
		if (!first && t != g->least_tier)
			g->tiers_differ = true;
		if (first || t > g->least_tier)
			g->least_tier = t;
	}
}

/* Evaluate every combination of the split points. */
static int enumerate(const struct ruleset *rs, const struct class_input *in, struct split_param *sp, size_t n,
		     struct agreement *g, struct tpp_error *err)
{
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total *= sp[i].n;
	if (total > SPLIT_MAX_COMBOS)
		return 1;
	for (size_t k = 0; k < total; k++) {
		struct class_input c = *in;
		size_t rest = k;
		for (size_t i = 0; i < n; i++) {
			class_input_number(&c, rs->params[sp[i].index].name, sp[i].pts[rest % sp[i].n], "bound");
			rest /= sp[i].n;
		}
		struct classification sub;
		if (classify_evaluate_plain(rs, &c, &sub, err))
			return -1;
		agree(g, rs, &sub);
		classification_free(&sub);
	}
	return 0;
}

static void apply(const struct ruleset *rs, const struct agreement *g, const struct split_param *sp, size_t n,
		  struct classification *out)
{
	for (size_t i = 0; i < out->n_results; i++) {
		struct para_result *r = &out->results[i];
		if (g->same[i]) {
			r->status = g->status[i];
			if (r->status != PS_UNDETERMINED)
				r->n_missing = 0;
		} else {
			r->status = PS_UNDETERMINED;
			for (size_t k = 0; k < n && r->n_missing < CLASS_MAX_MISSING; k++)
				if (rule_cond_uses_param(&r->para->cond, sp[k].index)) {
					bool have = false;
					for (size_t m = 0; m < r->n_missing; m++)
						have = have || !strcmp(r->missing[m], rs->params[sp[k].index].name);
					if (!have)
						r->missing[r->n_missing++] = rs->params[sp[k].index].name;
				}
		}
	}
	if (!g->overall_same || g->overall == CLASS_UNDETERMINED)
		return;   /* the regions disagree: undetermined, as the plain evaluation said */
	out->status = g->overall;
	out->decided_by_bounds = true;
	out->excluded_by = g->excluded_same ? g->excluded_by : NULL;
	/* an exclusion met in every region is why the item is out, whatever
	 * the unknown value would have met */
	for (size_t i = 0; !out->excluded_by && g->overall == CLASS_NOT_CONTROLLED && i < out->n_results; i++)
		if (out->results[i].para->kind == PARA_EXCLUSION && g->same[i] && g->status[i] == PS_MET)
			out->excluded_by = out->results[i].para;
	if (g->overall == CLASS_CONTROLLED) {
		out->eccn = rs->eccn_order[g->least_tier];
		out->eccn_bound = g->tiers_differ ? ECCN_AT_LEAST : ECCN_EXACT;
		snprintf(out->label, sizeof(out->label), "%s+", out->eccn);
	}
}

static int split_ranges(const struct ruleset *rs, const struct class_input *in, struct classification *out,
			  struct tpp_error *err)
{
	struct split_param sp[SPLIT_MAX_PARAMS];
	size_t n = split_params(rs, in, out, sp);
	if (!n)
		return 0;
	struct agreement g = { .overall_same = true, .excluded_same = true };
	g.status = calloc(out->n_results ? out->n_results : 1, sizeof(*g.status));
	g.same = malloc((out->n_results ? out->n_results : 1) * sizeof(*g.same));
	int rc = 0;
	if (!g.status || !g.same) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		rc = -1;
	} else {
		for (size_t i = 0; i < out->n_results; i++)
			g.same[i] = true;
		rc = enumerate(rs, in, sp, n, &g, err);
		if (rc == 0)
			apply(rs, &g, sp, n, out);
	}
	free(g.status);
	free(g.same);
	if (rc < 0)
		classification_free(out);
	return rc < 0 ? -1 : 0;
}

/* The evaluator: three-valued first, then over the regions of what is open. */
int classify_evaluate(const struct ruleset *rs, const struct class_input *in,
		      struct classification *out, struct tpp_error *err)
{
	if (classify_evaluate_plain(rs, in, out, err))
		return -1;
	if (out->status != CLASS_UNDETERMINED) {
		for (size_t i = 0; i < rs->n_params; i++)
			if (out->used_known[i] && out->used[i].is_range && classification_param_relevant(out, i))
				out->decided_by_bounds = true;
		return 0;
	}
	return split_ranges(rs, in, out, err);
}
