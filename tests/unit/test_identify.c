/* Identification: knowledge-base match, package grouping, probed TPP with
 * caps, and the discrepancy flags; plus the ROM match and the sysfs ROM
 * reader's restore-on-every-path.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/identify.h"
#include "classify/rom_match.h"
#include "probe/device.h"
#include "probe/optionrom.h"
#include "probe/rom_sysfs.h"
#include "tests/support/rombuild.h"
#include "tests/support/testutil.h"

static struct kb kb;
static struct data_set shipped_data;

static int setup(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	if (data_set_load(&shipped_data, NULL, &err) || kb_load(&kb, &shipped_data, &err)) {
		print_error("%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(&kb);
	data_set_free(&shipped_data);
	return 0;
}

static struct probe_device *add(struct probe_list *l, const char *slot, uint16_t v, uint16_t d)
{
	struct tpp_error err = { 0 };
	struct probe_device *dev = probe_list_add(l, &err);
	assert_non_null(dev);
	snprintf(dev->slot, sizeof(dev->slot), "%s", slot);
	unsigned bus = 0, devn = 0, fn = 0;
	sscanf(slot + 5, "%x:%x.%x", &bus, &devn, &fn);
	dev->bus = (uint8_t)bus;
	dev->dev = (uint8_t)devn;
	dev->func = (uint8_t)fn;
	dev->vendor_id = v;
	dev->device_id = d;
	dev->class_code = 0x030200;
	return dev;
}

static bool has_warning(const struct scan_item *it, const char *code)
{
	for (size_t i = 0; i < it->n_warn; i++)
		if (!strcmp(it->warn[i].code, code))
			return true;
	return false;
}

static void identify(struct probe_list *l, struct scan_result *r)
{
	struct tpp_error err = { 0 };
	probe_list_sort(l);
	if (identify_devices(&kb, l, r, &err))
		fail_msg("identify: %s", err.msg);
}

static void test_match_and_unknown(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add(&l, "0000:18:00.0", 0x10de, 0x2329);
	add(&l, "0000:3b:00.0", 0x1f3e, 0x0001);
	struct scan_result r;
	identify(&l, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.items[0].part->id, "nvidia-h20");
	assert_int_equal(r.items[0].match, KB_MATCH_DEVICE);
	assert_false(has_warning(&r.items[0], "unknown-device"));
	assert_null(r.items[1].part);
	assert_true(has_warning(&r.items[1], "unknown-device"));
	assert_false(r.items[1].probed.known);
	assert_non_null(r.items[1].probed.why_unknown);
	scan_result_free(&r);
	probe_list_free(&l);
}

/* A2 and A16 share 25b6: the subsystem decides; without it, the
 * highest-rated candidate is used and the match is flagged. */
static void test_shared_device_id(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *a16 = add(&l, "0000:01:00.0", 0x10de, 0x25b6);
	a16->has_subsys = true;
	a16->subsys_vendor_id = 0x10de;
	a16->subsys_id = 0x14a9;
	add(&l, "0000:02:00.0", 0x10de, 0x25b6);
	struct scan_result r;
	identify(&l, &r);
	assert_string_equal(r.items[0].part->id, "nvidia-a16");
	assert_int_equal(r.items[0].match, KB_MATCH_SUBSYSTEM);
	assert_int_equal(r.items[1].match, KB_MATCH_AMBIGUOUS);
	assert_int_equal(r.items[1].n_candidates, 2);
	assert_true(has_warning(&r.items[1], "ambiguous-match"));
	/* A2 290 > A16 277.7 per GPU: the higher-rated one */
	assert_string_equal(r.items[1].part->id, "nvidia-a2");
	scan_result_free(&r);
	probe_list_free(&l);
}

/* MI250X: two GCDs per package, grouped in slot order; a lone fifth GCD
 * is an incomplete package. */
static void test_package_grouping(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	const char *slots[] = { "0000:c1:00.0", "0000:c2:00.0", "0000:c5:00.0", "0000:c6:00.0", "0000:d1:00.0" };
	for (size_t i = 0; i < 5; i++)
		add(&l, slots[i], 0x1002, 0x740c);
	struct scan_result r;
	identify(&l, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.items[0].n_dev, 2);
	assert_string_equal(r.items[0].dev[1]->slot, "0000:c2:00.0");
	assert_int_equal(r.items[1].n_dev, 2);
	assert_int_equal(r.items[2].n_dev, 1);
	assert_true(has_warning(&r.items[2], "incomplete-package"));
	assert_false(has_warning(&r.items[0], "incomplete-package"));
	scan_result_free(&r);
	probe_list_free(&l);
}

/* MI300X: 304 CUs at 2100 MHz reproduce the datasheet; 2400 MHz is flagged
 * and the probed TPP follows the clock. */
