/* Shared by verify.c (matching, line findings) and verify_device.c (the
 * findings of one found record); not a public API.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_VERIFY_INTERNAL_H
#define TPP_VERIFY_INTERNAL_H

#include "classify/verify.h"

/* Append a finding; found/expected/where may be NULL. False on out of memory. */
bool finding_add(struct verify_result *r, enum finding_severity sev, const char *code, size_t line, size_t device,
		 const char *found, const char *expected, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));

/* "NVIDIA H20 (10de:2329)" */
void part_with_ids(char *buf, size_t n, const struct kb_part *p);
/* "10de:2329 sub 10de:198b at 0000:18:00.0" */
void device_ids(char *buf, size_t n, const struct scan_item *it);
/* Where the identity of a found record was read: "<source>, 0000:18:00.0". */
void identity_where(char *buf, size_t n, const struct verify_input *in, const struct scan_item *it);

/* With --dest: found record j, counted against line i, must get the licence
 * answer the declared part gets. */
bool verify_licence_finding(const struct verify_input *in, struct verify_result *r, size_t j, size_t i);

/* The findings of found record j, matched to line i (not a substitute). */
bool verify_device_findings(const struct verify_input *in, struct verify_result *r, size_t j, size_t i,
			    struct tpp_error *err);

#endif
