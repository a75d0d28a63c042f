/* Reading fleet reports from files, directories (their *.jsonl, *.ndjson
 * and *.json files, in name order) and standard input ("-"), line by
 * line, into complete scans. Every problem (a malformed line, an
 * incomplete scan, an unreadable file in a directory) is counted and the
 * first few kept with file and line; none stops the run unless --strict.
 * A file whose first line is a lone "{" is a JSON scan document.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_INPUT_H
#define TPP_FLEET_INPUT_H

#include <stdio.h>

#include "core/fleet_scan.h"

#define FLEET_PROBLEMS_KEPT 10

struct fleet_problem {
	char *file;
	unsigned long line;
	char what[400];
};

struct fleet_input {
	bool strict;                   /* the first problem stops the run (65) */
	unsigned long files, lines, scans;
	unsigned long ignored;         /* files in a directory not named *.jsonl, *.ndjson, *.json */
	unsigned long problems, bad_lines, incomplete, bad_files, conflicts;
	struct fleet_problem kept[FLEET_PROBLEMS_KEPT];
	size_t n_kept;
	fleet_scan_fn on_scan;
	void *arg;
	struct fleet_assembler as;
	struct fleet_record rec;
};

void fleet_input_init(struct fleet_input *in, fleet_scan_fn on_scan, void *arg, bool strict);
void fleet_input_free(struct fleet_input *in);
/* A named file that cannot be opened is an error (66, 77); problems
 * inside the reports are counted (65 with --strict). */
int fleet_input_read(struct fleet_input *in, char *const *sources, size_t n, struct tpp_error *err);
/* Count (and keep, among the first few) a problem found by a consumer of
 * scans (a conflicting scan); -1 with err under --strict. */
int fleet_input_problem(struct fleet_input *in, const char *file, unsigned long line, const char *what,
			struct tpp_error *err);
/* "tppscan fleet summary: 3 problems in the reports (first 3 shown):" and
 * one line each, for standard error. */
void fleet_input_report(const struct fleet_input *in, const char *cmd, FILE *f);

#endif
