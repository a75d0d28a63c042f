/* The NVIDIA procfs parser and backend, on strings and fixture trees.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "probe/nvidia_common.h"
#include "probe/nvidia_procfs.h"
#include "tests/support/testutil.h"

static const char h100_info[] =
	"Model: \t\t NVIDIA H100 80GB HBM3\n"
	"IRQ:   \t\t 300\n"
	"GPU UUID: \t GPU-e8a210b0-28b2-c0d6-ce88-4a6445e23170\n"
	"Video BIOS: \t 96.00.89.00.01\n"
	"Bus Type: \t PCIe\n"
	"DMA Size: \t 52 bits\n"
	"DMA Mask: \t 0xfffffffffffff\n"
	"Bus Location: \t 0000:18:00.0\n"
	"Device Minor: \t 0\n"
	"GPU Firmware: \t 535.183.06\n"
	"GPU Excluded:\t No\n";

static void parse(const char *text, struct nvidia_gpu_information *out)
{
	nvidia_parse_information(text, strlen(text), out);
}

static void test_parse_full(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	parse(h100_info, &i);
	assert_string_equal(i.model, "NVIDIA H100 80GB HBM3");
	assert_string_equal(i.uuid, "GPU-e8a210b0-28b2-c0d6-ce88-4a6445e23170");
	assert_string_equal(i.vbios_version, "96.00.89.00.01");
	assert_string_equal(i.bus_type, "PCIe");
	assert_string_equal(i.bus_location, "0000:18:00.0");
	assert_string_equal(i.firmware, "535.183.06");
	assert_true(i.has_minor);
	assert_int_equal(i.minor, 0);
	assert_int_equal(i.excluded, 0);
	assert_int_equal(i.keys, 8);
	assert_false(i.truncated);
}

/* Old drivers print neither UUID (some boards) nor GPU Firmware nor GPU Excluded. */
static void test_parse_missing_keys(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	parse("Model: \t\t Tesla K80\nIRQ:   \t\t 40\nVideo BIOS: \t 80.21.1B.00.01\nDevice Minor: \t 3\n", &i);
	assert_string_equal(i.model, "Tesla K80");
	assert_string_equal(i.vbios_version, "80.21.1B.00.01");
	assert_string_equal(i.uuid, "");
	assert_string_equal(i.firmware, "");
	assert_int_equal(i.minor, 3);
	assert_int_equal(i.excluded, -1);
	assert_int_equal(i.keys, 3);
}

static void test_parse_spacing_and_case(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	parse("   model   :    NVIDIA A800 80GB PCIe   \n"
	      "GPU  UUID: x\n"                     /* not a key we know: two spaces */
	      "gpu uuid:GPU-1\n"
	      "Video BIOS:\t\t\t92.00.9E.00.03\t \n"
	      "no colon on this line\n"
	      ":\n"
	      "Device Minor: 12x\n"
	      "GPU Excluded:\t Yes\n", &i);
	assert_string_equal(i.model, "NVIDIA A800 80GB PCIe");
	assert_string_equal(i.uuid, "GPU-1");
	assert_string_equal(i.vbios_version, "92.00.9E.00.03");
	assert_false(i.has_minor);
	assert_int_equal(i.excluded, 1);
}

static void test_parse_crlf(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	parse("Model: \t\t NVIDIA H20\r\nGPU UUID: \t GPU-abc\r\nVideo BIOS: \t 96.00.AF.00.01\r\n", &i);
	assert_string_equal(i.model, "NVIDIA H20");
	assert_string_equal(i.uuid, "GPU-abc");
	assert_string_equal(i.vbios_version, "96.00.AF.00.01");
	assert_false(i.truncated);
}

/* A read cut mid-line must not yield a partial VBIOS version. */
static void test_parse_truncated(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	parse("Model: \t\t NVIDIA H100 80GB HBM3\nGPU UUID: \t GPU-e8a2\nVideo BIOS: \t 96.00", &i);
	assert_string_equal(i.model, "NVIDIA H100 80GB HBM3");
	assert_string_equal(i.uuid, "GPU-e8a2");
	assert_string_equal(i.vbios_version, "");
	assert_true(i.truncated);
	assert_int_equal(i.keys, 2);

	/* Not NUL-terminated: only len bytes may be read. */
	char buf[8];
	memcpy(buf, "Model: X", 8);
	nvidia_parse_information(buf, sizeof(buf), &i);
	assert_true(i.truncated);
	assert_string_equal(i.model, "");
}

