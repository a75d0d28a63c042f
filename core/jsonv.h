/* Reading data files with jansson, with errors that name file and JSON path.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_JSONV_H
#define TPP_JSONV_H

#include <jansson.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"

/* Validation context: the file being read and where errors go. After the
 * first error every call fails fast, so callers can check once at the end. */
struct jv {
	const char *file;
	struct tpp_error *err;
};

/* Parse a whole buffer; syntax errors give "file:line:column: problem". */
json_t *jv_parse(struct jv *c, const char *data, size_t len);

bool jv_failed(const struct jv *c);
void jv_fail(struct jv *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Child path "parent.key" or "parent[i]" into buf. */
const char *jv_key_path(char *buf, size_t size, const char *parent, const char *key);
const char *jv_index_path(char *buf, size_t size, const char *parent, size_t i);

/* Accessors: `required` members that are missing, null or of the wrong type
 * are errors; optional ones return NULL / false without an error. */
json_t *jv_object(struct jv *c, json_t *obj, const char *path, const char *key, bool required);
json_t *jv_array(struct jv *c, json_t *obj, const char *path, const char *key, bool required);
const char *jv_string(struct jv *c, json_t *obj, const char *path, const char *key, bool required);
bool jv_number(struct jv *c, json_t *obj, const char *path, const char *key, bool required, double *out);
bool jv_bool(struct jv *c, json_t *obj, const char *path, const char *key, bool required, bool *out);
bool jv_date(struct jv *c, json_t *obj, const char *path, const char *key, bool required, tpp_date *out);
/* Reject members not in `allowed` (NULL-terminated): typos must not pass silently. */
bool jv_only_keys(struct jv *c, json_t *obj, const char *path, const char *const *allowed);

#endif
