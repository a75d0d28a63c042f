/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/nvidia_common.h"

#include <ctype.h>
#include <string.h>

/* Reads 1..max hex digits; *p is left after them. */
static bool read_hex(const char **p, int max, unsigned long *out)
{
	unsigned long v = 0;
	int n = 0;
	while (n < max && isxdigit((unsigned char)**p)) {
		int c = tolower((unsigned char)**p);
		v = v * 16 + (unsigned long)(isdigit(c) ? c - '0' : c - 'a' + 10);
		(*p)++;
		n++;
	}
	*out = v;
	return n > 0 && !isxdigit((unsigned char)**p);
}

bool nvidia_slot_normalise(const char *bus_id, char out[16])
{
	unsigned long part[4];
	const char *p = bus_id;
	/* Up to 8 digits for the first field: a domain (any width) or a bus. */
	if (!bus_id || !read_hex(&p, 8, &part[0]) || *p++ != ':')
		return false;
	if (!read_hex(&p, 8, &part[1]))
		return false;
	unsigned long domain = 0, bus, dev;
	if (*p == ':') {
		p++;
		domain = part[0];
		bus = part[1];
		if (!read_hex(&p, 2, &dev))
			return false;
	} else {
		bus = part[0];
		dev = part[1];
	}
	if (*p++ != '.' || !read_hex(&p, 1, &part[2]) || *p != '\0')
		return false;
	if (domain > 0xffff || bus > 0xff || dev > 0x1f || part[2] > 7)
		return false;
	probe_format_slot(out, (int)domain, (unsigned)bus, (unsigned)dev, (unsigned)part[2]);
	return true;
}

bool nvidia_list_has_nvidia(const struct probe_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->dev[i].vendor_id == NVIDIA_PCI_VENDOR)
			return true;
	return false;
}

bool nvidia_merge_str(struct probe_device *d, struct probe_str *field, const char *what,
	const char *value, const char *source)
{
	if (!value || !*value)
		return true;
	if (!field->value)
		return probe_set_str(field, value, source);
	/* Compare as probe_set_str would store it: trailing blanks dropped. */
	size_t len = strlen(value);
	while (len && strchr(" \t\r\n", value[len - 1]))
		len--;
	if (strlen(field->value) == len && strncmp(field->value, value, len) == 0)
		return true;
	return probe_note(d, what, "%s says \"%.*s\" but %s says \"%s\"; kept the latter", source,
		(int)len, value, field->source ? field->source : "another source", field->value);
}
