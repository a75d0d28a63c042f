/* tppscan scan (and plain tppscan): find the accelerators on this host or
 * in a saved dump, identify them, classify them, flag what does not add up.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/identify.h"
#include "classify/part_inputs.h"
#include "cli/cli.h"
#include "cli/render.h"
#include "cli/render_part.h"
#include "cli/scan_extra.h"
#include "probe/probe.h"

static const char usage[] =
	"Usage: tppscan [scan] [options]\n"
	"Find the GPUs and AI accelerators on this host (or in a saved dump), identify\n"
	"them by PCI ID, compute TPP and PD, and classify them under ECCN 3A090.\n"
	"Read-only: nothing is written to sysfs or devices unless --read-rom asks.\n"
	"\n"
	"Sources:\n"
	"  --dump FILE          read an lspci -x/-xxx/-xxxx dump instead of this host\n"
	"  --sysfs DIR          read sysfs from DIR instead of /sys (a saved or fixture tree)\n"
	"  --procfs DIR         read procfs from DIR instead of /proc\n"
	"  --nvml-lib PATH      load NVML from PATH (default libnvidia-ml.so.1, or $TPPSCAN_NVML_LIBRARY)\n"
	"  --no-nvml            do not load NVML\n"
	"  --no-drm             do not open DRM render nodes\n"
	"  --rom-dir DIR        option ROM images named by slot (DIR/0000:01:00.0.rom) to cross-check\n"
	"  --read-rom           as root, read each device's ROM through sysfs (warns first)\n"
	"\n"
	"Options:\n"
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json|csv  output format (default text)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11 if 3A090.a/.b parts are present, 13 if undetermined\n"
	"  -v, --verbose        everything read, with its source, and the full evaluation\n"
	"  -h, --help           show this help\n";

enum { OPT_DUMP = 256, OPT_SYSFS, OPT_PROCFS, OPT_NVML_LIB, OPT_NO_NVML, OPT_NO_DRM, OPT_ROM_DIR, OPT_READ_ROM };

/* One identified item with both verdicts. */
struct scan_row {
	struct scan_item *it;
	struct classification cl;       /* from the datasheet, or from the probed estimate */
	bool have_cl;
	const char *tpp_source;         /* "datasheet", "probed", or NULL */
	struct classification probed_cl;
	bool have_probed_cl;
};

static bool known_cb(void *arg, uint16_t vendor, uint16_t device)
{
	return kb_is_known_pci(arg, vendor, device);
}

/* Every threshold the probed TPP crosses that the datasheet TPP does not:
 * a paragraph (control, exclusion, exception, review) whose result differs.
 * Both classifications use the same rule set, so results line up. */
static void note_crossings(struct scan_row *r, const struct kb_part *p)
{
	struct scan_item *it = r->it;
	char list[300] = "";
	for (size_t i = 0; i < r->cl.n_results && i < r->probed_cl.n_results; i++) {
		const struct para_result *a = &r->cl.results[i], *b = &r->probed_cl.results[i];
		if (a->status == b->status || a->para->kind == PARA_SYSTEM || a->para->kind == PARA_PRESUMPTION)
			continue;
		char one[120];
		snprintf(one, sizeof(one), "%s%s %s (datasheet: %s)", *list ? "; " : "", a->para->id,
			 para_status_name(b->status), para_status_name(a->status));
		strncat(list, one, sizeof(list) - strlen(list) - 1);
	}
	if (!*list)
		return;
	scan_warn(it, "probed-crosses-threshold",
		  "probed TPP %.1f (%g %s x %g MHz x %g %s ops/clk) against the datasheet's %.1f: %s -> %s; %s",
		  it->probed.tpp, it->probed.units, p->unit_kind ? p->unit_kind : "units", it->probed.clock_mhz,
		  it->probed.rate, tpp_precision_name(it->probed.precision), p->tpp.tpp, eccn_label(&r->cl),
		  eccn_label(&r->probed_cl), list);
}

/* The part's datasheet inputs, or for a part not in the knowledge base
 * just the year; the caller adds TPP (and PD) as it has them. */
static void row_inputs(const struct kb_part *p, int year, struct class_input *in)
{
	if (p) {
		part_class_input(p, year, in);
		return;
	}
	*in = (struct class_input){ .item_ic = true };
	class_input_number(in, "ship_year", year, "as-of date");
}

/* The classification of the probed TPP: its own for a known part, the
 * main one for an unknown part (classified from the probe alone). */
