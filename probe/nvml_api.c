/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/nvml_api.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

const char *const nvml_str_symbol[NVML_STR_COUNT] = {
	[NVML_STR_NAME] = "nvmlDeviceGetName",
	[NVML_STR_SERIAL] = "nvmlDeviceGetSerial",
	[NVML_STR_UUID] = "nvmlDeviceGetUUID",
	[NVML_STR_VBIOS] = "nvmlDeviceGetVbiosVersion",
	[NVML_STR_PART] = "nvmlDeviceGetBoardPartNumber",
};

/* The first of `names` (NULL-terminated) the library exports; *found
 * names it. POSIX lets a dlsym result be converted to a function pointer. */
static void *lookup(void *lib, const char *const *names, const char **found)
{
	for (; *names; names++) {
		void *p = dlsym(lib, *names);
		if (p) {
			if (found)
				*found = *names;
			return p;
		}
	}
	return NULL;
}

#define LOOKUP(lib, ...) lookup((lib), (const char *const[]){ __VA_ARGS__, NULL }, NULL)

bool nvml_api_open(struct nvml_api *api, const char *path, char *why, size_t why_size)
{
	*api = (struct nvml_api){ .path = path };
	api->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!api->lib) {
		const char *e = dlerror();
		snprintf(why, why_size, "%s", e ? e : "dlopen failed");
		return false;
	}

	api->init = (nvmlReturn_t (*)(void))LOOKUP(api->lib, "nvmlInit_v2", "nvmlInit");
	api->shutdown = (nvmlReturn_t (*)(void))LOOKUP(api->lib, "nvmlShutdown");
	api->get_count = (nvmlReturn_t (*)(unsigned int *))LOOKUP(api->lib, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
	api->get_handle = (nvmlReturn_t (*)(unsigned int, nvmlDevice_t *))LOOKUP(api->lib,
		"nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
	api->get_pci = (nvmlReturn_t (*)(nvmlDevice_t, nvmlPciInfo_t *))lookup(api->lib,
		(const char *const[]){ "nvmlDeviceGetPciInfo_v3", "nvmlDeviceGetPciInfo_v2", "nvmlDeviceGetPciInfo", NULL },
		&api->pci_symbol);
	api->pci_v3 = api->pci_symbol && strcmp(api->pci_symbol, "nvmlDeviceGetPciInfo_v3") == 0;

	const char *missing = !api->init ? "nvmlInit_v2" : !api->shutdown ? "nvmlShutdown" :
		!api->get_count ? "nvmlDeviceGetCount_v2" : !api->get_handle ? "nvmlDeviceGetHandleByIndex_v2" :
		!api->get_pci ? "nvmlDeviceGetPciInfo_v3" : NULL;
	if (missing) {
		snprintf(why, why_size, "%s has no %s", path, missing);
		dlclose(api->lib);
		*api = (struct nvml_api){ 0 };
		return false;
	}

	api->error_string = (const char *(*)(nvmlReturn_t))LOOKUP(api->lib, "nvmlErrorString");
	for (int i = 0; i < NVML_STR_COUNT; i++)
		api->str[i] = (nvml_str_fn)LOOKUP(api->lib, nvml_str_symbol[i]);
	api->max_clock = (nvml_clock_fn)LOOKUP(api->lib, NVML_SYM_MAX_CLOCK);
	api->boost_clock = (nvml_clock_fn)LOOKUP(api->lib, NVML_SYM_BOOST_CLOCK);
	api->num_cores = (nvml_uint_fn)LOOKUP(api->lib, NVML_SYM_NUM_CORES);
	api->architecture = (nvml_uint_fn)LOOKUP(api->lib, NVML_SYM_ARCHITECTURE);
	api->mig_mode = (nvmlReturn_t (*)(nvmlDevice_t, unsigned int *, unsigned int *))LOOKUP(api->lib, NVML_SYM_MIG_MODE);
	api->memory_info = (nvmlReturn_t (*)(nvmlDevice_t, nvmlMemory_t *))LOOKUP(api->lib, NVML_SYM_MEMORY_INFO);
	return true;
}

void nvml_api_close(struct nvml_api *api)
{
	if (api->lib)
		dlclose(api->lib);
	*api = (struct nvml_api){ 0 };
}

const char *nvml_api_error(const struct nvml_api *api, nvmlReturn_t rc, char buf[32])
{
	const char *s = api->error_string ? api->error_string(rc) : NULL;
	if (s && *s)
		return s;
	snprintf(buf, 32, "NVML error %d", rc);
	return buf;
}
