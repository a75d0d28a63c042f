/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/drm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/drm_internal.h"
#include "probe/enrich.h"

/* True when path is unset or names the live tree ("/dev", "/dev/"). */
static bool is_live(const char *path, const char *live)
{
	if (!path)
		return true;
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	return len == strlen(live) && memcmp(path, live, len) == 0;
}

static bool should_skip(const struct probe_ctx *ctx)
{
	return ctx->no_drm || ctx->dump_file || !is_live(ctx->dev_root, "/dev") ||
	       !is_live(ctx->sysfs_root, "/sys");
}

static void query_node(struct drm_node *n)
{
	drmVersionPtr v = n->ops->get_version(n->fd);
	if (!v || !v->name) {
		drm_note(n, "drm", "drmGetVersion failed on %s", n->path);
		if (v)
			n->ops->free_version(v);
		return;
	}
	if (!probe_enrich_str_default(&n->d->driver, v->name, "drm:drmGetVersion"))
		n->oom = true;
	if (strcmp(v->name, "amdgpu") == 0)
		drm_query_amdgpu(n);
	else if (strcmp(v->name, "i915") == 0)
		drm_query_i915(n);
	else if (strcmp(v->name, "xe") == 0)
		drm_query_xe(n);
	/* nouveau, nvidia-drm, radeon, ast...: nothing a render node adds */
	n->ops->free_version(v);
}

/* One device from drmGetDevices2; false on out of memory. */
static bool visit(const struct drm_ops *ops, struct probe_list *list, drmDevicePtr dev)
{
	if (dev->bustype != DRM_BUS_PCI || !dev->businfo.pci)
		return true; /* platform and USB display devices have no PCI record */
	char slot[16];
	const drmPciBusInfo *b = dev->businfo.pci;
	probe_format_slot(slot, b->domain, b->bus, b->dev, b->func);
	const char *any_node = NULL;
	for (int t = 0; t < DRM_NODE_MAX && !any_node; t++)
		if (dev->available_nodes & (1 << t))
			any_node = dev->nodes[t];

	struct probe_device *d = probe_list_find(list, slot);
	if (!d) {
		if (dev->deviceinfo.pci)
			return probe_list_note(list, "drm", "DRM device %s (%04x:%04x, %s) is not in the device list",
					       slot, dev->deviceinfo.pci->vendor_id, dev->deviceinfo.pci->device_id,
					       any_node ? any_node : "no node");
		return probe_list_note(list, "drm", "DRM device %s (%s) is not in the device list", slot,
				       any_node ? any_node : "no node");
	}
	if (!(dev->available_nodes & (1 << DRM_NODE_RENDER)) || !dev->nodes[DRM_NODE_RENDER])
		return probe_note(d, "drm", "no DRM render node (%s only); driver queries skipped",
				  any_node ? any_node : "no node");

	struct drm_node n = { ops, -1, dev->nodes[DRM_NODE_RENDER], d, false };
	n.fd = ops->open_node(n.path, O_RDWR | O_CLOEXEC);
	if (n.fd < 0) {
		if (n.fd == -EACCES || n.fd == -EPERM)
			drm_note(&n, "drm", "needs the render group (cannot open %s)", n.path);
		else
			drm_note(&n, "drm", "cannot open %s: %s", n.path, strerror(-n.fd));
		return !n.oom;
	}
	query_node(&n);
	ops->close_node(n.fd);
	return !n.oom;
}

int probe_drm_run_with(const struct probe_ctx *ctx, const struct drm_ops *ops, struct probe_list *list,
		       struct tpp_error *err)
{
	if (should_skip(ctx))
		return 0;
	bool ok = true;
	int count = ops->get_devices(0, NULL, 0);
	if (count == -ENOENT)
		ok = probe_list_note(list, "drm", "no /dev/dri: no DRM driver is loaded; render-node queries skipped");
	else if (count < 0)
		ok = probe_list_note(list, "drm", "cannot list DRM devices (drmGetDevices2): %s", strerror(-count));
	else if (count == 0)
		ok = probe_list_note(list, "drm", "no DRM devices in /dev/dri; render-node queries skipped");
	if (count <= 0) {
		if (!ok)
			goto oom;
		return 0;
	}

	drmDevicePtr *devs = calloc((size_t)count, sizeof(*devs));
	if (!devs)
		goto oom;
	int got = ops->get_devices(0, devs, count);
	if (got < 0) {
		ok = probe_list_note(list, "drm", "cannot list DRM devices (drmGetDevices2): %s", strerror(-got));
		free(devs);
		if (!ok)
			goto oom;
		return 0;
	}
	if (got > count)
		got = count; /* a device appeared between the two calls */
	for (int i = 0; i < got && ok; i++)
		ok = visit(ops, list, devs[i]);
	ops->free_devices(devs, got);
	free(devs);
	if (ok)
		return 0;
oom:
	tpp_error_set(err, TPP_EX_OSERR, "out of memory while querying DRM devices");
	return -1;
}

static int run_default(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	return probe_drm_run_with(ctx, &drm_ops_libdrm, list, err);
}

const struct probe_backend probe_drm_backend = { "drm", run_default };
