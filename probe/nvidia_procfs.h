/* The NVIDIA kernel driver's procfs files:
 *   <procfs_root>/driver/nvidia/gpus/<DDDD:BB:DD.F>/information
 *   <procfs_root>/driver/nvidia/version
 * They need no root and no NVML, and give the model name, GPU UUID, VBIOS
 * and GSP firmware versions and the driver version.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_NVIDIA_PROCFS_H
#define TPP_PROBE_NVIDIA_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

#include "probe/device.h"

/* Enriches the records whose slot has an entry under driver/nvidia/gpus.
 * Skipped when ctx->dump_file is set and ctx->procfs_root is not (a dump
 * describes another machine; a procfs root given with it is taken as
 * captured from that machine). */
extern const struct probe_backend probe_nvidia_procfs_backend;

/* What one `information` file says. Strings are "" when the key is absent,
 * its value is empty, or too long for the field. */
struct nvidia_gpu_information {
	char model[128];          /* "Model:" */
	char uuid[80];            /* "GPU UUID:" */
	char vbios_version[32];   /* "Video BIOS:"; "??.??.??.??.??" (not read by the driver) gives "" */
	char bus_type[8];         /* "Bus Type:" PCIe or PCI */
	char bus_location[40];    /* "Bus Location:" */
	char firmware[64];        /* "GPU Firmware:" (GSP firmware, newer drivers) */
	bool has_minor;
	unsigned minor;           /* "Device Minor:" -> /dev/nvidia<minor> */
	int excluded;             /* "GPU Excluded:" 1 Yes, 0 No, -1 not stated */
	unsigned keys;            /* how many known keys were read */
	bool truncated;           /* the text ended mid-line; that line was ignored */
};

/* Parses the text of an `information` file (`len` bytes, need not be
 * NUL-terminated; parsing stops at a NUL). Lines are "Key: value" with tabs
 * and spaces around both; CR LF line ends are accepted. Never fails: what
 * is not understood is left out. */
void nvidia_parse_information(const char *text, size_t len, struct nvidia_gpu_information *out);

/* The driver version ("535.129.03") from the text of driver/nvidia/version
 * ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.129.03  ..."). */
bool nvidia_parse_version(const char *text, size_t len, char *out, size_t size);

/* File access, replaceable by tests (as root, chmod cannot deny a read).
 * Both return 0 or an errno value. */
struct nvidia_procfs_io {
	/* The whole file into a malloc()ed, NUL-terminated buffer. */
	int (*read_file)(const char *path, char **buf, size_t *len);
	/* The sorted entry names of a directory, "." and ".." left out;
	 * free each name and the array. */
	int (*list_dir)(const char *path, char ***names, size_t *count);
};

extern const struct nvidia_procfs_io nvidia_procfs_default_io;

int nvidia_procfs_run_io(const struct probe_ctx *ctx, struct probe_list *list,
	const struct nvidia_procfs_io *io, struct tpp_error *err);

#endif
