/* Matching found records to declaration lines, and the findings of each
 * line (quantity, the paperwork's figures, serials) and of what no line
 * declared.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/verify_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A found record's serial number (the first function that reports one). */
static const struct probe_str *item_serial(const struct scan_item *it)
{
	for (size_t k = 0; k < it->n_dev; k++)
		if (it->dev[k]->serial.value)
			return &it->dev[k]->serial;
	return NULL;
}

static bool line_lists_serial(const struct decl_line *l, const char *serial)
{
	for (size_t k = 0; serial && k < l->n_serials; k++)
		if (!strcmp(l->serials[k], serial))
			return true;
	return false;
}

/* The line a record of part p goes to: one listing its serial, else the
 * first with room, else the first declaring p (over quantity). */
static size_t pick_line(const struct verify_input *in, const struct verify_result *r, const struct kb_part *p,
			const struct scan_item *it)
{
	const struct probe_str *s = item_serial(it);
	size_t first = VERIFY_NONE, room = VERIFY_NONE;
	for (size_t i = 0; i < in->decl->n; i++) {
		const struct decl_line *l = &in->decl->lines[i];
		if (l->part != p)
			continue;
		if (s && line_lists_serial(l, s->value))
			return i;
		if (first == VERIFY_NONE)
			first = i;
		if (room == VERIFY_NONE && r->matched[i] < l->quantity)
			room = i;
	}
	return room != VERIFY_NONE ? room : first;
}

static bool is_candidate(const struct scan_item *it, const struct kb_part *p)
{
	for (size_t k = 0; k < it->n_candidates; k++)
		if (it->candidates[k] == p)
			return true;
	return false;
}

/* By part, then by a shared PCI ID whose candidates include a declared
 * part, then as substitutes for lines still short. */
static void match(const struct verify_input *in, struct verify_result *r)
{
	for (size_t j = 0; j < in->n_found; j++) {
		const struct assessment *a = &in->found[j];
		size_t i = a->part && a->item->match != KB_MATCH_AMBIGUOUS ? pick_line(in, r, a->part, a->item) : VERIFY_NONE;
		for (size_t k = 0; i == VERIFY_NONE && a->item->match == KB_MATCH_AMBIGUOUS && k < in->decl->n; k++)
			if (is_candidate(a->item, in->decl->lines[k].part))
				i = pick_line(in, r, in->decl->lines[k].part, a->item);
		if ((r->line_of[j] = i) != VERIFY_NONE)
			r->matched[i]++;
	}
	for (size_t j = 0; j < in->n_found; j++) {
		if (r->line_of[j] != VERIFY_NONE || in->found[j].display_only)
			continue;
		for (size_t i = 0; i < in->decl->n; i++) {
			size_t taken = r->matched[i];
			for (size_t k = 0; k < in->n_found; k++)
				taken += r->substitute[k] && r->line_of[k] == i;
			if (taken < in->decl->lines[i].quantity) {
				r->line_of[j] = i;
				r->substitute[j] = true;
				break;
			}
		}
	}
}

static bool quantity_finding(const struct verify_input *in, struct verify_result *r, size_t i)
{
	const struct decl_line *l = &in->decl->lines[i];
	size_t subs = 0;
	for (size_t k = 0; k < in->n_found; k++)
		subs += r->substitute[k] && r->line_of[k] == i;
	char found[32], expected[32], sub[96] = "";
	snprintf(found, sizeof(found), "%zu", r->matched[i]);
	snprintf(expected, sizeof(expected), "%lu", l->quantity);
	if (subs)
		snprintf(sub, sizeof(sub), "; %zu other part%s found in their place", subs, subs == 1 ? "" : "s");
	if (r->matched[i] == l->quantity)
		return finding_add(r, SEV_INFO, "quantity", i, VERIFY_NONE, found, expected, in->source,
				   "%zu of %lu declared %s found", r->matched[i], l->quantity, l->part->name);
	return finding_add(r, SEV_MISMATCH, "quantity", i, VERIFY_NONE, found, expected, in->source,
			   "%zu %s found where %lu %s declared (%s by %lu)%s", r->matched[i], l->part->name, l->quantity,
			   l->quantity == 1 ? "is" : "are", r->matched[i] < l->quantity ? "short" : "over",
			   r->matched[i] < l->quantity ? l->quantity - r->matched[i] : r->matched[i] - l->quantity, sub);
}

