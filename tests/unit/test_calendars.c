/* Unit tests: Europe/Helsinki time (util/tz), Finnish holidays, opening hours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "calendars/holidays.h"
#include "calendars/hours.h"
#include "calendars/reason.h"
#include "calendars/token.h"
#include "util/err.h"
#include "util/rhythm.h"
#include "util/tz.h"

static int64_t D(int y, int m, int d)
{
	return tz_days_from_civil(y, m, d);
}

static void test_tz_days_roundtrip(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(tz_weekday(D(2024, 1, 1)), 0);	/* a Monday */
	assert_int_equal(tz_weekday(D(2026, 11, 23)), 0);
	for (int64_t k = -800000; k < 800000; k += 997) {
		tz_civil_from_days(k, &y, &m, &d);
		assert_int_equal(D(y, m, d), k);
	}
	assert_false(tz_date_valid(2023, 2, 29));
	assert_true(tz_date_valid(2024, 2, 29));
}

static void test_tz_dst_offsets(void **state)
{
	struct tz_civil c = { 2024, 3, 31, 2, 59, 0 };
	int64_t t = tz_from_local(&c);
	char s[26];

	(void)state;
	assert_int_equal(tz_offset_at(t), 7200);
	tz_format_local(t, s);
	assert_string_equal(s, "2024-03-31T02:59:00+02:00");
	tz_format_local(t + 60, s);	/* clocks jump 03:00 -> 04:00 */
	assert_string_equal(s, "2024-03-31T04:00:00+03:00");
	/* October: 03:30 happens twice; the first is summer time. */
	c = (struct tz_civil){ 2024, 10, 27, 3, 30, 0 };
	t = tz_from_local(&c);
	tz_format_local(t, s);
	assert_string_equal(s, "2024-10-27T03:30:00+03:00");
	tz_format_local(t + 3600, s);
	assert_string_equal(s, "2024-10-27T03:30:00+02:00");
}

static void test_tz_parse(void **state)
{
	struct err e = { 0 };
	int64_t t, t2;
	int min;

	(void)state;
	assert_int_equal(tz_parse_datetime("2024-06-01T12:00:00+03:00", &t, &e), 0);
	assert_int_equal(tz_parse_datetime("2024-06-01 12:00", &t2, &e), 0);
	assert_int_equal(t, t2);
	assert_int_equal(tz_parse_datetime("2024-06-01T09:00:00Z", &t2, &e), 0);
	assert_int_equal(t, t2);
	assert_int_equal(tz_parse_datetime("2024-01-01T12:00-05:30", &t, &e), 0);
	assert_int_equal(t, D(2024, 1, 1) * 86400 + 17 * 3600 + 30 * 60);
	assert_int_equal(tz_parse_datetime("2024-02-30T12:00", &t, &e), ERR_PARSE);
	assert_non_null(strstr(e.msg, "2024-02-30T12:00"));
	assert_int_equal(tz_parse_datetime("2024-06-01T25:00", &t, &e), ERR_PARSE);
	assert_int_equal(tz_parse_datetime("2024-06-01T12:00+3", &t, &e), ERR_PARSE);
	assert_int_equal(tz_parse_hhmm("24:00", &min, &e), 0);
	assert_int_equal(min, 1440);
	assert_int_equal(tz_parse_hhmm("24:01", &min, &e), ERR_PARSE);
	assert_int_equal(tz_parse_hhmm("9:00", &min, &e), ERR_PARSE);
}

