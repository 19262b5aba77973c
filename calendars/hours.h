/*
 * hours.h - opening hours in the OpenStreetMap `opening_hours` syntax.
 * Supported: "24/7"; rules separated by ";" (a later rule replaces the
 * days it names) or "," (an additional rule); day selectors Mo..Su, ranges
 * (Mo-Fr, also wrapping Fr-Mo), lists (Mo,We,Fr), PH (Finnish public
 * holidays); times HH:MM-HH:MM, several per rule, past midnight (22:00-02:00
 * or up to 48:00); "off"/"closed"; "open". An empty string means always
 * accessible. Anything else (months, weeks, SH, sunrise, "||", comments) is
 * refused with ERR_PARSE quoting the rule.
 * struct cal_hours is a plain value: copy it freely.
 */
#ifndef CALENDARS_HOURS_H
#define CALENDARS_HOURS_H

#include <stdint.h>

struct err;

#define CAL_HOURS_SPANS 8	/* time spans per day class */
#define CAL_HOURS_PH 7		/* day class of public holidays */

struct cal_hours {
	int always;		/* "", "24/7" */
	int has_ph;		/* a PH rule was given: holidays follow it */
	unsigned char n[8];	/* spans per class: Mo..Su, PH */
	struct {
		short start, end;	/* minutes from the day's midnight, end <= 2880 */
	} span[8][CAL_HOURS_SPANS];
};

/* Parses s. Returns 0, or ERR_PARSE / ERR_TOOBIG with the bad rule quoted. */
int cal_hours_parse(const char *s, struct cal_hours *h, struct err *e);

/* 1 if open on day (day number) at minute (0..1439 local time). Spans that
 * run past midnight count on the next day. PH rules apply on the holidays
 * of calendars/holidays.h. */
int cal_hours_open(const struct cal_hours *h, int64_t day, int minute);

/* Minutes open within [minute, minute + len) on day (len <= 1440). */
int cal_hours_open_minutes(const struct cal_hours *h, int64_t day, int minute, int len);

#endif
