/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/fleet_scan.h"
#include "core/grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fleet_assembler_init(struct fleet_assembler *a, fleet_scan_fn on_scan, fleet_problem_fn on_problem, void *arg)
{
	*a = (struct fleet_assembler){ .on_scan = on_scan, .on_problem = on_problem, .arg = arg };
}

void fleet_assembler_free(struct fleet_assembler *a)
{
	free(a->cur.dev);
	*a = (struct fleet_assembler){ 0 };
}

static bool same_labels(const struct fleet_labels *x, const struct fleet_labels *y)
{
	return x->scan_epoch == y->scan_epoch && !strcmp(x->host_id, y->host_id) && !strcmp(x->site, y->site) &&
	       !strcmp(x->country, y->country);
}

static int problem(struct fleet_assembler *a, const char *file, unsigned long line, struct tpp_error *err,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int problem(struct fleet_assembler *a, const char *file, unsigned long line, struct tpp_error *err,
		   const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return a->on_problem(a->arg, file, line, what, err);
}

/* The open scan ends without its host line. */
static int drop_open(struct fleet_assembler *a, const char *why, struct tpp_error *err)
{
	if (!a->open)
		return 0;
	a->open = false;
	a->incomplete++;
	const struct fleet_scan *s = &a->cur;
	return problem(a, s->file, s->first_line, err, "incomplete scan of host %s at %s (lines %lu-%lu, %zu devices): %s",
		       s->labels.host_id, s->labels.scan_time, s->first_line, s->last_line, s->n, why);
}

static int cmp_slot(const void *x, const void *y)
{
	return strcmp(((const struct fleet_device *)x)->slot, ((const struct fleet_device *)y)->slot);
}

/* The host line closes the open scan: counts must agree, slots be unique. */
static int close_scan(struct fleet_assembler *a, const struct fleet_record *r, unsigned long line,
		      struct tpp_error *err)
{
	struct fleet_scan *s = &a->cur;
	s->host = r->host;
	s->last_line = line;
	a->open = false;
	if (r->host.devices != (double)s->n) {
		a->incomplete++;
		return problem(a, s->file, line, err, "incomplete scan of host %s at %s: the host line says %.0f devices, %zu were read",
			       s->labels.host_id, s->labels.scan_time, r->host.devices, s->n);
	}
	if (s->n > 1) {
		qsort(s->dev, s->n, sizeof(*s->dev), cmp_slot);
		for (size_t i = 1; i < s->n; i++)
			if (!strcmp(s->dev[i].slot, s->dev[i - 1].slot)) {
				a->incomplete++;
				return problem(a, s->file, line, err, "scan of host %s at %s lists slot %s twice",
					       s->labels.host_id, s->labels.scan_time, s->dev[i].slot);
			}
	}
	return a->on_scan(a->arg, s, err);
}

static int start(struct fleet_assembler *a, const struct fleet_record *r, const char *file, unsigned long line)
{
	a->cur.labels = r->labels;
	a->cur.n = 0;
	a->cur.file = file;
	a->cur.first_line = a->cur.last_line = line;
	a->open = true;
	return 0;
}

static int append(struct fleet_assembler *a, const struct fleet_record *r, unsigned long line, struct tpp_error *err)
{
	struct fleet_scan *s = &a->cur;
	if (s->n == FLEET_MAX_DEVICES)
		return drop_open(a, "more than 65536 devices", err);
	struct fleet_device *d = grow_for_one(s->dev, s->n, &s->cap, sizeof(*d), 16);
	if (!d) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	s->dev = d;
	s->dev[s->n++] = r->dev;
	s->last_line = line;
	return 0;
}

int fleet_assembler_add(struct fleet_assembler *a, const struct fleet_record *r, const char *file,
			unsigned long line, struct tpp_error *err)
{
	if (a->open && !same_labels(&a->cur.labels, &r->labels) &&
	    drop_open(a, "the next line is another host's or another scan's", err))
		return -1;
	if (!a->open)
		start(a, r, file, line);
	if (r->kind == FLEET_REC_HOST)
		return close_scan(a, r, line, err);
	return append(a, r, line, err);
}

int fleet_assembler_bad_line(struct fleet_assembler *a, const char *file, unsigned long line, const char *what,
			     struct tpp_error *err)
{
	if (a->open)
		a->cur.last_line = line;
	return a->on_problem(a->arg, file, line, what, err);
}

int fleet_assembler_end_file(struct fleet_assembler *a, struct tpp_error *err)
{
	return drop_open(a, "the file ends before its host line", err);
}

static uint64_t fnv64(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;
}

static uint64_t fnv64_num(uint64_t h, bool known, double v)
{
	char b[40];
	snprintf(b, sizeof(b), known ? "%.17g" : "-", v);
	return fnv64(h, b);
}

void fleet_scan_digest(const struct fleet_scan *s, char out[17])
{
	uint64_t h = 14695981039346656037ull;
	const struct fleet_labels *l = &s->labels;
	const char *head[] = { l->host_id, l->site, l->country, l->scan_time, s->host.hostname, s->host.tool_version,
		s->host.data_version, s->host.rule_set };
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		h = fnv64(h, head[i]);
	for (size_t i = 0; i < s->n; i++) {
		const struct fleet_device *d = &s->dev[i];
		const char *f[] = { d->slot, d->vendor_id, d->device_id, d->subsystem_vendor_id, d->subsystem_id, d->part,
			d->name, d->uuid, d->serial, d->vbios, d->tpp_source, fleet_status_name(d->status), d->eccn,
			d->label, d->rule_set, d->paragraphs, d->flags, d->display_only ? "1" : "0" };
		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			h = fnv64(h, f[k]);
		h = fnv64_num(fnv64_num(h, d->tpp_known, d->tpp), d->pd_known, d->pd);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