static void test_holidays_finland(void **state)
{
	(void)state;
	assert_int_equal(cal_easter(2024), D(2024, 3, 31));
	assert_int_equal(cal_easter(2025), D(2025, 4, 20));
	assert_int_equal(cal_easter(2026), D(2026, 4, 5));
	assert_string_equal(cal_holiday_on(D(2024, 3, 29))->id, "good_friday");
	assert_string_equal(cal_holiday_on(D(2024, 4, 1))->id, "easter_monday");
	assert_string_equal(cal_holiday_on(D(2024, 5, 9))->id, "ascension");
	assert_string_equal(cal_holiday_on(D(2024, 6, 21))->id, "midsummer_eve");
	assert_string_equal(cal_holiday_on(D(2024, 6, 22))->id, "midsummer");
	assert_string_equal(cal_holiday_on(D(2024, 11, 2))->id, "all_saints");
	assert_string_equal(cal_holiday_on(D(2025, 6, 20))->id, "midsummer_eve");
	assert_string_equal(cal_holiday_on(D(2025, 11, 1))->id, "all_saints");
	assert_string_equal(cal_holiday_on(D(2026, 12, 6))->fi, "Itsenäisyyspäivä");
	assert_null(cal_holiday_on(D(2024, 6, 20)));
	assert_null(cal_holiday_on(D(2024, 3, 28)));
}

static void test_holidays_of_year_sorted(void **state)
{
	int64_t days[20];
	const struct cal_holiday *h[20];
	int n = cal_holidays_of_year(2027, days, h, 20);

	(void)state;
	assert_int_equal(n, 15);
	for (int i = 1; i < n; i++)
		assert_true(days[i - 1] < days[i]);
	assert_string_equal(h[0]->id, "new_year");
	assert_string_equal(h[n - 1]->id, "st_stephen");
	assert_int_equal(cal_holidays_of_year(2027, days, h, 3), 3);
}

static int open_at(const struct cal_hours *h, int64_t day, const char *hhmm)
{
	int m;

	assert_int_equal(tz_parse_hhmm(hhmm, &m, NULL), 0);
	return cal_hours_open(h, day, m);
}

static void test_hours_basic(void **state)
{
	struct cal_hours h;
	struct err e = { 0 };
	int64_t mon = D(2024, 6, 3), sat = D(2024, 6, 8), sun = D(2024, 6, 9);

	(void)state;
	assert_int_equal(cal_hours_parse("Mo-Fr 08:00-16:00; Sa 10:00-14:00", &h, &e), 0);
	assert_true(open_at(&h, mon, "08:00"));
	assert_false(open_at(&h, mon, "16:00"));
	assert_true(open_at(&h, sat, "13:59"));
	assert_false(open_at(&h, sun, "12:00"));
	assert_int_equal(cal_hours_open_minutes(&h, mon, 15 * 60, 120), 60);
	assert_int_equal(cal_hours_parse("", &h, &e), 0);
	assert_true(h.always);
	assert_int_equal(cal_hours_parse("24/7", &h, &e), 0);
	assert_true(open_at(&h, sun, "03:00"));
}

static void test_hours_rules(void **state)
{
	struct cal_hours h;
	struct err e = { 0 };
	int64_t fri = D(2024, 6, 7), sat = D(2024, 6, 8), wed = D(2024, 6, 5);

	(void)state;
	/* Several spans, a later rule replacing days, a wrap past midnight. */
	assert_int_equal(cal_hours_parse("Mo-Su 09:00-12:00,13:00-17:00; We off;"
					  " Fr 22:00-02:00", &h, &e), 0);
	assert_true(open_at(&h, D(2024, 6, 3), "12:30") == 0);
	assert_true(open_at(&h, D(2024, 6, 3), "13:30"));
	assert_false(open_at(&h, wed, "10:00"));
	assert_false(open_at(&h, fri, "10:00"));	/* replaced by the Fr rule */
	assert_true(open_at(&h, fri, "23:00"));
	assert_true(open_at(&h, sat, "01:30"));	/* Friday's night */
	assert_true(open_at(&h, sat, "10:00"));
	/* Additional rule with ",", lists and wrapping ranges. */
	assert_int_equal(cal_hours_parse("Mo,We 10:00-11:00, Fr-Mo 18:00-19:00", &h, &e), 0);
	assert_true(open_at(&h, wed, "10:30"));
	assert_true(open_at(&h, D(2024, 6, 9), "18:30"));	/* Sunday in Fr-Mo */
	assert_false(open_at(&h, D(2024, 6, 4), "18:30"));
	/* Day alone: open all day. "closed" as "off". */
	assert_int_equal(cal_hours_parse("Sa; Su closed", &h, &e), 0);
	assert_true(open_at(&h, sat, "00:00"));
	assert_false(open_at(&h, D(2024, 6, 9), "12:00"));
}

