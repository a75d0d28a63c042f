/* The libpci backend: every PCI fixture in dump and sysfs form, malformed
 * dumps, sysfs corner cases, and real dumps from pciutils when the shared
 * corpus is there.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/pci.h"
#include "probe/pci_dump_check.h"
#include "probe/pci_link.h"
#include "tests/support/testutil.h"

#define FIX "tests/fixtures/"
#define IDS FIX "pci-ids/pci.ids"
#define CORPUS "../shared/corpus/lspci/"

static const struct probe_pci_opts fixture_opts = { .ids_file = IDS, .no_hwdb = true };

/* ---- running the backend -------------------------------------------- */

static int scan_ctx(const struct probe_ctx *ctx, const struct probe_pci_opts *opts, struct probe_list *l,
		    struct tpp_error *err)
{
	*l = (struct probe_list){ 0 };
	tpp_error_clear(err);
	int rc = probe_pci_run(ctx, opts ? opts : &fixture_opts, l, err);
	if (rc == 0)
		assert_int_equal(err->status, 0);
	else
		assert_int_equal(l->n, 0);   /* a failed scan adds nothing */
	return rc;
}

static int scan_dump(const char *path, struct probe_list *l, struct tpp_error *err)
{
	struct probe_ctx ctx = { .dump_file = path };
	return scan_ctx(&ctx, NULL, l, err);
}

static int scan_sysfs(const char *root, struct probe_list *l, struct tpp_error *err)
{
	struct probe_ctx ctx = { .sysfs_root = root };
	return scan_ctx(&ctx, NULL, l, err);
}

static void must_scan(int rc, const struct tpp_error *err)
{
	if (rc != 0)
		fail_msg("scan failed: %s", err->msg);
}

static const struct probe_note *find_note(const struct probe_note *notes, size_t n, const char *what,
					  const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(notes[i].what, what) == 0 && (!text || strstr(notes[i].reason, text)))
			return &notes[i];
	return NULL;
}

/* ---- expected devices ----------------------------------------------- */

struct want {
	const char *slot;
	uint16_t vendor, device, sub_vendor, sub_device;
	uint8_t rev;
	uint32_t class_code;
	double gts, width, max_gts, max_width;   /* 0: unknown, with a pcie_link note */
	const char *driver;                      /* sysfs form only */
	int numa;                                /* sysfs form only; -1 unknown */
};

enum form { DUMP, SYSFS };

static void check_num(const struct probe_num *n, double want, const char *slot, const char *what)
{
	if (want == 0) {
		if (n->valid)
			fail_msg("%s %s: expected unknown, got %g", slot, what, n->value);
		return;
	}
	if (!n->valid)
		fail_msg("%s %s: expected %g, got unknown", slot, what, want);
	assert_float_equal(n->value, want, 1e-9);
	assert_non_null(n->source);
}

static void check_device(const struct probe_device *d, const struct want *w, enum form form)
{
	assert_string_equal(d->slot, w->slot);
	unsigned dom, bus, dev, fn;
	assert_int_equal(sscanf(w->slot, "%x:%x:%x.%x", &dom, &bus, &dev, &fn), 4);
	assert_int_equal(d->domain, dom);
	assert_int_equal(d->bus, bus);
	assert_int_equal(d->dev, dev);
	assert_int_equal(d->func, fn);
	assert_int_equal(d->vendor_id, w->vendor);
	assert_int_equal(d->device_id, w->device);
	assert_true(d->has_subsys);
	assert_int_equal(d->subsys_vendor_id, w->sub_vendor);
	assert_int_equal(d->subsys_id, w->sub_device);
	assert_true(d->has_revision);
	assert_int_equal(d->revision, w->rev);
	assert_int_equal(d->class_code, w->class_code);
	check_num(&d->link_speed_gts, w->gts, w->slot, "link speed");
	check_num(&d->link_width, w->width, w->slot, "link width");
	check_num(&d->max_link_speed_gts, w->max_gts, w->slot, "max link speed");
	check_num(&d->max_link_width, w->max_width, w->slot, "max link width");
	if (w->gts == 0 && !find_note(d->notes, d->n_notes, "pcie_link", NULL))
		fail_msg("%s: unknown link without a note", w->slot);
	if (form == SYSFS) {
		if (w->driver) {
			assert_non_null(d->driver.value);
			assert_string_equal(d->driver.value, w->driver);
		} else {
			assert_null(d->driver.value);
		}
		if (w->numa < 0) {
			assert_false(d->numa_node.valid);
		} else {   /* node 0 is a value, not "unknown" */
			assert_true(d->numa_node.valid);
			assert_float_equal(d->numa_node.value, w->numa, 0);
		}
	} else {
		assert_null(d->driver.value);
		assert_false(d->numa_node.valid);
	}
}

static void check_list(const struct probe_list *l, const struct want *w, size_t n, enum form form)
{
	if (l->n != n) {
		for (size_t i = 0; i < l->n; i++)
			print_message("found %s %04x:%04x\n", l->dev[i].slot, l->dev[i].vendor_id, l->dev[i].device_id);
		fail_msg("expected %zu devices, found %zu", n, l->n);
	}
	for (size_t i = 0; i < n; i++)
		check_device(&l->dev[i], &w[i], form);
}

