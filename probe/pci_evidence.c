/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/pci_evidence.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/input.h"

const char *const pci_evidence_files[] = { "config", "vendor", "device", "subsystem_vendor", "subsystem_device",
	"class", "revision", NULL };

void probe_log_pci_identity(const struct probe_ctx *ctx, const struct probe_list *list)
{
	if (!ctx->read_log || ctx->dump_file)
		return;
	const char *root = ctx->sysfs_root ? ctx->sysfs_root : "/sys";
	for (size_t i = 0; i < list->n; i++)
		for (const char *const *f = pci_evidence_files; *f; f++) {
			char path[4096];
			if (snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/%s", root, list->dev[i].slot, *f) >=
			    (int)sizeof(path))
				continue;
			char *data;
			size_t len;
			struct tpp_error err = { 0 };
			/* config space is at most 4 KiB; attributes are a line */
			if (input_read_file(NULL, path, "a sysfs attribute", 0, 65536, &data, &len, &err) == 0) {
				read_log_add(ctx->read_log, "sysfs", path, data, len, "tppscan, after libpci");
				free(data);
			}
		}
}
