/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *name, *label;
} labels[] = {
	{ "tpp", "TPP" },
	{ "pd", "PD" },
	{ "datacenter", "datacenter" },
	{ "io_bidir_gbps", "I/O GB/s" },
	{ "hbm_mbd", "HBM GB/s/mm2" },
	{ "dram_bw_gbps", "DRAM GB/s" },
	{ "transistors", "transistors" },
	{ "has_hbm", "has HBM" },
	{ "ship_year", "year" },
};

const char *param_label(const char *name)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].name, name) == 0)
			return labels[i].label;
	return name;
}

const char *fmt_num(char *buf, size_t n, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, "unknown");
	else if (fabs(v) >= 1e9 && fmod(v, 1e6) == 0)
		snprintf(buf, n, "%g billion", v / 1e9);
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.6g", v);
	return buf;
}

static void cond_text(char **p, size_t *left, const struct ruleset *rs, const struct rule_cond *c,
		      bool nested)
{
	int w = 0;
	char num[32];
	switch (c->kind) {
	case COND_ALL:
	case COND_ANY:
		if (nested)
			w = snprintf(*p, *left, "(");
		break;
	case COND_NOT:
		w = snprintf(*p, *left, "not ");
		break;
	case COND_REF:
		w = snprintf(*p, *left, "%s", c->ref);
		break;
	case COND_CMP: {
		const struct rule_param *par = &rs->params[c->param];
		if (par->type == PARAM_BOOLEAN)
			w = snprintf(*p, *left, "%s = %s", param_label(par->name), c->boolean ? "yes" : "no");
		else
			w = snprintf(*p, *left, "%s %s %s", param_label(par->name),
				     c->op == OP_EQ ? "=" : rule_op_symbol(c->op),
				     fmt_num(num, sizeof(num), c->number));
		break;
	}
	}
	if (w < 0 || (size_t)w >= *left) {
		*left = 0;
		return;
	}
	*p += w;
	*left -= (size_t)w;
	if (c->kind == COND_NOT) {
		cond_text(p, left, rs, c->kids, true);
		return;
	}
	if (c->kind != COND_ALL && c->kind != COND_ANY)
		return;
	for (size_t i = 0; i < c->n_kids && *left; i++) {
		if (i) {
			w = snprintf(*p, *left, c->kind == COND_ALL ? " and " : " or ");
			if (w < 0 || (size_t)w >= *left) {
				*left = 0;
				return;
			}
			*p += w;
			*left -= (size_t)w;
		}
		cond_text(p, left, rs, &c->kids[i], true);
	}
	if (nested && *left > 1) {
		**p = ')';
		(*p)++;
		**p = '\0';
		(*left)--;
	}
}

void render_cond_text(char *buf, size_t n, const struct ruleset *rs, const struct rule_cond *cond)
{
	char *p = buf;
	size_t left = n;
	buf[0] = '\0';
	cond_text(&p, &left, rs, cond, false);
}

void margin_phrase(char *buf, size_t n, const struct margin *m)
{
	char v[32], t[32];
	fmt_num(v, sizeof(v), m->value);
	fmt_num(t, sizeof(t), m->threshold);
	const char *label = param_label(m->param);
	if (m->value == m->threshold || !isfinite(m->ratio)) {
		snprintf(buf, n, "%s %s equals %s's %s", label, v, m->para->id, t);
		return;
	}
	double pct = fabs(m->ratio - 1) * 100;
	char ps[32];
	if (pct < 0.05)
		snprintf(ps, sizeof(ps), "<0.1%%");
	else if (pct < 1e6)
		snprintf(ps, sizeof(ps), "%.1f%%", pct);
	else
		snprintf(ps, sizeof(ps), "%.3g times", m->ratio);   /* "1e+300%" helps nobody */
	snprintf(buf, n, "%s %s is %s %s %s's %s", label, v, ps, m->value < m->threshold ? "below" : "above",
		 m->para->id, t);
}

bool nearest_phrase(char *buf, size_t n, const struct classification *cl)
{
	struct nearest near;
	buf[0] = '\0';
	if (cl->status != CLASS_NOT_CONTROLLED || cl->excluded_by || !classification_nearest(cl, &near))
		return false;
	for (size_t i = 0; i < near.n_unmet; i++) {
		char one[200];
		margin_phrase(one, sizeof(one), near.unmet[i]);
		if (i)
			strncat(buf, " and ", n - strlen(buf) - 1);
		strncat(buf, one, n - strlen(buf) - 1);
	}
	return true;
}

