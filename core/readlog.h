/* The record of input files read: each file's path, size and the SHA-256
 * of the bytes read, taken when they were read (an evidence report lists
 * them so a third party can check it was made from these inputs). The
 * probe stage adds to it when its context carries one; NULL logs nothing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_READLOG_H
#define TPP_CORE_READLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/digest.h"

struct read_entry {
	char *path;               /* as opened */
	const char *kind;         /* static: "dump", "sysfs", "procfs", "rom", "manifest", ... */
	const char *read_by;      /* static: who read the bytes (see read_log_add) */
	size_t bytes;
	char sha256[SHA256_HEX_LEN];
};

struct read_log {
	struct read_entry *v;
	size_t n, cap;
	bool failed;              /* an entry could not be stored (out of memory) */
};

/* Record `len` bytes read from `path`. The same path with the same bytes is
 * recorded once; a file that changed between two reads is recorded twice.
 * read_by is NULL for bytes tppscan read for its own use ("tppscan"), or
 * names why they were read again ("tppscan, after libpci"). */
void read_log_add(struct read_log *log, const char *kind, const char *path, const void *data, size_t len,
		  const char *read_by);
/* Entries sorted by path, then kind (the order a report lists them). */
void read_log_sort(struct read_log *log);
void read_log_free(struct read_log *log);

#endif
