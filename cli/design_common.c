/* Helpers the design renderers share.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/design_view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/render.h"

const char *fmt_exact(char *buf, size_t n, double v)
{
	if (!isfinite(v)) {
		snprintf(buf, n, "unknown");
		return buf;
	}
	if (v != 0 && (fabs(v) < 1e-6 || fabs(v) >= 1e16)) {
		snprintf(buf, n, "%.17g", v);
		return buf;
	}
	for (int d = 0; d <= 24; d++) {
		snprintf(buf, n, "%.*f", d, v);
		if (strtod(buf, NULL) == v)
			return buf;
	}
	snprintf(buf, n, "%.17g", v);
	return buf;
}

const char *knob_label(char *buf, size_t n, const struct design_knobs *k, struct design_knob_ref r)
{
	const char *unit = design_knob_unit(k, r);
	switch (r.kind) {
	case KNOB_UNITS: snprintf(buf, n, "units (%s)", unit); break;
	case KNOB_CLOCK: snprintf(buf, n, "clock (MHz)"); break;
	case KNOB_RATE: snprintf(buf, n, "rate %s (ops/clk/%s)", tpp_precision_name(r.index), k->unit ? k->unit : "unit"); break;
	case KNOB_CAP: snprintf(buf, n, "cap %s (TOPS) [fw]", tpp_precision_name(r.index)); break;
	case KNOB_FACTOR: snprintf(buf, n, "cap factor [fw]"); break;
	case KNOB_DIE_AREA: snprintf(buf, n, "die %d area (mm2)", r.index + 1); break;
	case KNOB_DIE_COUNT: snprintf(buf, n, "die %d count", r.index + 1); break;
	case KNOB_IO: snprintf(buf, n, "I/O (GB/s)"); break;
	case KNOB_DRAM: snprintf(buf, n, "DRAM (GB/s)"); break;
	case KNOB_HBM_MBD: snprintf(buf, n, "HBM (GB/s/mm2)"); break;
	case KNOB_TRANSISTORS: snprintf(buf, n, "transistors"); break;
	}
	return buf;
}

double entry_last(const struct headroom_entry *e)
{
	return e->holds_now ? e->holds_at : e->fails_at;
}

double entry_next(const struct headroom_entry *e)
{
	return e->holds_now ? e->fails_at : e->holds_at;
}

void entry_condition(char *buf, size_t n, const struct ruleset *rs, const struct headroom_entry *e)
{
	char t[32];
	(void)rs;
	snprintf(buf, n, "%s %s %s", param_label(e->param), rule_op_symbol(e->cond->op), fmt_num(t, sizeof(t), e->cond->number));
}

bool entry_same_step(const struct headroom_entry *a, const struct headroom_entry *b)
{
	if (a->knob.kind != b->knob.kind || a->knob.index != b->knob.index || !a->reachable || !b->reachable)
		return false;
	return (a->holds_at == b->holds_at && a->fails_at == b->fails_at) ||
	       (a->holds_at == b->fails_at && a->fails_at == b->holds_at);
}

static void append(char *buf, size_t n, const char *s)
{
	size_t l = strlen(buf);
	if (l + 1 < n)
		snprintf(buf + l, n - l, "%s", s);
}

const char *status_words(enum para_status s)
{
	static const char *const n[] = { [PS_MET] = "met", [PS_NOT_MET] = "not met",
		[PS_UNDETERMINED] = "undetermined", [PS_NOT_APPLICABLE] = "not applicable",
		[PS_EXCLUDED] = "excluded", [PS_OUTRANKED] = "outranked" };
	return n[s];
}

static enum para_status status_next(const struct headroom_entry *e)
{
	return e->holds_now ? e->status_at_fails : e->status_at_holds;
}

static const char *verdict_last(const struct headroom_entry *e)
{
	return e->holds_now ? e->verdict_at_holds : e->verdict_at_fails;
}

static const char *verdict_next(const struct headroom_entry *e)
{
	return e->holds_now ? e->verdict_at_fails : e->verdict_at_holds;
}

void step_effect(char *buf, size_t n, const struct headroom *h, size_t first)
{
	const struct headroom_entry *e0 = &h->e[first];
	buf[0] = '\0';
	for (size_t j = first; j < h->n; j++) {
		const struct headroom_entry *e = &h->e[j];
		if (!entry_same_step(e0, e) || !e->changes_result)
			continue;
		bool seen = false;
		for (size_t i = first; i < j && !seen; i++)
			seen = entry_same_step(e0, &h->e[i]) && h->e[i].changes_result && h->e[i].para == e->para;
		if (seen)
			continue;
		char one[96];
		snprintf(one, sizeof(one), "%s%s %s", *buf ? "; " : "", e->para->id, status_words(status_next(e)));
		append(buf, n, one);
	}
	if (!*buf)
		append(buf, n, "no paragraph changes");
	if (strcmp(verdict_last(e0), verdict_next(e0)) != 0) {
		char one[64];
		snprintf(one, sizeof(one), "; %s %s", e0->item_hbm ? "HBM stack verdict" : "verdict", verdict_next(e0));
		append(buf, n, one);
	}
}

void dram_phrase(char *buf, size_t n, const struct param_margin *m)
{
	char v[32], t[32];
	fmt_num(t, sizeof(t), m->cond->number);
	if (!m->known) {
		snprintf(buf, n, "%s: DRAM bandwidth unknown (give --dram-bw); the threshold is %s %s GB/s", m->para->id,
			 rule_op_symbol(m->cond->op), t);
		return;
	}
	fmt_num(v, sizeof(v), m->value);
	double pct = fabs(m->ratio - 1) * 100;
	char x[40];
	const char *limit = m->step.reachable ? fmt_exact(x, sizeof(x), m->step.holds_at) : "?";
	snprintf(buf, n, "%s: DRAM %s GB/s is %.1f%% %s %s (DRAM %s %s holds %s %s GB/s)", m->para->id, v, pct,
		 m->value < m->cond->number ? "below" : m->value > m->cond->number ? "above" : "at", t,
		 rule_op_symbol(m->cond->op), t, m->step.holds_at >= m->step.fails_at ? "from" : "up to", limit);
}

void dies_phrase(char *buf, size_t n, const struct design_knobs *k)
{
	buf[0] = '\0';
	if (!k->n_dies) {
		snprintf(buf, n, "unknown%s%s", k->area_why ? ": " : "", k->area_why ? k->area_why : "");
		return;
	}
	for (size_t i = 0; i < k->n_dies; i++) {
		char a[32], one[96];
		snprintf(one, sizeof(one), "%s%.0f x %s mm2%s%s%s", i ? " + " : "", k->dies[i].count,
			 fmt_num(a, sizeof(a), k->dies[i].area_mm2), k->dies[i].name ? " (" : "",
			 k->dies[i].name ? k->dies[i].name : "", k->dies[i].name ? ")" : "");
		append(buf, n, one);
	}
}

void caps_phrase(char *buf, size_t n, const struct design_knobs *k)
{
	buf[0] = '\0';
	for (int p = 0; p < PREC_COUNT; p++) {
		if (!k->cap[p].known)
			continue;
		char v[32], one[64];
		snprintf(one, sizeof(one), "%s%s %s", *buf ? ", " : "", tpp_precision_name(p), fmt_num(v, sizeof(v), k->cap[p].v));
		append(buf, n, one);
	}
	if (*buf)
		append(buf, n, " TOPS");
}

bool step_matters(const struct headroom *h, size_t first)
{
	const struct headroom_entry *e0 = &h->e[first];
	if (!e0->reachable)
		return false;
	if (strcmp(verdict_last(e0), verdict_next(e0)) != 0)
		return true;
	for (size_t j = first; j < h->n; j++) {
		const struct headroom_entry *e = &h->e[j];
		if (entry_same_step(e0, e) && e->changes_result && e->para->kind != PARA_CONTROL &&
		    e->para->kind != PARA_EXCLUSION)
			return true;
	}
	return false;
}

static int knob_rank(const struct headroom *h, const struct headroom_entry *e)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->e[i].knob.kind == e->knob.kind && h->e[i].knob.index == e->knob.index)
			return (int)i;
	return 0;
}

static double distance(const struct headroom_entry *e)
{
	return e->reachable ? fabs(entry_next(e) - e->current) / fmax(fabs(e->current), 1e-300) : INFINITY;
}

/* The steps to show: one per knob and step, those a person needs (with -v
 * every comparison), each knob's nearest first. */
size_t pick_steps(const struct headroom *h, bool verbose, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < h->n; i++) {
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = !entry_same_step(&h->e[j], &h->e[i]);
		if (first && (verbose || step_matters(h, i)))
			idx[n++] = i;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			const struct headroom_entry *a = &h->e[idx[j - 1]], *b = &h->e[idx[j]];
			int ra = knob_rank(h, a), rb = knob_rank(h, b);
			if (ra < rb || (ra == rb && distance(a) <= distance(b)))
				break;
			size_t t = idx[j - 1];
			idx[j - 1] = idx[j];
			idx[j] = t;
		}
	return n;
}

