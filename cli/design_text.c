/* tppscan design, text: for a person. Not a contract.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/render_licence.h"
#include "cli/design_view.h"
#include "cli/render.h"

static const char *src_word(enum design_source s)
{
	return s == DSRC_DERIVED ? "part figure" : s == DSRC_NONE ? "" : design_source_name(s);
}

static void knob_line(FILE *f, const char *label, const char *value, const char *source)
{
	if (source && *source)
		fprintf(f, "  %-13s %-34s  %s\n", label, value, source);
	else
		fprintf(f, "  %-13s %s\n", label, value);
}

static void num_knob(FILE *f, const char *label, const struct design_num *n, const char *unit)
{
	char v[32], line[64];
	if (!n->known)
		return;
	snprintf(line, sizeof(line), "%s%s%s", fmt_num(v, sizeof(v), n->v), *unit ? " " : "", unit);
	knob_line(f, label, line, src_word(n->src));
}

static void design_header(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	if (k->like)
		fprintf(f, "Design like %s [%s], on %s [%s]\n", k->like->name, k->like->id, k->arch->name, k->arch->id);
	else
		fprintf(f, "Design on %s [%s]\n", k->arch->name, k->arch->id);
}

static void knobs_block(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	char buf[512], src[256];
	num_knob(f, "units", &k->units, k->unit ? k->unit : "");
	num_knob(f, "clock", &k->clock_mhz, "MHz");
	caps_phrase(buf, sizeof(buf), k);
	if (*buf)
		knob_line(f, "caps", buf, "firmware/driver: not verifiable on hardware");
	if (k->factor.known) {
		char x[32];
		snprintf(buf, sizeof(buf), "%s x every rate", fmt_num(x, sizeof(x), k->factor.v));
		knob_line(f, "cap factor", buf, "firmware/driver: not verifiable on hardware");
	}
	if (k->cap_reason)
		fprintf(f, "  %-13s %s\n", "", k->cap_reason);
	dies_phrase(buf, sizeof(buf), k);
	knob_line(f, "dies", buf, src_word(k->dies_src));
	snprintf(src, sizeof(src), "%s%s%s", k->datacenter < 0 ? "not given: the rule sets' reading applies"
		 : src_word(k->datacenter_src), k->datacenter_evidence ? ": " : "",
		 k->datacenter_evidence ? k->datacenter_evidence : "");
	knob_line(f, "datacenter", k->datacenter < 0 ? "unknown" : k->datacenter ? "yes" : "no", src);
	num_knob(f, "I/O", &k->io_bidir, "GB/s bidirectional");
	num_knob(f, "DRAM", &k->dram_bw, "GB/s");
	num_knob(f, "HBM density", &k->hbm_mbd, "GB/s/mm2");
	num_knob(f, "transistors", &k->transistors, "");
}

static void precision_row(FILE *f, const struct design_knobs *k, const struct design_metrics *m, int p)
{
	char rate[32], un[32], cap[32], dense[32], tpp[32];
	snprintf(rate, sizeof(rate), "%.6g", k->rate[p].v);
	snprintf(un, sizeof(un), "%.2f", m->uncapped_tops[p]);
	if (m->limit[p] == LIMIT_CAP)
		snprintf(cap, sizeof(cap), "cap %.6g", k->cap[p].v);
	else if (m->limit[p] == LIMIT_FACTOR)
		snprintf(cap, sizeof(cap), "x %.6g", k->factor.v);
	else
		snprintf(cap, sizeof(cap), "%s", k->cap[p].known ? "cap above" : "-");
	snprintf(dense, sizeof(dense), "%.2f", m->tops[p]);
	snprintf(tpp, sizeof(tpp), "%.1f", m->tpp.per_precision[p]);
	fprintf(f, "  %-9s %10s  %-13s %10s  %-10s %10s  %4d %10s%s\n", tpp_precision_name(p), rate,
		src_word(k->rate[p].src), un, cap, dense, tpp_precision_bits(p), tpp,
		p == (int)m->tpp.precision ? "  <- TPP" : m->tpp.ties[p] ? "  = TPP" : "");
}

static void metrics_block(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct design_metrics *m = &v->r->metrics;
	fprintf(f, "\n  %-9s %10s  %-13s %10s  %-10s %10s  %4s %10s\n", "PRECISION", "OPS/CLK", "RATE FROM",
		"UNCAPPED", "LIMIT", "DENSE TOPS", "BITS", "TPP");
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			precision_row(f, k, m, p);
	char t[32], d[32], a[32], pd[32];
	fprintf(f, "  dense TOPS = %s x ops/clk x MHz / 1e6, limited by the cap; TPP = dense TOPS x bit length\n\n",
		k->unit ? k->unit : "units");
	fprintf(f, "TPP  %s = %s %s TOPS x %d bits", fmt_num(t, sizeof(t), m->tpp.tpp), tpp_precision_name(m->tpp.precision),
		fmt_num(d, sizeof(d), m->tops[m->tpp.precision]), tpp_precision_bits(m->tpp.precision));
	char ties[96] = "";
	for (int p = 0; p < PREC_COUNT; p++)
		if (m->tpp.ties[p] && p != (int)m->tpp.precision)
			snprintf(ties + strlen(ties), sizeof(ties) - strlen(ties), "%s%s", *ties ? ", " : "",
				 tpp_precision_name(p));
	fprintf(f, "%s%s%s\n", *ties ? " (equal: " : "", ties, *ties ? ")" : "");
	if (m->pd_known)
		fprintf(f, "PD   %s = %s / %s mm2\n", fmt_num(pd, sizeof(pd), m->pd), t, fmt_num(a, sizeof(a), m->area.mm2));
	else
		fprintf(f, "PD   unknown: no applicable die area (give --die-area or --dies)\n");
	if (v->r->like_check && k->like->tpp.known) {
		char mt[32], dt[32];
		fprintf(f, "     %s's own knobs give TPP %s; its datasheet TPP is %s (%+.2f%%)\n", k->like->name,
			fmt_num(mt, sizeof(mt), round(v->r->like_model_tpp * 10) / 10), fmt_num(dt, sizeof(dt), k->like->tpp.tpp),
			(v->r->like_model_tpp / k->like->tpp.tpp - 1) * 100);
	}
}

static void verdict_block(FILE *f, const struct design_rule_result *x)
{
	char head[160], ph[512];
	snprintf(head, sizeof(head), "Verdict under %s (%s)", x->rs->id, x->rs->citation);
	verdict_block_text(f, x->cl, head);
	verdict_phrase(ph, sizeof(ph), x->dc_alt);
	if (strcmp(classification_label(x->cl), classification_label(x->dc_alt)) != 0 || x->dc_alt->excluded_by != x->cl->excluded_by)
		fprintf(f, "  %s: %s\n", x->dc_alt_value ? "as a datacenter part" : "as a consumer part", ph);
	if (x->hbm) {
		verdict_phrase(ph, sizeof(ph), x->hbm);
		fprintf(f, "  HBM stack on its own: %s\n", ph);
	}
}

static void headroom_row(FILE *f, const struct design_view *v, const struct design_rule_result *x, size_t i)
{
	const struct headroom *h = &x->headroom;
	const struct headroom_entry *e = &h->e[i];
	char kl[48], now[32], cond[64], last[40], next[40], eff[512];
	knob_label(kl, sizeof(kl), &v->r->knobs, e->knob);
	fmt_num(now, sizeof(now), e->current);
	entry_condition(cond, sizeof(cond), x->rs, e);
	if (!e->reachable) {
		fprintf(f, "  %-26s %-12s %-24s %s (%s %s)\n", kl, now, cond, "never crosses",
			e->param_unknown ? "parameter unknown" : e->holds_now ? "holds" : "fails",
			e->param_unknown ? "" : "over the knob's whole range");
		return;
	}
	step_effect(eff, sizeof(eff), h, i);
	fprintf(f, "  %-26s %-12s %-24s %-20s %-20s %s\n", kl, now, cond, fmt_exact(last, sizeof(last), entry_last(e)),
		fmt_exact(next, sizeof(next), entry_next(e)), eff);
}

static void headroom_rows(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	size_t *idx = malloc((x->headroom.n ? x->headroom.n : 1) * sizeof(*idx));
	if (!idx)
		return;
	size_t n = pick_steps(&x->headroom, v->c->verbose, idx);
	for (size_t i = 0; i < n; i++)
		headroom_row(f, v, x, idx[i]);
	free(idx);
}

static void quiet_knobs(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	struct design_knob_ref knobs[DESIGN_MAX_KNOBS];
	size_t n = design_knob_list(&v->r->knobs, knobs, DESIGN_MAX_KNOBS);
	char list[512] = "", kl[48];
	for (size_t i = 0; i < n; i++) {
		bool changes = false;
		for (size_t j = 0; j < x->headroom.n && !changes; j++)
			changes = x->headroom.e[j].knob.kind == knobs[i].kind && x->headroom.e[j].knob.index == knobs[i].index &&
				  (v->c->verbose ? x->headroom.e[j].changes_result : step_matters(&x->headroom, j));
		if (changes)
			continue;
		knob_label(kl, sizeof(kl), &v->r->knobs, knobs[i]);
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", *list ? ", " : "", kl);
	}
	if (*list)
		fprintf(f, "  %s: %s\n", v->c->verbose ? "no result changes within reach" : "no verdict or exception changes within reach", list);
}

static void headroom_block(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	fprintf(f, "\nHeadroom under %s (%s): each knob moved alone, the others held\n", x->rs->id, x->rs->citation);
	fprintf(f, "  %-26s %-12s %-24s %-20s %-20s %s\n", "KNOB", "NOW", "CONDITION", "LAST", "NEXT", "AT NEXT");
	headroom_rows(f, v, x);
	quiet_knobs(f, v, x);
	for (size_t i = 0; i < x->n_pd_areas; i++) {
		const struct pd_area_limit *l = &x->pd_areas[i];
		char t[32], a[40], now[32], paras[256] = "";
		for (size_t p = 0; p < l->n_paras; p++)
			snprintf(paras + strlen(paras), sizeof(paras) - strlen(paras), "%s%s", p ? ", " : "", l->paras[p]->id);
		if (i == 0)
			fprintf(f, "  smallest applicable die area that keeps PD under each threshold (TPP fixed):\n");
		fprintf(f, "    PD %s %-5s %s mm2 (now %s: %s)   %s\n", l->inclusive ? "<=" : "<",
			fmt_num(t, sizeof(t), l->threshold), isfinite(l->min_area_mm2) ? fmt_exact(a, sizeof(a), l->min_area_mm2) : "none",
			fmt_num(now, sizeof(now), l->area_now), l->ok_now ? "under" : "not under", paras);
	}
	for (size_t i = 0; i < x->n_dram; i++) {
		char ph[400];
		dram_phrase(ph, sizeof(ph), &x->dram[i]);
		fprintf(f, "  %s\n", ph);
	}
}

static void history_block(FILE *f, const struct design_view *v)
{
	fprintf(f, "\nVerdict under every rule set, oldest first\n");
	const char *prev = NULL;
	for (size_t i = 0; i < v->r->n; i++) {
		const struct design_rule_result *x = &v->r->r[i];
		char ph[400], near[400] = "";
		verdict_phrase(ph, sizeof(ph), x->cl);
		nearest_phrase(near, sizeof(near), x->cl);
		const char *label = classification_label(x->cl);
		char line[1024];
		snprintf(line, sizeof(line), "  %-11s %-12s %-34s %s%s", x->rs->id, x->rs->citation, ph, near,
			 prev && strcmp(prev, label) ? "   <- changed" : "");
		for (size_t l = strlen(line); l > 0 && line[l - 1] == ' '; l--)
			line[l - 1] = '\0';
		fprintf(f, "%s\n", line);
		prev = label;
	}
}

/* Rule sets whose headroom reads the same as the one before say so. */
static char *render_set(const struct design_view *v, const struct design_rule_result *x)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	headroom_block(m, v, x);
	fclose(m);
	return buf;
}

