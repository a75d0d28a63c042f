/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/pci_dump_check.h"
#include "core/grow.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_BYTES 64
#define CONFIG_MAX 4096

struct seen_dev {
	uint64_t key;
	size_t line;
};

struct checker {
	const char *name;
	struct tpp_error *err;
	size_t line;
	/* the device whose bytes are being read */
	bool in_dev;
	size_t dev_line;
	char slot[16];
	uint64_t header_given;           /* bit n: byte n of the 64-byte header */
	struct seen_dev *seen;
	size_t n_seen, cap_seen;
};

static bool fail(struct checker *c, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct checker *c, size_t line, const char *fmt, ...)
{
	char why[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (line)
		tpp_error_set(c->err, TPP_EX_DATAERR, "%s:%zu: %s", c->name, line, why);
	else
		tpp_error_set(c->err, TPP_EX_DATAERR, "%s: %s", c->name, why);
	return false;
}

/* A token from the file, fit to quote in a one-line message. */
static const char *quote(const char *s, size_t n, char out[48])
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < 40; i++)
		out[k++] = isprint((unsigned char)s[i]) ? s[i] : '?';
	if (n > 40)
		out[k++] = '.', out[k++] = '.', out[k++] = '.';
	out[k] = '\0';
	return out;
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

static unsigned hex_value(const char *s, size_t n)
{
	unsigned v = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		v = v << 4 | (unsigned)(isdigit((unsigned char)ch) ? ch - '0' : tolower((unsigned char)ch) - 'a' + 10);
	}
	return v;
}

/* [DDDD:|DDDDD:]BB:DD.F, the forms libpci 3.9 reads. On failure *why says
 * what is wrong, or stays NULL when the token is not an address at all. */
static bool parse_slot(const char *t, size_t n, uint64_t *key, char slot[16], const char **why)
{
	size_t dom_len = n == 7 ? 0 : n == 12 ? 4 : n == 13 ? 5 : (size_t)-1;
	*why = NULL;
	if (dom_len == (size_t)-1)
		return false;
	const char *b = t + (dom_len ? dom_len + 1 : 0);
	if ((dom_len && (!all_hex(t, dom_len) || t[dom_len] != ':')) || !all_hex(b, 2) || b[2] != ':' ||
	    !all_hex(b + 3, 2) || b[5] != '.' || !isxdigit((unsigned char)b[6]))
		return false;
	unsigned dom = dom_len ? hex_value(t, dom_len) : 0;
	unsigned bus = hex_value(b, 2), dev = hex_value(b + 3, 2), fn = hex_value(b + 6, 1);
	if (dev > 0x1f) {
		*why = "device numbers end at 1f";
		return false;
	}
	if (fn > 7) {
		*why = "function numbers end at 7";
		return false;
	}
	*key = (uint64_t)dom << 16 | bus << 8 | dev << 3 | fn;
	snprintf(slot, 16, "%04x:%02x:%02x.%x", dom, bus, dev, fn);
	return true;
}

static bool slot_like(const char *t, size_t n)
{
	bool colon = false, dot = false;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == ':')
			colon = true;
		else if (t[i] == '.')
			dot = true;
		else if (!isalnum((unsigned char)t[i]))
			return false;
	}
	return colon && dot;
}

static bool end_device(struct checker *c)
{
	if (!c->in_dev)
		return true;
	c->in_dev = false;
	if (c->header_given == UINT64_MAX)
		return true;
	int have = __builtin_popcountll(c->header_given);
	if (have == 0)
		return fail(c, c->dev_line, "device %s has no config-space bytes (save the dump with lspci -x)",
			    c->slot);
	return fail(c, c->dev_line, "device %s has %d of the %d header bytes (lspci -x gives all of them)",
		    c->slot, have, HEADER_BYTES);
}

static bool start_device(struct checker *c, uint64_t key, const char *slot)
{
	if (!end_device(c))
		return false;
	struct seen_dev *s = grow_for_one(c->seen, c->n_seen, &c->cap_seen, sizeof(*s), 64);
	if (!s) {
		tpp_error_set(c->err, TPP_EX_OSERR, "out of memory");
		return false;
	}
	c->seen = s;
	c->seen[c->n_seen++] = (struct seen_dev){ key, c->line };
	c->in_dev = true;
	c->dev_line = c->line;
	c->header_given = 0;
	snprintf(c->slot, sizeof(c->slot), "%s", slot);
	return true;
}

/* "OFF: xx xx ...", read the way libpci does: bytes are two hex digits,
 * each followed by one space or the end of the line. */
