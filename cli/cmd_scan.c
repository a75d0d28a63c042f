/* tppscan scan (and plain tppscan): find the accelerators on this host or
 * in a saved dump, identify them, assess them, render the records.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file.h"
#include "classify/assess.h"
#include "classify/identify.h"
#include "cli/cli.h"
#include "cli/scan_view.h"
#include "cli/source_options.h"
#include "probe/probe.h"
#include "probe/rom_read.h"

static const char usage[] =
	"Usage: tppscan [scan] [options]\n"
	"Find the GPUs and AI accelerators on this host (or in a saved dump), identify\n"
	"them by PCI ID, compute TPP and PD, and classify them under ECCN 3A090.\n"
	"Read-only: nothing is written to sysfs or devices unless --read-rom asks.\n"
	"\n"
	"Sources:\n"
	"  --dump FILE          read an lspci -x/-xxx/-xxxx dump instead of this host\n"
	"  --sysfs DIR          read sysfs from DIR instead of /sys (a saved or fixture tree);\n"
	"                       no live source is read with it (NVML only with --nvml-lib)\n"
	"  --procfs DIR         read procfs from DIR instead of /proc\n"
	"  --nvml-lib PATH      load NVML from PATH (default libnvidia-ml.so.1, or $TPPSCAN_NVML_LIBRARY)\n"
	"  --no-nvml            do not load NVML\n"
	"  --no-drm             do not open DRM render nodes\n"
	"  --rom-dir DIR        option ROM images named by slot (DIR/0000:01:00.0.rom) to cross-check\n"
	"  --read-rom           as root, read each device's ROM through the live sysfs (warns first)\n"
	"\n"
	"Fleet:\n"
	"  --format jsonl       one JSON object per device per line, then a host line\n"
	"  --prometheus FILE    also write a node_exporter textfile, atomically (- : standard output only)\n"
	"  --host-id ID         the host's id in reports (default /etc/machine-id, else the host name)\n"
	"  --site LABEL         a site label for reports (e.g. a data hall)\n"
	"  --country CC         the host's country, ISO 3166-1 alpha-2 (fleet summary --by country)\n"
	"\n"
	"Options:\n"
	CLI_LICENCE_USAGE
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json|csv|jsonl  output format (default text)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -e, --exit-status    exit 10/11 if 3A090.a/.b parts are present, 13 if undetermined\n"
	"  -v, --verbose        everything read, with its source, and the full evaluation\n"
	"  -h, --help           show this help\n";

enum { OPT_HOST_ID = 256, OPT_SITE, OPT_COUNTRY, OPT_PROMETHEUS };

struct scan_opts {
	struct source_opts src;
	struct scan_host host;
	const char *prometheus;   /* textfile path, "-" for standard output */
};