static void check_fixture(const char *name, const struct want *w, size_t n)
{
	char path[256];
	struct probe_list l;
	struct tpp_error err;

	snprintf(path, sizeof(path), FIX "%s/lspci-xxx.txt", name);
	must_scan(scan_dump(path, &l, &err), &err);
	check_list(&l, w, n, DUMP);
	assert_non_null(find_note(l.notes, l.n_notes, "pci", "dump"));
	probe_list_free(&l);

	snprintf(path, sizeof(path), FIX "%s/sys", name);
	must_scan(scan_sysfs(path, &l, &err), &err);
	check_list(&l, w, n, SYSFS);
	assert_null(find_note(l.notes, l.n_notes, "pci", "dump"));
	probe_list_free(&l);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define H100(bus, link, width, numa) \
	{ "0000:" bus ":00.0", 0x10de, 0x2330, 0x10de, 0x16c1, 0xa1, 0x030200, link, width, 32, 16, "nvidia", numa }

static const struct want hgx_h100[] = {
	/* the BMC's VGA is display class: listed, as an unknown display device */
	{ "0000:03:00.0", 0x1a03, 0x2000, 0x1a03, 0x2000, 0x52, 0x030000, 5, 1, 5, 1, "ast", 0 },
	H100("1b", 32, 16, 0), H100("43", 32, 16, 0), H100("52", 16, 8, 0), H100("61", 32, 16, 0),
	H100("9d", 32, 16, 1), H100("c3", 32, 16, 1), H100("d1", 32, 16, 1), H100("df", 32, 16, 1),
};

static void test_hgx_h100(void **state)
{
	(void)state;
	check_fixture("hgx-h100", hgx_h100, N(hgx_h100));

	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_dump(FIX "hgx-h100/lspci-xxx.txt", &l, &err), &err);
	/* NVSwitches (0680), ConnectX-7 (0207), root ports and the host bridge are not listed */
	const char *absent[] = { "0000:05:00.0", "0000:08:00.0", "0000:18:00.0", "0000:dc:00.0",
				 "0000:15:00.0", "0000:00:00.0" };
	for (size_t i = 0; i < N(absent); i++)
		assert_null(probe_list_find(&l, absent[i]));
	const struct probe_device *gpu = probe_list_find(&l, "0000:1b:00.0");
	assert_non_null(gpu);
	assert_string_equal(gpu->vendor_name.value, "NVIDIA Corporation");
	assert_string_equal(gpu->device_name.value, "GH100 [H100 SXM5 80GB]");
	assert_string_equal(gpu->device_name.source, "libpci:pci.ids");
	probe_list_free(&l);
}

/* -x, -xxxx and -vvvxxx give the same devices; -x has no capabilities, so
 * the link is unknown with a note saying why. */
static void test_hgx_h100_dump_formats(void **state)
{
	(void)state;
	struct probe_list l;
	struct tpp_error err;
	const char *full[] = { FIX "hgx-h100/lspci-xxxx.txt", FIX "hgx-h100/lspci-vvvxxx.txt" };
	for (size_t i = 0; i < N(full); i++) {
		must_scan(scan_dump(full[i], &l, &err), &err);
		check_list(&l, hgx_h100, N(hgx_h100), DUMP);
		probe_list_free(&l);
	}

	struct want short_form[N(hgx_h100)];
	memcpy(short_form, hgx_h100, sizeof(short_form));
	for (size_t i = 0; i < N(short_form); i++)
		short_form[i].gts = short_form[i].width = short_form[i].max_gts = short_form[i].max_width = 0;
	must_scan(scan_dump(FIX "hgx-h100/lspci-x.txt", &l, &err), &err);
	check_list(&l, short_form, N(short_form), DUMP);
	for (size_t i = 0; i < l.n; i++)
		assert_non_null(find_note(l.dev[i].notes, l.dev[i].n_notes, "pcie_link", "only 64 bytes"));
	probe_list_free(&l);
}

/* The link values against lspci's own decoding of the same bytes. */
struct lspci_link {
	char slot[16];
	double gts, max_gts;
	int width, max_width;
};

static size_t read_lspci_links(const char *path, struct lspci_link *out, size_t max)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[512], slot[16] = "";
	size_t n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *sp = strchr(line, ' ');
		if (line[0] != '\t' && sp && line[2] == ':' && sp - line == 7) {
			snprintf(slot, sizeof(slot), "0000:%.7s", line);
			continue;
		}
		char *cap = strstr(line, "\tLnkCap:\t"), *sta = strstr(line, "\tLnkSta:\t");
		if (!cap && !sta)
			continue;
		char *speed = strstr(line, "Speed "), *width = strstr(line, "Width x");
		assert_non_null(speed);
		assert_non_null(width);
		if (cap) {
			assert_true(n < max);
			memset(&out[n], 0, sizeof(out[n]));
			snprintf(out[n].slot, sizeof(out[n].slot), "%s", slot);
			out[n].max_gts = strtod(speed + 6, NULL);
			out[n].max_width = atoi(width + 7);
			n++;
		} else {
			assert_true(n > 0);
			assert_string_equal(out[n - 1].slot, slot);
			out[n - 1].gts = strtod(speed + 6, NULL);
			out[n - 1].width = atoi(width + 7);
		}
	}
	fclose(f);
	return n;
}

