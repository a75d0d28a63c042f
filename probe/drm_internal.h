/* Shared by the DRM backend's per-driver files; not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_DRM_INTERNAL_H
#define TPP_PROBE_DRM_INTERNAL_H

#include <stdbool.h>

#include "probe/drm.h"

/* An open render node and the record it enriches. */
struct drm_node {
	const struct drm_ops *ops;
	int fd;
	const char *path;
	struct probe_device *d;
	bool oom;             /* a note or value could not be stored */
};

/* A note on the node's device; remembers out of memory. */
void drm_note(struct drm_node *n, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Per driver, chosen by the name drmGetVersion reports. */
void drm_query_amdgpu(struct drm_node *n);
void drm_query_i915(struct drm_node *n);
void drm_query_xe(struct drm_node *n);

#endif
