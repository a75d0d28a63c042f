/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/device.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct probe_device *probe_list_find(struct probe_list *list, const char *slot)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->dev[i].slot, slot) == 0)
			return &list->dev[i];
	return NULL;
}

struct probe_device *probe_list_add(struct probe_list *list, struct tpp_error *err)
{
	struct probe_device *d = realloc(list->dev, (list->n + 1) * sizeof(*d));
	if (!d) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	list->dev = d;
	d = &list->dev[list->n++];
	*d = (struct probe_device){ 0 };
	return d;
}

static int cmp_dev(const void *a, const void *b)
{
	const struct probe_device *x = a, *y = b;
	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	unsigned kx = (unsigned)x->bus << 8 | (unsigned)x->dev << 3 | x->func;
	unsigned ky = (unsigned)y->bus << 8 | (unsigned)y->dev << 3 | y->func;
	return (kx > ky) - (kx < ky);
}

void probe_list_sort(struct probe_list *list)
{
	if (list->n > 1)
		qsort(list->dev, list->n, sizeof(*list->dev), cmp_dev);
}

static void free_notes(struct probe_note *n, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(n[i].what);
		free(n[i].reason);
	}
	free(n);
}

void probe_list_free(struct probe_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct probe_device *d = &list->dev[i];
		struct probe_str *strs[] = { &d->vendor_name, &d->device_name, &d->driver, &d->unit_kind,
			&d->product_name, &d->serial, &d->uuid, &d->vbios_version, &d->board_part_number,
			&d->architecture, &d->firmware, &d->rom_version, &d->rom_ids };
		free(d->rom.origin);
		for (size_t k = 0; k < sizeof(strs) / sizeof(strs[0]); k++)
			free(strs[k]->value);
		free_notes(d->notes, d->n_notes);
	}
	free(list->dev);
	free_notes(list->notes, list->n_notes);
	*list = (struct probe_list){ 0 };
}

void probe_set_num(struct probe_num *n, double v, const char *source)
{
	n->valid = true;
	n->value = v;
	n->source = source;
}

bool probe_set_str(struct probe_str *s, const char *v, const char *source)
{
	size_t len = strlen(v);
	while (len && (v[len - 1] == '\n' || v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r'))
		len--;
	char *copy = strndup(v, len);
	if (!copy)
		return false;
	free(s->value);
	s->value = copy;
	s->source = source;
	return true;
}

static bool add_note(struct probe_note **notes, size_t *n, const char *what, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static bool add_note(struct probe_note **notes, size_t *n, const char *what, const char *fmt, va_list ap)
{
	char reason[512];
	vsnprintf(reason, sizeof(reason), fmt, ap);
	struct probe_note *nn = realloc(*notes, (*n + 1) * sizeof(*nn));
	if (!nn)
		return false;
	*notes = nn;
	nn[*n].what = strdup(what);
	nn[*n].reason = strdup(reason);
	if (!nn[*n].what || !nn[*n].reason) {
		free(nn[*n].what);
		free(nn[*n].reason);
		return false;
	}
	(*n)++;
	return true;
}

bool probe_note(struct probe_device *d, const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = add_note(&d->notes, &d->n_notes, what, fmt, ap);
	va_end(ap);
	return ok;
}

bool probe_list_note(struct probe_list *l, const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = add_note(&l->notes, &l->n_notes, what, fmt, ap);
	va_end(ap);
	return ok;
}

void probe_format_slot(char out[16], int domain, unsigned bus, unsigned dev, unsigned func)
{
	/* VMD domains (10000 and up) take five digits, as the kernel prints them */
	snprintf(out, 16, "%04x:%02x:%02x.%x", (unsigned)domain & 0xfffff, bus & 0xff, dev & 0x1f, func & 7);
}

bool probe_path(char *buf, size_t size, const char *root, const char *rel)
{
	int n = snprintf(buf, size, "%s/%s", root, rel);
	return n > 0 && (size_t)n < size;
}
