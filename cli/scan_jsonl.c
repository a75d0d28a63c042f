/* scan --format jsonl: one self-contained JSON object per device per line,
 * then one host line that closes the scan (tppscan(1), FLEET). What a fleet
 * ships to an audit machine; `fleet ingest` and `fleet summary` read it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_view.h"

#include "classify/host_totals.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_jsonl.h"
#include "cli/render_licence.h"
#include "cli/render_probe.h"

/* With --dest, the device's licence answer, as in scan --format json;
 * fleet_record.c ignores members it does not read. */
static json_t *jsonl_licence(const struct assessment *a)
{
	return a->has_licence ? licence_json(&a->licence) : NULL;
}

static json_t *opt_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* Where and when: the same members on every line of the scan. */
static void set_labels(json_t *o, const struct scan_report *r, const char *record)
{
	const struct fleet_labels *l = &r->host->labels;
	json_object_set_new(o, "record", json_string(record));
	json_object_set_new(o, "schema_version", json_integer(FLEET_SCHEMA_VERSION));
	json_object_set_new(o, "host_id", json_string(l->host_id));
	json_object_set_new(o, "site", opt_str(l->site));
	json_object_set_new(o, "country", opt_str(l->country));
	json_object_set_new(o, "scan_time", json_string(l->scan_time));
}

static json_t *metrics(const struct assessment *a)
{
	json_t *m = record_metrics_json(a);
	bool probed = a->item && a->item->probed.known;
	json_object_set_new(m, "probed_tpp", probed ? json_num(a->item->probed.tpp) : json_null());
	return m;
}

static json_t *met_list(const struct classification *cl, enum rule_para_kind kind)
{
	json_t *l = json_array();
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == kind && cl->results[i].status == PS_MET)
			json_array_append_new(l, json_string(cl->results[i].para->id));
	return l;
}

static json_t *classification(const struct classification *cl)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule_set", json_string(cl->rules->id));
	json_object_set_new(o, "status", json_string(class_status_name(cl->status)));
	json_object_set_new(o, "eccn", json_str(cl->eccn));
	json_object_set_new(o, "eccn_bound", cl->eccn ? json_string(eccn_bound_name(cl->eccn_bound)) : json_null());
	json_object_set_new(o, "label", json_string(classification_label(cl)));
	json_object_set_new(o, "paragraphs", met_list(cl, PARA_CONTROL));
	json_object_set_new(o, "excluded_by", json_str(cl->excluded_by ? cl->excluded_by->id : NULL));
	json_object_set_new(o, "license_exceptions", met_list(cl, PARA_EXCEPTION));
	return o;
}

static void set_identity(json_t *o, const struct assessment *a)
{
	const struct probe_device *d = a->item->dev[0];
	char slots[256];
	item_slots(slots, sizeof(slots), a->item);
	json_object_set_new(o, "slot", json_string(slots));
	json_object_set_new(o, "vendor_id", json_hex(d->vendor_id, 4));
	json_object_set_new(o, "device_id", json_hex(d->device_id, 4));
	json_object_set_new(o, "subsystem_vendor_id", d->has_subsys ? json_hex(d->subsys_vendor_id, 4) : json_null());
	json_object_set_new(o, "subsystem_id", d->has_subsys ? json_hex(d->subsys_id, 4) : json_null());
	json_object_set_new(o, "name", json_string(record_name(a)));
	json_object_set_new(o, "part", a->part ? json_string(a->part->id) : json_null());
	json_object_set_new(o, "match", json_string(kb_match_name(a->item->match)));
	json_object_set_new(o, "uuid", opt_str(d->uuid.value));
	json_object_set_new(o, "serial", opt_str(d->serial.value));
	json_object_set_new(o, "vbios_version", opt_str(d->vbios_version.value));
}

static json_t *device_line(const struct scan_report *r, const struct assessment *a)
{
	json_t *o = json_object();
	set_labels(o, r, "device");
	set_identity(o, a);
	json_object_set_new(o, "display_only", json_boolean(a->display_only));
	json_t *flags = json_array();
	for (size_t k = 0; k < a->item->n_warn; k++)
		json_array_append_new(flags, json_string(a->item->warn[k].code));
	json_object_set_new(o, "flags", flags);
	json_object_set_new(o, "metrics", metrics(a));
	json_object_set_new(o, "classification", classification(a->cl));
	json_t *lic = jsonl_licence(a);
	if (lic)
		json_object_set_new(o, "licence", lic);
	return o;
}

static json_t *host_line(const struct scan_report *r)
{
	struct cli *c = r->c;
	struct host_totals t;
	host_totals(r->records, r->n, &t);
	json_t *o = json_object();
	set_labels(o, r, "host");
	json_object_set_new(o, "hostname", opt_str(r->host->hostname));
	json_object_set_new(o, "devices", json_integer((json_int_t)t.devices));
	json_object_set_new(o, "accelerators", json_integer((json_int_t)t.accelerators));
	json_object_set_new(o, "controlled", json_integer((json_int_t)t.controlled));
	json_object_set_new(o, "undetermined", json_integer((json_int_t)t.undetermined));
	json_object_set_new(o, "tpp", json_num(t.tpp));
	json_object_set_new(o, "controlled_tpp", json_num(t.controlled_tpp));
	json_object_set_new(o, "tool", json_pack("{s:s, s:s, s:s}", "name", "tppscan", "version", TPPSCAN_VERSION,
						"data_version", c->data_version));
	char d[11];
	tpp_date_format(c->as_of, d);
	json_object_set_new(o, "rules", json_pack("{s:s, s:s, s:s}", "id", c->rs->id, "as_of", d, "selected_by",
						 c->rules_id ? "rules" : "as_of"));
	json_t *notes = json_array();
	for (size_t i = 0; i < r->list->n_notes; i++)
		json_array_append_new(notes, json_pack("{s:s, s:s}", "what", r->list->notes[i].what, "reason",
						       r->list->notes[i].reason));
	json_object_set_new(o, "notes", notes);
	return o;
}

int scan_view_jsonl(const struct scan_report *r, struct tpp_error *err)
{
	for (size_t i = 0; i < r->n; i++)
		if (render_json_line(r->c->out, device_line(r, &r->records[i]), err) || cli_spill(r->c, err))
			return -1;
	return render_json_line(r->c->out, host_line(r), err);
}
