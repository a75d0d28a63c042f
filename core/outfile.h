/* Output files the user named (--report, --pdf, plot -o): written whole or
 * not at all. Each is written to a temporary file in the same directory,
 * flushed to disk, and renamed over the name only when every file of the
 * set is ready, so a reader never sees a partial file and a failure leaves
 * the old file (if any) in place. A name that is a symbolic link, a
 * directory or another non-regular file is refused, never followed.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_OUTFILE_H
#define TPP_CORE_OUTFILE_H

#include <stddef.h>

#include "core/error.h"

struct outfile_staged {
	char *path;
	char *tmp;
};

struct outfile_set {
	struct outfile_staged *v;
	size_t n;
};

/* Before any work: the name can be written (its directory exists, it is
 * not a link, a directory or a special file). 74 otherwise; `what` names
 * the option in the message ("--pdf"). */
int outfile_check(const char *path, const char *what, struct tpp_error *err);
/* Write data to a new temporary file beside path and flush it to disk. */
int outfile_stage(struct outfile_set *s, const char *path, const void *data, size_t len, struct tpp_error *err);
/* Rename every staged file over its name, then flush the directories. */
int outfile_commit(struct outfile_set *s, struct tpp_error *err);
/* Remove the temporary files not committed; frees the set. */
void outfile_abort(struct outfile_set *s);

#endif
