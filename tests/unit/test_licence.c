/* Licence decisions over the shipped data: CSET's six worked examples under
 * every rule set from 2023-11-17 to 2025, the 2026 window for an export
 * from the US, group changes on the day before and on the day, the
 * overlays, and an undetermined part.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "classify/destinations.h"
#include "classify/licence.h"
#include "tests/support/testutil.h"

static struct rule_catalog catalog;
static struct data_set data;
static struct dest_data dest;
static struct lic_data lic;
static struct kb kb;

static int setup(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	test_load_catalog(&catalog, &data);
	if (dest_load(&dest, &data, &err) || lic_load(&lic, &data, &dest, &err) || kb_load(&kb, &data, &err))
		fail_msg("loading destinations: %s", err.msg);
	assert_true(dest.loaded && lic.loaded);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(&kb);
	lic_free(&lic);
	dest_free(&dest);
	rule_catalog_free(&catalog);
	data_set_free(&data);
	return 0;
}

struct item {
	double tpp, pd, dram;
	int datacenter;           /* -1 unknown */
	const char *part;         /* knowledge-base id for the overlays, or NULL */
};

static const struct item H100 = { 15832, 19.45, 3350, 1, NULL };
static const struct item H200 = { 15832, 19.45, 4800, 1, NULL };
static const struct item RTX4090 = { 5284.8, 8.68, 1008, 0, NULL };

/* The answer for an item shipped dest/hq/from on a date. */
static struct lic_answer decide(const struct item *it, const char *dest_cc, const char *hq, const char *from,
				const char *date)
{
	tpp_date d;
	assert_true(tpp_date_parse(date, &d));
	const struct ruleset *rs = rule_catalog_in_force(&catalog, d);
	assert_non_null(rs);
	struct class_input in = { .item_ic = true };
	if (!isnan(it->tpp))
		class_input_number(&in, "tpp", it->tpp, "test");
	if (!isnan(it->pd))
		class_input_number(&in, "pd", it->pd, "test");
	class_input_number(&in, "dram_bw_gbps", it->dram, "test");
	class_input_number(&in, "io_bidir_gbps", 1028, "test");   /* an H100 SXM's: the 2022 rule needs it */
	if (it->datacenter >= 0)
		class_input_bool(&in, "datacenter", it->datacenter == 1, "test");
	class_input_number(&in, "ship_year", tpp_date_year(d), "test");
	struct classification cl;
	struct tpp_error err = { 0 };
	assert_int_equal(classify_evaluate(rs, &in, &cl, &err), 0);
	struct lic_query q = { .date = d };
	memcpy(q.dest, dest_cc, 3);
	memcpy(q.hq, hq, 3);
	memcpy(q.from, from, 3);
	struct lic_answer a;
	assert_int_equal(lic_decide(&lic, &dest, &q, &cl, it->part ? kb_find_id(&kb, it->part) : NULL, &a, &err), 0);
	classification_free(&cl);
	a.conditions = NULL;   /* borrowed from the data; not compared */
	return a;
}

static void expect(const struct lic_answer *a, int required, const char *policy, const char *exception,
		   const char *what)
{
	if (a->required != required || (policy ? !a->policy || strcmp(a->policy, policy) : a->policy != NULL) ||
	    (exception ? !a->exception || strcmp(a->exception, exception) : a->exception != NULL))
		fail_msg("%s: required %d policy %s exception %s; expected %d %s %s (%s)", what, a->required,
			 a->policy ? a->policy : "-", a->exception ? a->exception : "-", required, policy ? policy : "-",
			 exception ? exception : "-", a->n_reasons ? a->reasons[0].text : "");
}

/* CSET (2023): the six worked examples hold under every rule set through 2025. */
static void test_cset_examples(void **state)
{
	(void)state;
	const char *dates[] = { "2023-12-01", "2024-06-01", "2024-12-10", "2025-03-01", "2025-12-31" };
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		struct lic_answer a;
		a = decide(&H100, "CN", "CN", "US", dates[i]);
		expect(&a, 1, "denial", NULL, "H100 to China");
		a = decide(&H100, "SA", "CN", "US", dates[i]);
		expect(&a, 1, "denial", NULL, "H100 to an Alibaba subsidiary in Saudi Arabia");
		a = decide(&H100, "SA", "FR", "US", dates[i]);
		expect(&a, 1, "approval", NULL, "H100 to an OVHcloud subsidiary in Saudi Arabia");
		a = decide(&H100, "DE", "CN", "US", dates[i]);
		expect(&a, 1, "case-by-case", NULL, "H100 to a Tencent subsidiary in Germany");
		a = decide(&RTX4090, "CN", "CN", "US", dates[i]);
		expect(&a, 1, "case-by-case", "NAC", "RTX 4090 to China");
		assert_true(a.notification);
		a = decide(&RTX4090, "VN", "CN", "US", dates[i]);
		expect(&a, 0, NULL, NULL, "RTX 4090 to a Baidu subsidiary in Vietnam");
		a = decide(&RTX4090, "GB", "CN", "US", dates[i]);
		expect(&a, 0, NULL, NULL, "RTX 4090 to a ByteDance subsidiary in the UK");
	}
}

/* 2026: the first example becomes case-by-case for an export from the US
 * of an item under the window's limits; not for a reexport, and not for a
 * part over the DRAM limit. */
