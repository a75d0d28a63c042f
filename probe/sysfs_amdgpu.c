/* amdgpu's attributes in the PCI device directory. They exist only when
 * amdgpu drives the function, and some only on some boards (the FRU
 * strings on server parts), so a missing file is simply unknown.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <limits.h>
#include <stdio.h>

#include "probe/enrich.h"
#include "probe/sysfs_internal.h"
#include "probe/sysfs_parse.h"

#define PCI_DEVICES "bus/pci/devices"

static bool attr_path(char path[PATH_MAX], const struct sysfs_scan *s, const struct probe_device *d,
		      const char *attr)
{
	char rel[64];
	snprintf(rel, sizeof(rel), PCI_DEVICES "/%s", d->slot);
	return sysfs_join(path, PATH_MAX, s->root, rel, attr);
}

static void read_dpm_sclk(struct sysfs_scan *s, struct probe_device *d)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_MAX + 2], why[SYSFS_WHY_SIZE];
	size_t len;
	uint64_t mhz;
	if (!attr_path(path, s, d, "pp_dpm_sclk") ||
	    sysfs_read(s, d, "pp_dpm_sclk", path, buf, &len) != SYSFS_READ_OK)
		return;
	if (!sysfs_parse_settle(s, d, "pp_dpm_sclk", path, sysfs_parse_dpm_max_mhz(buf, len, &mhz, why), why))
		return;
	if (mhz == 0)
		sysfs_note(s, d, "pp_dpm_sclk", "%s lists no clock above 0 MHz", path);
	else if (!probe_enrich_max(d, "max_clock_mhz", &d->max_clock_mhz, (double)mhz, "sysfs:pp_dpm_sclk"))
		s->oom = true;
}

/* A string attribute that overrides what another source guessed: the FRU
 * strings and the VBIOS part number are the board's own identity. */
static void read_string(struct sysfs_scan *s, struct probe_device *d, const char *attr,
			struct probe_str *field, const char *source)
{
	char path[PATH_MAX], text[256];
	if (attr_path(path, s, d, attr) && sysfs_read_text(s, d, attr, path, text, sizeof(text)) &&
	    !probe_set_str(field, text, source))
		s->oom = true;
}

void sysfs_read_amdgpu(struct sysfs_scan *s, struct probe_device *d)
{
	char path[PATH_MAX];
	uint64_t bytes;

	read_dpm_sclk(s, d);
	read_string(s, d, "product_name", &d->product_name, "sysfs:product_name");
	read_string(s, d, "product_number", &d->board_part_number, "sysfs:product_number");
	read_string(s, d, "serial_number", &d->serial, "sysfs:serial_number");
	read_string(s, d, "unique_id", &d->uuid, "sysfs:unique_id");
	read_string(s, d, "vbios_version", &d->vbios_version, "sysfs:vbios_version");
	if (attr_path(path, s, d, "mem_info_vram_total") &&
	    sysfs_read_u64(s, d, "mem_info_vram_total", path, &bytes) && bytes > 0)
		probe_set_num(&d->memory_bytes, (double)bytes, "sysfs:mem_info_vram_total");
}
