/* The probe-source options scan, verify and plot share (--dump, --sysfs,
 * --procfs, --nvml-lib, --no-nvml, --no-drm; scan and verify also take
 * --rom-dir and --read-rom), taken and checked in one place.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_SOURCE_OPTIONS_H
#define TPP_CLI_SOURCE_OPTIONS_H

#include <stdbool.h>

#include "core/error.h"
#include "probe/device.h"

enum { CLI_OPT_DUMP = 1100, CLI_OPT_SYSFS, CLI_OPT_PROCFS, CLI_OPT_NVML_LIB, CLI_OPT_NO_NVML, CLI_OPT_NO_DRM,
	CLI_OPT_ROM_DIR, CLI_OPT_READ_ROM };

#define CLI_SOURCE_LONGOPTS \
	{ "dump", required_argument, NULL, CLI_OPT_DUMP }, \
	{ "sysfs", required_argument, NULL, CLI_OPT_SYSFS }, \
	{ "procfs", required_argument, NULL, CLI_OPT_PROCFS }, \
	{ "nvml-lib", required_argument, NULL, CLI_OPT_NVML_LIB }, \
	{ "no-nvml", no_argument, NULL, CLI_OPT_NO_NVML }, \
	{ "no-drm", no_argument, NULL, CLI_OPT_NO_DRM }
#define CLI_ROM_LONGOPTS \
	{ "rom-dir", required_argument, NULL, CLI_OPT_ROM_DIR }, \
	{ "read-rom", no_argument, NULL, CLI_OPT_READ_ROM }

struct source_opts {
	struct probe_ctx ctx;     /* NULL roots: the live /sys, /proc and /dev */
	const char *rom_dir;
	bool read_rom;
};

/* 0 when `opt` is a source option (taken into `s`), else CLI_TAKE_UNKNOWN. */
int source_option(struct source_opts *s, int opt, const char *arg);

/* Combinations that cannot mean what they say are refused before anything
 * is read (64; --read-rom without root 77). A saved tree implies no live
 * source: DRM enumeration always reads the live /sys, and the host's NVML
 * knows nothing of a saved tree unless a library is named. */
int source_check(const char *cmd, struct source_opts *s, struct tpp_error *err);

#endif
