/* tppscan plot: the TPP-PD chart of the rule set in force, with any set of
 * parts marked: the knowledge base (--all), named parts, or what a scan
 * finds (a dump, a saved sysfs tree, this host), coloured by vendor.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "classify/assess.h"
#include "classify/declaration.h"
#include "classify/identify.h"
#include "cli/chart.h"
#include "cli/render_device.h"
#include "cli/source_options.h"
#include "core/outfile.h"
#include "probe/probe.h"

static const char usage[] =
	"Usage: tppscan plot -o FILE.{svg,png,pdf} [QUERY... | --all | --dump FILE | --sysfs DIR] [options]\n"
	"Draw the TPP-PD plane of the rule set in force: the 3A090 regions between its\n"
	"thresholds (read from the rule set), on log axes, with parts marked and\n"
	"coloured by vendor. The format follows the file name's extension.\n"
	"\n"
	"Parts:\n"
	"  QUERY...             knowledge-base parts by name, alias, prefix or PCI ID\n"
	"  --all                every knowledge-base part with a known TPP and PD\n"
	"  --dump FILE          the devices of an lspci -x/-xxx/-xxxx dump\n"
	"  --sysfs DIR          the devices of a saved sysfs tree\n"
	"  --procfs DIR         procfs from DIR instead of /proc\n"
	"  --nvml-lib PATH      load NVML from PATH\n"
	"  --no-nvml            do not load NVML\n"
	"  --no-drm             do not open DRM render nodes\n"
	"                       (no part named: the devices of this host)\n"
	"Options:\n"
	"  -o, --output FILE    the chart to write (.svg, .png or .pdf), whole or not at all\n"
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -h, --help           show this help\n"
	"A PDF's creation date is the clock's, or $TPPSCAN_NOW (YYYY-MM-DDTHH:MM:SSZ).\n";

enum { OPT_ALL = 256, OPT_OUTPUT = 'o' };

#define LABEL_MAX_POINTS 24   /* names beside the markers up to this many points */

