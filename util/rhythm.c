#include "util/rhythm.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum rhythm_kind rhythm_kind(const struct rhythm *r)
{
	if (r->ndates > 0)
		return RHYTHM_DATES;
	return r->monthly ? RHYTHM_MONTHLY : RHYTHM_WEEKLY;
}

int rhythm_every(const struct rhythm *r)
{
	return rhythm_kind(r) == RHYTHM_WEEKLY && r->every > 1 ? r->every : 1;
}

int rhythm_nth(int64_t day)
{
	int y, m, d;

	tz_civil_from_days(day, &y, &m, &d);
	return (d - 1) / 7 + 1;
}

int rhythm_is_last(int64_t day)
{
	int y, m, d, y2, m2, d2;

	tz_civil_from_days(day, &y, &m, &d);
	tz_civil_from_days(day + 7, &y2, &m2, &d2);
	return m2 != m;
}

static int monthly_on(unsigned bits, int64_t day)
{
	int k = rhythm_nth(day);

	return (k <= 4 && (bits & (1u << (k - 1)))) ||
	       ((bits & (1u << RHYTHM_LAST)) && rhythm_is_last(day));
}

/* The first day on or after first that falls on weekday. */
static int64_t anchor(int weekday, int64_t first)
{
	return first + (weekday - tz_weekday(first) + 7) % 7;
}

static int dates_on(const struct rhythm *r, int64_t day)
{
	for (int i = 0; i < r->ndates; i++)
		if (r->dates[i] == day)
			return 1;
	return 0;
}

int rhythm_on(const struct rhythm *r, int weekday, int64_t first, int64_t last,
	      int64_t day)
{
	if (rhythm_kind(r) == RHYTHM_DATES)
		return dates_on(r, day);
	if (day < first || day > last || tz_weekday(day) != weekday)
		return 0;
	if (rhythm_kind(r) == RHYTHM_MONTHLY)
		return monthly_on(r->monthly, day);
	return (day - anchor(weekday, first)) / 7 % rhythm_every(r) == 0;
}

static int64_t next_date(const struct rhythm *r, int64_t day)
{
	for (int i = 0; i < r->ndates; i++)
		if (r->dates[i] >= day)
			return r->dates[i];
	return RHYTHM_NONE;
}

int64_t rhythm_next(const struct rhythm *r, int weekday, int64_t first, int64_t last,
		    int64_t day)
{
	int64_t a = anchor(weekday, first), step = 7;

	if (rhythm_kind(r) == RHYTHM_DATES)
		return next_date(r, day);
	if (rhythm_kind(r) == RHYTHM_WEEKLY)
		step = 7 * rhythm_every(r);
	if (day < a)
		day = a;
	day = a + (day - a + step - 1) / step * step;
	for (; day <= last; day += step)
		if (rhythm_on(r, weekday, first, last, day))
			return day;
	return RHYTHM_NONE;
}

int rhythm_count(const struct rhythm *r, int weekday, int64_t first, int64_t last,
		 int64_t from, int64_t to)
{
	int n = 0;

	for (int64_t d = rhythm_next(r, weekday, first, last, from); d < to;
	     d = rhythm_next(r, weekday, first, last, d + 1))
		n++;
	return n;
}

/* ---- text ----------------------------------------------------------------- */
static int monthly_item(const char *s, size_t len, unsigned *bits, struct err *e)
{
	char v[8];
	char *end;
	long k;

	if (!len || len >= sizeof v)
		return err_set(e, ERR_PARSE, "column monthly: '%.*s' is not a week of the "
			       "month (1-4, or -1 for the last)", (int)len, s);
	memcpy(v, s, len);
	v[len] = '\0';
	k = strtol(v, &end, 10);
	if (*end)
		return err_set(e, ERR_PARSE, "column monthly: '%s' is not a week of the "
			       "month (1-4, or -1 for the last)", v);
	if (k == -1) {
		*bits |= 1u << RHYTHM_LAST;
		return 0;
	}
	if (k == 5)
		return err_set(e, ERR_PARSE, "column monthly: '5': a 5th weekday is not in "
			       "every month (use -1 for the last)");
	if (k < 1 || k > 4)
		return err_set(e, ERR_PARSE, "column monthly: '%s': there is no such week "
			       "of the month (1-4, or -1 for the last)", v);
	*bits |= 1u << (k - 1);
	return 0;
}