static void test_link_matches_lspci_text(void **state)
{
	(void)state;
	struct lspci_link links[64];
	size_t n = read_lspci_links(FIX "hgx-h100/lspci-vvvxxx.txt", links, N(links));
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_dump(FIX "hgx-h100/lspci-vvvxxx.txt", &l, &err), &err);
	size_t compared = 0;
	for (size_t i = 0; i < n; i++) {
		const struct probe_device *d = probe_list_find(&l, links[i].slot);
		if (!d)
			continue;
		assert_float_equal(d->link_speed_gts.value, links[i].gts, 1e-9);
		assert_float_equal(d->link_width.value, links[i].width, 0);
		assert_float_equal(d->max_link_speed_gts.value, links[i].max_gts, 1e-9);
		assert_float_equal(d->max_link_width.value, links[i].max_width, 0);
		compared++;
	}
	assert_int_equal(compared, l.n);
	probe_list_free(&l);
}

static void test_hgx_h20(void **state)
{
	(void)state;
#define H20(bus, numa) \
	{ "0000:" bus ":00.0", 0x10de, 0x2329, 0x10de, 0x198b, 0xa1, 0x030200, 32, 16, 32, 16, "nvidia", numa }
	static const struct want w[] = { H20("18", 0), H20("2a", 0), H20("3a", 0), H20("5d", 0),
					 H20("9a", 1), H20("ab", 1), H20("ba", 1), H20("db", 1) };
	check_fixture("hgx-h20", w, N(w));
}

static void test_a800_pcie_ws(void **state)
{
	(void)state;
	/* idle: trained at 2.5 GT/s of 16; no NUMA (-1) */
	static const struct want w[] = {
		{ "0000:01:00.0", 0x10de, 0x20f5, 0x10de, 0x1799, 0xa1, 0x030200, 2.5, 16, 16, 16, "nvidia", -1 },
		{ "0000:21:00.0", 0x10de, 0x20f5, 0x10de, 0x1799, 0xa1, 0x030200, 2.5, 16, 16, 16, "nvidia", -1 },
	};
	check_fixture("a800-pcie-ws", w, N(w));
}

static void test_desktop_4090d(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "0000:00:02.0", 0x8086, 0xa780, 0x1458, 0xd000, 0x04, 0x038000, 0, 0, 0, 0, "i915", -1 },
		{ "0000:01:00.0", 0x10de, 0x2685, 0x1458, 0x414b, 0xa1, 0x030000, 16, 16, 16, 16, "nvidia", -1 },
	};
	check_fixture("desktop-4090d", w, N(w));

	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_sysfs(FIX "desktop-4090d/sys", &l, &err), &err);
	assert_null(probe_list_find(&l, "0000:01:00.1"));   /* the card's HD audio function */
	assert_non_null(find_note(l.dev[0].notes, l.dev[0].n_notes, "pcie_link", "Unknown"));
	probe_list_free(&l);
	must_scan(scan_dump(FIX "desktop-4090d/lspci-xxx.txt", &l, &err), &err);
	assert_non_null(find_note(l.dev[0].notes, l.dev[0].n_notes, "pcie_link", "integrated"));
	probe_list_free(&l);
}

static void test_mi300x(void **state)
{
	(void)state;
#define MI300X(bus, numa) \
	{ "0000:" bus ":00.0", 0x1002, 0x74a1, 0x1002, 0x74a1, 0x00, 0x120000, 32, 16, 32, 16, "amdgpu", numa }
	static const struct want w[] = { MI300X("05", 0), MI300X("26", 0), MI300X("46", 0), MI300X("65", 0),
					 MI300X("85", 1), MI300X("a6", 1), MI300X("c6", 1), MI300X("e5", 1) };
	check_fixture("mi300x", w, N(w));
}

static void test_mi250x(void **state)
{
	(void)state;
#define MI250X(bus, numa) \
	{ "0000:" bus ":00.0", 0x1002, 0x740c, 0x1002, 0x0b0c, 0x01, 0x038000, 16, 16, 16, 16, "amdgpu", numa }
	static const struct want w[] = { MI250X("c1", 0), MI250X("c2", 0), MI250X("c5", 1), MI250X("c6", 1),
					 MI250X("c9", 2), MI250X("ca", 2), MI250X("cd", 3), MI250X("ce", 3) };
	check_fixture("mi250x", w, N(w));
}

static void test_gaudi2(void **state)
{
	(void)state;
#define GAUDI2(bus, numa) \
	{ "0000:" bus ":00.0", 0x1da3, 0x1020, 0x1da3, 0x1020, 0x01, 0x120000, 16, 16, 16, 16, "habanalabs", numa }
	static const struct want w[] = { GAUDI2("19", 0), GAUDI2("1a", 0), GAUDI2("43", 0), GAUDI2("44", 0),
					 GAUDI2("9b", 1), GAUDI2("9c", 1), GAUDI2("b3", 1), GAUDI2("b4", 1) };
	check_fixture("gaudi2", w, N(w));
}

static void test_unknown_accel(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "0000:3b:00.0", 0x1f3e, 0x0001, 0x1f3e, 0x0001, 0x01, 0x120000, 16, 8, 16, 8, NULL, -1 },
	};
	check_fixture("unknown-accel", w, N(w));
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_sysfs(FIX "unknown-accel/sys", &l, &err), &err);
	assert_null(l.dev[0].vendor_name.value);   /* unknown stays unknown, not "Device 1f3e" */
	assert_null(l.dev[0].device_name.value);
	probe_list_free(&l);
}

static void test_overclock_4090(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "0000:01:00.0", 0x10de, 0x2684, 0x1458, 0x4104, 0xa1, 0x030000, 16, 16, 16, 16, "nvidia", -1 },
	};
	check_fixture("overclock-4090", w, N(w));
}

