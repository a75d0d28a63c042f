/* tppscan design: a SKU's metrics from its knobs and the headroom solver.
 * The compliant SKUs of regulations.md section 9.2 are reproduced from
 * their knobs (H100 SXM, the H20 as a capped H100, the A800 across rule
 * sets, the RTX 4090 D as a cut AD102, the RTX 5090 D's cap), and a
 * property test checks that every reported boundary is exact: one
 * representable step of the knob flips the comparison, the paragraph's
 * result is what the report says on each side, and nothing else moves.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/design.h"
#include "classify/design_like.h"
#include "classify/headroom.h"
#include "tests/support/testutil.h"

static struct kb kb;
static struct data_set data;
static struct rule_catalog catalog;

static int setup(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	if (data_set_load(&data, NULL, &err) || rule_catalog_load(&catalog, &data, &err) ||
	    kb_load(&kb, &data, &err)) {
		print_error("loading the shipped data: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(&kb);
	rule_catalog_free(&catalog);
	data_set_free(&data);
	return 0;
}

static const struct ruleset *rules(const char *id)
{
	const struct ruleset *rs = rule_catalog_find(&catalog, id);
	assert_non_null(rs);
	return rs;
}

static struct design_knobs from_arch(const char *arch, double units, double clock)
{
	const struct kb_arch *a = kb_find_arch(&kb, arch);
	assert_non_null(a);
	struct design_knobs k;
	design_knobs_from_arch(a, &k);
	k.units = (struct design_num){ true, units, DSRC_GIVEN };
	k.clock_mhz = (struct design_num){ true, clock, DSRC_GIVEN };
	return k;
}

static struct design_knobs like(const char *query)
{
	const struct kb_part *p[4];
	size_t n;
	assert_int_equal(kb_lookup_name(&kb, query, p, 4, &n), KB_LOOKUP_EXACT);
	struct design_knobs k;
	struct tpp_error err = { 0 };
	assert_int_equal(design_knobs_from_part(p[0], &k, &err), 0);
	return k;
}

static void set_cap(struct design_knobs *k, const char *prec, double tops)
{
	enum tpp_precision p;
	assert_true(tpp_precision_parse(prec, &p));
	assert_true(k->rate[p].known);
	k->cap[p] = (struct design_num){ true, tops, DSRC_GIVEN };
}

static void set_die(struct design_knobs *k, double area)
{
	k->n_dies = 1;
	k->dies[0] = (struct design_die){ .area_mm2 = area, .count = 1 };
}

static struct design_metrics metrics(const struct design_knobs *k)
{
	struct design_metrics m;
	struct tpp_error err = { 0 };
	assert_int_equal(design_compute(k, &m, &err), 0);
	return m;
}

static void evaluate(const char *rs, const struct design_knobs *k, struct classification *cl)
{
	struct design_metrics m = metrics(k);
	struct class_input in;
	struct tpp_error err = { 0 };
	design_ic_input(k, &m, 2026, &in);
	assert_int_equal(classify_evaluate(rules(rs), &in, cl, &err), 0);
}

static enum para_status status_of(const struct classification *cl, const char *id)
{
	for (size_t i = 0; i < cl->n_results; i++)
		if (!strcmp(cl->results[i].para->id, id))
			return cl->results[i].status;
	fail_msg("no paragraph %s", id);
	return PS_NOT_APPLICABLE;
}

/* The comparison `param op threshold` of a paragraph, as the rule set has it. */
static const struct rule_cond *find_cmp(const struct rule_cond *c, const struct ruleset *rs, const char *param,
					enum rule_op op)
{
	if (c->kind == COND_CMP)
		return !strcmp(rs->params[c->param].name, param) && c->op == op ? c : NULL;
	for (size_t i = 0; i < c->n_kids; i++) {
		const struct rule_cond *r = find_cmp(&c->kids[i], rs, param, op);
		if (r)
			return r;
	}
	return NULL;
}

static const struct headroom_entry *entry(const struct headroom *h, enum design_knob knob, int index,
					  const char *para, const char *param, enum rule_op op)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct headroom_entry *e = &h->e[i];
		if (e->knob.kind == knob && e->knob.index == index && !strcmp(e->para->id, para) &&
		    !strcmp(e->param, param) && e->cond->op == op)
			return e;
	}
	fail_msg("no headroom entry %s %s for %s", design_knob_name(knob), param, para);
	return NULL;
}

