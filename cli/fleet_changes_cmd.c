/* tppscan fleet changes: what changed per host between consecutive scans
 * in the inventory, streamed in host order, then time order.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/fleet_changes.h"
#include "cli/fleet.h"
#include "cli/render.h"
#include "cli/render_jsonl.h"
#include "cli/render_part.h"
#include "core/fleet_store.h"

static const char usage[] =
	"Usage: tppscan fleet changes --db FILE [options]\n"
	"List what changed per host between consecutive scans in the inventory: devices\n"
	"added or removed, a slot whose part, PCI IDs, UUID, serial, VBIOS or verdict\n"
	"changed, new flags, and a changed site or country. A host's first scan is listed\n"
	"as first_scan.\n"
	"\n"
	"Options:\n"
	"  --db FILE            the inventory written by fleet ingest\n"
	"  --since YYYY-MM-DD   only changes found by scans on or after that day (UTC),\n"
	"                       each compared with the host's scan before it\n"
	"  --format text|json|csv  output format (default text)\n"
	"  -h, --help           show this help\n";

enum { OPT_DB = 256, OPT_SINCE };

struct changes {
	struct cli *c;
	const char *db, *since_arg;
	int64_t since;
	struct fleet_scan prev;      /* a copy: the previous scan of the current host */
	bool have_prev;
	unsigned long scans, hosts, changes, hosts_changed;
	char last_host[FLEET_HOST_ID_MAX + 1];
	json_t *list;                /* JSON: the changes */
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct changes *x = state;
	switch (opt) {
	case OPT_DB:
		x->db = arg;
		return 0;
	case OPT_SINCE:
		if (!tpp_time_parse_day(arg, &x->since)) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --since: '%s' is not a valid date (YYYY-MM-DD)", c->cmd, arg);
			return -1;
		}
		x->since_arg = arg;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static int on_change(void *arg, const struct fleet_scan *prev, const struct fleet_scan *cur,
		     const struct fleet_change *ch, struct tpp_error *err)
{
	struct changes *x = arg;
	FILE *f = x->c->out;
	const char *from = prev ? prev->labels.scan_time : "";
	const char *kind = fleet_change_name(ch->kind);
	x->changes++;
	if (strcmp(x->last_host, cur->labels.host_id)) {
		snprintf(x->last_host, sizeof(x->last_host), "%s", cur->labels.host_id);
		x->hosts_changed++;
	}
	if (x->c->format == FMT_JSON) {
		json_array_append_new(x->list, json_pack("{s:s, s:o, s:s, s:o, s:s, s:o, s:o}", "host_id",
			cur->labels.host_id, "from", *from ? json_string(from) : json_null(), "to", cur->labels.scan_time,
			"slot", *ch->slot ? json_string(ch->slot) : json_null(), "change", kind, "was",
			*ch->was ? json_string(ch->was) : json_null(), "now", *ch->now ? json_string(ch->now) : json_null()));
		return 0;
	}
	if (x->c->format == FMT_CSV) {
		const char *cells[] = { cur->labels.host_id, from, cur->labels.scan_time, ch->slot, kind, ch->was, ch->now };
		for (size_t i = 0; i < 7; i++)
			csv_field(f, cells[i], i == 6);
	} else {
		fprintf(f, "%s  %s  %s  %s", cur->labels.scan_time, cur->labels.host_id, *ch->slot ? ch->slot : "-", kind);
		if (*ch->was && *ch->now)
			fprintf(f, ": %s -> %s\n", ch->was, ch->now);
		else
			fprintf(f, ": %s\n", *ch->was ? ch->was : ch->now);
	}
	return cli_spill(x->c, err);
}

static int keep_prev(struct changes *x, const struct fleet_scan *s, struct tpp_error *err)
{
	struct fleet_scan *p = &x->prev;
	if (s->n > p->cap) {
		struct fleet_device *d = realloc(p->dev, s->n * sizeof(*d));
		if (!d) {
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
		p->dev = d;
		p->cap = s->n;
	}
	struct fleet_device *dev = p->dev;
	size_t cap = p->cap;
	*p = *s;
	p->dev = dev;
	p->cap = cap;
	if (s->n)
		memcpy(p->dev, s->dev, s->n * sizeof(*dev));
	x->have_prev = true;
	return 0;
}

static int on_scan(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	struct changes *x = arg;
	bool same_host = x->have_prev && !strcmp(x->prev.labels.host_id, s->labels.host_id);
	x->scans++;
	x->hosts += !same_host;
	int rc = 0;
	if (same_host)
		rc = fleet_changes_between(&x->prev, s, on_change, x, err);
	else if (s->labels.scan_epoch >= x->since)
		rc = fleet_changes_between(NULL, s, on_change, x, err);   /* first seen in the period */
	return rc ? -1 : keep_prev(x, s, err);
}

static int finish(struct changes *x, struct tpp_error *err)
{
	struct cli *c = x->c;
	if (c->format == FMT_JSON) {
		json_t *root = fleet_json_header(c);
		json_object_set_new(root, "database", json_string(x->db));
		json_object_set_new(root, "since", json_str(x->since_arg));
		json_object_set_new(root, "changes", x->list);
		x->list = NULL;
		json_object_set_new(root, "counts", json_pack("{s:I, s:I, s:I, s:I}", "hosts", (json_int_t)x->hosts,
			"scans", (json_int_t)x->scans, "changes", (json_int_t)x->changes, "hosts_changed",
			(json_int_t)x->hosts_changed));
		return render_json_emit(c, root, err);
	}
	if (c->format == FMT_TEXT)
		fprintf(c->out, "%lu change%s on %lu of %lu host%s (%lu scans compared%s%s)\n", x->changes,
			x->changes == 1 ? "" : "s", x->hosts_changed, x->hosts, x->hosts == 1 ? "" : "s", x->scans,
			x->since_arg ? ", since " : "", x->since_arg ? x->since_arg : "");
	return 0;
}

int fleet_changes(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "since", required_argument, NULL, OPT_SINCE },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct changes x = { .c = c, .since = INT64_MIN };
	int r = cli_options(c, argc, argv, longopts, usage, take, &x, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (!x.db || optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, optind < argc ? "tppscan %s: unexpected argument (see --help)"
			      : "tppscan %s: give --db FILE", c->cmd);
		return -1;
	}
	struct fleet_store st;
	if (cli_load(c, err) || fleet_store_open(&st, x.db, FLEET_STORE_READ, err))
		return -1;
	x.list = json_array();
	if (c->format == FMT_CSV) {
		static const char *const hdr[] = { "host_id", "from", "to", "slot", "change", "was", "now" };
		for (size_t i = 0; i < 7; i++)
			csv_field(c->out, hdr[i], i == 6);
	}
	int rc = fleet_store_scans(&st, FLEET_SINCE, x.since, on_scan, &x, err);
	fleet_store_close(&st);
	if (!rc)
		rc = finish(&x, err);
	json_decref(x.list);
	free(x.prev.dev);
	if (rc || cli_flush(c, err))
		return -1;
	return 0;
}
