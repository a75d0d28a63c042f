/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb_internal.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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
	int i = kb_source_index(v, key);
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
		bool exact = kb_names_equal(p->id, query) || kb_names_equal(p->name, query) ||
			     (kb_short_name(p) && kb_names_equal(kb_short_name(p), query));
		for (size_t k = 0; k < p->n_aliases && !exact; k++)
			exact = kb_names_equal(p->aliases[k], query);
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
			   (kb_short_name(p) && prefix_ci(kb_short_name(p), query));
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
	if (!kb_parse_hex16(part[0], &key->vendor) || !kb_parse_hex16(part[1], &key->device))
		return false;
	if (np == 4) {
		key->has_subsys = true;
		if (!kb_parse_hex16(part[2], &key->subsys_vendor) || !kb_parse_hex16(part[3], &key->subsys_device))
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

const struct kb_arch *kb_arch_from_probe_name(const struct kb *kb, const char *s, const char **matched)
{
	if (!s)
		return NULL;
	for (size_t a = 0; a < kb->n_archs; a++)
		for (size_t i = 0; i < kb->archs[a].n_probe_names; i++) {
			const char *n = kb->archs[a].probe_names[i];
			size_t l = strlen(n);
			if (strncasecmp(s, n, l) == 0 && !isalnum((unsigned char)s[l])) {
				if (matched)
					*matched = n;
				return &kb->archs[a];
			}
		}
	return NULL;
}
