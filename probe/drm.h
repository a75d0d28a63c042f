/* The DRM backend: asks the kernel GPU drivers through their render nodes.
 *   amdgpu: active CUs, max engine clock and family (amdgpu_query_gpu_info),
 *           VBIOS name, part number, build and date (AMDGPU_INFO_VBIOS_INFO);
 *   i915:   total EUs (I915_PARAM_EU_TOTAL);
 *   xe:     EUs from the GT topology (DRM_XE_DEVICE_QUERY_GT_TOPOLOGY).
 * Render nodes are opened read-write (the ioctls need no more than render
 * access, never root); a node the user may not open is a note on that
 * device ("needs the render group"), never a failure.
 *
 * It enriches the pci backend's records, so it runs after it. It is a
 * no-op, with no error and no note, when ctx->no_drm is set, when
 * ctx->dump_file is set (a dump describes another machine), and when
 * ctx->dev_root or ctx->sysfs_root point anywhere but "/dev" and "/sys":
 * drmGetDevices2 always walks the live /dev/dri and /sys, so its answers
 * would not belong to the fixture the other backends read.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_DRM_H
#define TPP_PROBE_DRM_H

#include <stdint.h>
#include <xf86drm.h>
#include <amdgpu.h>

#include "probe/device.h"

extern const struct probe_backend probe_drm_backend;

/* Every libdrm call and ioctl goes through this table, so tests replace
 * the kernel. Calls that can fail return a negative errno (not -1 with
 * errno set) so a mock states the failure in one place. */
struct drm_ops {
	/* drmGetDevices2: the count (devices NULL: how many), or -errno */
	int (*get_devices)(uint32_t flags, drmDevicePtr devices[], int max);
	void (*free_devices)(drmDevicePtr devices[], int count);
	/* open(2) of a render node: the fd, or -errno */
	int (*open_node)(const char *path, int flags);
	void (*close_node)(int fd);
	/* drmGetVersion / drmFreeVersion; NULL on failure */
	drmVersionPtr (*get_version)(int fd);
	void (*free_version)(drmVersionPtr version);
	/* drmIoctl: 0, or -errno */
	int (*ioctl)(int fd, unsigned long request, void *arg);
	/* libdrm_amdgpu; 0 or -errno as libdrm_amdgpu returns them */
	int (*amdgpu_initialize)(int fd, uint32_t *major, uint32_t *minor, amdgpu_device_handle *dev);
	void (*amdgpu_deinitialize)(amdgpu_device_handle dev);
	int (*amdgpu_query_gpu_info)(amdgpu_device_handle dev, struct amdgpu_gpu_info *info);
};

/* The real libdrm and libdrm_amdgpu. */
extern const struct drm_ops drm_ops_libdrm;

/* The backend through ops; the skip rules above still apply. */
int probe_drm_run_with(const struct probe_ctx *ctx, const struct drm_ops *ops, struct probe_list *list,
		       struct tpp_error *err);

/* An xe GT topology reply, reduced to what TPP needs. */
struct xe_topology {
	unsigned gts;       /* GTs that reported a DSS mask */
	unsigned dss;       /* enabled DSS (Xe-cores), geometry or compute, all GTs */
	unsigned eus;       /* sum over GTs of DSS x EUs per DSS */
	bool simd16;        /* EUs are SIMD16 (Xe2), reported as SIMD16_EU_PER_DSS */
};

/* Parses the reply of DRM_XE_DEVICE_QUERY_GT_TOPOLOGY (consecutive
 * {u16 gt_id, u16 type, u32 num_bytes, u8 mask[num_bytes]} records).
 * False, with the problem in why, when a record runs past the end, a mask
 * is implausibly long (over 256 bytes), there are more than 16 GTs, or a
 * GT has a DSS mask but no EU mask. */
bool xe_topology_parse(const uint8_t *buf, size_t len, struct xe_topology *out, char why[128]);

#endif
