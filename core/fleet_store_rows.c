/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fleet_store_internal.h"
#include "core/grow.h"

enum { S_HOST_ADD, S_HOST_ID, S_SCAN_FIND, S_SCAN_ADD, S_DEVICE_ADD };

static const char *const sql[] = {
	[S_HOST_ADD] = "INSERT OR IGNORE INTO hosts (host_id) VALUES (?1)",
	[S_HOST_ID] = "SELECT id FROM hosts WHERE host_id = ?1",
	[S_SCAN_FIND] = "SELECT digest FROM scans WHERE host = ?1 AND scan_time = ?2",
	[S_SCAN_ADD] = "INSERT INTO scans (host, scan_time, site, country, hostname, tool_version, data_version, "
		       "rule_set, devices, digest, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_DEVICE_ADD] = "INSERT INTO devices (scan, slot, vendor_id, device_id, subsystem_vendor_id, subsystem_id, "
			 "part, name, uuid, serial, vbios_version, tpp, pd, tpp_source, status, eccn, label, rule_set, "
			 "paragraphs, flags, display_only) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
			 "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
};

int store_prepare(struct fleet_store *st, struct tpp_error *err)
{
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		int rc = sqlite3_prepare_v3(st->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL);
		if (rc != SQLITE_OK)
			return store_fail(st, rc, "preparing", err);
	}
	return 0;
}

/* Optional text: NULL in the table when empty. */
static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (*v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int run(struct fleet_store *st, sqlite3_stmt *s, const char *what, struct tpp_error *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, what, err);
}

