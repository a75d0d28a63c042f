/* The knowledge base: the shipped data, validation of every rule in
 * docs/knowledge-base.md, and lookup by name, prefix and PCI ID.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/kb.h"
#include "classify/part_inputs.h"
#include "tests/support/testutil.h"

static struct kb shipped;
static struct data_set shipped_data;

static int setup(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	if (data_set_load(&shipped_data, NULL, &err) || kb_load(&shipped, &shipped_data, &err)) {
		print_error("loading the shipped knowledge base: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(&shipped);
	data_set_free(&shipped_data);
	return 0;
}

static const struct kb_part *part(const char *id)
{
	const struct kb_part *p = kb_find_id(&shipped, id);
	if (!p)
		fail_msg("part %s is not in the knowledge base", id);
	return p;
}

/* --- the shipped data --------------------------------------------------- */

static void test_coverage(void **state)
{
	(void)state;
	assert_true(shipped.n_parts >= 75);
	size_t with_tpp = 0;
	for (size_t i = 0; i < shipped.n_parts; i++)
		with_tpp += shipped.parts[i].tpp.known;
	assert_true(with_tpp >= 60);
	static const char *const must[] = { "nvidia-v100-sxm2-32gb", "nvidia-a100-sxm4-80gb", "nvidia-a800-sxm4-80gb",
		"nvidia-a800-pcie-80gb", "nvidia-h100-sxm5-80gb", "nvidia-h100-pcie-80gb", "nvidia-h100-nvl",
		"nvidia-h800-sxm5", "nvidia-h800-pcie-80gb", "nvidia-h20", "nvidia-h200-sxm-141gb", "nvidia-h200-nvl",
		"nvidia-gh200-96gb", "nvidia-b200", "nvidia-b300", "nvidia-gb300", "nvidia-l20", "nvidia-l2",
		"nvidia-a2", "nvidia-a10", "nvidia-a16", "nvidia-a30", "nvidia-a40", "nvidia-l4", "nvidia-l40",
		"nvidia-l40s", "nvidia-geforce-rtx-3090", "nvidia-geforce-rtx-4090", "nvidia-geforce-rtx-4090-d",
		"nvidia-geforce-rtx-5090", "nvidia-geforce-rtx-5090-d", "nvidia-geforce-rtx-5090-d-v2",
		"nvidia-rtx-6000-ada", "nvidia-rtx-pro-6000-blackwell-ws", "amd-mi100", "amd-mi210", "amd-mi250",
		"amd-mi250x", "amd-mi300x", "amd-mi300a", "amd-mi308x", "amd-mi325x", "amd-mi350x", "amd-mi355x",
		"amd-rx-7900-xtx", "amd-radeon-pro-w7900", "intel-gaudi2-hl225h", "intel-gaudi2-hl225b",
		"intel-gaudi3-hl325l", "intel-max-1100", "intel-max-1550", "huawei-ascend-910a", "huawei-ascend-910b2",
		"huawei-ascend-910c", "cambricon-mlu370-x8", "cambricon-mlu590", "moorethreads-mtt-s4000", "biren-br100",
		"biren-br104" };
	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		part(must[i]);
}

/* Independent of the loader's own check: recompute each TPP by hand. */
static void test_every_tpp_is_the_max_of_its_figures(void **state)
{
	(void)state;
	for (size_t i = 0; i < shipped.n_parts; i++) {
		const struct kb_part *p = &shipped.parts[i];
		double sum[PREC_COUNT] = { 0 }, best = -1;
		for (size_t k = 0; k < p->n_figures; k++)
			sum[p->figures[k].precision] += p->figures[k].sparse ? p->figures[k].tops / 2 : p->figures[k].tops;
		for (int pr = 0; pr < PREC_COUNT; pr++)
			if (sum[pr] * tpp_precision_bits(pr) > best)
				best = sum[pr] * tpp_precision_bits(pr);
		if (p->n_figures == 0) {
			assert_false(p->tpp.known);
			assert_false(p->tpp_declared.known);
			continue;
		}
		if (fabs(best - p->tpp.tpp) > 1e-9 * best || fabs(best - p->tpp_declared.value) > 5e-4 * best)
			fail_msg("%s: max(figure x bits) = %g, computed %g, declared %g", p->id, best, p->tpp.tpp,
				 p->tpp_declared.value);
	}
}

