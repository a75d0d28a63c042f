/* fake_nvml.c built as an old driver's libnvidia-ml: only the unversioned
 * nvmlInit, nvmlDeviceGetCount, nvmlDeviceGetHandleByIndex and
 * nvmlDeviceGetPciInfo (with the pre-NVML-10 struct), and none of
 * nvmlDeviceGetMaxCustomerBoostClock, nvmlDeviceGetNumGpuCores,
 * nvmlDeviceGetArchitecture, nvmlDeviceGetMigMode. Same config format.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#define FAKE_NVML_OLD 1
#include "fake_nvml.c"
