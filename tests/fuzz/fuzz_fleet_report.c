/* libFuzzer target: fleet report input. Each input is split into lines
 * that go through the report-line reader (the JSON scanner included) and
 * the scan assembler, and the whole input is also read as a JSON scan
 * document; complete scans are summed and diffed against the previous one.
 * Any input must give records or clean problems: no crash, leak or read
 * out of bounds.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/fleet_changes.h"
#include "classify/fleet_summary.h"
#include "core/fleet_doc.h"
#include "core/fleet_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	struct fleet_summary sum;
	struct fleet_assembler as;
	struct fleet_scan prev;
	struct fleet_device prev_dev[16];
	bool have_prev;
};

static int no_change(void *arg, const struct fleet_scan *p, const struct fleet_scan *c, const struct fleet_change *ch,
		     struct tpp_error *err)
{
	(void)arg, (void)p, (void)c, (void)err;
	return ch->was[sizeof(ch->was) - 1] != '\0';   /* always 0: the strings are terminated */
}

static int on_scan(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	struct state *x = arg;
	if (fleet_summary_add(&x->sum, s, err))
		return -1;
	if (x->have_prev && fleet_changes_between(&x->prev, s, no_change, NULL, err))
		return -1;
	if (s->n <= 16) {
		x->prev = *s;
		if (s->n)
			memcpy(x->prev_dev, s->dev, s->n * sizeof(*s->dev));
		x->prev.dev = x->prev_dev;
		x->have_prev = true;
	}
	return 0;
}

static int on_problem(void *arg, const char *file, unsigned long line, const char *what, struct tpp_error *err)
{
	(void)arg, (void)file, (void)line, (void)err;
	return what[0] == '\0';   /* 0: every problem has a text */
}

static int on_record(void *arg, const struct fleet_record *r, struct tpp_error *err)
{
	struct state *x = arg;
	return fleet_assembler_add(&x->as, r, "doc", 1, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fleet_record rec;
	struct state x = { 0 };
	enum fleet_dim by[] = { FLEET_BY_ECCN, FLEET_BY_PART, FLEET_BY_SITE, FLEET_BY_COUNTRY, FLEET_BY_HOST };
	fleet_summary_init(&x.sum, by, 5, NULL, false);
	fleet_assembler_init(&x.as, on_scan, on_problem, &x);
	struct tpp_error err = { 0 };
	char *buf = malloc(size + 1), msg[300];
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	unsigned long n = 0;
	for (char *line = buf, *end = buf + size; line <= end; n++) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
		line[len] = '\0';
		if (fleet_record_parse(line, len, &rec, msg, sizeof(msg)))
			fleet_assembler_bad_line(&x.as, "fuzz", n, msg, &err);
		else
			fleet_assembler_add(&x.as, &rec, "fuzz", n, &err);
		line += len + 1;
	}
	fleet_assembler_end_file(&x.as, &err);
	memcpy(buf, data, size);
	fleet_doc_read(buf, size, on_record, &x, msg, sizeof(msg), &err);
	fleet_assembler_end_file(&x.as, &err);
	free(buf);
	fleet_assembler_free(&x.as);
	fleet_summary_free(&x.sum);
	return 0;
}
