/* fleet summary: text table, JSON document, CSV rows. Totals and shares
 * come from classify/fleet_summary.c; these only render them.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/fleet.h"
#include "cli/render.h"
#include "cli/render_part.h"
#include "cli/text_table.h"

/* --- shared ------------------------------------------------------------------ */

/* Sums of TPP: one decimal, whatever the parts (an MI300X is 20919.2). */
static const char *tpp_text(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.1f", v);
	return buf;
}

static const char *value_or_dash(const char *v)
{
	return v && *v ? v : "-";
}

static const char *const stat_names[] = { "hosts", "devices", "tpp", "h100_equivalents", "controlled",
	"controlled_tpp", "undetermined", "tpp_unknown" };
#define N_STATS 8

/* The statistics of a group as cells (text and CSV share them). */
static void stat_cells(const struct fleet_summary *s, const struct fleet_stats *st, char cells[N_STATS][32])
{
	snprintf(cells[0], 32, "%lu", st->hosts);
	snprintf(cells[1], 32, "%lu", st->devices);
	tpp_text(cells[2], 32, st->tpp);
	snprintf(cells[3], 32, "%.1f", fleet_h100e(s, st->tpp));
	snprintf(cells[4], 32, "%lu", st->controlled);
	tpp_text(cells[5], 32, st->controlled_tpp);
	snprintf(cells[6], 32, "%lu", st->undetermined);
	snprintf(cells[7], 32, "%lu", st->tpp_unknown);
}

static json_t *stats_json(const struct fleet_summary *s, const struct fleet_stats *st)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:I, s:o, s:I, s:I}", "hosts", (json_int_t)st->hosts, "devices",
			 (json_int_t)st->devices, "tpp", json_num(st->tpp), "h100_equivalents",
			 json_num(fleet_h100e(s, st->tpp)), "controlled", (json_int_t)st->controlled, "controlled_tpp",
			 json_num(st->controlled_tpp), "undetermined", (json_int_t)st->undetermined, "tpp_unknown",
			 (json_int_t)st->tpp_unknown);
}

static void rule_sets_text(const struct fleet_summary *s, char *buf, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < s->n_rule_sets; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? ", " : "", s->rule_sets[i]);
	if (s->more_rule_sets)
		snprintf(buf + strlen(buf), n - strlen(buf), " and more");
	if (!*buf)
		snprintf(buf, n, "none");
}

/* --- text ---------------------------------------------------------------------- */

static void groups_text(const struct fleet_summary_report *r, FILE *f, const struct fleet_group **sorted)
{
	const struct fleet_summary *s = r->s;
	static const char *const heads[] = { "HOSTS", "ACCEL", "TPP", "H100e", "CONTROLLED", "CONTROLLED_TPP",
		"UNDETERMINED", "TPP_UNKNOWN" };
	const char *hdr[TEXT_TABLE_MAX_COLS], *cells[TEXT_TABLE_MAX_COLS];
	char upper[FLEET_N_DIMS][16], right[TEXT_TABLE_MAX_COLS + 1] = "", num[N_STATS][32];
	for (size_t i = 0; i < s->n_by; i++) {
		snprintf(upper[i], sizeof(upper[i]), "%s", fleet_dim_name(s->by[i]));
		for (char *p = upper[i]; *p; p++)
			*p = (char)(*p - 32);
		hdr[i] = upper[i];
		strcat(right, ".");
	}
	for (size_t i = 0; i < N_STATS; i++) {
		hdr[s->n_by + i] = heads[i];
		strcat(right, "r");
	}
	struct text_table t;
	text_table_init(&t, s->n_by + N_STATS, hdr, right);
	for (size_t g = 0; g < s->groups.n; g++) {
		for (size_t i = 0; i < s->n_by; i++)
			cells[i] = value_or_dash(sorted[g]->values[i]);
		stat_cells(s, &sorted[g]->s, num);
		for (size_t i = 0; i < N_STATS; i++)
			cells[s->n_by + i] = num[i];
		text_table_row(&t, cells);
	}
	for (size_t i = 0; i < s->n_by; i++)
		cells[i] = i ? "" : "TOTAL";
	stat_cells(s, &s->total, num);
	for (size_t i = 0; i < N_STATS; i++)
		cells[s->n_by + i] = num[i];
	text_table_row(&t, cells);
	text_table_print(&t, f);
	text_table_free(&t);
}

