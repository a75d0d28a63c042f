/* tppscan lookup: a part from the knowledge base by name, alias or PCI ID,
 * with its figures, sources, verdict and, on request, its rule history.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/assess.h"
#include "cli/cli.h"
#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_part.h"

static const char usage[] =
	"Usage: tppscan lookup QUERY... [options]\n"
	"       tppscan lookup --all [--sort KEY] [options]\n"
	"Show a part from the knowledge base: identity, datasheet figures with sources,\n"
	"TPP, PD and its classification. QUERY is a name or alias (case-insensitive,\n"
	"exact or a unique prefix) or a PCI ID vvvv:dddd[:ssss:ssss].\n"
	"\n"
	"Options:\n"
	"  --history            classify under every rule set, oldest first\n"
	"  --all                every part, one row each\n"
	"  --sort KEY           with --all: id (default), name, vendor, tpp, pd, eccn\n"
	"                       (--history with --format csv: one row per part and rule set)\n"
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json|csv  output format (default text)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11/12 for 3A090.a/.b/.c, 13 if undetermined\n"
	"  -v, --verbose        every paragraph with margins, and every source\n"
	"  -h, --help           show this help\n"
	"Exit status 1: no part matches a query; 2: a query is ambiguous (candidates listed).\n";

enum { OPT_HISTORY = 256, OPT_ALL, OPT_SORT };

#define LOOKUP_NOT_FOUND 1
#define LOOKUP_AMBIGUOUS 2
#define MAX_CANDIDATES 64

struct hit {
	struct assessment a;     /* the report record: part, how it matched, verdict */
};

static const char *sort_key;

static int cmp_hits(const void *a, const void *b)
{
	const struct assessment *x = &((const struct hit *)a)->a, *y = &((const struct hit *)b)->a;
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

/* Resolve one query; on failure fill err and return the exit status. */
static int resolve(struct cli *c, const char *q, struct hit *h, struct tpp_error *err)
{
	const struct kb_part *cand[MAX_CANDIDATES];
	size_t n = 0;
	*h = (struct hit){ .a = { .kind = ASSESS_PART, .query = q } };
	if (kb_looks_like_pci_query(q)) {
		struct kb_pci_key key;
		if (!kb_parse_pci_query(q, &key)) {
			tpp_error_set(err, TPP_EX_USAGE,
				      "tppscan lookup: '%s' is not a PCI ID (expected vvvv:dddd or vvvv:dddd:ssss:ssss, hex)", q);
			return TPP_EX_USAGE;
		}
		enum kb_match m = kb_match_pci(&c->kb, key.vendor, key.device, key.has_subsys, key.subsys_vendor,
					       key.subsys_device, &h->a.part, cand, MAX_CANDIDATES, &n);
		if (m == KB_MATCH_SUBSYSTEM || m == KB_MATCH_DEVICE) {
			h->a.match = m == KB_MATCH_SUBSYSTEM ? "pci-subsystem" : "pci-device";
			return 0;
		}
		if (m == KB_MATCH_NONE) {
			tpp_error_set(err, LOOKUP_NOT_FOUND, "tppscan lookup: no part has PCI ID %s", q);
			return LOOKUP_NOT_FOUND;
		}
	} else {
		enum kb_lookup r = kb_lookup_name(&c->kb, q, cand, MAX_CANDIDATES, &n);
		if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX) {
			h->a.part = cand[0];
			h->a.match = r == KB_LOOKUP_EXACT ? "name" : "prefix";
			return 0;
		}
		if (r == KB_LOOKUP_NONE) {
			tpp_error_set(err, LOOKUP_NOT_FOUND,
				      "tppscan lookup: no part matches '%s' (try tppscan lookup --all)", q);
			return LOOKUP_NOT_FOUND;
		}
	}
	char list[400] = "";
	for (size_t i = 0; i < n && i < MAX_CANDIDATES; i++) {
		char one[96];
		snprintf(one, sizeof(one), "%s%s (%s)", i ? ", " : "", cand[i]->id, cand[i]->name);
		strncat(list, one, sizeof(list) - strlen(list) - 1);
	}
	tpp_error_set(err, LOOKUP_AMBIGUOUS, "tppscan lookup: '%s' matches %zu parts: %s%s", q, n, list,
		      strlen(list) >= sizeof(list) - 1 ? ", ..." : "");
	return LOOKUP_AMBIGUOUS;
}

