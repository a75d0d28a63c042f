/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/lookup.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"
#include "cli/render_part.h"

static json_t *closest_json(const struct classification *cl)
{
	struct nearest near;
	if (cl->status != CLASS_NOT_CONTROLLED || cl->excluded_by || !classification_nearest(cl, &near))
		return json_null();
	const struct margin *m = near.unmet[0];
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:f}", "paragraph", m->para->id, "parameter", m->param,
			 "operator", rule_op_symbol(m->op), "value", json_num(m->value), "threshold",
			 json_num(m->threshold), "ratio", m->ratio);
}

static json_t *history_json(struct assessor *as, struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct assessment a;
		if (assess_part(as, rs, p, &a, err)) {
			json_decref(arr);
			return NULL;
		}
		json_t *full = render_classification_json(a.cl);
		json_t *e = json_object();
		static const char *const keep[] = { "status", "eccn", "paragraphs", "excluded_by",
			"license_exceptions", "review_policies", "undetermined", "assumptions" };
		for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++)
			json_object_set(e, keep[k], json_object_get(full, keep[k]));
		json_decref(full);
		char d[11];
		json_object_set_new(e, "rule_set", json_string(rs->id));
		json_object_set_new(e, "citation", json_string(rs->citation));
		tpp_date_format(rs->effective, d);
		json_object_set_new(e, "effective", json_string(d));
		json_object_set_new(e, "closest_miss", closest_json(a.cl));
		if (a.has_licence)
			json_object_set_new(e, "licence", licence_json(&a.licence));
		json_array_append_new(arr, e);
	}
	return arr;
}

static void history_text(struct assessor *as, struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	fprintf(c->out, "History (every rule set, oldest first)\n");
	const char *prev = NULL;
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct assessment a;
		if (assess_part(as, rs, p, &a, err))
			return;
		const struct classification *cl = a.cl;
		char verdict[200], why[600];
		verdict_phrase(verdict, sizeof(verdict), cl);
		nearest_phrase(why, sizeof(why), cl);
		for (size_t k = 0; k < cl->n_results; k++) {
			const struct para_result *r = &cl->results[k];
			if (r->status == PS_MET && r->para->kind == PARA_EXCEPTION) {
				strncat(why, *why ? ", " : "eligible: ", sizeof(why) - strlen(why) - 1);
				strncat(why, r->para->id, sizeof(why) - strlen(why) - 1);
			}
		}
		const char *label = classification_label(cl);
		char line[900];
		snprintf(line, sizeof(line), "  %-11s %-12s %-36s %s%s", rs->id, rs->citation, verdict, why,
			 prev && strcmp(prev, label) ? "   <- changed" : "");
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		fprintf(c->out, "%s\n", line);
		if (a.has_licence) {
			char lic[400];
			licence_summary(lic, sizeof(lic), &a.licence, &c->dest);
			fprintf(c->out, "  %-11s %-12s %s\n", "", "", lic);
		}
		prev = label;
	}
}

static void notes_text(FILE *f, const struct kb_part *p)
{
	if (!p->n_notes && !p->package_note)
		return;
	fprintf(f, "Notes\n");
	if (p->package_note)
		fprintf(f, "  - %s\n", p->package_note);
	for (size_t i = 0; i < p->n_notes; i++)
		fprintf(f, "  - %s\n", p->notes[i]);
}

/* The lookup CSV contract (tppscan(1)): columns only ever added at the end. */
static const char *const lookup_columns[] = { "part", "name", "vendor", "pci_ids", "architecture", "datacenter",
	"tpp", "tpp_precision", "pd", "die_area_mm2", "io_bidir_gbps", "dram_bw_gbps", "rule_set", "status", "eccn",
	"paragraphs", "excluded_by", "license_exceptions", "review_policies", "confidence", "licence_destination",
	"licence_required", "licence_exception", "licence_policy" };
#define N_COLS (sizeof(lookup_columns) / sizeof(lookup_columns[0]))

/* One row per part, or with --history one per part and rule set, oldest first. */
static int csv_output(struct assessor *as, struct cli *c, const struct lookup_hit *hits, size_t n, bool history,
		      struct tpp_error *err)
{
	const struct csv_column *cols[N_COLS];
	for (size_t i = 0; i < N_COLS; i++)
		cols[i] = csv_column(lookup_columns[i]);
	csv_header_row(c->out, cols, N_COLS);
	for (size_t i = 0; i < n; i++) {
		if (!history) {
			csv_record_row(c->out, cols, N_COLS, &hits[i].a);
			continue;
		}
		for (size_t k = 0; k < c->rules.n; k++) {
			struct assessment a;
			if (assess_part(as, &c->rules.sets[k], hits[i].a.part, &a, err))
				return -1;
			csv_record_row(c->out, cols, N_COLS, &a);
		}
	}
	return 0;
}

