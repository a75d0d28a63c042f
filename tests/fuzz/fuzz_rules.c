/* libFuzzer target: the rule-set parser and validator must reject any
 * input cleanly, never crash, leak or read out of bounds.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/evaluate.h"
#include "classify/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset rs;
	struct tpp_error err = { 0 };
	if (ruleset_parse(&rs, "fuzz.json", (const char *)data, size, &err) != 0)
		return 0;
	/* A rule set that parses must also evaluate without faults. */
	struct class_input in = { .item_ic = true, .item_hbm = true };
	class_input_number(&in, "tpp", 4800, "fuzz");
	class_input_number(&in, "pd", 5.92, "fuzz");
	class_input_bool(&in, "datacenter", false, "fuzz");
	class_input_number(&in, "hbm_mbd", 2.5, "fuzz");
	struct classification cl;
	if (classify_evaluate(&rs, &in, &cl, &err) == 0)
		classification_free(&cl);
	ruleset_free(&rs);
	return 0;
}
