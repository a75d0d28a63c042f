/* tppscan verify's PDF, for a person: the result and a summary of declared
 * against found (with the licence answer's place), the findings table, the
 * evidence digests and signature, and the TPP-PD chart. Reproducible: its
 * dates are the test's time, and nothing else in it depends on the clock.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <cairo-pdf.h>
#include <stdlib.h>
#include <string.h>

#include "cli/chart.h"
#include "cli/pdf_doc.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"
#include "cli/verify_run.h"

static const struct doc_style body = { 8.5, false, false, { 0, 0, 0 } };
static const struct doc_style small = { 7, false, false, { 0.2, 0.2, 0.2 } };
static const struct doc_style bold = { 8.5, true, false, { 0, 0, 0 } };
static const struct doc_style heading = { 12, true, false, { 0.1, 0.1, 0.3 } };
static const struct doc_style mono = { 6.5, false, true, { 0, 0, 0 } };

static void section(struct pdf_doc *d, const char *title)
{
	d->y += 8;
	doc_need(d, 60);
	doc_para(d, title, &heading, 0);
	d->y += 3;
}

/* A label and its value, the value wrapped beside the label. */
static void row(struct pdf_doc *d, const char *label, const char *value)
{
	double h = doc_text(d, DOC_MARGIN + 90, d->y, DOC_TEXT_W - 90, value, &body, false);
	doc_need(d, h);
	doc_text(d, DOC_MARGIN, d->y, 88, label, &bold, true);
	doc_text(d, DOC_MARGIN + 90, d->y, DOC_TEXT_W - 90, value, &body, true);
	d->y += h + 2;
}

static void result_box(struct pdf_doc *d, const struct verify_run *r)
{
	const struct verify_result *v = &r->vr;
	char b[160];
	snprintf(b, sizeof(b), "%s  -  %zu mismatch%s, %zu warning%s, %zu note%s", v->n_mismatch ? "MISMATCH" : "MATCH",
		 v->n_mismatch, v->n_mismatch == 1 ? "" : "es", v->n_warning, v->n_warning == 1 ? "" : "s", v->n_info,
		 v->n_info == 1 ? "" : "s");
	if (v->n_mismatch)
		cairo_set_source_rgb(d->cr, 0.75, 0.1, 0.1);
	else
		cairo_set_source_rgb(d->cr, 0.1, 0.5, 0.2);
	cairo_rectangle(d->cr, DOC_MARGIN, d->y, DOC_TEXT_W, 26);
	cairo_fill(d->cr);
	static const struct doc_style st = { 13, true, false, { 1, 1, 1 } };
	doc_text(d, DOC_MARGIN + 8, d->y + 5, DOC_TEXT_W - 16, b, &st, true);
	d->y += 34;
}

/* Found records grouped by name and declaration line: "8 x NVIDIA H20 (line 1)". */
static void found_summary(const struct verify_run *r, char *out, size_t n)
{
	*out = '\0';
	for (size_t j = 0; j < r->res.n; j++) {
		const char *name = record_name(&r->found[j]);
		size_t line = r->vr.line_of[j], count = 0;
		bool seen = false;
		for (size_t k = 0; k < r->res.n; k++) {
			bool same = !strcmp(record_name(&r->found[k]), name) && r->vr.line_of[k] == line;
			seen |= same && k < j;
			count += same;
		}
		if (seen)
			continue;
		char one[200], where[48];
		if (line == VERIFY_NONE)
			snprintf(where, sizeof(where), "%s", r->found[j].display_only ? "display-only" : "not declared");
		else
			snprintf(where, sizeof(where), "line %zu%s", line + 1, r->vr.substitute[j] ? ", in place of it" : "");
		snprintf(one, sizeof(one), "%s%zu x %s (%s)", *out ? "; " : "", count, name, where);
		strncat(out, one, n - strlen(out) - 1);
	}
	if (!*out)
		snprintf(out, n, "no accelerator or display device");
}

