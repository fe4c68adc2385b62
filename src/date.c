/* date.c - ISO 8601 calendar dates. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

static bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

int date_parse(const char *text, struct date *out, jaw_err *err)
{
	static const char shape[] = "dddd-dd-dd";
	size_t len = strlen(text);
	bool ok = len == sizeof shape - 1;
	for (size_t i = 0; ok && i < len; i++)
		ok = shape[i] == 'd' ? isdigit((unsigned char)text[i]) != 0 : text[i] == '-';
	if (!ok)
		return err_set(err, JAW_FAIL, "\"%.40s\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04",
		               text);
	struct date d;
	sscanf(text, "%4d-%2d-%2d", &d.year, &d.month, &d.day);
	if (d.year < 1000)
		return err_set(err, JAW_FAIL, "\"%s\": year %d is out of range", text, d.year);
	if (d.month < 1 || d.month > 12)
		return err_set(err, JAW_FAIL, "\"%s\": there is no month %d", text, d.month);
	if (d.day < 1 || d.day > date_days_in_month(d.year, d.month))
		return err_set(err, JAW_FAIL, "\"%s\": month %d of %d has no day %d", text, d.month,
		               d.year, d.day);
	if (out)
		*out = d;
	return JAW_OK;
}

bool date_valid(const char *text)
{
	return date_parse(text, NULL, NULL) == JAW_OK;
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(struct date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

void date_format(struct date d, char *out)
{
	unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u,
	         day = (unsigned)d.day % 100u;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, day);
}

struct date date_today(void)
{
	struct date d;
	const char *fixed = getenv("JAW_TODAY");
	if (fixed && date_parse(fixed, &d, NULL) == JAW_OK)
		return d;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}
