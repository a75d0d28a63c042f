/* Files tppscan creates (a Prometheus textfile) are written whole or not
 * at all: a temporary file in the destination's directory, created with
 * O_EXCL (so a link planted at its name is never followed), written,
 * fsync()ed, renamed over the destination, the directory fsync()ed. A
 * reader (node_exporter) sees the old file or the new one, never half.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ATOMIC_FILE_H
#define TPP_ATOMIC_FILE_H

#include <stdio.h>

#include "core/error.h"

struct atomic_file {
	FILE *f;          /* write the content here */
	char *dest;
	char *tmp;        /* "DIR/.NAME.XXXXXX": never matches a *.prom glob */
};

/* Refuses a destination that exists and is not a regular file or a link
 * (a FIFO, a directory, a device: 74, nothing created). A link at the
 * destination is replaced by the new file, never followed. */
int atomic_file_open(struct atomic_file *a, const char *dest, struct tpp_error *err);
/* Flush, fsync, chmod 0644 less the umask, rename, fsync the directory. On
 * failure the temporary file is removed and the destination is untouched. */
int atomic_file_commit(struct atomic_file *a, struct tpp_error *err);
/* Remove the temporary file; the destination is untouched. */
void atomic_file_abort(struct atomic_file *a);

#endif
