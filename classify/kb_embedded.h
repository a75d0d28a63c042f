/* The built-in knowledge base, compiled from devices/ *.json at build time
 * by tools/kbgen.c (the same loader and validation), so start-up parses no
 * JSON for it.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_KB_EMBEDDED_H
#define TPP_KB_EMBEDDED_H

#include "classify/kb.h"

extern const struct kb *const tpp_generated_kb;

#endif
