/* Unit tests: the encounter model (planner/model.h): Gamma quantiles,
 * exposure correction, shrinkage, season/holidays, opening hours, DST
 * hours, coordinates and clusters; and the simulator's determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendars/holidays.h"
#include "planner/model/backtest.h"
#include "planner/model/model.h"
#include "planner/sim/simulate.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

static int64_t at(int y, int mo, int d, int h)
{
	struct tz_civil c = { y, mo, d, h, 0, 0 };

	return tz_from_local(&c);
}

/* Local hour h of the day `days` days after y-mo-d (DST-correct). */
static int64_t at_day(int y, int mo, int d, int days, int h)
{
	struct tz_civil c = { 0, 0, 0, h, 0, 0 };

	tz_civil_from_days(tz_days_from_civil(y, mo, d) + days, &c.year, &c.month, &c.day);
	return tz_from_local(&c);
}

/* A growing history for the tests. */
struct hist {
	struct plan_model_visit v[20000];
	struct plan_model_encounter x[40000];
	int nv, nx;
};

static void visit(struct hist *h, int place, int64_t start, int hours, int people_per_hour)
{
	h->v[h->nv++] = (struct plan_model_visit){ place, start, start + 3600 * hours };
	for (int k = 0; k < hours; k++)
		for (int i = 0; i < people_per_hour; i++)
			h->x[h->nx++] = (struct plan_model_encounter){ place,
								       start + 3600 * k + 60 * (i + 1),
								       0, 0, 1 };
}

static struct plan_model *fit(const struct plan_model_place *pl, int np, struct hist *h)
{
	struct plan_model *m = NULL;
	struct err e = { 0 };

	assert_int_equal(plan_model_fit(pl, np, h->v, h->nv, h->x, h->nx, NULL, &m, &e), 0);
	assert_non_null(m);
	return m;
}

static void test_gamma_known_values(void **state)
{
	(void)state;
	assert_true(fabs(plan_gamma_p(1, 2) - (1 - exp(-2))) < 1e-12);
	assert_true(fabs(plan_gamma_p(0.5, 0.7) - erf(sqrt(0.7))) < 1e-12);
	assert_true(fabs(plan_gamma_p(3, 2) - 0.3233235838169366) < 1e-12);
	/* Quantiles: exponential, chi-square tables (x = chi2 / 2). */
	assert_true(fabs(plan_gamma_p_inv(1, 0.9) - 2.302585092994046) < 1e-9);
	assert_true(fabs(plan_gamma_p_inv(5, 0.9) - 15.987179172105 / 2) < 1e-8);
	assert_true(fabs(plan_gamma_p_inv(0.5, 0.1) - 0.01579077409 / 2) < 1e-9);
	assert_true(fabs(plan_gamma_p_inv(50, 0.1) - 82.358136 / 2) < 1e-5);
	for (double a = 0.05; a < 3000; a *= 2.7)
		for (double p = 0.01; p < 1; p += 0.14) {
			double x = plan_gamma_p_inv(a, p);

			assert_true(x >= 0);
			assert_true(fabs(plan_gamma_p(a, x) - p) < 1e-9);
		}
	assert_true(plan_gamma_p_inv(2, 0) == 0);
}

static void test_haversine(void **state)
{
	(void)state;
	/* One degree of latitude is 111.2 km on the mean sphere. */
	assert_true(fabs(plan_haversine_m(60, 25, 61, 25) - 111195) < 5);
	assert_true(plan_haversine_m(60.17, 24.94, 60.17, 24.94) == 0);
}

/* A place watched only on Mondays: Friday is not a false zero but a wide
 * interval; Monday follows its data closely. */