static const struct classification *probed_classification(const struct scan_row *r)
{
	if (r->have_probed_cl)
		return &r->probed_cl;
	return r->tpp_source && !strcmp(r->tpp_source, "probed") ? &r->cl : NULL;
}

static int classify_row(struct cli *c, struct scan_row *r, struct tpp_error *err)
{
	struct scan_item *it = r->it;
	const struct kb_part *p = it->part;
	int year = tpp_date_year(c->as_of);
	bool sheet = p && (p->tpp.known || p->no_compute);
	struct class_input in;
	row_inputs(p, year, &in);
	if (sheet) {
		r->tpp_source = "datasheet";
		if (classify_evaluate(c->rs, &in, &r->cl, err))
			return -1;
		r->have_cl = true;
	}
	if (it->probed.known) {
		class_input_number(&in, "tpp", it->probed.tpp, "probed");
		/* PD needs a die area: unknown for a part not in the knowledge base */
		if (p && p->area.known && p->area.mm2 > 0)
			class_input_number(&in, "pd", it->probed.tpp / p->area.mm2, "probed");
		if (!sheet)
			r->tpp_source = "probed";   /* an unknown part: the estimate is all there is */
		struct classification *dst = sheet ? &r->probed_cl : &r->cl;
		if (classify_evaluate(c->rs, &in, dst, err))
			return -1;
		if (sheet) {
			r->have_probed_cl = true;
			note_crossings(r, p);
		} else {
			r->have_cl = true;
		}
	}
	/* Nothing known: evaluated with no TPP, the verdict says what is missing. */
	if (!r->have_cl) {
		if (classify_evaluate(c->rs, &in, &r->cl, err))
			return -1;
		r->have_cl = true;
	}
	return 0;
}

static const char *item_name(const struct scan_item *it)
{
	if (it->part)
		return it->part->name;
	const struct probe_device *d = it->dev[0];
	if (d->product_name.value)
		return d->product_name.value;
	if (d->device_name.value)
		return d->device_name.value;
	return "unknown device";
}

/* Short flag letters for the table; the notes spell them out. */
static void flags_of(const struct scan_item *it, char *buf, size_t n)
{
	static const struct {
		const char *code, *flag;
	} map[] = {
		{ "clock-above-datasheet", "CLOCK" }, { "units-above-datasheet", "UNITS" },
		{ "probed-crosses-threshold", "CROSS" }, { "name-mismatch", "NAME" },
		{ "rom-mismatch", "ROM" }, { "rom-version-mismatch", "ROMVER" }, { "unknown-device", "UNKNOWN" },
		{ "ambiguous-match", "AMBIG" }, { "incomplete-package", "PKG" },
	};
	buf[0] = '\0';
	for (size_t i = 0; i < it->n_warn; i++)
		for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++)
			if (!strcmp(it->warn[i].code, map[k].code) && !strstr(buf, map[k].flag)) {
				if (*buf)
					strncat(buf, ",", n - strlen(buf) - 1);
				strncat(buf, map[k].flag, n - strlen(buf) - 1);
			}
}

static void slot_list(const struct scan_item *it, char *buf, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < it->n_dev; i++) {
		strncat(buf, i ? "+" : "", n - strlen(buf) - 1);
		strncat(buf, i ? it->dev[i]->slot + 5 : it->dev[i]->slot, n - strlen(buf) - 1);
	}
}

