/* Helpers shared by the NVIDIA backends (procfs and NVML).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_NVIDIA_COMMON_H
#define TPP_PROBE_NVIDIA_COMMON_H

#include <stdbool.h>

#include "probe/device.h"

#define NVIDIA_PCI_VENDOR 0x10de

/* A PCI address as NVIDIA writes it ("00000000:C1:00.0" from NVML,
 * "0000:c1:00.0" from procfs, or "C1:00.0" without a domain) in the
 * form the device list is keyed on, "0000:c1:00.0". False if `bus_id` is
 * not such an address, or its domain does not fit the 16 bits a slot holds. */
bool nvidia_slot_normalise(const char *bus_id, char out[16]);

/* Whether any record in the list is an NVIDIA PCI function. */
bool nvidia_list_has_nvidia(const struct probe_list *list);

/* Sets `field` to `value` unless another source already filled it; if the
 * two disagree the first stays and the device gets a note naming both.
 * An empty value is ignored. False only when out of memory. */
bool nvidia_merge_str(struct probe_device *d, struct probe_str *field, const char *what,
	const char *value, const char *source);

#endif
