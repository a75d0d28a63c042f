/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/text_table.h"

#include <stdlib.h>
#include <string.h>

void text_table_init(struct text_table *t, size_t ncols, const char *const *headers, const char *right)
{
	*t = (struct text_table){ .ncols = ncols < TEXT_TABLE_MAX_COLS ? ncols : TEXT_TABLE_MAX_COLS };
	for (size_t i = 0; i < t->ncols; i++)
		t->right[i] = right && i < strlen(right) && right[i] == 'r';
	text_table_row(t, headers);
}

void text_table_row(struct text_table *t, const char *const *cells)
{
	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cells, cap * t->ncols * sizeof(*c));
		if (!c) {
			t->oom = true;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	char **row = &t->cells[t->nrows * t->ncols];
	for (size_t i = 0; i < t->ncols; i++) {
		row[i] = strdup(cells[i] ? cells[i] : "");
		if (!row[i]) {
			t->oom = true;
			for (size_t k = 0; k < i; k++)
				free(row[k]);
			return;
		}
		size_t w = strlen(row[i]);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
}

bool text_table_print(struct text_table *t, FILE *f)
{
	for (size_t r = 0; r < t->nrows; r++) {
		char **row = &t->cells[r * t->ncols];
		for (size_t i = 0; i < t->ncols; i++) {
			bool last = i + 1 == t->ncols;
			int w = (int)t->width[i];
			if (t->right[i])
				fprintf(f, "%*s%s", w, row[i], last ? "" : "  ");
			else if (last)
				fputs(row[i], f);
			else
				fprintf(f, "%-*s  ", w, row[i]);
		}
		fputc('\n', f);
	}
	return !t->oom;
}

void text_table_free(struct text_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	*t = (struct text_table){ 0 };
}
