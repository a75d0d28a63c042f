/* tppscan verify's decision (classify/verify*.c) and its declaration
 * inputs (classify/declaration.c, classify/manifest.c): matching found
 * parts to declaration lines, every finding's severity and evidence, the
 * exit status; manifest parsing and its errors with file and line.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "classify/assess.h"
#include "classify/licence.h"
#include "classify/manifest.h"
#include "classify/verify.h"
#include "probe/device.h"
#include "tests/support/testutil.h"

static struct kb kb;
static struct data_set shipped;
static struct rule_catalog cat;
static struct dest_data dest;
static struct lic_data lic;

static int setup(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	if (data_set_load(&shipped, NULL, &err) || kb_load(&kb, &shipped, &err) || rule_catalog_load(&cat, &shipped, &err) ||
	    dest_load(&dest, &shipped, &err) || lic_load(&lic, &shipped, &dest, &err)) {
		print_error("%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lic_free(&lic);
	dest_free(&dest);
	rule_catalog_free(&cat);
	kb_free(&kb);
	data_set_free(&shipped);
	return 0;
}

/* ---- a small verify harness: probe records, then the pipeline ---------- */

struct run {
	struct probe_list list;
	struct scan_result res;
	struct assessor as;
	struct declaration decl;
	struct assessment found[16], declared[8], figures[8];
	struct verify_result vr;
	const struct lic_query *licq;   /* the shipment (--dest), or NULL */
};

static struct probe_device *add(struct run *r, const char *slot, uint16_t v, uint16_t d)
{
	struct tpp_error err = { 0 };
	struct probe_device *dev = probe_list_add(&r->list, &err);
	assert_non_null(dev);
	snprintf(dev->slot, sizeof(dev->slot), "%s", slot);
	unsigned bus = 0, devn = 0, fn = 0;
	sscanf(slot + 5, "%x:%x.%x", &bus, &devn, &fn);
	dev->bus = (uint8_t)bus;
	dev->dev = (uint8_t)devn;
	dev->func = (uint8_t)fn;
	dev->vendor_id = v;
	dev->device_id = d;
	dev->class_code = 0x030200;
	return dev;
}

static void declare(struct run *r, const char *query, unsigned long qty)
{
	struct tpp_error err = { 0 };
	struct decl_line *l = declaration_add(&r->decl, &err);
	assert_non_null(l);
	l->query = strdup(query);
	l->quantity = qty;
	snprintf(l->origin, sizeof(l->origin), "test");
	if (decl_resolve(&kb, l, "test", TPP_EX_USAGE, &err))
		fail_msg("%s", err.msg);
}

static void compare(struct run *r)
{
	struct tpp_error err = { 0 };
	const struct ruleset *rs = rule_catalog_find(&cat, "2026-01-15");
	tpp_date as_of;
	tpp_date_parse("2026-11-22", &as_of);
	probe_list_sort(&r->list);
	assert_int_equal(identify_devices(&kb, &r->list, &r->res, &err), 0);
	assert_int_equal(assessor_init(&r->as, &kb, rs, as_of, &err), 0);
	if (r->licq)
		assessor_set_licence(&r->as, &lic, &dest, r->licq);
	assert_true(r->res.n <= 16 && r->decl.n <= 8);
	for (size_t i = 0; i < r->res.n; i++)
		assert_int_equal(assess_device(&r->as, &r->res.items[i], &r->found[i], &err), 0);
	for (size_t i = 0; i < r->decl.n; i++) {
		const struct decl_line *l = &r->decl.lines[i];
		assert_int_equal(assess_part(&r->as, NULL, l->part, &r->declared[i], &err), 0);
		if (l->tpp_set || l->pd_set)
			assert_int_equal(verify_assess_figures(&r->as, l, &r->figures[i], &err), 0);
	}
	struct verify_input in = { .decl = &r->decl, .declared = r->declared, .figures = r->figures, .found = r->found,
		.n_found = r->res.n, .source = "test dump", .as = &r->as };
	if (verify_compare(&in, &r->vr, &err))
		fail_msg("verify: %s", err.msg);
}

