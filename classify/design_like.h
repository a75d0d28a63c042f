/* Design knobs from the knowledge base: an architecture's rates, or a
 * whole part (tppscan design --like) whose knobs the user then overrides.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESIGN_LIKE_H
#define TPP_DESIGN_LIKE_H

#include "classify/design.h"

/* The architecture's dense ops per clock per unit for every precision it
 * has; everything else unknown. */
void design_knobs_from_arch(const struct kb_arch *a, struct design_knobs *k);

/* Everything the knowledge base knows of a part: its architecture's rates,
 * units, clock, caps (a throughput limit per precision, or a rate factor),
 * applicable dies, I/O (chip-to-chip + host), DRAM bandwidth, transistors,
 * datacenter with its evidence, HBM. A precision the part publishes but
 * its architecture has no rate for (the H100's FP64) gets the rate that
 * gives the published figure at the part's own units and clock. Unknown
 * units or clock stay unknown for the caller to require. -1 (64) when the
 * part has no architecture: units x clock x rate cannot be formed. */
int design_knobs_from_part(const struct kb_part *p, struct design_knobs *k, struct tpp_error *err);

/* Parts a query that matched nothing may have meant: those whose id, name
 * or an alias contains a word of the query (case-insensitive), most words
 * first, knowledge-base order within; returns how many (<= max). */
size_t design_like_candidates(const struct kb *kb, const char *query, const struct kb_part **out, size_t max);

#endif
