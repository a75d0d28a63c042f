/* tppscan verify's decision: the hardware found against its declaration.
 * Found records are matched to declaration lines by part (then by a shared
 * PCI ID, then as substitutes for lines left short), and every difference
 * a customs lab must see becomes a finding with a severity, the value
 * found, the value expected, where the found value was read, and one line
 * saying what it means. No I/O: the command reads, this decides, the
 * renderers render (cli/verify_*.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_VERIFY_H
#define TPP_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/assess.h"
#include "classify/declaration.h"

#define VERIFY_NONE ((size_t)-1)

/* mismatch: the hardware is not what was declared (exit 1); warning: a
 * difference that does not by itself make it so; info: context. */
enum finding_severity { SEV_INFO, SEV_WARNING, SEV_MISMATCH };
const char *finding_severity_name(enum finding_severity s);

struct finding {
	enum finding_severity severity;
	const char *code;             /* stable (tppscan(1), FINDINGS): "quantity", "units", ... */
	size_t line;                  /* declaration line, or VERIFY_NONE */
	size_t device;                /* index of the found record, or VERIFY_NONE */
	char found[320];              /* "" when nothing was found */
	char expected[320];
	char where[320];              /* the file or call the found value came from */
	char text[480];
};

struct verify_input {
	const struct declaration *decl;
	const struct assessment *declared;   /* per line: the declared part (assess_part) */
	const struct assessment *figures;    /* per line: the paperwork's TPP/PD (assess_declared); cl NULL if none */
	const struct assessment *found;      /* per device or package, slot order */
	size_t n_found;
	const char *source;                  /* where identities were read: "lspci dump FILE", "sysfs DIR" */
	struct assessor *as;                 /* to classify the candidates of a shared PCI ID */
};

struct verify_result {
	struct finding *findings;
	size_t n, cap;
	size_t *line_of;              /* per found record: its declaration line, VERIFY_NONE if none */
	bool *substitute;             /* per found record: another part, counted against a short line */
	size_t *matched;              /* per line: found records that are the declared part */
	size_t n_mismatch, n_warning, n_info;
};

int verify_compare(const struct verify_input *in, struct verify_result *out, struct tpp_error *err);
void verify_result_free(struct verify_result *r);
/* 0 when the hardware matches its declaration, 1 when any finding is a mismatch. */
int verify_exit_status(const struct verify_result *r);

/* "3A090.a (3A090.a.1, 3A090.a.2)", "not 3A090 (Note 2 to 3A090)",
 * "undetermined (needs pd)": the verdict two records are compared on. */
void verify_verdict_text(char *buf, size_t n, const struct classification *cl);
bool verify_same_verdict(const struct classification *a, const struct classification *b);

/* The paperwork's TPP/PD of a line classified with the declared part's
 * other parameters (datacenter, I/O, memory...): PD derived from the part's
 * die area when only TPP is stated. A record of kind ASSESS_DECLARED. */
int verify_assess_figures(struct assessor *as, const struct decl_line *l, struct assessment *out,
			  struct tpp_error *err);

/* The licence answer of a record made with --dest, as the line two records
 * are compared on: "licence required (denial)", "no licence required
 * (exception NAC, notify)", "licence undetermined". False when the record
 * has no licence answer (no --dest). A found part whose answer differs from
 * the declared part's is a mismatch, as a differing verdict is. */
bool verify_licence_answer(const struct assessment *a, char *answer, size_t n);

#endif
