/* libFuzzer target: the parsers of the NVIDIA driver's procfs text
 * (gpus/<slot>/information, version) and the PCI bus id normaliser must
 * accept any bytes without reading out of bounds or crashing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/nvidia_common.h"
#include "probe/nvidia_procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so any read past `size` is caught. */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);

	struct nvidia_gpu_information info;
	nvidia_parse_information(text, size, &info);
	/* Every field must come back NUL-terminated within its array. */
	if (memchr(info.model, '\0', sizeof(info.model)) == NULL || memchr(info.uuid, '\0', sizeof(info.uuid)) == NULL ||
	    memchr(info.vbios_version, '\0', sizeof(info.vbios_version)) == NULL ||
	    memchr(info.firmware, '\0', sizeof(info.firmware)) == NULL)
		abort();

	char version[32];
	if (nvidia_parse_version(text, size, version, sizeof(version)) && strlen(version) >= sizeof(version))
		abort();

	char *cstr = malloc(size + 1);
	if (cstr) {
		memcpy(cstr, data, size);
		cstr[size] = '\0';
		char slot[16];
		if (nvidia_slot_normalise(cstr, slot) && strlen(slot) != 12)
			abort();
		free(cstr);
	}
	free(text);
	return 0;
}