static int host_key(struct fleet_store *st, const char *host_id, sqlite3_int64 *out, struct tpp_error *err)
{
	sqlite3_stmt *add = st->stmt[S_HOST_ADD], *get = st->stmt[S_HOST_ID];
	sqlite3_bind_text(add, 1, host_id, -1, SQLITE_STATIC);
	if (run(st, add, "adding a host", err))
		return -1;
	sqlite3_bind_text(get, 1, host_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(get);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(get, 0);
	sqlite3_reset(get);
	return rc == SQLITE_ROW ? 0 : store_fail(st, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "finding a host", err);
}

/* 1 with the stored digest when the host already has a scan at that time. */
static int find_scan(struct fleet_store *st, sqlite3_int64 host, int64_t t, char digest[17], struct tpp_error *err)
{
	sqlite3_stmt *s = st->stmt[S_SCAN_FIND];
	sqlite3_bind_int64(s, 1, host);
	sqlite3_bind_int64(s, 2, t);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(digest, 17, "%s", sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, "finding a scan", err);
}

static int add_device(struct fleet_store *st, sqlite3_int64 scan, const struct fleet_device *d, struct tpp_error *err)
{
	sqlite3_stmt *s = st->stmt[S_DEVICE_ADD];
	sqlite3_bind_int64(s, 1, scan);
	sqlite3_bind_text(s, 2, d->slot, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->vendor_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, d->device_id, -1, SQLITE_STATIC);
	const char *opt[] = { d->subsystem_vendor_id, d->subsystem_id, d->part, d->name, d->uuid, d->serial, d->vbios };
	for (int i = 0; i < 7; i++)
		bind_opt(s, 5 + i, opt[i]);
	if (d->tpp_known)
		sqlite3_bind_double(s, 12, d->tpp);
	else
		sqlite3_bind_null(s, 12);
	if (d->pd_known)
		sqlite3_bind_double(s, 13, d->pd);
	else
		sqlite3_bind_null(s, 13);
	bind_opt(s, 14, d->tpp_source);
	sqlite3_bind_text(s, 15, fleet_status_name(d->status), -1, SQLITE_STATIC);
	bind_opt(s, 16, d->eccn);
	sqlite3_bind_text(s, 17, d->label, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 18, d->rule_set, -1, SQLITE_STATIC);
	bind_opt(s, 19, d->paragraphs);
	bind_opt(s, 20, d->flags);
	sqlite3_bind_int(s, 21, d->display_only);
	return run(st, s, "adding a device", err);
}

int fleet_store_put(struct fleet_store *st, const struct fleet_scan *s, const char *source, enum fleet_put *out,
		    struct tpp_error *err)
{
	sqlite3_int64 host = 0;
	char digest[17], stored[17];
	fleet_scan_digest(s, digest);
	if (host_key(st, s->labels.host_id, &host, err))
		return -1;
	int found = find_scan(st, host, s->labels.scan_epoch, stored, err);
	if (found < 0)
		return -1;
	if (found) {
		*out = strcmp(stored, digest) ? FLEET_PUT_CONFLICT : FLEET_PUT_SAME;
		return 0;
	}
	sqlite3_stmt *a = st->stmt[S_SCAN_ADD];
	sqlite3_bind_int64(a, 1, host);
	sqlite3_bind_int64(a, 2, s->labels.scan_epoch);
	bind_opt(a, 3, s->labels.site);
	bind_opt(a, 4, s->labels.country);
	bind_opt(a, 5, s->host.hostname);
	sqlite3_bind_text(a, 6, s->host.tool_version, -1, SQLITE_STATIC);
	bind_opt(a, 7, s->host.data_version);
	bind_opt(a, 8, s->host.rule_set);
	sqlite3_bind_int64(a, 9, (sqlite3_int64)s->n);
	sqlite3_bind_text(a, 10, digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(a, 11, source, -1, SQLITE_STATIC);
	if (run(st, a, "adding a scan", err))
		return -1;
	sqlite3_int64 scan = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < s->n; i++)
		if (add_device(st, scan, &s->dev[i], err))
			return -1;
	*out = FLEET_PUT_NEW;
	return 0;
}

/* --- reading scans back ----------------------------------------------------- */

#define SCAN_COLS "s.id, h.host_id, s.scan_time, s.site, s.country, s.hostname, s.tool_version, s.data_version, " \
		  "s.rule_set, s.source"
#define DEVICE_COLS "d.slot, d.vendor_id, d.device_id, d.subsystem_vendor_id, d.subsystem_id, d.part, d.name, " \
		    "d.uuid, d.serial, d.vbios_version, d.tpp, d.pd, d.tpp_source, d.status, d.eccn, d.label, " \
		    "d.rule_set, d.paragraphs, d.flags, d.display_only"
enum { C_SCAN_ID, C_HOST, C_TIME, C_SITE, C_COUNTRY, C_HOSTNAME, C_TOOL, C_DATA, C_RULES, C_SOURCE, C_DEV };

static const char latest_sql[] =
	"SELECT " SCAN_COLS ", " DEVICE_COLS " FROM scans s JOIN hosts h ON h.id = s.host "
	"LEFT JOIN devices d ON d.scan = s.id "
	"WHERE s.scan_time = (SELECT max(s2.scan_time) FROM scans s2 WHERE s2.host = s.host) "
	"ORDER BY h.host_id, s.scan_time, d.slot";
static const char since_sql[] =
	"SELECT " SCAN_COLS ", " DEVICE_COLS " FROM scans s JOIN hosts h ON h.id = s.host "
	"LEFT JOIN devices d ON d.scan = s.id "
	"WHERE s.scan_time >= coalesce((SELECT max(s2.scan_time) FROM scans s2 WHERE s2.host = s.host "
	"AND s2.scan_time < ?1), ?1) "
	"ORDER BY h.host_id, s.scan_time, d.slot";

/* A text column into a fixed field; a stored value too long for it is damage. */
static bool text_col(sqlite3_stmt *s, int col, char *dst, size_t n)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	size_t l = v ? strlen((const char *)v) : 0;
	if (l >= n)
		return false;
	memcpy(dst, v ? (const char *)v : "", l + 1);
	return true;
}

struct text_field {
	int col;
	char *dst;
	size_t size;
};

static bool text_cols(sqlite3_stmt *s, const struct text_field *f, size_t n)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok = text_col(s, f[i].col, f[i].dst, f[i].size) && ok;
	return ok;
}

#define TF(c, field) { (c), (field), sizeof(field) }

