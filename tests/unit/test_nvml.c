/* The nvml backend against the fake libnvidia-ml built from tests/fakes/:
 * $TPPSCAN_BUILD/fakes/fake_nvml.so (current driver) and fake_nvml_old.so
 * (an old driver without the newer entry points).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/nvidia_common.h"
#include "probe/nvml.h"
#include "tests/support/testutil.h"

static char fake_lib[512], fake_old_lib[512];

static int setup_paths(void **state)
{
	(void)state;
	const char *build = getenv("TPPSCAN_BUILD");
	if (!build || !*build)
		build = "build";
	snprintf(fake_lib, sizeof(fake_lib), "%s/fakes/fake_nvml.so", build);
	snprintf(fake_old_lib, sizeof(fake_old_lib), "%s/fakes/fake_nvml_old.so", build);
	if (access(fake_lib, R_OK) || access(fake_old_lib, R_OK)) {
		fprintf(stderr, "test_nvml: %s or %s missing: build them (make unit-tests, or set TPPSCAN_BUILD)\n",
			fake_lib, fake_old_lib);
		return -1;
	}
	unsetenv(NVML_LIBRARY_ENV);
	return 0;
}

/* Where the hgx-h100 fixture has its GPUs. */
static const int hgx_buses[] = { 0x1b, 0x43, 0x52, 0x61, 0x9d, 0xc3, 0xd1, 0xdf };

static struct probe_device *add_dev(struct probe_list *l, int bus, uint16_t device, uint16_t subsys)
{
	struct tpp_error err = { 0 };
	struct probe_device *d = probe_list_add(l, &err);
	assert_non_null(d);
	d->bus = (uint8_t)bus;
	probe_format_slot(d->slot, 0, (unsigned)bus, 0, 0);
	d->vendor_id = NVIDIA_PCI_VENDOR;
	d->device_id = device;
	d->has_subsys = subsys != 0;
	d->subsys_vendor_id = NVIDIA_PCI_VENDOR;
	d->subsys_id = subsys;
	return d;
}

static void add_hgx(struct probe_list *l, size_t n, uint16_t device, uint16_t subsys)
{
	for (size_t i = 0; i < n; i++)
		add_dev(l, hgx_buses[i], device, subsys);
}

/* Runs the backend with `config` as the fake's config (NULL: unset). */
static void run_nvml(struct probe_list *l, const char *lib, const char *config)
{
	if (config)
		setenv("FAKE_NVML_CONFIG", config, 1);
	else
		unsetenv("FAKE_NVML_CONFIG");
	struct probe_ctx ctx = { .nvml_library = lib };
	struct tpp_error err = { 0 };
	if (probe_nvml_backend.run(&ctx, l, &err))
		fail_msg("backend failed: %s", err.msg);
}

