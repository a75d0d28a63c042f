/* What a shipment's papers declare, for `tppscan verify`: lines of a
 * knowledge-base part (named, or by PCI IDs), a quantity, optionally the
 * boards' serial numbers and the TPP/PD the paperwork states. From
 * --declared/--qty or a manifest file (JSON or CSV, manifest.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DECLARATION_H
#define TPP_DECLARATION_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/kb.h"
#include "core/error.h"

#define DECL_MAX_LINES 10000
#define DECL_MAX_QUANTITY 1000000
#define DECL_MAX_SERIALS 100000

struct decl_line {
	char origin[96];              /* "--declared", "m.csv:3", "m.json: lines[1]" */
	char *query;                  /* the part as written */
	const struct kb_part *part;   /* resolved */
	const char *match;            /* "name", "prefix", "pci-device", "pci-subsystem" */
	bool by_ids;                  /* the line names PCI IDs */
	struct kb_pci_key ids;
	unsigned long quantity;
	char **serials;
	size_t n_serials;
	bool tpp_set, pd_set;         /* figures the paperwork states */
	double tpp, pd;
};

struct declaration {
	struct decl_line *lines;
	size_t n;
	char *reference;              /* the manifest's shipment reference; NULL if none */
};

/* A new empty line at the end; NULL on out of memory (err set). */
struct decl_line *declaration_add(struct declaration *d, struct tpp_error *err);
bool decl_line_add_serial(struct decl_line *l, const char *serial, size_t len);
void declaration_free(struct declaration *d);

/* Resolve l->query to one part: a PCI ID vvvv:dddd[:ssss:ssss] or a name,
 * alias or unique prefix (kb_lookup_name). A query no part or several
 * parts answer is an error with `status`, naming the candidates (or the
 * nearest names); `what` starts the message ("tppscan verify: --declared",
 * "m.csv:3: part"). */
int decl_resolve(const struct kb *kb, struct decl_line *l, const char *what, int status, struct tpp_error *err);

/* Total quantity declared. */
unsigned long declaration_quantity(const struct declaration *d);

#endif