/* Every identity and link field agrees between the two forms. */
static void test_dump_and_sysfs_agree(void **state)
{
	(void)state;
	const char *names[] = { "hgx-h100", "hgx-h20", "a800-pcie-ws", "desktop-4090d", "mi300x",
				"mi250x", "gaudi2", "unknown-accel", "overclock-4090" };
	for (size_t k = 0; k < N(names); k++) {
		char dump[256], sys[256];
		snprintf(dump, sizeof(dump), FIX "%s/lspci-xxx.txt", names[k]);
		snprintf(sys, sizeof(sys), FIX "%s/sys", names[k]);
		struct probe_list a, b;
		struct tpp_error err;
		must_scan(scan_dump(dump, &a, &err), &err);
		must_scan(scan_sysfs(sys, &b, &err), &err);
		assert_int_equal(a.n, b.n);
		assert_true(a.n > 0);
		for (size_t i = 0; i < a.n; i++) {
			const struct probe_device *x = &a.dev[i], *y = &b.dev[i];
			assert_string_equal(x->slot, y->slot);
			assert_int_equal(x->vendor_id, y->vendor_id);
			assert_int_equal(x->device_id, y->device_id);
			assert_int_equal(x->subsys_vendor_id, y->subsys_vendor_id);
			assert_int_equal(x->subsys_id, y->subsys_id);
			assert_int_equal(x->revision, y->revision);
			assert_int_equal(x->class_code, y->class_code);
			assert_int_equal(x->link_speed_gts.valid, y->link_speed_gts.valid);
			assert_float_equal(x->link_speed_gts.value, y->link_speed_gts.value, 1e-9);
			assert_float_equal(x->link_width.value, y->link_width.value, 0);
			assert_float_equal(x->max_link_speed_gts.value, y->max_link_speed_gts.value, 1e-9);
			assert_float_equal(x->max_link_width.value, y->max_link_width.value, 0);
			if (x->device_name.value || y->device_name.value)
				assert_string_equal(x->device_name.value, y->device_name.value);
		}
		probe_list_free(&a);
		probe_list_free(&b);
	}
}

/* ---- selection and order -------------------------------------------- */

struct known_calls {
	size_t calls;
	bool saw_nvswitch;
};

static bool known_nvswitch(void *arg, uint16_t vendor, uint16_t device)
{
	struct known_calls *k = arg;
	k->calls++;
	bool hit = vendor == 0x10de && device == 0x22a3;
	k->saw_nvswitch |= hit;
	return hit;
}

static void test_is_known_adds_other_classes(void **state)
{
	(void)state;
	struct known_calls k = { 0 };
	struct probe_ctx ctx = { .dump_file = FIX "hgx-h100/lspci-xxx.txt", .is_known = known_nvswitch,
				 .is_known_arg = &k };
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_ctx(&ctx, NULL, &l, &err), &err);
	assert_true(k.saw_nvswitch);
	assert_true(k.calls > 0);
	assert_int_equal(l.n, N(hgx_h100) + 4);
	const char *switches[] = { "0000:05:00.0", "0000:06:00.0", "0000:07:00.0", "0000:08:00.0" };
	for (size_t i = 0; i < N(switches); i++) {
		const struct probe_device *d = probe_list_find(&l, switches[i]);
		assert_non_null(d);
		assert_int_equal(d->class_code, 0x068000);
		/* known to the knowledge base: its name comes from there, pci.ids is not read */
		assert_null(d->device_name.value);
	}
	assert_null(probe_list_find(&l, "0000:18:00.0"));   /* NICs still out */
	probe_list_free(&l);
}

static void test_class_selection(void **state)
{
	(void)state;
	const unsigned yes[] = { 0x0300, 0x0302, 0x0380, 0x0301, 0x1200, 0x1201, 0x0b40 };
	const unsigned no[] = { 0x0680, 0x0207, 0x0200, 0x0403, 0x0b00, 0x0604, 0x0600, 0x0108, 0x0c03 };
	for (size_t i = 0; i < N(yes); i++)
		assert_true(probe_pci_class_listed(yes[i]));
	for (size_t i = 0; i < N(no); i++)
		assert_false(probe_pci_class_listed(no[i]));
}

static uint64_t slot_key(const struct probe_device *d)
{
	return (uint64_t)d->domain << 16 | d->bus << 8 | d->dev << 3 | d->func;
}

/* 264 functions over four domains; libpci hands them back in reverse. */
static void test_bench_64_sorted(void **state)
{
	(void)state;
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_dump(FIX "bench-64/lspci-xxx.txt", &l, &err), &err);
	assert_int_equal(l.n, 64);
	bool domains[4] = { false };
	for (size_t i = 0; i < l.n; i++) {
		const struct probe_device *d = &l.dev[i];
		assert_true(d->domain >= 0 && d->domain < 4);
		domains[d->domain] = true;
		assert_true(probe_pci_class_listed(d->class_code >> 8));
		if (i)
			assert_true(slot_key(&l.dev[i - 1]) < slot_key(d));
	}
	for (size_t i = 0; i < 4; i++)
		assert_true(domains[i]);
	probe_list_free(&l);
}

/* Records the pci backend finds go after those already in the list, and the
 * whole list comes back in slot order. */