/* A config in a temporary file; the caller unlinks it. */
static void write_conf(char path[64], const char *text)
{
	strcpy(path, "/tmp/tppscan-nvml-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const struct probe_note *find_note(const struct probe_note *n, size_t count, const char *what, const char *needle)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(n[i].what, what) == 0 && strstr(n[i].reason, needle))
			return &n[i];
	return NULL;
}

static void dump_notes(const struct probe_note *n, size_t count)
{
	for (size_t i = 0; i < count; i++)
		fprintf(stderr, "  note %s: %s\n", n[i].what, n[i].reason);
}

#define assert_note(notes, count, what, needle)                                  \
	do {                                                                     \
		if (!find_note((notes), (count), (what), (needle))) {            \
			dump_notes((notes), (count));                            \
			fail_msg("no note %s containing \"%s\"", (what), (needle)); \
		}                                                                \
	} while (0)

static void test_hgx_h100_fields(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_hgx(&l, 8, 0x2330, 0x16c1);
	run_nvml(&l, fake_lib, "tests/fixtures/hgx-h100/nvml.conf");
	assert_int_equal(l.n_notes, 0);
	for (size_t i = 0; i < l.n; i++) {
		struct probe_device *d = &l.dev[i];
		assert_string_equal(d->product_name.value, "NVIDIA H100 80GB HBM3");
		assert_string_equal(d->product_name.source, "nvml:nvmlDeviceGetName");
		assert_string_equal(d->vbios_version.value, "96.00.89.00.01");
		assert_string_equal(d->board_part_number.value, "692-2G520-0200-000");
		assert_string_equal(d->architecture.value, "Hopper");
		assert_true(d->max_clock_mhz.valid);
		assert_float_equal(d->max_clock_mhz.value, 1980, 0);
		assert_string_equal(d->max_clock_mhz.source, "nvml:nvmlDeviceGetMaxClockInfo(SM)");
		assert_true(d->boost_clock_mhz.valid);
		assert_float_equal(d->boost_clock_mhz.value, 1980, 0);
		assert_true(d->mig_enabled.valid);
		assert_float_equal(d->mig_enabled.value, 0, 0);
		assert_true(d->memory_bytes.valid);
		assert_float_equal(d->memory_bytes.value, 85520809984.0, 0);
		assert_false(d->units.valid);   /* cores are not SMs */
		assert_int_equal(d->n_notes, 0);   /* the core count is a field, not a note */
		assert_true(d->cores.valid);
		assert_float_equal(d->cores.value, 16896, 0);
		assert_string_equal(d->cores.source, "nvml:nvmlDeviceGetNumGpuCores");
	}
	/* Matched by slot: each record got its own GPU. */
	assert_string_equal(l.dev[0].serial.value, "1652922001003");
	assert_string_equal(l.dev[0].uuid.value, "GPU-90cdaeec-0d84-78b1-c625-e116ba95ed4c");
	assert_string_equal(l.dev[7].serial.value, "1652922001122");
	probe_list_free(&l);
}

static void test_overclock_clocks(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2684, 0);
	run_nvml(&l, fake_lib, "tests/fixtures/overclock-4090/nvml.conf");
	assert_float_equal(l.dev[0].max_clock_mhz.value, 3105, 0);
	assert_float_equal(l.dev[0].boost_clock_mhz.value, 2640, 0);
	assert_string_equal(l.dev[0].architecture.value, "Ada");
	probe_list_free(&l);
}

/* GeForce: no serial, no part number, no MIG. */
static void test_not_supported_fields(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *d = add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, fake_lib, "tests/fixtures/desktop-4090d/nvml.conf");
	assert_string_equal(d->product_name.value, "NVIDIA GeForce RTX 4090 D");
	assert_null(d->serial.value);
	assert_null(d->board_part_number.value);
	assert_note(d->notes, d->n_notes, "serial", "not supported by this GPU (nvmlDeviceGetSerial)");
	assert_note(d->notes, d->n_notes, "board_part_number", "not supported by this GPU (nvmlDeviceGetBoardPartNumber)");
	/* A GPU without MIG is known not to be in MIG mode. */
	assert_true(d->mig_enabled.valid);
	assert_float_equal(d->mig_enabled.value, 0, 0);
	assert_true(d->cores.valid);
	assert_float_equal(d->cores.value, 14592, 0);
	probe_list_free(&l);
}

