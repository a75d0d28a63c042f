/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/licence.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *lic_ship_name(enum lic_ship s)
{
	static const char *const n[] = { [SHIP_EXPORT] = "export", [SHIP_REEXPORT] = "reexport",
		[SHIP_TRANSFER] = "transfer" };
	return n[s];
}

/* What the rows test, from the record and the shipment. */
struct lic_facts {
	const struct lic_data *l;
	const struct dest_data *d;
	const struct lic_query *q;
	const struct classification *cl;
	const char *tier;         /* "3A090.a", ..., or "none" */
	enum lic_ship ship;
	const struct kb_part *part;
};

static bool has(json_t *arr, const char *s)
{
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (!strcmp(json_string_value(json_array_get(arr, i)), s))
			return true;
	return false;
}

static bool in_any(const struct lic_facts *f, json_t *groups, const char *code)
{
	for (size_t i = 0; i < json_array_size(groups); i++)
		if (dest_in_group(f->d, code, json_string_value(json_array_get(groups, i)), f->q->date, NULL))
			return true;
	return false;
}

static bool para_met(const struct classification *cl, enum rule_para_kind kind, const char *id)
{
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == kind && cl->results[i].status == PS_MET && !strcmp(cl->results[i].para->id, id))
			return true;
	return false;
}

static bool datacenter(const struct classification *cl)
{
	size_t i;
	return ruleset_param(cl->rules, "datacenter", &i) && cl->used_known[i] && cl->used[i].boolean;
}

static bool when_holds(const struct lic_facts *f, const struct lic_when *w)
{
	if ((w->tier && !has(w->tier, f->tier)) || (w->dest_is && !has(w->dest_is, f->q->dest)) ||
	    (w->dest_in && !in_any(f, w->dest_in, f->q->dest)) || (w->dest_not_in && in_any(f, w->dest_not_in, f->q->dest)) ||
	    (w->hq_in && !in_any(f, w->hq_in, f->q->hq)) || (w->hq_not_in && in_any(f, w->hq_not_in, f->q->hq)) ||
	    (w->ship && !has(w->ship, lic_ship_name(f->ship))))
		return false;
	if ((w->exception && !para_met(f->cl, PARA_EXCEPTION, w->exception)) ||
	    (w->review_met && !para_met(f->cl, PARA_REVIEW, w->review_met)))
		return false;
	if (w->datacenter >= 0 && datacenter(f->cl) != (w->datacenter == 1))
		return false;
	for (size_t i = 0; i < w->n_any; i++)
		if (when_holds(f, &w->any[i]))
			return true;
	return w->n_any == 0;
}

static void add_text(struct lic_text *arr, size_t *n, const char *id, const char *text, const char *citation)
{
	if (*n < LIC_MAX_ITEMS)
		arr[(*n)++] = (struct lic_text){ id, text, citation };
}

static void apply_result(struct lic_answer *out, const struct lic_result *r)
{
	out->required = r->required;
	out->policy = r->policy;
	out->exception = r->exception;
	out->notification = r->notification;
}

static const struct lic_regime *regime_on(const struct lic_data *l, tpp_date date)
{
	for (size_t i = 0; i < l->n_regimes; i++)
		if (l->regimes[i].from <= date && (!l->regimes[i].has_until || date < l->regimes[i].until))
			return &l->regimes[i];
	return NULL;
}

/* A figure the overlay criteria compare; false when unknown. */
static bool figure(const struct lic_facts *f, const char *param, double *v)
{
	const struct kb_part *p = f->part;
	if (!strcmp(param, "c2c_gbps")) {
		*v = p && p->c2c_gbps.known ? p->c2c_gbps.value : NAN;
	} else if (!strcmp(param, "dram_plus_io_gbps")) {
		double a, b;
		if (!figure(f, "dram_bw_gbps", &a) || !figure(f, "io_bidir_gbps", &b))
			return false;
		*v = a + b;
	} else {
		size_t i;
		const struct classification *cl = f->cl;
		bool known = ruleset_param(cl->rules, param, &i) && cl->used_known[i] && !cl->used[i].is_range;
		*v = known ? cl->used[i].number : NAN;
		if (!known && p && !strcmp(param, "dram_bw_gbps") && p->memory_bw_gbps.known)
			*v = p->memory_bw_gbps.value;
		if (!known && p && !strcmp(param, "io_bidir_gbps") && p->io_known)
			*v = p->io_bidir_gbps;
	}
	return isfinite(*v);
}

static bool crit_holds(const struct lic_facts *f, const struct lic_crit *c)
{
	if (c->kind == CRIT_CMP) {
		double v;
		return figure(f, c->param, &v) && (!strcmp(c->op, ">=") ? v >= c->value : v <= c->value);
	}
	for (size_t i = 0; i < c->n_kids; i++)
		if (crit_holds(f, &c->kids[i]) == (c->kind == CRIT_ANY))
			return c->kind == CRIT_ANY;
	return c->kind == CRIT_ALL;
}

