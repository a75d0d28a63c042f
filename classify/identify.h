/* From probed PCI functions to identified parts: knowledge-base match,
 * multi-function packages grouped, a probed TPP from units x clock x rate,
 * and the discrepancies a customs lab must see.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_IDENTIFY_H
#define TPP_IDENTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/kb.h"
#include "classify/metrics.h"
#include "core/device.h"
#include "core/error.h"

#define SCAN_MAX_FUNCS 8
#define SCAN_MAX_WARN 12
#define SCAN_MAX_CANDIDATES 8

struct scan_warning {
	const char *code;         /* stable, for JSON: "clock-above-datasheet", ... */
	char text[400];
};

/* TPP from what the probe read: units x clock x the architecture's dense
 * ops per clock per unit, per precision, summed over the package's
 * functions, never above the part's recorded cap. */
struct probed_tpp {
	bool known;
	double tpp;
	enum tpp_precision precision;
	double tops;              /* dense TOPS at that precision */
	double units;             /* summed over functions */
	double clock_mhz;         /* the clock used (highest over functions) */
	const char *clock_kind;   /* "boost clock", "max clock" */
	const char *clock_source;
	const char *units_source;
	const struct kb_arch *arch;
	const char *arch_basis;   /* "knowledge base" or what it was inferred from */
	double rate;              /* dense ops per clock per unit at `precision` */
	bool capped;              /* the cap lowered the result */
	const char *why_unknown;  /* when !known */
	double per_precision[PREC_COUNT];
	bool have[PREC_COUNT];
};

struct scan_item {
	struct probe_device *dev[SCAN_MAX_FUNCS];   /* the package's functions, slot order */
	size_t n_dev;
	const struct kb_part *part;                 /* NULL when unknown */
	enum kb_match match;
	const struct kb_part *candidates[SCAN_MAX_CANDIDATES];
	size_t n_candidates;
	struct probed_tpp probed;
	struct scan_warning *warn;   /* allocated as raised: most items have none */
	size_t n_warn;
	size_t n_warn_dropped;    /* past SCAN_MAX_WARN: counted and reported, never lost silently */
};

struct scan_result {
	struct scan_item *items;
	size_t n;
};

int identify_devices(const struct kb *kb, struct probe_list *list, struct scan_result *out,
		     struct tpp_error *err);
void scan_result_free(struct scan_result *r);
void scan_item_free(struct scan_item *it);

/* Add a warning to an item; past SCAN_MAX_WARN it is counted in
 * n_warn_dropped, which every output reports. */
void scan_warn(struct scan_item *it, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Knowledge-base architecture for a probed architecture string: NVML names
 * ("Hopper"), amdgpu/KFD gfx targets ("gfx942"). NULL when the string does
 * not pin one down (NVML "Ampere" covers GA100 and GA10x). */
const struct kb_arch *identify_arch_from_string(const struct kb *kb, const char *s, const char **basis);

#endif
