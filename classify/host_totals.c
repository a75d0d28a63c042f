/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/host_totals.h"

void host_totals(const struct assessment *records, size_t n, struct host_totals *out)
{
	*out = (struct host_totals){ .devices = n };
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &records[i];
		if (a->display_only)
			continue;
		out->accelerators++;
		bool controlled = a->cl->status == CLASS_CONTROLLED;
		out->controlled += controlled;
		out->undetermined += a->cl->status == CLASS_UNDETERMINED;
		if (!a->tpp.known) {
			out->tpp_unknown++;
			continue;
		}
		out->tpp += a->tpp.value;
		if (controlled)
			out->controlled_tpp += a->tpp.value;
	}
}
