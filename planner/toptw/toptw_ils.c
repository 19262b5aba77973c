/*
 * toptw_ils.c - the search: iterated local search after Vansteenwegen,
 * Souffriau, Vanden Berghe and Van Oudheusden (2009), "Iterated local
 * search for the team orienteering problem with time windows", C&OR 36:
 * greedy insertion by prize^2 / shift with O(1) slack checks, shake
 * removing R consecutive visits from position S of every route. Added:
 * a replace move (an unvisited node takes a cheaper visit's place, as in
 * Gunawan et al. 2017), intra-route 2-opt and relocate and inter-route
 * relocate and swap that shorten routes to make room, restarts from the
 * best solution, route recombination from a pool (toptw_pool.c, after Hu
 * and Lim 2014) and kicks that start a new episode.
 */
#include "planner/toptw/toptw_int.h"
#include "planner/splitmix.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sol {
	struct toptw_route *r;	/* m */
	int *where;		/* n: route of each node, -1 if not visited */
	double score;
};

struct ins_cache {
	unsigned ver;		/* route version it was computed for, 0: none */
	int pos;		/* after which position, -1 if none fits */
	double val;
};

struct search {
	struct toptw_ctx c;
	struct sol cur, best;
	int *cand, ncand;	/* nodes that may be visited freely */
	double *noise;		/* n: this iteration's factor on each ratio */
	double *ub;		/* n: the largest prize of each node */
	struct ins_cache *ic;	/* n * m: best insertion of node j in route k */
	uint64_t rng;
	struct toptw_pool *pool;	/* m > 1 only */
	double tri;		/* max t[a][b] - t[a][j] - t[j][b], or TOPTW_INF */
	int rcl;		/* this iteration's candidate list, 1: greedy */
};

/* Tuning, on a few Solomon and Cordeau instances and the brute-force
 * cases of tests/unit/test_toptw.c. */
#define RANDOM_SHAKE 0.1	/* share of shakes at a random place and size */
#define NOISE_MIN 0.1		/* ratio noise amplitude, drawn per iteration */
#define NOISE_SPAN 0.7
#define RESTART_AFTER 100	/* non-improving iterations, then back to best */
#define SHAKE_MAX 10		/* at most this many visits removed per route */
#define POOL_CAP 2000	/* distinct routes kept for recombination */
#define PACK_NODES 20000	/* branch-and-bound nodes per recombination */
/* Non-improving iterations before a kick, and the share of each route's
 * visits it removes: with a route pool (m > 1) good routes survive a kick
 * through recombination, so kicks may come sooner and cut deeper. */
#define EPISODE_POOL 300
#define KICK_POOL 0.5
#define EPISODE_ALONE 1000
#define KICK_ALONE 0.3
/* A share of the iterations insert from a candidate list of RCL_SIZE:
 * on wide windows the plain greedy order rebuilds the same routes (a
 * 9-customer case of tests/unit/test_toptw.c missed a better pair of
 * visits for a single one on every seed). */
#define RCL_SHARE 0.1
#define RCL_SIZE 3
#define TRI_MAX_N 400	/* triangle_slack's n^3 only up to here */
#define TRI_MIN_ITER 1000	/* and for searches this long */
#define ACCEPT_WORSE 0.005	/* keep a new current solution down to this share
				 * of the best below the previous one */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rnd(struct search *s)
{
	return plan__splitmix(&s->rng);
}

static void route_alloc(struct toptw_route *r, int cap)
{
	r->seq = xcalloc(cap, sizeof *r->seq);
	r->arr = xcalloc(cap, sizeof *r->arr);
	r->st = xcalloc(cap, sizeof *r->st);
	r->lat = xcalloc(cap, sizeof *r->lat);
}

static void route_release(struct toptw_route *r)
{
	free(r->seq);
	free(r->arr);
	free(r->st);
	free(r->lat);
}

static void sol_alloc(struct sol *x, int n, int m)
{
	x->r = xcalloc(m, sizeof *x->r);
	for (int k = 0; k < m; k++)
		route_alloc(&x->r[k], n + 4);
	x->where = xmalloc(n * sizeof *x->where);
}

static void sol_release(struct sol *x, int m)
{
	for (int k = 0; x->r && k < m; k++)
		route_release(&x->r[k]);
	free(x->r);
	free(x->where);
}

static void sol_score(const struct toptw_ctx *c, struct sol *x)
{
	x->score = 0;
	for (int k = 0; k < c->m; k++)
		x->score += x->r[k].score;
}

static void sol_copy(const struct toptw_ctx *c, struct sol *d,
		     const struct sol *s)
{
	for (int k = 0; k < c->m; k++) {
		const struct toptw_route *a = &s->r[k];
		struct toptw_route *b = &d->r[k];
		size_t len = a->len;

		b->k = a->k;
		b->ver++;
		b->len = a->len;
		b->walk = a->walk;
		b->score = a->score;
		memcpy(b->seq, a->seq, len * sizeof *a->seq);
		memcpy(b->arr, a->arr, len * sizeof *a->arr);
		memcpy(b->st, a->st, len * sizeof *a->st);
		memcpy(b->lat, a->lat, len * sizeof *a->lat);
	}
	memcpy(d->where, s->where, c->n * sizeof *s->where);
	d->score = s->score;
}

