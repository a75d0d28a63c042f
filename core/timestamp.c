/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/timestamp.h"

#include <stdio.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

static bool parse_day(const char *s, int64_t *days)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m, d;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' || !digits(s + 8, 2, &d))
		return false;
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

bool tpp_time_parse(const char *s, int64_t *out)
{
	int64_t days;
	unsigned hh, mm, ss;
	if (!s || strlen(s) != TPP_TIME_LEN - 1 || !parse_day(s, &days) || s[10] != 'T' || !digits(s + 11, 2, &hh) ||
	    s[13] != ':' || !digits(s + 14, 2, &mm) || s[16] != ':' || !digits(s + 17, 2, &ss) || s[19] != 'Z')
		return false;
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	*out = days * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

bool tpp_time_parse_day(const char *s, int64_t *out)
{
	int64_t days;
	if (!s || strlen(s) != 10 || !parse_day(s, &days))
		return false;
	*out = days * 86400;
	return true;
}

void tpp_time_format(int64_t t, char buf[TPP_TIME_LEN])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rem = t - days * 86400;
	int y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, TPP_TIME_LEN, "%s", "0000-00-00T00:00:00Z");
		return;
	}
	char tmp[64];   /* the compiler cannot see that every field fits */
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m % 13, d % 32, (unsigned)(rem / 3600) % 24,
		 (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
	memcpy(buf, tmp, TPP_TIME_LEN - 1);
	buf[TPP_TIME_LEN - 1] = '\0';
}
