/* The fleet readers: timestamps, the JSON scanner, report lines, scans
 * assembled from lines, the line reader, batch manifest rows.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/batch_input.h"
#include "core/fleet_scan.h"
#include "core/jsonscan.h"
#include "core/linereader.h"
#include "core/timestamp.h"
#include "tests/support/testutil.h"

static void test_timestamps(void **state)
{
	(void)state;
	int64_t t;
	char back[TPP_TIME_LEN];
	assert_true(tpp_time_parse("1970-01-01T00:00:00Z", &t));
	assert_int_equal(t, 0);
	assert_true(tpp_time_parse("2026-11-22T10:00:00Z", &t));
	assert_int_equal(t, 1795341600);
	tpp_time_format(t, back);
	assert_string_equal(back, "2026-11-22T10:00:00Z");
	assert_true(tpp_time_parse("2024-02-29T23:59:59Z", &t));
	tpp_time_format(t, back);
	assert_string_equal(back, "2024-02-29T23:59:59Z");
	static const char *const bad[] = { "2023-02-29T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z",
		"2026-11-22 10:00:00Z", "2026-11-22T10:00:00", "2026-11-22T10:00:00+01:00", "1969-12-31T23:59:59Z",
		"2026-11-22T10:00:00Zx", "", "2026-1-22T10:00:00Z" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (tpp_time_parse(bad[i], &t))
			fail_msg("'%s' parsed as a time", bad[i]);
	assert_true(tpp_time_parse_day("2026-11-10", &t));
	assert_int_equal(t, 1794268800);
	assert_false(tpp_time_parse_day("2026-11-31", &t));
}

/* --- the JSON scanner ---------------------------------------------------------- */

static int scan_text(const char *text, char *msg)
{
	char *buf = strdup(text);
	int rc = json_scan(buf, strlen(buf), NULL, NULL, msg, 200);
	free(buf);
	return rc;
}

static void test_json_valid(void **state)
{
	(void)state;
	static const char *const ok[] = { "{}", " { } ", "{\"a\":1}", "{\"a\":[1,2.5,-3e+4,0,-0.0,1E2]}",
		"{\"a\":{\"b\":{\"c\":[true,false,null,\"x\"]}}}", "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
		"{\"s\":\"\\ud83d\\ude00\"}", "{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}", "{\"a\":[],\"b\":{}}" };
	char msg[200];
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (scan_text(ok[i], msg))
			fail_msg("'%s' rejected: %s", ok[i], msg);
}

static void test_json_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "[]", "1", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}",
		"{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{a:1}",
		"{\"a\":1} x", "{\"a\":1}{}", "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
		"{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\x01\"}",
		"{\"a\":\"\xc3\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf5\x80\x80\x80\"}",
		"{\"a\":[1 2]}", "{\"a\" 1}", "{'a':1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":+1}" };
	char msg[200];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!scan_text(bad[i], msg))
			fail_msg("'%s' accepted", bad[i]);
	char deep[512] = "";
	for (int i = 0; i < 40; i++)
		strcat(deep, "{\"a\":");
	strcat(deep, "1");
	for (int i = 0; i < 40; i++)
		strcat(deep, "}");
	assert_int_equal(scan_text(deep, msg), -1);
	assert_non_null(strstr(msg, "nested too deeply"));
	assert_int_equal(scan_text("{\"a\":1,}", msg), -1);
	assert_string_equal(msg, "column 8: expected a member name");
}

struct seen {
	char log[1024];
};

static int log_event(void *arg, const struct js_event *e)
{
	struct seen *s = arg;
	char one[128];
	static const char *const types = "snTFNoa";
	snprintf(one, sizeof(one), "%u:%s/%s:%c:%.*s ", e->depth, e->parent ? e->parent : "-", e->key ? e->key : "[]",
		 types[e->type], e->type == JS_STRING || e->type == JS_NUMBER ? (int)e->len : 0, e->text ? e->text : "");
	strncat(s->log, one, sizeof(s->log) - strlen(s->log) - 1);
	return 0;
}

static void test_json_events(void **state)
{
	(void)state;
	char buf[] = "{\"a\":1.5,\"m\":{\"t\":\"x\\ny\",\"l\":[\"p\",2]},\"z\":null}";
	struct seen s = { "" };
	char msg[200];
	assert_int_equal(json_scan(buf, strlen(buf), log_event, &s, msg, sizeof(msg)), 0);
	assert_string_equal(s.log, "1:-/a:n:1.5 1:-/m:o: 2:m/t:s:x\ny 2:m/l:a: 3:l/[]:s:p 3:l/[]:n:2 1:-/z:N: ");
	struct js_event e = { .type = JS_NUMBER, .text = "2.91", .len = 4 };
	double v;
	assert_true(js_number(&e, &v));
	assert_true(v == 2.91);
	e.text = "123456789012345";
	e.len = 15;
	assert_true(js_number(&e, &v));
	assert_true(v == 123456789012345.0);
	e.text = "1e400";
	e.len = 5;
	assert_false(js_number(&e, &v));
}

