/* A stand-in for libnvidia-ml.so.1 that serves GPUs described in a text
 * file, so the nvml backend's dlopen/dlsym path runs for real in tests.
 * Built as build/fakes/fake_nvml.so; fake_nvml_old.c builds the same code
 * as an old driver's library (see FAKE_NVML_OLD below).
 *
 * The file is named by the environment variable FAKE_NVML_CONFIG and read
 * by nvmlInit. Without the variable nvmlInit returns 9 (Driver Not Loaded),
 * as on a host without the NVIDIA driver; an unreadable or malformed file
 * makes it return 999 (Unknown Error) and print why on stderr.
 *
 * Format: one "key value" per line; '#' starts a comment line; blank lines
 * are ignored. Lines before the first "device" are global:
 *   init <code>              nvmlInit returns <code> (e.g. 9, 18)
 *   fail <symbol> <code>     <symbol> returns <code> for every GPU
 * "device" starts a GPU; GPUs get handle indices in file order. Its keys:
 *   bus_id <DDDDDDDD:BB:DD.F>    e.g. 00000000:18:00.0
 *   pci_device_id <hex>          device << 16 | vendor, e.g. 0x233010de
 *   pci_subsystem_id <hex>       subsystem << 16 | subsystem vendor
 *   name|serial|uuid|vbios|part_number <text to the end of the line>
 *   max_sm_clock <MHz>           nvmlDeviceGetMaxClockInfo(NVML_CLOCK_SM)
 *   boost_sm_clock <MHz>         nvmlDeviceGetMaxCustomerBoostClock(NVML_CLOCK_SM)
 *   cores <n>                    nvmlDeviceGetNumGpuCores
 *   arch <code>                  nvmlDeviceGetArchitecture (9 Hopper, 8 Ada, 7 Ampere)
 *   mig <current> [<pending>]    nvmlDeviceGetMigMode, 1 enabled, 0 disabled
 *   memory <bytes>               nvmlDeviceGetMemoryInfo total
 *   fail <symbol> <code>         <symbol> returns <code> for this GPU
 * A getter whose key a GPU lacks returns 3 (Not Supported), as GeForce
 * boards do for the serial and part number. A symbol cannot be made absent
 * from a config; fake_nvml_old.so is the library without the newer ones.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../probe/nvml_types.h"

#define EXPORT __attribute__((visibility("default")))
#define MAX_GPUS 64
#define MAX_FAILS 16

struct fail {
	char symbol[64];
	nvmlReturn_t code;
};

struct gpu {
	char bus_id[32];
	unsigned domain, bus, device;
	unsigned pci_device_id, pci_subsystem_id;
	char *str[5];                /* name, serial, uuid, vbios, part_number; NULL = not supported */
	bool has_max, has_boost, has_cores, has_arch, has_mig, has_memory;
	unsigned max_sm, boost_sm, cores, arch, mig_current, mig_pending;
	unsigned long long memory;
	struct fail fails[MAX_FAILS];
	int n_fails;
};

enum { S_NAME, S_SERIAL, S_UUID, S_VBIOS, S_PART };
static const char *const str_keys[] = { "name", "serial", "uuid", "vbios", "part_number" };

static struct {
	int refs;
	nvmlReturn_t init_code;
	struct fail fails[MAX_FAILS];
	int n_fails;
	struct gpu gpus[MAX_GPUS];
	unsigned n;
} fake;

static void reset(void)
{
	for (unsigned i = 0; i < fake.n; i++)
		for (int k = 0; k < 5; k++)
			free(fake.gpus[i].str[k]);
	memset(&fake, 0, sizeof(fake));
}

static bool add_fail(struct fail *fails, int *n, const char *rest)
{
	if (*n >= MAX_FAILS)
		return false;
	struct fail *f = &fails[*n];
	if (sscanf(rest, "%63s %d", f->symbol, &f->code) != 2)
		return false;
	(*n)++;
	return true;
}

