/* Room for one more element at the end of a growing array.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_GROW_H
#define TPP_CORE_GROW_H

#include <stddef.h>

/* `items` holds n elements of `size` bytes with room for *cap. Returns the
 * array with room for n + 1: `items` itself while n < *cap, else the array
 * reallocated to twice the room (`first` elements from empty), *cap updated.
 * NULL when out of memory or the size would overflow; `items` and *cap are
 * then unchanged, so the caller still owns and frees them. */
void *grow_for_one(void *items, size_t n, size_t *cap, size_t size, size_t first);

#endif
