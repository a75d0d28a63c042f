/* The sysfs backend on the fixture trees, with file reads failing on
 * purpose through an injected read function, and on small trees built in
 * a temporary directory for the layouts no fixture has.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/sysfs.h"
#include "tests/support/testutil.h"

#define GIB (1024.0 * 1024 * 1024)

static const char *const mi300x_gpus[] = {
	"0000:05:00.0", "0000:26:00.0", "0000:46:00.0", "0000:65:00.0",
	"0000:85:00.0", "0000:a6:00.0", "0000:c6:00.0", "0000:e5:00.0",
};
#define N_MI300X (sizeof(mi300x_gpus) / sizeof(mi300x_gpus[0]))

/* --- an injectable read: fail or replace chosen files --------------------- */

static struct injection {
	const char *suffix;   /* applies to paths ending with this */
	int err;              /* fail with this errno, or */
	const char *content;  /* return this text */
	int hits;
} inject[4];

static ssize_t injecting_read(void *arg, const char *path, char *buf, size_t size)
{
	size_t plen = strlen(path);
	for (size_t i = 0; i < sizeof(inject) / sizeof(inject[0]); i++) {
		struct injection *j = &inject[i];
		size_t slen = j->suffix ? strlen(j->suffix) : 0;
		if (!slen || plen < slen || strcmp(path + plen - slen, j->suffix) != 0)
			continue;
		j->hits++;
		if (j->err)
			return -j->err;
		size_t n = strlen(j->content);
		if (n > size)
			n = size;
		memcpy(buf, j->content, n);
		return (ssize_t)n;
	}
	return sysfs_ops_default.read_file(arg, path, buf, size);
}

static const struct sysfs_ops injecting_ops = { injecting_read, NULL };

static int reset(void **state)
{
	(void)state;
	memset(inject, 0, sizeof(inject));
	return 0;
}

/* --- helpers ---------------------------------------------------------------- */

static void add_slots(struct probe_list *l, const char *const *slots, size_t n)
{
	struct tpp_error err = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct probe_device *d = probe_list_add(l, &err);
		assert_non_null(d);
		snprintf(d->slot, sizeof(d->slot), "%s", slots[i]);
	}
}

static void run(const char *root, struct probe_list *l)
{
	struct probe_ctx ctx = { .sysfs_root = root };
	struct tpp_error err = { 0 };
	if (probe_sysfs_run_with(&ctx, &injecting_ops, l, &err) != 0)
		fail_msg("sysfs backend failed: %s", err.msg);
}

static const char *note_reason(const struct probe_device *d, const char *what)
{
	for (size_t i = 0; i < d->n_notes; i++)
		if (strcmp(d->notes[i].what, what) == 0)
			return d->notes[i].reason;
	fail_msg("%s has no note about %s", d->slot, what);
	return NULL;
}

static void assert_no_notes(const struct probe_list *l)
{
	for (size_t i = 0; i < l->n_notes; i++)
		print_message("list note %s: %s\n", l->notes[i].what, l->notes[i].reason);
	assert_int_equal(l->n_notes, 0);
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < l->dev[i].n_notes; k++)
			print_message("%s note %s: %s\n", l->dev[i].slot, l->dev[i].notes[k].what,
				      l->dev[i].notes[k].reason);
		assert_int_equal(l->dev[i].n_notes, 0);
	}
}

/* --- the fixtures ----------------------------------------------------------- */

static void test_mi300x(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	static const char *const nic[] = { "0000:f1:00.0" };
	add_slots(&l, mi300x_gpus, N_MI300X);
	add_slots(&l, nic, 1);
	run("tests/fixtures/mi300x/sys", &l);
	assert_no_notes(&l);
	for (size_t i = 0; i < N_MI300X; i++) {
		struct probe_device *d = &l.dev[i];
		assert_true(d->max_clock_mhz.valid);
		assert_float_equal(d->max_clock_mhz.value, 2100, 0);
		/* pp_dpm_sclk came first; KFD agreed, so the source stays */
		assert_string_equal(d->max_clock_mhz.source, "sysfs:pp_dpm_sclk");
		assert_true(d->units.valid);
		assert_float_equal(d->units.value, 1216 / 4, 0);   /* simd_count / simd_per_cu */
		assert_string_equal(d->unit_kind.value, "CU");
		assert_float_equal(d->memory_bytes.value, 192 * GIB, 0);
		assert_string_equal(d->product_name.value, "AMD Instinct MI300X OAM");
		assert_string_equal(d->vbios_version.value, "113-M3000100-102");
		assert_string_equal(d->vbios_version.source, "sysfs:vbios_version");
		assert_string_equal(d->board_part_number.value, "102-G30211-00");
	}
	/* the first GPU's files are NUL-padded pages */
	assert_string_equal(l.dev[0].serial.value, "PCB0X3000000");
	assert_string_equal(l.dev[7].serial.value, "PCB0X3000007");
	assert_string_equal(l.dev[0].uuid.value, "4cbd3f2a7e0110a0");
	/* the NIC has none of these files */
	struct probe_device *n = &l.dev[N_MI300X];
	assert_false(n->max_clock_mhz.valid || n->units.valid || n->memory_bytes.valid);
	assert_null(n->product_name.value);
	probe_list_free(&l);
}

