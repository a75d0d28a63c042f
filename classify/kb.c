/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/jsonv.h"
#include "classify/kb_embedded.h"

#define TPP_TOLERANCE 0.0005    /* declared vs recomputed TPP: rounding only */
#define ARCH_TOLERANCE 0.02     /* units x clock x rate vs a published figure */

/* Per-file parsing state: the vendor whose sources keys resolve, and which
 * of them were used (every defined source must be cited somewhere). */
struct kb_file {
	struct jv c;
	struct kb *kb;
	struct kb_vendor *vendor;
	bool *used;
};

static void *kb_alloc(struct kb_file *f, size_t n, size_t size)
{
	struct kb *kb = f->kb;
	if (kb->n_allocs == kb->cap_allocs) {
		size_t cap = kb->cap_allocs ? kb->cap_allocs * 2 : 64;
		void **a = realloc(kb->allocs, cap * sizeof(*a));
		if (!a) {
			tpp_error_set(f->c.err, TPP_EX_OSERR, "out of memory");
			return NULL;
		}
		kb->allocs = a;
		kb->cap_allocs = cap;
	}
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		tpp_error_set(f->c.err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	kb->allocs[kb->n_allocs++] = p;
	return p;
}

static bool is_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static bool parse_hex16(const char *s, uint16_t *out)
{
	if (strlen(s) != 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char ch = s[i];
		if (ch >= '0' && ch <= '9')
			v = v * 16 + (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v = v * 16 + (unsigned)(ch - 'a' + 10);
		else
			return false;
	}
	*out = (uint16_t)v;
	return true;
}

static int source_index(const struct kb_vendor *v, const char *key)
{
	for (size_t i = 0; i < v->n_sources; i++)
		if (strcmp(v->sources[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* "source": "key" or ["k1", "k2"]; every key must be defined. */
static bool parse_sources(struct kb_file *f, json_t *obj, const char *path, bool required,
			  const char ***out, size_t *n)
{
	char p[320];
	json_t *s = json_object_get(obj, "source");
	jv_key_path(p, sizeof(p), path, "source");
	*out = NULL;
	*n = 0;
	if (!s || json_is_null(s)) {
		if (required)
			jv_fail(&f->c, p, "missing: every number needs a source");
		return !required;
	}
	size_t count = json_is_array(s) ? json_array_size(s) : 1;
	if (!json_is_string(s) && !(json_is_array(s) && count > 0)) {
		jv_fail(&f->c, p, "must be a source key or a non-empty array of keys");
		return false;
	}
	const char **keys = kb_alloc(f, count, sizeof(*keys));
	if (!keys)
		return false;
	for (size_t i = 0; i < count; i++) {
		json_t *k = json_is_array(s) ? json_array_get(s, i) : s;
		if (!json_is_string(k)) {
			jv_fail(&f->c, p, "must be a source key or an array of keys");
			return false;
		}
		int idx = source_index(f->vendor, json_string_value(k));
		if (idx < 0) {
			jv_fail(&f->c, p, "'%s' is not defined in \"sources\"", json_string_value(k));
			return false;
		}
		f->used[idx] = true;
		keys[i] = json_string_value(k);
	}
	*out = keys;
	*n = count;
	return true;
}

/* A quantity: {"value": n, "source": ..., "derived": ..., "note": ...} or null. */
static bool parse_qty(struct kb_file *f, json_t *parent, const char *path, const char *key,
		      struct kb_qty *q)
{
	char p[320];
	*q = (struct kb_qty){ 0 };
	json_t *o = json_object_get(parent, key);
	jv_key_path(p, sizeof(p), path, key);
	if (!o || json_is_null(o))
		return true;
	if (!json_is_object(o)) {
		jv_fail(&f->c, p, "must be a quantity object {\"value\": ..., \"source\": ...} or null");
		return false;
	}
	static const char *const keys[] = { "value", "source", "derived", "note", NULL };
	if (!jv_only_keys(&f->c, o, p, keys))
		return false;
	json_t *v = json_object_get(o, "value");
	if (!v || json_is_null(v)) {
		jv_fail(&f->c, p, "a quantity needs a value (write null for the whole quantity when unknown)");
		return false;
	}
	if (!jv_number(&f->c, o, p, "value", true, &q->value))
		return false;
	if (q->value < 0) {
		jv_fail(&f->c, p, "value %g is negative", q->value);
		return false;
	}
	q->known = true;
	q->derived = jv_string(&f->c, o, p, "derived", false);
	q->note = jv_string(&f->c, o, p, "note", false);
	return parse_sources(f, o, p, q->derived == NULL, &q->sources, &q->n_sources) && !jv_failed(&f->c);
}

static bool parse_vendor_sources(struct kb_file *f, json_t *root)
{
	json_t *srcs = jv_object(&f->c, root, "", "sources", true);
	if (!srcs)
		return false;
	struct kb_vendor *v = f->vendor;
	v->sources = kb_alloc(f, json_object_size(srcs), sizeof(*v->sources));
	f->used = kb_alloc(f, json_object_size(srcs), sizeof(*f->used));
	if (!v->sources || !f->used)
		return false;
	const char *key;
	json_t *s;
	json_object_foreach(srcs, key, s) {
		static const char *const keys[] = { "title", "publisher", "url", "date", "kind", "note", NULL };
		static const char *const kinds[] = { "datasheet", "whitepaper", "vendor-page", "vendor-driver",
			"pci-ids", "regulator", "paper", "press", "database", "other", NULL };
		char p[320];
		jv_key_path(p, sizeof(p), "sources", key);
		if (!is_id(key)) {
			jv_fail(&f->c, p, "source keys are lower-case letters, digits and '-'");
			return false;
		}
		if (!json_is_object(s)) {
			jv_fail(&f->c, p, "must be an object");
			return false;
		}
		jv_only_keys(&f->c, s, p, keys);
		struct kb_source *src = &v->sources[v->n_sources++];
		src->key = key;
		src->title = jv_string(&f->c, s, p, "title", true);
		src->publisher = jv_string(&f->c, s, p, "publisher", false);
		src->url = jv_string(&f->c, s, p, "url", true);
		src->date = jv_string(&f->c, s, p, "date", false);
		src->kind = jv_string(&f->c, s, p, "kind", true);
		src->note = jv_string(&f->c, s, p, "note", false);
		if (jv_failed(&f->c))
			return false;
		bool ok = false;
		for (const char *const *k = kinds; *k; k++)
			ok = ok || strcmp(*k, src->kind) == 0;
		if (!ok) {
			char kp[340];
			jv_fail(&f->c, jv_key_path(kp, sizeof(kp), p, "kind"), "'%s' is not a source kind", src->kind);
			return false;
		}
	}
	return true;
}

static bool parse_precision(struct kb_file *f, const char *path, const char *name, enum tpp_precision *p)
{
	if (!tpp_precision_parse(name, p)) {
		jv_fail(&f->c, path, "'%s' is not a precision (fp4 int4 fp6 fp8 int8 fp16 bf16 tf32 fp32 fp64)",
			name);
		return false;
	}
	return true;
}

static bool parse_arch(struct kb_file *f, json_t *a, const char *path, struct kb_arch *arch)
{
	static const char *const keys[] = { "id", "name", "unit", "rates", "cores_per_unit", "check", "note", NULL };
	if (!json_is_object(a)) {
		jv_fail(&f->c, path, "must be an object");
		return false;
	}
	jv_only_keys(&f->c, a, path, keys);
	arch->vendor = f->vendor;
	arch->id = jv_string(&f->c, a, path, "id", true);
	arch->name = jv_string(&f->c, a, path, "name", true);
	arch->unit = jv_string(&f->c, a, path, "unit", true);
	json_t *rates = jv_object(&f->c, a, path, "rates", true);
	if (jv_failed(&f->c) || !parse_qty(f, a, path, "cores_per_unit", &arch->cores_per_unit))
		return false;
	if (!is_id(arch->id)) {
		char p[320];
		jv_fail(&f->c, jv_key_path(p, sizeof(p), path, "id"), "'%s' is not a valid id", arch->id);
		return false;
	}
	char rp[320];
	jv_key_path(rp, sizeof(rp), path, "rates");
	const char *prec;
	json_t *r;
	json_object_foreach(rates, prec, r) {
		enum tpp_precision pr;
		char p[340];
		jv_key_path(p, sizeof(p), rp, prec);
		if (!parse_precision(f, p, prec, &pr) || !parse_qty(f, rates, rp, prec, &arch->rate[pr]))
			return false;
		if (!arch->rate[pr].known || !(arch->rate[pr].value > 0)) {
			jv_fail(&f->c, p, "a rate must be a positive quantity");
			return false;
		}
		arch->has_rate[pr] = true;
	}
	json_t *checks = jv_array(&f->c, a, path, "check", true);
	if (!checks)
		return false;
	arch->checks = kb_alloc(f, json_array_size(checks), sizeof(*arch->checks));
	if (!arch->checks)
		return false;
	for (size_t i = 0; i < json_array_size(checks); i++) {
		char p[340], cp[320];
		json_t *c = json_array_get(checks, i);
		jv_index_path(cp, sizeof(cp), jv_key_path(p, sizeof(p), path, "check"), i);
		static const char *const ckeys[] = { "part", "precision", "note", NULL };
		jv_only_keys(&f->c, c, cp, ckeys);
		const char *part = jv_string(&f->c, c, cp, "part", true);
		const char *pr = jv_string(&f->c, c, cp, "precision", true);
		if (jv_failed(&f->c))
			return false;
		struct kb_arch_check *ck = &arch->checks[arch->n_checks++];
		ck->part_id = part;
		if (!parse_precision(f, cp, pr, &ck->precision))
			return false;
		if (!arch->has_rate[ck->precision]) {
			jv_fail(&f->c, cp, "the architecture has no %s rate to check", pr);
			return false;
		}
	}
	return true;
}

/* The array `key` of `part` and room for its elements (size `elem` each);
 * `apath` gets the array's JSON path. NULL on error. */
static json_t *element_array(struct kb_file *f, json_t *part, const char *path, const char *key, size_t elem,
			     void **out, char *apath, size_t apsize)
{
	json_t *arr = jv_array(&f->c, part, path, key, true);
	if (!arr)
		return NULL;
	jv_key_path(apath, apsize, path, key);
	*out = kb_alloc(f, json_array_size(arr), elem);
	return *out ? arr : NULL;
}

/* Element i of an array of objects, or NULL (with the error) if it is not one. */
static json_t *element_object(struct kb_file *f, json_t *arr, size_t i, const char *apath, char *epath, size_t esize)
{
	json_t *e = json_array_get(arr, i);
	jv_index_path(epath, esize, apath, i);
	if (!json_is_object(e)) {
		jv_fail(&f->c, epath, "must be an object");
		return NULL;
	}
	return e;
}

static bool parse_pci(struct kb_file *f, json_t *part, const char *path, struct kb_part *p)
{
	char ap[320];
	json_t *arr = element_array(f, part, path, "pci", sizeof(*p->pci), (void **)&p->pci, ap, sizeof(ap));
	if (!arr)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		static const char *const keys[] = { "vendor", "device", "subsystem_vendor", "subsystem_device",
			"source", "note", NULL };
		char ep[340];
		json_t *e = element_object(f, arr, i, ap, ep, sizeof(ep));
		if (!e)
			return false;
		jv_only_keys(&f->c, e, ep, keys);
		struct kb_pci_key *k = &p->pci[p->n_pci++];
		const char *fields[4] = { jv_string(&f->c, e, ep, "vendor", true),
			jv_string(&f->c, e, ep, "device", true), jv_string(&f->c, e, ep, "subsystem_vendor", false),
			jv_string(&f->c, e, ep, "subsystem_device", false) };
		uint16_t *dst[4] = { &k->vendor, &k->device, &k->subsys_vendor, &k->subsys_device };
		static const char *const names[4] = { "vendor", "device", "subsystem_vendor", "subsystem_device" };
		if (jv_failed(&f->c))
			return false;
		if (!fields[2] != !fields[3]) {
			jv_fail(&f->c, ep, "give both subsystem_vendor and subsystem_device, or neither");
			return false;
		}
		k->has_subsys = fields[2] != NULL;
		for (int n = 0; n < (k->has_subsys ? 4 : 2); n++) {
			if (!parse_hex16(fields[n], dst[n])) {
				char fp[360];
				jv_fail(&f->c, jv_key_path(fp, sizeof(fp), ep, names[n]),
					"'%s' is not four lower-case hex digits", fields[n]);
				return false;
			}
		}
		bool vendor_ok = false;
		for (size_t n = 0; n < f->vendor->n_pci_ids; n++)
			vendor_ok = vendor_ok || f->vendor->pci_ids[n] == k->vendor;
		if (!vendor_ok) {
			char fp[360];
			jv_fail(&f->c, jv_key_path(fp, sizeof(fp), ep, "vendor"),
				"%s is not one of this file's pci_vendor_ids", fields[0]);
			return false;
		}
		const char **s;
		size_t ns;
		if (!parse_sources(f, e, ep, true, &s, &ns))
			return false;
	}
	return true;
}

static bool parse_dies(struct kb_file *f, json_t *part, const char *path, struct kb_part *p)
{
	char ap[320];
	json_t *arr = element_array(f, part, path, "dies", sizeof(*p->dies), (void **)&p->dies, ap, sizeof(ap));
	if (!arr)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		static const char *const keys[] = { "name", "role", "count", "logic", "nonplanar", "process",
			"area_mm2", "note", NULL };
		char ep[340];
		json_t *e = element_object(f, arr, i, ap, ep, sizeof(ep));
		if (!e)
			return false;
		jv_only_keys(&f->c, e, ep, keys);
		struct kb_die *d = &p->dies[p->n_dies++];
		d->name = jv_string(&f->c, e, ep, "name", true);
		d->role = jv_string(&f->c, e, ep, "role", true);
		d->process = jv_string(&f->c, e, ep, "process", false);
		double count = 0;
		jv_number(&f->c, e, ep, "count", true, &count);
		jv_bool(&f->c, e, ep, "logic", true, &d->logic);
		json_t *np = json_object_get(e, "nonplanar");
		bool nonplanar = false;
		if (!np || json_is_null(np))
			d->nonplanar = -1;
		else if (jv_bool(&f->c, e, ep, "nonplanar", true, &nonplanar))
			d->nonplanar = nonplanar;
		if (jv_failed(&f->c))
			return false;
		if (count < 1 || count != floor(count) || count > 1024) {
			char cp[360];
			jv_fail(&f->c, jv_key_path(cp, sizeof(cp), ep, "count"), "must be a whole number from 1");
			return false;
		}
		d->count = (int)count;
		if (!parse_qty(f, e, ep, "area_mm2", &d->area_mm2))
			return false;
	}
	return true;
}

static bool parse_throughput(struct kb_file *f, json_t *part, const char *path, struct kb_part *p)
{
	char ap[320];
	json_t *arr = element_array(f, part, path, "throughput", sizeof(*p->figures), (void **)&p->figures, ap, sizeof(ap));
	if (!arr)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		static const char *const keys[] = { "precision", "tops", "sparse", "unit", "source", "derived",
			"note", NULL };
		char ep[340];
		json_t *e = element_object(f, arr, i, ap, ep, sizeof(ep));
		if (!e)
			return false;
		jv_only_keys(&f->c, e, ep, keys);
		struct kb_figure *fig = &p->figures[p->n_figures++];
		const char *prec = jv_string(&f->c, e, ep, "precision", true);
		jv_number(&f->c, e, ep, "tops", true, &fig->tops);
		jv_bool(&f->c, e, ep, "sparse", true, &fig->sparse);
		fig->unit = jv_string(&f->c, e, ep, "unit", false);
		fig->q.derived = jv_string(&f->c, e, ep, "derived", false);
		fig->q.note = jv_string(&f->c, e, ep, "note", false);
		if (jv_failed(&f->c) || !parse_precision(f, ep, prec, &fig->precision))
			return false;
		if (!(fig->tops >= 0)) {
			char tp[360];
			jv_fail(&f->c, jv_key_path(tp, sizeof(tp), ep, "tops"), "must not be negative");
			return false;
		}
		fig->q.known = true;
		fig->q.value = fig->sparse ? fig->tops / 2 : fig->tops;
		if (!parse_sources(f, e, ep, fig->q.derived == NULL, &fig->q.sources, &fig->q.n_sources))
			return false;
	}
	return true;
}

static bool parse_cap(struct kb_file *f, json_t *part, const char *path, struct kb_part *p)
{
	char cp[320];
	json_t *cap = json_object_get(part, "cap");
	jv_key_path(cp, sizeof(cp), path, "cap");
	if (!cap || json_is_null(cap))
		return true;
	static const char *const keys[] = { "kind", "factor", "tops", "reason", "source", "note", NULL };
	if (!json_is_object(cap)) {
		jv_fail(&f->c, cp, "must be an object or null");
		return false;
	}
	jv_only_keys(&f->c, cap, cp, keys);
	const char *kind = jv_string(&f->c, cap, cp, "kind", true);
	p->cap.reason = jv_string(&f->c, cap, cp, "reason", true);
	if (jv_failed(&f->c))
		return false;
	const char **s;
	size_t ns;
	if (!parse_sources(f, cap, cp, true, &s, &ns))
		return false;
	char kp[340];
	if (strcmp(kind, "rate_factor") == 0) {
		p->cap.kind = KB_CAP_RATE_FACTOR;
		if (jv_number(&f->c, cap, cp, "factor", true, &p->cap.factor) &&
		    !(p->cap.factor > 0 && p->cap.factor <= 1))
			jv_fail(&f->c, jv_key_path(kp, sizeof(kp), cp, "factor"), "must be in (0, 1]");
	} else if (strcmp(kind, "throughput_limit") == 0) {
		p->cap.kind = KB_CAP_THROUGHPUT_LIMIT;
		json_t *tops = jv_object(&f->c, cap, cp, "tops", true);
		const char *prec;
		json_t *v;
		jv_key_path(kp, sizeof(kp), cp, "tops");
		json_object_foreach(tops, prec, v) {
			enum tpp_precision pr;
			char vp[360];
			jv_key_path(vp, sizeof(vp), kp, prec);
			if (!parse_precision(f, vp, prec, &pr))
				return false;
			if (!json_is_number(v) || json_number_value(v) < 0) {
				jv_fail(&f->c, vp, "must be a non-negative number (dense TOPS)");
				return false;
			}
			p->cap.has_limit[pr] = true;
			p->cap.limit_tops[pr] = json_number_value(v);
		}
	} else {
		jv_fail(&f->c, jv_key_path(kp, sizeof(kp), cp, "kind"),
			"'%s' is not a cap kind (rate_factor or throughput_limit)", kind);
	}
	return !jv_failed(&f->c);
}

static bool parse_string_array(struct kb_file *f, json_t *obj, const char *path, const char *key, bool required,
			       const char ***out, size_t *n)
{
	char ap[320];
	json_t *arr = jv_array(&f->c, obj, path, key, required);
	*n = 0;
	if (!arr)
		return !jv_failed(&f->c);
	jv_key_path(ap, sizeof(ap), path, key);
	*out = kb_alloc(f, json_array_size(arr), sizeof(**out));
	if (!*out)
		return false;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *s = json_array_get(arr, i);
		if (!json_is_string(s) || !*json_string_value(s)) {
			char ep[340];
			jv_fail(&f->c, jv_index_path(ep, sizeof(ep), ap, i), "must be a non-empty string");
			return false;
		}
		(*out)[(*n)++] = json_string_value(s);
	}
	return true;
}

static bool parse_part(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const keys[] = { "id", "name", "aliases", "architecture", "chip", "form_factor",
		"released", "pci", "datacenter", "dies", "transistors", "memory", "interconnect", "units",
		"clock_mhz", "max_clock_mhz", "throughput", "tpp", "cap", "package", "stated", "confidence", "notes",
		"no_compute", "bounds", "searched", NULL };
	char p2[320];
	if (!json_is_object(j)) {
		jv_fail(&f->c, path, "must be an object");
		return false;
	}
	p->json = j;
	p->vendor = f->vendor;
	jv_only_keys(&f->c, j, path, keys);
	p->id = jv_string(&f->c, j, path, "id", true);
	p->name = jv_string(&f->c, j, path, "name", true);
	p->chip = jv_string(&f->c, j, path, "chip", false);
	p->form_factor = jv_string(&f->c, j, path, "form_factor", false);
	p->released = jv_string(&f->c, j, path, "released", false);
	p->confidence = jv_string(&f->c, j, path, "confidence", true);
	p->arch_id = jv_string(&f->c, j, path, "architecture", false);
	if (jv_failed(&f->c))
		return false;
	if (!is_id(p->id)) {
		jv_fail(&f->c, jv_key_path(p2, sizeof(p2), path, "id"), "'%s' is not a valid id ([a-z0-9-]+)", p->id);
		return false;
	}
	if (strcmp(p->confidence, "high") && strcmp(p->confidence, "medium") && strcmp(p->confidence, "low")) {
		jv_fail(&f->c, jv_key_path(p2, sizeof(p2), path, "confidence"), "must be high, medium or low");
		return false;
	}
	if (!parse_string_array(f, j, path, "aliases", true, &p->aliases, &p->n_aliases) ||
	    !parse_string_array(f, j, path, "notes", true, &p->notes, &p->n_notes) || !parse_pci(f, j, path, p))
		return false;

	/* datacenter: {"value": true|false|null, "evidence": ..., "source": ...} */
	json_t *dc = jv_object(&f->c, j, path, "datacenter", true);
	if (!dc)
		return false;
	jv_key_path(p2, sizeof(p2), path, "datacenter");
	static const char *const dkeys[] = { "value", "evidence", "source", "note", NULL };
	jv_only_keys(&f->c, dc, p2, dkeys);
	json_t *dv = json_object_get(dc, "value");
	bool dcv = false;
	if (!dv || json_is_null(dv))
		p->datacenter = -1;
	else if (jv_bool(&f->c, dc, p2, "value", true, &dcv))
		p->datacenter = dcv;
	p->datacenter_evidence = jv_string(&f->c, dc, p2, "evidence", true);
	const char **s;
	size_t ns;
	if (jv_failed(&f->c) || !parse_sources(f, dc, p2, true, &s, &ns))
		return false;

	if (!parse_dies(f, j, path, p) || !parse_qty(f, j, path, "transistors", &p->transistors))
		return false;

	json_t *mem = json_object_get(j, "memory");
	jv_key_path(p2, sizeof(p2), path, "memory");
	if (mem && !json_is_null(mem)) {
		static const char *const mkeys[] = { "type", "size_gb", "bandwidth_gbps", "hbm_stacks", "note", NULL };
		if (!json_is_object(mem)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, mem, p2, mkeys);
		p->memory_type = jv_string(&f->c, mem, p2, "type", false);
		if (!parse_qty(f, mem, p2, "size_gb", &p->memory_gb) ||
		    !parse_qty(f, mem, p2, "bandwidth_gbps", &p->memory_bw_gbps) ||
		    !parse_qty(f, mem, p2, "hbm_stacks", &p->hbm_stacks))
			return false;
	}
	json_t *ic = json_object_get(j, "interconnect");
	jv_key_path(p2, sizeof(p2), path, "interconnect");
	if (ic && !json_is_null(ic)) {
		static const char *const ikeys[] = { "chip_to_chip_bidir_gbps", "host_bidir_gbps", "note", NULL };
		if (!json_is_object(ic)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, ic, p2, ikeys);
		if (!parse_qty(f, ic, p2, "chip_to_chip_bidir_gbps", &p->c2c_gbps) ||
		    !parse_qty(f, ic, p2, "host_bidir_gbps", &p->host_gbps))
			return false;
	}
	json_t *units = json_object_get(j, "units");
	jv_key_path(p2, sizeof(p2), path, "units");
	if (units && !json_is_null(units)) {
		static const char *const ukeys[] = { "kind", "count", "note", NULL };
		if (!json_is_object(units)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, units, p2, ukeys);
		p->unit_kind = jv_string(&f->c, units, p2, "kind", true);
		if (!parse_qty(f, units, p2, "count", &p->units))
			return false;
	}
	if (!parse_qty(f, j, path, "clock_mhz", &p->clock_mhz) || !parse_qty(f, j, path, "max_clock_mhz", &p->max_clock_mhz) ||
	    !parse_throughput(f, j, path, p) ||
	    !parse_cap(f, j, path, p))
		return false;

	/* tpp: {"value", "precision", "derived"} or null */
	json_t *tpp = json_object_get(j, "tpp");
	jv_key_path(p2, sizeof(p2), path, "tpp");
	if (tpp && !json_is_null(tpp)) {
		static const char *const tkeys[] = { "value", "precision", "derived", "source", "note", NULL };
		if (!json_is_object(tpp)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, tpp, p2, tkeys);
		jv_number(&f->c, tpp, p2, "value", true, &p->tpp_declared.value);
		const char *prec = jv_string(&f->c, tpp, p2, "precision", true);
		p->tpp_declared.derived = jv_string(&f->c, tpp, p2, "derived", true);
		enum tpp_precision pr;
		if (jv_failed(&f->c) || !parse_precision(f, p2, prec, &pr))
			return false;
		p->tpp_declared.known = true;
	}

	json_t *nc = json_object_get(j, "no_compute");
	jv_key_path(p2, sizeof(p2), path, "no_compute");
	if (nc && !json_is_null(nc)) {
		static const char *const nkeys[] = { "evidence", "source", "note", NULL };
		if (!json_is_object(nc)) {
			jv_fail(&f->c, p2, "must be an object {\"evidence\": ..., \"source\": ...} or null");
			return false;
		}
		jv_only_keys(&f->c, nc, p2, nkeys);
		p->no_compute = jv_string(&f->c, nc, p2, "evidence", true);
		if (jv_failed(&f->c) || !parse_sources(f, nc, p2, true, &s, &ns))
			return false;
		if (json_array_size(json_object_get(j, "throughput"))) {
			jv_fail(&f->c, p2, "a part without a compute engine cannot list throughput figures");
			return false;
		}
	}

	json_t *pkg = json_object_get(j, "package");
	jv_key_path(p2, sizeof(p2), path, "package");
	if (pkg && !json_is_null(pkg)) {
		static const char *const pkeys[] = { "functions", "note", NULL };
		double fn = 0;
		if (!json_is_object(pkg)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, pkg, p2, pkeys);
		jv_number(&f->c, pkg, p2, "functions", true, &fn);
		p->package_note = jv_string(&f->c, pkg, p2, "note", true);
		if (jv_failed(&f->c))
			return false;
		if (fn < 2 || fn > 64 || fn != floor(fn)) {
			char fp[340];
			jv_fail(&f->c, jv_key_path(fp, sizeof(fp), p2, "functions"), "must be a whole number from 2");
			return false;
		}
		p->package_functions = (int)fn;
	}
	p->searched = jv_string(&f->c, j, path, "searched", false);
	json_t *bounds = json_object_get(j, "bounds");
	jv_key_path(p2, sizeof(p2), path, "bounds");
	if (bounds && !json_is_null(bounds)) {
		static const char *const bkeys[] = { "tpp_min", "tpp_max", "die_area_min_mm2", "die_area_max_mm2",
			"note", NULL };
		if (!json_is_object(bounds)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, bounds, p2, bkeys);
		if (!parse_qty(f, bounds, p2, "tpp_min", &p->bound_tpp_min) ||
		    !parse_qty(f, bounds, p2, "tpp_max", &p->bound_tpp_max) ||
		    !parse_qty(f, bounds, p2, "die_area_min_mm2", &p->bound_area_min) ||
		    !parse_qty(f, bounds, p2, "die_area_max_mm2", &p->bound_area_max))
			return false;
	}
	json_t *stated = json_object_get(j, "stated");
	jv_key_path(p2, sizeof(p2), path, "stated");
	if (stated && !json_is_null(stated)) {
		static const char *const skeys[] = { "tpp", "pd", "note", NULL };
		if (!json_is_object(stated)) {
			jv_fail(&f->c, p2, "must be an object or null");
			return false;
		}
		jv_only_keys(&f->c, stated, p2, skeys);
		if (!parse_qty(f, stated, p2, "tpp", &p->stated_tpp) || !parse_qty(f, stated, p2, "pd", &p->stated_pd))
			return false;
	}
	return !jv_failed(&f->c);
}

/* Everything the loader can compute from a row alone. */
static void compute_part(struct kb_part *p)
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

static bool check_part_tpp(struct kb_file *f, const struct kb_part *p, const char *path)
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
static bool check_part_rates(struct tpp_error *err, const struct kb_part *p)
{
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

static bool check_arch_rows(struct kb *kb, struct tpp_error *err)
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

static bool names_equal(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* The name without a leading vendor name: "AMD Instinct MI250X" -> "Instinct MI250X". */
static const char *short_name(const struct kb_part *p)
{
	size_t vl = strlen(p->vendor->name);
	if (strncasecmp(p->name, p->vendor->name, vl) == 0 && p->name[vl] == ' ')
		return p->name + vl + 1;
	return NULL;
}

static bool check_uniqueness(struct kb *kb, struct tpp_error *err)
{
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *a = &kb->parts[i];
		const char *an[64];
		size_t na = 0;
		an[na++] = a->id;
		an[na++] = a->name;
		if (short_name(a))
			an[na++] = short_name(a);
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
			if (short_name(b))
				bn[nb++] = short_name(b);
			for (size_t k = 0; k < b->n_aliases && nb < 64; k++)
				bn[nb++] = b->aliases[k];
			for (size_t x = 0; x < na; x++)
				for (size_t y = 0; y < nb; y++)
					if (names_equal(an[x], bn[y])) {
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

static int load_file(struct kb *kb, const struct data_file *df, struct tpp_error *err, json_t **root_out,
		     size_t *vendor_index)
{
	struct kb_file f = { .c = { df->path, err }, .kb = kb };
	json_t *root = jv_parse(&f.c, df->data, df->len);
	if (!root)
		return -1;
	*root_out = root;
	static const char *const keys[] = { "schema", "vendor", "vendor_name", "pci_vendor_ids", "revised",
		"sources", "architectures", "parts", NULL };
	double schema = 0;
	jv_only_keys(&f.c, root, "", keys);
	if (jv_number(&f.c, root, "", "schema", true, &schema) && schema != 1)
		jv_fail(&f.c, "schema", "version %g is not supported (this tppscan reads 1)", schema);
	struct kb_vendor *v = &kb->vendors[*vendor_index];
	f.vendor = v;
	v->file = df->path;
	v->id = jv_string(&f.c, root, "", "vendor", true);
	v->name = jv_string(&f.c, root, "", "vendor_name", true);
	jv_date(&f.c, root, "", "revised", true, &v->revised);
	json_t *ids = jv_array(&f.c, root, "", "pci_vendor_ids", true);
	if (jv_failed(&f.c))
		return -1;
	for (size_t i = 0; i < json_array_size(ids); i++) {
		json_t *s = json_array_get(ids, i);
		char p[64];
		if (!json_is_string(s) || v->n_pci_ids >= 8 || !parse_hex16(json_string_value(s), &v->pci_ids[v->n_pci_ids])) {
			jv_fail(&f.c, jv_index_path(p, sizeof(p), "pci_vendor_ids", i),
				"must be four lower-case hex digits (at most 8 ids)");
			return -1;
		}
		v->n_pci_ids++;
	}
	if (!parse_vendor_sources(&f, root))
		return -1;
	(*vendor_index)++;

	json_t *archs = jv_array(&f.c, root, "", "architectures", true);
	json_t *parts = jv_array(&f.c, root, "", "parts", true);
	if (jv_failed(&f.c))
		return -1;
	struct kb_arch *na = realloc(kb->archs, (kb->n_archs + json_array_size(archs) + 1) * sizeof(*na));
	struct kb_part *np = na ? realloc(kb->parts, (kb->n_parts + json_array_size(parts) + 1) * sizeof(*np)) : NULL;
	if (na)
		kb->archs = na;
	if (np)
		kb->parts = np;
	if (!na || !np) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < json_array_size(archs); i++) {
		char p[64];
		struct kb_arch *a = &kb->archs[kb->n_archs];
		*a = (struct kb_arch){ 0 };
		if (!parse_arch(&f, json_array_get(archs, i), jv_index_path(p, sizeof(p), "architectures", i), a))
			return -1;
		kb->n_archs++;
	}
	for (size_t i = 0; i < json_array_size(parts); i++) {
		char p[64];
		struct kb_part *part = &kb->parts[kb->n_parts];
		*part = (struct kb_part){ 0 };
		jv_index_path(p, sizeof(p), "parts", i);
		if (!parse_part(&f, json_array_get(parts, i), p, part))
			return -1;
		compute_part(part);
		if (!check_part_tpp(&f, part, p))
			return -1;
		kb->n_parts++;
	}
	for (size_t i = 0; i < v->n_sources; i++) {
		if (!f.used[i]) {
			char p[320];
			jv_fail(&f.c, jv_key_path(p, sizeof(p), "sources", v->sources[i].key),
				"defined but never cited");
			return -1;
		}
	}
	if (v->revised > kb->revised)
		kb->revised = v->revised;
	return 0;
}

int kb_load(struct kb *kb, const struct data_set *ds, struct tpp_error *err)
{
	*kb = (struct kb){ 0 };
	/* The built-in data was loaded and validated by this same code at
	 * build time (tools/kbgen.c); use the result. */
	if (tpp_generated_kb && strcmp(ds->origin, "embedded") == 0) {
		*kb = *tpp_generated_kb;
		kb->data = ds;
		return 0;
	}
	kb->data = ds;
	size_t n = data_set_select(ds, "devices", NULL, 0);
	const struct data_file **files = calloc(n ? n : 1, sizeof(*files));
	kb->roots = calloc(n ? n : 1, sizeof(*kb->roots));
	kb->vendors = calloc(n ? n : 1, sizeof(*kb->vendors));
	if (!files || !kb->roots || !kb->vendors) {
		free(files);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		kb_free(kb);
		return -1;
	}
	data_set_select(ds, "devices", files, n);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = load_file(kb, files[i], err, &kb->roots[kb->n_roots], &kb->n_vendors);
		if (kb->roots[kb->n_roots])
			kb->n_roots++;
	}
	free(files);
	for (size_t i = 0; rc == 0 && i < kb->n_vendors; i++)
		for (size_t k = i + 1; k < kb->n_vendors; k++)
			if (strcmp(kb->vendors[i].id, kb->vendors[k].id) == 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: vendor '%s' is also the vendor of %s; one file per vendor",
					      kb->vendors[k].file, kb->vendors[k].id, kb->vendors[i].file);
				rc = -1;
			}
	for (size_t i = 0; rc == 0 && i < kb->n_archs; i++)
		for (size_t k = i + 1; k < kb->n_archs; k++)
			if (strcmp(kb->archs[i].id, kb->archs[k].id) == 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: architecture id '%s' is defined twice",
					      kb->archs[k].vendor->file, kb->archs[k].id);
				rc = -1;
			}
	for (size_t i = 0; rc == 0 && i < kb->n_parts; i++) {
		struct kb_part *p = &kb->parts[i];
		if (!p->arch_id)
			continue;
		p->arch = kb_find_arch(kb, p->arch_id);
		if (!p->arch) {
			tpp_error_set(err, TPP_EX_DATAERR, "%s: part %s: architecture '%s' is not defined in any devices file",
				      p->vendor->file, p->id, p->arch_id);
			rc = -1;
		}
	}
	if (rc == 0 && !(check_uniqueness(kb, err) && check_arch_rows(kb, err)))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < kb->n_parts; i++)
		if (!check_part_rates(err, &kb->parts[i]))
			rc = -1;
	if (rc)
		kb_free(kb);
	return rc;
}

void kb_free(struct kb *kb)
{
	if (kb->is_static) {
		/* rows parsed on demand point into roots about to be freed */
		for (size_t i = 0; i < kb->n_parts; i++)
			kb->parts[i].json = NULL;
		for (size_t i = 0; i < kb->n_roots; i++)
			json_decref(kb->roots[i]);
		free(kb->roots);
		*kb = (struct kb){ 0 };
		return;
	}
	for (size_t i = 0; i < kb->n_allocs; i++)
		free(kb->allocs[i]);
	free(kb->allocs);
	for (size_t i = 0; i < kb->n_roots; i++)
		json_decref(kb->roots[i]);
	free(kb->roots);
	free(kb->vendors);
	free(kb->archs);
	free(kb->parts);
	*kb = (struct kb){ 0 };
}

const struct kb_part *kb_find_id(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_parts; i++)
		if (strcmp(kb->parts[i].id, id) == 0)
			return &kb->parts[i];
	return NULL;
}