static void done(struct run *r)
{
	verify_result_free(&r->vr);
	assessor_free(&r->as);
	scan_result_free(&r->res);
	probe_list_free(&r->list);
	declaration_free(&r->decl);
}

static const struct finding *find(const struct run *r, const char *code, enum finding_severity sev)
{
	for (size_t i = 0; i < r->vr.n; i++)
		if (!strcmp(r->vr.findings[i].code, code) && r->vr.findings[i].severity == sev)
			return &r->vr.findings[i];
	return NULL;
}

/* ---- verify -------------------------------------------------------------- */

static void test_match(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	add(&r, "0000:2a:00.0", 0x10de, 0x2329);
	declare(&r, "H20", 2);
	compare(&r);
	assert_int_equal(verify_exit_status(&r.vr), 0);
	assert_int_equal(r.vr.n_mismatch, 0);
	assert_int_equal(r.vr.matched[0], 2);
	const struct finding *q = find(&r, "quantity", SEV_INFO);
	assert_non_null(q);
	assert_string_equal(q->found, "2");
	assert_string_equal(q->expected, "2");
	assert_string_equal(q->where, "test dump");
	done(&r);
}

static void test_quantity_short_and_over(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	declare(&r, "H20", 2);
	compare(&r);
	assert_int_equal(verify_exit_status(&r.vr), 1);
	const struct finding *q = find(&r, "quantity", SEV_MISMATCH);
	assert_non_null(q);
	assert_non_null(strstr(q->text, "short by 1"));
	done(&r);

	struct run o = { 0 };
	add(&o, "0000:18:00.0", 0x10de, 0x2329);
	add(&o, "0000:2a:00.0", 0x10de, 0x2329);
	declare(&o, "H20", 1);
	compare(&o);
	assert_non_null(strstr(find(&o, "quantity", SEV_MISMATCH)->text, "over by 1"));
	done(&o);
}

/* An H100 where an H20 was declared: another part, and a verdict that differs. */
static void test_substitute(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2330);
	declare(&r, "H20", 1);
	compare(&r);
	assert_true(r.vr.substitute[0]);
	assert_int_equal(r.vr.line_of[0], 0);
	assert_int_equal(r.vr.matched[0], 0);
	const struct finding *p = find(&r, "part", SEV_MISMATCH), *v = find(&r, "verdict", SEV_MISMATCH);
	assert_non_null(p);
	assert_non_null(v);
	assert_non_null(strstr(p->found, "10de:2330"));
	assert_non_null(strstr(v->found, "3A090.a"));
	assert_string_equal(v->expected, "not 3A090");
	assert_int_equal(verify_exit_status(&r.vr), 1);
	done(&r);
}

/* The relabelled card: more units than the declared part, a driver name
 * of another part, and a probed estimate classified otherwise. */
static void test_units_name_probed(void **state)
{
	(void)state;
	struct run r = { 0 };
	struct probe_device *d = add(&r, "0000:01:00.0", 0x10de, 0x2685);
	probe_set_num(&d->units, 128, "nvml:test");
	probe_set_num(&d->boost_clock_mhz, 2520, "nvml:clock");
	probe_set_str(&d->product_name, "NVIDIA GeForce RTX 4090", "nvml:name");
	declare(&r, "4090 D", 1);
	compare(&r);
	const struct finding *u = find(&r, "units", SEV_MISMATCH);
	assert_non_null(u);
	assert_string_equal(u->found, "128 SM");
	assert_non_null(strstr(u->where, "nvml:test"));
	assert_non_null(find(&r, "name", SEV_MISMATCH));
	const struct finding *p = find(&r, "probed-verdict", SEV_MISMATCH);
	assert_non_null(p);
	assert_non_null(strstr(p->found, "3A090.a"));
	assert_null(find(&r, "verdict", SEV_MISMATCH));   /* the datasheet verdict is the declared one */
	done(&r);
}

