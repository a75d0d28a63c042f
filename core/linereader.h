/* Reading a user-named input line by line, in large blocks, with the line
 * number every message needs: fleet reports and batch manifests of a
 * million lines stream through it in constant memory. A named file must
 * be a regular file (a FIFO or device is refused at once, 66, as
 * core/input.h does); "-" is standard input, whatever it is.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_LINEREADER_H
#define TPP_LINEREADER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define LINE_MAX_BYTES (1u << 20)   /* a longer line is returned cut, with `overlong` set */

struct line_reader {
	int fd;
	const char *name;        /* for messages: the path, or "(stdin)" */
	char *buf;
	size_t cap, start, end;
	unsigned long line;      /* number of the line last returned, from 1 */
	bool eof;
	bool overlong;           /* the line last returned was longer than LINE_MAX_BYTES */
};

/* flags: INPUT_NO_SYMLINK (core/input.h) refuses a link. */
int line_reader_open(struct line_reader *r, const char *path, int flags, struct tpp_error *err);
/* 1 with the next line (NUL-terminated, without its newline or a final
 * CR; writable until the next call), 0 at the end, -1 on a read error. */
int line_reader_next(struct line_reader *r, char **line, size_t *len, struct tpp_error *err);
void line_reader_close(struct line_reader *r);

#endif