static void quota_cells(const struct fleet_summary *s, const struct fleet_group *g, char cells[7][48])
{
	struct fleet_quota q;
	fleet_quota_of(s, g, &q);
	snprintf(cells[0], 48, "%s", value_or_dash(q.country));
	snprintf(cells[1], 48, "%s%s", q.tier ? (char[]){ (char)('0' + q.tier->tier), 0 } : "-", q.uncertain ? "?" : "");
	snprintf(cells[2], 48, "%lu", g->s.counted);
	tpp_text(cells[3], 48, g->s.counted_tpp);
	snprintf(cells[4], 48, "%.1f", q.h100e);
	if (q.tier && q.tier->has_cap)
		snprintf(cells[5], 48, "%.0f", q.tier->cap_tpp);
	else
		snprintf(cells[5], 48, "%s", q.tier ? "none" : "-");
	if (q.has_share)
		snprintf(cells[6], 48, "%.4f%%", q.share * 100);
	else
		snprintf(cells[6], 48, "-");
}

static void diffusion_text(const struct fleet_summary_report *r, FILE *f)
{
	const struct fleet_summary *s = r->s;
	const struct diffusion *d = s->diff;
	const struct fleet_group **sorted = fleet_groups_sorted(&s->countries);
	char day[11];
	tpp_date_format(d->date, day);
	fprintf(f, "\nAI Diffusion quotas, country tiers as on %s: %s.\n", day, d->status);
	static const char *const hdr[] = { "COUNTRY", "TIER", "COUNTED", "COUNTED_TPP", "H100e", "CAP_TPP", "SHARE" };
	struct text_table t;
	text_table_init(&t, 7, hdr, "..rrrrr");
	char cells[7][48];
	const char *row[7];
	for (size_t i = 0; sorted && i < s->countries.n; i++) {
		quota_cells(s, sorted[i], cells);
		for (int k = 0; k < 7; k++)
			row[k] = cells[k];
		text_table_row(&t, row);
	}
	text_table_print(&t, f);
	text_table_free(&t);
	fprintf(f, "  COUNTED: accelerators whose ECCN is");
	for (size_t i = 0; i < d->n_counted; i++)
		fprintf(f, "%s %s", i ? "," : "", d->counted[i]);
	fprintf(f, ". %s\n", d->counted_reading);
	for (size_t i = 0; i < d->n_tiers; i++)
		if (d->tiers[i].has_cap)
			fprintf(f, "  Tier %d cap %.0f TPP (%s): %s%s%s%s\n", d->tiers[i].tier, d->tiers[i].cap_tpp,
				d->tiers[i].period ? d->tiers[i].period : "", d->tiers[i].reading ? d->tiers[i].reading : "",
				d->tiers[i].confidence ? " (confidence " : "", d->tiers[i].confidence ? d->tiers[i].confidence : "",
				d->tiers[i].confidence ? ")" : "");
	for (size_t i = 0; sorted && i < s->countries.n; i++) {
		struct fleet_quota q;
		fleet_quota_of(s, sorted[i], &q);
		if (q.uncertain)
			fprintf(f, "  %s: tier %d uncertain: %s\n", q.country, q.tier->tier, q.uncertain);
		if (!*q.country)
			fprintf(f, "  -: reports without --country; no tier\n");
		else if (!q.tier)
			fprintf(f, "  %s: not an ISO 3166-1 country the data knows; no tier\n", q.country);
	}
	fprintf(f, "  Rule: %s. Figures: %s.\n", d->citation, d->file);
	free(sorted);
}