static void test_parse_unread_vbios_nul_and_overlong(void **state)
{
	(void)state;
	struct nvidia_gpu_information i;
	static const char text[] = "Video BIOS: \t ??.??.??.??.??\nModel: A\n\0GPU UUID: GPU-after-nul\n";
	nvidia_parse_information(text, sizeof(text) - 1, &i);
	assert_string_equal(i.vbios_version, "");
	assert_string_equal(i.model, "A");
	assert_string_equal(i.uuid, "");

	char longline[400] = "Model: ";
	memset(longline + 7, 'x', 300);
	strcpy(longline + 307, "\nVideo BIOS: 1.2\n");
	parse(longline, &i);
	assert_string_equal(i.model, "");
	assert_string_equal(i.vbios_version, "1.2");
}

static void test_parse_version(void **state)
{
	(void)state;
	char v[32];
	static const char prop[] = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.183.06  Wed Jun 26 06:46:07 UTC 2024\n"
		"GCC version:  gcc version 12.2.0 (Debian 12.2.0-14) \n";
	assert_true(nvidia_parse_version(prop, strlen(prop), v, sizeof(v)));
	assert_string_equal(v, "535.183.06");
	static const char open[] = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.120  Release Build  "
		"(dvs-builder@U16-I1-N08-12-3)  Fri Sep 13 10:10:21 UTC 2024\r\n";
	assert_true(nvidia_parse_version(open, strlen(open), v, sizeof(v)));
	assert_string_equal(v, "550.120");
	static const char none[] = "GCC version: 12.2.0\nNVRM version: NVIDIA UNIX Kernel Module\n";
	assert_false(nvidia_parse_version(none, strlen(none), v, sizeof(v)));
	assert_false(nvidia_parse_version(prop, strlen(prop), v, 6));   /* does not fit */
	static const char dots[] = "NVRM version: x 1..2 3. .4 5\n";
	assert_false(nvidia_parse_version(dots, strlen(dots), v, sizeof(v)));
}

static void test_slot_normalise(void **state)
{
	(void)state;
	char s[16];
	assert_true(nvidia_slot_normalise("00000000:C1:00.0", s));
	assert_string_equal(s, "0000:c1:00.0");
	assert_true(nvidia_slot_normalise("0000:c1:00.0", s));
	assert_string_equal(s, "0000:c1:00.0");
	assert_true(nvidia_slot_normalise("C1:1F.7", s));
	assert_string_equal(s, "0000:c1:1f.7");
	assert_true(nvidia_slot_normalise("0001:02:03.1", s));
	assert_string_equal(s, "0001:02:03.1");
	static const char *const bad[] = { "", "C1", "00010000:01:00.0", "000000000:01:00.0", "0000:c1:20.0",
		"0000:c1:00.8", "0000:c1:00.0 ", "0000:1c1:00.0", "0000:c1:00", "0000:c1.00.0", "g000:c1:00.0" };
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (nvidia_slot_normalise(bad[k], s))
			fail_msg("\"%s\" accepted as %s", bad[k], s);
	}
	assert_false(nvidia_slot_normalise(NULL, s));
}

