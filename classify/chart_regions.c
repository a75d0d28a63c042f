/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/chart_regions.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_threshold(struct chart_regions *r, bool is_pd, double value, const char *para)
{
	for (size_t i = 0; i < r->n_thr; i++) {
		struct chart_threshold *t = &r->thr[i];
		if (t->is_pd != is_pd || t->value != value)
			continue;
		if (!strstr(t->paragraphs, para)) {
			strncat(t->paragraphs, ", ", sizeof(t->paragraphs) - strlen(t->paragraphs) - 1);
			strncat(t->paragraphs, para, sizeof(t->paragraphs) - strlen(t->paragraphs) - 1);
		}
		return;
	}
	if (r->n_thr == CHART_MAX_THRESHOLDS)
		return;
	struct chart_threshold *t = &r->thr[r->n_thr++];
	*t = (struct chart_threshold){ .is_pd = is_pd, .value = value };
	snprintf(t->paragraphs, sizeof(t->paragraphs), "%s", para);
}

static void walk(struct chart_regions *r, const struct rule_cond *c, const char *para)
{
	if (c->kind == COND_CMP) {
		const char *name = r->rs->params[c->param].name;
		if (!strcmp(name, "tpp") || !strcmp(name, "pd"))
			add_threshold(r, !strcmp(name, "pd"), c->number, para);
		return;
	}
	for (size_t i = 0; i < c->n_kids; i++)
		walk(r, &c->kids[i], para);
}

static int cmp_thr(const void *a, const void *b)
{
	const struct chart_threshold *x = a, *y = b;
	if (x->is_pd != y->is_pd)
		return x->is_pd ? 1 : -1;
	return x->value < y->value ? -1 : x->value > y->value;
}

/* The cut points of one axis: 0, each threshold, then infinity. */
static size_t cuts(const struct chart_regions *r, bool is_pd, double *out)
{
	size_t n = 0;
	out[n++] = 0;
	for (size_t i = 0; i < r->n_thr; i++)
		if (r->thr[i].is_pd == is_pd && r->thr[i].value > 0)
			out[n++] = r->thr[i].value;
	out[n++] = INFINITY;
	return n;
}

/* A point strictly inside [lo, hi), on a log scale. */
static double inside(double lo, double hi)
{
	if (lo == 0)
		return hi / 2;
	if (isinf(hi))
		return lo * 2;
	return sqrt(lo * hi);
}

static void region_label(const struct classification *cl, char *buf, size_t n)
{
	*buf = '\0';
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *p = &cl->results[i];
		if (p->para->kind == PARA_CONTROL && p->para->item == ITEM_IC && p->status == PS_MET) {
			strncat(buf, *buf ? ", " : "", n - strlen(buf) - 1);
			strncat(buf, p->para->id, n - strlen(buf) - 1);
		}
	}
	if (*buf)
		return;
	if (cl->status != CLASS_UNDETERMINED) {
		snprintf(buf, n, "%s", classification_label(cl));
		return;
	}
	snprintf(buf, n, "undetermined (needs ");
	bool first = true;
	for (size_t i = 0; i < cl->n_results; i++)
		for (size_t k = 0; cl->results[i].para->kind == PARA_CONTROL && cl->results[i].status == PS_UNDETERMINED &&
				   k < cl->results[i].n_missing; k++)
			if (!strstr(buf + 20, cl->results[i].missing[k])) {
				strncat(buf, first ? "" : ", ", n - strlen(buf) - 1);
				strncat(buf, cl->results[i].missing[k], n - strlen(buf) - 1);
				first = false;
			}
	strncat(buf, ")", n - strlen(buf) - 1);
}

static size_t region_of(struct chart_regions *r, const struct classification *cl)
{
	char label[120];
	region_label(cl, label, sizeof(label));
	for (size_t i = 0; i < r->n_regions; i++)
		if (!strcmp(r->regions[i].label, label))
			return i;
	if (r->n_regions == CHART_MAX_REGIONS)
		return CHART_MAX_REGIONS - 1;
	struct chart_region *g = &r->regions[r->n_regions];
	*g = (struct chart_region){ .status = cl->status, .eccn = cl->eccn, .tier = r->rs->n_eccn_order };
	snprintf(g->label, sizeof(g->label), "%s", label);
	for (size_t t = 0; cl->eccn && t < r->rs->n_eccn_order; t++)
		if (!strcmp(r->rs->eccn_order[t], cl->eccn))
			g->tier = t;
	return r->n_regions++;
}

static int classify_cell(struct chart_regions *r, struct chart_cell *cell, int ship_year, struct tpp_error *err)
{
	struct class_input in = { .item_ic = true };
	class_input_number(&in, "tpp", inside(cell->tpp_lo, cell->tpp_hi), "chart");
	class_input_number(&in, "pd", inside(cell->pd_lo, cell->pd_hi), "chart");
	class_input_bool(&in, "datacenter", r->datacenter, "chart");
	class_input_number(&in, "ship_year", ship_year, "chart");
	struct classification cl;
	if (classify_evaluate(r->rs, &in, &cl, err))
		return -1;
	cell->region = region_of(r, &cl);
	classification_free(&cl);
	return 0;
}

int chart_regions_build(const struct ruleset *rs, int ship_year, bool datacenter, struct chart_regions *out,
			struct tpp_error *err)
{
	*out = (struct chart_regions){ .rs = rs, .datacenter = datacenter };
	for (size_t i = 0; i < rs->n_paras; i++) {
		const struct rule_para *p = &rs->paras[i];
		if ((p->kind == PARA_CONTROL && p->item == ITEM_IC) || p->kind == PARA_EXCLUSION)
			walk(out, &p->cond, p->id);
	}
	qsort(out->thr, out->n_thr, sizeof(out->thr[0]), cmp_thr);
	double xs[CHART_MAX_THRESHOLDS + 2], ys[CHART_MAX_THRESHOLDS + 2];
	size_t nx = cuts(out, false, xs), ny = cuts(out, true, ys);
	out->cells = calloc((nx - 1) * (ny - 1), sizeof(*out->cells));
	if (!out->cells) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i + 1 < nx; i++)
		for (size_t k = 0; k + 1 < ny; k++) {
			struct chart_cell *c = &out->cells[out->n_cells++];
			*c = (struct chart_cell){ xs[i], xs[i + 1], ys[k], ys[k + 1], 0 };
			if (classify_cell(out, c, ship_year, err)) {
				chart_regions_free(out);
				return -1;
			}
		}
	return 0;
}

void chart_regions_free(struct chart_regions *r)
{
	free(r->cells);
	r->cells = NULL;
	r->n_cells = 0;
}
