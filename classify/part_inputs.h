/* From a knowledge-base part to the parameters a rule set evaluates.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PART_INPUTS_H
#define TPP_PART_INPUTS_H

#include "classify/evaluate.h"
#include "classify/kb.h"

/* TPP, PD, datacenter, I/O, DRAM bandwidth, transistors and HBM from the
 * part's datasheet figures; unknown figures are left out (never zero). */
void part_class_input(const struct kb_part *p, int ship_year, struct class_input *in);

#endif
