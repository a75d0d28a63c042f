/* scan --prometheus FILE: a node_exporter textfile (text exposition format
 * 0.0.4): HELP and TYPE for every family, no timestamps, values in the
 * regulation's units (TPP is dimensionless, PD is TPP per mm2) and seconds.
 * Label names follow dcgm-exporter where they overlap and promtool accepts
 * them: pci_bus_id (NVML's form, "00000000:18:00.0"), UUID, Hostname; the
 * model is model_name (promtool rejects camelCase "modelName", and the
 * value is the knowledge-base name, not NVML's). tppscan(1), PROMETHEUS.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_view.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "classify/host_totals.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_probe.h"

/* A label value: backslash, double quote and newline escaped. */
static void put_value(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', f);
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_label(FILE *f, bool *first, const char *name, const char *value)
{
	fprintf(f, "%s%s=", *first ? "{" : ",", name);
	put_value(f, value);
	*first = false;
}

static void put_number(FILE *f, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, " %.0f\n", v);
	else
		fprintf(f, " %.8g\n", v);
}

static void family(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void host_labels(FILE *f, bool *first, const struct scan_host *h)
{
	put_label(f, first, "Hostname", h->hostname);
	put_label(f, first, "host_id", h->labels.host_id);
	put_label(f, first, "site", h->labels.site);
	put_label(f, first, "country", h->labels.country);
}

static void device_labels(FILE *f, bool *first, const struct scan_host *h, const struct assessment *a)
{
	const struct probe_device *d = a->item->dev[0];
	char bus[32];
	snprintf(bus, sizeof(bus), "%08X:%02X:%02X.%X", (unsigned)d->domain, d->bus, d->dev, d->func);
	host_labels(f, first, h);
	put_label(f, first, "pci_bus_id", bus);
	put_label(f, first, "UUID", d->uuid.value);
}

static void device_info(FILE *f, const struct scan_host *h, const struct assessment *a)
{
	const struct probe_device *d = a->item->dev[0];
	const struct classification *cl = a->cl;
	char slots[256], flags[256] = "", ids[4][8];
	item_slots(slots, sizeof(slots), a->item);
	for (size_t k = 0; k < a->item->n_warn; k++)
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "%s%s", k ? "," : "", a->item->warn[k].code);
	snprintf(ids[0], sizeof(ids[0]), "%04x", d->vendor_id);
	snprintf(ids[1], sizeof(ids[1]), "%04x", d->device_id);
	ids[2][0] = ids[3][0] = '\0';
	if (d->has_subsys) {
		snprintf(ids[2], sizeof(ids[2]), "%04x", d->subsys_vendor_id);
		snprintf(ids[3], sizeof(ids[3]), "%04x", d->subsys_id);
	}
	bool first = true;
	fputs("tppscan_device_info", f);
	device_labels(f, &first, h, a);
	put_label(f, &first, "slot", slots);
	put_label(f, &first, "model_name", record_name(a));
	put_label(f, &first, "part", a->part ? a->part->id : "");
	put_label(f, &first, "vendor_id", ids[0]);
	put_label(f, &first, "device_id", ids[1]);
	put_label(f, &first, "subsystem_vendor_id", ids[2]);
	put_label(f, &first, "subsystem_id", ids[3]);
	put_label(f, &first, "vbios_version", d->vbios_version.value);
	put_label(f, &first, "rule_set", cl->rules->id);
	put_label(f, &first, "status", class_status_name(cl->status));
	put_label(f, &first, "eccn", cl->eccn);
	put_label(f, &first, "verdict", classification_label(cl));
	put_label(f, &first, "flags", flags);
	put_label(f, &first, "display_only", a->display_only ? "true" : "false");
	fputs("} 1\n", f);
}

