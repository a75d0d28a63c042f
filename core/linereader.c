/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/linereader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/input.h"

#define BLOCK (1u << 20)

static int open_named(const char *path, int flags, struct tpp_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (flags & INPUT_NO_SYMLINK ? O_NOFOLLOW : 0));
	if (fd < 0) {
		int e = errno;
		tpp_error_set(err, input_errno_status(e), "%s: %s", path,
			      e == ELOOP ? "a symbolic link; not followed" : strerror(e));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		tpp_error_set(err, TPP_EX_NOINPUT, "%s: not a regular file", path);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	return fd;
}

int line_reader_open(struct line_reader *r, const char *path, int flags, struct tpp_error *err)
{
	*r = (struct line_reader){ .fd = -1 };
	bool is_stdin = strcmp(path, "-") == 0;
	r->name = is_stdin ? "(stdin)" : path;
	r->cap = BLOCK + LINE_MAX_BYTES + 1;
	if (!(r->buf = malloc(r->cap))) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	r->fd = is_stdin ? 0 : open_named(path, flags, err);
	if (r->fd < 0) {
		free(r->buf);
		r->buf = NULL;
		return -1;
	}
	return 0;
}

void line_reader_close(struct line_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	free(r->buf);
	*r = (struct line_reader){ .fd = -1 };
}

/* Move what is left to the front and read another block. */
static int fill(struct line_reader *r, struct tpp_error *err)
{
	if (r->start) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	while (r->end < r->cap - 1) {
		ssize_t n = read(r->fd, r->buf + r->end, r->cap - 1 - r->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tpp_error_set(err, input_errno_status(errno) == TPP_EX_NOPERM ? TPP_EX_NOPERM : TPP_EX_NOINPUT,
				      "%s: read error: %s", r->name, strerror(errno));
			return -1;
		}
		if (n == 0)
			r->eof = true;
		r->end += (size_t)n;
		return 0;
	}
	return 0;
}

/* Skip the rest of an overlong line, up to and including its newline. */
static int skip_rest(struct line_reader *r, struct tpp_error *err)
{
	for (;;) {
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl) {
			r->start = (size_t)(nl - r->buf) + 1;
			return 0;
		}
		r->start = r->end;
		if (r->eof)
			return 0;
		if (fill(r, err))
			return -1;
	}
}

int line_reader_next(struct line_reader *r, char **line, size_t *len, struct tpp_error *err)
{
	r->overlong = false;
	for (;;) {
		char *p = r->buf + r->start;
		size_t avail = r->end - r->start;
		char *nl = memchr(p, '\n', avail);
		size_t n = nl ? (size_t)(nl - p) : avail;
		if (n > LINE_MAX_BYTES || (!nl && avail > LINE_MAX_BYTES)) {
			r->overlong = true;
			r->line++;
			r->start += LINE_MAX_BYTES;
			if (skip_rest(r, err))
				return -1;
			/* the cut line is returned from a copy at the buffer's end */
			*line = r->buf + r->cap - 1;
			**line = '\0';
			*len = 0;
			return 1;
		}
		if (nl || (r->eof && avail)) {
			r->line++;
			r->start += n + (nl ? 1 : 0);
			if (n && p[n - 1] == '\r')
				n--;
			p[n] = '\0';
			*line = p;
			*len = n;
			return 1;
		}
		if (r->eof)
			return 0;
		if (fill(r, err))
			return -1;
	}
}