/* --- the SKUs ------------------------------------------------------------------ */

/* H100 SXM: 132 Hopper SMs at the 1830 MHz tensor clock reproduce the
 * datasheet TPP 15,832 within 0.5 %. */
static void test_h100_from_knobs(void **state)
{
	(void)state;
	struct design_knobs k = from_arch("nvidia-hopper", 132, 1830);
	set_die(&k, 814);
	struct design_metrics m = metrics(&k);
	assert_true(fabs(m.tpp.tpp / 15832 - 1) < 0.005);
	assert_true(m.tpp.ties[PREC_FP8] && m.tpp.ties[PREC_FP16]);
	assert_true(m.pd_known);
	assert_true(fabs(m.pd - m.tpp.tpp / 814) < 1e-12);
	struct classification cl;
	evaluate("2026-01-15", &k, &cl);
	assert_string_equal(cl.eccn, "3A090.a");
	assert_int_equal(status_of(&cl, "3A090.a.1"), PS_MET);
	classification_free(&cl);
}

/* The clock at which 132 Hopper SMs cross 4800 and 2400, read from the rule
 * set: TPP = 132 x 8192 x 8 x f = 8.650752 f (MHz), so 554.87 and 277.43 MHz;
 * the reported pair is two adjacent doubles with TPP either side. */
static void test_hopper_clock_crossings(void **state)
{
	(void)state;
	const struct ruleset *rs = rules("2026-01-15");
	struct design_knobs k = from_arch("nvidia-hopper", 132, 1830);
	set_die(&k, 814);
	struct headroom h;
	struct tpp_error err = { 0 };
	assert_int_equal(headroom_solve(rs, &k, 2026, &h, &err), 0);
	const struct headroom_entry *a1 = entry(&h, KNOB_CLOCK, 0, "3A090.a.1", "tpp", OP_GE);
	assert_true(a1->reachable && a1->holds_now);
	assert_true(fabs(a1->holds_at - 4800 / 8.650752) < 1e-9);
	assert_true(a1->fails_at == nextafter(a1->holds_at, 0));
	assert_true(a1->param_at_holds >= 4800 && a1->param_at_fails < 4800);
	assert_int_equal(a1->status_at_holds, PS_MET);
	assert_int_equal(a1->status_at_fails, PS_NOT_MET);
	assert_true(a1->changes_result);
	const struct headroom_entry *b1 = entry(&h, KNOB_CLOCK, 0, "3A090.b.1", "tpp", OP_GE);
	assert_true(fabs(b1->holds_at - 2400 / 8.650752) < 1e-9);
	assert_true(b1->param_at_holds >= 2400 && b1->param_at_fails < 2400);
	/* at 2400 the PD is 2.95: b.1 is met just above and not just below */
	assert_int_equal(b1->status_at_holds, PS_MET);
	assert_int_equal(b1->status_at_fails, PS_NOT_MET);
	headroom_free(&h);
}

/* The H20 as an H100 SXM with the H20's caps: TPP 2368, 1.3 % under
 * 3A090.b.1's 2400; with FP64 left uncapped the H100's FP64 alone gives
 * 66.9 x 64 = 4281.6. */
static void test_h20_as_capped_h100(void **state)
{
	(void)state;
	struct design_knobs k = like("H100 SXM5 80GB");
	assert_true(k.rate[PREC_FP64].known);
	assert_int_equal(k.rate[PREC_FP64].src, DSRC_DERIVED);
	set_cap(&k, "fp8", 296);
	set_cap(&k, "int8", 296);
	set_cap(&k, "fp16", 148);
	set_cap(&k, "bf16", 148);
	set_cap(&k, "tf32", 74);
	struct design_metrics m = metrics(&k);
	assert_true(fabs(m.tpp.tpp - 4281.6) < 0.05);
	assert_int_equal(m.tpp.precision, PREC_FP64);
	set_cap(&k, "fp64", 1);
	m = metrics(&k);
	assert_true(m.tpp.tpp == 2368);
	assert_int_equal(m.limit[PREC_FP8], LIMIT_CAP);
	struct classification cl;
	evaluate("2026-01-15", &k, &cl);
	assert_int_equal(cl.status, CLASS_NOT_CONTROLLED);
	struct nearest n;
	assert_true(classification_nearest(&cl, &n));
	assert_string_equal(n.para->id, "3A090.b.1");
	assert_true(fabs(n.unmet[0]->ratio - 2368.0 / 2400) < 1e-12);
	assert_true(fabs((1 - n.unmet[0]->ratio) * 100 - 1.33) < 0.01);
	classification_free(&cl);

	/* the FP8 cap that reaches b.1 is 300 TOPS, and it is a firmware knob */
	struct headroom h;
	struct tpp_error err = { 0 };
	assert_int_equal(headroom_solve(rules("2026-01-15"), &k, 2026, &h, &err), 0);
	const struct headroom_entry *e = entry(&h, KNOB_CAP, PREC_FP8, "3A090.b.1", "tpp", OP_GE);
	assert_true(e->reachable && !e->holds_now);
	assert_true(e->holds_at == 300);
	assert_true(e->fails_at == nextafter(300, 0));
	assert_true(e->changes_result);
	assert_string_equal(e->verdict_at_holds, "3A090.b");
	assert_false(design_knob_verifiable(KNOB_CAP));
	/* no clock reaches 2400: the caps hold TPP at 2368 */
	e = entry(&h, KNOB_CLOCK, 0, "3A090.b.1", "tpp", OP_GE);
	assert_false(e->reachable);
	headroom_free(&h);
}

