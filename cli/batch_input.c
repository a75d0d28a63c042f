/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/batch_input.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/jsonscan.h"

static const char *const col_names[BC_N] = { "id", "part", "tpp", "pd", "die_area", "tpp_min", "tpp_max", "pd_min",
	"pd_max", "datacenter", "io_bidir", "dram_bw", "transistors", "has_hbm", "hbm_mbd" };

const char *batch_col_name(enum batch_col c)
{
	return col_names[c];
}

static int col_of(const char *name, size_t len)
{
	for (int i = 0; i < BC_N; i++)
		if (strlen(col_names[i]) == len && !memcmp(col_names[i], name, len))
			return i;
	return -1;
}

static bool is_bool_col(int c)
{
	return c == BC_DATACENTER || c == BC_HAS_HBM;
}

/* --- values ------------------------------------------------------------------ */

static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* A decimal number, strictly: [-]digits[.digits][e[+-]digits], nothing
 * else (no hex, inf, nan, spaces). Up to 15 significant digits without an
 * exponent are converted exactly without strtod (an integer below 2^53
 * divided by an exact power of ten rounds once, correctly). */
static bool parse_number(const char *s, double *out)
{
	const char *p = s;
	bool neg = *p == '-';
	p += neg;
	uint64_t m = 0;
	int digits = 0, frac = -1;
	bool exp = false;
	const char *start = p;
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (digits < 18)
				m = m * 10 + (uint64_t)(*p - '0');
			digits++;
			frac += frac >= 0;
		} else if (*p == '.' && frac < 0 && p > start) {
			frac = 0;
		} else
			break;
	}
	if (p == start || p[-1] == '.')
		return false;
	if (*p == 'e' || *p == 'E') {
		exp = true;
		p++;
		p += *p == '+' || *p == '-';
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return false;
	if (!exp && digits <= 15) {
		double v = (double)m / pow10[frac > 0 ? frac : 0];
		*out = neg && v != 0 ? -v : v;
		return true;
	}
	errno = 0;
	double v = strtod(s, NULL);
	if (errno == ERANGE || !isfinite(v))
		return false;
	*out = v == 0 ? 0.0 : v;
	return true;
}

static bool parse_yesno(const char *s, bool *out)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1"))
		*out = true;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0"))
		*out = false;
	else
		return false;
	return true;
}

/* One value of column c, given as text. */
static int set_value(struct batch_row *r, int c, const char *text, char *msg, size_t msg_len)
{
	if (r->set[c]) {
		snprintf(msg, msg_len, "%s given twice", col_names[c]);
		return -1;
	}
	r->set[c] = true;
	r->text[c] = text;
	if (c == BC_ID || c == BC_PART)
		return 0;
	if (is_bool_col(c)) {
		if (parse_yesno(text, &r->boolean[c]))
			return 0;
		snprintf(msg, msg_len, "%s: '%.40s' is not yes or no", col_names[c], text);
		return -1;
	}
	if (!parse_number(text, &r->num[c])) {
		snprintf(msg, msg_len, "%s: '%.40s' is not a number", col_names[c], text);
		return -1;
	}
	if (r->num[c] < 0) {
		snprintf(msg, msg_len, "%s: '%.40s' is negative", col_names[c], text);
		return -1;
	}
	return 0;
}

/* --- CSV ----------------------------------------------------------------------- */

/* Split a CSV record in place (RFC 4180: "" inside quotes is a quote);
 * the number of fields, or -1 with msg. */
