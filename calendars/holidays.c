#include "calendars/holidays.h"
#include "util/tz.h"

#include <stddef.h>

enum { NEW_YEAR, EPIPHANY, GOOD_FRIDAY, EASTER, EASTER_MONDAY, MAY_DAY, ASCENSION,
       WHITSUN, MIDSUMMER_EVE, MIDSUMMER, ALL_SAINTS, INDEPENDENCE, CHRISTMAS_EVE,
       CHRISTMAS, ST_STEPHEN, NHOL };

static const struct cal_holiday HOL[NHOL] = {
	[NEW_YEAR] = { "new_year", "Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day" },
	[EPIPHANY] = { "epiphany", "Loppiainen", "Trettondedagen", "Epiphany" },
	[GOOD_FRIDAY] = { "good_friday", "Pitkäperjantai", "Långfredagen", "Good Friday" },
	[EASTER] = { "easter", "Pääsiäispäivä", "Påskdagen", "Easter Sunday" },
	[EASTER_MONDAY] = { "easter_monday", "2. pääsiäispäivä", "Annandag påsk",
			    "Easter Monday" },
	[MAY_DAY] = { "may_day", "Vappu", "Första maj", "May Day" },
	[ASCENSION] = { "ascension", "Helatorstai", "Kristi himmelfärdsdag",
			"Ascension Day" },
	[WHITSUN] = { "whitsun", "Helluntaipäivä", "Pingstdagen", "Whit Sunday" },
	[MIDSUMMER_EVE] = { "midsummer_eve", "Juhannusaatto", "Midsommarafton",
			    "Midsummer Eve" },
	[MIDSUMMER] = { "midsummer", "Juhannuspäivä", "Midsommardagen", "Midsummer Day" },
	[ALL_SAINTS] = { "all_saints", "Pyhäinpäivä", "Alla helgons dag", "All Saints' Day" },
	[INDEPENDENCE] = { "independence", "Itsenäisyyspäivä", "Självständighetsdagen",
			   "Independence Day" },
	[CHRISTMAS_EVE] = { "christmas_eve", "Jouluaatto", "Julafton", "Christmas Eve" },
	[CHRISTMAS] = { "christmas", "Joulupäivä", "Juldagen", "Christmas Day" },
	[ST_STEPHEN] = { "st_stephen", "Tapaninpäivä", "Annandag jul", "St Stephen's Day" },
};

int64_t cal_easter(int y)
{
	/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return tz_days_from_civil(y, month, day);
}

/* The first day with weekday wd (0 = Monday) on or after y-m-d. */
static int64_t weekday_on_or_after(int y, int m, int d, int wd)
{
	int64_t day = tz_days_from_civil(y, m, d);

	return day + (wd - tz_weekday(day) + 7) % 7;
}

int cal_holidays_of_year(int y, int64_t *days, const struct cal_holiday **hol, int max)
{
	int64_t easter = cal_easter(y);
	int64_t when[NHOL] = {
		[NEW_YEAR] = tz_days_from_civil(y, 1, 1),
		[EPIPHANY] = tz_days_from_civil(y, 1, 6),
		[GOOD_FRIDAY] = easter - 2,
		[EASTER] = easter,
		[EASTER_MONDAY] = easter + 1,
		[MAY_DAY] = tz_days_from_civil(y, 5, 1),
		[ASCENSION] = easter + 39,
		[WHITSUN] = easter + 49,
		[MIDSUMMER_EVE] = weekday_on_or_after(y, 6, 19, 4),
		[MIDSUMMER] = weekday_on_or_after(y, 6, 20, 5),
		[ALL_SAINTS] = weekday_on_or_after(y, 10, 31, 5),
		[INDEPENDENCE] = tz_days_from_civil(y, 12, 6),
		[CHRISTMAS_EVE] = tz_days_from_civil(y, 12, 24),
		[CHRISTMAS] = tz_days_from_civil(y, 12, 25),
		[ST_STEPHEN] = tz_days_from_civil(y, 12, 26),
	};
	int order[NHOL], n = 0;

	for (int k = 0; k < NHOL; k++) {	/* insertion sort by date */
		int j = k;

		while (j > 0 && when[order[j - 1]] > when[k]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
	for (; n < NHOL && n < max; n++) {
		days[n] = when[order[n]];
		hol[n] = &HOL[order[n]];
	}
	return n;
}

const struct cal_holiday *cal_holiday_on(int64_t day)
{
	int64_t days[NHOL];
	const struct cal_holiday *hol[NHOL];
	int y, m, d, n;

	tz_civil_from_days(day, &y, &m, &d);
	n = cal_holidays_of_year(y, days, hol, NHOL);
	for (int i = 0; i < n; i++)
		if (days[i] == day)
			return hol[i];
	return NULL;
}
