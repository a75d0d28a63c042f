/* Reading a device's option ROM through sysfs (<sysfs>/bus/pci/devices/SLOT/rom).
 * The kernel only returns the image after "1" is written to that file and
 * the file is root-only; tppscan does this only under --read-rom, and
 * always writes "0" back, error or not.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ROM_SYSFS_H
#define TPP_ROM_SYSFS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* File access, replaceable so tests can check the restore on every path. */
struct rom_sysfs_ops {
	int (*write_text)(void *arg, const char *path, const char *text);   /* 0 or -errno */
	int (*read_all)(void *arg, const char *path, size_t max, uint8_t **data, size_t *size); /* 0 or -errno */
	void *arg;
};
extern const struct rom_sysfs_ops rom_sysfs_ops_default;

/* Enable, read, restore. On failure `err` names the path and the step;
 * a failed restore is reported even when the read worked. */
int rom_sysfs_read(const struct rom_sysfs_ops *ops, const char *sysfs_root, const char *slot, uint8_t **data,
		   size_t *size, struct tpp_error *err);

#endif
