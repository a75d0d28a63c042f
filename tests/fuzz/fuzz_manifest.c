/* libFuzzer target: the declaration manifest parser (verify
 * --declared-file), JSON and CSV, against the built-in knowledge base: any
 * input is parsed or rejected cleanly, never a crash, a leak or a read out
 * of bounds; a manifest that parses names only parts that exist.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kb kb;
static struct data_set ds;
static bool loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpp_error err = { 0 };
	if (!loaded) {
		if (data_set_load(&ds, NULL, &err) || kb_load(&kb, &ds, &err))
			abort();
		loaded = true;
	}
	struct declaration d;
	if (manifest_parse(&kb, "fuzz.csv", (const char *)data, size, &d, &err) != 0) {
		if (err.status != TPP_EX_DATAERR && err.status != TPP_EX_OSERR)
			abort();   /* bad content is 65, nothing else */
		return 0;
	}
	for (size_t i = 0; i < d.n; i++)
		if (!d.lines[i].part || d.lines[i].quantity < 1 || d.lines[i].n_serials > d.lines[i].quantity)
			abort();
	declaration_free(&d);
	return 0;
}
