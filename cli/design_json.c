/* tppscan design, JSON: a contract (tppscan(1), MACHINE READABLE OUTPUT).
 * The design is one record in `devices` like every command's, with
 * `design` (knobs, precisions, metrics) and `rule_sets` (verdict and
 * headroom per rule set) beside it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>

#include "cli/design_view.h"
#include "cli/render.h"
#include "cli/render_device.h"

static json_t *num_or_null(double v, bool known)
{
	return known ? json_num(v) : json_null();
}

static json_t *knob_num(const struct design_num *n)
{
	if (!n->known)
		return json_null();
	return json_pack("{s:o, s:s}", "value", json_num(n->v), "source", design_source_name(n->src));
}

static json_t *like_json(const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	if (!k->like)
		return json_null();
	const struct kb_part *p = k->like;
	json_t *o = json_pack("{s:s, s:s, s:s}", "part", p->id, "name", p->name, "query", v->like_query);
	json_object_set_new(o, "datasheet_tpp", num_or_null(p->tpp.tpp, p->tpp.known));
	json_object_set_new(o, "model_tpp", num_or_null(v->r->like_model_tpp, v->r->like_check));
	json_object_set_new(o, "model_ratio", v->r->like_check && p->tpp.known && p->tpp.tpp > 0
				       ? json_real(v->r->like_model_tpp / p->tpp.tpp) : json_null());
	return o;
}

static json_t *dies_json(const struct design_knobs *k)
{
	json_t *a = json_array();
	for (size_t i = 0; i < k->n_dies; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "count", json_num(k->dies[i].count), "area_mm2",
						   json_num(k->dies[i].area_mm2), "name", json_str(k->dies[i].name)));
	return a;
}

static json_t *knobs_json(const struct design_knobs *k)
{
	json_t *o = json_object();
	json_object_set_new(o, "units", knob_num(&k->units));
	json_object_set_new(o, "unit", json_str(k->unit));
	json_object_set_new(o, "clock_mhz", knob_num(&k->clock_mhz));
	json_t *f = knob_num(&k->factor);
	if (k->factor.known)
		json_object_set_new(f, "verifiable_on_hardware", json_false());
	json_object_set_new(o, "cap_factor", f);
	json_object_set_new(o, "cap_reason", json_str(k->cap_reason));
	json_object_set_new(o, "dies", dies_json(k));
	json_object_set_new(o, "dies_source", json_str(design_source_name(k->dies_src)));
	json_object_set_new(o, "die_area_unknown_why", json_str(k->area_why));
	json_object_set_new(o, "io_bidir_gbps", knob_num(&k->io_bidir));
	json_object_set_new(o, "dram_bw_gbps", knob_num(&k->dram_bw));
	json_object_set_new(o, "hbm_mbd", knob_num(&k->hbm_mbd));
	json_object_set_new(o, "transistors", knob_num(&k->transistors));
	json_object_set_new(o, "datacenter", json_pack("{s:o, s:o, s:o, s:o}", "value",
		k->datacenter < 0 ? json_null() : json_boolean(k->datacenter), "source",
		json_str(design_source_name(k->datacenter_src)), "evidence", json_str(k->datacenter_evidence),
		"evidence_source", json_str(design_source_name(k->evidence_src))));
	return o;
}

static json_t *precisions_json(const struct design_knobs *k, const struct design_metrics *m)
{
	json_t *a = json_array();
	for (int p = 0; p < PREC_COUNT; p++) {
		if (!k->rate[p].known)
			continue;
		json_t *e = json_pack("{s:s, s:i, s:o, s:s, s:o, s:o, s:s, s:o, s:o, s:b, s:b}", "precision",
			tpp_precision_name(p), "bits", tpp_precision_bits(p), "rate_ops_per_clock_per_unit",
			json_num(k->rate[p].v), "rate_source", design_source_name(k->rate[p].src), "uncapped_tops",
			json_num(m->uncapped_tops[p]), "cap_tops", num_or_null(k->cap[p].v, k->cap[p].known),
			"limited_by", design_limit_name(m->limit[p]), "dense_tops", json_num(m->tops[p]), "tpp",
			json_num(m->tpp.per_precision[p]), "sets_tpp", p == (int)m->tpp.precision, "ties_tpp",
			m->tpp.ties[p]);
		json_object_set_new(e, "cap_source", json_str(design_source_name(k->cap[p].src)));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *design_json(const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct design_metrics *m = &v->r->metrics;
	json_t *ties = json_array();
	for (int p = 0; p < PREC_COUNT; p++)
		if (m->tpp.ties[p])
			json_array_append_new(ties, json_string(tpp_precision_name(p)));
	json_t *metrics = json_pack("{s:o, s:s, s:o, s:o, s:o}", "tpp", json_num(m->tpp.tpp), "tpp_precision",
		tpp_precision_name(m->tpp.precision), "tpp_precisions", ties, "pd", num_or_null(m->pd, m->pd_known),
		"die_area_mm2", num_or_null(m->area.mm2, m->area.known));
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "like", like_json(v), "architecture",
		json_pack("{s:s, s:s, s:o}", "id", k->arch->id, "name", k->arch->name, "unit", json_str(k->arch->unit)),
		"knobs", knobs_json(k), "precisions", precisions_json(k, m), "metrics", metrics);
}

/* Reals in the document carry 8 significant digits; a boundary is only
 * exact in full, so it also comes as the shortest decimal string that
 * reads back as the same double. */
