/* Compute accelerators outside DRM's GPU classes: /sys/class/accel (Linux
 * 6.2 and later) and the older /sys/class/habanalabs. Attribute names are
 * those of Documentation/ABI/testing/sysfs-driver-habanalabs; other accel
 * drivers (ivpu, qaic, amdxdna) publish none of them, so their devices are
 * matched and left as the pci backend found them.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "probe/enrich.h"
#include "probe/sysfs_internal.h"

/* Where a class puts the driver's attributes relative to the class entry. */
struct accel_class {
	const char *dir;      /* under the sysfs root */
	const char *prefix;   /* entry names: prefix + number */
	const char *attrs;    /* "device" (accel: the PCI device), NULL: the class device itself */
};

static const struct accel_class accel_classes[] = {
	{ "class/accel", "accel", "device" },
	{ "class/habanalabs", "hl", NULL },
};

static bool attr_path(char path[PATH_MAX], const char *dir, const char *name, const char *sub,
		      const char *attr)
{
	int n = sub ? snprintf(path, PATH_MAX, "%s/%s/%s/%s", dir, name, sub, attr)
		    : snprintf(path, PATH_MAX, "%s/%s/%s", dir, name, attr);
	return n > 0 && n < PATH_MAX;
}

static void read_firmware(struct sysfs_scan *s, struct probe_device *d, const char *dir,
			  const char *name, const char *sub)
{
	char path[PATH_MAX], cpucp[128] = "", preboot[128] = "", fw[300];
	bool old_name = false;
	if (!attr_path(path, dir, name, sub, "cpucp_ver") ||
	    !sysfs_read_text(s, d, "cpucp_ver", path, cpucp, sizeof(cpucp))) {
		old_name = true; /* armcp_ver: the name before Linux 5.10 */
		if (attr_path(path, dir, name, sub, "armcp_ver"))
			sysfs_read_text(s, d, "armcp_ver", path, cpucp, sizeof(cpucp));
	}
	if (attr_path(path, dir, name, sub, "preboot_btl_ver"))
		sysfs_read_text(s, d, "preboot_btl_ver", path, preboot, sizeof(preboot));

	const char *source;
	if (*cpucp && *preboot) {
		snprintf(fw, sizeof(fw), "cpucp %s; preboot %s", cpucp, preboot);
		source = old_name ? "sysfs:armcp_ver+preboot_btl_ver" : "sysfs:cpucp_ver+preboot_btl_ver";
	} else if (*cpucp) {
		snprintf(fw, sizeof(fw), "cpucp %s", cpucp);
		source = old_name ? "sysfs:armcp_ver" : "sysfs:cpucp_ver";
	} else if (*preboot) {
		snprintf(fw, sizeof(fw), "preboot %s", preboot);
		source = "sysfs:preboot_btl_ver";
	} else {
		return;
	}
	if (!probe_set_str(&d->firmware, fw, source))
		s->oom = true;
}

static void read_entry(struct sysfs_scan *s, const char *dir, const char *name, void *arg)
{
	const struct accel_class *cls = arg;
	char path[PATH_MAX], slot[16], text[128];
	uint64_t mhz;

	if (snprintf(path, sizeof(path), "%s/%s/device", dir, name) >= (int)sizeof(path) ||
	    !sysfs_link_slot(path, slot))
		return; /* not a PCI device (a platform NPU): nothing to match */
	struct probe_device *d = probe_list_find(s->list, slot);
	if (!d) {
		sysfs_note(s, NULL, "accel", "%s/%s is PCI function %s, which is not in the device list",
			   cls->dir, name, slot);
		return;
	}
	if (attr_path(path, dir, name, cls->attrs, "device_type") &&
	    sysfs_read_text(s, d, "device_type", path, text, sizeof(text)) &&
	    !probe_set_str(&d->architecture, text, "sysfs:device_type"))
		s->oom = true;
	/* clocks read as ENODEV while the device is not operational: say why */
	if (attr_path(path, dir, name, cls->attrs, "status") &&
	    sysfs_read_text(s, d, "status", path, text, sizeof(text)) && strcmp(text, "operational") != 0)
		sysfs_note(s, d, "status", "the driver reports the device as \"%s\"", text);
	/* the maximum root has set, which is at most the hardware's */
	if (attr_path(path, dir, name, cls->attrs, "clk_max_freq_mhz") &&
	    sysfs_read_u64(s, d, "clk_max_freq_mhz", path, &mhz)) {
		if (mhz == 0 || mhz > 100000)
			sysfs_note(s, d, "clk_max_freq_mhz", "%s reads %llu MHz; ignored", path,
				   (unsigned long long)mhz);
		else if (!probe_enrich_max(d, "max_clock_mhz", &d->max_clock_mhz, (double)mhz,
					   "sysfs:clk_max_freq_mhz"))
			s->oom = true;
	}
	read_firmware(s, d, dir, name, cls->attrs);
}

void sysfs_read_accel(struct sysfs_scan *s)
{
	for (size_t i = 0; i < sizeof(accel_classes) / sizeof(accel_classes[0]); i++) {
		char dir[PATH_MAX];
		if (snprintf(dir, sizeof(dir), "%s/%s", s->root, accel_classes[i].dir) >= (int)sizeof(dir))
			continue;
		sysfs_each_numbered(dir, accel_classes[i].prefix, read_entry, s, (void *)&accel_classes[i]);
	}
}
