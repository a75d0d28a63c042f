/* The identity files libpci reads itself from a sysfs tree, read again for
 * an evidence report: libpci does not say what it read, so the report
 * records, for each function listed, the files its identity comes from.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_PCI_EVIDENCE_H
#define TPP_PROBE_PCI_EVIDENCE_H

#include "probe/device.h"

/* The files of pci_evidence_files under <sysfs>/bus/pci/devices/<slot>/
 * that exist and are regular, into ctx->read_log (kind "sysfs", read by
 * "tppscan, after libpci"). Nothing for a dump (the dump itself is logged)
 * or without a log. Missing or unreadable files are skipped: the report
 * lists what was hashed, not what was not. */
void probe_log_pci_identity(const struct probe_ctx *ctx, const struct probe_list *list);

/* NULL-terminated: config, vendor, device, subsystem_vendor,
 * subsystem_device, class, revision. */
extern const char *const pci_evidence_files[];

#endif
