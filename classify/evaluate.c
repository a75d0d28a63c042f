/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/evaluate.h"
#include "core/grow.h"
#include "classify/evaluate_split.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum tri { T_FALSE, T_TRUE, T_UNKNOWN };

static void set_value(struct class_input *in, const struct class_value *v)
{
	/* a batch builds a million inputs: the first letter settles most compares */
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i].name[0] == v->name[0] && strcmp(in->v[i].name, v->name) == 0) {
			in->v[i] = *v;
			return;
		}
	}
	if (in->n < CLASS_MAX_INPUTS)
		in->v[in->n++] = *v;
}

void class_input_number(struct class_input *in, const char *name, double v, const char *source)
{
	set_value(in, &(struct class_value){ .name = name, .number = v, .source = source, .lo = v, .hi = v });
}

void class_input_bool(struct class_input *in, const char *name, bool v, const char *source)
{
	set_value(in, &(struct class_value){ .name = name, .is_bool = true, .boolean = v, .source = source });
}

void class_input_range(struct class_input *in, const char *name, double lo, double hi, const char *source,
		       const char *why)
{
	if (lo == hi) {
		class_input_number(in, name, lo, source);
		return;
	}
	set_value(in, &(struct class_value){ .name = name, .source = source, .is_range = true, .lo = lo, .hi = hi,
		.why = why, .number = NAN });
}

const char *eccn_bound_name(enum eccn_bound b)
{
	return b == ECCN_AT_LEAST ? "at_least" : "exact";
}

const struct class_value *class_input_get(const struct class_input *in, const char *name)
{
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].name, name) == 0)
			return &in->v[i];
	return NULL;
}

const char *para_status_name(enum para_status s)
{
	static const char *const n[] = { [PS_MET] = "met", [PS_NOT_MET] = "not_met",
		[PS_UNDETERMINED] = "undetermined", [PS_NOT_APPLICABLE] = "not_applicable",
		[PS_EXCLUDED] = "excluded", [PS_OUTRANKED] = "outranked" };
	return n[s];
}

const char *class_status_name(enum class_status s)
{
	static const char *const n[] = { [CLASS_CONTROLLED] = "controlled",
		[CLASS_NOT_CONTROLLED] = "not_controlled", [CLASS_UNDETERMINED] = "undetermined" };
	return n[s];
}

struct eval_ctx {
	const struct ruleset *rs;
	struct classification *out;
	struct para_result *cur;
	bool want_margins;
	size_t margins_cap;
	struct tpp_error *err;
};

static void add_missing(struct para_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_missing; i++)
		if (strcmp(r->missing[i], name) == 0)
			return;
	if (r->n_missing < CLASS_MAX_MISSING)
		r->missing[r->n_missing++] = name;
}

/* A comparison over [lo, hi]: true when it holds for every value, false
 * when for none, unknown otherwise. */
static enum tri compare_range(double lo, double hi, enum rule_op op, double t)
{
	switch (op) {
	case OP_GE: return lo >= t ? T_TRUE : hi < t ? T_FALSE : T_UNKNOWN;
	case OP_GT: return lo > t ? T_TRUE : hi <= t ? T_FALSE : T_UNKNOWN;
	case OP_LT: return hi < t ? T_TRUE : lo >= t ? T_FALSE : T_UNKNOWN;
	case OP_LE: return hi <= t ? T_TRUE : lo > t ? T_FALSE : T_UNKNOWN;
	case OP_EQ: return lo == t && hi == t ? T_TRUE : (t < lo || t > hi) ? T_FALSE : T_UNKNOWN;
	}
	return T_UNKNOWN;
}

static void record_margin(struct eval_ctx *x, const struct rule_cond *c, double v, bool met)
{
	struct classification *o = x->out;
	struct margin *m = grow_for_one(o->margins, o->n_margins, &x->margins_cap, sizeof(*m), 16);
	if (!m) {
		tpp_error_set(x->err, TPP_EX_OSERR, "out of memory");
		return;
	}
	o->margins = m;
	o->margins[o->n_margins++] = (struct margin){
		.para = x->cur->para, .param = x->rs->params[c->param].name, .op = c->op,
		.wording = c->wording, .value = v, .threshold = c->number,
		.ratio = c->number != 0 ? v / c->number : NAN, .met = met,
	};
}

/* A reference is true when the named control paragraph, or any paragraph of
 * the named tier, is met and not excluded. */
