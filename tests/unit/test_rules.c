/* Rule-set loading: the shipped data, and every way a file can be wrong.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "classify/rules.h"
#include "tests/support/testutil.h"

/* A minimal valid rule set; the bad cases below each change one thing. */
#define HEAD \
	"{\"schema\": 1, \"id\": \"t\", \"title\": \"T\", \"citation\": \"1 FR 1\", \"fr_document\": \"x\"," \
	" \"url\": \"u\", \"published\": \"2023-01-01\", \"effective\": \"2023-01-02\", \"revised\": \"2026-01-01\"," \
	" \"summary\": \"s\", \"changes\": \"c\","
#define PARAMS \
	" \"parameters\": {\"tpp\": {\"type\": \"number\", \"description\": \"d\", \"source\": \"s\"}," \
	" \"datacenter\": {\"type\": \"boolean\", \"description\": \"d\", \"source\": \"s\"}},"
#define ORDER " \"eccn_order\": [\"3A090.a\"], \"exit_status\": {\"3A090.a\": 10},"
#define PARA(cond) \
	" \"paragraphs\": [{\"id\": \"3A090.a.1\", \"kind\": \"control\", \"eccn\": \"3A090.a\", \"title\": \"t\"," \
	" \"text\": \"x\", \"source\": \"s\", \"condition\": " cond "}]}"
#define GOOD_COND "{\"param\": \"tpp\", \"op\": \">=\", \"value\": 4800}"

static void test_minimal_valid(void **state)
{
	(void)state;
	struct tpp_error err;
	int rc = test_parse_ruleset(HEAD PARAMS ORDER PARA(GOOD_COND), &err);
	if (rc)
		fail_msg("valid rule set rejected: %s", err.msg);
}

struct bad_case {
	const char *name;
	const char *json;
	const char *expect;   /* substring of the one-line message */
};

