/*
 * toptw_route.c - one route's schedule: arrival and start times forward,
 * latest feasible arrival backward, O(1) insertion checks.
 */
#include "planner/toptw/toptw_int.h"

#include <math.h>
#include <string.h>

double toptw__prize(const struct toptw_node *nd, double st)
{
	double x;
	long b;

	if (!nd->ptab)
		return nd->prize;
	x = floor((st - nd->pt0) / nd->ptw);
	b = x < 0 ? 0 : x >= nd->nptab ? nd->nptab - 1 : (long)x;
	return nd->ptab[b];
}

/* Earliest start of service when arriving at a; TOPTW_INF if too late. */
double toptw__tw_start(const struct toptw_node *nd, double a)
{
	for (int w = 0; w < nd->nwin; w++)
		if (a <= nd->win[2 * w + 1] + TOPTW_EPS)
			return a > nd->win[2 * w] ? a : nd->win[2 * w];
	return TOPTW_INF;
}

/* Latest arrival whose start of service is <= b; -TOPTW_INF if none.
 * Start of service is nondecreasing in the arrival, so feasibility of the
 * rest of a route is "arrive by lat". */
double toptw__tw_latest(const struct toptw_node *nd, double b)
{
	double best = -TOPTW_INF;

	for (int w = 0; w < nd->nwin; w++)
		if (nd->win[2 * w] <= b + TOPTW_EPS)
			best = nd->win[2 * w + 1] < b ? nd->win[2 * w + 1] : b;
	return best;
}

static int loc(const struct toptw_ctx *c, const struct toptw_route *r,
	       int pos)
{
	while (r->seq[pos] >= c->n)
		pos--;
	return r->seq[pos];
}

/* Travel from position pos to pos + 1. */
double toptw__leg(const struct toptw_ctx *c, const struct toptw_route *r,
		  int pos)
{
	int a = loc(c, r, pos), b = loc(c, r, pos + 1);

	return a == b ? 0 : c->p->tt[(size_t)a * c->n + b];
}

static double svc_at(const struct toptw_ctx *c, const struct toptw_route *r,
		     int pos)
{
	if (pos == 0 || pos == r->len - 1)
		return 0;
	return c->ext[r->seq[pos]].svc;
}

static int forward(const struct toptw_ctx *c, struct toptw_route *r)
{
	const struct toptw_path *pa = &c->p->path[r->k];
	int ok = 1;

	r->arr[0] = r->st[0] = pa->t0;
	r->walk = 0;
	r->score = 0;
	for (int i = 1; i < r->len; i++) {
		double leg = toptw__leg(c, r, i - 1);

		r->walk += leg;
		r->arr[i] = r->st[i - 1] + svc_at(c, r, i - 1) + leg;
		if (i == r->len - 1) {
			r->st[i] = r->arr[i];
			break;
		}
		r->st[i] = toptw__tw_start(&c->ext[r->seq[i]], r->arr[i]);
		if (r->st[i] >= TOPTW_INF) {
			ok = 0;
			r->st[i] = r->arr[i];
		}
		r->score += toptw__prize(&c->ext[r->seq[i]], r->st[i]);
	}
	if (r->st[r->len - 1] > pa->tmax + TOPTW_EPS)
		ok = 0;
	if (r->walk > pa->walk_cap + TOPTW_EPS)
		ok = 0;
	return ok;
}

static void backward(const struct toptw_ctx *c, struct toptw_route *r)
{
	int last = r->len - 1;

	r->lat[last] = c->p->path[r->k].tmax;
	for (int i = last - 1; i >= 1; i--) {
		double b = r->lat[i + 1] - toptw__leg(c, r, i) - svc_at(c, r, i);

		r->lat[i] = toptw__tw_latest(&c->ext[r->seq[i]], b);
	}
	r->lat[0] = r->lat[1] - toptw__leg(c, r, 0);
}

int toptw__route_eval(const struct toptw_ctx *c, struct toptw_route *r)
{
	int ok = forward(c, r);

	backward(c, r);
	r->ver++;
	return ok;
}

void toptw__route_insert(struct toptw_route *r, int pos, int j)
{
	memmove(r->seq + pos + 1, r->seq + pos, (r->len - pos) * sizeof *r->seq);
	r->seq[pos] = j;
	r->len++;
}

void toptw__route_remove(struct toptw_route *r, int pos)
{
	memmove(r->seq + pos, r->seq + pos + 1,
		(r->len - pos - 1) * sizeof *r->seq);
	r->len--;
}

/* Inserting right before a break moves the break; check it the long way. */
static int ins_check_slow(const struct toptw_ctx *c,
			  const struct toptw_route *r, int i, int j,
			  double *shift, double *stj)
{
	struct toptw_route *s = c->scratch;
	int ok;

	s->k = r->k;
	s->len = r->len;
	memcpy(s->seq, r->seq, r->len * sizeof *r->seq);
	toptw__route_insert(s, i + 1, j);
	ok = forward(c, s);
	*stj = s->st[i + 1];
	*shift = s->arr[i + 2] - r->arr[i + 1];
	if (*shift < 0)
		*shift = 0;
	return ok;
}

int toptw__ins_check(const struct toptw_ctx *c, const struct toptw_route *r,
		     int i, int j, double *shift, double *stj)
{
	const struct toptw_node *nd = &c->ext[j];
	const double *tt = c->p->tt;
	size_t n = c->n;
	int a, b;
	double s, dw, tab, tjb;

	if (r->seq[i + 1] >= c->n)
		return ins_check_slow(c, r, i, j, shift, stj);
	a = loc(c, r, i);
	b = r->seq[i + 1];
	tab = a == b ? 0 : tt[a * n + b];
	s = toptw__tw_start(nd, r->st[i] + svc_at(c, r, i) + tt[a * n + j]);
	tjb = tt[j * n + b];
	if (s > r->lat[i + 1] - nd->svc - tjb + TOPTW_EPS)
		return 0;
	dw = tt[a * n + j] + tjb - tab;
	if (r->walk + dw > c->p->path[r->k].walk_cap + TOPTW_EPS)
		return 0;
	*stj = s;
	*shift = s + nd->svc + tjb - r->arr[i + 1];
	return 1;
}