static void test_appends_and_sorts(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct tpp_error err = { 0 };
	struct probe_device *pre = probe_list_add(&l, &err);
	assert_non_null(pre);
	probe_format_slot(pre->slot, 0, 0xff, 0, 0);
	pre->bus = 0xff;
	struct probe_ctx ctx = { .dump_file = FIX "gaudi2/lspci-xxx.txt" };
	assert_int_equal(probe_pci_run(&ctx, &fixture_opts, &l, &err), 0);
	assert_int_equal(l.n, 9);
	assert_string_equal(l.dev[0].slot, "0000:19:00.0");
	assert_string_equal(l.dev[8].slot, "0000:ff:00.0");
	probe_list_free(&l);
}

/* ---- errors --------------------------------------------------------- */

static void test_missing_dump(void **state)
{
	(void)state;
	struct probe_list l;
	struct tpp_error err;
	assert_int_equal(scan_dump(FIX "pci-malformed/no-such-file.txt", &l, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "no-such-file.txt"));
	assert_non_null(strstr(err.msg, "No such file"));
	assert_int_equal(scan_dump(FIX "pci-malformed", &l, &err), -1);   /* a directory */
	assert_int_equal(err.status, TPP_EX_NOINPUT);
}

static void test_malformed_dumps(void **state)
{
	(void)state;
	static const struct { const char *file, *where, *why; } cases[] = {
		{ "truncated.txt", ":5:", "no newline" },
		{ "nonhex.txt", ":3:", "\"0g\"" },
		{ "bad-slot.txt", ":1:", "device numbers" },
		{ "bad-function.txt", ":1:", "function numbers" },
		{ "empty.txt", ": empty file", "empty" },
		{ "not-a-dump.txt", ": no device", "not an lspci" },
		{ "binary.bin", ":3:", "binary" },
		{ "no-hex.txt", ":1:", "no config-space bytes" },
		{ "short.txt", ":1:", "32 of the 64" },
		{ "orphan-bytes.txt", ":1:", "without a device address" },
		{ "duplicate.txt", ":7:", "twice" },
		{ "long-line.txt", ":6:", "315 characters" },
		{ "beyond-4096.txt", ":6:", "beyond" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		char path[256], want[300];
		snprintf(path, sizeof(path), FIX "pci-malformed/%s", cases[i].file);
		snprintf(want, sizeof(want), "%s%s", path, cases[i].where);
		struct probe_list l;
		struct tpp_error err;
		assert_int_equal(scan_dump(path, &l, &err), -1);
		if (err.status != TPP_EX_DATAERR || strncmp(err.msg, want, strlen(want)) != 0 ||
		    !strstr(err.msg, cases[i].why) || strchr(err.msg, '\n'))
			fail_msg("%s: status %d, message \"%s\"", cases[i].file, err.status, err.msg);
	}
}

static int checked(const char *text, struct tpp_error *err)
{
	tpp_error_clear(err);
	return pci_dump_check("t", text, strlen(text), err);
}

#define HDR64 "00: de 10 30 23 07 04 10 00 a1 00 02 03 00 00 00 00\n" \
	      "10: 00 00 00 f0 0c 00 00 00 20 00 00 00 00 00 00 00\n" \
	      "20: 00 00 00 00 00 00 00 00 00 00 00 00 de 10 c1 16\n" \
	      "30: 00 00 00 00 60 00 00 00 00 00 00 00 ff 01 00 00\n"

/* The grammar, on strings: what libpci would read silently wrong is refused. */
static void test_dump_grammar(void **state)
{
	(void)state;
	struct tpp_error err;
	assert_int_equal(checked("01:00.0 3D controller\n" HDR64, &err), 1);
	assert_int_equal(checked("0000:01:00.0 x\n" HDR64 "\n0001:01:00.0 x\n" HDR64, &err), 2);
	assert_int_equal(checked("10000:e1:00.0 x\n" HDR64, &err), 1);              /* VMD domain */
	assert_int_equal(checked("0A:1F.7 x\n" HDR64, &err), 1);                    /* upper case */
	assert_int_equal(checked("01:00.0 x\r\n00: de 10\r\n" "02: 30 23 07 04 10 00 a1 00 02 03 00 00 00 00\r\n"
				 "10: 00 00 00 f0 0c 00 00 00 20 00 00 00 00 00 00 00 \r\n"
				 "20: 00 00 00 00 00 00 00 00 00 00 00 00 de 10 c1 16\r\n"
				 "30: 00 00 00 00 60 00 00 00 00 00 00 00 ff 01 00 00\r\n", &err), 1);
	/* -vvv text, other column-0 text and a lone "#" line are skipped */
	assert_int_equal(checked("$ lspci -vvvxxx\n01:00.0 x\n\tControl: I/O+\n" HDR64 "\tKernel driver in use: nvidia\n",
				 &err), 1);

	static const struct { const char *text, *why; } bad[] = {
		{ "01:00.0\tx\n" HDR64, "followed by a space" },
		{ "01:00.0\n" HDR64, "followed by a space" },
		{ "1:00.0 x\n" HDR64, "not a PCI address" },
		{ "000001:01:00.0 x\n" HDR64, "not a PCI address" },
		{ "01:00.0 x\n00:  de 10\n", "not a byte" },
		{ "01:00.0 x\n00: de 1\n", "not a byte" },
		{ "01:00.0 x\n00: de 10  \n", "not a byte" },
		{ "01:00.0 x\n0: de 10\n", "2 to 8 hex digits" },
		{ "01:00.0 x\n00:de 10\n", "malformed config-space line" },
		{ "01:00.0 x\n00:\n", "no space after the offset" },
		{ "01:00.0 x\n\n" HDR64, "no config-space bytes" },   /* the blank line ended the device */
	};
	for (size_t i = 0; i < N(bad); i++) {
		if (checked(bad[i].text, &err) != -1 || err.status != TPP_EX_DATAERR || !strstr(err.msg, bad[i].why))
			fail_msg("case %zu: status %d, \"%s\"", i, err.status, err.msg);
	}
}

static void test_link_text(void **state)
{
	(void)state;
	static const struct { const char *text; size_t len; double gts; } speeds[] = {
		{ "2.5 GT/s PCIe\n", 0, 2.5 }, { "16.0 GT/s PCIe\n", 0, 16 }, { "32.0 GT/s PCIe", 0, 32 },
		{ "8 GT/s\n", 0, 8 }, { "5.0 GT/s\n\0\0\0", 12, 5 }, { "  64.0 GT/s PCIe \r\n", 0, 64 },
	};
	for (size_t i = 0; i < N(speeds); i++) {
		double v = -1;
		size_t len = speeds[i].len ? speeds[i].len : strlen(speeds[i].text);
		assert_true(pci_link_parse_speed(speeds[i].text, len, &v));
		assert_float_equal(v, speeds[i].gts, 1e-9);
	}
	const char *bad_speeds[] = { "Unknown\n", "", "GT/s", "16.0 MT/s", "16.0 GT/s PCIe trailing", "-8 GT/s",
				     "1,5 GT/s" };
	for (size_t i = 0; i < N(bad_speeds); i++) {
		double v = -1;
		assert_false(pci_link_parse_speed(bad_speeds[i], strlen(bad_speeds[i]), &v));
		assert_float_equal(v, -1, 0);
	}
	double w = -1;
	assert_true(pci_link_parse_width("16\n", 3, &w));
	assert_float_equal(w, 16, 0);
	assert_true(pci_link_parse_width("1", 1, &w));
	assert_float_equal(w, 1, 0);
	const char *bad_widths[] = { "0\n", "", "x16", "33", "16 lanes", "-1" };
	for (size_t i = 0; i < N(bad_widths); i++)
		assert_false(pci_link_parse_width(bad_widths[i], strlen(bad_widths[i]), &w));
	assert_float_equal(pci_link_code_gts(1), 2.5, 0);
	assert_float_equal(pci_link_code_gts(4), 16, 0);
	assert_float_equal(pci_link_code_gts(6), 64, 0);
	assert_float_equal(pci_link_code_gts(0), 0, 0);
	assert_float_equal(pci_link_code_gts(7), 0, 0);
}

/* ---- sysfs trees built for one test --------------------------------- */

static char tmp_root[256];

static void make_tmp_root(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmp_root, sizeof(tmp_root), "%s/tppscan-pci-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(tmp_root));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void remove_tmp_root(void)
{
	assert_int_equal(nftw(tmp_root, remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static void put_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmp_root, rel);
	for (char *p = path + strlen(tmp_root) + 1; *p; p++)
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

/* A file libpci must have is missing: libpci's error comes back, no exit. */
static void test_sysfs_libpci_error(void **state)
{
	(void)state;
	make_tmp_root();
	put_file("bus/pci/devices/0000:01:00.0/vendor", "0x10de\n");
	put_file("bus/pci/devices/0000:01:00.0/device", "0x2330\n");
	struct probe_list l;
	struct tpp_error err;
	assert_int_equal(scan_sysfs(tmp_root, &l, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "libpci"));
	assert_non_null(strstr(err.msg, "0000:01:00.0/class"));
	assert_null(strchr(err.msg, '\n'));

	/* With class it scans. No revision file and no config: libpci would
	 * read ff from the failed config read; that is not a revision. */
	put_file("bus/pci/devices/0000:01:00.0/class", "0x030200\n");
	must_scan(scan_sysfs(tmp_root, &l, &err), &err);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.dev[0].class_code, 0x030200);
	assert_false(l.dev[0].has_revision);
	assert_false(l.dev[0].has_subsys);
	assert_non_null(find_note(l.notes, l.n_notes, "libpci", "/config"));
	probe_list_free(&l);

	put_file("bus/pci/devices/junk/vendor", "0x10de\n");
	assert_int_equal(scan_sysfs(tmp_root, &l, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_non_null(strstr(err.msg, "\"junk\""));
	remove_tmp_root();
}

static void test_missing_sysfs_root(void **state)
{
	(void)state;
	struct probe_list l;
	struct tpp_error err;
	assert_int_equal(scan_sysfs(FIX "no-such-root", &l, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, FIX "no-such-root/bus/pci/devices"));
}

/* On the live host a missing /sys/bus/pci (a container) is a note, not an
 * error; otherwise the host is read like any tree. */
static void test_host_without_sysfs(void **state)
{
	(void)state;
	struct probe_pci_opts opts = fixture_opts;
	opts.host_sysfs_root = FIX "no-such-root";
	struct probe_ctx ctx = { 0 };
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_ctx(&ctx, &opts, &l, &err), &err);
	assert_int_equal(l.n, 0);
	const struct probe_note *n = find_note(l.notes, l.n_notes, "pci", FIX "no-such-root/bus/pci/devices");
	assert_non_null(n);
	assert_non_null(strstr(n->reason, "No such file"));
	probe_list_free(&l);

	opts.host_sysfs_root = FIX "gaudi2/sys";
	must_scan(scan_ctx(&ctx, &opts, &l, &err), &err);
	assert_int_equal(l.n, 8);
	assert_int_equal(l.n_notes, 0);
	probe_list_free(&l);
}

/* The real host: whatever is there, the scan neither fails nor lists
 * devices of other classes. */
static void test_live_host(void **state)
{
	(void)state;
	struct probe_ctx ctx = { 0 };
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_ctx(&ctx, NULL, &l, &err), &err);
	for (size_t i = 0; i < l.n; i++)
		assert_true(probe_pci_class_listed(l.dev[i].class_code >> 8));
	print_message("live host: %zu display/accelerator functions, %zu notes\n", l.n, l.n_notes);
	probe_list_free(&l);
}

static void test_sysfs_edge(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "0000:01:00.0", 0x10de, 0x2330, 0x10de, 0x16c1, 0xa1, 0x030200, 0, 0, 0, 0, "nvidia", 0 },
		{ "0000:02:00.0", 0x10de, 0x2330, 0x10de, 0x16c1, 0xa1, 0x030200, 16, 8, 32, 16, "nvidia", 0 },
		{ "0000:03:00.0", 0x1002, 0x74a1, 0x1002, 0x74a1, 0x00, 0x120000, 32, 16, 32, 16, NULL, 1 },
		{ "0000:04:00.0", 0x1014, 0x00e0, 0x1014, 0x00e0, 0x01, 0x0b4000, 8, 8, 8, 8, NULL, -1 },
	};
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_sysfs(FIX "pci-sysfs-edge/sys", &l, &err), &err);
	check_list(&l, w, N(w), SYSFS);
	assert_non_null(find_note(l.dev[0].notes, l.dev[0].n_notes, "pcie_link", "without root"));
	assert_string_equal(l.dev[1].link_speed_gts.source, "pci-config:PCIe Link Status");
	assert_string_equal(l.dev[2].link_speed_gts.source, "sysfs:current_link_speed");
	assert_string_equal(l.dev[3].vendor_name.value, "IBM");
	assert_null(l.dev[3].device_name.value);
	probe_list_free(&l);
}