static bool parse_line(char *line, struct gpu **cur)
{
	line[strcspn(line, "\r\n")] = '\0';
	char *key = line + strspn(line, " \t");
	if (*key == '\0' || *key == '#')
		return true;
	char *rest = key + strcspn(key, " \t");
	if (*rest)
		*rest++ = '\0';
	rest += strspn(rest, " \t");

	if (strcmp(key, "device") == 0) {
		if (fake.n >= MAX_GPUS)
			return false;
		*cur = &fake.gpus[fake.n++];
		return true;
	}
	if (strcmp(key, "fail") == 0)
		return *cur ? add_fail((*cur)->fails, &(*cur)->n_fails, rest) : add_fail(fake.fails, &fake.n_fails, rest);
	if (strcmp(key, "init") == 0)
		return !*cur && sscanf(rest, "%d", &fake.init_code) == 1;
	struct gpu *g = *cur;
	if (!g)
		return false;
	for (int k = 0; k < 5; k++) {
		if (strcmp(key, str_keys[k]) == 0) {
			free(g->str[k]);
			return (g->str[k] = strdup(rest)) != NULL;
		}
	}
	if (strcmp(key, "bus_id") == 0) {
		unsigned func;
		snprintf(g->bus_id, sizeof(g->bus_id), "%s", rest);
		return sscanf(rest, "%x:%x:%x.%x", &g->domain, &g->bus, &g->device, &func) == 4;
	}
	if (strcmp(key, "pci_device_id") == 0)
		return sscanf(rest, "%x", &g->pci_device_id) == 1;
	if (strcmp(key, "pci_subsystem_id") == 0)
		return sscanf(rest, "%x", &g->pci_subsystem_id) == 1;
	if (strcmp(key, "max_sm_clock") == 0)
		return (g->has_max = sscanf(rest, "%u", &g->max_sm) == 1);
	if (strcmp(key, "boost_sm_clock") == 0)
		return (g->has_boost = sscanf(rest, "%u", &g->boost_sm) == 1);
	if (strcmp(key, "cores") == 0)
		return (g->has_cores = sscanf(rest, "%u", &g->cores) == 1);
	if (strcmp(key, "arch") == 0)
		return (g->has_arch = sscanf(rest, "%u", &g->arch) == 1);
	if (strcmp(key, "memory") == 0)
		return (g->has_memory = sscanf(rest, "%llu", &g->memory) == 1);
	if (strcmp(key, "mig") == 0) {
		int n = sscanf(rest, "%u %u", &g->mig_current, &g->mig_pending);
		if (n == 1)
			g->mig_pending = g->mig_current;
		return (g->has_mig = n >= 1);
	}
	return false;
}

static nvmlReturn_t load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "fake_nvml: cannot open %s\n", path);
		return NVML_ERROR_UNKNOWN;
	}
	char line[512];
	struct gpu *cur = NULL;
	int lineno = 0;
	nvmlReturn_t rc = NVML_SUCCESS;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!parse_line(line, &cur)) {
			fprintf(stderr, "fake_nvml: %s:%d: cannot parse \"%s\"\n", path, lineno, line);
			rc = NVML_ERROR_UNKNOWN;
			break;
		}
	}
	fclose(f);
	return rc;
}

/* What a test asked `symbol` to return for g (or globally), if anything. */
static bool failing(const char *symbol, const struct gpu *g, nvmlReturn_t *rc)
{
	for (int i = 0; g && i < g->n_fails; i++)
		if (strcmp(g->fails[i].symbol, symbol) == 0)
			return (*rc = g->fails[i].code), true;
	for (int i = 0; i < fake.n_fails; i++)
		if (strcmp(fake.fails[i].symbol, symbol) == 0)
			return (*rc = fake.fails[i].code), true;
	return false;
}

static struct gpu *gpu_of(nvmlDevice_t h)
{
	struct gpu *g = (struct gpu *)(void *)h;
	if (fake.refs == 0 || g < fake.gpus || g >= fake.gpus + fake.n)
		return NULL;
	return g;
}

/* The common prologue of every device call. */
#define DEVICE_CALL(sym, h, out)                                     \
	struct gpu *g = gpu_of(h);                                   \
	nvmlReturn_t forced;                                         \
	if (fake.refs == 0)                                          \
		return NVML_ERROR_UNINITIALIZED;                     \
	if (!g || !(out))                                            \
		return NVML_ERROR_INVALID_ARGUMENT;                  \
	if (failing(sym, g, &forced))                                \
		return forced

#ifdef FAKE_NVML_OLD
#define INIT_SYM nvmlInit
#define COUNT_SYM nvmlDeviceGetCount
#define HANDLE_SYM nvmlDeviceGetHandleByIndex
#define PCI_SYM nvmlDeviceGetPciInfo
#else
#define INIT_SYM nvmlInit_v2
#define COUNT_SYM nvmlDeviceGetCount_v2
#define HANDLE_SYM nvmlDeviceGetHandleByIndex_v2
#define PCI_SYM nvmlDeviceGetPciInfo_v3
#endif
#define NAME_OF(s) NAME_OF_(s)
#define NAME_OF_(s) #s

