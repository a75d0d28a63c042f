/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/assess.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "classify/assess_cache.h"
#include "classify/part_inputs.h"

const char *metric_source_name(enum metric_source s)
{
	static const char *const n[] = { [METRIC_NONE] = NULL, [METRIC_DATASHEET] = "datasheet",
		[METRIC_PROBED] = "probed", [METRIC_DECLARED] = "declared", [METRIC_DERIVED] = "derived" };
	return n[s];
}

static const struct {
	const char *code;
	unsigned flag;
} warning_flags[] = {
	{ "clock-above-datasheet", FLAG_CLOCK }, { "units-above-datasheet", FLAG_UNITS },
	{ "probed-crosses-threshold", FLAG_CROSS }, { "name-mismatch", FLAG_NAME }, { "rom-mismatch", FLAG_ROM },
	{ "rom-version-mismatch", FLAG_ROMVER }, { "unknown-device", FLAG_UNKNOWN },
	{ "ambiguous-match", FLAG_AMBIG }, { "incomplete-package", FLAG_PKG },
};

unsigned assess_flag_of_warning(const char *code)
{
	for (size_t i = 0; i < sizeof(warning_flags) / sizeof(warning_flags[0]); i++)
		if (!strcmp(code, warning_flags[i].code))
			return warning_flags[i].flag;
	return 0;
}

int assessor_init(struct assessor *a, const struct kb *kb, const struct ruleset *rs, tpp_date as_of,
		  struct tpp_error *err)
{
	*a = (struct assessor){ .kb = kb, .rs = rs, .as_of = as_of, .cache = assess_cache_new() };
	if (!a->cache) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	return 0;
}

void assessor_free(struct assessor *a)
{
	assess_cache_free(a->cache);
	*a = (struct assessor){ 0 };
}

void assessor_set_licence(struct assessor *a, const struct lic_data *lic, const struct dest_data *dest,
			  const struct lic_query *q)
{
	a->lic = lic;
	a->dest = dest;
	a->licq = q;
}

int assess_licence(struct assessor *a, struct assessment *out, tpp_date date, struct tpp_error *err)
{
	if (!a->licq)
		return 0;
	struct lic_query q = *a->licq;
	q.date = date;
	out->has_licence = true;
	return lic_decide(a->lic, a->dest, &q, out->cl, out->part, &out->licence, err);
}

const struct classification *assess_classify(struct assessor *a, const struct ruleset *rs,
					     const struct class_input *in, struct tpp_error *err)
{
	return assess_cache_get(a->cache, rs ? rs : a->rs, in, err);
}

static void set_metric(struct metric_value *m, double v, enum metric_source s)
{
	*m = (struct metric_value){ true, v, s };
}

/* The datasheet's metrics of a part; TPP 0 for a part with no compute engine. */
static void part_metrics(const struct kb_part *p, struct assessment *out)
{
	if (p->tpp.known) {
		set_metric(&out->tpp, p->tpp.tpp, METRIC_DATASHEET);
		out->precision_known = true;
		out->precision = p->tpp.precision;
	} else if (p->no_compute) {
		set_metric(&out->tpp, 0, METRIC_DATASHEET);
	}
	if (p->pd_known)
		set_metric(&out->pd, p->pd, METRIC_DATASHEET);
	if (p->area.known)
		set_metric(&out->area, p->area.mm2, METRIC_DATASHEET);
	out->display_only = p->no_compute != NULL;
}

/* Every paragraph whose result the probed TPP changes: the crossing a lab
 * must see (both classifications use one rule set, so results line up). */
static void note_crossings(struct scan_item *it, const struct kb_part *p, const struct classification *sheet,
			   const struct classification *probed)
{
	char list[300] = "";
	for (size_t i = 0; i < sheet->n_results && i < probed->n_results; i++) {
		const struct para_result *a = &sheet->results[i], *b = &probed->results[i];
		if (a->status == b->status || a->para->kind == PARA_SYSTEM || a->para->kind == PARA_PRESUMPTION)
			continue;
		char one[120];
		snprintf(one, sizeof(one), "%s%s %s (datasheet: %s)", *list ? "; " : "", a->para->id,
			 para_status_name(b->status), para_status_name(a->status));
		strncat(list, one, sizeof(list) - strlen(list) - 1);
	}
	if (!*list)
		return;
	const struct probed_tpp *pt = &it->probed;
	scan_warn(it, "probed-crosses-threshold",
		  "probed TPP %.1f (%g %s x %g MHz x %g %s ops/clk) against the datasheet's %.1f: %s -> %s; %s", pt->tpp,
		  pt->units, p->unit_kind ? p->unit_kind : "units", pt->clock_mhz, pt->rate,
		  tpp_precision_name(pt->precision), p->tpp.tpp, classification_label(sheet),
		  classification_label(probed), list);
}

/* The probed estimate as inputs: its TPP, and its PD where the part's die
 * area is known (a part outside the knowledge base has none). */
