/* Calendar dates as YYYY-MM-DD, the form every rule set and option uses.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DATE_H
#define TPP_DATE_H

#include <stdbool.h>

/* Days since 0000-03-01 style serial: only order and equality matter. */
typedef long tpp_date;

/* Parse exactly YYYY-MM-DD with a real calendar day; false on anything else. */
bool tpp_date_parse(const char *s, tpp_date *out);
/* Today in local time. */
tpp_date tpp_date_today(void);
void tpp_date_format(tpp_date d, char buf[11]);
int tpp_date_year(tpp_date d);

#endif