/* A figure the paperwork states against the knowledge base's. */
static bool figure_finding(struct verify_result *r, size_t i, const struct decl_line *l, const char *code,
			   const char *label, double declared, bool kb_known, double kb)
{
	char found[64], expected[96];
	snprintf(found, sizeof(found), "%s %.6g (declared)", label, declared);
	if (!kb_known)
		return finding_add(r, SEV_INFO, code, i, VERIFY_NONE, found, "unknown", l->origin,
				   "the knowledge base has no %s for %s: the declared figure cannot be checked", label,
				   l->part->name);
	snprintf(expected, sizeof(expected), "%s %.6g (knowledge base, %s)", label, kb, l->part->id);
	bool differs = fabs(declared - kb) > 0.005 * fmax(fabs(kb), 1e-9);
	return finding_add(r, differs ? SEV_WARNING : SEV_INFO, code, i, VERIFY_NONE, found, expected, l->origin,
			   differs ? "the paperwork states another %s than the knowledge base (%+.1f%%)"
				   : "the paperwork's %s agrees with the knowledge base (%+.1f%%)",
			   label, kb ? 100 * (declared / kb - 1) : 0.0);
}

static bool figures_findings(const struct verify_input *in, struct verify_result *r, size_t i)
{
	const struct decl_line *l = &in->decl->lines[i];
	const struct kb_part *p = l->part;
	if (l->tpp_set && !figure_finding(r, i, l, "declared-tpp", "TPP", l->tpp, p->tpp.known, p->tpp.tpp))
		return false;
	if (l->pd_set && !figure_finding(r, i, l, "declared-pd", "PD", l->pd, p->pd_known, p->pd))
		return false;
	const struct classification *fig = in->figures[i].cl, *decl = in->declared[i].cl;
	if (!fig || verify_same_verdict(fig, decl))
		return true;
	char found[200], expected[200];
	verify_verdict_text(found, sizeof(found), fig);
	verify_verdict_text(expected, sizeof(expected), decl);
	return finding_add(r, SEV_MISMATCH, "declared-verdict", i, VERIFY_NONE, found, expected, l->origin,
			   "the figures the paperwork states classify differently from the declared part's datasheet");
}

/* Serials declared on a line that no record of that line reports. */
static bool missing_serials(const struct verify_input *in, struct verify_result *r, size_t i)
{
	const struct decl_line *l = &in->decl->lines[i];
	for (size_t k = 0; k < l->n_serials; k++) {
		bool seen = false;
		for (size_t j = 0; j < in->n_found && !seen; j++) {
			const struct probe_str *s = r->line_of[j] == i ? item_serial(in->found[j].item) : NULL;
			seen = s && !strcmp(s->value, l->serials[k]);
		}
		if (!seen && !finding_add(r, SEV_MISMATCH, "serial", i, VERIFY_NONE, NULL, l->serials[k], l->origin,
					  "declared serial %s is on no %s found", l->serials[k], l->part->name))
			return false;
	}
	return true;
}

static bool substitute_findings(const struct verify_input *in, struct verify_result *r, size_t j)
{
	const struct assessment *a = &in->found[j];
	size_t i = r->line_of[j];
	const struct decl_line *l = &in->decl->lines[i];
	char found[320], expected[320], where[320], ids[64];
	device_ids(ids, sizeof(ids), a->item);
	snprintf(found, sizeof(found), "%s (%s)", a->part ? a->part->name : "a part not in the knowledge base", ids);
	part_with_ids(expected, sizeof(expected), l->part);
	identity_where(where, sizeof(where), in, a->item);
	if (!finding_add(r, SEV_MISMATCH, "part", i, j, found, expected, where,
			 "another part than declared: the PCI ID names %s where %s was declared",
			 a->part ? a->part->name : "no known part", l->part->name))
		return false;
	if (!verify_licence_finding(in, r, j, i))
		return false;
	if (verify_same_verdict(a->cl, in->declared[i].cl))
		return true;
	verify_verdict_text(found, sizeof(found), a->cl);
	verify_verdict_text(expected, sizeof(expected), in->declared[i].cl);
	return finding_add(r, SEV_MISMATCH, "verdict", i, j, found, expected, where,
			   "the part found is classified differently from the declared %s", l->part->name);
}