static void test_malformed(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{ "syntax", "{\"schema\": 1,\n \"id\": }", "t.json:2:" },
		{ "not an object", "[1, 2]", "top level is not a JSON object" },
		{ "duplicate key", "{\"schema\": 1, \"schema\": 1}", "t.json:1:" },
		{ "missing id", "{\"schema\": 1}", "t.json: id: missing" },
		{ "schema version", "{\"schema\": 2}", "schema: version 2 is not supported" },
		{ "unknown member", HEAD " \"surprise\": 1," PARAMS ORDER PARA(GOOD_COND), "surprise: unknown member" },
		{ "bad date", "{\"schema\": 1, \"id\": \"t\", \"title\": \"T\", \"citation\": \"c\", \"fr_document\": \"x\","
		  " \"url\": \"u\", \"summary\": \"s\", \"changes\": \"c\", \"published\": \"2023-02-30\"}",
		  "published: '2023-02-30' is not a date" },
		{ "superseded before effective", HEAD " \"superseded\": \"2022-01-01\"," PARAMS ORDER PARA(GOOD_COND),
		  "superseded: must be later" },
		{ "unknown operator", HEAD PARAMS ORDER PARA("{\"param\": \"tpp\", \"op\": \"=>\", \"value\": 1}"),
		  "paragraphs[0].condition.op: unknown operator '=>'" },
		{ "undeclared parameter", HEAD PARAMS ORDER PARA("{\"param\": \"tops\", \"op\": \">=\", \"value\": 1}"),
		  "paragraphs[0].condition.param: 'tops' is not declared" },
		{ "value not a number", HEAD PARAMS ORDER PARA("{\"param\": \"tpp\", \"op\": \">=\", \"value\": \"4800\"}"),
		  "paragraphs[0].condition.value: must be a number" },
		{ "boolean with <", HEAD PARAMS ORDER PARA("{\"param\": \"datacenter\", \"op\": \"<\", \"value\": true}"),
		  "takes only ==" },
		{ "empty all", HEAD PARAMS ORDER PARA("{\"all\": []}"), "paragraphs[0].condition.all: must be a non-empty array" },
		{ "nested bad", HEAD PARAMS ORDER PARA("{\"all\": [" GOOD_COND ", {\"any\": [{\"param\": \"pd\", \"op\": \">\", \"value\": 1}]}]}"),
		  "paragraphs[0].condition.all[1].any[0].param: 'pd' is not declared" },
		{ "ref in control", HEAD PARAMS ORDER PARA("{\"ref\": \"3A090.a\"}"),
		  "a control paragraph may not refer to other paragraphs" },
		{ "tier not in order", HEAD PARAMS " \"eccn_order\": [\"3A090.b\"], \"exit_status\": {\"3A090.b\": 11},"
		  PARA(GOOD_COND), "eccn: '3A090.a' is not listed in eccn_order" },
		{ "negative threshold", HEAD PARAMS ORDER PARA("{\"param\": \"tpp\", \"op\": \">=\", \"value\": -4800}"),
		  "paragraphs[0].condition.value: threshold -4800 is negative" },
		{ "missing exit status", HEAD PARAMS " \"eccn_order\": [\"3A090.a\"]," PARA(GOOD_COND),
		  "exit_status: missing" },
		{ "exit status out of range", HEAD PARAMS " \"eccn_order\": [\"3A090.a\"], \"exit_status\": {\"3A090.a\": 1},"
		  PARA(GOOD_COND), "exit_status.3A090.a: must be a whole number from 10 to 19" },
		{ "exit status for another tier", HEAD PARAMS " \"eccn_order\": [\"3A090.a\"], \"exit_status\": {\"3A090.b\": 11},"
		  PARA(GOOD_COND), "exit_status.3A090.a: missing" },
		{ "bad kind", HEAD PARAMS ORDER " \"paragraphs\": [{\"id\": \"x\", \"kind\": \"rule\", \"title\": \"t\","
		  " \"text\": \"x\", \"source\": \"s\", \"condition\": " GOOD_COND "}]}", "unknown kind 'rule'" },
		{ "missing condition", HEAD PARAMS ORDER " \"paragraphs\": [{\"id\": \"x\", \"kind\": \"system\", \"title\": \"t\","
		  " \"text\": \"x\", \"source\": \"s\"}]}", "paragraphs[0].condition: missing" },
		{ "missing source", HEAD PARAMS ORDER " \"paragraphs\": [{\"id\": \"x\", \"kind\": \"system\", \"title\": \"t\","
		  " \"text\": \"x\", \"condition\": " GOOD_COND "}]}", "paragraphs[0].source: missing" },
		{ "dangling ref", HEAD PARAMS ORDER " \"paragraphs\": [{\"id\": \"x\", \"kind\": \"system\", \"title\": \"t\","
		  " \"text\": \"x\", \"source\": \"s\", \"condition\": {\"ref\": \"3A090.z\"}}]}",
		  "'3A090.z' is neither a control paragraph nor an ECCN tier" },
		{ "duplicate paragraph id", HEAD PARAMS ORDER " \"paragraphs\": ["
		  "{\"id\": \"a\", \"kind\": \"control\", \"eccn\": \"3A090.a\", \"title\": \"t\", \"text\": \"x\", \"source\": \"s\", \"condition\": " GOOD_COND "},"
		  "{\"id\": \"a\", \"kind\": \"control\", \"eccn\": \"3A090.a\", \"title\": \"t\", \"text\": \"x\", \"source\": \"s\", \"condition\": " GOOD_COND "}]}",
		  "paragraphs[1].id: 'a' is used by paragraphs[0] too" },
		{ "bad parameter type", HEAD " \"parameters\": {\"tpp\": {\"type\": \"int\", \"description\": \"d\", \"source\": \"s\"}},"
		  ORDER PARA(GOOD_COND), "parameters.tpp.type: 'int' is not a parameter type" },
		{ "too deep", HEAD PARAMS ORDER PARA("{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":" GOOD_COND "}}}}}}}}}}"),
		  "nested deeper than" },
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tpp_error err;
		int rc = test_parse_ruleset(cases[i].json, &err);
		if (rc != TPP_EX_DATAERR) {
			print_error("case '%s': status %d, expected %d (%s)\n", cases[i].name, rc, TPP_EX_DATAERR, err.msg);
			failures++;
		} else if (!strstr(err.msg, cases[i].expect)) {
			print_error("case '%s': message '%s' lacks '%s'\n", cases[i].name, err.msg, cases[i].expect);
			failures++;
		} else if (strchr(err.msg, '\n')) {
			print_error("case '%s': message is not one line\n", cases[i].name);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_shipped_catalog(void **state)
{
	(void)state;
	struct rule_catalog cat;
	struct data_set ds;
	test_load_catalog(&cat, &ds);
	static const char *const ids[] = { "2022-10-07", "2023-11-17", "2024-04-04", "2024-12-02", "2025-01-16",
		"2026-01-15" };
	assert_int_equal(cat.n, sizeof(ids) / sizeof(ids[0]));
	for (size_t i = 0; i < cat.n; i++) {
		assert_string_equal(cat.sets[i].id, ids[i]);
		/* every paragraph of every set carries a citation */
		for (size_t k = 0; k < cat.sets[i].n_paras; k++)
			assert_true(strstr(cat.sets[i].paras[k].source, "FR") != NULL ||
				    strstr(cat.sets[i].paras[k].source, "CFR") != NULL);
		assert_true(strstr(cat.sets[i].citation, " FR ") != NULL);
	}
	assert_false(cat.sets[cat.n - 1].has_superseded);
	const struct ruleset *r23 = rule_catalog_find(&cat, "2023-11-17");
	assert_non_null(r23);
	assert_non_null(ruleset_para(r23, "Note 2 to 3A090"));
	assert_null(ruleset_para(r23, "3A090.c"));
	assert_non_null(ruleset_para(rule_catalog_find(&cat, "2024-12-02"), "3A090.c"));
	assert_null(rule_catalog_find(&cat, "2023-10-25"));
	rule_catalog_free(&cat);
	data_set_free(&ds);
}

/* The chain of dates is checked across files: a gap is a data error. */
static void test_catalog_chain(void **state)
{
	(void)state;
	char dir[] = "/tmp/tppscan-rules-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/thresholds", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	const char *a = "{\"schema\": 1, \"id\": \"a\", \"title\": \"T\", \"citation\": \"1 FR 1\", \"fr_document\": \"x\","
		" \"url\": \"u\", \"published\": \"2023-01-01\", \"effective\": \"2023-01-02\", \"superseded\": \"2023-06-01\","
		" \"revised\": \"2026-01-01\", \"summary\": \"s\", \"changes\": \"c\"," PARAMS ORDER PARA(GOOD_COND);
	const char *b = "{\"schema\": 1, \"id\": \"b\", \"title\": \"T\", \"citation\": \"1 FR 1\", \"fr_document\": \"x\","
		" \"url\": \"u\", \"published\": \"2023-01-01\", \"effective\": \"2023-07-01\","
		" \"revised\": \"2026-01-01\", \"summary\": \"s\", \"changes\": \"c\"," PARAMS ORDER PARA(GOOD_COND);
	snprintf(path, sizeof(path), "%s/devices", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	/* a data set needs both folders; this test reads only the rules */
	const char *files[3][2] = { { "thresholds/a.json", a }, { "thresholds/b.json", b }, { "devices/x.json", "{}" } };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(files[i][1], f);
		fclose(f);
	}
	struct data_set ds;
	struct rule_catalog cat;
	struct tpp_error err = { 0 };
	assert_int_equal(data_set_load(&ds, dir, &err), 0);
	assert_int_equal(rule_catalog_load(&cat, &ds, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_non_null(strstr(err.msg, "a.json: superseded: must equal the effective date of"));
	data_set_free(&ds);

	tpp_error_clear(&err);
	assert_int_equal(data_set_load(&ds, "/nonexistent/dir", &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);

	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_valid),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_shipped_catalog),
		cmocka_unit_test(test_catalog_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
