/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render_part.h"

#include <math.h>
#include <string.h>

#include "cli/render.h"

json_t *part_metrics_json(const struct kb_part *p)
{
	json_t *m = json_object();
	json_object_set_new(m, "tpp", p->tpp.known ? json_num(p->tpp.tpp) : json_null());
	json_object_set_new(m, "tpp_source", p->tpp.known ? json_string("datasheet") : json_null());
	json_object_set_new(m, "tpp_precision", p->tpp.known ? json_string(tpp_precision_name(p->tpp.precision))
							     : json_null());
	json_t *ties = json_array();
	for (int i = 0; i < PREC_COUNT && p->tpp.known; i++)
		if (p->tpp.ties[i])
			json_array_append_new(ties, json_string(tpp_precision_name(i)));
	json_object_set_new(m, "tpp_precisions", ties);
	json_object_set_new(m, "pd", p->pd_known ? json_num(p->pd) : json_null());
	json_object_set_new(m, "pd_source", p->pd_known ? json_string("datasheet") : json_null());
	json_object_set_new(m, "die_area_mm2", p->area.known ? json_num(p->area.mm2) : json_null());
	json_object_set_new(m, "io_bidir_gbps", p->io_known ? json_num(p->io_bidir_gbps) : json_null());
	json_object_set_new(m, "dram_bw_gbps", p->memory_bw_gbps.known ? json_num(p->memory_bw_gbps.value)
								       : json_null());
	if (p->package_functions > 1) {
		json_object_set_new(m, "package_functions", json_integer(p->package_functions));
		json_object_set_new(m, "tpp_per_function",
				    p->tpp.known ? json_num(kb_per_function(p, p->tpp.tpp)) : json_null());
	}
	json_t *prec = json_object();
	for (int i = 0; i < PREC_COUNT; i++)
		if (p->tpp.have[i])
			json_object_set_new(prec, tpp_precision_name(i),
					    json_pack("{s:o, s:o}", "dense_tops", json_num(p->tpp.dense_tops[i]),
						      "tpp", json_num(p->tpp.per_precision[i])));
	json_object_set_new(m, "per_precision", prec);
	return m;
}

static void collect_sources(json_t *node, json_t *keys)
{
	if (json_is_object(node)) {
		const char *k;
		json_t *v;
		json_object_foreach(node, k, v) {
			if (strcmp(k, "source") == 0) {
				if (json_is_string(v))
					json_object_set(keys, json_string_value(v), json_true());
				for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++)
					if (json_is_string(json_array_get(v, i)))
						json_object_set(keys, json_string_value(json_array_get(v, i)), json_true());
			} else {
				collect_sources(v, keys);
			}
		}
	} else if (json_is_array(node)) {
		for (size_t i = 0; i < json_array_size(node); i++)
			collect_sources(json_array_get(node, i), keys);
	}
}

json_t *part_datasheet_json(struct kb *kb, const struct kb_part *p)
{
	json_t *src = kb_part_row(kb, p);
	if (!src)
		return json_null();
	json_t *row = json_deep_copy(src);
	json_t *keys = json_object();
	collect_sources(src, keys);
	json_t *sources = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(keys, k, v) {
		const struct kb_source *s = kb_find_source(p->vendor, k);
		if (s)
			json_object_set_new(sources, k, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "title", s->title,
				"url", s->url, "kind", s->kind, "publisher", json_str(s->publisher),
				"date", json_str(s->date), "note", json_str(s->note)));
	}
	json_decref(keys);
	json_object_set_new(row, "sources", sources);
	/* relative to the data directory, so built-in and --data-dir agree */
	const char *file = strstr(p->vendor->file, "devices/");
	json_object_set_new(row, "file", json_string(file ? file : p->vendor->file));
	return row;
}

