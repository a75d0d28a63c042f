/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/design_report.h"

#include <stdlib.h>

static void set_metric(struct metric_value *m, double v, enum metric_source s)
{
	*m = (struct metric_value){ true, v, s };
}

static void build_record(struct design_report *r)
{
	const struct design_metrics *m = &r->metrics;
	r->record = (struct assessment){ .kind = ASSESS_DESIGN };
	set_metric(&r->record.tpp, m->tpp.tpp, METRIC_DERIVED);
	r->record.precision_known = true;
	r->record.precision = m->tpp.precision;
	if (m->pd_known)
		set_metric(&r->record.pd, m->pd, METRIC_DERIVED);
	if (m->area.known)
		set_metric(&r->record.area, m->area.mm2,
			   r->knobs.dies_src == DSRC_LIKE ? METRIC_DATASHEET : METRIC_DECLARED);
}

/* The IC with datacenter the other way: an unknown one is evaluated as
 * the rule set's default (assumed yes), so the alternative is "no". */
static int datacenter_alternative(struct assessor *a, struct design_report *r, struct design_rule_result *x,
				  struct tpp_error *err)
{
	struct class_input in;
	design_ic_input(&r->knobs, &r->metrics, r->ship_year, &in);
	x->dc_alt_value = r->knobs.datacenter == 0;
	class_input_bool(&in, "datacenter", x->dc_alt_value, "alternative");
	x->dc_alt = assess_classify(a, x->rs, &in, err);
	return x->dc_alt ? 0 : -1;
}

static int evaluate_set(struct assessor *a, struct design_report *r, struct design_rule_result *x,
			struct tpp_error *err)
{
	struct class_input in;
	design_ic_input(&r->knobs, &r->metrics, r->ship_year, &in);
	if (!(x->cl = assess_classify(a, x->rs, &in, err)))
		return -1;
	if (design_hbm_input(&r->knobs, r->ship_year, &in) && !(x->hbm = assess_classify(a, x->rs, &in, err)))
		return -1;
	if (datacenter_alternative(a, r, x, err))
		return -1;
	if (headroom_solve(x->rs, &r->knobs, r->ship_year, &x->headroom, err))
		return -1;
	if (headroom_pd_areas(x->rs, &r->knobs, &x->pd_areas, &x->n_pd_areas, err))
		return -1;
	return headroom_param_margins(x->rs, &r->knobs, "dram_bw_gbps", &x->dram, &x->n_dram, err);
}

int design_report_build(struct assessor *a, const struct ruleset *const *sets, size_t n_sets,
			const struct ruleset *selected, const struct design_knobs *k,
			const struct design_knobs *like_base, struct design_report *out, struct tpp_error *err)
{
	*out = (struct design_report){ .knobs = *k, .ship_year = tpp_date_year(a->as_of) };
	if (design_compute(k, &out->metrics, err))
		return -1;
	if (like_base && like_base->units.known && like_base->clock_mhz.known) {
		struct design_metrics lm;
		struct tpp_error ignored = { 0 };
		if (design_compute(like_base, &lm, &ignored) == 0) {
			out->like_check = true;
			out->like_model_tpp = lm.tpp.tpp;
		}
	}
	build_record(out);
	out->r = calloc(n_sets ? n_sets : 1, sizeof(*out->r));
	if (!out->r) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	out->n = n_sets;
	for (size_t i = 0; i < n_sets; i++) {
		out->r[i].rs = sets[i];
		out->r[i].selected = sets[i] == selected;
		if (evaluate_set(a, out, &out->r[i], err)) {
			design_report_free(out);
			return -1;
		}
		if (out->r[i].selected)
			out->record.cl = out->r[i].cl;
	}
	if (out->record.cl && assess_licence(a, &out->record, a->as_of, err)) {
		design_report_free(out);
		return -1;
	}
	return 0;
}

void design_report_free(struct design_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		headroom_free(&r->r[i].headroom);
		free(r->r[i].pd_areas);
		free(r->r[i].dram);
	}
	free(r->r);
	r->r = NULL;
	r->n = 0;
}

size_t design_licence_for(const struct assessment *a, struct design_licence *out, size_t max)
{
	if (!a->has_licence || !max)
		return 0;
	const struct lic_answer *l = &a->licence;
	out[0] = (struct design_licence){ .dest = l->q.dest, .exception = l->exception, .required = l->required,
		.why = l->n_reasons ? l->reasons[0].text : NULL };
	return 1;
}
