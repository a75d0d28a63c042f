/* The DRM backend against a mocked libdrm: every call goes through a
 * struct drm_ops whose functions below play the kernel.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <amdgpu_drm.h>
#include <i915_drm.h>

#include "probe/drm.h"
#include "probe/xe_uapi.h"
#include "tests/support/testutil.h"

#define MAX_FAKE 4

/* One DRM device as drmGetDevices2 would describe it. */
struct fake_dev {
	drmDevice dev;
	drmPciBusInfo bus;
	drmPciDeviceInfo info;
	char *nodes[DRM_NODE_MAX];
	char card[32], render[32];
};

static struct mock {
	struct fake_dev devs[MAX_FAKE];
	int n_devs;
	int get_devices_result;      /* when nonzero, what drmGetDevices2 returns */
	int get_devices_calls;
	int open_result;             /* when nonzero, what open returns (-errno) */
	int open_calls, open_flags, close_calls, open_fds;
	char opened[64];
	const char *driver;          /* drmGetVersion name; NULL = failure */
	int version_calls, free_version_calls;
	drmVersion version;
	/* amdgpu */
	int init_result, init_calls, deinit_calls, gpu_info_result;
	struct amdgpu_gpu_info gpu_info;
	int vbios_result;
	struct drm_amdgpu_info_vbios vbios;
	struct drm_amdgpu_info last_info_req;
	/* i915 */
	int getparam_result, getparam_value, getparam_param;
	/* xe */
	int xe_result;
	uint8_t xe_reply[256];
	uint32_t xe_reply_len;
	int xe_calls;
} m;

static int mock_get_devices(uint32_t flags, drmDevicePtr devices[], int max)
{
	assert_int_equal(flags, 0);
	m.get_devices_calls++;
	if (m.get_devices_result)
		return m.get_devices_result;
	if (devices)
		for (int i = 0; i < m.n_devs && i < max; i++)
			devices[i] = &m.devs[i].dev;
	return m.n_devs;
}

static void mock_free_devices(drmDevicePtr devices[], int count)
{
	(void)devices;
	(void)count;
}

static int mock_open(const char *path, int flags)
{
	m.open_calls++;
	m.open_flags = flags;
	snprintf(m.opened, sizeof(m.opened), "%s", path);
	if (m.open_result)
		return m.open_result;
	m.open_fds++;
	return 42;
}

static void mock_close(int fd)
{
	assert_int_equal(fd, 42);
	m.close_calls++;
	m.open_fds--;
}

static drmVersionPtr mock_get_version(int fd)
{
	assert_int_equal(fd, 42);
	m.version_calls++;
	if (!m.driver)
		return NULL;
	m.version.name = (char *)m.driver;
	m.version.name_len = (int)strlen(m.driver);
	return &m.version;
}

static void mock_free_version(drmVersionPtr v)
{
	assert_ptr_equal(v, &m.version);
	m.free_version_calls++;
}

static int xe_query(struct tpp_xe_device_query *q)
{
	m.xe_calls++;
	assert_int_equal(q->query, TPP_XE_QUERY_GT_TOPOLOGY);
	if (m.xe_result)
		return m.xe_result;
	if (q->size == 0) {
		q->size = m.xe_reply_len;
		return 0;
	}
	if (q->size != m.xe_reply_len)
		return -EINVAL;
	memcpy((void *)(uintptr_t)q->data, m.xe_reply, m.xe_reply_len);
	return 0;
}

static int mock_ioctl(int fd, unsigned long request, void *arg)
{
	assert_int_equal(fd, 42);
	if (request == DRM_IOCTL_AMDGPU_INFO) {
		struct drm_amdgpu_info *req = arg;
		m.last_info_req = *req;
		if (m.vbios_result)
			return m.vbios_result;
		memcpy((void *)(uintptr_t)req->return_pointer, &m.vbios,
		       req->return_size < sizeof(m.vbios) ? req->return_size : sizeof(m.vbios));
		return 0;
	}
	if (request == DRM_IOCTL_I915_GETPARAM) {
		drm_i915_getparam_t *gp = arg;
		m.getparam_param = gp->param;
		if (m.getparam_result)
			return m.getparam_result;
		*gp->value = m.getparam_value;
		return 0;
	}
	if (request == TPP_DRM_IOCTL_XE_DEVICE_QUERY)
		return xe_query(arg);
	fail_msg("unexpected ioctl 0x%lx", request);
	return -ENOTTY;
}

