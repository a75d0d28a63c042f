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

#endif