static long deny_current_speed(const char *path, char *buf, size_t size)
{
	if (strstr(path, "/current_link_speed"))
		return -EACCES;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, size);
	close(fd);
	return n;
}

static void test_permission_denied(void **state)
{
	(void)state;
	struct probe_pci_opts opts = fixture_opts;
	opts.read_text = deny_current_speed;
	struct probe_ctx ctx = { .sysfs_root = FIX "gaudi2/sys" };
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_ctx(&ctx, &opts, &l, &err), &err);
	assert_int_equal(l.n, 8);
	for (size_t i = 0; i < l.n; i++) {
		const struct probe_device *d = &l.dev[i];
		assert_false(d->link_speed_gts.valid);
		assert_true(d->link_width.valid);
		assert_true(d->max_link_speed_gts.valid);
		const struct probe_note *n = find_note(d->notes, d->n_notes, "pcie_link", "Permission denied");
		assert_non_null(n);
		assert_non_null(strstr(n->reason, "/current_link_speed"));
	}
	probe_list_free(&l);
}

/* A broken pci.ids costs the names, not the scan; a missing one likewise. */
static void test_names_database_problems(void **state)
{
	(void)state;
	make_tmp_root();
	put_file("broken.ids", "10de  NVIDIA Corporation\n\t2330\n");
	char ids[512];
	snprintf(ids, sizeof(ids), "%s/broken.ids", tmp_root);
	struct probe_pci_opts opts = { .ids_file = ids, .no_hwdb = true };
	struct probe_ctx ctx = { .dump_file = FIX "hgx-h100/lspci-xxx.txt" };
	struct probe_list l;
	struct tpp_error err;
	must_scan(scan_ctx(&ctx, &opts, &l, &err), &err);
	assert_int_equal(l.n, N(hgx_h100));
	for (size_t i = 0; i < l.n; i++)
		assert_null(l.dev[i].device_name.value);
	const struct probe_note *n = find_note(l.notes, l.n_notes, "names", "Parse error");
	assert_non_null(n);
	assert_non_null(strstr(n->reason, "broken.ids"));
	probe_list_free(&l);

	snprintf(ids, sizeof(ids), "%s/missing.ids", tmp_root);
	must_scan(scan_ctx(&ctx, &opts, &l, &err), &err);
	assert_int_equal(l.n, N(hgx_h100));
	assert_null(l.dev[0].vendor_name.value);
	probe_list_free(&l);
	remove_tmp_root();
}

