/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/pci_link.h"

#include <string.h>

double pci_link_code_gts(unsigned code)
{
	static const double gts[] = { 0, 2.5, 5, 8, 16, 32, 64 };
	return code < sizeof(gts) / sizeof(gts[0]) ? gts[code] : 0;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The text up to the first NUL, without surrounding blanks. */
static size_t trim(const char **text, size_t len)
{
	const char *nul = memchr(*text, '\0', len);
	if (nul)
		len = (size_t)(nul - *text);
	while (len && blank(**text))
		(*text)++, len--;
	while (len && blank((*text)[len - 1]))
		len--;
	return len;
}

/* Decimal digits with an optional fraction, parsed by hand so a locale
 * with a decimal comma cannot change the result. */
static size_t parse_decimal(const char *s, size_t len, double *out)
{
	size_t i = 0;
	double v = 0, scale = 1;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i < 6)
		v = v * 10 + (s[i++] - '0');
	if (i == 0)
		return 0;
	if (i < len && s[i] == '.') {
		size_t frac = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - frac < 3) {
			scale /= 10;
			v += (s[i++] - '0') * scale;
		}
		if (i == frac)
			return 0;
	}
	*out = v;
	return i;
}

bool pci_link_parse_speed(const char *text, size_t len, double *gts)
{
	len = trim(&text, len);
	double v;
	size_t i = parse_decimal(text, len, &v);
	if (!i || v <= 0 || v > 1024)
		return false;
	while (i < len && text[i] == ' ')
		i++;
	if (len - i < 4 || memcmp(text + i, "GT/s", 4) != 0)
		return false;
	i += 4;
	if (i < len && !(text[i] == ' ' && len - i == 5 && memcmp(text + i + 1, "PCIe", 4) == 0))
		return false;
	*gts = v;
	return true;
}

bool pci_link_parse_width(const char *text, size_t len, double *width)
{
	len = trim(&text, len);
	if (len == 0 || len > 2)
		return false;
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		v = v * 10 + (unsigned)(text[i] - '0');
	}
	if (v == 0 || v > 32)
		return false;
	*width = v;
	return true;
}
