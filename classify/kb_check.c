/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb_internal.h"

#include <math.h>
#include <string.h>

/* Everything the loader can compute from a row alone. */
void kb_compute_part(struct kb_part *p)
{
	struct tpp_figure figs[64];
	size_t n = 0;
	for (size_t i = 0; i < p->n_figures && n < 64; i++)
		figs[n++] = (struct tpp_figure){ p->figures[i].precision, p->figures[i].tops, p->figures[i].sparse,
			p->figures[i].unit };
	tpp_from_figures(figs, n, &p->tpp);

	struct tpp_die dies[32];
	size_t nd = 0;
	bool nonplanar_unknown = false;
	for (size_t i = 0; i < p->n_dies && nd < 32; i++) {
		const struct kb_die *d = &p->dies[i];
		/* A logic die whose process is unknown may count: its area is
		 * needed before PD can be known. */
		if (d->logic && d->nonplanar < 0)
			nonplanar_unknown = true;
		dies[nd++] = (struct tpp_die){ d->area_mm2.value, d->area_mm2.known, d->count, d->logic,
			d->nonplanar == 1 };
	}
	tpp_applicable_area(dies, nd, &p->area);
	if (nonplanar_unknown)
		p->area.known = false;
	p->pd_known = tpp_performance_density(p->tpp.tpp, p->tpp.known, &p->area, &p->pd);
	p->io_known = p->c2c_gbps.known && p->host_gbps.known;
	if (p->io_known)
		p->io_bidir_gbps = p->c2c_gbps.value + p->host_gbps.value;
}

bool kb_check_part_tpp(struct kb_file *f, const struct kb_part *p, const char *path)
{
	char tp[320];
	jv_key_path(tp, sizeof(tp), path, "tpp");
	if (p->tpp_declared.known != p->tpp.known) {
		jv_fail(&f->c, tp, p->tpp.known ? "is null but the throughput figures give TPP %.6g"
						: "is %.6g but there is no throughput figure to compute it from",
			p->tpp.known ? p->tpp.tpp : p->tpp_declared.value);
		return false;
	}
	if (p->tpp.known && fabs(p->tpp.tpp - p->tpp_declared.value) > TPP_TOLERANCE * p->tpp.tpp) {
		jv_fail(&f->c, tp, "declared %.6g, but the row's own figures give %.6g (%s x %d bits)",
			p->tpp_declared.value, p->tpp.tpp, tpp_precision_name(p->tpp.precision),
			tpp_precision_bits(p->tpp.precision));
		return false;
	}
	return true;
}

/* units x clock x architecture rate must reproduce each published figure the
 * architecture covers within 2 %, unless the row records a cap. */
/* A figure left unknown must say what was searched for it, so a reviewer
 * can redo the search rather than trust a blank. */
static bool check_unknowns_searched(struct tpp_error *err, const struct kb_part *p)
{
	const char *missing = !p->tpp.known && !p->no_compute ? "TPP"
			      : !p->area.known && !p->no_compute ? "the applicable die area" : NULL;
	if (!missing || (p->searched && *p->searched))
		return true;
	tpp_error_set(err, TPP_EX_DATAERR,
		      "%s: part %s: %s is unknown, so the row needs \"searched\": what was searched for it, and when",
		      p->vendor->file, p->id, missing);
	return false;
}