const struct kb_arch *kb_find_arch(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_archs; i++)
		if (strcmp(kb->archs[i].id, id) == 0)
			return &kb->archs[i];
	return NULL;
}

const struct kb_source *kb_find_source(const struct kb_vendor *v, const char *key)
{
	int i = source_index(v, key);
	return i < 0 ? NULL : &v->sources[i];
}

bool kb_is_known_pci(const struct kb *kb, uint16_t vendor, uint16_t device)
{
	for (size_t i = 0; i < kb->n_parts; i++)
		for (size_t k = 0; k < kb->parts[i].n_pci; k++)
			if (kb->parts[i].pci[k].vendor == vendor && kb->parts[i].pci[k].device == device)
				return true;
	return false;
}

const char *kb_match_name(enum kb_match m)
{
	static const char *const n[] = { [KB_MATCH_NONE] = "none", [KB_MATCH_SUBSYSTEM] = "subsystem",
		[KB_MATCH_DEVICE] = "device", [KB_MATCH_AMBIGUOUS] = "ambiguous" };
	return n[m];
}

static void add_candidate(const struct kb_part *p, const struct kb_part **c, size_t max, size_t *n)
{
	for (size_t i = 0; i < *n && i < max; i++)
		if (c[i] == p)
			return;
	if (*n < max)
		c[*n] = p;
	(*n)++;
}

