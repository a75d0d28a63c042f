/* Fleet computations: grouped totals and Diffusion shares, changes
 * between scans, and the verdict cache against direct evaluation.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/diffusion.h"
#include "classify/fleet_changes.h"
#include "classify/fleet_summary.h"
#include "classify/verdict_cache.h"
#include "tests/support/testutil.h"

static struct fleet_device dev(const char *slot, const char *part, enum fleet_status st, const char *eccn, double tpp)
{
	struct fleet_device d = { .status = st, .tpp_known = tpp >= 0, .tpp = tpp };
	snprintf(d.slot, sizeof(d.slot), "%s", slot);
	snprintf(d.part, sizeof(d.part), "%s", part);
	snprintf(d.eccn, sizeof(d.eccn), "%s", eccn);
	snprintf(d.label, sizeof(d.label), "%s", *eccn ? eccn : st == FLEET_UNDETERMINED ? "undetermined" : "not 3A090");
	snprintf(d.rule_set, sizeof(d.rule_set), "2026-01-15");
	snprintf(d.vendor_id, sizeof(d.vendor_id), "10de");
	snprintf(d.device_id, sizeof(d.device_id), "2330");
	return d;
}

static struct fleet_scan scan_of(const char *host, const char *site, const char *cc, struct fleet_device *d, size_t n)
{
	struct fleet_scan s = { .dev = d, .n = n };
	snprintf(s.labels.host_id, sizeof(s.labels.host_id), "%s", host);
	snprintf(s.labels.site, sizeof(s.labels.site), "%s", site);
	snprintf(s.labels.country, sizeof(s.labels.country), "%s", cc);
	snprintf(s.labels.scan_time, sizeof(s.labels.scan_time), "2026-11-22T10:00:00Z");
	return s;
}

/* The shipped data with the Diffusion figures built for one day. */
struct diff_env {
	struct data_set ds;
	struct dest_data dest;
	struct lic_data lic;
	struct diffusion d;
};

static void load_diffusion(struct diff_env *e, const char *day)
{
	struct tpp_error err = { 0 };
	tpp_date date;
	assert_true(tpp_date_parse(day, &date));
	if (data_set_load(&e->ds, NULL, &err) || dest_load(&e->dest, &e->ds, &err) ||
	    lic_load(&e->lic, &e->ds, &e->dest, &err) || diffusion_build(&e->d, &e->lic, &e->dest, date, &err))
		fail_msg("%s", err.msg);
}

static void free_diffusion(struct diff_env *e)
{
	diffusion_free(&e->d);
	lic_free(&e->lic);
	dest_free(&e->dest);
	data_set_free(&e->ds);
}

static const struct fleet_group *group(const struct fleet_groups *g, const char *v0, const char *v1)
{
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->g[i].values[0], v0) && (!v1 || !strcmp(g->g[i].values[1], v1)))
			return &g->g[i];
	fail_msg("no group %s/%s", v0, v1 ? v1 : "");
	return NULL;
}

