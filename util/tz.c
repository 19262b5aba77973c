#include "util/tz.h"
#include "util/err.h"

#include <stdio.h>
#include <string.h>

static const char *const WD[7] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };

int64_t tz_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void tz_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int tz_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int tz_date_valid(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static int64_t last_sunday(int y, int m)
{
	int next_y = m == 12 ? y + 1 : y, next_m = m == 12 ? 1 : m + 1;
	int64_t last = tz_days_from_civil(next_y, next_m, 1) - 1;

	return last - (tz_weekday(last) + 1) % 7;
}

int tz_offset_at(int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int y, m, d;
	int64_t on, off;

	tz_civil_from_days(days, &y, &m, &d);
	on = last_sunday(y, 3) * 86400 + 3600;
	off = last_sunday(y, 10) * 86400 + 3600;
	return t >= on && t < off ? 10800 : 7200;
}

static void civil_of_utc(int64_t t, struct tz_civil *c)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t s = t - days * 86400;

	tz_civil_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (int)(s / 3600);
	c->min = (int)(s % 3600 / 60);
	c->sec = (int)(s % 60);
}

void tz_to_local(int64_t t, struct tz_civil *c)
{
	civil_of_utc(t + tz_offset_at(t), c);
}

int64_t tz_from_local(const struct tz_civil *c)
{
	int64_t naive = tz_days_from_civil(c->year, c->month, c->day) * 86400 +
			c->hour * 3600 + c->min * 60 + c->sec;
	int64_t summer = naive - 10800, winter = naive - 7200;

	if (tz_offset_at(summer) == 10800)
		return summer;	/* first of two in October, or plain summer */
	if (tz_offset_at(winter) == 7200)
		return winter;
	return winter;		/* skipped hour in March: as clocks read it */
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int tz_parse_date(const char *s, int64_t *days, struct err *e)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return err_set(e, ERR_PARSE, "'%s' is not a date YYYY-MM-DD", s);
	if (!tz_date_valid(y, m, d))
		return err_set(e, ERR_PARSE, "'%s' is not a calendar date", s);
	*days = tz_days_from_civil(y, m, d);
	return 0;
}

static int parse_offset(const char *p, int *off)
{
	int hh, mm, sign;

	if (!strcmp(p, "Z")) {
		*off = 0;
		return 0;
	}
	if (p[0] != '+' && p[0] != '-')
		return -1;
	sign = p[0] == '-' ? -1 : 1;
	if (digits(p + 1, 2, &hh))
		return -1;
	p += 3;
	if (*p == ':')
		p++;
	if (strlen(p) != 2 || digits(p, 2, &mm) || hh > 14 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	return 0;
}

int tz_parse_datetime(const char *s, int64_t *t, struct err *e)
{
	struct tz_civil c = { 0 };
	const char *p;
	int64_t days;
	int off, has_off = 0;
	char date[11];

	if (strlen(s) < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (tz_parse_date(date, &days, NULL) || digits(s + 11, 2, &c.hour) ||
	    digits(s + 14, 2, &c.min))
		goto bad;
	p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &c.sec))
			goto bad;
		p += 3;
		if (*p == '.') {	/* fractional seconds: dropped */
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (c.hour > 23 || c.min > 59 || c.sec > 60)
		goto bad;
	if (*p) {
		if (parse_offset(p, &off))
			goto bad;
		has_off = 1;
	}
	if (has_off) {
		*t = days * 86400 + c.hour * 3600 + c.min * 60 + c.sec - off;
	} else {
		tz_civil_from_days(days, &c.year, &c.month, &c.day);
		*t = tz_from_local(&c);
	}
	return 0;
bad:
	return err_set(e, ERR_PARSE,
		       "'%s' is not an ISO 8601 time YYYY-MM-DDTHH:MM[:SS][+HH:MM]", s);
}

int tz_parse_hhmm(const char *s, int *minutes, struct err *e)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':' || digits(s, 2, &h) || digits(s + 3, 2, &m) ||
	    m > 59 || h > 24 || (h == 24 && m != 0))
		return err_set(e, ERR_PARSE, "'%s' is not a time HH:MM", s);
	*minutes = h * 60 + m;
	return 0;
}

void tz_format_local(int64_t t, char out[26])
{
	struct tz_civil c;
	int off = tz_offset_at(t);

	tz_to_local(t, &c);
	snprintf(out, 26, "%04u-%02u-%02uT%02u:%02u:%02u+%02u:00",
		 (unsigned)c.year % 10000u, (unsigned)c.month % 100u, (unsigned)c.day % 100u,
		 (unsigned)c.hour % 100u, (unsigned)c.min % 100u, (unsigned)c.sec % 100u,
		 (unsigned)off / 3600u % 100u);
}

void tz_format_date(int64_t days, char out[11])
{
	int y, m, d;

	tz_civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

void tz_format_hhmm(int minutes, char out[6])
{
	snprintf(out, 6, "%02u:%02u", (unsigned)minutes / 60u % 100u,
		 (unsigned)minutes % 60u);
}

const char *tz_weekday_name(int wd)
{
	return wd >= 0 && wd < 7 ? WD[wd] : "??";
}

int tz_weekday_parse(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (!strcmp(s, WD[i]))
			return i;
	return -1;
}

int64_t tz_day_minute(int64_t day, int minute)
{
	struct tz_civil cv = { 0 };

	day += minute / 1440;
	tz_civil_from_days(day, &cv.year, &cv.month, &cv.day);
	cv.hour = minute % 1440 / 60;
	cv.min = minute % 60;
	return tz_from_local(&cv);
}
