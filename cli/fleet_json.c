/* What the fleet subcommands' JSON documents share.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/fleet.h"
#include "cli/render.h"

json_t *fleet_json_header(const struct cli *c)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema_version", json_integer(TPP_SCHEMA_VERSION));
	json_object_set_new(root, "tool", json_pack("{s:s, s:s, s:s}", "name", "tppscan", "version", TPPSCAN_VERSION,
						   "data_version", c->data_version));
	return root;
}

json_t *fleet_problems_json(const struct fleet_input *in)
{
	json_t *first = json_array();
	for (size_t i = 0; in && i < in->n_kept; i++)
		json_array_append_new(first, json_pack("{s:s, s:I, s:s}", "file", in->kept[i].file, "line",
						       (json_int_t)in->kept[i].line, "problem", in->kept[i].what));
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "count", (json_int_t)(in ? in->problems : 0),
			 "malformed_lines", (json_int_t)(in ? in->bad_lines : 0), "incomplete_scans",
			 (json_int_t)(in ? in->as.incomplete : 0), "unreadable_files", (json_int_t)(in ? in->bad_files : 0),
			 "conflicting_scans", (json_int_t)(in ? in->conflicts : 0), "first", first);
}
