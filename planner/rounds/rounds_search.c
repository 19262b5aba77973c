/*
 * rounds_search.c - the default chooser of the weekly planner.
 *
 * 1. Upper bounds: a slot's route cannot earn more than the best prize per
 *    minute of presence at any place of the pair, minute by minute (stops
 *    do not overlap; walking, opening and other pairs ignored), so every
 *    candidate starts with that bound instead of 0.
 * 2. A greedy by worth per hour on those bounds: the best slot is solved
 *    only when its bound could win, and accepted when its solved worth
 *    still does (lazy evaluation is sound because the stored figures are
 *    upper bounds). A solved route stays exact while the pair's signature
 *    (the other pairs' stops where it may go that day) is unchanged.
 * 3. A local search on the sum of worth (people over the plan's weeks,
 *    with the regularity bonuses): take one or two shifts out (any, two of
 *    one pair, or two of different pairs at the same time of day), refill
 *    greedily (by worth, or by worth per hour) from every other candidate
 *    (not those taken out: the move must change something) - which
 *    moves a shift to another day or start, lengthens or shortens it,
 *    splits it into two shorter ones or merges two, and re-solves the
 *    routes around the places freed - and keep the change only if the sum
 *    grows. Commitments never move. The budget is o->search_solves routes
 *    (and o->search_seconds of clock, if set); moves are drawn from
 *    o->seed, so the plan is the same for the same seed.
 * Routes are solved with QUICK_ITER solver iterations while choosing (a
 * fifth of the time for nearly the same choice), then the chosen shifts'
 * routes again with o->solver_iter, each kept if it gains.
 */
#include "planner/rounds/rounds_int.h"
#include "planner/splitmix.h"
#include "util/buf.h"
#include "util/err.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUCKET 5			/* minutes */
#define QUICK_ITER 30			/* solver iterations while choosing */
#define NBUCKET (1440 / BUCKET)

struct ctx {
	struct rt_team *t;
	const struct plan_rounds_opts *o;
	struct plan_rounds_opts quick;	/* o with fewer solver iterations */
	struct rt_slots *sl;
	unsigned char *solved;		/* per candidate: value holds a route */
	double *prize;			/* [pair][wd][place][hour] prize of a stay */
	double *rate;			/* [pair][wd][bucket] bound per minute */
	long budget;			/* routes the local search may still solve */
	int tabu[2];			/* slots a move took out: not back in it */
	struct timespec t0;
	uint64_t rng;
	struct err *e;
};

/* ---- bounds ------------------------------------------------------------------- */
static double *prize_at(const struct ctx *c, int pair, int wd, int place)
{
	return &c->prize[(((size_t)pair * 7 + (size_t)wd) * (size_t)c->t->nplace + (size_t)place) *
			 24];
}

/* Prize per minute at place p in bucket b, at best: a stop begun in hour H
 * (of the slot's prize table) is worth the prize of H, and H lies between
 * the hour before the stop began and the hour of any minute it covers. */
static double place_rate(const struct ctx *c, int pair, int wd, int p, int b)
{
	const double *pz = prize_at(c, pair, wd, p);
	int stay = c->t->place[p].stay > 0 ? c->t->place[p].stay : 1;
	int h0 = (b * BUCKET - stay) / 60 - 1, h1 = (b * BUCKET + BUCKET - 1) / 60;
	double best = 0;

	for (int h = h0 < 0 ? 0 : h0; h <= h1 && h < 24; h++)
		best = pz[h] / stay > best ? pz[h] / stay : best;
	return best;
}

/* The prizes of every place a pair may visit by weekday and hour (0
 * elsewhere), and the best rate over those places by bucket. */