static void test_every_part_is_sourced(void **state)
{
	(void)state;
	for (size_t i = 0; i < shipped.n_parts; i++) {
		const struct kb_part *p = &shipped.parts[i];
		for (size_t k = 0; k < p->n_figures; k++)
			if (!p->figures[k].q.n_sources)
				fail_msg("%s: throughput[%zu] has no source", p->id, k);
		if (p->area.known)
			for (size_t k = 0; k < p->n_dies; k++)
				if (p->dies[k].area_mm2.known && !p->dies[k].area_mm2.n_sources &&
				    !p->dies[k].area_mm2.derived)
					fail_msg("%s: die %zu area has no source", p->id, k);
		assert_non_null(p->datacenter_evidence);
		assert_true(p->n_pci > 0 || p->n_notes > 0);   /* no IDs must be explained */
	}
}

/* The published cases the issue names, under the rules in force now. */
static void expect_verdict(const struct rule_catalog *cat, const char *rules, const char *id, const char *eccn,
			   const char *paragraph, const char *exception, const char *excluded)
{
	const struct ruleset *rs = rule_catalog_find(cat, rules);
	assert_non_null(rs);
	struct class_input in;
	struct classification cl;
	struct tpp_error err = { 0 };
	part_class_input(part(id), 2026, &in);
	if (classify_evaluate(rs, &in, &cl, &err))
		fail_msg("%s: %s", id, err.msg);
	const char *got = cl.status == CLASS_UNDETERMINED ? "undetermined" : cl.eccn ? cl.eccn : "none";
	if (strcmp(got, eccn))
		fail_msg("%s under %s: ECCN %s, expected %s", id, rules, got, eccn);
	bool found_para = paragraph == NULL, found_exc = exception == NULL;
	for (size_t i = 0; i < cl.n_results; i++) {
		const struct para_result *r = &cl.results[i];
		if (paragraph && r->status == PS_MET && !strcmp(r->para->id, paragraph))
			found_para = true;
		if (exception && r->status == PS_MET && !strcmp(r->para->id, exception))
			found_exc = true;
	}
	if (!found_para)
		fail_msg("%s under %s: paragraph %s not met", id, rules, paragraph);
	if (!found_exc)
		fail_msg("%s under %s: exception %s not available", id, rules, exception);
	if (excluded && (!cl.excluded_by || strcmp(cl.excluded_by->id, excluded)))
		fail_msg("%s under %s: expected exclusion by %s", id, rules, excluded);
	classification_free(&cl);
}