static void test_forced_failures(void **state)
{
	(void)state;
	char conf[64];
	write_conf(conf,
		"fail nvmlDeviceGetMaxCustomerBoostClock 3\n"
		"device\n"
		"bus_id 00000000:41:00.0\n"
		"pci_device_id 0x233010de\n"
		"name NVIDIA H100 80GB HBM3\n"
		"max_sm_clock 1980\n"
		"boost_sm_clock 1980\n"
		"memory 85520809984\n"
		"arch 11\n"
		"mig 1 0\n"
		"cores 16896\n"
		"fail nvmlDeviceGetMemoryInfo 4\n"
		"fail nvmlDeviceGetUUID 15\n");
	struct probe_list l = { 0 };
	struct probe_device *d = add_dev(&l, 0x41, 0x2330, 0);
	run_nvml(&l, fake_lib, conf);
	unlink(conf);
	assert_true(d->max_clock_mhz.valid);
	assert_false(d->boost_clock_mhz.valid);
	assert_note(d->notes, d->n_notes, "boost_clock_mhz", "not supported by this GPU (nvmlDeviceGetMaxCustomerBoostClock)");
	assert_false(d->memory_bytes.valid);
	assert_note(d->notes, d->n_notes, "memory_bytes", "nvmlDeviceGetMemoryInfo failed: Insufficient Permissions");
	assert_null(d->uuid.value);
	assert_note(d->notes, d->n_notes, "uuid", "nvmlDeviceGetUUID failed: GPU is lost");
	assert_null(d->architecture.value);
	assert_note(d->notes, d->n_notes, "architecture", "code 11 is not known");
	/* MIG on: the core count is not available, and a change is pending. */
	assert_float_equal(d->mig_enabled.value, 1, 0);
	assert_note(d->notes, d->n_notes, "cuda_cores", "not reported while MIG is enabled");
	assert_note(d->notes, d->n_notes, "mig_enabled", "change to disabled pending");
	probe_list_free(&l);
}

static void test_old_driver_missing_symbols(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_hgx(&l, 8, 0x2330, 0x16c1);
	run_nvml(&l, fake_old_lib, "tests/fixtures/hgx-h100/nvml.conf");
	assert_int_equal(l.n_notes, 0);   /* every GPU matched through the legacy bus id */
	struct probe_device *d = &l.dev[3];
	assert_string_equal(d->product_name.value, "NVIDIA H100 80GB HBM3");
	assert_string_equal(d->vbios_version.value, "96.00.89.00.01");
	assert_float_equal(d->max_clock_mhz.value, 1980, 0);
	assert_float_equal(d->memory_bytes.value, 85520809984.0, 0);
	assert_false(d->boost_clock_mhz.valid);
	assert_null(d->architecture.value);
	assert_false(d->mig_enabled.valid);
	assert_note(d->notes, d->n_notes, "boost_clock_mhz", "has no nvmlDeviceGetMaxCustomerBoostClock (driver too old)");
	assert_note(d->notes, d->n_notes, "architecture", "has no nvmlDeviceGetArchitecture");
	assert_note(d->notes, d->n_notes, "mig_enabled", "has no nvmlDeviceGetMigMode");
	assert_note(d->notes, d->n_notes, "cuda_cores", "has no nvmlDeviceGetNumGpuCores");
	probe_list_free(&l);
}

static void test_device_not_in_list(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_hgx(&l, 7, 0x2330, 0x16c1);
	run_nvml(&l, fake_lib, "tests/fixtures/hgx-h100/nvml.conf");
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason,
		"NVML reports a GPU at 0000:df:00.0 (NVIDIA H100 80GB HBM3) that is not in the device list");
	for (size_t i = 0; i < l.n; i++)
		assert_non_null(l.dev[i].uuid.value);
	probe_list_free(&l);
}

/* PCI says H20, NVML says H100: both are kept and the difference noted. */
static void test_id_mismatch(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_hgx(&l, 8, 0x2329, 0x198b);
	run_nvml(&l, fake_lib, "tests/fixtures/hgx-h100/nvml.conf");
	struct probe_device *d = &l.dev[0];
	assert_int_equal(d->device_id, 0x2329);
	assert_note(d->notes, d->n_notes, "device_id", "NVML reports 10de:2330 but PCI configuration space says 10de:2329");
	assert_note(d->notes, d->n_notes, "subsystem_id", "subsystem 10de:16c1 but PCI configuration space says 10de:198b");
	probe_list_free(&l);
}

