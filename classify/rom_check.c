/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/rom_check.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "classify/rom_match.h"

static void check_function(const struct kb *kb, struct scan_item *it, const struct probe_device *d)
{
	const struct device_rom *r = &d->rom;
	const char *origin = r->origin;
	if (!r->id.has_image) {
		scan_warn(it, "rom-unreadable", "%s: the ROM has no image with PCI IDs", origin);
		return;
	}
	struct rom_match m;
	rom_match_part(kb, &r->id, &m);
	const char *ids = d->rom_ids.value ? d->rom_ids.value : "?";
	if (!rom_supports_device(&r->id, d->vendor_id, d->device_id)) {
		scan_warn(it, "rom-mismatch",
			  "the option ROM (%s) is for %s%s%s, not this device %04x:%04x (%s): cross-flashed firmware?", origin,
			  ids, m.part ? ", " : "", m.part ? m.part->name : "", d->vendor_id, d->device_id,
			  it->part ? it->part->name : "unknown part");
	} else if (m.part && it->part && m.part != it->part) {
		scan_warn(it, "rom-mismatch", "the option ROM (%s) names %s, the PCI ID names %s", origin, m.part->name,
			  it->part->name);
	}
	const char *version = *r->id.version ? r->id.version : NULL;
	if (version && d->vbios_version.value && strcasecmp(version, d->vbios_version.value) != 0)
		scan_warn(it, "rom-version-mismatch", "the driver reports VBIOS %s (%s); the option ROM (%s) is %s",
			  d->vbios_version.value, d->vbios_version.source ? d->vbios_version.source : "driver", origin,
			  version);
}

void rom_check_item(const struct kb *kb, struct scan_item *it)
{
	for (size_t k = 0; k < it->n_dev; k++)
		if (it->dev[k]->rom.read)
			check_function(kb, it, it->dev[k]);
}