static void test_overclock_mi300x(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, N_MI300X);
	run("tests/fixtures/overclock-mi300x/sys", &l);
	assert_no_notes(&l);
	for (size_t i = 0; i < N_MI300X; i++) {
		assert_float_equal(l.dev[i].max_clock_mhz.value, 2400, 0);
		assert_float_equal(l.dev[i].units.value, 304, 0);
	}
	probe_list_free(&l);
}

static void test_mi250x(void **state)
{
	(void)state;
	static const char *const gcds[] = { "0000:c1:00.0", "0000:c2:00.0", "0000:c5:00.0", "0000:c6:00.0",
					    "0000:c9:00.0", "0000:ca:00.0", "0000:cd:00.0", "0000:ce:00.0" };
	struct probe_list l = { 0 };
	add_slots(&l, gcds, 8);
	run("tests/fixtures/mi250x/sys", &l);
	assert_no_notes(&l);
	for (size_t i = 0; i < 8; i++) {
		assert_float_equal(l.dev[i].units.value, 440 / 4, 0);
		assert_float_equal(l.dev[i].max_clock_mhz.value, 1700, 0);
		assert_float_equal(l.dev[i].memory_bytes.value, 64 * GIB, 0);
	}
	probe_list_free(&l);
}

static void test_gaudi2(void **state)
{
	(void)state;
	static const char *const hpus[] = { "0000:19:00.0", "0000:1a:00.0", "0000:43:00.0", "0000:44:00.0",
					    "0000:9b:00.0", "0000:9c:00.0", "0000:b3:00.0", "0000:b4:00.0" };
	struct probe_list l = { 0 };
	add_slots(&l, hpus, 8);
	run("tests/fixtures/gaudi2/sys", &l);
	assert_no_notes(&l);
	for (size_t i = 0; i < 8; i++) {
		struct probe_device *d = &l.dev[i];
		assert_string_equal(d->architecture.value, "GAUDI2");
		assert_float_equal(d->max_clock_mhz.value, 1650, 0);
		assert_string_equal(d->max_clock_mhz.source, "sysfs:clk_max_freq_mhz");
		assert_string_equal(d->firmware.value,
				    "cpucp 1.17.0-fw-51.3.0-sec-9; preboot Preboot version "
				    "hl-gaudi2-1.17.0-fw-51.3.0-sec-9 (Jun 13 2024 - 11:23:02)");
		assert_string_equal(d->firmware.source, "sysfs:cpucp_ver+preboot_btl_ver");
		assert_false(d->units.valid); /* habanalabs publishes no unit count */
	}
	probe_list_free(&l);
}

static void test_desktop_intel(void **state)
{
	(void)state;
	static const char *const slots[] = { "0000:00:02.0", "0000:01:00.0" };
	struct probe_list l = { 0 };
	add_slots(&l, slots, 2);
	run("tests/fixtures/desktop-4090d/sys", &l);
	assert_no_notes(&l); /* connectors (card0-HDMI-A-1) are skipped */
	/* RP0, not the 1200 MHz soft limit in gt_max_freq_mhz */
	assert_float_equal(l.dev[0].max_clock_mhz.value, 1650, 0);
	assert_string_equal(l.dev[0].max_clock_mhz.source, "sysfs:gt_RP0_freq_mhz");
	assert_false(l.dev[1].max_clock_mhz.valid);
	probe_list_free(&l);
}

/* A KFD node for a GPU the pci backend did not list: a list note, and
 * no record is created. */
static void test_device_not_in_list(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, 1);
	add_slots(&l, mi300x_gpus + 2, N_MI300X - 2);
	run("tests/fixtures/mi300x/sys", &l);
	assert_int_equal(l.n, N_MI300X - 1);
	assert_int_equal(l.n_notes, 1); /* its KFD node; an amdgpu DRM card has nothing sysfs reads */
	assert_string_equal(l.notes[0].what, "kfd");
	assert_string_equal(l.notes[0].reason,
			    "KFD node 3 is PCI function 0000:26:00.0, which is not in the device list");
	for (size_t i = 0; i < l.n; i++)
		assert_float_equal(l.dev[i].units.value, 304, 0);
	probe_list_free(&l);
}

