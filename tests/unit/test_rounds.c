/*
 * test_rounds.c - the weekly planner's choice of slots (issue 20): the
 * best day wins over the first one, one shift's budget goes to the best
 * single slot among the candidates, and the local search never lowers its
 * objective nor breaks a rule the plan validator checks.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "data/data.h"
#include "planner/rounds/rounds.h"
#include "planner/rounds/rounds_int.h"
#include "planner/splitmix.h"
#include "store/plans.h"
#include "store/store.h"
#include "tests/unit/testutil.h"
#include "util/err.h"
#include "util/tz.h"

#define FROM_DAY_Y 2026
#define NPLACE 8

/* Rates by place and local hour of the week: a table the test fills. */
struct table {
	double r[NPLACE][168];
};

static int table_rate(void *ud, int place, int64_t t, struct plan_rate *r)
{
	const struct table *tb = ud;
	struct tz_civil cv;
	int wd;

	tz_to_local(t, &cv);
	wd = tz_weekday(tz_days_from_civil(cv.year, cv.month, cv.day));
	memset(r, 0, sizeof *r);
	r->mean = r->lower = r->upper = tb->r[place][wd * 24 + cv.hour];
	r->exposure = 1e9;	/* well known: nothing to explore */
	r->open = 1;
	return 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void import(struct store *s, const char *dir, const char *kind)
{
	char path[512];
	struct err e = { 0 };

	snprintf(path, sizeof path, "%s/%s.csv", dir, kind);
	if (data_import_file(s, data_kind_parse(kind), path, 0, NULL, &e))
		fail_msg("import %s: %s", kind, e.msg);
}

/* A team of npair pairs (workers w1a, w1b, ...) with `hours` a week each,
 * available Mo-Fr 08-16, and NPLACE places 300 m apart, open always. */
static struct store *team(char **path, int npair, double hours)
{
	char dir[] = "/tmp/outreach-rounds-XXXXXX", text[4096];
	struct store *s;
	struct err e = { 0 };
	int n;

	assert_non_null(mkdtemp(dir));
	n = snprintf(text, sizeof text,
		     "key,name,kind,lat,lon,opening_hours,stay_minutes,partner,area,address\n");
	for (int i = 0; i < NPLACE; i++)
		n += snprintf(text + n, sizeof text - (size_t)n,
			      "p%d,Place %d,street,60.17,%.5f,24/7,60,,,\n", i, i,
			      24.93 + 0.0054 * i);
	write_file(dir, "places.csv", text);
	n = snprintf(text, sizeof text, "key,name,role,weekly_hours,languages\n");
	for (int p = 0; p < npair; p++)
		n += snprintf(text + n, sizeof text - (size_t)n,
			      "w%da,A%d,social_counsellor,%.1f,fi\nw%db,B%d,nurse,%.1f,fi\n", p, p,
			      hours, p, p, hours);
	write_file(dir, "workers.csv", text);
	n = snprintf(text, sizeof text, "key,worker_a,worker_b,area\n");
	for (int p = 0; p < npair; p++)
		n += snprintf(text + n, sizeof text - (size_t)n, "pair%d,w%da,w%db,\n", p, p, p);
	write_file(dir, "pairs.csv", text);
	n = snprintf(text, sizeof text, "worker,weekday,start,end\n");
	for (int p = 0; p < npair; p++)
		for (int wd = 0; wd < 5; wd++)
			for (int k = 0; k < 2; k++)
				n += snprintf(text + n, sizeof text - (size_t)n,
					      "w%d%c,%s,08:00,16:00\n", p, "ab"[k],
					      tz_weekday_name(wd));
	write_file(dir, "availability.csv", text);
	*path = test_db_path();
	if (store_open(*path, &s, &e))
		fail_msg("store_open: %s", e.msg);
	import(s, dir, "places");
	import(s, dir, "workers");
	import(s, dir, "pairs");
	import(s, dir, "availability");
	snprintf(text, sizeof text, "rm -rf '%s'", dir);
	assert_int_equal(system(text), 0);
	return s;
}

static void opts(struct plan_rounds_opts *o, const struct plan_rates_src *src, uint64_t seed)
{
	plan_rounds_opts_init(o);
	o->from_day = tz_days_from_civil(FROM_DAY_Y, 3, 2);	/* a Monday, no holiday near */
	o->weeks = 2;
	o->explore = 0;
	o->rates = src;
	o->seed = seed;
}

struct shifts {
	struct store_shift v[64];
	int n;
};

static int on_shift(const struct store_shift *sh, void *ud)
{
	struct shifts *x = ud;

	if (x->n < 64)
		x->v[x->n++] = *sh;
	return 0;
}

static void shifts_of(struct store *s, int64_t plan, struct shifts *x)
{
	struct err e = { 0 };

	x->n = 0;
	if (store_plan_shift_each(s, plan, on_shift, x, &e))
		fail_msg("shifts: %s", e.msg);
}

/* Quiet Monday to Thursday, a crowd at p3 on Friday 10-14; 3 hours a week
 * (one shift: 2 or 3 hours long with the default 4-hour shift). */
static void test_rounds_friday_wins(void **state)
{
	static struct table tb;
	struct plan_rates_src src = { table_rate, &tb };
	struct plan_rounds_opts o;
	struct plan_rounds_report rep;
	struct shifts x;
	struct err e = { 0 };
	char *path;
	struct store *s = team(&path, 1, 3);

	(void)state;
	for (int p = 0; p < NPLACE; p++)
		for (int h = 0; h < 168; h++)
			tb.r[p][h] = 1.0;
	for (int h = 10; h < 14; h++)
		tb.r[3][4 * 24 + h] = 10;
	opts(&o, &src, 1);
	if (plan_rounds_run(s, &o, &rep, &e))
		fail_msg("plan: %s", e.msg);
	shifts_of(s, rep.plan_id, &x);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.v[0].weekday, 4);
	assert_true(x.v[0].start_min >= 9 * 60 && x.v[0].end_min <= 15 * 60);
	assert_true(rep.expected_people >= 20 - 1e-9);	/* two hours of the crowd */
	assert_true(rep.q.bound >= rep.q.people - 1e-9);
	store_close(s);
	test_db_remove(path);
}