static void test_probed_tpp_and_clock_flag(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *ok = add(&l, "0000:05:00.0", 0x1002, 0x74a1);
	probe_set_num(&ok->units, 304, "test");
	probe_set_num(&ok->max_clock_mhz, 2100, "test");
	struct probe_device *hot = add(&l, "0000:26:00.0", 0x1002, 0x74a1);
	probe_set_num(&hot->units, 304, "test");
	probe_set_num(&hot->max_clock_mhz, 2400, "test");
	struct scan_result r;
	identify(&l, &r);
	const struct probed_tpp *p0 = &r.items[0].probed, *p1 = &r.items[1].probed;
	assert_true(p0->known);
	/* 304 x 4096 FP8 ops/clk x 2100 MHz = 2614.7 TOPS, x 8 bits */
	assert_float_equal(p0->tpp, 304.0 * 4096 * 2100e6 / 1e12 * 8, 1e-6);
	assert_float_equal(p0->tpp, r.items[0].part->tpp.tpp, 0.001 * p0->tpp);
	assert_false(has_warning(&r.items[0], "clock-above-datasheet"));
	assert_true(has_warning(&r.items[1], "clock-above-datasheet"));
	assert_float_equal(p1->tpp, p0->tpp * 2400 / 2100, 1e-6);
	scan_result_free(&r);
	probe_list_free(&l);
}

/* H20: a throughput cap; whatever the probe reads, TPP stays at 2368. */
static void test_cap_limits_probed(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *d = add(&l, "0000:18:00.0", 0x10de, 0x2329);
	probe_set_num(&d->cores, 78 * 128, "test");       /* 78 SMs */
	probe_set_num(&d->boost_clock_mhz, 1980, "test");
	struct scan_result r;
	identify(&l, &r);
	assert_true(r.items[0].probed.known);
	assert_true(r.items[0].probed.capped);
	assert_float_equal(r.items[0].probed.tpp, 2368, 1e-9);
	assert_float_equal(r.items[0].probed.units, 78, 0);   /* cores / 128 per Hopper SM */
	scan_result_free(&r);
	probe_list_free(&l);
}

/* A full 4090 answering to the 4090 D's ID: more SMs and another name. */
static void test_relabelled_part(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *d = add(&l, "0000:01:00.0", 0x10de, 0x2685);
	probe_set_num(&d->cores, 16384, "test");
	probe_set_num(&d->boost_clock_mhz, 2520, "test");
	probe_set_str(&d->product_name, "NVIDIA GeForce RTX 4090", "test");
	struct scan_result r;
	identify(&l, &r);
	const struct scan_item *it = &r.items[0];
	assert_string_equal(it->part->id, "nvidia-geforce-rtx-4090-d");
	assert_true(has_warning(it, "units-above-datasheet"));
	assert_true(has_warning(it, "name-mismatch"));
	assert_true(it->probed.tpp >= 4800);
	scan_result_free(&r);

	/* the part's own name raises nothing */
	probe_set_str(&d->product_name, "NVIDIA GeForce RTX 4090 D", "test");
	probe_set_num(&d->cores, 14592, "test");
	identify(&l, &r);
	assert_false(has_warning(&r.items[0], "name-mismatch"));
	assert_false(has_warning(&r.items[0], "units-above-datasheet"));
	assert_true(r.items[0].probed.tpp < 4800);
	scan_result_free(&r);
	probe_list_free(&l);
}

/* Unknown IDs: estimated from an architecture the driver names. */
static void test_estimate_from_architecture(void **state)
{
	(void)state;
	const char *basis = NULL;
	assert_ptr_equal(identify_arch_from_string(&kb, "gfx942", &basis), kb_find_arch(&kb, "amd-cdna3"));
	assert_ptr_equal(identify_arch_from_string(&kb, "Hopper", &basis), kb_find_arch(&kb, "nvidia-hopper"));
	assert_null(identify_arch_from_string(&kb, "Ampere", &basis));   /* GA100 or GA10x */
	assert_null(identify_arch_from_string(&kb, "gfx9420", &basis));
	assert_null(identify_arch_from_string(&kb, NULL, &basis));

	struct probe_list l = { 0 };
	struct probe_device *d = add(&l, "0000:3b:00.0", 0x1002, 0x7fff);
	probe_set_str(&d->architecture, "gfx942", "test");
	probe_set_num(&d->units, 80, "test");
	probe_set_num(&d->max_clock_mhz, 2100, "test");
	struct scan_result r;
	identify(&l, &r);
	assert_null(r.items[0].part);
	assert_true(r.items[0].probed.known);
	assert_float_equal(r.items[0].probed.tpp, 80.0 * 4096 * 2100e6 / 1e12 * 8, 1e-6);
	scan_result_free(&r);
	probe_list_free(&l);
}

/* --- ROMs -------------------------------------------------------------- */