static void all_text(struct cli *c, const struct lookup_hit *hits, size_t n)
{
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s\n", "PART", "PCI", "TPP", "PREC", "PD", "DC",
		"ECCN", "PARAGRAPHS / NOTE");
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &hits[i].a;
		const struct kb_part *p = a->part;
		char pci[16] = "-", tpp[16], pd[16], paras[400];
		if (p->n_pci)
			snprintf(pci, sizeof(pci), "%04x:%04x", p->pci[0].vendor, p->pci[0].device);
		text_metric(tpp, sizeof(tpp), &a->tpp, 1);
		text_metric(pd, sizeof(pd), &a->pd, 2);
		join_met(paras, sizeof(paras), a->cl, PARA_CONTROL);
		if (a->cl->excluded_by)
			snprintf(paras, sizeof(paras), "%s", a->cl->excluded_by->id);
		if (a->display_only)
			snprintf(paras, sizeof(paras), "display-only (no compute engine)");
		if (a->cl->eccn_bound == ECCN_AT_LEAST)
			snprintf(paras, sizeof(paras), "or higher (bounds; tppscan lookup %s)", p->id);
		if (a->cl->status == CLASS_UNDETERMINED) {
			char v[160], open[240];
			verdict_phrase(v, sizeof(v), a->cl);
			open_regions_brief(open, sizeof(open), a->cl);
			snprintf(paras, sizeof(paras), "%s%s%s", v + strlen("undetermined "), *open ? ": " : "", open);
		}
		char exc[64], exc_text[80] = "";
		join_met(exc, sizeof(exc), a->cl, PARA_EXCEPTION);
		if (*exc)
			snprintf(exc_text, sizeof(exc_text), " [%s]", exc);
		fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s%s\n", p->id, pci, tpp,
			a->precision_known ? tpp_precision_name(a->precision) : "-", pd,
			p->datacenter < 0 ? "?" : p->datacenter ? "yes" : "no", classification_label(a->cl), paras,
			exc_text);
	}
	fprintf(c->out, "\n%zu parts; rule set %s (%s) in force on %s. DC: designed or marketed for datacenters\n"
		"(? = unknown, assumed yes). Details: tppscan lookup PART\n", n, c->rs->id, c->rs->citation, as_of);
}

static int json_output(struct assessor *as, struct cli *c, const struct lookup_hit *hits, size_t n, bool history,
		       struct tpp_error *err)
{
	struct device_json_ctx x;
	struct json_stream s;
	json_stream_begin(&s, c);
	device_json_init(&x, &c->kb, &s);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		json_t *d = device_json(&x, &hits[i].a);
		if (history) {
			json_t *hj = history_json(as, c, hits[i].a.part, err);
			if (!hj)
				rc = -1;
			json_object_set_new(d, "history", hj ? hj : json_null());
		}
		if (rc)
			json_decref(d);
		else
			rc = json_stream_device(&s, d, err);
	}
	device_json_free(&x);
	if (rc) {
		json_stream_free(&s);
		return -1;
	}
	return json_stream_end(&s, render_json_header(c), err);
}

static int text_output(struct assessor *as, struct cli *c, const struct lookup_hit *hits, size_t n, bool history,
		       struct tpp_error *err)
{
	for (size_t i = 0; i < n && !err->status; i++) {
		const struct assessment *a = &hits[i].a;
		if (i)
			fputc('\n', c->out);
		part_text_block(c->out, a->part, c->verbose);
		fputc('\n', c->out);
		classification_summary_text(c->out, a->cl);
		if (a->has_licence) {
			fputs("\nLicence\n", c->out);
			licence_text_block(c->out, &a->licence, &c->dest, "  ");
		}
		if (c->verbose) {
			fputc('\n', c->out);
			render_classification_text(c->out, a->cl, c->verbose);
		}
		if (history) {
			fputc('\n', c->out);
			history_text(as, c, a->part, err);
		}
		fputc('\n', c->out);
		notes_text(c->out, a->part);
		if (c->verbose) {
			fputc('\n', c->out);
			part_text_sources(c->out, &c->kb, a->part);
		}
	}
	return err->status ? -1 : 0;
}