void join_met(char *buf, size_t n, const struct classification *cl, enum rule_para_kind kind)
{
	buf[0] = '\0';
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		if (r->para->kind != kind || r->status != PS_MET)
			continue;
		if (*buf)
			strncat(buf, ";", n - strlen(buf) - 1);
		strncat(buf, r->para->id, n - strlen(buf) - 1);
	}
}

size_t bounds_phrase(char *buf, size_t n, const struct classification *cl)
{
	const struct ruleset *rs = cl->rules;
	size_t count = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < rs->n_params; i++) {
		const struct class_value *v = &cl->used[i];
		if (!cl->used_known[i] || !v->is_range || !classification_param_relevant(cl, i))
			continue;
		char lo[32], hi[32], one[400];
		fmt_num(lo, sizeof(lo), round(v->lo * 100) / 100);
		fmt_num(hi, sizeof(hi), round(v->hi * 100) / 100);
		if (!isfinite(v->hi))
			snprintf(one, sizeof(one), "%s >= %s", param_label(v->name), lo);
		else if (v->lo <= 0)
			snprintf(one, sizeof(one), "%s <= %s", param_label(v->name), hi);
		else
			snprintf(one, sizeof(one), "%s <= %s <= %s", lo, param_label(v->name), hi);
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s from the %s", count++ ? "; " : "", one, v->why ? v->why : "bounds");
	}
	return count;
}

void verdict_phrase(char *buf, size_t n, const struct classification *cl)
{
	if (cl->status == CLASS_CONTROLLED && cl->eccn_bound == ECCN_AT_LEAST) {
		char why[600];
		bounds_phrase(why, sizeof(why), cl);
		snprintf(buf, n, "%s or higher (%s)", cl->eccn, why);
		return;
	}
	if (cl->status == CLASS_CONTROLLED) {
		char paras[128] = "";
		for (size_t i = 0; i < cl->n_results; i++) {
			const struct para_result *r = &cl->results[i];
			if (r->para->kind != PARA_CONTROL || r->status != PS_MET)
				continue;
			if (*paras)
				strncat(paras, ", ", sizeof(paras) - strlen(paras) - 1);
			strncat(paras, r->para->id, sizeof(paras) - strlen(paras) - 1);
		}
		if (strcmp(paras, cl->eccn) == 0)
			snprintf(buf, n, "%s", cl->eccn);
		else
			snprintf(buf, n, "%s (%s)", cl->eccn, paras);
	} else if (cl->status == CLASS_UNDETERMINED) {
		char need[128] = "";
		for (size_t i = 0; i < cl->n_results; i++) {
			const struct para_result *r = &cl->results[i];
			if (r->para->kind != PARA_CONTROL && r->para->kind != PARA_EXCLUSION)
				continue;
			for (size_t k = 0; k < r->n_missing; k++) {
				if (strstr(need, r->missing[k]))
					continue;
				if (*need)
					strncat(need, ", ", sizeof(need) - strlen(need) - 1);
				strncat(need, r->missing[k], sizeof(need) - strlen(need) - 1);
			}
		}
		snprintf(buf, n, "undetermined (needs %s)", *need ? need : "more inputs");
	} else if (cl->excluded_by) {
		snprintf(buf, n, "not 3A090 (%s)", cl->excluded_by->id);
	} else {
		snprintf(buf, n, "not 3A090");
	}
}

void verdict_block_text(FILE *f, const struct classification *cl, const char *heading)
{
	char buf[256];
	verdict_phrase(buf, sizeof(buf), cl);
	fprintf(f, "%s: %s\n", heading, buf);
	if (nearest_phrase(buf, sizeof(buf), cl))
		fprintf(f, "  closest: %s\n", buf);
	if (cl->excluded_by) {
		bool any = false;
		for (size_t i = 0; i < cl->n_results && !any; i++)
			any = cl->results[i].status == PS_EXCLUDED;
		if (!any) {
			fprintf(f, "  %s takes the part out of 3A090 (%s), whatever the inputs still unknown\n",
				cl->excluded_by->id, cl->excluded_by->title);
			return;
		}
		fprintf(f, "  %s takes the part out of 3A090; without it:", cl->excluded_by->id);
		for (size_t i = 0; i < cl->n_results; i++)
			if (cl->results[i].status == PS_EXCLUDED)
				fprintf(f, " %s", cl->results[i].para->id);
		fputc('\n', f);
	}
}

