/* The accelerator knowledge base (devices/ *.json): parts, their PCI keys,
 * datasheet figures with sources, and per-architecture rates.
 * Schema and rules: docs/knowledge-base.md.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_KB_H
#define TPP_KB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/datafiles.h"
#include "core/date.h"
#include "core/error.h"
#include "classify/metrics.h"

/* A number with where it came from; known == false is JSON null. */
struct kb_qty {
	bool known;
	double value;
	const char *derived;      /* the arithmetic, when computed rather than quoted */
	const char *note;
	const char **sources;     /* keys into the vendor file's sources */
	size_t n_sources;
};

struct kb_source {
	const char *key, *title, *publisher, *url, *date, *kind, *note;
};

struct kb_vendor {
	const char *id;           /* "nvidia" */
	const char *name;         /* "NVIDIA" */
	const char *file;
	uint16_t pci_ids[8];
	size_t n_pci_ids;
	tpp_date revised;
	struct kb_source *sources;
	size_t n_sources;
};

struct kb_arch_check {
	const char *part_id;
	enum tpp_precision precision;
};

struct kb_arch {
	const char *id, *name, *unit;
	const struct kb_vendor *vendor;
	bool has_rate[PREC_COUNT];
	struct kb_qty rate[PREC_COUNT];   /* dense ops per clock per unit */
	struct kb_qty cores_per_unit;     /* shader/CUDA cores per unit (NVML counts cores) */
	const char **probe_names;         /* what drivers report for it: NVML "Hopper", KFD "gfx942" */
	size_t n_probe_names;
	struct kb_arch_check *checks;
	size_t n_checks;
};

struct kb_pci_key {
	uint16_t vendor, device;
	bool has_subsys;
	uint16_t subsys_vendor, subsys_device;
};

struct kb_die {
	const char *name, *role, *process;
	int count;
	bool logic;
	int nonplanar;            /* 1 yes, 0 no, -1 unknown */
	struct kb_qty area_mm2;   /* per die */
	bool count_unverified;    /* the count is not published: no bound may rest on it */
};

struct kb_figure {
	enum tpp_precision precision;
	double tops;              /* as published */
	bool sparse;              /* halved when used */
	const char *unit;
	struct kb_qty q;          /* sources / derivation of the figure */
};

enum kb_cap_kind { KB_CAP_NONE, KB_CAP_RATE_FACTOR, KB_CAP_THROUGHPUT_LIMIT };

struct kb_cap {
	enum kb_cap_kind kind;
	double factor;
	bool has_limit[PREC_COUNT];
	double limit_tops[PREC_COUNT];
	const char *reason;
};

struct kb_part {
	const char *id, *name;
	const char **aliases;
	size_t n_aliases;
	const struct kb_vendor *vendor;
	const char *arch_id;      /* as written; NULL when none */
	const struct kb_arch *arch;
	const char *chip, *form_factor, *released, *confidence;
	struct kb_pci_key *pci;
	size_t n_pci;
	int datacenter;           /* 1, 0, or -1 unknown */
	const char *datacenter_evidence;
	struct kb_die *dies;
	size_t n_dies;
	struct kb_qty transistors, memory_gb, memory_bw_gbps, hbm_stacks;
	const char *memory_type;
	struct kb_qty c2c_gbps, host_gbps;
	const char *unit_kind;
	struct kb_qty units, clock_mhz;
	struct kb_qty max_clock_mhz; /* vendor's highest (boost) clock, when above clock_mhz */
	struct kb_figure *figures;
	size_t n_figures;
	struct kb_qty tpp_declared;
	struct kb_cap cap;
	int package_functions;    /* 0 or 1: one function per package */
	const char *package_note;
	struct kb_qty stated_tpp, stated_pd;
	const char *no_compute;   /* evidence that the part has no compute engine (TPP 0) */
	/* Sound bounds on unknown figures (e.g. a cut-down variant's TPP is at
	 * most its parent's), each with the reasoning in `derived`. */
	struct kb_qty bound_tpp_min, bound_tpp_max, bound_area_min, bound_area_max;
	const char *searched;     /* for a figure left unknown: what was searched, when */
	const char **notes;
	size_t n_notes;
	json_t *json;             /* the row as written (borrowed) */

