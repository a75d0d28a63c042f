/* tppscan verify, shared by its command file (options, the pipeline) and
 * its outputs (the JSON report, text, PDF); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_VERIFY_RUN_H
#define TPP_CLI_VERIFY_RUN_H

#include <jansson.h>

#include "classify/assess.h"
#include "classify/declaration.h"
#include "classify/verify.h"
#include "cli/cli.h"
#include "cli/source_options.h"
#include "core/readlog.h"
#include "core/sign.h"
#include "probe/device.h"

struct verify_opts {
	struct source_opts src;
	const char *declared, *qty, *manifest;
	const char *report, *pdf, *sign;
	const char *host;
};

struct verify_run {
	struct cli *c;
	struct verify_opts *o;
	struct declaration decl;
	struct sign_key *key;
	struct read_log log;
	char now[21];
	bool now_pinned;
	char host[256];
	const char *host_from;        /* "--host", "TPPSCAN_HOSTNAME" or "gethostname" */
	char source[400];             /* "lspci dump FILE", "sysfs tree DIR", "this host" */
	struct probe_list list;
	bool have_list;
	struct scan_result res;
	bool have_res;
	struct assessor as;
	bool have_as;
	struct assessment *found;     /* res.n records */
	struct assessment *declared;  /* decl.n records */
	struct assessment *figures;   /* decl.n records; cl NULL where no figures were declared */
	struct verify_result vr;
	bool have_vr;
	json_t *report;               /* the sealed report */
};

enum verify_opt { OPT_DECLARED = 256, OPT_QTY, OPT_MANIFEST, OPT_REPORT, OPT_PDF, OPT_SIGN, OPT_HOST };

/* Options (verify_options.c): the usage, one option taken, the checks made
 * before anything is read. */
extern const char verify_usage[];
int verify_take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err);
int verify_check_options(struct cli *c, struct verify_opts *o, struct tpp_error *err);

/* The evidence report (the JSON contract) of a finished comparison. */
json_t *verify_report_json(struct verify_run *r);
/* Text for people on stdout. */
void verify_text(const struct verify_run *r, FILE *f);
/* Where the host name came from, in words: "--host", "TPPSCAN_HOSTNAME" or "this host's name". */
const char *verify_host_from_text(const struct verify_run *r);
/* The PDF, malloc()ed in *data. */
int verify_pdf(const struct verify_run *r, unsigned char **data, size_t *len, struct tpp_error *err);

#endif