static void test_exposure_monday_only(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "tori", "street", "a", 60.17, 24.94, "" },
		{ "kulma", "street", "a", 60.18, 24.95, "" },
	};
	struct hist *h = xcalloc(1, sizeof *h);
	struct plan_model *m;
	struct plan_rate mon, fri, jul;

	(void)state;
	for (int w = 0; w < 26; w++) {	/* October to March: no summer */
		visit(h, 0, at_day(2025, 10, 6, 7 * w, 12), 2, 3);
		visit(h, 1, at_day(2025, 10, 6, 7 * w + 4, 12), 1, 1);
	}
	m = fit(pl, 2, h);
	plan_model_rate(m, 0, at(2026, 7, 6, 12), &jul);	/* a Monday in a season never seen */
	plan_model_rate(m, 0, at(2026, 2, 2, 12), &mon);	/* a Monday */
	plan_model_rate(m, 0, at(2026, 2, 6, 12), &fri);	/* a Friday */
	/* the factor of a season without data is uncertain: wider */
	assert_true(jul.upper - jul.lower > 1.5 * (mon.upper - mon.lower));
	assert_true(fabs(mon.mean - 3) < 0.5);
	assert_true(fri.mean > 0.5);
	/* Friday rests on the level and the kind's profile, not on data of
	 * its own: the interval is wide */
	assert_true((fri.upper - fri.lower) / fri.mean > 2.5 * (mon.upper - mon.lower) / mon.mean);
	assert_true(fri.lower < fri.mean && fri.mean < fri.upper);
	assert_true(fri.exposure == 0 && mon.exposure > 20);
	plan_model_free(m);
	free(h);
}

/* The same people met one by one or in groups of four: the same mean,
 * but groups are fewer independent events, so the interval is wider
 * (quasi-Poisson: variance E[g^2] / E[g] = 4 times the mean). */
static void test_groups_widen_intervals(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "tori", "street", "a", 60.17, 24.94, "" },
	};
	struct hist *one = xcalloc(1, sizeof *one), *four = xcalloc(1, sizeof *four);
	struct plan_model *m1, *m4;
	struct plan_rate r1, r4;

	(void)state;
	for (int w = 0; w < 20; w++) {
		visit(one, 0, at_day(2025, 10, 6, 7 * w, 12), 1, 8);
		visit(four, 0, at_day(2025, 10, 6, 7 * w, 12), 1, 2);
	}
	for (int i = 0; i < four->nx; i++)
		four->x[i].people = 4;
	m1 = fit(pl, 1, one);
	m4 = fit(pl, 1, four);
	plan_model_rate(m1, 0, at(2026, 2, 23, 12), &r1);
	plan_model_rate(m4, 0, at(2026, 2, 23, 12), &r4);
	assert_true(fabs(r1.mean - r4.mean) < 0.05 * r1.mean);
	assert_true(r4.upper - r4.lower > 1.5 * (r1.upper - r1.lower));
	plan_model_free(m1);
	plan_model_free(m4);
	free(one);
	free(four);
}

/* Months pool into Finnish seasons: a November never watched takes the
 * level of the other winter months (Dec-Mar), not that of October. */
static void test_season_pools_months(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "tori", "street", "a", 60.17, 24.94, "" },
	};
	struct hist *h = xcalloc(1, sizeof *h);
	struct plan_model *m;
	struct plan_rate nov, oct, jul;

	(void)state;
	for (int w = 0; w < 156; w++) {
		int64_t t = at_day(2023, 1, 2, 7 * w, 12);
		struct tz_civil c;
		int mo;

		tz_to_local(t, &c);
		mo = c.month;
		if (mo == 11)
			continue;
		visit(h, 0, t, 2, mo <= 3 || mo == 12 ? 1 : 3);
	}
	m = fit(pl, 1, h);
	plan_model_rate(m, 0, at(2025, 11, 17, 12), &nov);
	plan_model_rate(m, 0, at(2025, 10, 13, 12), &oct);
	plan_model_rate(m, 0, at(2025, 7, 14, 12), &jul);
	assert_true(fabs(nov.mean - 1) < 0.2);
	assert_true(fabs(oct.mean - 3) < 0.5);
	assert_true(fabs(jul.mean - 3) < 0.5);
	assert_true(nov.lower < 1 && nov.upper > 1);
	plan_model_free(m);
	free(h);
}

