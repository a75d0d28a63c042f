/* From report lines to complete scans. A scan is the device lines of one
 * host at one scan time followed by its host line, which says how many
 * device lines there were: a scan whose lines were cut, damaged or mixed
 * with another's is incomplete, reported with its file and lines, and
 * never counted or stored (a half scan would read as removed devices).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_SCAN_H
#define TPP_FLEET_SCAN_H

#include "core/error.h"
#include "core/fleet_record.h"

#define FLEET_MAX_DEVICES 65536   /* per scan: a 16,384-function dump has about 7,500 */

struct fleet_scan {
	struct fleet_labels labels;
	struct fleet_host host;
	struct fleet_device *dev;
	size_t n, cap;
	const char *file;
	unsigned long first_line, last_line;
};

/* A complete scan; non-zero stops the run (with err set). */
typedef int (*fleet_scan_fn)(void *arg, const struct fleet_scan *s, struct tpp_error *err);
/* A problem at file:line; non-zero stops the run (--strict, with err set). */
typedef int (*fleet_problem_fn)(void *arg, const char *file, unsigned long line, const char *what,
				struct tpp_error *err);

struct fleet_assembler {
	struct fleet_scan cur;
	bool open;
	fleet_scan_fn on_scan;
	fleet_problem_fn on_problem;
	void *arg;
	unsigned long incomplete;      /* scans reported incomplete */
};

void fleet_assembler_init(struct fleet_assembler *a, fleet_scan_fn on_scan, fleet_problem_fn on_problem, void *arg);
void fleet_assembler_free(struct fleet_assembler *a);
/* One parsed line of `file` (valid until fleet_assembler_end_file). */
int fleet_assembler_add(struct fleet_assembler *a, const struct fleet_record *r, const char *file,
			unsigned long line, struct tpp_error *err);
/* A line that did not parse: reported; the scan it belonged to will be
 * found incomplete by its host line. */
int fleet_assembler_bad_line(struct fleet_assembler *a, const char *file, unsigned long line, const char *what,
			     struct tpp_error *err);
/* Scans never span files: one still open is incomplete. */
int fleet_assembler_end_file(struct fleet_assembler *a, struct tpp_error *err);

/* A digest of everything a scan says (labels, host line, devices in slot
 * order), as 16 hex digits: the same scan ingested twice is recognised,
 * a different one under the same host and time is a conflict. */
void fleet_scan_digest(const struct fleet_scan *s, char out[17]);

#endif
