/* tppscan lookup: a part from the knowledge base by name, alias or PCI ID,
 * with its figures, sources, verdict and, on request, its rule history;
 * or every part, filtered by verdict, or counted (--stats).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/lookup.h"
#include "core/grow.h"

static const char usage[] =
	"Usage: tppscan lookup QUERY... [options]\n"
	"       tppscan lookup --all [--sort KEY] [--status S] [options]\n"
	"       tppscan lookup --stats [options]\n"
	"Show a part from the knowledge base: identity, datasheet figures with sources,\n"
	"TPP, PD and its classification. QUERY is a name or alias (case-insensitive,\n"
	"exact or a unique prefix) or a PCI ID vvvv:dddd[:ssss:ssss]. A name several\n"
	"parts share is answered with all of them when they share one verdict.\n"
	"\n"
	"Options:\n"
	"  --history            classify under every rule set, oldest first\n"
	"                       (with --format csv: one row per part and rule set)\n"
	"  --all                every part, one row each\n"
	"  --sort KEY           with --all: id (default), name, vendor, tpp, pd, eccn\n"
	"  --status S           with --all: only parts whose verdict is S: controlled,\n"
	"                       not-controlled, undetermined, display-only, 3A090.a, 3A090.b, 3A090.c\n"
	"  --stats              counts by verdict and by vendor\n"
	CLI_LICENCE_USAGE
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json|csv  output format (default text)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11/12 for 3A090.a/.b/.c, 13 if undetermined\n"
	"  -v, --verbose        every paragraph with margins, and every source\n"
	"  -h, --help           show this help\n"
	"Exit status 1: no part matches a query; 2: a query matches parts with different\n"
	"verdicts (candidates listed).\n";

enum { OPT_HISTORY = 256, OPT_ALL, OPT_SORT, OPT_STATUS, OPT_STATS };

#define LOOKUP_NOT_FOUND 1
#define LOOKUP_AMBIGUOUS 2
#define MAX_CANDIDATES 64

static const char *sort_key;

static int cmp_hits(const void *a, const void *b)
{
	const struct assessment *x = &((const struct lookup_hit *)a)->a, *y = &((const struct lookup_hit *)b)->a;
	if (!strcmp(sort_key, "tpp") || !strcmp(sort_key, "pd")) {
		const struct metric_value *mx = !strcmp(sort_key, "tpp") ? &x->tpp : &x->pd;
		const struct metric_value *my = !strcmp(sort_key, "tpp") ? &y->tpp : &y->pd;
		if (mx->known != my->known)
			return mx->known ? -1 : 1;   /* unknown last */
		if (mx->known && mx->value != my->value)
			return mx->value > my->value ? -1 : 1;   /* largest first */
	} else if (!strcmp(sort_key, "name")) {
		int r = strcasecmp(x->part->name, y->part->name);
		if (r)
			return r;
	} else if (!strcmp(sort_key, "vendor")) {
		int r = strcmp(x->part->vendor->id, y->part->vendor->id);
		if (r)
			return r;
	} else if (!strcmp(sort_key, "eccn")) {
		int r = strcmp(classification_label(x->cl), classification_label(y->cl));
		if (r)
			return r;
	}
	return strcmp(x->part->id, y->part->id);
}

/* A growing list of hits. */
struct hits {
	struct lookup_hit *v;
	size_t n, cap;
};

static struct lookup_hit *add_hit(struct hits *h, struct tpp_error *err)
{
	struct lookup_hit *v = grow_for_one(h->v, h->n, &h->cap, sizeof(*v), 16);
	if (!v) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	h->v = v;
	h->v[h->n] = (struct lookup_hit){ 0 };
	return &h->v[h->n++];
}

static int assess_hit(struct assessor *as, struct hits *h, const struct kb_part *p, const char *match,
		      const char *query, struct tpp_error *err)
{
	struct lookup_hit *x = add_hit(h, err);
	if (!x || assess_part(as, NULL, p, &x->a, err))
		return -1;
	x->a.match = match;
	x->a.query = query;
	return 0;
}

