/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "probe/drm.h"
#include "probe/xe_uapi.h"

/* Client and media GTs of one device; a reply naming more is malformed. */
#define XE_MAX_GTS 16
/* Masks are a few bytes (64 or 128 DSS bits today); a longer one is not a
 * mask, and bounding it keeps DSS x EUs x GTs far inside 32 bits. */
#define XE_MAX_MASK_BYTES 256

struct gt_masks {
	uint16_t gt_id;
	const uint8_t *geometry, *compute;
	uint32_t geometry_len, compute_len;
	unsigned eus_per_dss;
	bool has_eu_mask;
};

static unsigned popcount_bytes(const uint8_t *m, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len; i++)
		n += (unsigned)__builtin_popcount(m[i]);
	return n;
}

/* DSS enabled for geometry or compute: the union of the two masks. */
static unsigned dss_union(const struct gt_masks *g)
{
	size_t len = g->geometry_len > g->compute_len ? g->geometry_len : g->compute_len;
	unsigned n = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t b = 0;
		if (i < g->geometry_len)
			b |= g->geometry[i];
		if (i < g->compute_len)
			b |= g->compute[i];
		n += (unsigned)__builtin_popcount(b);
	}
	return n;
}

static struct gt_masks *gt_for(struct gt_masks *gts, unsigned *n, uint16_t id)
{
	for (unsigned i = 0; i < *n; i++)
		if (gts[i].gt_id == id)
			return &gts[i];
	if (*n == XE_MAX_GTS)
		return NULL;
	gts[*n] = (struct gt_masks){ .gt_id = id };
	return &gts[(*n)++];
}

bool xe_topology_parse(const uint8_t *buf, size_t len, struct xe_topology *out, char why[128])
{
	struct gt_masks gts[XE_MAX_GTS];
	unsigned n_gts = 0;
	size_t off = 0;
	*out = (struct xe_topology){ 0 };
	while (off < len) {
		struct tpp_xe_topology_mask h;
		if (len - off < sizeof(h)) {
			snprintf(why, 128, "%zu stray bytes at offset %zu", len - off, off);
			return false;
		}
		memcpy(&h, buf + off, sizeof(h));
		off += sizeof(h);
		if (h.num_bytes > len - off) {
			snprintf(why, 128, "GT %u mask of %u bytes runs past the end at offset %zu", h.gt_id,
				 h.num_bytes, off);
			return false;
		}
		if (h.num_bytes > XE_MAX_MASK_BYTES) {
			snprintf(why, 128, "GT %u mask of %u bytes is longer than any topology mask", h.gt_id,
				 h.num_bytes);
			return false;
		}
		const uint8_t *mask = buf + off;
		off += h.num_bytes;
		struct gt_masks *g = gt_for(gts, &n_gts, h.gt_id);
		if (!g) {
			snprintf(why, 128, "more than %d GTs", XE_MAX_GTS);
			return false;
		}
		switch (h.type) {
		case TPP_XE_TOPO_DSS_GEOMETRY:
			g->geometry = mask;
			g->geometry_len = h.num_bytes;
			break;
		case TPP_XE_TOPO_DSS_COMPUTE:
			g->compute = mask;
			g->compute_len = h.num_bytes;
			break;
		case TPP_XE_TOPO_SIMD16_EU_PER_DSS:
			out->simd16 = true;
			/* fall through */
		case TPP_XE_TOPO_EU_PER_DSS:
			g->eus_per_dss = popcount_bytes(mask, h.num_bytes);
			g->has_eu_mask = true;
			break;
		default:
			break; /* L3 banks and types newer than this code */
		}
	}
	for (unsigned i = 0; i < n_gts; i++) {
		unsigned dss = dss_union(&gts[i]);
		if (dss == 0)
			continue; /* a media GT: no render or compute slices */
		if (!gts[i].has_eu_mask) {
			snprintf(why, 128, "GT %u has %u DSS but no EU mask", gts[i].gt_id, dss);
			return false;
		}
		out->gts++;
		out->dss += dss;
		out->eus += dss * gts[i].eus_per_dss;
	}
	return true;
}
