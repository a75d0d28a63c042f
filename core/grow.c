/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow_for_one(void *items, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return items;
	if (!size || *cap > SIZE_MAX / 2)
		return NULL;
	size_t want = *cap ? *cap * 2 : first;
	if (want > SIZE_MAX / size)
		return NULL;
	void *p = realloc(items, want * size);
	if (p)
		*cap = want;
	return p;
}
