/* The nvml backend: asks NVML about every GPU it can see and adds the
 * answers to the record with the same PCI slot.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/nvml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/nvidia_common.h"
#include "probe/nvml_api.h"

#define CLOCKS_NOT_READ "NVIDIA clocks not read"
/* A bound against a library that reports nonsense. */
#define NVML_MAX_GPUS 1024u

static const char *const str_source[NVML_STR_COUNT] = {
	[NVML_STR_NAME] = "nvml:nvmlDeviceGetName",
	[NVML_STR_SERIAL] = "nvml:nvmlDeviceGetSerial",
	[NVML_STR_UUID] = "nvml:nvmlDeviceGetUUID",
	[NVML_STR_VBIOS] = "nvml:nvmlDeviceGetVbiosVersion",
	[NVML_STR_PART] = "nvml:nvmlDeviceGetBoardPartNumber",
};
static const char *const str_what[NVML_STR_COUNT] = {
	[NVML_STR_NAME] = "product_name",
	[NVML_STR_SERIAL] = "serial",
	[NVML_STR_UUID] = "uuid",
	[NVML_STR_VBIOS] = "vbios_version",
	[NVML_STR_PART] = "board_part_number",
};
static const unsigned str_size[NVML_STR_COUNT] = {
	[NVML_STR_NAME] = NVML_NAME_SIZE,
	[NVML_STR_SERIAL] = NVML_SERIAL_SIZE,
	[NVML_STR_UUID] = NVML_UUID_SIZE,
	[NVML_STR_VBIOS] = NVML_VBIOS_SIZE,
	[NVML_STR_PART] = NVML_PART_NUMBER_SIZE,
};

const char *nvml_library_path(const struct probe_ctx *ctx)
{
	if (ctx->nvml_library)
		return ctx->nvml_library;
	const char *env = getenv(NVML_LIBRARY_ENV);
	return env && *env ? env : NVML_DEFAULT_LIBRARY;
}

const char *nvml_architecture_name(unsigned arch)
{
	switch (arch) {
	case NVML_DEVICE_ARCH_KEPLER: return "Kepler";
	case NVML_DEVICE_ARCH_MAXWELL: return "Maxwell";
	case NVML_DEVICE_ARCH_PASCAL: return "Pascal";
	case NVML_DEVICE_ARCH_VOLTA: return "Volta";
	case NVML_DEVICE_ARCH_TURING: return "Turing";
	case NVML_DEVICE_ARCH_AMPERE: return "Ampere";
	case NVML_DEVICE_ARCH_ADA: return "Ada";
	case NVML_DEVICE_ARCH_HOPPER: return "Hopper";
	case NVML_DEVICE_ARCH_BLACKWELL: return "Blackwell";
	case NVML_DEVICE_ARCH_RUBIN: return "Rubin";
	default: return NULL;
	}
}

/* A device field NVML did not fill: say why. */
static bool note_failure(const struct nvml_api *api, struct probe_device *d, const char *what,
	const char *symbol, nvmlReturn_t rc, bool present)
{
	char buf[32];
	if (!present)
		return probe_note(d, what, "not read: %s has no %s (driver too old)", api->path, symbol);
	if (rc == NVML_SUCCESS)
		return probe_note(d, what, "%s returned 0", symbol);
	if (rc == NVML_ERROR_NOT_SUPPORTED)
		return probe_note(d, what, "not supported by this GPU (%s)", symbol);
	return probe_note(d, what, "%s failed: %s", symbol, nvml_api_error(api, rc, buf));
}