static void add_probed_inputs(const struct scan_item *it, struct class_input *in, struct metric_value *pd)
{
	const struct kb_part *p = it->part;
	class_input_number(in, "tpp", it->probed.tpp, "probed");
	double v;
	if (p && tpp_performance_density(it->probed.tpp, true, &p->area, &v)) {
		class_input_number(in, "pd", v, "probed");
		if (pd)
			set_metric(pd, v, METRIC_PROBED);
	}
}

int assess_device(struct assessor *a, struct scan_item *it, struct assessment *out, struct tpp_error *err)
{
	const struct kb_part *p = it->part;
	*out = (struct assessment){ .kind = ASSESS_DEVICE, .item = it, .part = p };
	struct class_input in;
	if (p) {
		part_class_input(p, tpp_date_year(a->as_of), &in);
	} else {
		in = (struct class_input){ .item_ic = true };
		class_input_number(&in, "ship_year", tpp_date_year(a->as_of), "as-of date");
	}
	bool sheet = p && (p->tpp.known || p->no_compute);
	if (sheet) {
		part_metrics(p, out);
		if (!(out->cl = assess_classify(a, NULL, &in, err)))
			return -1;
		if (it->probed.known) {
			add_probed_inputs(it, &in, NULL);
			if (!(out->probed_cl = assess_classify(a, NULL, &in, err)))
				return -1;
			note_crossings(it, p, out->cl, out->probed_cl);
		}
	} else {
		/* an unknown part, or one without figures: the estimate is all there is */
		if (p && p->area.known)
			set_metric(&out->area, p->area.mm2, METRIC_DATASHEET);
		if (it->probed.known) {
			set_metric(&out->tpp, it->probed.tpp, METRIC_PROBED);
			out->precision_known = true;
			out->precision = it->probed.precision;
			add_probed_inputs(it, &in, &out->pd);
		}
		if (!(out->cl = assess_classify(a, NULL, &in, err)))
			return -1;
		if (it->probed.known)
			out->probed_cl = out->cl;
	}
	for (size_t i = 0; i < it->n_warn; i++)
		out->flags |= assess_flag_of_warning(it->warn[i].code);
	return assess_licence(a, out, a->as_of, err);
}

int assess_part(struct assessor *a, const struct ruleset *rs, const struct kb_part *p, struct assessment *out,
		struct tpp_error *err)
{
	*out = (struct assessment){ .kind = ASSESS_PART, .part = p };
	part_metrics(p, out);
	struct class_input in;
	part_class_input(p, tpp_date_year(a->as_of), &in);
	out->cl = assess_classify(a, rs, &in, err);
	if (!out->cl)
		return -1;
	return assess_licence(a, out, rs && rs != a->rs ? rs->effective : a->as_of, err);
}

int assess_declared_input(struct assessor *a, const struct declared_figures *d, struct class_input *in,
			  struct assessment *out, struct tpp_error *err)
{
	*out = (struct assessment){ .kind = ASSESS_DECLARED };
	if (d->tpp_set) {
		set_metric(&out->tpp, d->tpp, METRIC_DECLARED);
		class_input_number(in, "tpp", d->tpp, "declared");
	}
	if (d->pd_set) {
		set_metric(&out->pd, d->pd, METRIC_DECLARED);
		class_input_number(in, "pd", d->pd, "declared");
	}
	if (d->area_set) {
		set_metric(&out->area, d->area, METRIC_DECLARED);
		struct tpp_area area = { .known = true, .mm2 = d->area, .applicable_dies = 1 };
		double pd;
		if (!tpp_performance_density(d->tpp, d->tpp_set, &area, &pd) || !isfinite(pd)) {
			tpp_error_set(err, TPP_EX_USAGE,
				      "tppscan classify: PD = TPP / die area = %g / %g is not a finite number", d->tpp,
				      d->area);
			return -1;
		}
		set_metric(&out->pd, pd, METRIC_DERIVED);
		class_input_number(in, "pd", pd, "derived");
	}
	if (d->tpp_lo_set || d->tpp_hi_set)
		class_input_range(in, "tpp", d->tpp_lo_set ? d->tpp_lo : 0, d->tpp_hi_set ? d->tpp_hi : INFINITY,
				  "declared", "declared bounds");
	if (d->pd_lo_set || d->pd_hi_set)
		class_input_range(in, "pd", d->pd_lo_set ? d->pd_lo : 0, d->pd_hi_set ? d->pd_hi : INFINITY, "declared",
				  "declared bounds");
	class_input_number(in, "ship_year", tpp_date_year(a->as_of), "as-of date");
	in->item_ic = d->ic;
	in->item_hbm = d->hbm;
	return 0;
}

int assess_declared(struct assessor *a, const struct declared_figures *d, struct class_input *in,
		    struct assessment *out, struct tpp_error *err)
{
	if (assess_declared_input(a, d, in, out, err))
		return -1;
	out->cl = assess_classify(a, NULL, in, err);
	if (!out->cl)
		return -1;
	return assess_licence(a, out, a->as_of, err);
}
