/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_view.h"

#include <stdlib.h>
#include <string.h>

#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"
#include "cli/render_probe.h"

#define MAX_NOTES 256
#define NAME_MIN_WIDTH 28

/* Identical note texts across devices are listed once, with their slots. */
struct note_group {
	char *text;
	char slots[512];
	size_t count;
};

struct notes {
	struct note_group g[MAX_NOTES];
	size_t n;
	size_t dropped;       /* distinct notes past MAX_NOTES: counted, and said */
};

static void add_note(struct notes *ns, const char *slot, const char *text)
{
	for (size_t i = 0; i < ns->n; i++) {
		struct note_group *g = &ns->g[i];
		if (strcmp(g->text, text))
			continue;
		if (g->count < 4) {
			strncat(g->slots, ", ", sizeof(g->slots) - strlen(g->slots) - 1);
			strncat(g->slots, slot, sizeof(g->slots) - strlen(g->slots) - 1);
		}
		g->count++;
		return;
	}
	if (ns->n >= MAX_NOTES || !(ns->g[ns->n].text = strdup(text))) {
		ns->dropped++;
		return;
	}
	snprintf(ns->g[ns->n].slots, sizeof(ns->g[ns->n].slots), "%s", slot);
	ns->g[ns->n++].count = 1;
}

/* What a person must read about one record's verdict. */
static void verdict_notes(struct notes *ns, const char *slot, const struct assessment *a)
{
	const struct classification *cl = a->cl;
	char text[700], phrase[500];
	if (nearest_phrase(phrase, sizeof(phrase), cl)) {
		snprintf(text, sizeof(text), "not 3A090; closest: %s", phrase);
		add_note(ns, slot, text);
	}
	if (cl->excluded_by) {
		snprintf(text, sizeof(text), "%s takes it out of 3A090 (%s)", cl->excluded_by->id, cl->excluded_by->title);
		add_note(ns, slot, text);
	}
	if (cl->status == CLASS_UNDETERMINED) {
		verdict_phrase(text, sizeof(text), cl);
		if (!a->part && a->item->probed.why_unknown) {
			size_t l = strlen(text);
			snprintf(text + l, sizeof(text) - l, ": not in the knowledge base and %s", a->item->probed.why_unknown);
		}
		add_note(ns, slot, text);
	}
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *pr = &cl->results[i];
		if (pr->status == PS_MET && pr->para->kind == PARA_EXCEPTION) {
			snprintf(text, sizeof(text), "licence exception %s available: %s", pr->para->id, pr->para->title);
			add_note(ns, slot, text);
		}
	}
	char bounds[500];
	if (cl->decided_by_bounds && cl->eccn_bound == ECCN_EXACT && bounds_phrase(bounds, sizeof(bounds), cl)) {
		snprintf(text, sizeof(text), "%s decided on bounds: %s", classification_label(cl), bounds);
		add_note(ns, slot, text);
	}
	for (size_t i = 0; i < cl->n_assumptions; i++) {
		snprintf(text, sizeof(text), "%s unknown for this part: assumed %s (the conservative reading)",
			 cl->assumptions[i].param->name, cl->assumptions[i].param->default_boolean ? "yes" : "no");
		add_note(ns, slot, text);
	}
}

/* The licence answer of --dest: the summary, its reasons and advisories. */
static void licence_notes(struct notes *ns, const char *slot, const struct assessment *a, const struct dest_data *d)
{
	char text[1200], sum[400];
	licence_summary(sum, sizeof(sum), &a->licence, d);
	snprintf(text, sizeof(text), "%s", sum);
	add_note(ns, slot, text);
	for (size_t i = 0; i < a->licence.n_reasons; i++) {
		snprintf(text, sizeof(text), "licence reason: %s", a->licence.reasons[i].text);
		add_note(ns, slot, text);
	}
	for (size_t i = 0; i < json_array_size(a->licence.conditions); i++) {
		snprintf(text, sizeof(text), "licence condition: %s", json_string_value(json_array_get(a->licence.conditions, i)));
		add_note(ns, slot, text);
	}
	for (size_t i = 0; i < a->licence.n_advisories; i++) {
		snprintf(text, sizeof(text), "licence %s: %s", strcmp(a->licence.advisories[i].id, "reading") ? "advisory" : "reading",
			 a->licence.advisories[i].text);
		add_note(ns, slot, text);
	}
}

