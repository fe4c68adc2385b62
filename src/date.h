/* date.h - ISO 8601 calendar dates (YYYY-MM-DD). */
#ifndef JAW_DATE_H
#define JAW_DATE_H

#include <stdbool.h>

#include "err.h"

/* A calendar date. */
struct date {
	int year, month, day;
};

/* Parses text as an ISO 8601 calendar date YYYY-MM-DD (years 1000-9999) and
 * checks that the day exists. On failure sets err to a message that names
 * the text and says what is wrong. */
int date_parse(const char *text, struct date *out, jaw_err *err);
/* Returns true if text is a valid YYYY-MM-DD date. */
bool date_valid(const char *text);
/* Days since 1970-01-01 (negative before). */
long date_to_days(struct date d);
/* The date days after 1970-01-01. */
struct date date_from_days(long days);
/* Formats d as YYYY-MM-DD into out (at least 11 bytes). */
void date_format(struct date d, char *out);
/* Today's local date; the environment variable JAW_TODAY (YYYY-MM-DD)
 * overrides it, for demonstrations and tests. */
struct date date_today(void);

#endif
