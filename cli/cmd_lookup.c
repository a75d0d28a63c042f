/* tppscan lookup: a part from the knowledge base by name, alias or PCI ID,
 * with its figures, sources, verdict and, on request, its rule history.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/part_inputs.h"
#include "cli/cli.h"
#include "cli/render.h"
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
	const struct kb_part *part;
	const char *match;      /* how the query matched */
	const char *query;
	struct classification cl;
	bool have_cl;
};

static const char *sort_key;

static int classify_part(struct cli *c, const struct ruleset *rs, const struct kb_part *p,
			 struct classification *cl, struct tpp_error *err)
{
	struct class_input in;
	part_class_input(p, tpp_date_year(c->as_of), &in);
	return classify_evaluate(rs, &in, cl, err);
}

static int cmp_hits(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (!strcmp(sort_key, "tpp") || !strcmp(sort_key, "pd")) {
		bool tpp = !strcmp(sort_key, "tpp");
		bool kx = tpp ? x->part->tpp.known : x->part->pd_known, ky = tpp ? y->part->tpp.known : y->part->pd_known;
		double vx = tpp ? x->part->tpp.tpp : x->part->pd, vy = tpp ? y->part->tpp.tpp : y->part->pd;
		if (kx != ky)
			return kx ? -1 : 1;   /* unknown last */
		if (kx && vx != vy)
			return vx > vy ? -1 : 1;   /* largest first */
	} else if (!strcmp(sort_key, "name")) {
		int r = strcasecmp(x->part->name, y->part->name);
		if (r)
			return r;
	} else if (!strcmp(sort_key, "vendor")) {
		int r = strcmp(x->part->vendor->id, y->part->vendor->id);
		if (r)
			return r;
	} else if (!strcmp(sort_key, "eccn")) {
		int r = strcmp(eccn_label(&x->cl), eccn_label(&y->cl));
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
	*h = (struct hit){ .query = q };
	if (kb_looks_like_pci_query(q)) {
		struct kb_pci_key key;
		if (!kb_parse_pci_query(q, &key)) {
			tpp_error_set(err, TPP_EX_USAGE,
				      "tppscan lookup: '%s' is not a PCI ID (expected vvvv:dddd or vvvv:dddd:ssss:ssss, hex)", q);
			return TPP_EX_USAGE;
		}
		enum kb_match m = kb_match_pci(&c->kb, key.vendor, key.device, key.has_subsys, key.subsys_vendor,
					       key.subsys_device, &h->part, cand, MAX_CANDIDATES, &n);
		if (m == KB_MATCH_SUBSYSTEM || m == KB_MATCH_DEVICE) {
			h->match = m == KB_MATCH_SUBSYSTEM ? "pci-subsystem" : "pci-device";
			return 0;
		}
		if (m == KB_MATCH_NONE) {
			tpp_error_set(err, LOOKUP_NOT_FOUND, "tppscan lookup: no part has PCI ID %s", q);
			return LOOKUP_NOT_FOUND;
		}
	} else {
		enum kb_lookup r = kb_lookup_name(&c->kb, q, cand, MAX_CANDIDATES, &n);
		if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX) {
			h->part = cand[0];
			h->match = r == KB_LOOKUP_EXACT ? "name" : "prefix";
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

static json_t *history_json(struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct classification cl;
		if (classify_part(c, rs, p, &cl, err)) {
			json_decref(arr);
			return NULL;
		}
		json_t *full = render_classification_json(&cl);
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
		const struct margin *m = closest_miss(&cl);
		json_object_set_new(e, "closest_miss", m && cl.status == CLASS_NOT_CONTROLLED && !cl.excluded_by
			? json_pack("{s:s, s:s, s:s, s:o, s:o, s:f}", "paragraph", m->para->id, "parameter", m->param,
				    "operator", rule_op_symbol(m->op), "value", json_num(m->value),
				    "threshold", json_num(m->threshold), "ratio", m->ratio)
			: json_null());
		json_array_append_new(arr, e);
		classification_free(&cl);
	}
	return arr;
}

static void history_text(struct cli *c, const struct kb_part *p, struct tpp_error *err)
{
	fprintf(c->out, "History (every rule set, oldest first)\n");
	const char *prev = NULL;
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		struct classification cl;
		if (classify_part(c, rs, p, &cl, err))
			return;
		char verdict[200], why[240] = "";
		verdict_phrase(verdict, sizeof(verdict), &cl);
		const struct margin *m = closest_miss(&cl);
		if (cl.status == CLASS_NOT_CONTROLLED && !cl.excluded_by && m)
			margin_phrase(why, sizeof(why), m);
		for (size_t k = 0; k < cl.n_results; k++) {
			const struct para_result *r = &cl.results[k];
			if (r->status == PS_MET && r->para->kind == PARA_EXCEPTION) {
				strncat(why, *why ? ", " : "eligible: ", sizeof(why) - strlen(why) - 1);
				strncat(why, r->para->id, sizeof(why) - strlen(why) - 1);
			}
		}
		const char *label = eccn_label(&cl);
		char line[600];
		snprintf(line, sizeof(line), "  %-11s %-12s %-36s %s%s", rs->id, rs->citation, verdict, why,
			 prev && strcmp(prev, label) ? "   <- changed" : "");
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		fprintf(c->out, "%s\n", line);
		prev = label;
		classification_free(&cl);
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

static void csv_header(FILE *f)
{
	fputs("part,name,vendor,pci_ids,architecture,datacenter,tpp,tpp_precision,pd,die_area_mm2,"
	      "io_bidir_gbps,dram_bw_gbps,rule_set,status,eccn,paragraphs,excluded_by,license_exceptions,"
	      "review_policies,confidence\n", f);
}

static void csv_row(FILE *f, const struct hit *h)
{
	const struct kb_part *p = h->part;
	char buf[512];
	csv_field(f, p->id, false);
	csv_field(f, p->name, false);
	csv_field(f, p->vendor->name, false);
	part_pci_ids(buf, sizeof(buf), p);
	csv_field(f, p->n_pci ? buf : "", false);
	csv_field(f, p->arch ? p->arch->id : "", false);
	csv_field(f, p->datacenter < 0 ? "" : p->datacenter ? "yes" : "no", false);
	csv_number(f, p->tpp.known, p->tpp.tpp, false);
	csv_field(f, p->tpp.known ? tpp_precision_name(p->tpp.precision) : "", false);
	csv_number(f, p->pd_known, p->pd, false);
	csv_number(f, p->area.known, p->area.mm2, false);
	csv_number(f, p->io_known, p->io_bidir_gbps, false);
	csv_number(f, p->memory_bw_gbps.known, p->memory_bw_gbps.value, false);
	csv_field(f, h->cl.rules->id, false);
	csv_field(f, class_status_name(h->cl.status), false);
	csv_field(f, h->cl.eccn, false);
	join_met(buf, sizeof(buf), &h->cl, PARA_CONTROL);
	csv_field(f, buf, false);
	csv_field(f, h->cl.excluded_by ? h->cl.excluded_by->id : "", false);
	join_met(buf, sizeof(buf), &h->cl, PARA_EXCEPTION);
	csv_field(f, buf, false);
	join_met(buf, sizeof(buf), &h->cl, PARA_REVIEW);
	csv_field(f, buf, false);
	csv_field(f, p->confidence, true);
}

static void all_text(struct cli *c, const struct hit *hits, size_t n)
{
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s\n", "PART", "PCI", "TPP", "PREC", "PD", "DC",
		"ECCN", "PARAGRAPHS / NOTE");
	for (size_t i = 0; i < n; i++) {
		const struct hit *h = &hits[i];
		const struct kb_part *p = h->part;
		char pci[16] = "-", tpp[16] = "?", pd[16] = "?", paras[200];
		if (p->n_pci)
			snprintf(pci, sizeof(pci), "%04x:%04x", p->pci[0].vendor, p->pci[0].device);
		if (p->tpp.known)
			snprintf(tpp, sizeof(tpp), "%.1f", p->tpp.tpp);
		if (p->pd_known)
			snprintf(pd, sizeof(pd), "%.2f", p->pd);
		join_met(paras, sizeof(paras), &h->cl, PARA_CONTROL);
		if (h->cl.excluded_by)
			snprintf(paras, sizeof(paras), "%s", h->cl.excluded_by->id);
		if (h->cl.status == CLASS_UNDETERMINED) {
			char v[160];
			verdict_phrase(v, sizeof(v), &h->cl);
			snprintf(paras, sizeof(paras), "%s", v + strlen("undetermined "));
		}
		char exc[64], exc_text[80] = "";
		join_met(exc, sizeof(exc), &h->cl, PARA_EXCEPTION);
		if (*exc)
			snprintf(exc_text, sizeof(exc_text), " [%s]", exc);
		fprintf(c->out, "%-36s %-10s %9s %-5s %7s %-3s %-14s %s%s\n", p->id, pci, tpp,
			p->tpp.known ? tpp_precision_name(p->tpp.precision) : "-", pd,
			p->datacenter < 0 ? "?" : p->datacenter ? "yes" : "no", eccn_label(&h->cl), paras, exc_text);
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
	sort_key = "id";
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	bool history = o.history, all = o.all;
	size_t nq = (size_t)(argc - optind);
	if (all && nq) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: give --all or queries, not both");
		return -1;
	}
	if (!all && !nq) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan lookup: give a part name, alias or PCI ID, or --all (see --help)");
		return -1;
	}
	if (cli_load(c, err))
		return -1;

	size_t n = all ? c->kb.n_parts : nq;
	struct hit *hits = calloc(n ? n : 1, sizeof(*hits));
	if (!hits) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	int rc = 0, verdict = VERDICT_NONE;
	for (size_t i = 0; i < n && !rc; i++) {
		if (all) {
			hits[i] = (struct hit){ .part = &c->kb.parts[i], .match = "all" };
		} else if ((rc = resolve(c, argv[optind + (int)i], &hits[i], err)) != 0) {
			break;
		}
		if (classify_part(c, c->rs, hits[i].part, &hits[i].cl, err)) {
			rc = -1;
			break;
		}
		hits[i].have_cl = true;
		verdict = cli_verdict_combine(verdict, cli_verdict_code(&hits[i].cl));
	}
	if (!rc && all)
		qsort(hits, n, sizeof(*hits), cmp_hits);

	if (!rc && c->format == FMT_JSON) {
		json_t *root = render_json_header(c);
		json_t *devs = json_array();
		for (size_t i = 0; i < n && !rc; i++) {
			const struct kb_part *p = hits[i].part;
			json_t *d = json_object();
			json_object_set_new(d, "slot", json_null());
			json_object_set_new(d, "vendor_id", json_null());
			json_object_set_new(d, "device_id", json_null());
			json_object_set_new(d, "subsystem_vendor_id", json_null());
			json_object_set_new(d, "subsystem_id", json_null());
			json_object_set_new(d, "name", json_string(p->name));
			json_object_set_new(d, "part", json_string(p->id));
			json_object_set_new(d, "match", json_string(hits[i].match));
			json_object_set_new(d, "query", json_str(hits[i].query));
			json_object_set_new(d, "metrics", part_metrics_json(p));
			json_object_set_new(d, "classification", render_classification_json(&hits[i].cl));
			json_object_set_new(d, "datasheet", part_datasheet_json(&c->kb, p));
			json_object_set_new(d, "warnings", json_array());
			if (history) {
				json_t *hj = history_json(c, p, err);
				if (!hj)
					rc = -1;
				json_object_set_new(d, "history", hj ? hj : json_null());
			}
			json_array_append_new(devs, d);
		}
		json_object_set_new(root, "devices", devs);
		if (!rc && render_json_emit(c, root, err))
			rc = -1;
		else if (rc)
			json_decref(root);
	} else if (!rc && c->format == FMT_CSV) {
		csv_header(c->out);
		for (size_t i = 0; i < n; i++)
			csv_row(c->out, &hits[i]);
	} else if (!rc && all) {
		all_text(c, hits, n);
	} else if (!rc) {
		for (size_t i = 0; i < n && !err->status; i++) {
			const struct kb_part *p = hits[i].part;
			if (i)
				fputc('\n', c->out);
			part_text_block(c->out, p, c->verbose);
			fputc('\n', c->out);
			classification_summary_text(c->out, &hits[i].cl);
			if (c->verbose) {
				fputc('\n', c->out);
				render_classification_text(c->out, &hits[i].cl, c->verbose);
			}
			if (history) {
				fputc('\n', c->out);
				history_text(c, p, err);
			}
			fputc('\n', c->out);
			notes_text(c->out, p);
			if (c->verbose) {
				fputc('\n', c->out);
				part_text_sources(c->out, &c->kb, p);
			}
		}
		if (err->status)
			rc = -1;
	}
	for (size_t i = 0; i < n; i++)
		if (hits[i].have_cl)
			classification_free(&hits[i].cl);
	free(hits);
	if (rc > 0)
		return -1;   /* err carries the status (1, 2 or 64) */
	if (rc || cli_flush(c, err))
		return -1;
	return c->exit_status ? verdict : 0;
}
