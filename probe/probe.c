/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/probe.h"

#include "probe/drm.h"
#include "probe/nvidia_procfs.h"
#include "probe/nvml.h"
#include "probe/pci.h"
#include "probe/sysfs.h"

const struct probe_backend *const probe_backends[] = {
	&probe_pci_backend,
	&probe_sysfs_backend,
	&probe_drm_backend,
	&probe_nvidia_procfs_backend,
	&probe_nvml_backend,
};
const size_t probe_n_backends = sizeof(probe_backends) / sizeof(probe_backends[0]);

int probe_run(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	*list = (struct probe_list){ 0 };
	for (size_t i = 0; i < probe_n_backends; i++) {
		if (probe_backends[i]->run(ctx, list, err)) {
			probe_list_free(list);
			return -1;
		}
	}
	probe_list_sort(list);
	return 0;
}
