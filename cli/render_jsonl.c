/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render_jsonl.h"

#include <stdlib.h>
#include <string.h>

int render_json_line(FILE *f, json_t *obj, struct tpp_error *err)
{
	char *s = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(8)) : NULL;
	json_decref(obj);
	if (!s) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building JSON");
		return -1;
	}
	fputs(s, f);
	fputc('\n', f);
	free(s);
	return 0;
}