static bool read_strings(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d)
{
	struct probe_str *field[NVML_STR_COUNT] = {
		[NVML_STR_NAME] = &d->product_name,
		[NVML_STR_SERIAL] = &d->serial,
		[NVML_STR_UUID] = &d->uuid,
		[NVML_STR_VBIOS] = &d->vbios_version,
		[NVML_STR_PART] = &d->board_part_number,
	};
	for (int i = 0; i < NVML_STR_COUNT; i++) {
		char buf[NVML_NAME_SIZE];   /* the largest of the sizes */
		nvmlReturn_t rc = api->str[i] ? api->str[i](h, buf, str_size[i]) : NVML_ERROR_FUNCTION_NOT_FOUND;
		bool ok;
		if (rc != NVML_SUCCESS) {
			ok = note_failure(api, d, str_what[i], nvml_str_symbol[i], rc, api->str[i] != NULL);
		} else {
			buf[str_size[i] - 1] = '\0';   /* do not trust the library to terminate */
			ok = buf[0] ? nvidia_merge_str(d, field[i], str_what[i], buf, str_source[i]) :
				probe_note(d, str_what[i], "%s returned an empty string", nvml_str_symbol[i]);
		}
		if (!ok)
			return false;
	}
	return true;
}

static bool read_clocks(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d)
{
	unsigned mhz = 0;
	nvmlReturn_t rc = api->max_clock ? api->max_clock(h, NVML_CLOCK_SM, &mhz) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc == NVML_SUCCESS && mhz > 0)
		probe_set_num(&d->max_clock_mhz, mhz, "nvml:nvmlDeviceGetMaxClockInfo(SM)");
	else if (!note_failure(api, d, "max_clock_mhz", NVML_SYM_MAX_CLOCK, rc, api->max_clock != NULL))
		return false;

	mhz = 0;
	rc = api->boost_clock ? api->boost_clock(h, NVML_CLOCK_SM, &mhz) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc == NVML_SUCCESS && mhz > 0)
		probe_set_num(&d->boost_clock_mhz, mhz, "nvml:nvmlDeviceGetMaxCustomerBoostClock(SM)");
	else if (!note_failure(api, d, "boost_clock_mhz", NVML_SYM_BOOST_CLOCK, rc, api->boost_clock != NULL))
		return false;
	return true;
}

/* A GPU that cannot do MIG is certainly not in MIG mode, so NOT_SUPPORTED
 * reads as "disabled". Returns the current mode through *enabled. */
static bool read_mig(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d, bool *enabled)
{
	unsigned current = 0, pending = 0;
	*enabled = false;
	nvmlReturn_t rc = api->mig_mode ? api->mig_mode(h, &current, &pending) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc == NVML_ERROR_NOT_SUPPORTED) {
		probe_set_num(&d->mig_enabled, 0, "nvml:nvmlDeviceGetMigMode (not supported: no MIG)");
		return true;
	}
	if (rc != NVML_SUCCESS)
		return note_failure(api, d, "mig_enabled", NVML_SYM_MIG_MODE, rc, api->mig_mode != NULL);
	*enabled = current == NVML_DEVICE_MIG_ENABLE;
	probe_set_num(&d->mig_enabled, *enabled, "nvml:nvmlDeviceGetMigMode");
	if (pending != current)
		return probe_note(d, "mig_enabled", "MIG mode change to %s pending (takes effect after a GPU reset)",
			pending == NVML_DEVICE_MIG_ENABLE ? "enabled" : "disabled");
	return true;
}

/* NVML counts CUDA cores, not SMs. Cores per SM differ within one
 * architecture (GA100 64, GA10x 128), so the count goes into `cores`, not
 * `units`; identification divides by the matched architecture's cores per
 * SM from the knowledge base. */
static bool read_cores(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d, bool mig)
{
	unsigned cores = 0;
	nvmlReturn_t rc = api->num_cores ? api->num_cores(h, &cores) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc == NVML_SUCCESS && cores > 0) {
		probe_set_num(&d->cores, cores, "nvml:nvmlDeviceGetNumGpuCores");
		return true;
	}
	if (rc == NVML_ERROR_NOT_SUPPORTED && mig)
		return probe_note(d, "cuda_cores", "not reported while MIG is enabled (%s)", NVML_SYM_NUM_CORES);
	return note_failure(api, d, "cuda_cores", NVML_SYM_NUM_CORES, rc, api->num_cores != NULL);
}

