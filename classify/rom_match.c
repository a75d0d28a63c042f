/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/rom_match.h"

static const struct kb_part *match_id(const struct kb *kb, uint16_t vendor, uint16_t device)
{
	const struct kb_part *p = NULL, *cand[8];
	size_t n = 0;
	enum kb_match m = kb_match_pci(kb, vendor, device, false, 0, 0, &p, cand, 8, &n);
	if (m == KB_MATCH_AMBIGUOUS)
		p = kb_highest_rated(cand, n < 8 ? n : 8);
	return p;
}

void rom_match_part(const struct kb *kb, const struct rom_identity *rom, struct rom_match *m)
{
	*m = (struct rom_match){ 0 };
	if (!rom->has_image)
		return;
	m->vendor = rom->vendor_id;
	m->device = rom->device_id;
	if ((m->part = match_id(kb, rom->vendor_id, rom->device_id))) {
		m->how = "image-id";
		return;
	}
	for (size_t i = 0; i < rom->n_device_list; i++) {
		if ((m->part = match_id(kb, rom->vendor_id, rom->device_list[i]))) {
			m->how = "device-list";
			m->device = rom->device_list[i];
			return;
		}
	}
}

bool rom_supports_device(const struct rom_identity *rom, uint16_t vendor, uint16_t device)
{
	for (size_t i = 0; i < rom->n_claims; i++)
		if (rom->claims[i].vendor == vendor && rom->claims[i].device == device)
			return true;
	return false;
}
