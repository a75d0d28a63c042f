/* tppscan countries: the export-control country groups a country is in on
 * a date, with the dates each membership began and ended; or every group
 * and its members on that date.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"

static const char usage[] =
	"Usage: tppscan countries [CC...] [options]\n"
	"The country groups of the export rules (D:1, D:4, D:5, A:5, A:6, Macau, the AI\n"
	"Diffusion Tier 1) a country is in on the --as-of date, with when each membership\n"
	"began and ended and its source; with no CC, every group and its members.\n"
	"CC is an ISO 3166-1 alpha-2 code in any case; Hong Kong is treated as China.\n"
	"\n"
	"Options:\n"
	"  --as-of YYYY-MM-DD   memberships on that date (default: today)\n"
	"  --format text|json   output format (default text)\n"
	"  -v, --verbose        each membership's note: its evidence and open questions\n"
	"  --data-dir DIR       read destinations/ (and the rest) from DIR\n"
	"  -h, --help           show this help\n";

static void date_or(char *buf, bool has, tpp_date d, const char *none)
{
	if (has)
		tpp_date_format(d, buf);
	else
		snprintf(buf, 11, "%s", none);
}

static bool holds(const struct dest_membership *m, tpp_date d)
{
	return (!m->has_from || m->from <= d) && (!m->has_until || d < m->until);
}

static json_t *membership_json(const struct dest_membership *m, tpp_date as_of)
{
	char f[11], u[11];
	date_or(f, m->has_from, m->from, "");
	date_or(u, m->has_until, m->until, "");
	json_t *src = json_object_get(m->row, "source");
	return json_pack("{s:s, s:o, s:o, s:b, s:s, s:o, s:O}", "group", m->group, "from",
			 m->has_from ? json_string(f) : json_null(), "until", m->has_until ? json_string(u) : json_null(),
			 "in_force", holds(m, as_of), "confidence", m->confidence, "note", json_str(m->note), "source", src);
}

static void country_text(struct cli *c, const char *code, const char *alias)
{
	const struct dest_data *d = &c->dest;
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	fprintf(c->out, "%s (%s)%s%s\n", dest_country_name(d, code), code, alias ? ": " : "", alias ? alias : "");
	size_t shown = 0;
	for (size_t i = 0; i < d->n_members; i++) {
		const struct dest_membership *m = &d->members[i];
		if (strcmp(m->country, code))
			continue;
		char f[11], u[11];
		date_or(f, m->has_from, m->from, "before");
		date_or(u, m->has_until, m->until, "");
		char line[1024];
		snprintf(line, sizeof(line), "  %-9s %-5s %-10s %-10s %-6s  %s", m->group, holds(m, c->as_of) ? "yes" : "no",
			 f, m->has_until ? u : "-", m->confidence, c->verbose && m->note ? m->note : "");
		size_t l = strlen(line);
		while (l && line[l - 1] == ' ')
			line[--l] = '\0';
		fprintf(c->out, "%s\n", line);
		shown++;
	}
	if (!shown)
		fprintf(c->out, "  in none of the groups the export rules for advanced computing name\n");
	fprintf(c->out, "  (columns: group, member on %s, from, until, confidence; \"before\" = before 2022-10-07;\n"
		"  -v shows each row's note, --format json its sources)\n", as_of);
}

static void groups_text(struct cli *c)
{
	const struct dest_data *d = &c->dest;
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	for (size_t g = 0; g < d->n_groups; g++) {
		char line[2048] = "";
		size_t n = 0;
		for (size_t i = 0; i < d->n_members; i++) {
			const struct dest_membership *m = &d->members[i];
			if (strcmp(m->group, d->groups[g].id) || !holds(m, c->as_of))
				continue;
			strncat(line, n++ ? " " : "", sizeof(line) - strlen(line) - 1);
			strncat(line, m->country, sizeof(line) - strlen(line) - 1);
		}
		fprintf(c->out, "%-9s %3zu  %s: %s\n", d->groups[g].id, n, d->groups[g].title, line);
	}
	fprintf(c->out, "\nMembers on %s. One country: tppscan countries CC\n", as_of);
}

static int groups_json(struct cli *c, struct tpp_error *err)
{
	json_t *root = render_json_header(c), *arr = json_array();
	json_object_del(root, "rules");
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	json_object_set_new(root, "as_of", json_string(as_of));
	for (size_t g = 0; g < c->dest.n_groups; g++) {
		json_t *members = json_array();
		for (size_t i = 0; i < c->dest.n_members; i++) {
			const struct dest_membership *m = &c->dest.members[i];
			if (!strcmp(m->group, c->dest.groups[g].id) && holds(m, c->as_of))
				json_array_append_new(members, json_string(m->country));
		}
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o}", "id", c->dest.groups[g].id, "title",
						     c->dest.groups[g].title, "members", members));
	}
	json_object_set_new(root, "groups", arr);
	return render_json_emit(c, root, err);
}

static int json_output(struct cli *c, char **codes, size_t n, struct tpp_error *err)
{
	json_t *root = render_json_header(c), *arr = json_array();
	json_object_del(root, "rules");
	char as_of[11];
	tpp_date_format(c->as_of, as_of);
	json_object_set_new(root, "as_of", json_string(as_of));
	for (size_t k = 0; k < n; k++) {
		char code[3];
		const char *alias;
		dest_canonical(&c->dest, codes[k], code, &alias);
		json_t *groups = json_array();
		for (size_t i = 0; i < c->dest.n_members; i++)
			if (!strcmp(c->dest.members[i].country, code))
				json_array_append_new(groups, membership_json(&c->dest.members[i], c->as_of));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o}", "query", codes[k], "code", code, "name",
						     dest_country_name(&c->dest, code), "alias", json_str(alias),
						     "memberships", groups));
	}
	json_object_set_new(root, "countries", arr);
	return render_json_emit(c, root, err);
}

int cmd_countries(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { NULL, 0, NULL, 0 } };
	int r = cli_options(c, argc, argv, longopts, usage, NULL, NULL, err);
	if (r)
		return r > 0 ? 0 : -1;
	c->needs_destinations = true;
	if (cli_load(c, err))
		return -1;
	if (!c->dest.loaded) {
		tpp_error_set(err, TPP_EX_NOINPUT, "tppscan countries: no destinations/country-groups.json in the data (%s)",
			      c->data.origin);
		return -1;
	}
	size_t n = (size_t)(argc - optind);
	for (size_t k = 0; k < n; k++) {
		char code[3];
		if (!dest_canonical(&c->dest, argv[optind + (int)k], code, NULL)) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan countries: '%s' is not a country: give an ISO 3166-1 "
				      "alpha-2 code such as CN, US, AE or HK (any case)", argv[optind + (int)k]);
			return -1;
		}
	}
	int rc = 0;
	if (c->format == FMT_JSON)
		rc = n ? json_output(c, argv + optind, n, err) : groups_json(c, err);
	else if (!n)
		groups_text(c);
	for (size_t k = 0; c->format == FMT_TEXT && k < n; k++) {
		char code[3];
		const char *alias;
		dest_canonical(&c->dest, argv[optind + (int)k], code, &alias);
		if (k)
			fputc('\n', c->out);
		country_text(c, code, strcmp(code, argv[optind + (int)k]) ? alias : NULL);
	}
	if (rc || cli_flush(c, err))
		return -1;
	return 0;
}