static const char *status_text(enum para_status s)
{
	static const char *const t[] = { [PS_MET] = "met", [PS_NOT_MET] = "not met",
		[PS_UNDETERMINED] = "undetermined", [PS_NOT_APPLICABLE] = "not applicable",
		[PS_EXCLUDED] = "met, excluded", [PS_OUTRANKED] = "met, outranked" };
	return t[s];
}

static void para_block(FILE *f, const struct classification *cl, const struct para_result *r, int verbose)
{
	char cond[512];
	render_cond_text(cond, sizeof(cond), cl->rules, &r->para->cond);
	fprintf(f, "  %-34s %-14s %s\n", r->para->id, status_text(r->status), cond);
	if (r->status == PS_NOT_APPLICABLE)
		return;
	for (size_t i = 0; i < r->n_missing; i++)
		fprintf(f, "  %-34s %-14s needs %s\n", "", "", r->missing[i]);
	for (size_t i = 0; i < cl->n_margins; i++) {
		const struct margin *m = &cl->margins[i];
		if (m->para != r->para)
			continue;
		char phrase[200];
		margin_phrase(phrase, sizeof(phrase), m);
		fprintf(f, "  %-34s %-14s %s [%s]\n", "", "", phrase, m->met ? "met" : "not met");
	}
	if (verbose && r->para->reading)
		fprintf(f, "  %-34s %-14s reading: %s\n", "", "", r->para->reading);
	if (verbose)
		fprintf(f, "  %-34s %-14s source: %s\n", "", "", r->para->source);
}

void render_classification_text(FILE *f, const struct classification *cl, int verbose)
{
	const struct ruleset *rs = cl->rules;
	char num[32];

	fprintf(f, "Inputs\n");
	for (size_t i = 0; i < rs->n_params; i++) {
		if (!cl->used_known[i] || !classification_param_relevant(cl, i))
			continue;
		const struct class_value *v = &cl->used[i];
		char range[80] = "";
		if (v->is_range) {
			char lo[32], hi[32];
			fmt_num(lo, sizeof(lo), round(v->lo * 100) / 100);
			fmt_num(hi, sizeof(hi), round(v->hi * 100) / 100);
			snprintf(range, sizeof(range), isfinite(v->hi) ? "%s to %s" : ">= %s", lo, hi);
		}
		fprintf(f, "  %-14s %-12s %s\n", param_label(rs->params[i].name),
			v->is_range ? range : v->is_bool ? (v->boolean ? "yes" : "no") : fmt_num(num, sizeof(num), v->number),
			cl->used_assumed[i] ? "assumed (see Assumptions)" : v->source);
	}

	fputc('\n', f);
	verdict_block_text(f, cl, "Verdict");
	bool any = false;
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		if (r->status != PS_MET || r->para->kind == PARA_CONTROL || r->para->kind == PARA_EXCLUSION)
			continue;
		fprintf(f, "  %s %s: %s%s%s\n", rule_para_kind_name(r->para->kind), r->para->id, r->para->title,
			r->para->destinations ? "; " : "", r->para->destinations ? r->para->destinations : "");
		any = true;
	}
	if (!any && cl->status == CLASS_CONTROLLED)
		fprintf(f, "  no licence exception applies\n");

	fprintf(f, "\nParagraphs under %s (%s)\n", rs->id, rs->citation);
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == PARA_CONTROL || cl->results[i].para->kind == PARA_EXCLUSION)
			para_block(f, cl, &cl->results[i], verbose);
	fprintf(f, "\nExceptions, reviews and related ECCNs\n");
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind != PARA_CONTROL && cl->results[i].para->kind != PARA_EXCLUSION)
			para_block(f, cl, &cl->results[i], verbose);

	if (cl->n_assumptions) {
		fprintf(f, "\nAssumptions\n");
		for (size_t i = 0; i < cl->n_assumptions; i++) {
			const struct rule_param *p = cl->assumptions[i].param;
			fprintf(f, "  %s = %s: %s\n    source: %s\n", p->name,
				p->type == PARAM_BOOLEAN ? (p->default_boolean ? "yes" : "no")
							 : fmt_num(num, sizeof(num), p->default_number),
				p->default_reading, p->default_source);
		}
	}
}