static void ctx_init(struct toptw_ctx *c, const struct plan_toptw *p)
{
	c->p = p;
	c->n = p->n;
	c->m = p->m;
	c->ext = xcalloc(p->n + p->m, sizeof *c->ext);
	memcpy(c->ext, p->node, p->n * sizeof *c->ext);
	c->depot = xcalloc(p->n, 1);
	for (int k = 0; k < p->m; k++) {
		const struct toptw_path *pa = &p->path[k];
		struct toptw_node *b = &c->ext[p->n + k];

		c->depot[pa->start] = c->depot[pa->end] = 1;
		b->svc = pa->brk_len;
		b->nwin = 1;
		b->win[0] = pa->brk_open;
		b->win[1] = pa->brk_close;
		b->must = k;
	}
	c->scratch = xcalloc(1, sizeof *c->scratch);
	route_alloc(c->scratch, p->n + 4);
}

static void ctx_release(struct toptw_ctx *c)
{
	if (c->scratch)
		route_release(c->scratch);
	free(c->scratch);
	free(c->ext);
	free(c->depot);
}

static double max_prize(const struct toptw_node *nd)
{
	double mx = nd->prize;

	for (int x = 0; nd->ptab && x < nd->nptab; x++)
		if (x == 0 || nd->ptab[x] > mx)
			mx = nd->ptab[x];
	return mx;
}

/* Empty routes (start, break, end); ERR_CONFLICT if one is infeasible. */
static int sol_empty(const struct toptw_ctx *c, struct sol *x, struct err *e)
{
	for (int i = 0; i < c->n; i++)
		x->where[i] = -1;
	for (int k = 0; k < c->m; k++) {
		const struct toptw_path *pa = &c->p->path[k];
		struct toptw_route *r = &x->r[k];

		r->k = k;
		r->len = 0;
		r->seq[r->len++] = pa->start;
		if (pa->has_brk)
			r->seq[r->len++] = c->n + k;
		r->seq[r->len++] = pa->end;
		if (!toptw__route_eval(c, r))
			return err_set(e, ERR_CONFLICT,
				       "toptw: path %d is infeasible even empty", k);
	}
	sol_score(c, x);
	return 0;
}

static double tt_of(const struct toptw_ctx *c, int a, int b)
{
	return c->p->tt[(size_t)a * c->n + b];
}

/* Cheapest feasible position for j in r: position after which, or -1. */
static int best_pos(const struct toptw_ctx *c, const struct toptw_route *r,
		    int j, double *shift)
{
	int bi = -1;
	double sh, stj;

	*shift = TOPTW_INF;
	for (int i = 0; i < r->len - 1; i++)
		if (toptw__ins_check(c, r, i, j, &sh, &stj) && sh < *shift) {
			*shift = sh;
			bi = i;
		}
	return bi;
}

/* Whether the visit inserted at pos only took time and walk from the
 * route (true with the triangle inequality; not checked beside a break,
 * whose place moves with it): then what did not fit before still does
 * not, except beside it. */
static int only_takes(const struct toptw_ctx *c, const struct toptw_route *r,
		      int pos)
{
	int a = r->seq[pos - 1], j = r->seq[pos], b = r->seq[pos + 1];
	const double *tt = c->p->tt;
	size_t n = c->n;

	if (a >= c->n || b >= c->n)
		return 0;
	return tt[a * n + j] + tt[j * n + b] >= tt[a * n + b] - TOPTW_EPS;
}

static void do_insert(const struct toptw_ctx *c, struct sol *x, int k,
		      int i, int j)
{
	struct toptw_route *r = &x->r[k];
	unsigned from = r->ver;

	toptw__route_insert(r, i + 1, j);
	toptw__route_eval(c, r);
	r->ins_from = r->ins_to = 0;
	if (only_takes(c, r, i + 1)) {
		r->ins_from = from;
		r->ins_to = r->ver;
		r->ins_pos = i + 1;
	}
	x->where[j] = k;
	sol_score(c, x);
}

static int insert_mandatory(const struct toptw_ctx *c, struct sol *x,
			    struct err *e)
{
	for (int j = 0; j < c->n; j++) {
		int k = c->ext[j].must, i;
		double sh;

		if (k < 0 || c->depot[j])
			continue;
		i = best_pos(c, &x->r[k], j, &sh);
		if (i < 0)
			return err_set(e, ERR_CONFLICT,
				       "toptw: mandatory node %d does not fit path %d",
				       j, k);
		do_insert(c, x, k, i, j);
	}
	return 0;
}

/* First position i after which a visit starting at open or later can
 * fit: lat[i + 1] >= open + service (lat grows along a route). */
