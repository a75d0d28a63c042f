/* tppscan fleet: the subcommands (ingest, changes, summary), each in its
 * own file, and what they share.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_FLEET_H
#define TPP_CLI_FLEET_H

#include "classify/fleet_summary.h"
#include "cli/cli.h"
#include "cli/fleet_input.h"

int fleet_ingest(int argc, char **argv, struct tpp_error *err, struct cli *c);
int fleet_changes(int argc, char **argv, struct tpp_error *err, struct cli *c);
int fleet_summary(int argc, char **argv, struct tpp_error *err, struct cli *c);

/* The summary's views. */
struct fleet_summary_report {
	struct cli *c;
	struct fleet_summary *s;
	const struct fleet_input *in;    /* NULL when read from the database */
	const char *db;                  /* the database read, or NULL */
	bool diffusion;
};
int fleet_summary_text(const struct fleet_summary_report *r, struct tpp_error *err);
int fleet_summary_json(const struct fleet_summary_report *r, struct tpp_error *err);
int fleet_summary_csv(const struct fleet_summary_report *r, struct tpp_error *err);

/* The JSON header of a fleet document: schema_version and tool (the
 * verdicts are the reports', not a rule set's). */
json_t *fleet_json_header(const struct cli *c);
/* Problems found in the reports, for a JSON document. */
json_t *fleet_problems_json(const struct fleet_input *in);

#endif
