/* What every subcommand shares: global options, the loaded data, the
 * selected rule set, and output buffered until the command succeeds.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_H
#define TPP_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/datafiles.h"
#include "core/date.h"
#include "core/error.h"
#include "classify/destinations.h"
#include "classify/kb.h"
#include "classify/licence.h"
#include "classify/rules.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_MARKDOWN, FMT_JSONL };

struct cli {
	const char *cmd;
	/* global options */
	const char *as_of_arg;
	tpp_date as_of;
	const char *rules_id;
	bool rules_from_operand;   /* `thresholds ID`, not --rules */
	const char *data_dir;
	enum out_format format;
	bool format_csv_ok;        /* the command accepts --format csv */
	bool format_markdown_ok;   /* the command accepts --format markdown (design) */
	const char *shortopts;     /* the command's own short options ("o:"), besides the global ones */
	bool format_jsonl_ok;      /* the command accepts --format jsonl (scan, classify --batch) */
	bool exit_status;
	int verbose;
	/* loaded state */
	struct data_set data;
	bool data_loaded;
	struct rule_catalog rules;
	bool rules_loaded;
	struct kb kb;              /* the knowledge base (empty with a rules-only --data-dir) */
	bool kb_loaded;
	const struct ruleset *rs;  /* the selected rule set */
	struct dest_data dest;     /* country groups (destinations/) */
	struct lic_data lic;       /* licence regimes and overlays */
	/* the shipment asked about (--dest, --hq, --from, --diffusion) */
	const char *dest_arg, *hq_arg, *from_arg;
	bool diffusion;
	bool want_licence;         /* --dest given: every record gets a licence answer */
	bool needs_destinations;   /* the command reads destinations/ without --dest (countries, fleet summary) */
	struct lic_query licq;
	char data_version[48];
	/* output, written to stdout only when the command succeeds */
	FILE *out;
	char *out_buf;
	size_t out_len;
	bool spilled;              /* out is stdout itself */
};

/* Long options every subcommand accepts; append to a command's table. */
#define CLI_GLOBAL_LONGOPTS \
	{ "as-of", required_argument, NULL, 'A' }, \
	{ "rules", required_argument, NULL, 'R' }, \
	{ "data-dir", required_argument, NULL, 'D' }, \
	{ "format", required_argument, NULL, 'F' }, \
	{ "exit-status", no_argument, NULL, 'e' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "help", no_argument, NULL, 'h' }
#define CLI_GLOBAL_SHORTOPTS ":ehv"   /* leading ':': a missing value is reported as such */

/* The shipment options of the commands that classify (classify, lookup,
 * scan, verify, design); handled by cli_global_option. */
enum { CLI_OPT_DEST = 1000, CLI_OPT_HQ, CLI_OPT_FROM, CLI_OPT_DIFFUSION };
#define CLI_LICENCE_LONGOPTS \
	{ "dest", required_argument, NULL, CLI_OPT_DEST }, \
	{ "hq", required_argument, NULL, CLI_OPT_HQ }, \
	{ "from", required_argument, NULL, CLI_OPT_FROM }, \
	{ "diffusion", no_argument, NULL, CLI_OPT_DIFFUSION }
#define CLI_LICENCE_USAGE \
	"  --dest CC            licence answer for shipping to country CC (ISO 3166 alpha-2)\n" \
	"  --hq CC              country of the end user's ultimate parent (default: --dest)\n" \
	"  --from CC            where the item ships from (default US: an export; from the\n" \
	"                       destination itself: an in-country transfer; else a reexport)\n" \
	"  --diffusion          also apply the AI Diffusion rule (published, not enforced)\n"

enum cli_opt_result { CLI_OPT_UNHANDLED, CLI_OPT_OK, CLI_OPT_HELP, CLI_OPT_ERROR };

void cli_init(struct cli *c, const char *cmd);
void cli_free(struct cli *c);

