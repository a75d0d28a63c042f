/* tppscan fleet ingest: reports into the inventory. The whole run is one
 * transaction (or one per --batch N scans): a failure leaves the inventory
 * as it was before it (before that batch).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/fleet.h"
#include "cli/render.h"
#include "core/fleet_store.h"

static const char usage[] =
	"Usage: tppscan fleet ingest --db FILE [options] REPORT...|DIR|-\n"
	"Store a fleet's scan reports (scan --format jsonl; a directory gives its *.jsonl,\n"
	"*.ndjson and *.json files; - is standard input) in an SQLite inventory, keeping\n"
	"every scan. A scan already stored (same host, same scan time) is not stored again.\n"
	"\n"
	"Options:\n"
	"  --db FILE            the inventory (created if missing or empty)\n"
	"  --batch N            commit every N scans (default: the whole run is one transaction)\n"
	"  --strict             stop at the first malformed line or incomplete scan (65);\n"
	"                       nothing of the run is stored\n"
	"  --format text|json   output format (default text)\n"
	"  -h, --help           show this help\n";

enum { OPT_DB = 256, OPT_STRICT, OPT_BATCH };

struct ingest {
	const char *db;
	bool strict;
	double batch;
	struct fleet_store st;
	struct fleet_input *in;
	unsigned long stored, same, conflicts, in_batch, devices;
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct ingest *g = state;
	switch (opt) {
	case OPT_DB:
		g->db = arg;
		return 0;
	case OPT_STRICT:
		g->strict = true;
		return 0;
	case OPT_BATCH:
		if (!cli_parse_nonneg(c, "--batch", arg, &g->batch, err))
			return -1;
		if (g->batch < 1 || g->batch != (double)(long)g->batch) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --batch: '%s' is not a positive whole number", c->cmd, arg);
			return -1;
		}
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static int put_scan(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	struct ingest *g = arg;
	enum fleet_put out;
	if (fleet_store_put(&g->st, s, s->file, &out, err))
		return -1;
	if (out == FLEET_PUT_NEW) {
		g->stored++;
		g->devices += s->n;
	} else if (out == FLEET_PUT_SAME) {
		g->same++;
	} else {
		g->conflicts++;
		char what[300];
		snprintf(what, sizeof(what), "a different scan of host %s at %s is already stored; kept the stored one",
			 s->labels.host_id, s->labels.scan_time);
		/* a conflict is a problem in the reports, counted like the others */
		g->in->conflicts++;
		if (fleet_input_problem(g->in, s->file, s->first_line, what, err))
			return -1;
	}
	if (g->batch > 0 && ++g->in_batch >= (unsigned long)g->batch) {
		g->in_batch = 0;
		if (fleet_store_commit(&g->st, err) || fleet_store_begin(&g->st, err))
			return -1;
	}
	return 0;
}

static int report(struct cli *c, struct ingest *g, struct tpp_error *err)
{
	long long n[3];
	if (fleet_store_counts(&g->st, n, err))
		return -1;
	const struct fleet_input *in = g->in;
	if (c->format == FMT_JSON) {
		json_t *root = fleet_json_header(c);
		json_object_set_new(root, "database", json_string(g->db));
		json_object_set_new(root, "scans", json_pack("{s:I, s:I, s:I, s:I, s:I}", "read", (json_int_t)in->scans,
			"stored", (json_int_t)g->stored, "already_stored", (json_int_t)g->same, "conflicting",
			(json_int_t)g->conflicts, "devices_stored", (json_int_t)g->devices));
		json_object_set_new(root, "source", json_pack("{s:I, s:I, s:I}", "files", (json_int_t)in->files, "lines",
			(json_int_t)in->lines, "ignored_files", (json_int_t)in->ignored));
		json_object_set_new(root, "inventory", json_pack("{s:I, s:I, s:I}", "hosts", (json_int_t)n[0], "scans",
			(json_int_t)n[1], "devices", (json_int_t)n[2]));
		json_object_set_new(root, "problems", fleet_problems_json(in));
		return render_json_emit(c, root, err);
	}
	fprintf(c->out, "%s: %lu scan%s read from %lu file%s (%lu lines): %lu stored (%lu devices), %lu already stored, "
		"%lu conflicting; %lu problem%s%s\n", g->db, in->scans, in->scans == 1 ? "" : "s", in->files,
		in->files == 1 ? "" : "s", in->lines, g->stored, g->devices, g->same, g->conflicts, in->problems,
		in->problems == 1 ? "" : "s", in->problems ? " (standard error)" : "");
	fprintf(c->out, "Inventory: %lld hosts, %lld scans, %lld devices\n", n[0], n[1], n[2]);
	return 0;
}

int fleet_ingest(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "batch", required_argument, NULL, OPT_BATCH },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct ingest g = { 0 };
	int r = cli_options(c, argc, argv, longopts, usage, take, &g, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (c->format == FMT_CSV) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --format: 'csv' is not one of text, json", c->cmd);
		return -1;
	}
	if (!g.db || optind == argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: give --db FILE and the reports (files, directories or -)", c->cmd);
		return -1;
	}
	if (cli_load(c, err) || fleet_store_open(&g.st, g.db, FLEET_STORE_WRITE, err))
		return -1;
	struct fleet_input in;
	fleet_input_init(&in, put_scan, &g, g.strict);
	g.in = &in;
	int rc = fleet_store_begin(&g.st, err);
	if (!rc)
		rc = fleet_input_read(&in, argv + optind, (size_t)(argc - optind), err);
	if (!rc)
		rc = fleet_store_commit(&g.st, err);
	else
		fleet_store_rollback(&g.st);
	if (!rc)
		rc = report(c, &g, err);
	fleet_store_close(&g.st);
	if (!rc)
		fleet_input_report(&in, c->cmd, stderr);
	fleet_input_free(&in);
	if (rc || cli_flush(c, err))
		return -1;
	return 0;
}
