/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/verdict_cache.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VC_MAX_T 60
#define VC_KEY 20   /* CLASS_MAX_INPUTS + 1, rounded up to whole 64-bit words */

_Static_assert(VC_KEY > CLASS_MAX_INPUTS && VC_KEY % 4 == 0, "the region key holds every input and whole words");

struct vc_param {
	double t[VC_MAX_T];   /* the parameter's thresholds, sorted, unique */
	size_t n;
};

struct vc_entry {
	uint16_t key[VC_KEY];
	uint32_t hash;
	const struct classification *cl;
};

struct vc_name {
	const char *name;
	size_t index;
};

struct verdict_cache {
	const struct ruleset *rs;
	struct vc_name seen[CLASS_MAX_INPUTS * 2];   /* input names met, by address */
	size_t n_seen;
	struct vc_param p[CLASS_MAX_INPUTS];
	size_t n_params;
	bool exact_only;      /* a rule set this cache cannot cut into regions */
	struct vc_entry *e;
	size_t n, cap;        /* open addressing; cap a power of two */
};

static void collect(const struct rule_cond *c, struct verdict_cache *vc)
{
	if (c->kind == COND_CMP && c->param < vc->n_params && vc->rs->params[c->param].type == PARAM_NUMBER) {
		struct vc_param *p = &vc->p[c->param];
		bool seen = false;
		for (size_t i = 0; i < p->n; i++)
			seen |= p->t[i] == c->number;
		if (!seen && p->n == VC_MAX_T)
			vc->exact_only = true;
		else if (!seen)
			p->t[p->n++] = c->number;
	}
	for (size_t i = 0; i < c->n_kids; i++)
		collect(&c->kids[i], vc);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct verdict_cache *verdict_cache_new(const struct ruleset *rs)
{
	struct verdict_cache *vc = calloc(1, sizeof(*vc));
	if (!vc)
		return NULL;
	vc->rs = rs;
	vc->n_params = rs->n_params;
	if (vc->n_params > CLASS_MAX_INPUTS) {
		vc->n_params = CLASS_MAX_INPUTS;
		vc->exact_only = true;
	}
	for (size_t i = 0; i < rs->n_paras; i++)
		collect(&rs->paras[i].cond, vc);
	for (size_t i = 0; i < vc->n_params; i++)
		qsort(vc->p[i].t, vc->p[i].n, sizeof(double), cmp_double);
	return vc;
}

void verdict_cache_free(struct verdict_cache *vc)
{
	if (!vc)
		return;
	free(vc->e);
	free(vc);
}

size_t verdict_cache_regions(const struct verdict_cache *vc)
{
	return vc->n;
}

/* 2k below the k-th threshold (counting from 0), 2k+1 equal to it. */
static uint16_t cell(const struct vc_param *p, double v)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->t[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint16_t)(2 * lo + (lo < p->n && p->t[lo] == v));
}

/* The rule-set parameter an input names. Callers name inputs with string
 * constants, so the address is remembered: no string compare per line. */
static size_t param_index(struct verdict_cache *vc, const char *name)
{
	for (size_t i = 0; i < vc->n_seen; i++)
		if (vc->seen[i].name == name)
			return vc->seen[i].index;
	size_t k = SIZE_MAX;
	for (size_t i = 0; i < vc->n_params && k == SIZE_MAX; i++)
		if (!strcmp(vc->rs->params[i].name, name))
			k = i;
	if (vc->n_seen < sizeof(vc->seen) / sizeof(vc->seen[0]))
		vc->seen[vc->n_seen++] = (struct vc_name){ name, k };
	return k;
}

/* The region of an input: per parameter unknown (0), a boolean (1, 2), a
 * number's cell (3 + cell), or a range's cells (high bit set). */
static bool region_key(struct verdict_cache *vc, const struct class_input *in, uint16_t key[VC_KEY])
{
	memset(key, 0, VC_KEY * sizeof(*key));
	for (size_t j = 0; j < in->n; j++) {
		const struct class_value *v = &in->v[j];
		size_t k = param_index(vc, v->name);
		if (k == SIZE_MAX)
			continue;
		const struct vc_param *p = &vc->p[k];
		if (v->is_bool)
			key[k] = (uint16_t)(1 + v->boolean);
		else if (v->is_range)
			key[k] = (uint16_t)(0x8000 | cell(p, v->lo) << 7 | cell(p, v->hi));
		else if (isnan(v->number))
			return false;
		else
			key[k] = (uint16_t)(3 + cell(p, v->number));
	}
	key[CLASS_MAX_INPUTS] = (uint16_t)(0x100 | in->item_ic | in->item_hbm << 1);
	return true;
}

/* Five words, mixed independently and combined: no chain of twenty
 * multiplies per input line. */
static uint32_t hash_key(const uint16_t *key)
{
	uint64_t w[VC_KEY / 4], h = 0;
	memcpy(w, key, sizeof(w));
	for (size_t i = 0; i < VC_KEY / 4; i++)
		h ^= (w[i] + i) * 0x9E3779B97F4A7C15ull;
	return (uint32_t)(h >> 32 ^ h);
}

static bool grow(struct verdict_cache *vc)
{
	size_t cap = vc->cap ? vc->cap * 2 : 64;
	struct vc_entry *e = calloc(cap, sizeof(*e));
	if (!e)
		return false;
	for (size_t i = 0; i < vc->cap; i++) {
		if (!vc->e[i].cl)
			continue;
		size_t k = vc->e[i].hash & (cap - 1);
		while (e[k].cl)
			k = (k + 1) & (cap - 1);
		e[k] = vc->e[i];
	}
	free(vc->e);
	vc->e = e;
	vc->cap = cap;
	return true;
}

const struct classification *verdict_cache_get(struct verdict_cache *vc, struct assessor *a,
					       const struct class_input *in, struct tpp_error *err)
{
	uint16_t key[VC_KEY];
	if (vc->exact_only || !region_key(vc, in, key))
		return assess_classify(a, vc->rs, in, err);
	uint32_t h = hash_key(key);
	size_t k = vc->cap ? h & (vc->cap - 1) : 0;
	for (; vc->cap && vc->e[k].cl; k = (k + 1) & (vc->cap - 1))
		if (vc->e[k].hash == h && !memcmp(vc->e[k].key, key, sizeof(key)))
			return vc->e[k].cl;
	const struct classification *cl = assess_classify(a, vc->rs, in, err);
	if (!cl)
		return NULL;
	if ((vc->n + 1) * 2 > vc->cap && !grow(vc))
		return cl;   /* no room to remember it: still a right answer */
	k = h & (vc->cap - 1);
	while (vc->e[k].cl)
		k = (k + 1) & (vc->cap - 1);
	memcpy(vc->e[k].key, key, sizeof(key));
	vc->e[k].hash = h;
	vc->e[k].cl = cl;
	vc->n++;
	return cl;
}
