/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

void tpp_error_set(struct tpp_error *err, int status, const char *fmt, ...)
{
	if (!err || err->status)
		return;
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void tpp_error_clear(struct tpp_error *err)
{
	err->status = 0;
	err->msg[0] = '\0';
}
