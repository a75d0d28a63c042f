/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render_device.h"

#include <math.h>
#include <string.h>

#include "cli/render.h"
#include "cli/render_licence.h"
#include "cli/render_part.h"
#include "cli/render_probe.h"

/* --- JSON -------------------------------------------------------------------- */

void device_json_init(struct device_json_ctx *x, struct kb *kb, struct json_stream *stream)
{
	*x = (struct device_json_ctx){ .kb = kb, .cl_cache = json_object(), .stream = stream };
}

static json_t *build_classification(const void *cl)
{
	return render_classification_json(cl);
}

void device_json_free(struct device_json_ctx *x)
{
	json_decref(x->cl_cache);
	x->cl_cache = NULL;
}

json_t *device_json_classification(struct device_json_ctx *x, const struct classification *cl)
{
	char key[32];
	if (x->stream) {
		snprintf(key, sizeof(key), "c%p", (const void *)cl);
		return json_stream_shared(x->stream, key, build_classification, cl);
	}
	snprintf(key, sizeof(key), "%p", (const void *)cl);
	json_t *j = json_object_get(x->cl_cache, key);
	if (j)
		return json_incref(j);
	j = render_classification_json(cl);
	json_object_set(x->cl_cache, key, j);
	return j;
}

json_t *record_metrics_json(const struct assessment *a)
{
	json_t *m = json_object();
	json_object_set_new(m, "tpp", a->tpp.known ? json_num(a->tpp.value) : json_null());
	json_object_set_new(m, "tpp_source", json_str(metric_source_name(a->tpp.source)));
	json_object_set_new(m, "tpp_precision",
			    a->precision_known ? json_string(tpp_precision_name(a->precision)) : json_null());
	json_object_set_new(m, "pd", a->pd.known ? json_num(a->pd.value) : json_null());
	json_object_set_new(m, "pd_source", json_str(metric_source_name(a->pd.source)));
	return m;
}

/* The probe's own estimate when no knowledge-base part gives metrics. */
static json_t *probed_metrics_json(const struct assessment *a)
{
	json_t *m = record_metrics_json(a);
	json_object_set_new(m, "die_area_mm2", a->area.known ? json_num(a->area.value) : json_null());
	return m;
}

static json_t *build_device_metrics(const void *arg)
{
	const struct assessment *a = arg;
	json_t *m = a->part ? part_metrics_json(a->part) : probed_metrics_json(a);
	json_object_set_new(m, "classified_from", json_str(metric_source_name(a->tpp.source)));
	return m;
}

/* A known part's metrics are the same on every device of that part: shared. */
static json_t *device_metrics_json(struct device_json_ctx *x, const struct assessment *a)
{
	if (!x->stream || !a->part)
		return build_device_metrics(a);
	char key[48];
	snprintf(key, sizeof(key), "m%p/%d", (const void *)a->part, (int)a->tpp.source);
	return json_stream_shared(x->stream, key, build_device_metrics, a);
}

static void set_identity(json_t *o, const struct assessment *a)
{
	const struct probe_device *d = a->item ? a->item->dev[0] : NULL;
	json_object_set_new(o, "slot", d ? json_string(d->slot) : json_null());
	json_object_set_new(o, "vendor_id", d ? json_hex(d->vendor_id, 4) : json_null());
	json_object_set_new(o, "device_id", d ? json_hex(d->device_id, 4) : json_null());
	json_object_set_new(o, "subsystem_vendor_id", d && d->has_subsys ? json_hex(d->subsys_vendor_id, 4) : json_null());
	json_object_set_new(o, "subsystem_id", d && d->has_subsys ? json_hex(d->subsys_id, 4) : json_null());
	json_object_set_new(o, "name", a->kind == ASSESS_DECLARED || a->kind == ASSESS_DESIGN ? json_null()
				       : json_string(record_name(a)));
	json_object_set_new(o, "part", a->part ? json_string(a->part->id) : json_null());
}

static void set_device_fields(struct device_json_ctx *x, json_t *o, const struct assessment *a)
{
	const struct scan_item *it = a->item;
	json_object_set_new(o, "match", json_string(kb_match_name(it->match)));
	json_t *cand = json_array();
	for (size_t i = 0; i < it->n_candidates; i++)
		json_array_append_new(cand, json_string(it->candidates[i]->id));
	json_object_set_new(o, "candidates", cand);
	json_object_set_new(o, "metrics", device_metrics_json(x, a));
	json_t *probed = probed_json(&it->probed);
	json_object_set_new(probed, "eccn", a->probed_cl ? json_str(a->probed_cl->eccn) : json_null());
	json_object_set_new(probed, "status",
			    a->probed_cl ? json_string(class_status_name(a->probed_cl->status)) : json_null());
	json_object_set_new(o, "probed", probed);
	json_t *funcs = json_array();
	for (size_t i = 0; i < it->n_dev; i++)
		json_array_append_new(funcs, function_json(it->dev[i]));
	json_object_set_new(o, "functions", funcs);
	json_t *w = json_array();
	for (size_t i = 0; i < it->n_warn; i++)
		json_array_append_new(w, json_pack("{s:s, s:s}", "code", it->warn[i].code, "text", it->warn[i].text));
	json_object_set_new(o, "warnings", w);
	if (it->n_warn_dropped)
		json_object_set_new(o, "warnings_dropped", json_integer((json_int_t)it->n_warn_dropped));
	(void)x;
}

