/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/enrich.h"

#include <math.h>

bool probe_enrich_max(struct probe_device *d, const char *field, struct probe_num *n, double v,
		      const char *source)
{
	if (!n->valid) {
		probe_set_num(n, v, source);
		return true;
	}
	if (fabs(n->value - v) < 0.5)
		return true;
	const char *old_source = n->source ? n->source : "another source";
	bool ok = probe_note(d, field, "%s reports %.0f, %s reports %.0f; using the higher", old_source,
			     n->value, source, v);
	if (v > n->value)
		probe_set_num(n, v, source);
	return ok;
}

bool probe_enrich_str_default(struct probe_str *s, const char *v, const char *source)
{
	if (s->value)
		return true;
	return probe_set_str(s, v, source);
}