/* Rates drawn from the seed: a different best slot each time. */
static void random_rates(struct table *tb, uint64_t seed)
{
	uint64_t st = seed;

	for (int p = 0; p < NPLACE; p++)
		for (int h = 0; h < 168; h++)
			tb->r[p][h] = (double)(plan__splitmix(&st) % 1000) / 100.0 *
				      (plan__splitmix(&st) % 4 == 0);
}

/* The best worth of any single candidate the planner has within a 3-hour
 * budget (2 or 3 hours long, starting every 30 minutes inside 08-16), each
 * valued alone. */
static double best_single(struct store *s, const struct plan_rounds_opts *opts, struct err *e)
{
	struct plan_rounds_opts copy = *opts, *o = &copy;	/* prepare fills its sources */
	struct rt_prep prep;
	struct rt_team t;
	double best = 0;

	if (rt__prepare(s, o, &t, &prep, e))
		fail_msg("prepare: %s", e->msg);
	for (int wd = 0; wd < 5; wd++)
		for (int len = 120; len <= 180; len += 60)
			for (int st = 480; st + len <= 960; st += 30) {
				struct rt_slot x;

				rt__slot_init(&x, 0, wd, st, st + len);
				if (rt__value(&t, o, &x, e))
					fail_msg("value: %s", e->msg);
				if (rt__worth(&t, o, &x) > best)
					best = rt__worth(&t, o, &x);
			}
	rt__unprepare(&t, &prep);
	return best;
}