enum kb_match kb_match_pci(const struct kb *kb, uint16_t vendor, uint16_t device, bool has_subsys,
			   uint16_t subsys_vendor, uint16_t subsys_device, const struct kb_part **part,
			   const struct kb_part **candidates, size_t max, size_t *n_candidates)
{
	const struct kb_part *by_device = NULL, *by_other_subsys = NULL;
	size_t n = 0;
	*part = NULL;
	if (n_candidates)
		*n_candidates = 0;
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *p = &kb->parts[i];
		for (size_t k = 0; k < p->n_pci; k++) {
			const struct kb_pci_key *key = &p->pci[k];
			if (key->vendor != vendor || key->device != device)
				continue;
			if (!key->has_subsys) {
				by_device = p;
				continue;
			}
			if (has_subsys && key->subsys_vendor == subsys_vendor && key->subsys_device == subsys_device) {
				*part = p;
				return KB_MATCH_SUBSYSTEM;
			}
			if (by_other_subsys != p) {
				/* count distinct parts; entries of one part are adjacent */
				by_other_subsys = p;
				add_candidate(p, candidates, max, &n);
			}
		}
	}
	if (by_device) {
		*part = by_device;
		return KB_MATCH_DEVICE;
	}
	if (n == 1) {
		/* Only one part uses this device ID, under other subsystems. */
		*part = by_other_subsys;
		return KB_MATCH_DEVICE;
	}
	if (n > 1) {
		if (n_candidates)
			*n_candidates = n;
		return KB_MATCH_AMBIGUOUS;
	}
	return KB_MATCH_NONE;
}