/* A thin cell borrows from its kind-area; a rich cell keeps its own rate. */
static void test_shrinkage(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "thin", "park", "a", 60.17, 24.94, "" },
		{ "rich", "park", "a", 60.18, 24.95, "" },
		{ "busy", "park", "a", 60.19, 24.96, "" },
	};
	struct hist *h = xcalloc(1, sizeof *h);
	struct plan_model *m;
	struct plan_rate thin, busy, rich;

	(void)state;
	visit(h, 0, at_day(2025, 1, 13, 0, 14), 1, 6);	/* one hour, 6 people */
	for (int w = 0; w < 60; w++) {
		visit(h, 1, at_day(2025, 1, 13, 7 * w, 14), 1, 1);
		visit(h, 2, at_day(2025, 1, 13, 7 * w, 14), 1, 4);
	}
	m = fit(pl, 3, h);
	plan_model_rate(m, 0, at(2025, 6, 2, 14), &thin);
	plan_model_rate(m, 1, at(2025, 6, 2, 14), &rich);
	plan_model_rate(m, 2, at(2025, 6, 2, 14), &busy);
	assert_true(thin.mean > 1.2 && thin.mean < 5.5);	/* pulled in from 6 */
	assert_true(fabs(rich.mean - 1) < 0.25);
	assert_true(fabs(busy.mean - 4) < 0.6);
	assert_true(thin.upper - thin.lower > busy.upper - busy.lower);
	assert_true(plan_model_place_index(m, "busy") == 2);
	assert_true(plan_model_place_index(m, "nowhere") == -1);
	plan_model_free(m);
	free(h);
}

/* A day centre closes on public holidays (opening hours); a street place
 * is quieter on holidays in its data: the holiday factor learns it. */
static void test_holidays_and_hours(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "keskus", "day_centre", "", 60.17, 24.94, "Mo-Fr 08:00-15:00; PH off" },
		{ "katu", "street", "", 60.18, 24.95, "" },
	};
	struct hist *h = xcalloc(1, sizeof *h);
	struct plan_model *m;
	struct plan_rate r, hol, ord;
	int64_t day0 = tz_days_from_civil(2022, 1, 3);

	(void)state;
	for (int d = 0; d < 3 * 364; d++) {
		int64_t day = day0 + d;
		struct tz_civil c;
		int y, mo, dd, is_hol;

		tz_civil_from_days(day, &y, &mo, &dd);
		c = (struct tz_civil){ y, mo, dd, 12, 0, 0 };
		is_hol = cal_holiday_on(day) != NULL;
		visit(h, 1, tz_from_local(&c), 1, is_hol ? 0 : 2);
	}
	m = fit(pl, 2, h);
	plan_model_rate(m, 0, at(2025, 12, 25, 10), &r);	/* Christmas: PH off */
	assert_true(r.open == 0 && r.mean == 0 && r.upper == 0);
	plan_model_rate(m, 0, at(2025, 12, 20, 10), &r);	/* a Saturday */
	assert_true(r.mean == 0 && r.lower == 0 && r.upper == 0);
	plan_model_rate(m, 0, at(2025, 12, 22, 10), &r);	/* a Monday */
	assert_true(r.open == 1 && r.mean > 0);
	plan_model_rate(m, 1, at(2025, 12, 25, 12), &hol);
	plan_model_rate(m, 1, at(2025, 12, 18, 12), &ord);	/* same weekday */
	assert_true(fabs(ord.mean - 2) < 0.4);
	assert_true(hol.mean < 0.5 * ord.mean);
	plan_model_free(m);
	free(h);
}

/* October: 25 hours in the day, the repeated 03:00 twice with two
 * offsets, the same hour of the week; March: 23 hours, no 03:00. */