static void test_rom_match(void **state)
{
	(void)state;
	struct rb_image im = { .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000,
		.length_512 = 8 };
	struct rb_rom built;
	assert_true(rb_build(&im, 1, 0, 0, &built));
	struct oprom rom;
	struct tpp_error err = { 0 };
	assert_int_equal(oprom_parse("t", built.data, built.size, &rom, &err), 0);
	struct rom_match m;
	struct rom_identity id;
	oprom_identity(&rom, &id);
	rom_match_part(&kb, &id, &m);
	assert_non_null(m.part);
	assert_string_equal(m.part->id, "nvidia-geforce-rtx-4090");
	assert_true(rom_supports_device(&id, 0x10de, 0x2684));
	assert_false(rom_supports_device(&id, 0x10de, 0x2685));
	assert_false(rom_supports_device(&id, 0x1002, 0x2684));
	rb_free(&built);

	/* an image for another device whose PCI 3.0 list names this one */
	const uint16_t list[] = { 0x2331, 0x2330 };
	struct rb_image im2 = { .vendor_id = 0x10de, .device_id = 0x1234, .class_code = 0x030200, .length_512 = 8,
		.device_ids = list, .n_device_ids = 2 };
	assert_true(rb_build(&im2, 1, 0, 0, &built));
	assert_int_equal(oprom_parse("t", built.data, built.size, &rom, &err), 0);
	oprom_identity(&rom, &id);
	rom_match_part(&kb, &id, &m);
	assert_non_null(m.part);
	assert_string_equal(m.how, "device-list");
	assert_string_equal(m.part->id, "nvidia-h100-pcie-80gb");
	assert_true(rom_supports_device(&id, 0x10de, 0x2330));
	rb_free(&built);
}

struct fake_rom {
	int fail_enable, fail_read, fail_restore;
	char writes[8];
	size_t n_writes;
};

static int fake_write(void *arg, const char *path, const char *text)
{
	struct fake_rom *f = arg;
	(void)path;
	if (f->n_writes < sizeof(f->writes))
		f->writes[f->n_writes++] = text[0];
	if (text[0] == '1' && f->fail_enable)
		return -f->fail_enable;
	if (text[0] == '0' && f->fail_restore)
		return -f->fail_restore;
	return 0;
}

static int fake_read(void *arg, const char *path, size_t max, uint8_t **data, size_t *size)
{
	struct fake_rom *f = arg;
	(void)path;
	(void)max;
	if (f->fail_read)
		return -f->fail_read;
	*data = malloc(4);
	memcpy(*data, "\x55\xaa\x01\x00", 4);
	*size = 4;
	return 0;
}

/* The enable state is put back on every path; a failed restore is an error. */
static void test_rom_sysfs_restore(void **state)
{
	(void)state;
	struct {
		struct fake_rom f;
		int rc, status;
		const char *writes;
	} cases[] = {
		{ { 0, 0, 0, "", 0 }, 0, 0, "10" },
		{ { 0, EIO, 0, "", 0 }, -1, TPP_EX_NOINPUT, "10" },
		{ { EACCES, 0, 0, "", 0 }, -1, TPP_EX_NOPERM, "1" },
		{ { 0, 0, EIO, "", 0 }, -1, TPP_EX_OSERR, "10" },
		{ { 0, EIO, EIO, "", 0 }, -1, TPP_EX_NOINPUT, "10" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rom_sysfs_ops ops = { fake_write, fake_read, &cases[i].f };
		uint8_t *data = NULL;
		size_t size = 0;
		struct tpp_error err = { 0 };
		int rc = rom_sysfs_read(&ops, "/sys", "0000:01:00.0", &data, &size, &err);
		assert_int_equal(rc, cases[i].rc);
		assert_int_equal(err.status, cases[i].status);
		cases[i].f.writes[cases[i].f.n_writes] = '\0';
		assert_string_equal(cases[i].f.writes, cases[i].writes);
		if (rc == 0) {
			assert_int_equal(size, 4);
			free(data);
		} else {
			assert_null(data);
			assert_non_null(strstr(err.msg, "/sys/bus/pci/devices/0000:01:00.0/rom"));
		}
	}
}

/* A rom attribute that is a link (a saved or crafted tree) is never written
 * through: the target keeps its bytes, and the read fails with a reason. */
static void test_rom_sysfs_refuses_link(void **state)
{
	(void)state;
	char dir[] = "/tmp/tppscan-romlink-XXXXXX", path[256], target[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/bus/pci/devices/0000:01:00.0", dir);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	snprintf(target, sizeof(target), "%s/victim", dir);
	FILE *f = fopen(target, "w");
	assert_non_null(f);
	fputs("precious", f);
	fclose(f);
	strncat(path, "/rom", sizeof(path) - strlen(path) - 1);
	assert_int_equal(symlink(target, path), 0);
	uint8_t *data = NULL;
	size_t size = 0;
	struct tpp_error err = { 0 };
	assert_int_equal(rom_sysfs_read(&rom_sysfs_ops_default, dir, "0000:01:00.0", &data, &size, &err), -1);
	assert_non_null(strstr(err.msg, "not a regular sysfs attribute"));
	char buf[32] = "";
	f = fopen(target, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "precious");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_and_unknown),
		cmocka_unit_test(test_shared_device_id),
		cmocka_unit_test(test_package_grouping),
		cmocka_unit_test(test_probed_tpp_and_clock_flag),
		cmocka_unit_test(test_cap_limits_probed),
		cmocka_unit_test(test_relabelled_part),
		cmocka_unit_test(test_estimate_from_architecture),
		cmocka_unit_test(test_rom_match),
		cmocka_unit_test(test_rom_sysfs_refuses_link),
		cmocka_unit_test(test_rom_sysfs_restore),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