	/* Computed at load from the row's own figures. */
	struct tpp_result tpp;
	struct tpp_area area;
	bool pd_known;
	double pd;
	bool io_known;            /* chip-to-chip + host, both known */
	double io_bidir_gbps;
};

struct kb {
	struct kb_vendor *vendors;
	size_t n_vendors;
	struct kb_arch *archs;
	size_t n_archs;
	struct kb_part *parts;
	size_t n_parts;
	tpp_date revised;         /* newest revision of any file */
	json_t **roots;
	size_t n_roots;
	void **allocs;            /* everything allocated, freed together */
	size_t n_allocs, cap_allocs;
	bool is_static;           /* the compiled-in copy: arrays are not ours to free */
	const struct data_set *data;   /* where the rows' JSON is, for kb_part_row */
};

/* Load and validate every devices/ file of the data set: the schema (with
 * file and JSON path in every error), unique ids, PCI keys, names and
 * aliases, each row's TPP against its own figures, each architecture check
 * and each part's units x clock x rate against its figures (2 %). */
int kb_load(struct kb *kb, const struct data_set *ds, struct tpp_error *err);
/* The part's row as written in its devices file (parsed on first use for
 * the compiled-in knowledge base); NULL if the file cannot be read. */
json_t *kb_part_row(struct kb *kb, const struct kb_part *p);
void kb_free(struct kb *kb);

const struct kb_part *kb_find_id(const struct kb *kb, const char *id);
const struct kb_arch *kb_find_arch(const struct kb *kb, const char *id);
const struct kb_source *kb_find_source(const struct kb_vendor *v, const char *key);
bool kb_is_known_pci(const struct kb *kb, uint16_t vendor, uint16_t device);

enum kb_match {
	KB_MATCH_NONE,
	KB_MATCH_SUBSYSTEM,       /* vendor, device and subsystem */
	KB_MATCH_DEVICE,          /* vendor and device */
	KB_MATCH_AMBIGUOUS,       /* several parts share the device ID; subsystem did not decide */
};
const char *kb_match_name(enum kb_match m);

/* Match PCI IDs; candidates (up to max) are filled on AMBIGUOUS. */
enum kb_match kb_match_pci(const struct kb *kb, uint16_t vendor, uint16_t device, bool has_subsys,
			   uint16_t subsys_vendor, uint16_t subsys_device, const struct kb_part **part,
			   const struct kb_part **candidates, size_t max, size_t *n_candidates);

enum kb_lookup { KB_LOOKUP_EXACT, KB_LOOKUP_PREFIX, KB_LOOKUP_NONE, KB_LOOKUP_AMBIGUOUS };
/* Case-insensitive exact match of id, name (with or without the vendor
 * name), or alias; otherwise a unique prefix of one of them. */
enum kb_lookup kb_lookup_name(const struct kb *kb, const char *query, const struct kb_part **found,
			      size_t max, size_t *n_found);

/* The candidate with the highest datasheet TPP (unknown counts lowest): the
 * choice that never under-rates a part whose IDs are shared. */
const struct kb_part *kb_highest_rated(const struct kb_part *const *c, size_t n);

/* Parse "vvvv:dddd" or "vvvv:dddd:ssss:ssss"; false if malformed. */
bool kb_parse_pci_query(const char *s, struct kb_pci_key *key);
bool kb_looks_like_pci_query(const char *s);

/* The architecture a probed string names (NVML architecture, amdgpu/KFD
 * gfx target): an architecture's probe_names entry matched without case at
 * the start of the string, not followed by a letter or digit. NULL when no
 * entry pins one down (NVML "Ampere" covers two rate tables). */
const struct kb_arch *kb_arch_from_probe_name(const struct kb *kb, const char *s, const char **matched);

/* Per-function figures of a multi-function package. */
double kb_per_function(const struct kb_part *p, double package_value);

#endif
