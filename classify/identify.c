/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/identify.h"
#include "classify/rom_check.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct kb_arch *identify_arch_from_string(const struct kb *kb, const char *s, const char **basis)
{
	return kb_arch_from_probe_name(kb, s, basis);
}

/* --- names the firmware or driver reports ------------------------------- */

#define MAX_TOKENS 16

static size_t tokenize(const char *s, char tok[MAX_TOKENS][24])
{
	size_t n = 0;
	while (*s && n < MAX_TOKENS) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		size_t l = 0;
		while (isalnum((unsigned char)*s)) {
			if (l < 23)
				tok[n][l++] = (char)toupper((unsigned char)*s);
			s++;
		}
		if (l) {
			tok[n][l] = '\0';
			n++;
		}
	}
	return n;
}

/* How many tokens of `name` the product string has, if it has all of them
 * (in any order); 0 otherwise. */
static size_t name_score(char prod[MAX_TOKENS][24], size_t np, const char *name)
{
	char tok[MAX_TOKENS][24];
	size_t n = tokenize(name, tok);
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t k = 0; k < np && !found; k++)
			found = strcmp(tok[i], prod[k]) == 0;
		if (!found)
			return 0;
	}
	return n;
}

static size_t part_score(char prod[MAX_TOKENS][24], size_t np, const struct kb_part *p)
{
	size_t best = name_score(prod, np, p->name);
	for (size_t i = 0; i < p->n_aliases; i++) {
		size_t s = name_score(prod, np, p->aliases[i]);
		if (s > best)
			best = s;
	}
	return best;
}

/* A product name that fits another part better than the one the PCI ID
 * names: a relabelled card, cross-flashed firmware, or a driver string
 * worth a second look. Used only to warn, never to identify. */
static void check_product_name(const struct kb *kb, struct scan_item *it, const struct probe_device *d)
{
	if (!it->part || !d->product_name.value)
		return;
	char prod[MAX_TOKENS][24];
	size_t np = tokenize(d->product_name.value, prod);
	size_t own = part_score(prod, np, it->part), best = 0;
	const struct kb_part *other = NULL;
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *p = &kb->parts[i];
		if (p == it->part || p->vendor != it->part->vendor)
			continue;
		size_t s = part_score(prod, np, p);
		if (s > best) {
			best = s;
			other = p;
		}
	}
	if (other && best > own)
		scan_warn(it, "name-mismatch",
			  "%s reports the name \"%s\", which fits %s (%s), but the PCI ID %04x:%04x is %s",
			  d->product_name.source ? d->product_name.source : "the driver", d->product_name.value,
			  other->name, other->id, d->vendor_id, d->device_id, it->part->name);
}

/* --- probed TPP ------------------------------------------------------------ */

/* The clock a probe can compare with a datasheet: NVIDIA's customer boost
 * clock when known (the max SM clock is a table limit above it), otherwise
 * the highest engine clock the driver reports. */
static bool probe_clock(const struct probe_device *d, double *mhz, const char **kind, const char **source)
{
	if (d->boost_clock_mhz.valid) {
		*mhz = d->boost_clock_mhz.value;
		*kind = "boost clock";
		*source = d->boost_clock_mhz.source;
		return true;
	}
	if (d->max_clock_mhz.valid) {
		*mhz = d->max_clock_mhz.value;
		*kind = "max clock";
		*source = d->max_clock_mhz.source;
		return true;
	}
	return false;
}