static void rates(struct ctx *c)
{
	const struct rt_team *t = c->t;

	c->prize = xcalloc((size_t)t->npair * 7 * (size_t)t->nplace * 24 + 1, sizeof *c->prize);
	c->rate = xcalloc((size_t)t->npair * 7 * NBUCKET, sizeof *c->rate);
	for (int p = 0; p < t->npair; p++)
		for (int wd = 0; wd < 7; wd++) {
			struct rt_slot probe;
			double *r = &c->rate[((size_t)p * 7 + (size_t)wd) * NBUCKET];

			rt__slot_init(&probe, p, wd, 0, 1440);
			for (int q = 0; q < t->nplace; q++)
				for (int h = 0; rt__in_area(t, p, q) && h < 24; h++)
					prize_at(c, p, wd, q)[h] = rt__prize(t, c->o, &probe, q, h * 60);
			for (int q = 0; q < t->nplace; q++)
				for (int b = 0; rt__in_area(t, p, q) && b < NBUCKET; b++) {
					double x = place_rate(c, p, wd, q, b);

					r[b] = x > r[b] ? x : r[b];
				}
		}
}

/* Minute by minute, the best place. */
static double bound_minutes(const struct ctx *c, const struct rt_slot *x)
{
	const double *r = &c->rate[((size_t)x->pair * 7 + (size_t)x->weekday) * NBUCKET];
	double sum = 0;

	for (int b = x->start / BUCKET; b * BUCKET < x->end; b++)
		sum += r[b] * BUCKET;
	return sum;
}

struct item {
	double rate;
	int place;
};

static int by_rate(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return x->rate > y->rate ? -1 : x->rate < y->rate ? 1 : x->place - y->place;
}

/* A route has at most RT_MAX_COPIES nodes a place, so at most as many
 * stays there: the best buckets of the slot, at most that many stays'
 * worth from each place and the slot's length in all (a linear relaxation
 * with nested limits, which the greedy by rate solves exactly). */
static double bound_places(const struct ctx *c, const struct rt_slot *x, struct item *it,
			   double *cap)
{
	const struct rt_team *t = c->t;
	int n = 0;
	double left = x->end - x->start, sum = 0;

	for (int p = 0; p < t->nplace; p++) {
		cap[p] = (double)RT_MAX_COPIES * t->place[p].stay;
		for (int b = x->start / BUCKET; rt__in_area(t, x->pair, p) && b * BUCKET < x->end; b++) {
			double r = place_rate(c, x->pair, x->weekday, p, b);

			if (r > 0)
				it[n++] = (struct item){ r, p };
		}
	}
	qsort(it, (size_t)n, sizeof *it, by_rate);
	for (int i = 0; i < n && left > 0; i++) {
		double y = BUCKET < cap[it[i].place] ? BUCKET : cap[it[i].place];

		y = y < left ? y : left;
		sum += it[i].rate * y;
		cap[it[i].place] -= y;
		left -= y;
	}
	return sum;
}

static double slot_bound(const struct ctx *c, const struct rt_slot *x, struct item *it,
			 double *cap)
{
	double a = bound_minutes(c, x), b = bound_places(c, x, it, cap);

	return a < b ? a : b;
}

/* ---- worth, fresh or bounded ------------------------------------------------------ */
static int fresh(const struct ctx *c, int i)
{
	const struct rt_slot *x = &c->sl->v[i];

	return c->solved[i] && x->sig == c->t->pair[x->pair].sig[x->weekday];
}

static double scale(const struct ctx *c, const struct rt_slot *x, double v)
{
	double w = v * c->t->pair[x->pair].occurs[x->weekday];

	return rt__was_template(c->t, x) ? w * (1.0 + c->o->stability) : w;
}

/* What slot i may be worth now: exact when fresh, else its bound (or, when
 * blocks only grew since it was solved, its stale value: still a bound). */
static double estimate(const struct ctx *c, int i, int growing)
{
	const struct rt_slot *x = &c->sl->v[i];
	double v = x->bound;

	if (c->solved[i] && (growing || fresh(c, i)) && x->value < v)
		v = x->value;
	return scale(c, x, v);
}

static int solve(struct ctx *c, int i)
{
	struct rt_slot *x = &c->sl->v[i];
	int rc = rt__value(c->t, &c->quick, x, c->e);

	c->t->solves++;
	c->budget--;
	x->sig = c->t->pair[x->pair].sig[x->weekday];
	c->solved[i] = 1;
	return rc;
}

static int out_of_time(const struct ctx *c)
{
	struct timespec now;

	if (c->budget <= 0)
		return 1;
	if (c->o->search_seconds <= 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - c->t0.tv_sec) + (double)(now.tv_nsec - c->t0.tv_nsec) / 1e9 >
	       c->o->search_seconds;
}

