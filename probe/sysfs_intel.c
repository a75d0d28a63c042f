/* Intel GPU clocks. RP0 is the highest frequency the hardware is fused
 * for, whatever limit root has set (that is gt_max_freq_mhz / max_freq):
 *   i915: /sys/class/drm/cardN/gt_RP0_freq_mhz, per GT also
 *         cardN/gt/gtM/rps_RP0_freq_mhz (intel_gt_sysfs_pm.c);
 *   xe:   cardN/device/tileT/gtM/freq0/rp0_freq (xe_gt_freq.c), one per GT;
 *         the first GT of a tile is its main GT, a later one is media.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <limits.h>
#include <stdio.h>

#include "probe/enrich.h"
#include "probe/sysfs_internal.h"

/* What the GTs of one card give: the highest main-GT RP0 over all tiles. */
struct intel_clock {
	struct probe_device *d;
	uint64_t mhz;
	const char *source;
};

static void take(struct intel_clock *c, uint64_t mhz, const char *source)
{
	if (mhz > c->mhz) {
		c->mhz = mhz;
		c->source = source;
	}
}

struct xe_tile {
	struct intel_clock *clock;
	bool found;
};

static void xe_gt(struct sysfs_scan *s, const char *dir, const char *name, void *arg)
{
	struct xe_tile *tile = arg;
	char path[PATH_MAX];
	uint64_t mhz;
	if (tile->found)
		return; /* a media GT after the tile's main GT */
	if (snprintf(path, sizeof(path), "%s/%s/freq0/rp0_freq", dir, name) >= (int)sizeof(path))
		return;
	if (sysfs_read_u64(s, tile->clock->d, "rp0_freq", path, &mhz)) {
		tile->found = true;
		take(tile->clock, mhz, "sysfs:rp0_freq");
	}
}

static void xe_tile(struct sysfs_scan *s, const char *dir, const char *name, void *arg)
{
	char path[PATH_MAX];
	struct xe_tile tile = { arg, false };
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) < (int)sizeof(path))
		sysfs_each_numbered(path, "gt", xe_gt, s, &tile);
}

static void read_card(struct sysfs_scan *s, const char *dir, const char *name, void *arg)
{
	(void)arg;
	char path[PATH_MAX], slot[16];
	uint64_t mhz;
	if (snprintf(path, sizeof(path), "%s/%s/device", dir, name) >= (int)sizeof(path) ||
	    !sysfs_link_slot(path, slot))
		return;
	struct intel_clock clock = { probe_list_find(s->list, slot), 0, NULL };

	if (sysfs_join(path, sizeof(path), dir, name, "gt_RP0_freq_mhz") &&
	    sysfs_read_u64(s, clock.d, "gt_RP0_freq_mhz", path, &mhz))
		take(&clock, mhz, "sysfs:gt_RP0_freq_mhz");
	else if (snprintf(path, sizeof(path), "%s/%s/gt/gt0/rps_RP0_freq_mhz", dir, name) < (int)sizeof(path) &&
		 sysfs_read_u64(s, clock.d, "rps_RP0_freq_mhz", path, &mhz))
		take(&clock, mhz, "sysfs:rps_RP0_freq_mhz");
	if (snprintf(path, sizeof(path), "%s/%s/device", dir, name) < (int)sizeof(path))
		sysfs_each_numbered(path, "tile", xe_tile, s, &clock);

	if (!clock.source)
		return; /* not an Intel GPU, or one whose driver publishes no RP0 */
	if (!clock.d) {
		sysfs_note(s, NULL, "drm", "%s is PCI function %s, which is not in the device list", name, slot);
		return;
	}
	if (clock.mhz > 100000)
		sysfs_note(s, clock.d, "max_clock_mhz", "%s reads %llu MHz; ignored", clock.source,
			   (unsigned long long)clock.mhz);
	else if (!probe_enrich_max(clock.d, "max_clock_mhz", &clock.d->max_clock_mhz, (double)clock.mhz,
				   clock.source))
		s->oom = true;
}

void sysfs_read_intel(struct sysfs_scan *s)
{
	char dir[PATH_MAX];
	if (snprintf(dir, sizeof(dir), "%s/class/drm", s->root) < (int)sizeof(dir))
		sysfs_each_numbered(dir, "card", read_card, s, NULL);
}