static bool read_device(sqlite3_stmt *s, struct fleet_device *d)
{
	int c = C_DEV;
	char status[24];
	const struct text_field f[] = { TF(c, d->slot), TF(c + 1, d->vendor_id), TF(c + 2, d->device_id),
		TF(c + 3, d->subsystem_vendor_id), TF(c + 4, d->subsystem_id), TF(c + 5, d->part), TF(c + 6, d->name),
		TF(c + 7, d->uuid), TF(c + 8, d->serial), TF(c + 9, d->vbios), TF(c + 12, d->tpp_source),
		TF(c + 13, status), TF(c + 14, d->eccn), TF(c + 15, d->label), TF(c + 16, d->rule_set),
		TF(c + 17, d->paragraphs), TF(c + 18, d->flags) };
	bool ok = text_cols(s, f, sizeof(f) / sizeof(f[0]));
	d->tpp_known = sqlite3_column_type(s, c + 10) != SQLITE_NULL;
	d->tpp = sqlite3_column_double(s, c + 10);
	d->pd_known = sqlite3_column_type(s, c + 11) != SQLITE_NULL;
	d->pd = sqlite3_column_double(s, c + 11);
	d->display_only = sqlite3_column_int(s, c + 19) != 0;
	return ok && fleet_status_parse(status, &d->status);
}

static bool read_scan_head(sqlite3_stmt *s, struct fleet_scan *sc, char *source, size_t n)
{
	struct fleet_labels *l = &sc->labels;
	sc->n = 0;
	l->scan_epoch = sqlite3_column_int64(s, C_TIME);
	tpp_time_format(l->scan_epoch, l->scan_time);
	sc->host = (struct fleet_host){ 0 };
	const struct text_field f[] = { TF(C_HOST, l->host_id), TF(C_SITE, l->site), TF(C_COUNTRY, l->country),
		TF(C_HOSTNAME, sc->host.hostname), TF(C_TOOL, sc->host.tool_version), TF(C_DATA, sc->host.data_version),
		TF(C_RULES, sc->host.rule_set), { C_SOURCE, source, n } };
	return text_cols(s, f, sizeof(f) / sizeof(f[0]));
}

static int grow(struct fleet_scan *sc, struct tpp_error *err)
{
	struct fleet_device *d = grow_for_one(sc->dev, sc->n, &sc->cap, sizeof(*d), 16);
	if (!d) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	sc->dev = d;
	return 0;
}

/* Rows arrive scan by scan (ordered); each scan goes to fn when the next begins. */
static int stream(struct fleet_store *st, sqlite3_stmt *s, fleet_scan_fn fn, void *arg, struct tpp_error *err)
{
	struct fleet_scan sc = { 0 };
	char source[4096];
	sqlite3_int64 cur = -1;
	int rc, out = 0;
	sc.file = source;
	while (!out && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(s, C_SCAN_ID);
		if (id != cur) {
			if (cur >= 0 && (out = fn(arg, &sc, err)))
				break;
			cur = id;
			if (!read_scan_head(s, &sc, source, sizeof(source)))
				rc = SQLITE_CORRUPT;
		}
		if (rc == SQLITE_ROW && sqlite3_column_type(s, C_DEV) != SQLITE_NULL) {
			if ((out = grow(&sc, err)))
				break;
			if (!read_device(s, &sc.dev[sc.n++]))
				rc = SQLITE_CORRUPT;
		}
		if (rc != SQLITE_ROW)
			break;
	}
	if (!out && rc != SQLITE_DONE && rc != SQLITE_ROW)
		out = store_fail(st, rc, "reading scans", err);
	else if (!out && cur >= 0)
		out = fn(arg, &sc, err);
	free(sc.dev);
	return out ? -1 : 0;
}

int fleet_store_scans(struct fleet_store *st, enum fleet_select which, int64_t since, fleet_scan_fn fn, void *arg,
		      struct tpp_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, which == FLEET_LATEST ? latest_sql : since_sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "reading scans", err);
	if (which == FLEET_SINCE)
		sqlite3_bind_int64(s, 1, since);
	rc = stream(st, s, fn, arg, err);
	sqlite3_finalize(s);
	return rc;
}

int fleet_store_latest_scans(struct fleet_store *st, fleet_scan_fn fn, void *arg, struct tpp_error *err)
{
	return fleet_store_scans(st, FLEET_LATEST, 0, fn, arg, err);
}
