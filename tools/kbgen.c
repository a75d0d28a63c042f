/* kbgen: load and validate devices/ *.json with the same loader the tool
 * uses, then write the result as C initializers, so the built-in knowledge
 * base costs no JSON parsing at start-up. The JSON files stay the single
 * source of truth: a part's row is still parsed from them, lazily, when an
 * output needs it.
 *   kbgen SRCDIR > kb_generated.c
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/kb.h"
#include "classify/kb_embedded.h"

/* kbgen reads the files from disk; it has no embedded copy of its own. */
const struct data_file tpp_embedded_files[1];
const size_t tpp_embedded_count = 0;
const struct kb *const tpp_generated_kb = NULL;

static FILE *pre;   /* auxiliary arrays, printed before the main tables */
static unsigned aux;

static void str(FILE *f, const char *s)
{
	if (!s) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')   /* '?' avoids trigraphs */
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void num(FILE *f, double v)
{
	fprintf(f, "%.17g", v);
}

/* An array of strings: emitted into `pre`, referenced by name. */
static void str_array(FILE *f, const char *const *a, size_t n)
{
	if (!n) {
		fputs("NULL", f);
		return;
	}
	unsigned id = aux++;
	fprintf(pre, "static const char *a%u[] = { ", id);
	for (size_t i = 0; i < n; i++) {
		str(pre, a[i]);
		fputs(", ", pre);
	}
	fprintf(pre, "};\n");
	fprintf(f, "a%u", id);
}

static void qty(FILE *f, const struct kb_qty *q)
{
	fprintf(f, "{ %s, ", q->known ? "true" : "false");
	num(f, q->value);
	fputs(", ", f);
	str(f, q->derived);
	fputs(", ", f);
	str(f, q->note);
	fputs(", ", f);
	str_array(f, (const char *const *)q->sources, q->n_sources);
	fprintf(f, ", %zu }", q->n_sources);
}

static void bools(FILE *f, const bool *b, size_t n)
{
	fputs("{ ", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%d, ", b[i]);
	fputs("}", f);
}

static void doubles(FILE *f, const double *d, size_t n)
{
	fputs("{ ", f);
	for (size_t i = 0; i < n; i++) {
		num(f, d[i]);
		fputs(", ", f);
	}
	fputs("}", f);
}

static size_t vendor_index(const struct kb *kb, const struct kb_vendor *v)
{
	return (size_t)(v - kb->vendors);
}

static void vendors(FILE *f, const struct kb *kb)
{
	for (size_t i = 0; i < kb->n_vendors; i++) {
		const struct kb_vendor *v = &kb->vendors[i];
		fprintf(pre, "static struct kb_source s%zu[] = {\n", i);
		for (size_t k = 0; k < v->n_sources; k++) {
			const struct kb_source *s = &v->sources[k];
			const char *fields[] = { s->key, s->title, s->publisher, s->url, s->date, s->kind, s->note };
			fputs("\t{ ", pre);
			for (size_t x = 0; x < 7; x++) {
				str(pre, fields[x]);
				fputs(", ", pre);
			}
			fputs("},\n", pre);
		}
		fputs("};\n", pre);
		fprintf(f, "\t{ .id = ");
		str(f, v->id);
		fputs(", .name = ", f);
		str(f, v->name);
		/* as the embedded copy names it: "devices/nvidia.json" */
		fputs(", .file = ", f);
		str(f, strncmp(v->file, "./", 2) == 0 ? v->file + 2 : v->file);
		fputs(", .pci_ids = { ", f);
		for (size_t k = 0; k < v->n_pci_ids; k++)
			fprintf(f, "0x%04x, ", v->pci_ids[k]);
		fprintf(f, "}, .n_pci_ids = %zu, .revised = %ld, .sources = s%zu, .n_sources = %zu },\n", v->n_pci_ids,
			v->revised, i, v->n_sources);
	}
}

static void archs(FILE *f, const struct kb *kb)
{
	for (size_t i = 0; i < kb->n_archs; i++) {
		const struct kb_arch *a = &kb->archs[i];
		if (a->n_checks) {
			fprintf(pre, "static struct kb_arch_check c%zu[] = { ", i);
			for (size_t k = 0; k < a->n_checks; k++) {
				fputs("{ ", pre);
				str(pre, a->checks[k].part_id);
				fprintf(pre, ", %d }, ", (int)a->checks[k].precision);
			}
			fputs("};\n", pre);
		}
		fputs("\t{ .id = ", f);
		str(f, a->id);
		fputs(", .name = ", f);
		str(f, a->name);
		fputs(", .unit = ", f);
		str(f, a->unit);
		fprintf(f, ", .vendor = &gen_vendors[%zu], .has_rate = ", vendor_index(kb, a->vendor));
		bools(f, a->has_rate, PREC_COUNT);
		fputs(", .rate = { ", f);
		for (int p = 0; p < PREC_COUNT; p++) {
			qty(f, &a->rate[p]);
			fputs(", ", f);
		}
		fputs("}, .cores_per_unit = ", f);
		qty(f, &a->cores_per_unit);
		fputs(", .probe_names = ", f);
		str_array(f, a->probe_names, a->n_probe_names);
		fprintf(f, ", .n_probe_names = %zu", a->n_probe_names);
		if (a->n_checks)
			fprintf(f, ", .checks = c%zu, .n_checks = %zu },\n", i, a->n_checks);
		else
			fputs(", .checks = NULL, .n_checks = 0 },\n", f);
	}
}

static void pci_keys_array(const struct kb_part *p, size_t i)
{
	if (!p->n_pci)
		return;
	fprintf(pre, "static struct kb_pci_key k%zu[] = { ", i);
	for (size_t k = 0; k < p->n_pci; k++)
		fprintf(pre, "{ 0x%04x, 0x%04x, %d, 0x%04x, 0x%04x }, ", p->pci[k].vendor, p->pci[k].device,
			p->pci[k].has_subsys, p->pci[k].subsys_vendor, p->pci[k].subsys_device);
	fputs("};\n", pre);
}

/* Built in memory first: qty() emits its source arrays into `pre`, and
 * those must come before the array that refers to them. */
static void dies_array(const struct kb_part *p, size_t i)
{
	if (!p->n_dies)
		return;
	FILE *d;
	char *buf = NULL;
	size_t len = 0;
	d = open_memstream(&buf, &len);
	for (size_t k = 0; k < p->n_dies; k++) {
		const struct kb_die *die = &p->dies[k];
		fputs("{ ", d);
		str(d, die->name);
		fputs(", ", d);
		str(d, die->role);
		fputs(", ", d);
		str(d, die->process);
		fprintf(d, ", %d, %d, %d, ", die->count, die->logic, die->nonplanar);
		qty(d, &die->area_mm2);
		fprintf(d, ", %d }, ", die->count_unverified);
	}
	fclose(d);
	fprintf(pre, "static struct kb_die d%zu[] = { %s};\n", i, buf);
	free(buf);
}

/* In memory first for the same reason as dies_array. */
static void figures_array(const struct kb_part *p, size_t i)
{
	if (!p->n_figures)
		return;
	FILE *d;
	char *buf = NULL;
	size_t len = 0;
	d = open_memstream(&buf, &len);
	for (size_t k = 0; k < p->n_figures; k++) {
		const struct kb_figure *g = &p->figures[k];
		fprintf(d, "{ %d, ", (int)g->precision);
		num(d, g->tops);
		fprintf(d, ", %d, ", g->sparse);
		str(d, g->unit);
		fputs(", ", d);
		qty(d, &g->q);
		fputs(" }, ", d);
	}
	fclose(d);
	fprintf(pre, "static struct kb_figure g%zu[] = { %s};\n", i, buf);
	free(buf);
}

/* The strings, aliases and the references to the vendor, architecture and
 * the arrays above. */
static void part_names_and_refs(FILE *f, const struct kb *kb, const struct kb_part *p, size_t i)
{
	const struct {
		const char *name, *value;
	} ss[] = {
		{ "id", p->id }, { "name", p->name }, { "arch_id", p->arch_id }, { "chip", p->chip },
		{ "form_factor", p->form_factor }, { "released", p->released }, { "confidence", p->confidence },
		{ "datacenter_evidence", p->datacenter_evidence }, { "memory_type", p->memory_type },
		{ "unit_kind", p->unit_kind }, { "package_note", p->package_note }, { "no_compute", p->no_compute },
		{ "searched", p->searched },
	};
	for (size_t k = 0; k < sizeof(ss) / sizeof(ss[0]); k++) {
		fprintf(f, ".%s = ", ss[k].name);
		str(f, ss[k].value);
		fputs(", ", f);
	}
	fputs(".aliases = ", f);
	str_array(f, p->aliases, p->n_aliases);
	fprintf(f, ", .n_aliases = %zu, .vendor = &gen_vendors[%zu], ", p->n_aliases, vendor_index(kb, p->vendor));
	if (p->arch)
		fprintf(f, ".arch = &gen_archs[%zu], ", (size_t)(p->arch - kb->archs));
	if (p->n_pci)
		fprintf(f, ".pci = k%zu, ", i);
	fprintf(f, ".n_pci = %zu, .datacenter = %d, ", p->n_pci, p->datacenter);
	if (p->n_dies)
		fprintf(f, ".dies = d%zu, ", i);
	fprintf(f, ".n_dies = %zu, ", p->n_dies);
	if (p->n_figures)
		fprintf(f, ".figures = g%zu, ", i);
	fprintf(f, ".n_figures = %zu,\n\t  ", p->n_figures);
}

static void part_quantities(FILE *f, const struct kb_part *p)
{
	const struct {
		const char *name;
		const struct kb_qty *q;
	} qs[] = {
		{ "transistors", &p->transistors }, { "memory_gb", &p->memory_gb }, { "memory_bw_gbps", &p->memory_bw_gbps },
		{ "hbm_stacks", &p->hbm_stacks }, { "c2c_gbps", &p->c2c_gbps }, { "host_gbps", &p->host_gbps },
		{ "units", &p->units }, { "clock_mhz", &p->clock_mhz }, { "max_clock_mhz", &p->max_clock_mhz },
		{ "tpp_declared", &p->tpp_declared }, { "stated_tpp", &p->stated_tpp }, { "stated_pd", &p->stated_pd },
		{ "bound_tpp_min", &p->bound_tpp_min }, { "bound_tpp_max", &p->bound_tpp_max },
		{ "bound_area_min", &p->bound_area_min }, { "bound_area_max", &p->bound_area_max },
	};
	for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
		fprintf(f, ".%s = ", qs[k].name);
		qty(f, qs[k].q);
		fputs(", ", f);
	}
}

static void part(FILE *f, const struct kb *kb, size_t i)
{
	const struct kb_part *p = &kb->parts[i];
	pci_keys_array(p, i);
	dies_array(p, i);
	figures_array(p, i);
	fputs("\t{ ", f);
	part_names_and_refs(f, kb, p, i);
	part_quantities(f, p);
	fprintf(f, "\n\t  .cap = { %d, ", (int)p->cap.kind);
	num(f, p->cap.factor);
	fputs(", ", f);
	bools(f, p->cap.has_limit, PREC_COUNT);
	fputs(", ", f);
	doubles(f, p->cap.limit_tops, PREC_COUNT);
	fputs(", ", f);
	str(f, p->cap.reason);
	fprintf(f, " }, .package_functions = %d, .notes = ", p->package_functions);
	str_array(f, p->notes, p->n_notes);
	fprintf(f, ", .n_notes = %zu, .json = NULL,\n\t  .tpp = { %d, ", p->n_notes, p->tpp.known);
	num(f, p->tpp.tpp);
	fprintf(f, ", %d, ", (int)p->tpp.precision);
	bools(f, p->tpp.have, PREC_COUNT);
	fputs(", ", f);
	doubles(f, p->tpp.dense_tops, PREC_COUNT);
	fputs(", ", f);
	doubles(f, p->tpp.per_precision, PREC_COUNT);
	fputs(", { ", f);
	for (int k = 0; k < PREC_COUNT; k++)
		fprintf(f, "%d, ", p->tpp.unit_types[k]);
	fputs("}, ", f);
	bools(f, p->tpp.ties, PREC_COUNT);
	fprintf(f, " },\n\t  .area = { %d, ", p->area.known);
	num(f, p->area.mm2);
	fprintf(f, ", %d, %d }, .pd_known = %d, .pd = ", p->area.applicable_dies, p->area.excluded_dies, p->pd_known);
	num(f, p->pd);
	fprintf(f, ", .io_known = %d, .io_bidir_gbps = ", p->io_known);
	num(f, p->io_bidir_gbps);
	fputs(" },\n", f);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: kbgen SRCDIR\n");
		return 64;
	}
	struct data_set ds;
	struct kb kb;
	struct tpp_error err = { 0 };
	if (data_set_load(&ds, argv[1], &err) || kb_load(&kb, &ds, &err)) {
		fprintf(stderr, "kbgen: %s\n", err.msg);
		return err.status ? err.status : 1;
	}
	char *pre_buf = NULL, *main_buf = NULL;
	size_t pre_len = 0, main_len = 0;
	pre = open_memstream(&pre_buf, &pre_len);
	FILE *m = open_memstream(&main_buf, &main_len);
	if (!pre || !m) {
		fprintf(stderr, "kbgen: out of memory\n");
		return 71;
	}
	fprintf(m, "static struct kb_vendor gen_vendors[%zu] = {\n", kb.n_vendors ? kb.n_vendors : 1);
	vendors(m, &kb);
	fprintf(m, "};\nstatic struct kb_arch gen_archs[%zu] = {\n", kb.n_archs ? kb.n_archs : 1);
	archs(m, &kb);
	fprintf(m, "};\nstatic struct kb_part gen_parts[%zu] = {\n", kb.n_parts ? kb.n_parts : 1);
	for (size_t i = 0; i < kb.n_parts; i++)
		part(m, &kb, i);
	fprintf(m, "};\n\nstatic const struct kb generated = {\n\t.vendors = gen_vendors, .n_vendors = %zu,\n"
		   "\t.archs = gen_archs, .n_archs = %zu,\n\t.parts = gen_parts, .n_parts = %zu,\n"
		   "\t.revised = %ld, .is_static = true,\n};\nconst struct kb *const tpp_generated_kb = &generated;\n",
		kb.n_vendors, kb.n_archs, kb.n_parts, kb.revised);
	fclose(pre);
	fclose(m);
	printf("/* Generated by tools/kbgen.c from devices/ *.json; do not edit. */\n"
	       "#include \"classify/kb.h\"\n#include \"classify/kb_embedded.h\"\n\n"
	       "static struct kb_vendor gen_vendors[%zu];\nstatic struct kb_arch gen_archs[%zu];\n\n",
	       kb.n_vendors ? kb.n_vendors : 1, kb.n_archs ? kb.n_archs : 1);
	fwrite(pre_buf, 1, pre_len, stdout);
	fputc('\n', stdout);
	fwrite(main_buf, 1, main_len, stdout);
	free(pre_buf);
	free(main_buf);
	kb_free(&kb);
	data_set_free(&ds);
	return ferror(stdout) ? 74 : 0;
}
