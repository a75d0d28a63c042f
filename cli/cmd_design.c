/* tppscan design: a SKU's TPP, PD and verdict from its design knobs, the
 * headroom of every knob to every threshold, and a NAC notification draft.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "classify/design_like.h"
#include "classify/design_report.h"
#include "cli/cli.h"
#include "cli/design_args.h"
#include "cli/design_view.h"

static const char usage[] =
	"Usage: tppscan design (--arch ARCH --units N --clock-mhz F | --like PART) [knobs] [options]\n"
	"A SKU's TPP, PD and verdict from its design knobs, the headroom of every knob to every\n"
	"threshold of the rule set (solved exactly), and a draft of a NAC notification's technical part.\n"
	"\n"
	"Start from:\n"
	"  --arch ARCH          an architecture of the knowledge base (dense ops per clock per unit)\n"
	"  --units N            processing units (SMs, CUs, ...): a whole number\n"
	"  --clock-mhz F        the clock the peak is quoted at, MHz\n"
	"  --like PART          a knowledge-base part: its architecture, units, clock, caps, dies,\n"
	"                       I/O, DRAM bandwidth, datacenter; any knob below overrides it\n"
	"Knobs:\n"
	"  --cap PREC[/PREC..]=TOPS[,...]  a firmware/driver throughput limit, dense TOPS\n"
	"                       (repeatable: --cap fp8/int8=296,fp16/bf16=148,tf32=74,fp64=1)\n"
	"  --rate PREC=OPS[,...]  dense ops per clock per unit, replacing the architecture's\n"
	"  --die-area MM2       one applicable (non-planar logic) die\n"
	"  --dies NxMM2         N applicable dies of MM2 each (repeatable); replaces --like's dies\n"
	"  --datacenter yes|no  designed or marketed for datacenters (unknown: the rule sets' reading)\n"
	"  --io-bidir GBPS      aggregate bidirectional I/O rate (the 2022 rule)\n"
	"  --dram-bw GBPS       total DRAM bandwidth (the 2026 China/Macau review window)\n"
	"  --hbm-mbd X          the HBM stacks' memory bandwidth density, GB/s/mm2 (3A090.c)\n"
	"  --transistors N      aggregated approximated transistor count (Note 1 to 3A090.a)\n"
	"\n"
	"Options:\n"
	CLI_LICENCE_USAGE
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --all-rules          evaluate under every rule set, oldest first\n"
	"  --format text|json|markdown\n"
	"                       output format (default text)\n"
	"  --nac                draft the technical part of a License Exception NAC notification\n"
	"                       (Markdown; with --format json, a nac_draft object)\n"
	"  --marketing-note TEXT  the evidence for the datacenter or consumer statement\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11/12 for 3A090.a/.b/.c, 13 if undetermined\n"
	"  -v, --verbose        list every threshold of every knob, also those that change nothing\n"
	"  -h, --help           show this help\n";

enum {
	OPT_ARCH = 256, OPT_UNITS, OPT_CLOCK, OPT_LIKE, OPT_CAP, OPT_RATE, OPT_AREA, OPT_DIES, OPT_DC, OPT_IO,
	OPT_DRAM, OPT_HBM, OPT_XTOR, OPT_ALL, OPT_NAC, OPT_NOTE,
};

static int take_number(int opt, const char *arg, struct design_req *q, struct tpp_error *err)
{
	static const struct {
		int opt;
		const char *name;
		enum design_knob kind;
	} nums[] = { { OPT_UNITS, "--units", KNOB_UNITS }, { OPT_CLOCK, "--clock-mhz", KNOB_CLOCK },
		{ OPT_IO, "--io-bidir", KNOB_IO }, { OPT_DRAM, "--dram-bw", KNOB_DRAM },
		{ OPT_HBM, "--hbm-mbd", KNOB_HBM_MBD }, { OPT_XTOR, "--transistors", KNOB_TRANSISTORS },
		{ OPT_AREA, "--die-area", KNOB_DIE_AREA } };
	struct design_num *slot[] = { &q->units, &q->clock_mhz, &q->io_bidir, &q->dram_bw, &q->hbm_mbd,
		&q->transistors, NULL };
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (nums[i].opt != opt)
			continue;
		double v;
		if (design_parse_knob(nums[i].name, nums[i].kind, arg, &v, err))
			return -1;
		if (opt == OPT_AREA) {
			q->die_area_set = true;
			q->dies[0] = (struct design_die){ .area_mm2 = v, .count = 1 };
			q->n_dies = 1;
		} else {
			*slot[i] = (struct design_num){ true, v, DSRC_GIVEN };
		}
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct design_req *q = state;
	bool b;
	switch (opt) {
	case OPT_ARCH: q->arch_id = arg; return 0;
	case OPT_LIKE: q->like = arg; return 0;
	case OPT_CAP: return design_parse_precisions("--cap", KNOB_CAP, arg, q->cap, err);
	case OPT_RATE: return design_parse_precisions("--rate", KNOB_RATE, arg, q->rate, err);
	case OPT_DIES:
		if (q->die_area_set) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan design: give --die-area or --dies, not both");
			return -1;
		}
		return design_parse_dies(arg, q, err);
	case OPT_DC:
		if (!cli_parse_yesno(c, "--datacenter", arg, &b, err))
			return -1;
		q->datacenter = b;
		return 0;
	case OPT_ALL: q->all_rules = true; return 0;
	case OPT_NAC: q->nac = true; return 0;
	case OPT_NOTE: q->marketing_note = arg; return 0;
	case OPT_AREA:
		if (q->n_dies) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan design: give --die-area or --dies, not both");
			return -1;
		}
		return take_number(opt, arg, q, err);
	default:
		return take_number(opt, arg, q, err);
	}
}

static int check_request(const struct cli *c, const struct design_req *q, struct tpp_error *err)
{
	const char *msg = NULL;
	if (q->arch_id && q->like)
		msg = "--arch and --like are alternatives: give one";
	else if (!q->arch_id && !q->like)
		msg = "give --arch ARCH --units N --clock-mhz F, or --like PART (see --help)";
	else if (q->all_rules && (c->as_of_arg || c->rules_id))
		msg = "--all-rules evaluates every rule set; --as-of and --rules pick one";
	else if (q->nac && q->all_rules)
		msg = "--nac drafts under one rule set: drop --all-rules (pick it with --as-of or --rules)";
	if (msg) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s", msg);
		return -1;
	}
	return 0;
}

static void arch_list(const struct kb *kb, char *buf, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < kb->n_archs; i++) {
		bool rated = false;
		for (int p = 0; p < PREC_COUNT; p++)
			rated = rated || kb->archs[i].has_rate[p];
		if (!rated)
			continue;
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? ", " : "", kb->archs[i].id);
	}
}

static int resolve_like(const struct cli *c, const char *query, const struct kb_part **out, struct tpp_error *err)
{
	const struct kb_part *found[8];
	size_t n = 0;
	enum kb_lookup r = kb_lookup_name(&c->kb, query, found, 8, &n);
	if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX) {
		*out = found[0];
		return 0;
	}
	if (r != KB_LOOKUP_AMBIGUOUS)
		n = design_like_candidates(&c->kb, query, found, 8);
	char list[1024] = "";
	for (size_t i = 0; i < n && i < 8; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s (%s)", i ? ", " : "", found[i]->id,
			 found[i]->name);
	if (r == KB_LOOKUP_AMBIGUOUS)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --like: '%s' matches several parts: %s", query, list);
	else if (n)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --like: no part is '%s'; candidates: %s", query, list);
	else
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --like: no part is '%s' (see tppscan lookup --all)", query);
	return -1;
}

/* The starting knobs (architecture or part), the user's on top. */
static int build_knobs(const struct cli *c, const struct design_req *q, struct design_knobs *k,
		       struct design_knobs *base, struct tpp_error *err)
{
	if (q->like) {
		const struct kb_part *p;
		if (resolve_like(c, q->like, &p, err) || design_knobs_from_part(p, k, err))
			return -1;
	} else {
		const struct kb_arch *a = kb_find_arch(&c->kb, q->arch_id);
		char list[1024];
		if (!a) {
			arch_list(&c->kb, list, sizeof(list));
			tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --arch: no architecture '%s' (known: %s)",
				      q->arch_id, list);
			return -1;
		}
		design_knobs_from_arch(a, k);
	}
	*base = *k;
	design_req_apply(q, k);
	return 0;
}

