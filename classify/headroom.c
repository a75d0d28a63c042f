/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/headroom.h"
#include "core/grow.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The parameter with the knob at x, by the same arithmetic as the verdict. */
static bool param_at(const struct design_knobs *base, struct design_knob_ref r, double x, const char *param,
		     double *v)
{
	struct design_knobs k = *base;
	struct design_metrics m;
	struct tpp_error err = { 0 };
	design_knob_set(&k, r, x);
	return design_compute(&k, &m, &err) == 0 && design_param_value(&k, &m, param, v);
}

static uint64_t bits_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

static double of_bits(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof(x));
	return x;
}

struct step_probe {
	const struct design_knobs *k;
	struct design_knob_ref r;
	const char *param;
	enum rule_op op;
	double t;
	bool integer;
};

/* g(x): does the comparison hold with the knob at x? -1 if the parameter
 * cannot be formed there. */
static int probe(const struct step_probe *s, double x)
{
	double v;
	if (!param_at(s->k, s->r, x, s->param, &v))
		return -1;
	return rule_op_holds(v, s->op, s->t);
}

/* Bisect [lo, hi] (g(lo) != g(hi)) down to two adjacent representable
 * values: positive doubles are ordered like their bit patterns. */
static void bisect(const struct step_probe *s, double lo, double hi, int g_lo, double *a_out, double *b_out)
{
	uint64_t a = s->integer ? (uint64_t)lo : bits_of(lo), b = s->integer ? (uint64_t)hi : bits_of(hi);
	while (b - a > 1) {
		uint64_t mid = a + (b - a) / 2;
		double x = s->integer ? (double)mid : of_bits(mid);
		if (probe(s, x) == g_lo)
			a = mid;
		else
			b = mid;
	}
	*a_out = s->integer ? (double)a : of_bits(a);
	*b_out = s->integer ? (double)b : of_bits(b);
}

bool headroom_step(const struct design_knobs *k, struct design_knob_ref r, const char *param, enum rule_op op,
		   double threshold, struct headroom_entry *e)
{
	struct step_probe s = { k, r, param, op, threshold, design_knob_integer(r.kind) };
	e->current = design_knob_get(k, r);
	if (!param_at(k, r, e->current, param, &e->param_now)) {
		e->param_unknown = true;
		return false;
	}
	e->holds_now = rule_op_holds(e->param_now, op, threshold);
	double lo = s.integer ? 1 : DBL_TRUE_MIN;
	double hi = fmax(design_knob_max(r.kind), e->current);
	int g_lo = probe(&s, lo), g_hi = probe(&s, hi);
	e->reachable = g_lo >= 0 && g_hi >= 0 && g_lo != g_hi;
	if (!e->reachable)
		return true;
	double a, b;
	bisect(&s, lo, hi, g_lo, &a, &b);
	e->holds_at = g_lo ? a : b;
	e->fails_at = g_lo ? b : a;
	param_at(k, r, e->holds_at, param, &e->param_at_holds);
	param_at(k, r, e->fails_at, param, &e->param_at_fails);
	return true;
}

/* --- the solver ---------------------------------------------------------------- */

static int push(struct headroom *h, const struct headroom_entry *e, struct tpp_error *err)
{
	struct headroom_entry *n = grow_for_one(h->e, h->n, &h->cap, sizeof(*n), 64);
	if (!n) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	h->e = n;
	h->e[h->n++] = *e;
	return 0;
}

/* The paragraph's status and the verdict with the knob at x. */
static int status_at(const struct ruleset *rs, const struct headroom_entry *e, const struct design_knobs *base,
		     int ship_year, double x, enum para_status *st, char *verdict, size_t vn, struct tpp_error *err)
{
	struct design_knobs k = *base;
	struct design_metrics m;
	struct class_input in;
	struct classification cl;
	design_knob_set(&k, e->knob, x);
	if (design_compute(&k, &m, err))
		return -1;
	if (e->item_hbm)
		design_hbm_input(&k, ship_year, &in);
	else
		design_ic_input(&k, &m, ship_year, &in);
	if (classify_evaluate(rs, &in, &cl, err))
		return -1;
	*st = cl.results[e->para - rs->paras].status;
	snprintf(verdict, vn, "%s", classification_label(&cl));
	classification_free(&cl);
	return 0;
}

