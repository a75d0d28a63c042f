/* The evidence report's integrity: its numbers in the one form the
 * contract writes, its canonical body, the body's SHA-256 and the Ed25519
 * signature over it (the "signature" member), and the check of all three
 * (tppscan verify-report). The canonical body is defined in tppscan(1),
 * EVIDENCE REPORT, so that anyone can recompute it without tppscan:
 *
 *   the report object without its "signature" member, serialized with no
 *   whitespace, object keys sorted by their UTF-8 bytes, strings in UTF-8
 *   with only '"', '\\' and control characters escaped (\b \f \n \r \t,
 *   others as \u00xx in lower case), integers as integers, other numbers
 *   with at most 15 significant digits as C's "%.15g" writes them (".0"
 *   after an integral real, an exponent with its sign and two digits or
 *   more), and no trailing newline.
 *
 * That is jansson's JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15)
 * with \u escapes in lower case and exponents as printf writes them
 * (jansson writes "1e-5"), and byte for byte what `jq -cSj 'del(.signature)'`
 * and Python's json.dumps(report, sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False) write for a report tppscan made.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_REPORT_SEAL_H
#define TPP_REPORT_SEAL_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"
#include "core/sign.h"

#define REPORT_CANONICAL_FORM "tppscan-canonical-1"

/* In place: integral numbers become integers, other reals keep 15
 * significant digits, so the written form round-trips exactly. */
void report_normalize_numbers(json_t *v);
/* The canonical body of `report` (its "signature" member left out),
 * malloc()ed, not NUL-terminated in *len (a NUL follows it). */
char *report_canonical_body(const json_t *report, size_t *len);
/* Normalize, then set "signature": the body's SHA-256 and, with a key,
 * the Ed25519 signature over the body. */
int report_seal(json_t *report, const struct sign_key *key, struct tpp_error *err);
/* The report as written to a file or stdout: two-space indent, sorted
 * keys, 15 significant digits, a final newline. malloc()ed. */
char *report_pretty(const json_t *report, size_t *len);

#endif
