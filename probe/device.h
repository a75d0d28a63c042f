/* The probe stage's interface: where to look, the backends, and the helpers
 * they share to fill device records (core/device.h).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_DEVICE_H
#define TPP_PROBE_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/device.h"
#include "core/error.h"
#include "core/readlog.h"

/* Where to look. Every path has a default for the live host; tests point
 * them at fixtures. Nothing here is ever written. */
struct probe_ctx {
	const char *sysfs_root;   /* default "/sys" */
	const char *procfs_root;  /* default "/proc" */
	const char *dev_root;     /* default "/dev" (DRM render nodes) */
	const char *dump_file;    /* lspci -x output: use libpci's dump method instead of sysfs */
	const char *nvml_library; /* NULL: "libnvidia-ml.so.1" from the loader path */
	bool no_nvml;             /* do not try NVML at all */
	bool no_drm;              /* do not open DRM nodes */
	/* Whether (vendor, device) is a known accelerator even outside the
	 * accelerator PCI classes; NULL = classes only. */
	bool (*is_known)(void *arg, uint16_t vendor, uint16_t device);
	void *is_known_arg;
	/* When set, every file the probe stage reads itself (the dump, sysfs
	 * and procfs attributes) is recorded with the SHA-256 of the bytes
	 * read, for evidence reports. libpci's own reads and NVML calls are
	 * not files it can see. */
	struct read_log *read_log;
};

/* A backend fills or enriches the list. The pci backend creates the records;
 * the others add fields to records whose slot they can match, and add
 * notes for what they could not read. A missing optional source (no NVML
 * library, no DRM node) is a note, not an error; an error is for bad input
 * (a malformed dump) and stops the scan. */
struct probe_backend {
	const char *name;
	int (*run)(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err);
};

/* Helpers shared by the backends (probe/device.c). */
struct probe_device *probe_list_find(struct probe_list *list, const char *slot);
struct probe_device *probe_list_add(struct probe_list *list, struct tpp_error *err);
void probe_list_sort(struct probe_list *list);           /* by domain:bus:dev.fn */
void probe_list_free(struct probe_list *list);
void probe_set_num(struct probe_num *n, double v, const char *source);
/* Takes a copy of v (trailing whitespace trimmed); false on out of memory. */
bool probe_set_str(struct probe_str *s, const char *v, const char *source);
bool probe_note(struct probe_device *d, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool probe_list_note(struct probe_list *l, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "0000:c1:00.0" from its parts. */
void probe_format_slot(char out[16], int domain, unsigned bus, unsigned dev, unsigned func);
/* root + "/" + rel into buf; false if it does not fit. */
bool probe_path(char *buf, size_t size, const char *root, const char *rel);

#endif