static void test_hours_public_holidays(void **state)
{
	struct cal_hours h;
	struct err e = { 0 };
	int64_t xmas = D(2024, 12, 25), may1 = D(2024, 5, 1), normal_we = D(2024, 5, 8);

	(void)state;
	assert_int_equal(cal_hours_parse("Mo-Fr 08:00-16:00; PH off", &h, &e), 0);
	assert_false(open_at(&h, xmas, "10:00"));
	assert_false(open_at(&h, may1, "10:00"));
	assert_true(open_at(&h, normal_we, "10:00"));
	assert_int_equal(cal_hours_parse("Mo-Fr 08:00-16:00; PH 10:00-12:00", &h, &e), 0);
	assert_true(open_at(&h, xmas, "11:00"));
	assert_false(open_at(&h, xmas, "13:00"));
	/* Without a PH rule a holiday follows its weekday. */
	assert_int_equal(cal_hours_parse("Mo-Fr 08:00-16:00", &h, &e), 0);
	assert_true(open_at(&h, xmas, "10:00"));
}

static void test_hours_refused(void **state)
{
	static const char *const bad[] = {
		"Jan-Mar 10:00-12:00", "Mo-Fr sunrise-sunset", "Mo-Fr 08:00-16:00 || Sa",
		"SH off", "Mo-Fr 8:00-16:00", "Mo-Fr 08:00", "Xx 10:00-12:00",
		"Mo-Fr 10:00-12:00 \"comment\"", "week 1-10 Mo 10:00-11:00",
		"Mo 25:00-26:00", "Mo-PH 10:00-11:00", "Mo 10:00-11:00; ;", NULL,
	};
	struct cal_hours h;
	struct err e = { 0 };

	(void)state;
	for (int i = 0; bad[i]; i++) {
		int rc = cal_hours_parse(bad[i], &h, &e);

		if (rc != ERR_PARSE)
			fail_msg("'%s' parsed (rc %d)", bad[i], rc);
		assert_non_null(strstr(e.msg, "not supported"));
	}
	assert_int_equal(cal_hours_parse("Mo 10:00-11:00; Jan off", &h, &e), ERR_PARSE);
	assert_non_null(strstr(e.msg, "'Jan off'"));
}

static void test_tokens_and_links(void **state)
{
	char a[CAL_TOKEN_LEN + 1], b[CAL_TOKEN_LEN + 1];
	unsigned char ha[32], hb[32], again[32];
	struct cal_links l;

	(void)state;
	cal_token_new(a, ha);
	cal_token_new(b, hb);
	assert_int_equal(strlen(a), CAL_TOKEN_LEN);
	assert_true(cal_token_valid(a, strlen(a)));
	assert_string_not_equal(a, b);
	assert_memory_not_equal(ha, hb, 32);
	cal_token_hash(a, strlen(a), again);
	assert_memory_equal(ha, again, 32);
	assert_false(cal_token_valid("short", 5));
	a[3] = '/';
	assert_false(cal_token_valid(a, strlen(a)));
	cal_feed_links("https://h.example:8443", "TOK", &l);
	assert_string_equal(l.scheme, "https");
	assert_string_equal(l.url, "https://h.example:8443/feeds/TOK.ics");
	assert_string_equal(l.webcal, "webcal://h.example:8443/feeds/TOK.ics");
	assert_string_equal(l.google, "https://calendar.google.com/calendar/r?cid="
			    "webcal%3A%2F%2Fh.example%3A8443%2Ffeeds%2FTOK.ics");
	cal_feed_links("http://127.0.0.1:8080", "TOK", &l);
	assert_string_equal(l.scheme, "http");
	assert_string_equal(l.url, "http://127.0.0.1:8080/feeds/TOK.ics");
	assert_string_equal(l.webcal, "webcal://127.0.0.1:8080/feeds/TOK.ics");
	cal_feed_links("127.0.0.1:8080", "TOK", &l);
	assert_string_equal(l.scheme, "");
}

/* A cancellation's words: outsiders never see who is away or the lead's
 * own text; team views do; old databases' "absence of KEY" still reads. */
