/* tppscan fleet summary: stream reports (or each host's latest scan in the
 * inventory) into grouped totals.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/fleet.h"
#include "core/fleet_store.h"

static const char usage[] =
	"Usage: tppscan fleet summary [options] REPORT...|DIR|-\n"
	"       tppscan fleet summary [options] --db FILE\n"
	"Total a fleet's accelerators from its scan reports (scan --format jsonl; a directory\n"
	"gives its *.jsonl, *.ndjson and *.json files; - is standard input), or from each\n"
	"host's latest scan in the inventory: hosts, accelerators, TPP, H100-equivalents\n"
	"(TPP / 15,832), controlled accelerators and their TPP. Memory grows with the number\n"
	"of groups, not of hosts. Verdicts are the reports' own.\n"
	"\n"
	"Options:\n"
	"  --by KEY[,KEY...]    group by eccn, part, site, country and/or host (repeatable)\n"
	"  --diffusion          each country's share of its AI Diffusion cap (90 FR 4544,\n"
	"                       published, not enforced): figures in destinations/licence.json,\n"
	"                       country tiers from the country groups on the --as-of date\n"
	"  --db FILE            read the inventory written by fleet ingest instead of reports\n"
	"  --strict             stop at the first malformed line or incomplete scan (65)\n"
	"  --format text|json|csv  output format (default text)\n"
	"  --as-of YYYY-MM-DD   the country groups of that day (default: today)\n"
	"  --data-dir DIR       read destinations/ (and the rest) from DIR\n"
	"  -h, --help           show this help\n";

enum { OPT_BY = 256, OPT_DIFFUSION, OPT_DB, OPT_STRICT };

struct summary_opts {
	enum fleet_dim by[FLEET_N_DIMS];
	size_t n_by;
	bool diffusion, strict;
	const char *db;
};

static int take_by(struct cli *c, struct summary_opts *o, const char *arg, struct tpp_error *err)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", arg);
	for (char *save = NULL, *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		enum fleet_dim d;
		if (!fleet_dim_parse(k, &d)) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --by: '%s' is not one of eccn, part, site, country, host",
				      c->cmd, k);
			return -1;
		}
		for (size_t i = 0; i < o->n_by; i++)
			if (o->by[i] == d) {
				tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --by: '%s' given twice", c->cmd, k);
				return -1;
			}
		o->by[o->n_by++] = d;
	}
	return 0;
}

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct summary_opts *o = state;
	switch (opt) {
	case OPT_BY:
		return take_by(c, o, arg, err);
	case OPT_DIFFUSION:
		o->diffusion = true;
		return 0;
	case OPT_DB:
		o->db = arg;
		return 0;
	case OPT_STRICT:
		o->strict = true;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static int add_scan(void *arg, const struct fleet_scan *scan, struct tpp_error *err)
{
	return fleet_summary_add(arg, scan, err);
}

static int render(struct fleet_summary_report *r, struct tpp_error *err)
{
	switch (r->c->format) {
	case FMT_JSON:
		return fleet_summary_json(r, err);
	case FMT_CSV:
		return fleet_summary_csv(r, err);
	default:
		return fleet_summary_text(r, err);
	}
}

static int summarize(struct cli *c, const struct summary_opts *o, char **sources, size_t n,
		     const struct diffusion *d, struct tpp_error *err)
{
	struct fleet_summary s;
	fleet_summary_init(&s, o->by, o->n_by, d, o->diffusion);
	struct fleet_input in;
	fleet_input_init(&in, add_scan, &s, o->strict);
	int rc;
	if (o->db) {
		struct fleet_store st;
		rc = fleet_store_open(&st, o->db, FLEET_STORE_READ, err);
		if (!rc) {
			rc = fleet_store_latest_scans(&st, add_scan, &s, err);
			fleet_store_close(&st);
		}
	} else {
		rc = fleet_input_read(&in, sources, n, err);
	}
	struct fleet_summary_report r = { .c = c, .s = &s, .in = o->db ? NULL : &in, .db = o->db,
		.diffusion = o->diffusion };
	if (!rc)
		rc = render(&r, err);
	if (!rc)
		fleet_input_report(&in, c->cmd, stderr);
	fleet_input_free(&in);
	fleet_summary_free(&s);
	return rc;
}

int fleet_summary(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, OPT_BY },
		{ "diffusion", no_argument, NULL, OPT_DIFFUSION },
		{ "db", required_argument, NULL, OPT_DB },
		{ "strict", no_argument, NULL, OPT_STRICT },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct summary_opts o = { 0 };
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (o.db && optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: give reports or --db, not both", c->cmd);
		return -1;
	}
	if (!o.db && optind == argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: give report files, a directory, - (standard input) or --db FILE",
			      c->cmd);
		return -1;
	}
	c->needs_destinations = true;
	if (cli_load(c, err))
		return -1;
	struct diffusion d;
	if (!c->lic.loaded || !c->dest.loaded) {
		tpp_error_set(err, TPP_EX_NOINPUT, "tppscan %s: the H100-equivalent and AI Diffusion figures need "
			      "destinations/licence.json and destinations/country-groups.json in the data (%s)", c->cmd,
			      c->data.origin);
		return -1;
	}
	if (diffusion_build(&d, &c->lic, &c->dest, c->as_of, err))
		return -1;
	int rc = summarize(c, &o, argv + optind, (size_t)(argc - optind), &d, err);
	diffusion_free(&d);
	if (rc || cli_flush(c, err))
		return -1;
	return 0;
}