static int mock_amdgpu_init(int fd, uint32_t *major, uint32_t *minor, amdgpu_device_handle *dev)
{
	assert_int_equal(fd, 42);
	m.init_calls++;
	if (m.init_result)
		return m.init_result;
	*major = 3;
	*minor = 57;
	*dev = (amdgpu_device_handle)&m;
	return 0;
}

static void mock_amdgpu_deinit(amdgpu_device_handle dev)
{
	assert_ptr_equal(dev, (amdgpu_device_handle)&m);
	m.deinit_calls++;
}

static int mock_gpu_info(amdgpu_device_handle dev, struct amdgpu_gpu_info *info)
{
	assert_ptr_equal(dev, (amdgpu_device_handle)&m);
	if (m.gpu_info_result)
		return m.gpu_info_result;
	*info = m.gpu_info;
	return 0;
}

static const struct drm_ops mock_ops = {
	mock_get_devices, mock_free_devices, mock_open, mock_close, mock_get_version,
	mock_free_version, mock_ioctl, mock_amdgpu_init, mock_amdgpu_deinit, mock_gpu_info,
};

/* A PCI DRM device at bus:00.0 with a card node and, if asked, a render node. */
static void add_fake(unsigned bus, uint16_t vendor, uint16_t device, bool render)
{
	struct fake_dev *f = &m.devs[m.n_devs];
	int minor = m.n_devs;
	snprintf(f->card, sizeof(f->card), "/dev/dri/card%d", minor);
	snprintf(f->render, sizeof(f->render), "/dev/dri/renderD%d", 128 + minor);
	f->nodes[DRM_NODE_PRIMARY] = f->card;
	f->nodes[DRM_NODE_RENDER] = render ? f->render : NULL;
	f->bus = (drmPciBusInfo){ .domain = 0, .bus = (uint8_t)bus, .dev = 0, .func = 0 };
	f->info = (drmPciDeviceInfo){ .vendor_id = vendor, .device_id = device };
	f->dev.nodes = f->nodes;
	f->dev.available_nodes = 1 << DRM_NODE_PRIMARY | (render ? 1 << DRM_NODE_RENDER : 0);
	f->dev.bustype = DRM_BUS_PCI;
	f->dev.businfo.pci = &f->bus;
	f->dev.deviceinfo.pci = &f->info;
	m.n_devs++;
}

static struct probe_device *add_record(struct probe_list *l, unsigned bus)
{
	struct tpp_error err = { 0 };
	struct probe_device *d = probe_list_add(l, &err);
	assert_non_null(d);
	probe_format_slot(d->slot, 0, bus, 0, 0);
	d->bus = (uint8_t)bus;
	return d;
}

static int reset(void **state)
{
	(void)state;
	memset(&m, 0, sizeof(m));
	return 0;
}

static void run(const struct probe_ctx *ctx, struct probe_list *l)
{
	struct tpp_error err = { 0 };
	assert_int_equal(probe_drm_run_with(ctx, &mock_ops, l, &err), 0);
	assert_int_equal(m.open_fds, 0); /* every node opened was closed */
}

static const char *note_reason(const struct probe_device *d, const char *what)
{
	for (size_t i = 0; i < d->n_notes; i++)
		if (strcmp(d->notes[i].what, what) == 0)
			return d->notes[i].reason;
	fail_msg("%s has no note about %s", d->slot, what);
	return NULL;
}