static void test_dump_mode_reads_nothing(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, N_MI300X);
	struct probe_ctx ctx = { .sysfs_root = "tests/fixtures/mi300x/sys", .dump_file = "dump.txt" };
	struct tpp_error err = { 0 };
	inject[0] = (struct injection){ .suffix = "", .err = EIO };
	assert_int_equal(probe_sysfs_run_with(&ctx, &injecting_ops, &l, &err), 0);
	assert_false(l.dev[0].max_clock_mhz.valid);
	assert_no_notes(&l);

	/* a root with nothing in it: nothing known, nothing to say */
	reset(NULL);
	run("tests/fixtures/no-such-tree/sys", &l);
	assert_false(l.dev[0].units.valid);
	assert_no_notes(&l);
	probe_list_free(&l);
}

/* --- failing reads ----------------------------------------------------------- */

static void test_permission_denied(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, N_MI300X);
	inject[0] = (struct injection){ .suffix = "/0000:05:00.0/pp_dpm_sclk", .err = EACCES };
	run("tests/fixtures/mi300x/sys", &l);
	assert_int_equal(inject[0].hits, 1);
	struct probe_device *d = &l.dev[0];
	assert_string_equal(note_reason(d, "pp_dpm_sclk"),
			    "permission denied: tests/fixtures/mi300x/sys/bus/pci/devices/0000:05:00.0/pp_dpm_sclk");
	/* KFD still knows the clock */
	assert_float_equal(d->max_clock_mhz.value, 2100, 0);
	assert_string_equal(d->max_clock_mhz.source, "sysfs:kfd max_engine_clk_fcompute");
	assert_int_equal(l.dev[1].n_notes, 0);
	probe_list_free(&l);
}

static void test_io_errors(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, N_MI300X);
	/* node 2 is the first GPU */
	inject[0] = (struct injection){ .suffix = "/nodes/2/properties", .err = EIO };
	inject[1] = (struct injection){ .suffix = "/0000:26:00.0/mem_info_vram_total", .err = ENODEV };
	inject[2] = (struct injection){ .suffix = "/0000:46:00.0/serial_number", .err = ENOENT };
	run("tests/fixtures/mi300x/sys", &l);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].what, "kfd");
	assert_string_equal(l.notes[0].reason,
			    "cannot read tests/fixtures/mi300x/sys/class/kfd/kfd/topology/nodes/2/properties: "
			    "Input/output error");
	assert_false(l.dev[0].units.valid);
	assert_float_equal(l.dev[1].units.value, 304, 0);
	assert_false(l.dev[1].memory_bytes.valid);
	assert_non_null(strstr(note_reason(&l.dev[1], "mem_info_vram_total"), ": No such device"));
	/* a missing attribute is silent */
	assert_null(l.dev[2].serial.value);
	assert_int_equal(l.dev[2].n_notes, 0);
	probe_list_free(&l);
}

static void test_malformed_content(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, N_MI300X);
	inject[0] = (struct injection){ .suffix = "/0000:05:00.0/pp_dpm_sclk", .content = "0: 500Mhz\n1: fast\n" };
	inject[1] = (struct injection){ .suffix = "/0000:05:00.0/mem_info_vram_total",
					.content = "99999999999999999999999\n" };
	inject[2] = (struct injection){ .suffix = "/0000:05:00.0/product_name", .content = "AMD\nInstinct\n" };
	inject[3] = (struct injection){ .suffix = "/0000:26:00.0/pp_dpm_sclk", .content = "0: 0Mhz *\n" };
	run("tests/fixtures/mi300x/sys", &l);
	struct probe_device *d = &l.dev[0];
	assert_string_equal(note_reason(d, "pp_dpm_sclk"),
			    "unexpected content in tests/fixtures/mi300x/sys/bus/pci/devices/0000:05:00.0/pp_dpm_sclk: "
			    "line 2 is not \"<level>: <n>Mhz\": \"1: fast\"");
	assert_non_null(strstr(note_reason(d, "mem_info_vram_total"), "number too large"));
	assert_false(d->memory_bytes.valid);
	assert_non_null(strstr(note_reason(d, "product_name"), "more than one line"));
	assert_null(d->product_name.value);
	assert_non_null(strstr(note_reason(&l.dev[1], "pp_dpm_sclk"), "lists no clock above 0 MHz"));
	/* KFD fills in the clock both times */
	assert_float_equal(d->max_clock_mhz.value, 2100, 0);
	assert_float_equal(l.dev[1].max_clock_mhz.value, 2100, 0);
	probe_list_free(&l);
}

