/* Classifications shared by input set: identical inputs under the same rule
 * set are evaluated once and the result is shared by reference.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ASSESS_CACHE_H
#define TPP_ASSESS_CACHE_H

#include "classify/evaluate.h"

struct assess_cache;

struct assess_cache *assess_cache_new(void);
void assess_cache_free(struct assess_cache *c);
/* The classification of `in` under `rs`, evaluated on first use; NULL with
 * err set on failure. Valid until the cache is freed. */
const struct classification *assess_cache_get(struct assess_cache *c, const struct ruleset *rs,
					      const struct class_input *in, struct tpp_error *err);

#endif
