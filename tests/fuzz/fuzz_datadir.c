/* libFuzzer target: a --data-dir with one rule-set file and one
 * knowledge-base file. The input is split at the first "\n@@\n": before it
 * the thresholds file, after it the devices file. Every input must be
 * rejected cleanly or load; a data set that loads must classify every part
 * without faults.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/assess.h"
#include "classify/kb.h"
#include "classify/rules.h"
#include "core/datafiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void classify_all(const struct rule_catalog *cat, const struct kb *kb)
{
	for (size_t r = 0; r < cat->n; r++) {
		struct assessor as;
		struct tpp_error err = { 0 };
		if (assessor_init(&as, kb, &cat->sets[r], 0, &err))
			return;
		for (size_t i = 0; i < kb->n_parts; i++) {
			struct assessment a;
			assess_part(&as, NULL, &kb->parts[i], &a, &err);
		}
		assessor_free(&as);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* NUL-terminated copies, as data_set_load makes them */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	char *sep = memmem(text, size, "\n@@\n", 4);
	size_t rules_len = sep ? (size_t)(sep - text) : size;
	char *devices = sep ? sep + 4 : text + size;
	if (sep)
		*sep = '\0';
	struct data_file files[2] = {
		{ "fuzz/thresholds/fuzz.json", text, rules_len },
		{ "fuzz/devices/fuzz.json", devices, strlen(devices) },
	};
	struct data_set ds = { .files = files, .n = 2, .origin = "fuzz" };
	struct rule_catalog cat;
	struct kb kb;
	struct tpp_error err = { 0 };
	if (rule_catalog_load(&cat, &ds, &err) == 0) {
		if (kb_load(&kb, &ds, &err) == 0) {
			classify_all(&cat, &kb);
			kb_free(&kb);
		}
		rule_catalog_free(&cat);
	}
	free(text);
	return 0;
}
