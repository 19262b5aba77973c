/* Unit tests: the TOPTW solver (planner/toptw.h) against a brute force on
 * small random instances, determinism, and each product extension:
 * time-dependent prize, mandatory visits, a break, a walking cap, several
 * windows; argument errors. Every answer is replayed by an independent
 * schedule check written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "planner/toptw/toptw.h"
#include "planner/toptw/toptw_int.h"
#include "util/err.h"

#define MAXN 12

/* A small instance kept beside the solver's copy, for the checks. */
struct inst {
	int n, m;
	double tt[MAXN][MAXN], svc[MAXN], prize[MAXN], open[MAXN], close[MAXN];
	double tmax;
};

static uint64_t rng_state;

static double urand(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (rng_state >> 11) * (1.0 / 9007199254740992.0);
}

/* Random Euclidean instance, node 0 the depot, n - 1 customers. */
static void inst_random(struct inst *in, int n, int m, uint64_t seed)
{
	double x[MAXN], y[MAXN];

	rng_state = seed;
	in->n = n;
	in->m = m;
	in->tmax = 60 + 60 * urand();
	for (int i = 0; i < n; i++) {
		x[i] = 50 * urand();
		y[i] = 50 * urand();
		in->svc[i] = i ? 2 + floor(8 * urand()) : 0;
		in->prize[i] = i ? 1 + floor(20 * urand()) : 0;
		in->open[i] = i ? floor(in->tmax * 0.6 * urand()) : 0;
		in->close[i] = i ? in->open[i] + 5 + floor(40 * urand()) : in->tmax;
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			in->tt[i][j] = floor(hypot(x[i] - x[j], y[i] - y[j]) * 10) / 10;
}

static struct plan_toptw *inst_problem(const struct inst *in)
{
	struct err e = { 0 };
	struct plan_toptw *p = plan_toptw_new(in->n, in->m, &e);

	assert_non_null(p);
	for (int i = 0; i < in->n; i++)
		for (int j = 0; j < in->n; j++)
			assert_int_equal(plan_toptw_set_travel(p, i, j, in->tt[i][j], &e), 0);
	for (int i = 1; i < in->n; i++) {
		assert_int_equal(plan_toptw_set_node(p, i, in->svc[i], in->prize[i], &e), 0);
		assert_int_equal(plan_toptw_add_window(p, i, in->open[i], in->close[i], &e), 0);
	}
	for (int k = 0; k < in->m; k++)
		assert_int_equal(plan_toptw_set_path(p, k, 0, 0, 0, in->tmax, &e), 0);
	return p;
}

/* Replays one route; returns its prize or -1 if infeasible. */
static double replay(const struct inst *in, const int *r, int len)
{
	double t = 0, sum = 0;
	int prev = 0;

	for (int q = 0; q < len; q++) {
		int v = r[q];

		t = fmax(t + in->tt[prev][v], in->open[v]);
		if (t > in->close[v] + 1e-6)
			return -1;
		t += in->svc[v];
		sum += in->prize[v];
		prev = v;
	}
	return t + in->tt[prev][0] <= in->tmax + 1e-6 ? sum : -1;
}

static void check_result(const struct inst *in, const struct plan_toptw_result *res)
{
	int seen[MAXN] = { 0 };
	double sum = 0;

	assert_int_equal(res->m, in->m);
	for (int k = 0; k < res->m; k++) {
		double s = replay(in, res->route[k].node, res->route[k].n);

		assert_true(s >= 0);
		sum += s;
		for (int q = 0; q < res->route[k].n; q++)
			assert_int_equal(seen[res->route[k].node[q]]++, 0);
	}
	assert_true(fabs(sum - res->score) < 1e-6);
}

/* Brute force: every feasible route for path 0 by depth-first search,
 * and for m >= 2 the next paths on what is left (bf_multi). */
struct bf {
	const struct inst *in;
	int used[MAXN], route[MAXN];
	double best;
};

static double bf_route(struct bf *b, int prev, double t, double sum)
{
	double best = t + b->in->tt[prev][0] <= b->in->tmax + 1e-6 ? sum : -1;

	for (int v = 1; v < b->in->n; v++) {
		double st;

		if (b->used[v])
			continue;
		st = fmax(t + b->in->tt[prev][v], b->in->open[v]);
		if (st > b->in->close[v] + 1e-6)
			continue;
		b->used[v] = 1;
		best = fmax(best, bf_route(b, v, st + b->in->svc[v], sum + b->in->prize[v]));
		b->used[v] = 0;
	}
	return best;
}

/* left >= 2 paths: this route enumerated; when it returns, the next path
 * starts (the last one optimised on what is left by bf_route). */
static void bf_multi(struct bf *b, int left, int prev, double t, double sum)
{
	if (t + b->in->tt[prev][0] <= b->in->tmax + 1e-6) {
		if (left == 2)
			b->best = fmax(b->best, sum + bf_route(b, 0, 0, 0));
		else
			bf_multi(b, left - 1, 0, 0, sum);
	}
	for (int v = 1; v < b->in->n; v++) {
		double st;

		if (b->used[v])
			continue;
		st = fmax(t + b->in->tt[prev][v], b->in->open[v]);
		if (st > b->in->close[v] + 1e-6)
			continue;
		b->used[v] = 1;
		bf_multi(b, left, v, st + b->in->svc[v], sum + b->in->prize[v]);
		b->used[v] = 0;
	}
}

static double brute_force(const struct inst *in)
{
	struct bf b = { .in = in, .best = -1 };

	if (in->m == 1)
		return bf_route(&b, 0, 0, 0);
	bf_multi(&b, in->m, 0, 0, 0);
	return b.best;
}

static void solve_ok(const struct plan_toptw *p, uint64_t seed, long iters,
		     struct plan_toptw_result *res)
{
	struct plan_toptw_params pp;
	struct err e = { 0 };

	plan_toptw_params_init(&pp);
	pp.seed = seed;
	pp.max_iter = iters;
	pp.time_limit = 0;
	if (plan_toptw_solve(p, &pp, res, &e))
		fail_msg("solve: %s", e.msg);
}

/* Wide windows: each customer open for half the day or more, from an
 * opening in the first third (many more orders are feasible). */
static void inst_widen(struct inst *in)
{
	for (int i = 1; i < in->n; i++) {
		in->open[i] = floor(in->tmax * 0.3 * urand());
		in->close[i] = in->open[i] + floor(in->tmax * (0.5 + 0.5 * urand()));
	}
}

static void brute_cases_as(int n, int m, int cases, int wide)
{
	int bad = 0;

	for (int c = 0; c < cases; c++) {
		struct inst in;
		struct plan_toptw_result res;
		struct plan_toptw *p;
		double opt;

		inst_random(&in, n, m, 1000 + 77 * c + n);
		if (wide)
			inst_widen(&in);
		p = inst_problem(&in);
		solve_ok(p, 7, 500, &res);
		check_result(&in, &res);
		opt = brute_force(&in);
		if (fabs(res.score - opt) > 1e-6) {
			print_message("case %d (n=%d m=%d): solver %g, optimum %g\n", c,
				      n, m, res.score, opt);
			bad++;
		}
		plan_toptw_result_release(&res);
		plan_toptw_free(p);
	}
	assert_int_equal(bad, 0);
}

static void brute_cases(int n, int m, int cases)
{
	brute_cases_as(n, m, cases, 0);
}

static void test_toptw_brute_force_one_path(void **state)
{
	(void)state;
	brute_cases(10, 1, 100);	/* 9 customers */
}

static void test_toptw_brute_force_two_paths(void **state)
{
	(void)state;
	brute_cases(8, 2, 60);	/* 7 customers */
}

static void test_toptw_brute_force_three_paths(void **state)
{
	(void)state;
	brute_cases(7, 3, 40);	/* 6 customers */
}

static void test_toptw_brute_force_wide_windows(void **state)
{
	(void)state;
	brute_cases_as(10, 1, 60, 1);
	brute_cases_as(8, 2, 40, 1);
	brute_cases_as(7, 3, 20, 1);
}

static void test_toptw_same_seed_same_answer(void **state)
{
	struct inst in;
	struct plan_toptw_result a, b;
	struct plan_toptw *p;

	(void)state;
	inst_random(&in, MAXN, 2, 4242);
	p = inst_problem(&in);
	solve_ok(p, 99, 300, &a);
	solve_ok(p, 99, 300, &b);
	assert_true(a.score == b.score);
	for (int k = 0; k < a.m; k++) {
		assert_int_equal(a.route[k].n, b.route[k].n);
		assert_memory_equal(a.route[k].node, b.route[k].node,
				    a.route[k].n * sizeof *a.route[k].node);
	}
	assert_int_equal(a.iterations, 300);
	plan_toptw_result_release(&a);
	plan_toptw_result_release(&b);
	plan_toptw_free(p);
}

/* A line: depot 0, nodes 1..n-1 at distance 10 * i; symmetric. */
static struct plan_toptw *line(int n, int m, double tmax)
{
	struct plan_toptw *p = plan_toptw_new(n, m, NULL);

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			plan_toptw_set_travel(p, i, j, 10.0 * abs(i - j), NULL);
	for (int k = 0; k < m; k++)
		plan_toptw_set_path(p, k, 0, 0, 0, tmax, NULL);
	return p;
}

static void test_toptw_time_dependent_prize(void **state)
{
	/* Nodes 1 and 2 are worth 1 before t = 50 and 9 after; node 2 opens
	 * at 60. Visiting 1 first (t = 10) earns 1 + 9; going to 2 first and
	 * back to 1 at t = 70 earns 9 + 9: the solver must see that. */
	static const double tab[] = { 1, 9 };
	struct plan_toptw *p = line(3, 1, 200);
	struct plan_toptw_result res;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(plan_toptw_set_prize_table(p, 1, tab, 2, 0, 50, &e), 0);
	assert_int_equal(plan_toptw_set_prize_table(p, 2, tab, 2, 0, 50, &e), 0);
	plan_toptw_add_window(p, 2, 60, 100, NULL);
	solve_ok(p, 1, 50, &res);
	assert_int_equal(res.route[0].n, 2);
	assert_int_equal(res.route[0].node[0], 2);
	assert_true(res.route[0].start[0] == 60);
	assert_true(res.route[0].start[1] == 70);
	assert_true(res.score == 18);
	plan_toptw_result_release(&res);
	assert_int_equal(plan_toptw_set_prize_table(p, 1, tab, 0, 0, 50, &e), ERR_USAGE);
	plan_toptw_free(p);
}

static void test_toptw_mandatory_visit_in_its_path(void **state)
{
	/* Two paths, tmax 40: each reaches node 1 or 2 but not node 3 and a
	 * far one. Node 4 (prize 1, far: 40 away) must be in path 1 alone. */
	struct plan_toptw *p = line(5, 2, 80);
	struct plan_toptw_result res;
	struct err e = { 0 };
	int found = 0;

	(void)state;
	for (int i = 1; i < 5; i++)
		plan_toptw_set_node(p, i, 0, i == 4 ? 1 : 10, NULL);
	assert_int_equal(plan_toptw_set_mandatory(p, 4, 1, &e), 0);
	solve_ok(p, 1, 50, &res);
	for (int q = 0; q < res.route[1].n; q++)
		found |= res.route[1].node[q] == 4;
	assert_true(found);
	assert_true(res.route[1].end_time <= 80);
	assert_true(res.score == 31);	/* 1, 2, 3 by path 1 on its way + 4 */
	plan_toptw_result_release(&res);

	/* Out of reach: an error, not a silent drop. */
	plan_toptw_set_path(p, 1, 0, 0, 0, 70, NULL);
	assert_int_equal(plan_toptw_solve(p, NULL, &res, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "mandatory node 4"));
	plan_toptw_result_release(&res);
	plan_toptw_free(p);
}

static void test_toptw_break_inside_its_window(void **state)
{
	/* Nodes 1..4 each take 20 min of service; a 30 min break must start
	 * in [50, 60]. No visit may overlap the break. */
	struct plan_toptw *p = line(5, 1, 200);
	struct plan_toptw_result res;
	const struct plan_toptw_route *r;

	(void)state;
	for (int i = 1; i < 5; i++)
		plan_toptw_set_node(p, i, 20, 5, NULL);
	assert_int_equal(plan_toptw_set_break(p, 0, 30, 50, 60, NULL), 0);
	solve_ok(p, 1, 100, &res);
	r = &res.route[0];
	assert_true(r->brk_start >= 50 && r->brk_start <= 60);
	for (int q = 0; q < r->n; q++)
		assert_true(r->start[q] + 20 <= r->brk_start + 1e-9 ||
			    r->start[q] >= r->brk_start + 30 - 1e-9);
	assert_true(r->end_time <= 200);
	/* 4 visits: 80 service + 80 walking + 30 break = 190 */
	assert_true(res.score == 20);
	plan_toptw_result_release(&res);
	plan_toptw_free(p);
}

static void test_toptw_walk_cap(void **state)
{
	/* Without a cap all four nodes fit (walk 80); a cap of 60 keeps the
	 * path within 30 of the depot: nodes 1..3. */
	struct plan_toptw *p = line(5, 1, 1000);
	struct plan_toptw_result res;

	(void)state;
	for (int i = 1; i < 5; i++)
		plan_toptw_set_node(p, i, 0, 1, NULL);
	solve_ok(p, 1, 20, &res);
	assert_true(res.score == 4);
	plan_toptw_result_release(&res);
	assert_int_equal(plan_toptw_set_walk_cap(p, 0, 60, NULL), 0);
	solve_ok(p, 1, 20, &res);
	assert_true(res.score == 3);
	assert_true(res.route[0].travel <= 60);
	plan_toptw_result_release(&res);
	plan_toptw_free(p);
}

static void test_toptw_several_windows(void **state)
{
	/* Node 1 open [0, 5] and [100, 110]: arriving at 10 waits until 100. */
	struct plan_toptw *p = line(2, 1, 1000);
	struct plan_toptw_result res;
	struct err e = { 0 };

	(void)state;
	plan_toptw_set_node(p, 1, 1, 3, NULL);
	assert_int_equal(plan_toptw_add_window(p, 1, 100, 110, &e), 0);
	assert_int_equal(plan_toptw_add_window(p, 1, 0, 5, &e), 0);
	assert_int_equal(plan_toptw_add_window(p, 1, 104, 120, &e), ERR_USAGE);
	solve_ok(p, 1, 10, &res);
	assert_int_equal(res.route[0].n, 1);
	assert_true(res.route[0].start[0] == 100);
	plan_toptw_result_release(&res);
	plan_toptw_free(p);
}

/* Random instances with 3 paths where path 2 is not like the others (a
 * mandatory visit): recombination may trade routes between paths 0 and 1
 * only, and never drops the mandatory visit. */
static void test_toptw_mandatory_with_recombination(void **state)
{
	int tried = 0;

	(void)state;
	for (int c = 0; c < 30; c++) {
		struct inst in;
		struct plan_toptw_result res;
		struct plan_toptw *p;
		struct err e = { 0 };
		int found = 0;

		inst_random(&in, MAXN, 3, 5000 + c);
		in.close[5] = in.tmax;	/* open all the time */
		in.open[5] = 0;
		if (in.tt[0][5] + in.svc[5] + in.tt[5][0] > in.tmax)
			continue;	/* out of reach: tested elsewhere */
		tried++;
		p = inst_problem(&in);
		assert_int_equal(plan_toptw_set_mandatory(p, 5, 2, &e), 0);
		solve_ok(p, 3, 800, &res);
		check_result(&in, &res);
		for (int q = 0; q < res.route[2].n; q++)
			found |= res.route[2].node[q] == 5;
		assert_true(found);
		plan_toptw_result_release(&res);
		plan_toptw_free(p);
	}
	assert_true(tried >= 10);
}

/* A route of visits v[] (ending with -1) on path k, with its score. */
static void pool_route(struct toptw_route *r, int *seq, int k,
		       const int *v, double score)
{
	r->seq = seq;
	r->k = k;
	r->len = 0;
	seq[r->len++] = 0;
	for (; *v >= 0; v++)
		seq[r->len++] = *v;
	seq[r->len++] = 0;
	r->score = score;
}

static struct toptw_pool *pool_of(struct plan_toptw *p, struct toptw_ctx *c)
{
	memset(c, 0, sizeof *c);
	c->p = p;
	c->n = p->n;
	c->m = p->m;
	c->ext = p->node;
	return toptw__pool_new(c, 8, 1);
}

static void test_toptw_pool_packs_disjoint_routes(void **state)
{
	/* Routes {1,2}:10, {2,3}:9, {3,4}:8, {1,5}:6, {4,6}:7 and {1,2} again
	 * in another order with a lower score. Two interchangeable paths: the
	 * best disjoint pair is {1,2} + {3,4} = 18. */
	static const int r1[] = { 1, 2, -1 }, r2[] = { 2, 3, -1 }, r3[] = { 3, 4, -1 },
			 r4[] = { 1, 5, -1 }, r5[] = { 4, 6, -1 }, r1b[] = { 2, 1, -1 };
	struct plan_toptw *p = plan_toptw_new(8, 2, NULL);
	struct toptw_ctx c;
	struct toptw_pool *pl = pool_of(p, &c);
	struct toptw_route r;
	int seq[10], len, got[2] = { 0, 0 };
	const int *out;

	(void)state;
	pool_route(&r, seq, 0, r1, 10), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 1, r2, 9), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 0, r3, 8), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 1, r4, 6), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 0, r5, 7), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 1, r1b, 4), toptw__pool_add(pl, &r);
	assert_true(toptw__pool_pack(pl, 0, 1000) == 18);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(toptw__pool_route(pl, k, &out, &len), 1);
		assert_int_equal(len, 2);
		got[k] = out[0] * 10 + out[1];
	}
	assert_true((got[0] == 12 && got[1] == 34) || (got[0] == 34 && got[1] == 12));
	/* nothing above the floor: no combination */
	assert_true(toptw__pool_pack(pl, 18, 1000) == 18);
	assert_int_equal(toptw__pool_route(pl, 0, &out, &len), 0);
	/* more routes than the pool holds: the better half stays */
	for (int j = 1; j < 7; j++) {
		int v[] = { j, 7, -1 };

		pool_route(&r, seq, 0, v, 1), toptw__pool_add(pl, &r);
	}
	assert_true(toptw__pool_pack(pl, 0, 1000) == 18);
	toptw__pool_free(pl);
	plan_toptw_free(p);
}

