/* The licence answer rendered: one summary line, the reasons with their
 * citations, conditions and advisories (text), and the JSON "licence"
 * object of the output contract.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_RENDER_LICENCE_H
#define TPP_RENDER_LICENCE_H

#include <jansson.h>
#include <stdio.h>

#include "classify/licence.h"

/* "licence required (presumption of denial) for China (CN), export from US" */
void licence_summary(char *buf, size_t n, const struct lic_answer *a, const struct dest_data *d);
/* The summary, then each reason, condition and advisory on its own line. */
void licence_text_block(FILE *f, const struct lic_answer *a, const struct dest_data *d, const char *indent);
json_t *licence_json(const struct lic_answer *a);
/* The -e status with --dest: 14 a licence is required, 13 undetermined, 0 none. */
#define LICENCE_EXIT_REQUIRED 14
int licence_exit_status(const struct lic_answer *a);

#endif