/* The A800: 108 GA100 SMs with NVLink cut to 400 GB/s (+ 64 host): not
 * 3A090 under 2022 (I/O below 600), 3A090.a from 2023-11-17; from the part
 * and from its knobs alike. */
static void test_a800_across_rule_sets(void **state)
{
	(void)state;
	struct design_knobs kl = like("A800 SXM4 80GB");
	struct design_knobs ka = from_arch("nvidia-ampere-ga100", 108, 1410);
	set_die(&ka, 826);
	ka.io_bidir = (struct design_num){ true, 400 + 64, DSRC_GIVEN };
	ka.datacenter = 1;
	assert_true(kl.io_bidir.known && kl.io_bidir.v == 464);
	for (int which = 0; which < 2; which++) {
		const struct design_knobs *k = which ? &ka : &kl;
		assert_true(fabs(metrics(k).tpp.tpp / 4992 - 1) < 0.005);
		struct classification cl;
		evaluate("2022-10-07", k, &cl);
		assert_int_equal(cl.status, CLASS_NOT_CONTROLLED);
		classification_free(&cl);
		for (size_t i = 1; i < catalog.n; i++) {
			evaluate(catalog.sets[i].id, k, &cl);
			assert_string_equal(cl.eccn, "3A090.a");
			assert_int_equal(status_of(&cl, "3A090.a.1"), PS_MET);
			classification_free(&cl);
		}
	}
	/* 2022 headroom on the interconnect: up to the largest value under 600 */
	struct headroom h;
	struct tpp_error err = { 0 };
	assert_int_equal(headroom_solve(rules("2022-10-07"), &ka, 2022, &h, &err), 0);
	const struct headroom_entry *e = entry(&h, KNOB_IO, 0, "3A090.a", "io_bidir_gbps", OP_GE);
	assert_true(e->fails_at == nextafter(600, 0) && e->holds_at == 600);
	assert_true(e->changes_result);
	headroom_free(&h);
}

/* RTX 4090 D: an AD102 with 114 SMs at 2520 MHz, 608.5 mm2: TPP ~4,707;
 * Note 2 as a consumer part; as a datacenter part 3A090.a (PD 7.7 meets
 * a.2; a.1 needs 4800). 117 SMs would reach 4800, 116 stay under. */
static void test_4090d(void **state)
{
	(void)state;
	struct design_knobs k = from_arch("nvidia-ada", 114, 2520);
	set_die(&k, 608.5);
	struct design_metrics m = metrics(&k);
	assert_true(fabs(m.tpp.tpp - 4707) < 1);
	k.datacenter = 0;
	struct classification cl;
	evaluate("2026-01-15", &k, &cl);
	assert_int_equal(cl.status, CLASS_NOT_CONTROLLED);
	assert_non_null(cl.excluded_by);
	assert_string_equal(cl.excluded_by->id, "Note 2 to 3A090");
	classification_free(&cl);
	k.datacenter = 1;
	evaluate("2026-01-15", &k, &cl);
	assert_string_equal(cl.eccn, "3A090.a");
	assert_int_equal(status_of(&cl, "3A090.a.1"), PS_NOT_MET);
	assert_int_equal(status_of(&cl, "3A090.a.2"), PS_MET);
	classification_free(&cl);

	struct headroom h;
	struct tpp_error err = { 0 };
	k.datacenter = 0;
	assert_int_equal(headroom_solve(rules("2026-01-15"), &k, 2026, &h, &err), 0);
	const struct headroom_entry *e = entry(&h, KNOB_UNITS, 0, "3A090.a.1", "tpp", OP_GE);
	assert_true(e->holds_at == 117 && e->fails_at == 116);
	assert_true(e->changes_result);
	e = entry(&h, KNOB_UNITS, 0, "Note 2 to 3A090", "tpp", OP_LT);
	assert_true(e->holds_at == 116 && e->fails_at == 117);
	assert_int_equal(e->status_at_holds, PS_MET);
	assert_string_equal(e->verdict_at_fails, "3A090.a");
	headroom_free(&h);
}

