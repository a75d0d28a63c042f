/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/design.h"

#include <math.h>
#include <string.h>

const char *design_source_name(enum design_source s)
{
	static const char *const n[] = { [DSRC_NONE] = NULL, [DSRC_GIVEN] = "given", [DSRC_LIKE] = "like",
		[DSRC_ARCH] = "architecture", [DSRC_DERIVED] = "part_figure" };
	return n[s];
}

const char *design_limit_name(enum design_limit l)
{
	static const char *const n[] = { [LIMIT_RATE] = "rate", [LIMIT_FACTOR] = "cap_factor", [LIMIT_CAP] = "cap" };
	return n[l];
}

/* The dense throughput of one precision: the rate, then the factor, then
 * the cap, whichever is lowest. */
static double precision_tops(const struct design_knobs *k, int p, double uncapped, enum design_limit *limit)
{
	double v = uncapped;
	*limit = LIMIT_RATE;
	if (k->factor.known && k->factor.v * uncapped < v) {
		v = k->factor.v * uncapped;
		*limit = LIMIT_FACTOR;
	}
	if (k->cap[p].known && k->cap[p].v < v) {
		v = k->cap[p].v;
		*limit = LIMIT_CAP;
	}
	return v;
}

static void design_area(const struct design_knobs *k, struct tpp_area *area)
{
	struct tpp_die dies[DESIGN_MAX_DIES];
	size_t n = k->n_dies < DESIGN_MAX_DIES ? k->n_dies : DESIGN_MAX_DIES;
	/* counts are whole numbers within int (design_knob_max) */
	for (size_t i = 0; i < n; i++)
		dies[i] = (struct tpp_die){ .area_mm2 = k->dies[i].area_mm2, .area_known = true,
			.count = (int)k->dies[i].count, .logic = true, .nonplanar = true };
	tpp_applicable_area(dies, n, area);
}

int design_compute(const struct design_knobs *k, struct design_metrics *m, struct tpp_error *err)
{
	*m = (struct design_metrics){ 0 };
	struct tpp_figure f[PREC_COUNT];
	size_t n = 0;
	for (int p = 0; p < PREC_COUNT; p++) {
		if (!k->rate[p].known)
			continue;
		m->uncapped_tops[p] = tpp_tops_from_units(k->units.v, k->rate[p].v, k->clock_mhz.v);
		m->tops[p] = precision_tops(k, p, m->uncapped_tops[p], &m->limit[p]);
		f[n++] = (struct tpp_figure){ .precision = (enum tpp_precision)p, .tops = m->tops[p] };
	}
	if (!n) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan design: no precision has a rate");
		return -1;
	}
	if (!tpp_from_figures(f, n, &m->tpp) || !m->tpp.known || !isfinite(m->tpp.tpp)) {
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan design: TPP = units x rate x clock x bit length is not a finite number");
		return -1;
	}
	design_area(k, &m->area);
	m->pd_known = tpp_performance_density(m->tpp.tpp, true, &m->area, &m->pd);
	return 0;
}

static const char *input_source(enum design_source s)
{
	return s == DSRC_LIKE ? "datasheet" : s == DSRC_GIVEN ? "declared" : "derived";
}

static void add_num(struct class_input *in, const char *name, const struct design_num *n)
{
	if (n->known)
		class_input_number(in, name, n->v, input_source(n->src));
}

void design_ic_input(const struct design_knobs *k, const struct design_metrics *m, int ship_year,
		     struct class_input *in)
{
	*in = (struct class_input){ .item_ic = true };
	class_input_number(in, "tpp", m->tpp.tpp, "derived");
	if (m->pd_known)
		class_input_number(in, "pd", m->pd, "derived");
	if (k->datacenter >= 0)
		class_input_bool(in, "datacenter", k->datacenter == 1, input_source(k->datacenter_src));
	add_num(in, "io_bidir_gbps", &k->io_bidir);
	add_num(in, "dram_bw_gbps", &k->dram_bw);
	add_num(in, "transistors", &k->transistors);
	if (k->has_hbm >= 0)
		class_input_bool(in, "has_hbm", k->has_hbm == 1, "derived");
	class_input_number(in, "ship_year", ship_year, "as-of date");
}

bool design_hbm_input(const struct design_knobs *k, int ship_year, struct class_input *in)
{
	*in = (struct class_input){ .item_hbm = true };
	if (!k->hbm_mbd.known)
		return false;
	add_num(in, "hbm_mbd", &k->hbm_mbd);
	class_input_number(in, "ship_year", ship_year, "as-of date");
	return true;
}

/* --- knobs as a list ---------------------------------------------------------- */

const char *design_knob_name(enum design_knob k)
{
	static const char *const n[] = { [KNOB_UNITS] = "units", [KNOB_CLOCK] = "clock_mhz", [KNOB_RATE] = "rate",
		[KNOB_CAP] = "cap", [KNOB_FACTOR] = "cap_factor", [KNOB_DIE_AREA] = "die_area_mm2",
		[KNOB_DIE_COUNT] = "die_count", [KNOB_IO] = "io_bidir_gbps", [KNOB_DRAM] = "dram_bw_gbps",
		[KNOB_HBM_MBD] = "hbm_mbd", [KNOB_TRANSISTORS] = "transistors" };
	return n[k];
}

