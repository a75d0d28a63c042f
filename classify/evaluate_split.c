/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/evaluate_split.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPLIT_MAX_PARAMS 3
#define SPLIT_MAX_POINTS 40
#define SPLIT_MAX_COMBOS 4096

struct split_param {
	size_t index;             /* into the rule set's parameters */
	double pts[SPLIT_MAX_POINTS];
	bool exact[SPLIT_MAX_POINTS];   /* a bound or a threshold, not a point between */
	size_t n;
	double pd_area;                 /* > 0: this is tpp, and pd = tpp / pd_area */
	double pd_t[SPLIT_MAX_POINTS];  /* pd's thresholds, which cut tpp at pd_t x pd_area */
	size_t n_pd_t;
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
 * each threshold, a point between neighbours, and one beyond the last.
 * `exact` marks the bounds and thresholds (the others are interior). With
 * pd_area > 0 the parameter is tpp and pd = tpp / pd_area, so pd's
 * thresholds cut tpp too, at threshold x area. */
static bool split_points(const struct ruleset *rs, struct split_param *sp, double lo, double hi)
{
	double pd_area = sp->pd_area;
	double t[SPLIT_MAX_POINTS], pts[SPLIT_MAX_POINTS * 2 + 4];
	size_t nt = 0, n = 0, pd_index;
	for (size_t i = 0; i < rs->n_paras; i++)
		collect_thresholds(&rs->paras[i].cond, sp->index, t, &nt, SPLIT_MAX_POINTS);
	if (pd_area > 0 && ruleset_param(rs, "pd", &pd_index)) {
		for (size_t i = 0; i < rs->n_paras; i++)
			collect_thresholds(&rs->paras[i].cond, pd_index, sp->pd_t, &sp->n_pd_t, SPLIT_MAX_POINTS);
		for (size_t i = 0; i < sp->n_pd_t && nt < SPLIT_MAX_POINTS; i++)
			t[nt++] = sp->pd_t[i] * pd_area;
	}
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
		sp->exact[sp->n] = true;
		sp->pts[sp->n++] = pts[i];
		if (i + 1 < u) {
			sp->exact[sp->n] = false;
			sp->pts[sp->n++] = (pts[i] + pts[i + 1]) / 2;
		}
	}
	if (!isfinite(hi)) {
		if (sp->n + 1 > SPLIT_MAX_POINTS)
			return false;
		sp->exact[sp->n] = false;
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
			const char *name = r->missing[k];
			bool coupled = in->pd_area_mm2 > 0 && (!strcmp(name, "pd") || !strcmp(name, "tpp"));
			if (coupled)
				name = "tpp";   /* pd follows from tpp on the known area */
			const struct rule_param *p = ruleset_param(rs, name, &idx);
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
			sp[n].pd_area = coupled ? in->pd_area_mm2 : 0;
			sp[n].n_pd_t = 0;
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
	struct open_region *outcomes;  /* each combination's verdict, kept when regions are wanted */
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

static void set_split_value(struct class_input *c, const struct ruleset *rs, const struct split_param *sp, double v)
{
	class_input_number(c, rs->params[sp->index].name, v, "bound");
	if (sp->pd_area <= 0)
		return;
	/* at a point cut by a pd threshold, pd is that threshold exactly (the
	 * quotient could land a rounding error below it) */
	double pd = v / sp->pd_area;
	for (size_t k = 0; k < sp->n_pd_t; k++)
		if (v == sp->pd_t[k] * sp->pd_area)
			pd = sp->pd_t[k];
	class_input_number(c, "pd", pd, "bound");
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
			set_split_value(&c, rs, &sp[i], sp[i].pts[rest % sp[i].n]);
			rest /= sp[i].n;
		}
		struct classification sub;
		if (classify_evaluate_plain(rs, &c, &sub, err))
			return -1;
		agree(g, rs, &sub);
		if (g->outcomes)
			g->outcomes[k] = (struct open_region){ .status = sub.status, .excluded_by = sub.excluded_by,
				.eccn = sub.status == CLASS_CONTROLLED ? sub.eccn : NULL };
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

/* The same range as an applicable die area: area = tpp / pd, so the ends swap. */
static void region_area(struct open_region *o, double tpp)
{
	o->has_area = true;
	o->area_lo = isfinite(o->hi) ? tpp / o->hi : 0;
	o->area_lo_incl = isfinite(o->hi) && o->hi_incl;
	o->area_hi = o->lo > 0 ? tpp / o->lo : INFINITY;
	o->area_hi_incl = o->lo > 0 && o->lo_incl;
}

static bool same_outcome(const struct open_region *a, const struct open_region *b)
{
	return a->status == b->status && a->eccn == b->eccn && a->excluded_by == b->excluded_by &&
	       a->needs == b->needs;
}

/* The verdict at point i of the primary open input: the same at every
 * point of the other open input (if any), else undetermined, needing it.
 * enumerate() numbers combination (i0, i1) as i0 + i1 x n0. */
static struct open_region outcome_at(const struct ruleset *rs, const struct split_param *sp, size_t n,
				     size_t primary, const struct open_region *outcomes, size_t i)
{
	size_t stride = primary ? sp[0].n : 1, other_stride = primary ? 1 : sp[0].n;
	size_t n_other = n == 2 ? sp[1 - primary].n : 1;
	struct open_region o = outcomes[i * stride];
	for (size_t j = 1; j < n_other; j++) {
		const struct open_region *x = &outcomes[i * stride + j * other_stride];
		if (o.status == CLASS_NOT_CONTROLLED && x->status == CLASS_NOT_CONTROLLED &&
		    o.excluded_by != x->excluded_by) {
			/* out either way; where the exclusion took nothing out, nothing
			 * was met to take out, so the exclusion is still the reason */
			o.excluded_by = !o.excluded_by ? x->excluded_by : !x->excluded_by ? o.excluded_by : NULL;
		} else if (!same_outcome(&o, x)) {
			return (struct open_region){ .status = CLASS_UNDETERMINED,
				.needs = rs->params[sp[1 - primary].index].name };
		}
	}
	return o;
}

/* The primary open input (with the other one, if two are open, left free)
 * and the verdict on each of its ranges, neighbouring points with the same
 * verdict merged. A change at a threshold point starts there; one just past
 * it (at the point between) starts above it. */
static int open_regions(const struct ruleset *rs, const struct class_input *in, const struct split_param *sp,
			size_t n, size_t primary, const struct open_region *outcomes, struct classification *out,
			struct tpp_error *err)
{
	const struct split_param *p = &sp[primary];
	struct open_region *r = calloc(p->n, sizeof(*r));
	size_t nr = 0;
	if (!r) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < p->n; i++) {
		struct open_region o = outcome_at(rs, sp, n, primary, outcomes, i);
		o.lo = p->pts[0];
		o.lo_incl = true;
		if (nr && same_outcome(&r[nr - 1], &o))
			continue;
		if (nr) {
			bool at = p->exact[i];
			r[nr - 1].hi = o.lo = at ? p->pts[i] : p->pts[i - 1];
			r[nr - 1].hi_incl = !at;
			o.lo_incl = at;
		}
		r[nr++] = o;
	}
	const struct class_value *v = class_input_get(in, rs->params[p->index].name);
	r[nr - 1].hi = v && v->is_range ? v->hi : INFINITY;
	r[nr - 1].hi_incl = isfinite(r[nr - 1].hi);
	const struct class_value *tpp = class_input_get(in, "tpp");
	bool by_area = !strcmp(rs->params[p->index].name, "pd") && tpp && !tpp->is_bool && !tpp->is_range &&
		       tpp->number > 0;
	for (size_t i = 0; by_area && i < nr; i++)
		region_area(&r[i], tpp->number);
	out->open_param = rs->params[p->index].name;
	out->regions = r;
	out->n_regions = nr;
	return 0;
}

/* Which open input the regions run over: the only one, or TPP of two;
 * SIZE_MAX when there are none to give. */
static size_t regions_primary(const struct ruleset *rs, const struct split_param *sp, size_t n)
{
	if (n == 1)
		return 0;
	for (size_t i = 0; n == 2 && i < 2; i++)
		if (!strcmp(rs->params[sp[i].index].name, "tpp"))
			return i;
	return SIZE_MAX;
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
	size_t primary = regions_primary(rs, sp, n);
	if (primary != SIZE_MAX)   /* at most two inputs of at most SPLIT_MAX_POINTS points */
		g.outcomes = calloc(sp[0].n * (n == 2 ? sp[1].n : 1), sizeof(*g.outcomes));
	int rc = 0;
	if (!g.status || !g.same || (primary != SIZE_MAX && !g.outcomes)) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		rc = -1;
	} else {
		for (size_t i = 0; i < out->n_results; i++)
			g.same[i] = true;
		rc = enumerate(rs, in, sp, n, &g, err);
		if (rc == 0)
			apply(rs, &g, sp, n, out);
		bool open = out->status == CLASS_UNDETERMINED ||
			    (out->status == CLASS_CONTROLLED && out->eccn_bound == ECCN_AT_LEAST);
		if (rc == 0 && g.outcomes && open)
			rc = open_regions(rs, in, sp, n, primary, g.outcomes, out, err);
	}
	free(g.status);
	free(g.same);
	free(g.outcomes);
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
