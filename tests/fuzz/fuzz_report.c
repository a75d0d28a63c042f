/* libFuzzer target: what verify-report does with a file claiming to be an
 * evidence report: parse it, make its canonical body. The canonical text
 * must always be JSON, and once the numbers are normalized (as verify
 * writes them) it must parse back to exactly the same document: the
 * property the signature's meaning rests on.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli/report_seal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(json_t *report, bool exact)
{
	size_t len;
	char *body = report_canonical_body(report, &len);
	if (!body)
		return;   /* out of memory */
	json_t *back = json_loadb(body, len, 0, NULL);
	if (!back)
		abort();   /* the canonical form is not JSON */
	json_t *copy = json_copy(report);
	json_object_del(copy, "signature");
	if (exact && !json_equal(back, copy))
		abort();   /* a normalized report does not round-trip */
	json_decref(copy);
	json_decref(back);
	free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *report = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(report)) {
		json_decref(report);
		return 0;
	}
	check(report, false);
	report_normalize_numbers(report);
	check(report, true);
	json_decref(report);
	return 0;
}
