/* The nvidia_procfs backend: walks <procfs_root>/driver/nvidia/gpus and
 * adds what each GPU's `information` file says to the matching record.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/nvidia_procfs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/nvidia_common.h"

/* procfs text files report size 0, so read until EOF, up to a cap far
 * above anything the driver prints. */
#define PROCFS_MAX_BYTES (64 * 1024)

static int default_read_file(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errno;
	char *b = malloc(PROCFS_MAX_BYTES + 1);
	if (!b) {
		fclose(f);
		return ENOMEM;
	}
	size_t n = fread(b, 1, PROCFS_MAX_BYTES, f);
	int rc = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (rc) {
		free(b);
		return rc;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

static int skip_dots(const struct dirent *e)
{
	return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

static int default_list_dir(const char *path, char ***names, size_t *count)
{
	struct dirent **ents;
	int n = scandir(path, &ents, skip_dots, alphasort);
	if (n < 0)
		return errno;
	int rc = 0;
	char **out = calloc((size_t)n + 1, sizeof(*out));
	for (int i = 0; i < n; i++) {
		if (out && !(out[i] = strdup(ents[i]->d_name)))
			rc = ENOMEM;
		free(ents[i]);
	}
	free(ents);
	if (!out || rc) {
		for (int i = 0; out && i < n; i++)
			free(out[i]);
		free(out);
		return ENOMEM;
	}
	*names = out;
	*count = (size_t)n;
	return 0;
}

const struct nvidia_procfs_io nvidia_procfs_default_io = {
	.read_file = default_read_file,
	.list_dir = default_list_dir,
};

static const char *errno_reason(int e)
{
	return e == EACCES || e == EPERM ? "permission denied" : strerror(e);
}

/* Adds what one `information` file says to the record d. */
static bool apply_information(struct probe_device *d, const char *path, const char *text, size_t len)
{
	static const char src[] = "procfs:driver/nvidia/gpus/*/information";
	struct nvidia_gpu_information info;
	nvidia_parse_information(text, len, &info);

	if (info.keys == 0)
		return probe_note(d, "nvidia procfs", "%s: no known \"Key: value\" line", path);
	bool ok = nvidia_merge_str(d, &d->product_name, "product_name", info.model, src) &&
		nvidia_merge_str(d, &d->uuid, "uuid", info.uuid, src) &&
		nvidia_merge_str(d, &d->vbios_version, "vbios_version", info.vbios_version, src) &&
		nvidia_merge_str(d, &d->firmware, "firmware", info.firmware, src);
	if (ok && info.truncated)
		ok = probe_note(d, "nvidia procfs", "%s ends mid-line; that line was ignored", path);
	if (ok && info.excluded == 1)
		ok = probe_note(d, "nvidia driver",
			"the driver excludes this GPU (NVreg_ExcludedGpus); NVML will not report it");
	return ok;
}

/* One entry of driver/nvidia/gpus. */
static bool read_gpu(struct probe_list *list, const struct nvidia_procfs_io *io, struct read_log *log,
	const char *gpus, const char *name, bool *seen)
{
	char slot[16], path[4096];
	if (!nvidia_slot_normalise(name, slot))
		return probe_list_note(list, "nvidia procfs", "%s/%s: not a PCI address; skipped", gpus, name);
	struct probe_device *d = probe_list_find(list, slot);
	if (!d)
		return probe_list_note(list, "nvidia procfs",
			"the NVIDIA driver has a GPU at %s that is not in the device list", slot);
	seen[d - list->dev] = true;
	if (snprintf(path, sizeof(path), "%s/%s/information", gpus, name) >= (int)sizeof(path))
		return probe_note(d, "nvidia procfs", "path too long under %s", gpus);
	char *text = NULL;
	size_t len = 0;
	int rc = io->read_file(path, &text, &len);
	if (rc == ENOMEM)
		return false;
	if (rc)
		return probe_note(d, "nvidia procfs", "%s: %s", errno_reason(rc), path);
	read_log_add(log, "procfs", path, text, len, NULL);
	bool ok = apply_information(d, path, text, len);
	free(text);
	return ok;
}

static bool read_version(struct probe_list *list, const struct nvidia_procfs_io *io, struct read_log *log,
	const char *root)
{
	char path[4096], version[64];
	char *text = NULL;
	size_t len = 0;
	if (!probe_path(path, sizeof(path), root, "driver/nvidia/version"))
		return true;
	int rc = io->read_file(path, &text, &len);
	if (rc == ENOMEM)
		return false;
	if (rc)
		return probe_list_note(list, "nvidia driver version", "%s: %s", errno_reason(rc), path);
	read_log_add(log, "procfs", path, text, len, NULL);
	bool ok = nvidia_parse_version(text, len, version, sizeof(version)) ?
		probe_list_note(list, "nvidia driver version", "%s (from %s)", version, path) :
		probe_list_note(list, "nvidia driver version", "%s: no \"NVRM version:\" line with a version", path);
	free(text);
	return ok;
}

/* NVIDIA records the walk did not reach. A record whose bound driver is
 * known and is not "nvidia" (nouveau, vfio-pci) is expected to be absent. */
static bool note_unseen(struct probe_list *list, const bool *seen, const char *gpus)
{
	for (size_t i = 0; i < list->n; i++) {
		struct probe_device *d = &list->dev[i];
		if (seen[i] || d->vendor_id != NVIDIA_PCI_VENDOR)
			continue;
		if (d->driver.value && strcmp(d->driver.value, "nvidia") != 0)
			continue;
		if (!probe_note(d, "nvidia procfs", "no %s/%s: the nvidia driver does not list this function",
			    gpus, d->slot))
			return false;
	}
	return true;
}

int nvidia_procfs_run_io(const struct probe_ctx *ctx, struct probe_list *list,
	const struct nvidia_procfs_io *io, struct tpp_error *err)
{
	/* a dump or a saved sysfs tree is another machine: its procfs only if given */
	if ((ctx->dump_file || ctx->sysfs_root) && !ctx->procfs_root)
		return 0;
	const char *root = ctx->procfs_root ? ctx->procfs_root : "/proc";
	char gpus[4096];
	if (!probe_path(gpus, sizeof(gpus), root, "driver/nvidia/gpus")) {
		tpp_error_set(err, TPP_EX_USAGE, "procfs root too long: %s", root);
		return -1;
	}

	char **names = NULL;
	size_t n = 0;
	int rc = io->list_dir(gpus, &names, &n);
	if (rc == ENOMEM)
		goto oom;
	if (rc) {
		/* No driver directory on a host without NVIDIA GPUs is normal. */
		if (rc == ENOENT && !nvidia_list_has_nvidia(list))
			return 0;
		bool ok = rc == ENOENT ?
			probe_list_note(list, "nvidia procfs",
				"no %s: the nvidia kernel driver is not loaded; model, UUID and VBIOS not read from procfs", gpus) :
			probe_list_note(list, "nvidia procfs", "%s: %s", errno_reason(rc), gpus);
		if (ok)
			return 0;
		goto oom;
	}

	bool ok = true;
	bool *seen = calloc(list->n + 1, sizeof(*seen));
	if (!seen)
		ok = false;
	for (size_t i = 0; i < n; i++) {
		if (ok)
			ok = read_gpu(list, io, ctx->read_log, gpus, names[i], seen);
		free(names[i]);
	}
	free(names);
	ok = ok && note_unseen(list, seen, gpus) && read_version(list, io, ctx->read_log, root);
	free(seen);
	if (ok)
		return 0;
oom:
	tpp_error_set(err, TPP_EX_OSERR, "out of memory reading %s", gpus);
	return -1;
}

static int run(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	return nvidia_procfs_run_io(ctx, list, &nvidia_procfs_default_io, err);
}

const struct probe_backend probe_nvidia_procfs_backend = { "nvidia_procfs", run };