json_t *device_json(struct device_json_ctx *x, const struct assessment *a)
{
	json_t *o = json_object();
	set_identity(o, a);
	if (a->display_only)
		json_object_set_new(o, "display_only", json_true());
	switch (a->kind) {
	case ASSESS_DEVICE:
		set_device_fields(x, o, a);
		break;
	case ASSESS_PART:
		json_object_set_new(o, "match", json_string(a->match ? a->match : "all"));
		json_object_set_new(o, "query", json_str(a->query));
		json_object_set_new(o, "metrics", part_metrics_json(a->part));
		json_object_set_new(o, "datasheet", part_datasheet_json(x->kb, a->part));
		json_object_set_new(o, "warnings", json_array());
		break;
	case ASSESS_DECLARED:
	case ASSESS_DESIGN:
		json_object_set_new(o, "match", json_string(a->kind == ASSESS_DESIGN ? "design" : "declared"));
		json_object_set_new(o, "metrics", probed_metrics_json(a));
		json_object_set_new(o, "warnings", json_array());
		break;
	}
	json_object_set_new(o, "classification", device_json_classification(x, a->cl));
	if (a->has_licence)
		json_object_set_new(o, "licence", licence_json(&a->licence));
	return o;
}

/* --- CSV --------------------------------------------------------------------- */

const char *record_name(const struct assessment *a)
{
	if (a->part)
		return a->part->name;
	if (!a->item)
		return "";
	const struct probe_device *d = a->item->dev[0];
	if (d->product_name.value)
		return d->product_name.value;
	if (d->device_name.value)
		return d->device_name.value;
	return "unknown device";
}

static void hex_cell(FILE *f, bool known, unsigned v, bool last)
{
	char h[8];
	snprintf(h, sizeof(h), "%04x", v);
	csv_field(f, known ? h : "", last);
}

#define DEV(a) ((a)->item ? (a)->item->dev[0] : NULL)

static void c_slot(FILE *f, const struct assessment *a, bool last)
{
	char buf[256] = "";
	if (a->item)
		item_slots(buf, sizeof(buf), a->item);
	csv_field(f, buf, last);
}
static void c_vendor_id(FILE *f, const struct assessment *a, bool last)
{
	hex_cell(f, DEV(a), DEV(a) ? DEV(a)->vendor_id : 0, last);
}
static void c_device_id(FILE *f, const struct assessment *a, bool last)
{
	hex_cell(f, DEV(a), DEV(a) ? DEV(a)->device_id : 0, last);
}
static void c_subsys_vendor(FILE *f, const struct assessment *a, bool last)
{
	hex_cell(f, DEV(a) && DEV(a)->has_subsys, DEV(a) ? DEV(a)->subsys_vendor_id : 0, last);
}
static void c_subsys(FILE *f, const struct assessment *a, bool last)
{
	hex_cell(f, DEV(a) && DEV(a)->has_subsys, DEV(a) ? DEV(a)->subsys_id : 0, last);
}
static void c_part(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->part ? a->part->id : "", last);
}
static void c_name(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, record_name(a), last);
}
static void c_match(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->item ? kb_match_name(a->item->match) : a->kind == ASSESS_DECLARED ? "declared"
		  : a->kind == ASSESS_DESIGN ? "design" : a->match, last);
}
static void c_vendor(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->part ? a->part->vendor->name : "", last);
}
static void c_pci_ids(FILE *f, const struct assessment *a, bool last)
{
	char buf[512] = "";
	if (a->part && a->part->n_pci)
		part_pci_ids(buf, sizeof(buf), a->part);
	csv_field(f, buf, last);
}
static void c_arch(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->part && a->part->arch ? a->part->arch->id : "", last);
}
static void c_datacenter(FILE *f, const struct assessment *a, bool last)
{
	int dc = a->part ? a->part->datacenter : -1;
	csv_field(f, dc < 0 ? "" : dc ? "yes" : "no", last);
}
static void c_tpp(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->tpp.known, a->tpp.value, last);
}
static void c_tpp_source(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, metric_source_name(a->tpp.source), last);
}
static void c_precision(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->precision_known ? tpp_precision_name(a->precision) : "", last);
}
static void c_pd(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->pd.known, a->pd.value, last);
}
static void c_area(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->area.known, a->area.value, last);
}
static void c_io(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->part && a->part->io_known, a->part ? a->part->io_bidir_gbps : 0, last);
}
static void c_dram(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->part && a->part->memory_bw_gbps.known, a->part ? a->part->memory_bw_gbps.value : 0, last);
}
static void c_probed_tpp(FILE *f, const struct assessment *a, bool last)
{
	csv_number(f, a->item && a->item->probed.known, a->item ? a->item->probed.tpp : 0, last);
}
static void c_rule_set(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->cl->rules->id, last);
}
static void c_status(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, class_status_name(a->cl->status), last);
}
static void c_eccn(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->cl->eccn, last);
}
static void met_cell(FILE *f, const struct assessment *a, enum rule_para_kind k, bool last)
{
	char buf[256];
	join_met(buf, sizeof(buf), a->cl, k);
	csv_field(f, buf, last);
}
static void c_paragraphs(FILE *f, const struct assessment *a, bool last)
{
	met_cell(f, a, PARA_CONTROL, last);
}
static void c_exceptions(FILE *f, const struct assessment *a, bool last)
{
	met_cell(f, a, PARA_EXCEPTION, last);
}
static void c_reviews(FILE *f, const struct assessment *a, bool last)
{
	met_cell(f, a, PARA_REVIEW, last);
}
static void c_excluded_by(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->cl->excluded_by ? a->cl->excluded_by->id : "", last);
}
static void c_confidence(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->part ? a->part->confidence : "", last);
}
static void c_flags(FILE *f, const struct assessment *a, bool last)
{
	char flags[256] = "";
	for (size_t k = 0; a->item && k < a->item->n_warn; k++) {
		if (*flags)
			strncat(flags, ";", sizeof(flags) - strlen(flags) - 1);
		strncat(flags, a->item->warn[k].code, sizeof(flags) - strlen(flags) - 1);
	}
	csv_field(f, flags, last);
}