static int split_csv(char *line, size_t len, char **fields, size_t max, char *msg, size_t msg_len)
{
	size_t n = 0;
	char *p = line, *end = line + len;
	if (!memchr(line, '"', len)) {   /* the common case: no quoting at all */
		for (;;) {
			if (n == max)
				goto too_many;
			fields[n++] = p;
			char *c = memchr(p, ',', (size_t)(end - p));
			if (!c)
				return (int)n;
			*c = '\0';
			p = c + 1;
		}
	}
	for (;;) {
		if (n == max)
			goto too_many;
		char *o = p;
		fields[n++] = p;
		if (p < end && *p == '"') {
			for (p++;; p++) {
				if (p >= end) {
					snprintf(msg, msg_len, "unterminated quoted field");
					return -1;
				}
				if (*p == '"' && p + 1 < end && p[1] == '"')
					*o++ = *p++;
				else if (*p == '"')
					break;
				else
					*o++ = *p;
			}
			p++;
			if (p < end && *p != ',') {
				snprintf(msg, msg_len, "text after a quoted field");
				return -1;
			}
		} else {
			while (p < end && *p != ',') {
				if (*p == '"') {
					snprintf(msg, msg_len, "a quote inside an unquoted field");
					return -1;
				}
				*o++ = *p++;
			}
		}
		bool more = p < end;
		*o = '\0';
		if (!more)
			return (int)n;
		p++;
	}
too_many:
	snprintf(msg, msg_len, "more than %zu fields", max);
	return -1;
}

int batch_header_parse(char *line, size_t len, struct batch_header *h, char *msg, size_t msg_len)
{
	char *f[BATCH_MAX_COLS];
	int n = split_csv(line, len, f, BATCH_MAX_COLS, msg, msg_len);
	if (n < 0)
		return -1;
	unsigned seen = 0;
	*h = (struct batch_header){ .n = (size_t)n };
	for (int i = 0; i < n; i++) {
		int c = col_of(f[i], strlen(f[i]));
		if (c < 0) {
			snprintf(msg, msg_len, "the header names an unknown column '%.40s' (known: id, part, tpp, pd, die_area, "
				 "tpp_min, tpp_max, pd_min, pd_max, datacenter, io_bidir, dram_bw, transistors, has_hbm, hbm_mbd)",
				 f[i]);
			return -1;
		}
		if (seen & (1u << c)) {
			snprintf(msg, msg_len, "the header names column '%s' twice", f[i]);
			return -1;
		}
		seen |= 1u << c;
		h->col[i] = (enum batch_col)c;
	}
	return 0;
}

