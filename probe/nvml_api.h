/* The NVML entry points tppscan calls, looked up in a dlopen()ed library.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_NVML_API_H
#define TPP_PROBE_NVML_API_H

#include <stdbool.h>
#include <stddef.h>

#include "probe/nvml_types.h"

typedef nvmlReturn_t (*nvml_str_fn)(nvmlDevice_t, char *, unsigned int);
typedef nvmlReturn_t (*nvml_clock_fn)(nvmlDevice_t, int, unsigned int *);
typedef nvmlReturn_t (*nvml_uint_fn)(nvmlDevice_t, unsigned int *);

/* Which string getter, in the order of nvml_api.str. */
enum nvml_str_getter { NVML_STR_NAME, NVML_STR_SERIAL, NVML_STR_UUID, NVML_STR_VBIOS, NVML_STR_PART, NVML_STR_COUNT };

struct nvml_api {
	void *lib;
	const char *path;
	/* Required: without these the library is of no use. */
	nvmlReturn_t (*init)(void);
	nvmlReturn_t (*shutdown)(void);
	nvmlReturn_t (*get_count)(unsigned int *);
	nvmlReturn_t (*get_handle)(unsigned int, nvmlDevice_t *);
	nvmlReturn_t (*get_pci)(nvmlDevice_t, nvmlPciInfo_t *);
	const char *pci_symbol;   /* which nvmlDeviceGetPciInfo* was found */
	bool pci_v3;              /* busId (8-digit domain) is filled, not just busIdLegacy */
	/* Optional: NULL where an older driver lacks them. */
	const char *(*error_string)(nvmlReturn_t);
	nvml_str_fn str[NVML_STR_COUNT];
	nvml_clock_fn max_clock;
	nvml_clock_fn boost_clock;
	nvml_uint_fn num_cores;
	nvml_uint_fn architecture;
	nvmlReturn_t (*mig_mode)(nvmlDevice_t, unsigned int *, unsigned int *);
	nvmlReturn_t (*memory_info)(nvmlDevice_t, nvmlMemory_t *);
};

/* Symbol names, for notes. */
extern const char *const nvml_str_symbol[NVML_STR_COUNT];
#define NVML_SYM_MAX_CLOCK "nvmlDeviceGetMaxClockInfo"
#define NVML_SYM_BOOST_CLOCK "nvmlDeviceGetMaxCustomerBoostClock"
#define NVML_SYM_NUM_CORES "nvmlDeviceGetNumGpuCores"
#define NVML_SYM_ARCHITECTURE "nvmlDeviceGetArchitecture"
#define NVML_SYM_MIG_MODE "nvmlDeviceGetMigMode"
#define NVML_SYM_MEMORY_INFO "nvmlDeviceGetMemoryInfo"

/* Opens `path` and looks the entry points up, preferring the versioned
 * names (nvmlInit_v2, ..._v2, nvmlDeviceGetPciInfo_v3) and falling back to
 * the older ones. On failure returns false with the reason in `why` and
 * nothing left open. */
bool nvml_api_open(struct nvml_api *api, const char *path, char *why, size_t why_size);
void nvml_api_close(struct nvml_api *api);
/* nvmlErrorString, or "NVML error N" where the library lacks it. */
const char *nvml_api_error(const struct nvml_api *api, nvmlReturn_t rc, char buf[32]);

#endif