/* The probe fields shown by -v and written to JSON, in one place. */
static const struct {
	const char *key, *label;
	size_t off;
} str_fields[] = {
	{ "pci_vendor_name", "pci.ids vendor", offsetof(struct probe_device, vendor_name) },
	{ "pci_device_name", "pci.ids name", offsetof(struct probe_device, device_name) },
	{ "driver", "driver", offsetof(struct probe_device, driver) },
	{ "product_name", "product name", offsetof(struct probe_device, product_name) },
	{ "serial", "serial", offsetof(struct probe_device, serial) },
	{ "uuid", "uuid", offsetof(struct probe_device, uuid) },
	{ "vbios_version", "vbios", offsetof(struct probe_device, vbios_version) },
	{ "board_part_number", "board part number", offsetof(struct probe_device, board_part_number) },
	{ "architecture", "architecture", offsetof(struct probe_device, architecture) },
	{ "firmware", "firmware", offsetof(struct probe_device, firmware) },
	{ "unit_kind", "unit kind", offsetof(struct probe_device, unit_kind) },
	{ "rom_version", "option ROM version", offsetof(struct probe_device, rom_version) },
	{ "rom_ids", "option ROM IDs", offsetof(struct probe_device, rom_ids) },
}, num_fields[] = {
	{ "units", "units", offsetof(struct probe_device, units) },
	{ "cores", "cores", offsetof(struct probe_device, cores) },
	{ "max_clock_mhz", "max clock MHz", offsetof(struct probe_device, max_clock_mhz) },
	{ "boost_clock_mhz", "boost clock MHz", offsetof(struct probe_device, boost_clock_mhz) },
	{ "memory_bytes", "memory bytes", offsetof(struct probe_device, memory_bytes) },
	{ "numa_node", "NUMA node", offsetof(struct probe_device, numa_node) },
	{ "link_speed_gts", "link GT/s", offsetof(struct probe_device, link_speed_gts) },
	{ "link_width", "link width", offsetof(struct probe_device, link_width) },
	{ "max_link_speed_gts", "max link GT/s", offsetof(struct probe_device, max_link_speed_gts) },
	{ "max_link_width", "max link width", offsetof(struct probe_device, max_link_width) },
	{ "mig_enabled", "MIG enabled", offsetof(struct probe_device, mig_enabled) },
};

static const struct probe_str *str_field(const struct probe_device *d, size_t i)
{
	return (const struct probe_str *)((const char *)d + str_fields[i].off);
}

static const struct probe_num *num_field(const struct probe_device *d, size_t i)
{
	return (const struct probe_num *)((const char *)d + num_fields[i].off);
}

static json_t *json_hex(unsigned v, int digits)
{
	char hex[12];
	snprintf(hex, sizeof(hex), "%0*x", digits, v);
	return json_string(hex);
}

/* --- text --------------------------------------------------------------------- */

struct note_group {
	char *text;
	char slots[512];
	size_t count;
};

static void add_note(struct note_group *g, size_t *n, size_t max, const char *slot, const char *text)
{
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp(g[i].text, text)) {
			if (g[i].count < 4) {
				strncat(g[i].slots, ", ", sizeof(g[i].slots) - strlen(g[i].slots) - 1);
				strncat(g[i].slots, slot, sizeof(g[i].slots) - strlen(g[i].slots) - 1);
			}
			g[i].count++;
			return;
		}
	}
	if (*n >= max)
		return;
	g[*n].text = strdup(text);
	if (!g[*n].text)
		return;
	snprintf(g[*n].slots, sizeof(g[*n].slots), "%s", slot);
	g[*n].count = 1;
	(*n)++;
}

static void row_notes(const struct scan_row *r, struct note_group *g, size_t *n, size_t max)
{
	const struct scan_item *it = r->it;
	char slot[64], text[600];
	slot_list(it, slot, sizeof(slot));
	for (size_t i = 0; i < it->n_warn; i++) {
		if (!strcmp(it->warn[i].code, "package-grouped"))
			continue;
		add_note(g, n, max, slot, it->warn[i].text);
	}
	if (r->cl.status == CLASS_NOT_CONTROLLED && !r->cl.excluded_by) {
		const struct margin *m = closest_miss(&r->cl);
		if (m) {
			char phrase[256];
			margin_phrase(phrase, sizeof(phrase), m);
			snprintf(text, sizeof(text), "not 3A090; closest: %s", phrase);
			add_note(g, n, max, slot, text);
		}
	}
	if (r->cl.excluded_by) {
		snprintf(text, sizeof(text), "%s takes it out of 3A090 (not for datacenters, TPP below 4800)",
			 r->cl.excluded_by->id);
		add_note(g, n, max, slot, text);
	}
	if (r->cl.status == CLASS_UNDETERMINED) {
		char v[200];
		verdict_phrase(v, sizeof(v), &r->cl);
		snprintf(text, sizeof(text), "%s", v);
		if (!it->part && it->probed.why_unknown) {
			size_t l = strlen(text);
			snprintf(text + l, sizeof(text) - l, ": not in the knowledge base and %s", it->probed.why_unknown);
		}
		add_note(g, n, max, slot, text);
	}
	for (size_t i = 0; i < r->cl.n_results; i++) {
		const struct para_result *pr = &r->cl.results[i];
		if (pr->status == PS_MET && pr->para->kind == PARA_EXCEPTION) {
			snprintf(text, sizeof(text), "licence exception %s available: %s", pr->para->id, pr->para->title);
			add_note(g, n, max, slot, text);
		}
	}
	for (size_t i = 0; i < r->cl.n_assumptions; i++) {
		snprintf(text, sizeof(text), "%s unknown for this part: assumed %s (the conservative reading)",
			 r->cl.assumptions[i].param->name, r->cl.assumptions[i].param->default_boolean ? "yes" : "no");
		add_note(g, n, max, slot, text);
	}
	for (size_t k = 0; k < it->n_dev; k++)
		for (size_t i = 0; i < it->dev[k]->n_notes; i++) {
			snprintf(text, sizeof(text), "%s: %s", it->dev[k]->notes[i].what, it->dev[k]->notes[i].reason);
			add_note(g, n, max, it->dev[k]->slot, text);
		}
}