static bool overlay_applies(const struct lic_facts *f, const struct lic_overlay *o)
{
	if (f->q->date < o->from || (o->has_until && f->q->date >= o->until))
		return false;
	const struct kb_part *p = f->part;
	bool named = p && o->parts && has(o->parts, p->id);
	bool vendor_ok = !o->vendor || (p && !strcmp(p->vendor->id, o->vendor));
	bool by_figures = o->criteria && vendor_ok && crit_holds(f, o->criteria);
	bool item = named || by_figures || (!o->parts && !o->criteria);
	return item && (!o->where || when_holds(f, o->where));
}

static void apply_overlays(const struct lic_facts *f, struct lic_answer *out)
{
	for (size_t i = 0; i < f->l->n_overlays; i++) {
		const struct lic_overlay *o = &f->l->overlays[i];
		if (!overlay_applies(f, o))
			continue;
		if (!strcmp(o->kind, "advisory")) {
			add_text(out->advisories, &out->n_advisories, o->id, o->reason, o->citation);
			continue;
		}
		if (out->required == 0 && out->n_reasons == 1 && !out->reasons[0].id)
			out->n_reasons = 0;   /* "no requirement" no longer holds */
		add_text(out->reasons, &out->n_reasons, o->id, o->reason, o->citation);
		if (out->required != 1) {   /* an overlay adds a requirement; it never relaxes one */
			out->required = o->result.required;
			out->policy = o->result.policy;
			out->exception = NULL;
		}
	}
}

/* The AI Diffusion rule (off by default): its tier decides, and it only
 * adds to what the enforced regime requires. */
static void apply_diffusion(const struct lic_facts *f, struct lic_answer *out)
{
	const struct lic_data *l = f->l;
	if (!f->q->diffusion || f->q->date < l->diffusion_from || !has(l->diffusion_tiers, f->tier) ||
	    !strcmp(f->q->dest, "US"))
		return;
	int t = in_any(f, l->tier3_groups, f->q->dest) ? 2 : dest_in_group(f->d, f->q->dest, l->tier1_group, f->q->date, NULL) ? 0 : 1;
	const struct lic_tier_rule *r = &l->tier[t];
	if (out->required == 0 && out->n_reasons == 1 && !out->reasons[0].id)
		out->n_reasons = 0;
	add_text(out->reasons, &out->n_reasons, "ai-diffusion", r->reason, r->citation);
	add_text(out->advisories, &out->n_advisories, "ai-diffusion-status", l->diffusion_status, l->diffusion_citation);
	if (out->required != 1)
		apply_result(out, &r->result);
}

static void init_answer(const struct lic_query *q, struct lic_answer *out)
{
	*out = (struct lic_answer){ .q = *q, .required = 0 };
	out->ship = !strcmp(q->from, q->dest) ? SHIP_TRANSFER : !strcmp(q->from, "US") ? SHIP_EXPORT : SHIP_REEXPORT;
}

/* A static string, not a buffer in the answer: answers are copied by value,
 * and a reason pointing into its own answer would dangle in the copy. */
static const char undetermined_reason[] = "the ECCN is undetermined, so whether a licence is needed is too";

int lic_decide(const struct lic_data *l, const struct dest_data *d, const struct lic_query *q,
	       const struct classification *cl, const struct kb_part *part, struct lic_answer *out,
	       struct tpp_error *err)
{
	(void)err;
	init_answer(q, out);
	struct lic_facts f = { l, d, q, cl, "none", out->ship, part };
	if (cl->status == CLASS_UNDETERMINED) {
		out->required = -1;
		add_text(out->reasons, &out->n_reasons, NULL, undetermined_reason, NULL);
		apply_overlays(&f, out);
		return 0;
	}
	if (cl->status == CLASS_CONTROLLED)
		f.tier = cl->eccn;
	const struct lic_regime *g = regime_on(l, cl->rules->effective);
	out->regime = g ? g->id : NULL;
	for (size_t i = 0; g && i < g->n_rows; i++) {
		const struct lic_row *r = &g->rows[i];
		if (!when_holds(&f, &r->when))
			continue;
		apply_result(out, &r->result);
		add_text(out->reasons, &out->n_reasons, NULL, r->reason, r->citation);
		if (r->reading)
			add_text(out->advisories, &out->n_advisories, "reading", r->reading, r->citation);
		out->conditions = r->conditions;
		break;
	}
	if (!out->n_reasons)
		add_text(out->reasons, &out->n_reasons, NULL, f.tier[0] == 'n'
			 ? "not 3A090: no licence under ECCN 3A090 for any destination (other EAR controls, the Entity List "
			   "and end-use rules still apply)"
			 : "no 3A090 licence requirement for this destination, end user and origin under the rules in force",
			 g ? g->title : NULL);
	apply_overlays(&f, out);
	apply_diffusion(&f, out);
	return 0;
}
