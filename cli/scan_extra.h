/* Firmware identity for scan: option ROM images from --rom-dir or, with
 * --read-rom, from sysfs; cross-checked against the device and its part.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_SCAN_EXTRA_H
#define TPP_SCAN_EXTRA_H

#include <stdbool.h>

#include "classify/identify.h"
#include "cli/cli.h"
#include "probe/device.h"

struct scan_extra {
	const char *rom_dir;
	bool read_rom;
};

int scan_extra_firmware(struct cli *c, const struct scan_extra *x, const struct probe_ctx *ctx,
			struct scan_result *res, struct tpp_error *err);

#endif
