/*
 * reason.h - why an occurrence of a shift is off, in words fit for the
 * audience. An exception's stored reason is a code or the lead's own
 * text: "holiday" (the public holiday of that day), "absence:KEY" (a
 * worker is away; "absence of KEY" in databases planned before), or free
 * text typed with `shift cancel --reason`. Outside organisations (partner
 * and place links made without names) never see a worker's key or the
 * team's free text: only "public holiday <name>" or "staff unavailable".
 * Pure functions: no state, thread-safe.
 */
#ifndef CALENDARS_REASON_H
#define CALENDARS_REASON_H

#include <stddef.h>
#include <stdint.h>

enum cal_cause { CAL_CAUSE_NONE, CAL_CAUSE_HOLIDAY, CAL_CAUSE_STAFF, CAL_CAUSE_OTHER };

/* Writes the stored reason of a worker's absence ("absence:KEY"). */
void cal_reason_absence(const char *worker_key, char *buf, size_t cap);

/* The cause of a stored reason on day (a "holiday" reason on a day that
 * is no holiday counts as OTHER). When who is not NULL it receives the
 * absent worker's key (STAFF) or "" (cap >= 1). */
enum cal_cause cal_reason_cause(const char *reason, int64_t day, char *who, size_t cap);

/* The stable name of a cause for JSON: "", "holiday", "staff", "other". */
const char *cal_cause_name(enum cal_cause c);

/* The reason in words, in lang ("fi", "sv", "en"; NULL or other = fi),
 * without the word "cancelled": "public holiday Independence Day",
 * "staff unavailable", with names also "staff unavailable (jussi)" and
 * the lead's free text. "" when nothing may be said. Returns buf. */
const char *cal_reason_text(const char *reason, int64_t day, const char *lang, int names,
			    char *buf, size_t cap);

#endif
