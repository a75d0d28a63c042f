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

void rom_match_part(const struct kb *kb, const struct oprom *rom, struct rom_match *m)
{
	*m = (struct rom_match){ 0 };
	const struct oprom_image *im = oprom_primary_image(rom);
	if (!im)
		return;
	m->vendor = im->vendor_id;
	m->device = im->device_id;
	if ((m->part = match_id(kb, im->vendor_id, im->device_id))) {
		m->how = "image-id";
		return;
	}
	for (size_t i = 0; i < im->n_device_ids; i++) {
		if ((m->part = match_id(kb, im->vendor_id, im->device_ids[i]))) {
			m->how = "device-list";
			m->device = im->device_ids[i];
			return;
		}
	}
}

bool rom_supports_device(const struct oprom *rom, uint16_t vendor, uint16_t device)
{
	for (size_t i = 0; i < rom->n_images; i++) {
		const struct oprom_image *im = &rom->images[i];
		if (!im->has_pcir || im->vendor_id != vendor)
			continue;
		if (im->device_id == device)
			return true;
		for (size_t k = 0; k < im->n_device_ids; k++)
			if (im->device_ids[k] == device)
				return true;
	}
	return false;
}
