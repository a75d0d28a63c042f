/* The amdkfd topology: one node per CPU socket and one per GPU (or per
 * compute partition of a GPU), each with a "properties" file of
 * "name value" lines. It is world-readable and needs no DRM node, which
 * makes it the most dependable source of CU counts on compute parts.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "probe/enrich.h"
#include "probe/sysfs_internal.h"
#include "probe/sysfs_parse.h"

#define KFD_NODES "class/kfd/kfd/topology/nodes"
/* MI300X has 304; a count this far beyond any chip is a corrupt file. */
#define KFD_MAX_PLAUSIBLE_CUS 100000u

/* What the nodes of one PCI function add up to. MI300 in CPX mode shows
 * each compute partition as its own node with the same PCI location; the
 * chip's compute is the sum of its partitions. */
struct kfd_total {
	struct probe_device *d;
	uint64_t simd_count;
	uint64_t simd_per_cu;
	uint64_t max_clk_mhz;
	unsigned nodes;
	bool simd_known;
};

struct kfd_totals {
	struct kfd_total *t;
	size_t n;
};

static struct kfd_total *total_for(struct sysfs_scan *s, struct kfd_totals *all, struct probe_device *d)
{
	for (size_t i = 0; i < all->n; i++)
		if (all->t[i].d == d)
			return &all->t[i];
	struct kfd_total *t = realloc(all->t, (all->n + 1) * sizeof(*t));
	if (!t) {
		s->oom = true;
		return NULL;
	}
	all->t = t;
	t = &all->t[all->n++];
	*t = (struct kfd_total){ .d = d };
	return t;
}

/* A property of a node: false when absent; malformed values are noted. */
static bool prop(struct sysfs_scan *s, struct probe_device *d, const char *path, const char *buf,
		 size_t len, const char *key, uint64_t *out)
{
	char why[SYSFS_WHY_SIZE];
	enum sysfs_parse rc = sysfs_kv_u64(buf, len, SYSFS_KV_SPACE, key, out, why);
	return sysfs_parse_settle(s, d, d ? key : "kfd", path, rc, why);
}

static void read_node(struct sysfs_scan *s, const char *dir, const char *name, void *arg)
{
	struct kfd_totals *all = arg;
	char path[PATH_MAX], buf[SYSFS_ATTR_MAX + 2];
	size_t len;
	uint64_t gpu_id, location, domain = 0, simd = 0, per_cu = 0, clk = 0;

	/* gpu_id 0 marks a CPU node; it has no PCI location of its own */
	if (sysfs_join(path, sizeof(path), dir, name, "gpu_id") &&
	    sysfs_read_u64(s, NULL, "kfd", path, &gpu_id) && gpu_id == 0)
		return;
	if (!sysfs_join(path, sizeof(path), dir, name, "properties") ||
	    sysfs_read(s, NULL, "kfd", path, buf, &len) != SYSFS_READ_OK)
		return;
	char why[SYSFS_WHY_SIZE];
	if (sysfs_kv_u64(buf, len, SYSFS_KV_SPACE, "simd_count", &simd, why) == SYSFS_PARSE_OK && simd == 0)
		return; /* a CPU node whose gpu_id could not be read */
	if (!prop(s, NULL, path, buf, len, "location_id", &location)) {
		if (sysfs_kv_u64(buf, len, SYSFS_KV_SPACE, "location_id", &location, why) == SYSFS_PARSE_EMPTY)
			sysfs_note(s, NULL, "kfd", "%s has no location_id; node %s not matched to a PCI function",
				   path, name);
		return;
	}
	if (location > 0xffff) {
		sysfs_note(s, NULL, "kfd", "unexpected content in %s: location_id %llu is not bus<<8|devfn",
			   path, (unsigned long long)location);
		return;
	}
	prop(s, NULL, path, buf, len, "domain", &domain);
	char slot[16];
	probe_format_slot(slot, (int)domain, (unsigned)(location >> 8), (unsigned)(location >> 3) & 0x1f,
			  (unsigned)location & 7);
	struct probe_device *d = probe_list_find(s->list, slot);
	if (!d) {
		sysfs_note(s, NULL, "kfd", "KFD node %s is PCI function %s, which is not in the device list",
			   name, slot);
		return;
	}
	struct kfd_total *t = total_for(s, all, d);
	if (!t)
		return;
	t->nodes++;
	if (prop(s, d, path, buf, len, "simd_count", &simd) &&
	    prop(s, d, path, buf, len, "simd_per_cu", &per_cu)) {
		if (t->simd_known && t->simd_per_cu != per_cu)
			sysfs_note(s, d, "units", "KFD nodes of %s disagree on simd_per_cu (%llu, %llu)", slot,
				   (unsigned long long)t->simd_per_cu, (unsigned long long)per_cu);
		t->simd_count += simd;
		t->simd_per_cu = per_cu;
		t->simd_known = true;
	}
	if (prop(s, d, path, buf, len, "max_engine_clk_fcompute", &clk) && clk > t->max_clk_mhz)
		t->max_clk_mhz = clk;
}

static void apply(struct sysfs_scan *s, struct kfd_total *t)
{
	struct probe_device *d = t->d;
	if (t->simd_known) {
		if (t->simd_per_cu == 0 || t->simd_count % t->simd_per_cu) {
			sysfs_note(s, d, "units", "KFD simd_count %llu is not a whole number of CUs of %llu SIMDs",
				   (unsigned long long)t->simd_count, (unsigned long long)t->simd_per_cu);
		} else if (t->simd_count / t->simd_per_cu > KFD_MAX_PLAUSIBLE_CUS) {
			sysfs_note(s, d, "units", "KFD reports %llu CUs; ignored as implausible",
				   (unsigned long long)(t->simd_count / t->simd_per_cu));
		} else {
			if (t->nodes > 1)
				sysfs_note(s, d, "units",
					   "%u KFD nodes (compute partitions) share this PCI function; their CUs are summed",
					   t->nodes);
			if (!probe_enrich_max(d, "units", &d->units, (double)(t->simd_count / t->simd_per_cu),
					      "sysfs:kfd simd_count/simd_per_cu") ||
			    !probe_enrich_str_default(&d->unit_kind, "CU", "sysfs:kfd"))
				s->oom = true;
		}
	}
	if (t->max_clk_mhz > 100000)
		sysfs_note(s, d, "max_clock_mhz", "KFD max_engine_clk_fcompute %llu MHz is implausible; ignored",
			   (unsigned long long)t->max_clk_mhz);
	else if (t->max_clk_mhz > 0 &&
		 !probe_enrich_max(d, "max_clock_mhz", &d->max_clock_mhz, (double)t->max_clk_mhz,
				   "sysfs:kfd max_engine_clk_fcompute"))
		s->oom = true;
}

void sysfs_read_kfd(struct sysfs_scan *s)
{
	char dir[PATH_MAX];
	struct kfd_totals all = { 0 };
	if (snprintf(dir, sizeof(dir), "%s/" KFD_NODES, s->root) >= (int)sizeof(dir))
		return;
	sysfs_each_numbered(dir, "", read_node, s, &all);
	for (size_t i = 0; i < all.n; i++)
		apply(s, &all.t[i]);
	free(all.t);
}
