/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


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
		int idx = kb_source_index(f->vendor, json_string_value(k));
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

bool kb_parse_vendor_sources(struct kb_file *f, json_t *root)
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
		if (!kb_is_id(key)) {
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

static bool parse_precision(struct kb_file *f, const char *path, const char *name, enum tpp_precision *p)
{
	if (!tpp_precision_parse(name, p)) {
		jv_fail(&f->c, path, "'%s' is not a precision (fp4 int4 fp6 fp8 int8 fp16 bf16 tf32 fp32 fp64)",
			name);
		return false;
	}
	return true;
}

bool kb_parse_arch(struct kb_file *f, json_t *a, const char *path, struct kb_arch *arch)
{
	static const char *const keys[] = { "id", "name", "unit", "rates", "cores_per_unit", "probe_names", "check",
		"note", NULL };
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
	if (jv_failed(&f->c) || !parse_qty(f, a, path, "cores_per_unit", &arch->cores_per_unit) ||
	    !parse_string_array(f, a, path, "probe_names", false, &arch->probe_names, &arch->n_probe_names))
		return false;
	if (!kb_is_id(arch->id)) {
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
			if (!kb_parse_hex16(fields[n], dst[n])) {
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
			"area_mm2", "count_unverified", "note", NULL };
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
		jv_bool(&f->c, e, ep, "count_unverified", false, &d->count_unverified);
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


/* An optional member that is an object with only `keys`, or null; NULL
 * when absent or null (and on error: check jv_failed). `sub` gets its path. */
static json_t *optional_object(struct kb_file *f, json_t *j, const char *path, const char *key,
			       const char *const *keys, char *sub, size_t size)
{
	json_t *o = json_object_get(j, key);
	jv_key_path(sub, size, path, key);
	if (!o || json_is_null(o))
		return NULL;
	if (!json_is_object(o)) {
		jv_fail(&f->c, sub, "must be an object or null");
		return NULL;
	}
	jv_only_keys(&f->c, o, sub, keys);
	return jv_failed(&f->c) ? NULL : o;
}

static bool parse_identity(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
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
	p->searched = jv_string(&f->c, j, path, "searched", false);
	if (jv_failed(&f->c))
		return false;
	if (!kb_is_id(p->id)) {
		jv_fail(&f->c, jv_key_path(p2, sizeof(p2), path, "id"), "'%s' is not a valid id ([a-z0-9-]+)", p->id);
		return false;
	}
	if (strcmp(p->confidence, "high") && strcmp(p->confidence, "medium") && strcmp(p->confidence, "low")) {
		jv_fail(&f->c, jv_key_path(p2, sizeof(p2), path, "confidence"), "must be high, medium or low");
		return false;
	}
	return parse_string_array(f, j, path, "aliases", true, &p->aliases, &p->n_aliases) &&
	       parse_string_array(f, j, path, "notes", true, &p->notes, &p->n_notes) && parse_pci(f, j, path, p);
}

/* datacenter: {"value": true|false|null, "evidence": ..., "source": ...} */
static bool parse_datacenter(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const keys[] = { "value", "evidence", "source", "note", NULL };
	char p2[320];
	json_t *dc = jv_object(&f->c, j, path, "datacenter", true);
	if (!dc)
		return false;
	jv_key_path(p2, sizeof(p2), path, "datacenter");
	jv_only_keys(&f->c, dc, p2, keys);
	json_t *dv = json_object_get(dc, "value");
	bool dcv = false;
	if (!dv || json_is_null(dv))
		p->datacenter = -1;
	else if (jv_bool(&f->c, dc, p2, "value", true, &dcv))
		p->datacenter = dcv;
	p->datacenter_evidence = jv_string(&f->c, dc, p2, "evidence", true);
	const char **s;
	size_t ns;
	return !jv_failed(&f->c) && parse_sources(f, dc, p2, true, &s, &ns);
}

/* memory, interconnect, units: objects of quantities. */
static bool parse_resources(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const mkeys[] = { "type", "size_gb", "bandwidth_gbps", "hbm_stacks", "note", NULL };
	static const char *const ikeys[] = { "chip_to_chip_bidir_gbps", "host_bidir_gbps", "note", NULL };
	static const char *const ukeys[] = { "kind", "count", "note", NULL };
	char p2[320];
	json_t *mem = optional_object(f, j, path, "memory", mkeys, p2, sizeof(p2));
	if (mem) {
		p->memory_type = jv_string(&f->c, mem, p2, "type", false);
		if (!parse_qty(f, mem, p2, "size_gb", &p->memory_gb) ||
		    !parse_qty(f, mem, p2, "bandwidth_gbps", &p->memory_bw_gbps) ||
		    !parse_qty(f, mem, p2, "hbm_stacks", &p->hbm_stacks))
			return false;
	}
	json_t *ic = optional_object(f, j, path, "interconnect", ikeys, p2, sizeof(p2));
	if (ic && (!parse_qty(f, ic, p2, "chip_to_chip_bidir_gbps", &p->c2c_gbps) ||
		   !parse_qty(f, ic, p2, "host_bidir_gbps", &p->host_gbps)))
		return false;
	json_t *units = optional_object(f, j, path, "units", ukeys, p2, sizeof(p2));
	if (units) {
		p->unit_kind = jv_string(&f->c, units, p2, "kind", true);
		if (!parse_qty(f, units, p2, "count", &p->units))
			return false;
	}
	return !jv_failed(&f->c);
}

/* tpp: {"value", "precision", "derived"} or null */
static bool parse_tpp(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const keys[] = { "value", "precision", "derived", "source", "note", NULL };
	char p2[320];
	json_t *tpp = optional_object(f, j, path, "tpp", keys, p2, sizeof(p2));
	if (!tpp)
		return !jv_failed(&f->c);
	jv_number(&f->c, tpp, p2, "value", true, &p->tpp_declared.value);
	const char *prec = jv_string(&f->c, tpp, p2, "precision", true);
	p->tpp_declared.derived = jv_string(&f->c, tpp, p2, "derived", true);
	enum tpp_precision pr;
	if (jv_failed(&f->c) || !parse_precision(f, p2, prec, &pr))
		return false;
	p->tpp_declared.known = true;
	return true;
}

static bool parse_no_compute(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const keys[] = { "evidence", "source", "note", NULL };
	char p2[320];
	json_t *nc = optional_object(f, j, path, "no_compute", keys, p2, sizeof(p2));
	if (!nc)
		return !jv_failed(&f->c);
	p->no_compute = jv_string(&f->c, nc, p2, "evidence", true);
	const char **s;
	size_t ns;
	if (jv_failed(&f->c) || !parse_sources(f, nc, p2, true, &s, &ns))
		return false;
	if (json_array_size(json_object_get(j, "throughput"))) {
		jv_fail(&f->c, p2, "a part without a compute engine cannot list throughput figures");
		return false;
	}
	return true;
}

static bool parse_package(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const keys[] = { "functions", "note", NULL };
	char p2[320];
	json_t *pkg = optional_object(f, j, path, "package", keys, p2, sizeof(p2));
	if (!pkg)
		return !jv_failed(&f->c);
	double fn = 0;
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
	return true;
}

/* stated (third-party TPP/PD) and bounds (sound limits on unknown figures). */
static bool parse_statements(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	static const char *const skeys[] = { "tpp", "pd", "note", NULL };
	static const char *const bkeys[] = { "tpp_min", "tpp_max", "die_area_min_mm2", "die_area_max_mm2", "note",
		NULL };
	char p2[320];
	json_t *stated = optional_object(f, j, path, "stated", skeys, p2, sizeof(p2));
	if (stated && (!parse_qty(f, stated, p2, "tpp", &p->stated_tpp) || !parse_qty(f, stated, p2, "pd", &p->stated_pd)))
		return false;
	json_t *bounds = optional_object(f, j, path, "bounds", bkeys, p2, sizeof(p2));
	if (bounds && (!parse_qty(f, bounds, p2, "tpp_min", &p->bound_tpp_min) ||
		       !parse_qty(f, bounds, p2, "tpp_max", &p->bound_tpp_max) ||
		       !parse_qty(f, bounds, p2, "die_area_min_mm2", &p->bound_area_min) ||
		       !parse_qty(f, bounds, p2, "die_area_max_mm2", &p->bound_area_max)))
		return false;
	return !jv_failed(&f->c);
}

bool kb_parse_part(struct kb_file *f, json_t *j, const char *path, struct kb_part *p)
{
	return parse_identity(f, j, path, p) && parse_datacenter(f, j, path, p) && parse_dies(f, j, path, p) &&
	       parse_qty(f, j, path, "transistors", &p->transistors) && parse_resources(f, j, path, p) &&
	       parse_qty(f, j, path, "clock_mhz", &p->clock_mhz) &&
	       parse_qty(f, j, path, "max_clock_mhz", &p->max_clock_mhz) && parse_throughput(f, j, path, p) &&
	       parse_cap(f, j, path, p) && parse_tpp(f, j, path, p) && parse_no_compute(f, j, path, p) &&
	       parse_package(f, j, path, p) && parse_statements(f, j, path, p) && !jv_failed(&f->c);
}