/* Per line: the declared part's verdict, and each verdict its devices got. */
static void classification_rows(struct pdf_doc *d, const struct verify_run *r)
{
	for (size_t i = 0; i < r->decl.n; i++) {
		char b[900], v[240];
		verify_verdict_text(v, sizeof(v), r->declared[i].cl);
		snprintf(b, sizeof(b), "%s declared: %s", r->decl.lines[i].part->name, v);
		for (size_t j = 0; j < r->res.n; j++) {
			const struct assessment *a = &r->found[j];
			if (r->vr.line_of[j] != i)
				continue;
			char one[320];
			verify_verdict_text(v, sizeof(v), a->cl);
			snprintf(one, sizeof(one), "; %s %s: %s", a->item->dev[0]->slot, record_name(a), v);
			if (a->probed_cl && a->probed_cl != a->cl && !verify_same_verdict(a->probed_cl, a->cl)) {
				char p[200];
				verify_verdict_text(p, sizeof(p), a->probed_cl);
				snprintf(one + strlen(one), sizeof(one) - strlen(one), " (probed: %s)", p);
			}
			strncat(b, one, sizeof(b) - strlen(b) - 1);
		}
		row(d, i ? "" : "Classification", b);
	}
}

/* Per line: the declared part's licence answer for --dest; a found part
 * answered otherwise is a finding. */
static void licence_rows(struct pdf_doc *d, const struct verify_run *r)
{
	char b[700];
	if (!r->c->want_licence) {
		row(d, "Licence", "not asked (no --dest given)");
		return;
	}
	for (size_t i = 0; i < r->decl.n; i++) {
		char answer[600];
		licence_summary(answer, sizeof(answer), &r->declared[i].licence, &r->c->dest);
		snprintf(b, sizeof(b), "%s: %s", r->decl.lines[i].part->name, answer);
		row(d, i ? "" : "Licence", b);
	}
}

static void summary(struct pdf_doc *d, const struct verify_run *r)
{
	static const struct doc_style title = { 17, true, false, { 0, 0, 0 } };
	char b[1200], date[11];
	doc_para(d, "Hardware verification report", &title, 0);
	snprintf(b, sizeof(b), "tppscan verify: the hardware found against its declaration, %s, host %s", r->now, r->host);
	doc_para(d, b, &small, 0);
	d->y += 8;
	result_box(d, r);
	for (size_t i = 0; i < r->decl.n; i++) {
		const struct decl_line *l = &r->decl.lines[i];
		snprintf(b, sizeof(b), "%lu x %s [%s]  (line %zu: %s '%s')", l->quantity, l->part->name, l->part->id, i + 1,
			 l->origin, l->query);
		row(d, i ? "" : "Declared", b);
	}
	if (r->decl.reference)
		row(d, "Reference", r->decl.reference);
	found_summary(r, b, sizeof(b));
	snprintf(b + strlen(b), sizeof(b) - strlen(b), ", in %s", r->source);
	row(d, "Found", b);
	classification_rows(d, r);
	licence_rows(d, r);
	tpp_date_format(r->c->as_of, date);
	snprintf(b, sizeof(b), "%s (%s), %s %s", r->c->rs->id, r->c->rs->citation,
		 cli_rules_by_date(r->c) ? "in force on" : "chosen with --rules; as of", date);
	row(d, "Rule set", b);
	snprintf(b, sizeof(b), "%s (%s); host %s (%s)", r->now, r->now_pinned ? "TPPSCAN_NOW" : "clock", r->host,
		 verify_host_from_text(r));
	row(d, "Test", b);
	snprintf(b, sizeof(b), "tppscan %s, data %s", TPPSCAN_VERSION, r->c->data_version);
	row(d, "Tool", b);
}

static void finding_row(struct pdf_doc *d, const struct verify_run *r, const struct finding *f)
{
	static const struct doc_style mismatch = { 8, true, false, { 0.75, 0.1, 0.1 } };
	static const struct doc_style warning = { 8, true, false, { 0.7, 0.45, 0 } };
	static const struct doc_style info = { 8, false, false, { 0.3, 0.3, 0.3 } };
	const struct doc_style *sev = f->severity == SEV_MISMATCH ? &mismatch : f->severity == SEV_WARNING ? &warning : &info;
	char where[48] = "", details[1200] = "";
	if (f->device != VERIFY_NONE)
		snprintf(where, sizeof(where), "%s", r->res.items[f->device].dev[0]->slot);
	else if (f->line != VERIFY_NONE)
		snprintf(where, sizeof(where), "line %zu", f->line + 1);
	if (*f->found)
		snprintf(details, sizeof(details), "found: %s\n", f->found);
	if (*f->expected)
		snprintf(details + strlen(details), sizeof(details) - strlen(details), "expected: %s\n", f->expected);
	if (*f->where)
		snprintf(details + strlen(details), sizeof(details) - strlen(details), "read from: %s", f->where);
	const double xt = DOC_MARGIN + 200, wt = DOC_TEXT_W - 200;
	double ht = doc_text(d, xt, d->y, wt, f->text, &body, false);
	double hd = *details ? doc_text(d, xt, d->y + ht, wt, details, &small, false) : 0;
	double hc = doc_text(d, DOC_MARGIN + 58, d->y, 82, f->code, &body, false);
	double h = (ht + hd > hc ? ht + hd : hc) + 4;
	doc_need(d, h);
	doc_text(d, DOC_MARGIN, d->y, 56, finding_severity_name(f->severity), sev, true);
	doc_text(d, DOC_MARGIN + 58, d->y, 82, f->code, &body, true);
	doc_text(d, DOC_MARGIN + 142, d->y, 56, where, &small, true);
	doc_text(d, xt, d->y, wt, f->text, &body, true);
	if (*details)
		doc_text(d, xt, d->y + ht, wt, details, &small, true);
	d->y += h;
	cairo_set_source_rgb(d->cr, 0.8, 0.8, 0.8);
	cairo_set_line_width(d->cr, 0.4);
	cairo_move_to(d->cr, DOC_MARGIN, d->y - 2);
	cairo_line_to(d->cr, DOC_MARGIN + DOC_TEXT_W, d->y - 2);
	cairo_stroke(d->cr);
}