static void rated_list(const struct design_knobs *k, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? ", " : "", tpp_precision_name(p));
}

static int check_knobs(const struct design_req *q, const struct design_knobs *k, struct tpp_error *err)
{
	const char *name = k->like ? k->like->name : k->arch->id;
	const char *missing = !k->units.known ? "--units" : !k->clock_mhz.known ? "--clock-mhz" : NULL;
	if (missing && q->like) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --like %s: the knowledge base has no %s for it; give %s",
			      name, !k->units.known ? "unit count" : "clock", missing);
		return -1;
	}
	if (missing) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --arch needs --units and --clock-mhz (%s is missing)",
			      missing);
		return -1;
	}
	for (int p = 0; p < PREC_COUNT; p++) {
		if (!q->cap[p].known || k->rate[p].known)
			continue;
		char list[128];
		rated_list(k, list, sizeof(list));
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --cap %s: %s has no %s rate (it has %s)",
			      tpp_precision_name(p), name, tpp_precision_name(p), list);
		return -1;
	}
	return 0;
}

static int run(struct cli *c, struct design_req *q, struct tpp_error *err)
{
	struct design_knobs k, base;
	if (build_knobs(c, q, &k, &base, err) || check_knobs(q, &k, err))
		return -1;
	const struct ruleset *sets[64];
	size_t n = 0;
	if (q->all_rules)
		for (size_t i = 0; i < c->rules.n && n < 64; i++)
			sets[n++] = &c->rules.sets[i];
	else
		sets[n++] = c->rs;
	struct assessor as;
	if (cli_assessor(c, &as, err))
		return -1;
	struct design_report r;
	int rc = design_report_build(&as, sets, n, c->rs, &k, q->like ? &base : NULL, &r, err);
	int status = 0;
	if (!rc) {
		struct design_view v = { .c = c, .r = &r, .like_query = q->like, .all_rules = q->all_rules };
		struct verdict vd = { 0 };
		cli_exit_add(c, &vd, &r.record);
		status = c->exit_status ? vd.status : 0;
		if (c->format == FMT_JSON)
			rc = design_render_json(&v, q->nac, err);
		else if (q->nac)
			design_render_nac_markdown(&v);
		else if (c->format == FMT_MARKDOWN)
			design_render_markdown(&v);
		else
			design_render_text(&v);
		design_report_free(&r);
	}
	assessor_free(&as);
	return rc ? -1 : status;
}