/* --- report lines and scans ----------------------------------------------------- */

static const char device_line[] =
	"{\"classification\":{\"eccn\":\"3A090.a\",\"eccn_bound\":\"exact\",\"excluded_by\":null,\"label\":\"3A090.a\","
	"\"license_exceptions\":[],\"paragraphs\":[\"3A090.a.1\",\"3A090.a.2\"],\"rule_set\":\"2026-01-15\","
	"\"status\":\"controlled\"},\"country\":\"DE\",\"device_id\":\"2330\",\"display_only\":false,"
	"\"flags\":[\"name-mismatch\"],\"host_id\":\"node-1\",\"match\":\"subsystem\",\"metrics\":{\"pd\":19.449631,"
	"\"pd_source\":\"datasheet\",\"probed_tpp\":null,\"tpp\":15832,\"tpp_precision\":\"fp8\",\"tpp_source\":"
	"\"datasheet\"},\"name\":\"NVIDIA H100 SXM5 80GB\",\"part\":\"nvidia-h100-sxm5-80gb\",\"record\":\"device\","
	"\"scan_time\":\"2026-11-22T10:00:00Z\",\"schema_version\":1,\"serial\":null,\"site\":\"fra1\",\"slot\":"
	"\"0000:1b:00.0\",\"subsystem_id\":\"16c1\",\"subsystem_vendor_id\":\"10de\",\"uuid\":null,\"vbios_version\":"
	"\"96.00.5E.00.01\",\"vendor_id\":\"10de\",\"future_member\":{\"tpp\":\"ignored\"}}";
static const char host_line[] =
	"{\"devices\":1,\"host_id\":\"node-1\",\"hostname\":\"n1\",\"record\":\"host\",\"rules\":{\"id\":\"2026-01-15\"},"
	"\"scan_time\":\"2026-11-22T10:00:00Z\",\"schema_version\":1,\"site\":\"fra1\",\"country\":\"DE\","
	"\"tool\":{\"version\":\"0.1.0\",\"data_version\":\"x\"}}";

static int parse(const char *text, struct fleet_record *r, char *msg)
{
	char *buf = strdup(text);
	int rc = fleet_record_parse(buf, strlen(buf), r, msg, 300);
	free(buf);
	return rc;
}

static void test_record_lines(void **state)
{
	(void)state;
	struct fleet_record r;
	char msg[300];
	if (parse(device_line, &r, msg))
		fail_msg("device line: %s", msg);
	assert_int_equal(r.kind, FLEET_REC_DEVICE);
	assert_string_equal(r.labels.host_id, "node-1");
	assert_string_equal(r.labels.country, "DE");
	assert_int_equal(r.labels.scan_epoch, 1795341600);
	assert_string_equal(r.dev.slot, "0000:1b:00.0");
	assert_true(r.dev.tpp_known && r.dev.tpp == 15832);
	assert_int_equal(r.dev.status, FLEET_CONTROLLED);
	assert_string_equal(r.dev.paragraphs, "3A090.a.1;3A090.a.2");
	assert_string_equal(r.dev.flags, "name-mismatch");
	assert_string_equal(r.dev.vbios, "96.00.5E.00.01");
	assert_string_equal(r.dev.uuid, "");
	if (parse(host_line, &r, msg))
		fail_msg("host line: %s", msg);
	assert_int_equal(r.kind, FLEET_REC_HOST);
	assert_true(r.host.devices == 1);
	assert_string_equal(r.host.tool_version, "0.1.0");
}

/* A device line with one substitution, and the problem it must give. */
static void expect_bad(const char *from, const char *to, const char *problem)
{
	char line[4096], msg[300];
	const char *p = strstr(device_line, from);
	assert_non_null(p);
	snprintf(line, sizeof(line), "%.*s%s%s", (int)(p - device_line), device_line, to, p + strlen(from));
	struct fleet_record r;
	if (!parse(line, &r, msg))
		fail_msg("accepted with '%s' for '%s'", to, from);
	if (!strstr(msg, problem))
		fail_msg("'%s': expected '%s', got '%s'", to, problem, msg);
}

