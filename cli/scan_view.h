/* The views of a scan, one file each (as lspci keeps ls-tree.c, ls-map.c
 * apart): text table with notes, JSON, CSV. A view renders the report
 * records the assessment made; it decides nothing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_SCAN_VIEW_H
#define TPP_SCAN_VIEW_H

#include "classify/assess.h"
#include "cli/cli.h"
#include "probe/device.h"

struct scan_report {
	struct cli *c;
	const struct probe_ctx *ctx;
	const struct probe_list *list;       /* host-level notes */
	struct assessment *records;          /* one per device or package, slot order */
	size_t n;
};

int scan_view_text(const struct scan_report *r, struct tpp_error *err);
int scan_view_json(const struct scan_report *r, struct tpp_error *err);
int scan_view_csv(const struct scan_report *r, struct tpp_error *err);

#endif
