/* The findings of one found record matched to its declaration line: what
 * its own probe and firmware say against the declared part, and its
 * verdict against the declared part's.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/rom_match.h"
#include "classify/verify_internal.h"

#include <stdio.h>
#include <string.h>

struct dev_ctx {
	const struct verify_input *in;
	struct verify_result *r;
	size_t j, i;
	const struct assessment *a;
	const struct kb_part *p;      /* the declared part */
};

static bool add(struct dev_ctx *x, enum finding_severity sev, const char *code, const char *found,
		const char *expected, const char *where, const char *text)
{
	return finding_add(x->r, sev, code, x->i, x->j, found, expected, where, "%s", text);
}

/* Units and clocks above the datasheet's, function by function. */
static bool units_clock(struct dev_ctx *x, const char *code)
{
	const struct kb_part *p = x->a->part;
	int functions = p->package_functions > 1 ? p->package_functions : 1;
	const char *unit = p->unit_kind ? p->unit_kind : "units";
	char found[320], expected[320], where[320];
	for (size_t k = 0; k < x->a->item->n_dev; k++) {
		const struct probe_device *d = x->a->item->dev[k];
		if (!strcmp(code, "units-above-datasheet")) {
			double units = d->units.valid ? d->units.value : -1;
			const char *src = d->units.source;
			bool from_cores = !d->units.valid && d->cores.valid && p->arch && p->arch->cores_per_unit.known;
			if (from_cores) {
				units = d->cores.value / p->arch->cores_per_unit.value;
				src = d->cores.source;
			}
			if (!p->units.known || units <= p->units.value / functions + 1e-9)
				continue;
			snprintf(found, sizeof(found), "%g %s", units, unit);
			if (from_cores)
				snprintf(found + strlen(found), sizeof(found) - strlen(found), " (%g cores / %g per %s)",
					 d->cores.value, p->arch->cores_per_unit.value, unit);
			snprintf(expected, sizeof(expected), "%g %s (datasheet of %s)", p->units.value / functions, unit, p->id);
			snprintf(where, sizeof(where), "%s, %s", src ? src : "the driver", d->slot);
			return add(x, SEV_MISMATCH, "units", found, expected, where,
				   "more compute units than the declared part has: a larger die under the declared part's ID");
		}
		const struct probe_num *c = d->boost_clock_mhz.valid ? &d->boost_clock_mhz : &d->max_clock_mhz;
		const struct kb_qty *limit = p->max_clock_mhz.known ? &p->max_clock_mhz : &p->clock_mhz;
		if (!c->valid || !limit->known || c->value <= limit->value + 0.5)
			continue;
		snprintf(found, sizeof(found), "%g MHz", c->value);
		snprintf(expected, sizeof(expected), "at most %g MHz (datasheet of %s)", limit->value, p->id);
		snprintf(where, sizeof(where), "%s, %s", c->source ? c->source : "the driver", d->slot);
		return add(x, SEV_WARNING, "clock", found, expected, where,
			   "a clock above the declared part's datasheet (overclocked or another part)");
	}
	return true;
}

static bool name_finding(struct dev_ctx *x)
{
	for (size_t k = 0; k < x->a->item->n_dev; k++) {
		const struct probe_device *d = x->a->item->dev[k];
		if (!d->product_name.value)
			continue;
		char found[320], where[320];
		snprintf(found, sizeof(found), "\"%s\"", d->product_name.value);
		snprintf(where, sizeof(where), "%s, %s", d->product_name.source ? d->product_name.source : "the driver",
			 d->slot);
		return add(x, SEV_MISMATCH, "name", found, x->p->name, where,
			   "the driver or firmware names another part than the PCI ID and the declaration");
	}
	return true;
}