static void verbose_item(FILE *f, const struct scan_row *r)
{
	const struct scan_item *it = r->it;
	char num[32];
	for (size_t k = 0; k < it->n_dev; k++) {
		const struct probe_device *d = it->dev[k];
		fprintf(f, "  %s  %04x:%04x", d->slot, d->vendor_id, d->device_id);
		if (d->has_subsys)
			fprintf(f, " subsystem %04x:%04x", d->subsys_vendor_id, d->subsys_id);
		if (d->has_revision)
			fprintf(f, " rev %02x", d->revision);
		fprintf(f, " class %06x\n", d->class_code);
		for (size_t i = 0; i < sizeof(str_fields) / sizeof(str_fields[0]); i++) {
			const struct probe_str *v = str_field(d, i);
			if (v->value)
				fprintf(f, "      %-18s %s  [%s]\n", str_fields[i].label, v->value, v->source ? v->source : "?");
		}
		for (size_t i = 0; i < sizeof(num_fields) / sizeof(num_fields[0]); i++) {
			const struct probe_num *v = num_field(d, i);
			if (v->valid)
				fprintf(f, "      %-18s %s  [%s]\n", num_fields[i].label, fmt_num(num, sizeof(num), v->value),
					v->source ? v->source : "?");
		}
	}
	const struct probed_tpp *pt = &it->probed;
	if (pt->known)
		fprintf(f, "      probed TPP         %.1f = %g units x %g MHz (%s) x %g %s ops/clk (%s, %s) / 1e6 x %d bits%s\n",
			pt->tpp, pt->units, pt->clock_mhz, pt->clock_kind, pt->rate, tpp_precision_name(pt->precision),
			pt->arch->id, pt->arch_basis, tpp_precision_bits(pt->precision),
			pt->capped ? ", capped per the knowledge base" : "");
	else
		fprintf(f, "      probed TPP         not computed: %s\n", pt->why_unknown ? pt->why_unknown : "?");
}

