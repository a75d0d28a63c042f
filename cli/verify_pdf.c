/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/verify_run.h"

int verify_pdf(const struct verify_run *r, unsigned char **data, size_t *len, struct tpp_error *err)
{
	(void)r; (void)data; (void)len;
	tpp_error_set(err, TPP_EX_SOFTWARE, "pdf: not yet");
	return -1;
}