static void test_published_cases(void **state)
{
	(void)state;
	struct rule_catalog cat;
	struct data_set ds;
	test_load_catalog(&cat, &ds);
	expect_verdict(&cat, "2026-01-15", "nvidia-a100-sxm4-80gb", "3A090.a", "3A090.a.1", NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-a800-sxm4-80gb", "3A090.a", "3A090.a.1", NULL, NULL);
	expect_verdict(&cat, "2022-10-07", "nvidia-a800-sxm4-80gb", "none", NULL, NULL, NULL);
	expect_verdict(&cat, "2022-10-07", "nvidia-a100-sxm4-80gb", "3A090.a", "3A090.a", NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-h800-sxm5", "3A090.a", "3A090.a.1", NULL, NULL);
	expect_verdict(&cat, "2022-10-07", "nvidia-h800-sxm5", "none", NULL, NULL, NULL);
	expect_verdict(&cat, "2022-10-07", "nvidia-h100-sxm5-80gb", "3A090.a", "3A090.a", NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-h20", "none", NULL, NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-geforce-rtx-4090", "3A090.a", "3A090.a.1", "NAC", NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-geforce-rtx-4090", "3A090.a", "3A090.a.1", "ACA", NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-geforce-rtx-4090-d", "none", NULL, NULL, "Note 2 to 3A090");
	expect_verdict(&cat, "2026-01-15", "nvidia-l4", "3A090.a", "3A090.a.2", NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-l40", "3A090.b", "3A090.b.1", "NAC", NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-h100-sxm5-80gb", "3A090.a", "3A090.a.1", NULL, NULL);
	expect_verdict(&cat, "2026-01-15", "nvidia-h200-sxm-141gb", "3A090.a", "3A090.a.1",
		       "China/Macau case-by-case review", NULL);
	/* 3A090.a and 3A090.b.2 parameters; .b is "n.e.s.", so no NAC for a datacenter part */
	expect_verdict(&cat, "2026-01-15", "amd-mi250x", "3A090.a", "3A090.a.1", NULL, NULL);
	{
		struct class_input in;
		struct classification cl;
		struct tpp_error err = { 0 };
		part_class_input(part("amd-mi250x"), 2026, &in);
		assert_int_equal(classify_evaluate(rule_catalog_find(&cat, "2026-01-15"), &in, &cl, &err), 0);
		for (size_t i = 0; i < cl.n_results; i++)
			if (cl.results[i].para->kind == PARA_EXCEPTION && cl.results[i].status == PS_MET)
				fail_msg("MI250X: exception %s must not apply", cl.results[i].para->id);
		classification_free(&cl);
	}
	rule_catalog_free(&cat);
	data_set_free(&ds);

	/* H20: TPP 2368 from FP8 296 x 8, PD 2368 / 814 */
	const struct kb_part *h20 = part("nvidia-h20");
	assert_float_equal(h20->tpp.tpp, 2368, 1e-9);
	assert_true(h20->pd_known);
	assert_float_equal(h20->pd, 2368.0 / 814.0, 1e-9);
}

static void test_package_figures(void **state)
{
	(void)state;
	const struct kb_part *p = part("amd-mi250x");
	assert_int_equal(p->package_functions, 2);
	assert_float_equal(kb_per_function(p, p->tpp.tpp), p->tpp.tpp / 2, 1e-9);
	const struct kb_part *h = part("nvidia-h100-sxm5-80gb");
	assert_float_equal(kb_per_function(h, h->tpp.tpp), h->tpp.tpp, 0);
}

/* --- lookup --------------------------------------------------------------- */

static void expect_name(const char *q, enum kb_lookup want, const char *id)
{
	const struct kb_part *found[16];
	size_t n;
	enum kb_lookup r = kb_lookup_name(&shipped, q, found, 16, &n);
	if (r != want)
		fail_msg("lookup '%s': result %d, expected %d (%zu found)", q, r, want, n);
	if (id && strcmp(found[0]->id, id))
		fail_msg("lookup '%s': %s, expected %s", q, found[0]->id, id);
}

static void test_lookup_names(void **state)
{
	(void)state;
	expect_name("MI250", KB_LOOKUP_EXACT, "amd-mi250");        /* never MI250X */
	expect_name("mi250x", KB_LOOKUP_EXACT, "amd-mi250x");
	expect_name("MI25", KB_LOOKUP_AMBIGUOUS, NULL);
	expect_name("H20", KB_LOOKUP_EXACT, "nvidia-h20");
	expect_name("h100", KB_LOOKUP_EXACT, "nvidia-h100-sxm5-80gb");
	expect_name("A800", KB_LOOKUP_EXACT, "nvidia-a800-sxm4-80gb");
	expect_name("nvidia-l40s", KB_LOOKUP_EXACT, "nvidia-l40s");
	expect_name("NVIDIA H20", KB_LOOKUP_EXACT, "nvidia-h20");
	expect_name("Instinct MI300X", KB_LOOKUP_EXACT, "amd-mi300x");   /* name without the vendor */
	expect_name("nvidia-geforce-rtx-509", KB_LOOKUP_AMBIGUOUS, NULL);
	expect_name("nvidia-geforce-rtx-5090-d-", KB_LOOKUP_PREFIX, "nvidia-geforce-rtx-5090-d-v2");
	expect_name("no such part", KB_LOOKUP_NONE, NULL);
	expect_name("", KB_LOOKUP_NONE, NULL);
}

static void test_lookup_pci(void **state)
{
	(void)state;
	const struct kb_part *p, *cand[8];
	size_t n;
	assert_int_equal(kb_match_pci(&shipped, 0x10de, 0x2329, false, 0, 0, &p, cand, 8, &n), KB_MATCH_DEVICE);
	assert_string_equal(p->id, "nvidia-h20");
	/* A2 and A16 share 25b6; only the subsystem tells them apart. */
	assert_int_equal(kb_match_pci(&shipped, 0x10de, 0x25b6, true, 0x10de, 0x14a9, &p, cand, 8, &n),
			 KB_MATCH_SUBSYSTEM);
	assert_string_equal(p->id, "nvidia-a16");
	assert_int_equal(kb_match_pci(&shipped, 0x10de, 0x25b6, true, 0x10de, 0x157e, &p, cand, 8, &n),
			 KB_MATCH_SUBSYSTEM);
	assert_string_equal(p->id, "nvidia-a2");
	assert_int_equal(kb_match_pci(&shipped, 0x10de, 0x25b6, false, 0, 0, &p, cand, 8, &n), KB_MATCH_AMBIGUOUS);
	assert_int_equal(n, 2);
	assert_int_equal(kb_match_pci(&shipped, 0x10de, 0x25b6, true, 0x1234, 0x5678, &p, cand, 8, &n),
			 KB_MATCH_AMBIGUOUS);
	assert_int_equal(kb_match_pci(&shipped, 0x1234, 0x5678, false, 0, 0, &p, cand, 8, &n), KB_MATCH_NONE);
	assert_true(kb_is_known_pci(&shipped, 0x1da3, 0x1020));
	assert_false(kb_is_known_pci(&shipped, 0x10de, 0x22a3));   /* NVSwitch */

	struct kb_pci_key k;
	assert_true(kb_parse_pci_query("10DE:2329", &k));
	assert_int_equal(k.vendor, 0x10de);
	assert_false(k.has_subsys);
	assert_true(kb_parse_pci_query("10de:25b6:10de:14a9", &k));
	assert_true(k.has_subsys);
	assert_int_equal(k.subsys_device, 0x14a9);
	static const char *const bad[] = { "10de:23", "10de:2329:10de", "10de:2329:10de:14a", "10dg:2329",
		"10de::2329", "10de:2329:", "10de:2329:10de:14a9:0" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (kb_parse_pci_query(bad[i], &k))
			fail_msg("'%s' parsed as a PCI ID", bad[i]);
	assert_true(kb_looks_like_pci_query("10de:23"));
	assert_false(kb_looks_like_pci_query("H100"));
}

/* --- validation: each rule of docs/knowledge-base.md can fail ------------ */

#define GOOD_KB \
	"{\"schema\": 1, \"vendor\": \"acme\", \"vendor_name\": \"ACME\", \"pci_vendor_ids\": [\"1234\"]," \
	" \"revised\": \"2026-01-01\"," \
	" \"sources\": {\"ds\": {\"title\": \"ACME X1 datasheet\", \"url\": \"https://example.com/x1\", \"kind\": \"datasheet\"}}," \
	" \"architectures\": [{\"id\": \"acme-a\", \"name\": \"A\", \"unit\": \"core\"," \
	"   \"rates\": {\"fp16\": {\"value\": 1000, \"source\": \"ds\"}}," \
	"   \"check\": [{\"part\": \"acme-x1\", \"precision\": \"fp16\"}]}]," \
	" \"parts\": [" \
	"  {\"id\": \"acme-x1\", \"name\": \"ACME X1\", \"aliases\": [\"X1\"], \"architecture\": \"acme-a\"," \
	"   \"pci\": [{\"vendor\": \"1234\", \"device\": \"0001\", \"source\": \"ds\"}]," \
	"   \"datacenter\": {\"value\": true, \"evidence\": \"server card\", \"source\": \"ds\"}," \
	"   \"dies\": [{\"name\": \"x\", \"role\": \"compute\", \"count\": 1, \"logic\": true, \"nonplanar\": true," \
	"     \"area_mm2\": {\"value\": 500, \"source\": \"ds\"}}]," \
	"   \"transistors\": null, \"memory\": null, \"interconnect\": null," \
	"   \"units\": {\"kind\": \"core\", \"count\": {\"value\": 100, \"source\": \"ds\"}}," \
	"   \"clock_mhz\": {\"value\": 2000, \"source\": \"ds\"}," \
	"   \"throughput\": [{\"precision\": \"fp16\", \"tops\": 200, \"sparse\": false, \"source\": \"ds\"}]," \
	"   \"tpp\": {\"value\": 3200, \"precision\": \"fp16\", \"derived\": \"200 x 16\"}," \
	"   \"cap\": null, \"package\": null, \"confidence\": \"high\", \"notes\": []}," \
	"  {\"id\": \"acme-x2\", \"name\": \"ACME X2\", \"aliases\": [\"X2\"], \"architecture\": null," \
	"   \"pci\": [{\"vendor\": \"1234\", \"device\": \"0002\", \"source\": \"ds\"}]," \
	"   \"datacenter\": {\"value\": null, \"evidence\": \"unclear\", \"source\": \"ds\"}," \
	"   \"dies\": [], \"transistors\": null, \"memory\": null, \"interconnect\": null," \
	"   \"throughput\": [], \"tpp\": null, \"cap\": null, \"package\": null, \"confidence\": \"low\"," \
	"   \"searched\": \"ACME site, 2026-12: no figures\", \"notes\": [\"no figures\"]}]}"

static int load_text(const char *json, struct kb *kb, struct tpp_error *err)
{
	struct data_file f = { "devices/acme.json", json, strlen(json) };
	struct data_set ds = { .files = &f, .n = 1, .origin = "test" };
	tpp_error_clear(err);
	return kb_load(kb, &ds, err);
}

/* Replace the first occurrence of `from` in `base` by `to` (malloc'd). */
static char *replace(const char *base, const char *from, const char *to)
{
	const char *at = strstr(base, from);
	if (!at)
		fail_msg("mutation anchor '%s' not in the base file", from);
	size_t n = strlen(base) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return out;
}

static char *mutate(const char *from, const char *to)
{
	return replace(GOOD_KB, from, to);
}

static void test_valid_minimal(void **state)
{
	(void)state;
	struct kb kb;
	struct tpp_error err;
	if (load_text(GOOD_KB, &kb, &err))
		fail_msg("valid file rejected: %s", err.msg);
	assert_int_equal(kb.n_parts, 2);
	const struct kb_part *x1 = kb_find_id(&kb, "acme-x1");
	assert_float_equal(x1->tpp.tpp, 3200, 0);
	assert_float_equal(x1->pd, 6.4, 1e-12);
	assert_false(kb_find_id(&kb, "acme-x2")->tpp.known);
	kb_free(&kb);
}

static void test_invalid(void **state)
{
	(void)state;
	static const struct { const char *name, *from, *to, *expect; } cases[] = {
		{ "missing source", "\"tops\": 200, \"sparse\": false, \"source\": \"ds\"", "\"tops\": 200, \"sparse\": false",
		  "parts[0].throughput[0].source: missing" },
		{ "unknown source key", "\"evidence\": \"server card\", \"source\": \"ds\"",
		  "\"evidence\": \"server card\", \"source\": \"nope\"", "'nope' is not defined in \"sources\"" },
		{ "unused source", "\"kind\": \"datasheet\"}}", "\"kind\": \"datasheet\"}, \"extra\": {\"title\": \"t\", \"url\": \"u\", \"kind\": \"press\"}}",
		  "sources.extra: defined but never cited" },
		{ "TPP mismatch", "{\"value\": 3200, \"precision\"", "{\"value\": 3300, \"precision\"",
		  "parts[0].tpp: declared 3300, but the row's own figures give 3200" },
		{ "TPP without figures", "\"throughput\": [], \"tpp\": null", "\"throughput\": [], \"tpp\": {\"value\": 1, \"precision\": \"fp8\", \"derived\": \"x\"}",
		  "parts[1].tpp: is 1 but there is no throughput figure" },
		{ "architecture 2%", "\"clock_mhz\": {\"value\": 2000", "\"clock_mhz\": {\"value\": 2100",
		  "acme-x1: 100 core x 2100 MHz x 1000 (acme-a, fp16) = 210 dense TOPS, but the row's fp16 figure is 200" },
		{ "duplicate PCI key", "\"device\": \"0002\"", "\"device\": \"0001\"", "PCI key 1234:0001 is also claimed by part acme-x1" },
		{ "alias collision", "\"aliases\": [\"X2\"]", "\"aliases\": [\"x1\"]", "name or alias 'x1' also names part acme-x1" },
		{ "duplicate id", "\"id\": \"acme-x2\"", "\"id\": \"acme-x1\"", "part id 'acme-x1' is also used" },
		{ "bad precision", "\"precision\": \"fp16\", \"tops\"", "\"precision\": \"fp12\", \"tops\"",
		  "'fp12' is not a precision" },
		{ "bad hex", "\"device\": \"0001\"", "\"device\": \"0x01\"", "pci[0].device: '0x01' is not four lower-case hex digits" },
		{ "foreign vendor id", "\"vendor\": \"1234\", \"device\": \"0001\"", "\"vendor\": \"10de\", \"device\": \"0001\"",
		  "10de is not one of this file's pci_vendor_ids" },
		{ "negative area", "{\"value\": 500, \"source\"", "{\"value\": -5, \"source\"", "value -5 is negative" },
		{ "bare number", "\"clock_mhz\": {\"value\": 2000, \"source\": \"ds\"}", "\"clock_mhz\": 2000",
		  "parts[0].clock_mhz: must be a quantity object" },
		{ "unknown member", "\"confidence\": \"high\"", "\"confidence\": \"high\", \"colour\": \"green\"",
		  "parts[0].colour: unknown member" },
		{ "bad confidence", "\"confidence\": \"high\"", "\"confidence\": \"sure\"", "must be high, medium or low" },
		{ "unknown architecture", "\"architecture\": \"acme-a\"", "\"architecture\": \"acme-b\"",
		  "architecture 'acme-b' is not defined" },
		{ "check on missing part", "{\"part\": \"acme-x1\", \"precision\": \"fp16\"}", "{\"part\": \"acme-x9\", \"precision\": \"fp16\"}",
		  "part 'acme-x9' names no known part" },
		{ "bad cap kind", "\"cap\": null, \"package\": null, \"confidence\": \"high\"",
		  "\"cap\": {\"kind\": \"magic\", \"reason\": \"r\", \"source\": \"ds\"}, \"package\": null, \"confidence\": \"high\"",
		  "'magic' is not a cap kind" },
		{ "syntax", "\"schema\": 1,", "\"schema\": 1,,", "devices/acme.json:1:" },
		{ "die count 0", "\"count\": 1, \"logic\"", "\"count\": 0, \"logic\"", "dies[0].count: must be a whole number from 1" },
		{ "unknown TPP without searched", "\"searched\": \"ACME site, 2026-12: no figures\", ", "",
		  "part acme-x2: TPP is unknown, so the row needs \"searched\"" },
		{ "bad bound", "\"cap\": null, \"package\": null, \"confidence\": \"low\"",
		  "\"cap\": null, \"package\": null, \"bounds\": {\"tpp_min\": 5}, \"confidence\": \"low\"",
		  "parts[1].bounds.tpp_min: must be a quantity object" },
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *json = mutate(cases[i].from, cases[i].to);
		struct kb kb;
		struct tpp_error err;
		int rc = load_text(json, &kb, &err);
		free(json);
		if (rc == 0) {
			print_error("case '%s': accepted\n", cases[i].name);
			kb_free(&kb);
			failures++;
		} else if (err.status != TPP_EX_DATAERR || !strstr(err.msg, cases[i].expect) ||
			   !strstr(err.msg, "devices/acme.json")) {
			print_error("case '%s': status %d message '%s' (expected '%s')\n", cases[i].name, err.status,
				    err.msg, cases[i].expect);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

/* A part running at half the architecture rate fails the 2 % check until
 * it records the cap. */
static void test_cap_allows_reduced_rate(void **state)
{
	(void)state;
	char *a = mutate("\"tops\": 200,", "\"tops\": 100,");
	char *half = replace(a, "{\"value\": 3200", "{\"value\": 1600");
	struct kb kb;
	struct tpp_error err;
	assert_int_equal(load_text(half, &kb, &err), -1);
	assert_non_null(strstr(err.msg, "or record a cap"));
	char *capped = replace(half, "\"cap\": null",
			       "\"cap\": {\"kind\": \"rate_factor\", \"factor\": 0.5, \"reason\": \"fused\", \"source\": \"ds\"}");
	if (load_text(capped, &kb, &err))
		fail_msg("capped part rejected: %s", err.msg);
	assert_int_equal(kb_find_id(&kb, "acme-x1")->cap.kind, KB_CAP_RATE_FACTOR);
	kb_free(&kb);
	free(a);
	free(half);
	free(capped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_every_tpp_is_the_max_of_its_figures),
		cmocka_unit_test(test_every_part_is_sourced),
		cmocka_unit_test(test_published_cases),
		cmocka_unit_test(test_package_figures),
		cmocka_unit_test(test_lookup_names),
		cmocka_unit_test(test_lookup_pci),
		cmocka_unit_test(test_valid_minimal),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_cap_allows_reduced_rate),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
