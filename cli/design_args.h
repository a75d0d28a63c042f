/* tppscan design: the knob options as typed, and their strict parsers
 * (fuzzed by tests/fuzz/fuzz_design_args.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DESIGN_ARGS_H
#define TPP_DESIGN_ARGS_H

#include "classify/design.h"
#include "core/error.h"

/* What the user gave; applied over the --arch or --like knobs. */
struct design_req {
	const char *arch_id, *like;
	struct design_num units, clock_mhz;
	struct design_num cap[PREC_COUNT], rate[PREC_COUNT];
	bool die_area_set;
	struct design_die dies[DESIGN_MAX_DIES];
	size_t n_dies;
	int datacenter;                /* -1 not given */
	struct design_num io_bidir, dram_bw, hbm_mbd, transistors;
	const char *marketing_note;
	bool all_rules, nac;
};

/* A knob value: a decimal number, finite, greater than 0, at most
 * design_knob_max; a whole number for whole knobs. `opt` names the option
 * in the message (64). */
int design_parse_knob(const char *opt, enum design_knob kind, const char *s, double *out, struct tpp_error *err);

/* "PREC[/PREC...]=VALUE[,...]": --cap (dense TOPS) and --rate (ops per
 * clock per unit), precision names without case: "fp8/int8=296,fp16=148". */
int design_parse_precisions(const char *opt, enum design_knob kind, const char *s, struct design_num out[PREC_COUNT],
			    struct tpp_error *err);

/* One --dies value: "NxMM2" (x, X, * or the multiplication sign) or "MM2"
 * for one die; appended to req->dies. */
int design_parse_dies(const char *s, struct design_req *req, struct tpp_error *err);

/* The request over the starting knobs: every given knob replaces the
 * architecture's or the part's; --die-area and --dies replace the dies. */
void design_req_apply(const struct design_req *req, struct design_knobs *k);

#endif
