/* Shared by the sysfs backend's readers (sysfs_*.c); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_SYSFS_INTERNAL_H
#define TPP_PROBE_SYSFS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "probe/sysfs.h"
#include "probe/sysfs_parse.h"

/* Attributes are at most a page; KFD properties about 1 KiB. A file that
 * fills this buffer is not one we know how to read. */
#define SYSFS_ATTR_MAX 8192

struct sysfs_scan {
	const char *root;
	const struct sysfs_ops *ops;
	struct probe_list *list;
	struct read_log *log;     /* the context's read log; NULL: none */
	bool oom;                 /* a note could not be stored */
};

enum sysfs_read_result {
	SYSFS_READ_OK,
	SYSFS_READ_ABSENT,        /* no such file, or the driver does not support it: silent */
	SYSFS_READ_FAILED,        /* noted on d (or on the list when d is NULL) */
};

/* Reads the file at path (NUL-terminated in buf, *len bytes before it).
 * Permission denied and I/O errors become a note under `attr`. */
enum sysfs_read_result sysfs_read(struct sysfs_scan *s, struct probe_device *d, const char *attr,
				  const char *path, char *buf, size_t *len);

/* The attribute as one line of text; false when absent, empty or noted. */
bool sysfs_read_text(struct sysfs_scan *s, struct probe_device *d, const char *attr,
		     const char *path, char *out, size_t out_size);

/* The attribute as one decimal number; false when absent, empty or noted. */
bool sysfs_read_u64(struct sysfs_scan *s, struct probe_device *d, const char *attr,
		    const char *path, uint64_t *out);

/* A parse's outcome: true for a value; false when empty or malformed, a
 * malformed one noted ("unexpected content in PATH: WHY") under `attr`. */
bool sysfs_parse_settle(struct sysfs_scan *s, struct probe_device *d, const char *attr, const char *path,
			enum sysfs_parse rc, const char *why);

/* Adds a note on d, or on the list when d is NULL; remembers out of memory. */
void sysfs_note(struct sysfs_scan *s, struct probe_device *d, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* root/rel/name into buf; false (and nothing read) if it does not fit. */
bool sysfs_join(char *buf, size_t size, const char *root, const char *rel, const char *name);

/* The PCI slot a sysfs "device" link points at ("../../../0000:19:00.0"):
 * its last component when that has the dddd:bb:dd.f form. */
bool sysfs_link_slot(const char *link_path, char slot[16]);

/* Calls fn for every entry of dir whose name starts with prefix and goes on
 * with digits only ("card0" but not "card0-DP-1"), in numeric order. */
void sysfs_each_numbered(const char *dir, const char *prefix,
			 void (*fn)(struct sysfs_scan *s, const char *dir, const char *name, void *arg),
			 struct sysfs_scan *s, void *arg);

/* The readers, in the order the backend runs them. */
void sysfs_read_amdgpu(struct sysfs_scan *s, struct probe_device *d);
void sysfs_read_kfd(struct sysfs_scan *s);
void sysfs_read_accel(struct sysfs_scan *s);
void sysfs_read_intel(struct sysfs_scan *s);

#endif
