/* The pci backend: finds the GPUs and accelerators on the PCI bus with
 * libpci and creates their records. It runs first; the other backends
 * enrich the records it made.
 *
 * Sources: the live host through sysfs (<sysfs_root>/bus/pci, never raw
 * port I/O), another sysfs tree (a fixture), or an `lspci -x` / `-xxx` /
 * `-xxxx` / `-vvvxxx` dump (ctx->dump_file, which wins over sysfs_root).
 *
 * Listed: PCI base class 03 (display), 12 (processing accelerator), class
 * 0b40 (co-processor), and any (vendor, device) ctx->is_known accepts.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_PCI_H
#define TPP_PROBE_PCI_H

#include <stddef.h>

#include "probe/device.h"

extern const struct probe_backend probe_pci_backend;

/* Reads up to `size` bytes of a small text file into buf; returns the
 * number read or -errno. */
typedef long (*probe_pci_read_fn)(const char *path, char *buf, size_t size);

/* Settings the tool leaves at their defaults and tests change. */
struct probe_pci_opts {
	const char *ids_file;        /* pci.ids for names; NULL = libpci's default */
	bool no_hwdb;                /* names only from the ids file, not udev's hwdb */
	probe_pci_read_fn read_text; /* sysfs link attributes; NULL = read(2). Tests
	                              * use it for permission errors, which root
	                              * cannot get from chmod */
	const char *host_sysfs_root; /* the live host's sysfs (ctx->sysfs_root NULL);
	                              * NULL = "/sys". Tests play the host with it */
};

/* What probe_pci_backend.run does, with options (opts may be NULL).
 * Appends the devices found to `list` (sorted by slot) and host-level
 * notes to list->notes. Returns 0, or -1 with err set:
 *   TPP_EX_NOINPUT  dump file missing or unreadable; an explicit sysfs
 *                   root without bus/pci/devices; a file libpci needs in
 *                   a sysfs tree is missing
 *   TPP_EX_DATAERR  malformed dump or sysfs tree
 *   TPP_EX_OSERR    out of memory
 * On the live host (ctx->sysfs_root NULL) a missing /sys/bus/pci is a
 * note, not an error: containers often have none. */
int probe_pci_run(const struct probe_ctx *ctx, const struct probe_pci_opts *opts, struct probe_list *list,
		  struct tpp_error *err);

/* Whether a PCI class (16-bit base:sub) is one the backend lists by class. */
bool probe_pci_class_listed(unsigned class16);

#endif
