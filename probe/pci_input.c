/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/pci_input.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/input.h"
#include "probe/pci_dump_check.h"

#define DUMP_MAX_BYTES (64u << 20)

static int read_dump(const char *path, char **text, size_t *len, struct tpp_error *err)
{
	return input_read_file(NULL, path, "an lspci dump", 0, DUMP_MAX_BYTES, text, len, err);
}

int pci_input_check_dump(const char *path, struct read_log *log, struct tpp_error *err)
{
	char *text;
	size_t len;
	if (read_dump(path, &text, &len, err) != 0)
		return -1;
	read_log_add(log, "dump", path, text, len, NULL);
	int n = pci_dump_check(path, text, len, err);
	free(text);
	return n < 0 ? -1 : 0;
}

/* Entry names libpci's sysfs scan reads as addresses; on others it errors
 * out and leaks the device it had allocated. */
static bool sysfs_entry_ok(const char *name)
{
	size_t dom = strspn(name, "0123456789abcdef");
	if (dom < 4 || dom > 8 || name[dom] != ':' || (dom == 8 && name[0] > '7'))
		return false;
	const char *b = name + dom + 1;
	return strspn(b, "0123456789abcdef") == 2 && b[2] == ':' && strspn(b + 3, "0123456789abcdef") == 2 &&
	       b[5] == '.' && b[6] >= '0' && b[6] <= '7' && !b[7];
}

int pci_input_check_sysfs(const char *bus_path, bool live, struct probe_list *list, struct tpp_error *err)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/devices", bus_path);
	DIR *dir = opendir(path);
	if (!dir) {
		int e = errno;
		if (live) {
			if (probe_list_note(list, "pci", "cannot read %s: %s; no PCI devices listed", path, strerror(e)))
				return 1;
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
		tpp_error_set(err, TPP_EX_NOINPUT, "%s: %s (not a sysfs tree?)", path, strerror(e));
		return -1;
	}
	struct dirent *ent;
	while ((ent = readdir(dir))) {
		if (ent->d_name[0] == '.' || sysfs_entry_ok(ent->d_name))
			continue;
		char q[64];
		snprintf(q, sizeof(q), "%.40s", ent->d_name);
		for (char *c = q; *c; c++)
			if (!isprint((unsigned char)*c))
				*c = '?';
		closedir(dir);
		tpp_error_set(err, TPP_EX_DATAERR, "%s: entry \"%s\" is not a PCI address", path, q);
		return -1;
	}
	closedir(dir);
	return 0;
}
