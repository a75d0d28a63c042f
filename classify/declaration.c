/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/declaration.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CANDIDATES 64
#define MAX_SUGGESTIONS 6

struct decl_line *declaration_add(struct declaration *d, struct tpp_error *err)
{
	struct decl_line *v = realloc(d->lines, (d->n + 1) * sizeof(*v));
	if (!v) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return NULL;
	}
	d->lines = v;
	struct decl_line *l = &d->lines[d->n++];
	*l = (struct decl_line){ .quantity = 1 };
	return l;
}

bool decl_line_add_serial(struct decl_line *l, const char *serial, size_t len)
{
	char **v = realloc(l->serials, (l->n_serials + 1) * sizeof(*v));
	if (!v)
		return false;
	l->serials = v;
	if (!(v[l->n_serials] = strndup(serial, len)))
		return false;
	l->n_serials++;
	return true;
}

void declaration_free(struct declaration *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].query);
		for (size_t k = 0; k < d->lines[i].n_serials; k++)
			free(d->lines[i].serials[k]);
		free(d->lines[i].serials);
	}
	free(d->lines);
	free(d->reference);
	*d = (struct declaration){ 0 };
}

unsigned long declaration_quantity(const struct declaration *d)
{
	unsigned long n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->lines[i].quantity;
	return n;
}

/* Lower-case letters and digits only: "RTX 4090-D" -> "rtx4090d". */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n; s++)
		if (isalnum((unsigned char)*s))
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

static bool names_contain(const struct kb_part *p, const char *q)
{
	char s[160];
	squeeze(p->id, s, sizeof(s));
	if (strstr(s, q))
		return true;
	squeeze(p->name, s, sizeof(s));
	if (strstr(s, q))
		return true;
	for (size_t k = 0; k < p->n_aliases; k++) {
		squeeze(p->aliases[k], s, sizeof(s));
		if (strstr(s, q))
			return true;
	}
	return false;
}

/* For a query no part answers: the parts whose names contain it (letters
 * and digits only, without case), to say what was perhaps meant; failing
 * that, the parts whose names contain its longest leading part that any
 * does ("4090DX" -> "4090d"), down to three characters. */
static void suggestions(const struct kb *kb, const char *query, char *out, size_t n)
{
	char q[160];
	squeeze(query, q, sizeof(q));
	size_t found = 0;
	*out = '\0';
	for (size_t len = strlen(q); len >= 3 && !found; len--) {
		q[len] = '\0';
		for (size_t i = 0; i < kb->n_parts && !found; i++)
			found = names_contain(&kb->parts[i], q);
	}
	if (strlen(q) < 3)
		return;
	found = 0;
	for (size_t i = 0; *q && i < kb->n_parts; i++) {
		if (!names_contain(&kb->parts[i], q))
			continue;
		if (found < MAX_SUGGESTIONS) {
			char one[128];
			snprintf(one, sizeof(one), "%s%s (%s)", found ? ", " : "", kb->parts[i].id, kb->parts[i].name);
			strncat(out, one, n - strlen(out) - 1);
		}
		found++;
	}
	if (found > MAX_SUGGESTIONS) {
		char more[32];
		snprintf(more, sizeof(more), " and %zu more", found - MAX_SUGGESTIONS);
		strncat(out, more, n - strlen(out) - 1);
	}
}

static void candidate_list(const struct kb_part *const *c, size_t n, char *out, size_t size)
{
	*out = '\0';
	for (size_t i = 0; i < n && i < MAX_CANDIDATES; i++) {
		char one[128];
		snprintf(one, sizeof(one), "%s%s (%s)", i ? ", " : "", c[i]->id, c[i]->name);
		strncat(out, one, size - strlen(out) - 1);
	}
}

static int resolve_ids(const struct kb *kb, struct decl_line *l, const char *what, int status, struct tpp_error *err)
{
	const struct kb_part *cand[MAX_CANDIDATES], *part = NULL;
	size_t n = 0;
	char list[300];
	if (!kb_parse_pci_query(l->query, &l->ids)) {
		tpp_error_set(err, status, "%s '%s': not a PCI ID (expected vvvv:dddd or vvvv:dddd:ssss:ssss, hex)", what,
			      l->query);
		return -1;
	}
	l->by_ids = true;
	enum kb_match m = kb_match_pci(kb, l->ids.vendor, l->ids.device, l->ids.has_subsys, l->ids.subsys_vendor,
				       l->ids.subsys_device, &part, cand, MAX_CANDIDATES, &n);
	switch (m) {
	case KB_MATCH_SUBSYSTEM:
	case KB_MATCH_DEVICE:
		l->part = part;
		l->match = m == KB_MATCH_SUBSYSTEM ? "pci-subsystem" : "pci-device";
		return 0;
	case KB_MATCH_AMBIGUOUS:
		candidate_list(cand, n < MAX_CANDIDATES ? n : MAX_CANDIDATES, list, sizeof(list));
		tpp_error_set(err, status, "%s '%s': the PCI ID is shared by %zu parts; name the part (candidates: %s)",
			      what, l->query, n, list);
		return -1;
	default:
		tpp_error_set(err, status, "%s '%s': no part in the knowledge base has this PCI ID", what, l->query);
		return -1;
	}
}

int decl_resolve(const struct kb *kb, struct decl_line *l, const char *what, int status, struct tpp_error *err)
{
	if (kb_looks_like_pci_query(l->query))
		return resolve_ids(kb, l, what, status, err);
	const struct kb_part *cand[MAX_CANDIDATES];
	size_t n = 0;
	char list[400];
	enum kb_lookup r = kb_lookup_name(kb, l->query, cand, MAX_CANDIDATES, &n);
	if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX) {
		l->part = cand[0];
		l->match = r == KB_LOOKUP_EXACT ? "name" : "prefix";
		return 0;
	}
	if (r == KB_LOOKUP_AMBIGUOUS) {
		candidate_list(cand, n < MAX_CANDIDATES ? n : MAX_CANDIDATES, list, sizeof(list));
		tpp_error_set(err, status, "%s '%s' names %zu parts; name one (candidates: %s%s)", what, l->query, n, list,
			      strlen(list) >= sizeof(list) - 1 ? ", ..." : "");
		return -1;
	}
	suggestions(kb, l->query, list, sizeof(list));
	if (*list)
		tpp_error_set(err, status, "%s '%s': no such part in the knowledge base (candidates: %s)", what, l->query,
			      list);
	else
		tpp_error_set(err, status, "%s '%s': no such part in the knowledge base (see tppscan lookup --all)",
			      what, l->query);
	return -1;
}
