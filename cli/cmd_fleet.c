/* tppscan fleet SUBCOMMAND: a fleet's reports into an inventory with
 * history (ingest, changes) and grouped totals (summary).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "cli/fleet.h"


static const char usage[] =
	"Usage: tppscan fleet ingest --db FILE REPORT...|DIR|-\n"
	"       tppscan fleet changes --db FILE [--since DATE]\n"
	"       tppscan fleet summary [--by KEY[,KEY...]] [--diffusion] REPORT...|DIR|- | --db FILE\n"
	"Keep a fleet's scan reports (scan --format jsonl) in an SQLite inventory with history,\n"
	"list what changed between scans, and total controlled compute by ECCN, part, site,\n"
	"country or host. Run 'tppscan fleet SUBCOMMAND --help' for its options; see tppscan(1).\n";

static const struct {
	const char *name, *cmd;
	int (*fn)(int, char **, struct tpp_error *, struct cli *);
} subs[] = {
	{ "ingest", "fleet ingest", fleet_ingest },
	{ "changes", "fleet changes", fleet_changes },
	{ "summary", "fleet summary", fleet_summary },
};

int cmd_fleet(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc < 2) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan fleet: give a subcommand: ingest, changes or summary (see --help)");
			return -1;
		}
		fputs(usage, c->out);
		return cli_flush(c, err) ? -1 : 0;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name)) {
			c->cmd = subs[i].cmd;
			return subs[i].fn(argc - 1, argv + 1, err, c);
		}
	tpp_error_set(err, TPP_EX_USAGE, "tppscan fleet: '%s' is not a subcommand (ingest, changes, summary)", argv[1]);
	return -1;
}