static bool undeclared_finding(const struct verify_input *in, struct verify_result *r, size_t j)
{
	const struct assessment *a = &in->found[j];
	char found[320], verdict[200], ids[64], where[320];
	device_ids(ids, sizeof(ids), a->item);
	verify_verdict_text(verdict, sizeof(verdict), a->cl);
	snprintf(found, sizeof(found), "%.80s (%s), %.120s", a->part ? a->part->name : "unknown device", ids, verdict);
	identity_where(where, sizeof(where), in, a->item);
	if (a->display_only)
		return finding_add(r, SEV_INFO, "undeclared-device", VERIFY_NONE, j, found, NULL, where,
				   "display-only device (no compute engine), not declared and not counted");
	if (!a->part)
		return finding_add(r, SEV_MISMATCH, "undeclared-device", VERIFY_NONE, j, found, NULL, where,
				   "an accelerator not in the knowledge base and not declared: it cannot be verified");
	if (a->cl->status != CLASS_NOT_CONTROLLED)
		return finding_add(r, SEV_MISMATCH, "undeclared-device", VERIFY_NONE, j, found, NULL, where,
				   "a part that is %s and was not declared", classification_label(a->cl));
	return finding_add(r, SEV_WARNING, "undeclared-device", VERIFY_NONE, j, found, NULL, where,
			   "a part that was not declared (not 3A090): declare it, or confirm it belongs to the host");
}

/* With --dest, a declared part whose licence answer is undetermined: the
 * shipment cannot be cleared on the paperwork alone. */
static bool licence_undetermined(const struct verify_input *in, struct verify_result *r, size_t i)
{
	const struct assessment *a = &in->declared[i];
	char answer[320];
	if (!verify_licence_answer(a, answer, sizeof(answer)) || a->licence.required >= 0)
		return true;
	return finding_add(r, SEV_WARNING, "licence-undetermined", i, VERIFY_NONE, answer, NULL, in->decl->lines[i].origin,
			   "the licence answer for %s to %s is undetermined: %s", a->part->name, a->licence.q.dest,
			   a->licence.n_reasons ? a->licence.reasons[0].text : "the data does not decide it");
}

/* A declaration that named its part by a unique prefix: said, so that a
 * truncated name that happened to be unique is seen. */
static bool prefix_finding(const struct verify_input *in, struct verify_result *r, size_t i)
{
	const struct decl_line *l = &in->decl->lines[i];
	if (strcmp(l->match, "prefix"))
		return true;
	return finding_add(r, SEV_INFO, "declaration", i, VERIFY_NONE, l->query, l->part->name, l->origin,
			   "'%s' is the unique prefix of a name of %s [%s], taken as the declared part", l->query,
			   l->part->name, l->part->id);
}

static bool all_findings(const struct verify_input *in, struct verify_result *r, struct tpp_error *err)
{
	for (size_t i = 0; i < in->decl->n; i++)
		if (!prefix_finding(in, r, i) || !quantity_finding(in, r, i) || !figures_findings(in, r, i) ||
		    !missing_serials(in, r, i) || !licence_undetermined(in, r, i))
			return false;
	for (size_t j = 0; j < in->n_found; j++) {
		bool ok = r->line_of[j] == VERIFY_NONE ? undeclared_finding(in, r, j)
			  : r->substitute[j] ? substitute_findings(in, r, j)
			  : verify_device_findings(in, r, j, r->line_of[j], err);
		if (!ok)
			return false;
	}
	return true;
}

int verify_compare(const struct verify_input *in, struct verify_result *out, struct tpp_error *err)
{
	*out = (struct verify_result){ 0 };
	size_t nf = in->n_found ? in->n_found : 1, nl = in->decl->n ? in->decl->n : 1;
	out->line_of = malloc(nf * sizeof(*out->line_of));
	out->substitute = calloc(nf, sizeof(*out->substitute));
	out->matched = calloc(nl, sizeof(*out->matched));
	if (out->line_of && out->substitute && out->matched) {
		match(in, out);
		if (all_findings(in, out, err))
			return 0;
	}
	if (!err->status)
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	verify_result_free(out);
	return -1;
}

void verify_result_free(struct verify_result *r)
{
	free(r->findings);
	free(r->line_of);
	free(r->substitute);
	free(r->matched);
	*r = (struct verify_result){ 0 };
}

int verify_exit_status(const struct verify_result *r)
{
	return r->n_mismatch ? 1 : 0;
}