static void compute_probed(const struct kb *kb, struct scan_item *it)
{
	struct probed_tpp *pt = &it->probed;
	*pt = (struct probed_tpp){ 0 };
	const struct probe_device *d0 = it->dev[0];
	if (it->part && it->part->arch) {
		pt->arch = it->part->arch;
		pt->arch_basis = "knowledge base";
	} else {
		pt->arch = identify_arch_from_string(kb, d0->architecture.value, &pt->arch_basis);
	}
	if (!pt->arch) {
		pt->why_unknown = d0->architecture.value ? "the architecture the driver reports does not fix a per-unit rate"
							  : "no architecture known for this device";
		return;
	}
	for (size_t i = 0; i < it->n_dev; i++) {
		const struct probe_device *d = it->dev[i];
		double mhz, units;
		const char *kind, *src;
		if (d->units.valid) {
			units = d->units.value;
			pt->units_source = d->units.source;
		} else if (d->cores.valid && pt->arch->cores_per_unit.known && pt->arch->cores_per_unit.value > 0) {
			/* NVML counts CUDA cores; the architecture says how many per SM */
			units = d->cores.value / pt->arch->cores_per_unit.value;
			pt->units_source = "cores / cores per unit (nvml, knowledge base)";
		} else {
			pt->why_unknown = "the unit count could not be read";
			return;
		}
		if (!probe_clock(d, &mhz, &kind, &src)) {
			pt->why_unknown = "no clock could be read";
			return;
		}
		pt->units += units;
		if (mhz > pt->clock_mhz) {
			pt->clock_mhz = mhz;
			pt->clock_kind = kind;
			pt->clock_source = src;
		}
	}
	const struct kb_part *p = it->part;
	pt->known = false;
	for (int pr = 0; pr < PREC_COUNT; pr++) {
		if (!pt->arch->has_rate[pr])
			continue;
		double tops = tpp_tops_from_units(pt->units, pt->arch->rate[pr].value, pt->clock_mhz);
		bool capped = false;
		if (p && p->cap.kind == KB_CAP_RATE_FACTOR) {
			tops *= p->cap.factor;
			capped = true;
		}
		if (p && p->cap.kind == KB_CAP_THROUGHPUT_LIMIT && p->cap.has_limit[pr] && tops > p->cap.limit_tops[pr]) {
			tops = p->cap.limit_tops[pr];
			capped = true;
		}
		pt->have[pr] = true;
		pt->per_precision[pr] = tops * tpp_precision_bits(pr);
		if (!pt->known || pt->per_precision[pr] > pt->tpp) {
			pt->known = true;
			pt->tpp = pt->per_precision[pr];
			pt->precision = (enum tpp_precision)pr;
			pt->tops = tops;
			pt->rate = pt->arch->rate[pr].value;
			pt->capped = capped;   /* whether the cap set the reported precision */
		}
	}
	if (!pt->known)
		pt->why_unknown = "the architecture has no rates";
}

/* --- discrepancies against the datasheet --------------------------------- */

static void check_against_datasheet(struct scan_item *it)
{
	const struct kb_part *p = it->part;
	if (!p)
		return;
	int functions = p->package_functions > 1 ? p->package_functions : 1;
	for (size_t i = 0; i < it->n_dev; i++) {
		const struct probe_device *d = it->dev[i];
		/* name the function only when the package has several */
		char where[32] = "";
		if (it->n_dev > 1)
			snprintf(where, sizeof(where), "%s: ", d->slot);
		double units = d->units.valid ? d->units.value : -1;
		const char *usrc = d->units.source;
		if (!d->units.valid && d->cores.valid && p->arch && p->arch->cores_per_unit.known) {
			units = d->cores.value / p->arch->cores_per_unit.value;
			usrc = "cores / cores per unit";
		}
		if (p->units.known && units >= 0 && units > p->units.value / functions + 1e-9)
			scan_warn(it, "units-above-datasheet", "%s%g %s read (%s), the datasheet has %g%s", where, units,
				  p->unit_kind ? p->unit_kind : "units", usrc, p->units.value / functions,
				  functions > 1 ? " per function" : "");
		double mhz;
		const char *kind, *src;
		const struct kb_qty *limit = p->max_clock_mhz.known ? &p->max_clock_mhz : &p->clock_mhz;
		if (limit->known && probe_clock(d, &mhz, &kind, &src) && mhz > limit->value + 0.5)
			scan_warn(it, "clock-above-datasheet", "%s%s %g MHz (%s) is above the datasheet's %g MHz (%+.1f%%)",
				  where, kind, mhz, src, limit->value, 100 * (mhz / limit->value - 1));
	}
}

/* --- grouping and matching ------------------------------------------------- */

static int cmp_items_by_slot(const void *a, const void *b)
{
	const struct scan_item *x = a, *y = b;
	return strcmp(x->dev[0]->slot, y->dev[0]->slot);
}

/* Match one function against the KB; an ambiguous match takes the
 * highest-rated candidate and says so. */