static void test_record_problems(void **state)
{
	(void)state;
	expect_bad("\"schema_version\":1", "\"schema_version\":2", "schema_version: a newer schema");
	expect_bad("\"status\":\"controlled\"", "\"status\":\"maybe\"", "classification.status: expected");
	expect_bad("\"tpp\":15832", "\"tpp\":\"15832\"", "metrics.tpp: expected a non-negative number");
	expect_bad("\"tpp\":15832", "\"tpp\":-1", "metrics.tpp: expected a non-negative number");
	expect_bad("\"vendor_id\":\"10de\"", "\"vendor_id\":\"10DE\"", "vendor_id: expected four lower-case hex digits");
	expect_bad("\"country\":\"DE\"", "\"country\":\"DEU\"", "country: not a two-letter");
	expect_bad("\"scan_time\":\"2026-11-22T10:00:00Z\"", "\"scan_time\":\"2026-11-22\"", "scan_time: expected");
	expect_bad("\"host_id\":\"node-1\"", "\"host_id\":\"\"", "host_id: empty");
	expect_bad("\"host_id\":\"node-1\"", "\"host_id\":\"a\\nb\"", "host_id: contains a control character");
	expect_bad("\"slot\":\"0000:1b:00.0\",", "", "missing member slot");
	expect_bad("\"metrics\":{", "\"metrics\":5,\"x\":{", "metrics: expected an object");
	expect_bad("\"flags\":[\"name-mismatch\"]", "\"flags\":[1]", "flags: expected strings");
	expect_bad("\"display_only\":false", "\"display_only\":false,\"display_only\":true", "display_only: given twice");
	expect_bad("\"record\":\"device\"", "\"record\":\"gpu\"", "record: expected device or host");
	char longname[400];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	char to[512];
	snprintf(to, sizeof(to), "\"name\":\"%s\"", longname);
	expect_bad("\"name\":\"NVIDIA H100 SXM5 80GB\"", to, "name: too long");
	expect_bad("{", "[", "not a JSON object");
}

struct collect {
	int scans;
	size_t devices;
	int problems;
	char last[400];
};

static int on_scan(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	(void)err;
	struct collect *c = arg;
	c->scans++;
	c->devices += s->n;
	return 0;
}

static int on_problem(void *arg, const char *file, unsigned long line, const char *what, struct tpp_error *err)
{
	(void)err;
	struct collect *c = arg;
	c->problems++;
	snprintf(c->last, sizeof(c->last), "%s:%lu: %s", file, line, what);
	return 0;
}

static void feed(struct fleet_assembler *a, const char *text, unsigned long line)
{
	struct fleet_record r;
	char msg[300];
	struct tpp_error err = { 0 };
	if (parse(text, &r, msg))
		fail_msg("%s", msg);
	assert_int_equal(fleet_assembler_add(a, &r, "f", line, &err), 0);
}

static void test_assembly(void **state)
{
	(void)state;
	struct collect c = { 0 };
	struct fleet_assembler a;
	struct tpp_error err = { 0 };
	fleet_assembler_init(&a, on_scan, on_problem, &c);
	feed(&a, device_line, 1);
	feed(&a, host_line, 2);
	assert_int_equal(c.scans, 1);
	assert_int_equal(c.problems, 0);
	/* a scan cut short: its host line says 1, none were read */
	char other[sizeof(device_line) + 8];
	snprintf(other, sizeof(other), "%s", device_line);
	memcpy(strstr(other, "node-1"), "node-2", 6);
	feed(&a, other, 3);
	feed(&a, host_line, 4);   /* node-1's host line: node-2's scan is incomplete */
	assert_int_equal(c.problems, 2);
	assert_non_null(strstr(c.last, "f:4: incomplete scan of host node-1"));
	/* a file that ends inside a scan */
	feed(&a, device_line, 5);
	assert_int_equal(fleet_assembler_end_file(&a, &err), 0);
	assert_int_equal(c.problems, 3);
	assert_non_null(strstr(c.last, "f:5: incomplete scan of host node-1 at 2026-11-22T10:00:00Z (lines 5-5"));
	/* the same slot twice */
	char two[sizeof(host_line)];
	snprintf(two, sizeof(two), "%s", host_line);
	memcpy(strstr(two, "\"devices\":1"), "\"devices\":2", 11);
	feed(&a, device_line, 6);
	feed(&a, device_line, 7);
	feed(&a, two, 8);
	assert_int_equal(c.problems, 4);
	assert_non_null(strstr(c.last, "lists slot 0000:1b:00.0 twice"));
	assert_int_equal(c.scans, 1);
	fleet_assembler_free(&a);
}

static void test_digest(void **state)
{
	(void)state;
	struct fleet_record r;
	char msg[300], d1[17], d2[17];
	assert_int_equal(parse(device_line, &r, msg), 0);
	struct fleet_scan s = { .labels = r.labels, .dev = &r.dev, .n = 1 };
	fleet_scan_digest(&s, d1);
	r.dev.tpp = 15833;
	fleet_scan_digest(&s, d2);
	assert_string_not_equal(d1, d2);
	assert_int_equal(strlen(d1), 16);
}

