/* tppscan verify: the hardware found against its declaration, and the
 * evidence report (JSON contract, text, PDF) with its digests and an
 * optional Ed25519 signature. Exit 0: matches; 1: a mismatch; >= 64: error.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify/identify.h"
#include "classify/manifest.h"
#include "cli/chart.h"
#include "cli/report_seal.h"
#include "cli/verify_run.h"
#include "core/input.h"
#include "core/outfile.h"
#include "probe/pci_evidence.h"
#include "probe/probe.h"
#include "probe/rom_read.h"

static int load_declaration(struct verify_run *r, struct tpp_error *err)
{
	const struct verify_opts *o = r->o;
	if (o->manifest) {
		char *data;
		size_t len;
		if (input_read_file(NULL, o->manifest, "a declaration manifest", INPUT_NOT_EMPTY, MANIFEST_MAX_BYTES, &data,
				    &len, err))
			return -1;
		read_log_add(&r->log, "manifest", o->manifest, data, len, NULL);
		int rc = manifest_parse(&r->c->kb, o->manifest, data, len, &r->decl, err);
		free(data);
		return rc;
	}
	struct decl_line *l = declaration_add(&r->decl, err);
	if (!l || !(l->query = strdup(o->declared))) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	snprintf(l->origin, sizeof(l->origin), "--declared");
	if (o->qty) {
		char *end;
		unsigned long q = strtoul(o->qty, &end, 10);
		if (!*o->qty || *end || !isdigit((unsigned char)o->qty[0]) || q < 1 || q > DECL_MAX_QUANTITY) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan verify: --qty: '%s' is not a whole number from 1 to %d",
				      o->qty, DECL_MAX_QUANTITY);
			return -1;
		}
		l->quantity = q;
	}
	return decl_resolve(&r->c->kb, l, "tppscan verify: --declared", TPP_EX_USAGE, err);
}

static int load_key(struct verify_run *r, struct tpp_error *err)
{
	char *pem;
	size_t len;
	if (!r->o->sign)
		return 0;
	if (input_read_file(NULL, r->o->sign, "a PEM key", INPUT_NOT_EMPTY, 1u << 20, &pem, &len, err))
		return -1;
	int rc = sign_key_private(r->o->sign, pem, len, &r->key, err);
	free(pem);
	return rc;
}

static int test_identity(struct verify_run *r, struct tpp_error *err)
{
	const struct verify_opts *o = r->o;
	if (cli_now(r->c, r->now, &r->now_pinned, err))
		return -1;
	if (o->host) {
		r->host_from = "--host";
		snprintf(r->host, sizeof(r->host), "%s", o->host);
	} else if (!(r->host_from = cli_hostname(r->host, sizeof(r->host)))) {
		r->host_from = "gethostname";
		snprintf(r->host, sizeof(r->host), "unknown");
	}
	if (o->src.ctx.dump_file)
		snprintf(r->source, sizeof(r->source), "lspci dump %s", o->src.ctx.dump_file);
	else if (o->src.ctx.sysfs_root)
		snprintf(r->source, sizeof(r->source), "sysfs tree %s", o->src.ctx.sysfs_root);
	else
		snprintf(r->source, sizeof(r->source), "this host (/sys)");
	return 0;
}

static bool known_cb(void *arg, uint16_t vendor, uint16_t device)
{
	return kb_is_known_pci(arg, vendor, device);
}

/* Probe as scan does, recording every input file read. */
static int probe_stage(struct verify_run *r, struct tpp_error *err)
{
	struct verify_opts *o = r->o;
	o->src.ctx.is_known = known_cb;
	o->src.ctx.is_known_arg = &r->c->kb;
	o->src.ctx.read_log = &r->log;
	if (probe_run(&o->src.ctx, &r->list, err))
		return -1;
	r->have_list = true;
	probe_log_pci_identity(&o->src.ctx, &r->list);
	if (o->src.rom_dir && probe_read_rom_dir_log(o->src.rom_dir, &r->list, &r->log, err))
		return -1;
	if (o->src.read_rom) {
		fprintf(stderr, "tppscan: --read-rom: reading the option ROM of %zu device%s through sysfs "
			"(writes 1 to each rom file, reads it, writes 0 back)\n", r->list.n, r->list.n == 1 ? "" : "s");
		if (probe_read_rom_sysfs(&o->src.ctx, &r->list, err))
			return -1;
	}
	if (r->log.failed) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory recording the input files");
		return -1;
	}
	if (identify_devices(&r->c->kb, &r->list, &r->res, err))
		return -1;
	r->have_res = true;
	return 0;
}