static void findings(struct pdf_doc *d, const struct verify_run *r)
{
	section(d, "Findings");
	if (!r->vr.n)
		doc_para(d, "none", &body, 0);
	for (int sev = SEV_MISMATCH; sev >= SEV_INFO; sev--)
		for (size_t k = 0; k < r->vr.n; k++)
			if ((int)r->vr.findings[k].severity == sev)
				finding_row(d, r, &r->vr.findings[k]);
}

static void inputs_table(struct pdf_doc *d, const struct verify_run *r)
{
	char b[64];
	for (size_t i = 0; i < r->log.n; i++) {
		const struct read_entry *e = &r->log.v[i];
		double hp = doc_text(d, DOC_MARGIN + 350, d->y, DOC_TEXT_W - 350, e->path, &small, false);
		doc_need(d, hp + 2);
		doc_text(d, DOC_MARGIN, d->y, 262, e->sha256, &mono, true);
		snprintf(b, sizeof(b), "%zu B, %s", e->bytes, e->kind);
		doc_text(d, DOC_MARGIN + 266, d->y, 82, b, &small, true);
		doc_text(d, DOC_MARGIN + 350, d->y, DOC_TEXT_W - 350, e->path, &small, true);
		d->y += hp + 1;
	}
}

static void evidence(struct pdf_doc *d, const struct verify_run *r)
{
	json_t *sig = json_object_get(r->report, "signature");
	json_t *cov = json_object_get(json_object_get(r->report, "evidence"), "coverage");
	char b[600];
	section(d, "Evidence");
	snprintf(b, sizeof(b), "%zu input file%s; SHA-256 of the bytes read:", r->log.n, r->log.n == 1 ? "" : "s");
	doc_para(d, b, &body, 0);
	inputs_table(d, r);
	d->y += 4;
	for (size_t i = 0; i < json_array_size(cov); i++) {
		snprintf(b, sizeof(b), "- %s", json_string_value(json_array_get(cov, i)));
		doc_para(d, b, &small, 0);
	}
	d->y += 4;
	doc_para(d, "SHA-256 of the report's canonical body (the JSON report without its signature member; "
		    "tppscan(1), EVIDENCE REPORT):", &body, 0);
	doc_para(d, json_string_value(json_object_get(sig, "body_sha256")), &mono, 10);
	const char *key = json_string_value(json_object_get(sig, "key_sha256"));
	if (!key) {
		doc_para(d, "Not signed.", &body, 0);
		return;
	}
	snprintf(b, sizeof(b), "Signed with Ed25519 by the key whose SHA-256 (of its public key, DER) is %s. Signature:",
		 key);
	doc_para(d, b, &body, 0);
	doc_para(d, json_string_value(json_object_get(sig, "value")), &mono, 10);
	doc_para(d, "Check it: tppscan verify-report REPORT.json --pubkey PUB.pem, or with openssl alone (tppscan(1)).",
		 &small, 0);
}

/* The declared parts and every part found, with the probed estimate of
 * any whose estimate is classified differently. */
