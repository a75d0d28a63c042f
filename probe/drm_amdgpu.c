/* amdgpu through its render node: DEV_INFO via libdrm_amdgpu and the VBIOS
 * info query, both allowed to any user who may open the node.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <amdgpu_drm.h>

#include "probe/drm_internal.h"
#include "probe/enrich.h"
#include "probe/sysfs_parse.h"

/* AMDGPU_FAMILY_* of the kernel's include/uapi/drm/amdgpu_drm.h; the later
 * ones are not in Debian 12's libdrm headers, hence our own table. */
static const struct {
	unsigned id;
	const char *name;
} families[] = {
	{ 110, "SI" }, { 120, "CI" }, { 125, "KV" }, { 130, "VI" }, { 135, "CZ" },
	{ 141, "AI" }, { 142, "RV" }, { 143, "NV" }, { 144, "VGH" }, { 145, "GC_11_0_0" },
	{ 146, "YC" }, { 148, "GC_11_0_1" }, { 149, "GC_10_3_6" }, { 150, "GC_11_5_0" },
	{ 151, "GC_10_3_7" }, { 152, "GC_12_0_0" }, { 154, "GC_11_5_4" },
};

static void set_family(struct drm_node *n, unsigned id)
{
	const char *name = NULL;
	char text[64];
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (families[i].id == id)
			name = families[i].name;
	if (name)
		snprintf(text, sizeof(text), "amdgpu family %s (%u)", name, id);
	else
		snprintf(text, sizeof(text), "amdgpu family %u", id);
	if (!probe_enrich_str_default(&n->d->architecture, text, "drm:amdgpu_query_gpu_info"))
		n->oom = true;
}

static void gpu_info(struct drm_node *n, amdgpu_device_handle dev)
{
	struct amdgpu_gpu_info info;
	memset(&info, 0, sizeof(info));
	int r = n->ops->amdgpu_query_gpu_info(dev, &info);
	if (r) {
		drm_note(n, "drm", "amdgpu_query_gpu_info failed on %s: %s", n->path, strerror(-r));
		return;
	}
	struct probe_device *d = n->d;
	if (info.cu_active_number > 0 &&
	    (!probe_enrich_max(d, "units", &d->units, info.cu_active_number, "drm:amdgpu_query_gpu_info") ||
	     !probe_enrich_str_default(&d->unit_kind, "CU", "drm:amdgpu_query_gpu_info")))
		n->oom = true;
	/* the kernel reports clocks in kHz */
	double mhz = (double)info.max_engine_clk / 1000.0;
	if (mhz > 100000)
		drm_note(n, "max_clock_mhz", "amdgpu reports a max engine clock of %.0f MHz; ignored", mhz);
	else if (mhz >= 1 &&
		 !probe_enrich_max(d, "max_clock_mhz", &d->max_clock_mhz, mhz, "drm:amdgpu_query_gpu_info"))
		n->oom = true;
	if (info.family_id)
		set_family(n, info.family_id);
}

/* A fixed-size, maybe unterminated, string from the kernel into out;
 * false when it is empty or not text. */
static bool vbios_text(const uint8_t *field, size_t size, char *out, size_t out_size)
{
	char why[SYSFS_WHY_SIZE];
	return sysfs_parse_text((const char *)field, size, out, out_size, why) == SYSFS_PARSE_OK;
}

static void vbios_info(struct drm_node *n)
{
	struct drm_amdgpu_info_vbios vb;
	struct drm_amdgpu_info req;
	memset(&vb, 0, sizeof(vb));
	memset(&req, 0, sizeof(req));
	req.return_pointer = (uintptr_t)&vb;
	req.return_size = sizeof(vb);
	req.query = AMDGPU_INFO_VBIOS;
	req.vbios_info.type = AMDGPU_INFO_VBIOS_INFO;
	int r = n->ops->ioctl(n->fd, DRM_IOCTL_AMDGPU_INFO, &req);
	if (r == -EINVAL)
		return; /* a kernel older than the query; sysfs vbios_version still has the part number */
	if (r) {
		drm_note(n, "vbios_version", "AMDGPU_INFO_VBIOS_INFO failed on %s: %s", n->path, strerror(-r));
		return;
	}
	struct probe_device *d = n->d;
	const char *src = "drm:AMDGPU_INFO_VBIOS_INFO";
	char name[sizeof(vb.name) + 1], pn[sizeof(vb.vbios_pn) + 1], ver[sizeof(vb.vbios_ver_str) + 1],
		date[sizeof(vb.date) + 1], build[sizeof(ver) + sizeof(date) + 32];
	bool ok = true;
	/* the FRU product name, when sysfs has one, says more than the ROM's */
	if (vbios_text(vb.name, sizeof(vb.name), name, sizeof(name)))
		ok = probe_enrich_str_default(&d->product_name, name, src);
	/* the same string amdgpu's sysfs vbios_version shows */
	if (ok && vbios_text(vb.vbios_pn, sizeof(vb.vbios_pn), pn, sizeof(pn)))
		ok = probe_enrich_str_default(&d->vbios_version, pn, src);
	bool have_ver = vbios_text(vb.vbios_ver_str, sizeof(vb.vbios_ver_str), ver, sizeof(ver));
	bool have_date = vbios_text(vb.date, sizeof(vb.date), date, sizeof(date));
	if (ok && (have_ver || have_date)) {
		snprintf(build, sizeof(build), "VBIOS build %s%s%s", have_ver ? ver : "", have_ver && have_date ? ", " : "",
			 have_date ? date : "");
		ok = probe_enrich_str_default(&d->firmware, build, src);
	}
	if (!ok)
		n->oom = true;
}

void drm_query_amdgpu(struct drm_node *n)
{
	uint32_t major, minor;
	amdgpu_device_handle dev = NULL;
	int r = n->ops->amdgpu_initialize(n->fd, &major, &minor, &dev);
	if (r || !dev) {
		drm_note(n, "drm", "amdgpu_device_initialize failed on %s: %s", n->path, strerror(r ? -r : EIO));
		return;
	}
	gpu_info(n, dev);
	vbios_info(n);
	n->ops->amdgpu_deinitialize(dev);
}
