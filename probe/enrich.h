/* How the backends that enrich a record (sysfs, drm) combine what they
 * read with what another source already put there, so the result does not
 * depend on the order they run in.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_ENRICH_H
#define TPP_PROBE_ENRICH_H

#include <stdbool.h>

#include "probe/device.h"

/* Sets n to v when it is unknown. When another source already gave a
 * different value, keeps the higher one and notes both on d under `field`:
 * for export control the higher clock or unit count is the one the part
 * can run at, and a disagreement (an overclocked DPM table against the
 * firmware default, a partition against the whole GPU) is worth seeing.
 * False only when the note could not be stored (out of memory). */
bool probe_enrich_max(struct probe_device *d, const char *field, struct probe_num *n, double v,
		      const char *source);

/* Sets s to v when s is unknown; leaves a value from another source alone.
 * False on out of memory. */
bool probe_enrich_str_default(struct probe_str *s, const char *v, const char *source);

#endif
