/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/rom_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "probe/optionrom.h"
#include "probe/rom_sysfs.h"

/* What the image says, kept on the record; `tag` is a static string. */
static int keep_rom(struct probe_device *d, const struct oprom *rom, const char *origin, const char *tag,
		    struct tpp_error *err)
{
	struct device_rom *r = &d->rom;
	free(r->origin);
	r->origin = strdup(origin);
	if (!r->origin) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	r->read = true;
	r->tag = tag;
	oprom_identity(rom, &r->id);
	const struct rom_identity *id = &r->id;
	if (id->has_image) {
		char ids[64];
		snprintf(ids, sizeof(ids), "%04x:%04x", id->vendor_id, id->device_id);
		for (size_t i = 0; i < id->n_device_list && strlen(ids) < sizeof(ids) - 8; i++)
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), "%s%04x", i ? "," : " (list ",
				 id->device_list[i]);
		if (id->n_device_list)
			strncat(ids, ")", sizeof(ids) - strlen(ids) - 1);
		if (!probe_set_str(&d->rom_ids, ids, tag))
			goto oom;
	}
	if (*id->version && !probe_set_str(&d->rom_version, id->version, tag))
		goto oom;
	if (*id->problem && !probe_note(d, "rom", "%s: %s", origin, id->problem))
		goto oom;
	return 0;
oom:
	tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	return -1;
}

int probe_read_rom_dir(const char *dir, struct probe_list *list, struct tpp_error *err)
{
	return probe_read_rom_dir_log(dir, list, NULL, err);
}

int probe_read_rom_dir_log(const char *dir, struct probe_list *list, struct read_log *log, struct tpp_error *err)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tpp_error_set(err, TPP_EX_NOINPUT, "tppscan scan: --rom-dir %s: %s", dir,
			      stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		return -1;
	}
	for (size_t i = 0; i < list->n; i++) {
		struct probe_device *d = &list->dev[i];
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.rom", dir, d->slot);
		if (lstat(path, &st) != 0 && errno == ENOENT) {
			if (!probe_note(d, "rom", "no image %s in --rom-dir", path)) {
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				return -1;
			}
			continue;
		}
		uint8_t *data = NULL;
		size_t size = 0;
		struct oprom rom;
		/* A named ROM that cannot be read or parsed is bad input; a link
		 * is refused so the check reads only the tree the user named. */
		int rc = input_read_file(NULL, path, "an option ROM", INPUT_NO_SYMLINK | INPUT_NOT_EMPTY,
					 OPROM_MAX_FILE_SIZE, (char **)&data, &size, err);
		if (!rc)
			read_log_add(log, "rom", path, data, size, NULL);
		rc = rc || oprom_parse(path, data, size, &rom, err) ||
			 keep_rom(d, &rom, path, "option ROM file (--rom-dir)", err);
		free(data);
		if (rc)
			return -1;
	}
	return 0;
}

int probe_read_rom_sysfs(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	for (size_t i = 0; i < list->n; i++) {
		struct probe_device *d = &list->dev[i];
		uint8_t *data = NULL;
		size_t size = 0;
		struct tpp_error e = { 0 };
		if (rom_sysfs_read(&rom_sysfs_ops_default, ctx->sysfs_root, d->slot, &data, &size, &e)) {
			if (e.status == TPP_EX_OSERR) {   /* could not restore: say so loudly */
				*err = e;
				return -1;
			}
			if (!probe_note(d, "rom", "%s", e.msg))
				goto oom;
			continue;
		}
		struct oprom rom;
		char origin[64], path[4096];
		snprintf(origin, sizeof(origin), "sysfs rom of %s", d->slot);
		snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/rom", ctx->sysfs_root ? ctx->sysfs_root : "/sys",
			 d->slot);
		read_log_add(ctx->read_log, "rom", path, data, size, NULL);
		int rc = 0;
		if (oprom_parse(origin, data, size, &rom, &e))
			rc = probe_note(d, "rom", "%s", e.msg) ? 0 : -1;
		else
			rc = keep_rom(d, &rom, origin, "option ROM read through sysfs (--read-rom)", err);
		free(data);
		if (rc)
			goto oom;
	}
	return 0;
oom:
	tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	return -1;
}
