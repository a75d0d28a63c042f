/* The pci backend's inputs, checked before libpci reads them: libpci
 * skips what it does not understand in a dump, and errors out (leaking)
 * on a sysfs tree with a stray entry.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_PCI_INPUT_H
#define TPP_PROBE_PCI_INPUT_H

#include <stdbool.h>

#include "probe/device.h"

/* Reads the dump file and checks it with pci_dump_check. 0, or -1 with err:
 * TPP_EX_NOINPUT (missing, unreadable, not a regular file: libpci reads it
 * again, so a pipe will not do), TPP_EX_DATAERR (malformed, over 64 MiB). */
int pci_input_check_dump(const char *path, struct read_log *log, struct tpp_error *err);

/* Checks <bus_path>/devices. 0: scan it. 1: there is none and `live` (the
 * host's own /sys, e.g. in a container): a note on `list` says so. -1 with
 * err: TPP_EX_NOINPUT when an explicit tree has none, TPP_EX_DATAERR when an
 * entry is not a PCI address, TPP_EX_OSERR out of memory. */
int pci_input_check_sysfs(const char *bus_path, bool live, struct probe_list *list, struct tpp_error *err);

#endif