static void text_output(struct cli *c, struct scan_row *rows, size_t n, const struct probe_list *list,
			const struct probe_ctx *ctx)
{
	FILE *f = c->out;
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(f, "tppscan: %zu accelerator%s (%s), rule set %s (%s) in force on %s\n\n", n, n == 1 ? "" : "s",
		ctx->dump_file ? ctx->dump_file : ctx->sysfs_root ? ctx->sysfs_root : "this host",
		c->rs->id, c->rs->citation, as_of);
	if (n == 0) {
		fprintf(f, "No GPU or AI accelerator found. To see what tppscan reports, try a shipped example:\n"
			   "  tppscan scan --dump examples/hgx-h20.lspci\n");
	} else {
		fprintf(f, "%-14s %-28s %9s %-6s %7s %-13s %s\n", "SLOT", "PART", "TPP", "SOURCE", "PD", "ECCN", "FLAGS");
	}
	for (size_t i = 0; i < n; i++) {
		struct scan_row *r = &rows[i];
		char tpp[24] = "?", pd[16] = "?", flags[80], paras[64] = "";
		double t = 0;
		bool have_tpp = false, have_pd = false;
		double pdv = 0;
		if (r->tpp_source && !strcmp(r->tpp_source, "datasheet")) {
			t = r->it->part->tpp.known ? r->it->part->tpp.tpp : 0;   /* 0: no compute engine */
			have_tpp = true;
			have_pd = r->it->part->pd_known;
			pdv = r->it->part->pd;
		} else if (r->it->probed.known) {
			t = r->it->probed.tpp;
			have_tpp = true;
		}
		if (have_tpp)
			snprintf(tpp, sizeof(tpp), "%.1f", t);
		if (have_pd)
			snprintf(pd, sizeof(pd), "%.2f", pdv);
		flags_of(r->it, flags, sizeof(flags));
		const char *label = eccn_label(&r->cl);
		if (r->cl.status == CLASS_CONTROLLED) {
			for (size_t k = 0; k < r->cl.n_results; k++)
				if (r->cl.results[k].para->kind == PARA_CONTROL && r->cl.results[k].status == PS_MET) {
					snprintf(paras, sizeof(paras), "%s", r->cl.results[k].para->id);
					break;
				}
			label = paras;
		}
		char name[29];
		snprintf(name, sizeof(name), "%s", item_name(r->it));
		fprintf(f, "%-14s %-28s %9s %-6s %7s %-13s %s\n", r->it->dev[0]->slot, name, tpp,
			r->tpp_source ? (strcmp(r->tpp_source, "datasheet") ? "probed" : "sheet") : "-", pd, label, flags);
		for (size_t k = 1; k < r->it->n_dev; k++)
			fprintf(f, "%-14s   (same package)\n", r->it->dev[k]->slot);
	}
	/* Notes: identical texts across devices are listed once. */
	enum { MAX_NOTES = 256 };
	struct note_group *g = calloc(MAX_NOTES, sizeof(*g));
	size_t ng = 0;
	for (size_t i = 0; g && i < n; i++)
		row_notes(&rows[i], g, &ng, MAX_NOTES);
	for (size_t i = 0; g && i < list->n_notes; i++) {
		char text[600];
		snprintf(text, sizeof(text), "%s: %s", list->notes[i].what, list->notes[i].reason);
		add_note(g, &ng, MAX_NOTES, "host", text);
	}
	if (ng)
		fprintf(f, "\nNotes\n");
	for (size_t i = 0; i < ng; i++) {
		if (g[i].count > 4)
			fprintf(f, "  %s and %zu more: %s\n", g[i].slots, g[i].count - 4, g[i].text);
		else
			fprintf(f, "  %s: %s\n", g[i].slots, g[i].text);
		free(g[i].text);
	}
	free(g);
	if (n) {
		size_t a = 0, b = 0, other = 0, und = 0;
		for (size_t i = 0; i < n; i++) {
			int code = cli_verdict_code(&rows[i].cl);
			a += code == VERDICT_3A090_A;
			b += code == VERDICT_3A090_B;
			und += code == VERDICT_UNDETERMINED;
			other += code == VERDICT_NONE || code == VERDICT_3A090_C;
		}
		fprintf(f, "\nSummary: 3A090.a %zu, 3A090.b %zu, not 3A090 %zu, undetermined %zu. Flags: CLOCK/UNITS probed above\n"
			   "the datasheet, CROSS probed TPP crosses a threshold, NAME/ROM firmware or driver names another part,\n"
			   "UNKNOWN not in the knowledge base, AMBIG shared device ID, PKG incomplete package. SOURCE: sheet =\n"
			   "knowledge-base datasheet figures, probed = units x clock x rate.\n",
			a, b, other, und);
	}
	if (c->verbose && n) {
		fprintf(f, "\nEverything read\n");
		for (size_t i = 0; i < n; i++) {
			verbose_item(f, &rows[i]);
			fputc('\n', f);
			render_classification_text(f, &rows[i].cl, c->verbose);
			fputc('\n', f);
		}
	}
}

/* --- JSON ---------------------------------------------------------------------- */

static json_t *probe_str_json(const struct probe_str *s)
{
	return s->value ? json_pack("{s:s, s:o}", "value", s->value, "source", json_str(s->source)) : json_null();
}

static json_t *probe_num_json(const struct probe_num *v)
{
	return v->valid ? json_pack("{s:o, s:o}", "value", json_num(v->value), "source", json_str(v->source))
			: json_null();
}

static json_t *function_json(const struct probe_device *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "slot", json_string(d->slot));
	json_object_set_new(o, "vendor_id", json_hex(d->vendor_id, 4));
	json_object_set_new(o, "device_id", json_hex(d->device_id, 4));
	json_object_set_new(o, "class", json_hex(d->class_code, 6));
	json_object_set_new(o, "revision", d->has_revision ? json_hex(d->revision, 2) : json_null());
	for (size_t i = 0; i < sizeof(str_fields) / sizeof(str_fields[0]); i++)
		json_object_set_new(o, str_fields[i].key, probe_str_json(str_field(d, i)));
	for (size_t i = 0; i < sizeof(num_fields) / sizeof(num_fields[0]); i++)
		json_object_set_new(o, num_fields[i].key, probe_num_json(num_field(d, i)));
	json_t *notes = json_array();
	for (size_t i = 0; i < d->n_notes; i++)
		json_array_append_new(notes, json_pack("{s:s, s:s}", "what", d->notes[i].what, "reason", d->notes[i].reason));
	json_object_set_new(o, "notes", notes);
	return o;
}

