/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/sysfs_parse.h"

#include <stdio.h>
#include <string.h>

/* No real clock is near this; a larger value is corruption, and letting it
 * through would turn into an absurd TPP. */
#define DPM_MAX_PLAUSIBLE_MHZ 100000u

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Writes a short, printable rendering of s for a message. */
static void quote(char *dst, size_t size, const char *s, size_t len)
{
	const size_t limit = 32;
	size_t n = 0;
	char tmp[40];
	for (size_t i = 0; i < len && n < limit; i++) {
		unsigned char c = (unsigned char)s[i];
		tmp[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	tmp[n] = '\0';
	snprintf(dst, size, "\"%s%s\"", tmp, len > limit ? "..." : "");
}

static const char *trim(const char *s, size_t *len)
{
	while (*len && is_blank(*s)) {
		s++;
		(*len)--;
	}
	while (*len && is_blank(s[*len - 1]))
		(*len)--;
	return s;
}

size_t sysfs_text_span(const char *buf, size_t len, const char **start)
{
	const char *nul = memchr(buf, '\0', len);
	if (nul)
		len = (size_t)(nul - buf);
	*start = trim(buf, &len);
	return len;
}

enum sysfs_parse sysfs_parse_text(const char *buf, size_t len, char *out, size_t out_size,
				  char why[SYSFS_WHY_SIZE])
{
	const char *s;
	size_t n = sysfs_text_span(buf, len, &s);
	if (out_size)
		out[0] = '\0';
	if (n == 0)
		return SYSFS_PARSE_EMPTY;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r') {
			char q[48];
			quote(q, sizeof(q), s, n);
			snprintf(why, SYSFS_WHY_SIZE, "more than one line: %s", q);
			return SYSFS_PARSE_MALFORMED;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			snprintf(why, SYSFS_WHY_SIZE, "control character 0x%02x at offset %zu", c, i);
			return SYSFS_PARSE_MALFORMED;
		}
	}
	if (out_size) {
		size_t copy = n < out_size - 1 ? n : out_size - 1;
		memcpy(out, s, copy);
		out[copy] = '\0';
	}
	return SYSFS_PARSE_OK;
}

/* Digits at s[0..len) into *out; false if there are none, or on overflow
 * or any other character. */
static bool decimal(const char *s, size_t len, uint64_t *out, bool *overflow)
{
	uint64_t v = 0;
	*overflow = false;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10) {
			*overflow = true;
			return false;
		}
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

enum sysfs_parse sysfs_parse_u64(const char *buf, size_t len, uint64_t *out,
				 char why[SYSFS_WHY_SIZE])
{
	const char *s;
	size_t n = sysfs_text_span(buf, len, &s);
	if (n == 0)
		return SYSFS_PARSE_EMPTY;
	bool overflow;
	if (decimal(s, n, out, &overflow))
		return SYSFS_PARSE_OK;
	char q[48];
	quote(q, sizeof(q), s, n);
	snprintf(why, SYSFS_WHY_SIZE, "%s: %s", overflow ? "number too large" : "not a number", q);
	return SYSFS_PARSE_MALFORMED;
}

static bool unit_is_mhz(const char *s, size_t len)
{
	static const char mhz[] = "mhz";
	if (len != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if ((s[i] | 0x20) != mhz[i])
			return false;
	return true;
}

/* One pp_dpm_* line, already trimmed: "<level>: <n>Mhz[ *]". */
static bool dpm_line(const char *s, size_t len, uint64_t *mhz, bool *overflow)
{
	size_t i = 0;
	*overflow = false;
	if (i < len && s[i] == 'S') {
		i++;
	} else {
		while (i < len && is_digit(s[i]))
			i++;
		if (i == 0)
			return false;
	}
	if (i >= len || s[i++] != ':')
		return false;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t num = i;
	while (i < len && is_digit(s[i]))
		i++;
	if (!decimal(s + num, i - num, mhz, overflow))
		return false;
	size_t unit = i;
	while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '*')
		i++;
	if (!unit_is_mhz(s + unit, i - unit))
		return false;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '*')
		i++;
	return i == len;
}

