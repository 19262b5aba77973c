#include "calendars/hours.h"
#include "calendars/holidays.h"
#include "util/err.h"
#include "util/tz.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define HOURS_MAX_LEN 512

struct rule {
	unsigned char days;	/* bit i: weekday i; bit 7: PH */
	int nspans, off;
	short start[CAL_HOURS_SPANS], end[CAL_HOURS_SPANS];
};

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Weekday at p ("Mo".."Su") or PH: 0..6, 7 for PH, -1 if none. */
static int day_token(const char *p)
{
	if (!strncmp(p, "PH", 2))
		return 7;
	for (int i = 0; i < 7; i++)
		if (!strncmp(p, tz_weekday_name(i), 2))
			return i;
	return -1;
}

static int parse_days(const char **pp, unsigned char *days)
{
	const char *p = *pp;
	int a, b;

	for (;;) {
		a = day_token(p);
		if (a < 0 || isalpha((unsigned char)p[2]))
			return -1;
		p += 2;
		if (*p == '-' && a < 7) {
			b = day_token(p + 1);
			if (b < 0 || b == 7 || isalpha((unsigned char)p[3]))
				return -1;
			p += 3;
			for (int d = a;; d = (d + 1) % 7) {
				*days |= (unsigned char)(1u << d);
				if (d == b)
					break;
			}
		} else {
			*days |= (unsigned char)(1u << a);
		}
		if (*p != ',' || day_token(p + 1) < 0)
			break;
		p++;
	}
	*pp = p;
	return 0;
}

static int parse_clock(const char **pp, int *min)
{
	const char *p = *pp;
	int h, m;

	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return -1;
	h = (p[0] - '0') * 10 + p[1] - '0';
	m = (p[3] - '0') * 10 + p[4] - '0';
	if (m > 59 || h > 48 || (h == 48 && m))
		return -1;
	*min = h * 60 + m;
	*pp = p + 5;
	return 0;
}

/* Time spans "HH:MM-HH:MM[,HH:MM-HH:MM...]". Stops before a "," that
 * starts another rule. */
static int parse_spans(const char **pp, struct rule *r)
{
	const char *p = *pp;
	int a, b;

	for (;;) {
		p = skip_ws(p);
		if (parse_clock(&p, &a) || *p != '-')
			return -1;
		p++;
		if (parse_clock(&p, &b) || a >= 1440)
			return -1;
		if (b <= a)
			b += 1440;	/* past midnight */
		if (b > 2880 || r->nspans == CAL_HOURS_SPANS)
			return -1;
		r->start[r->nspans] = (short)a;
		r->end[r->nspans] = (short)b;
		r->nspans++;
		if (*p != ',' || !isdigit((unsigned char)skip_ws(p + 1)[0]))
			break;
		p++;
	}
	*pp = p;
	return 0;
}

static int word(const char **pp, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*pp, w, n) || isalnum((unsigned char)(*pp)[n]))
		return 0;
	*pp += n;
	return 1;
}

/* One rule; *pp at its start, left at the separator or end. */
static int parse_rule(const char **pp, struct rule *r)
{
	const char *p = skip_ws(*pp);

	memset(r, 0, sizeof *r);
	if (day_token(p) >= 0) {
		if (parse_days(&p, &r->days))
			return -1;
		p = skip_ws(p);
	} else {
		r->days = 0x7f;	/* no selector: every weekday */
	}
	if (word(&p, "off") || word(&p, "closed")) {
		r->off = 1;
	} else if (word(&p, "open")) {
		r->start[0] = 0;
		r->end[0] = 1440;
		r->nspans = 1;
	} else if (isdigit((unsigned char)*p)) {
		if (parse_spans(&p, r))
			return -1;
	} else if (r->days == 0x7f) {
		return -1;	/* neither days nor times */
	} else {
		r->start[0] = 0;	/* "Sa" alone: the whole day */
		r->end[0] = 1440;
		r->nspans = 1;
	}
	p = skip_ws(p);
	if (*p && *p != ';' && *p != ',')
		return -1;
	*pp = p;
	return 0;
}

static int apply(struct cal_hours *h, const struct rule *r, int additional)
{
	for (int c = 0; c < 8; c++) {
		if (!(r->days & (1u << c)))
			continue;
		if (c == CAL_HOURS_PH)
			h->has_ph = 1;
		if (!additional || r->off)
			h->n[c] = 0;
		for (int i = 0; i < r->nspans; i++) {
			if (h->n[c] == CAL_HOURS_SPANS)
				return -1;
			h->span[c][h->n[c]].start = r->start[i];
			h->span[c][h->n[c]].end = r->end[i];
			h->n[c]++;
		}
	}
	return 0;
}

int cal_hours_parse(const char *s, struct cal_hours *h, struct err *e)
{
	const char *p = skip_ws(s), *start;
	struct rule r;
	int additional = 0;

	memset(h, 0, sizeof *h);
	if (strlen(s) > HOURS_MAX_LEN)
		return err_set(e, ERR_TOOBIG, "opening hours longer than %d bytes",
			       HOURS_MAX_LEN);
	if (!*p || !strcmp(p, "24/7")) {
		h->always = 1;
		return 0;
	}
	for (;;) {
		start = skip_ws(p);
		if (parse_rule(&p, &r) || apply(h, &r, additional)) {
			int n = (int)strcspn(start, ";");

			while (n > 0 && start[n - 1] == ' ')
				n--;
			return err_set(e, ERR_PARSE,
				       "opening hours rule '%.*s' is not supported (use e.g. "
				       "'Mo-Fr 08:00-16:00; Sa 10:00-14:00; PH off')", n, start);
		}
		if (!*p)
			break;
		additional = *p == ',';
		p++;
		if (!*skip_ws(p) && !additional)
			break;	/* a trailing ";" */
	}
	return 0;
}

static int day_class(const struct cal_hours *h, int64_t day)
{
	if (h->has_ph && cal_holiday_on(day))
		return CAL_HOURS_PH;
	return tz_weekday(day);
}

int cal_hours_open(const struct cal_hours *h, int64_t day, int minute)
{
	int c, y;

	if (h->always)
		return 1;
	c = day_class(h, day);
	for (int i = 0; i < h->n[c]; i++)
		if (minute >= h->span[c][i].start && minute < h->span[c][i].end)
			return 1;
	y = day_class(h, day - 1);
	for (int i = 0; i < h->n[y]; i++)
		if (minute + 1440 >= h->span[y][i].start && minute + 1440 < h->span[y][i].end)
			return 1;
	return 0;
}

int cal_hours_open_minutes(const struct cal_hours *h, int64_t day, int minute, int len)
{
	int open = 0;

	/* Minute steps: callers ask about hours, so this is at most 1440 steps
	 * and keeps one definition of "open". */
	for (int m = minute; m < minute + len; m++)
		open += cal_hours_open(h, day + m / 1440, m % 1440);
	return open;
}
