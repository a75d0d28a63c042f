/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_extra.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify/rom_match.h"
#include "probe/optionrom.h"
#include "probe/rom_sysfs.h"

/* Compare one function with the ROM image found for it. */
/* `origin` names the image in messages; `tag` (a static string) is the
 * source recorded with the values, which outlive `origin`. */
static void cross_check(const struct kb *kb, struct scan_item *it, struct probe_device *d, const struct oprom *rom,
			const char *origin, const char *tag)
{
	struct rom_match m;
	rom_match_part(kb, rom, &m);
	const struct oprom_image *im = oprom_primary_image(rom);
	const char *version = oprom_vbios_version(rom);
	char ids[64] = "";
	if (im) {
		snprintf(ids, sizeof(ids), "%04x:%04x", im->vendor_id, im->device_id);
		for (size_t i = 0; i < im->n_device_ids && strlen(ids) < sizeof(ids) - 8; i++)
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), "%s%04x", i ? "," : " (list ", im->device_ids[i]);
		if (im->n_device_ids)
			strncat(ids, ")", sizeof(ids) - strlen(ids) - 1);
		probe_set_str(&d->rom_ids, ids, tag);
	}
	if (version)
		probe_set_str(&d->rom_version, version, tag);

	if (!im) {
		scan_warn(it, "rom-unreadable", "%s: the ROM has no image with PCI IDs", origin);
		return;
	}
	if (!rom_supports_device(rom, d->vendor_id, d->device_id)) {
		scan_warn(it, "rom-mismatch",
			  "the option ROM (%s) is for %s%s%s, not this device %04x:%04x (%s): cross-flashed firmware?", origin,
			  ids, m.part ? ", " : "", m.part ? m.part->name : "",
			  d->vendor_id, d->device_id, it->part ? it->part->name : "unknown part");
	} else if (m.part && it->part && m.part != it->part) {
		scan_warn(it, "rom-mismatch", "the option ROM (%s) names %s, the PCI ID names %s", origin, m.part->name,
			  it->part->name);
	}
	if (version && d->vbios_version.value && strcasecmp(version, d->vbios_version.value) != 0)
		scan_warn(it, "rom-version-mismatch", "the driver reports VBIOS %s (%s); the option ROM (%s) is %s",
			  d->vbios_version.value, d->vbios_version.source ? d->vbios_version.source : "driver", origin,
			  version);
	if (rom->problems.n)
		probe_note(d, "rom", "%s: %s", origin, rom->problems.msg[0]);
}

static int check_from_dir(struct cli *c, const char *dir, struct scan_result *res, struct tpp_error *err)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tpp_error_set(err, TPP_EX_NOINPUT, "tppscan scan: --rom-dir %s: %s", dir,
			      stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		return -1;
	}
	for (size_t i = 0; i < res->n; i++) {
		struct scan_item *it = &res->items[i];
		for (size_t k = 0; k < it->n_dev; k++) {
			struct probe_device *d = it->dev[k];
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s.rom", dir, d->slot);
			if (access(path, F_OK) != 0) {
				probe_note(d, "rom", "no image %s in --rom-dir", path);
				continue;
			}
			uint8_t *data = NULL;
			size_t size = 0;
			struct oprom rom;
			/* A named ROM that cannot be read or parsed is bad input. */
			if (oprom_read_file(NULL, path, 0, &data, &size, err) ||
			    oprom_parse(path, data, size, &rom, err)) {
				free(data);
				return -1;
			}
			free(data);
			cross_check(&c->kb, it, d, &rom, path, "option ROM file (--rom-dir)");
		}
	}
	return 0;
}

static int check_from_sysfs(struct cli *c, const struct probe_ctx *ctx, struct scan_result *res,
			    struct tpp_error *err)
{
	size_t n = 0;
	for (size_t i = 0; i < res->n; i++)
		n += res->items[i].n_dev;
	fprintf(stderr, "tppscan: --read-rom: reading the option ROM of %zu device%s through sysfs "
		"(writes 1 to each rom file, reads it, writes 0 back)\n", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < res->n; i++) {
		struct scan_item *it = &res->items[i];
		for (size_t k = 0; k < it->n_dev; k++) {
			struct probe_device *d = it->dev[k];
			uint8_t *data = NULL;
			size_t size = 0;
			struct tpp_error e = { 0 };
			if (rom_sysfs_read(&rom_sysfs_ops_default, ctx->sysfs_root, d->slot, &data, &size, &e)) {
				if (e.status == TPP_EX_OSERR) {   /* could not restore: say so loudly */
					*err = e;
					return -1;
				}
				probe_note(d, "rom", "%s", e.msg);
				continue;
			}
			struct oprom rom;
			char origin[64];
			snprintf(origin, sizeof(origin), "sysfs rom of %s", d->slot);
			if (oprom_parse(origin, data, size, &rom, &e))
				probe_note(d, "rom", "%s", e.msg);
			else
				cross_check(&c->kb, it, d, &rom, origin, "option ROM read through sysfs (--read-rom)");
			free(data);
		}
	}
	return 0;
}

int scan_extra_firmware(struct cli *c, const struct scan_extra *x, const struct probe_ctx *ctx,
			struct scan_result *res, struct tpp_error *err)
{
	if (x->rom_dir && check_from_dir(c, x->rom_dir, res, err))
		return -1;
	if (x->read_rom && check_from_sysfs(c, ctx, res, err))
		return -1;
	return 0;
}
