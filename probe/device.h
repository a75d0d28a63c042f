/* What the probe backends find: one record per PCI function that may be an
 * accelerator. Every field has a valid bit (nvtop style), so "unknown" is
 * never mistaken for zero, and every value records which backend read it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_DEVICE_H
#define TPP_PROBE_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify/error.h"

/* A number read from somewhere. `source` is a static string naming the
 * backend and the file or call, e.g. "sysfs:pp_dpm_sclk", "nvml:nvmlDeviceGetMaxClockInfo". */
struct probe_num {
	bool valid;
	double value;
	const char *source;
};

/* A string read from somewhere; value is owned by the record (free()d). */
struct probe_str {
	char *value;          /* NULL = unknown */
	const char *source;
};

/* Something that could not be read, and why ("needs root", "not in a dump"). */
struct probe_note {
	char *what;
	char *reason;
};

struct probe_device {
	/* --- identity: filled by the pci backend --- */
	char slot[16];                    /* "0000:c1:00.0", the key other backends match on */
	int domain;
	uint8_t bus, dev, func;
	uint16_t vendor_id, device_id;
	bool has_subsys;
	uint16_t subsys_vendor_id, subsys_id;
	bool has_revision;
	uint8_t revision;
	uint32_t class_code;              /* 24-bit: base, sub, prog-if (0x030200) */
	struct probe_str vendor_name;     /* from pci.ids via libpci, if available */
	struct probe_str device_name;
	struct probe_str driver;          /* bound kernel driver */
	struct probe_num numa_node;
	struct probe_num link_speed_gts;  /* current PCIe link speed, GT/s */
	struct probe_num link_width;
	struct probe_num max_link_speed_gts;
	struct probe_num max_link_width;

	/* --- compute parameters: drm, sysfs, nvml backends --- */
	struct probe_num units;           /* active SMs / CUs / EUs / Xe-cores */
	struct probe_str unit_kind;       /* "SM", "CU", "EU", "Xe-core", "AI core" */
	struct probe_num max_clock_mhz;   /* highest engine/compute clock the device reports */
	struct probe_num boost_clock_mhz; /* NVIDIA customer boost clock, if different */
	struct probe_num memory_bytes;

	/* --- firmware and identity strings --- */
	struct probe_str product_name;    /* amdgpu product_name, NVML name, procfs Model */
	struct probe_str serial;
	struct probe_str uuid;
	struct probe_str vbios_version;   /* NVIDIA "Video BIOS", amdgpu vbios_version */
	struct probe_str board_part_number;
	struct probe_str architecture;    /* NVML architecture, amdgpu family, ... */
	struct probe_str firmware;        /* other firmware versions (habanalabs) */
	struct probe_num mig_enabled;     /* NVML MIG mode: 1 enabled, 0 disabled */

	/* --- what could not be read --- */
	struct probe_note *notes;
	size_t n_notes;

	/* Shader/CUDA cores (NVML counts cores, not SMs); the identify step
	 * turns them into units with the architecture's cores per unit. */
	struct probe_num cores;

	/* Option ROM read for cross-checks (scan --rom-dir / --read-rom). */
	struct probe_str rom_version;
	struct probe_str rom_ids;         /* "10de:2684" and its device list */
};

struct probe_list {
	struct probe_device *dev;
	size_t n;
	struct probe_note *notes;         /* host-level notes ("no /dev/dri", "NVML not installed") */
	size_t n_notes;
};

/* Where to look. Every path has a default for the live host; tests point
 * them at fixtures. Nothing here is ever written. */
struct probe_ctx {
	const char *sysfs_root;   /* default "/sys" */
	const char *procfs_root;  /* default "/proc" */
	const char *dev_root;     /* default "/dev" (DRM render nodes) */
	const char *dump_file;    /* lspci -x output: use libpci's dump method instead of sysfs */
	const char *nvml_library; /* NULL: "libnvidia-ml.so.1" from the loader path */
	bool no_nvml;             /* do not try NVML at all */
	bool no_drm;              /* do not open DRM nodes */
	/* Whether (vendor, device) is a known accelerator even outside the
	 * accelerator PCI classes; NULL = classes only. */
	bool (*is_known)(void *arg, uint16_t vendor, uint16_t device);
	void *is_known_arg;
};

/* A backend fills or enriches the list. The pci backend creates the records;
 * the others add fields to records whose slot they can match, and add
 * notes for what they could not read. A missing optional source (no NVML
 * library, no DRM node) is a note, not an error; an error is for bad input
 * (a malformed dump) and stops the scan. */
struct probe_backend {
	const char *name;
	int (*run)(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err);
};

/* Helpers shared by the backends (probe/device.c). */
struct probe_device *probe_list_find(struct probe_list *list, const char *slot);
struct probe_device *probe_list_add(struct probe_list *list, struct tpp_error *err);
void probe_list_sort(struct probe_list *list);           /* by domain:bus:dev.fn */
void probe_list_free(struct probe_list *list);
void probe_set_num(struct probe_num *n, double v, const char *source);
/* Takes a copy of v (trailing whitespace trimmed); false on out of memory. */
bool probe_set_str(struct probe_str *s, const char *v, const char *source);
bool probe_note(struct probe_device *d, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool probe_list_note(struct probe_list *l, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "0000:c1:00.0" from its parts. */
void probe_format_slot(char out[16], int domain, unsigned bus, unsigned dev, unsigned func);
/* root + "/" + rel into buf; false if it does not fit. */
bool probe_path(char *buf, size_t size, const char *root, const char *rel);

#endif
