/* The views of a scan, one file each (as lspci keeps ls-tree.c, ls-map.c
 * apart): text table with notes, JSON, CSV, JSON Lines, Prometheus textfile. A view renders the report
 * records the assessment made; it decides nothing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_SCAN_VIEW_H
#define TPP_SCAN_VIEW_H

#include "classify/assess.h"
#include "cli/cli.h"
#include "cli/scan_host.h"
#include "probe/device.h"

struct scan_report {
	struct cli *c;
	const struct probe_ctx *ctx;
	const struct probe_list *list;       /* host-level notes */
	struct assessment *records;          /* one per device or package, slot order */
	size_t n;
	const struct scan_host *host;        /* host id, labels, scan time (jsonl, prometheus, json with labels) */
};

int scan_view_text(const struct scan_report *r, struct tpp_error *err);
int scan_view_json(const struct scan_report *r, struct tpp_error *err);
int scan_view_csv(const struct scan_report *r, struct tpp_error *err);
int scan_view_jsonl(const struct scan_report *r, struct tpp_error *err);
/* The textfile of a scan, and the one written when a scan failed. */
void scan_view_prometheus(FILE *f, const struct scan_report *r);
void scan_view_prometheus_failed(FILE *f, const struct cli *c, const struct scan_host *h);

#endif