static json_t *probed_json(const struct scan_row *r)
{
	const struct probed_tpp *pt = &r->it->probed;
	json_t *o = json_object();
	json_object_set_new(o, "known", json_boolean(pt->known));
	json_object_set_new(o, "tpp", pt->known ? json_num(pt->tpp) : json_null());
	json_object_set_new(o, "tpp_precision", pt->known ? json_string(tpp_precision_name(pt->precision)) : json_null());
	json_object_set_new(o, "dense_tops", pt->known ? json_num(pt->tops) : json_null());
	json_object_set_new(o, "units", pt->units > 0 ? json_num(pt->units) : json_null());
	json_object_set_new(o, "units_source", json_str(pt->units_source));
	json_object_set_new(o, "clock_mhz", pt->clock_mhz > 0 ? json_num(pt->clock_mhz) : json_null());
	json_object_set_new(o, "clock_kind", json_str(pt->clock_kind));
	json_object_set_new(o, "clock_source", json_str(pt->clock_source));
	json_object_set_new(o, "architecture", pt->arch ? json_string(pt->arch->id) : json_null());
	json_object_set_new(o, "architecture_basis", json_str(pt->arch_basis));
	json_object_set_new(o, "rate_ops_per_clock", pt->known ? json_num(pt->rate) : json_null());
	json_object_set_new(o, "capped", json_boolean(pt->capped));
	json_object_set_new(o, "why_unknown", json_str(pt->known ? NULL : pt->why_unknown));
	const struct classification *pcl = probed_classification(r);
	json_object_set_new(o, "eccn", pcl ? json_str(pcl->eccn) : json_null());
	json_object_set_new(o, "status", pcl ? json_string(class_status_name(pcl->status)) : json_null());
	return o;
}

/* A fleet host has many identical parts, and a datasheet classification
 * depends only on the part (and the rule set): build its JSON once and
 * share it (jansson counts references). */
struct cl_cache {
	const struct kb_part *part[64];
	json_t *json[64];
	size_t n;
};

static json_t *classification_json_cached(struct cl_cache *cache, const struct scan_row *r)
{
	bool cacheable = r->it->part && r->tpp_source && !strcmp(r->tpp_source, "datasheet");
	for (size_t i = 0; cacheable && i < cache->n; i++)
		if (cache->part[i] == r->it->part)
			return json_incref(cache->json[i]);
	json_t *j = render_classification_json(&r->cl);
	if (cacheable && cache->n < 64) {
		cache->part[cache->n] = r->it->part;
		cache->json[cache->n++] = json_incref(j);
	}
	return j;
}

static void cl_cache_free(struct cl_cache *cache)
{
	for (size_t i = 0; i < cache->n; i++)
		json_decref(cache->json[i]);
	cache->n = 0;
}

static json_t *row_json(const struct scan_row *r, struct cl_cache *cache)
{
	const struct scan_item *it = r->it;
	const struct probe_device *d = it->dev[0];
	json_t *o = json_object();
	json_object_set_new(o, "slot", json_string(d->slot));
	json_object_set_new(o, "vendor_id", json_hex(d->vendor_id, 4));
	json_object_set_new(o, "device_id", json_hex(d->device_id, 4));
	json_object_set_new(o, "subsystem_vendor_id", d->has_subsys ? json_hex(d->subsys_vendor_id, 4) : json_null());
	json_object_set_new(o, "subsystem_id", d->has_subsys ? json_hex(d->subsys_id, 4) : json_null());
	json_object_set_new(o, "name", json_string(item_name(it)));
	json_object_set_new(o, "part", it->part ? json_string(it->part->id) : json_null());
	json_object_set_new(o, "match", json_string(kb_match_name(it->match)));
	json_t *cand = json_array();
	for (size_t i = 0; i < it->n_candidates; i++)
		json_array_append_new(cand, json_string(it->candidates[i]->id));
	json_object_set_new(o, "candidates", cand);
	json_t *m;
	if (it->part) {
		m = part_metrics_json(it->part);
	} else {
		m = json_object();
		json_object_set_new(m, "tpp", it->probed.known ? json_num(it->probed.tpp) : json_null());
		json_object_set_new(m, "tpp_source", it->probed.known ? json_string("probed") : json_null());
		json_object_set_new(m, "tpp_precision",
				    it->probed.known ? json_string(tpp_precision_name(it->probed.precision)) : json_null());
		json_object_set_new(m, "pd", json_null());
		json_object_set_new(m, "pd_source", json_null());
		json_object_set_new(m, "die_area_mm2", json_null());
	}
	json_object_set_new(m, "classified_from", json_str(r->tpp_source));
	json_object_set_new(o, "metrics", m);
	json_object_set_new(o, "probed", probed_json(r));
	json_object_set_new(o, "classification", classification_json_cached(cache, r));
	json_t *funcs = json_array();
	for (size_t i = 0; i < it->n_dev; i++)
		json_array_append_new(funcs, function_json(it->dev[i]));
	json_object_set_new(o, "functions", funcs);
	json_t *w = json_array();
	for (size_t i = 0; i < it->n_warn; i++)
		json_array_append_new(w, json_pack("{s:s, s:s}", "code", it->warn[i].code, "text", it->warn[i].text));
	json_object_set_new(o, "warnings", w);
	return o;
}