static bool prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

enum kb_lookup kb_lookup_name(const struct kb *kb, const char *query, const struct kb_part **found,
			      size_t max, size_t *n_found)
{
	*n_found = 0;
	if (!*query)
		return KB_LOOKUP_NONE;
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *p = &kb->parts[i];
		bool exact = names_equal(p->id, query) || names_equal(p->name, query) ||
			     (short_name(p) && names_equal(short_name(p), query));
		for (size_t k = 0; k < p->n_aliases && !exact; k++)
			exact = names_equal(p->aliases[k], query);
		if (exact) {
			/* names are unique across parts (checked at load) */
			if (max)
				found[0] = p;
			*n_found = 1;
			return KB_LOOKUP_EXACT;
		}
	}
	for (size_t i = 0; i < kb->n_parts; i++) {
		const struct kb_part *p = &kb->parts[i];
		bool pre = prefix_ci(p->id, query) || prefix_ci(p->name, query) ||
			   (short_name(p) && prefix_ci(short_name(p), query));
		for (size_t k = 0; k < p->n_aliases && !pre; k++)
			pre = prefix_ci(p->aliases[k], query);
		if (pre) {
			if (*n_found < max)
				found[*n_found] = p;
			(*n_found)++;
		}
	}
	return *n_found == 0 ? KB_LOOKUP_NONE : *n_found == 1 ? KB_LOOKUP_PREFIX : KB_LOOKUP_AMBIGUOUS;
}

