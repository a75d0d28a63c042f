/* tppscan thresholds: list the rule sets, or show one paragraph by paragraph.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"

static const char usage[] =
	"Usage: tppscan thresholds [ID] [options]\n"
	"List the rule sets tppscan knows (id, effective dates, citation, status), or\n"
	"show one rule set's paragraphs as conditions with their sources.\n"
	"\n"
	"Options:\n"
	"  --as-of YYYY-MM-DD   judge 'in force' against this date (default: today)\n"
	"  --format text|json   output format (default text)\n"
	"  --data-dir DIR       read thresholds/ from DIR, not the built-in data\n"
	"  -v, --verbose        with ID: also print each paragraph's text\n"
	"  -h, --help           show this help\n";

static const char *status_of(const struct cli *c, const struct ruleset *rs)
{
	if (rs->effective > c->as_of)
		return "not yet effective";
	if (rs->has_superseded && c->as_of >= rs->superseded)
		return "superseded";
	return "in force";
}

static void list_text(struct cli *c)
{
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%-11s %-11s %-11s %-12s %-18s %s\n", "ID", "EFFECTIVE", "SUPERSEDED", "CITATION",
		"STATUS", "CHANGES");
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct ruleset *rs = &c->rules.sets[i];
		char eff[11], sup[11] = "-";
		tpp_date_format(rs->effective, eff);
		if (rs->has_superseded)
			tpp_date_format(rs->superseded, sup);
		fprintf(c->out, "%-11s %-11s %-11s %-12s %-18s %s\n", rs->id, eff, sup, rs->citation,
			status_of(c, rs), rs->changes);
	}
	fprintf(c->out, "\nStatus as of %s. Show one with: tppscan thresholds ID\n", as_of);
}

static void show_text(struct cli *c, const struct ruleset *rs)
{
	char d[4][11];
	tpp_date_format(rs->published, d[0]);
	tpp_date_format(rs->effective, d[1]);
	tpp_date_format(rs->revised, d[2]);
	fprintf(c->out, "%s: %s\n", rs->id, rs->title);
	fprintf(c->out, "  citation    %s (FR Doc. %s)\n  url         %s\n", rs->citation, rs->fr_document, rs->url);
	fprintf(c->out, "  published   %s\n  effective   %s\n", d[0], d[1]);
	if (rs->has_superseded) {
		tpp_date_format(rs->superseded, d[3]);
		fprintf(c->out, "  superseded  %s\n", d[3]);
	}
	tpp_date_format(c->as_of, d[3]);
	fprintf(c->out, "  status      %s on %s\n  data        %s, revised %s\n", status_of(c, rs), d[3], rs->file, d[2]);
	fprintf(c->out, "\n%s\n", rs->summary);
	fprintf(c->out, "\nParameters\n");
	for (size_t i = 0; i < rs->n_params; i++) {
		const struct rule_param *p = &rs->params[i];
		fprintf(c->out, "  %-14s %s%s%s%s\n", p->name, p->description, p->unit ? " [" : "",
			p->unit ? p->unit : "", p->unit ? "]" : "");
		if (p->has_default) {
			char num[32];
			fprintf(c->out, "  %-14s if unknown: %s. %s\n", "",
				p->type == PARAM_BOOLEAN ? (p->default_boolean ? "yes" : "no")
							 : fmt_num(num, sizeof(num), p->default_number),
				p->default_reading);
		}
	}
	fprintf(c->out, "\nParagraphs (ECCN tiers, most controlled first:");
	for (size_t i = 0; i < rs->n_eccn_order; i++)
		fprintf(c->out, " %s", rs->eccn_order[i]);
	fprintf(c->out, ")\n");
	for (size_t i = 0; i < rs->n_paras; i++) {
		const struct rule_para *p = &rs->paras[i];
		char cond[512];
		render_cond_text(cond, sizeof(cond), rs, &p->cond);
		fprintf(c->out, "\n  %s [%s%s%s]: %s\n", p->id, rule_para_kind_name(p->kind),
			p->item == ITEM_HBM ? ", HBM" : "", "", p->title);
		fprintf(c->out, "    condition:    %s\n", cond);
		if (c->verbose)
			fprintf(c->out, "    text:         %s\n", p->text);
		if (p->destinations)
			fprintf(c->out, "    destinations: %s\n", p->destinations);
		if (p->n_excludes) {
			fprintf(c->out, "    excludes:    ");
			for (size_t k = 0; k < p->n_excludes; k++)
				fprintf(c->out, " %s", p->excludes[k]);
			fputc('\n', c->out);
		}
		fprintf(c->out, "    source:       %s\n", p->source);
		if (p->reading)
			fprintf(c->out, "    reading:      %s\n", p->reading);
	}
	if (rs->n_readings) {
		fprintf(c->out, "\nReadings (where the text leaves room, what tppscan does)\n");
		for (size_t i = 0; i < rs->n_readings; i++)
			fprintf(c->out, "  %s: %s\n    source: %s\n", rs->readings[i].id, rs->readings[i].text,
				rs->readings[i].source);
	}
}

int cmd_thresholds(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { NULL, 0, NULL, 0 } };
	int r = cli_options(c, argc, argv, longopts, usage, NULL, NULL, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (argc - optind > 1) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan thresholds: unexpected argument '%s' (give at most one rule set id)",
			      argv[optind + 1]);
		return -1;
	}
	const char *id = optind < argc ? argv[optind] : NULL;
	if (id) {
		c->rules_id = id;   /* validates the id and selects it */
		c->rules_from_operand = true;
	}
	if (cli_load(c, err))
		return -1;
	if (c->format == FMT_JSON) {
		json_t *root = render_json_header(c);
		if (id) {
			json_object_set_new(root, "rule_set", render_rules_json(c, c->rs));
		} else {
			json_object_del(root, "rules");
			json_t *arr = json_array();
			for (size_t i = 0; i < c->rules.n; i++) {
				json_t *full = render_rules_json(c, &c->rules.sets[i]);
				/* the list carries identity and dates; `thresholds ID` the rest */
				json_object_del(full, "paragraphs");
				json_object_del(full, "parameters");
				json_object_del(full, "readings");
				json_array_append_new(arr, full);
			}
			json_object_set_new(root, "rule_sets", arr);
		}
		if (render_json_emit(c, root, err))
			return -1;
	} else if (id) {
		show_text(c, c->rs);
	} else {
		list_text(c);
	}
	return cli_flush(c, err) ? -1 : 0;
}