static void device_families(FILE *f, const struct scan_report *r)
{
	const struct scan_host *h = r->host;
	family(f, "tppscan_device_info", "An accelerator or display device tppscan found: identity and verdict "
					 "as labels (value always 1).");
	for (size_t i = 0; i < r->n; i++)
		device_info(f, h, &r->records[i]);
	family(f, "tppscan_device_tpp", "Total processing performance (TPP) the verdict used: dense TOPS times "
					"bit length, dimensionless (ECCN 3A090). Absent when unknown.");
	for (size_t i = 0; i < r->n; i++) {
		const struct assessment *a = &r->records[i];
		bool first = true;
		if (!a->tpp.known)
			continue;
		fputs("tppscan_device_tpp", f);
		device_labels(f, &first, h, a);
		put_label(f, &first, "source", metric_source_name(a->tpp.source));
		fputc('}', f);
		put_number(f, a->tpp.value);
	}
	family(f, "tppscan_device_performance_density", "Performance density: TPP per square millimetre of "
							 "applicable die area, the regulation's unit. Absent when unknown.");
	for (size_t i = 0; i < r->n; i++) {
		const struct assessment *a = &r->records[i];
		bool first = true;
		if (!a->pd.known)
			continue;
		fputs("tppscan_device_performance_density", f);
		device_labels(f, &first, h, a);
		fputc('}', f);
		put_number(f, a->pd.value);
	}
	family(f, "tppscan_device_controlled", "1 if the device is controlled under ECCN 3A090, 0 if not. "
					       "Absent when the verdict is undetermined.");
	for (size_t i = 0; i < r->n; i++) {
		const struct assessment *a = &r->records[i];
		bool first = true;
		if (a->cl->status == CLASS_UNDETERMINED)
			continue;
		fputs("tppscan_device_controlled", f);
		device_labels(f, &first, h, a);
		fputc('}', f);
		put_number(f, a->cl->status == CLASS_CONTROLLED);
	}
}

static void host_sample(FILE *f, const struct scan_host *h, const char *name, const char *help, double v)
{
	bool first = true;
	family(f, name, help);
	fputs(name, f);
	host_labels(f, &first, h);
	fputc('}', f);
	put_number(f, v);
}

static void host_families(FILE *f, const struct scan_report *r)
{
	struct host_totals t;
	host_totals(r->records, r->n, &t);
	const struct scan_host *h = r->host;
	host_sample(f, h, "tppscan_host_accelerators", "Accelerators found (display-only parts not counted).",
		    (double)t.accelerators);
	host_sample(f, h, "tppscan_host_controlled_accelerators", "Accelerators controlled under ECCN 3A090.",
		    (double)t.controlled);
	host_sample(f, h, "tppscan_host_undetermined_accelerators", "Accelerators whose verdict is undetermined.",
		    (double)t.undetermined);
	host_sample(f, h, "tppscan_host_tpp", "Sum of the TPP of the accelerators whose TPP is known.", t.tpp);
	host_sample(f, h, "tppscan_host_controlled_tpp", "Sum of the TPP of the controlled accelerators.",
		    t.controlled_tpp);
}

static void scan_families(FILE *f, const struct cli *c, const struct scan_host *h, bool ok)
{
	bool first = true;
	family(f, "tppscan_build_info", "The tppscan version, data version and rule set that wrote this file "
					"(value always 1).");
	fputs("tppscan_build_info", f);
	host_labels(f, &first, h);
	put_label(f, &first, "version", TPPSCAN_VERSION);
	put_label(f, &first, "data_version", c->data_version);
	put_label(f, &first, "rule_set", c->rs ? c->rs->id : "");
	fputs("} 1\n", f);
	host_sample(f, h, "tppscan_scan_success", "1 if the scan completed, 0 if it failed (the other "
						  "families are then absent).", ok);
	first = true;
	family(f, "tppscan_scan_timestamp_seconds", "When the scan ran, seconds since the Unix epoch "
						   "(TPPSCAN_NOW in tests).");
	fputs("tppscan_scan_timestamp_seconds", f);
	host_labels(f, &first, h);
	fprintf(f, "} %" PRId64 "\n", h->labels.scan_epoch);
}

void scan_view_prometheus(FILE *f, const struct scan_report *r)
{
	device_families(f, r);
	host_families(f, r);
	scan_families(f, r->c, r->host, true);
}

void scan_view_prometheus_failed(FILE *f, const struct cli *c, const struct scan_host *h)
{
	scan_families(f, c, h, false);
}
