/* libFuzzer target: classify --batch rows. The first line of an input is
 * a CSV header; every other line is read as a CSV row under it and as a
 * JSON Lines row, and what reads is turned into figures and classified
 * through the verdict cache under the rule set in force. No crash, leak
 * or read out of bounds, whatever the input.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/verdict_cache.h"
#include "cli/batch_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct data_set ds;
static struct rule_catalog cat;
static bool loaded;

static void classify_row(struct assessor *a, struct verdict_cache *vc, const struct batch_row *r)
{
	struct declared_figures d;
	struct class_input in;
	struct assessment out;
	struct tpp_error err = { 0 };
	char msg[200];
	if (batch_row_figures(r, &d, &in, msg, sizeof(msg)) != 0)
		return;
	if (assess_declared_input(a, &d, &in, &out, &err) == 0)
		verdict_cache_get(vc, a, &in, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpp_error err = { 0 };
	if (!loaded) {
		if (data_set_load(&ds, NULL, &err) || rule_catalog_load(&cat, &ds, &err))
			abort();
		loaded = true;
	}
	const struct ruleset *rs = &cat.sets[cat.n - 1];
	struct assessor a;
	if (assessor_init(&a, NULL, rs, rs->effective, &err))
		return 0;
	struct verdict_cache *vc = verdict_cache_new(rs);
	char *buf = malloc(size + 1), *copy = malloc(size + 1), msg[400];
	struct batch_header h;
	static struct batch_row r;
	bool have_header = false;
	if (!vc || !buf || !copy)
		goto out;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (char *line = buf, *end = buf + size; line <= end;) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
		line[len] = '\0';
		memcpy(copy, line, len + 1);
		if (!have_header) {
			have_header = batch_header_parse(line, len, &h, msg, sizeof(msg)) == 0;
		} else if (batch_csv_row(&h, line, len, &r, msg, sizeof(msg)) == 0) {
			classify_row(&a, vc, &r);
		}
		if (batch_json_row(copy, len, &r, msg, sizeof(msg)) == 0)
			classify_row(&a, vc, &r);
		line += len + 1;
	}
out:
	free(buf);
	free(copy);
	verdict_cache_free(vc);
	assessor_free(&a);
	return 0;
}