EXPORT nvmlReturn_t INIT_SYM(void);
EXPORT nvmlReturn_t nvmlShutdown(void);
EXPORT const char *nvmlErrorString(nvmlReturn_t rc);
EXPORT nvmlReturn_t COUNT_SYM(unsigned int *count);
EXPORT nvmlReturn_t HANDLE_SYM(unsigned int index, nvmlDevice_t *device);
EXPORT nvmlReturn_t PCI_SYM(nvmlDevice_t device, nvmlPciInfo_t *pci);
EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *buf, unsigned int length);
EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t device, char *buf, unsigned int length);
EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *buf, unsigned int length);
EXPORT nvmlReturn_t nvmlDeviceGetVbiosVersion(nvmlDevice_t device, char *buf, unsigned int length);
EXPORT nvmlReturn_t nvmlDeviceGetBoardPartNumber(nvmlDevice_t device, char *buf, unsigned int length);
EXPORT nvmlReturn_t nvmlDeviceGetMaxClockInfo(nvmlDevice_t device, int type, unsigned int *mhz);
EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory);

EXPORT nvmlReturn_t INIT_SYM(void)
{
	nvmlReturn_t forced;
	if (failing(NAME_OF(INIT_SYM), NULL, &forced))
		return forced;
	if (fake.refs > 0) {
		fake.refs++;
		return NVML_SUCCESS;
	}
	const char *path = getenv("FAKE_NVML_CONFIG");
	if (!path || !*path)
		return NVML_ERROR_DRIVER_NOT_LOADED;
	reset();
	nvmlReturn_t rc = load(path);
	if (rc == NVML_SUCCESS && fake.init_code != NVML_SUCCESS)
		rc = fake.init_code;
	if (rc != NVML_SUCCESS) {
		reset();
		return rc;
	}
	fake.refs = 1;
	return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlShutdown(void)
{
	if (fake.refs == 0)
		return NVML_ERROR_UNINITIALIZED;
	if (--fake.refs == 0)
		reset();
	return NVML_SUCCESS;
}

/* The texts the real library gives for these codes. */
EXPORT const char *nvmlErrorString(nvmlReturn_t rc)
{
	switch (rc) {
	case NVML_SUCCESS: return "Success";
	case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
	case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
	case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
	case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
	case NVML_ERROR_NOT_FOUND: return "Not Found";
	case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
	case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
	case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
	case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "RM has detected an NVML/RM version mismatch.";
	default: return "Unknown Error";
	}
}

EXPORT nvmlReturn_t COUNT_SYM(unsigned int *count)
{
	nvmlReturn_t forced;
	if (fake.refs == 0)
		return NVML_ERROR_UNINITIALIZED;
	if (!count)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (failing(NAME_OF(COUNT_SYM), NULL, &forced))
		return forced;
	*count = fake.n;
	return NVML_SUCCESS;
}

EXPORT nvmlReturn_t HANDLE_SYM(unsigned int index, nvmlDevice_t *device)
{
	if (fake.refs == 0)
		return NVML_ERROR_UNINITIALIZED;
	if (!device || index >= fake.n)
		return NVML_ERROR_INVALID_ARGUMENT;
	nvmlReturn_t forced;
	if (failing(NAME_OF(HANDLE_SYM), &fake.gpus[index], &forced))
		return forced;
	*device = (nvmlDevice_t)(void *)&fake.gpus[index];
	return NVML_SUCCESS;
}

#ifdef FAKE_NVML_OLD
/* The struct before NVML 10 widened the bus id: 16 characters, the five
 * numbers, then four reserved words. */
struct old_pci_info {
	char busId[16];
	unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
	unsigned int reserved[4];
};
#endif

EXPORT nvmlReturn_t PCI_SYM(nvmlDevice_t device, nvmlPciInfo_t *pci)
{
	DEVICE_CALL(NAME_OF(PCI_SYM), device, pci);
#ifdef FAKE_NVML_OLD
	struct old_pci_info old = { .domain = g->domain, .bus = g->bus, .device = g->device,
		.pciDeviceId = g->pci_device_id, .pciSubSystemId = g->pci_subsystem_id };
	snprintf(old.busId, sizeof(old.busId), "%04X:%02X:%02X.0", g->domain & 0xffff, g->bus, g->device);
	memcpy(pci, &old, sizeof(old));
#else
	memset(pci, 0, sizeof(*pci));
	pci->domain = g->domain;
	pci->bus = g->bus;
	pci->device = g->device;
	pci->pciDeviceId = g->pci_device_id;
	pci->pciSubSystemId = g->pci_subsystem_id;
	snprintf(pci->busIdLegacy, sizeof(pci->busIdLegacy), "%04X:%02X:%02X.0", g->domain & 0xffff, g->bus, g->device);
	/* Real NVML prints upper-case hex and an 8-digit domain. */
	snprintf(pci->busId, sizeof(pci->busId), "%08X:%02X:%02X.0", g->domain, g->bus, g->device);
#endif
	return NVML_SUCCESS;
}

static nvmlReturn_t get_str(const char *symbol, nvmlDevice_t device, int which, char *buf, unsigned int length)
{
	DEVICE_CALL(symbol, device, buf);
	const char *s = g->str[which];
	if (!s)
		return NVML_ERROR_NOT_SUPPORTED;
	if (strlen(s) + 1 > length)
		return NVML_ERROR_INSUFFICIENT_SIZE;
	memcpy(buf, s, strlen(s) + 1);
	return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *buf, unsigned int length)
{
	return get_str("nvmlDeviceGetName", device, S_NAME, buf, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t device, char *buf, unsigned int length)
{
	return get_str("nvmlDeviceGetSerial", device, S_SERIAL, buf, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *buf, unsigned int length)
{
	return get_str("nvmlDeviceGetUUID", device, S_UUID, buf, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetVbiosVersion(nvmlDevice_t device, char *buf, unsigned int length)
{
	return get_str("nvmlDeviceGetVbiosVersion", device, S_VBIOS, buf, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetBoardPartNumber(nvmlDevice_t device, char *buf, unsigned int length)
{
	return get_str("nvmlDeviceGetBoardPartNumber", device, S_PART, buf, length);
}

static nvmlReturn_t get_uint(const char *symbol, nvmlDevice_t device, bool have, unsigned value, unsigned *out)
{
	DEVICE_CALL(symbol, device, out);
	if (!have)
		return NVML_ERROR_NOT_SUPPORTED;
	*out = value;
	return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMaxClockInfo(nvmlDevice_t device, int type, unsigned int *mhz)
{
	struct gpu *g = gpu_of(device);
	if (type != NVML_CLOCK_SM)   /* tppscan asks only for the SM clock */
		return NVML_ERROR_NOT_SUPPORTED;
	return get_uint("nvmlDeviceGetMaxClockInfo", device, g && g->has_max, g ? g->max_sm : 0, mhz);
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
	DEVICE_CALL("nvmlDeviceGetMemoryInfo", device, memory);
	if (!g->has_memory)
		return NVML_ERROR_NOT_SUPPORTED;
	memory->total = g->memory;
	memory->used = g->memory / 100;
	memory->free = g->memory - memory->used;
	return NVML_SUCCESS;
}

/* Entry points an old driver's library does not have. */
#ifndef FAKE_NVML_OLD
EXPORT nvmlReturn_t nvmlDeviceGetMaxCustomerBoostClock(nvmlDevice_t device, int type, unsigned int *mhz);
EXPORT nvmlReturn_t nvmlDeviceGetNumGpuCores(nvmlDevice_t device, unsigned int *cores);
EXPORT nvmlReturn_t nvmlDeviceGetArchitecture(nvmlDevice_t device, unsigned int *arch);
EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending);

EXPORT nvmlReturn_t nvmlDeviceGetMaxCustomerBoostClock(nvmlDevice_t device, int type, unsigned int *mhz)
{
	struct gpu *g = gpu_of(device);
	if (type != NVML_CLOCK_SM)
		return NVML_ERROR_NOT_SUPPORTED;
	return get_uint("nvmlDeviceGetMaxCustomerBoostClock", device, g && g->has_boost, g ? g->boost_sm : 0, mhz);
}

EXPORT nvmlReturn_t nvmlDeviceGetNumGpuCores(nvmlDevice_t device, unsigned int *cores)
{
	struct gpu *g = gpu_of(device);
	/* As documented: no core count while MIG is enabled. */
	if (g && g->has_mig && g->mig_current == NVML_DEVICE_MIG_ENABLE)
		return NVML_ERROR_NOT_SUPPORTED;
	return get_uint("nvmlDeviceGetNumGpuCores", device, g && g->has_cores, g ? g->cores : 0, cores);
}

EXPORT nvmlReturn_t nvmlDeviceGetArchitecture(nvmlDevice_t device, unsigned int *arch)
{
	struct gpu *g = gpu_of(device);
	return get_uint("nvmlDeviceGetArchitecture", device, g && g->has_arch, g ? g->arch : 0, arch);
}

EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending)
{
	DEVICE_CALL("nvmlDeviceGetMigMode", device, current && pending);
	if (!g->has_mig)
		return NVML_ERROR_NOT_SUPPORTED;
	*current = g->mig_current;
	*pending = g->mig_pending;
	return NVML_SUCCESS;
}
#endif