static void test_reason_texts(void **state)
{
	int64_t xmas, plain;
	char b[160], stored[64];

	(void)state;
	assert_int_equal(tz_parse_date("2026-12-25", &xmas, NULL), 0);
	assert_int_equal(tz_parse_date("2026-12-15", &plain, NULL), 0);
	cal_reason_absence("jussi", stored, sizeof stored);
	assert_string_equal(cal_reason_text(stored, plain, "en", 0, b, sizeof b), "staff unavailable");
	assert_string_equal(cal_reason_text(stored, plain, "fi", 0, b, sizeof b), "työntekijä estynyt");
	assert_string_equal(cal_reason_text(stored, plain, "sv", 0, b, sizeof b), "personal förhindrad");
	assert_string_equal(cal_reason_text(stored, plain, "en", 1, b, sizeof b),
			    "staff unavailable (jussi)");
	assert_string_equal(cal_reason_text("absence of aino", plain, "en", 0, b, sizeof b),
			    "staff unavailable");
	assert_int_equal(cal_reason_cause("absence of aino", plain, b, sizeof b), CAL_CAUSE_STAFF);
	assert_string_equal(b, "aino");
	assert_string_equal(cal_reason_text("holiday", xmas, "en", 0, b, sizeof b),
			    "public holiday Christmas Day");
	assert_string_equal(cal_reason_text("holiday", xmas, "fi", 0, b, sizeof b),
			    "juhlapyhä Joulupäivä");
	assert_int_equal(cal_reason_cause("holiday", plain, NULL, 0), CAL_CAUSE_OTHER);
	assert_string_equal(cal_reason_text("Jussi sick", plain, "en", 0, b, sizeof b), "");
	assert_string_equal(cal_reason_text("Jussi sick", plain, "en", 1, b, sizeof b), "Jussi sick");
	assert_string_equal(cal_reason_text("", plain, "en", 1, b, sizeof b), "");
	assert_string_equal(cal_cause_name(CAL_CAUSE_STAFF), "staff");
}

/* ---- rhythms (util/rhythm) --------------------------------------------- */
static int list_days(const struct rhythm *r, int wd, int64_t first, int64_t last,
		     int64_t *out, int cap)
{
	int n = 0;

	for (int64_t d = rhythm_next(r, wd, first, last, first - 30); d != RHYTHM_NONE && n < cap;
	     d = rhythm_next(r, wd, first, last, d + 1))
		out[n++] = d;
	return n;
}

static void test_rhythm_every_n_weeks(void **state)
{
	struct rhythm r = { .every = 3 };
	int64_t v[16];
	int n = list_days(&r, 1, D(2025, 2, 4), D(2025, 5, 13), v, 16);

	(void)state;
	assert_int_equal(n, 5);
	assert_int_equal(v[0], D(2025, 2, 4));
	assert_int_equal(v[1], D(2025, 2, 25));
	assert_int_equal(v[4], D(2025, 4, 29));
	assert_true(rhythm_on(&r, 1, D(2025, 2, 4), D(2025, 5, 13), D(2025, 3, 18)));
	assert_false(rhythm_on(&r, 1, D(2025, 2, 4), D(2025, 5, 13), D(2025, 3, 11)));
	assert_false(rhythm_on(&r, 1, D(2025, 2, 4), D(2025, 5, 13), D(2025, 5, 20)));
	/* the zero rhythm is weekly; the anchor is the first such weekday */
	memset(&r, 0, sizeof r);
	assert_int_equal(rhythm_count(&r, 3, D(2025, 3, 3), D(2025, 3, 31), D(2025, 1, 1),
				      D(2026, 1, 1)), 4);
	assert_int_equal(rhythm_next(&r, 3, D(2025, 3, 3), D(2025, 3, 31), D(2025, 3, 1)),
			 D(2025, 3, 6));
}