static bool read_architecture(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d)
{
	unsigned arch = 0;
	nvmlReturn_t rc = api->architecture ? api->architecture(h, &arch) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc != NVML_SUCCESS)
		return note_failure(api, d, "architecture", NVML_SYM_ARCHITECTURE, rc, api->architecture != NULL);
	const char *name = nvml_architecture_name(arch);
	if (name)
		return nvidia_merge_str(d, &d->architecture, "architecture", name, "nvml:nvmlDeviceGetArchitecture");
	if (arch == NVML_DEVICE_ARCH_UNKNOWN)
		return probe_note(d, "architecture", "NVML does not know this GPU's architecture");
	return probe_note(d, "architecture", "NVML architecture code %u is not known to tppscan", arch);
}

static bool read_memory(const struct nvml_api *api, nvmlDevice_t h, struct probe_device *d)
{
	nvmlMemory_t mem = { 0 };
	nvmlReturn_t rc = api->memory_info ? api->memory_info(h, &mem) : NVML_ERROR_FUNCTION_NOT_FOUND;
	if (rc == NVML_SUCCESS && mem.total > 0) {
		probe_set_num(&d->memory_bytes, (double)mem.total, "nvml:nvmlDeviceGetMemoryInfo");
		return true;
	}
	return note_failure(api, d, "memory_bytes", NVML_SYM_MEMORY_INFO, rc, api->memory_info != NULL);
}

/* The IDs NVML sees should be the ones in configuration space; a
 * difference means one of the two is not telling the truth. */
static bool check_ids(struct probe_device *d, const nvmlPciInfo_t *pci)
{
	unsigned vendor = pci->pciDeviceId & 0xffff, device = pci->pciDeviceId >> 16;
	if (pci->pciDeviceId && (vendor != d->vendor_id || device != d->device_id) &&
	    !probe_note(d, "device_id", "NVML reports %04x:%04x but PCI configuration space says %04x:%04x",
		    vendor, device, d->vendor_id, d->device_id))
		return false;
	unsigned svendor = pci->pciSubSystemId & 0xffff, sdevice = pci->pciSubSystemId >> 16;
	if (pci->pciSubSystemId && d->has_subsys && (svendor != d->subsys_vendor_id || sdevice != d->subsys_id) &&
	    !probe_note(d, "subsystem_id", "NVML reports subsystem %04x:%04x but PCI configuration space says %04x:%04x",
		    svendor, sdevice, d->subsys_vendor_id, d->subsys_id))
		return false;
	return true;
}

/* The slot of an NVML device: from the bus id string, else the numbers
 * (NVML GPUs are always function 0). */
static bool pci_slot(const struct nvml_api *api, nvmlPciInfo_t *pci, char slot[16])
{
	pci->busId[sizeof(pci->busId) - 1] = '\0';
	pci->busIdLegacy[sizeof(pci->busIdLegacy) - 1] = '\0';
	if (nvidia_slot_normalise(api->pci_v3 ? pci->busId : pci->busIdLegacy, slot))
		return true;
	if (pci->domain > 0xffff || pci->bus > 0xff || pci->device > 0x1f)
		return false;
	probe_format_slot(slot, (int)pci->domain, pci->bus, pci->device, 0);
	return true;
}

/* A GPU NVML sees that the device list lacks: name it as well as we can. */
static bool note_stray(const struct nvml_api *api, nvmlDevice_t h, struct probe_list *list, const char *where)
{
	char name[NVML_NAME_SIZE] = "";
	if (api->str[NVML_STR_NAME] && api->str[NVML_STR_NAME](h, name, sizeof(name)) != NVML_SUCCESS)
		name[0] = '\0';
	name[sizeof(name) - 1] = '\0';
	return probe_list_note(list, "nvml", "NVML reports a GPU at %s%s%s%s that is not in the device list", where,
		name[0] ? " (" : "", name, name[0] ? ")" : "");
}