/* ---- the greedy on bounds -------------------------------------------------------- */
static double key(const struct ctx *c, int i, int per_hour, int growing)
{
	const struct rt_slot *x = &c->sl->v[i];
	double w = estimate(c, i, growing);

	return per_hour ? w / ((x->end - x->start) / 60.0) : w;
}

/* Adds the best slots while one gains: by worth per hour or by worth.
 * Ties go to the earlier candidate, so the result depends on the seed
 * only. Returns 0 or a negative ERR_*; *added (may be NULL) lists what it
 * accepted (at most max). */
static int fill(struct ctx *c, int per_hour, int growing, int *added, int *nadded, int max)
{
	struct rt_slots *sl = c->sl;

	for (;;) {
		int best = -1;
		double bk = 0;

		if (added && *nadded >= max)
			return 0;	/* the caller could not undo more */

		for (int i = 0; i < sl->n; i++) {
			double k;

			if (!rt__feasible(c->t, &sl->v[i]) || i == c->tabu[0] || i == c->tabu[1])
				continue;
			k = key(c, i, per_hour, growing);
			if (k > bk + 1e-12) {
				bk = k;
				best = i;
			}
		}
		if (best < 0)
			return 0;
		if (!fresh(c, best)) {
			int rc;

			if (c->budget <= 0 && growing == 0)
				return 0;	/* the local search is out of routes */
			rc = solve(c, best);
			if (rc)
				return rc;
			continue;
		}
		rt__accept(c->t, sl, &sl->v[best]);
		if (added)
			added[(*nadded)++] = best;
	}
}

/* ---- the local search --------------------------------------------------------- */
static double objective(const struct ctx *c)
{
	double sum = 0;

	for (int i = 0; i < c->sl->n; i++)
		if (c->sl->v[i].chosen)
			sum += rt__worth(c->t, c->o, &c->sl->v[i]);
	return sum;
}

static int movable(const struct rt_slots *sl, int *idx)
{
	int n = 0;

	for (int i = 0; i < sl->n; i++)
		if (sl->v[i].chosen && sl->v[i].commit < 0)
			idx[n++] = i;
	return n;
}

static int below(struct ctx *c, int n)
{
	return (int)(plan__splitmix(&c->rng) % (uint64_t)n);
}

/* Picks the shifts to take out: one; two of one pair; two at the same
 * time of day of different pairs; any two. Returns how many (0: none). */
static int pick(struct ctx *c, const int *idx, int n, int out[2])
{
	const struct rt_slot *v = c->sl->v;
	int kind = below(c, 4), a = idx[below(c, n)];

	out[0] = a;
	if (kind == 0 || n < 2)
		return 1;
	for (int tries = 0; tries < 8; tries++) {
		int b = idx[below(c, n)];
		const struct rt_slot *x = &v[a], *y = &v[b];

		if (b == a)
			continue;
		if (kind == 3 || (kind == 1 && x->pair == y->pair) ||
		    (kind == 2 && x->pair != y->pair && x->weekday == y->weekday &&
		     x->start < y->end && y->start < x->end)) {
			out[1] = b;
			return 2;
		}
	}
	return 1;
}

#define MAX_ADDED 64

/* One move: out, refill, keep if better. Returns 1 if kept, 0 if not,
 * or a negative ERR_*. */
static int move(struct ctx *c, const int *out, int nout, double *obj)
{
	struct rt_slots *sl = c->sl;
	int added[MAX_ADDED], nadded = 0, rc, per_hour = below(c, 2);
	double before = *obj, after;
	struct rt_slot keep[2];

	for (int k = 0; k < nout; k++) {
		keep[k] = sl->v[out[k]];	/* the refill may re-solve it */
		rt__unaccept(c->t, &sl->v[out[k]]);
	}
	c->tabu[0] = out[0];
	c->tabu[1] = nout > 1 ? out[1] : -1;
	rc = fill(c, per_hour, 0, added, &nadded, MAX_ADDED);
	c->tabu[0] = c->tabu[1] = -1;
	if (rc)
		return rc;
	after = objective(c);
	if (after > before * (1 + 1e-9) + 1e-9) {
		*obj = after;
		return 1;
	}
	for (int k = nadded - 1; k >= 0; k--)
		rt__unaccept(c->t, &sl->v[added[k]]);
	for (int k = 0; k < nout; k++) {
		sl->v[out[k]] = keep[k];
		sl->v[out[k]].chosen = 0;
		rt__accept(c->t, sl, &sl->v[out[k]]);
	}
	return 0;
}

