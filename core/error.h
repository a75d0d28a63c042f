/* Errors returned by library code; only main() turns them into an exit.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_ERROR_H
#define TPP_ERROR_H

/* Exit statuses (sysexits.h values, documented in tppscan(1)). */
enum tpp_status {
	TPP_OK = 0,
	TPP_EX_USAGE = 64,       /* bad option, value or argument */
	TPP_EX_DATAERR = 65,     /* malformed data file, dump or image */
	TPP_EX_NOINPUT = 66,     /* input file missing or unreadable */
	TPP_EX_UNAVAILABLE = 69, /* nothing to probe or no backend */
	TPP_EX_SOFTWARE = 70,    /* internal error */
	TPP_EX_OSERR = 71,       /* out of memory, system call failed */
	TPP_EX_IOERR = 74,       /* cannot write output */
	TPP_EX_NOPERM = 77,      /* permission denied */
};

struct tpp_error {
	int status;
	char msg[512];
};

/* Record the first error only: the innermost message is the most precise. */
void tpp_error_set(struct tpp_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tpp_error_clear(struct tpp_error *err);

#endif