static void test_undeclared(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	add(&r, "0000:00:02.0", 0x8086, 0xa780);    /* a UHD 770: not controlled */
	add(&r, "0000:03:00.0", 0x1a03, 0x2000);    /* an ASPEED BMC: display only */
	add(&r, "0000:5d:00.0", 0x10de, 0x2330);    /* an H100, not declared, no line short */
	add(&r, "0000:7f:00.0", 0x1f3e, 0x0001);    /* not in the knowledge base */
	declare(&r, "H20", 1);
	compare(&r);
	size_t mismatch = 0, warning = 0, info = 0;
	for (size_t i = 0; i < r.vr.n; i++)
		if (!strcmp(r.vr.findings[i].code, "undeclared-device")) {
			mismatch += r.vr.findings[i].severity == SEV_MISMATCH;
			warning += r.vr.findings[i].severity == SEV_WARNING;
			info += r.vr.findings[i].severity == SEV_INFO;
		}
	assert_int_equal(mismatch, 2);   /* the controlled H100 and the unknown device */
	assert_int_equal(warning, 1);    /* the iGPU */
	assert_int_equal(info, 1);       /* the BMC */
	done(&r);
}

static void test_serials_and_subsystem(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	add(&r, "0000:2a:00.0", 0x10de, 0x2329);
	struct probe_device *a = &r.list.dev[0], *b = &r.list.dev[1];   /* after the last add: it may move them */
	a->has_subsys = b->has_subsys = true;
	a->subsys_vendor_id = b->subsys_vendor_id = 0x10de;
	a->subsys_id = 0x198b;
	b->subsys_id = 0x1234;
	probe_set_str(&a->serial, "1001", "nvml:serial");
	probe_set_str(&b->serial, "9999", "nvml:serial");
	declare(&r, "10de:2329:10de:198b", 2);
	struct decl_line *l = &r.decl.lines[0];
	assert_true(decl_line_add_serial(l, "1001", 4));
	assert_true(decl_line_add_serial(l, "1002", 4));
	compare(&r);
	const struct finding *s = find(&r, "subsystem-id", SEV_MISMATCH);
	assert_non_null(s);
	assert_string_equal(s->found, "10de:1234");
	assert_string_equal(s->expected, "10de:198b");
	size_t serials = 0;
	for (size_t i = 0; i < r.vr.n; i++)
		serials += !strcmp(r.vr.findings[i].code, "serial") && r.vr.findings[i].severity == SEV_MISMATCH;
	assert_int_equal(serials, 2);   /* 9999 not declared; 1002 on no board */
	done(&r);
}

static void test_declared_figures(void **state)
{
	(void)state;
	struct run r = { 0 };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	declare(&r, "H20", 1);
	r.decl.lines[0].tpp_set = true;
	r.decl.lines[0].tpp = 2400;   /* PD follows from the H20's die area: 3A090.b.1 */
	compare(&r);
	assert_non_null(find(&r, "declared-tpp", SEV_WARNING));
	const struct finding *v = find(&r, "declared-verdict", SEV_MISMATCH);
	assert_non_null(v);
	assert_non_null(strstr(v->found, "3A090.b.1"));
	done(&r);
}

static void test_verdict_text(void **state)
{
	(void)state;
	struct run r = { 0 };
	declare(&r, "4090 D", 1);
	declare(&r, "H100 SXM5 80GB", 1);
	compare(&r);
	char b[200];
	verify_verdict_text(b, sizeof(b), r.declared[0].cl);
	assert_string_equal(b, "not 3A090 (Note 2 to 3A090)");
	verify_verdict_text(b, sizeof(b), r.declared[1].cl);
	assert_string_equal(b, "3A090.a (3A090.a.1, 3A090.a.2)");
	assert_false(verify_same_verdict(r.declared[0].cl, r.declared[1].cl));
	assert_true(verify_same_verdict(r.declared[1].cl, r.declared[1].cl));
	char a[8] = "x";
	assert_false(verify_licence_answer(&r.declared[0], a, sizeof(a)));   /* no --dest: no answer */
	assert_string_equal(a, "");
	done(&r);
}

