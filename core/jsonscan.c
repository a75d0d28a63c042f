/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/jsonscan.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct js {
	char *p, *end, *start;
	js_fn fn;
	void *arg;
	char *msg;
	size_t msg_len;
	const char *keys[JS_MAX_DEPTH + 1];   /* the key each open container sits under */
	size_t key_lens[JS_MAX_DEPTH + 1];
};

/* Bytes a string's fast loop must stop at: the quote, the backslash,
 * control characters and every byte of a multi-byte UTF-8 sequence. */
static const unsigned char stop[256] = {
	[0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1,
};

static int fail(struct js *j, const char *what)
{
	snprintf(j->msg, j->msg_len, "column %zu: %s", (size_t)(j->p - j->start) + 1, what);
	return -1;
}

static void skip_ws(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | cp >> 18);
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* An escape after the backslash at j->p; the decoded bytes go to *o. */
static int unescape(struct js *j, char **o)
{
	static const char simple[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
	if (j->p + 1 >= j->end)
		return fail(j, "unterminated string");
	char c = j->p[1];
	const char *k = c ? strchr(simple, c) : NULL;
	if (k) {
		*(*o)++ = decoded[k - simple];
		j->p += 2;
		return 0;
	}
	unsigned cp, lo;
	if (c != 'u' || j->end - j->p < 6 || hex4(j->p + 2, &cp))
		return fail(j, "invalid escape in a string");
	j->p += 6;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(j, "lone low surrogate in a string");
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' || hex4(j->p + 2, &lo) || lo < 0xDC00 ||
		    lo > 0xDFFF)
			return fail(j, "high surrogate without its low surrogate in a string");
		j->p += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0)
		return fail(j, "NUL character in a string");
	*o = put_utf8(*o, cp);
	return 0;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if invalid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* The first stop byte (a quote, a backslash, below 0x20 or above 0x7f)
 * at or after r, eight bytes at a time (SWAR). Each term's lowest set high
 * bit marks the first byte that qualifies (a borrow only disturbs the
 * bytes above it), so the lowest bit of their union is the exact place. */
static char *find_stop(char *r, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	while (end - r >= 8) {
		uint64_t w;
		memcpy(&w, r, 8);
		uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
		uint64_t hit = (((quote - ones) & ~quote) | ((slash - ones) & ~slash) | (w - ones * 0x20) | w) & highs;
		if (hit)
			return r + (__builtin_ctzll(hit) >> 3);
		r += 8;
	}
#endif
	while (r < end && !stop[(unsigned char)*r])
		r++;
	return r;
}

/* A string at j->p (the opening quote), decoded in place from that
 * position and NUL-terminated (the decoded text is always shorter). */
static int string(struct js *j, const char **out, size_t *len)
{
	char *o = j->p, *begin = j->p;
	j->p++;
	for (;;) {
		char *r = find_stop(j->p, j->end);
		size_t run = (size_t)(r - j->p);
		if (o != j->p)
			memmove(o, j->p, run);
		o += run;
		j->p = r;
		if (r >= j->end)
			return fail(j, "unterminated string");
		unsigned char c = (unsigned char)*r;
		if (c == '"') {
			j->p++;
			*o = '\0';
			*out = begin;
			*len = (size_t)(o - begin);
			return 0;
		}
		if (c == '\\') {
			if (unescape(j, &o))
				return -1;
			continue;
		}
		if (c < 0x20)
			return fail(j, "control character in a string");
		size_t n = utf8_len((const unsigned char *)r, (const unsigned char *)j->end);
		if (!n)
			return fail(j, "invalid UTF-8 in a string");
		memmove(o, r, n);
		o += n;
		j->p += n;
	}
}

static bool is_digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

static int number(struct js *j)
{
	char *p = j->p;
	if (p < j->end && *p == '-')
		p++;
	if (!is_digit(p, j->end))
		return fail(j, "invalid number");
	if (*p == '0')
		p++;
	else
		while (is_digit(p, j->end))
			p++;
	if (p < j->end && *p == '.') {
		if (!is_digit(++p, j->end))
			return fail(j, "invalid number");
		while (is_digit(p, j->end))
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (!is_digit(p, j->end))
			return fail(j, "invalid number");
		while (is_digit(p, j->end))
			p++;
	}
	j->p = p;
	return 0;
}

static int literal(struct js *j, const char *word, size_t n)
{
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
		return fail(j, "invalid literal (expected a value)");
	j->p += n;
	return 0;
}

static int value(struct js *j, unsigned depth, const char *key, size_t key_len);

static int emit(struct js *j, unsigned depth, const char *key, size_t key_len, enum js_type t, const char *text,
		size_t len)
{
	if (!j->fn || depth == 0)
		return 0;
	struct js_event e = { .depth = depth, .key = key, .key_len = key_len,
		.parent = depth > 1 ? j->keys[depth - 1] : NULL, .parent_len = depth > 1 ? j->key_lens[depth - 1] : 0,
		.type = t, .text = text, .len = len };
	return j->fn(j->arg, &e);
}

static int container(struct js *j, unsigned depth, const char *key, size_t key_len, bool object)
{
	if (depth >= JS_MAX_DEPTH)
		return fail(j, "nested too deeply");
	int rc = emit(j, depth, key, key_len, object ? JS_OBJECT : JS_ARRAY, NULL, 0);
	if (rc)
		return rc;
	j->keys[depth] = key;
	j->key_lens[depth] = key_len;
	char close = object ? '}' : ']';
	j->p++;
	skip_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		const char *k = NULL;
		size_t klen = 0;
		if (object) {
			if (j->p >= j->end || *j->p != '"')
				return fail(j, "expected a member name");
			if ((rc = string(j, &k, &klen)))
				return rc;
			skip_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return fail(j, "expected ':' after a member name");
			j->p++;
			skip_ws(j);
		}
		if ((rc = value(j, depth + 1, k, klen)))
			return rc;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			skip_ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		return fail(j, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int value(struct js *j, unsigned depth, const char *key, size_t key_len)
{
	if (j->p >= j->end)
		return fail(j, "expected a value");
	const char *text;
	size_t len;
	int rc;
	switch (*j->p) {
	case '{':
		return container(j, depth, key, key_len, true);
	case '[':
		return container(j, depth, key, key_len, false);
	case '"':
		if ((rc = string(j, &text, &len)))
			return rc;
		return emit(j, depth, key, key_len, JS_STRING, text, len);
	case 't':
		return literal(j, "true", 4) ? -1 : emit(j, depth, key, key_len, JS_TRUE, NULL, 0);
	case 'f':
		return literal(j, "false", 5) ? -1 : emit(j, depth, key, key_len, JS_FALSE, NULL, 0);
	case 'n':
		return literal(j, "null", 4) ? -1 : emit(j, depth, key, key_len, JS_NULL, NULL, 0);
	default:
		text = j->p;
		if (number(j))
			return -1;
		return emit(j, depth, key, key_len, JS_NUMBER, text, (size_t)(j->p - text));
	}
}

int json_scan(char *s, size_t len, js_fn fn, void *arg, char *msg, size_t msg_len)
{
	struct js j = { .p = s, .end = s + len, .start = s, .fn = fn, .arg = arg, .msg = msg, .msg_len = msg_len };
	if (msg_len)
		msg[0] = '\0';
	skip_ws(&j);
	if (j.p >= j.end || *j.p != '{')
		return fail(&j, j.p >= j.end ? "empty line (expected a JSON object)" : "not a JSON object");
	int rc = container(&j, 0, NULL, 0, true);
	if (rc)
		return rc;
	skip_ws(&j);
	if (j.p != j.end)
		return fail(&j, "text after the object");
	return 0;
}

bool js_number(const struct js_event *e, double *out)
{
	/* integers of up to 15 digits are exact without strtod */
	const char *p = e->text;
	size_t n = e->len;
	bool neg = n && *p == '-';
	if (n - neg <= 15) {
		uint64_t v = 0;
		size_t i = neg;
		while (i < n && p[i] >= '0' && p[i] <= '9')
			v = v * 10 + (uint64_t)(p[i++] - '0');
		if (i == n) {
			*out = neg ? (v ? -(double)v : 0.0) : (double)v;
			return true;
		}
	}
	char buf[64];
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	double v = strtod(buf, NULL);
	if (errno == ERANGE || !isfinite(v))
		return false;
	*out = v == 0 ? 0.0 : v;
	return true;
}
