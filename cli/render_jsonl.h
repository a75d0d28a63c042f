/* JSON Lines: one compact object per line, keys sorted, reals with eight
 * significant digits as in every tppscan JSON document.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_JSONL_H
#define TPP_RENDER_JSONL_H

#include <jansson.h>
#include <stdio.h>

#include "core/error.h"

/* Write `obj` (taken over; NULL is out of memory) and a newline. */
int render_json_line(FILE *f, json_t *obj, struct tpp_error *err);

#endif