static void setup_mi300x(struct probe_list *l)
{
	add_fake(0x05, 0x1002, 0x74a1, true);
	add_record(l, 0x05);
	m.driver = "amdgpu";
	m.gpu_info.cu_active_number = 304;
	m.gpu_info.max_engine_clk = 2100000; /* kHz */
	m.gpu_info.family_id = 141;
	m.vbios_result = -EINVAL;            /* an older kernel: silent */
}

static void test_amdgpu_info(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	setup_mi300x(&l);
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	struct probe_device *d = &l.dev[0];
	assert_string_equal(m.opened, "/dev/dri/renderD128");
	assert_int_equal(m.open_flags, O_RDWR | O_CLOEXEC);
	assert_int_equal(m.init_calls, 1);
	assert_int_equal(m.deinit_calls, 1);
	assert_int_equal(m.free_version_calls, 1);
	assert_true(d->units.valid);
	assert_float_equal(d->units.value, 304, 0);
	assert_string_equal(d->units.source, "drm:amdgpu_query_gpu_info");
	assert_string_equal(d->unit_kind.value, "CU");
	assert_true(d->max_clock_mhz.valid);
	assert_float_equal(d->max_clock_mhz.value, 2100000 / 1000.0, 1e-9);
	assert_string_equal(d->architecture.value, "amdgpu family AI (141)");
	assert_string_equal(d->driver.value, "amdgpu");
	assert_null(d->vbios_version.value);
	assert_int_equal(d->n_notes, 0);
	assert_int_equal(l.n_notes, 0);
	probe_list_free(&l);
}

/* A partition or a sysfs DPM table may already have given a different
 * figure: the higher stays and both are noted. */
static void test_amdgpu_disagrees_with_sysfs(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	setup_mi300x(&l);
	probe_set_num(&l.dev[0].max_clock_mhz, 2400, "sysfs:pp_dpm_sclk");
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	struct probe_device *d = &l.dev[0];
	assert_float_equal(d->max_clock_mhz.value, 2400, 0);
	assert_string_equal(d->max_clock_mhz.source, "sysfs:pp_dpm_sclk");
	const char *why = note_reason(d, "max_clock_mhz");
	assert_non_null(why);
	assert_non_null(strstr(why, "sysfs:pp_dpm_sclk reports 2400"));
	assert_non_null(strstr(why, "drm:amdgpu_query_gpu_info reports 2100"));
	probe_list_free(&l);
}

static void fill(uint8_t *dst, size_t size, const char *s)
{
	memset(dst, 0, size);
	memcpy(dst, s, strlen(s) < size ? strlen(s) : size);
}

static void test_amdgpu_vbios(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	setup_mi300x(&l);
	m.vbios_result = 0;
	/* the name fills its 64 bytes with no terminator */
	memset(m.vbios.name, 'N', sizeof(m.vbios.name));
	fill(m.vbios.vbios_pn, sizeof(m.vbios.vbios_pn), "113-M3000100-102");
	fill(m.vbios.vbios_ver_str, sizeof(m.vbios.vbios_ver_str), "022.040.003.043.000001");
	fill(m.vbios.date, sizeof(m.vbios.date), "2024/05/21 10:47");
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	struct probe_device *d = &l.dev[0];
	assert_int_equal(m.last_info_req.query, AMDGPU_INFO_VBIOS);
	assert_int_equal(m.last_info_req.vbios_info.type, AMDGPU_INFO_VBIOS_INFO);
	assert_int_equal(m.last_info_req.return_size, sizeof(struct drm_amdgpu_info_vbios));
	assert_int_equal(strlen(d->product_name.value), 64);
	assert_int_equal(strspn(d->product_name.value, "N"), 64);
	assert_string_equal(d->vbios_version.value, "113-M3000100-102");
	assert_string_equal(d->vbios_version.source, "drm:AMDGPU_INFO_VBIOS_INFO");
	assert_string_equal(d->firmware.value, "VBIOS build 022.040.003.043.000001, 2024/05/21 10:47");
	probe_list_free(&l);

	/* sysfs already read the board's FRU name: it is kept */
	reset(NULL);
	setup_mi300x(&l);
	m.vbios_result = 0;
	fill(m.vbios.name, sizeof(m.vbios.name), "MI300X ROM NAME");
	probe_set_str(&l.dev[0].product_name, "AMD Instinct MI300X OAM", "sysfs:product_name");
	run(&ctx, &l);
	assert_string_equal(l.dev[0].product_name.value, "AMD Instinct MI300X OAM");
	assert_string_equal(l.dev[0].product_name.source, "sysfs:product_name");
	probe_list_free(&l);
}

