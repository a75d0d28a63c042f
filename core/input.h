/* Reading a file the user named as input (a dump, a ROM image, a data
 * file, a manifest): never blocks on a FIFO or device, never follows a
 * link where links are refused, and says what went wrong in one line.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_INPUT_H
#define TPP_CORE_INPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "core/error.h"

/* File access, replaceable so tests can simulate EACCES or EIO. */
struct input_io {
	int (*open)(const char *path, int flags);
	ssize_t (*read)(int fd, void *buf, size_t n);
	int (*close)(int fd);
};

enum input_flags {
	INPUT_NO_SYMLINK = 1,   /* refuse a symbolic link (inside a directory the user named) */
	INPUT_NOT_EMPTY = 2,    /* an empty file is malformed input (65) */
};

/* Read the whole regular file at `path` (at most max bytes) into a
 * malloc()ed, NUL-terminated buffer; `what` names the input in messages
 * ("an lspci dump"). Errors name the path: missing or not a regular file
 * 66, permission denied 77, too large or empty (INPUT_NOT_EMPTY) 65, out of
 * memory 71. A NULL io uses open/read/close. */
int input_read_file(const struct input_io *io, const char *path, const char *what, int flags, size_t max,
		    char **data, size_t *len, struct tpp_error *err);

/* The status for a failed open()/read() errno: 77 for permission, else 66. */
int input_errno_status(int e);

#endif
