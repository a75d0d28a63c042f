/* The inventory (an SQLite file: stored, read back, re-ingested, refused
 * when foreign, newer or damaged, without a write) and the atomic writer.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.h"
#include "core/fleet_store.h"
#include "tests/support/testutil.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/tppscan-store-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static const char *path(const char *name)
{
	static char p[4][256];
	static int i;
	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static struct fleet_device devices[2];

static struct fleet_scan make_scan(const char *host, const char *t)
{
	struct fleet_scan s = { .dev = devices, .n = 2, .file = "r.jsonl", .first_line = 1 };
	snprintf(s.labels.host_id, sizeof(s.labels.host_id), "%s", host);
	snprintf(s.labels.site, sizeof(s.labels.site), "fra1");
	snprintf(s.labels.scan_time, sizeof(s.labels.scan_time), "%s", t);
	assert_true(tpp_time_parse(t, &s.labels.scan_epoch));
	snprintf(s.host.tool_version, sizeof(s.host.tool_version), "0.1.0");
	for (int i = 0; i < 2; i++) {
		struct fleet_device *d = &devices[i];
		*d = (struct fleet_device){ .status = FLEET_CONTROLLED, .tpp_known = true, .tpp = 15832 };
		snprintf(d->slot, sizeof(d->slot), "0000:0%d:00.0", i + 1);
		snprintf(d->vendor_id, sizeof(d->vendor_id), "10de");
		snprintf(d->device_id, sizeof(d->device_id), "2330");
		snprintf(d->part, sizeof(d->part), "nvidia-h100-sxm5-80gb");
		snprintf(d->eccn, sizeof(d->eccn), "3A090.a");
		snprintf(d->label, sizeof(d->label), "3A090.a");
		snprintf(d->rule_set, sizeof(d->rule_set), "2026-01-15");
	}
	return s;
}

static int count_scans(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	(void)err;
	int *n = arg;
	(*n)++;
	assert_int_equal(s->n, 2);
	assert_string_equal(s->dev[1].slot, "0000:02:00.0");
	assert_true(s->dev[0].tpp_known && s->dev[0].tpp == 15832);
	assert_false(s->dev[0].pd_known);
	assert_string_equal(s->dev[0].uuid, "");
	return 0;
}

static void put(struct fleet_store *st, struct fleet_scan *s, enum fleet_put want)
{
	struct tpp_error err = { 0 };
	enum fleet_put got;
	if (fleet_store_put(st, s, "r.jsonl", &got, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(got, want);
}

static void make_inventory(const char *p)
{
	struct fleet_store st;
	struct tpp_error err = { 0 };
	if (fleet_store_open(&st, p, FLEET_STORE_WRITE, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(fleet_store_begin(&st, &err), 0);
	struct fleet_scan s = make_scan("h1", "2026-11-01T10:00:00Z");
	put(&st, &s, FLEET_PUT_NEW);
	s = make_scan("h1", "2026-11-22T10:00:00Z");
	put(&st, &s, FLEET_PUT_NEW);
	put(&st, &s, FLEET_PUT_SAME);
	devices[1].tpp = 15833;
	put(&st, &s, FLEET_PUT_CONFLICT);
	s = make_scan("h2", "2026-11-22T10:00:00Z");
	put(&st, &s, FLEET_PUT_NEW);
	assert_int_equal(fleet_store_commit(&st, &err), 0);
	fleet_store_close(&st);
}

static void test_store_roundtrip(void **state)
{
	(void)state;
	const char *p = path("inv.sqlite");
	make_inventory(p);
	struct fleet_store st;
	struct tpp_error err = { 0 };
	assert_int_equal(fleet_store_open(&st, p, FLEET_STORE_READ, &err), 0);
	long long n[3];
	assert_int_equal(fleet_store_counts(&st, n, &err), 0);
	assert_true(n[0] == 2 && n[1] == 3 && n[2] == 6);
	int scans = 0;
	assert_int_equal(fleet_store_latest_scans(&st, count_scans, &scans, &err), 0);
	assert_int_equal(scans, 2);
	int64_t since;
	assert_true(tpp_time_parse("2026-11-10T00:00:00Z", &since));
	scans = 0;
	assert_int_equal(fleet_store_scans(&st, FLEET_SINCE, since, count_scans, &scans, &err), 0);
	assert_int_equal(scans, 3);   /* h1's two (the baseline and the new one), h2's one */
	fleet_store_close(&st);
}

