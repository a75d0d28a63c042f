/* Instants: RFC 3339 UTC text ("2026-11-22T10:00:00Z", the only form a
 * report carries) and seconds since the Unix epoch. No time zone, no
 * leap seconds, no fractions: a scan time is a label, compared and stored.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_TIMESTAMP_H
#define TPP_TIMESTAMP_H

#include <stdbool.h>
#include <stdint.h>

#define TPP_TIME_LEN 21   /* "YYYY-MM-DDTHH:MM:SSZ" and the NUL */

/* Parse exactly YYYY-MM-DDTHH:MM:SSZ (years 1970-9999, a real calendar
 * day, 00-23:00-59:00-59); false on anything else. */
bool tpp_time_parse(const char *s, int64_t *out);
void tpp_time_format(int64_t t, char buf[TPP_TIME_LEN]);
/* Seconds of the first instant of a YYYY-MM-DD day (UTC); false if malformed. */
bool tpp_time_parse_day(const char *s, int64_t *out);

#endif
