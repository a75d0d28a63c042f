/* The technical part of a License Exception NAC notification, drafted from
 * a design (tppscan design --nac): the item, TPP and PD with their
 * arithmetic and the rule set's own definitions and readings, the
 * datacenter or consumer statement with the user's evidence, the caps only
 * firmware enforces, the verdict, and the exceptions the rule set makes
 * available. Every citation is the rule-set data's; the draft says it is a
 * draft. The destination and the exception relied on are left to the filer
 * with --dest, the licence layer's answer for it (design_licence_for).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <string.h>

#include "cli/design_view.h"
#include "cli/render.h"

static const char draft_notice[] =
	"Draft for a person to check, complete and file. It is not a filing and not legal advice: the figures "
	"are computed from design knobs, not measured on hardware.";

static const struct design_rule_result *selected(const struct design_view *v)
{
	for (size_t i = 0; i < v->r->n; i++)
		if (v->r->r[i].selected)
			return &v->r->r[i];
	return &v->r->r[0];
}

static void item_phrase(char *buf, size_t n, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	char u[32], cl[32], caps[256];
	caps_phrase(caps, sizeof(caps), k);
	snprintf(buf, n, "%s%s%s%s%s: %s %s at %s MHz%s%s", k->like ? "design like " : "design on ",
		 k->like ? k->like->name : k->arch->name, k->like ? " (" : "", k->like ? k->arch->name : "",
		 k->like ? ")" : "", fmt_num(u, sizeof(u), k->units.v), k->unit ? k->unit : "units",
		 fmt_num(cl, sizeof(cl), k->clock_mhz.v), *caps ? ", throughput capped at " : "", caps);
}

static const char *statement(const struct design_knobs *k, const struct classification *cl)
{
	size_t dc;
	bool assumed = ruleset_param(cl->rules, "datacenter", &dc) && cl->used_assumed[dc];
	if (k->datacenter == 1 || (k->datacenter < 0 && assumed && cl->used[dc].boolean))
		return "The item is designed or marketed for use in datacenters.";
	if (k->datacenter == 0)
		return "The item is not designed or marketed for use in datacenters (consumer use).";
	return "Not stated.";
}

/* --- Markdown ------------------------------------------------------------------ */

static void md_definition(FILE *f, const struct ruleset *rs, const char *param)
{
	const struct rule_param *p = ruleset_param(rs, param, NULL);
	if (p)
		fprintf(f, "> %s. (%s)\n\n", p->description, p->source);
}

static void md_tpp(FILE *f, const struct design_view *v, const struct ruleset *rs)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct design_metrics *m = &v->r->metrics;
	char t[32], d[32];
	fprintf(f, "## 2. Total processing performance (TPP), as defined in 3A090\n\n");
	md_definition(f, rs, "tpp");
	fprintf(f, "| precision | dense TOPS | bit length | dense TOPS x bit length |\n|---|---:|---:|---:|\n");
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			fprintf(f, "| %s | %s | %d | %s%s |\n", tpp_precision_name(p), fmt_num(d, sizeof(d), m->tops[p]),
				tpp_precision_bits(p), fmt_num(t, sizeof(t), m->tpp.per_precision[p]),
				m->tpp.ties[p] ? " (TPP)" : "");
	fprintf(f, "\n**TPP = %s** = %s %s TOPS x %d bits, the highest over the precisions.\n\n",
		fmt_num(t, sizeof(t), m->tpp.tpp), tpp_precision_name(m->tpp.precision),
		fmt_num(d, sizeof(d), m->tops[m->tpp.precision]), tpp_precision_bits(m->tpp.precision));
	fprintf(f, "Dense TOPS = %s x dense operations per clock per %s x clock (MHz) / 10^6, limited by the caps "
		   "of section 5.\n\n", k->unit ? k->unit : "units", k->unit ? k->unit : "unit");
}

static void md_readings(FILE *f, const struct ruleset *rs)
{
	if (!rs->n_readings)
		return;
	fprintf(f, "Readings of the rule text this draft applies (from the rule set):\n\n");
	for (size_t i = 0; i < rs->n_readings; i++)
		fprintf(f, "- %s (%s)\n", rs->readings[i].text, rs->readings[i].source);
	fputc('\n', f);
}