/* --- CSV ----------------------------------------------------------------------- */

static void csv_output(struct cli *c, struct scan_row *rows, size_t n)
{
	FILE *f = c->out;
	fputs("slot,vendor_id,device_id,subsystem_vendor_id,subsystem_id,part,name,match,tpp,tpp_source,"
	      "tpp_precision,pd,probed_tpp,rule_set,status,eccn,paragraphs,license_exceptions,flags\n", f);
	for (size_t i = 0; i < n; i++) {
		struct scan_row *r = &rows[i];
		const struct scan_item *it = r->it;
		const struct probe_device *d = it->dev[0];
		char buf[256], hex[8];
		slot_list(it, buf, sizeof(buf));
		csv_field(f, buf, false);
		snprintf(hex, sizeof(hex), "%04x", d->vendor_id);
		csv_field(f, hex, false);
		snprintf(hex, sizeof(hex), "%04x", d->device_id);
		csv_field(f, hex, false);
		snprintf(hex, sizeof(hex), "%04x", d->subsys_vendor_id);
		csv_field(f, d->has_subsys ? hex : "", false);
		snprintf(hex, sizeof(hex), "%04x", d->subsys_id);
		csv_field(f, d->has_subsys ? hex : "", false);
		csv_field(f, it->part ? it->part->id : "", false);
		csv_field(f, item_name(it), false);
		csv_field(f, kb_match_name(it->match), false);
		bool sheet = r->tpp_source && !strcmp(r->tpp_source, "datasheet");
		csv_number(f, sheet || it->probed.known, sheet ? (it->part->tpp.known ? it->part->tpp.tpp : 0) : it->probed.tpp,
			   false);
		csv_field(f, r->tpp_source, false);
		csv_field(f, sheet ? (it->part->tpp.known ? tpp_precision_name(it->part->tpp.precision) : "")
				   : it->probed.known ? tpp_precision_name(it->probed.precision) : "", false);
		csv_number(f, sheet && it->part->pd_known, sheet ? it->part->pd : 0, false);
		csv_number(f, it->probed.known, it->probed.tpp, false);
		csv_field(f, r->cl.rules->id, false);
		csv_field(f, class_status_name(r->cl.status), false);
		csv_field(f, r->cl.eccn, false);
		char exc[128];
		join_met(buf, sizeof(buf), &r->cl, PARA_CONTROL);
		join_met(exc, sizeof(exc), &r->cl, PARA_EXCEPTION);
		csv_field(f, buf, false);
		csv_field(f, exc, false);
		char flags[128] = "";
		for (size_t k = 0; k < it->n_warn; k++) {
			if (*flags)
				strncat(flags, ";", sizeof(flags) - strlen(flags) - 1);
			strncat(flags, it->warn[k].code, sizeof(flags) - strlen(flags) - 1);
		}
		csv_field(f, flags, true);
	}
}

