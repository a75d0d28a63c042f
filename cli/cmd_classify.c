/* tppscan classify: evaluate declared figures against a rule set.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "classify/assess.h"
#include "cli/classify_batch.h"
#include "cli/cli.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"

static const char usage[] =
	"Usage: tppscan classify --tpp N [--pd X | --die-area MM2] [options]\n"
	"       tppscan classify --hbm-mbd X [options]\n"
	"       tppscan classify --batch FILE|- [--format csv|jsonl] [options]\n"
	"Classify a part from declared figures under ECCN 3A090/4A090.\n"
	"\n"
	"Part parameters:\n"
	"  --tpp N              total processing performance (dense TOPS x bit length)\n"
	"  --pd X               performance density (TPP per mm2 of applicable die area)\n"
	"  --die-area MM2       applicable die area; PD is computed as TPP / MM2\n"
	"  --tpp-min N, --tpp-max N, --pd-min X, --pd-max X\n"
	"                       what is known of an unknown TPP or PD: sound bounds; the verdict\n"
	"                       is decided where every value within them gives the same one\n"
	"  --datacenter yes|no  designed or marketed for datacenters (unknown: assumed yes)\n"
	"  --io-bidir GBPS      aggregate bidirectional I/O rate (2022 rule)\n"
	"  --dram-bw GBPS       total DRAM bandwidth (2026 China/Macau review window)\n"
	"  --transistors N      aggregated approximated transistor count (Note 1 to 3A090.a)\n"
	"  --has-hbm yes|no     the packaged IC contains HBM (Note 1 to 3A090.a)\n"
	"  --hbm-mbd X          classify an HBM stack: memory bandwidth density, GB/s/mm2\n"
	"\n"
	"Batch:\n"
	"  --batch FILE|-       classify every line of a manifest: CSV with a header naming its\n"
	"                       columns, or JSON Lines (id, part, tpp, pd, die_area, tpp_min, ...,\n"
	"                       the options above with '_'); one result per line, in order\n"
	"  --strict             stop at the first line that cannot be classified (65)\n"
	"\n"
	"Options:\n"
	CLI_LICENCE_USAGE
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json|csv|jsonl  output format (default text; csv and jsonl with --batch)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11/12 for 3A090.a/.b/.c, 13 if undetermined\n"
	"  -v, --verbose        show each paragraph's source and our readings\n"
	"  -h, --help           show this help\n";

enum {
	OPT_TPP = 256, OPT_PD, OPT_AREA, OPT_DC, OPT_IO, OPT_DRAM, OPT_XTOR, OPT_HAS_HBM, OPT_HBM_MBD,
	OPT_TPP_MIN, OPT_TPP_MAX, OPT_PD_MIN, OPT_PD_MAX, OPT_BATCH, OPT_STRICT,
};

struct classify_state {
	struct class_input in;
	struct declared_figures d;
	const char *batch;
	bool strict, figures;   /* figures: any figure option was given */
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct classify_state *st = state;
	struct class_input *in = &st->in;
	struct declared_figures *d = &st->d;
	double v;
	bool b;
	if (opt == OPT_BATCH || opt == OPT_STRICT) {
		st->batch = opt == OPT_BATCH ? arg : st->batch;
		st->strict |= opt == OPT_STRICT;
		return 0;
	}
	st->figures = true;
	switch (opt) {
	case OPT_TPP:
		if (!cli_parse_nonneg(c, "--tpp", arg, &d->tpp, err))
			return -1;
		d->tpp_set = d->ic = true;
		return 0;
	case OPT_PD:
		if (!cli_parse_nonneg(c, "--pd", arg, &d->pd, err))
			return -1;
		d->pd_set = d->ic = true;
		return 0;
	case OPT_AREA:
		if (!cli_parse_nonneg(c, "--die-area", arg, &d->area, err))
			return -1;
		if (d->area == 0) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --die-area: '%s' must be greater than 0", arg);
			return -1;
		}
		d->area_set = d->ic = true;
		return 0;
	case OPT_TPP_MIN:
	case OPT_TPP_MAX:
	case OPT_PD_MIN:
	case OPT_PD_MAX: {
		static const char *const names[] = { "--tpp-min", "--tpp-max", "--pd-min", "--pd-max" };
		double *slot[] = { &d->tpp_lo, &d->tpp_hi, &d->pd_lo, &d->pd_hi };
		bool *set[] = { &d->tpp_lo_set, &d->tpp_hi_set, &d->pd_lo_set, &d->pd_hi_set };
		int k = opt - OPT_TPP_MIN;
		if (!cli_parse_nonneg(c, names[k], arg, slot[k], err))
			return -1;
		*set[k] = d->ic = true;
		return 0;
	}
	case OPT_DC:
	case OPT_HAS_HBM:
		if (!cli_parse_yesno(c, opt == OPT_DC ? "--datacenter" : "--has-hbm", arg, &b, err))
			return -1;
		class_input_bool(in, opt == OPT_DC ? "datacenter" : "has_hbm", b, "declared");
		d->ic = true;
		return 0;
	case OPT_IO:
	case OPT_DRAM:
	case OPT_XTOR:
	case OPT_HBM_MBD: {
		static const char *const opts[] = { [OPT_IO - OPT_IO] = "--io-bidir",
			[OPT_DRAM - OPT_IO] = "--dram-bw", [OPT_XTOR - OPT_IO] = "--transistors",
			[OPT_HBM_MBD - OPT_IO] = "--hbm-mbd" };
		static const char *const params[] = { [OPT_IO - OPT_IO] = "io_bidir_gbps",
			[OPT_DRAM - OPT_IO] = "dram_bw_gbps", [OPT_XTOR - OPT_IO] = "transistors",
			[OPT_HBM_MBD - OPT_IO] = "hbm_mbd" };
		if (!cli_parse_nonneg(c, opts[opt - OPT_IO], arg, &v, err))
			return -1;
		class_input_number(in, params[opt - OPT_IO], v, "declared");
		if (opt == OPT_HBM_MBD)
			d->hbm = true;
		else
			d->ic = true;
		return 0;
	}
	}
	return CLI_TAKE_UNKNOWN;
}

