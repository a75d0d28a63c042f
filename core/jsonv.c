/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/jsonv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

json_t *jv_parse(struct jv *c, const char *data, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		tpp_error_set(c->err, TPP_EX_DATAERR, "%s:%d:%d: %s", c->file, je.line, je.column,
			      je.text);
	else if (!json_is_object(root)) {
		tpp_error_set(c->err, TPP_EX_DATAERR, "%s: top level is not a JSON object", c->file);
		json_decref(root);
		root = NULL;
	}
	return root;
}

bool jv_failed(const struct jv *c)
{
	return c->err->status != 0;
}

void jv_fail(struct jv *c, const char *path, const char *fmt, ...)
{
	if (jv_failed(c))
		return;
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tpp_error_set(c->err, TPP_EX_DATAERR, "%s: %s: %s", c->file, path && *path ? path : "(top)", msg);
}

const char *jv_key_path(char *buf, size_t size, const char *parent, const char *key)
{
	snprintf(buf, size, "%s%s%s", parent && *parent ? parent : "", parent && *parent ? "." : "", key);
	return buf;
}

const char *jv_index_path(char *buf, size_t size, const char *parent, size_t i)
{
	snprintf(buf, size, "%s[%zu]", parent ? parent : "", i);
	return buf;
}

static json_t *member(struct jv *c, json_t *obj, const char *path, const char *key, bool required,
		      const char *what, int (*is)(const json_t *))
{
	if (jv_failed(c))
		return NULL;
	char p[256];
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (!v || json_is_null(v)) {
		if (required)
			jv_fail(c, jv_key_path(p, sizeof(p), path, key), "missing (must be %s)", what);
		return NULL;
	}
	if (!is(v)) {
		jv_fail(c, jv_key_path(p, sizeof(p), path, key), "must be %s", what);
		return NULL;
	}
	return v;
}

static int is_object(const json_t *v) { return json_is_object(v); }
static int is_array(const json_t *v) { return json_is_array(v); }
static int is_string(const json_t *v) { return json_is_string(v); }
static int is_number(const json_t *v) { return json_is_number(v); }
static int is_boolean(const json_t *v) { return json_is_boolean(v); }

json_t *jv_object(struct jv *c, json_t *obj, const char *path, const char *key, bool required)
{
	return member(c, obj, path, key, required, "an object", is_object);
}

json_t *jv_array(struct jv *c, json_t *obj, const char *path, const char *key, bool required)
{
	return member(c, obj, path, key, required, "an array", is_array);
}

const char *jv_string(struct jv *c, json_t *obj, const char *path, const char *key, bool required)
{
	json_t *v = member(c, obj, path, key, required, "a string", is_string);
	if (!v)
		return NULL;
	const char *s = json_string_value(v);
	if (required && !*s) {
		char p[256];
		jv_fail(c, jv_key_path(p, sizeof(p), path, key), "must not be empty");
		return NULL;
	}
	return s;
}

bool jv_number(struct jv *c, json_t *obj, const char *path, const char *key, bool required, double *out)
{
	json_t *v = member(c, obj, path, key, required, "a number", is_number);
	if (!v)
		return false;
	double d = json_number_value(v);
	if (!isfinite(d)) {
		char p[256];
		jv_fail(c, jv_key_path(p, sizeof(p), path, key), "must be a finite number");
		return false;
	}
	*out = d;
	return true;
}

bool jv_bool(struct jv *c, json_t *obj, const char *path, const char *key, bool required, bool *out)
{
	json_t *v = member(c, obj, path, key, required, "true or false", is_boolean);
	if (!v)
		return false;
	*out = json_is_true(v);
	return true;
}

bool jv_date(struct jv *c, json_t *obj, const char *path, const char *key, bool required, tpp_date *out)
{
	const char *s = jv_string(c, obj, path, key, required);
	if (!s)
		return false;
	if (!tpp_date_parse(s, out)) {
		char p[256];
		jv_fail(c, jv_key_path(p, sizeof(p), path, key), "'%s' is not a date (YYYY-MM-DD)", s);
		return false;
	}
	return true;
}

bool jv_only_keys(struct jv *c, json_t *obj, const char *path, const char *const *allowed)
{
	if (jv_failed(c) || !json_is_object(obj))
		return !jv_failed(c);
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			ok = ok || strcmp(*a, key) == 0;
		if (!ok) {
			char p[256];
			jv_fail(c, jv_key_path(p, sizeof(p), path, key), "unknown member");
			return false;
		}
	}
	return true;
}