void part_pci_ids(char *buf, size_t n, const struct kb_part *p)
{
	buf[0] = '\0';
	for (size_t i = 0; i < p->n_pci; i++) {
		char one[40];
		const struct kb_pci_key *k = &p->pci[i];
		if (k->has_subsys)
			snprintf(one, sizeof(one), "%s%04x:%04x (%04x:%04x)", i ? ", " : "", k->vendor, k->device,
				 k->subsys_vendor, k->subsys_device);
		else
			snprintf(one, sizeof(one), "%s%04x:%04x", i ? ", " : "", k->vendor, k->device);
		strncat(buf, one, n - strlen(buf) - 1);
	}
	if (!p->n_pci)
		snprintf(buf, n, "none published");
}

static void sources_suffix(FILE *f, const struct kb_qty *q)
{
	if (!q->n_sources)
		return;
	fputs(" [", f);
	for (size_t i = 0; i < q->n_sources; i++)
		fprintf(f, "%s%s", i ? ", " : "", q->sources[i]);
	fputc(']', f);
}

/* A quantity with its source keys, "(derived)" when computed. */
static void qty_text(FILE *f, const struct kb_qty *q, const char *unit)
{
	char num[32];
	if (!q->known) {
		fputs("unknown", f);
		return;
	}
	fprintf(f, "%s%s%s", fmt_num(num, sizeof(num), q->value), unit, q->derived ? " (derived)" : "");
	sources_suffix(f, q);
}

/* Name, aliases, vendor and chip, architecture, PCI IDs and datacenter evidence. */
static void identity_text(FILE *f, const struct kb_part *p)
{
	char buf[512];
	fprintf(f, "%s  [%s]\n", p->name, p->id);
	if (p->n_aliases) {
		fprintf(f, "  aliases       ");
		for (size_t i = 0; i < p->n_aliases; i++)
			fprintf(f, "%s%s", i ? ", " : "", p->aliases[i]);
		fputc('\n', f);
	}
	fprintf(f, "  part          %s%s%s%s%s%s%s\n", p->vendor->name, p->chip ? " " : "", p->chip ? p->chip : "",
		p->form_factor ? ", " : "", p->form_factor ? p->form_factor : "", p->released ? ", " : "",
		p->released ? p->released : "");
	fprintf(f, "  architecture  %s\n", p->arch ? p->arch->name : "none recorded");
	part_pci_ids(buf, sizeof(buf), p);
	fprintf(f, "  PCI IDs       %s\n", buf);
	fprintf(f, "  datacenter    %s: %s\n", p->datacenter < 0 ? "unknown" : p->datacenter ? "yes" : "no",
		p->datacenter_evidence);
}

static void dense_peaks_text(FILE *f, const struct kb_part *p)
{
	char num[32];
	fprintf(f, "  dense peaks   ");
	bool any = false;
	for (int i = 0; i < PREC_COUNT; i++) {
		if (!p->tpp.have[i])
			continue;
		fprintf(f, "%s%s %s", any ? ", " : "", tpp_precision_name(i),
			fmt_num(num, sizeof(num), p->tpp.dense_tops[i]));
		any = true;
	}
	fputs(any ? " TOPS" : "none published", f);
	for (size_t i = 0; i < p->n_figures; i++)
		if (p->figures[i].sparse) {
			fputs(" (sparse figures halved)", f);
			break;
		}
	fputc('\n', f);
}

/* The TPP with the figure it came from, and other precisions that tie it. */
static void tpp_text(FILE *f, const struct kb_part *p)
{
	char num[32], num2[32];
	if (!p->tpp.known) {
		if (p->no_compute)
			fprintf(f, "  TPP           0: no compute engine (%s)\n", p->no_compute);
		else
			fprintf(f, "  TPP           unknown: no published dense figure\n");
		return;
	}
	fprintf(f, "  TPP           %s = %s %s x %d (datasheet", fmt_num(num, sizeof(num), p->tpp.tpp),
		tpp_precision_name(p->tpp.precision),
		fmt_num(num2, sizeof(num2), p->tpp.dense_tops[p->tpp.precision]),
		tpp_precision_bits(p->tpp.precision));
	for (size_t i = 0; i < p->n_figures; i++) {
		const struct kb_figure *fig = &p->figures[i];
		if (fig->precision != p->tpp.precision)
			continue;
		if (fig->sparse)
			fprintf(f, "; %s sparse / 2", fmt_num(num, sizeof(num), fig->tops));
		if (fig->q.derived)
			fprintf(f, "; derived: %s", fig->q.derived);
		sources_suffix(f, &fig->q);
	}
	fputs(")\n", f);
	bool first = true;
	for (int i = 0; i < PREC_COUNT; i++) {
		if (!p->tpp.ties[i] || i == (int)p->tpp.precision)
			continue;
		fprintf(f, "%s%s %s x %d", first ? "                equal: " : ", ", tpp_precision_name(i),
			fmt_num(num, sizeof(num), p->tpp.dense_tops[i]), tpp_precision_bits(i));
		first = false;
	}
	if (!first)
		fputc('\n', f);
	if (p->tpp.precision == PREC_TF32)
		fprintf(f, "                TF32 counted as 32 bits (tppscan's reading; see methodology)\n");
}