void design_render_text(const struct design_view *v)
{
	FILE *f = v->c->out;
	design_header(f, v);
	knobs_block(f, v);
	metrics_block(f, v);
	if (v->all_rules)
		history_block(f, v);
	char *prev = NULL;
	for (size_t i = 0; i < v->r->n; i++) {
		const struct design_rule_result *x = &v->r->r[i];
		fputc('\n', f);
		verdict_block(f, x);
		char *text = render_set(v, x);
		const char *body = text ? strchr(text + 1, '\n') : NULL;
		const char *pbody = prev ? strchr(prev + 1, '\n') : NULL;
		if (body && pbody && !strcmp(body, pbody))
			fprintf(f, "\nHeadroom under %s: as under %s\n", x->rs->id, v->r->r[i - 1].rs->id);
		else if (text)
			fputs(text, f);
		free(prev);
		prev = text;
	}
	free(prev);
	fprintf(f, "\nLAST is the last value on today's side of the threshold, NEXT the first past it: two adjacent\n"
		   "representable values (whole numbers for units and dies), solved from the paragraph's own operator;\n"
		   "AT NEXT the results that change there. [fw]: a firmware or driver cap, not verifiable on hardware.\n%s",
		v->c->verbose ? "" : "Shown: steps that change the verdict or an exception, review or presumption; -v shows every\n"
				     "threshold of every knob. JSON has all of them under every rule set evaluated.\n");
	if (v->r->record.has_licence) {
		fputs("\nLicence\n", f);
		licence_text_block(f, &v->r->record.licence, &v->c->dest, "  ");
	}
}