static void test_toptw_pool_keeps_paths_apart(void **state)
{
	/* Path 1 returns earlier than path 0: a route found on one path is
	 * not offered to the other. {1,2}:10 and {3,4}:8 were both found on
	 * path 0, {5}:1 on path 1: the best pack is 10 + 1. */
	static const int r1[] = { 1, 2, -1 }, r3[] = { 3, 4, -1 }, r5[] = { 5, -1 };
	struct plan_toptw *p = plan_toptw_new(8, 2, NULL);
	struct toptw_ctx c;
	struct toptw_pool *pl;
	struct toptw_route r;
	int seq[10], len;
	const int *out;

	(void)state;
	plan_toptw_set_path(p, 0, 0, 0, 0, 100, NULL);
	plan_toptw_set_path(p, 1, 0, 0, 0, 50, NULL);
	pl = pool_of(p, &c);
	pool_route(&r, seq, 0, r1, 10), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 0, r3, 8), toptw__pool_add(pl, &r);
	pool_route(&r, seq, 1, r5, 1), toptw__pool_add(pl, &r);
	assert_true(toptw__pool_pack(pl, 0, 1000) == 11);
	assert_int_equal(toptw__pool_route(pl, 1, &out, &len), 1);
	assert_int_equal(len, 1);
	assert_int_equal(out[0], 5);
	toptw__pool_free(pl);
	plan_toptw_free(p);
}

