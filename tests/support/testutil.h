/* Helpers shared by the cmocka tests.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_TESTUTIL_H
#define TPP_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "classify/rules.h"

/* The embedded rule catalogue; fails the test on any load error. */
void test_load_catalog(struct rule_catalog *cat, struct data_set *ds);
/* Path of a file relative to the source tree (tests run from the top). */
const char *test_src_path(const char *rel);
/* Parse `json` as a rule set; returns the status, message in err. */
int test_parse_ruleset(const char *json, struct tpp_error *err);

#endif