static bool known_cb(void *arg, uint16_t vendor, uint16_t device)
{
	return kb_is_known_pci(arg, vendor, device);
}

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct scan_opts *o = state;
	(void)c;
	(void)err;
	if (source_option(&o->src, opt, arg) == 0)
		return 0;
	switch (opt) {
	case OPT_HOST_ID:
		o->host.host_id_arg = arg;
		return 0;
	case OPT_SITE:
		o->host.site_arg = arg;
		return 0;
	case OPT_COUNTRY:
		o->host.country_arg = arg;
		return 0;
	case OPT_PROMETHEUS:
		o->prometheus = arg;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

/* Probe stage: the backends, then the option ROMs asked for. */
static int probe_stage(struct cli *c, struct scan_opts *o, struct probe_list *list, struct tpp_error *err)
{
	o->src.ctx.is_known = known_cb;
	o->src.ctx.is_known_arg = &c->kb;
	if (probe_run(&o->src.ctx, list, err))
		return -1;
	int rc = 0;
	if (o->src.rom_dir)
		rc = probe_read_rom_dir(o->src.rom_dir, list, err);
	if (!rc && o->src.read_rom) {
		fprintf(stderr, "tppscan: --read-rom: reading the option ROM of %zu device%s through sysfs "
			"(writes 1 to each rom file, reads it, writes 0 back)\n", list->n, list->n == 1 ? "" : "s");
		rc = probe_read_rom_sysfs(&o->src.ctx, list, err);
	}
	if (rc)
		probe_list_free(list);
	return rc;
}

/* The textfile: written whole, or not at all; "-" is standard output. */
static int write_prometheus(const struct scan_opts *o, const struct scan_report *r, struct cli *c,
			    struct tpp_error *err)
{
	if (!strcmp(o->prometheus, "-")) {
		if (r)
			scan_view_prometheus(c->out, r);
		return 0;
	}
	struct atomic_file af;
	if (atomic_file_open(&af, o->prometheus, err))
		return -1;
	if (r)
		scan_view_prometheus(af.f, r);
	else
		scan_view_prometheus_failed(af.f, c, &o->host);
	return atomic_file_commit(&af, err);
}

static int render(struct scan_report *r, const struct scan_opts *o, struct tpp_error *err)
{
	if (o->prometheus && write_prometheus(o, r, r->c, err))
		return -1;
	if (o->prometheus && !strcmp(o->prometheus, "-"))
		return 0;
	switch (r->c->format) {
	case FMT_JSON:
		return scan_view_json(r, err);
	case FMT_CSV:
		return scan_view_csv(r, err);
	case FMT_JSONL:
		return scan_view_jsonl(r, err);
	default:
		return scan_view_text(r, err);
	}
}

static int assess_and_render(struct cli *c, const struct scan_opts *o, struct probe_list *list,
			     struct scan_result *res, struct verdict *v, struct tpp_error *err)
{
	struct assessor as;
	if (cli_assessor(c, &as, err))
		return -1;
	struct scan_report r = { .c = c, .ctx = &o->src.ctx, .list = list, .n = res->n, .host = &o->host };
	r.records = calloc(res->n ? res->n : 1, sizeof(*r.records));
	int rc = r.records ? 0 : -1;
	if (rc)
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	for (size_t i = 0; !rc && i < res->n; i++) {
		rc = assess_device(&as, &res->items[i], &r.records[i], err);
		if (!rc && !r.records[i].display_only)
			cli_exit_add(c, v, &r.records[i]);
	}
	if (!rc)
		rc = render(&r, o, err);
	free(r.records);
	assessor_free(&as);
	return rc;
}

static int probe_and_render(struct cli *c, struct scan_opts *o, struct tpp_error *err)
{
	struct probe_list list;
	if (probe_stage(c, o, &list, err))
		return -1;
	struct scan_result res;
	if (identify_devices(&c->kb, &list, &res, err)) {
		probe_list_free(&list);
		return -1;
	}
	struct verdict v = { 0 };
	int rc = assess_and_render(c, o, &list, &res, &v, err);
	scan_result_free(&res);
	probe_list_free(&list);
	if (rc || cli_flush(c, err))
		return -1;
	return c->exit_status ? v.status : 0;
}

int cmd_scan(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		CLI_SOURCE_LONGOPTS,
		CLI_ROM_LONGOPTS,
		{ "host-id", required_argument, NULL, OPT_HOST_ID },
		{ "site", required_argument, NULL, OPT_SITE },
		{ "country", required_argument, NULL, OPT_COUNTRY },
		{ "prometheus", required_argument, NULL, OPT_PROMETHEUS },
		CLI_GLOBAL_LONGOPTS,
		CLI_LICENCE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct scan_opts o = { 0 };   /* NULL roots: the live /sys, /proc and /dev */
	c->format_jsonl_ok = true;
	int r = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (r)
		return r > 0 ? 0 : -1;
	if (optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan scan: unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	if (o.prometheus && !strcmp(o.prometheus, "-") && c->format != FMT_TEXT) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan scan: --prometheus - writes the textfile to standard output; "
			      "it cannot be combined with --format");
		return -1;
	}
	/* the host id and the clock are read only for an output that carries them */
	struct scan_host *h = &o.host;
	bool labels = c->format == FMT_JSONL || o.prometheus || h->host_id_arg || h->site_arg || h->country_arg;
	if (source_check("scan", &o.src, err) || cli_load(c, err) || (labels && scan_host_resolve(h, "scan", err)))
		return -1;
	int rc = probe_and_render(c, &o, err);
	if (rc < 0 && o.prometheus && strcmp(o.prometheus, "-") && err->status != TPP_EX_IOERR) {
		/* a failed scan says so to the alerting, and keeps its own error */
		struct tpp_error ignored = { 0 };
		write_prometheus(&o, NULL, c, &ignored);
	}
	return rc;
}
