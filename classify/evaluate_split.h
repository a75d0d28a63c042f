/* Deciding a verdict over unknown or bounded inputs (evaluate.c's second
 * step); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_EVALUATE_SPLIT_H
#define TPP_EVALUATE_SPLIT_H

#include "classify/evaluate.h"

/* The three-valued evaluation alone. */
int classify_evaluate_plain(const struct ruleset *rs, const struct class_input *in, struct classification *out,
			    struct tpp_error *err);
bool rule_cond_uses_param(const struct rule_cond *c, size_t param);

/* For an undetermined result: split each numeric input that left a control
 * or exclusion paragraph open (unknown: [0, inf); a range: its bounds) at
 * every threshold the rule set compares it with, evaluate one value from
 * each region, and keep what holds in every region: a verdict the same
 * everywhere is decided (exact), one controlled everywhere is "at least"
 * the least controlled tier seen, anything else stays undetermined. The
 * rules are constant between thresholds, so the regions cover every value. */
int classify_split_ranges(const struct ruleset *rs, const struct class_input *in, struct classification *out,
			  struct tpp_error *err);

#endif
