/* Renderers of `tppscan design`: text, JSON, Markdown and the NAC draft
 * (Markdown or JSON). They render struct design_report and decide nothing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESIGN_VIEW_H
#define TPP_DESIGN_VIEW_H

#include <jansson.h>
#include <stdio.h>

#include "classify/design_report.h"
#include "cli/cli.h"

struct design_view {
	struct cli *c;
	const struct design_report *r;
	const char *like_query;        /* --like as typed */
	bool all_rules;
};

/* The shortest decimal that reads back as the same double, without an
 * exponent in the range a knob takes: "299.99999999999994", "300". */
const char *fmt_exact(char *buf, size_t n, double v);
/* "units (SM)", "clock (MHz)", "cap fp8 (TOPS)", "die 1 area (mm2)" */
const char *knob_label(char *buf, size_t n, const struct design_knobs *k, struct design_knob_ref r);
/* The entry's knob value on today's side of the step (LAST) and past it (NEXT). */
double entry_last(const struct headroom_entry *e);
double entry_next(const struct headroom_entry *e);
/* "TPP >= 2400" */
void entry_condition(char *buf, size_t n, const struct ruleset *rs, const struct headroom_entry *e);
/* Entries that share a knob and a step (">= 4800" and "< 4800" of several
 * paragraphs): the group starting at i, and whether entry j belongs to it. */
bool entry_same_step(const struct headroom_entry *a, const struct headroom_entry *b);
/* What the step changes, for a group: "3A090.b.1 met; verdict 3A090.b". */
void step_effect(char *buf, size_t n, const struct headroom *h, size_t first);
/* Whether a person needs the step by default: it changes the verdict, or
 * the result of a consequence (an exception, a review policy, a
 * presumption), not only which control paragraphs are met. */
bool step_matters(const struct headroom *h, size_t first);
/* The steps to show: one per knob and step, those step_matters (with
 * verbose every comparison), by knob, each knob's nearest first; indexes
 * into h->e (idx has room for h->n). */
size_t pick_steps(const struct headroom *h, bool verbose, size_t *idx);
/* "met", "not met", ...: a status for a person. */
const char *status_words(enum para_status s);
/* "DRAM GB/s 3350 is 48.5% below the China/Macau case-by-case review's 6500" */
void dram_phrase(char *buf, size_t n, const struct param_margin *m);
/* Knob values in words: "132 SM", "1 x 814 mm2 (GH100)". */
void dies_phrase(char *buf, size_t n, const struct design_knobs *k);
void caps_phrase(char *buf, size_t n, const struct design_knobs *k);

void design_render_text(const struct design_view *v);
void design_render_markdown(const struct design_view *v);
int design_render_json(const struct design_view *v, bool with_nac, struct tpp_error *err);
void design_render_nac_markdown(const struct design_view *v);
json_t *design_nac_json(const struct design_view *v);

#endif