static bool data_line(struct checker *c, const char *s, size_t off_len)
{
	char q[48];
	if (off_len < 2 || off_len > 8)
		return fail(c, c->line, "offset \"%s\" needs 2 to 8 hex digits", quote(s, off_len, q));
	if (s[off_len + 1] != ' ')
		return fail(c, c->line, "no space after the offset \"%s:\"", quote(s, off_len, q));
	if (!c->in_dev)
		return fail(c, c->line, "config-space bytes without a device address line before them");
	unsigned long pos = hex_value(s, off_len);
	const char *p = s + off_len + 2;
	while (isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1]) && (!p[2] || p[2] == ' ')) {
		if (pos >= CONFIG_MAX)
			return fail(c, c->line, "offset %#lx is beyond the %d bytes of config space", pos, CONFIG_MAX);
		if (pos < HEADER_BYTES)
			c->header_given |= UINT64_C(1) << pos;
		pos++;
		p += 2;
		if (*p)
			p++;
	}
	if (*p) {
		size_t n = strcspn(p, " ");
		return fail(c, c->line, "\"%s\" is not a byte of two hex digits", quote(p, n ? n : 1, q));
	}
	return true;
}

static bool check_line(struct checker *c, char *s)
{
	char q[48];
	size_t len = strlen(s);
	if (len && s[len - 1] == '\r')
		s[--len] = '\0';
	if (!len)
		return end_device(c);
	if (s[0] == ' ' || s[0] == '\t')
		return true;   /* lspci -v text */
	size_t tok = strcspn(s, " \t");
	uint64_t key;
	char slot[16];
	const char *why;
	if (parse_slot(s, tok, &key, slot, &why)) {
		if (s[tok] != ' ')
			return fail(c, c->line, "address \"%s\" must be followed by a space (lspci prints a description)",
				    quote(s, tok, q));
		return start_device(c, key, slot);
	}
	size_t hex = strspn(s, "0123456789abcdefABCDEF");
	if (hex && hex + 1 == tok && s[hex] == ':')
		return data_line(c, s, hex);
	if (why || slot_like(s, tok))
		return fail(c, c->line, "\"%s\" is not a PCI address%s%s", quote(s, tok, q),
			    why ? ": " : " ([domain:]bus:device.function)", why ? why : "");
	if (hex && s[hex] == ':')
		return fail(c, c->line, "malformed config-space line \"%s\"", quote(s, tok, q));
	return true;   /* other text, which libpci skips too */
}

static int cmp_seen(const void *a, const void *b)
{
	const struct seen_dev *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static bool check_duplicates(struct checker *c)
{
	qsort(c->seen, c->n_seen, sizeof(*c->seen), cmp_seen);
	for (size_t i = 1; i < c->n_seen; i++)
		if (c->seen[i].key == c->seen[i - 1].key) {
			uint64_t k = c->seen[i].key;
			return fail(c, c->seen[i].line, "device %04x:%02x:%02x.%x appears twice (first at line %zu)",
				    (unsigned)(k >> 16), (unsigned)(k >> 8 & 0xff), (unsigned)(k >> 3 & 0x1f),
				    (unsigned)(k & 7), c->seen[i - 1].line);
		}
	return true;
}

static bool check_text(struct checker *c, const char *text, size_t len)
{
	if (len == 0)
		return fail(c, 0, "empty file, not an lspci -x dump");
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		size_t line = 1;
		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		return fail(c, line, "binary data (a NUL byte), not an lspci -x text dump");
	}
	char buf[PCI_DUMP_MAX_LINE + 2];
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		c->line++;
		if (!nl)
			return fail(c, c->line, "the last line has no newline (file truncated?)");
		if (n > PCI_DUMP_MAX_LINE)
			return fail(c, c->line, "line of %zu characters; libpci's dump reader takes at most %d",
				    n, PCI_DUMP_MAX_LINE);
		memcpy(buf, text + at, n);
		buf[n] = '\0';
		if (!check_line(c, buf))
			return false;
		at += n + 1;
	}
	if (!end_device(c))
		return false;
	if (c->n_seen == 0)
		return fail(c, 0, "no device address lines, not an lspci -x dump");
	return check_duplicates(c);
}

int pci_dump_check(const char *name, const char *text, size_t len, struct tpp_error *err)
{
	struct checker c = { .name = name, .err = err };
	bool ok = check_text(&c, text, len);
	free(c.seen);
	return ok ? (int)c.n_seen : -1;
}
