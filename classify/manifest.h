/* Declaration manifests (verify --declared-file): the parser, from bytes
 * already read (core/input.h reads the file), so it can be fuzzed. JSON
 * when the first non-blank byte is '{', CSV otherwise; both described in
 * tppscan(1), DECLARATION MANIFESTS. Errors are malformed data (65) naming
 * the file and the line (CSV) or JSON path, and are checked in full before
 * anything is probed.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_MANIFEST_H
#define TPP_MANIFEST_H

#include "classify/declaration.h"

#define MANIFEST_MAX_BYTES (4u << 20)

int manifest_parse(const struct kb *kb, const char *file, const char *data, size_t len, struct declaration *out,
		   struct tpp_error *err);

#endif
