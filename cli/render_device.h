/* Renderers of one report record (struct assessment), one per format: the
 * JSON device object, a CSV row and a text table row. scan, lookup and
 * classify all render through these; each command only picks the columns
 * (CSV, text) its contract lists.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_DEVICE_H
#define TPP_RENDER_DEVICE_H

#include <jansson.h>
#include <stdio.h>

#include "classify/assess.h"
#include "cli/cli.h"

/* --- JSON --- */

/* The device object of the output contract. Classification objects are
 * built once per shared classification (jansson reference counts). */
struct device_json_ctx {
	struct kb *kb;            /* for a part's datasheet row (lookup) */
	json_t *cl_cache;         /* classification pointer (as hex key) -> object */
	struct json_stream *stream;   /* when set, shared objects are serialized once by it */
};
void device_json_init(struct device_json_ctx *x, struct kb *kb, struct json_stream *stream);
void device_json_free(struct device_json_ctx *x);
json_t *device_json(struct device_json_ctx *x, const struct assessment *a);
/* The figures the verdict used: tpp, tpp_source, tpp_precision, pd, pd_source. */
json_t *record_metrics_json(const struct assessment *a);
/* The classification object of a record, shared across identical ones. */
json_t *device_json_classification(struct device_json_ctx *x, const struct classification *cl);

/* --- CSV --- */

struct csv_column {
	const char *name;
	/* writes one cell (csv_field / csv_number) */
	void (*cell)(FILE *f, const struct assessment *a, bool last);
};
/* Columns by name from the one catalogue; NULL if a name is unknown. */
const struct csv_column *csv_column(const char *name);
void csv_header_row(FILE *f, const struct csv_column *const *cols, size_t n);
void csv_record_row(FILE *f, const struct csv_column *const *cols, size_t n, const struct assessment *a);

/* --- text --- */

/* "2368.0", "?" */
void text_metric(char *buf, size_t n, const struct metric_value *m, int decimals);
/* The flags of a record as table letters in the order raised,
 * "UNITS,NAME,CROSS"; "" if none. */
void text_flags(char *buf, size_t n, const struct assessment *a);
/* The verdict a table shows: the first met paragraph when controlled
 * ("3A090.a.1"), else the label ("not 3A090", "undetermined"). */
const char *text_verdict_cell(char *buf, size_t n, const struct classification *cl);
/* The name a record shows: the part's, or what the probe read. */
const char *record_name(const struct assessment *a);

#endif
