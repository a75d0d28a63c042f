/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/source_options.h"

#include <unistd.h>

#include "cli/cli.h"

int source_option(struct source_opts *s, int opt, const char *arg)
{
	switch (opt) {
	case CLI_OPT_DUMP:
		s->ctx.dump_file = arg;
		return 0;
	case CLI_OPT_SYSFS:
		s->ctx.sysfs_root = arg;
		return 0;
	case CLI_OPT_PROCFS:
		s->ctx.procfs_root = arg;
		return 0;
	case CLI_OPT_NVML_LIB:
		s->ctx.nvml_library = arg;
		return 0;
	case CLI_OPT_NO_NVML:
		s->ctx.no_nvml = true;
		return 0;
	case CLI_OPT_NO_DRM:
		s->ctx.no_drm = true;
		return 0;
	case CLI_OPT_ROM_DIR:
		s->rom_dir = arg;
		return 0;
	case CLI_OPT_READ_ROM:
		s->read_rom = true;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

int source_check(const char *cmd, struct source_opts *s, struct tpp_error *err)
{
	struct probe_ctx *ctx = &s->ctx;
	if (ctx->dump_file && ctx->sysfs_root) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: give --dump or --sysfs, not both", cmd);
		return -1;
	}
	if (s->read_rom && (ctx->dump_file || ctx->sysfs_root)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --read-rom reads live hardware; it cannot be used with %s", cmd,
			      ctx->dump_file ? "--dump" : "--sysfs (use --rom-dir for saved images)");
		return -1;
	}
	if (s->read_rom && geteuid() != 0) {
		tpp_error_set(err, TPP_EX_NOPERM,
			      "tppscan %s: --read-rom needs root: the sysfs rom file must be enabled by writing to it", cmd);
		return -1;
	}
	if (ctx->sysfs_root) {
		ctx->no_drm = true;
		if (!ctx->nvml_library)
			ctx->no_nvml = true;
	}
	return 0;
}
