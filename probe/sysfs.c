/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/sysfs.h"

#include "probe/sysfs_internal.h"

int probe_sysfs_run_with(const struct probe_ctx *ctx, const struct sysfs_ops *ops,
			 struct probe_list *list, struct tpp_error *err)
{
	if (ctx->dump_file)
		return 0;
	struct sysfs_scan s = {
		.root = ctx->sysfs_root ? ctx->sysfs_root : "/sys",
		.ops = ops,
		.list = list,
		.log = ctx->read_log,
	};
	for (size_t i = 0; i < list->n; i++)
		sysfs_read_amdgpu(&s, &list->dev[i]);
	sysfs_read_kfd(&s);
	sysfs_read_accel(&s);
	sysfs_read_intel(&s);
	if (s.oom) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory while reading %s", s.root);
		return -1;
	}
	return 0;
}

static int run_default(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	return probe_sysfs_run_with(ctx, &sysfs_ops_default, list, err);
}

const struct probe_backend probe_sysfs_backend = { "sysfs", run_default };
