/* classify --batch: a manifest of parts or figures (CSV with a header,
 * or JSON Lines; see cli/batch_input.h), one result per line, in order.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLASSIFY_BATCH_H
#define TPP_CLASSIFY_BATCH_H

#include "cli/cli.h"

/* Results go to c->out as CSV (or JSON Lines with --format jsonl, or
 * when the input is JSON Lines). A row that cannot be classified gives a
 * result with its error, is counted and reported on standard error; with
 * `strict` it stops the run (65). */
int classify_batch(struct cli *c, const char *path, bool strict, struct tpp_error *err);

#endif