static void test_i915_eu_total(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_fake(0x00, 0x8086, 0xa780, true);
	struct probe_device *d = add_record(&l, 0x00);
	m.driver = "i915";
	m.getparam_value = 32;
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	assert_int_equal(m.getparam_param, I915_PARAM_EU_TOTAL);
	assert_true(d->units.valid);
	assert_float_equal(d->units.value, 32, 0);
	assert_string_equal(d->unit_kind.value, "EU");
	assert_string_equal(d->units.source, "drm:I915_PARAM_EU_TOTAL");
	assert_int_equal(m.init_calls, 0);
	probe_list_free(&l);
}

/* Appends one topology record to the mocked xe reply. */
static void xe_record(uint16_t gt, uint16_t type, const uint8_t *mask, uint32_t n)
{
	struct tpp_xe_topology_mask h = { gt, type, n };
	memcpy(m.xe_reply + m.xe_reply_len, &h, sizeof(h));
	m.xe_reply_len += sizeof(h);
	memcpy(m.xe_reply + m.xe_reply_len, mask, n);
	m.xe_reply_len += n;
}

static void test_xe_topology(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_fake(0x03, 0x8086, 0xe20b, true);
	struct probe_device *d = add_record(&l, 0x03);
	m.driver = "xe";
	/* main GT 0: geometry DSS 0-15, compute DSS 8-23 -> 24 DSS in the
	 * union; 8 EUs per DSS. Media GT 1: empty DSS masks. */
	const uint8_t geom[8] = { 0xff, 0xff }, comp[8] = { 0, 0xff, 0xff }, eu[8] = { 0xff },
		      none[8] = { 0 }, l3[4] = { 0xff, 0xff, 0xff, 0xff };
	xe_record(0, TPP_XE_TOPO_DSS_GEOMETRY, geom, 8);
	xe_record(0, TPP_XE_TOPO_DSS_COMPUTE, comp, 8);
	xe_record(0, TPP_XE_TOPO_L3_BANK, l3, 4);
	xe_record(0, TPP_XE_TOPO_EU_PER_DSS, eu, 8);
	xe_record(1, TPP_XE_TOPO_DSS_GEOMETRY, none, 8);
	xe_record(1, TPP_XE_TOPO_DSS_COMPUTE, none, 8);
	xe_record(1, TPP_XE_TOPO_EU_PER_DSS, eu, 8);
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	assert_int_equal(m.xe_calls, 2); /* size, then data */
	assert_true(d->units.valid);
	assert_float_equal(d->units.value, 24 * 8, 0);
	assert_string_equal(d->unit_kind.value, "EU");
	assert_int_equal(d->n_notes, 0);
	probe_list_free(&l);
}