static enum tri eval_ref(struct eval_ctx *x, const char *ref)
{
	enum tri acc = T_FALSE;
	for (size_t i = 0; i < x->out->n_results; i++) {
		const struct para_result *r = &x->out->results[i];
		const struct rule_para *p = r->para;
		if (p->kind != PARA_CONTROL)
			continue;
		if (strcmp(p->id, ref) != 0 && strcmp(p->eccn, ref) != 0)
			continue;
		if (r->status == PS_MET)
			return T_TRUE;
		if (r->status == PS_UNDETERMINED)
			acc = T_UNKNOWN;
	}
	return acc;
}

/* Kleene three-valued logic: an unknown input makes a result unknown only
 * when the known inputs do not already decide it. Every comparison is
 * visited so that each threshold gets a margin. */
static enum tri eval_cond(struct eval_ctx *x, const struct rule_cond *c)
{
	switch (c->kind) {
	case COND_ALL:
	case COND_ANY: {
		bool all = c->kind == COND_ALL;
		enum tri acc = all ? T_TRUE : T_FALSE;
		for (size_t i = 0; i < c->n_kids; i++) {
			enum tri t = eval_cond(x, &c->kids[i]);
			if (all && t == T_FALSE)
				acc = T_FALSE;
			else if (!all && t == T_TRUE)
				acc = T_TRUE;
			else if (t == T_UNKNOWN && acc != (all ? T_FALSE : T_TRUE))
				acc = T_UNKNOWN;
		}
		return acc;
	}
	case COND_NOT: {
		enum tri t = eval_cond(x, c->kids);
		return t == T_UNKNOWN ? T_UNKNOWN : t == T_TRUE ? T_FALSE : T_TRUE;
	}
	case COND_REF: {
		enum tri t = eval_ref(x, c->ref);
		if (t == T_UNKNOWN)
			add_missing(x->cur, c->ref);
		return t;
	}
	case COND_CMP: {
		const struct rule_param *p = &x->rs->params[c->param];
		if (!x->out->used_known[c->param]) {
			add_missing(x->cur, p->name);
			return T_UNKNOWN;
		}
		const struct class_value *v = &x->out->used[c->param];
		if (p->type == PARAM_BOOLEAN)
			return v->boolean == c->boolean ? T_TRUE : T_FALSE;
		if (v->is_range) {
			enum tri t = compare_range(v->lo, v->hi, c->op, c->number);
			if (t == T_UNKNOWN)
				add_missing(x->cur, p->name);
			return t;
		}
		bool met = rule_op_holds(v->number, c->op, c->number);
		if (x->want_margins && !p->no_margins)
			record_margin(x, c, v->number, met);
		return met ? T_TRUE : T_FALSE;
	}
	}
	return T_UNKNOWN;
}

static bool cond_uses_param(const struct rule_cond *c, size_t param)
{
	if (c->kind == COND_CMP)
		return c->param == param;
	for (size_t i = 0; i < c->n_kids; i++)
		if (cond_uses_param(&c->kids[i], param))
			return true;
	return false;
}

static bool applicable(const struct rule_para *p, const struct class_input *in)
{
	return p->item == ITEM_IC ? in->item_ic : in->item_hbm;
}

static void evaluate_para(struct eval_ctx *x, struct para_result *r, const struct class_input *in)
{
	x->cur = r;
	if (!applicable(r->para, in)) {
		r->status = PS_NOT_APPLICABLE;
		return;
	}
	enum tri t = eval_cond(x, &r->para->cond);
	r->status = t == T_TRUE ? PS_MET : t == T_FALSE ? PS_NOT_MET : PS_UNDETERMINED;
	if (t != T_UNKNOWN)
		r->n_missing = 0;   /* decided without them: they were not needed */
}

static bool excludes_tier(const struct rule_para *ex, const char *eccn)
{
	for (size_t i = 0; i < ex->n_excludes; i++)
		if (strncmp(eccn, ex->excludes[i], strlen(ex->excludes[i])) == 0)
			return true;
	return false;
}

/* Fill in the values the evaluation will use: the inputs, then the rule
 * set's stated default for an unknown parameter that some applicable
 * paragraph needs (recorded as an assumption). */
