/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/manifest.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/jsonv.h"

/* A decimal number, the whole string, finite and not negative. */
static bool parse_figure(const char *s, double *out)
{
	if (!*s || strpbrk(s, "xXnNiI \t"))
		return false;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v) || v < 0)
		return false;
	*out = v == 0 ? 0.0 : v;
	return true;
}

static bool parse_quantity(const char *s, unsigned long *out)
{
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 7)
		return false;
	unsigned long v = strtoul(s, NULL, 10);
	if (v < 1 || v > DECL_MAX_QUANTITY)
		return false;
	*out = v;
	return true;
}

/* Serials are unique across the whole declaration: a board is declared once. */
static int check_serials(const struct declaration *d, const char *file, struct tpp_error *err)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct decl_line *l = &d->lines[i];
		if (l->n_serials > l->quantity) {
			tpp_error_set(err, TPP_EX_DATAERR, "%s: %zu serials for a quantity of %lu", l->origin, l->n_serials,
				      l->quantity);
			return -1;
		}
		for (size_t k = 0; k < l->n_serials; k++)
			for (size_t j = i; j < d->n; j++)
				for (size_t m = j == i ? k + 1 : 0; m < d->lines[j].n_serials; m++)
					if (!strcmp(l->serials[k], d->lines[j].serials[m])) {
						tpp_error_set(err, TPP_EX_DATAERR, "%s: serial '%s' is declared twice (%s, %s)",
							      file, l->serials[k], l->origin, d->lines[j].origin);
						return -1;
					}
	}
	return 0;
}