/* Several parts answer the query: all of them, when they share a verdict
 * (the answer a user needs does not depend on which one), else 2. */
static int several(struct assessor *as, struct hits *h, const char *q, const struct kb_part **cand, size_t n,
		   struct tpp_error *err)
{
	size_t first = h->n;
	bool same = n <= 16;
	for (size_t i = 0; i < n && same; i++) {
		if (assess_hit(as, h, cand[i], "shared-verdict", q, err))
			return -1;
		same = !strcmp(classification_label(h->v[h->n - 1].a.cl), classification_label(h->v[first].a.cl));
	}
	if (same) {
		for (size_t i = first; i < h->n; i++)
			snprintf(h->v[i].note, sizeof(h->v[i].note), "'%s' names %zu parts that share one verdict (%s); all are shown.",
				 q, n, classification_label(h->v[first].a.cl));
		return 0;
	}
	h->n = first;
	char list[400] = "";
	for (size_t i = 0; i < n && i < MAX_CANDIDATES; i++) {
		char one[96];
		snprintf(one, sizeof(one), "%s%s (%s)", i ? ", " : "", cand[i]->id, cand[i]->name);
		strncat(list, one, sizeof(list) - strlen(list) - 1);
	}
	tpp_error_set(err, LOOKUP_AMBIGUOUS, "tppscan lookup: '%s' matches %zu parts with different verdicts: %s%s", q,
		      n, list, strlen(list) >= sizeof(list) - 1 ? ", ..." : "");
	return LOOKUP_AMBIGUOUS;
}

/* Resolve one query into hits; on failure fill err and return the status. */
static int resolve(struct cli *c, struct assessor *as, const char *q, struct hits *h, struct tpp_error *err)
{
	const struct kb_part *cand[MAX_CANDIDATES], *part = NULL;
	size_t n = 0;
	if (kb_looks_like_pci_query(q)) {
		struct kb_pci_key key;
		if (!kb_parse_pci_query(q, &key)) {
			tpp_error_set(err, TPP_EX_USAGE,
				      "tppscan lookup: '%s' is not a PCI ID (expected vvvv:dddd or vvvv:dddd:ssss:ssss, hex)", q);
			return TPP_EX_USAGE;
		}
		enum kb_match m = kb_match_pci(&c->kb, key.vendor, key.device, key.has_subsys, key.subsys_vendor,
					       key.subsys_device, &part, cand, MAX_CANDIDATES, &n);
		if (m == KB_MATCH_SUBSYSTEM || m == KB_MATCH_DEVICE)
			return assess_hit(as, h, part, m == KB_MATCH_SUBSYSTEM ? "pci-subsystem" : "pci-device", q, err);
		if (m == KB_MATCH_NONE) {
			tpp_error_set(err, LOOKUP_NOT_FOUND, "tppscan lookup: no part has PCI ID %s", q);
			return LOOKUP_NOT_FOUND;
		}
	} else {
		enum kb_lookup r = kb_lookup_name(&c->kb, q, cand, MAX_CANDIDATES, &n);
		if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX)
			return assess_hit(as, h, cand[0], r == KB_LOOKUP_EXACT ? "name" : "prefix", q, err);
		if (r == KB_LOOKUP_NONE) {
			tpp_error_set(err, LOOKUP_NOT_FOUND,
				      "tppscan lookup: no part matches '%s' (try tppscan lookup --all)", q);
			return LOOKUP_NOT_FOUND;
		}
	}
	return several(as, h, q, cand, n < MAX_CANDIDATES ? n : MAX_CANDIDATES, err);
}

