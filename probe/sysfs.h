/* The sysfs backend: text attributes that amdgpu, amdkfd, habanalabs
 * (accel), i915 and xe publish, read from ctx->sysfs_root (default "/sys").
 * It enriches the records the pci backend created, so it runs after it;
 * what names a PCI function not in the list becomes a list note.
 *
 * Everything it reads is world-readable on a stock kernel, so it needs no
 * root. It skips itself (no error, no note) when ctx->dump_file is set: a
 * dump describes another machine, and the local /sys says nothing about it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_SYSFS_H
#define TPP_PROBE_SYSFS_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/device.h"

extern const struct probe_backend probe_sysfs_backend;

/* Every file read goes through this, so tests can make a read fail the way
 * the kernel does (EACCES, EIO, ENODEV) even when they run as root. */
struct sysfs_ops {
	/* Reads up to size bytes of the file at path into buf: the byte count
	 * (short only at end of file), or -errno. */
	ssize_t (*read_file)(void *arg, const char *path, char *buf, size_t size);
	void *arg;
};

/* open(2)/read(2) on the real file system. */
extern const struct sysfs_ops sysfs_ops_default;

/* The backend with its file reads sent through ops. */
int probe_sysfs_run_with(const struct probe_ctx *ctx, const struct sysfs_ops *ops,
			 struct probe_list *list, struct tpp_error *err);

#endif