static void test_xe_topology_parser(void **state)
{
	(void)state;
	struct xe_topology t;
	char why[128];
	/* Xe2: SIMD16 EUs; 4 DSS x 8 EUs on GT 0 and 2 DSS x 8 on GT 1 (a second tile) */
	const uint8_t dss4[4] = { 0x0f }, dss2[4] = { 0x03 }, eu8[2] = { 0xff };
	xe_record(0, TPP_XE_TOPO_DSS_COMPUTE, dss4, 4);
	xe_record(0, TPP_XE_TOPO_SIMD16_EU_PER_DSS, eu8, 2);
	xe_record(1, TPP_XE_TOPO_DSS_GEOMETRY, dss2, 4);
	xe_record(1, TPP_XE_TOPO_SIMD16_EU_PER_DSS, eu8, 2);
	assert_true(xe_topology_parse(m.xe_reply, m.xe_reply_len, &t, why));
	assert_int_equal(t.gts, 2);
	assert_int_equal(t.dss, 6);
	assert_int_equal(t.eus, 4 * 8 + 2 * 8);
	assert_true(t.simd16);

	/* the last record claims more mask bytes than the reply has */
	assert_false(xe_topology_parse(m.xe_reply, m.xe_reply_len - 1, &t, why));
	assert_non_null(strstr(why, "runs past the end"));
	/* a header cut short */
	assert_false(xe_topology_parse(m.xe_reply, 3, &t, why));
	assert_non_null(strstr(why, "stray bytes"));
	/* DSS without an EU mask */
	m.xe_reply_len = 0;
	xe_record(0, TPP_XE_TOPO_DSS_COMPUTE, dss4, 4);
	assert_false(xe_topology_parse(m.xe_reply, m.xe_reply_len, &t, why));
	assert_non_null(strstr(why, "no EU mask"));
	/* an empty reply is no EUs, not an error */
	assert_true(xe_topology_parse(m.xe_reply, 0, &t, why));
	assert_int_equal(t.eus, 0);
}

static void test_open_eacces(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	setup_mi300x(&l);
	m.open_result = -EACCES;
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	struct probe_device *d = &l.dev[0];
	assert_int_equal(m.version_calls, 0);
	assert_false(d->units.valid);
	assert_false(d->max_clock_mhz.valid);
	assert_string_equal(note_reason(d, "drm"), "needs the render group (cannot open /dev/dri/renderD128)");
	assert_int_equal(l.n_notes, 0);
	probe_list_free(&l);

	reset(NULL);
	setup_mi300x(&l);
	m.open_result = -ENOENT;
	run(&ctx, &l);
	assert_string_equal(note_reason(&l.dev[0], "drm"), "cannot open /dev/dri/renderD128: No such file or directory");
	probe_list_free(&l);
}

static void test_ioctl_failures(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_ctx ctx = { 0 };

	setup_mi300x(&l);
	m.gpu_info_result = -EIO;
	m.vbios_result = -EFAULT;
	run(&ctx, &l);
	assert_false(l.dev[0].units.valid);
	assert_string_equal(note_reason(&l.dev[0], "drm"),
			    "amdgpu_query_gpu_info failed on /dev/dri/renderD128: Input/output error");
	assert_string_equal(note_reason(&l.dev[0], "vbios_version"),
			    "AMDGPU_INFO_VBIOS_INFO failed on /dev/dri/renderD128: Bad address");
	assert_int_equal(m.deinit_calls, 1);
	probe_list_free(&l);

	reset(NULL);
	setup_mi300x(&l);
	m.init_result = -EACCES;
	run(&ctx, &l);
	assert_int_equal(m.deinit_calls, 0);
	assert_non_null(strstr(note_reason(&l.dev[0], "drm"), "amdgpu_device_initialize failed"));
	probe_list_free(&l);

	reset(NULL);
	add_fake(0x00, 0x8086, 0xa780, true);
	add_record(&l, 0x00);
	m.driver = "i915";
	m.getparam_result = -EINVAL;
	run(&ctx, &l);
	assert_false(l.dev[0].units.valid);
	assert_string_equal(note_reason(&l.dev[0], "units"),
			    "I915_PARAM_EU_TOTAL failed on /dev/dri/renderD128: Invalid argument");
	probe_list_free(&l);

	reset(NULL);
	add_fake(0x03, 0x8086, 0xe20b, true);
	add_record(&l, 0x03);
	m.driver = "xe";
	m.xe_result = -ENODEV;
	run(&ctx, &l);
	assert_false(l.dev[0].units.valid);
	assert_non_null(strstr(note_reason(&l.dev[0], "units"), "xe GT topology query failed"));
	probe_list_free(&l);

	reset(NULL);
	setup_mi300x(&l);
	m.driver = NULL; /* drmGetVersion fails */
	run(&ctx, &l);
	assert_int_equal(m.init_calls, 0);
	assert_string_equal(note_reason(&l.dev[0], "drm"), "drmGetVersion failed on /dev/dri/renderD128");
	probe_list_free(&l);
}