/* --- the line reader ------------------------------------------------------------- */

static void test_line_reader(void **state)
{
	(void)state;
	char path[] = "/tmp/tppscan-lr-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("one\r\n\ntwo\n", f);
	for (unsigned i = 0; i < LINE_MAX_BYTES + 10; i++)
		fputc('x', f);
	fputs("\nlast", f);
	fclose(f);
	struct line_reader lr;
	struct tpp_error err = { 0 };
	assert_int_equal(line_reader_open(&lr, path, 0, &err), 0);
	char *line;
	size_t len;
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 1);
	assert_string_equal(line, "one");
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 1);
	assert_int_equal(len, 0);
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 1);
	assert_string_equal(line, "two");
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 1);
	assert_true(lr.overlong);
	assert_int_equal(lr.line, 4);
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 1);
	assert_false(lr.overlong);
	assert_string_equal(line, "last");
	assert_int_equal(lr.line, 5);
	assert_int_equal(line_reader_next(&lr, &line, &len, &err), 0);
	line_reader_close(&lr);
	unlink(path);
	assert_int_equal(line_reader_open(&lr, "/tmp", 0, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
}

/* --- batch manifest rows -------------------------------------------------------- */

static void test_batch_rows(void **state)
{
	(void)state;
	struct batch_header h;
	struct batch_row r;
	char msg[400];
	char hdr[] = "id,part,tpp,pd,datacenter";
	assert_int_equal(batch_header_parse(hdr, strlen(hdr), &h, msg, sizeof(msg)), 0);
	assert_int_equal(h.n, 5);
	char row[] = "\"a, \"\"quoted\"\" id\",,2368,2.91,no";
	assert_int_equal(batch_csv_row(&h, row, strlen(row), &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.text[BC_ID], "a, \"quoted\" id");
	assert_false(r.set[BC_PART]);
	assert_true(r.num[BC_TPP] == 2368 && r.num[BC_PD] == 2.91);
	assert_false(r.boolean[BC_DATACENTER]);
	struct declared_figures d;
	struct class_input in;
	assert_int_equal(batch_row_figures(&r, &d, &in, msg, sizeof(msg)), 0);
	assert_true(d.tpp_set && d.pd_set && d.ic && !d.hbm);
	static const struct { const char *row, *problem; } bad[] = {
		{ "x,,0x10,,", "tpp: '0x10' is not a number" }, { "x,,inf,,", "is not a number" },
		{ "x,,1,2", "4 fields, the header has 5" }, { "x,,1,,maybe", "datacenter: 'maybe' is not yes or no" },
		{ "x,,-1,,", "tpp: '-1' is negative" }, { "\"x,,1,,", "unterminated quoted field" },
		{ "x\"y,,1,,", "a quote inside an unquoted field" }, { "x,H20,1,,", "give a part or figures, not both" },
		{ "x,,,,", "nothing to classify" }, { "x,,1.,,", "is not a number" }, { "x,,.5,,", "is not a number" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char buf[64];
		snprintf(buf, sizeof(buf), "%s", bad[i].row);
		int rc = batch_csv_row(&h, buf, strlen(buf), &r, msg, sizeof(msg));
		if (!rc)
			rc = batch_row_figures(&r, &d, &in, msg, sizeof(msg)) < 0 ? -1 : 0;
		if (rc == 0 || !strstr(msg, bad[i].problem))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].row, bad[i].problem, rc ? msg : "(accepted)");
	}
	char h2[] = "tpp,colour";
	assert_int_equal(batch_header_parse(h2, strlen(h2), &h, msg, sizeof(msg)), -1);
	char h3[] = "tpp,tpp";
	assert_int_equal(batch_header_parse(h3, strlen(h3), &h, msg, sizeof(msg)), -1);
	char j[] = "{\"id\":7,\"tpp\":1e3,\"pd_min\":6,\"has_hbm\":true,\"pd\":null}";
	assert_int_equal(batch_json_row(j, strlen(j), &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.text[BC_ID], "7");
	assert_true(r.num[BC_TPP] == 1000 && r.set[BC_PD_MIN] && !r.set[BC_PD] && r.boolean[BC_HAS_HBM]);
	char j2[] = "{\"tpp\":\"5\"}";
	assert_int_equal(batch_json_row(j2, strlen(j2), &r, msg, sizeof(msg)), -1);
	char j3[] = "{\"tdp\":5}";
	assert_int_equal(batch_json_row(j3, strlen(j3), &r, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "unknown member 'tdp'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_json_valid),
		cmocka_unit_test(test_json_invalid),
		cmocka_unit_test(test_json_events),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_record_problems),
		cmocka_unit_test(test_assembly),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_line_reader),
		cmocka_unit_test(test_batch_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
