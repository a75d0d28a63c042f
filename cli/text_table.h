/* A text table whose columns are as wide as their widest cell: rows are
 * kept until printed (a fleet table has one row per group, not per host).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_TEXT_TABLE_H
#define TPP_TEXT_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#define TEXT_TABLE_MAX_COLS 16

struct text_table {
	size_t ncols;
	bool right[TEXT_TABLE_MAX_COLS];   /* numbers are right-aligned */
	size_t width[TEXT_TABLE_MAX_COLS];
	char **cells;                      /* row-major, headers first */
	size_t nrows, cap;
	bool oom;
};

/* `right` names the right-aligned columns, e.g. "..rrr" for five columns. */
void text_table_init(struct text_table *t, size_t ncols, const char *const *headers, const char *right);
void text_table_row(struct text_table *t, const char *const *cells);
/* false if a row could not be stored (out of memory). */
bool text_table_print(struct text_table *t, FILE *f);
void text_table_free(struct text_table *t);

#endif