/* Serial numbers in one text field: separated by spaces, tabs or ';'. */
static bool add_serials(struct decl_line *l, const char *s)
{
	while (*s) {
		s += strspn(s, " \t;");
		size_t n = strcspn(s, " \t;");
		if (n && !decl_line_add_serial(l, s, n))
			return false;
		s += n;
	}
	return true;
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_line_serials(struct jv *c, json_t *line, const char *path, struct decl_line *l)
{
	json_t *serials = jv_array(c, line, path, "serials", false);
	size_t i;
	json_t *s;
	char p[256];
	json_array_foreach(serials, i, s) {
		if (jv_failed(c))
			return;
		jv_index_path(p, sizeof(p), path, i);
		if (!json_is_string(s) || !json_string_length(s) || strpbrk(json_string_value(s), " \t;")) {
			jv_fail(c, p, "a serial must be a non-empty string without spaces or ';'");
			return;
		}
		if (l->n_serials >= DECL_MAX_SERIALS || !decl_line_add_serial(l, json_string_value(s), json_string_length(s)))
			jv_fail(c, p, "too many serials");
	}
}

static void json_line(struct jv *c, json_t *line, const char *path, struct decl_line *l)
{
	static const char *const keys[] = { "part", "quantity", "serials", "tpp", "pd", "note", NULL };
	char p[256];
	if (!json_is_object(line)) {
		jv_fail(c, path, "must be an object");
		return;
	}
	jv_only_keys(c, line, path, keys);
	const char *part = jv_string(c, line, path, "part", true);
	double q = 0;
	if (jv_number(c, line, path, "quantity", true, &q) &&
	    (!json_is_integer(json_object_get(line, "quantity")) || q < 1 || q > DECL_MAX_QUANTITY))
		jv_fail(c, jv_key_path(p, sizeof(p), path, "quantity"), "must be a whole number from 1 to %d",
			DECL_MAX_QUANTITY);
	l->quantity = (unsigned long)q;
	l->tpp_set = jv_number(c, line, path, "tpp", false, &l->tpp);
	l->pd_set = jv_number(c, line, path, "pd", false, &l->pd);
	if ((l->tpp_set && l->tpp < 0) || (l->pd_set && l->pd < 0))
		jv_fail(c, path, "tpp and pd must not be negative");
	jv_string(c, line, path, "note", false);
	json_line_serials(c, line, path, l);
	if (!jv_failed(c) && part && !(l->query = strdup(part)))
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
	snprintf(l->origin, sizeof(l->origin), "%s: %s", c->file, path);
}

static int parse_json(const char *file, const char *data, size_t len, struct declaration *d, struct tpp_error *err)
{
	static const char *const keys[] = { "lines", "reference", NULL };
	struct jv c = { file, err };
	json_t *root = jv_parse(&c, data, len);
	if (!root)
		return -1;
	jv_only_keys(&c, root, "", keys);
	const char *ref = jv_string(&c, root, "", "reference", false);
	if (ref && !jv_failed(&c) && !(d->reference = strdup(ref)))
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	json_t *lines = jv_array(&c, root, "", "lines", true);
	if (lines && !json_array_size(lines))
		jv_fail(&c, "lines", "declares nothing (no lines)");
	if (lines && json_array_size(lines) > DECL_MAX_LINES)
		jv_fail(&c, "lines", "more than %d lines", DECL_MAX_LINES);
	size_t i;
	json_t *line;
	json_array_foreach(lines, i, line) {
		if (jv_failed(&c))
			break;
		char p[64];
		struct decl_line *l = declaration_add(d, err);
		if (l)
			json_line(&c, line, jv_index_path(p, sizeof(p), "lines", i), l);
	}
	json_decref(root);
	return jv_failed(&c) ? -1 : 0;
}

/* ---- CSV ------------------------------------------------------------------ */

enum csv_col { COL_PART, COL_QUANTITY, COL_SERIALS, COL_TPP, COL_PD, COL_NOTE, COL_N };
static const char *const col_names[COL_N] = { "part", "quantity", "serials", "tpp", "pd", "note" };
#define CSV_MAX_FIELDS 16
#define CSV_FIELD_MAX 4096

struct csv {
	const char *file;
	size_t line;
	char fields[CSV_MAX_FIELDS][CSV_FIELD_MAX];
	size_t n;
	int col[COL_N];           /* field index of each column, -1 when absent */
	struct tpp_error *err;
};

static int csv_fail(struct csv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int csv_fail(struct csv *c, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tpp_error_set(c->err, TPP_EX_DATAERR, "%s:%zu: %s", c->file, c->line, msg);
	return -1;
}

/* Append one byte to the current field. */
static int field_put(struct csv *c, size_t *o, char ch)
{
	if (*o + 1 >= CSV_FIELD_MAX)
		return csv_fail(c, "a field is longer than %d bytes", CSV_FIELD_MAX - 1);
	c->fields[c->n][(*o)++] = ch;
	return 0;
}

/* Split one line (RFC 4180 quoting; a quoted field may not span lines)
 * into c->fields, unquoted fields trimmed of blanks. */
static int csv_split(struct csv *c, const char *s, size_t len)
{
	c->n = 0;
	size_t i = 0;
	for (;;) {
		if (c->n == CSV_MAX_FIELDS)
			return csv_fail(c, "more than %d fields", CSV_MAX_FIELDS);
		size_t o = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len && s[i] == '"') {
			for (i++;; i++) {
				if (i >= len)
					return csv_fail(c, "a quoted field is not closed on this line");
				if (s[i] == '"' && !(i + 1 < len && s[i + 1] == '"'))
					break;
				if (field_put(c, &o, s[i]))
					return -1;
				if (s[i] == '"')
					i++;
			}
			i++;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < len && s[i] != ',')
				return csv_fail(c, "text after a quoted field");
		} else {
			while (i < len && s[i] != ',')
				if (field_put(c, &o, s[i++]))
					return -1;
			while (o && (c->fields[c->n][o - 1] == ' ' || c->fields[c->n][o - 1] == '\t'))
				o--;
		}
		c->fields[c->n++][o] = '\0';
		if (i >= len)
			return 0;
		i++;   /* the comma */
	}
}

static int csv_header(struct csv *c)
{
	for (int k = 0; k < COL_N; k++)
		c->col[k] = -1;
	for (size_t f = 0; f < c->n; f++) {
		int k = 0;
		while (k < COL_N && strcasecmp(c->fields[f], col_names[k]))
			k++;
		if (k == COL_N)
			return csv_fail(c, "unknown column '%s' (columns: part, quantity, serials, tpp, pd, note)",
					c->fields[f]);
		if (c->col[k] >= 0)
			return csv_fail(c, "column '%s' is named twice", col_names[k]);
		c->col[k] = (int)f;
	}
	if (c->col[COL_PART] < 0 || c->col[COL_QUANTITY] < 0)
		return csv_fail(c, "the header must name the columns part and quantity");
	return 0;
}

