/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb_internal.h"
#include "core/grow.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void *kb_alloc(struct kb_file *f, size_t n, size_t size)
{
	struct kb *kb = f->kb;
	void **a = grow_for_one(kb->allocs, kb->n_allocs, &kb->cap_allocs, sizeof(*a), 64);
	if (!a) {
		tpp_error_set(f->c.err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	kb->allocs = a;
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		tpp_error_set(f->c.err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	kb->allocs[kb->n_allocs++] = p;
	return p;
}

bool kb_is_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

bool kb_parse_hex16(const char *s, uint16_t *out)
{
	if (strlen(s) != 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char ch = s[i];
		if (ch >= '0' && ch <= '9')
			v = v * 16 + (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v = v * 16 + (unsigned)(ch - 'a' + 10);
		else
			return false;
	}
	*out = (uint16_t)v;
	return true;
}

bool kb_names_equal(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* The name without a leading vendor name: "AMD Instinct MI250X" -> "Instinct MI250X". */
const char *kb_short_name(const struct kb_part *p)
{
	size_t vl = strlen(p->vendor->name);
	if (strncasecmp(p->name, p->vendor->name, vl) == 0 && p->name[vl] == ' ')
		return p->name + vl + 1;
	return NULL;
}

int kb_source_index(const struct kb_vendor *v, const char *key)
{
	for (size_t i = 0; i < v->n_sources; i++)
		if (strcmp(v->sources[i].key, key) == 0)
			return (int)i;
	return -1;
}