enum sysfs_parse sysfs_parse_dpm_max_mhz(const char *buf, size_t len, uint64_t *mhz,
					 char why[SYSFS_WHY_SIZE])
{
	const char *s;
	size_t n = sysfs_text_span(buf, len, &s);
	uint64_t best = 0;
	unsigned lines = 0, levels = 0;
	while (n) {
		const char *eol = memchr(s, '\n', n);
		size_t line_len = eol ? (size_t)(eol - s) : n;
		size_t rest = eol ? n - line_len - 1 : 0;
		size_t tl = line_len;
		const char *t = trim(s, &tl);
		lines++;
		if (tl) {
			uint64_t v;
			bool overflow;
			char q[48];
			if (!dpm_line(t, tl, &v, &overflow)) {
				quote(q, sizeof(q), t, tl);
				snprintf(why, SYSFS_WHY_SIZE, "line %u is not \"<level>: <n>Mhz\": %s", lines, q);
				return SYSFS_PARSE_MALFORMED;
			}
			if (v > DPM_MAX_PLAUSIBLE_MHZ) {
				quote(q, sizeof(q), t, tl);
				snprintf(why, SYSFS_WHY_SIZE, "line %u: clock above 100 GHz: %s", lines, q);
				return SYSFS_PARSE_MALFORMED;
			}
			if (v > best)
				best = v;
			levels++;
		}
		s = eol ? eol + 1 : s + n;
		n = rest;
	}
	if (levels == 0)
		return SYSFS_PARSE_EMPTY;
	*mhz = best;
	return SYSFS_PARSE_OK;
}

/* Splits one line into key and value by style; false if it has no key. */
static bool kv_split(const char *s, size_t len, enum sysfs_kv_style style, const char **k, size_t *kl,
		     const char **v, size_t *vl)
{
	size_t i = 0;
	if (style == SYSFS_KV_SPACE) {
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		*k = s;
		*kl = i;
		*vl = len - i;
		*v = trim(s + i, vl);
		return i > 0;
	}
	const char *colon = memchr(s, ':', len);
	if (!colon)
		return false;
	*kl = (size_t)(colon - s);
	*k = trim(s, kl);
	*vl = len - (size_t)(colon - s) - 1;
	*v = trim(colon + 1, vl);
	return *kl > 0;
}

bool sysfs_kv_find(const char *buf, size_t len, enum sysfs_kv_style style, const char *key,
		   const char **val, size_t *val_len)
{
	const char *s;
	size_t n = sysfs_text_span(buf, len, &s);
	size_t key_len = strlen(key);
	while (n) {
		const char *eol = memchr(s, '\n', n);
		size_t line_len = eol ? (size_t)(eol - s) : n;
		size_t rest = eol ? n - line_len - 1 : 0;
		size_t tl = line_len;
		const char *t = trim(s, &tl);
		const char *k, *v;
		size_t kl, vl;
		if (tl && kv_split(t, tl, style, &k, &kl, &v, &vl) && kl == key_len &&
		    memcmp(k, key, kl) == 0) {
			*val = v;
			*val_len = vl;
			return true;
		}
		s = eol ? eol + 1 : s + n;
		n = rest;
	}
	return false;
}

enum sysfs_parse sysfs_kv_u64(const char *buf, size_t len, enum sysfs_kv_style style,
			      const char *key, uint64_t *out, char why[SYSFS_WHY_SIZE])
{
	const char *v;
	size_t vl;
	if (!sysfs_kv_find(buf, len, style, key, &v, &vl))
		return SYSFS_PARSE_EMPTY;
	char inner[SYSFS_WHY_SIZE];
	enum sysfs_parse r = sysfs_parse_u64(v, vl, out, inner);
	if (r == SYSFS_PARSE_EMPTY) {
		snprintf(why, SYSFS_WHY_SIZE, "%s has no value", key);
		return SYSFS_PARSE_MALFORMED;
	}
	if (r == SYSFS_PARSE_MALFORMED)
		snprintf(why, SYSFS_WHY_SIZE, "%s: %.100s", key, inner);
	return r;
}