static bool rom_findings(struct dev_ctx *x, const char *code)
{
	for (size_t k = 0; k < x->a->item->n_dev; k++) {
		const struct probe_device *d = x->a->item->dev[k];
		if (!d->rom.read)
			continue;
		char found[320], expected[320], where[320];
		snprintf(where, sizeof(where), "%s", d->rom.origin ? d->rom.origin : "option ROM");
		if (!strcmp(code, "rom-version-mismatch")) {
			snprintf(found, sizeof(found), "VBIOS %s (option ROM)", d->rom.id.version);
			snprintf(expected, sizeof(expected), "VBIOS %s (%s)", d->vbios_version.value ? d->vbios_version.value : "?",
				 d->vbios_version.source ? d->vbios_version.source : "driver");
			return add(x, SEV_WARNING, "rom-version", found, expected, where,
				   "the option ROM's version differs from the one the driver reports");
		}
		if (!strcmp(code, "rom-unreadable"))
			return add(x, SEV_WARNING, "rom", "no image with PCI IDs", NULL, where,
				   "the option ROM could not be checked");
		struct rom_match m;
		rom_match_part(x->in->as->kb, &d->rom.id, &m);
		snprintf(found, sizeof(found), "an image for %s%s%s", d->rom_ids.value ? d->rom_ids.value : "another device",
			 m.part ? ", " : "", m.part ? m.part->name : "");
		snprintf(expected, sizeof(expected), "an image for %04x:%04x (%s)", d->vendor_id, d->device_id, x->p->name);
		return add(x, SEV_MISMATCH, "rom", found, expected, where,
			   "the option ROM (VBIOS) is for another device or part: cross-flashed firmware");
	}
	return true;
}

/* The scan's warnings that are findings against the declaration. */
static bool warning_findings(struct dev_ctx *x)
{
	const struct scan_item *it = x->a->item;
	bool ok = true;
	for (size_t w = 0; w < it->n_warn && ok; w++) {
		const char *code = it->warn[w].code;
		if (!strcmp(code, "units-above-datasheet") || !strcmp(code, "clock-above-datasheet"))
			ok = units_clock(x, code);
		else if (!strcmp(code, "name-mismatch"))
			ok = name_finding(x);
		else if (!strncmp(code, "rom-", 4))
			ok = rom_findings(x, code);
		else if (!strcmp(code, "incomplete-package"))
			ok = add(x, SEV_WARNING, "package", NULL, NULL, NULL, it->warn[w].text);
	}
	return ok;
}

/* A verdict of the record's own (its datasheet or its probed estimate)
 * that differs from the declared part's: always a mismatch. */
static bool verdict_findings(struct dev_ctx *x)
{
	const struct classification *decl = x->in->declared[x->i].cl;
	const struct assessment *a = x->a;
	char found[320], expected[320], where[320];
	verify_verdict_text(expected, sizeof(expected), decl);
	if (a->item->match != KB_MATCH_AMBIGUOUS && !verify_same_verdict(a->cl, decl)) {
		verify_verdict_text(found, sizeof(found), a->cl);
		identity_where(where, sizeof(where), x->in, a->item);
		if (!add(x, SEV_MISMATCH, "verdict", found, expected, where,
			 "the device found is classified differently from the declared part"))
			return false;
	}
	if (!a->probed_cl || a->probed_cl == a->cl || verify_same_verdict(a->probed_cl, decl))
		return true;
	const struct probed_tpp *pt = &a->item->probed;
	char v[200];
	verify_verdict_text(v, sizeof(v), a->probed_cl);
	snprintf(found, sizeof(found), "%.100s from probed TPP %.1f (%g %.20s x %g MHz x %g %s ops/clk)", v, pt->tpp, pt->units,
		 a->part && a->part->unit_kind ? a->part->unit_kind : "units", pt->clock_mhz, pt->rate,
		 tpp_precision_name(pt->precision));
	snprintf(where, sizeof(where), "units: %s; clock: %s, %s", pt->units_source ? pt->units_source : "?",
		 pt->clock_source ? pt->clock_source : "?", a->item->dev[0]->slot);
	return add(x, SEV_MISMATCH, "probed-verdict", found, expected, where,
		   "what the device reports (units x clock x rate) is classified differently from the declared part");
}

