/* tppscan: find GPUs and AI accelerators, compute TPP and PD, classify
 * them under ECCN 3A090/4A090. main() is the only place that exits.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "cli/cli.h"

typedef int (*command_fn)(int, char **, struct tpp_error *, struct cli *);

static const struct {
	const char *name;
	command_fn fn;
	bool csv;
	const char *summary;
} commands[] = {
	{ "scan", cmd_scan, true, "find the accelerators on this host or in a dump, identify and classify them" },
	{ "classify", cmd_classify, false, "classify a part from declared TPP, PD and other figures" },
	{ "lookup", cmd_lookup, true, "show a part from the knowledge base, its figures, sources and verdict" },
	{ "rom", cmd_rom, false, "parse saved PCI option ROM / VBIOS files: images, IDs, vendor versions" },
	{ "thresholds", cmd_thresholds, false, "list the rule sets, or show one paragraph by paragraph" },
	{ "countries", cmd_countries, false, "the country groups a country is in on a date, with their dates" },
	{ "design", cmd_design, false, "a SKU's metrics from its design knobs, the headroom to every threshold, a NAC draft" },
	{ "verify", cmd_verify, false, "check hardware against its declaration; write a signed evidence report" },
	{ "verify-report", cmd_verify_report, false, "check an evidence report's digest and signature" },
	{ "plot", cmd_plot, false, "draw the TPP-PD chart of the rule set with parts marked (SVG, PNG, PDF)" },
	{ "fleet", cmd_fleet, true, "a fleet's scan reports: SQLite inventory with history, changes, grouped totals" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: tppscan [COMMAND] [options]     (no command: scan)\n"
		   "Compute 'total processing performance' (TPP) and 'performance density' (PD)\n"
		   "and classify accelerators under US ECCN 3A090/4A090, rule by dated rule.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nGlobal options (accepted by every command):\n"
		   "  --as-of YYYY-MM-DD  --rules ID  --data-dir DIR  --format FMT  -e  -v  -h\n"
		   "  tppscan --version   print the tool and data versions\n"
		   "Run 'tppscan COMMAND --help' for a command's options; see tppscan(1).\n");
}

/* Output that cannot be written is an error (74), for --help and
 * --version as for every command. */
static int finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tppscan: cannot write output: %s\n", strerror(errno));
		return TPP_EX_IOERR;
	}
	return 0;
}

static int version(void)
{
	struct cli c;
	struct tpp_error err = { 0 };
	cli_init(&c, "--version");
	int rc = cli_load(&c, &err);
	printf("tppscan %s\n", TPPSCAN_VERSION);
	if (rc == 0)
		printf("data %s (%s: %zu rule sets, latest %s; %zu parts, %zu architectures)\n", c.data_version,
		       c.data.origin, c.rules.n, c.rules.sets[c.rules.n - 1].id, c.kb.n_parts, c.kb.n_archs);
	cli_free(&c);
	if (rc) {
		fprintf(stderr, "%s\n", err.msg);
		return err.status;
	}
	return finish_stdout();
}

static int run_command(size_t i, int argc, char **argv)
{
	struct cli c;
	struct tpp_error err = { 0 };
	cli_init(&c, commands[i].name);
	c.format_csv_ok = commands[i].csv;
	if (!c.out) {
		fprintf(stderr, "tppscan: out of memory\n");
		return TPP_EX_OSERR;
	}
	int rc = commands[i].fn(argc, argv, &err, &c);
	cli_free(&c);
	if (rc < 0 || err.status) {
		fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "tppscan: internal error");
		return err.status ? err.status : TPP_EX_SOFTWARE;
	}
	return rc;
}

/* Global options may come before the command ("tppscan --as-of D lookup
 * H20"): move them after it, so every command parses them the same way.
 * Only options every command takes are moved; the first other word ends
 * the search. Returns the index of the command word, or 0 if none. */
static int hoist_globals(int argc, char **argv)
{
	static const struct {
		const char *name;
		bool value;
	} globals[] = { { "--as-of", true }, { "--rules", true }, { "--data-dir", true }, { "--format", true },
		{ "--exit-status", false }, { "-e", false }, { "--verbose", false }, { "-v", false } };
	int i = 1;
	while (i < argc) {
		bool found = false;
		for (size_t g = 0; g < sizeof(globals) / sizeof(globals[0]) && !found; g++) {
			size_t l = strlen(globals[g].name);
			if (strncmp(argv[i], globals[g].name, l))
				continue;
			if (argv[i][l] == '\0') {
				i += globals[g].value ? 2 : 1;
				found = true;
			} else if (argv[i][l] == '=' && globals[g].value) {
				i += 1;
				found = true;
			}
		}
		if (!found)
			break;
	}
	if (i == 1 || i >= argc)
		return 0;
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (strcmp(argv[i], commands[k].name) == 0) {
			/* rotate: argv[1..i] = command, then the globals */
			char *cmd = argv[i];
			memmove(&argv[2], &argv[1], (size_t)(i - 1) * sizeof(*argv));
			argv[1] = cmd;
			return 1;
		}
	return 0;
}

int main(int argc, char **argv)
{
	hoist_globals(argc, argv);
	/* Plain `tppscan` and `tppscan --dump FILE ...` mean `tppscan scan ...`. */
	if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--version") && strcmp(argv[1], "-V") &&
			 strcmp(argv[1], "--help") && strcmp(argv[1], "-h")))
		return run_command(0, argc, argv);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return version();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return finish_stdout();
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return run_command(i, argc - 1, argv + 1);
	fprintf(stderr, "tppscan: '%s' is not a command (see tppscan --help)\n", argv[1]);
	return TPP_EX_USAGE;
}
