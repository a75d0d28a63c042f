/* tppscan lookup, shared by its command file (options, queries) and its
 * views (text, JSON, CSV, the --all table, --stats); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_LOOKUP_H
#define TPP_CLI_LOOKUP_H

#include "classify/assess.h"
#include "cli/cli.h"

struct lookup_opts {
	bool history, all, stats;
	const char *sort;         /* NULL: not given */
	const char *status;       /* --status filter; NULL: every part */
};

/* One part shown: its report record; `note` says why several parts answer
 * one query (they share a verdict). */
struct lookup_hit {
	struct assessment a;
	char note[200];           /* "" when the query named one part */
};

struct lookup_run {
	struct cli *c;
	struct assessor *as;
	const struct lookup_opts *o;
	struct lookup_hit *hits;
	size_t n;
};

int lookup_render(const struct lookup_run *r, struct tpp_error *err);

#endif
