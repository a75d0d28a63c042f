/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tests/support/testutil.h"

#include <stdio.h>
#include <string.h>

void test_load_catalog(struct rule_catalog *cat, struct data_set *ds)
{
	struct tpp_error err = { 0 };
	if (data_set_load(ds, NULL, &err) || rule_catalog_load(cat, ds, &err))
		fail_msg("loading embedded data: %s", err.msg);
}

const char *test_src_path(const char *rel)
{
	return rel;
}

int test_parse_ruleset(const char *json, struct tpp_error *err)
{
	struct ruleset rs;
	tpp_error_clear(err);
	if (ruleset_parse(&rs, "t.json", json, strlen(json), err) == 0) {
		ruleset_free(&rs);
		return 0;
	}
	return err->status;
}