static bool read_device(const struct nvml_api *api, unsigned index, struct probe_list *list)
{
	char buf[32];
	nvmlDevice_t h = NULL;
	nvmlReturn_t rc = api->get_handle(index, &h);
	if (rc != NVML_SUCCESS)
		return probe_list_note(list, "nvml", "GPU %u: nvmlDeviceGetHandleByIndex failed: %s", index,
			nvml_api_error(api, rc, buf));
	nvmlPciInfo_t pci;
	memset(&pci, 0, sizeof(pci));
	rc = api->get_pci(h, &pci);
	if (rc != NVML_SUCCESS)
		return probe_list_note(list, "nvml", "GPU %u: %s failed: %s", index, api->pci_symbol,
			nvml_api_error(api, rc, buf));
	char slot[16];
	if (!pci_slot(api, &pci, slot))
		return probe_list_note(list, "nvml", "GPU %u: PCI address \"%s\" cannot be matched", index,
			api->pci_v3 ? pci.busId : pci.busIdLegacy);
	struct probe_device *d = probe_list_find(list, slot);
	if (!d)
		return note_stray(api, h, list, slot);

	bool mig;
	return check_ids(d, &pci) && read_strings(api, h, d) && read_clocks(api, h, d) &&
		read_mig(api, h, d, &mig) && read_cores(api, h, d, mig) && read_architecture(api, h, d) &&
		read_memory(api, h, d);
}

/* Why the library could not be used, worded for someone who may simply
 * not have the NVIDIA driver installed. */
static bool note_not_loaded(struct probe_list *list, const char *path, const char *why)
{
	if (strcmp(path, NVML_DEFAULT_LIBRARY) == 0 && strstr(why, "No such file"))
		return probe_list_note(list, "nvml", "NVML not installed (%s not found); " CLOCKS_NOT_READ, path);
	return probe_list_note(list, "nvml", "NVML not usable (%s); " CLOCKS_NOT_READ, why);
}

/* Everything NVML can tell, between nvmlInit and nvmlShutdown. Notes are
 * worded while the library is still open: its error strings live in it. */
static bool read_all(const struct nvml_api *api, struct probe_list *list)
{
	char buf[32];
	nvmlReturn_t rc = api->init();
	if (rc != NVML_SUCCESS)
		return probe_list_note(list, "nvml", "nvmlInit failed: %s; " CLOCKS_NOT_READ, nvml_api_error(api, rc, buf));
	unsigned count = 0;
	bool ok = true;
	rc = api->get_count(&count);
	if (rc != NVML_SUCCESS) {
		ok = probe_list_note(list, "nvml", "nvmlDeviceGetCount failed: %s; " CLOCKS_NOT_READ,
			nvml_api_error(api, rc, buf));
		count = 0;
	} else if (count > NVML_MAX_GPUS) {
		ok = probe_list_note(list, "nvml", "NVML reports %u GPUs; only the first %u read", count, NVML_MAX_GPUS);
		count = NVML_MAX_GPUS;
	}
	for (unsigned i = 0; ok && i < count; i++)
		ok = read_device(api, i, list);
	api->shutdown();
	return ok;
}

static int run(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	if (ctx->no_nvml || ctx->dump_file || !nvidia_list_has_nvidia(list))
		return 0;
	const char *path = nvml_library_path(ctx);
	struct nvml_api api;
	char why[512];
	bool ok;
	if (nvml_api_open(&api, path, why, sizeof(why))) {
		ok = read_all(&api, list);
		nvml_api_close(&api);
	} else {
		ok = note_not_loaded(list, path, why);
	}
	if (!ok) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	return 0;
}

const struct probe_backend probe_nvml_backend = { "nvml", run };
