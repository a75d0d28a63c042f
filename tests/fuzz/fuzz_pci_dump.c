/* libFuzzer target: the pci backend in dump mode. libpci reads dumps only
 * from a file, so each input is written to one temporary file first. Any
 * input must give devices or a clean error: no crash, leak, exit() from
 * libpci, or read out of bounds.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/pci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dump_path[64];

/* List everything, so every device goes through the identity, name and
 * link code, not only those of accelerator classes. */
static bool any_device(void *arg, uint16_t vendor, uint16_t device)
{
	(void)arg, (void)vendor, (void)device;
	return true;
}

static void remove_dump(void)
{
	unlink(dump_path);
}

static bool write_input(const uint8_t *data, size_t size)
{
	if (!dump_path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(dump_path, sizeof(dump_path), "%.40s/fuzz-pci-XXXXXX", dir && *dir ? dir : "/tmp");
		int fd = mkstemp(dump_path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(remove_dump);
	}
	FILE *f = fopen(dump_path, "wb");
	if (!f)
		abort();
	bool ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!write_input(data, size))
		abort();
	/* A small pci.ids keeps each run fast; a missing one only costs names. */
	struct probe_pci_opts opts = { .ids_file = "tests/fixtures/pci-ids/pci.ids", .no_hwdb = true };
	struct probe_ctx ctx = { .dump_file = dump_path, .is_known = any_device };
	struct probe_list list = { 0 };
	struct tpp_error err = { 0 };
	int rc = probe_pci_run(&ctx, &opts, &list, &err);
	if ((rc == 0) != (err.status == 0) || (rc != 0 && (list.n || !err.msg[0] || strchr(err.msg, '\n'))))
		abort();
	probe_list_free(&list);
	return 0;
}
