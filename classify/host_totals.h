/* What one scan adds up to: accelerators (display-only parts apart), the
 * TPP known, controlled and undetermined parts and their TPP. The
 * per-host figures of the JSON Lines host line and the Prometheus host
 * metrics, from the records' own verdicts.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_HOST_TOTALS_H
#define TPP_HOST_TOTALS_H

#include "classify/assess.h"

struct host_totals {
	size_t devices;          /* records, display-only parts included */
	size_t accelerators;     /* records that are not display-only */
	size_t controlled, undetermined, tpp_unknown;
	double tpp;              /* sum over accelerators whose TPP is known */
	double controlled_tpp;   /* the same over controlled ones */
};

void host_totals(const struct assessment *records, size_t n, struct host_totals *out);

#endif
