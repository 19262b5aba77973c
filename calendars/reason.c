/*
 * reason.c - a cancellation's reason in words for each audience.
 */
#include "calendars/reason.h"
#include "calendars/holidays.h"

#include <stdio.h>
#include <string.h>

#define ABSENCE "absence:"
#define ABSENCE_OLD "absence of "

void cal_reason_absence(const char *worker_key, char *buf, size_t cap)
{
	snprintf(buf, cap, ABSENCE "%s", worker_key);
}

static const char *absent_key(const char *reason)
{
	if (!strncmp(reason, ABSENCE, strlen(ABSENCE)))
		return reason + strlen(ABSENCE);
	if (!strncmp(reason, ABSENCE_OLD, strlen(ABSENCE_OLD)))
		return reason + strlen(ABSENCE_OLD);
	return NULL;
}

enum cal_cause cal_reason_cause(const char *reason, int64_t day, char *who, size_t cap)
{
	const char *key = reason ? absent_key(reason) : NULL;

	if (who)
		snprintf(who, cap, "%s", key ? key : "");
	if (!reason || !*reason)
		return CAL_CAUSE_NONE;
	if (!strcmp(reason, "holiday"))
		return cal_holiday_on(day) ? CAL_CAUSE_HOLIDAY : CAL_CAUSE_OTHER;
	return key ? CAL_CAUSE_STAFF : CAL_CAUSE_OTHER;
}

const char *cal_cause_name(enum cal_cause c)
{
	static const char *const names[] = { "", "holiday", "staff", "other" };

	return names[c];
}

static int lang_index(const char *lang)
{
	if (lang && !strcmp(lang, "sv"))
		return 1;
	if (lang && !strcmp(lang, "en"))
		return 2;
	return 0;
}

const char *cal_reason_text(const char *reason, int64_t day, const char *lang, int names,
			    char *buf, size_t cap)
{
	static const char *const holiday[] = { "juhlapyhä", "helgdag", "public holiday" };
	static const char *const staff[] = { "työntekijä estynyt", "personal förhindrad",
					     "staff unavailable" };
	int l = lang_index(lang);
	char who[64];
	const struct cal_holiday *h;

	switch (cal_reason_cause(reason, day, who, sizeof who)) {
	case CAL_CAUSE_HOLIDAY:
		h = cal_holiday_on(day);
		snprintf(buf, cap, "%s %s", holiday[l], l == 0 ? h->fi : l == 1 ? h->sv : h->en);
		break;
	case CAL_CAUSE_STAFF:
		if (names)
			snprintf(buf, cap, "%s (%s)", staff[l], who);
		else
			snprintf(buf, cap, "%s", staff[l]);
		break;
	case CAL_CAUSE_OTHER:
		snprintf(buf, cap, "%s", names ? reason : "");
		break;
	default:
		snprintf(buf, cap, "%s", "");
	}
	return buf;
}