/* ---- the licence answer (--dest) ----------------------------------------- */

static struct lic_query china(void)
{
	struct lic_query q = { .dest = "CN", .hq = "CN", .from = "US" };
	tpp_date_parse("2026-11-22", &q.date);
	return q;
}

static void test_licence_answer(void **state)
{
	(void)state;
	struct lic_query q = china();
	struct run r = { .licq = &q };
	declare(&r, "4090 D", 1);
	declare(&r, "H100 SXM5 80GB", 1);
	declare(&r, "H20", 1);
	compare(&r);
	char a[320];
	assert_true(verify_licence_answer(&r.declared[0], a, sizeof(a)));
	assert_string_equal(a, "no licence required");
	assert_true(verify_licence_answer(&r.declared[1], a, sizeof(a)));
	assert_string_equal(a, "licence required (case-by-case)");
	assert_true(verify_licence_answer(&r.declared[2], a, sizeof(a)));   /* the April 2025 letter: no policy */
	assert_string_equal(a, "licence required");
	assert_null(find(&r, "licence-undetermined", SEV_WARNING));
	done(&r);
}

/* An H20 board where H100s were declared: same "licence required", another
 * review policy; a mismatch beside the part and verdict ones. */
static void test_licence_mismatch(void **state)
{
	(void)state;
	struct lic_query q = china();
	struct run r = { .licq = &q };
	add(&r, "0000:18:00.0", 0x10de, 0x2329);
	declare(&r, "H100 SXM5 80GB", 1);
	compare(&r);
	const struct finding *f = find(&r, "licence", SEV_MISMATCH);
	assert_non_null(f);
	assert_string_equal(f->found, "licence required");
	assert_string_equal(f->expected, "licence required (case-by-case)");
	assert_int_equal(f->device, 0);
	assert_int_equal(verify_exit_status(&r.vr), 1);
	done(&r);

	struct run same = { .licq = &q };   /* the declared part found: no licence finding */
	add(&same, "0000:18:00.0", 0x10de, 0x2329);
	declare(&same, "H20", 1);
	compare(&same);
	assert_null(find(&same, "licence", SEV_MISMATCH));
	assert_null(find(&same, "licence", SEV_WARNING));
	assert_int_equal(verify_exit_status(&same.vr), 0);
	done(&same);

	struct run none = { 0 };   /* no --dest: no licence finding at all */
	add(&none, "0000:18:00.0", 0x10de, 0x2329);
	declare(&none, "H100 SXM5 80GB", 1);
	compare(&none);
	assert_null(find(&none, "licence", SEV_MISMATCH));
	done(&none);
}

/* A declared part whose classification is unknown (Radeon PRO W7800, no
 * published dense rates) cannot be cleared: a warning on its line. */
static void test_licence_undetermined(void **state)
{
	(void)state;
	struct lic_query q = china();
	struct run r = { .licq = &q };
	add(&r, "0000:03:00.0", 0x1002, 0x745e);
	declare(&r, "amd-radeon-pro-w7800", 1);
	compare(&r);
	const struct finding *f = find(&r, "licence-undetermined", SEV_WARNING);
	assert_non_null(f);
	assert_int_equal(f->line, 0);
	assert_string_equal(f->found, "licence undetermined");
	assert_null(find(&r, "licence", SEV_MISMATCH));
	done(&r);

	/* found in place of a part that needs no licence: a mismatch, as a
	 * differing verdict is, though one answer is undetermined */
	struct run other = { .licq = &q };
	add(&other, "0000:03:00.0", 0x1002, 0x745e);
	declare(&other, "4090 D", 1);
	compare(&other);
	f = find(&other, "licence", SEV_MISMATCH);
	assert_non_null(f);
	assert_string_equal(f->found, "licence undetermined");
	assert_string_equal(f->expected, "no licence required");
	done(&other);
}

