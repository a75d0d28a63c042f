/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/part_inputs.h"

#include <math.h>
#include <string.h>

/* The largest die one exposure can print: the 26 mm x 33 mm full field of
 * 4x step-and-scan scanners (ASML TWINSCAN NXT/NXE). A monolithic die of
 * unknown area is at most this; a die stitched across fields (wafer-scale
 * engines) is not, and none is in the knowledge base. docs/methodology.md. */
#define RETICLE_MAX_MM2 858.0

static const char reticle_why[] = "reticle limit: each logic die of unknown area is at most 858 mm2 "
				  "(26 x 33 mm exposure field); die area unknown";
static const char bounds_why[] = "die area within the knowledge base's bounds";
static const char io_why[] = "at least the known link (chip-to-chip or host); the other is unknown";

/* TPP exact, or within the row's sound bounds; false when nothing is known. */
static bool tpp_range(const struct kb_part *p, double *lo, double *hi, const char **why)
{
	if (p->tpp.known || p->no_compute) {
		*lo = *hi = p->tpp.known ? p->tpp.tpp : 0;
		return true;
	}
	if (!p->bound_tpp_min.known && !p->bound_tpp_max.known)
		return false;
	*lo = p->bound_tpp_min.known ? p->bound_tpp_min.value : 0;
	*hi = p->bound_tpp_max.known ? p->bound_tpp_max.value : INFINITY;
	*why = p->bound_tpp_min.known ? p->bound_tpp_min.derived : p->bound_tpp_max.derived;
	if (!*why)
		*why = "the knowledge base's bounds";
	return true;
}

/* Bounds on the applicable die area: known dies count fully, a die of
 * unknown area at most the reticle (never on an unverified die count), a
 * die whose process is unknown may or may not count. */
static bool area_range(const struct kb_part *p, double *amin, double *amax, const char **why)
{
	int applicable = 0;
	bool reticle = false;
	*amin = *amax = 0;
	for (size_t i = 0; i < p->n_dies; i++) {
		const struct kb_die *d = &p->dies[i];
		if (!d->logic || d->nonplanar == 0)
			continue;
		applicable++;
		if (d->area_mm2.known) {
			*amax += d->area_mm2.value * d->count;
			*amin += d->nonplanar == 1 ? d->area_mm2.value * d->count : 0;
		} else if (d->count_unverified) {
			*amax = INFINITY;
		} else {
			*amax += RETICLE_MAX_MM2 * d->count;
			reticle = true;
		}
	}
	if (p->bound_area_min.known && p->bound_area_min.value > *amin)
		*amin = p->bound_area_min.value;
	if (p->bound_area_max.known && p->bound_area_max.value < *amax) {
		*amax = p->bound_area_max.value;
		reticle = false;
	}
	*why = reticle ? reticle_why : bounds_why;
	return applicable > 0 && (isfinite(*amax) || *amin > 0);
}

/* PD from what is known of TPP and area, when it is not known exactly. */
static void pd_range(const struct kb_part *p, struct class_input *in)
{
	double tlo, thi, amin, amax;
	const char *twhy = NULL, *awhy;
	if (!tpp_range(p, &tlo, &thi, &twhy))
		return;
	if (p->area.known && p->area.mm2 > 0) {
		amin = amax = p->area.mm2;
		awhy = twhy;
	} else if (!area_range(p, &amin, &amax, &awhy)) {
		return;
	}
	double lo, hi;
	tpp_performance_density_bounds(tlo, thi, amin, amax, &lo, &hi);
	if (lo > 0 || isfinite(hi))
		class_input_range(in, "pd", lo, hi, "bound", awhy);
}

void part_class_input(const struct kb_part *p, int ship_year, struct class_input *in)
{
	*in = (struct class_input){ .item_ic = true };
	double lo, hi;
	const char *why = NULL;
	if (p->tpp.known)
		class_input_number(in, "tpp", p->tpp.tpp, "datasheet");
	else if (p->no_compute)
		class_input_number(in, "tpp", 0, "datasheet (no compute engine)");
	else if (tpp_range(p, &lo, &hi, &why))
		class_input_range(in, "tpp", lo, hi, "bound", why);
	if (p->pd_known)
		class_input_number(in, "pd", p->pd, "datasheet");
	else
		pd_range(p, in);
	if (!p->tpp.known && !p->no_compute && p->area.known && p->area.mm2 > 0)
		in->pd_area_mm2 = p->area.mm2;
	if (p->datacenter >= 0)
		class_input_bool(in, "datacenter", p->datacenter == 1, "datasheet");
	if (p->io_known)
		class_input_number(in, "io_bidir_gbps", p->io_bidir_gbps, "datasheet");
	else if (p->c2c_gbps.known || p->host_gbps.known)
		class_input_range(in, "io_bidir_gbps", p->c2c_gbps.known ? p->c2c_gbps.value : p->host_gbps.value, INFINITY,
				  "bound", io_why);
	if (p->memory_bw_gbps.known)
		class_input_number(in, "dram_bw_gbps", p->memory_bw_gbps.value, "datasheet");
	if (p->transistors.known)
		class_input_number(in, "transistors", p->transistors.value, "datasheet");
	if (p->memory_type)
		class_input_bool(in, "has_hbm", strncmp(p->memory_type, "HBM", 3) == 0, "datasheet");
	class_input_number(in, "ship_year", ship_year, "as-of date");
}
