/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/readlog.h"
#include "core/grow.h"

#include <stdlib.h>
#include <string.h>

void read_log_add(struct read_log *log, const char *kind, const char *path, const void *data, size_t len,
		  const char *read_by)
{
	if (!log)
		return;
	struct read_entry e = { .kind = kind, .read_by = read_by ? read_by : "tppscan", .bytes = len };
	if (!digest_sha256_hex(data, len, e.sha256)) {
		log->failed = true;
		return;
	}
	for (size_t i = 0; i < log->n; i++)
		if (!strcmp(log->v[i].path, path) && !strcmp(log->v[i].sha256, e.sha256))
			return;
	struct read_entry *v = grow_for_one(log->v, log->n, &log->cap, sizeof(*v), 32);
	if (!v) {
		log->failed = true;
		return;
	}
	log->v = v;
	if (!(e.path = strdup(path))) {
		log->failed = true;
		return;
	}
	log->v[log->n++] = e;
}

static int cmp_entries(const void *a, const void *b)
{
	const struct read_entry *x = a, *y = b;
	int r = strcmp(x->path, y->path);
	if (!r)
		r = strcmp(x->kind, y->kind);
	return r ? r : strcmp(x->sha256, y->sha256);
}

void read_log_sort(struct read_log *log)
{
	if (log->n > 1)
		qsort(log->v, log->n, sizeof(*log->v), cmp_entries);
}

void read_log_free(struct read_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		free(log->v[i].path);
	free(log->v);
	*log = (struct read_log){ 0 };
}