/* RTX 5090 D: the 5090's 170 SMs and clock with AI throughput capped by
 * firmware to 2,375 sparse FP4 TOPS (rate factor 0.7085): TPP ~4,750, Note
 * 2 as a consumer part. Capping FP4 alone would leave FP8 at 838 x 8 = 6,704. */
static void test_5090d_cap(void **state)
{
	(void)state;
	struct design_knobs k = like("RTX 5090 D");
	assert_true(k.factor.known);
	struct design_metrics m = metrics(&k);
	assert_true(fabs(m.tpp.tpp - 4750) < 1);
	assert_int_equal(m.limit[PREC_FP4], LIMIT_FACTOR);
	struct classification cl;
	evaluate("2026-01-15", &k, &cl);
	assert_int_equal(cl.status, CLASS_NOT_CONTROLLED);
	assert_string_equal(cl.excluded_by->id, "Note 2 to 3A090");
	classification_free(&cl);

	struct headroom h;
	struct tpp_error err = { 0 };
	assert_int_equal(headroom_solve(rules("2026-01-15"), &k, 2026, &h, &err), 0);
	const struct headroom_entry *e = entry(&h, KNOB_FACTOR, 0, "3A090.a.1", "tpp", OP_GE);
	assert_true(e->reachable && !e->holds_now);
	assert_true(e->param_at_holds >= 4800 && e->param_at_fails < 4800);
	assert_true(fabs(e->holds_at - 4800 / (m.tpp.tpp / 0.7085)) < 1e-6);
	headroom_free(&h);

	struct design_knobs full = like("RTX 5090");
	set_cap(&full, "fp4", 1187.5);
	m = metrics(&full);
	assert_true(fabs(m.tpp.tpp - 6704) < 7);
	assert_true(m.tpp.precision != PREC_FP4);
}

/* Thresholds and operators come from the rule set: the same design against
 * a rule set whose a.1 says "greater than 1234" steps at TPP > 1234. */
static void test_thresholds_from_data(void **state)
{
	(void)state;
	static const char json[] =
		"{\"schema\":1,\"id\":\"2030-01-01\",\"title\":\"t\",\"citation\":\"t\",\"fr_document\":\"t\",\"url\":\"t\","
		"\"published\":\"2030-01-01\",\"effective\":\"2030-01-01\",\"revised\":\"2030-01-01\",\"summary\":\"t\","
		"\"changes\":\"t\",\"parameters\":{\"tpp\":{\"type\":\"number\",\"description\":\"t\",\"source\":\"t\"}},"
		"\"eccn_order\":[\"3A090.a\"],\"exit_status\":{\"3A090.a\":10},\"paragraphs\":[{\"id\":\"3A090.a.1\","
		"\"kind\":\"control\",\"eccn\":\"3A090.a\",\"title\":\"t\",\"text\":\"t\",\"source\":\"t\",\"condition\":"
		"{\"param\":\"tpp\",\"op\":\">\",\"value\":1234,\"wording\":\"greater than 1234\"}}]}";
	struct ruleset rs;
	struct tpp_error err = { 0 };
	assert_int_equal(ruleset_parse(&rs, "t.json", json, strlen(json), &err), 0);
	struct design_knobs k = from_arch("nvidia-hopper", 10, 1000);
	struct headroom h;
	assert_int_equal(headroom_solve(&rs, &k, 2030, &h, &err), 0);
	const struct headroom_entry *e = entry(&h, KNOB_CLOCK, 0, "3A090.a.1", "tpp", OP_GT);
	assert_true(e->param_at_holds > 1234 && e->param_at_fails <= 1234);
	assert_true(e->fails_at == nextafter(e->holds_at, 0));
	const struct rule_cond *c = find_cmp(&rs.paras[0].cond, &rs, "tpp", OP_GT);
	assert_ptr_equal(e->cond, c);
	headroom_free(&h);
	ruleset_free(&rs);
}

