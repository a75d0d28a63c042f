/* libFuzzer target: the sysfs/procfs text parsers (pp_dpm_sclk, KFD
 * "properties", "Key: value" procfs files, single values) and the xe GT
 * topology reply must take any bytes without reading past the buffer,
 * and must agree with themselves.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/drm.h"
#include "probe/sysfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so a read one past the end is caught by ASan */
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	char why[SYSFS_WHY_SIZE], text[64];
	uint64_t v;

	if (sysfs_parse_dpm_max_mhz(buf, size, &v, why) == SYSFS_PARSE_OK && v > 100000)
		abort();
	sysfs_parse_u64(buf, size, &v, why);
	if (sysfs_parse_text(buf, size, text, sizeof(text), why) == SYSFS_PARSE_OK && strlen(text) == 0)
		abort();

	static const char *const keys[] = { "simd_count", "simd_per_cu", "location_id", "domain",
					    "max_engine_clk_fcompute", "Model", "Video BIOS", "Bus Location" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		for (int style = SYSFS_KV_SPACE; style <= SYSFS_KV_COLON; style++) {
			const char *val;
			size_t len;
			if (sysfs_kv_find(buf, size, style, keys[i], &val, &len) &&
			    (val < buf || val + len > buf + size))
				abort();
			sysfs_kv_u64(buf, size, style, keys[i], &v, why);
		}
	}

	struct xe_topology topo;
	char xwhy[128];
	/* every DSS is a set bit of the reply, and no DSS means no EUs */
	if (xe_topology_parse(data, size, &topo, xwhy) &&
	    (topo.dss > size * 8 || (topo.dss == 0 && topo.eus != 0) || topo.gts > topo.dss))
		abort();
	free(buf);
	return 0;
}