static bool status_matches(const char *want, const struct assessment *a)
{
	const struct classification *cl = a->cl;
	if (!strcmp(want, "display-only"))
		return a->display_only;
	if (!strcmp(want, "undetermined"))
		return cl->status == CLASS_UNDETERMINED;
	if (!strcmp(want, "not-controlled"))
		return cl->status == CLASS_NOT_CONTROLLED;
	if (!strcmp(want, "controlled"))
		return cl->status == CLASS_CONTROLLED;
	return cl->status == CLASS_CONTROLLED && !strcmp(cl->eccn, want);
}

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	static const char *const keys[] = { "id", "name", "vendor", "tpp", "pd", "eccn", NULL };
	static const char *const statuses[] = { "controlled", "not-controlled", "undetermined", "display-only",
		"3A090.a", "3A090.b", "3A090.c", NULL };
	struct lookup_opts *o = state;
	const char *const *list = opt == OPT_SORT ? keys : statuses;
	(void)c;
	switch (opt) {
	case OPT_HISTORY:
		o->history = true;
		return 0;
	case OPT_ALL:
		o->all = true;
		return 0;
	case OPT_STATS:
		o->stats = true;
		return 0;
	case OPT_SORT:
	case OPT_STATUS:
		for (const char *const *k = list; *k; k++)
			if (!strcmp(*k, arg)) {
				*(opt == OPT_SORT ? &o->sort : &o->status) = *k;
				return 0;
			}
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: %s: '%s' is not one of %s", opt == OPT_SORT ? "--sort"
			      : "--status", arg, opt == OPT_SORT ? "id, name, vendor, tpp, pd, eccn"
			      : "controlled, not-controlled, undetermined, display-only, 3A090.a, 3A090.b, 3A090.c");
		return -1;
	}
	return CLI_TAKE_UNKNOWN;
}

static int check_usage(const struct lookup_opts *o, size_t nq, struct tpp_error *err)
{
	const char *msg = NULL;
	if ((o->all || o->stats) && nq)
		msg = "give --all or --stats, or queries, not both";
	else if (!o->all && !o->stats && !nq)
		msg = "give a part name, alias or PCI ID, or --all (see --help)";
	else if (o->sort && !o->all)
		msg = "--sort orders the rows of --all; queries are shown in the order given";
	else if (o->status && !o->all)
		msg = "--status filters the rows of --all";
	else if (o->stats && (o->all || o->history))
		msg = "--stats counts every part; it takes no --all or --history";
	if (msg)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: %s", msg);
	return msg ? -1 : 0;
}

/* Every part (filtered by --status), or the parts the queries name. */
static int collect(struct cli *c, struct assessor *as, const struct lookup_opts *o, char **queries, size_t nq,
		   struct hits *h, struct tpp_error *err)
{
	if (!o->all && !o->stats) {
		for (size_t i = 0; i < nq; i++) {
			int rc = resolve(c, as, queries[i], h, err);
			if (rc)
				return rc;
		}
		return 0;
	}
	for (size_t i = 0; i < c->kb.n_parts; i++) {
		if (assess_hit(as, h, &c->kb.parts[i], "all", NULL, err))
			return -1;
		if (o->status && !status_matches(o->status, &h->v[h->n - 1].a))
			h->n--;
	}
	if (o->all)
		qsort(h->v, h->n, sizeof(*h->v), cmp_hits);
	return 0;
}

int cmd_lookup(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "history", no_argument, NULL, OPT_HISTORY },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "stats", no_argument, NULL, OPT_STATS },
		CLI_GLOBAL_LONGOPTS,
		CLI_LICENCE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct lookup_opts o = { 0 };
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	size_t nq = (size_t)(argc - optind);
	if (check_usage(&o, nq, err) || cli_load(c, err))
		return -1;
	sort_key = o.sort ? o.sort : "id";
	struct assessor as;
	if (cli_assessor(c, &as, err))
		return -1;
	struct hits h = { 0 };
	int rc = collect(c, &as, &o, argv + optind, nq, &h, err);
	struct verdict v = { 0 };
	for (size_t i = 0; !rc && i < h.n; i++)
		cli_exit_add(c, &v, &h.v[i].a);
	struct lookup_run run = { c, &as, &o, h.v, h.n };
	if (!rc)
		rc = lookup_render(&run, err);
	free(h.v);
	assessor_free(&as);
	if (rc > 0)
		return -1;   /* err carries the status (1, 2 or 64) */
	if (rc || cli_flush(c, err))
		return -1;
	return c->exit_status ? v.status : 0;
}
