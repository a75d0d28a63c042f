/* Which knowledge-base part an option ROM says it is for.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ROM_MATCH_H
#define TPP_ROM_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "classify/kb.h"
#include "core/device.h"

struct rom_match {
	const struct kb_part *part;   /* NULL: no knowledge-base part */
	const char *how;              /* "image-id", "device-list" */
	uint16_t vendor, device;      /* the IDs that matched (or the image's own) */
};

/* Look up the primary image's (vendor, device), then the IDs of its PCI 3.0
 * device list; an ambiguous device ID gives the highest-rated candidate. */
void rom_match_part(const struct kb *kb, const struct rom_identity *rom, struct rom_match *m);
/* Whether the ROM's images claim this device: image ID or device list. */
bool rom_supports_device(const struct rom_identity *rom, uint16_t vendor, uint16_t device);

#endif
