/*
 * holidays.h - Finnish public holidays (and the de facto holidays
 * Midsummer Eve and Christmas Eve, when services close), any year
 * 1900-2200. Pure functions: no state, thread-safe.
 */
#ifndef CALENDARS_HOLIDAYS_H
#define CALENDARS_HOLIDAYS_H

#include <stdint.h>

struct cal_holiday {
	const char *id;			/* stable: "new_year", "good_friday", ... */
	const char *fi, *sv, *en;	/* names */
};

/* Day number (since 1970-01-01) of Easter Sunday in year y (Gregorian). */
int64_t cal_easter(int y);

/* The holiday on day, or NULL if it is an ordinary day. Static storage. */
const struct cal_holiday *cal_holiday_on(int64_t day);

/* Lists the holidays of year y in date order: fills days[] and hol[]
 * (up to max) and returns how many there are. */
int cal_holidays_of_year(int y, int64_t *days, const struct cal_holiday **hol, int max);

#endif
