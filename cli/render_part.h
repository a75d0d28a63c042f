/* Rendering a knowledge-base part: its datasheet figures with sources,
 * shared by lookup and scan.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_PART_H
#define TPP_RENDER_PART_H

#include <jansson.h>
#include <stdio.h>

#include "classify/evaluate.h"
#include "classify/kb.h"

/* "metrics" per the output contract, from the datasheet. */
json_t *part_metrics_json(const struct kb_part *p);
/* The row as written plus its sources resolved to title and URL. */
json_t *part_datasheet_json(struct kb *kb, const struct kb_part *p);
/* "10de:2329, 10de:25b6 (10de:14a9)" */
void part_pci_ids(char *buf, size_t n, const struct kb_part *p);
/* The identity and specs block of `lookup`. */
void part_text_block(FILE *f, const struct kb_part *p, int verbose);
/* Every source the row cites, with title and URL. */
void part_text_sources(FILE *f, struct kb *kb, const struct kb_part *p);
/* The closing summary of a classification: verdict, nearest miss,
 * exceptions and assumptions, in a few lines. */
void classification_summary_text(FILE *f, const struct classification *cl);
/* The ranges of the one open input that make the item controlled, briefly. */
void open_regions_brief(char *buf, size_t n, const struct classification *cl);

/* CSV with RFC 4180 quoting. */
void csv_field(FILE *f, const char *s, bool last);
void csv_number(FILE *f, bool known, double v, bool last);

#endif
