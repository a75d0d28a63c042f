/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int sys_open(const char *path, int flags)
{
	return open(path, flags);
}

static const struct input_io sys_io = { sys_open, read, close };

int input_errno_status(int e)
{
	return e == EACCES || e == EPERM ? TPP_EX_NOPERM : TPP_EX_NOINPUT;
}

/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. */
static int open_regular(const struct input_io *io, const char *path, const char *what, int flags,
			struct tpp_error *err)
{
	int oflags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (flags & INPUT_NO_SYMLINK ? O_NOFOLLOW : 0);
	int fd = io->open(path, oflags);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP && (flags & INPUT_NO_SYMLINK))
			tpp_error_set(err, TPP_EX_NOINPUT, "%s: a symbolic link; not followed (give the file itself)",
				      path);
		else
			tpp_error_set(err, input_errno_status(e), "%s: cannot open: %s", path, strerror(e));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		tpp_error_set(err, TPP_EX_NOINPUT, "%s: not a regular file (%s must be a file, not a %s)", path, what,
			      S_ISDIR(st.st_mode) ? "directory" : S_ISFIFO(st.st_mode) ? "FIFO" : "device or socket");
		io->close(fd);
		return -1;
	}
	return fd;
}

int input_read_file(const struct input_io *io, const char *path, const char *what, int flags, size_t max,
		    char **data, size_t *len, struct tpp_error *err)
{
	if (!io)
		io = &sys_io;
	*data = NULL;
	*len = 0;
	int fd = open_regular(io, path, what, flags, err);
	if (fd < 0)
		return -1;
	/* Read to EOF rather than trusting st_size: sysfs files report 4096. */
	size_t cap = 0, n = 0;
	char *buf = NULL;
	int rc = -1;
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max + 1) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: larger than %zu bytes: not %s", path, max, what);
				goto out;
			}
			size_t grow = cap ? cap * 2 : 64 * 1024;
			if (grow > max + 2)
				grow = max + 2;
			char *p = realloc(buf, grow);
			if (!p) {
				tpp_error_set(err, TPP_EX_OSERR, "%s: out of memory", path);
				goto out;
			}
			buf = p;
			cap = grow;
		}
		ssize_t got = io->read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			tpp_error_set(err, input_errno_status(e), "%s: cannot read: %s", path, strerror(e));
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: larger than %zu bytes: not %s", path, max, what);
		goto out;
	}
	if (n == 0 && (flags & INPUT_NOT_EMPTY)) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: empty file: not %s", path, what);
		goto out;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	io->close(fd);
	return rc;
}