const char *design_knob_unit(const struct design_knobs *k, struct design_knob_ref r)
{
	switch (r.kind) {
	case KNOB_UNITS: return k->unit ? k->unit : "units";
	case KNOB_CLOCK: return "MHz";
	case KNOB_RATE: return "ops/clk";
	case KNOB_CAP: return "TOPS";
	case KNOB_FACTOR: return "x rate";
	case KNOB_DIE_AREA: return "mm2";
	case KNOB_DIE_COUNT: return "dies";
	case KNOB_IO:
	case KNOB_DRAM: return "GB/s";
	case KNOB_HBM_MBD: return "GB/s/mm2";
	case KNOB_TRANSISTORS: return "transistors";
	}
	return "";
}

bool design_knob_integer(enum design_knob k)
{
	return k == KNOB_UNITS || k == KNOB_DIE_COUNT;
}

double design_knob_max(enum design_knob k)
{
	/* die counts of every kind are summed as int by tpp_applicable_area */
	return k == KNOB_DIE_COUNT ? 1e6 : 1e15;
}

bool design_knob_verifiable(enum design_knob k)
{
	return k != KNOB_CAP && k != KNOB_FACTOR;
}

size_t design_knob_list(const struct design_knobs *k, struct design_knob_ref *out, size_t max)
{
	size_t n = 0;
#define ADD(kind_, index_) do { if (n < max) out[n++] = (struct design_knob_ref){ kind_, index_ }; } while (0)
	ADD(KNOB_UNITS, 0);
	ADD(KNOB_CLOCK, 0);
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known)
			ADD(KNOB_RATE, p);
	for (int p = 0; p < PREC_COUNT; p++)
		if (k->rate[p].known && k->cap[p].known)
			ADD(KNOB_CAP, p);
	if (k->factor.known)
		ADD(KNOB_FACTOR, 0);
	for (size_t i = 0; i < k->n_dies && i < DESIGN_MAX_DIES; i++) {
		ADD(KNOB_DIE_AREA, (int)i);
		ADD(KNOB_DIE_COUNT, (int)i);
	}
	if (k->io_bidir.known)
		ADD(KNOB_IO, 0);
	if (k->dram_bw.known)
		ADD(KNOB_DRAM, 0);
	if (k->hbm_mbd.known)
		ADD(KNOB_HBM_MBD, 0);
	if (k->transistors.known)
		ADD(KNOB_TRANSISTORS, 0);
#undef ADD
	return n;
}

static double *knob_slot(struct design_knobs *k, struct design_knob_ref r)
{
	switch (r.kind) {
	case KNOB_UNITS: return &k->units.v;
	case KNOB_CLOCK: return &k->clock_mhz.v;
	case KNOB_RATE: return &k->rate[r.index].v;
	case KNOB_CAP: return &k->cap[r.index].v;
	case KNOB_FACTOR: return &k->factor.v;
	case KNOB_DIE_AREA: return &k->dies[r.index].area_mm2;
	case KNOB_DIE_COUNT: return &k->dies[r.index].count;
	case KNOB_IO: return &k->io_bidir.v;
	case KNOB_DRAM: return &k->dram_bw.v;
	case KNOB_HBM_MBD: return &k->hbm_mbd.v;
	case KNOB_TRANSISTORS: return &k->transistors.v;
	}
	return NULL;
}

double design_knob_get(const struct design_knobs *k, struct design_knob_ref r)
{
	return *knob_slot((struct design_knobs *)k, r);
}

void design_knob_set(struct design_knobs *k, struct design_knob_ref r, double v)
{
	*knob_slot(k, r) = v;
}

bool design_knob_feeds(struct design_knob_ref r, const char *param)
{
	switch (r.kind) {
	case KNOB_UNITS:
	case KNOB_CLOCK:
	case KNOB_RATE:
	case KNOB_CAP:
	case KNOB_FACTOR:
		return !strcmp(param, "tpp") || !strcmp(param, "pd");
	case KNOB_DIE_AREA:
	case KNOB_DIE_COUNT:
		return !strcmp(param, "pd");
	case KNOB_IO: return !strcmp(param, "io_bidir_gbps");
	case KNOB_DRAM: return !strcmp(param, "dram_bw_gbps");
	case KNOB_HBM_MBD: return !strcmp(param, "hbm_mbd");
	case KNOB_TRANSISTORS: return !strcmp(param, "transistors");
	}
	return false;
}

bool design_param_value(const struct design_knobs *k, const struct design_metrics *m, const char *param,
			double *v)
{
	const struct design_num *n = NULL;
	if (!strcmp(param, "tpp")) {
		*v = m->tpp.tpp;
		return m->tpp.known;
	}
	if (!strcmp(param, "pd")) {
		*v = m->pd;
		return m->pd_known;
	}
	if (!strcmp(param, "io_bidir_gbps"))
		n = &k->io_bidir;
	else if (!strcmp(param, "dram_bw_gbps"))
		n = &k->dram_bw;
	else if (!strcmp(param, "hbm_mbd"))
		n = &k->hbm_mbd;
	else if (!strcmp(param, "transistors"))
		n = &k->transistors;
	if (!n || !n->known)
		return false;
	*v = n->v;
	return true;
}

bool design_param_knob(const char *param, struct design_knob_ref *r)
{
	static const enum design_knob identity[] = { KNOB_IO, KNOB_DRAM, KNOB_HBM_MBD, KNOB_TRANSISTORS };
	for (size_t i = 0; i < sizeof(identity) / sizeof(identity[0]); i++)
		if (!strcmp(design_knob_name(identity[i]), param)) {
			*r = (struct design_knob_ref){ identity[i], 0 };
			return true;
		}
	return false;
}
