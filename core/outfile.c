/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of path ("." for a bare name), malloc()ed. */
static char *dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	char *d = strdup(dirname(copy));
	free(copy);
	return d;
}

static char *base_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	char *b = strdup(basename(copy));
	free(copy);
	return b;
}

int outfile_check(const char *path, const char *what, struct tpp_error *err)
{
	struct stat st;
	if (!*path) {
		tpp_error_set(err, TPP_EX_USAGE, "%s: an empty file name", what);
		return -1;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			tpp_error_set(err, TPP_EX_IOERR, "%s %s: a symbolic link; not replaced or followed (name the file itself)",
				      what, path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			tpp_error_set(err, TPP_EX_IOERR, "%s %s: not a regular file; not replaced", what, path);
			return -1;
		}
	} else if (errno != ENOENT) {
		tpp_error_set(err, TPP_EX_IOERR, "%s %s: %s", what, path, strerror(errno));
		return -1;
	}
	char *dir = dir_of(path);
	if (!dir) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	int rc = 0;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tpp_error_set(err, TPP_EX_IOERR, "%s %s: no directory %s", what, path, dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) != 0) {
		tpp_error_set(err, TPP_EX_IOERR, "%s %s: cannot write in %s: %s", what, path, dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The mode a new file gets from open(..., 0666): mkstemp makes it 0600. */
static mode_t new_file_mode(void)
{
	mode_t mask = umask(077);
	umask(mask);
	return 0666 & ~mask;
}

static char *temp_name(const char *path)
{
	char *dir = dir_of(path), *base = base_of(path), *tmp = NULL;
	if (dir && base && asprintf(&tmp, "%s/.%s.XXXXXX", dir, base) < 0)
		tmp = NULL;
	free(dir);
	free(base);
	return tmp;
}

int outfile_stage(struct outfile_set *s, const char *path, const void *data, size_t len, struct tpp_error *err)
{
	struct outfile_staged *v = realloc(s->v, (s->n + 1) * sizeof(*v));
	if (!v) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	s->v = v;
	char *tmp = temp_name(path), *name = strdup(path);
	int fd = tmp && name ? mkostemp(tmp, O_CLOEXEC) : -1;
	if (fd < 0) {
		int e = errno;
		tpp_error_set(err, tmp && name ? TPP_EX_IOERR : TPP_EX_OSERR, "%s: cannot create a temporary file: %s",
			      path, tmp && name ? strerror(e) : "out of memory");
		free(tmp);
		free(name);
		return -1;
	}
	s->v[s->n++] = (struct outfile_staged){ name, tmp };
	if (fchmod(fd, new_file_mode()) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		int e = errno;
		close(fd);
		tpp_error_set(err, TPP_EX_IOERR, "%s: cannot write: %s", path, strerror(e));
		return -1;
	}
	if (close(fd) != 0) {
		tpp_error_set(err, TPP_EX_IOERR, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The rename is durable only once the directory entry is on disk. */
static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int outfile_commit(struct outfile_set *s, struct tpp_error *err)
{
	/* checked again now (a name may have become a link meanwhile), all of
	 * them before the first rename, so a refusal replaces nothing */
	for (size_t i = 0; i < s->n; i++) {
		struct stat st;
		if (lstat(s->v[i].path, &st) == 0 && !S_ISREG(st.st_mode)) {
			tpp_error_set(err, TPP_EX_IOERR, "%s: %s; not replaced", s->v[i].path,
				      S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
			outfile_abort(s);
			return -1;
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		struct outfile_staged *f = &s->v[i];
		if (rename(f->tmp, f->path) != 0) {
			tpp_error_set(err, TPP_EX_IOERR, "%s: cannot write: %s", f->path, strerror(errno));
			outfile_abort(s);
			return -1;
		}
		sync_dir(f->path);
		free(f->tmp);
		f->tmp = NULL;
	}
	outfile_abort(s);
	return 0;
}

void outfile_abort(struct outfile_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].tmp)
			unlink(s->v[i].tmp);
		free(s->v[i].tmp);
		free(s->v[i].path);
	}
	free(s->v);
	*s = (struct outfile_set){ 0 };
}