static void md_pd(FILE *f, const struct design_view *v, const struct ruleset *rs)
{
	const struct design_metrics *m = &v->r->metrics;
	char dies[256], pd[32], t[32], a[32];
	fprintf(f, "## 3. Performance density (PD), as defined in 3A090\n\n");
	if (!ruleset_param(rs, "pd", NULL)) {
		fprintf(f, "The rule set %s has no performance density parameter.\n\n", rs->id);
		return;
	}
	md_definition(f, rs, "pd");
	dies_phrase(dies, sizeof(dies), &v->r->knobs);
	fprintf(f, "Applicable dies: %s.\n\n", dies);
	if (m->pd_known)
		fprintf(f, "**PD = %s** = TPP %s / %s mm2.\n\n", fmt_num(pd, sizeof(pd), m->pd),
			fmt_num(t, sizeof(t), m->tpp.tpp), fmt_num(a, sizeof(a), m->area.mm2));
	else
		fprintf(f, "**PD: not computed** - the applicable die area is not known; state it before filing.\n\n");
}

static void md_datacenter(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct rule_param *p = ruleset_param(x->rs, "datacenter", NULL);
	fprintf(f, "## 4. Datacenter or consumer use\n\n");
	md_definition(f, x->rs, "datacenter");
	fprintf(f, "Statement: %s\n\n", statement(k, x->cl));
	if (k->datacenter < 0 && p && p->has_default)
		fprintf(f, "Not given: the draft follows the rule set's reading (%s). State the item's design and "
			   "marketing before filing.\n\n", p->default_reading);
	if (k->datacenter_evidence && k->evidence_src == DSRC_LIKE)
		fprintf(f, "Evidence: the knowledge base's for %s, the part this design starts from: \"%s\" - "
			   "**replace it with the item's own** (a datasheet showing datacenter or consumer use, or "
			   "--marketing-note).\n\n", k->like->name, k->datacenter_evidence);
	else if (k->datacenter_evidence)
		fprintf(f, "Evidence: %s\n\n", k->datacenter_evidence);
	else
		fprintf(f, "Evidence: **to be attached by the filer** (a datasheet showing datacenter or consumer "
			   "use).\n\n");
}

static void md_caps(FILE *f, const struct design_view *v)
{
	const struct design_knobs *k = &v->r->knobs;
	char c[32];
	fprintf(f, "## 5. Throughput caps enforced by firmware or driver\n\n");
	bool any = false;
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->cap[p].known && k->rate[p].known) {
			fprintf(f, "- %s: at most %s dense TOPS (%s) - **not verifiable on hardware**\n",
				tpp_precision_name(p), fmt_num(c, sizeof(c), k->cap[p].v), design_source_name(k->cap[p].src));
			any = true;
		}
	if (k->factor.known) {
		fprintf(f, "- every precision at %s x its rate (%s) - **not verifiable on hardware**\n",
			fmt_num(c, sizeof(c), k->factor.v), design_source_name(k->factor.src));
		any = true;
	}
	if (k->cap_reason)
		fprintf(f, "\n%s\n", k->cap_reason);
	fprintf(f, any ? "\nDescribe how each cap is enforced and why it cannot be lifted.\n\n"
		       : "None: every precision runs at its rate.\n\n");
}

static void md_classification(FILE *f, const struct design_rule_result *x)
{
	char ph[512];
	verdict_phrase(ph, sizeof(ph), x->cl);
	fprintf(f, "## 6. Classification under %s (%s)\n\n**%s**\n\n", x->rs->citation, x->rs->id, ph);
	for (size_t i = 0; i < x->cl->n_results; i++) {
		const struct para_result *r = &x->cl->results[i];
		if (r->para->kind != PARA_CONTROL && r->para->kind != PARA_EXCLUSION)
			continue;
		fprintf(f, "- %s: %s (%s)\n", r->para->id, status_words(r->status), r->para->source);
		for (size_t k = 0; k < x->cl->n_margins; k++)
			if (x->cl->margins[k].para == r->para) {
				margin_phrase(ph, sizeof(ph), &x->cl->margins[k]);
				fprintf(f, "  - %s\n", ph);
			}
	}
	fputc('\n', f);
}