static json_t *exact(double v)
{
	char b[48];
	return isfinite(v) ? json_string(fmt_exact(b, sizeof(b), v)) : json_null();
}

static json_t *side_json(double knob, double param, enum para_status st, const char *verdict)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:s}", "knob", json_num(knob), "knob_exact", exact(knob),
		"parameter", json_num(param), "parameter_exact", exact(param), "status", para_status_name(st),
		"verdict", verdict);
}

static json_t *entry_json(const struct design_knobs *k, const struct headroom_entry *e)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b, s:o, s:o, s:b, s:b}", "knob",
		design_knob_name(e->knob.kind), "unit", design_knob_unit(k, e->knob), "paragraph", e->para->id,
		"item", e->item_hbm ? "hbm" : "ic", "parameter", e->param, "operator", rule_op_symbol(e->cond->op),
		"threshold", json_num(e->cond->number), "wording", e->cond->wording ? e->cond->wording : "",
		"verifiable_on_hardware", design_knob_verifiable(e->knob.kind), "current", json_num(e->current),
		"parameter_value", e->param_unknown ? json_null() : json_num(e->param_now), "holds_now", e->holds_now,
		"reachable", e->reachable);
	json_object_set_new(o, "precision", e->knob.kind == KNOB_RATE || e->knob.kind == KNOB_CAP
		? json_string(tpp_precision_name(e->knob.index)) : json_null());
	json_object_set_new(o, "die", e->knob.kind == KNOB_DIE_AREA || e->knob.kind == KNOB_DIE_COUNT
		? json_integer(e->knob.index) : json_null());
	if (!e->reachable) {
		json_object_set_new(o, "side", json_null());
		json_object_set_new(o, "holds_at", json_null());
		json_object_set_new(o, "fails_at", json_null());
		json_object_set_new(o, "changes_result", json_false());
		return o;
	}
	/* the pair brackets the step: the lower of the two and everything under it are below */
	json_object_set_new(o, "side", json_string(e->current <= fmin(e->holds_at, e->fails_at) ? "below" : "above"));
	json_object_set_new(o, "holds_at", side_json(e->holds_at, e->param_at_holds, e->status_at_holds,
						    e->verdict_at_holds));
	json_object_set_new(o, "fails_at", side_json(e->fails_at, e->param_at_fails, e->status_at_fails,
						    e->verdict_at_fails));
	json_object_set_new(o, "changes_result", json_boolean(e->changes_result));
	return o;
}

