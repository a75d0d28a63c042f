/* NVIDIA Management Library, loaded with dlopen so that tppscan neither
 * links against nor ships it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_NVML_H
#define TPP_PROBE_NVML_H

#include "probe/device.h"

#define NVML_DEFAULT_LIBRARY "libnvidia-ml.so.1"
#define NVML_LIBRARY_ENV "TPPSCAN_NVML_LIBRARY"

/* Enriches NVIDIA records (matched by PCI slot) with name, serial, UUID,
 * VBIOS, board part number, max SM clock, customer boost clock, CUDA core
 * count (as a note), architecture, MIG mode and memory size. Skipped when
 * ctx->no_nvml or ctx->dump_file is set, or when the list holds no NVIDIA
 * function. A missing library, a failing nvmlInit or a missing symbol is a
 * note, never an error. */
extern const struct probe_backend probe_nvml_backend;

/* The library to load: ctx->nvml_library if set, else the environment
 * variable TPPSCAN_NVML_LIBRARY if set and not empty, else
 * "libnvidia-ml.so.1" from the loader's search path. */
const char *nvml_library_path(const struct probe_ctx *ctx);

/* "Hopper" for NVML_DEVICE_ARCH_HOPPER; NULL for codes tppscan does not know. */
const char *nvml_architecture_name(unsigned arch);

#endif
