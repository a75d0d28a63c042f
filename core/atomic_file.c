/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(struct atomic_file *a)
{
	free(a->dest);
	free(a->tmp);
	*a = (struct atomic_file){ 0 };
}

static int dest_ok(const char *dest, struct tpp_error *err)
{
	struct stat st;
	if (lstat(dest, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		tpp_error_set(err, errno == EACCES ? TPP_EX_NOPERM : TPP_EX_IOERR, "%s: %s", dest, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
		return 0;
	tpp_error_set(err, TPP_EX_IOERR, "%s: exists and is not a regular file (%s); not replaced", dest,
		      S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISDIR(st.st_mode) ? "a directory" : "a special file");
	return -1;
}

int atomic_file_open(struct atomic_file *a, const char *dest, struct tpp_error *err)
{
	*a = (struct atomic_file){ 0 };
	if (!*dest || dest[strlen(dest) - 1] == '/') {
		tpp_error_set(err, TPP_EX_USAGE, "'%s' does not name a file", dest);
		return -1;
	}
	if (dest_ok(dest, err))
		return -1;
	char *d1 = strdup(dest), *d2 = strdup(dest);
	a->dest = strdup(dest);
	if (d1 && d2 && a->dest) {
		const char *dir = dirname(d1), *base = basename(d2);
		size_t n = strlen(dir) + strlen(base) + 16;
		if ((a->tmp = malloc(n)))
			snprintf(a->tmp, n, "%s/.%s.XXXXXX", dir, base);
	}
	free(d1);
	free(d2);
	if (!a->tmp) {
		release(a);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	/* mkstemp opens with O_CREAT | O_EXCL: a name that exists, a link
	 * included, is never opened; it tries another name. */
	int fd = mkostemp(a->tmp, O_CLOEXEC);
	if (fd < 0) {
		tpp_error_set(err, errno == EACCES ? TPP_EX_NOPERM : TPP_EX_IOERR,
			      "%s: cannot create a temporary file beside it: %s", dest, strerror(errno));
		release(a);
		return -1;
	}
	if (!(a->f = fdopen(fd, "w"))) {
		close(fd);
		unlink(a->tmp);
		release(a);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	return 0;
}

void atomic_file_abort(struct atomic_file *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	release(a);
}

static void sync_dir(const char *path)
{
	char *d = strdup(path);
	if (!d)
		return;
	int fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);   /* best effort: the rename itself is atomic */
		close(fd);
	}
	free(d);
}

int atomic_file_commit(struct atomic_file *a, struct tpp_error *err)
{
	mode_t mask = umask(0);
	umask(mask);
	int fd = fileno(a->f);
	const char *step = "write";
	bool ok = fflush(a->f) == 0 && !ferror(a->f);
	if (ok && !(ok = fchmod(fd, 0644 & ~mask) == 0))
		step = "chmod";
	if (ok && !(ok = fsync(fd) == 0))
		step = "fsync";
	int e = errno;
	if (fclose(a->f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	a->f = NULL;
	/* the destination may have become something else since it was checked */
	if (ok && dest_ok(a->dest, err)) {
		unlink(a->tmp);
		release(a);
		return -1;
	}
	if (ok && !(ok = rename(a->tmp, a->dest) == 0)) {
		step = "rename";
		e = errno;
	}
	if (!ok) {
		tpp_error_set(err, e == EACCES ? TPP_EX_NOPERM : TPP_EX_IOERR, "%s: cannot write (%s): %s", a->dest,
			      step, strerror(e));
		unlink(a->tmp);
		release(a);
		return -1;
	}
	sync_dir(a->dest);
	release(a);
	return 0;
}
