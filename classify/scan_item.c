/* The identified item's own helpers, apart from the identify stage so the
 * checks that add warnings (rom_check.c, assess.c) do not call back into it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "classify/identify.h"

void scan_warn(struct scan_item *it, const char *code, const char *fmt, ...)
{
	struct scan_warning *grown = it->n_warn < SCAN_MAX_WARN
		? realloc(it->warn, (it->n_warn + 1) * sizeof(*it->warn)) : NULL;
	if (!grown) {   /* past the limit, or out of memory: counted, and reported */
		it->n_warn_dropped++;
		return;
	}
	it->warn = grown;
	struct scan_warning *w = &it->warn[it->n_warn++];
	w->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->text, sizeof(w->text), fmt, ap);
	va_end(ap);
}

void scan_item_free(struct scan_item *it)
{
	free(it->warn);
	it->warn = NULL;
	it->n_warn = 0;
}

void scan_result_free(struct scan_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		scan_item_free(&r->items[i]);
	free(r->items);
	*r = (struct scan_result){ 0 };
}