struct scan_opts {
	struct probe_ctx ctx;
	struct scan_extra extra;
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct scan_opts *o = state;
	(void)c;
	(void)err;
	switch (opt) {
	case OPT_DUMP:
		o->ctx.dump_file = arg;
		return 0;
	case OPT_SYSFS:
		o->ctx.sysfs_root = arg;
		o->ctx.no_drm = true;   /* DRM enumeration always reads the live /sys */
		return 0;
	case OPT_PROCFS:
		o->ctx.procfs_root = arg;
		return 0;
	case OPT_NVML_LIB:
		o->ctx.nvml_library = arg;
		return 0;
	case OPT_NO_NVML:
		o->ctx.no_nvml = true;
		return 0;
	case OPT_NO_DRM:
		o->ctx.no_drm = true;
		return 0;
	case OPT_ROM_DIR:
		o->extra.rom_dir = arg;
		return 0;
	case OPT_READ_ROM:
		o->extra.read_rom = true;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

int cmd_scan(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "dump", required_argument, NULL, OPT_DUMP },
		{ "sysfs", required_argument, NULL, OPT_SYSFS },
		{ "procfs", required_argument, NULL, OPT_PROCFS },
		{ "nvml-lib", required_argument, NULL, OPT_NVML_LIB },
		{ "no-nvml", no_argument, NULL, OPT_NO_NVML },
		{ "no-drm", no_argument, NULL, OPT_NO_DRM },
		{ "rom-dir", required_argument, NULL, OPT_ROM_DIR },
		{ "read-rom", no_argument, NULL, OPT_READ_ROM },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct scan_opts o = { 0 };   /* NULL roots: the live /sys, /proc and /dev */
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	struct probe_ctx ctx = o.ctx;
	struct scan_extra extra = o.extra;
	if (optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan scan: unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	if (ctx.dump_file && extra.read_rom) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan scan: --read-rom reads live hardware; it cannot be used with --dump");
		return -1;
	}
	if (extra.read_rom && geteuid() != 0) {   /* refuse before reading anything */
		tpp_error_set(err, TPP_EX_NOPERM,
			      "tppscan scan: --read-rom needs root: the sysfs rom file must be enabled by writing to it");
		return -1;
	}
	if (cli_load(c, err))
		return -1;
	ctx.is_known = known_cb;
	ctx.is_known_arg = &c->kb;

	struct probe_list list;
	if (probe_run(&ctx, &list, err))
		return -1;
	struct scan_result res;
	if (identify_devices(&c->kb, &list, &res, err)) {
		probe_list_free(&list);
		return -1;
	}
	int rc = 0, verdict = VERDICT_NONE;
	struct scan_row *rows = calloc(res.n ? res.n : 1, sizeof(*rows));
	if (!rows) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		rc = -1;
	}
	if (!rc && scan_extra_firmware(c, &extra, &ctx, &res, err))
		rc = -1;
	for (size_t i = 0; !rc && i < res.n; i++) {
		rows[i].it = &res.items[i];
		if (classify_row(c, &rows[i], err))
			rc = -1;
		else
			verdict = cli_verdict_combine(verdict, cli_verdict_code(&rows[i].cl));
	}
	if (!rc) {
		if (c->format == FMT_JSON) {
			json_t *root = render_json_header(c);
			json_t *src = json_object();
			json_object_set_new(src, "dump", json_str(ctx.dump_file));
			json_object_set_new(src, "sysfs", ctx.dump_file ? json_null()
						  : json_string(ctx.sysfs_root ? ctx.sysfs_root : "/sys"));
			json_object_set_new(src, "procfs", json_string(ctx.procfs_root ? ctx.procfs_root : "/proc"));
			json_object_set_new(root, "source", src);
			json_t *devs = json_array();
			struct cl_cache cache = { 0 };
			for (size_t i = 0; i < res.n; i++)
				json_array_append_new(devs, row_json(&rows[i], &cache));
			cl_cache_free(&cache);
			json_object_set_new(root, "devices", devs);
			json_t *notes = json_array();
			for (size_t i = 0; i < list.n_notes; i++)
				json_array_append_new(notes, json_pack("{s:s, s:s}", "what", list.notes[i].what, "reason",
								       list.notes[i].reason));
			json_object_set_new(root, "notes", notes);
			if (render_json_emit(c, root, err))
				rc = -1;
		} else if (c->format == FMT_CSV) {
			csv_output(c, rows, res.n);
		} else {
			text_output(c, rows, res.n, &list, &ctx);
		}
	}
	for (size_t i = 0; rows && i < res.n; i++) {
		if (rows[i].have_cl)
			classification_free(&rows[i].cl);
		if (rows[i].have_probed_cl)
			classification_free(&rows[i].probed_cl);
	}
	free(rows);
	scan_result_free(&res);
	probe_list_free(&list);
	if (rc || cli_flush(c, err))
		return -1;
	return c->exit_status ? verdict : 0;
}