static void test_merge_str(void **state)
{
	(void)state;
	struct probe_device d = { 0 };
	assert_true(nvidia_merge_str(&d, &d.uuid, "uuid", "", "a"));
	assert_null(d.uuid.value);                                   /* empty: not a value */
	assert_true(nvidia_merge_str(&d, &d.uuid, "uuid", "GPU-1 ", "a"));
	assert_string_equal(d.uuid.value, "GPU-1");
	assert_string_equal(d.uuid.source, "a");
	assert_true(nvidia_merge_str(&d, &d.uuid, "uuid", "GPU-1\t\r\n", "b"));  /* same once trimmed */
	assert_int_equal(d.n_notes, 0);
	assert_true(nvidia_merge_str(&d, &d.uuid, "uuid", "GPU-2", "b"));
	assert_string_equal(d.uuid.value, "GPU-1");
	assert_string_equal(d.uuid.source, "a");
	assert_int_equal(d.n_notes, 1);
	assert_string_equal(d.notes[0].reason, "b says \"GPU-2\" but a says \"GPU-1\"; kept the latter");
	/* d is on the stack: free what it owns through a list holding a copy. */
	struct probe_list l = { .dev = malloc(sizeof(d)), .n = 1 };
	assert_non_null(l.dev);
	l.dev[0] = d;
	assert_false(nvidia_list_has_nvidia(&l));
	l.dev[0].vendor_id = NVIDIA_PCI_VENDOR;
	assert_true(nvidia_list_has_nvidia(&l));
	probe_list_free(&l);
}

/* --- the backend --- */

static void add_dev(struct probe_list *l, int bus, uint16_t vendor, const char *driver)
{
	struct tpp_error err = { 0 };
	struct probe_device *d = probe_list_add(l, &err);
	assert_non_null(d);
	d->bus = (uint8_t)bus;
	probe_format_slot(d->slot, 0, (unsigned)bus, 0, 0);
	d->vendor_id = vendor;
	d->device_id = 0x2330;
	if (driver)
		assert_true(probe_set_str(&d->driver, driver, "test"));
}

/* Where the hgx-h100 fixture has its GPUs. */
static const int hgx_buses[] = { 0x1b, 0x43, 0x52, 0x61, 0x9d, 0xc3, 0xd1, 0xdf };

static int run_procfs(struct probe_list *l, const char *root, const struct nvidia_procfs_io *io)
{
	struct probe_ctx ctx = { .procfs_root = root };
	struct tpp_error err = { 0 };
	int rc = io ? nvidia_procfs_run_io(&ctx, l, io, &err) : probe_nvidia_procfs_backend.run(&ctx, l, &err);
	if (rc)
		fail_msg("backend failed: %s", err.msg);
	return rc;
}

static const struct probe_note *find_note(const struct probe_note *n, size_t count, const char *what, const char *needle)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(n[i].what, what) == 0 && strstr(n[i].reason, needle))
			return &n[i];
	return NULL;
}

static void test_backend_hgx_h100(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	for (size_t i = 0; i < 8; i++)
		add_dev(&l, hgx_buses[i], NVIDIA_PCI_VENDOR, "nvidia");
	run_procfs(&l, "tests/fixtures/hgx-h100/proc", NULL);
	for (size_t i = 0; i < l.n; i++) {
		struct probe_device *d = &l.dev[i];
		assert_non_null(d->product_name.value);
		assert_string_equal(d->product_name.value, "NVIDIA H100 80GB HBM3");
		assert_string_equal(d->vbios_version.value, "96.00.89.00.01");
		assert_string_equal(d->firmware.value, "535.183.06");
		assert_non_null(d->uuid.value);
		assert_memory_equal(d->uuid.value, "GPU-", 4);
		assert_string_equal(d->uuid.source, "procfs:driver/nvidia/gpus/*/information");
		assert_int_equal(d->n_notes, 0);
	}
	/* Each GPU's own file, not one file for all. */
	assert_string_equal(l.dev[0].uuid.value, "GPU-90cdaeec-0d84-78b1-c625-e116ba95ed4c");
	assert_string_not_equal(l.dev[7].uuid.value, l.dev[0].uuid.value);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].what, "nvidia driver version");
	assert_non_null(strstr(l.notes[0].reason, "535.183.06"));
	probe_list_free(&l);
}

static void test_backend_open_module_version(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, NVIDIA_PCI_VENDOR, NULL);
	run_procfs(&l, "tests/fixtures/desktop-4090d/proc", NULL);
	assert_string_equal(l.dev[0].product_name.value, "NVIDIA GeForce RTX 4090 D");
	assert_non_null(find_note(l.notes, l.n_notes, "nvidia driver version", "550.120 (from"));
	probe_list_free(&l);
}

