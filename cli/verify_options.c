/* tppscan verify's options: the usage text, each option taken, and every
 * combination refused before anything is read.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include <sys/stat.h>

#include "cli/verify_run.h"
#include "core/outfile.h"

const char verify_usage[] =
	"Usage: tppscan verify --declared PART [--qty N] [source] [options]\n"
	"       tppscan verify --declared-file MANIFEST [source] [options]\n"
	"Check the hardware against its declaration: identity, quantity, units and\n"
	"clocks, firmware, serials and the classification of declared and found parts.\n"
	"Exit 0 when it matches, 1 when any finding is a mismatch, 64 or more on error.\n"
	"\n"
	"Declaration:\n"
	"  --declared PART      a knowledge-base part: name, alias, unique prefix or PCI ID\n"
	"  --qty N              how many were declared (default 1)\n"
	"  --declared-file FILE a JSON or CSV manifest: part, quantity, serials, tpp, pd\n"
	"Sources (as for scan; default this host):\n"
	"  --dump FILE          an lspci -x/-xxx/-xxxx dump\n"
	"  --sysfs DIR          a saved or fixture sysfs tree (no live source with it)\n"
	"  --procfs DIR         procfs from DIR instead of /proc\n"
	"  --nvml-lib PATH      load NVML from PATH\n"
	"  --no-nvml            do not load NVML\n"
	"  --no-drm             do not open DRM render nodes\n"
	"  --rom-dir DIR        option ROM images named by slot to cross-check\n"
	"  --read-rom           as root, read each device's ROM through the live sysfs\n"
	"Report:\n"
	"  --report FILE        write the evidence report (JSON) to FILE\n"
	"  --pdf FILE           write the report as a PDF, with the TPP-PD chart\n"
	"  --sign KEY           sign the report with this Ed25519 private key (PEM)\n"
	"  --host NAME          name of the system under test (default: this host's name)\n"
	"Shipment (the licence answer of declared and found parts; a different answer\n"
	"is a mismatch):\n"
	CLI_LICENCE_USAGE
	"Options:\n"
	"  --as-of YYYY-MM-DD   use the rule set in force on that date (default: today)\n"
	"  --rules ID           use this rule set (see tppscan thresholds)\n"
	"  --format text|json   what stdout shows: the text summary or the JSON report\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -v, --verbose        every input file with its SHA-256 in the text\n"
	"  -h, --help           show this help\n"
	"Files are written whole or not at all. The time of the test is the clock's,\n"
	"or $TPPSCAN_NOW (YYYY-MM-DDTHH:MM:SSZ). Check a report: tppscan verify-report.\n";

int verify_take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct verify_opts *o = state;
	(void)c;
	(void)err;
	if (source_option(&o->src, opt, arg) == 0)
		return 0;
	switch (opt) {
	case OPT_DECLARED:
		o->declared = arg;
		return 0;
	case OPT_QTY:
		o->qty = arg;
		return 0;
	case OPT_MANIFEST:
		o->manifest = arg;
		return 0;
	case OPT_REPORT:
		o->report = arg;
		return 0;
	case OPT_PDF:
		o->pdf = arg;
		return 0;
	case OPT_SIGN:
		o->sign = arg;
		return 0;
	case OPT_HOST:
		o->host = arg;
		return 0;
	}
	return CLI_TAKE_UNKNOWN;
}

static int usage_error(struct tpp_error *err, const char *msg)
{
	tpp_error_set(err, TPP_EX_USAGE, "tppscan verify: %s", msg);
	return -1;
}

/* Two names for one file (an output over an input, or both outputs). */
static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	if (!a || !b)
		return false;
	if (!strcmp(a, b))
		return true;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int check_outputs(const struct verify_opts *o, struct tpp_error *err)
{
	const char *outs[] = { o->report, o->pdf };
	const char *ins[] = { o->src.ctx.dump_file, o->manifest, o->sign, o->src.ctx.nvml_library };
	if (same_file(o->report, o->pdf))
		return usage_error(err, "--report and --pdf name the same file");
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; outs[i] && k < sizeof(ins) / sizeof(ins[0]); k++)
			if (same_file(outs[i], ins[k])) {
				tpp_error_set(err, TPP_EX_USAGE, "tppscan verify: %s %s is also an input; not overwritten",
					      i ? "--pdf" : "--report", outs[i]);
				return -1;
			}
	if ((o->report && outfile_check(o->report, "tppscan verify: --report", err)) ||
	    (o->pdf && outfile_check(o->pdf, "tppscan verify: --pdf", err)))
		return -1;
	return 0;
}

/* Everything that can be refused is refused before anything is read. */
int verify_check_options(struct cli *c, struct verify_opts *o, struct tpp_error *err)
{
	if (!o->declared == !o->manifest)
		return usage_error(err, o->declared ? "give --declared or --declared-file, not both"
					: "nothing declared: give --declared PART [--qty N] or --declared-file FILE");
	if (o->qty && !o->declared)
		return usage_error(err, "--qty goes with --declared (a manifest states its quantities)");
	if (source_check(c->cmd, &o->src, err))
		return -1;
	if (o->sign && !o->report && c->format != FMT_JSON)
		return usage_error(err, "--sign signs the JSON report: give --report FILE or --format json");
	if (o->host && (!*o->host || strlen(o->host) > 255 || strpbrk(o->host, "\n\r\t")))
		return usage_error(err, "--host: give a name of 1 to 255 characters on one line");
	return check_outputs(o, err);
}
