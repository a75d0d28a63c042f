/* The probe stage's option ROM reader: images from --rom-dir (named by
 * slot) or, with --read-rom, through sysfs, parsed into each device
 * record's ROM identity for the cross-checks of the identify stage.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_ROM_READ_H
#define TPP_PROBE_ROM_READ_H

#include "probe/device.h"

/* A missing image is a note; a named image that is not a regular file, a
 * link, unreadable or not an option ROM is bad input (an error). */
int probe_read_rom_dir(const char *dir, struct probe_list *list, struct tpp_error *err);
/* The same, recording each image read in `log` (NULL: none). */
int probe_read_rom_dir_log(const char *dir, struct probe_list *list, struct read_log *log, struct tpp_error *err);
/* Live hardware only (ctx->sysfs_root NULL): enable, read, restore each
 * device's rom attribute. A device whose ROM cannot be read gets a note;
 * a failed restore is an error. */
int probe_read_rom_sysfs(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err);

#endif