int fleet_summary_text(const struct fleet_summary_report *r, struct tpp_error *err)
{
	const struct fleet_summary *s = r->s;
	FILE *f = r->c->out;
	char rs[256];
	rule_sets_text(s, rs, sizeof(rs));
	fprintf(f, "Fleet: %lu host scan%s (%lu with accelerators), %lu accelerators", s->scans, s->scans == 1 ? "" : "s",
		s->total.hosts, s->total.devices);
	if (s->display_only)
		fprintf(f, ", %lu display-only device%s not counted", s->display_only, s->display_only == 1 ? "" : "s");
	if (r->in)
		fprintf(f, "\nRead: %lu file%s, %lu line%s; %lu problem%s (standard error)\n", r->in->files,
			r->in->files == 1 ? "" : "s", r->in->lines, r->in->lines == 1 ? "" : "s", r->in->problems,
			r->in->problems == 1 ? "" : "s");
	else
		fprintf(f, "\nRead: the latest scan of each host in %s\n", r->db);
	fprintf(f, "Verdicts as the reports gave them, under rule set %s; H100e = TPP / %.0f\n\n", rs,
		s->diff->h100_tpp);
	const struct fleet_group **sorted = fleet_groups_sorted(&s->groups);
	if (!sorted) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	groups_text(r, f, sorted);
	free(sorted);
	if (r->diffusion)
		diffusion_text(r, f);
	return 0;
}

/* --- JSON ------------------------------------------------------------------------ */

static json_t *group_json(const struct fleet_summary *s, const struct fleet_group *g)
{
	json_t *o = stats_json(s, &g->s);
	for (size_t i = 0; o && i < s->n_by; i++)
		json_object_set_new(o, fleet_dim_name(s->by[i]), *g->values[i] ? json_string(g->values[i]) : json_null());
	return o;
}

static json_t *quota_json(const struct fleet_summary *s, const struct fleet_group *g)
{
	struct fleet_quota q;
	fleet_quota_of(s, g, &q);
	json_t *o = json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o}", "country", *q.country ? json_string(q.country)
			      : json_null(), "tier", q.tier ? json_integer(q.tier->tier) : json_null(), "tier_uncertain",
			      json_str(q.uncertain), "hosts", (json_int_t)g->s.hosts, "counted_devices",
			      (json_int_t)g->s.counted, "counted_tpp_unknown", (json_int_t)g->s.counted_unknown,
			      "counted_tpp", json_num(g->s.counted_tpp), "h100_equivalents", json_num(q.h100e));
	json_object_set_new(o, "cap_tpp", q.tier && q.tier->has_cap ? json_num(q.tier->cap_tpp) : json_null());
	json_object_set_new(o, "share", q.has_share ? json_real(q.share) : json_null());
	json_object_set_new(o, "quota", json_str(q.tier ? q.tier->quota ? q.tier->quota : q.tier->period : NULL));
	return o;
}

static json_t *diffusion_json(const struct fleet_summary *s)
{
	const struct diffusion *d = s->diff;
	json_t *counted = json_array(), *countries = json_array(), *tiers = json_array();
	for (size_t i = 0; i < d->n_counted; i++)
		json_array_append_new(counted, json_string(d->counted[i]));
	const struct fleet_group **sorted = fleet_groups_sorted(&s->countries);
	for (size_t i = 0; sorted && i < s->countries.n; i++)
		json_array_append_new(countries, quota_json(s, sorted[i]));
	free(sorted);
	for (size_t i = 0; i < d->n_tiers; i++) {
		const struct diffusion_tier *t = &d->tiers[i];
		json_t *members = t->is_default ? json_null() : json_array();
		for (size_t k = 0; !t->is_default && k < t->n_countries; k++)
			json_array_append_new(members, json_string(t->countries[k]));
		json_array_append_new(tiers, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "tier", t->tier, "members",
			members, "cap_tpp", t->has_cap ? json_num(t->cap_tpp) : json_null(), "period", json_str(t->period),
			"quota", json_str(t->quota), "reading", json_str(t->reading), "source", json_str(t->source),
			"confidence", json_str(t->confidence)));
	}
	char day[11];
	tpp_date_format(d->date, day);
	return json_pack("{s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "rule", d->id, "citation",
			 json_str(d->citation), "status", json_str(d->status), "tiers_as_of", day, "data_file", d->file,
			 "counted_eccns", counted, "counted_reading", json_str(d->counted_reading), "counted_source",
			 json_str(d->counted_source), "tiers", tiers, "countries", countries);
}

