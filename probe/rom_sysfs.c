/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/rom_sysfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/optionrom.h"

/* The enable file must be the sysfs attribute itself: a link (a saved
 * tree pointing elsewhere) or anything but a regular file is refused, so
 * no input can direct this write to another file. */
static int write_text(void *arg, const char *path, const char *text)
{
	(void)arg;
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	ssize_t n = write(fd, text, strlen(text));
	int e = n < 0 ? errno : 0;
	close(fd);
	return n < 0 ? -e : 0;
}

static int read_all(void *arg, const char *path, size_t max, uint8_t **data, size_t *size)
{
	(void)arg;
	struct tpp_error err = { 0 };
	if (oprom_read_file(NULL, path, max, data, size, &err) == 0)
		return 0;
	return err.status == TPP_EX_NOPERM ? -EACCES : -EIO;
}

const struct rom_sysfs_ops rom_sysfs_ops_default = { write_text, read_all, NULL };

int rom_sysfs_read(const struct rom_sysfs_ops *ops, const char *sysfs_root, const char *slot, uint8_t **data,
		   size_t *size, struct tpp_error *err)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/rom", sysfs_root ? sysfs_root : "/sys", slot);
	int rc = ops->write_text(ops->arg, path, "1");
	if (rc) {
		tpp_error_set(err, rc == -EACCES || rc == -EPERM ? TPP_EX_NOPERM : TPP_EX_NOINPUT,
			      "%s: cannot enable the ROM for reading: %s", path,
			      rc == -ELOOP || rc == -EINVAL ? "not a regular sysfs attribute (a link?); not written"
							    : strerror(-rc));
		return -1;
	}
	int read_rc = ops->read_all(ops->arg, path, 0, data, size);
	/* Leave the device as it was, whatever the read did. */
	int restore_rc = ops->write_text(ops->arg, path, "0");
	if (read_rc) {
		tpp_error_set(err, read_rc == -EACCES ? TPP_EX_NOPERM : TPP_EX_NOINPUT, "%s: cannot read the ROM: %s%s",
			      path, strerror(-read_rc), restore_rc ? "; and restoring its enable state failed" : "");
		return -1;
	}
	if (restore_rc) {
		free(*data);
		*data = NULL;
		tpp_error_set(err, TPP_EX_OSERR, "%s: ROM read, but writing 0 back to disable it failed: %s", path,
			      strerror(-restore_rc));
		return -1;
	}
	return 0;
}