static void test_device_not_in_list(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_fake(0x05, 0x1002, 0x74a1, true);
	add_fake(0x26, 0x1002, 0x74a1, true);
	add_record(&l, 0x05);
	m.driver = "amdgpu";
	m.vbios_result = -EINVAL;
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	assert_int_equal(m.open_calls, 1);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].what, "drm");
	assert_string_equal(l.notes[0].reason,
			    "DRM device 0000:26:00.0 (1002:74a1, /dev/dri/card1) is not in the device list");
	probe_list_free(&l);
}

static void test_no_render_node(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_fake(0x03, 0x1a03, 0x2000, false); /* ASPEED BMC display: card node only */
	struct probe_device *d = add_record(&l, 0x03);
	struct probe_ctx ctx = { 0 };
	run(&ctx, &l);
	assert_int_equal(m.open_calls, 0);
	assert_string_equal(note_reason(d, "drm"), "no DRM render node (/dev/dri/card0 only); driver queries skipped");

	/* a platform device (simpledrm) has no PCI record: ignored */
	reset(NULL);
	probe_list_free(&l);
	add_fake(0x00, 0, 0, true);
	m.devs[0].dev.bustype = DRM_BUS_PLATFORM;
	run(&ctx, &l);
	assert_int_equal(m.open_calls, 0);
	assert_int_equal(l.n_notes, 0);
}

static void test_no_dri(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_record(&l, 0x05);
	struct probe_ctx ctx = { 0 };
	m.get_devices_result = -ENOENT;
	run(&ctx, &l);
	assert_int_equal(m.get_devices_calls, 1);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "no /dev/dri: no DRM driver is loaded; render-node queries skipped");
	assert_int_equal(l.dev[0].n_notes, 0);
	probe_list_free(&l);

	reset(NULL);
	add_record(&l, 0x05);
	run(&ctx, &l); /* /dev/dri exists but is empty */
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "no DRM devices in /dev/dri; render-node queries skipped");
	probe_list_free(&l);
}

/* Fixture roots, dumps and --no-drm: drmGetDevices2 is never called. */
static void test_skipped_when_not_live(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	setup_mi300x(&l);
	const struct probe_ctx skip[] = {
		{ .no_drm = true },
		{ .dump_file = "tests/fixtures/mi300x/lspci-xxx.txt" },
		{ .dev_root = "tests/fixtures/mi300x/dev" },
		{ .sysfs_root = "tests/fixtures/mi300x/sys" },
		{ .sysfs_root = "/system" },
	};
	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		run(&skip[i], &l);
	assert_int_equal(m.get_devices_calls, 0);
	assert_int_equal(l.n_notes, 0);
	assert_int_equal(l.dev[0].n_notes, 0);
	assert_false(l.dev[0].units.valid);

	/* the live roots spelled out (with a trailing slash) still run */
	const struct probe_ctx live = { .sysfs_root = "/sys/", .dev_root = "/dev" };
	run(&live, &l);
	assert_int_equal(m.get_devices_calls, 2);
	assert_true(l.dev[0].units.valid);
	probe_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_amdgpu_info, reset),
		cmocka_unit_test_setup(test_amdgpu_disagrees_with_sysfs, reset),
		cmocka_unit_test_setup(test_amdgpu_vbios, reset),
		cmocka_unit_test_setup(test_i915_eu_total, reset),
		cmocka_unit_test_setup(test_xe_topology, reset),
		cmocka_unit_test_setup(test_xe_topology_parser, reset),
		cmocka_unit_test_setup(test_open_eacces, reset),
		cmocka_unit_test_setup(test_ioctl_failures, reset),
		cmocka_unit_test_setup(test_device_not_in_list, reset),
		cmocka_unit_test_setup(test_no_render_node, reset),
		cmocka_unit_test_setup(test_no_dri, reset),
		cmocka_unit_test_setup(test_skipped_when_not_live, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