static void text_output(struct cli *c, const struct declared_figures *d, const struct assessment *a)
{
	char d1[11], d2[11];
	tpp_date_format(c->as_of, d1);
	tpp_date_format(c->rs->effective, d2);
	fprintf(c->out, "Rule set %s (%s, effective %s), %s%s\n", c->rs->id, c->rs->citation, d2,
		c->rules_id ? "chosen with --rules" : "in force on ", c->rules_id ? "" : d1);
	if (d->area_set) {
		char ar[32], t[32], p[32];
		fprintf(c->out, "  PD = TPP / die area = %s / %s mm2 = %s\n", fmt_num(t, sizeof(t), d->tpp),
			fmt_num(ar, sizeof(ar), d->area), fmt_num(p, sizeof(p), a->pd.value));
	}
	fputc('\n', c->out);
	render_classification_text(c->out, a->cl, c->verbose);
	if (a->has_licence) {
		fputs("\nLicence\n", c->out);
		licence_text_block(c->out, &a->licence, &c->dest, "  ");
	}
}

static int json_output(struct cli *c, const struct assessment *a, struct tpp_error *err)
{
	struct device_json_ctx x;
	struct json_stream s;
	json_stream_begin(&s, c);
	device_json_init(&x, &c->kb, &s);
	int rc = json_stream_device(&s, device_json(&x, a), err);
	device_json_free(&x);
	if (rc) {
		json_stream_free(&s);
		return -1;
	}
	return json_stream_end(&s, render_json_header(c), err);
}

static int batch_mode(struct cli *c, const struct classify_state *st, int argc, struct tpp_error *err)
{
	if (!st->batch) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --strict applies to --batch");
		return -1;
	}
	if (st->figures || optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --batch takes its figures from %s; give no figure "
			      "options or arguments with it", st->batch);
		return -1;
	}
	if (cli_load(c, err) || classify_batch(c, st->batch, st->strict, err) || cli_flush(c, err))
		return -1;
	return 0;
}

int cmd_classify(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "tpp", required_argument, NULL, OPT_TPP },
		{ "pd", required_argument, NULL, OPT_PD },
		{ "die-area", required_argument, NULL, OPT_AREA },
		{ "datacenter", required_argument, NULL, OPT_DC },
		{ "io-bidir", required_argument, NULL, OPT_IO },
		{ "dram-bw", required_argument, NULL, OPT_DRAM },
		{ "transistors", required_argument, NULL, OPT_XTOR },
		{ "has-hbm", required_argument, NULL, OPT_HAS_HBM },
		{ "hbm-mbd", required_argument, NULL, OPT_HBM_MBD },
		{ "tpp-min", required_argument, NULL, OPT_TPP_MIN },
		{ "tpp-max", required_argument, NULL, OPT_TPP_MAX },
		{ "pd-min", required_argument, NULL, OPT_PD_MIN },
		{ "pd-max", required_argument, NULL, OPT_PD_MAX },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "strict", no_argument, NULL, OPT_STRICT },
		CLI_GLOBAL_LONGOPTS,
		CLI_LICENCE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct classify_state st = { 0 };
	c->format_csv_ok = c->format_jsonl_ok = true;   /* refused below without --batch */
	int r = cli_options(c, argc, argv, longopts, usage, take, &st, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (st.batch || st.strict)
		return batch_mode(c, &st, argc, err);
	if (c->format == FMT_CSV || c->format == FMT_JSONL) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --format: '%s' needs --batch (one figure set: text or json)",
			      c->format == FMT_CSV ? "csv" : "jsonl");
		return -1;
	}
	struct class_input in = st.in;
	struct declared_figures d = st.d;
	if (optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	if (d.pd_set && d.area_set) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: give --pd or --die-area, not both");
		return -1;
	}
	if ((d.tpp_set && (d.tpp_lo_set || d.tpp_hi_set)) || ((d.pd_set || d.area_set) && (d.pd_lo_set || d.pd_hi_set))) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: a figure is either declared or bounded, not both");
		return -1;
	}
	if ((d.tpp_lo_set && d.tpp_hi_set && d.tpp_lo > d.tpp_hi) || (d.pd_lo_set && d.pd_hi_set && d.pd_lo > d.pd_hi)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: a minimum is above its maximum");
		return -1;
	}
	if (d.area_set && !d.tpp_set) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --die-area needs --tpp to compute PD");
		return -1;
	}
	if (!d.ic && !d.hbm) {
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan classify: nothing to classify: give --tpp (an IC) or --hbm-mbd (an HBM stack); see --help");
		return -1;
	}
	if (cli_load(c, err))
		return -1;
	struct assessor as;
	if (cli_assessor(c, &as, err))
		return -1;
	struct assessment a;
	int rc = assess_declared(&as, &d, &in, &a, err);
	struct verdict v = { 0 };
	if (!rc)
		cli_exit_add(c, &v, &a);
	int status = c->exit_status ? v.status : 0;
	if (!rc && c->format == FMT_JSON)
		rc = json_output(c, &a, err);
	else if (!rc)
		text_output(c, &d, &a);
	assessor_free(&as);
	if (rc || cli_flush(c, err))
		return -1;
	return status;
}