/* The DPM table is overdriven past what KFD reports: the higher wins, with
 * both sources in a note. */
static void test_sources_disagree(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_slots(&l, mi300x_gpus, 1);
	inject[0] = (struct injection){ .suffix = "/pp_dpm_sclk", .content = "0: 500Mhz\n1: 2500Mhz *\n" };
	run("tests/fixtures/mi300x/sys", &l);
	struct probe_device *d = &l.dev[0];
	assert_float_equal(d->max_clock_mhz.value, 2500, 0);
	assert_string_equal(d->max_clock_mhz.source, "sysfs:pp_dpm_sclk");
	assert_string_equal(note_reason(d, "max_clock_mhz"),
			    "sysfs:pp_dpm_sclk reports 2500, sysfs:kfd max_engine_clk_fcompute reports 2100; "
			    "using the higher");
	probe_list_free(&l);
}

/* --- layouts built on the fly --------------------------------------------------- */

static char tree[64];

static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	for (char *p = path + strlen(tree) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void link_to(const char *rel, const char *target)
{
	char path[512];
	put(rel, "");
	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int make_tree(void **state)
{
	reset(state);
	snprintf(tree, sizeof(tree), "/tmp/tppscan-sysfs-XXXXXX");
	assert_non_null(mkdtemp(tree));
	return 0;
}

static int remove_tree(void **state)
{
	(void)state;
	nftw(tree, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static char *root_of_tree(void)
{
	static char root[80];
	snprintf(root, sizeof(root), "%s", tree);
	return root;
}

/* xe: the highest RP0 of each tile's main GT (its first); media GTs, which
 * come after it, do not count even when faster. */
static void test_xe_tiles(void **state)
{
	(void)state;
	static const char *const slots[] = { "0000:03:00.0" };
	put("bus/pci/devices/0000:03:00.0/tile0/gt0/freq0/rp0_freq", "1600\n");
	put("bus/pci/devices/0000:03:00.0/tile0/gt1/freq0/rp0_freq", "2000\n");
	put("bus/pci/devices/0000:03:00.0/tile1/gt2/freq0/rp0_freq", "1700\n");
	put("bus/pci/devices/0000:03:00.0/tile1/gt2/freq0/max_freq", "1000\n");
	link_to("class/drm/card0/device", "../../../bus/pci/devices/0000:03:00.0");
	struct probe_list l = { 0 };
	add_slots(&l, slots, 1);
	run(root_of_tree(), &l);
	assert_no_notes(&l);
	assert_float_equal(l.dev[0].max_clock_mhz.value, 1700, 0);
	assert_string_equal(l.dev[0].max_clock_mhz.source, "sysfs:rp0_freq");
	probe_list_free(&l);
}

/* i915 with only the per-GT attribute, and a card the list lacks */
static void test_i915_per_gt_and_unlisted(void **state)
{
	(void)state;
	static const char *const slots[] = { "0000:00:02.0" };
	put("devices/0000:00:02.0/vendor", "0x8086\n");
	put("devices/0000:04:00.0/vendor", "0x8086\n");
	put("class/drm/card0/gt/gt0/rps_RP0_freq_mhz", "2250\n");
	put("class/drm/card0/gt/gt1/rps_RP0_freq_mhz", "2400\n");
	link_to("class/drm/card0/device", "../../../devices/0000:00:02.0");
	put("class/drm/card1/gt_RP0_freq_mhz", "2400\n");
	link_to("class/drm/card1/device", "../../../devices/0000:04:00.0");
	struct probe_list l = { 0 };
	add_slots(&l, slots, 1);
	run(root_of_tree(), &l);
	assert_float_equal(l.dev[0].max_clock_mhz.value, 2250, 0);
	assert_string_equal(l.dev[0].max_clock_mhz.source, "sysfs:rps_RP0_freq_mhz");
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "card1 is PCI function 0000:04:00.0, which is not in the device list");
	probe_list_free(&l);
}

/* MI300X in CPX mode: partitions are KFD nodes with the same location. */
static void test_kfd_partitions_and_oddities(void **state)
{
	(void)state;
	static const char *const slots[] = { "0000:05:00.0", "0000:06:00.0" };
	const char *cpu = "cpu_cores_count 96\nsimd_count 0\nlocation_id 0\n"; /* no gpu_id file */
	const char *part = "simd_count 152\nsimd_per_cu 4\nlocation_id 1280\ndomain 0\nmax_engine_clk_fcompute 2100\n";
	put("class/kfd/kfd/topology/nodes/0/properties", cpu);
	for (int i = 1; i <= 8; i++) {
		char rel[80];
		snprintf(rel, sizeof(rel), "class/kfd/kfd/topology/nodes/%d/gpu_id", i);
		put(rel, "4711\n");
		snprintf(rel, sizeof(rel), "class/kfd/kfd/topology/nodes/%d/properties", i);
		put(rel, part);
	}
	/* bus 6: simd_per_cu 0; and a GPU node without a location */
	put("class/kfd/kfd/topology/nodes/9/properties", "simd_count 64\nsimd_per_cu 0\nlocation_id 1536\n");
	put("class/kfd/kfd/topology/nodes/10/properties", "simd_count 64\nsimd_per_cu 4\n");
	struct probe_list l = { 0 };
	add_slots(&l, slots, 2);
	run(root_of_tree(), &l);
	struct probe_device *d = &l.dev[0];
	assert_float_equal(d->units.value, 8 * 152 / 4, 0);
	assert_string_equal(note_reason(d, "units"),
			    "8 KFD nodes (compute partitions) share this PCI function; their CUs are summed");
	assert_float_equal(d->max_clock_mhz.value, 2100, 0);
	assert_false(l.dev[1].units.valid);
	assert_string_equal(note_reason(&l.dev[1], "units"), "KFD simd_count 64 is not a whole number of CUs of 0 SIMDs");
	assert_int_equal(l.n_notes, 1);
	assert_non_null(strstr(l.notes[0].reason, "nodes/10/properties has no location_id"));
	probe_list_free(&l);
}

/* Pre-6.2 kernels: /sys/class/habanalabs/hlN with the attributes on the
 * class device itself and the pre-5.10 name armcp_ver; platform NPUs under
 * /sys/class/accel are not PCI and are passed over. */
static void test_habanalabs_class(void **state)
{
	(void)state;
	static const char *const slots[] = { "0000:19:00.0", "0000:1a:00.0" };
	put("devices/0000:19:00.0/vendor", "0x1da3\n");
	put("devices/0000:1a:00.0/vendor", "0x1da3\n");
	put("devices/platform/intel_vpu/uevent", "\n");
	link_to("class/habanalabs/hl0/device", "../../../devices/0000:19:00.0");
	put("class/habanalabs/hl0/device_type", "GAUDI\n");
	put("class/habanalabs/hl0/armcp_ver", "0.12.0\n");
	put("class/habanalabs/hl0/status", "needs reset\n");
	put("class/habanalabs/hl0/clk_max_freq_mhz", "1000\n");
	link_to("class/habanalabs/hl1/device", "../../../devices/0000:1a:00.0");
	put("class/habanalabs/hl1/clk_max_freq_mhz", "1000\n");
	link_to("class/accel/accel0/device", "../../../devices/platform/intel_vpu");
	struct probe_list l = { 0 };
	add_slots(&l, slots, 2);
	inject[0] = (struct injection){ .suffix = "/hl1/clk_max_freq_mhz", .err = ENODEV };
	run(root_of_tree(), &l);
	struct probe_device *d = &l.dev[0];
	assert_string_equal(d->architecture.value, "GAUDI");
	assert_string_equal(d->firmware.value, "cpucp 0.12.0");
	assert_string_equal(d->firmware.source, "sysfs:armcp_ver");
	assert_string_equal(note_reason(d, "status"), "the driver reports the device as \"needs reset\"");
	assert_float_equal(d->max_clock_mhz.value, 1000, 0);
	assert_false(l.dev[1].max_clock_mhz.valid);
	assert_non_null(strstr(note_reason(&l.dev[1], "clk_max_freq_mhz"), "No such device"));
	assert_int_equal(l.n_notes, 0);
	probe_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mi300x, reset),
		cmocka_unit_test_setup(test_overclock_mi300x, reset),
		cmocka_unit_test_setup(test_mi250x, reset),
		cmocka_unit_test_setup(test_gaudi2, reset),
		cmocka_unit_test_setup(test_desktop_intel, reset),
		cmocka_unit_test_setup(test_device_not_in_list, reset),
		cmocka_unit_test_setup(test_dump_mode_reads_nothing, reset),
		cmocka_unit_test_setup(test_permission_denied, reset),
		cmocka_unit_test_setup(test_io_errors, reset),
		cmocka_unit_test_setup(test_malformed_content, reset),
		cmocka_unit_test_setup(test_sources_disagree, reset),
		cmocka_unit_test_setup_teardown(test_xe_tiles, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_i915_per_gt_and_unlisted, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_kfd_partitions_and_oddities, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_habanalabs_class, make_tree, remove_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