static void test_rounds_one_shift_is_the_best_slot(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		static struct table tb;
		struct plan_rates_src src = { table_rate, &tb };
		struct plan_rounds_opts o;
		struct plan_rounds_report rep;
		struct shifts x;
		struct err e = { 0 };
		char *path;
		struct store *s = team(&path, 1, 3);
		double best;

		random_rates(&tb, seed * 7919);
		opts(&o, &src, seed);
		best = best_single(s, &o, &e);
		if (plan_rounds_run(s, &o, &rep, &e))
			fail_msg("plan: %s", e.msg);
		shifts_of(s, rep.plan_id, &x);
		assert_int_equal(x.n, 1);
		if (rep.objective[1] < best - 1e-9)
			fail_msg("seed %d: plan %.4f < best single slot %.4f", (int)seed,
				 rep.objective[1], best);
		store_close(s);
		test_db_remove(path);
	}
}

/* Rules of tests/plan/validate.py the planner could break by moving
 * shifts: budgets, one shift of a worker at a time (30 minutes apart), no
 * two pairs at one place at one time, stops inside their shift. */
static void check_rules(struct store *s, int64_t plan, double hours)
{
	struct shifts x;
	double used[8] = { 0 };

	shifts_of(s, plan, &x);
	for (int i = 0; i < x.n; i++) {
		struct store_shift_parts pi;
		struct err e = { 0 };

		used[x.v[i].pair_id % 8] += (x.v[i].end_min - x.v[i].start_min) / 60.0;
		assert_int_equal(store_shift_parts_load(s, x.v[i].id, &pi, &e), 0);
		for (int a = 0; a < pi.nstops; a++)
			assert_true(pi.stops[a].arrive_min >= x.v[i].start_min &&
				    pi.stops[a].leave_min <= x.v[i].end_min);
		for (int j = i + 1; j < x.n; j++) {
			struct store_shift_parts pj;

			if (x.v[j].weekday != x.v[i].weekday)
				continue;
			if (x.v[j].pair_id == x.v[i].pair_id)
				assert_true(x.v[i].end_min + 30 <= x.v[j].start_min ||
					    x.v[j].end_min + 30 <= x.v[i].start_min);
			assert_int_equal(store_shift_parts_load(s, x.v[j].id, &pj, &e), 0);
			for (int a = 0; a < pi.nstops; a++)
				for (int b = 0; b < pj.nstops; b++)
					if (pi.stops[a].place_id == pj.stops[b].place_id &&
					    x.v[i].pair_id != x.v[j].pair_id &&
					    pi.stops[a].arrive_min < pj.stops[b].leave_min &&
					    pj.stops[b].arrive_min < pi.stops[a].leave_min)
						fail_msg("two pairs at place %lld on weekday %d",
							 (long long)pi.stops[a].place_id, x.v[i].weekday);
			store_shift_parts_release(&pj);
		}
		store_shift_parts_release(&pi);
	}
	for (int p = 0; p < 8; p++)
		if (used[p] > hours + 1e-9)
			fail_msg("pair id %d plans %.1f h of %.1f", p, used[p], hours);
}

static void test_rounds_local_search_never_worse(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		static struct table tb;
		struct plan_rates_src src = { table_rate, &tb };
		struct plan_rounds_opts o;
		struct plan_rounds_report rep, none;
		struct err e = { 0 };
		char *path;
		struct store *s = team(&path, 2, 10);

		random_rates(&tb, seed * 104729);
		opts(&o, &src, seed);
		o.search_solves = 0;	/* the greedy on bounds alone */
		if (plan_rounds_run(s, &o, &none, &e))
			fail_msg("plan: %s", e.msg);
		o.search_solves = 300;
		if (plan_rounds_run(s, &o, &rep, &e))
			fail_msg("plan: %s", e.msg);
		assert_true(fabs(rep.objective[0] - none.objective[1]) < 1e-9);
		if (rep.objective[1] < rep.objective[0] - 1e-9)
			fail_msg("seed %d: local search lowered %.4f to %.4f", (int)seed,
				 rep.objective[0], rep.objective[1]);
		check_rules(s, rep.plan_id, 10);
		store_close(s);
		test_db_remove(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rounds_friday_wins),
		cmocka_unit_test(test_rounds_one_shift_is_the_best_slot),
		cmocka_unit_test(test_rounds_local_search_never_worse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