static int chart_points(const struct verify_run *r, struct chart_points *pts)
{
	bool ok = true;
	for (size_t i = 0; i < r->decl.n; i++) {
		const struct kb_part *p = r->decl.lines[i].part;
		struct chart_point pt = { .role = CHART_DECLARED, .tpp = p->tpp.tpp, .pd = p->pd, .datacenter = p->datacenter };
		snprintf(pt.label, sizeof(pt.label), "declared: %s", p->name);
		ok &= chart_points_add(pts, &pt, p->tpp.known, p->pd_known);
	}
	for (size_t j = 0; j < r->res.n; j++) {
		const struct assessment *a = &r->found[j];
		bool bad = false;
		for (size_t k = 0; k < r->vr.n; k++)
			bad |= r->vr.findings[k].device == j && r->vr.findings[k].severity == SEV_MISMATCH;
		struct chart_point pt = { .role = CHART_FOUND, .tpp = a->tpp.value, .pd = a->pd.value, .mismatch = bad,
			.datacenter = a->part ? a->part->datacenter : -1 };
		snprintf(pt.label, sizeof(pt.label), "%s", record_name(a));
		ok &= chart_points_add(pts, &pt, a->tpp.known, a->pd.known);
		double pd;
		if (a->probed_cl && a->probed_cl != a->cl && a->part &&
		    tpp_performance_density(a->item->probed.tpp, true, &a->part->area, &pd)) {
			pt.role = CHART_PROBED;
			pt.tpp = a->item->probed.tpp;
			pt.pd = pd;
			ok &= chart_points_add(pts, &pt, true, true);
		}
	}
	return ok ? 0 : -1;
}

static int chart_page(struct pdf_doc *d, const struct verify_run *r, struct tpp_error *err)
{
	struct chart_regions reg;
	struct chart_points pts = { 0 };
	if (chart_regions_build(r->c->rs, tpp_date_year(r->c->as_of), true, &reg, err))
		return -1;
	if (chart_points(r, &pts)) {
		chart_regions_free(&reg);
		chart_points_free(&pts);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	struct chart_spec spec = { .reg = &reg, .pts = &pts, .labels = true };
	snprintf(spec.title, sizeof(spec.title), "Declared and found parts, rule set %s (%s)", r->c->rs->id,
		 r->c->rs->citation);
	doc_new_page(d);
	chart_draw(d->cr, DOC_MARGIN - 10, DOC_MARGIN, DOC_TEXT_W + 20, 600, &spec);
	chart_regions_free(&reg);
	chart_points_free(&pts);
	return 0;
}

/* One pass over the document; returns its page count. */
static int render(const struct verify_run *r, cairo_surface_t *sf, int pages, struct tpp_error *err)
{
	struct pdf_doc d;
	char footer[160];
	json_t *sig = json_object_get(r->report, "signature");
	snprintf(footer, sizeof(footer), "tppscan verify, %s, report body SHA-256 %s", r->now,
		 json_string_value(json_object_get(sig, "body_sha256")));
	cairo_t *cr = cairo_create(sf);
	doc_begin(&d, cr, pages, footer);
	summary(&d, r);
	findings(&d, r);
	evidence(&d, r);
	int rc = chart_page(&d, r, err);
	doc_end(&d);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (!rc && st != CAIRO_STATUS_SUCCESS) {
		tpp_error_set(err, TPP_EX_SOFTWARE, "cannot draw the PDF: %s", cairo_status_to_string(st));
		rc = -1;
	}
	return rc ? -1 : d.page;
}

static cairo_surface_t *pdf_surface(const struct verify_run *r, struct chart_buf *b)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(chart_buf_write, b, DOC_PAGE_W, DOC_PAGE_H);
	/* reproducible: the test's time, not the clock's */
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, r->now);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, r->now);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, "tppscan hardware verification report");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "tppscan " TPPSCAN_VERSION);
	return sf;
}

int verify_pdf(const struct verify_run *r, unsigned char **data, size_t *len, struct tpp_error *err)
{
	/* the first pass counts the pages for "page N of M" */
	struct chart_buf count = { 0 }, b = { 0 };
	cairo_surface_t *sf = pdf_surface(r, &count);
	int pages = render(r, sf, 0, err);
	cairo_surface_destroy(sf);
	free(count.data);
	if (pages < 0)
		return -1;
	sf = pdf_surface(r, &b);
	int rc = render(r, sf, pages, err);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (rc >= 0 && (st != CAIRO_STATUS_SUCCESS || b.oom)) {
		tpp_error_set(err, TPP_EX_OSERR, "cannot write the PDF: %s", b.oom ? "out of memory" : cairo_status_to_string(st));
		rc = -1;
	}
	if (rc < 0) {
		free(b.data);
		return -1;
	}
	*data = b.data;
	*len = b.len;
	return 0;
}
