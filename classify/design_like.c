/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/design_like.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

void design_knobs_from_arch(const struct kb_arch *a, struct design_knobs *k)
{
	*k = (struct design_knobs){ .arch = a, .unit = a->unit, .datacenter = -1, .has_hbm = -1 };
	for (int p = 0; p < PREC_COUNT; p++)
		if (a->has_rate[p] && a->rate[p].known)
			k->rate[p] = (struct design_num){ true, a->rate[p].value, DSRC_ARCH };
}

static struct design_num like_num(const struct kb_qty *q)
{
	return q->known ? (struct design_num){ true, q->value, DSRC_LIKE } : (struct design_num){ 0 };
}

/* A precision the part publishes and its architecture does not rate:
 * the rate that reproduces the published dense figure at the part's own
 * units and clock, so that it scales with both like the others. */
static void part_figure_rates(const struct kb_part *p, struct design_knobs *k)
{
	if (!p->tpp.known || !k->units.known || !k->clock_mhz.known)
		return;
	double per_ops = tpp_tops_from_units(k->units.v, 1, k->clock_mhz.v);
	for (int q = 0; q < PREC_COUNT; q++)
		if (!k->rate[q].known && p->tpp.have[q] && p->tpp.dense_tops[q] > 0 && per_ops > 0)
			k->rate[q] = (struct design_num){ true, p->tpp.dense_tops[q] / per_ops, DSRC_DERIVED };
}

static void part_caps(const struct kb_part *p, struct design_knobs *k)
{
	if (p->cap.kind == KB_CAP_RATE_FACTOR) {
		k->factor = (struct design_num){ true, p->cap.factor, DSRC_LIKE };
	} else if (p->cap.kind == KB_CAP_THROUGHPUT_LIMIT) {
		for (int q = 0; q < PREC_COUNT; q++)
			if (p->cap.has_limit[q] && k->rate[q].known)
				k->cap[q] = (struct design_num){ true, p->cap.limit_tops[q], DSRC_LIKE };
	}
	if (p->cap.kind != KB_CAP_NONE)
		k->cap_reason = p->cap.reason;
}

/* The applicable (non-planar logic) dies, when every one has a known area. */
static void part_dies(const struct kb_part *p, struct design_knobs *k)
{
	if (!p->area.known) {
		k->area_why = "the knowledge base does not know the part's applicable die area";
		return;
	}
	for (size_t i = 0; i < p->n_dies && k->n_dies < DESIGN_MAX_DIES; i++) {
		const struct kb_die *d = &p->dies[i];
		if (!d->logic || d->nonplanar != 1)
			continue;
		k->dies[k->n_dies++] = (struct design_die){ .area_mm2 = d->area_mm2.value,
			.count = d->count > 0 ? d->count : 1, .name = d->name };
	}
	k->dies_src = DSRC_LIKE;
}

int design_knobs_from_part(const struct kb_part *p, struct design_knobs *k, struct tpp_error *err)
{
	if (!p->arch) {
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan design: --like: %s has no architecture in the knowledge base, so its throughput "
			      "cannot be formed from units x clock x rate; use --arch",
			      p->name);
		return -1;
	}
	design_knobs_from_arch(p->arch, k);
	k->like = p;
	if (p->unit_kind)
		k->unit = p->unit_kind;
	k->units = like_num(&p->units);
	k->clock_mhz = like_num(&p->clock_mhz);
	part_figure_rates(p, k);
	part_caps(p, k);
	part_dies(p, k);
	if (p->io_known)
		k->io_bidir = (struct design_num){ true, p->io_bidir_gbps, DSRC_LIKE };
	k->dram_bw = like_num(&p->memory_bw_gbps);
	k->transistors = like_num(&p->transistors);
	k->datacenter = p->datacenter;
	k->datacenter_src = p->datacenter >= 0 ? DSRC_LIKE : DSRC_NONE;
	k->datacenter_evidence = p->datacenter_evidence;
	k->evidence_src = p->datacenter_evidence ? DSRC_LIKE : DSRC_NONE;
	if (p->memory_type)
		k->has_hbm = strncmp(p->memory_type, "HBM", 3) == 0;
	return 0;
}

/* Case-insensitive substring. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static int words_matched(const struct kb_part *p, char words[][32], size_t n_words)
{
	int hits = 0;
	for (size_t w = 0; w < n_words; w++) {
		bool hit = contains(p->id, words[w]) || contains(p->name, words[w]);
		for (size_t a = 0; a < p->n_aliases && !hit; a++)
			hit = contains(p->aliases[a], words[w]);
		hits += hit;
	}
	return hits;
}

size_t design_like_candidates(const struct kb *kb, const char *query, const struct kb_part **out, size_t max)
{
	char words[8][32];
	size_t n_words = 0;
	for (const char *s = query; *s && n_words < 8;) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		size_t l = 0;
		while (s[l] && isalnum((unsigned char)s[l]))
			l++;
		if (l >= 2 && l < sizeof(words[0])) {
			memcpy(words[n_words], s, l);
			words[n_words++][l] = '\0';
		}
		s += l;
	}
	size_t n = 0;
	for (int want = (int)n_words; want > 0 && n < max; want--)
		for (size_t i = 0; i < kb->n_parts && n < max; i++)
			if (words_matched(&kb->parts[i], words, n_words) == want)
				out[n++] = &kb->parts[i];
	return n;
}
