/* Run every probe backend in order: pci creates the records, the others
 * add what they can read.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_H
#define TPP_PROBE_H

#include "probe/device.h"

/* The backends in the order they run. */
extern const struct probe_backend *const probe_backends[];
extern const size_t probe_n_backends;

/* pci first (an error there stops the scan: a bad dump is bad input);
 * the others only add fields and notes. */
int probe_run(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err);

#endif