static void test_dst_hours(void **state)
{
	static const struct plan_model_place pl[] = { { "asema", "station", "", 60.17, 24.94, "" } };
	struct hist *h = xcalloc(1, sizeof *h);
	struct plan_model *m;
	int64_t t0 = at(2026, 10, 25, 0), t1 = at(2026, 10, 26, 0);
	struct plan_rate a, b;
	char s[26];
	int n = 0, threes = 0;

	(void)state;
	visit(h, 0, at(2026, 10, 18, 3), 1, 2);
	m = fit(pl, 1, h);
	for (int64_t t = t0; t < t1; t += 3600, n++) {
		tz_format_local(t, s);
		if (!strncmp(s + 11, "03:00", 5))
			threes++;
	}
	assert_int_equal(n, 25);
	assert_int_equal(threes, 2);
	tz_format_local(at(2026, 10, 25, 3), s);
	assert_string_equal(s, "2026-10-25T03:00:00+03:00");
	tz_format_local(at(2026, 10, 25, 3) + 3600, s);
	assert_string_equal(s, "2026-10-25T03:00:00+02:00");
	plan_model_rate(m, 0, at(2026, 10, 25, 3), &a);
	plan_model_rate(m, 0, at(2026, 10, 25, 3) + 3600, &b);
	assert_true(a.mean == b.mean && a.exposure == b.exposure);
	n = 0;
	threes = 0;
	for (int64_t t = at(2026, 3, 29, 0); t < at(2026, 3, 30, 0); t += 3600, n++) {
		tz_format_local(t, s);
		threes += !strncmp(s + 11, "03:00", 5);
	}
	assert_int_equal(n, 23);
	assert_int_equal(threes, 0);
	plan_model_free(m);
	free(h);
}

/* Coordinates within 250 m join the place; far ones form clusters; an
 * encounter without a visit counts as an hour of presence. */
static void test_coordinates_and_clusters(void **state)
{
	static const struct plan_model_place pl[] = { { "tori", "street", "", 60.17, 24.94, "" } };
	struct plan_model_encounter x[8];
	struct plan_model *m = NULL;
	struct plan_cluster cl[4];
	struct plan_rate r;
	struct err e = { 0 };
	int64_t t = at(2025, 3, 3, 12);

	(void)state;
	x[0] = (struct plan_model_encounter){ -1, t, 60.1710, 24.9410, 2 };	/* ~110 m */
	x[1] = (struct plan_model_encounter){ -1, t + 86400, 60.1800, 24.9400, 1 };	/* 1.1 km */
	x[2] = (struct plan_model_encounter){ -1, t + 2 * 86400, 60.1801, 24.9402, 1 };
	x[3] = (struct plan_model_encounter){ -1, t + 3 * 86400, 60.1799, 24.9399, 3 };
	x[4] = (struct plan_model_encounter){ -1, t + 4 * 86400, 60.1500, 24.9000, 1 };
	assert_int_equal(plan_model_fit(pl, 1, NULL, 0, x, 5, NULL, &m, &e), 0);
	assert_int_equal(plan_model_clusters(m, cl, 4), 2);
	assert_int_equal(cl[0].encounters, 3);
	assert_int_equal(cl[0].people, 5);
	assert_true(fabs(cl[0].lat - 60.18) < 0.0005 && cl[0].nearest == 0);
	assert_true(cl[0].nearest_m > 1000 && cl[0].nearest_m < 1200);
	plan_model_rate(m, 0, t, &r);
	assert_true(r.exposure > 0.9);	/* the unvisited encounter hour */
	plan_model_free(m);
	/* Bad input is refused. */
	x[0].place = 5;
	assert_int_equal(plan_model_fit(pl, 1, NULL, 0, x, 1, NULL, &m, &e), ERR_PARSE);
	assert_null(m);
}

/* In the dense centre, coordinates join the place a pair was visiting
 * then (within 250 m) before a slightly nearer one. */
static void test_coordinates_prefer_visited(void **state)
{
	static const struct plan_model_place pl[] = {
		{ "a", "street", "", 60.1700, 24.9400, "" },
		{ "b", "street", "", 60.1705, 24.9400, "" },	/* 56 m north */
	};
	int64_t t = at(2025, 3, 3, 12);
	struct plan_model_visit v = { 1, t, t + 3600 };
	struct plan_model_encounter x = { -1, t + 600, 60.1701, 24.9400, 2 };	/* 11 m from a */
	struct plan_model *m = NULL;
	struct plan_rate ra, rb;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(plan_model_fit(pl, 2, &v, 1, &x, 1, NULL, &m, &e), 0);
	plan_model_rate(m, 0, t, &ra);
	plan_model_rate(m, 1, t, &rb);
	assert_true(ra.exposure == 0);	/* no stray hour of presence at a */
	assert_true(rb.exposure > 0.5);
	plan_model_free(m);
}