int batch_csv_row(const struct batch_header *h, char *line, size_t len, struct batch_row *r, char *msg,
		  size_t msg_len)
{
	char *f[BATCH_MAX_COLS];
	memset(r->set, 0, sizeof(r->set));
	int n = split_csv(line, len, f, BATCH_MAX_COLS, msg, msg_len);
	if (n < 0)
		return -1;
	if ((size_t)n != h->n) {
		snprintf(msg, msg_len, "%d field%s, the header has %zu", n, n == 1 ? "" : "s", h->n);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (*f[i] && set_value(r, h->col[i], f[i], msg, msg_len))
			return -1;
	return 0;
}

/* --- JSON Lines --------------------------------------------------------------- */

struct json_row {
	struct batch_row *r;
	char *msg;
	size_t msg_len;
};

static int on_member(void *arg, const struct js_event *e)
{
	struct json_row *x = arg;
	if (e->depth != 1)
		return 0;   /* inside a value this reader rejects below */
	int c = col_of(e->key, strlen(e->key));
	if (c < 0) {
		snprintf(x->msg, x->msg_len, "unknown member '%.40s'", e->key);
		return -1;
	}
	if (e->type == JS_NULL)
		return 0;
	bool ok = c == BC_ID ? e->type == JS_STRING || e->type == JS_NUMBER
		: c == BC_PART ? e->type == JS_STRING
		: is_bool_col(c) ? e->type == JS_TRUE || e->type == JS_FALSE || e->type == JS_STRING
		: e->type == JS_NUMBER;
	if (!ok) {
		snprintf(x->msg, x->msg_len, "%s: wrong type", col_names[c]);
		return -1;
	}
	if (e->type == JS_TRUE || e->type == JS_FALSE)
		return set_value(x->r, c, e->type == JS_TRUE ? "true" : "false", x->msg, x->msg_len);
	/* a number's literal is not terminated (the scanner reads on from its
	 * end): a copy is */
	if (e->type == JS_NUMBER) {
		if (e->len >= sizeof(x->r->literal[c])) {
			snprintf(x->msg, x->msg_len, "%s: number too long", col_names[c]);
			return -1;
		}
		memcpy(x->r->literal[c], e->text, e->len);
		x->r->literal[c][e->len] = '\0';
		return set_value(x->r, c, x->r->literal[c], x->msg, x->msg_len);
	}
	return set_value(x->r, c, e->text, x->msg, x->msg_len);
}

int batch_json_row(char *line, size_t len, struct batch_row *r, char *msg, size_t msg_len)
{
	memset(r->set, 0, sizeof(r->set));
	struct json_row x = { r, msg, msg_len };
	char why[200];
	int rc = json_scan(line, len, on_member, &x, why, sizeof(why));
	if (rc == -1 && why[0])
		snprintf(msg, msg_len, "%s", why);
	return rc ? -1 : 0;
}

/* --- figures --------------------------------------------------------------------- */

static int check_figures(const struct batch_row *r, char *msg, size_t msg_len)
{
	const bool *s = r->set;
	bool figures = false;
	for (int c = BC_TPP; c < BC_N; c++)
		figures |= s[c];
	const char *why = s[BC_PART] && figures ? "give a part or figures, not both"
		: s[BC_PD] && s[BC_DIE_AREA] ? "give pd or die_area, not both"
		: (s[BC_TPP] && (s[BC_TPP_MIN] || s[BC_TPP_MAX])) ||
				((s[BC_PD] || s[BC_DIE_AREA]) && (s[BC_PD_MIN] || s[BC_PD_MAX]))
			? "a figure is either declared or bounded, not both"
		: (s[BC_TPP_MIN] && s[BC_TPP_MAX] && r->num[BC_TPP_MIN] > r->num[BC_TPP_MAX]) ||
				(s[BC_PD_MIN] && s[BC_PD_MAX] && r->num[BC_PD_MIN] > r->num[BC_PD_MAX])
			? "a minimum is above its maximum"
		: s[BC_DIE_AREA] && !s[BC_TPP] ? "die_area needs tpp to compute PD"
		: s[BC_DIE_AREA] && r->num[BC_DIE_AREA] == 0 ? "die_area must be greater than 0"
		: NULL;
	if (why) {
		snprintf(msg, msg_len, "%s", why);
		return -1;
	}
	return 0;
}

int batch_row_figures(const struct batch_row *r, struct declared_figures *d, struct class_input *in, char *msg,
		      size_t msg_len)
{
	if (check_figures(r, msg, msg_len))
		return -1;
	if (r->set[BC_PART])
		return 1;
	*d = (struct declared_figures){ 0 };
	*in = (struct class_input){ 0 };
	static const struct { int col; const char *param; } extra[] = { { BC_IO_BIDIR, "io_bidir_gbps" },
		{ BC_DRAM_BW, "dram_bw_gbps" }, { BC_TRANSISTORS, "transistors" } };
	if (r->set[BC_DATACENTER])
		class_input_bool(in, "datacenter", r->boolean[BC_DATACENTER], "declared");
	if (r->set[BC_HAS_HBM])
		class_input_bool(in, "has_hbm", r->boolean[BC_HAS_HBM], "declared");
	for (size_t i = 0; i < 3; i++)
		if (r->set[extra[i].col])
			class_input_number(in, extra[i].param, r->num[extra[i].col], "declared");
	if (r->set[BC_HBM_MBD])
		class_input_number(in, "hbm_mbd", r->num[BC_HBM_MBD], "declared");
	double *slot[] = { &d->tpp, &d->pd, &d->area, &d->tpp_lo, &d->tpp_hi, &d->pd_lo, &d->pd_hi };
	bool *set[] = { &d->tpp_set, &d->pd_set, &d->area_set, &d->tpp_lo_set, &d->tpp_hi_set, &d->pd_lo_set,
		&d->pd_hi_set };
	for (int c = BC_TPP; c <= BC_PD_MAX; c++)
		if (r->set[c]) {
			*slot[c - BC_TPP] = r->num[c];
			*set[c - BC_TPP] = true;
		}
	for (int c = BC_TPP; c <= BC_TRANSISTORS; c++)
		d->ic |= r->set[c];
	d->ic |= r->set[BC_HAS_HBM];
	d->hbm = r->set[BC_HBM_MBD];
	if (!d->ic && !d->hbm) {
		snprintf(msg, msg_len, "nothing to classify: give part, tpp or hbm_mbd");
		return -1;
	}
	return 0;
}
