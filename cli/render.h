/* Renderers: one model (struct classification, rule sets), several views.
 * JSON and CSV are contracts that only grow; text is for people.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_H
#define TPP_RENDER_H

#include <jansson.h>
#include <stdio.h>

#include "classify/evaluate.h"
#include "cli/cli.h"

#define TPP_SCHEMA_VERSION 1

/* --- JSON --- */
/* A number: integral values as JSON integers, others as reals. */
json_t *json_num(double v);
/* NULL-safe string: JSON null for NULL. */
json_t *json_str(const char *s);
/* schema_version, tool and rules: the header of every JSON document. */
json_t *render_json_header(const struct cli *c);
json_t *render_rules_json(const struct cli *c, const struct ruleset *rs);
json_t *render_classification_json(const struct classification *cl);
/* Sorted keys, two-space indent, fixed real precision; ends with a newline. */
int render_json_emit(struct cli *c, json_t *root, struct tpp_error *err);

/* --- text --- */
const char *param_label(const char *name);
/* Shortest exact-enough form: integers without decimals, others %.6g. */
const char *fmt_num(char *buf, size_t n, double v);
void render_cond_text(char *buf, size_t n, const struct ruleset *rs, const struct rule_cond *cond);
/* "TPP 2368 is 1.3% below 3A090.b.1's 2400" */
void margin_phrase(char *buf, size_t n, const struct margin *m);
/* The threshold that came closest to matching a control paragraph, or NULL. */
const struct margin *closest_miss(const struct classification *cl);
void render_classification_text(FILE *f, const struct classification *cl, int verbose);
/* "HEADING: verdict", then the nearest miss or the exclusion that applied. */
void verdict_block_text(FILE *f, const struct classification *cl, const char *heading);
/* "3A090.a", "not 3A090" or "undetermined": the short form for tables. */
const char *eccn_label(const struct classification *cl);
/* The met paragraphs of one kind, separated by ';' ("NAC;ACA"); "" if none. */
void join_met(char *buf, size_t n, const struct classification *cl, enum rule_para_kind kind);
/* One-line verdict: "3A090.a (3A090.a.1)", "not 3A090", "undetermined (needs pd)". */
void verdict_phrase(char *buf, size_t n, const struct classification *cl);

#endif
