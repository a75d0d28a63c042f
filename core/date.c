/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Howard Hinnant's days_from_civil, shifted so any positive year works. */
static tpp_date from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = y / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe;
}

static void to_civil(tpp_date z, int *y, int *m, int *d)
{
	long era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool tpp_date_parse(const char *s, tpp_date *out)
{
	if (!s)
		return false;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	if (s[10] != '\0')
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = from_civil(y, m, d);
	return true;
}

tpp_date tpp_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void tpp_date_format(tpp_date dt, char buf[11])
{
	int y, m, d;
	to_civil(dt, &y, &m, &d);
	/* the bounds keep the output at exactly 10 characters */
	snprintf(buf, 11, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000, (m % 100 + 100) % 100,
		 (d % 100 + 100) % 100);
}

int tpp_date_year(tpp_date dt)
{
	int y, m, d;
	to_civil(dt, &y, &m, &d);
	return y;
}
