/* Parsers for the text the kernel publishes in sysfs and procfs. They take
 * a buffer exactly as read (possibly NUL-padded to a page, with or without
 * a final newline, with CRLF from a copied capture) and do no I/O, so they
 * are fuzzed and tested on in-memory input.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_SYSFS_PARSE_H
#define TPP_PROBE_SYSFS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of parsing one attribute. PARSE_EMPTY is a file the driver left
 * blank (amdgpu product_name on consumer boards): unknown, not an error. */
enum sysfs_parse {
	SYSFS_PARSE_OK,
	SYSFS_PARSE_EMPTY,
	SYSFS_PARSE_MALFORMED,
};

/* Where a problem is described: a short phrase that names what was wrong,
 * quoting (sanitised) the offending text. */
#define SYSFS_WHY_SIZE 128

/* The meaningful text of an attribute: everything before the first NUL,
 * with leading and trailing blanks (space, tab, CR, LF) removed. Returns
 * the length and points *start into buf. */
size_t sysfs_text_span(const char *buf, size_t len, const char **start);

/* The text as a C string in out (truncated to fit, always terminated);
 * EMPTY when there is none. MALFORMED when it holds control characters
 * other than blanks, or line breaks inside (one value was expected). */
enum sysfs_parse sysfs_parse_text(const char *buf, size_t len, char *out, size_t out_size,
				  char why[SYSFS_WHY_SIZE]);

/* One unsigned decimal number (leading "+" or "0x" are not accepted:
 * sysfs prints plain decimal). MALFORMED on anything else or overflow. */
enum sysfs_parse sysfs_parse_u64(const char *buf, size_t len, uint64_t *out,
				 char why[SYSFS_WHY_SIZE]);

/* amdgpu pp_dpm_sclk: lines "<level>: <n>Mhz[ *]". Returns the highest
 * clock in MHz over ALL lines: RDNA3 and later print min, current (marked
 * '*', not a level) and max, so the last line is not always the highest.
 * Level labels are digits, or "S" for the deep-sleep state of SMU 13.
 * EMPTY when no line has a clock, MALFORMED when a line does not fit the
 * pattern or a clock is above 100 GHz. */
enum sysfs_parse sysfs_parse_dpm_max_mhz(const char *buf, size_t len, uint64_t *mhz,
					 char why[SYSFS_WHY_SIZE]);

/* Key/value text. KFD "properties" writes "key value" (one space); procfs
 * files such as /proc/driver/nvidia/gpus/<slot>/information write
 * "Key: value" with tabs and spaces around the value, and keys may
 * themselves contain spaces ("Video BIOS"). */
enum sysfs_kv_style {
	SYSFS_KV_SPACE,   /* key, blanks, value */
	SYSFS_KV_COLON,   /* key, ':', blanks, value; split at the first ':' */
};

/* Finds the first line whose key equals `key` exactly and returns its
 * value (trimmed, not terminated) through val/val_len. Stops at the first
 * NUL. False when no line has that key. */
bool sysfs_kv_find(const char *buf, size_t len, enum sysfs_kv_style style, const char *key,
		   const char **val, size_t *val_len);

/* sysfs_kv_find then sysfs_parse_u64 on the value: EMPTY when the key is
 * absent, MALFORMED when its value is not a number. */
enum sysfs_parse sysfs_kv_u64(const char *buf, size_t len, enum sysfs_kv_style style,
			      const char *key, uint64_t *out, char why[SYSFS_WHY_SIZE]);

#endif
