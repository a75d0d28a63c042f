/* What the probe read, rendered: the per-function fields (JSON and -v
 * text) and the probed TPP estimate.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_PROBE_H
#define TPP_RENDER_PROBE_H

#include <jansson.h>
#include <stdio.h>

#include "classify/identify.h"

json_t *function_json(const struct probe_device *d);
/* The estimate's inputs and result (without its verdict). */
json_t *probed_json(const struct probed_tpp *pt);
/* Everything read for an item, each value with its source (-v). */
void probe_verbose_text(FILE *f, const struct scan_item *it);
/* "0000:c1:00.0+c2:00.0": the item's functions. */
void item_slots(char *buf, size_t n, const struct scan_item *it);

#endif