/* ---- declarations and manifests ------------------------------------------ */

static int resolve(const char *q, struct tpp_error *err, const struct kb_part **p)
{
	struct decl_line l = { .query = (char *)q };
	tpp_error_clear(err);
	int rc = decl_resolve(&kb, &l, "t", 64, err);
	*p = l.part;
	return rc;
}

static void test_resolve(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	const struct kb_part *p;
	assert_int_equal(resolve("H20", &err, &p), 0);
	assert_string_equal(p->id, "nvidia-h20");
	assert_int_equal(resolve("10de:2329", &err, &p), 0);
	assert_string_equal(p->id, "nvidia-h20");
	assert_int_equal(resolve("RTX 40", &err, &p), -1);
	assert_int_equal(err.status, 64);
	assert_non_null(strstr(err.msg, "nvidia-geforce-rtx-4090-d"));
	assert_int_equal(resolve("4090DX", &err, &p), -1);
	assert_non_null(strstr(err.msg, "candidates: nvidia-geforce-rtx-4090-d"));
	assert_int_equal(resolve("zzzz", &err, &p), -1);
	assert_non_null(strstr(err.msg, "see tppscan lookup --all"));
	assert_int_equal(resolve("1234:5678", &err, &p), -1);
	assert_non_null(strstr(err.msg, "no part in the knowledge base has this PCI ID"));
	assert_int_equal(resolve("10de:zz", &err, &p), -1);
}

static int parse(const char *text, struct declaration *d, struct tpp_error *err)
{
	tpp_error_clear(err);
	return manifest_parse(&kb, "m", text, strlen(text), d, err);
}

static void test_manifest_csv(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	struct declaration d;
	const char *csv = "\xef\xbb\xbf# invoice\r\nPart,Quantity,Serials,TPP,PD,Note\r\n"
			  "\"RTX 4090 D\",1,\"A1; A2\",4706.9,,\"a, quoted note\"\r\n\r\nUHD 770 ,  1 ,,,,\r\n";
	assert_int_equal(parse(csv, &d, &err), -1);   /* two serials for a quantity of 1 */
	assert_non_null(strstr(err.msg, "2 serials for a quantity of 1"));
	csv = "part,quantity,serials,tpp,pd,note\n\"RTX 4090 D\",2,\"A1; A2\",4706.9,,\"a, quoted \"\"note\"\"\"\nUHD 770 ,  1 ,,,,\n";
	assert_int_equal(parse(csv, &d, &err), 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.lines[0].part->id, "nvidia-geforce-rtx-4090-d");
	assert_int_equal(d.lines[0].quantity, 2);
	assert_int_equal(d.lines[0].n_serials, 2);
	assert_string_equal(d.lines[0].serials[1], "A2");
	assert_true(d.lines[0].tpp_set);
	assert_false(d.lines[0].pd_set);
	assert_string_equal(d.lines[0].origin, "m:2");
	assert_string_equal(d.lines[1].query, "UHD 770");
	assert_string_equal(d.lines[1].origin, "m:3");
	assert_int_equal(declaration_quantity(&d), 3);
	declaration_free(&d);
}