/* Handle a global option; CLI_OPT_UNHANDLED leaves it to the command. */
enum cli_opt_result cli_global_option(struct cli *c, int opt, const char *arg, struct tpp_error *err);
/* Report getopt's '?' and ':' results and unexpected operands. */
void cli_bad_option(struct cli *c, int opt, int argc, char **argv, struct tpp_error *err);

/* A command's own options: 0 when taken, -1 with err set, CLI_TAKE_UNKNOWN
 * for an option it does not have. */
#define CLI_TAKE_UNKNOWN (-2)
typedef int (*cli_take_fn)(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err);

/* The option loop every command shares: global options here, the rest to
 * `take` (NULL: the command has none). Returns 0 to go on (operands from
 * optind), 1 after printing `usage` for --help, -1 on error. */
int cli_options(struct cli *c, int argc, char **argv, const struct option *longopts, const char *usage,
		cli_take_fn take, void *state, struct tpp_error *err);

/* Load the data set, rule catalog and knowledge base, then pick the rule
 * set from --rules or --as-of (default: today). */
int cli_load(struct cli *c, struct tpp_error *err);
bool cli_rules_by_date(const struct cli *c);
/* Validate --dest/--hq/--from into c->licq (called by cli_load). */
int cli_licence_query(struct cli *c, struct tpp_error *err);
/* Today, or the date in TPPSCAN_TODAY (validated like --as-of). */
int cli_today(const struct cli *c, tpp_date *out, struct tpp_error *err);

struct assessor;
struct assessment;
struct verdict;
/* An assessor for the command's rule set, with the shipment of --dest. */
int cli_assessor(struct cli *c, struct assessor *a, struct tpp_error *err);
/* Add a record to the -e status: its tier, or with --dest its licence
 * answer (14 required, 13 undetermined, 0 not required). */
void cli_exit_add(const struct cli *c, struct verdict *v, const struct assessment *a);
/* Now, in seconds since the epoch: the clock's, or TPPSCAN_NOW when set
 * (validated, 64; tests and reproducible reports pin it). *pinned (may be
 * NULL) says which. */
int cli_now_epoch(const char *cmd, int64_t *out, bool *pinned, struct tpp_error *err);
/* The same as "YYYY-MM-DDTHH:MM:SSZ" (UTC): the time of a test. */
int cli_now(const struct cli *c, char out[21], bool *pinned, struct tpp_error *err);
/* The host name: TPPSCAN_HOSTNAME if set, else gethostname(2); returns
 * where it came from ("TPPSCAN_HOSTNAME" or "gethostname"), NULL (and "")
 * when neither gives one. */
const char *cli_hostname(char *buf, size_t n);

/* Strict value parsers: the whole string must be consumed. */
bool cli_parse_number(const char *s, double *out);
bool cli_parse_nonneg(struct cli *c, const char *opt, const char *s, double *out, struct tpp_error *err);
bool cli_parse_yesno(struct cli *c, const char *opt, const char *s, bool *out, struct tpp_error *err);

/* Write the buffered output to stdout; an I/O failure is an error. */
int cli_flush(struct cli *c, struct tpp_error *err);
/* Output is buffered so that an error leaves stdout empty; past
 * CLI_SPILL_BYTES (a fleet-sized scan) it is written out as it is made, so
 * memory stays flat. Every input is read and checked before any output is
 * made, so only a failure to allocate or write can then cut it short. */
#define CLI_SPILL_BYTES (1u << 20)
int cli_spill(struct cli *c, struct tpp_error *err);

/* Subcommands: return an exit status; on failure fill err. */
int cmd_classify(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_thresholds(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_lookup(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_scan(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_rom(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_countries(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_design(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_verify(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_verify_report(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_plot(int argc, char **argv, struct tpp_error *err, struct cli *c);
int cmd_fleet(int argc, char **argv, struct tpp_error *err, struct cli *c);

#endif
