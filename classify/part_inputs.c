/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/part_inputs.h"

#include <string.h>

void part_class_input(const struct kb_part *p, int ship_year, struct class_input *in)
{
	*in = (struct class_input){ .item_ic = true };
	if (p->tpp.known)
		class_input_number(in, "tpp", p->tpp.tpp, "datasheet");
	else if (p->no_compute)
		class_input_number(in, "tpp", 0, "datasheet (no compute engine)");
	if (p->pd_known)
		class_input_number(in, "pd", p->pd, "datasheet");
	if (p->datacenter >= 0)
		class_input_bool(in, "datacenter", p->datacenter == 1, "datasheet");
	if (p->io_known)
		class_input_number(in, "io_bidir_gbps", p->io_bidir_gbps, "datasheet");
	if (p->memory_bw_gbps.known)
		class_input_number(in, "dram_bw_gbps", p->memory_bw_gbps.value, "datasheet");
	if (p->transistors.known)
		class_input_number(in, "transistors", p->transistors.value, "datasheet");
	if (p->memory_type)
		class_input_bool(in, "has_hbm", strncmp(p->memory_type, "HBM", 3) == 0, "datasheet");
	class_input_number(in, "ship_year", ship_year, "as-of date");
}
