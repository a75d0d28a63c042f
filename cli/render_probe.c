/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render_probe.h"

#include <stddef.h>
#include <string.h>

#include "cli/render.h"

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

#define N_STR (sizeof(str_fields) / sizeof(str_fields[0]))
#define N_NUM (sizeof(num_fields) / sizeof(num_fields[0]))

static const struct probe_str *str_field(const struct probe_device *d, size_t i)
{
	return (const struct probe_str *)((const char *)d + str_fields[i].off);
}

static const struct probe_num *num_field(const struct probe_device *d, size_t i)
{
	return (const struct probe_num *)((const char *)d + num_fields[i].off);
}

json_t *function_json(const struct probe_device *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "slot", json_string(d->slot));
	json_object_set_new(o, "vendor_id", json_hex(d->vendor_id, 4));
	json_object_set_new(o, "device_id", json_hex(d->device_id, 4));
	json_object_set_new(o, "class", json_hex(d->class_code, 6));
	json_object_set_new(o, "revision", d->has_revision ? json_hex(d->revision, 2) : json_null());
	for (size_t i = 0; i < N_STR; i++) {
		const struct probe_str *s = str_field(d, i);
		json_object_set_new(o, str_fields[i].key, s->value ? json_pack("{s:s, s:o}", "value", s->value,
			"source", json_str(s->source)) : json_null());
	}
	for (size_t i = 0; i < N_NUM; i++) {
		const struct probe_num *v = num_field(d, i);
		json_object_set_new(o, num_fields[i].key, v->valid ? json_pack("{s:o, s:o}", "value",
			json_num(v->value), "source", json_str(v->source)) : json_null());
	}
	json_t *notes = json_array();
	for (size_t i = 0; i < d->n_notes; i++)
		json_array_append_new(notes, json_pack("{s:s, s:s}", "what", d->notes[i].what, "reason", d->notes[i].reason));
	json_object_set_new(o, "notes", notes);
	return o;
}

json_t *probed_json(const struct probed_tpp *pt)
{
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
	return o;
}

void probe_verbose_text(FILE *f, const struct scan_item *it)
{
	char num[32];
	for (size_t k = 0; k < it->n_dev; k++) {
		const struct probe_device *d = it->dev[k];
		fprintf(f, "  %s  %04x:%04x", d->slot, d->vendor_id, d->device_id);
		if (d->has_subsys)
			fprintf(f, " subsystem %04x:%04x", d->subsys_vendor_id, d->subsys_id);
		if (d->has_revision)
			fprintf(f, " rev %02x", d->revision);
		fprintf(f, " class %06x\n", d->class_code);
		for (size_t i = 0; i < N_STR; i++) {
			const struct probe_str *v = str_field(d, i);
			if (v->value)
				fprintf(f, "      %-18s %s  [%s]\n", str_fields[i].label, v->value, v->source ? v->source : "?");
		}
		for (size_t i = 0; i < N_NUM; i++) {
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

void item_slots(char *buf, size_t n, const struct scan_item *it)
{
	buf[0] = '\0';
	for (size_t i = 0; i < it->n_dev; i++) {
		strncat(buf, i ? "+" : "", n - strlen(buf) - 1);
		strncat(buf, i ? it->dev[i]->slot + 5 : it->dev[i]->slot, n - strlen(buf) - 1);
	}
}