bool kb_looks_like_pci_query(const char *s)
{
	/* four hex digits then a colon: "10de:", "0x10de:" is not accepted */
	for (int i = 0; i < 4; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s[4] == ':';
}

bool kb_parse_pci_query(const char *s, struct kb_pci_key *key)
{
	char lower[32];
	size_t len = strlen(s);
	if (len != 9 && len != 19)
		return false;
	for (size_t i = 0; i <= len; i++)
		lower[i] = (char)tolower((unsigned char)s[i]);
	char part[4][5];
	size_t np = 0;
	for (const char *p = lower; np < 4;) {
		const char *colon = strchr(p, ':');
		size_t l = colon ? (size_t)(colon - p) : strlen(p);
		if (l != 4)
			return false;
		memcpy(part[np], p, 4);
		part[np++][4] = '\0';
		if (!colon)
			break;
		p = colon + 1;
	}
	if (np != 2 && np != 4)
		return false;
	*key = (struct kb_pci_key){ 0 };
	if (!parse_hex16(part[0], &key->vendor) || !parse_hex16(part[1], &key->device))
		return false;
	if (np == 4) {
		key->has_subsys = true;
		if (!parse_hex16(part[2], &key->subsys_vendor) || !parse_hex16(part[3], &key->subsys_device))
			return false;
	}
	return true;
}

const struct kb_part *kb_highest_rated(const struct kb_part *const *c, size_t n)
{
	const struct kb_part *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (!best || (c[i]->tpp.known && (!best->tpp.known || c[i]->tpp.tpp > best->tpp.tpp)))
			best = c[i];
	return best;
}

double kb_per_function(const struct kb_part *p, double package_value)
{
	return p->package_functions > 1 ? package_value / p->package_functions : package_value;
}

json_t *kb_part_row(struct kb *kb, const struct kb_part *p)
{
	if (p->json || !kb->data)
		return p->json;
	const struct data_file *df = NULL;
	for (size_t i = 0; i < kb->data->n && !df; i++)
		if (strcmp(kb->data->files[i].path, p->vendor->file) == 0)
			df = &kb->data->files[i];
	if (!df)
		return NULL;
	json_t *root = json_loadb(df->data, df->len, 0, NULL);
	json_t **roots = root ? realloc(kb->roots, (kb->n_roots + 1) * sizeof(*roots)) : NULL;
	if (!roots) {
		json_decref(root);
		return NULL;
	}
	kb->roots = roots;
	kb->roots[kb->n_roots++] = root;
	/* fill every part of this vendor file at once */
	json_t *parts = json_object_get(root, "parts");
	for (size_t i = 0; i < json_array_size(parts); i++) {
		json_t *row = json_array_get(parts, i);
		const char *id = json_string_value(json_object_get(row, "id"));
		struct kb_part *q = id ? (struct kb_part *)kb_find_id(kb, id) : NULL;
		if (q && q->vendor == p->vendor)
			q->json = row;
	}
	return p->json;
}