static void test_init_failure(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, fake_lib, NULL);   /* the fake's "no driver" */
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "nvmlInit failed: Driver Not Loaded; NVIDIA clocks not read");
	assert_null(l.dev[0].product_name.value);
	probe_list_free(&l);

	char conf[64];
	write_conf(conf, "init 18\ndevice\nbus_id 00000000:01:00.0\nname X\n");
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, fake_lib, conf);
	unlink(conf);
	assert_int_equal(l.n_notes, 1);
	assert_non_null(strstr(l.notes[0].reason, "version mismatch"));
	assert_null(l.dev[0].product_name.value);
	probe_list_free(&l);

	write_conf(conf, "fail nvmlDeviceGetCount_v2 999\n");
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, fake_lib, conf);
	unlink(conf);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "nvmlDeviceGetCount failed: Unknown Error; NVIDIA clocks not read");
	probe_list_free(&l);
}

static void test_missing_library(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, "/nonexistent/libnvidia-ml.so.1", NULL);
	assert_int_equal(l.n_notes, 1);
	assert_non_null(strstr(l.notes[0].reason, "NVML not usable (/nonexistent/libnvidia-ml.so.1: "));
	assert_non_null(strstr(l.notes[0].reason, "; NVIDIA clocks not read"));
	probe_list_free(&l);

	/* A library that is not NVML at all. */
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, "libm.so.6", NULL);
	assert_int_equal(l.n_notes, 1);
	assert_string_equal(l.notes[0].reason, "NVML not usable (libm.so.6 has no nvmlInit_v2); NVIDIA clocks not read");
	probe_list_free(&l);
}

/* The default name: the wording the user sees when NVML is absent. Where
 * this host has a real libnvidia-ml, the note must not claim otherwise. */
static void test_default_library(void **state)
{
	(void)state;
	unsetenv(NVML_LIBRARY_ENV);
	void *real = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, NULL, NULL);
	if (!real) {
		assert_int_equal(l.n_notes, 1);
		assert_string_equal(l.notes[0].reason, "NVML not installed (libnvidia-ml.so.1 not found); NVIDIA clocks not read");
	} else {
		assert_null(find_note(l.notes, l.n_notes, "nvml", "NVML not installed"));
		dlclose(real);
	}
	probe_list_free(&l);
}

static void test_library_path_precedence(void **state)
{
	(void)state;
	struct probe_ctx ctx = { 0 };
	unsetenv(NVML_LIBRARY_ENV);
	assert_string_equal(nvml_library_path(&ctx), "libnvidia-ml.so.1");
	setenv(NVML_LIBRARY_ENV, "", 1);
	assert_string_equal(nvml_library_path(&ctx), "libnvidia-ml.so.1");
	setenv(NVML_LIBRARY_ENV, fake_lib, 1);
	assert_string_equal(nvml_library_path(&ctx), fake_lib);
	ctx.nvml_library = "/opt/x/libnvidia-ml.so.1";
	assert_string_equal(nvml_library_path(&ctx), "/opt/x/libnvidia-ml.so.1");

	/* The environment variable reaches dlopen. */
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, NULL, "tests/fixtures/desktop-4090d/nvml.conf");
	unsetenv(NVML_LIBRARY_ENV);
	assert_string_equal(l.dev[0].product_name.value, "NVIDIA GeForce RTX 4090 D");
	probe_list_free(&l);
}

static void test_skipped(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct tpp_error err = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	setenv("FAKE_NVML_CONFIG", "tests/fixtures/desktop-4090d/nvml.conf", 1);
	struct probe_ctx ctx = { .nvml_library = fake_lib, .no_nvml = true };
	assert_int_equal(probe_nvml_backend.run(&ctx, &l, &err), 0);
	ctx = (struct probe_ctx){ .nvml_library = fake_lib, .dump_file = "lspci.txt" };
	assert_int_equal(probe_nvml_backend.run(&ctx, &l, &err), 0);
	assert_null(l.dev[0].product_name.value);
	assert_int_equal(l.n_notes + l.dev[0].n_notes, 0);

	/* No NVIDIA function: NVML is not even loaded, so no note. */
	l.dev[0].vendor_id = 0x1002;
	ctx = (struct probe_ctx){ .nvml_library = "/nonexistent.so" };
	assert_int_equal(probe_nvml_backend.run(&ctx, &l, &err), 0);
	assert_int_equal(l.n_notes, 0);
	probe_list_free(&l);
}