static int bind_inputs(struct eval_ctx *x, const struct class_input *in)
{
	const struct ruleset *rs = x->rs;
	struct classification *o = x->out;
	if (rs->n_params > CLASS_MAX_INPUTS) {
		tpp_error_set(x->err, TPP_EX_DATAERR, "%s: more than %d parameters", rs->file,
			      CLASS_MAX_INPUTS);
		return -1;
	}
	for (size_t i = 0; i < in->n; i++) {
		size_t idx;
		const struct rule_param *p = ruleset_param(rs, in->v[i].name, &idx);
		if (!p)
			continue;   /* a parameter this rule set does not use */
		if (p->type == PARAM_BOOLEAN && !in->v[i].is_bool) {
			tpp_error_set(x->err, TPP_EX_SOFTWARE, "parameter %s must be yes or no", p->name);
			return -1;
		}
		o->used[idx] = in->v[i];
		o->used_known[idx] = true;
	}
	for (size_t idx = 0; idx < rs->n_params; idx++) {
		const struct rule_param *p = &rs->params[idx];
		if (o->used_known[idx] || !p->has_default)
			continue;
		bool needed = false;
		for (size_t k = 0; k < rs->n_paras && !needed; k++)
			needed = applicable(&rs->paras[k], in) && cond_uses_param(&rs->paras[k].cond, idx);
		if (!needed)
			continue;
		o->used[idx] = (struct class_value){ .name = p->name, .is_bool = p->type == PARAM_BOOLEAN,
			.number = p->default_number, .boolean = p->default_boolean, .source = "assumed",
			.lo = p->default_number, .hi = p->default_number };
		o->used_known[idx] = true;
		o->used_assumed[idx] = true;
		o->assumptions[o->n_assumptions++] = (struct assumption){ p };
	}
	return 0;
}

/* Notes that exclude: a met exclusion takes out the met paragraphs of the
 * tiers it names; an undetermined one leaves them in doubt. */
static bool apply_exclusions(struct classification *out)
{
	bool exclusion_unknown = false;
	for (size_t i = 0; i < out->n_results; i++) {
		struct para_result *ex = &out->results[i];
		if (ex->para->kind != PARA_EXCLUSION)
			continue;
		for (size_t k = 0; k < out->n_results; k++) {
			struct para_result *r = &out->results[k];
			if (r->para->kind != PARA_CONTROL || !excludes_tier(ex->para, r->para->eccn))
				continue;
			if (ex->status == PS_MET && r->status == PS_MET) {
				r->status = PS_EXCLUDED;
				out->excluded_by = ex->para;
			} else if (ex->status == PS_UNDETERMINED && r->status == PS_MET) {
				exclusion_unknown = true;
			}
		}
	}
	return exclusion_unknown;
}

/* The ECCN: walk the tiers from most controlled; an undetermined tier
 * above any met one leaves the answer undetermined. */
static void decide_tier(const struct ruleset *rs, struct classification *out, bool exclusion_unknown)
{
	out->status = CLASS_NOT_CONTROLLED;
	for (size_t t = 0; t < rs->n_eccn_order && out->status == CLASS_NOT_CONTROLLED && !out->eccn; t++) {
		bool met = false, unknown = false;
		for (size_t i = 0; i < out->n_results; i++) {
			const struct para_result *r = &out->results[i];
			if (r->para->kind != PARA_CONTROL || strcmp(r->para->eccn, rs->eccn_order[t]) != 0)
				continue;
			met = met || r->status == PS_MET;
			unknown = unknown || r->status == PS_UNDETERMINED;
		}
		if (met) {
			out->eccn = rs->eccn_order[t];
			out->status = CLASS_CONTROLLED;
		} else if (unknown) {
			out->status = CLASS_UNDETERMINED;
		}
	}
	if (exclusion_unknown && out->status == CLASS_CONTROLLED) {
		out->status = CLASS_UNDETERMINED;
		out->eccn = NULL;
	}
	/* Only the ECCN's own tier applies; a less controlled tier's met
	 * paragraphs are outranked (references to that tier are then false). */
	for (size_t i = 0; out->eccn && i < out->n_results; i++) {
		struct para_result *r = &out->results[i];
		if (r->para->kind == PARA_CONTROL && r->status == PS_MET && strcmp(r->para->eccn, out->eccn) != 0)
			r->status = PS_OUTRANKED;
	}
}

int classify_evaluate_plain(const struct ruleset *rs, const struct class_input *in, struct classification *out,
			    struct tpp_error *err)
{
	*out = (struct classification){ .rules = rs };
	struct eval_ctx x = { .rs = rs, .out = out, .want_margins = true, .err = err };
	out->results = calloc(rs->n_paras ? rs->n_paras : 1, sizeof(*out->results));
	if (!out->results) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	out->n_results = rs->n_paras;
	for (size_t i = 0; i < rs->n_paras; i++)
		out->results[i].para = &rs->paras[i];
	if (bind_inputs(&x, in))
		goto fail;
	/* Phase 1: the control paragraphs and the notes that exclude. */
	for (size_t i = 0; i < out->n_results; i++) {
		enum rule_para_kind k = out->results[i].para->kind;
		if (k == PARA_CONTROL || k == PARA_EXCLUSION)
			evaluate_para(&x, &out->results[i], in);
	}
	decide_tier(rs, out, apply_exclusions(out));
	/* Phase 2: exceptions, review policies, presumptions, system ECCNs. */
	for (size_t i = 0; i < out->n_results; i++) {
		enum rule_para_kind k = out->results[i].para->kind;
		if (k != PARA_CONTROL && k != PARA_EXCLUSION)
			evaluate_para(&x, &out->results[i], in);
	}
	if (err->status)
		goto fail;
	return 0;
fail:
	classification_free(out);
	return -1;
}