static void md_exceptions(FILE *f, const struct design_view *v, const struct design_rule_result *x)
{
	struct design_licence ans[4];
	size_t n = design_licence_for(&v->r->record, ans, 4);
	fprintf(f, "## 7. Licence exception\n\n");
	size_t listed = 0;
	for (size_t i = 0; i < x->cl->n_results; i++) {
		const struct para_result *r = &x->cl->results[i];
		if (r->para->kind != PARA_EXCEPTION || r->para->item != ITEM_IC)
			continue;
		listed++;
		fprintf(f, "- %s: %s. %s (%s)%s%s\n", r->para->id, status_words(r->status), r->para->text,
			r->para->source, r->para->destinations ? " Destinations: " : "",
			r->para->destinations ? r->para->destinations : "");
	}
	if (!listed)
		fprintf(f, "The rule set %s has no licence exception for integrated circuits.\n", x->rs->id);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "\nFor the destination %s: %s%s (tppscan's licence answer: %s).\n", ans[i].dest,
			ans[i].exception ? "License Exception " : ans[i].required == 1 ? "a licence is required (no exception)"
			: ans[i].required == 0 ? "no licence required" : "undetermined", ans[i].exception ? ans[i].exception : "",
			ans[i].why ? ans[i].why : "no reason given");
	if (!n)
		fprintf(f, "\nDestination and the exception relied on: **to be completed by the filer** (this draft "
			   "does not decide destinations).\n");
	fputc('\n', f);
}

void design_render_nac_markdown(const struct design_view *v)
{
	FILE *f = v->c->out;
	const struct design_rule_result *x = selected(v);
	char item[512], asof[11], eff[11];
	tpp_date_format(v->c->as_of, asof);
	tpp_date_format(x->rs->effective, eff);
	item_phrase(item, sizeof(item), v);
	fprintf(f, "# DRAFT - License Exception NAC notification: technical part\n\n");
	fprintf(f, "> **DRAFT.** %s Prepared by tppscan %s (data %s) under rule set %s (%s, effective %s), "
		   "as of %s.\n\n", draft_notice, TPPSCAN_VERSION, v->c->data_version, x->rs->id, x->rs->citation, eff, asof);
	char ph[512];
	verdict_phrase(ph, sizeof(ph), x->cl);
	fprintf(f, "## 1. Item\n\n%s.\n\nVerdict under %s: **%s**.\n\n", item, x->rs->citation, ph);
	md_tpp(f, v, x->rs);
	md_pd(f, v, x->rs);
	md_readings(f, x->rs);
	md_datacenter(f, v, x);
	md_caps(f, v);
	md_classification(f, x);
	md_exceptions(f, v, x);
	fprintf(f, "---\n\n*DRAFT - not filed. Check every figure against the product's datasheet before filing.*\n");
}

/* --- JSON ------------------------------------------------------------------------ */

static json_t *definition_json(const struct ruleset *rs, const char *param)
{
	const struct rule_param *p = ruleset_param(rs, param, NULL);
	return p ? json_pack("{s:s, s:s}", "text", p->description, "source", p->source) : json_null();
}

static json_t *nac_tpp_json(const struct design_view *v, const struct ruleset *rs)
{
	const struct design_knobs *k = &v->r->knobs;
	const struct design_metrics *m = &v->r->metrics;
	json_t *rows = json_array();
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			json_array_append_new(rows, json_pack("{s:s, s:o, s:i, s:o}", "precision", tpp_precision_name(p),
				"dense_tops", json_num(m->tops[p]), "bits", tpp_precision_bits(p), "tpp",
				json_num(m->tpp.per_precision[p])));
	char ar[128], t[32], d[32];
	snprintf(ar, sizeof(ar), "%s %s TOPS x %d bits = %s", tpp_precision_name(m->tpp.precision),
		 fmt_num(d, sizeof(d), m->tops[m->tpp.precision]), tpp_precision_bits(m->tpp.precision),
		 fmt_num(t, sizeof(t), m->tpp.tpp));
	return json_pack("{s:o, s:s, s:s, s:o, s:o}", "value", json_num(m->tpp.tpp), "precision",
		tpp_precision_name(m->tpp.precision), "arithmetic", ar, "per_precision", rows, "definition",
		definition_json(rs, "tpp"));
}

