/* Verdicts shared by threshold region, for batch classification. Every
 * condition of a rule set compares one parameter with a constant, so the
 * verdict of an input (status, ECCN and its bound, label, the matched,
 * excluded, undetermined and consequence paragraphs) depends only on where
 * each value lies among the thresholds of its parameter: below, equal to,
 * or between them. A million manifest lines with a million different
 * figures fall into a few dozen such regions; each region is evaluated
 * once (through the assessor) and shared. The margins and values of the
 * shared classification are those of the first input of its region, so a
 * caller renders only the verdict from it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_VERDICT_CACHE_H
#define TPP_VERDICT_CACHE_H

#include "classify/assess.h"

struct verdict_cache;

struct verdict_cache *verdict_cache_new(const struct ruleset *rs);
void verdict_cache_free(struct verdict_cache *vc);
/* The classification whose verdict is that of `in` under the cache's rule
 * set; NULL with err set on failure. Valid while the assessor lives. */
const struct classification *verdict_cache_get(struct verdict_cache *vc, struct assessor *a,
					       const struct class_input *in, struct tpp_error *err);
/* Regions evaluated so far. */
size_t verdict_cache_regions(const struct verdict_cache *vc);

#endif
