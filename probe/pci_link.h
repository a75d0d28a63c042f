/* PCIe link speed and width as the kernel's sysfs text and the PCI Express
 * capability registers give them. Pure functions, no I/O.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_PCI_LINK_H
#define TPP_PROBE_PCI_LINK_H

#include <stdbool.h>
#include <stddef.h>

/* GT/s for a Link Capabilities / Link Status speed code (1 = 2.5 GT/s ...
 * 6 = 64 GT/s); 0 for a code no PCIe revision defines. */
double pci_link_code_gts(unsigned code);

/* current_link_speed / max_link_speed: "16.0 GT/s PCIe" (kernel 4.19+),
 * "8 GT/s" or "2.5 GT/s" (older kernels), possibly NUL-padded or with a
 * newline. False for "Unknown" (no link, e.g. an integrated device) and for
 * anything that is not a speed. `len` bytes of `text` are looked at. */
bool pci_link_parse_speed(const char *text, size_t len, double *gts);

/* current_link_width / max_link_width: "16". False for 0 (no link), for
 * widths PCIe does not have (above 32) and for anything else. */
bool pci_link_parse_width(const char *text, size_t len, double *width);

#endif