/* A name procfs gave first stays; NVML's different one is noted. */
static void test_conflict_with_earlier_source(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	struct probe_device *d = add_dev(&l, 0x01, 0x2685, 0);
	assert_true(probe_set_str(&d->product_name, "NVIDIA GeForce RTX 4090", "procfs:driver/nvidia/gpus/*/information"));
	assert_true(probe_set_str(&d->vbios_version, "95.02.3C.40.A8", "procfs:driver/nvidia/gpus/*/information"));
	run_nvml(&l, fake_lib, "tests/fixtures/desktop-4090d/nvml.conf");
	assert_string_equal(d->product_name.value, "NVIDIA GeForce RTX 4090");
	assert_note(d->notes, d->n_notes, "product_name",
		"nvml:nvmlDeviceGetName says \"NVIDIA GeForce RTX 4090 D\" but procfs");
	assert_null(find_note(d->notes, d->n_notes, "vbios_version", ""));   /* same value: silent */
	probe_list_free(&l);
}

typedef int (*shutdown_fn)(void);   /* nvmlReturn_t nvmlShutdown(void) */

/* The backend must undo its nvmlInit and its dlopen. The test holds its
 * own reference to the fake so the library's state survives the backend's
 * dlclose and can be asked whether NVML is still initialised. */
static void test_shutdown_and_dlclose(void **state)
{
	(void)state;
	struct probe_list l = { 0 };
	add_dev(&l, 0x01, 0x2685, 0);
	run_nvml(&l, fake_lib, "tests/fixtures/desktop-4090d/nvml.conf");
	assert_null(dlopen(fake_lib, RTLD_NOW | RTLD_NOLOAD));   /* unloaded again */

	void *own = dlopen(fake_lib, RTLD_NOW | RTLD_LOCAL);
	assert_non_null(own);
	shutdown_fn shut = (shutdown_fn)dlsym(own, "nvmlShutdown");
	assert_non_null(shut);
	run_nvml(&l, fake_lib, "tests/fixtures/desktop-4090d/nvml.conf");
	assert_non_null(l.dev[0].product_name.value);
	assert_int_equal(shut(), 1 /* NVML_ERROR_UNINITIALIZED: the backend shut down */);
	dlclose(own);
	probe_list_free(&l);
}

static void test_architecture_names(void **state)
{
	(void)state;
	assert_string_equal(nvml_architecture_name(7), "Ampere");
	assert_string_equal(nvml_architecture_name(9), "Hopper");
	assert_string_equal(nvml_architecture_name(10), "Blackwell");
	assert_null(nvml_architecture_name(11));
	assert_null(nvml_architecture_name(0xffffffffu));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hgx_h100_fields),
		cmocka_unit_test(test_overclock_clocks),
		cmocka_unit_test(test_not_supported_fields),
		cmocka_unit_test(test_forced_failures),
		cmocka_unit_test(test_old_driver_missing_symbols),
		cmocka_unit_test(test_device_not_in_list),
		cmocka_unit_test(test_id_mismatch),
		cmocka_unit_test(test_init_failure),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_default_library),
		cmocka_unit_test(test_library_path_precedence),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_conflict_with_earlier_source),
		cmocka_unit_test(test_shutdown_and_dlclose),
		cmocka_unit_test(test_architecture_names),
	};
	return cmocka_run_group_tests(tests, setup_paths, NULL);
}