static void c_lic_required(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, !a->has_licence ? "" : a->licence.required == 1 ? "yes" : a->licence.required == 0 ? "no"
											: "undetermined", last);
}
static void c_lic_exception(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->has_licence ? a->licence.exception : "", last);
}
static void c_lic_policy(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->has_licence ? a->licence.policy : "", last);
}
static void c_lic_dest(FILE *f, const struct assessment *a, bool last)
{
	csv_field(f, a->has_licence ? a->licence.q.dest : "", last);
}

static const struct csv_column columns[] = {
	{ "licence_destination", c_lic_dest }, { "licence_required", c_lic_required },
	{ "licence_exception", c_lic_exception }, { "licence_policy", c_lic_policy },
	{ "slot", c_slot }, { "vendor_id", c_vendor_id }, { "device_id", c_device_id },
	{ "subsystem_vendor_id", c_subsys_vendor }, { "subsystem_id", c_subsys }, { "part", c_part },
	{ "name", c_name }, { "match", c_match }, { "vendor", c_vendor }, { "pci_ids", c_pci_ids },
	{ "architecture", c_arch }, { "datacenter", c_datacenter }, { "tpp", c_tpp }, { "tpp_source", c_tpp_source },
	{ "tpp_precision", c_precision }, { "pd", c_pd }, { "die_area_mm2", c_area }, { "io_bidir_gbps", c_io },
	{ "dram_bw_gbps", c_dram }, { "probed_tpp", c_probed_tpp }, { "rule_set", c_rule_set },
	{ "status", c_status }, { "eccn", c_eccn }, { "paragraphs", c_paragraphs }, { "excluded_by", c_excluded_by },
	{ "license_exceptions", c_exceptions }, { "review_policies", c_reviews }, { "confidence", c_confidence },
	{ "flags", c_flags },
};

const struct csv_column *csv_column(const char *name)
{
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (!strcmp(columns[i].name, name))
			return &columns[i];
	return NULL;
}

void csv_header_row(FILE *f, const struct csv_column *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_field(f, cols[i]->name, i + 1 == n);
}

void csv_record_row(FILE *f, const struct csv_column *const *cols, size_t n, const struct assessment *a)
{
	for (size_t i = 0; i < n; i++)
		cols[i]->cell(f, a, i + 1 == n);
}

/* --- text -------------------------------------------------------------------- */

void text_metric(char *buf, size_t n, const struct metric_value *m, int decimals)
{
	if (m->known)
		snprintf(buf, n, "%.*f", decimals, m->value);
	else
		snprintf(buf, n, "?");
}

void text_flags(char *buf, size_t n, const struct assessment *a)
{
	static const char *const letters[ASSESS_N_FLAGS] = { "CLOCK", "UNITS", "CROSS", "NAME", "ROM", "ROMVER",
		"UNKNOWN", "AMBIG", "PKG" };
	unsigned seen = 0;
	buf[0] = '\0';
	/* in the order the checks raised them */
	for (size_t i = 0; a->item && i < a->item->n_warn; i++) {
		unsigned flag = assess_flag_of_warning(a->item->warn[i].code);
		if (!flag || (seen & flag))
			continue;
		seen |= flag;
		int bit = __builtin_ctz(flag);
		if (*buf)
			strncat(buf, ",", n - strlen(buf) - 1);
		strncat(buf, letters[bit], n - strlen(buf) - 1);
	}
}

const char *text_verdict_cell(char *buf, size_t n, const struct classification *cl)
{
	if (cl->status == CLASS_CONTROLLED)
		for (size_t k = 0; k < cl->n_results; k++)
			if (cl->results[k].para->kind == PARA_CONTROL && cl->results[k].status == PS_MET) {
				snprintf(buf, n, "%s", cl->results[k].para->id);
				return buf;
			}
	return classification_label(cl);
}
