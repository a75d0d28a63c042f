/* SQLite result codes as tppscan's exit statuses and one-line messages.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/fleet_store_internal.h"

int store_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_FORMAT:
	case SQLITE_MISMATCH:
	case SQLITE_CONSTRAINT:
		return TPP_EX_DATAERR;
	case SQLITE_CANTOPEN:
		return TPP_EX_NOINPUT;
	case SQLITE_PERM:
	case SQLITE_READONLY:
	case SQLITE_AUTH:
		return TPP_EX_NOPERM;
	case SQLITE_NOMEM:
		return TPP_EX_OSERR;
	default:
		return TPP_EX_IOERR;
	}
}

int store_fail(struct fleet_store *st, int rc, const char *what, struct tpp_error *err)
{
	const char *why = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	if ((rc & 0xff) == SQLITE_NOTADB)
		why = "not an SQLite database (or a corrupt one)";
	tpp_error_set(err, store_status(rc), "%s: %s: %s", st->path, what, why);
	return -1;
}