/* The applicable die area, each die's share of it, and the PD it gives. */
static void area_pd_text(FILE *f, const struct kb_part *p)
{
	char num[32], num2[32], num3[32];
	fprintf(f, "  die area      ");
	if (p->area.known)
		fprintf(f, "%s mm2 applicable:", fmt_num(num, sizeof(num), p->area.mm2));
	else
		fprintf(f, "unknown:");
	for (size_t i = 0; i < p->n_dies; i++) {
		const struct kb_die *d = &p->dies[i];
		fprintf(f, "%s %d x %s (%s, ", i ? ";" : "", d->count, d->name, d->role);
		qty_text(f, &d->area_mm2, " mm2");
		fprintf(f, ", %s)", !d->logic ? "not logic" : d->nonplanar == 1 ? "non-planar logic"
						       : d->nonplanar == 0 ? "planar: excluded" : "process unknown");
	}
	if (!p->n_dies)
		fputs(" no die recorded", f);
	fputc('\n', f);
	if (p->pd_known)
		fprintf(f, "  PD            %s = %s / %s mm2\n", fmt_num(num, sizeof(num), p->pd),
			fmt_num(num2, sizeof(num2), p->tpp.tpp), fmt_num(num3, sizeof(num3), p->area.mm2));
	else if (p->no_compute)
		fprintf(f, "  PD            not needed: TPP 0 is below every threshold\n");
	else
		fprintf(f, "  PD            unknown (%s)\n", !p->tpp.known ? "TPP unknown" : "die area unknown");
}

/* Memory, interconnect, and units and clock. */
static void memory_io_units_text(FILE *f, const struct kb_part *p)
{
	char num[32];
	fprintf(f, "  memory        %s, ", p->memory_type ? p->memory_type : "type unknown");
	qty_text(f, &p->memory_gb, " GB");
	fputs(", ", f);
	qty_text(f, &p->memory_bw_gbps, " GB/s");
	fputc('\n', f);
	fprintf(f, "  interconnect  chip-to-chip ");
	qty_text(f, &p->c2c_gbps, " GB/s");
	fputs(" + host ", f);
	qty_text(f, &p->host_gbps, " GB/s");
	if (p->io_known)
		fprintf(f, " = %s GB/s bidirectional", fmt_num(num, sizeof(num), p->io_bidir_gbps));
	fputc('\n', f);
	char unit[40];
	snprintf(unit, sizeof(unit), " %s", p->unit_kind ? p->unit_kind : "units");
	fprintf(f, "  units, clock  ");
	qty_text(f, &p->units, unit);
	fputs(" at ", f);
	qty_text(f, &p->clock_mhz, " MHz");
	if (p->max_clock_mhz.known) {
		fputs(", max ", f);
		qty_text(f, &p->max_clock_mhz, " MHz");
	}
	fputc('\n', f);
}