/* --- the property ------------------------------------------------------------- */

static double urand(unsigned *seed, double lo, double hi)
{
	return lo + (hi - lo) * ((double)rand_r(seed) / RAND_MAX);
}

static struct design_knobs random_knobs(unsigned *seed)
{
	const struct kb_arch *a = &kb.archs[(size_t)rand_r(seed) % kb.n_archs];
	struct design_knobs k;
	design_knobs_from_arch(a, &k);
	k.units = (struct design_num){ true, 1 + rand_r(seed) % 300, DSRC_GIVEN };
	k.clock_mhz = (struct design_num){ true, urand(seed, 50, 3000), DSRC_GIVEN };
	for (int p = 0; p < PREC_COUNT; p++)
		if (k.rate[p].known && rand_r(seed) % 3 == 0)
			k.cap[p] = (struct design_num){ true, urand(seed, 1, 3000), DSRC_GIVEN };
	if (rand_r(seed) % 4 == 0)
		k.factor = (struct design_num){ true, urand(seed, 0.1, 1), DSRC_GIVEN };
	k.n_dies = 1 + (size_t)rand_r(seed) % 3;
	for (size_t i = 0; i < k.n_dies; i++)
		k.dies[i] = (struct design_die){ .area_mm2 = urand(seed, 20, 900), .count = 1 + rand_r(seed) % 8 };
	k.io_bidir = (struct design_num){ true, urand(seed, 10, 2000), DSRC_GIVEN };
	k.dram_bw = (struct design_num){ true, urand(seed, 100, 12000), DSRC_GIVEN };
	k.transistors = (struct design_num){ true, urand(seed, 1e9, 2e11), DSRC_GIVEN };
	k.hbm_mbd = (struct design_num){ true, urand(seed, 0.5, 8), DSRC_GIVEN };
	k.datacenter = rand_r(seed) % 3 - 1;
	return k;
}

static struct classification eval_at(const struct ruleset *rs, const struct design_knobs *base,
				     const struct headroom_entry *e, double x, struct design_knobs *k,
				     struct design_metrics *m)
{
	*k = *base;
	design_knob_set(k, e->knob, x);
	*m = metrics(k);
	struct class_input in;
	struct classification cl;
	struct tpp_error err = { 0 };
	if (e->item_hbm)
		design_hbm_input(k, 2026, &in);
	else
		design_ic_input(k, m, 2026, &in);
	assert_int_equal(classify_evaluate(rs, &in, &cl, &err), 0);
	return cl;
}

static bool holds(double v, enum rule_op op, double t)
{
	return op == OP_GE ? v >= t : op == OP_GT ? v > t : op == OP_LT ? v < t : op == OP_LE ? v <= t : v == t;
}

/* Every comparison of the rule set other than the entry's own threshold
 * keeps its truth across the step. */
static void others_unmoved(const struct ruleset *rs, const struct rule_cond *c, const struct headroom_entry *e,
			   const struct design_knobs *ka, const struct design_metrics *ma,
			   const struct design_knobs *kb_, const struct design_metrics *mb)
{
	if (c->kind != COND_CMP) {
		for (size_t i = 0; i < c->n_kids; i++)
			others_unmoved(rs, &c->kids[i], e, ka, ma, kb_, mb);
		return;
	}
	const char *param = rs->params[c->param].name;
	double va, vb;
	if (rs->params[c->param].type != PARAM_NUMBER || !design_param_value(ka, ma, param, &va) ||
	    !design_param_value(kb_, mb, param, &vb))
		return;
	if (holds(va, c->op, c->number) == holds(vb, c->op, c->number))
		return;
	/* only the entry's threshold may flip (">= T" and "< T" are one step) */
	bool same_step = !strcmp(param, e->param) && c->number == e->cond->number &&
			 ((c->op == OP_GE || c->op == OP_LT) == (e->cond->op == OP_GE || e->cond->op == OP_LT));
	if (!same_step)
		fail_msg("%s %s %g also flipped at the step of %s %s %g", param, rule_op_symbol(c->op), c->number,
			 e->param, rule_op_symbol(e->cond->op), e->cond->number);
}