struct plot_opts {
	struct source_opts src;   /* no --rom-dir or --read-rom */
	bool all;
	const char *output;
	enum chart_format format;
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct plot_opts *o = state;
	(void)c;
	(void)err;
	if (source_option(&o->src, opt, arg) == 0)
		return 0;
	switch (opt) {
	case OPT_ALL:
		o->all = true;
		return 0;
	case OPT_OUTPUT:
		o->output = arg;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static bool add_part(struct chart_points *pts, const struct kb_part *p)
{
	struct chart_point pt = { .role = CHART_PART, .datacenter = p->datacenter, .group = p->vendor->name,
		.tpp = p->tpp.tpp, .pd = p->pd };
	snprintf(pt.label, sizeof(pt.label), "%s", p->name);
	return chart_points_add(pts, &pt, p->tpp.known, p->pd_known);
}

/* Each query's parts: every part a shared name or PCI ID answers. */
static int query_points(struct cli *c, char **q, int n, struct chart_points *pts, struct tpp_error *err)
{
	for (int i = 0; i < n; i++) {
		const struct kb_part *cand[64];
		size_t nc = 0;
		if (kb_looks_like_pci_query(q[i])) {
			struct kb_pci_key k;
			const struct kb_part *p = NULL;
			if (kb_parse_pci_query(q[i], &k))
				kb_match_pci(&c->kb, k.vendor, k.device, k.has_subsys, k.subsys_vendor, k.subsys_device, &p,
					     cand, 64, &nc);
			if (p && !nc)
				cand[nc++] = p;
		} else {
			kb_lookup_name(&c->kb, q[i], cand, 64, &nc);
		}
		if (!nc) {   /* the declaration resolver's message, with the nearest names */
			struct decl_line l = { .query = q[i] };
			decl_resolve(&c->kb, &l, "tppscan plot:", TPP_EX_USAGE, err);
			return -1;
		}
		for (size_t k = 0; k < nc && k < 64; k++)
			if (!add_part(pts, cand[k])) {
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				return -1;
			}
	}
	return 0;
}

static bool known_cb(void *arg, uint16_t vendor, uint16_t device)
{
	return kb_is_known_pci(arg, vendor, device);
}

/* The devices a scan finds, each as its report record gives TPP and PD. */
static int scan_points(struct cli *c, struct plot_opts *o, struct chart_points *pts, struct tpp_error *err)
{
	struct probe_list list;
	struct scan_result res;
	struct assessor as;
	o->src.ctx.is_known = known_cb;
	o->src.ctx.is_known_arg = &c->kb;
	if (source_check("plot", &o->src, err))
		return -1;
	if (probe_run(&o->src.ctx, &list, err))
		return -1;
	int rc = identify_devices(&c->kb, &list, &res, err);
	if (!rc && !(rc = assessor_init(&as, &c->kb, c->rs, c->as_of, err))) {
		for (size_t i = 0; !rc && i < res.n; i++) {
			struct assessment a;
			if ((rc = assess_device(&as, &res.items[i], &a, err)))
				break;
			struct chart_point pt = { .role = CHART_PART, .tpp = a.tpp.value, .pd = a.pd.value,
				.datacenter = a.part ? a.part->datacenter : -1,
				.group = a.part ? a.part->vendor->name : "not in the knowledge base" };
			snprintf(pt.label, sizeof(pt.label), "%s", record_name(&a));
			if (!chart_points_add(pts, &pt, a.tpp.known, a.pd.known)) {
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				rc = -1;
			}
		}
		assessor_free(&as);
	}
	scan_result_free(&res);   /* identify_devices initialises it first */
	probe_list_free(&list);
	return rc;
}

static int collect(struct cli *c, struct plot_opts *o, char **q, int nq, struct chart_points *pts,
		   struct tpp_error *err)
{
	if (o->all) {
		for (size_t i = 0; i < c->kb.n_parts; i++)
			if (!c->kb.parts[i].no_compute && !add_part(pts, &c->kb.parts[i])) {
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				return -1;
			}
		return 0;
	}
	return nq ? query_points(c, q, nq, pts, err) : scan_points(c, o, pts, err);
}

static void title(const struct cli *c, const struct plot_opts *o, int nq, char *buf, size_t n)
{
	char d[11];
	tpp_date_format(c->as_of, d);
	const char *what = o->all ? "every knowledge-base part" : nq ? "parts named" : o->src.ctx.dump_file ? o->src.ctx.dump_file
			 : o->src.ctx.sysfs_root ? o->src.ctx.sysfs_root : "this host";
	snprintf(buf, n, "TPP and PD, rule set %s (%s) on %s: %.80s", c->rs->id, c->rs->citation, d, what);
}

static int check(const struct plot_opts *o, int nq, struct tpp_error *err)
{
	int sources = (o->all != 0) + (nq > 0) + (o->src.ctx.dump_file != NULL) + (o->src.ctx.sysfs_root != NULL);
	if (!o->output)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan plot: name the chart to write with -o FILE.svg, .png or .pdf");
	else if (!chart_format_of(o->output, &(enum chart_format){ 0 }))
		tpp_error_set(err, TPP_EX_USAGE, "tppscan plot: -o %s: the name must end in .svg, .png or .pdf", o->output);
	else if (sources > 1)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan plot: give one of QUERY..., --all, --dump or --sysfs");
	else
		return outfile_check(o->output, "tppscan plot: -o", err);
	return -1;
}

static int draw_and_write(struct cli *c, const struct plot_opts *o, int nq, struct chart_points *pts,
			  struct tpp_error *err)
{
	struct chart_regions reg;
	char when[21];
	bool pinned;
	if (cli_now(c, when, &pinned, err) || chart_regions_build(c->rs, tpp_date_year(c->as_of), true, &reg, err))
		return -1;
	struct chart_spec spec = { .reg = &reg, .pts = pts, .labels = pts->n <= LABEL_MAX_POINTS };
	title(c, o, nq, spec.title, sizeof(spec.title));
	enum chart_format f = CHART_SVG;
	chart_format_of(o->output, &f);
	unsigned char *data = NULL;
	size_t len = 0;
	struct outfile_set set = { 0 };
	int rc = chart_render(&spec, f, when, &data, &len, err) || outfile_stage(&set, o->output, data, len, err) ||
		 outfile_commit(&set, err) ? -1 : 0;
	if (rc)
		outfile_abort(&set);
	free(data);
	chart_regions_free(&reg);
	if (!rc)
		fprintf(c->out, "%s: %zu part%s plotted, %zu not plotted (TPP or PD unknown or zero); rule set %s (%s)\n",
			o->output, pts->n, pts->n == 1 ? "" : "s", pts->n_unplotted, c->rs->id, c->rs->citation);
	return rc;
}

int cmd_plot(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "all", no_argument, NULL, OPT_ALL },
		CLI_SOURCE_LONGOPTS,
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct plot_opts o = { 0 };
	c->shortopts = "o:";
	int rc = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (rc)
		return rc > 0 ? 0 : -1;
	int nq = argc - optind;
	if (check(&o, nq, err) || cli_load(c, err))
		return -1;
	struct chart_points pts = { 0 };
	rc = collect(c, &o, argv + optind, nq, &pts, err) || draw_and_write(c, &o, nq, &pts, err) ? -1 : 0;
	chart_points_free(&pts);
	chart_release_fonts();
	return rc || cli_flush(c, err) ? -1 : 0;
}
