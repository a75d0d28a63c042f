/* What changed between two consecutive scans of one host: devices added
 * or removed, a slot whose part, PCI IDs, board (UUID, serial), VBIOS or
 * verdict changed, flags that are new, and the host's site or country.
 * Both scans list their devices in slot order.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_CHANGES_H
#define TPP_FLEET_CHANGES_H

#include "core/fleet_scan.h"

enum fleet_change_kind { CHANGE_FIRST_SCAN, CHANGE_ADDED, CHANGE_REMOVED, CHANGE_PART, CHANGE_IDS, CHANGE_UUID,
	CHANGE_SERIAL, CHANGE_VBIOS, CHANGE_VERDICT, CHANGE_FLAG, CHANGE_SITE, CHANGE_COUNTRY };
const char *fleet_change_name(enum fleet_change_kind k);

struct fleet_change {
	enum fleet_change_kind kind;
	const char *slot;          /* "" for the host */
	char was[200], now[200];
};

typedef int (*fleet_change_fn)(void *arg, const struct fleet_scan *prev, const struct fleet_scan *cur,
			       const struct fleet_change *ch, struct tpp_error *err);

/* Every change from prev to cur (prev NULL: cur is the host's first scan). */
int fleet_changes_between(const struct fleet_scan *prev, const struct fleet_scan *cur, fleet_change_fn fn, void *arg,
			  struct tpp_error *err);

#endif
