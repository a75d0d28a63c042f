/* The fleet inventory: an SQLite database (WAL mode) keeping every scan
 * of every host. Schema version 1 is documented in docs/fleet.md and
 * identified three ways: PRAGMA application_id 0x54505346 ("TPSF"), PRAGMA
 * user_version 1, and the meta table (format, schema_version). Anything
 * else, a corrupt file included, is refused with 65 before anything is
 * written; a batch of scans is one transaction, so a failure leaves the
 * inventory as it was before that batch.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_STORE_H
#define TPP_FLEET_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/error.h"
#include "core/fleet_scan.h"

#define FLEET_STORE_SCHEMA 1
#define FLEET_STORE_APP_ID 0x54505346   /* "TPSF" */

enum fleet_store_mode { FLEET_STORE_READ, FLEET_STORE_WRITE };

struct fleet_store {
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *stmt[8];
	bool in_tx;
};

/* READ needs an existing inventory (66 if missing); WRITE creates one in
 * a missing or empty file. Not a regular file: 66; not SQLite, corrupt,
 * another application's database or a newer schema: 65; no permission: 77. */
int fleet_store_open(struct fleet_store *st, const char *path, enum fleet_store_mode mode, struct tpp_error *err);
void fleet_store_close(struct fleet_store *st);

int fleet_store_begin(struct fleet_store *st, struct tpp_error *err);
int fleet_store_commit(struct fleet_store *st, struct tpp_error *err);
void fleet_store_rollback(struct fleet_store *st);

enum fleet_put { FLEET_PUT_NEW, FLEET_PUT_SAME, FLEET_PUT_CONFLICT };
/* Store one complete scan (inside a transaction). A scan of the same host
 * at the same time is not stored again: SAME when its content is the
 * same, CONFLICT when it differs (the stored one is kept). */
int fleet_store_put(struct fleet_store *st, const struct fleet_scan *s, const char *source, enum fleet_put *out,
		    struct tpp_error *err);

/* Scans in host order, then time order, each with its devices in slot order:
 * LATEST gives each host's latest scan; SINCE every scan at or after
 * `since`, and for each host the one before it (the baseline to compare). */
enum fleet_select { FLEET_LATEST, FLEET_SINCE };
int fleet_store_scans(struct fleet_store *st, enum fleet_select which, int64_t since, fleet_scan_fn fn, void *arg,
		      struct tpp_error *err);
int fleet_store_latest_scans(struct fleet_store *st, fleet_scan_fn fn, void *arg, struct tpp_error *err);

/* Counts for messages: hosts, scans, devices stored. */
int fleet_store_counts(struct fleet_store *st, long long out[3], struct tpp_error *err);

#endif