/* --stats: how many parts of each verdict, overall and per vendor, so the
 * knowledge base's coverage is one command away. */
#define STATS_COLS 6
static const char *const stat_names[STATS_COLS] = { "3A090.a", "3A090.b", "3A090.c", "not 3A090", "undetermined",
	"display-only" };

static size_t stat_column(const struct assessment *a)
{
	if (a->display_only)
		return 5;
	if (a->cl->status == CLASS_UNDETERMINED)
		return 4;
	if (a->cl->status != CLASS_CONTROLLED)
		return 3;
	return a->cl->eccn[6] == 'a' ? 0 : a->cl->eccn[6] == 'b' ? 1 : 2;
}

static int stats_output(struct cli *c, const struct lookup_hit *hits, size_t n, struct tpp_error *err)
{
	json_t *by_vendor = json_object(), *total = json_object(), *at_least = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &hits[i].a;
		const char *v = a->part->vendor->name, *col = stat_names[stat_column(a)];
		json_t *row = json_object_get(by_vendor, v);
		if (!row) {
			row = json_object();
			for (size_t k = 0; k < STATS_COLS; k++)
				json_object_set_new(row, stat_names[k], json_integer(0));
			json_object_set_new(by_vendor, v, row);
		}
		json_object_set_new(row, col, json_integer(json_integer_value(json_object_get(row, col)) + 1));
		json_object_set_new(total, col, json_integer(json_integer_value(json_object_get(total, col)) + 1));
		if (a->cl->eccn_bound == ECCN_AT_LEAST && a->cl->status == CLASS_CONTROLLED)
			json_object_set_new(at_least, col, json_integer(json_integer_value(json_object_get(at_least, col)) + 1));
	}
	if (c->format == FMT_JSON) {
		json_t *root = render_json_header(c);
		json_object_set_new(root, "stats", json_pack("{s:i, s:o, s:o, s:o}", "parts", (int)n, "by_status", total,
							      "at_least", at_least, "by_vendor", by_vendor));
		return render_json_emit(c, root, err);
	}
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%-42s %6s", "VENDOR", "PARTS");
	for (size_t k = 0; k < STATS_COLS; k++)
		fprintf(c->out, " %12s", stat_names[k]);
	fputc('\n', c->out);
	const char *v;
	json_t *row;
	json_object_foreach(by_vendor, v, row) {
		json_int_t sum = 0;
		for (size_t k = 0; k < STATS_COLS; k++)
			sum += json_integer_value(json_object_get(row, stat_names[k]));
		fprintf(c->out, "%-42s %6lld", v, (long long)sum);
		for (size_t k = 0; k < STATS_COLS; k++)
			fprintf(c->out, " %12lld", (long long)json_integer_value(json_object_get(row, stat_names[k])));
		fputc('\n', c->out);
	}
	fprintf(c->out, "%-42s %6zu", "all", n);
	for (size_t k = 0; k < STATS_COLS; k++)
		fprintf(c->out, " %12lld", (long long)json_integer_value(json_object_get(total, stat_names[k])));
	fprintf(c->out, "\n\nRule set %s (%s) in force on %s. Tiers include parts decided on bounds; of them \"or higher\"\n"
		"(the tier is a floor): %lld at 3A090.b, %lld at 3A090.c. List one status: tppscan lookup --all --status S\n",
		c->rs->id, c->rs->citation, as_of, (long long)json_integer_value(json_object_get(at_least, "3A090.b")),
		(long long)json_integer_value(json_object_get(at_least, "3A090.c")));
	json_decref(by_vendor);
	json_decref(total);
	json_decref(at_least);
	return 0;
}

int lookup_render(const struct lookup_run *r, struct tpp_error *err)
{
	struct cli *c = r->c;
	for (size_t i = 0; c->format == FMT_TEXT && !r->o->all && !r->o->stats && i < r->n; i++)
		if (*r->hits[i].note && (i == 0 || strcmp(r->hits[i - 1].note, r->hits[i].note)))
			fprintf(c->out, "%s\n\n", r->hits[i].note);
	if (r->o->stats)
		return stats_output(c, r->hits, r->n, err);
	if (c->format == FMT_JSON)
		return json_output(r->as, c, r->hits, r->n, r->o->history, err);
	if (c->format == FMT_CSV)
		return csv_output(r->as, c, r->hits, r->n, r->o->history, err);
	if (r->o->all) {
		all_text(c, r->hits, r->n);
		return 0;
	}
	return text_output(r->as, c, r->hits, r->n, r->o->history, err);
}