static int local_search(struct ctx *c, double *obj)
{
	int *idx = xcalloc((size_t)c->sl->n + 1, sizeof *idx);
	int rc = 0, idle = 0;

	while (!rc && !out_of_time(c)) {
		int n = movable(c->sl, idx), out[2], kept;

		if (!n || idle > 8 * n + 20)
			break;
		kept = move(c, out, pick(c, idx, n, out), obj);
		rc = kept < 0 ? kept : 0;
		idle = kept > 0 ? 0 : idle + 1;
	}
	free(idx);
	return rc;
}

/* ---- the routes of the chosen shifts, solved in full --------------------------- */
/* Each chosen shift's route again with o->solver_iter iterations (the
 * choice used QUICK_ITER), kept if it gains: the shifts stay, so it never
 * lowers the objective. */
static int polish(struct ctx *c, double *obj)
{
	struct rt_slots *sl = c->sl;

	for (int i = 0; i < sl->n; i++) {
		struct rt_slot *x = &sl->v[i], keep;
		int rc;

		if (!x->chosen || x->commit >= 0)
			continue;
		keep = *x;
		rt__unaccept(c->t, x);
		rc = rt__value(c->t, c->o, x, c->e);
		c->t->solves++;
		if (rc)
			return rc;
		if (x->dead || x->value <= keep.value + 1e-9)
			*x = keep;
		x->chosen = 0;
		x->sig = c->t->pair[x->pair].sig[x->weekday];
		rt__accept(c->t, sl, x);
	}
	*obj = objective(c);
	return 0;
}

/* ---- candidates ------------------------------------------------------------------- */
/* Shorter shifts than rounds.c offers (down to half the shift length, at
 * least an hour), so that a small budget can be spent whole. */
static void shorter(const struct rt_team *t, const struct plan_rounds_opts *o,
		    struct rt_slots *sl)
{
	int least = o->shift_minutes / 2 / 30 * 30;

	rt__candidates(t, o, 120, INT_MAX / 2, least < 60 ? 60 : least, sl);
}

int rt__search(struct rt_team *t, const struct plan_rounds_opts *o, struct rt_slots *sl,
	       double objective_out[2], struct err *e)
{
	struct ctx c = { .t = t, .o = o, .sl = sl, .budget = o->search_solves, .tabu = { -1, -1 },
			 .rng = o->seed ^ 0x5eedULL, .e = e };
	double obj;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &c.t0);
	c.quick = *o;
	c.quick.solver_iter = o->solver_iter < QUICK_ITER ? o->solver_iter : QUICK_ITER;
	shorter(t, o, sl);
	c.solved = xcalloc((size_t)sl->n + 1, 1);
	rates(&c);
	{
		struct item *it = xcalloc((size_t)t->nplace * NBUCKET + 1, sizeof *it);
		double *cap = xcalloc((size_t)t->nplace + 1, sizeof *cap);

		for (int i = 0; i < sl->n; i++) {
			sl->v[i].bound = slot_bound(&c, &sl->v[i], it, cap);
			c.solved[i] = sl->v[i].chosen;	/* a commitment's slot has its route */
		}
		free(it);
		free(cap);
	}
	rc = fill(&c, 0, 1, NULL, NULL, 0);
	c.budget = o->search_solves;	/* the greedy solves what it must */
	obj = objective(&c);
	if (objective_out)
		objective_out[0] = obj;
	if (!rc)
		rc = local_search(&c, &obj);
	if (!rc && o->solver_iter > c.quick.solver_iter)
		rc = polish(&c, &obj);
	if (objective_out)
		objective_out[1] = obj;
	free(c.solved);
	free(c.prize);
	free(c.rate);
	return rc;
}