/* The driver has a GPU the list lacks; the list has a GPU the driver lacks. */
static void test_backend_mismatched_lists(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	for (size_t i = 0; i < 7; i++)
		add_dev(&l, hgx_buses[i], NVIDIA_PCI_VENDOR, "nvidia");
	add_dev(&l, 0x99, NVIDIA_PCI_VENDOR, NULL);
	add_dev(&l, 0x9b, NVIDIA_PCI_VENDOR, "vfio-pci");
	add_dev(&l, 0x03, 0x1002, NULL);
	run_procfs(&l, "tests/fixtures/hgx-h100/proc", NULL);
	assert_non_null(find_note(l.notes, l.n_notes, "nvidia procfs", "GPU at 0000:df:00.0 that is not in the device list"));
	struct probe_device *stray = probe_list_find(&l, "0000:99:00.0");
	assert_int_equal(stray->n_notes, 1);
	assert_non_null(strstr(stray->notes[0].reason, "gpus/0000:99:00.0"));
	assert_int_equal(probe_list_find(&l, "0000:9b:00.0")->n_notes, 0);   /* bound elsewhere: expected */
	assert_int_equal(probe_list_find(&l, "0000:03:00.0")->n_notes, 0);   /* not NVIDIA */
	probe_list_free(&l);
}

static void test_backend_no_driver(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x03, 0x1002, NULL);
	run_procfs(&l, "tests/fixtures/no-such-root", NULL);
	assert_int_equal(l.n_notes, 0);   /* no NVIDIA GPU, nothing to say */

	add_dev(&l, 0x01, NVIDIA_PCI_VENDOR, NULL);
	run_procfs(&l, "tests/fixtures/no-such-root", NULL);
	assert_int_equal(l.n_notes, 1);
	assert_non_null(strstr(l.notes[0].reason, "driver is not loaded"));
	assert_null(l.dev[1].product_name.value);
	probe_list_free(&l);
}

static void test_backend_skipped_for_dump(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, NVIDIA_PCI_VENDOR, NULL);
	struct probe_ctx ctx = { .dump_file = "lspci.txt" };
	struct tpp_error err = { 0 };
	assert_int_equal(probe_nvidia_procfs_backend.run(&ctx, &l, &err), 0);
	assert_int_equal(l.n_notes, 0);
	assert_int_equal(l.dev[0].n_notes, 0);
	/* An explicit procfs root with a dump is used. */
	ctx.procfs_root = "tests/fixtures/desktop-4090d/proc";
	assert_int_equal(probe_nvidia_procfs_backend.run(&ctx, &l, &err), 0);
	assert_string_equal(l.dev[0].product_name.value, "NVIDIA GeForce RTX 4090 D");
	probe_list_free(&l);
}

/* A saved sysfs tree is another machine: the live /proc is not read with it
 * (it would merge this host's GPUs into the saved tree), --procfs is. */
static void test_backend_skipped_for_saved_sysfs(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, NVIDIA_PCI_VENDOR, NULL);
	struct probe_ctx ctx = { .sysfs_root = "tests/fixtures/desktop-4090d/sys" };
	struct tpp_error err = { 0 };
	assert_int_equal(probe_nvidia_procfs_backend.run(&ctx, &l, &err), 0);
	assert_int_equal(l.n_notes, 0);
	assert_int_equal(l.dev[0].n_notes, 0);
	assert_null(l.dev[0].product_name.value);
	ctx.procfs_root = "tests/fixtures/desktop-4090d/proc";
	assert_int_equal(probe_nvidia_procfs_backend.run(&ctx, &l, &err), 0);
	assert_string_equal(l.dev[0].product_name.value, "NVIDIA GeForce RTX 4090 D");
	probe_list_free(&l);
}

/* In-memory files for the injectable io. */
static const char *mem_info_text;
static int mem_read_errno;
static int mem_dir_errno;

static int mem_read(const char *path, char **buf, size_t *len)
{
	if (mem_read_errno)
		return mem_read_errno;
	const char *text = strstr(path, "/version") ? "NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.256.02  x\n" :
		mem_info_text;
	*buf = strdup(text);
	*len = strlen(text);
	return *buf ? 0 : ENOMEM;
}