bool kb_check_part(struct tpp_error *err, const struct kb_part *p)
{
	if (!check_unknowns_searched(err, p))
		return false;
	if (!p->arch || !p->units.known || !p->clock_mhz.known)
		return true;
	for (int pr = 0; pr < PREC_COUNT; pr++) {
		if (!p->tpp.have[pr] || !p->arch->has_rate[pr] || p->tpp.unit_types[pr] != 1)
			continue;
		double predicted = tpp_tops_from_units(p->units.value, p->arch->rate[pr].value, p->clock_mhz.value);
		if (p->cap.kind == KB_CAP_RATE_FACTOR)
			predicted *= p->cap.factor;
		if (p->cap.kind == KB_CAP_THROUGHPUT_LIMIT && p->cap.has_limit[pr] && predicted > p->cap.limit_tops[pr])
			predicted = p->cap.limit_tops[pr];
		double published = p->tpp.dense_tops[pr];
		if (published > 0 && fabs(predicted - published) / published > ARCH_TOLERANCE) {
			tpp_error_set(err, TPP_EX_DATAERR,
				      "%s: part %s: %g %s x %g MHz x %g (%s, %s) = %.4g dense TOPS, but the row's %s figure is %.4g (off by %.1f%%); fix the figure, units or clock, or record a cap",
				      p->vendor->file, p->id, p->units.value, p->unit_kind ? p->unit_kind : "units",
				      p->clock_mhz.value, p->arch->rate[pr].value, p->arch->id, tpp_precision_name(pr),
				      predicted, tpp_precision_name(pr), published,
				      100 * fabs(predicted - published) / published);
			return false;
		}
	}
	return true;
}

bool kb_check_arch_rows(struct kb *kb, struct tpp_error *err)
{
	for (size_t a = 0; a < kb->n_archs; a++) {
		const struct kb_arch *arch = &kb->archs[a];
		for (size_t i = 0; i < arch->n_checks; i++) {
			const struct kb_arch_check *ck = &arch->checks[i];
			const struct kb_part *p = kb_find_id(kb, ck->part_id);
			const char *why = NULL;
			if (!p)
				why = "names no known part";
			else if (p->arch != arch)
				why = "names a part of another architecture";
			else if (!p->units.known || !p->clock_mhz.known)
				why = "names a part without units and clock";
			else if (!p->tpp.have[ck->precision])
				why = "names a part without a figure at that precision";
			if (why) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: architectures %s: check[%zu]: part '%s' %s",
					      arch->vendor->file, arch->id, i, ck->part_id, why);
				return false;
			}
		}
	}
	return true;
}

bool kb_check_uniqueness(struct kb *kb, struct tpp_error *err)
{
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *a = &kb->parts[i];
		const char *an[64];
		size_t na = 0;
		an[na++] = a->id;
		an[na++] = a->name;
		if (kb_short_name(a))
			an[na++] = kb_short_name(a);
		for (size_t k = 0; k < a->n_aliases && na < 64; k++)
			an[na++] = a->aliases[k];
		for (size_t j = i + 1; j < kb->n_parts; j++) {
			const struct kb_part *b = &kb->parts[j];
			if (strcmp(a->id, b->id) == 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: part id '%s' is also used in %s", b->vendor->file,
					      b->id, a->vendor->file);
				return false;
			}
			const char *bn[64];
			size_t nb = 0;
			bn[nb++] = b->id;
			bn[nb++] = b->name;
			if (kb_short_name(b))
				bn[nb++] = kb_short_name(b);
			for (size_t k = 0; k < b->n_aliases && nb < 64; k++)
				bn[nb++] = b->aliases[k];
			for (size_t x = 0; x < na; x++)
				for (size_t y = 0; y < nb; y++)
					if (kb_names_equal(an[x], bn[y])) {
						tpp_error_set(err, TPP_EX_DATAERR,
							      "%s: part %s: name or alias '%s' also names part %s (%s); every name must resolve to one part",
							      b->vendor->file, b->id, bn[y], a->id, a->vendor->file);
						return false;
					}
			for (size_t x = 0; x < a->n_pci; x++)
				for (size_t y = 0; y < b->n_pci; y++) {
					const struct kb_pci_key *ka = &a->pci[x], *kb2 = &b->pci[y];
					if (ka->vendor == kb2->vendor && ka->device == kb2->device &&
					    ka->has_subsys == kb2->has_subsys &&
					    (!ka->has_subsys || (ka->subsys_vendor == kb2->subsys_vendor &&
								 ka->subsys_device == kb2->subsys_device))) {
						tpp_error_set(err, TPP_EX_DATAERR,
							      "%s: part %s: PCI key %04x:%04x%s is also claimed by part %s",
							      b->vendor->file, b->id, ka->vendor, ka->device,
							      ka->has_subsys ? " (with the same subsystem)" : "", a->id);
						return false;
					}
				}
		}
	}
	return true;
}