static int first_pos(const struct toptw_route *r, double need)
{
	int lo = 0, hi = r->len - 2;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (r->lat[mid + 1] + TOPTW_EPS < need)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether j after position i surely scores no more than val: its shift
 * is at least its service plus the detour (the wait for its window and
 * the prize's time only make it worse), its prize at most ub. Skips the
 * slack check of most positions of a long route; never changes which
 * position wins (the margin covers rounding). */
static int cannot_beat(const struct search *s, const struct toptw_route *r,
		       int i, int j, double val)
{
	const struct toptw_ctx *c = &s->c;
	int a = r->seq[i], b = r->seq[i + 1];
	double lb;

	if (a >= c->n || b >= c->n)
		return 0;	/* beside a break: the long check */
	lb = tt_of(c, a, j) + tt_of(c, j, b) - (a == b ? 0 : tt_of(c, a, b)) +
	     c->ext[j].svc + 1e-3;
	return lb > 0 && s->ub[j] * s->ub[j] * s->noise[j] <
				  val * lb * (1 - 1e-9);
}

/* Best prize^2 / shift position of j in r, cached per route version. */
static const struct ins_cache *ins_best(struct search *s,
					const struct toptw_route *r, int j)
{
	const struct toptw_ctx *c = &s->c;
	struct ins_cache *e = &s->ic[(size_t)j * c->m + r->k];
	double sh, stj;
	int from, to = r->len - 1;

	if (e->ver == r->ver)
		return e;
	from = first_pos(r, c->ext[j].win[0] + c->ext[j].svc);
	if (e->pos < 0 && e->ver == r->ins_from && r->ver == r->ins_to) {
		/* j did not fit; one insertion only took time and walk away,
		 * so j can fit at most beside the inserted visit */
		from = from > r->ins_pos - 1 ? from : r->ins_pos - 1;
		to = to < r->ins_pos + 1 ? to : r->ins_pos + 1;
	}
	e->ver = r->ver;
	e->pos = -1;
	e->val = -1;
	double close = c->ext[j].win[2 * c->ext[j].nwin - 1];

	for (int i = from; i < to; i++) {
		double pr, v;

		if (r->st[i] > close)
			break;	/* start times only grow along a route */
		if (e->val > 0 && cannot_beat(s, r, i, j, e->val))
			continue;
		if (!toptw__ins_check(c, r, i, j, &sh, &stj))
			continue;
		pr = toptw__prize(&c->ext[j], stj);
		v = pr * pr / (sh + 1e-3) * s->noise[j];
		if (pr > 0 && v > e->val) {
			e->val = v;
			e->pos = i;
		}
	}
	return e;
}

/* Whether j's ratio is below val in every route: its shift is at least
 * its service less the largest triangle violation of the travel times
 * (s->tri; TOPTW_INF when not computed), its prize at most ub. */
static int node_cannot_beat(const struct search *s, int j, double val)
{
	double lb = s->c.ext[j].svc - s->tri + 1e-3;

	return val > 0 && lb > 0 &&
	       s->ub[j] * s->ub[j] * s->noise[j] < val * lb * (1 - 1e-9);
}

/* The best insertions of one insert_one, by decreasing value (the first
 * found first among equals); size 1 is the plain greedy choice. */
struct rcl {
	int n, size;
	double val[RCL_SIZE];
	int j[RCL_SIZE], k[RCL_SIZE], pos[RCL_SIZE];
};

/* The value an insertion must beat to enter the list. */
static double rcl_floor(const struct rcl *l)
{
	return l->n < l->size ? -1 : l->val[l->n - 1];
}

static void rcl_add(struct rcl *l, double v, int j, int k, int pos)
{
	int i;

	if (l->n < l->size)
		l->n++;
	for (i = l->n - 1; i > 0 && l->val[i - 1] < v; i--) {
		l->val[i] = l->val[i - 1];
		l->j[i] = l->j[i - 1];
		l->k[i] = l->k[i - 1];
		l->pos[i] = l->pos[i - 1];
	}
	l->val[i] = v;
	l->j[i] = j;
	l->k[i] = k;
	l->pos[i] = pos;
}

/* One insertion by prize^2 / shift: the best, or in a randomized
 * iteration (s->rcl > 1) one of the s->rcl best drawn uniformly, as in
 * the restricted candidate lists of GRASP; 0 if none fits. Candidates
 * come by decreasing prize, so the values found soon rule out the
 * (stale) insertions of small prizes without computing them. */
static int insert_one(struct search *s, struct sol *x)
{
	const struct toptw_ctx *c = &s->c;
	struct rcl l = { .size = s->rcl };
	int pick;

	for (int q = 0; q < s->ncand; q++) {
		int j = s->cand[q];

		if (x->where[j] >= 0 || node_cannot_beat(s, j, rcl_floor(&l)))
			continue;
		for (int k = 0; k < c->m; k++) {
			const struct ins_cache *e = ins_best(s, &x->r[k], j);

			if (e->pos >= 0 && e->val > rcl_floor(&l))
				rcl_add(&l, e->val, j, k, e->pos);
		}
	}
	if (!l.n)
		return 0;
	pick = l.n > 1 ? (int)(rnd(s) % (uint64_t)l.n) : 0;
	do_insert(c, x, l.k[pick], l.pos[pick], l.j[pick]);
	return 1;
}

static int movable(const struct toptw_ctx *c, const struct toptw_route *r,
		   int pos)
{
	int v = r->seq[pos];

	return pos > 0 && pos < r->len - 1 && v < c->n && c->ext[v].must < 0;
}

/* Best replace of a visit by an unvisited node of larger prize. */
static int replace_one(struct search *s, struct sol *x)
{
	const struct toptw_ctx *c = &s->c;
	const double *tt = c->p->tt;
	size_t n = c->n;
	double bestg = TOPTW_EPS;
	int bj = -1, bk = -1, bi = -1;

	for (int k = 0; k < c->m; k++) {
		struct toptw_route *r = &x->r[k];

		for (int i = 1; i < r->len - 1; i++) {
			int a = r->seq[i - 1], b = r->seq[i + 1], v = r->seq[i];
			double pv, dep;

			if (!movable(c, r, i) || a >= c->n || b >= c->n)
				continue;
			pv = toptw__prize(&c->ext[v], r->st[i]);
			dep = r->st[i - 1] + (i > 1 ? c->ext[a].svc : 0);
			for (int q = 0; q < s->ncand; q++) {
				int u = s->cand[q];
				const struct toptw_node *nu = &c->ext[u];
				double st, g, dw;

				if (s->ub[u] - pv <= bestg)
					break;	/* cand is sorted by ub */
				if (x->where[u] >= 0)
					continue;
				st = toptw__tw_start(nu, dep + tt[a * n + u]);
				if (st > r->lat[i + 1] - nu->svc - tt[u * n + b] + TOPTW_EPS)
					continue;
				dw = tt[a * n + u] + tt[u * n + b] - tt[a * n + v] - tt[v * n + b];
				if (r->walk + dw > c->p->path[k].walk_cap + TOPTW_EPS)
					continue;
				g = toptw__prize(nu, st) - pv;
				if (g > bestg) {
					bestg = g;
					bj = u, bk = k, bi = i;
				}
			}
		}
	}
	if (bj < 0)
		return 0;
	x->where[x->r[bk].seq[bi]] = -1;
	x->r[bk].seq[bi] = bj;
	x->where[bj] = bk;
	toptw__route_eval(c, &x->r[bk]);
	sol_score(c, x);
	return 1;
}

static void reverse(int *a, int i, int j)
{
	for (; i < j; i++, j--) {
		int t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static int segment_free(const struct toptw_ctx *c, const struct toptw_route *r,
			int i, int j)
{
	for (int q = i; q <= j; q++)
		if (r->seq[q] >= c->n)
			return 0;
	return 1;
}

/* Accepts the changed r if feasible, no worse in prize and shorter. */
static int accept(const struct toptw_ctx *c, struct toptw_route *r,
		  double walk, double score)
{
	return toptw__route_eval(c, r) && r->score >= score - TOPTW_EPS &&
	       r->walk < walk - 1e-6;
}

/* r holds again what it held at version ver (a move tried and undone):
 * schedule recomputed, and ver given back so that insertions cached for
 * that version stay valid (no cache is computed while moves are tried). */
static void restore(const struct toptw_ctx *c, struct toptw_route *r,
		    unsigned ver)
{
	toptw__route_eval(c, r);
	r->ver = ver;
}

/* Travel change of reversing seq[i..j] (route without a break); inner is
 * the change of the legs inside the segment (nonzero only with
 * asymmetric travel), which the caller keeps up as j grows. */
static double two_opt_delta(const struct toptw_ctx *c,
			    const struct toptw_route *r, int i, int j,
			    double inner)
{
	const int *q = r->seq;

	return tt_of(c, q[i - 1], q[j]) + tt_of(c, q[i], q[j + 1]) -
	       tt_of(c, q[i - 1], q[i]) - tt_of(c, q[j], q[j + 1]) + inner;
}

/* 2-opt inside a route: reverse seq[i..j] when that shortens it. */
static int two_opt(const struct toptw_ctx *c, struct toptw_route *r)
{
	double walk = r->walk, score = r->score;
	int brk = c->p->path[r->k].has_brk;
	unsigned ver = r->ver;

	for (int i = 1; i < r->len - 2; i++) {
		double inner = 0;

		for (int j = i + 1; j < r->len - 1; j++) {
			const int *q = r->seq;

			if (r->st[j] > r->lat[i] && !brk)
				break;	/* j's visit cannot move before i's */
			if (!brk)
				inner += tt_of(c, q[j], q[j - 1]) - tt_of(c, q[j - 1], q[j]);
			if (!segment_free(c, r, i, j))
				continue;
			if (!brk && two_opt_delta(c, r, i, j, inner) > -1e-6)
				continue;
			reverse(r->seq, i, j);
			if (accept(c, r, walk, score))
				return 1;
			reverse(r->seq, i, j);
		}
	}
	restore(c, r, ver);
	return 0;
}

/* Travel change of moving the visit at i to before position j (counted
 * in the route without it), route without a break. */
static double relocate_delta(const struct toptw_ctx *c,
			     const struct toptw_route *r, int i, int j)
{
	const int *q = r->seq;
	int v = q[i], a, b;
	double d = tt_of(c, q[i - 1], q[i + 1]) - tt_of(c, q[i - 1], v) -
		   tt_of(c, v, q[i + 1]);

	a = j - 1 < i ? q[j - 1] : q[j];
	b = j < i ? q[j] : q[j + 1];
	return d + tt_of(c, a, v) + tt_of(c, v, b) - tt_of(c, a, b);
}

/* Relocate one visit inside its route when that shortens it. */
static int relocate(const struct toptw_ctx *c, struct toptw_route *r)
{
	double walk = r->walk, score = r->score;
	int brk = c->p->path[r->k].has_brk;
	unsigned ver = r->ver;

	for (int i = 1; i < r->len - 1; i++) {
		int v = r->seq[i];

		if (v >= c->n)
			continue;
		for (int j = 1; j < r->len - 1; j++) {
			if (j == i || (!brk && relocate_delta(c, r, i, j) > -1e-6))
				continue;
			toptw__route_remove(r, i);
			toptw__route_insert(r, j, v);
			if (accept(c, r, walk, score))
				return 1;
			toptw__route_remove(r, j);
			toptw__route_insert(r, i, v);
		}
	}
	restore(c, r, ver);
	return 0;
}

/* Walk of the visit at i between its neighbours: what removing it saves
 * (TOPTW_INF when a neighbour is a break: not moved between routes). */
static double detour(const struct toptw_ctx *c, const struct toptw_route *r,
		     int i, int v)
{
	int a = r->seq[i - 1], b = r->seq[i + 1];

	if (a >= c->n || b >= c->n)
		return TOPTW_INF;
	return tt_of(c, a, v) + tt_of(c, v, b) - tt_of(c, a, b);
}

/* Evaluates two changed routes: 1 if both are feasible and together no
 * worse in prize (else the caller puts them back). */
static int keep_pair(const struct toptw_ctx *c, struct toptw_route *ra,
		     struct toptw_route *rb, double score)
{
	int ok = toptw__route_eval(c, ra);

	ok &= toptw__route_eval(c, rb);
	return ok && ra->score + rb->score >= score - TOPTW_EPS;
}

/* Moves one visit into another route where that shortens the two. */
static int inter_relocate(const struct toptw_ctx *c, struct sol *x,
			  struct toptw_route *ra, struct toptw_route *rb)
{
	unsigned va = ra->ver, vb = rb->ver;
	double sh, st, score = ra->score + rb->score;

	for (int i = 1; i < ra->len - 1; i++) {
		int v = ra->seq[i];
		double gain;

		if (!movable(c, ra, i) || (gain = detour(c, ra, i, v)) >= TOPTW_INF)
			continue;
		for (int p = 0; p < rb->len - 1; p++) {
			int u = rb->seq[p], w = rb->seq[p + 1];

			if (u >= c->n || w >= c->n ||
			    tt_of(c, u, v) + tt_of(c, v, w) - tt_of(c, u, w) >
				    gain - 1e-6 ||
			    !toptw__ins_check(c, rb, p, v, &sh, &st))
				continue;
			toptw__route_remove(ra, i);
			toptw__route_insert(rb, p + 1, v);
			if (keep_pair(c, ra, rb, score)) {
				x->where[v] = rb->k;
				return 1;
			}
			toptw__route_remove(rb, p + 1);
			toptw__route_insert(ra, i, v);
			toptw__route_eval(c, ra);
			toptw__route_eval(c, rb);
		}
	}
	ra->ver = va;	/* both as they were */
	rb->ver = vb;
	return 0;
}

/* Exchanges two visits of two routes where that shortens the two. */
static int inter_swap(const struct toptw_ctx *c, struct sol *x,
		      struct toptw_route *ra, struct toptw_route *rb)
{
	unsigned va = ra->ver, vb = rb->ver;
	double score = ra->score + rb->score;

	for (int i = 1; i < ra->len - 1; i++) {
		int v = ra->seq[i], a = ra->seq[i - 1], b = ra->seq[i + 1];

		if (!movable(c, ra, i) || a >= c->n || b >= c->n)
			continue;
		for (int j = 1; j < rb->len - 1; j++) {
			int u = rb->seq[j], p = rb->seq[j - 1], q = rb->seq[j + 1];

			if (!movable(c, rb, j) || p >= c->n || q >= c->n)
				continue;
			/* walk with u in v's place and v in u's, minus before */
			if (tt_of(c, a, u) + tt_of(c, u, b) + tt_of(c, p, v) +
				    tt_of(c, v, q) - (tt_of(c, a, v) + tt_of(c, v, b)) -
				    (tt_of(c, p, u) + tt_of(c, u, q)) > -1e-6)
				continue;
			ra->seq[i] = u;
			rb->seq[j] = v;
			if (keep_pair(c, ra, rb, score)) {
				x->where[u] = ra->k;
				x->where[v] = rb->k;
				return 1;
			}
			ra->seq[i] = v;
			rb->seq[j] = u;
			toptw__route_eval(c, ra);
			toptw__route_eval(c, rb);
		}
	}
	ra->ver = va;	/* both as they were */
	rb->ver = vb;
	return 0;
}

static int inter_route(const struct toptw_ctx *c, struct sol *x)
{
	for (int ka = 0; ka < c->m; ka++)
		for (int kb = 0; kb < c->m; kb++)
			if (ka != kb &&
			    (inter_relocate(c, x, &x->r[ka], &x->r[kb]) ||
			     (ka < kb && inter_swap(c, x, &x->r[ka], &x->r[kb]))))
				return 1;
	return 0;
}

static void shorten(const struct toptw_ctx *c, struct sol *x)
{
	int guard = 200;

	do {
		for (int k = 0; k < c->m; k++) {
			int g = 200;

			while (g-- > 0 && (two_opt(c, &x->r[k]) ||
					   relocate(c, &x->r[k])))
				;
		}
	} while (c->m > 1 && guard-- > 0 && inter_route(c, x));
	sol_score(c, x);
}

static double unif(struct search *s)
{
	return (rnd(s) >> 11) * (1.0 / 9007199254740992.0);
}

static void draw_noise(struct search *s, struct sol *x, double amp)
{
	for (int k = 0; k < s->c.m; k++)
		x->r[k].ver++;
	for (int q = 0; q < s->ncand; q++)
		s->noise[s->cand[q]] = 1 + amp * (2 * unif(s) - 1);
}

/* Insert until nothing fits, then replace and shorten to make room. */
static void improve(struct search *s, struct sol *x, int deep)
{
	for (int round = 0; round < 50; round++) {
		int changed = 0;

		while (insert_one(s, x))
			;
		while (replace_one(s, x)) {
			changed = 1;
			while (insert_one(s, x))
				;
		}
		if (deep) {
			double before = x->score;
			int before_len = 0;

			for (int k = 0; k < s->c.m; k++)
				before_len += x->r[k].len;
			shorten(&s->c, x);
			while (insert_one(s, x))
				;
			for (int k = 0; k < s->c.m; k++)
				before_len -= x->r[k].len;
			changed |= before_len != 0 || x->score > before + TOPTW_EPS;
		}
		if (!changed)
			break;
	}
}

static int visits(const struct toptw_route *r)
{
	return r->len - 2;
}

/* Removes up to cnt consecutive free visits from visit index from. */
static void shake_route(const struct toptw_ctx *c, struct sol *x, int k,
			int from, int cnt)
{
	struct toptw_route *r = &x->r[k];
	int nv = visits(r);

	if (nv <= 0)
		return;
	from %= nv;
	if (cnt > nv)
		cnt = nv;
	for (int q = 0; q < cnt; q++) {
		int pos = 1 + from;

		if (pos >= r->len - 1) {
			from = 0;
			pos = 1;
		}
		if (!movable(c, r, pos)) {
			from++;
			continue;
		}
		x->where[r->seq[pos]] = -1;
		toptw__route_remove(r, pos);
	}
	toptw__route_eval(c, r);
}

static void shake(struct search *s, struct sol *x, int pos, int cnt)
{
	for (int k = 0; k < s->c.m; k++)
		shake_route(&s->c, x, k, pos, cnt);
	sol_score(&s->c, x);
}

static int smallest_route(const struct sol *x, int m)
{
	int sz = 1 << 30;

	for (int k = 0; k < m; k++)
		if (visits(&x->r[k]) < sz)
			sz = visits(&x->r[k]);
	return sz;
}

/* Threshold acceptance: the new current solution stays unless it lost
 * more than ACCEPT_WORSE x best against the one before the shake. */
static void accept_or_revert(struct search *s, struct sol *keep)
{
	const struct toptw_ctx *c = &s->c;

	if (s->cur.score >= keep->score - ACCEPT_WORSE * s->best.score)
		sol_copy(c, keep, &s->cur);
	else
		sol_copy(c, &s->cur, keep);
}

static int shake_max(const struct toptw_ctx *c)
{
	int mx = c->n / (3 * c->m);

	return mx < 2 ? 2 : mx > SHAKE_MAX ? SHAKE_MAX : mx;
}

/* The pool's best combination as solution x; 0 if none or if it would
 * leave out a mandatory visit. */
static int sol_from_pool(struct search *s, struct sol *x)
{
	const struct toptw_ctx *c = &s->c;
	struct err e;

	if (sol_empty(c, x, &e))
		return 0;
	for (int k = 0; k < c->m; k++) {
		struct toptw_route *r = &x->r[k];
		const int *seq;
		int len, end = r->seq[r->len - 1];

		if (!toptw__pool_route(s->pool, k, &seq, &len))
			return 0;
		r->len = 1;
		for (int i = 0; i < len; i++) {
			r->seq[r->len++] = seq[i] < 0 ? c->n + k : seq[i];
			if (seq[i] >= 0)
				x->where[seq[i]] = k;
		}
		r->seq[r->len++] = end;
		if (!toptw__route_eval(c, r))
			return 0;
	}
	for (int j = 0; j < c->n; j++)
		if (c->ext[j].must >= 0 && !c->depot[j] && x->where[j] < 0)
			return 0;
	sol_score(c, x);
	return 1;
}

static void pool_add_sol(struct search *s, const struct sol *x)
{
	for (int k = 0; s->pool && k < s->c.m; k++)
		toptw__pool_add(s->pool, &x->r[k]);
}

/* Recombination: when disjoint pool routes beat the best solution,
 * complete that combination into cur and best. */
static int recombine(struct search *s)
{
	if (!s->pool ||
	    toptw__pool_pack(s->pool, s->best.score, PACK_NODES) <=
		    s->best.score + TOPTW_EPS ||
	    !sol_from_pool(s, &s->cur))
		return 0;
	improve(s, &s->cur, 1);
	pool_add_sol(s, &s->cur);
	if (s->cur.score <= s->best.score + TOPTW_EPS)
		return 0;
	sol_copy(&s->c, &s->best, &s->cur);
	return 1;
}

/* A new episode: the best solution with a random share of each route's
 * visits removed (a run of consecutive ones), improved again, into cur
 * (the insertion cache follows cur's route versions only). */
static void kick(struct search *s)
{
	struct sol *x = &s->cur;

	sol_copy(&s->c, x, &s->best);
	for (int k = 0; k < s->c.m; k++) {
		int nv = visits(&x->r[k]);

		if (nv > 0)
			shake_route(&s->c, x, k, (int)(rnd(s) % (uint64_t)nv),
				    1 + (int)((s->pool ? KICK_POOL : KICK_ALONE) * nv));
	}
	sol_score(&s->c, x);
	draw_noise(s, x, NOISE_MIN + NOISE_SPAN * unif(s));
	improve(s, x, 1);
	pool_add_sol(s, x);
	if (x->score > s->best.score + TOPTW_EPS)
		sol_copy(&s->c, &s->best, x);
}

static void ils(struct search *s, const struct plan_toptw_params *pp,
		struct plan_toptw_result *res, double t_start)
{
	const struct toptw_ctx *c = &s->c;
	int pos = 0, cnt = 1, noimp = 0, maxcnt = shake_max(c), small;
	struct sol keep, ebest;	/* before the shake; best of the episode */
	long it;

	sol_alloc(&keep, c->n, c->m);
	sol_alloc(&ebest, c->n, c->m);
	sol_copy(c, &keep, &s->cur);
	sol_copy(c, &ebest, &s->cur);
	for (it = 0; it < pp->max_iter; it++) {
		if (pp->time_limit > 0 && now() - t_start > pp->time_limit) {
			res->stopped_by_time = 1;
			break;
		}
		s->rcl = unif(s) < RCL_SHARE ? RCL_SIZE : 1;
		if (unif(s) < RANDOM_SHAKE)
			shake(s, &s->cur, (int)(rnd(s) % (uint64_t)(c->n + 1)),
			      1 + (int)(rnd(s) % (uint64_t)maxcnt));
		else
			shake(s, &s->cur, pos, cnt);
		draw_noise(s, &s->cur, NOISE_MIN + NOISE_SPAN * unif(s));
		improve(s, &s->cur, 1);
		pool_add_sol(s, &s->cur);
		accept_or_revert(s, &keep);
		if (s->cur.score > ebest.score + TOPTW_EPS) {
			sol_copy(c, &ebest, &s->cur);
			if (s->cur.score > s->best.score + TOPTW_EPS)
				sol_copy(c, &s->best, &s->cur);
			cnt = 1;
			noimp = 0;
		} else {
			noimp++;
		}
		pos += cnt++;
		small = smallest_route(&s->cur, c->m);
		if (pos >= small)
			pos = small > 0 ? pos % small : 0;
		if (cnt >= maxcnt)
			cnt = 1;
		if (noimp > 0 && noimp % RESTART_AFTER == 0) {
			if (recombine(s)) {
				sol_copy(c, &ebest, &s->best);
				noimp = 0;
			} else if (noimp >= (s->pool ? EPISODE_POOL : EPISODE_ALONE)) {
				kick(s);
				sol_copy(c, &ebest, &s->cur);
				noimp = 0;
			}
			sol_copy(c, &s->cur, &ebest);
			sol_copy(c, &keep, &ebest);
			pos = (int)(rnd(s) % (uint64_t)(c->n + 1));
		}
	}
	res->iterations = it;
	sol_release(&keep, c->m);
	sol_release(&ebest, c->m);
}

static void fill_result(const struct toptw_ctx *c, const struct sol *x,
			struct plan_toptw_result *res)
{
	res->score = x->score;
	res->m = c->m;
	res->route = xcalloc(c->m, sizeof *res->route);
	for (int k = 0; k < c->m; k++) {
		const struct toptw_route *r = &x->r[k];
		struct plan_toptw_route *o = &res->route[k];

		o->node = xcalloc(r->len, sizeof *o->node);
		o->start = xcalloc(r->len, sizeof *o->start);
		o->brk_start = -1;
		o->travel = r->walk;
		o->end_time = r->arr[r->len - 1];
		for (int i = 1; i < r->len - 1; i++) {
			if (r->seq[i] >= c->n) {
				o->brk_start = r->st[i];
				continue;
			}
			o->node[o->n] = r->seq[i];
			o->start[o->n++] = r->st[i];
		}
	}
}

/* Candidates by largest prize, then index (insertion sort: once). */
static void sort_by_ub(struct search *s)
{
	for (int q = 1; q < s->ncand; q++) {
		int j = s->cand[q], i = q;

		for (; i > 0 && s->ub[s->cand[i - 1]] < s->ub[j]; i--)
			s->cand[i] = s->cand[i - 1];
		s->cand[i] = j;
	}
}

/* The largest triangle violation of the travel times (truncated
 * distances have some), for node_cannot_beat: O(n^3), so only for long
 * searches on at most TRI_MAX_N nodes, and given up (TOPTW_INF: no
 * pruning, the same answer) once it took a twentieth of the time limit. */
static double triangle_slack(const struct plan_toptw *p,
			     const struct plan_toptw_params *pp, double t0)
{
	const double *tt = p->tt;
	size_t n = p->n;
	double v = 0;

	if (p->n > TRI_MAX_N || pp->max_iter < TRI_MIN_ITER)
		return TOPTW_INF;
	for (size_t a = 0; a < n; a++) {
		if (pp->time_limit > 0 && now() - t0 > pp->time_limit / 20)
			return TOPTW_INF;
		for (size_t j = 0; j < n; j++)
			for (size_t b = 0; b < n; b++) {
				double d = tt[a * n + b] - tt[a * n + j] - tt[j * n + b];

				v = d > v ? d : v;
			}
	}
	return v;
}

static void search_init(struct search *s, const struct plan_toptw *p,
			const struct plan_toptw_params *pp, double t0)
{
	uint64_t seed = pp->seed;

	memset(s, 0, sizeof *s);
	ctx_init(&s->c, p);
	sol_alloc(&s->cur, p->n, p->m);
	sol_alloc(&s->best, p->n, p->m);
	s->cand = xmalloc(p->n * sizeof *s->cand);
	s->noise = xmalloc(p->n * sizeof *s->noise);
	s->ic = xcalloc((size_t)p->n * p->m, sizeof *s->ic);
	for (int j = 0; j < p->n; j++)
		s->noise[j] = 1;
	s->ub = xmalloc(p->n * sizeof *s->ub);
	for (int j = 0; j < p->n; j++) {
		s->ub[j] = max_prize(&s->c.ext[j]);
		if (!s->c.depot[j] && s->c.ext[j].must < 0 && s->ub[j] > 0)
			s->cand[s->ncand++] = j;
	}
	sort_by_ub(s);
	s->rng = seed;
	s->rcl = 1;
	s->tri = triangle_slack(p, pp, t0);
	if (p->m > 1)
		s->pool = toptw__pool_new(&s->c, POOL_CAP, seed);
}

static void search_release(struct search *s)
{
	sol_release(&s->cur, s->c.m);
	sol_release(&s->best, s->c.m);
	free(s->cand);
	free(s->noise);
	free(s->ub);
	free(s->ic);
	toptw__pool_free(s->pool);
	ctx_release(&s->c);
}

int plan_toptw_solve(const struct plan_toptw *p,
		     const struct plan_toptw_params *pp,
		     struct plan_toptw_result *res, struct err *e)
{
	struct plan_toptw_params def;
	struct search s;
	double t0 = now();
	int rc;

	memset(res, 0, sizeof *res);
	if (!pp) {
		plan_toptw_params_init(&def);
		pp = &def;
	}
	search_init(&s, p, pp, t0);
	rc = sol_empty(&s.c, &s.cur, e);
	if (!rc)
		rc = insert_mandatory(&s.c, &s.cur, e);
	if (!rc) {
		improve(&s, &s.cur, 1);
		sol_copy(&s.c, &s.best, &s.cur);
		ils(&s, pp, res, t0);
		fill_result(&s.c, &s.best, res);
		res->seconds = now() - t0;
	}
	search_release(&s);
	return rc;
}