static void test_rhythm_monthly(void **state)
{
	struct rhythm r = { 0 };
	struct err e = { 0 };
	int64_t v[16];
	char text[16];
	int n;

	(void)state;
	assert_int_equal(rhythm_parse_monthly("1;3", &r.monthly, &e), 0);
	n = list_days(&r, 1, D(2025, 9, 1), D(2025, 12, 31), v, 16);
	assert_int_equal(n, 8);
	assert_int_equal(v[0], D(2025, 9, 2));
	assert_int_equal(v[1], D(2025, 9, 16));
	assert_int_equal(v[2], D(2025, 10, 7));
	assert_int_equal(v[7], D(2025, 12, 16));
	assert_int_equal(rhythm_parse_monthly("-1", &r.monthly, &e), 0);
	n = list_days(&r, 4, D(2025, 9, 1), D(2025, 12, 31), v, 16);
	assert_int_equal(n, 4);
	assert_int_equal(v[1], D(2025, 10, 31));	/* a 5th Friday is the last */
	assert_int_equal(v[2], D(2025, 11, 28));	/* a 4th one too */
	rhythm_format_monthly(1u | 4u | 1u << RHYTHM_LAST, text, sizeof text);
	assert_string_equal(text, "1;3;-1");
	assert_int_equal(rhythm_parse_monthly("5", &r.monthly, &e), ERR_PARSE);
	assert_non_null(strstr(e.msg, "column monthly: '5'"));
	assert_int_equal(rhythm_parse_monthly("0", &r.monthly, &e), ERR_PARSE);
	assert_int_equal(rhythm_parse_monthly("1;x", &r.monthly, &e), ERR_PARSE);
	assert_int_equal(rhythm_parse_monthly("1;", &r.monthly, &e), ERR_PARSE);
}

static void test_rhythm_dates(void **state)
{
	struct rhythm r = { 0 };
	struct err e = { 0 };
	char text[64];

	(void)state;
	assert_int_equal(rhythm_parse_dates("2025-06-19;2025-03-27", 3, &r, &e), 0);
	assert_int_equal(r.ndates, 2);
	assert_int_equal(r.dates[0], D(2025, 3, 27));
	assert_true(rhythm_on(&r, 3, 0, 0, D(2025, 6, 19)));
	assert_false(rhythm_on(&r, 3, 0, 0, D(2025, 6, 26)));
	assert_int_equal(rhythm_next(&r, 3, 0, 0, D(2025, 3, 28)), D(2025, 6, 19));
	assert_true(rhythm_next(&r, 3, 0, 0, D(2025, 6, 20)) == RHYTHM_NONE);
	rhythm_format_dates(&r, text, sizeof text);
	assert_string_equal(text, "2025-03-27;2025-06-19");
	assert_int_equal(rhythm_parse_dates("2025-06-20", 3, &r, &e), ERR_PARSE);
	assert_string_equal(e.msg, "column dates: 2025-06-20 is a Fr, not a Th");
	assert_int_equal(rhythm_parse_dates("2025-02-30", 3, &r, &e), ERR_PARSE);
	assert_int_equal(rhythm_parse_dates("2025-03-27;2025-03-27", 3, &r, &e), ERR_PARSE);
	r = (struct rhythm){ .every = 2, .monthly = 1 };
	assert_int_equal(rhythm_check(&r, &e), ERR_PARSE);
	r = (struct rhythm){ .every = 13 };
	assert_int_equal(rhythm_check(&r, &e), ERR_PARSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tz_days_roundtrip),
		cmocka_unit_test(test_tz_dst_offsets),
		cmocka_unit_test(test_tz_parse),
		cmocka_unit_test(test_holidays_finland),
		cmocka_unit_test(test_holidays_of_year_sorted),
		cmocka_unit_test(test_hours_basic),
		cmocka_unit_test(test_hours_rules),
		cmocka_unit_test(test_hours_public_holidays),
		cmocka_unit_test(test_hours_refused),
		cmocka_unit_test(test_tokens_and_links),
		cmocka_unit_test(test_reason_texts),
		cmocka_unit_test(test_rhythm_every_n_weeks),
		cmocka_unit_test(test_rhythm_monthly),
		cmocka_unit_test(test_rhythm_dates),
	};

	return cmocka_run_group_tests_name("calendars", tests, NULL, NULL);
}