static void record_notes(struct notes *ns, const struct assessment *a, const struct dest_data *d)
{
	const struct scan_item *it = a->item;
	char slot[64], text[700];
	item_slots(slot, sizeof(slot), it);
	for (size_t i = 0; i < it->n_warn; i++)
		if (strcmp(it->warn[i].code, "package-grouped"))
			add_note(ns, slot, it->warn[i].text);
	if (it->n_warn_dropped) {
		snprintf(text, sizeof(text), "%zu more warning%s not kept (the first %d are listed)", it->n_warn_dropped,
			 it->n_warn_dropped == 1 ? "" : "s", SCAN_MAX_WARN);
		add_note(ns, slot, text);
	}
	if (!a->display_only)
		verdict_notes(ns, slot, a);
	if (!a->display_only && a->has_licence)
		licence_notes(ns, slot, a, d);
	for (size_t k = 0; k < it->n_dev; k++)
		for (size_t i = 0; i < it->dev[k]->n_notes; i++) {
			snprintf(text, sizeof(text), "%s: %s", it->dev[k]->notes[i].what, it->dev[k]->notes[i].reason);
			add_note(ns, it->dev[k]->slot, text);
		}
}

static void print_notes(FILE *f, struct notes *ns)
{
	if (ns->n)
		fprintf(f, "\nNotes\n");
	for (size_t i = 0; i < ns->n; i++) {
		struct note_group *g = &ns->g[i];
		if (g->count > 4)
			fprintf(f, "  %s and %zu more: %s\n", g->slots, g->count - 4, g->text);
		else
			fprintf(f, "  %s: %s\n", g->slots, g->text);
		free(g->text);
	}
	if (ns->dropped)
		fprintf(f, "  %zu more distinct notes not listed here; --format json has every one\n", ns->dropped);
}

static void table_row(FILE *f, const struct assessment *a, int width)
{
	char tpp[24], pd[16], flags[80], cell[64];
	text_metric(tpp, sizeof(tpp), &a->tpp, 1);
	text_metric(pd, sizeof(pd), &a->pd, 2);
	text_flags(flags, sizeof(flags), a);
	const char *src = a->tpp.source == METRIC_DATASHEET ? "sheet" : a->tpp.source == METRIC_PROBED ? "probed" : "-";
	fprintf(f, "%-14s %-*s %9s %-6s %7s %-13s %s\n", a->item->dev[0]->slot, width, record_name(a), tpp, src, pd,
		text_verdict_cell(cell, sizeof(cell), a->cl), flags);
	for (size_t k = 1; k < a->item->n_dev; k++)
		fprintf(f, "%-14s   (same package)\n", a->item->dev[k]->slot);
}