static void test_2026_window(void **state)
{
	(void)state;
	struct lic_answer a = decide(&H200, "CN", "CN", "US", "2026-03-01");
	expect(&a, 1, "case-by-case", NULL, "H200 exported from the US to China in 2026");
	a = decide(&H200, "CN", "CN", "SG", "2026-03-01");
	expect(&a, 1, "denial", NULL, "H200 reexported from Singapore to China in 2026");
	assert_int_equal(a.ship, SHIP_REEXPORT);
	struct item fat = H200;
	fat.dram = 8000;
	a = decide(&fat, "CN", "CN", "US", "2026-03-01");
	expect(&a, 1, "denial", NULL, "a part over 6,500 GB/s to China in 2026");
	a = decide(&H200, "CN", "CN", "US", "2025-12-31");
	expect(&a, 1, "denial", NULL, "H200 to China the day before the window");
	a = decide(&H200, "CN", "CN", "CN", "2026-03-01");
	assert_int_equal(a.ship, SHIP_TRANSFER);
	expect(&a, 1, "denial", NULL, "H200 transferred within China");
}

/* Group changes: the day before, and on the day. */
static void test_group_dates(void **state)
{
	(void)state;
	/* Nicaragua into D:1/D:5 on 2024-03-15 */
	struct lic_answer a = decide(&H100, "NI", "NI", "US", "2024-03-14");
	expect(&a, 0, NULL, NULL, "H100 to Nicaragua the day before");
	a = decide(&H100, "NI", "NI", "US", "2024-03-15");
	expect(&a, 1, "denial", NULL, "H100 to Nicaragua on the day");
	/* Cambodia out of D:5 on 2026-02-03, still in D:1 */
	a = decide(&H100, "KH", "KH", "US", "2026-02-02");
	expect(&a, 1, "denial", NULL, "H100 to Cambodia the day before");
	a = decide(&H100, "KH", "KH", "US", "2026-02-03");
	expect(&a, 1, "approval", NULL, "H100 to Cambodia on the day");
	/* Macau in the 3A090 scope from 2023-01-17 (the 2022 regime) */
	a = decide(&H100, "MO", "MO", "US", "2023-01-16");
	expect(&a, 0, NULL, NULL, "H100 to Macau the day before");
	a = decide(&H100, "MO", "MO", "US", "2023-01-17");
	expect(&a, 1, "denial", NULL, "H100 to Macau on the day");
	/* Cyprus: in D:5 until 2024-05-30 but also in A:6, so never in the
	 * destination set (a Cypriot-headquartered buyer still met the
	 * headquarters rule's literal "D:5" while Cyprus was in it) */
	a = decide(&H100, "CY", "US", "US", "2024-01-01");
	expect(&a, 0, NULL, NULL, "H100 to Cyprus (D:5 and A:6) for a US company");
}

/* Overlays: the H20 before and after April 2025; an Ascend part anywhere;
 * a part that matches no overlay. */
static void test_overlays(void **state)
{
	(void)state;
	const struct item h20 = { 2368, 2.91, 4000, 1, "nvidia-h20" };
	struct lic_answer a = decide(&h20, "CN", "CN", "US", "2025-04-08");
	expect(&a, 0, NULL, NULL, "H20 to China before the letter");
	a = decide(&h20, "CN", "CN", "US", "2025-04-09");
	assert_int_equal(a.required, 1);
	bool named = false;
	for (size_t i = 0; i < a.n_reasons; i++)
		named = named || (a.reasons[i].id && !strcmp(a.reasons[i].id, "h20-is-informed"));
	assert_true(named);
	a = decide(&h20, "DE", "DE", "US", "2025-06-01");
	expect(&a, 0, NULL, NULL, "H20 to Germany");

	const struct item ascend = { 12800, NAN, 3200, 1, "huawei-ascend-910c" };
	a = decide(&ascend, "DE", "DE", "CN", "2025-06-01");
	bool gp10 = false;
	for (size_t i = 0; i < a.n_advisories; i++)
		gp10 = gp10 || !strcmp(a.advisories[i].id, "ascend-gp10");
	assert_true(gp10);

	const struct item a10 = { 2000, 3.18, 600, 1, "nvidia-a10" };
	a = decide(&a10, "CN", "CN", "US", "2026-03-01");
	expect(&a, 0, NULL, NULL, "A10 to China (no overlay)");
}

/* A part without a verdict gives no licence answer, and says why. */
static void test_undetermined(void **state)
{
	(void)state;
	const struct item unknown = { NAN, NAN, 0, 1, NULL };
	struct lic_answer a = decide(&unknown, "CN", "CN", "US", "2026-03-01");
	assert_int_equal(a.required, -1);
	assert_true(a.n_reasons > 0);
	assert_non_null(strstr(a.reasons[0].text, "undetermined"));
}

/* Country codes: any case, Hong Kong is China, unknown codes are refused. */
static void test_country_codes(void **state)
{
	(void)state;
	char out[3];
	const char *alias;
	assert_string_equal(dest_canonical(&dest, "cn", out, &alias), "CN");
	assert_string_equal(dest_canonical(&dest, "HK", out, &alias), "CN");
	assert_non_null(alias);
	assert_null(dest_canonical(&dest, "XX", out, &alias));
	assert_null(dest_canonical(&dest, "CHN", out, &alias));
	assert_null(dest_canonical(&dest, "", out, &alias));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cset_examples),
		cmocka_unit_test(test_2026_window),
		cmocka_unit_test(test_group_dates),
		cmocka_unit_test(test_overlays),
		cmocka_unit_test(test_undetermined),
		cmocka_unit_test(test_country_codes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
