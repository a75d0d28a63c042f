/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/assess_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cache_entry {
	const struct ruleset *rs;
	struct class_input in;
	uint64_t hash;
	struct classification cl;
};

struct assess_cache {
	struct cache_entry **slots;   /* open addressing, power-of-two size */
	size_t n, cap;
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static uint64_t hash_input(const struct ruleset *rs, const struct class_input *in)
{
	uint64_t h = mix(14695981039346656037ull, &rs, sizeof(rs));
	h = mix(h, &in->item_ic, sizeof(in->item_ic));
	h = mix(h, &in->item_hbm, sizeof(in->item_hbm));
	h = mix(h, &in->pd_area_mm2, sizeof(in->pd_area_mm2));
	for (size_t i = 0; i < in->n; i++) {
		const struct class_value *v = &in->v[i];
		h = mix(h, v->name, strlen(v->name));
		h = mix(h, v->source ? v->source : "", v->source ? strlen(v->source) : 0);
		if (v->is_bool)
			h = mix(h, &v->boolean, sizeof(v->boolean));
		else if (v->is_range) {
			h = mix(h, &v->lo, sizeof(v->lo));
			h = mix(h, &v->hi, sizeof(v->hi));
		} else
			h = mix(h, &v->number, sizeof(v->number));
	}
	return h;
}

static bool same_input(const struct class_input *a, const struct class_input *b)
{
	if (a->n != b->n || a->item_ic != b->item_ic || a->item_hbm != b->item_hbm || a->pd_area_mm2 != b->pd_area_mm2)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct class_value *x = &a->v[i], *y = &b->v[i];
		if (strcmp(x->name, y->name) || x->is_bool != y->is_bool || x->is_range != y->is_range)
			return false;
		if (x->is_bool ? x->boolean != y->boolean
			       : x->is_range ? (x->lo != y->lo || x->hi != y->hi || strcmp(x->why, y->why))
					     : x->number != y->number)
			return false;
		if ((x->source == NULL) != (y->source == NULL) || (x->source && strcmp(x->source, y->source)))
			return false;
	}
	return true;
}

struct assess_cache *assess_cache_new(void)
{
	return calloc(1, sizeof(struct assess_cache));
}

void assess_cache_free(struct assess_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i]) {
			classification_free(&c->slots[i]->cl);
			free(c->slots[i]);
		}
	free(c->slots);
	free(c);
}

static bool grow(struct assess_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 64;
	struct cache_entry **s = calloc(cap, sizeof(*s));
	if (!s)
		return false;
	for (size_t i = 0; i < c->cap; i++) {
		struct cache_entry *e = c->slots[i];
		if (!e)
			continue;
		size_t k = e->hash & (cap - 1);
		while (s[k])
			k = (k + 1) & (cap - 1);
		s[k] = e;
	}
	free(c->slots);
	c->slots = s;
	c->cap = cap;
	return true;
}

const struct classification *assess_cache_get(struct assess_cache *c, const struct ruleset *rs,
					      const struct class_input *in, struct tpp_error *err)
{
	uint64_t h = hash_input(rs, in);
	for (size_t k = c->cap ? h & (c->cap - 1) : 0; c->cap && c->slots[k]; k = (k + 1) & (c->cap - 1)) {
		struct cache_entry *e = c->slots[k];
		if (e->hash == h && e->rs == rs && same_input(&e->in, in))
			return &e->cl;
	}
	if ((c->n + 1) * 2 > c->cap && !grow(c)) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	struct cache_entry *e = calloc(1, sizeof(*e));
	if (!e) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	e->rs = rs;
	e->in = *in;
	e->hash = h;
	if (classify_evaluate(rs, in, &e->cl, err)) {
		free(e);
		return NULL;
	}
	size_t k = h & (c->cap - 1);
	while (c->slots[k])
		k = (k + 1) & (c->cap - 1);
	c->slots[k] = e;
	c->n++;
	return &e->cl;
}
