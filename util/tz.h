/*
 * tz.h - civil dates and Europe/Helsinki local time, with no dependency on
 * the process's TZ or on tzdata (thread-safe, deterministic in tests).
 * Europe/Helsinki is UTC+2 (EET) and UTC+3 (EEST) from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule, in force
 * in Finland since 1981; the product never plans before that).
 * All instants are int64 seconds since 1970-01-01T00:00:00Z.
 */
#ifndef UTIL_TZ_H
#define UTIL_TZ_H

#include <stdint.h>

struct err;

struct tz_civil {
	int year, month, day;	/* month 1..12, day 1..31 */
	int hour, min, sec;
};

/* Days since 1970-01-01 for a proleptic Gregorian date, and back. */
int64_t tz_days_from_civil(int y, int m, int d);
void tz_civil_from_days(int64_t days, int *y, int *m, int *d);

/* ISO weekday of a day number: 0 = Monday ... 6 = Sunday. */
int tz_weekday(int64_t days);

/* 1 if y-m-d is a real calendar date. */
int tz_date_valid(int y, int m, int d);

/* UTC offset in seconds of Europe/Helsinki at instant t (7200 or 10800). */
int tz_offset_at(int64_t t);

/* Local civil time of instant t in Europe/Helsinki. */
void tz_to_local(int64_t t, struct tz_civil *c);

/*
 * Local Europe/Helsinki civil time to instant. A time repeated at the
 * October change maps to its first (summer-time) instant; a time skipped in
 * March (03:00-03:59) maps to the instant one hour later, as clocks read.
 */
int64_t tz_from_local(const struct tz_civil *c);

/* The instant of local minute `minute` (may exceed 1440: the next days)
 * of day, as tz_from_local. */
int64_t tz_day_minute(int64_t day, int minute);

/*
 * Parses "YYYY-MM-DD" into a day number. Returns 0 or ERR_PARSE with a
 * message quoting the text.
 */
int tz_parse_date(const char *s, int64_t *days, struct err *e);

/*
 * Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z" or "+HH:MM"
 * offset (a space may stand for 'T'); without an offset the time is local
 * Europe/Helsinki time. Returns 0 or ERR_PARSE.
 */
int tz_parse_datetime(const char *s, int64_t *t, struct err *e);

/* Parses "HH:MM" (00:00..24:00) into minutes. Returns 0 or ERR_PARSE. */
int tz_parse_hhmm(const char *s, int *minutes, struct err *e);

/* Formats t as local time with offset: "2024-10-27T03:00:00+03:00".
 * out must hold 26 bytes. */
void tz_format_local(int64_t t, char out[26]);

/* Formats a day number as "YYYY-MM-DD" (out holds 11 bytes). */
void tz_format_date(int64_t days, char out[11]);

/* Formats minutes as "HH:MM" (out holds 6 bytes). */
void tz_format_hhmm(int minutes, char out[6]);

/* Weekday names "Mo".."Su" (index 0..6) and parsing them; -1 if unknown. */
const char *tz_weekday_name(int wd);
int tz_weekday_parse(const char *s);

#endif