static char *slurp(const char *p, size_t *len)
{
	FILE *f = fopen(p, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *b = malloc(*len + 1);
	assert_int_equal(fread(b, 1, *len, f), *len);
	fclose(f);
	return b;
}

/* Opening `p` for writing is refused with 65 and the file is unchanged. */
static void refused_unchanged(const char *p, const char *why)
{
	size_t l1, l2;
	char *before = slurp(p, &l1);
	struct fleet_store st;
	struct tpp_error err = { 0 };
	if (fleet_store_open(&st, p, FLEET_STORE_WRITE, &err) != -1)
		fail_msg("%s was opened (expected: %s)", p, why);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	if (!strstr(err.msg, why))
		fail_msg("expected '%s' in '%s'", why, err.msg);
	char *after = slurp(p, &l2);
	assert_true(l1 == l2 && !memcmp(before, after, l1));
	free(before);
	free(after);
}

static void sql(const char *p, const char *text)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_store_refuses(void **state)
{
	(void)state;
	const char *foreign = path("foreign.sqlite");
	sql(foreign, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('a');");
	refused_unchanged(foreign, "application_id 0");
	const char *other = path("other.sqlite");
	sql(other, "PRAGMA application_id = 42; CREATE TABLE t (x);");
	refused_unchanged(other, "another application's database, application_id 42");
	const char *newer = path("newer.sqlite");
	make_inventory(newer);
	sql(newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 2;");
	refused_unchanged(newer, "inventory schema 2; this tppscan reads schema 1");
	const char *meta = path("meta.sqlite");
	make_inventory(meta);
	sql(meta, "PRAGMA journal_mode = DELETE; DELETE FROM meta WHERE key = 'format';");
	refused_unchanged(meta, "the meta table does not describe");
	const char *text = path("text.sqlite");
	FILE *f = fopen(text, "w");
	fputs("{\"record\":\"host\"}\nnot a database, and long enough to have a header of sorts........\n", f);
	fclose(f);
	refused_unchanged(text, "not an SQLite database");
	/* damaged pages: found by the check before the first write */
	const char *bad = path("bad.sqlite");
	make_inventory(bad);
	sql(bad, "PRAGMA journal_mode = DELETE;");
	f = fopen(bad, "r+b");
	fseek(f, 4096, SEEK_SET);   /* page 2, its header included */
	for (int i = 0; i < 2000; i++)
		fputc(0x5a, f);
	fclose(f);
	refused_unchanged(bad, "");
	struct fleet_store st;
	struct tpp_error err = { 0 };
	assert_int_equal(fleet_store_open(&st, path("missing.sqlite"), FLEET_STORE_READ, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	err = (struct tpp_error){ 0 };
	assert_int_equal(fleet_store_open(&st, dir, FLEET_STORE_WRITE, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
}

/* --- the atomic writer -------------------------------------------------------------- */

static size_t entries(void)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void test_atomic_file(void **state)
{
	(void)state;
	struct atomic_file af;
	struct tpp_error err = { 0 };
	size_t before = entries(), len;
	const char *dest = path("t.prom");
	assert_int_equal(atomic_file_open(&af, dest, &err), 0);
	assert_int_equal(entries(), before + 1);   /* the temporary file, beside the destination */
	fputs("old\n", af.f);
	assert_int_equal(atomic_file_commit(&af, &err), 0);
	assert_int_equal(entries(), before + 1);
	char *c = slurp(dest, &len);
	assert_true(len == 4 && !memcmp(c, "old\n", 4));
	free(c);
	assert_int_equal(atomic_file_open(&af, dest, &err), 0);
	fputs("half", af.f);
	atomic_file_abort(&af);
	c = slurp(dest, &len);
	assert_true(len == 4 && !memcmp(c, "old\n", 4));   /* an abort leaves the old file */
	free(c);
	assert_int_equal(entries(), before + 1);
	/* a link at the destination is replaced; its target is not written */
	const char *target = path("target"), *link = path("link.prom");
	FILE *f = fopen(target, "w");
	fputs("keep", f);
	fclose(f);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(atomic_file_open(&af, link, &err), 0);
	fputs("new", af.f);
	assert_int_equal(atomic_file_commit(&af, &err), 0);
	struct stat sb;
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	c = slurp(target, &len);
	assert_true(len == 4 && !memcmp(c, "keep", 4));
	free(c);
	/* a FIFO, a directory: refused, nothing created */
	const char *fifo = path("fifo.prom");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	before = entries();
	assert_int_equal(atomic_file_open(&af, fifo, &err), -1);
	assert_int_equal(err.status, TPP_EX_IOERR);
	assert_non_null(strstr(err.msg, "a FIFO"));
	err = (struct tpp_error){ 0 };
	assert_int_equal(atomic_file_open(&af, dir, &err), -1);
	assert_int_equal(entries(), before);
	err = (struct tpp_error){ 0 };
	assert_int_equal(atomic_file_open(&af, path("no/such/dir.prom"), &err), -1);
	assert_int_equal(err.status, TPP_EX_IOERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
