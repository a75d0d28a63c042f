/* Helpers shared by the sysfs backend's readers (sysfs_*.c), kept apart
 * from the dispatcher (sysfs.c) as pciutils keeps generic.c apart from its
 * access methods: readers depend on this file, never on each other.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/sysfs_internal.h"
#include "core/grow.h"
#include "probe/sysfs_parse.h"

static ssize_t read_file_posix(void *arg, const char *path, char *buf, size_t size)
{
	(void)arg;
	/* O_NONBLOCK: a FIFO planted in a fixture or an odd mount must not hang the scan. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}

const struct sysfs_ops sysfs_ops_default = { read_file_posix, NULL };

void sysfs_note(struct sysfs_scan *s, struct probe_device *d, const char *what, const char *fmt, ...)
{
	char reason[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	bool ok = d ? probe_note(d, what, "%s", reason) : probe_list_note(s->list, what, "%s", reason);
	if (!ok)
		s->oom = true;
}

enum sysfs_read_result sysfs_read(struct sysfs_scan *s, struct probe_device *d, const char *attr,
				  const char *path, char *buf, size_t *len)
{
	ssize_t n = s->ops->read_file(s->ops->arg, path, buf, SYSFS_ATTR_MAX + 1);
	if (n < 0) {
		switch (-n) {
		case ENOENT:
		case ENOTDIR:
		case EOPNOTSUPP:
		case ENODATA:
			/* most attributes exist only for one driver or one ASIC */
			return SYSFS_READ_ABSENT;
		case EACCES:
			sysfs_note(s, d, attr, "permission denied: %s", path);
			return SYSFS_READ_FAILED;
		default:
			sysfs_note(s, d, attr, "cannot read %s: %s", path, strerror((int)-n));
			return SYSFS_READ_FAILED;
		}
	}
	if ((size_t)n > SYSFS_ATTR_MAX) {
		sysfs_note(s, d, attr, "%s is longer than %d bytes; not read", path, SYSFS_ATTR_MAX);
		return SYSFS_READ_FAILED;
	}
	read_log_add(s->log, "sysfs", path, buf, (size_t)n, NULL);
	buf[n] = '\0';
	*len = (size_t)n;
	return SYSFS_READ_OK;
}

bool sysfs_parse_settle(struct sysfs_scan *s, struct probe_device *d, const char *attr, const char *path,
			enum sysfs_parse rc, const char *why)
{
	if (rc == SYSFS_PARSE_MALFORMED)
		sysfs_note(s, d, attr, "unexpected content in %s: %s", path, why);
	return rc == SYSFS_PARSE_OK;
}

bool sysfs_read_text(struct sysfs_scan *s, struct probe_device *d, const char *attr,
		     const char *path, char *out, size_t out_size)
{
	char buf[SYSFS_ATTR_MAX + 2];
	size_t len;
	if (sysfs_read(s, d, attr, path, buf, &len) != SYSFS_READ_OK)
		return false;
	char why[SYSFS_WHY_SIZE];
	enum sysfs_parse rc = sysfs_parse_text(buf, len, out, out_size, why);
	return sysfs_parse_settle(s, d, attr, path, rc, why);
}

bool sysfs_read_u64(struct sysfs_scan *s, struct probe_device *d, const char *attr,
		    const char *path, uint64_t *out)
{
	char buf[SYSFS_ATTR_MAX + 2];
	size_t len;
	if (sysfs_read(s, d, attr, path, buf, &len) != SYSFS_READ_OK)
		return false;
	char why[SYSFS_WHY_SIZE];
	enum sysfs_parse rc = sysfs_parse_u64(buf, len, out, why);
	return sysfs_parse_settle(s, d, attr, path, rc, why);
}

bool sysfs_join(char *buf, size_t size, const char *root, const char *rel, const char *name)
{
	int n = snprintf(buf, size, "%s/%s/%s", root, rel, name);
	return n > 0 && (size_t)n < size;
}

static int hex_digits(const char *s, int max)
{
	int n = 0;
	while (n < max && ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
		n++;
	return n;
}

bool sysfs_link_slot(const char *link_path, char slot[16])
{
	char target[PATH_MAX];
	ssize_t n = readlink(link_path, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	while (n > 1 && target[n - 1] == '/')
		target[--n] = '\0';
	const char *base = strrchr(target, '/');
	base = base ? base + 1 : target;
	/* dddd:bb:dd.f, where the domain may be wider (VMD uses 10000+) */
	int dom = hex_digits(base, 8);
	if (dom < 4 || base[dom] != ':')
		return false;
	const char *p = base + dom + 1;
	if (hex_digits(p, 2) != 2 || p[2] != ':' || hex_digits(p + 3, 2) != 2 || p[5] != '.' ||
	    p[6] < '0' || p[6] > '7' || p[7] != '\0')
		return false;
	if (strlen(base) >= 16)
		return false;
	strcpy(slot, base);
	return true;
}

struct numbered {
	unsigned long num;
	char name[NAME_MAX + 1];
};

static int cmp_numbered(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;
	return (x->num > y->num) - (x->num < y->num);
}

void sysfs_each_numbered(const char *dir, const char *prefix,
			 void (*fn)(struct sysfs_scan *s, const char *dir, const char *name, void *arg),
			 struct sysfs_scan *s, void *arg)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	struct numbered *items = NULL;
	size_t n = 0, cap = 0;
	size_t plen = strlen(prefix);
	struct dirent *de;
	while ((de = readdir(dh))) {
		const char *num = de->d_name + plen;
		if (strncmp(de->d_name, prefix, plen) != 0 || !*num || strlen(num) > 9 ||
		    strspn(num, "0123456789") != strlen(num))
			continue;
		struct numbered *ni = grow_for_one(items, n, &cap, sizeof(*ni), 16);
		if (!ni) {
			s->oom = true;
			break;
		}
		items = ni;
		items[n].num = strtoul(num, NULL, 10);
		snprintf(items[n].name, sizeof(items[n].name), "%s", de->d_name);
		n++;
	}
	closedir(dh);
	if (n > 1)
		qsort(items, n, sizeof(*items), cmp_numbered);
	for (size_t i = 0; i < n; i++)
		fn(s, dir, items[i].name, arg);
	free(items);
}
