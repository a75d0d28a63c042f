/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/verify_internal.h"
#include "core/grow.h"
#include "classify/part_inputs.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *finding_severity_name(enum finding_severity s)
{
	return s == SEV_MISMATCH ? "mismatch" : s == SEV_WARNING ? "warning" : "info";
}

bool finding_add(struct verify_result *r, enum finding_severity sev, const char *code, size_t line, size_t device,
		 const char *found, const char *expected, const char *where, const char *fmt, ...)
{
	struct finding *v = grow_for_one(r->findings, r->n, &r->cap, sizeof(*v), 16);
	if (!v)
		return false;
	r->findings = v;
	struct finding *f = &r->findings[r->n++];
	*f = (struct finding){ .severity = sev, .code = code, .line = line, .device = device };
	snprintf(f->found, sizeof(f->found), "%s", found ? found : "");
	snprintf(f->expected, sizeof(f->expected), "%s", expected ? expected : "");
	snprintf(f->where, sizeof(f->where), "%s", where ? where : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
	if (sev == SEV_MISMATCH)
		r->n_mismatch++;
	else if (sev == SEV_WARNING)
		r->n_warning++;
	else
		r->n_info++;
	return true;
}

void part_with_ids(char *buf, size_t n, const struct kb_part *p)
{
	if (p->n_pci)
		snprintf(buf, n, "%s (%04x:%04x)", p->name, p->pci[0].vendor, p->pci[0].device);
	else
		snprintf(buf, n, "%s", p->name);
}

void device_ids(char *buf, size_t n, const struct scan_item *it)
{
	const struct probe_device *d = it->dev[0];
	if (d->has_subsys)
		snprintf(buf, n, "%04x:%04x sub %04x:%04x at %s", d->vendor_id, d->device_id, d->subsys_vendor_id,
			 d->subsys_id, d->slot);
	else
		snprintf(buf, n, "%04x:%04x at %s", d->vendor_id, d->device_id, d->slot);
}

void identity_where(char *buf, size_t n, const struct verify_input *in, const struct scan_item *it)
{
	snprintf(buf, n, "PCI IDs from %s, %s", in->source ? in->source : "the probe", it->dev[0]->slot);
}

/* The control paragraphs a classification met, in file order. */
static void met_controls(char *buf, size_t n, const struct classification *cl)
{
	*buf = '\0';
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == PARA_CONTROL && cl->results[i].status == PS_MET) {
			strncat(buf, *buf ? ", " : "", n - strlen(buf) - 1);
			strncat(buf, cl->results[i].para->id, n - strlen(buf) - 1);
		}
}

void verify_verdict_text(char *buf, size_t n, const struct classification *cl)
{
	char paras[200], missing[120] = "";
	met_controls(paras, sizeof(paras), cl);
	const char *label = classification_label(cl);
	if (*paras)
		snprintf(buf, n, "%s (%s)", label, paras);
	else if (cl->excluded_by)
		snprintf(buf, n, "%s (%s)", label, cl->excluded_by->id);
	else if (cl->status == CLASS_UNDETERMINED) {
		for (size_t i = 0; i < cl->n_results; i++)
			for (size_t k = 0; k < cl->results[i].n_missing && cl->results[i].para->kind == PARA_CONTROL; k++)
				if (!strstr(missing, cl->results[i].missing[k])) {
					strncat(missing, *missing ? ", " : "", sizeof(missing) - strlen(missing) - 1);
					strncat(missing, cl->results[i].missing[k], sizeof(missing) - strlen(missing) - 1);
				}
		snprintf(buf, n, "%s%s%s%s", label, *missing ? " (needs " : "", missing, *missing ? ")" : "");
	} else
		snprintf(buf, n, "%s", label);
}

bool verify_same_verdict(const struct classification *a, const struct classification *b)
{
	if (a == b)
		return true;
	char pa[200], pb[200];
	met_controls(pa, sizeof(pa), a);
	met_controls(pb, sizeof(pb), b);
	return !strcmp(classification_label(a), classification_label(b)) && !strcmp(pa, pb);
}

bool verify_licence_answer(const struct assessment *a, char *answer, size_t n)
{
	if (!a->has_licence) {
		if (n)
			*answer = '\0';
		return false;
	}
	const struct lic_answer *l = &a->licence;
	const char *req = l->required == 1 ? "licence required" : l->required == 0 ? "no licence required"
						       : "licence undetermined";
	char policy[48] = "", exc[64] = "";
	if (l->required == 1 && l->policy)
		snprintf(policy, sizeof(policy), " (%s)", l->policy);
	if (l->exception)
		snprintf(exc, sizeof(exc), "; exception %s%s", l->exception, l->notification ? " after notice" : "");
	snprintf(answer, n, "%s%s%s", req, policy, exc);
	return true;
}

/* Like a differing verdict, a differing licence answer is always a mismatch,
 * also when one side is undetermined: the part found cannot be cleared on
 * the declared part's answer. */
bool verify_licence_finding(const struct verify_input *in, struct verify_result *r, size_t j, size_t i)
{
	char found[320], expected[320];
	const struct assessment *a = &in->found[j], *d = &in->declared[i];
	if (!verify_licence_answer(a, found, sizeof(found)) || !verify_licence_answer(d, expected, sizeof(expected)) ||
	    !strcmp(found, expected))
		return true;
	return finding_add(r, SEV_MISMATCH, "licence", i, j, found, expected, NULL,
			   "%s to %s: the part found gets another licence answer than the declared %s",
			   a->part ? a->part->name : "the device", a->licence.q.dest, d->part->name);
}

int verify_assess_figures(struct assessor *as, const struct decl_line *l, struct assessment *out,
			  struct tpp_error *err)
{
	struct class_input in;
	part_class_input(l->part, tpp_date_year(as->as_of), &in);
	*out = (struct assessment){ .kind = ASSESS_DECLARED, .part = l->part };
	double pd;
	if (l->tpp_set) {
		out->tpp = (struct metric_value){ true, l->tpp, METRIC_DECLARED };
		class_input_number(&in, "tpp", l->tpp, "declared");
	}
	if (l->pd_set) {
		out->pd = (struct metric_value){ true, l->pd, METRIC_DECLARED };
		class_input_number(&in, "pd", l->pd, "declared");
	} else if (l->tpp_set && tpp_performance_density(l->tpp, true, &l->part->area, &pd)) {
		out->pd = (struct metric_value){ true, pd, METRIC_DERIVED };
		class_input_number(&in, "pd", pd, "derived");
	}
	out->cl = assess_classify(as, NULL, &in, err);
	return out->cl ? 0 : -1;
}