static const char *cell(struct csv *c, enum csv_col k)
{
	return c->col[k] >= 0 && (size_t)c->col[k] < c->n ? c->fields[c->col[k]] : "";
}

static int csv_record(struct csv *c, struct declaration *d)
{
	if (d->n >= DECL_MAX_LINES)
		return csv_fail(c, "more than %d lines", DECL_MAX_LINES);
	struct decl_line *l = declaration_add(d, c->err);
	if (!l)
		return -1;
	snprintf(l->origin, sizeof(l->origin), "%s:%zu", c->file, c->line);
	const char *part = cell(c, COL_PART), *q = cell(c, COL_QUANTITY), *tpp = cell(c, COL_TPP), *pd = cell(c, COL_PD);
	if (!*part)
		return csv_fail(c, "no part named");
	if (!parse_quantity(q, &l->quantity))
		return csv_fail(c, "quantity '%s' is not a whole number from 1 to 1000000", q);
	if ((l->tpp_set = *tpp) && !parse_figure(tpp, &l->tpp))
		return csv_fail(c, "tpp '%s' is not a number (decimal, not negative)", tpp);
	if ((l->pd_set = *pd) && !parse_figure(pd, &l->pd))
		return csv_fail(c, "pd '%s' is not a number (decimal, not negative)", pd);
	if (!(l->query = strdup(part)) || !add_serials(l, cell(c, COL_SERIALS))) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	if (l->n_serials > DECL_MAX_SERIALS)
		return csv_fail(c, "more than %d serials", DECL_MAX_SERIALS);
	return 0;
}

static int parse_csv(const char *file, const char *data, size_t len, struct declaration *d, struct tpp_error *err)
{
	struct csv *c = calloc(1, sizeof(*c));
	if (!c) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	*c = (struct csv){ .file = file, .err = err };
	bool header = false;
	int rc = 0;
	for (size_t i = 0; i < len && !rc;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
		c->line++;
		if (n && data[i + n - 1] == '\r')
			n--;
		size_t lead = 0;   /* the data need not end in a NUL */
		while (lead < n && (data[i + lead] == ' ' || data[i + lead] == '\t'))
			lead++;
		bool skip = lead >= n || data[i + lead] == '#';
		if (!skip)
			rc = csv_split(c, data + i, n) || (header ? csv_record(c, d) : csv_header(c)) ? -1 : 0;
		header |= !skip;
		i = end + 1;
	}
	if (!rc && !d->n) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: declares nothing (%s)", file,
			      header ? "a header but no lines" : "no header line: part,quantity[,serials,tpp,pd,note]");
		rc = -1;
	}
	free(c);
	return rc;
}

/* ---- both ----------------------------------------------------------------- */

int manifest_parse(const struct kb *kb, const char *file, const char *data, size_t len, struct declaration *out,
		   struct tpp_error *err)
{
	*out = (struct declaration){ 0 };
	if (memchr(data, '\0', len)) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: holds NUL bytes: not a JSON or CSV manifest", file);
		return -1;
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {   /* a UTF-8 byte order mark, as spreadsheets write */
		data += 3;
		len -= 3;
	}
	size_t lead = 0;
	while (lead < len && strchr(" \t\r\n", data[lead]))
		lead++;
	bool json = lead < len && data[lead] == '{';
	int rc = json ? parse_json(file, data, len, out, err) : parse_csv(file, data, len, out, err);
	for (size_t i = 0; !rc && i < out->n; i++) {
		char what[128];
		snprintf(what, sizeof(what), "%s: part", out->lines[i].origin);
		rc = decl_resolve(kb, &out->lines[i], what, TPP_EX_DATAERR, err);
	}
	if (!rc)
		rc = check_serials(out, file, err);
	if (rc)
		declaration_free(out);
	return rc;
}