struct walk {
	const struct ruleset *rs;
	const struct design_knobs *k;
	int ship_year;
	struct design_knob_ref knob;
	const struct rule_para *para;
	struct headroom *out;
	struct tpp_error *err;
};

static int add_entry(struct walk *w, const struct rule_cond *c)
{
	const struct rule_param *p = &w->rs->params[c->param];
	struct headroom_entry e = { .knob = w->knob, .para = w->para, .cond = c, .param = p->name,
		.item_hbm = w->para->item == ITEM_HBM };
	if (!headroom_step(w->k, w->knob, p->name, c->op, c->number, &e))
		return push(w->out, &e, w->err);
	if (e.reachable) {
		if (status_at(w->rs, &e, w->k, w->ship_year, e.holds_at, &e.status_at_holds, e.verdict_at_holds,
			      sizeof(e.verdict_at_holds), w->err) ||
		    status_at(w->rs, &e, w->k, w->ship_year, e.fails_at, &e.status_at_fails, e.verdict_at_fails,
			      sizeof(e.verdict_at_fails), w->err))
			return -1;
		e.changes_result = e.status_at_holds != e.status_at_fails;
	}
	return push(w->out, &e, w->err);
}

static int walk_cond(struct walk *w, const struct rule_cond *c)
{
	if (c->kind == COND_CMP) {
		const struct rule_param *p = &w->rs->params[c->param];
		if (p->type != PARAM_NUMBER || p->no_margins || !design_knob_feeds(w->knob, p->name))
			return 0;
		return add_entry(w, c);
	}
	for (size_t i = 0; i < c->n_kids; i++)
		if (walk_cond(w, &c->kids[i]))
			return -1;
	return 0;
}

int headroom_solve(const struct ruleset *rs, const struct design_knobs *k, int ship_year, struct headroom *out,
		   struct tpp_error *err)
{
	*out = (struct headroom){ 0 };
	struct design_knob_ref knobs[DESIGN_MAX_KNOBS];
	size_t n = design_knob_list(k, knobs, DESIGN_MAX_KNOBS);
	struct walk w = { .rs = rs, .k = k, .ship_year = ship_year, .out = out, .err = err };
	for (size_t i = 0; i < n; i++) {
		w.knob = knobs[i];
		for (size_t p = 0; p < rs->n_paras; p++) {
			w.para = &rs->paras[p];
			if (walk_cond(&w, &w.para->cond)) {
				headroom_free(out);
				return -1;
			}
		}
	}
	return 0;
}

void headroom_free(struct headroom *h)
{
	free(h->e);
	*h = (struct headroom){ 0 };
}

/* --- die area per PD threshold ------------------------------------------------ */

/* Every applicable die replaced by one of the total area: the rule divides
 * by the total, so that is the knob. */
static void find_min_area(const struct design_knobs *k, struct pd_area_limit *l)
{
	struct design_knobs one = *k;
	one.n_dies = 1;
	one.dies[0] = (struct design_die){ .area_mm2 = l->area_now, .count = 1 };
	struct headroom_entry e = { 0 };
	/* "under" is PD < T (inclusive: PD <= T); PD falls as the area grows */
	headroom_step(&one, (struct design_knob_ref){ KNOB_DIE_AREA, 0 }, "pd", l->inclusive ? OP_LE : OP_LT,
		      l->threshold, &e);
	l->ok_now = e.holds_now;
	l->min_area_mm2 = e.reachable ? e.holds_at : NAN;
	l->pd_at_min = e.reachable ? e.param_at_holds : NAN;
}

static struct pd_area_limit *find_limit(struct pd_area_limit *l, size_t n, double t, bool inclusive)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].threshold == t && l[i].inclusive == inclusive)
			return &l[i];
	return NULL;
}

