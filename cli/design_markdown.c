/* tppscan design --format markdown: the report as a document (knobs,
 * throughput, metrics, verdicts, headroom tables), for a design review.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/design_view.h"
#include "cli/render.h"

static void md_num_row(FILE *f, const char *label, const struct design_num *n, const char *unit)
{
	char v[32];
	if (n->known)
		fprintf(f, "| %s | %s %s | %s |\n", label, fmt_num(v, sizeof(v), n->v), unit,
			design_source_name(n->src));
}

static void md_knobs(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	char buf[512];
	if (k->like)
		fprintf(f, "# Design like %s\n\nStarting from `%s` in the knowledge base, on %s (`%s`).\n\n",
			k->like->name, k->like->id, k->arch->name, k->arch->id);
	else
		fprintf(f, "# Design on %s\n\nArchitecture `%s`.\n\n", k->arch->name, k->arch->id);
	fprintf(f, "## Knobs\n\n| knob | value | source |\n|---|---|---|\n");
	md_num_row(f, "units", &k->units, k->unit ? k->unit : "");
	md_num_row(f, "clock", &k->clock_mhz, "MHz");
	caps_phrase(buf, sizeof(buf), k);
	if (*buf)
		fprintf(f, "| caps | %s | firmware/driver: not verifiable on hardware |\n", buf);
	if (k->factor.known)
		fprintf(f, "| cap factor | %g x every rate | firmware/driver: not verifiable on hardware |\n", k->factor.v);
	dies_phrase(buf, sizeof(buf), k);
	fprintf(f, "| applicable dies | %s | %s |\n", buf, k->n_dies ? design_source_name(k->dies_src) : "");
	fprintf(f, "| datacenter | %s | %s%s%s |\n", k->datacenter < 0 ? "not given" : k->datacenter ? "yes" : "no",
		k->datacenter < 0 ? "" : design_source_name(k->datacenter_src), k->datacenter_evidence ? ": " : "",
		k->datacenter_evidence ? k->datacenter_evidence : "");
	md_num_row(f, "I/O", &k->io_bidir, "GB/s");
	md_num_row(f, "DRAM bandwidth", &k->dram_bw, "GB/s");
	md_num_row(f, "HBM density", &k->hbm_mbd, "GB/s/mm2");
	md_num_row(f, "transistors", &k->transistors, "");
	fputc('\n', f);
}

static void md_metrics(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct design_metrics *m = &v->r->metrics;
	char a[32], b[32], c[32], d[32];
	fprintf(f, "## Throughput and metrics\n\n| precision | ops/clk/%s | rate from | uncapped TOPS | limited by | "
		   "dense TOPS | bits | TPP |\n|---|---:|---|---:|---|---:|---:|---:|\n", k->unit ? k->unit : "unit");
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			fprintf(f, "| %s | %s | %s | %.2f | %s | %s | %d | %s%s |\n", tpp_precision_name(p),
				fmt_num(a, sizeof(a), k->rate[p].v), design_source_name(k->rate[p].src), m->uncapped_tops[p],
				design_limit_name(m->limit[p]), fmt_num(b, sizeof(b), m->tops[p]), tpp_precision_bits(p),
				fmt_num(c, sizeof(c), m->tpp.per_precision[p]), m->tpp.ties[p] ? " **(TPP)**" : "");
	fprintf(f, "\n- **TPP %s** = %s %s TOPS x %d bits\n", fmt_num(a, sizeof(a), m->tpp.tpp),
		tpp_precision_name(m->tpp.precision), fmt_num(b, sizeof(b), m->tops[m->tpp.precision]),
		tpp_precision_bits(m->tpp.precision));
	if (m->pd_known)
		fprintf(f, "- **PD %s** = %s / %s mm2\n", fmt_num(d, sizeof(d), m->pd), a, fmt_num(c, sizeof(c), m->area.mm2));
	else
		fprintf(f, "- PD unknown: no applicable die area\n");
	fputc('\n', f);
}

static void md_headroom(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	const struct headroom *h = &x->headroom;
	char kl[48], now[32], cond[48], last[40], next[40], eff[512];
	fprintf(f, "### Headroom (each knob alone, the others held)\n\n| knob | now | condition | last | next | at next |\n"
		   "|---|---:|---|---:|---:|---|\n");
	size_t *idx = malloc((h->n ? h->n : 1) * sizeof(*idx));
	size_t n = idx ? pick_steps(h, v->c->verbose, idx) : 0;
	for (size_t s = 0; s < n; s++) {
		const struct headroom_entry *e = &h->e[idx[s]];
		if (!e->reachable)
			continue;
		step_effect(eff, sizeof(eff), h, idx[s]);
		entry_condition(cond, sizeof(cond), x->rs, e);
		fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", knob_label(kl, sizeof(kl), &v->r->knobs, e->knob),
			fmt_num(now, sizeof(now), e->current), cond, fmt_exact(last, sizeof(last), entry_last(e)),
			fmt_exact(next, sizeof(next), entry_next(e)), eff);
	}
	free(idx);
	fputc('\n', f);
	for (size_t i = 0; i < x->n_pd_areas; i++) {
		const struct pd_area_limit *l = &x->pd_areas[i];
		char t[32], a[40];
		fprintf(f, "- Smallest applicable die area for PD %s %s: %s mm2 (now %s)\n", l->inclusive ? "<=" : "<",
			fmt_num(t, sizeof(t), l->threshold), isfinite(l->min_area_mm2)
			? fmt_exact(a, sizeof(a), l->min_area_mm2) : "none", l->ok_now ? "under" : "not under");
	}
	for (size_t i = 0; i < x->n_dram; i++) {
		char ph[400];
		dram_phrase(ph, sizeof(ph), &x->dram[i]);
		fprintf(f, "- %s\n", ph);
	}
	fputc('\n', f);
}

static void md_rule_set(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	char ph[512], near[512];
	verdict_phrase(ph, sizeof(ph), x->cl);
	fprintf(f, "## Under %s (%s)\n\n**Verdict: %s**", x->rs->id, x->rs->citation, ph);
	if (nearest_phrase(near, sizeof(near), x->cl))
		fprintf(f, "; closest: %s", near);
	fprintf(f, "\n\n");
	verdict_phrase(ph, sizeof(ph), x->dc_alt);
	fprintf(f, "- %s: %s\n", x->dc_alt_value ? "As a datacenter part" : "As a consumer part", ph);
	if (x->hbm) {
		verdict_phrase(ph, sizeof(ph), x->hbm);
		fprintf(f, "- HBM stack on its own: %s\n", ph);
	}
	fputc('\n', f);
	md_headroom(f, v, x);
}

void design_render_markdown(const struct design_view *v)
{
	FILE *f = v->c->out;
	md_knobs(f, v);
	md_metrics(f, v);
	for (size_t i = 0; i < v->r->n; i++)
		md_rule_set(f, v, &v->r->r[i]);
	fprintf(f, "*last*: the last value on today's side of the threshold; *next*: the first past it (adjacent "
		   "representable values, solved from each paragraph's own operator). [fw]: a firmware or driver cap, "
		   "not verifiable on hardware. Generated by tppscan %s (data %s).\n", TPPSCAN_VERSION, v->c->data_version);
}