static json_t *closest_json(const struct classification *cl)
{
	struct nearest near;
	if (cl->status != CLASS_NOT_CONTROLLED || cl->excluded_by || !classification_nearest(cl, &near))
		return json_null();
	const struct margin *m = near.unmet[0];
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:f}", "paragraph", m->para->id, "parameter", m->param,
			 "operator", rule_op_symbol(m->op), "value", json_num(m->value), "threshold",
			 json_num(m->threshold), "ratio", m->ratio);
}

static json_t *history_json(struct assessor *as, struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct assessment a;
		if (assess_part(as, rs, p, &a, err)) {
			json_decref(arr);
			return NULL;
		}
		json_t *full = render_classification_json(a.cl);
		json_t *e = json_object();
		static const char *const keep[] = { "status", "eccn", "paragraphs", "excluded_by",
			"license_exceptions", "review_policies", "undetermined", "assumptions" };
		for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++)
			json_object_set(e, keep[k], json_object_get(full, keep[k]));
		json_decref(full);
		char d[11];
		json_object_set_new(e, "rule_set", json_string(rs->id));
		json_object_set_new(e, "citation", json_string(rs->citation));
		tpp_date_format(rs->effective, d);
		json_object_set_new(e, "effective", json_string(d));
		json_object_set_new(e, "closest_miss", closest_json(a.cl));
		json_array_append_new(arr, e);
	}
	return arr;
}

static void history_text(struct assessor *as, struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	fprintf(c->out, "History (every rule set, oldest first)\n");
	const char *prev = NULL;
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct assessment a;
		if (assess_part(as, rs, p, &a, err))
			return;
		const struct classification *cl = a.cl;
		char verdict[200], why[600];
		verdict_phrase(verdict, sizeof(verdict), cl);
		nearest_phrase(why, sizeof(why), cl);
		for (size_t k = 0; k < cl->n_results; k++) {
			const struct para_result *r = &cl->results[k];
			if (r->status == PS_MET && r->para->kind == PARA_EXCEPTION) {
				strncat(why, *why ? ", " : "eligible: ", sizeof(why) - strlen(why) - 1);
				strncat(why, r->para->id, sizeof(why) - strlen(why) - 1);
			}
		}
		const char *label = classification_label(cl);
		char line[900];
		snprintf(line, sizeof(line), "  %-11s %-12s %-36s %s%s", rs->id, rs->citation, verdict, why,
			 prev && strcmp(prev, label) ? "   <- changed" : "");
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		fprintf(c->out, "%s\n", line);
		prev = label;
	}
}

static void notes_text(FILE *f, const struct kb_part *p)
{
	if (!p->n_notes && !p->package_note)
		return;
	fprintf(f, "Notes\n");
	if (p->package_note)
		fprintf(f, "  - %s\n", p->package_note);
	for (size_t i = 0; i < p->n_notes; i++)
		fprintf(f, "  - %s\n", p->notes[i]);
}

/* The lookup CSV contract (tppscan(1)): columns only ever added at the end. */
static const char *const lookup_columns[] = { "part", "name", "vendor", "pci_ids", "architecture", "datacenter",
	"tpp", "tpp_precision", "pd", "die_area_mm2", "io_bidir_gbps", "dram_bw_gbps", "rule_set", "status", "eccn",
	"paragraphs", "excluded_by", "license_exceptions", "review_policies", "confidence" };
#define N_COLS (sizeof(lookup_columns) / sizeof(lookup_columns[0]))