static json_t *nac_pd_json(const struct design_view *v, const struct ruleset *rs)
{
	const struct design_metrics *m = &v->r->metrics;
	if (!ruleset_param(rs, "pd", NULL))
		return json_null();
	char ar[128] = "", t[32], a[32], p[32];
	if (m->pd_known)
		snprintf(ar, sizeof(ar), "%s / %s mm2 = %s", fmt_num(t, sizeof(t), m->tpp.tpp),
			 fmt_num(a, sizeof(a), m->area.mm2), fmt_num(p, sizeof(p), m->pd));
	return json_pack("{s:o, s:o, s:o, s:o}", "value", m->pd_known ? json_num(m->pd) : json_null(), "area_mm2",
		m->area.known ? json_num(m->area.mm2) : json_null(), "arithmetic", m->pd_known ? json_string(ar)
		: json_null(), "definition", definition_json(rs, "pd"));
}

static json_t *nac_lists_json(const struct design_view *v, const struct design_rule_result *x, json_t **caps)
{
	const struct design_knobs *k = &v->r->knobs;
	*caps = json_array();
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->cap[p].known && k->rate[p].known)
			json_array_append_new(*caps, json_pack("{s:s, s:o, s:o, s:b}", "precision", tpp_precision_name(p),
				"cap_tops", json_num(k->cap[p].v), "factor", json_null(), "verifiable_on_hardware", 0));
	if (k->factor.known)
		json_array_append_new(*caps, json_pack("{s:o, s:o, s:o, s:b}", "precision", json_null(), "cap_tops",
			json_null(), "factor", json_num(k->factor.v), "verifiable_on_hardware", 0));
	json_t *ex = json_array();
	for (size_t i = 0; i < x->cl->n_results; i++) {
		const struct para_result *r = &x->cl->results[i];
		if (r->para->kind == PARA_EXCEPTION && r->para->item == ITEM_IC)
			json_array_append_new(ex, json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", r->para->id, "status",
				para_status_name(r->status), "text", r->para->text, "source", r->para->source,
				"destinations", json_str(r->para->destinations)));
	}
	return ex;
}

json_t *design_nac_json(const struct design_view *v)
{
	const struct design_rule_result *x = selected(v);
	const struct design_knobs *k = &v->r->knobs;
	char item[512], asof[11];
	item_phrase(item, sizeof(item), v);
	tpp_date_format(v->c->as_of, asof);
	size_t dc;
	bool assumed = ruleset_param(x->rs, "datacenter", &dc) && x->cl->used_assumed[dc];
	json_t *caps, *ex = nac_lists_json(v, x, &caps);
	json_t *readings = json_array();
	for (size_t i = 0; i < x->rs->n_readings; i++)
		json_array_append_new(readings, json_pack("{s:s, s:s, s:s}", "id", x->rs->readings[i].id, "text",
			x->rs->readings[i].text, "source", x->rs->readings[i].source));
	json_t *o = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "draft", 1, "notice", draft_notice,
		"rule_set", x->rs->id, "citation", x->rs->citation, "as_of", asof, "item", item, "eccn",
		json_str(x->cl->eccn), "verdict", classification_label(x->cl));
	json_object_set_new(o, "tpp", nac_tpp_json(v, x->rs));
	json_object_set_new(o, "pd", nac_pd_json(v, x->rs));
	json_t *dcj = json_pack("{s:o, s:b, s:s, s:o, s:o}", "value",
		k->datacenter < 0 ? json_null() : json_boolean(k->datacenter), "assumed", assumed, "statement",
		statement(k, x->cl), "evidence", json_str(k->datacenter_evidence), "definition",
		definition_json(x->rs, "datacenter"));
	json_object_set_new(dcj, "evidence_source", json_str(design_source_name(k->evidence_src)));
	json_object_set_new(o, "datacenter", dcj);
	json_object_set_new(o, "readings", readings);
	json_object_set_new(o, "firmware_caps", caps);
	json_object_set_new(o, "license_exceptions", ex);
	struct design_licence ans[1];
	size_t n = design_licence_for(&v->r->record, ans, 1);
	json_object_set_new(o, "destination", n ? json_string(ans[0].dest) : json_null());
	json_object_set_new(o, "exception_relied_on", n ? json_str(ans[0].exception) : json_null());
	return o;
}
