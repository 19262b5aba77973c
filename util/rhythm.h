/*
 * rhythm.h - which days a recurring series runs on: every N weeks, monthly
 * on the k-th weekday(s) ("first and third Tuesday"), or an explicit list
 * of dates (a health day, a summer festival). It is the one definition of
 * a shift's or a commitment's occurrences: the feeds (RRULE INTERVAL,
 * BYDAY=1TU,3TU, RDATE), the web listing, the field log, the CSV import
 * and the planner all ask rhythm_on / rhythm_next, so they cannot disagree.
 *
 * A series is a weekday, a first and a last day (day numbers, inclusive)
 * and a struct rhythm. Every N weeks counts from the first day; the zero
 * struct is weekly. It lives in util/ because store/ keeps it in its rows
 * and calendars/, field/, planner/ and web/ read it (data flows one way).
 * Ownership: plain values, nothing allocated. Threads: pure functions.
 * Errors: the parsers return 0 or ERR_PARSE with the value quoted.
 */
#ifndef UTIL_RHYTHM_H
#define UTIL_RHYTHM_H

#include <stddef.h>
#include <stdint.h>

struct err;

enum {
	RHYTHM_EVERY_MAX = 12,	/* at most every 12 weeks */
	RHYTHM_DATES_MAX = 32,	/* one-off dates of one series */
	RHYTHM_LAST = 4,	/* bit of "the last weekday of the month" */
};

#define RHYTHM_NONE INT64_MAX	/* rhythm_next: no occurrence left */

struct rhythm {
	int every;		/* weeks between occurrences, 1..12; 0 reads as 1 */
	unsigned monthly;	/* bit k-1: the k-th weekday of the month (k 1..4);
				 * bit RHYTHM_LAST: the last one; 0: not monthly */
	int ndates;		/* > 0: exactly these days, ascending, unique */
	int64_t dates[RHYTHM_DATES_MAX];
};

enum rhythm_kind { RHYTHM_WEEKLY, RHYTHM_MONTHLY, RHYTHM_DATES };

enum rhythm_kind rhythm_kind(const struct rhythm *r);
int rhythm_every(const struct rhythm *r);	/* 1 for weekly, monthly, dates */

/* 1 if the series (weekday, first..last, r) runs on day, else 0. For a
 * list of dates the weekday, first and last are not consulted. */
int rhythm_on(const struct rhythm *r, int weekday, int64_t first, int64_t last,
	      int64_t day);

/* The first day >= day the series runs on, or RHYTHM_NONE. Iterate with
 * for (d = rhythm_next(.., from); d < to; d = rhythm_next(.., d + 1)). */
int64_t rhythm_next(const struct rhythm *r, int weekday, int64_t first, int64_t last,
		    int64_t day);

/* Number of occurrences in [from, to). */
int rhythm_count(const struct rhythm *r, int weekday, int64_t first, int64_t last,
		 int64_t from, int64_t to);

/* Which k-th weekday of its month day is (1..5), and 1 if it is the last. */
int rhythm_nth(int64_t day);
int rhythm_is_last(int64_t day);

/* "1;3" or "1,3" (k-th weekdays, 1..4) and "-1" (the last) into bits.
 * Empty text gives 0. A 0, a 5th or a 6th weekday is refused: a 5th one
 * is not in every month (use -1). */
int rhythm_parse_monthly(const char *s, unsigned *bits, struct err *e);
/* "1;3", "-1"; "" for 0. out holds at least 16 bytes. */
void rhythm_format_monthly(unsigned bits, char *out, size_t cap);

/* "YYYY-MM-DD;YYYY-MM-DD" into r->dates (sorted, duplicates refused);
 * empty text gives none. Each date must fall on weekday (0..6; -1: any). */
int rhythm_parse_dates(const char *s, int weekday, struct rhythm *r, struct err *e);
/* The dates as "YYYY-MM-DD;..." ("" for none). */
void rhythm_format_dates(const struct rhythm *r, char *out, size_t cap);

/* Checks the combination: every 1..12, monthly only with every 1, dates
 * alone. Errors name the column (every, monthly, dates). */
int rhythm_check(const struct rhythm *r, struct err *e);

/* Words for people: "weekly", "every 3 weeks", "monthly 1;3", "dates". */
void rhythm_describe(const struct rhythm *r, char *out, size_t cap);

#endif