static void match_function(const struct kb *kb, struct probe_device *d, struct scan_item *it)
{
	it->dev[0] = d;
	it->n_dev = 1;
	size_t nc = 0;
	const struct kb_part *cand[SCAN_MAX_CANDIDATES];
	it->match = kb_match_pci(kb, d->vendor_id, d->device_id, d->has_subsys, d->subsys_vendor_id,
				 d->subsys_id, &it->part, cand, SCAN_MAX_CANDIDATES, &nc);
	if (it->match != KB_MATCH_AMBIGUOUS)
		return;
	it->n_candidates = nc < SCAN_MAX_CANDIDATES ? nc : SCAN_MAX_CANDIDATES;
	memcpy(it->candidates, cand, it->n_candidates * sizeof(*cand));
	/* the conservative choice: never under-rate an unidentified card */
	it->part = kb_highest_rated(it->candidates, it->n_candidates);
	char names[240] = "";
	for (size_t k = 0; k < it->n_candidates; k++) {
		strncat(names, k ? ", " : "", sizeof(names) - strlen(names) - 1);
		strncat(names, it->candidates[k]->id, sizeof(names) - strlen(names) - 1);
	}
	if (d->has_subsys)
		scan_warn(it, "ambiguous-match",
			  "%04x:%04x with subsystem %04x:%04x matches none of the subsystem IDs of %s; classified as the highest-rated, %s",
			  d->vendor_id, d->device_id, d->subsys_vendor_id, d->subsys_id, names, it->part->id);
	else
		scan_warn(it, "ambiguous-match",
			  "%04x:%04x is shared by %s and the subsystem ID could not be read; classified as the highest-rated, %s",
			  d->vendor_id, d->device_id, names, it->part->id);
}

/* Group the functions of multi-function packages (MI250X: two GCDs,
 * each its own PCI device). The kernel does not say which functions
 * share a package, so they are taken in slot order. */
static void group_packages(struct scan_result *out)
{
	size_t w = 0;
	for (size_t i = 0; i < out->n; i++) {
		struct scan_item *it = &out->items[i];
		if (it->n_dev == 0)
			continue;   /* absorbed into an earlier package */
		const struct kb_part *p = it->part;
		if (p && p->package_functions > 1) {
			for (size_t k = i + 1; k < out->n && it->n_dev < (size_t)p->package_functions &&
					       it->n_dev < SCAN_MAX_FUNCS; k++) {
				struct scan_item *o = &out->items[k];
				if (o->n_dev == 1 && o->part == p) {
					it->dev[it->n_dev++] = o->dev[0];
					o->n_dev = 0;
					scan_item_free(o);   /* its warnings are about the same part */
				}
			}
			if (it->n_dev < (size_t)p->package_functions)
				scan_warn(it, "incomplete-package",
					  "%s has %d functions per package; only %zu found for this one", p->name,
					  p->package_functions, it->n_dev);
			else
				scan_warn(it, "package-grouped",
					  "%zu functions grouped as one %s package in slot order (the driver does not say which share a package)",
					  it->n_dev, p->name);
		}
		if (w != i)
			out->items[w] = *it;
		w++;
	}
	out->n = w;
}

int identify_devices(const struct kb *kb, struct probe_list *list, struct scan_result *out,
		     struct tpp_error *err)
{
	*out = (struct scan_result){ 0 };
	out->items = calloc(list->n ? list->n : 1, sizeof(*out->items));
	if (!out->items) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	/* One item per function first. */
	for (size_t i = 0; i < list->n; i++)
		match_function(kb, &list->dev[i], &out->items[out->n++]);
	group_packages(out);
	qsort(out->items, out->n, sizeof(*out->items), cmp_items_by_slot);

	for (size_t i = 0; i < out->n; i++) {
		struct scan_item *it = &out->items[i];
		compute_probed(kb, it);
		check_against_datasheet(it);
		for (size_t k = 0; k < it->n_dev; k++)
			check_product_name(kb, it, it->dev[k]);
		if (!it->part)
			scan_warn(it, "unknown-device", "%04x:%04x is not in the knowledge base%s",
				  it->dev[0]->vendor_id, it->dev[0]->device_id,
				  it->probed.known ? "; TPP estimated from probed units, clock and architecture"
						   : "; no TPP can be given");
		rom_check_item(kb, it);
	}
	return 0;
}
