/* Intel i915 and xe through their render nodes: execution unit counts.
 * Clocks come from sysfs (sysfs_intel.c): neither driver has an ioctl for RP0.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <i915_drm.h>

#include "probe/drm_internal.h"
#include "probe/enrich.h"
#include "probe/xe_uapi.h"

/* A topology reply is a few records of a few bytes per GT; anything near
 * this is not one. */
#define XE_TOPOLOGY_MAX_BYTES 65536

static void set_eus(struct drm_node *n, double eus, const char *kind, const char *source)
{
	struct probe_device *d = n->d;
	if (!probe_enrich_max(d, "units", &d->units, eus, source) ||
	    !probe_enrich_str_default(&d->unit_kind, kind, source))
		n->oom = true;
}

void drm_query_i915(struct drm_node *n)
{
	int value = 0;
	drm_i915_getparam_t gp;
	memset(&gp, 0, sizeof(gp));
	gp.param = I915_PARAM_EU_TOTAL;
	gp.value = &value;
	int r = n->ops->ioctl(n->fd, DRM_IOCTL_I915_GETPARAM, &gp);
	if (r) {
		drm_note(n, "units", "I915_PARAM_EU_TOTAL failed on %s: %s", n->path, strerror(-r));
		return;
	}
	if (value <= 0) {
		drm_note(n, "units", "i915 reports %d EUs on %s", value, n->path);
		return;
	}
	set_eus(n, value, "EU", "drm:I915_PARAM_EU_TOTAL");
}

void drm_query_xe(struct drm_node *n)
{
	struct tpp_xe_device_query q;
	memset(&q, 0, sizeof(q));
	q.query = TPP_XE_QUERY_GT_TOPOLOGY;
	int r = n->ops->ioctl(n->fd, TPP_DRM_IOCTL_XE_DEVICE_QUERY, &q);
	if (r) {
		drm_note(n, "units", "xe GT topology query failed on %s: %s", n->path, strerror(-r));
		return;
	}
	if (q.size == 0 || q.size > XE_TOPOLOGY_MAX_BYTES) {
		drm_note(n, "units", "xe GT topology query on %s wants %u bytes; not read", n->path, q.size);
		return;
	}
	uint8_t *buf = calloc(1, q.size);
	if (!buf) {
		n->oom = true;
		return;
	}
	uint32_t size = q.size;
	q.data = (uintptr_t)buf;
	r = n->ops->ioctl(n->fd, TPP_DRM_IOCTL_XE_DEVICE_QUERY, &q);
	struct xe_topology topo;
	char why[128];
	if (r)
		drm_note(n, "units", "xe GT topology query failed on %s: %s", n->path, strerror(-r));
	else if (q.size != size)
		drm_note(n, "units", "xe GT topology on %s changed size (%u, then %u bytes)", n->path, size, q.size);
	else if (!xe_topology_parse(buf, size, &topo, why))
		drm_note(n, "units", "unexpected xe GT topology from %s: %s", n->path, why);
	else if (topo.eus == 0)
		drm_note(n, "units", "xe GT topology on %s has no enabled EUs", n->path);
	else
		set_eus(n, topo.eus, topo.simd16 ? "EU-SIMD16" : "EU", "drm:DRM_XE_DEVICE_QUERY_GT_TOPOLOGY");
	free(buf);
}