/* ---- real dumps (pciutils tests/, in the shared corpus) -------------- */

struct corpus_dev {
	const char *file, *slot;
	uint16_t vendor, device, sub_vendor, sub_device;
	uint8_t rev;
	uint32_t class_code;
	const char *vendor_name, *device_name;
	double gts;
	int width;   /* 0: unknown */
};

static void test_corpus(void **state)
{
	(void)state;
	if (access(CORPUS, R_OK) != 0) {
		print_message("skipped: %s not found (the shared corpus is optional)\n", CORPUS);
		skip();
	}
	static const struct corpus_dev want[] = {
		{ "PCI-X-bridges-and-domains", "0000:00:01.0", 0x1014, 0x00e0, 0x1014, 0x00e1, 0x01, 0x0b40ff, "IBM", NULL, 0, 0 },
		{ "PCI-X-bridges-and-domains", "0001:62:00.0", 0x102b, 0x0525, 0x1014, 0x0233, 0x85, 0x030000,
		  "Matrox Electronics Systems Ltd.", "MGA G400/G450", 0, 0 },
		{ "cap-exp-lnkcap2", "0000:02:00.0", 0x10de, 0x1d10, 0x17aa, 0x225b, 0xa1, 0x030200, "NVIDIA Corporation",
		  "GP108M [GeForce MX150]", 8, 4 },
		{ "cap-pasid-pri", "0000:00:02.0", 0x8086, 0x191e, 0x8086, 0x2212, 0x07, 0x030000, "Intel Corporation",
		  "Skylake-Y GT2 [HD Graphics 515]", 0, 0 },
		{ "cap-rebar", "0000:09:00.0", 0x1002, 0x7300, 0x1002, 0x0b36, 0xca, 0x030000,
		  "Advanced Micro Devices, Inc. [AMD/ATI]", "Fiji [Radeon R9 FURY / NANO Series]", 8, 16 },
		{ "tree-asus-p6t6", "0000:06:00.0", 0x10de, 0x0a65, 0x3842, 0x1312, 0xa2, 0x030000, "NVIDIA Corporation",
		  "GT218 [GeForce 210]", 2.5, 16 },
		{ "tree-fujitsu-p8010", "0000:00:02.0", 0x8086, 0x2a02, 0x10cf, 0x13fe, 0x03, 0x030000, "Intel Corporation",
		  "Mobile GM965/GL960 Integrated Graphics Controller (primary)", 0, 0 },
		{ "tree-fujitsu-p8010", "0000:00:02.1", 0x8086, 0x2a03, 0x10cf, 0x13fe, 0x03, 0x038000, "Intel Corporation",
		  "Mobile GM965/GL960 Integrated Graphics Controller (secondary)", 0, 0 },
	};
	static const struct { const char *file; size_t n; } counts[] = {
		{ "PCI-X-bridges-and-domains", 2 }, { "cap-exp-lnkcap2", 1 }, { "cap-pasid-pri", 1 },
		{ "cap-rebar", 1 }, { "tree-asus-p6t6", 1 }, { "tree-fujitsu-p8010", 2 },
	};
	for (size_t k = 0; k < N(counts); k++) {
		char path[256];
		snprintf(path, sizeof(path), CORPUS "%s", counts[k].file);
		struct probe_list l;
		struct tpp_error err;
		must_scan(scan_dump(path, &l, &err), &err);
		assert_int_equal(l.n, counts[k].n);
		for (size_t i = 0; i < N(want); i++) {
			if (strcmp(want[i].file, counts[k].file) != 0)
				continue;
			const struct probe_device *d = probe_list_find(&l, want[i].slot);
			if (!d)
				fail_msg("%s: %s not found", want[i].file, want[i].slot);
			assert_int_equal(d->vendor_id, want[i].vendor);
			assert_int_equal(d->device_id, want[i].device);
			assert_int_equal(d->subsys_vendor_id, want[i].sub_vendor);
			assert_int_equal(d->subsys_id, want[i].sub_device);
			assert_int_equal(d->revision, want[i].rev);
			assert_int_equal(d->class_code, want[i].class_code);
			assert_string_equal(d->vendor_name.value, want[i].vendor_name);
			if (want[i].device_name)
				assert_string_equal(d->device_name.value, want[i].device_name);
			else
				assert_null(d->device_name.value);
			check_num(&d->link_speed_gts, want[i].gts, want[i].slot, "link speed");
			check_num(&d->link_width, want[i].width, want[i].slot, "link width");
			if (!want[i].gts)
				assert_non_null(find_note(d->notes, d->n_notes, "pcie_link", NULL));
		}
		probe_list_free(&l);
	}

	/* and lspci's own decoding of the MX150 link, in the same file */
	struct lspci_link links[16];
	size_t n = read_lspci_links(CORPUS "cap-exp-lnkcap2", links, N(links));
	bool found = false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(links[i].slot, "0000:02:00.0") == 0) {
			assert_float_equal(links[i].gts, 8, 0);
			assert_int_equal(links[i].width, 4);
			found = true;
		}
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hgx_h100),
		cmocka_unit_test(test_hgx_h100_dump_formats),
		cmocka_unit_test(test_link_matches_lspci_text),
		cmocka_unit_test(test_hgx_h20),
		cmocka_unit_test(test_a800_pcie_ws),
		cmocka_unit_test(test_desktop_4090d),
		cmocka_unit_test(test_mi300x),
		cmocka_unit_test(test_mi250x),
		cmocka_unit_test(test_gaudi2),
		cmocka_unit_test(test_unknown_accel),
		cmocka_unit_test(test_overclock_4090),
		cmocka_unit_test(test_dump_and_sysfs_agree),
		cmocka_unit_test(test_is_known_adds_other_classes),
		cmocka_unit_test(test_class_selection),
		cmocka_unit_test(test_bench_64_sorted),
		cmocka_unit_test(test_appends_and_sorts),
		cmocka_unit_test(test_missing_dump),
		cmocka_unit_test(test_malformed_dumps),
		cmocka_unit_test(test_dump_grammar),
		cmocka_unit_test(test_link_text),
		cmocka_unit_test(test_sysfs_libpci_error),
		cmocka_unit_test(test_missing_sysfs_root),
		cmocka_unit_test(test_host_without_sysfs),
		cmocka_unit_test(test_live_host),
		cmocka_unit_test(test_sysfs_edge),
		cmocka_unit_test(test_permission_denied),
		cmocka_unit_test(test_names_database_problems),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