static void test_manifest_csv_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "part,quantity\nH20,eight\n", "m:2: quantity 'eight' is not a whole number" },
		{ "part,quantity\nH20,0\n", "m:2: quantity '0'" },
		{ "part,qty\nH20,8\n", "m:1: unknown column 'qty'" },
		{ "part\nH20\n", "m:1: the header must name the columns part and quantity" },
		{ "part,quantity,part\n", "m:1: column 'part' is named twice" },
		{ "part,quantity\n\"H20,8\n", "m:2: a quoted field is not closed" },
		{ "part,quantity\n\"H20\"x,8\n", "m:2: text after a quoted field" },
		{ "part,quantity,tpp\nH20,8,inf\n", "m:2: tpp 'inf' is not a number" },
		{ "part,quantity,pd\nH20,8,-1\n", "m:2: pd '-1' is not a number" },
		{ "part,quantity\n,8\n", "m:2: no part named" },
		{ "part,quantity\nH2O,8\n", "m:2: part 'H2O': no such part" },
		{ "part,quantity\n", "m: declares nothing (a header but no lines)" },
		{ "# only a comment\n", "m: declares nothing (no header line" },
		{ "part,quantity,serials\nH20,1,S1\nH20,1,S1\n", "serial 'S1' is declared twice (m:2, m:3)" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tpp_error err = { 0 };
		struct declaration d;
		if (parse(bad[i].text, &d, &err) != -1)
			fail_msg("case %zu parsed", i);
		assert_int_equal(err.status, 65);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: '%s' does not hold '%s'", i, err.msg, bad[i].msg);
	}
	struct tpp_error err = { 0 };
	struct declaration d;
	assert_int_equal(manifest_parse(&kb, "m", "part,quantity\nH20\0,8\n", 20, &d, &err), -1);
	assert_non_null(strstr(err.msg, "NUL bytes"));
}

static void test_manifest_json(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	struct declaration d;
	const char *json = "{\"reference\": \"INV-1\", \"lines\": [{\"part\": \"H20\", \"quantity\": 8, "
			   "\"serials\": [\"1\", \"2\"], \"tpp\": 2368, \"pd\": 2.91, \"note\": \"x\"}, "
			   "{\"part\": \"10de:2330\", \"quantity\": 1}]}";
	assert_int_equal(parse(json, &d, &err), 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.reference, "INV-1");
	assert_string_equal(d.lines[0].origin, "m: lines[0]");
	assert_int_equal(d.lines[0].n_serials, 2);
	assert_true(d.lines[0].pd_set);
	assert_string_equal(d.lines[1].part->id, "nvidia-h100-sxm5-80gb");
	assert_string_equal(d.lines[1].match, "pci-device");
	declaration_free(&d);
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "{\"lines\": []}", "lines: declares nothing" },
		{ "{\"lines\": [{\"part\": \"H20\"}]}", "lines[0].quantity: missing" },
		{ "{\"lines\": [{\"part\": \"H20\", \"quantity\": 1.5}]}", "lines[0].quantity: must be a whole number" },
		{ "{\"lines\": [{\"part\": \"H20\", \"quantity\": 1, \"qty\": 1}]}", "qty" },
		{ "{\"lines\": [{\"part\": \"H20\", \"quantity\": 1, \"serials\": [\"a b\"]}]}", "lines[0][0]: a serial" },
		{ "{\"lines\": [{\"part\": \"H20\", \"quantity\": 1, \"tpp\": -5}]}", "must not be negative" },
		{ "{\"lines\": [1]}", "lines[0]: must be an object" },
		{ "{\"lines\": [{\"part\": \"H20\", \"quantity\": 1}], \"lines\": []}", "duplicate" },
		{ "{\"lines\": [{\"part\": \"zzzz\", \"quantity\": 1}]}", "m: lines[0]: part 'zzzz'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].text, &d, &err), -1);
		assert_int_equal(err.status, 65);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: '%s' does not hold '%s'", i, err.msg, bad[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_quantity_short_and_over),
		cmocka_unit_test(test_substitute),
		cmocka_unit_test(test_units_name_probed),
		cmocka_unit_test(test_undeclared),
		cmocka_unit_test(test_serials_and_subsystem),
		cmocka_unit_test(test_declared_figures),
		cmocka_unit_test(test_verdict_text),
		cmocka_unit_test(test_licence_answer),
		cmocka_unit_test(test_licence_mismatch),
		cmocka_unit_test(test_licence_undetermined),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_manifest_csv),
		cmocka_unit_test(test_manifest_csv_errors),
		cmocka_unit_test(test_manifest_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