static int collect_pd(const struct ruleset *rs, const struct rule_para *para, const struct rule_cond *c,
		      struct pd_area_limit **l, size_t *n, size_t *cap)
{
	if (c->kind != COND_CMP) {
		for (size_t i = 0; i < c->n_kids; i++)
			if (collect_pd(rs, para, &c->kids[i], l, n, cap))
				return -1;
		return 0;
	}
	if (strcmp(rs->params[c->param].name, "pd") != 0 || c->op == OP_EQ)
		return 0;
	/* >= and < split at T into {PD < T}, {PD >= T}; > and <= into {PD <= T}, {PD > T} */
	bool inclusive = c->op == OP_GT || c->op == OP_LE;
	struct pd_area_limit *x = find_limit(*l, *n, c->number, inclusive);
	if (!x) {
		struct pd_area_limit *g = grow_for_one(*l, *n, cap, sizeof(*g), 8);
		if (!g)
			return -1;
		*l = g;
		x = &(*l)[(*n)++];
		*x = (struct pd_area_limit){ .threshold = c->number, .inclusive = inclusive };
	}
	for (size_t i = 0; i < x->n_paras; i++)
		if (x->paras[i] == para)
			return 0;
	if (x->n_paras < PD_AREA_MAX_PARAS)
		x->paras[x->n_paras++] = para;
	return 0;
}

static int by_threshold_desc(const void *a, const void *b)
{
	double x = ((const struct pd_area_limit *)a)->threshold, y = ((const struct pd_area_limit *)b)->threshold;
	return x < y ? 1 : x > y ? -1 : 0;
}

int headroom_pd_areas(const struct ruleset *rs, const struct design_knobs *k, struct pd_area_limit **out,
		      size_t *n, struct tpp_error *err)
{
	*out = NULL;
	*n = 0;
	struct design_metrics m;
	struct tpp_error ignored = { 0 };
	if (design_compute(k, &m, &ignored) || !m.pd_known)
		return 0;
	size_t cap = 0;
	for (size_t p = 0; p < rs->n_paras; p++)
		if (rs->paras[p].item == ITEM_IC && collect_pd(rs, &rs->paras[p], &rs->paras[p].cond, out, n, &cap)) {
			free(*out);
			*out = NULL;
			*n = 0;
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_threshold_desc);
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].area_now = m.area.mm2;
		find_min_area(k, &(*out)[i]);
	}
	return 0;
}

/* --- margins of one parameter ------------------------------------------------- */

static int collect_margins(const struct ruleset *rs, const struct rule_para *para, const struct rule_cond *c,
			   const char *param, struct param_margin **l, size_t *n)
{
	if (c->kind != COND_CMP) {
		for (size_t i = 0; i < c->n_kids; i++)
			if (collect_margins(rs, para, &c->kids[i], param, l, n))
				return -1;
		return 0;
	}
	if (strcmp(rs->params[c->param].name, param) != 0)
		return 0;
	struct param_margin *g = realloc(*l, (*n + 1) * sizeof(*g));
	if (!g)
		return -1;
	*l = g;
	g[(*n)++] = (struct param_margin){ .para = para, .cond = c };
	return 0;
}

int headroom_param_margins(const struct ruleset *rs, const struct design_knobs *k, const char *param,
			   struct param_margin **out, size_t *n, struct tpp_error *err)
{
	*out = NULL;
	*n = 0;
	for (size_t p = 0; p < rs->n_paras; p++)
		if (collect_margins(rs, &rs->paras[p], &rs->paras[p].cond, param, out, n)) {
			free(*out);
			*out = NULL;
			*n = 0;
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
	struct design_knob_ref r;
	struct design_metrics m;
	struct tpp_error ignored = { 0 };
	bool have = design_param_knob(param, &r) && design_compute(k, &m, &ignored) == 0;
	for (size_t i = 0; i < *n; i++) {
		struct param_margin *x = &(*out)[i];
		x->known = have && design_param_value(k, &m, param, &x->value);
		if (!x->known)
			continue;
		x->ratio = x->cond->number != 0 ? x->value / x->cond->number : NAN;
		x->step.knob = r;
		x->step.para = x->para;
		x->step.cond = x->cond;
		x->step.param = param;
		headroom_step(k, r, param, x->cond->op, x->cond->number, &x->step);
	}
	return 0;
}
