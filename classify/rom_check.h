/* Cross-check of each function's option ROM (read by the probe stage)
 * against its PCI IDs, its knowledge-base part and the driver's version.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ROM_CHECK_H
#define TPP_ROM_CHECK_H

#include "classify/identify.h"

void rom_check_item(const struct kb *kb, struct scan_item *it);

#endif