/* The predictive count: negative binomial against closed forms, and the
 * fractional coverage is exactly the range's mass in expectation. */
static void test_negative_binomial(void **state)
{
	(void)state;
	/* r -> Poisson: P(Y <= 2 | 3) = e^-3 (1 + 3 + 4.5) */
	assert_true(fabs(plan_nb_cdf(3, 0, 2) - exp(-3) * 8.5) < 1e-12);
	assert_true(fabs(plan_nb_cdf(3, 1e12, 2) - exp(-3) * 8.5) < 1e-6);
	/* r = 1: geometric, P(Y <= y) = 1 - (mu / (1 + mu))^(y + 1) */
	assert_true(fabs(plan_nb_cdf(2, 1, 4) - (1 - pow(2.0 / 3, 5))) < 1e-12);
	assert_int_equal(plan_nb_quantile(2, 1, 0.5), 1);	/* P(0) = 1/3, P(<=1) = 5/9 */
	assert_int_equal(plan_nb_quantile(0, 1, 0.9), 0);
	for (double mu = 0.05; mu < 400; mu *= 2.3)
		for (double r = 0.3; r < 100; r *= 4) {
			double sum = 0, p0 = 0;

			for (int y = 0; y < 20000; y++) {
				double p1 = plan_nb_cdf(mu, r, y);

				sum += (p1 - p0) * plan_nb_cover(mu, r, y, 0.8);
				p0 = p1;
				if (p1 > 1 - 1e-13)
					break;
			}
			assert_true(fabs(sum - 0.8) < 1e-6);
		}
	/* the size: variance disp m + relvar m^2 */
	assert_true(fabs(plan_pred_size(2, 1, 0.25, 1) - 4) < 1e-12);
	assert_true(fabs(1 / plan_pred_size(2, 1, 0.25, 3) - (1 + 0.25)) < 1e-12);
	assert_true(plan_pred_size(2, 1, 0, 1) == 0);	/* Poisson */
}

/* A year of steady visits at two streets; one goes quiet 6 weeks before
 * the end: its change is detected with the date, the other is not
 * flagged, and the forecast follows the recent level. */
static void test_drift_closing_place(void **state)
{
	struct plan_model_place pl[2] = { { "a", "street", "", 60.17, 24.94, "" },
					  { "b", "street", "", 60.18, 24.95, "" } };
	struct hist *h = calloc(1, sizeof *h);
	struct plan_model *m;
	struct plan_change c;
	struct plan_rate r;
	int64_t end = at_day(2026, 1, 5, 52 * 7, 0);

	(void)state;
	for (int d = 0; d < 52 * 7; d += 2)
		for (int p = 0; p < 2; p++)
			visit(h, p, at_day(2026, 1, 5, d, 14), 2, p == 0 && d >= 46 * 7 ? 0 : 3);
	m = fit(pl, 2, h);
	assert_int_equal(plan_model_change(m, 1, &c), 0);
	assert_int_equal(plan_model_change(m, 0, &c), 1);
	assert_true(c.ratio < 0.2 && c.people == 0 && c.expected > 20);
	assert_true(llabs(c.since - at_day(2026, 1, 5, 46 * 7, 0)) <= 8 * 86400);
	plan_model_rate(m, 0, end + 14 * 3600, &r);
	assert_true(r.mean < 0.6);
	plan_model_rate(m, 1, end + 14 * 3600, &r);
	assert_true(r.mean > 2 && r.mean < 4);
	plan_model_free(m);
	free(h);
}

/* The backtest refits at each origin on the past only, scores every
 * logged hour and keeps its calibration inside the model; with too few
 * origins it says so and keeps the model's own ranges. */