bool rule_cond_uses_param(const struct rule_cond *c, size_t param)
{
	return cond_uses_param(c, param);
}

void classification_free(struct classification *c)
{
	free(c->results);
	free(c->margins);
	free(c->regions);
	c->results = NULL;
	c->margins = NULL;
	c->regions = NULL;
	c->n_results = c->n_margins = c->n_regions = 0;
	c->open_param = NULL;
}

bool classification_matched(const struct classification *c, enum rule_para_kind kind,
			    size_t index, const struct para_result **res)
{
	size_t seen = 0;
	for (size_t i = 0; i < c->n_results; i++) {
		const struct para_result *r = &c->results[i];
		if (r->para->kind != kind || r->status != PS_MET)
			continue;
		if (seen++ == index) {
			*res = r;
			return true;
		}
	}
	return false;
}

bool classification_param_relevant(const struct classification *c, size_t index)
{
	for (size_t i = 0; i < c->n_results; i++)
		if (c->results[i].status != PS_NOT_APPLICABLE && cond_uses_param(&c->results[i].para->cond, index))
			return true;
	return false;
}

const char *classification_label(const struct classification *cl)
{
	if (cl->status == CLASS_CONTROLLED && cl->eccn_bound == ECCN_AT_LEAST)
		return cl->label;
	return cl->status == CLASS_UNDETERMINED ? "undetermined" : cl->eccn ? cl->eccn : "not 3A090";
}

static double shortfall_of(const struct margin *m)
{
	return fabs(m->ratio - 1);
}

/* A paragraph's unmet thresholds, largest shortfall first; false when one
 * of its unmet conditions has no ratio (a boolean, a zero threshold). */
static bool para_unmet(const struct classification *cl, const struct para_result *r, struct nearest *n)
{
	*n = (struct nearest){ .para = r->para };
	for (size_t i = 0; i < cl->n_margins; i++) {
		const struct margin *m = &cl->margins[i];
		if (m->para != r->para || m->met)
			continue;
		if (!isfinite(m->ratio))
			return false;
		size_t k = n->n_unmet < NEAREST_MAX_UNMET ? n->n_unmet++ : NEAREST_MAX_UNMET - 1;
		n->unmet[k] = m;
		for (; k > 0 && shortfall_of(n->unmet[k - 1]) < shortfall_of(n->unmet[k]); k--) {
			const struct margin *t = n->unmet[k - 1];
			n->unmet[k - 1] = n->unmet[k];
			n->unmet[k] = t;
		}
	}
	if (!n->n_unmet)
		return false;   /* not met through a boolean or a reference: nothing to measure */
	n->shortfall = shortfall_of(n->unmet[0]);
	return true;
}

bool classification_nearest(const struct classification *cl, struct nearest *out)
{
	bool found = false;
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		struct nearest n;
		if (r->para->kind != PARA_CONTROL || r->status != PS_NOT_MET || !para_unmet(cl, r, &n))
			continue;
		if (!found || n.shortfall < out->shortfall) {
			*out = n;
			found = true;
		}
	}
	return found;
}

static size_t tier_index(const struct ruleset *rs, const char *eccn)
{
	for (size_t i = 0; i < rs->n_eccn_order; i++)
		if (strcmp(rs->eccn_order[i], eccn) == 0)
			return i;
	return rs->n_eccn_order;
}

int classification_exit_status(const struct classification *cl)
{
	if (cl->status == CLASS_UNDETERMINED)
		return VERDICT_EXIT_UNDETERMINED;
	if (cl->status != CLASS_CONTROLLED || !cl->eccn)
		return VERDICT_EXIT_NONE;
	size_t i = tier_index(cl->rules, cl->eccn);
	return i < cl->rules->n_eccn_order ? cl->rules->eccn_exit[i] : VERDICT_EXIT_NONE;
}

void verdict_add(struct verdict *v, const struct classification *cl)
{
	int rank = 0;
	if (cl->status == CLASS_UNDETERMINED)
		rank = 1;
	else if (cl->status == CLASS_CONTROLLED && cl->eccn)
		rank = 2 + (int)(cl->rules->n_eccn_order - tier_index(cl->rules, cl->eccn));
	if (rank > v->rank) {
		v->rank = rank;
		v->status = classification_exit_status(cl);
	}
}