/* The row's sound bounds on figures it cannot give exactly. */
static void bounds_text(FILE *f, const struct kb_part *p)
{
	const struct {
		const char *label;
		const struct kb_qty *q;
	} b[] = { { "TPP >=", &p->bound_tpp_min }, { "TPP <=", &p->bound_tpp_max },
		  { "die area >=", &p->bound_area_min }, { "die area <=", &p->bound_area_max } };
	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		if (!b[i].q->known)
			continue;
		fprintf(f, "  bound         %s ", b[i].label);
		qty_text(f, b[i].q, i >= 2 ? " mm2" : "");
		fputc('\n', f);
		if (b[i].q->derived)
			fprintf(f, "                %s\n", b[i].q->derived);
	}
}

void part_text_block(FILE *f, const struct kb_part *p, int verbose)
{
	char num[32];
	identity_text(f, p);
	dense_peaks_text(f, p);
	tpp_text(f, p);
	area_pd_text(f, p);
	memory_io_units_text(f, p);
	if (p->cap.kind == KB_CAP_RATE_FACTOR)
		fprintf(f, "  cap           rate factor %s: %s\n", fmt_num(num, sizeof(num), p->cap.factor), p->cap.reason);
	else if (p->cap.kind == KB_CAP_THROUGHPUT_LIMIT)
		fprintf(f, "  cap           throughput limit: %s\n", p->cap.reason);
	if (p->package_functions > 1 && p->tpp.known)
		fprintf(f, "  package       %d PCI functions; figures are for the package; per function TPP %s\n",
			p->package_functions, fmt_num(num, sizeof(num), kb_per_function(p, p->tpp.tpp)));
	if (p->stated_tpp.known || p->stated_pd.known) {
		fprintf(f, "  stated        ");
		if (p->stated_tpp.known) {
			fprintf(f, "TPP %s", fmt_num(num, sizeof(num), p->stated_tpp.value));
			sources_suffix(f, &p->stated_tpp);
		}
		if (p->stated_pd.known) {
			fprintf(f, "%sPD %s", p->stated_tpp.known ? "; " : "", fmt_num(num, sizeof(num), p->stated_pd.value));
			sources_suffix(f, &p->stated_pd);
		}
		fputc('\n', f);
	}
	bounds_text(f, p);
	if (p->searched)
		fprintf(f, "  searched      %s\n", p->searched);
	fprintf(f, "  confidence    %s\n", p->confidence);
	if (verbose)
		fprintf(f, "  data          %s\n", p->vendor->file);
}

void part_text_sources(FILE *f, struct kb *kb, const struct kb_part *p)
{
	json_t *keys = json_object();
	collect_sources(kb_part_row(kb, p), keys);
	const char *k;
	json_t *v;
	fprintf(f, "Sources\n");
	json_object_foreach(keys, k, v) {
		const struct kb_source *s = kb_find_source(p->vendor, k);
		if (s)
			fprintf(f, "  %s: %s%s%s; %s\n", k, s->title, s->publisher ? "; " : "",
				s->publisher ? s->publisher : "", s->url);
	}
	json_decref(keys);
}

/* "3.44 <= pd < 5.92", "pd < 3.44", "pd >= 5.92": one end of 0 is open. */
static void range_text(char *buf, size_t n, const char *name, double lo, bool lo_incl, double hi, bool hi_incl)
{
	char a[32], b[32];
	fmt_num(a, sizeof(a), round(lo * 100) / 100);
	fmt_num(b, sizeof(b), round(hi * 100) / 100);
	if (lo <= 0 && !isfinite(hi))
		snprintf(buf, n, "any %s", name);
	else if (lo <= 0)
		snprintf(buf, n, "%s %s %s", name, hi_incl ? "<=" : "<", b);
	else if (!isfinite(hi))
		snprintf(buf, n, "%s %s %s", name, lo_incl ? ">=" : ">", a);
	else
		snprintf(buf, n, "%s %s %s %s %s", a, lo_incl ? "<=" : "<", name, hi_incl ? "<=" : "<", b);
}

/* The controlled ranges in a few words, for a table cell: "3A090.b if 270.27 <
 * area <= 500 mm2, 3A090.a if area <= 270.27 mm2" (by area where known). */
