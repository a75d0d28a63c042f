/* A fleet report as plain data: what `scan --format jsonl` writes, one
 * line per device and a closing host line per scan (tppscan(1), FLEET),
 * read back by `fleet ingest` and `fleet summary`. Fixed-size fields, so
 * reading a million lines allocates nothing; a value too long for its
 * field makes the line malformed, never silently cut.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_RECORD_H
#define TPP_FLEET_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/timestamp.h"

#define FLEET_SCHEMA_VERSION 1
#define FLEET_HOST_ID_MAX 128     /* bytes of a host id */
#define FLEET_LABEL_MAX 64        /* a site label, a host name */

enum fleet_status { FLEET_NOT_CONTROLLED, FLEET_CONTROLLED, FLEET_UNDETERMINED };
const char *fleet_status_name(enum fleet_status s);
bool fleet_status_parse(const char *s, enum fleet_status *out);

/* Where and when: on every line of a scan, the same on each. */
struct fleet_labels {
	char host_id[FLEET_HOST_ID_MAX + 1];
	char site[FLEET_LABEL_MAX + 1];          /* "" when not given */
	char country[3];                         /* ISO 3166-1 alpha-2, "" when not given */
	char scan_time[TPP_TIME_LEN];
	int64_t scan_epoch;
};

struct fleet_device {
	char slot[64];
	char vendor_id[5], device_id[5], subsystem_vendor_id[5], subsystem_id[5];
	char part[96];                           /* knowledge-base id, "" when unknown */
	char name[160];
	char uuid[96], serial[64], vbios[64];
	bool tpp_known, pd_known;
	double tpp, pd;                          /* the figures the verdict used */
	char tpp_source[16];
	enum fleet_status status;
	char eccn[16];                           /* "" when none */
	char label[24];                          /* "3A090.a", "3A090.b+", "not 3A090", "undetermined" */
	char rule_set[24];
	char paragraphs[160];                    /* matched control paragraphs, ';'-separated */
	char flags[256];                         /* warning codes, ';'-separated */
	bool display_only;
};

/* The host line that closes a scan. */
struct fleet_host {
	char hostname[FLEET_LABEL_MAX + 1];
	char tool_version[32], data_version[48], rule_set[24];
	double devices;                          /* device lines the scan wrote */
};

enum fleet_record_kind { FLEET_REC_DEVICE, FLEET_REC_HOST };

struct fleet_record {
	enum fleet_record_kind kind;
	struct fleet_labels labels;
	struct fleet_device dev;
	struct fleet_host host;
};

/* Parse one report line (modified in place). 0, or -1 with the problem
 * in msg ("column 12: invalid number", "missing member scan_time"). */
int fleet_record_parse(char *line, size_t len, struct fleet_record *out, char *msg, size_t msg_len);

/* Labels as scan --host-id/--site/--country check them: a host id of 1 to
 * 128 bytes, a site of at most 64, no control characters; a country of
 * two ASCII letters (upper-cased into out). NULL, or what is wrong. */
const char *fleet_check_host_id(const char *s);
const char *fleet_check_site(const char *s);
const char *fleet_check_country(const char *s, char out[3]);

#endif
