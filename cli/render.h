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
/* A PCI ID or other code as lower-case hex of `digits` digits ("10de"). */
json_t *json_hex(unsigned v, int digits);
/* schema_version, tool and rules: the header of every JSON document. */
json_t *render_json_header(const struct cli *c);
json_t *render_rules_json(const struct cli *c, const struct ruleset *rs);
json_t *render_classification_json(const struct classification *cl);
/* Sorted keys, two-space indent, fixed real precision; ends with a newline. */
int render_json_emit(struct cli *c, json_t *root, struct tpp_error *err);
/* The same document written device by device, so memory does not grow
 * with the number of devices: begin, one call per device object (taken
 * over), then the document's other keys (taken over; they all sort after
 * "devices"). The bytes equal render_json_emit of the whole document. */
struct json_stream {
	struct cli *c;
	size_t n;
	/* Values shared by many devices (a classification), serialized once:
	 * the device object carries a placeholder and its text is spliced in,
	 * so the bytes are those of the full document. */
	json_t *shared_index;     /* key ("%p") -> index into shared_text */
	char **shared_text;
	size_t *shared_len;
	size_t n_shared, cap_shared;
};
void json_stream_begin(struct json_stream *s, struct cli *c);
/* A placeholder for the value `build(arg)` identified by the string `key`,
 * built and serialized on first use only; NULL on out of memory. */
json_t *json_stream_shared(struct json_stream *s, const char *key, json_t *(*build)(const void *arg), const void *arg);
int json_stream_device(struct json_stream *s, json_t *dev, struct tpp_error *err);
int json_stream_end(struct json_stream *s, json_t *rest, struct tpp_error *err);
/* Frees the shared values; json_stream_end does it too. */
void json_stream_free(struct json_stream *s);

/* --- text --- */
const char *param_label(const char *name);
/* Shortest exact-enough form: integers without decimals, others %.6g. */
const char *fmt_num(char *buf, size_t n, double v);
void render_cond_text(char *buf, size_t n, const struct ruleset *rs, const struct rule_cond *cond);
/* "TPP 2368 is 1.3% below 3A090.b.1's 2400" */
void margin_phrase(char *buf, size_t n, const struct margin *m);
/* For an item not controlled: every unmet threshold of the paragraph it came
 * nearest to meeting (classification_nearest), "TPP 1000 is 37.5% below
 * 3A090.a.2's 1600"; false (buf empty) when there is none. */
bool nearest_phrase(char *buf, size_t n, const struct classification *cl);
void render_classification_text(FILE *f, const struct classification *cl, int verbose);
/* "HEADING: verdict", then the nearest miss or the exclusion that applied. */
void verdict_block_text(FILE *f, const struct classification *cl, const char *heading);
/* The met paragraphs of one kind, separated by ';' ("NAC;ACA"); "" if none. */
void join_met(char *buf, size_t n, const struct classification *cl, enum rule_para_kind kind);
/* The inputs known only within bounds, with why: "PD >= 3.44 from the
 * reticle limit: ..."; the number of them. */
size_t bounds_phrase(char *buf, size_t n, const struct classification *cl);
/* One-line verdict: "3A090.a (3A090.a.1)", "3A090.b or higher (PD >= 3.44
 * from ...)", "not 3A090", "undetermined (needs pd)". */
void verdict_phrase(char *buf, size_t n, const struct classification *cl);

#endif