void open_regions_brief(char *buf, size_t n, const struct classification *cl)
{
	*buf = '\0';
	for (size_t i = 0; i < cl->n_regions; i++) {
		const struct open_region *r = &cl->regions[i];
		if (r->status != CLASS_CONTROLLED)
			continue;
		char range[96];
		if (r->has_area)
			range_text(range, sizeof(range), "area", r->area_lo, r->area_lo_incl, r->area_hi, r->area_hi_incl);
		else
			range_text(range, sizeof(range), cl->open_param, r->lo, r->lo_incl, r->hi, r->hi_incl);
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s if %s%s", len ? ", " : "", r->eccn, range, r->has_area ? " mm2" : "");
	}
}

/* What each range of the one input still open would make the verdict. */
static void open_regions_text(FILE *f, const struct classification *cl)
{
	for (size_t i = 0; i < cl->n_regions; i++) {
		const struct open_region *r = &cl->regions[i];
		char range[96], verdict[64], area[128] = "";
		range_text(range, sizeof(range), cl->open_param, r->lo, r->lo_incl, r->hi, r->hi_incl);
		if (r->status == CLASS_CONTROLLED)
			snprintf(verdict, sizeof(verdict), "%s", r->eccn);
		else if (r->status == CLASS_NOT_CONTROLLED)
			snprintf(verdict, sizeof(verdict), "not 3A090%s%s%s", r->excluded_by ? " (" : "",
				 r->excluded_by ? r->excluded_by->id : "", r->excluded_by ? ")" : "");
		else
			snprintf(verdict, sizeof(verdict), "undetermined%s%s%s", r->needs ? " (needs " : "",
				 r->needs ? r->needs : "", r->needs ? ")" : "");
		if (r->has_area) {
			char t[96];
			range_text(t, sizeof(t), "area", r->area_lo, r->area_lo_incl, r->area_hi, r->area_hi_incl);
			snprintf(area, sizeof(area), "applicable die %s mm2", t);
		}
		char head[40] = "";
		if (!i)
			snprintf(head, sizeof(head), "by %s", cl->open_param);
		if (*area)
			fprintf(f, "  %-16s %-24s %-16s %s\n", head, range, verdict, area);
		else
			fprintf(f, "  %-16s %-24s %s\n", head, range, verdict);
	}
}

void classification_summary_text(FILE *f, const struct classification *cl)
{
	char heading[128];
	snprintf(heading, sizeof(heading), "Verdict under %s (%s)", cl->rules->id, cl->rules->citation);
	verdict_block_text(f, cl, heading);
	char bounds[800];
	if (cl->decided_by_bounds && cl->eccn_bound == ECCN_EXACT && bounds_phrase(bounds, sizeof(bounds), cl))
		fprintf(f, "  decided on bounds: %s\n", bounds);
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		if (r->status == PS_MET && (r->para->kind == PARA_EXCEPTION || r->para->kind == PARA_REVIEW))
			fprintf(f, "  %s %s: %s\n", rule_para_kind_name(r->para->kind), r->para->id,
				r->para->destinations ? r->para->destinations : r->para->title);
		if (r->status == PS_UNDETERMINED && (r->para->kind == PARA_CONTROL || r->para->kind == PARA_EXCLUSION ||
						     r->para->kind == PARA_REVIEW)) {
			fprintf(f, "  %s undetermined: needs", r->para->id);
			for (size_t k = 0; k < r->n_missing; k++)
				fprintf(f, "%s %s", k ? "," : "", r->missing[k]);
			fputc('\n', f);
		}
	}
	open_regions_text(f, cl);
	for (size_t i = 0; i < cl->n_assumptions; i++)
		fprintf(f, "  assumed %s = %s (not given; the conservative reading)\n", cl->assumptions[i].param->name,
			cl->assumptions[i].param->type == PARAM_BOOLEAN
				? (cl->assumptions[i].param->default_boolean ? "yes" : "no")
				: "default");
}

void csv_field(FILE *f, const char *s, bool last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\n\r")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\n" : ",", f);
}

void csv_number(FILE *f, bool known, double v, bool last)
{
	char num[32];
	csv_field(f, known && isfinite(v) ? fmt_num(num, sizeof(num), v) : "", last);
}