int fleet_summary_json(const struct fleet_summary_report *r, struct tpp_error *err)
{
	const struct fleet_summary *s = r->s;
	json_t *root = fleet_json_header(r->c), *by = json_array(), *groups = json_array(), *rs = json_array();
	for (size_t i = 0; i < s->n_by; i++)
		json_array_append_new(by, json_string(fleet_dim_name(s->by[i])));
	const struct fleet_group **sorted = fleet_groups_sorted(&s->groups);
	for (size_t i = 0; sorted && i < s->groups.n; i++)
		json_array_append_new(groups, group_json(s, sorted[i]));
	free(sorted);
	for (size_t i = 0; i < s->n_rule_sets; i++)
		json_array_append_new(rs, json_string(s->rule_sets[i]));
	json_t *totals = stats_json(s, &s->total);
	json_object_set_new(totals, "scans", json_integer((json_int_t)s->scans));
	json_object_set_new(totals, "display_only", json_integer((json_int_t)s->display_only));
	json_object_set_new(root, "by", by);
	json_object_set_new(root, "groups", groups);
	json_object_set_new(root, "totals", totals);
	json_object_set_new(root, "rule_sets", rs);
	json_object_set_new(root, "h100_equivalent", json_pack("{s:o, s:o, s:o}", "tpp", json_num(s->diff->h100_tpp),
		"derivation", json_str(s->diff->h100_derivation), "source", json_str(s->diff->h100_source)));
	json_object_set_new(root, "source", r->db ? json_pack("{s:s, s:s}", "database", r->db, "scans", "latest per host")
		: json_pack("{s:I, s:I, s:I}", "files", (json_int_t)r->in->files, "lines", (json_int_t)r->in->lines,
			    "ignored_files", (json_int_t)r->in->ignored));
	json_object_set_new(root, "problems", fleet_problems_json(r->in));
	if (r->diffusion)
		json_object_set_new(root, "diffusion", diffusion_json(s));
	return render_json_emit(r->c, root, err);
}

/* --- CSV --------------------------------------------------------------------------- */

static void csv_row(FILE *f, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_field(f, cells[i], i + 1 == n);
}

static int diffusion_csv(const struct fleet_summary_report *r)
{
	static const char *const hdr[] = { "country", "tier", "counted_devices", "counted_tpp", "h100_equivalents",
		"cap_tpp", "share" };
	FILE *f = r->c->out;
	csv_row(f, hdr, 7);
	const struct fleet_group **sorted = fleet_groups_sorted(&r->s->countries);
	for (size_t i = 0; sorted && i < r->s->countries.n; i++) {
		char cells[7][48];
		const char *row[7];
		struct fleet_quota q;
		quota_cells(r->s, sorted[i], cells);
		fleet_quota_of(r->s, sorted[i], &q);
		snprintf(cells[0], 48, "%s", q.country);
		snprintf(cells[1], 48, "%s", q.tier ? (char[]){ (char)('0' + q.tier->tier), 0 } : "");
		if (!q.tier || !q.tier->has_cap)
			cells[5][0] = '\0';
		if (q.has_share)
			snprintf(cells[6], 48, "%.8g", q.share);
		else
			cells[6][0] = '\0';
		for (int k = 0; k < 7; k++)
			row[k] = cells[k];
		csv_row(f, row, 7);
	}
	free(sorted);
	return 0;
}

int fleet_summary_csv(const struct fleet_summary_report *r, struct tpp_error *err)
{
	const struct fleet_summary *s = r->s;
	if (r->diffusion)
		return diffusion_csv(r);
	const char *row[TEXT_TABLE_MAX_COLS];
	char num[N_STATS][32];
	row[0] = "row";
	for (size_t i = 0; i < s->n_by; i++)
		row[1 + i] = fleet_dim_name(s->by[i]);
	for (size_t i = 0; i < N_STATS; i++)
		row[1 + s->n_by + i] = stat_names[i];
	size_t n = 1 + s->n_by + N_STATS;
	csv_row(r->c->out, row, n);
	const struct fleet_group **sorted = fleet_groups_sorted(&s->groups);
	if (!sorted) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t g = 0; g <= s->groups.n; g++) {
		bool total = g == s->groups.n;
		row[0] = total ? "total" : "group";
		for (size_t i = 0; i < s->n_by; i++)
			row[1 + i] = total ? "" : sorted[g]->values[i];
		stat_cells(s, total ? &s->total : &sorted[g]->s, num);
		for (size_t i = 0; i < N_STATS; i++)
			row[1 + s->n_by + i] = num[i];
		csv_row(r->c->out, row, n);
	}
	free(sorted);
	return 0;
}