/* One row per part, or with --history one per part and rule set, oldest first. */
static int csv_output(struct assessor *as, struct cli *c, const struct hit *hits, size_t n, bool history,
		      struct tpp_error *err)
{
	const struct csv_column *cols[N_COLS];
	for (size_t i = 0; i < N_COLS; i++)
		cols[i] = csv_column(lookup_columns[i]);
	csv_header_row(c->out, cols, N_COLS);
	for (size_t i = 0; i < n; i++) {
		if (!history) {
			csv_record_row(c->out, cols, N_COLS, &hits[i].a);
			continue;
		}
		for (size_t k = 0; k < c->rules.n; k++) {
			struct assessment a;
			if (assess_part(as, &c->rules.sets[k], hits[i].a.part, &a, err))
				return -1;
			csv_record_row(c->out, cols, N_COLS, &a);
		}
	}
	return 0;
}

static void all_text(struct cli *c, const struct hit *hits, size_t n)
{
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s\n", "PART", "PCI", "TPP", "PREC", "PD", "DC",
		"ECCN", "PARAGRAPHS / NOTE");
	for (size_t i = 0; i < n; i++) {
		const struct assessment *a = &hits[i].a;
		const struct kb_part *p = a->part;
		char pci[16] = "-", tpp[16], pd[16], paras[200];
		if (p->n_pci)
			snprintf(pci, sizeof(pci), "%04x:%04x", p->pci[0].vendor, p->pci[0].device);
		text_metric(tpp, sizeof(tpp), &a->tpp, 1);
		text_metric(pd, sizeof(pd), &a->pd, 2);
		join_met(paras, sizeof(paras), a->cl, PARA_CONTROL);
		if (a->cl->excluded_by)
			snprintf(paras, sizeof(paras), "%s", a->cl->excluded_by->id);
		if (a->display_only)
			snprintf(paras, sizeof(paras), "display-only (no compute engine)");
		if (a->cl->eccn_bound == ECCN_AT_LEAST)
			snprintf(paras, sizeof(paras), "or higher (bounds; tppscan lookup %s)", p->id);
		if (a->cl->status == CLASS_UNDETERMINED) {
			char v[160];
			verdict_phrase(v, sizeof(v), a->cl);
			snprintf(paras, sizeof(paras), "%s", v + strlen("undetermined "));
		}
		char exc[64], exc_text[80] = "";
		join_met(exc, sizeof(exc), a->cl, PARA_EXCEPTION);
		if (*exc)
			snprintf(exc_text, sizeof(exc_text), " [%s]", exc);
		fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s%s\n", p->id, pci, tpp,
			a->precision_known ? tpp_precision_name(a->precision) : "-", pd,
			p->datacenter < 0 ? "?" : p->datacenter ? "yes" : "no", classification_label(a->cl), paras,
			exc_text);
	}
	fprintf(c->out, "\n%zu parts; rule set %s (%s) in force on %s. DC: designed or marketed for datacenters\n"
		"(? = unknown, assumed yes). Details: tppscan lookup PART\n", n, c->rs->id, c->rs->citation, as_of);
}

struct lookup_opts {
	bool history, all;
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct lookup_opts *o = state;
	(void)c;
	if (opt == OPT_HISTORY) {
		o->history = true;
	} else if (opt == OPT_ALL) {
		o->all = true;
	} else if (opt == OPT_SORT) {
		static const char *const keys[] = { "id", "name", "vendor", "tpp", "pd", "eccn", NULL };
		for (const char *const *k = keys; *k; k++)
			if (!strcmp(*k, arg)) {
				sort_key = *k;
				return 0;
			}
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: --sort: '%s' is not one of id, name, vendor, tpp, pd, eccn",
			      arg);
		return -1;
	} else {
		return CLI_TAKE_UNKNOWN;
	}
	return 0;
}

