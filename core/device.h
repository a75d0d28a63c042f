/* The device record: what the probe stage found about one PCI function,
 * and the only thing later stages read of it. Every field has a valid bit
 * (nvtop style), so "unknown" is never mistaken for zero, and every value
 * records which backend read it. Plain data: probe/ fills it, classify/
 * reads it, neither needs the other's headers.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_DEVICE_H
#define TPP_CORE_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ROM_MAX_CLAIMS 32
#define ROM_MAX_LIST 16

/* What an option ROM image says it is for, as the probe stage parsed it. */
struct rom_identity {
	bool has_image;                  /* a primary image with PCI IDs */
	uint16_t vendor_id, device_id;   /* of the primary image */
	uint16_t device_list[ROM_MAX_LIST];   /* its PCI 3.0 device list */
	size_t n_device_list;
	struct { uint16_t vendor, device; } claims[ROM_MAX_CLAIMS];   /* every ID any image claims */
	size_t n_claims;
	char version[64];                /* vendor firmware version; "" if none */
	char problem[200];               /* the parser's first problem; "" if none */
};

/* An option ROM read for a function: the image and where it came from. */
struct device_rom {
	bool read;
	char *origin;                    /* names the image in messages (owned) */
	const char *tag;                 /* static: the source recorded with values */
	struct rom_identity id;
};

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
	struct device_rom rom;
};

struct probe_list {
	struct probe_device *dev;
	size_t n;
	struct probe_note *notes;         /* host-level notes ("no /dev/dri", "NVML not installed") */
	size_t n_notes;
};

#endif