/* One record per device found, per declared part, and per line's declared
 * figures (when the paperwork states any). */
static int assess_stage(struct verify_run *r, struct tpp_error *err)
{
	size_t nd = r->decl.n;
	if (cli_assessor(r->c, &r->as, err))
		return -1;
	r->have_as = true;
	r->found = calloc(r->res.n ? r->res.n : 1, sizeof(*r->found));
	r->declared = calloc(nd, sizeof(*r->declared));
	r->figures = calloc(nd, sizeof(*r->figures));
	if (!r->found || !r->declared || !r->figures) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->res.n; i++)
		if (assess_device(&r->as, &r->res.items[i], &r->found[i], err))
			return -1;
	for (size_t i = 0; i < nd; i++) {
		const struct decl_line *l = &r->decl.lines[i];
		if (assess_part(&r->as, NULL, l->part, &r->declared[i], err))
			return -1;
		if ((l->tpp_set || l->pd_set) && verify_assess_figures(&r->as, l, &r->figures[i], err))
			return -1;
	}
	struct verify_input in = { .decl = &r->decl, .declared = r->declared, .figures = r->figures,
		.found = r->found, .n_found = r->res.n, .source = r->source, .as = &r->as };
	if (verify_compare(&in, &r->vr, err))
		return -1;
	r->have_vr = true;
	return 0;
}

/* Every output file staged first, then all renamed into place. */
static int write_outputs(struct verify_run *r, struct tpp_error *err)
{
	struct outfile_set set = { 0 };
	int rc = 0;
	if (r->o->report) {
		size_t len;
		char *text = report_pretty(r->report, &len);
		if (!text) {
			tpp_error_set(err, TPP_EX_OSERR, "out of memory writing the report");
			rc = -1;
		} else {
			rc = outfile_stage(&set, r->o->report, text, len, err);
			free(text);
		}
	}
	if (!rc && r->o->pdf) {
		unsigned char *pdf = NULL;
		size_t len = 0;
		rc = verify_pdf(r, &pdf, &len, err) || outfile_stage(&set, r->o->pdf, pdf, len, err);
		free(pdf);
	}
	if (!rc)
		return outfile_commit(&set, err);
	outfile_abort(&set);
	return -1;
}

static int render_stdout(struct verify_run *r, struct tpp_error *err)
{
	if (r->c->format != FMT_JSON) {
		verify_text(r, r->c->out);
		return 0;
	}
	size_t len;
	char *text = report_pretty(r->report, &len);
	if (!text) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory writing the report");
		return -1;
	}
	fwrite(text, 1, len, r->c->out);
	free(text);
	return 0;
}

static void run_free(struct verify_run *r)
{
	json_decref(r->report);
	if (r->have_vr)
		verify_result_free(&r->vr);
	free(r->found);
	free(r->declared);
	free(r->figures);
	if (r->have_as)
		assessor_free(&r->as);
	if (r->have_res)
		scan_result_free(&r->res);
	if (r->have_list)
		probe_list_free(&r->list);
	read_log_free(&r->log);
	sign_key_free(r->key);
	declaration_free(&r->decl);
}

static int run(struct verify_run *r, struct tpp_error *err)
{
	if (verify_check_options(r->c, r->o, err) || cli_load(r->c, err) || load_declaration(r, err) || load_key(r, err) ||
	    test_identity(r, err) || probe_stage(r, err) || assess_stage(r, err))
		return -1;
	if (!(r->report = verify_report_json(r))) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building the report");
		return -1;
	}
	if (report_seal(r->report, r->key, err) || render_stdout(r, err) || write_outputs(r, err) || cli_flush(r->c, err))
		return -1;
	return verify_exit_status(&r->vr);
}

int cmd_verify(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "declared", required_argument, NULL, OPT_DECLARED },
		{ "qty", required_argument, NULL, OPT_QTY },
		{ "declared-file", required_argument, NULL, OPT_MANIFEST },
		CLI_SOURCE_LONGOPTS,
		CLI_ROM_LONGOPTS,
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "pdf", required_argument, NULL, OPT_PDF },
		{ "sign", required_argument, NULL, OPT_SIGN },
		{ "host", required_argument, NULL, OPT_HOST },
		CLI_LICENCE_LONGOPTS,
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct verify_opts o = { 0 };
	struct verify_run r = { .c = c, .o = &o };
	int rc = cli_options(c, argc, argv, longopts, verify_usage, verify_take, &o, err);
	if (rc)
		return rc > 0 ? 0 : -1;
	if (optind < argc) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan verify: unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	rc = run(&r, err);
	run_free(&r);
	if (o.pdf)
		chart_release_fonts();
	return rc;
}
