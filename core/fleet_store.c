/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/fleet_store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fleet_store_internal.h"

static const char schema_sql[] =
	"PRAGMA application_id = 1414550342;\n"   /* FLEET_STORE_APP_ID */
	"PRAGMA user_version = 1;\n"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
	"INSERT INTO meta VALUES ('format', 'tppscan fleet inventory'), ('schema_version', '1'),\n"
	"  ('created_by', 'tppscan " TPPSCAN_VERSION "');\n"
	"CREATE TABLE hosts (id INTEGER PRIMARY KEY, host_id TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE scans (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  host INTEGER NOT NULL REFERENCES hosts (id),\n"
	"  scan_time INTEGER NOT NULL,\n"
	"  site TEXT, country TEXT, hostname TEXT,\n"
	"  tool_version TEXT NOT NULL, data_version TEXT, rule_set TEXT,\n"
	"  devices INTEGER NOT NULL,\n"
	"  digest TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  UNIQUE (host, scan_time));\n"
	"CREATE INDEX scans_by_time ON scans (scan_time);\n"
	"CREATE TABLE devices (\n"
	"  scan INTEGER NOT NULL REFERENCES scans (id),\n"
	"  slot TEXT NOT NULL,\n"
	"  vendor_id TEXT NOT NULL, device_id TEXT NOT NULL, subsystem_vendor_id TEXT, subsystem_id TEXT,\n"
	"  part TEXT, name TEXT, uuid TEXT, serial TEXT, vbios_version TEXT,\n"
	"  tpp REAL, pd REAL, tpp_source TEXT,\n"
	"  status TEXT NOT NULL, eccn TEXT, label TEXT NOT NULL, rule_set TEXT NOT NULL,\n"
	"  paragraphs TEXT, flags TEXT,\n"
	"  display_only INTEGER NOT NULL,\n"
	"  PRIMARY KEY (scan, slot)) WITHOUT ROWID;\n";

/* One integer from a one-row statement. */
static int query_int(struct fleet_store *st, const char *sql, long long *out, struct tpp_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc, "reading the inventory", err);
}

static int query_text(struct fleet_store *st, const char *sql, char *out, size_t n, struct tpp_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	out[0] = '\0';
	if (rc == SQLITE_OK && ((rc = sqlite3_step(s)) == SQLITE_ROW || rc == SQLITE_DONE)) {
		if (rc == SQLITE_ROW && sqlite3_column_text(s, 0))
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc, "reading the inventory", err);
}

static int refuse(struct fleet_store *st, struct tpp_error *err, const char *why)
{
	tpp_error_set(err, TPP_EX_DATAERR, "%s: %s", st->path, why);
	return -1;
}

/* What kind of database this is: 1 empty, 0 an inventory of our schema. */
static int identify(struct fleet_store *st, struct tpp_error *err)
{
	long long app, version, objects;
	if (query_int(st, "PRAGMA application_id", &app, err) || query_int(st, "PRAGMA user_version", &version, err) ||
	    query_int(st, "SELECT count(*) FROM sqlite_master", &objects, err))
		return -1;
	if (app == 0 && version == 0 && objects == 0)
		return 1;
	char why[160];
	if (app != FLEET_STORE_APP_ID) {
		snprintf(why, sizeof(why), "not a tppscan fleet inventory (another application's database, application_id %lld)",
			 app);
		return refuse(st, err, why);
	}
	if (version != FLEET_STORE_SCHEMA) {
		snprintf(why, sizeof(why), "inventory schema %lld; this tppscan reads schema %d", version, FLEET_STORE_SCHEMA);
		return refuse(st, err, why);
	}
	char format[64], schema[16];
	if (query_text(st, "SELECT value FROM meta WHERE key = 'format'", format, sizeof(format), err) ||
	    query_text(st, "SELECT value FROM meta WHERE key = 'schema_version'", schema, sizeof(schema), err))
		return -1;
	if (strcmp(format, "tppscan fleet inventory") || strcmp(schema, "1"))
		return refuse(st, err, "the meta table does not describe a tppscan fleet inventory of schema 1 (damaged?)");
	return 0;
}

static int exec(struct fleet_store *st, const char *sql, const char *what, struct tpp_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc, what, err);
}

static int create(struct fleet_store *st, struct tpp_error *err)
{
	if (exec(st, "PRAGMA journal_mode = WAL", "setting WAL mode", err) ||
	    exec(st, "BEGIN IMMEDIATE", "creating the inventory", err))
		return -1;
	if (exec(st, schema_sql, "creating the inventory", err) || exec(st, "COMMIT", "creating the inventory", err)) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* Before the first write: the whole file must read back intact. */
static int check_intact(struct fleet_store *st, struct tpp_error *err)
{
	char result[200];
	if (query_text(st, "PRAGMA quick_check", result, sizeof(result), err))
		return -1;
	if (strcmp(result, "ok")) {
		char why[260];
		snprintf(why, sizeof(why), "corrupt (%s); nothing was written", result);
		return refuse(st, err, why);
	}
	return exec(st, "PRAGMA journal_mode = WAL", "setting WAL mode", err);
}

static int check_path(const char *path, enum fleet_store_mode mode, struct tpp_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT && mode == FLEET_STORE_WRITE)
			return 0;
		tpp_error_set(err, errno == EACCES ? TPP_EX_NOPERM : TPP_EX_NOINPUT, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		tpp_error_set(err, TPP_EX_NOINPUT, "%s: not a regular file", path);
		return -1;
	}
	return 0;
}

int fleet_store_open(struct fleet_store *st, const char *path, enum fleet_store_mode mode, struct tpp_error *err)
{
	*st = (struct fleet_store){ .path = path };
	if (check_path(path, mode, err))
		return -1;
	int flags = mode == FLEET_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, rc, "cannot open", err);
		fleet_store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 10000);
	int kind = identify(st, err);
	if (kind == 1 && mode == FLEET_STORE_READ)
		kind = refuse(st, err, "an empty database, not a tppscan fleet inventory (fleet ingest creates one)");
	if (kind == 1)
		kind = create(st, err);
	else if (kind == 0 && mode == FLEET_STORE_WRITE)
		kind = check_intact(st, err);
	if (kind == 0 && exec(st, "PRAGMA foreign_keys = ON", "opening", err))
		kind = -1;
	if (kind == 0 && mode == FLEET_STORE_WRITE)
		kind = store_prepare(st, err);
	if (kind) {
		fleet_store_close(st);
		return -1;
	}
	return 0;
}

void fleet_store_close(struct fleet_store *st)
{
	for (size_t i = 0; i < sizeof(st->stmt) / sizeof(st->stmt[0]); i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(st->db);
	*st = (struct fleet_store){ 0 };
}

int fleet_store_begin(struct fleet_store *st, struct tpp_error *err)
{
	if (exec(st, "BEGIN IMMEDIATE", "starting a transaction", err))
		return -1;
	st->in_tx = true;
	return 0;
}

int fleet_store_commit(struct fleet_store *st, struct tpp_error *err)
{
	if (exec(st, "COMMIT", "committing", err)) {
		fleet_store_rollback(st);
		return -1;
	}
	st->in_tx = false;
	return 0;
}

void fleet_store_rollback(struct fleet_store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
}

int fleet_store_counts(struct fleet_store *st, long long out[3], struct tpp_error *err)
{
	return query_int(st, "SELECT count(*) FROM hosts", &out[0], err) ||
	       query_int(st, "SELECT count(*) FROM scans", &out[1], err) ||
	       query_int(st, "SELECT count(*) FROM devices", &out[2], err) ? -1 : 0;
}