/* A PCI ID several parts share: the ID alone cannot prove the declared one. */
static bool shared_id_finding(struct dev_ctx *x, struct tpp_error *err)
{
	const struct scan_item *it = x->a->item;
	if (it->match != KB_MATCH_AMBIGUOUS)
		return true;
	const struct classification *decl = x->in->declared[x->i].cl;
	char found[320] = "", where[320];
	bool differ = false;
	for (size_t k = 0; k < it->n_candidates; k++) {
		struct assessment c;
		if (assess_part(x->in->as, NULL, it->candidates[k], &c, err))
			return false;
		differ |= !verify_same_verdict(c.cl, decl);
		char one[96];
		snprintf(one, sizeof(one), "%s%s (%s)", k ? ", " : "", it->candidates[k]->id, classification_label(c.cl));
		strncat(found, one, sizeof(found) - strlen(found) - 1);
	}
	identity_where(where, sizeof(where), x->in, it);
	return add(x, differ ? SEV_MISMATCH : SEV_WARNING, "shared-id", found, x->p->name, where,
		   differ ? "the PCI ID is shared by parts with different verdicts: it cannot prove the declared part"
			  : "the PCI ID is shared by several parts, all with the declared part's verdict");
}

static bool subsystem_finding(struct dev_ctx *x)
{
	const struct decl_line *l = &x->in->decl->lines[x->i];
	const struct probe_device *d = x->a->item->dev[0];
	if (!l->by_ids || !l->ids.has_subsys)
		return true;
	char found[64], expected[64], where[320];
	snprintf(expected, sizeof(expected), "%04x:%04x", l->ids.subsys_vendor, l->ids.subsys_device);
	identity_where(where, sizeof(where), x->in, x->a->item);
	if (!d->has_subsys)
		return add(x, SEV_WARNING, "subsystem-id", "not read", expected, where,
			   "the subsystem ID could not be read, so the declared one cannot be checked");
	if (d->subsys_vendor_id == l->ids.subsys_vendor && d->subsys_id == l->ids.subsys_device)
		return true;
	snprintf(found, sizeof(found), "%04x:%04x", d->subsys_vendor_id, d->subsys_id);
	return add(x, SEV_MISMATCH, "subsystem-id", found, expected, where,
		   "another subsystem (board vendor or model) than declared");
}

static bool serial_finding(struct dev_ctx *x)
{
	const struct decl_line *l = &x->in->decl->lines[x->i];
	if (!l->n_serials)
		return true;
	for (size_t k = 0; k < x->a->item->n_dev; k++) {
		const struct probe_device *d = x->a->item->dev[k];
		if (!d->serial.value)
			continue;
		for (size_t s = 0; s < l->n_serials; s++)
			if (!strcmp(l->serials[s], d->serial.value))
				return true;
		char expected[160], where[320];
		snprintf(expected, sizeof(expected), "one of the %zu serials of %s", l->n_serials, l->origin);
		snprintf(where, sizeof(where), "%s, %s", d->serial.source ? d->serial.source : "the driver", d->slot);
		return add(x, SEV_MISMATCH, "serial", d->serial.value, expected, where,
			   "a board whose serial number the declaration does not list");
	}
	return add(x, SEV_WARNING, "serial", "not read", "a declared serial", x->a->item->dev[0]->slot,
		   "the device reports no serial number, so the declared serials cannot be checked on it");
}

bool verify_device_findings(const struct verify_input *in, struct verify_result *r, size_t j, size_t i,
			    struct tpp_error *err)
{
	struct dev_ctx x = { in, r, j, i, &in->found[j], in->decl->lines[i].part };
	return shared_id_finding(&x, err) && subsystem_finding(&x) && warning_findings(&x) && verdict_findings(&x) &&
	       serial_finding(&x) && verify_licence_finding(in, r, j, i);
}