/* Counts per tier that applies to integrated circuits, from the rule set. */
static void summary(FILE *f, const struct scan_report *r, size_t display_only)
{
	const struct ruleset *rs = r->c->rs;
	size_t count[16] = { 0 }, none = 0, und = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct classification *cl = r->records[i].cl;
		if (r->records[i].display_only)
			continue;
		und += cl->status == CLASS_UNDETERMINED;
		bool tiered = false;
		for (size_t t = 0; cl->status == CLASS_CONTROLLED && t < rs->n_eccn_order && t < 16; t++)
			if (!strcmp(cl->eccn, rs->eccn_order[t]))
				count[t]++, tiered = true;
		none += cl->status == CLASS_NOT_CONTROLLED || (cl->status == CLASS_CONTROLLED && !tiered);
	}
	fprintf(f, "\nSummary: ");
	for (size_t t = 0; t < rs->n_eccn_order && t < 16; t++) {
		bool ic = false;
		for (size_t k = 0; k < rs->n_paras && !ic; k++)
			ic = rs->paras[k].kind == PARA_CONTROL && rs->paras[k].item == ITEM_IC &&
			     !strcmp(rs->paras[k].eccn, rs->eccn_order[t]);
		if (ic)
			fprintf(f, "%s %zu, ", rs->eccn_order[t], count[t]);
	}
	fprintf(f, "not 3A090 %zu, undetermined %zu", none, und);
	if (display_only)
		fprintf(f, " (and %zu display-only, not counted)", display_only);
	fprintf(f, ". Flags: CLOCK/UNITS probed above\n"
		   "the datasheet, CROSS probed TPP crosses a threshold, NAME/ROM firmware or driver names another part,\n"
		   "UNKNOWN not in the knowledge base, AMBIG shared device ID, PKG incomplete package. SOURCE: sheet =\n"
		   "knowledge-base datasheet figures, probed = units x clock x rate.\n");
}

static void display_only_list(FILE *f, const struct scan_report *r, size_t n)
{
	if (!n)
		return;
	fprintf(f, "\nDisplay-only (no compute engine: TPP 0, not 3A090; not counted above)\n");
	for (size_t i = 0; i < r->n; i++)
		if (r->records[i].display_only)
			fprintf(f, "  %-14s %s\n", r->records[i].item->dev[0]->slot, record_name(&r->records[i]));
}

int scan_view_text(const struct scan_report *r, struct tpp_error *err)
{
	struct cli *c = r->c;
	FILE *f = c->out;
	size_t n = 0, display = 0;
	int width = NAME_MIN_WIDTH;
	for (size_t i = 0; i < r->n; i++) {
		if (r->records[i].display_only) {
			display++;
			continue;
		}
		n++;
		int l = (int)strlen(record_name(&r->records[i]));
		width = l > width ? l : width;   /* never cut a name: a lab compares it with the papers */
	}
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(f, "tppscan: %zu accelerator%s (%s), rule set %s (%s) in force on %s\n\n", n, n == 1 ? "" : "s",
		r->ctx->dump_file ? r->ctx->dump_file : r->ctx->sysfs_root ? r->ctx->sysfs_root : "this host",
		c->rs->id, c->rs->citation, as_of);
	if (n == 0)
		fprintf(f, "No GPU or AI accelerator found. To see what tppscan reports, try a shipped example:\n"
			   "  tppscan scan --dump examples/hgx-h20.lspci\n");
	else
		fprintf(f, "%-14s %-*s %9s %-6s %7s %-13s %s\n", "SLOT", width, "PART", "TPP", "SOURCE", "PD", "ECCN",
			"FLAGS");
	for (size_t i = 0; i < r->n; i++) {
		if (!r->records[i].display_only)
			table_row(f, &r->records[i], width);
		if (cli_spill(c, err))
			return -1;
	}
	display_only_list(f, r, display);
	struct notes *ns = calloc(1, sizeof(*ns));
	if (!ns) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->n; i++)
		record_notes(ns, &r->records[i], &c->dest);
	for (size_t i = 0; i < r->list->n_notes; i++) {
		char text[700];
		snprintf(text, sizeof(text), "%s: %s", r->list->notes[i].what, r->list->notes[i].reason);
		add_note(ns, "host", text);
	}
	print_notes(f, ns);
	free(ns);
	if (n)
		summary(f, r, display);
	if (c->verbose && r->n) {
		fprintf(f, "\nEverything read\n");
		for (size_t i = 0; i < r->n; i++) {
			probe_verbose_text(f, r->records[i].item);
			fputc('\n', f);
			render_classification_text(f, r->records[i].cl, c->verbose);
			fputc('\n', f);
		}
	}
	return 0;
}
