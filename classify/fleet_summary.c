/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/fleet_summary.h"
#include "core/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const dim_names[FLEET_N_DIMS] = { "eccn", "part", "site", "country", "host" };

const char *fleet_dim_name(enum fleet_dim d)
{
	return dim_names[d];
}

bool fleet_dim_parse(const char *s, enum fleet_dim *out)
{
	for (int i = 0; i < FLEET_N_DIMS; i++)
		if (!strcmp(s, dim_names[i])) {
			*out = (enum fleet_dim)i;
			return true;
		}
	return false;
}

void fleet_summary_init(struct fleet_summary *s, const enum fleet_dim *by, size_t n_by, const struct diffusion *d,
			bool quotas)
{
	*s = (struct fleet_summary){ .n_by = n_by, .diff = d, .quotas = quotas && d };
	memcpy(s->by, by, n_by * sizeof(*by));
}

static void groups_free(struct fleet_groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->g[i].key);
	free(g->g);
	free(g->slots);
	*g = (struct fleet_groups){ 0 };
}

void fleet_summary_free(struct fleet_summary *s)
{
	groups_free(&s->groups);
	groups_free(&s->countries);
}

/* --- the group table ------------------------------------------------------ */

static uint32_t hash_key(const char *k, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static bool rehash(struct fleet_groups *g)
{
	size_t n = g->n_slots ? g->n_slots * 2 : 64;
	uint32_t *slots = calloc(n, sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < g->n; i++) {
		size_t k = g->g[i].hash & (n - 1);
		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(g->slots);
	g->slots = slots;
	g->n_slots = n;
	return true;
}

static struct fleet_group *add_group(struct fleet_groups *g, const char *key, size_t len, uint32_t h, size_t n_values)
{
	struct fleet_group *ng = grow_for_one(g->g, g->n, &g->cap, sizeof(*ng), 32);
	if (!ng)
		return NULL;
	g->g = ng;
	struct fleet_group *grp = &g->g[g->n];
	*grp = (struct fleet_group){ .hash = h, .last_scan = 0 };
	if (!(grp->key = malloc(len)))
		return NULL;
	memcpy(grp->key, key, len);
	const char *p = grp->key;
	for (size_t i = 0; i < n_values; i++, p += strlen(p) + 1)
		grp->values[i] = p;
	g->n++;
	if ((g->n * 2 > g->n_slots && !rehash(g)))
		return NULL;
	size_t k = h & (g->n_slots - 1);
	while (g->slots[k])
		k = (k + 1) & (g->n_slots - 1);
	g->slots[k] = (uint32_t)g->n;
	return grp;
}

/* The group of `key` (values each NUL-terminated, `len` bytes in all). */
static struct fleet_group *find_group(struct fleet_groups *g, const char *key, size_t len, size_t n_values)
{
	uint32_t h = hash_key(key, len);
	for (size_t k = g->n_slots ? h & (g->n_slots - 1) : 0; g->n_slots && g->slots[k]; k = (k + 1) & (g->n_slots - 1)) {
		struct fleet_group *grp = &g->g[g->slots[k] - 1];
		if (grp->hash == h && !memcmp(grp->key, key, len))
			return grp;
	}
	return add_group(g, key, len, h, n_values);
}

/* --- adding a scan --------------------------------------------------------- */

static const char *dim_value(enum fleet_dim d, const struct fleet_scan *scan, const struct fleet_device *dev,
			     char *buf, size_t n)
{
	switch (d) {
	case FLEET_BY_ECCN:
		return dev->label;
	case FLEET_BY_PART:
		if (*dev->part)
			return dev->part;
		snprintf(buf, n, "pci:%s:%s", dev->vendor_id, dev->device_id);
		return buf;
	case FLEET_BY_SITE:
		return scan->labels.site;
	case FLEET_BY_COUNTRY:
		return scan->labels.country;
	default:
		return scan->labels.host_id;
	}
}

static size_t build_key(const struct fleet_summary *s, const struct fleet_scan *scan, const struct fleet_device *dev,
			char *key, size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < s->n_by; i++) {
		char buf[32];
		const char *v = dim_value(s->by[i], scan, dev, buf, sizeof(buf));
		size_t l = strlen(v) + 1;
		if (len + l > cap)
			l = cap - len;   /* cannot happen: the fields are bounded */
		memcpy(key + len, v, l);
		len += l;
	}
	return len;
}

static void add_device(struct fleet_summary *s, struct fleet_stats *st, const struct fleet_device *dev)
{
	st->devices++;
	bool controlled = dev->status == FLEET_CONTROLLED;
	st->controlled += controlled;
	st->undetermined += dev->status == FLEET_UNDETERMINED;
	bool counted = s->diff && diffusion_counts(s->diff, dev->eccn);
	st->counted += counted;
	if (!dev->tpp_known) {
		st->tpp_unknown++;
		st->counted_unknown += counted;
		return;
	}
	st->tpp += dev->tpp;
	if (controlled)
		st->controlled_tpp += dev->tpp;
	if (counted)
		st->counted_tpp += dev->tpp;
}

static void note_rule_set(struct fleet_summary *s, const char *id)
{
	for (size_t i = 0; i < s->n_rule_sets; i++)
		if (!strcmp(s->rule_sets[i], id))
			return;
	if (s->n_rule_sets == FLEET_MAX_RULE_SETS) {
		s->more_rule_sets = true;
		return;
	}
	snprintf(s->rule_sets[s->n_rule_sets++], sizeof(s->rule_sets[0]), "%s", id);
}

static int oom(struct tpp_error *err)
{
	tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	return -1;
}

/* A group counts a host once per scan, however many devices it adds. */
static void count_host(struct fleet_summary *s, struct fleet_group *g)
{
	if (g && g->last_scan != s->serial) {
		g->last_scan = s->serial;
		g->s.hosts++;
	}
}

int fleet_summary_add(struct fleet_summary *s, const struct fleet_scan *scan, struct tpp_error *err)
{
	s->scans++;
	s->serial++;
	bool any = false;
	char key[FLEET_N_DIMS * 200];
	for (size_t i = 0; i < scan->n; i++) {
		const struct fleet_device *dev = &scan->dev[i];
		note_rule_set(s, dev->rule_set);
		if (dev->display_only) {
			s->display_only++;
			continue;
		}
		any = true;
		add_device(s, &s->total, dev);
		struct fleet_group *g = NULL, *c = NULL;
		if (s->n_by) {
			size_t len = build_key(s, scan, dev, key, sizeof(key));
			if (!(g = find_group(&s->groups, key, len, s->n_by)))
				return oom(err);
			add_device(s, &g->s, dev);
		}
		if (s->quotas) {
			const char *cc = scan->labels.country;
			if (!(c = find_group(&s->countries, cc, strlen(cc) + 1, 1)))
				return oom(err);
			add_device(s, &c->s, dev);
		}
		count_host(s, g);
		count_host(s, c);
	}
	s->total.hosts += any;
	return 0;
}

/* --- results ----------------------------------------------------------------- */

static size_t sort_n;
static int cmp_group(const void *x, const void *y)
{
	const struct fleet_group *a = *(const struct fleet_group *const *)x, *b = *(const struct fleet_group *const *)y;
	for (size_t i = 0; i < sort_n; i++) {
		int c = strcmp(a->values[i], b->values[i]);
		if (c)
			return c;
	}
	return 0;
}

const struct fleet_group **fleet_groups_sorted(const struct fleet_groups *g)
{
	const struct fleet_group **v = malloc((g->n ? g->n : 1) * sizeof(*v));
	if (!v)
		return NULL;
	size_t n_values = 0;
	for (size_t i = 0; i < g->n; i++) {
		v[i] = &g->g[i];
		while (n_values < FLEET_N_DIMS && g->g[i].values[n_values])
			n_values++;
	}
	sort_n = n_values;
	qsort(v, g->n, sizeof(*v), cmp_group);
	return v;
}

double fleet_h100e(const struct fleet_summary *s, double tpp)
{
	return s->diff && s->diff->h100_tpp > 0 ? tpp / s->diff->h100_tpp : 0;
}

void fleet_quota_of(const struct fleet_summary *s, const struct fleet_group *country, struct fleet_quota *out)
{
	*out = (struct fleet_quota){ .country = country->values[0] };
	out->tier = diffusion_tier_of(s->diff, out->country);
	out->uncertain = diffusion_uncertain(s->diff, out->tier, out->country);
	out->h100e = fleet_h100e(s, country->s.counted_tpp);
	if (out->tier && out->tier->has_cap) {
		out->has_share = true;
		out->share = country->s.counted_tpp / out->tier->cap_tpp;
	}
}