int rhythm_parse_monthly(const char *s, unsigned *bits, struct err *e)
{
	*bits = 0;
	if (!s)
		return 0;
	while (*s) {
		size_t len = strcspn(s, ";,");
		int rc = monthly_item(s, len, bits, e);

		if (rc)
			return rc;
		s += len;
		if (*s && !s[1])
			return err_set(e, ERR_PARSE, "column monthly: ends with '%c'", *s);
		s += !!*s;
	}
	return 0;
}

void rhythm_format_monthly(unsigned bits, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	for (int k = 0; k <= RHYTHM_LAST && n < cap; k++)
		if (bits & (1u << k))
			n += (size_t)snprintf(out + n, cap - n, "%s%d", n ? ";" : "",
					      k == RHYTHM_LAST ? -1 : k + 1);
}

static int add_date(const char *s, size_t len, int weekday, struct rhythm *r,
		    struct err *e)
{
	char v[16];
	int64_t day;

	if (!len || len >= sizeof v)
		return err_set(e, ERR_PARSE, "column dates: '%.*s' is not a date "
			       "(YYYY-MM-DD)", (int)(len < 40 ? len : 40), s);
	memcpy(v, s, len);
	v[len] = '\0';
	if (tz_parse_date(v, &day, e))
		return err_prefix(e, "column dates");
	if (weekday >= 0 && tz_weekday(day) != weekday)
		return err_set(e, ERR_PARSE, "column dates: %s is a %s, not a %s", v,
			       tz_weekday_name(tz_weekday(day)), tz_weekday_name(weekday));
	if (r->ndates == RHYTHM_DATES_MAX)
		return err_set(e, ERR_TOOBIG, "column dates: more than %d dates",
			       RHYTHM_DATES_MAX);
	for (int i = 0; i < r->ndates; i++)
		if (r->dates[i] == day)
			return err_set(e, ERR_PARSE, "column dates: %s twice", v);
	r->dates[r->ndates++] = day;
	return 0;
}

static int by_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int rhythm_parse_dates(const char *s, int weekday, struct rhythm *r, struct err *e)
{
	r->ndates = 0;
	while (s && *s) {
		size_t len = strcspn(s, ";,");
		int rc = add_date(s, len, weekday, r, e);

		if (rc)
			return rc;
		s += len;
		s += !!*s;
	}
	qsort(r->dates, (size_t)r->ndates, sizeof r->dates[0], by_day);
	return 0;
}

void rhythm_format_dates(const struct rhythm *r, char *out, size_t cap)
{
	size_t n = 0;
	char d[11];

	out[0] = '\0';
	for (int i = 0; i < r->ndates && n + 12 < cap; i++) {
		tz_format_date(r->dates[i], d);
		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? ";" : "", d);
	}
}

int rhythm_check(const struct rhythm *r, struct err *e)
{
	if (r->every < 0 || r->every > RHYTHM_EVERY_MAX)
		return err_set(e, ERR_PARSE, "column every: '%d' is out of range 1..%d",
			       r->every, RHYTHM_EVERY_MAX);
	if (r->monthly >= 1u << (RHYTHM_LAST + 1))
		return err_set(e, ERR_PARSE, "column monthly: unknown weeks of the month");
	if (r->monthly && r->every > 1)
		return err_set(e, ERR_PARSE, "column monthly: a monthly rhythm cannot also "
			       "be every %d weeks (leave every empty)", r->every);
	if (r->ndates && (r->monthly || r->every > 1))
		return err_set(e, ERR_PARSE, "column dates: a list of dates stands alone "
			       "(leave every and monthly empty)");
	return 0;
}

void rhythm_describe(const struct rhythm *r, char *out, size_t cap)
{
	char m[32];

	switch (rhythm_kind(r)) {
	case RHYTHM_DATES:
		snprintf(out, cap, "dates");
		break;
	case RHYTHM_MONTHLY:
		rhythm_format_monthly(r->monthly, m, sizeof m);
		snprintf(out, cap, "monthly %s", m);
		break;
	default:
		if (rhythm_every(r) > 1)
			snprintf(out, cap, "every %d weeks", rhythm_every(r));
		else
			snprintf(out, cap, "weekly");
	}
}