static int mem_list(const char *path, char ***names, size_t *count)
{
	(void)path;
	if (mem_dir_errno)
		return mem_dir_errno;
	*names = calloc(2, sizeof(**names));
	(*names)[0] = strdup("0000:41:00.0");
	*count = 1;
	return 0;
}

static const struct nvidia_procfs_io mem_io = { mem_read, mem_list };

static void test_backend_permission_denied(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x41, NVIDIA_PCI_VENDOR, "nvidia");
	mem_read_errno = EACCES;
	run_procfs(&l, "/p", &mem_io);
	mem_read_errno = 0;
	assert_null(l.dev[0].product_name.value);
	assert_int_equal(l.dev[0].n_notes, 1);
	assert_string_equal(l.dev[0].notes[0].reason, "permission denied: /p/driver/nvidia/gpus/0000:41:00.0/information");
	assert_non_null(find_note(l.notes, l.n_notes, "nvidia driver version", "permission denied: /p/driver/nvidia/version"));
	probe_list_free(&l);

	add_dev(&l, 0x41, NVIDIA_PCI_VENDOR, "nvidia");
	mem_dir_errno = EACCES;
	run_procfs(&l, "/p", &mem_io);
	mem_dir_errno = 0;
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "permission denied: /p/driver/nvidia/gpus");
	probe_list_free(&l);
}

static void test_backend_truncated_excluded_and_conflict(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x41, NVIDIA_PCI_VENDOR, "nvidia");
	assert_true(probe_set_str(&l.dev[0].product_name, "NVIDIA H800", "nvml:nvmlDeviceGetName"));
	mem_info_text = "Model: \t\t NVIDIA H100 80GB HBM3\nGPU Excluded:\t Yes\nVideo BIOS: \t 96.0";
	run_procfs(&l, "/p", &mem_io);
	struct probe_device *d = &l.dev[0];
	assert_string_equal(d->product_name.value, "NVIDIA H800");   /* first source kept */
	assert_null(d->vbios_version.value);
	assert_non_null(find_note(d->notes, d->n_notes, "product_name", "\"NVIDIA H100 80GB HBM3\" but nvml:nvmlDeviceGetName says \"NVIDIA H800\""));
	assert_non_null(find_note(d->notes, d->n_notes, "nvidia procfs", "ends mid-line"));
	assert_non_null(find_note(d->notes, d->n_notes, "nvidia driver", "excludes this GPU"));
	assert_non_null(find_note(l.notes, l.n_notes, "nvidia driver version", "470.256.02"));

	/* Same value from a second source: no note. */
	size_t before = d->n_notes;
	mem_info_text = "Model: NVIDIA H800\n";
	run_procfs(&l, "/p", &mem_io);
	assert_int_equal(d->n_notes, before);

	mem_info_text = "garbage\n";
	run_procfs(&l, "/p", &mem_io);
	assert_non_null(find_note(d->notes, d->n_notes, "nvidia procfs", "no known \"Key: value\" line"));
	probe_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_full),
		cmocka_unit_test(test_parse_missing_keys),
		cmocka_unit_test(test_parse_spacing_and_case),
		cmocka_unit_test(test_parse_crlf),
		cmocka_unit_test(test_parse_truncated),
		cmocka_unit_test(test_parse_unread_vbios_nul_and_overlong),
		cmocka_unit_test(test_parse_version),
		cmocka_unit_test(test_slot_normalise),
		cmocka_unit_test(test_merge_str),
		cmocka_unit_test(test_backend_hgx_h100),
		cmocka_unit_test(test_backend_open_module_version),
		cmocka_unit_test(test_backend_mismatched_lists),
		cmocka_unit_test(test_backend_no_driver),
		cmocka_unit_test(test_backend_skipped_for_dump),
		cmocka_unit_test(test_backend_skipped_for_saved_sysfs),
		cmocka_unit_test(test_backend_permission_denied),
		cmocka_unit_test(test_backend_truncated_excluded_and_conflict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
