/* Parsers for the text of the NVIDIA driver's procfs files. The driver
 * prints "Key: \t value" lines (kernel-open/nvidia/nv-procfs.c); keys are
 * matched without regard to case or the blanks around them, because the
 * padding has changed between driver versions.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/nvidia_procfs.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* [*s, *e) without blanks on either side. */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static bool span_equals(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) == n && strncasecmp(s, word, n) == 0;
}

/* Copies the value, or leaves dst empty if it does not fit or is empty. */
static bool copy_value(char *dst, size_t size, const char *s, const char *e)
{
	size_t n = (size_t)(e - s);
	dst[0] = '\0';
	if (n == 0 || n >= size)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

static bool parse_unsigned(const char *s, const char *e, unsigned *out)
{
	unsigned long v = 0;
	if (s == e)
		return false;
	for (; s < e; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 0xffffffffUL)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

static void parse_line(const char *s, const char *e, struct nvidia_gpu_information *out)
{
	const char *colon = memchr(s, ':', (size_t)(e - s));
	if (!colon)
		return;
	const char *ks = s, *ke = colon, *vs = colon + 1, *ve = e;
	trim(&ks, &ke);
	trim(&vs, &ve);

	bool known = true;
	if (span_equals(ks, ke, "Model"))
		copy_value(out->model, sizeof(out->model), vs, ve);
	else if (span_equals(ks, ke, "GPU UUID"))
		copy_value(out->uuid, sizeof(out->uuid), vs, ve);
	else if (span_equals(ks, ke, "Video BIOS")) {
		/* The driver prints question marks when it could not read the VBIOS. */
		if (copy_value(out->vbios_version, sizeof(out->vbios_version), vs, ve) &&
		    strchr(out->vbios_version, '?'))
			out->vbios_version[0] = '\0';
	} else if (span_equals(ks, ke, "Bus Type"))
		copy_value(out->bus_type, sizeof(out->bus_type), vs, ve);
	else if (span_equals(ks, ke, "Bus Location"))
		copy_value(out->bus_location, sizeof(out->bus_location), vs, ve);
	else if (span_equals(ks, ke, "GPU Firmware"))
		copy_value(out->firmware, sizeof(out->firmware), vs, ve);
	else if (span_equals(ks, ke, "Device Minor"))
		out->has_minor = parse_unsigned(vs, ve, &out->minor);
	else if (span_equals(ks, ke, "GPU Excluded"))
		out->excluded = span_equals(vs, ve, "Yes") ? 1 : span_equals(vs, ve, "No") ? 0 : -1;
	else
		known = false;
	if (known)
		out->keys++;
}

void nvidia_parse_information(const char *text, size_t len, struct nvidia_gpu_information *out)
{
	*out = (struct nvidia_gpu_information){ .excluded = -1 };
	const char *nul = memchr(text, '\0', len);
	const char *end = nul ? nul : text + len;
	const char *s = text;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			/* The driver ends every line with a newline, so a last line
			 * without one was cut short: its value may be partial. */
			out->truncated = true;
			break;
		}
		parse_line(s, nl, out);
		s = nl + 1;
	}
}

/* A version number: digits separated by single dots, at least one dot. */
static bool is_version(const char *s, const char *e)
{
	bool dot = false;
	if (s == e || !isdigit((unsigned char)*s) || !isdigit((unsigned char)e[-1]))
		return false;
	for (const char *p = s; p < e; p++) {
		if (*p == '.') {
			if (p[-1] == '.')
				return false;
			dot = true;
		} else if (!isdigit((unsigned char)*p)) {
			return false;
		}
	}
	return dot;
}

bool nvidia_parse_version(const char *text, size_t len, char *out, size_t size)
{
	static const char prefix[] = "NVRM version:";
	const char *nul = memchr(text, '\0', len);
	const char *end = nul ? nul : text + len;
	const char *line = text;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end;
		if ((size_t)(le - line) > sizeof(prefix) - 1 && strncmp(line, prefix, sizeof(prefix) - 1) == 0) {
			const char *p = line + sizeof(prefix) - 1;
			while (p < le) {
				while (p < le && is_blank(*p))
					p++;
				const char *w = p;
				while (p < le && !is_blank(*p))
					p++;
				if (is_version(w, p) && (size_t)(p - w) < size) {
					memcpy(out, w, (size_t)(p - w));
					out[p - w] = '\0';
					return true;
				}
			}
			return false;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	return false;
}