int cmd_design(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "units", required_argument, NULL, OPT_UNITS },
		{ "clock-mhz", required_argument, NULL, OPT_CLOCK },
		{ "like", required_argument, NULL, OPT_LIKE },
		{ "cap", required_argument, NULL, OPT_CAP },
		{ "rate", required_argument, NULL, OPT_RATE },
		{ "die-area", required_argument, NULL, OPT_AREA },
		{ "dies", required_argument, NULL, OPT_DIES },
		{ "datacenter", required_argument, NULL, OPT_DC },
		{ "io-bidir", required_argument, NULL, OPT_IO },
		{ "dram-bw", required_argument, NULL, OPT_DRAM },
		{ "hbm-mbd", required_argument, NULL, OPT_HBM },
		{ "transistors", required_argument, NULL, OPT_XTOR },
		{ "all-rules", no_argument, NULL, OPT_ALL },
		{ "nac", no_argument, NULL, OPT_NAC },
		{ "marketing-note", required_argument, NULL, OPT_NOTE },
		CLI_GLOBAL_LONGOPTS,
		CLI_LICENCE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct design_req q = { .datacenter = -1 };
	c->format_markdown_ok = true;
	int r = cli_options(c, argc, argv, longopts, usage, take, &q, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	if (check_request(c, &q, err) || cli_load(c, err))
		return -1;
	int status = run(c, &q, err);
	if (status < 0 || cli_flush(c, err))
		return -1;
	return status;
}
