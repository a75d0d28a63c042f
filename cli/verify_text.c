/* tppscan verify's text: the verdict first, then declared against found,
 * every finding with its evidence, and the evidence of the test itself.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"
#include "cli/verify_run.h"

#define LIST_INPUTS_MAX 12   /* more are summarized unless -v */

static const char *severity_tag(enum finding_severity s)
{
	return s == SEV_MISMATCH ? "MISMATCH" : s == SEV_WARNING ? "warning " : "info    ";
}

static void header(const struct verify_run *r, FILE *f)
{
	const struct verify_result *v = &r->vr;
	fprintf(f, "tppscan verify: %s: %zu mismatch%s, %zu warning%s, %zu note%s\n",
		v->n_mismatch ? "MISMATCH" : "MATCH", v->n_mismatch, v->n_mismatch == 1 ? "" : "es", v->n_warning,
		v->n_warning == 1 ? "" : "s", v->n_info, v->n_info == 1 ? "" : "s");
	char d[11];
	tpp_date_format(r->c->as_of, d);
	fprintf(f, "  rule set  %s (%s) %s %s\n", r->c->rs->id, r->c->rs->citation,
		cli_rules_by_date(r->c) ? "in force on" : "selected; as of", d);
	for (size_t i = 0; i < r->decl.n; i++) {
		const struct decl_line *l = &r->decl.lines[i];
		char verdict[240];
		verify_verdict_text(verdict, sizeof(verdict), r->declared[i].cl);
		fprintf(f, "  %s  %lu x %s [%s]: %s  (%s '%s')\n", i ? "        " : "declared", l->quantity, l->part->name,
			l->part->id, verdict, l->origin, l->query);
	}
	if (r->decl.reference)
		fprintf(f, "  reference %s\n", r->decl.reference);
	/* the reasons' citations are in the JSON report's records */
	for (size_t i = 0; r->c->want_licence && i < r->decl.n; i++) {
		const struct lic_answer *l = &r->declared[i].licence;
		char answer[600];
		licence_summary(answer, sizeof(answer), l, &r->c->dest);
		fprintf(f, "  %-8s  line %zu: %s\n", i ? "" : "licence", i + 1, answer);
		for (size_t k = 0; k < l->n_reasons; k++)
			fprintf(f, "%12sbecause: %s\n", "", l->reasons[k].text);
	}
}

static void found_table(const struct verify_run *r, FILE *f)
{
	fprintf(f, "  found     %zu device%s in %s\n", r->res.n, r->res.n == 1 ? "" : "s", r->source);
	for (size_t j = 0; j < r->res.n; j++) {
		const struct assessment *a = &r->found[j];
		char verdict[240], where[48];
		verify_verdict_text(verdict, sizeof(verdict), a->cl);
		size_t line = r->vr.line_of[j];
		if (line == VERIFY_NONE)
			snprintf(where, sizeof(where), "%s", a->display_only ? "display-only" : "not declared");
		else
			snprintf(where, sizeof(where), "line %zu%s", line + 1, r->vr.substitute[j] ? ", other part" : "");
		fprintf(f, "            %-13s %-40s %-28s %s\n", a->item->dev[0]->slot, record_name(a), verdict, where);
	}
}

static void finding_text(const struct verify_run *r, const struct finding *fd, FILE *f)
{
	const char *slot = fd->device == VERIFY_NONE ? "" : r->res.items[fd->device].dev[0]->slot;
	char line[32] = "";
	if (fd->device == VERIFY_NONE && fd->line != VERIFY_NONE)
		snprintf(line, sizeof(line), "line %zu", fd->line + 1);
	fprintf(f, "  %s  %-17s %-13s %s\n", severity_tag(fd->severity), fd->code, *slot ? slot : line, fd->text);
	if (*fd->found && *fd->expected)
		fprintf(f, "%43sfound %s; expected %s\n", "", fd->found, fd->expected);
	else if (*fd->found || *fd->expected)
		fprintf(f, "%43s%s %s\n", "", *fd->found ? "found" : "expected", *fd->found ? fd->found : fd->expected);
	if (*fd->where)
		fprintf(f, "%43sread from %s\n", "", fd->where);
}

static void findings(const struct verify_run *r, FILE *f)
{
	fputs("\nFindings\n", f);
	if (!r->vr.n)
		fputs("  none\n", f);
	/* mismatches first, then warnings, then notes; each in report order */
	for (int sev = SEV_MISMATCH; sev >= SEV_INFO; sev--)
		for (size_t k = 0; k < r->vr.n; k++)
			if ((int)r->vr.findings[k].severity == sev)
				finding_text(r, &r->vr.findings[k], f);
}

static void inputs(const struct verify_run *r, FILE *f)
{
	fprintf(f, "  inputs    %zu file%s, SHA-256 of the bytes read%s\n", r->log.n, r->log.n == 1 ? "" : "s",
		r->log.n > LIST_INPUTS_MAX && !r->c->verbose ? " (-v lists them; the JSON report has them all)" : ":");
	if (r->log.n > LIST_INPUTS_MAX && !r->c->verbose)
		return;
	for (size_t i = 0; i < r->log.n; i++)
		fprintf(f, "            %s %8zu %-8s %s\n", r->log.v[i].sha256, r->log.v[i].bytes, r->log.v[i].kind,
			r->log.v[i].path);
}

static void evidence(const struct verify_run *r, FILE *f)
{
	json_t *sig = json_object_get(r->report, "signature");
	const char *digest = json_string_value(json_object_get(sig, "body_sha256"));
	const char *key = json_string_value(json_object_get(sig, "key_sha256"));
	fputs("\nEvidence\n", f);
	fprintf(f, "  test      %s (%s), host %s (%s)\n", r->now, r->now_pinned ? "TPPSCAN_NOW" : "clock", r->host,
		verify_host_from_text(r));
	fprintf(f, "  tool      tppscan %s, data %s\n", TPPSCAN_VERSION, r->c->data_version);
	inputs(r, f);
	fprintf(f, "  report    body SHA-256 %s (canonical form, tppscan(1))\n", digest ? digest : "?");
	if (key)
		fprintf(f, "  signature Ed25519 by key SHA-256 %s (%s)\n", key, r->o->sign);
	else
		fputs("  signature none (--sign KEY.pem signs the report)\n", f);
	if (r->o->report || r->o->pdf)
		fprintf(f, "  written   %s%s%s%s%s\n", r->o->report ? r->o->report : "", r->o->report ? " (JSON)" : "",
			r->o->report && r->o->pdf ? ", " : "", r->o->pdf ? r->o->pdf : "", r->o->pdf ? " (PDF)" : "");
}

const char *verify_host_from_text(const struct verify_run *r)
{
	return strcmp(r->host_from, "gethostname") ? r->host_from : "this host's name";
}

void verify_text(const struct verify_run *r, FILE *f)
{
	header(r, f);
	found_table(r, f);
	findings(r, f);
	evidence(r, f);
}
