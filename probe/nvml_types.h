/* The few NVML types, constants and entry points tppscan uses, declared from
 * the documented NVML interface (return codes, struct layouts, symbol names)
 * because Debian ships no nvml.h. Shared by probe/nvml.c and the fake
 * library in tests/fakes/, so the layout checks below guard both.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_NVML_TYPES_H
#define TPP_PROBE_NVML_TYPES_H

#include <stddef.h>

typedef int nvmlReturn_t;

enum {
	NVML_SUCCESS = 0,
	NVML_ERROR_UNINITIALIZED = 1,
	NVML_ERROR_INVALID_ARGUMENT = 2,
	NVML_ERROR_NOT_SUPPORTED = 3,
	NVML_ERROR_NO_PERMISSION = 4,
	NVML_ERROR_NOT_FOUND = 6,
	NVML_ERROR_INSUFFICIENT_SIZE = 7,
	NVML_ERROR_DRIVER_NOT_LOADED = 9,
	NVML_ERROR_LIBRARY_NOT_FOUND = 12,
	NVML_ERROR_FUNCTION_NOT_FOUND = 13,
	NVML_ERROR_GPU_IS_LOST = 15,
	NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18,
	NVML_ERROR_UNKNOWN = 999,
};

/* nvmlClockType_t */
enum { NVML_CLOCK_GRAPHICS = 0, NVML_CLOCK_SM = 1, NVML_CLOCK_MEM = 2, NVML_CLOCK_VIDEO = 3 };

/* nvmlDeviceGetMigMode modes */
enum { NVML_DEVICE_MIG_DISABLE = 0, NVML_DEVICE_MIG_ENABLE = 1 };

/* nvmlDeviceArchitecture_t values */
enum {
	NVML_DEVICE_ARCH_KEPLER = 2,
	NVML_DEVICE_ARCH_MAXWELL = 3,
	NVML_DEVICE_ARCH_PASCAL = 4,
	NVML_DEVICE_ARCH_VOLTA = 5,
	NVML_DEVICE_ARCH_TURING = 6,
	NVML_DEVICE_ARCH_AMPERE = 7,
	NVML_DEVICE_ARCH_ADA = 8,
	NVML_DEVICE_ARCH_HOPPER = 9,
	NVML_DEVICE_ARCH_BLACKWELL = 10,
	NVML_DEVICE_ARCH_RUBIN = 13,
};
#define NVML_DEVICE_ARCH_UNKNOWN 0xffffffffu

/* Buffer sizes NVML documents for its string getters (NUL included). */
enum {
	NVML_NAME_SIZE = 96,
	NVML_SERIAL_SIZE = 30,
	NVML_UUID_SIZE = 96,
	NVML_VBIOS_SIZE = 32,
	NVML_PART_NUMBER_SIZE = 80,
};

typedef struct nvmlDevice_st *nvmlDevice_t;

/* nvmlPciInfo_t as nvmlDeviceGetPciInfo_v3 fills it. The unversioned and
 * _v2 calls of older drivers write a struct whose first 36 bytes are the
 * same (16-byte bus id, then the five numbers) and which is no longer than
 * this one, so a zeroed v3 struct is a safe target for all three.
 * pciDeviceId and pciSubSystemId put the device (subsystem) id in the high
 * 16 bits and the vendor (subsystem vendor) id in the low 16 bits, e.g.
 * 0x233010de. */
typedef struct {
	char busIdLegacy[16];       /* "0000:C1:00.0" (domain as 4 hex digits) */
	unsigned int domain;
	unsigned int bus;
	unsigned int device;
	unsigned int pciDeviceId;
	unsigned int pciSubSystemId;
	char busId[32];             /* "00000000:C1:00.0" (domain as 8 hex digits) */
} nvmlPciInfo_t;

_Static_assert(offsetof(nvmlPciInfo_t, domain) == 16, "nvmlPciInfo_t.domain follows a 16-byte bus id");
_Static_assert(offsetof(nvmlPciInfo_t, pciSubSystemId) == 32, "nvmlPciInfo_t numbers are five unsigned ints");
_Static_assert(offsetof(nvmlPciInfo_t, busId) == 36, "nvmlPciInfo_t.busId follows the numbers");
_Static_assert(sizeof(nvmlPciInfo_t) == 68, "nvmlPciInfo_t v3 is 68 bytes");

/* nvmlMemory_t (version 1, as nvmlDeviceGetMemoryInfo fills it), bytes. */
typedef struct {
	unsigned long long total;
	unsigned long long free;
	unsigned long long used;
} nvmlMemory_t;

#endif