static void check_entry(const struct ruleset *rs, const struct design_knobs *base, const struct headroom_entry *e)
{
	struct design_knobs kh, kf;
	struct design_metrics mh, mf;
	bool integer = design_knob_integer(e->knob.kind);
	/* adjacent: no representable knob value lies between the two */
	if (integer)
		assert_true(fabs(e->holds_at - e->fails_at) == 1);
	else
		assert_true(nextafter(e->holds_at, e->fails_at) == e->fails_at);
	struct classification ch = eval_at(rs, base, e, e->holds_at, &kh, &mh);
	struct classification cf = eval_at(rs, base, e, e->fails_at, &kf, &mf);
	double vh, vf;
	assert_true(design_param_value(&kh, &mh, e->param, &vh));
	assert_true(design_param_value(&kf, &mf, e->param, &vf));
	assert_true(holds(vh, e->cond->op, e->cond->number));
	assert_false(holds(vf, e->cond->op, e->cond->number));
	size_t idx = (size_t)(e->para - rs->paras);
	assert_int_equal(ch.results[idx].status, e->status_at_holds);
	assert_int_equal(cf.results[idx].status, e->status_at_fails);
	assert_int_equal(e->changes_result, ch.results[idx].status != cf.results[idx].status);
	/* a continuous knob's step is one ulp: nothing else moves with it. A
	 * whole-number knob (one SM, one die more) may cross several
	 * thresholds at once; the statuses above are then what it does. */
	for (size_t p = 0; p < rs->n_paras && !integer; p++)
		others_unmoved(rs, &rs->paras[p].cond, e, &kh, &mh, &kf, &mf);
	/* the knob's present value is on the side the report says: the
	 * comparison holds on holds_at's side of the step */
	bool now_on_holds = e->holds_at > e->fails_at ? e->current >= e->holds_at : e->current <= e->holds_at;
	assert_int_equal(now_on_holds, e->holds_now);
	classification_free(&ch);
	classification_free(&cf);
}

static void test_boundaries_are_exact(void **state)
{
	(void)state;
	unsigned seed = 20261122;
	size_t checked = 0, changing = 0;
	for (int round = 0; round < 60; round++) {
		struct design_knobs k = random_knobs(&seed);
		for (size_t s = 0; s < catalog.n; s++) {
			struct headroom h;
			struct tpp_error err = { 0 };
			assert_int_equal(headroom_solve(&catalog.sets[s], &k, 2026, &h, &err), 0);
			for (size_t i = 0; i < h.n; i++) {
				if (!h.e[i].reachable)
					continue;
				check_entry(&catalog.sets[s], &k, &h.e[i]);
				checked++;
				changing += h.e[i].changes_result;
			}
			headroom_free(&h);
		}
	}
	print_message("property: %zu boundaries checked, %zu change a result\n", checked, changing);
	/* the property was exercised, boundaries that change a result included */
	assert_true(checked > 2000);
	assert_true(changing > 200);
}

/* The smallest die area that keeps PD under each PD threshold. */
static void test_pd_areas(void **state)
{
	(void)state;
	struct design_knobs k = from_arch("nvidia-ada", 114, 2520);
	set_die(&k, 608.5);
	struct pd_area_limit *l;
	size_t n;
	struct tpp_error err = { 0 };
	assert_int_equal(headroom_pd_areas(rules("2026-01-15"), &k, &l, &n, &err), 0);
	assert_int_equal(n, 3);
	double tpp = metrics(&k).tpp.tpp;
	for (size_t i = 0; i < n; i++) {
		assert_false(l[i].inclusive);
		assert_true(tpp / l[i].min_area_mm2 < l[i].threshold);
		assert_true(tpp / nextafter(l[i].min_area_mm2, 0) >= l[i].threshold);
	}
	assert_true(l[0].threshold > l[1].threshold && l[1].threshold > l[2].threshold);
	assert_false(l[0].ok_now);   /* PD 7.7 is not under the highest */
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_h100_from_knobs),
		cmocka_unit_test(test_hopper_clock_crossings),
		cmocka_unit_test(test_h20_as_capped_h100),
		cmocka_unit_test(test_a800_across_rule_sets),
		cmocka_unit_test(test_4090d),
		cmocka_unit_test(test_5090d_cap),
		cmocka_unit_test(test_thresholds_from_data),
		cmocka_unit_test(test_boundaries_are_exact),
		cmocka_unit_test(test_pd_areas),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