static json_t *pd_areas_json(const struct design_rule_result *x)
{
	json_t *a = json_array();
	for (size_t i = 0; i < x->n_pd_areas; i++) {
		const struct pd_area_limit *l = &x->pd_areas[i];
		json_t *paras = json_array();
		for (size_t p = 0; p < l->n_paras; p++)
			json_array_append_new(paras, json_string(l->paras[p]->id));
		json_array_append_new(a, json_pack("{s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:b}", "threshold",
			json_num(l->threshold), "inclusive", l->inclusive, "paragraphs", paras, "min_area_mm2",
			num_or_null(l->min_area_mm2, isfinite(l->min_area_mm2)), "min_area_mm2_exact",
			exact(l->min_area_mm2), "pd_at_min_area",
			num_or_null(l->pd_at_min, isfinite(l->pd_at_min)), "area_mm2", json_num(l->area_now), "under_now",
			l->ok_now));
	}
	return a;
}

static json_t *dram_json(const struct design_rule_result *x)
{
	json_t *a = json_array();
	for (size_t i = 0; i < x->n_dram; i++) {
		const struct param_margin *m = &x->dram[i];
		bool step = m->known && m->step.reachable;
		json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "paragraph", m->para->id,
			"operator", rule_op_symbol(m->cond->op), "threshold", json_num(m->cond->number), "value",
			num_or_null(m->value, m->known), "ratio", num_or_null(m->ratio, m->known && isfinite(m->ratio)),
			"holds", m->known ? json_boolean(m->step.holds_now) : json_null(), "holds_at",
			num_or_null(m->step.holds_at, step), "fails_at", num_or_null(m->step.fails_at, step));
		json_object_set_new(o, "holds_at_exact", step ? exact(m->step.holds_at) : json_null());
		json_object_set_new(o, "fails_at_exact", step ? exact(m->step.fails_at) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *dc_alt_json(const struct design_rule_result *x)
{
	const struct classification *a = x->dc_alt;
	json_t *changed = json_array();
	for (size_t i = 0; i < a->n_results && i < x->cl->n_results; i++)
		if (a->results[i].status != x->cl->results[i].status)
			json_array_append_new(changed, json_pack("{s:s, s:s, s:s}", "paragraph", a->results[i].para->id,
				"from", para_status_name(x->cl->results[i].status), "to",
				para_status_name(a->results[i].status)));
	return json_pack("{s:b, s:s, s:o, s:s, s:o, s:o}", "datacenter", x->dc_alt_value, "status",
		class_status_name(a->status), "eccn", json_str(a->eccn), "label", classification_label(a), "excluded_by",
		json_str(a->excluded_by ? a->excluded_by->id : NULL), "changed", changed);
}

static json_t *rule_set_json(const struct design_view *v, const struct design_rule_result *x)
{
	char d[11];
	tpp_date_format(x->rs->effective, d);
	json_t *h = json_array();
	for (size_t i = 0; i < x->headroom.n; i++)
		json_array_append_new(h, entry_json(&v->r->knobs, &x->headroom.e[i]));
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "rule_set", x->rs->id, "citation",
		x->rs->citation, "effective", d, "selected", x->selected, "classification",
		render_classification_json(x->cl), "hbm_stack", x->hbm ? render_classification_json(x->hbm) : json_null(),
		"datacenter_alternative", dc_alt_json(x));
	json_object_set_new(o, "headroom", h);
	json_object_set_new(o, "pd_area_limits", pd_areas_json(x));
	json_object_set_new(o, "dram_margins", dram_json(x));
	return o;
}

int design_render_json(const struct design_view *v, bool with_nac, struct tpp_error *err)
{
	struct device_json_ctx x;
	device_json_init(&x, &v->c->kb, NULL);
	json_t *root = render_json_header(v->c);
	json_t *devices = json_array();
	json_array_append_new(devices, device_json(&x, &v->r->record));
	device_json_free(&x);
	json_object_set_new(root, "devices", devices);
	json_object_set_new(root, "design", design_json(v));
	json_t *sets = json_array();
	for (size_t i = 0; i < v->r->n; i++)
		json_array_append_new(sets, rule_set_json(v, &v->r->r[i]));
	json_object_set_new(root, "rule_sets", sets);
	if (with_nac)
		json_object_set_new(root, "nac_draft", design_nac_json(v));
	return render_json_emit(v->c, root, err);
}
