/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/design_args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int design_parse_knob(const char *opt, enum design_knob kind, const char *s, double *out, struct tpp_error *err)
{
	double v;
	if (!cli_parse_number(s, &v)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' is not a number", opt, s);
		return -1;
	}
	if (!(v > 0)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' must be greater than 0", opt, s);
		return -1;
	}
	if (v > design_knob_max(kind)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' is above %.0f, the largest value tppscan models",
			      opt, s, design_knob_max(kind));
		return -1;
	}
	if (design_knob_integer(kind) && v != floor(v)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' is not a whole number", opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

static void precision_list(char *buf, size_t n)
{
	buf[0] = '\0';
	for (int p = 0; p < PREC_COUNT; p++) {
		strncat(buf, p ? ", " : "", n - strlen(buf) - 1);
		strncat(buf, tpp_precision_name((enum tpp_precision)p), n - strlen(buf) - 1);
	}
}

/* "fp8/int8=296": every named precision gets the value. */
static int parse_assignment(const char *opt, enum design_knob kind, char *item, struct design_num out[PREC_COUNT],
			    struct tpp_error *err)
{
	char *eq = strchr(item, '=');
	if (!eq || eq == item) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' is not PRECISION=VALUE", opt, item);
		return -1;
	}
	*eq = '\0';
	double v;
	if (design_parse_knob(opt, kind, eq + 1, &v, err))
		return -1;
	char *save = NULL;
	bool any = false;
	for (char *name = strtok_r(item, "/", &save); name; name = strtok_r(NULL, "/", &save)) {
		enum tpp_precision p;
		if (!tpp_precision_parse(name, &p)) {
			char list[128];
			precision_list(list, sizeof(list));
			tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: '%s' is not a precision (%s)", opt, name, list);
			return -1;
		}
		out[p] = (struct design_num){ true, v, DSRC_GIVEN };
		any = true;
	}
	if (!any) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: no precision before '='", opt);
		return -1;
	}
	return 0;
}

int design_parse_precisions(const char *opt, enum design_knob kind, const char *s, struct design_num out[PREC_COUNT],
			    struct tpp_error *err)
{
	char *copy = strdup(s);
	if (!copy) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	int rc = 0;
	if (!*copy) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: %s: empty value", opt);
		rc = -1;
	}
	char *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item && !rc; item = strtok_r(NULL, ",", &save))
		rc = parse_assignment(opt, kind, item, out, err);
	free(copy);
	return rc;
}

int design_parse_dies(const char *s, struct design_req *req, struct tpp_error *err)
{
	static const char *const seps[] = { "\xc3\x97", "x", "X", "*" };   /* U+00D7 first */
	if (req->n_dies == DESIGN_MAX_DIES) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --dies: more than %d kinds of die", DESIGN_MAX_DIES);
		return -1;
	}
	struct design_die d = { .count = 1 };
	const char *area = s;
	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		const char *x = strstr(s, seps[i]);
		if (!x)
			continue;
		char count[32];
		size_t l = (size_t)(x - s);
		if (l == 0 || l >= sizeof(count)) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan design: --dies: '%s' is not N x MM2", s);
			return -1;
		}
		memcpy(count, s, l);
		count[l] = '\0';
		if (design_parse_knob("--dies (count)", KNOB_DIE_COUNT, count, &d.count, err))
			return -1;
		area = x + strlen(seps[i]);
		break;
	}
	if (design_parse_knob("--dies (area)", KNOB_DIE_AREA, area, &d.area_mm2, err))
		return -1;
	req->dies[req->n_dies++] = d;
	return 0;
}

static void override(struct design_num *dst, const struct design_num *src)
{
	if (src->known)
		*dst = *src;
}

void design_req_apply(const struct design_req *req, struct design_knobs *k)
{
	override(&k->units, &req->units);
	override(&k->clock_mhz, &req->clock_mhz);
	for (int p = 0; p < PREC_COUNT; p++) {
		override(&k->rate[p], &req->rate[p]);
		override(&k->cap[p], &req->cap[p]);
	}
	if (req->n_dies) {
		memcpy(k->dies, req->dies, req->n_dies * sizeof(req->dies[0]));
		k->n_dies = req->n_dies;
		k->dies_src = DSRC_GIVEN;
		k->area_why = NULL;
	}
	override(&k->io_bidir, &req->io_bidir);
	override(&k->dram_bw, &req->dram_bw);
	override(&k->hbm_mbd, &req->hbm_mbd);
	override(&k->transistors, &req->transistors);
	if (req->hbm_mbd.known)
		k->has_hbm = 1;   /* an HBM stack's density given: the design carries HBM */
	if (req->datacenter >= 0) {
		k->datacenter = req->datacenter;
		k->datacenter_src = DSRC_GIVEN;
		k->datacenter_evidence = NULL;
		k->evidence_src = DSRC_NONE;
	}
	if (req->marketing_note) {
		k->datacenter_evidence = req->marketing_note;
		k->evidence_src = DSRC_GIVEN;
	}
}
