/* The few pieces of the Intel xe driver's uAPI this tool uses. Debian 12
 * (libdrm 2.4.114, Linux 6.1 headers) has no xe_drm.h, so these are our
 * own declarations of the documented interface, written from the kernel's
 * include/uapi/drm/xe_drm.h (MIT licence) as merged in Linux 6.8, plus the
 * topology types added later (L3_BANK, SIMD16_EU_PER_DSS with Xe2). The
 * tpp_ prefix keeps them apart from a system header of the same meaning.
 *
 * The 6.8 header spelled the topology types as bit values (1 << 0, 1 << 1,
 * 1 << 2); later headers give the same numbers as 1, 2, 4 and add 3 and 5,
 * so the values below hold for every released kernel with xe.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_XE_UAPI_H
#define TPP_PROBE_XE_UAPI_H

#include <stdint.h>
#include <drm.h>

/* DRM_IOCTL_XE_DEVICE_QUERY: command 0x00 of the driver range, read-write.
 * With size 0 the kernel fills in the size it needs; with that size and a
 * data pointer it copies the reply; any other size is -EINVAL. */
struct tpp_xe_device_query {
	uint64_t extensions;
	uint32_t query;
	uint32_t size;
	uint64_t data;
	uint64_t reserved[2];
};

#define TPP_DRM_XE_DEVICE_QUERY 0x00
#define TPP_DRM_IOCTL_XE_DEVICE_QUERY \
	DRM_IOWR(DRM_COMMAND_BASE + TPP_DRM_XE_DEVICE_QUERY, struct tpp_xe_device_query)

#define TPP_XE_QUERY_GT_TOPOLOGY 5

/* Each reply record: this header, then num_bytes of little-endian mask,
 * then the next record with no padding. */
struct tpp_xe_topology_mask {
	uint16_t gt_id;
	uint16_t type;
	uint32_t num_bytes;
};

#define TPP_XE_TOPO_DSS_GEOMETRY 1
#define TPP_XE_TOPO_DSS_COMPUTE 2
#define TPP_XE_TOPO_L3_BANK 3
#define TPP_XE_TOPO_EU_PER_DSS 4
#define TPP_XE_TOPO_SIMD16_EU_PER_DSS 5

#endif