static void test_toptw_bad_arguments(void **state)
{
	struct err e = { 0 };
	struct plan_toptw *p;

	(void)state;
	assert_null(plan_toptw_new(0, 1, &e));
	assert_int_equal(e.code, ERR_USAGE);
	p = plan_toptw_new(3, 1, &e);
	assert_int_equal(plan_toptw_set_travel(p, 0, 3, 1, &e), ERR_USAGE);
	assert_non_null(strstr(e.msg, "node 3"));
	assert_int_equal(plan_toptw_set_travel(p, 0, 1, -1, &e), ERR_USAGE);
	assert_int_equal(plan_toptw_set_node(p, 1, NAN, 1, &e), ERR_USAGE);
	assert_int_equal(plan_toptw_set_path(p, 1, 0, 0, 0, 1, &e), ERR_USAGE);
	assert_int_equal(plan_toptw_set_path(p, 0, 0, 0, 10, 1, &e), ERR_USAGE);
	assert_int_equal(plan_toptw_set_mandatory(p, 1, 2, &e), ERR_USAGE);
	plan_toptw_free(p);
	plan_toptw_free(NULL);
	plan_toptw_result_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toptw_brute_force_one_path),
		cmocka_unit_test(test_toptw_brute_force_two_paths),
		cmocka_unit_test(test_toptw_brute_force_three_paths),
		cmocka_unit_test(test_toptw_brute_force_wide_windows),
		cmocka_unit_test(test_toptw_same_seed_same_answer),
		cmocka_unit_test(test_toptw_time_dependent_prize),
		cmocka_unit_test(test_toptw_mandatory_visit_in_its_path),
		cmocka_unit_test(test_toptw_break_inside_its_window),
		cmocka_unit_test(test_toptw_walk_cap),
		cmocka_unit_test(test_toptw_several_windows),
		cmocka_unit_test(test_toptw_mandatory_with_recombination),
		cmocka_unit_test(test_toptw_pool_packs_disjoint_routes),
		cmocka_unit_test(test_toptw_pool_keeps_paths_apart),
		cmocka_unit_test(test_toptw_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