static void test_summary_groups(void **state)
{
	(void)state;
	struct diff_env e;
	struct tpp_error err = { 0 };
	load_diffusion(&e, "2026-11-22");
	struct diffusion d = e.d;
	assert_true(d.h100_tpp == 15832);
	struct fleet_device a[] = { dev("0000:01:00.0", "nvidia-h100-sxm5-80gb", FLEET_CONTROLLED, "3A090.a", 15832),
		dev("0000:02:00.0", "nvidia-h100-sxm5-80gb", FLEET_CONTROLLED, "3A090.a", 15832),
		dev("0000:03:00.0", "aspeed-ast-graphics", FLEET_NOT_CONTROLLED, "", 0),
		dev("0000:04:00.0", "", FLEET_UNDETERMINED, "", -1) };
	a[2].display_only = true;
	struct fleet_device b[] = { dev("0000:01:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368) };
	enum fleet_dim by[] = { FLEET_BY_SITE, FLEET_BY_PART };
	struct fleet_summary s;
	fleet_summary_init(&s, by, 2, &d, true);
	struct fleet_scan s1 = scan_of("h1", "fra1", "DE", a, 4), s2 = scan_of("h2", "fra1", "SG", b, 1);
	struct fleet_scan s3 = scan_of("h3", "sin1", "SG", a, 2);
	assert_int_equal(fleet_summary_add(&s, &s1, &err), 0);
	assert_int_equal(fleet_summary_add(&s, &s2, &err), 0);
	assert_int_equal(fleet_summary_add(&s, &s3, &err), 0);
	assert_int_equal(s.scans, 3);
	assert_int_equal(s.display_only, 1);
	assert_int_equal(s.total.devices, 6);
	assert_int_equal(s.total.hosts, 3);
	assert_true(s.total.tpp == 4 * 15832 + 2368);
	assert_int_equal(s.total.tpp_unknown, 1);
	assert_int_equal(s.total.undetermined, 1);
	const struct fleet_group *g = group(&s.groups, "fra1", "nvidia-h100-sxm5-80gb");
	assert_int_equal(g->s.hosts, 1);   /* two devices of one scan count its host once */
	assert_int_equal(g->s.devices, 2);
	assert_true(g->s.controlled_tpp == 2 * 15832);
	g = group(&s.groups, "fra1", "pci:10de:2330");   /* an unknown part groups by its IDs */
	assert_int_equal(g->s.tpp_unknown, 1);
	/* Diffusion: DE is Tier 1 (no cap), SG Tier 2 */
	struct fleet_quota q;
	fleet_quota_of(&s, group(&s.countries, "SG", NULL), &q);
	assert_int_equal(q.tier->tier, 2);
	assert_true(q.has_share);
	assert_true(fabs(q.share - 2 * 15832 / 790000000.0) < 1e-15);
	assert_true(fabs(q.h100e - 2.0) < 1e-12);
	fleet_quota_of(&s, group(&s.countries, "DE", NULL), &q);
	assert_int_equal(q.tier->tier, 1);
	assert_false(q.has_share);
	const struct fleet_group **sorted = fleet_groups_sorted(&s.groups);
	assert_string_equal(sorted[0]->values[0], "fra1");
	assert_string_equal(sorted[s.groups.n - 1]->values[0], "sin1");
	free(sorted);
	fleet_summary_free(&s);
	free_diffusion(&e);
}

/* The tiers are the country groups of the day: Cyprus left D:5 on
 * 2024-05-30 and Cambodia on 2026-02-03, so both were Tier 3 before and
 * are Tier 2 after; Hong Kong is China's tier, and says so. */
static void test_diffusion_tiers_dated(void **state)
{
	(void)state;
	struct diff_env now, before;
	load_diffusion(&now, "2026-11-22");
	load_diffusion(&before, "2025-06-01");
	assert_int_equal(diffusion_tier_of(&before.d, "CY")->tier, 2);
	assert_int_equal(diffusion_tier_of(&before.d, "KH")->tier, 3);
	assert_int_equal(diffusion_tier_of(&now.d, "KH")->tier, 2);
	assert_int_equal(diffusion_tier_of(&now.d, "CN")->tier, 3);
	assert_int_equal(diffusion_tier_of(&now.d, "MO")->tier, 3);
	assert_int_equal(diffusion_tier_of(&now.d, "de")->tier, 1);
	assert_int_equal(diffusion_tier_of(&now.d, "US")->tier, 1);
	assert_int_equal(diffusion_tier_of(&now.d, "IN")->tier, 2);
	const struct diffusion_tier *hk = diffusion_tier_of(&now.d, "HK");
	assert_int_equal(hk->tier, 3);
	assert_non_null(diffusion_uncertain(&now.d, hk, "HK"));
	assert_null(diffusion_uncertain(&now.d, diffusion_tier_of(&now.d, "CN"), "CN"));
	assert_null(diffusion_tier_of(&now.d, ""));
	assert_null(diffusion_tier_of(&now.d, "XX"));   /* not a country the data knows */
	assert_true(diffusion_counts(&now.d, "3A090.a"));
	assert_false(diffusion_counts(&now.d, "3A090.b"));
	assert_true(now.d.tiers[1].has_cap && now.d.tiers[1].cap_tpp == 790000000);
	free_diffusion(&before);
	free_diffusion(&now);
}

/* The quota figures are checked when the licence data loads. */
static void test_diffusion_data_checked(void **state)
{
	(void)state;
	struct data_set ds, bad;
	struct dest_data dest;
	struct lic_data lic;
	struct tpp_error err = { 0 };
	assert_int_equal(data_set_load(&ds, NULL, &err), 0);
	assert_int_equal(dest_load(&dest, &ds, &err), 0);
	bad = ds;
	bad.files = calloc(ds.n, sizeof(*bad.files));
	assert_non_null(bad.files);
	char *text = NULL;
	for (size_t i = 0; i < ds.n; i++) {
		bad.files[i] = ds.files[i];
		if (!strstr(ds.files[i].path, "destinations/licence.json"))
			continue;
		json_t *root = json_loadb(ds.files[i].data, ds.files[i].len, 0, NULL);
		json_t *q = json_object_get(json_object_get(root, "diffusion"), "quotas");
		json_object_set_new(json_object_get(q, "h100_equivalent_tpp"), "value", json_integer(0));
		text = json_dumps(root, 0);
		json_decref(root);
		bad.files[i].data = text;
		bad.files[i].len = strlen(text);
	}
	assert_non_null(text);
	assert_int_equal(lic_load(&lic, &bad, &dest, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_non_null(strstr(err.msg, "diffusion.quotas.h100_equivalent_tpp: value must be positive"));
	free(text);
	free(bad.files);
	dest_free(&dest);
	data_set_free(&ds);
}

struct changes_log {
	char text[2048];
};

static int log_change(void *arg, const struct fleet_scan *prev, const struct fleet_scan *cur,
		      const struct fleet_change *ch, struct tpp_error *err)
{
	(void)prev;
	(void)cur;
	(void)err;
	struct changes_log *l = arg;
	snprintf(l->text + strlen(l->text), sizeof(l->text) - strlen(l->text), "%s %s [%s] [%s]\n",
		 fleet_change_name(ch->kind), ch->slot, ch->was, ch->now);
	return 0;
}

static void test_changes(void **state)
{
	(void)state;
	struct fleet_device a[] = { dev("0000:01:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368),
		dev("0000:02:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368),
		dev("0000:03:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368) };
	struct fleet_device b[] = { dev("0000:01:00.0", "nvidia-h100-sxm5-80gb", FLEET_CONTROLLED, "3A090.a", 15832),
		dev("0000:03:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368),
		dev("0000:04:00.0", "nvidia-h20", FLEET_NOT_CONTROLLED, "", 2368) };
	snprintf(a[2].uuid, sizeof(a[2].uuid), "GPU-1");
	snprintf(b[1].uuid, sizeof(b[1].uuid), "GPU-2");
	snprintf(a[2].vbios, sizeof(a[2].vbios), "1.0");   /* known, then unknown: not a change */
	snprintf(b[1].flags, sizeof(b[1].flags), "rom-mismatch;name-mismatch");
	snprintf(a[2].flags, sizeof(a[2].flags), "name-mismatch");
	struct fleet_scan p = scan_of("h", "fra1", "DE", a, 3), c = scan_of("h", "fra2", "DE", b, 3);
	struct changes_log l = { "" };
	struct tpp_error err = { 0 };
	assert_int_equal(fleet_changes_between(&p, &c, log_change, &l, &err), 0);
	assert_string_equal(l.text, "site  [fra1] [fra2]\n"
		"part 0000:01:00.0 [nvidia-h20 (not 3A090)] [nvidia-h100-sxm5-80gb (3A090.a)]\n"
		"verdict 0000:01:00.0 [not 3A090 (rule set 2026-01-15)] [3A090.a (rule set 2026-01-15)]\n"
		"removed 0000:02:00.0 [nvidia-h20 (not 3A090)] []\n"
		"uuid 0000:03:00.0 [GPU-1] [GPU-2]\n"
		"flag 0000:03:00.0 [] [rom-mismatch]\n"
		"added 0000:04:00.0 [] [nvidia-h20 (not 3A090)]\n");
	l.text[0] = '\0';
	assert_int_equal(fleet_changes_between(NULL, &c, log_change, &l, &err), 0);
	assert_string_equal(l.text, "first_scan  [] [3 devices]\n");
	l.text[0] = '\0';
	assert_int_equal(fleet_changes_between(&c, &c, log_change, &l, &err), 0);
	assert_string_equal(l.text, "");
}

/* --- the verdict cache gives the verdict direct evaluation gives ------------------ */

static double pick(const double *t, size_t n)
{
	int r = rand() % 4;
	double base = t[rand() % n];
	if (r == 0)
		return base;                        /* a threshold itself */
	if (r == 1)
		return base * (1 - 1e-9);           /* just below */
	if (r == 2)
		return base * (1 + 1e-9);           /* just above */
	return (double)(rand() % 30000) / (rand() % 3 ? 1 : 1000);
}

static void random_input(struct class_input *in)
{
	static const double tpp[] = { 0, 1600, 2400, 4800, 21000, 5000 }, pd[] = { 0, 1.6, 3.2, 5.92, 10 };
	static const char *const src = "declared";
	*in = (struct class_input){ .item_ic = rand() % 8 != 0, .item_hbm = rand() % 4 == 0 };
	if (rand() % 6)
		class_input_number(in, "tpp", pick(tpp, 6), src);
	else if (rand() % 2)
		class_input_range(in, "tpp", pick(tpp, 6), pick(tpp, 6) + 3000, src, "test bounds");
	if (rand() % 3)
		class_input_number(in, "pd", pick(pd, 5), src);
	else if (rand() % 2)
		class_input_range(in, "pd", pick(pd, 5), INFINITY, src, "test bounds");
	if (rand() % 3)
		class_input_bool(in, "datacenter", rand() % 2, src);
	if (rand() % 3 == 0)
		class_input_number(in, "io_bidir_gbps", rand() % 2 ? 600 : rand() % 1200, src);
	if (rand() % 3 == 0)
		class_input_number(in, "dram_bw_gbps", rand() % 2 ? 6500 : rand() % 9000, src);
	if (in->item_hbm)
		class_input_number(in, "hbm_mbd", rand() % 2 ? 2.0 : (rand() % 500) / 100.0, src);
	if (rand() % 4 == 0)
		class_input_number(in, "transistors", rand() % 2 ? 30e9 : rand() * 20.0, src);
	if (rand() % 4 == 0)
		class_input_bool(in, "has_hbm", rand() % 2, src);
	class_input_number(in, "ship_year", 2025 + rand() % 6, "as-of date");
}

static void same_verdict(const struct classification *x, const struct classification *y, int i)
{
	if (x->status != y->status || (x->eccn == NULL) != (y->eccn == NULL) || (x->eccn && strcmp(x->eccn, y->eccn)) ||
	    strcmp(classification_label(x), classification_label(y)) || x->excluded_by != y->excluded_by ||
	    x->n_results != y->n_results)
		fail_msg("input %d: cached %s, direct %s", i, classification_label(x), classification_label(y));
	for (size_t k = 0; k < x->n_results; k++)
		if (x->results[k].status != y->results[k].status || x->results[k].n_missing != y->results[k].n_missing)
			fail_msg("input %d: paragraph %s: cached %s, direct %s", i, x->results[k].para->id,
				 para_status_name(x->results[k].status), para_status_name(y->results[k].status));
}

static void test_verdict_cache_sound(void **state)
{
	(void)state;
	struct rule_catalog cat;
	struct data_set ds;
	struct tpp_error err = { 0 };
	test_load_catalog(&cat, &ds);
	srand(20261122);
	for (size_t r = 0; r < cat.n; r++) {
		const struct ruleset *rs = &cat.sets[r];
		struct assessor a;
		assert_int_equal(assessor_init(&a, NULL, rs, rs->effective, &err), 0);
		struct verdict_cache *vc = verdict_cache_new(rs);
		assert_non_null(vc);
		for (int i = 0; i < 3000; i++) {
			struct class_input in;
			random_input(&in);
			const struct classification *cached = verdict_cache_get(vc, &a, &in, &err);
			assert_non_null(cached);
			struct classification direct;
			assert_int_equal(classify_evaluate(rs, &in, &direct, &err), 0);
			same_verdict(cached, &direct, i);
			classification_free(&direct);
		}
		/* thousands of inputs, a bounded number of regions */
		assert_true(verdict_cache_regions(vc) < 3000);
		verdict_cache_free(vc);
		assessor_free(&a);
	}
	rule_catalog_free(&cat);
	data_set_free(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_groups),
		cmocka_unit_test(test_diffusion_tiers_dated),
		cmocka_unit_test(test_diffusion_data_checked),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_verdict_cache_sound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