static int json_output(struct assessor *as, struct cli *c, const struct hit *hits, size_t n, bool history,
		       struct tpp_error *err)
{
	struct device_json_ctx x;
	struct json_stream s;
	json_stream_begin(&s, c);
	device_json_init(&x, &c->kb, &s);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		json_t *d = device_json(&x, &hits[i].a);
		if (history) {
			json_t *hj = history_json(as, c, hits[i].a.part, err);
			if (!hj)
				rc = -1;
			json_object_set_new(d, "history", hj ? hj : json_null());
		}
		if (rc)
			json_decref(d);
		else
			rc = json_stream_device(&s, d, err);
	}
	device_json_free(&x);
	if (rc) {
		json_stream_free(&s);
		return -1;
	}
	return json_stream_end(&s, render_json_header(c), err);
}

static int text_output(struct assessor *as, struct cli *c, const struct hit *hits, size_t n, bool history,
		       struct tpp_error *err)
{
	for (size_t i = 0; i < n && !err->status; i++) {
		const struct assessment *a = &hits[i].a;
		if (i)
			fputc('\n', c->out);
		part_text_block(c->out, a->part, c->verbose);
		fputc('\n', c->out);
		classification_summary_text(c->out, a->cl);
		if (c->verbose) {
			fputc('\n', c->out);
			render_classification_text(c->out, a->cl, c->verbose);
		}
		if (history) {
			fputc('\n', c->out);
			history_text(as, c, a->part, err);
		}
		fputc('\n', c->out);
		notes_text(c->out, a->part);
		if (c->verbose) {
			fputc('\n', c->out);
			part_text_sources(c->out, &c->kb, a->part);
		}
	}
	return err->status ? -1 : 0;
}

static int render(struct assessor *as, struct cli *c, const struct hit *hits, size_t n, const struct lookup_opts *o,
		  struct tpp_error *err)
{
	if (c->format == FMT_JSON)
		return json_output(as, c, hits, n, o->history, err);
	if (c->format == FMT_CSV)
		return csv_output(as, c, hits, n, o->history, err);
	if (o->all) {
		all_text(c, hits, n);
		return 0;
	}
	return text_output(as, c, hits, n, o->history, err);
}

int cmd_lookup(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "history", no_argument, NULL, OPT_HISTORY },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "sort", required_argument, NULL, OPT_SORT },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct lookup_opts o = { 0 };
	sort_key = NULL;
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	size_t nq = (size_t)(argc - optind);
	if (o.all && nq) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: give --all or queries, not both");
		return -1;
	}
	if (!o.all && !nq) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: give a part name, alias or PCI ID, or --all (see --help)");
		return -1;
	}
	if (sort_key && !o.all) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: --sort orders the rows of --all; queries are shown in the order given");
		return -1;
	}
	if (!sort_key)
		sort_key = "id";
	if (cli_load(c, err))
		return -1;
	struct assessor as;
	if (assessor_init(&as, &c->kb, c->rs, c->as_of, err))
		return -1;
	size_t n = o.all ? c->kb.n_parts : nq;
	struct hit *hits = calloc(n ? n : 1, sizeof(*hits));
	int rc = hits ? 0 : -1;
	if (!hits)
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	struct verdict v = { 0 };
	for (size_t i = 0; i < n && !rc; i++) {
		if (!o.all && (rc = resolve(c, argv[optind + (int)i], &hits[i], err)) != 0)
			break;
		const struct kb_part *p = o.all ? &c->kb.parts[i] : hits[i].a.part;
		const char *match = o.all ? "all" : hits[i].a.match, *query = hits[i].a.query;
		if (assess_part(&as, NULL, p, &hits[i].a, err)) {
			rc = -1;
			break;
		}
		hits[i].a.match = match;
		hits[i].a.query = query;
		verdict_add(&v, hits[i].a.cl);
	}
	if (!rc && o.all)
		qsort(hits, n, sizeof(*hits), cmp_hits);
	if (!rc)
		rc = render(&as, c, hits, n, &o, err);
	free(hits);
	assessor_free(&as);
	if (rc > 0)
		return -1;   /* err carries the status (1, 2 or 64) */
	if (rc || cli_flush(c, err))
		return -1;
	return c->exit_status ? v.status : 0;
}