static void test_backtest_calibrates(void **state)
{
	struct plan_model_place pl[3] = { { "a", "street", "", 60.17, 24.94, "" },
					  { "b", "park", "", 60.18, 24.95, "" },
					  { "c", "street", "", 60.19, 24.96, "" } };
	struct hist *h = calloc(1, sizeof *h);
	struct plan_model_opts o = { .backtest_origins = 6, .backtest_weeks = 2 };
	struct plan_model *m = NULL, *m1 = NULL;
	const struct plan_bt_info *b;
	struct plan_rate r;
	struct err e = { 0 };
	int hours = 0;

	(void)state;
	for (int d = 0; d < 40 * 7; d++)	/* 3 places, 3 hours a day */
		for (int p = 0; p < 3; p++)
			visit(h, p, at_day(2026, 1, 5, d, 12 + p), 1, (d * 7 + p * 3) % 5);
	assert_int_equal(plan_model_fit(pl, 3, h->v, h->nv, h->x, h->nx, &o, &m, &e), 0);
	b = plan_model_backtest(m);
	assert_non_null(b);
	assert_int_equal(b->used, 6);
	assert_int_equal(b->calibrated, 1);
	assert_string_equal(b->rows[0].kind, "all");
	for (int i = 1; i < b->nrows; i++)
		hours += b->rows[i].hours;
	assert_int_equal(hours, b->rows[0].hours);
	assert_int_equal(b->rows[0].hours, 6 * 2 * 7 * 3);	/* every logged hour */
	assert_true(b->rows[0].cover_model > 0.5 && b->rows[0].cover_cal > 0.5);
	plan_model_rate(m, 0, at_day(2026, 1, 5, 40 * 7 + 1, 12), &r);
	assert_true(r.lower <= r.mean && r.mean <= r.upper && r.met_lower <= r.met_upper);
	o.backtest_origins = 1;
	assert_int_equal(plan_model_fit(pl, 3, h->v, h->nv, h->x, h->nx, &o, &m1, &e), 0);
	b = plan_model_backtest(m1);
	assert_int_equal(b->calibrated, 0);
	assert_non_null(strstr(b->note, "model's own ranges"));
	plan_model_rate(m1, 0, at_day(2026, 1, 5, 40 * 7 + 1, 12), &r);
	assert_true(r.lower == r.model_lower && r.upper == r.model_upper);
	plan_model_free(m);
	plan_model_free(m1);
	free(h);
}

static void test_simulate_deterministic(void **state)
{
	struct plan_sim_opts o = { "food", 8, 42, 1, 0, "/nonexistent/pois.csv", 0 };
	struct plan_sim *a = NULL, *b = NULL;
	struct err e = { 0 };
	int na, nb;

	(void)state;
	assert_int_equal(plan_sim_new(&o, &a, &e), ERR_IO);
	o.pois = NULL;	/* ../shared or examples/ */
	assert_int_equal(plan_sim_new(&o, &a, &e), 0);
	assert_int_equal(plan_sim_new(&o, &b, &e), 0);
	plan_sim_encounters(a, &na);
	plan_sim_encounters(b, &nb);
	assert_int_equal(na, nb);
	assert_true(na > 0);
	for (int i = 0; i < na; i++) {
		const struct plan_model_encounter *x = &plan_sim_encounters(a, &na)[i];
		const struct plan_model_encounter *y = &plan_sim_encounters(b, &nb)[i];

		assert_true(x->place == y->place && x->time == y->time && x->people == y->people);
	}
	plan_sim_free(a);
	plan_sim_free(b);
	o.scenario = "nowhere";
	assert_int_equal(plan_sim_new(&o, &a, &e), ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gamma_known_values),
		cmocka_unit_test(test_haversine),
		cmocka_unit_test(test_exposure_monday_only),
		cmocka_unit_test(test_groups_widen_intervals),
		cmocka_unit_test(test_season_pools_months),
		cmocka_unit_test(test_shrinkage),
		cmocka_unit_test(test_holidays_and_hours),
		cmocka_unit_test(test_dst_hours),
		cmocka_unit_test(test_coordinates_and_clusters),
		cmocka_unit_test(test_coordinates_prefer_visited),
		cmocka_unit_test(test_negative_binomial),
		cmocka_unit_test(test_drift_closing_place),
		cmocka_unit_test(test_backtest_calibrates),
		cmocka_unit_test(test_simulate_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
