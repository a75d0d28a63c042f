/* Shared by the knowledge-base loader's files (kb_parse.c, kb_check.c,
 * kb_load.c, kb_query.c); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_KB_INTERNAL_H
#define TPP_KB_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "classify/kb.h"
#include "core/jsonv.h"

#define TPP_TOLERANCE 0.0005    /* declared vs recomputed TPP: rounding only */
#define ARCH_TOLERANCE 0.02     /* units x clock x rate vs a published figure */

/* Per-file parsing state: the vendor whose sources keys resolve, and which
 * of them were used (every defined source must be cited somewhere). */
struct kb_file {
	struct jv c;
	struct kb *kb;
	struct kb_vendor *vendor;
	bool *used;
};

/* Allocated with the knowledge base and freed with it. */
void *kb_alloc(struct kb_file *f, size_t n, size_t size);
bool kb_is_id(const char *s);
bool kb_parse_hex16(const char *s, uint16_t *out);
/* Index of a source key in the vendor file; -1 if undefined. */
int kb_source_index(const struct kb_vendor *v, const char *key);
bool kb_names_equal(const char *a, const char *b);
/* The name without a leading vendor name: "AMD Instinct MI250X" -> "Instinct MI250X". */
const char *kb_short_name(const struct kb_part *p);

/* kb_parse.c: one part or architecture row, schema-checked. */
bool kb_parse_vendor_sources(struct kb_file *f, json_t *root);
bool kb_parse_arch(struct kb_file *f, json_t *a, const char *path, struct kb_arch *arch);
bool kb_parse_part(struct kb_file *f, json_t *j, const char *path, struct kb_part *p);

/* kb_check.c: what the loader computes from a row, and the cross-row checks. */
void kb_compute_part(struct kb_part *p);
bool kb_check_part_tpp(struct kb_file *f, const struct kb_part *p, const char *path);
bool kb_check_part(struct tpp_error *err, const struct kb_part *p);
bool kb_check_arch_rows(struct kb *kb, struct tpp_error *err);
bool kb_check_uniqueness(struct kb *kb, struct tpp_error *err);

#endif
