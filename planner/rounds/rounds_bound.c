/*
 * rounds_bound.c - how good a weekly plan is: an upper bound on the people
 * any plan could meet, and where the workers' hours went.
 *
 * The bound is a maximum-profit flow: source -> team (the worker-hours of
 * all workers, halved: a pair spends two) -> pair (the smaller budget of
 * its two workers) -> the pair's hours of the week (the share of the hour
 * both are available) -> place-hours of its area (profit: the expected
 * people of that hour, times the share of the plan's weeks the pair works
 * that weekday) -> sink (one pair per place-hour). Walking, stays, shift
 * lengths and gaps are ignored and a worker in two pairs may count in
 * both at once: a relaxation, so no plan meets more (up to stops that run
 * over the hour, valued by the hour they begin in). Solved by successive
 * longest augmenting paths (Bellman-Ford), each lifting the profit.
 */
#include "planner/rounds/rounds_int.h"
#include "util/buf.h"
#include "util/err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arc {
	int to, next;
	double cap, profit;
};

struct net {
	struct arc *a;
	int na, *head, nn;
};

static int node_new(struct net *g)
{
	g->head = xrealloc(g->head, (size_t)(g->nn + 1) * sizeof *g->head);
	g->head[g->nn] = -1;
	return g->nn++;
}

static void arc_add(struct net *g, int from, int to, double cap, double profit)
{
	g->a = xrealloc(g->a, (size_t)(g->na + 2) * sizeof *g->a);
	g->a[g->na] = (struct arc){ to, g->head[from], cap, profit };
	g->head[from] = g->na++;
	g->a[g->na] = (struct arc){ from, g->head[to], 0, -profit };
	g->head[to] = g->na++;
}

/* The most profitable path s -> t with room left; its profit, or -1. */
static double longest(const struct net *g, int s, int t, int *via)
{
	double *d = xcalloc((size_t)g->nn, sizeof *d), best;
	int changed = 1;

	for (int i = 0; i < g->nn; i++) {
		d[i] = -INFINITY;
		via[i] = -1;
	}
	d[s] = 0;
	for (int round = 0; changed && round < g->nn; round++) {
		changed = 0;
		for (int u = 0; u < g->nn; u++) {
			if (d[u] == -INFINITY)
				continue;
			for (int k = g->head[u]; k >= 0; k = g->a[k].next)
				if (g->a[k].cap > 1e-9 && d[u] + g->a[k].profit > d[g->a[k].to] + 1e-12) {
					d[g->a[k].to] = d[u] + g->a[k].profit;
					via[g->a[k].to] = k;
					changed = 1;
				}
		}
	}
	best = d[t] == -INFINITY ? -1 : d[t];
	free(d);
	return best;
}

static double max_profit(struct net *g, int s, int t)
{
	int *via = xcalloc((size_t)g->nn, sizeof *via);
	double total = 0, p;

	while ((p = longest(g, s, t, via)) > 1e-9) {
		double room = INFINITY;

		for (int v = t; v != s; v = g->a[via[v] ^ 1].to)
			room = g->a[via[v]].cap < room ? g->a[via[v]].cap : room;
		for (int v = t; v != s; v = g->a[via[v] ^ 1].to) {
			g->a[via[v]].cap -= room;
			g->a[via[v] ^ 1].cap += room;
		}
		total += p * room;
	}
	free(via);
	return total;
}

/* Minutes of hour h inside the spans. */
static double in_hour(const struct rt_span *sp, int n, int h)
{
	double m = 0;

	for (int i = 0; i < n; i++) {
		int a = sp[i].start > h * 60 ? sp[i].start : h * 60;
		int b = sp[i].end < h * 60 + 60 ? sp[i].end : h * 60 + 60;

		m += b > a ? b - a : 0;
	}
	return m;
}

static double worth_hour(const struct rt_team *t, int pair, int wd, int h, int place)
{
	return rt_cell_at(t, place, wd, h)->mean * t->pair[pair].occurs[wd];
}

static double bound(const struct rt_team *t)
{
	struct net g = { 0 };
	int src = node_new(&g), team = node_new(&g), sink = node_new(&g);
	int *ph = xcalloc((size_t)t->nplace * 168 + 1, sizeof *ph);	/* place-hour nodes */
	double half = 0, best;

	for (int w = 0; w < t->nworker; w++)
		half += t->worker[w].weekly / 120.0;
	arc_add(&g, src, team, half, 0);
	for (int p = 0; p < t->npair; p++) {
		const struct rt_pair *q = &t->pair[p];
		int pn;

		if (q->a < 0 || q->b < 0)
			continue;
		pn = node_new(&g);
		arc_add(&g, team, pn, fmin(t->worker[q->a].weekly, t->worker[q->b].weekly) / 60, 0);
		for (int wd = 0; wd < 7; wd++) {
			struct rt_span sp[16];
			int n = rt__both_free(t, p, wd, sp);

			for (int h = 0; h < 24; h++) {
				double share = in_hour(sp, n, h) / 60;
				int hn = -1;

				for (int pl = 0; share > 0 && pl < t->nplace; pl++) {
					double v = worth_hour(t, p, wd, h, pl);
					int *x = &ph[(size_t)pl * 168 + (size_t)(wd * 24 + h)];

					if (v <= 1e-9 || !rt__in_area(t, p, pl))
						continue;
					if (hn < 0) {
						hn = node_new(&g);
						arc_add(&g, pn, hn, share, 0);
					}
					if (!*x) {
						*x = node_new(&g);
						arc_add(&g, *x, sink, 1, 0);
					}
					arc_add(&g, hn, *x, 1, v);
				}
			}
		}
	}
	best = max_profit(&g, src, sink);
	free(ph);
	free(g.a);
	free(g.head);
	return best;
}

/* ---- where the hours went --------------------------------------------------------- */
static double span_minutes(const struct rt_span *sp, int n)
{
	double m = 0;

	for (int i = 0; i < n; i++)
		m += sp[i].end - sp[i].start;
	return m;
}

/* Minutes of a pair's common hours where some place of its area expects
 * anybody. */
static double useful_minutes(const struct rt_team *t, int p, int wd, const struct rt_span *sp,
			     int n)
{
	double m = 0;

	for (int h = 0; h < 24; h++) {
		int any = 0;

		for (int pl = 0; !any && pl < t->nplace; pl++)
			any = rt__in_area(t, p, pl) && rt_cell_at(t, pl, wd, h)->mean > 1e-3;
		m += any ? in_hour(sp, n, h) : 0;
	}
	return m;
}

struct hours {
	double avail, overlap, useful, planned;
};

static void worker_hours(const struct rt_team *t, int w, const struct rt_slots *sl,
			 struct hours *hw)
{
	memset(hw, 0, sizeof *hw);
	for (int wd = 0; wd < 7; wd++)
		hw->avail += span_minutes(t->worker[w].avail[wd], t->worker[w].navail[wd]);
	for (int p = 0; p < t->npair; p++) {
		if (t->pair[p].a != w && t->pair[p].b != w)
			continue;
		for (int wd = 0; wd < 7; wd++) {
			struct rt_span sp[16];
			int n = t->pair[p].a >= 0 && t->pair[p].b >= 0 ? rt__both_free(t, p, wd, sp) : 0;

			hw->overlap += span_minutes(sp, n);
			hw->useful += useful_minutes(t, p, wd, sp, n);
		}
	}
	for (int i = 0; i < sl->n; i++) {
		const struct rt_slot *x = &sl->v[i];

		if (x->chosen && x->n && (t->pair[x->pair].a == w || t->pair[x->pair].b == w))
			hw->planned += x->end - x->start;
	}
}

/* Worker-minutes in a shift neither at a stop nor walking, if its walking
 * reached the cap (else 0). */
static double capped_idle(const struct rt_team *t, const struct plan_rounds_opts *o,
			  const struct rt_slot *x)
{
	double walk = 0, stay = 0;

	for (int k = 0; k < x->n; k++) {
		stay += x->leave[k] - x->arrive[k];
		if (k)
			walk += t->tt[x->place[k - 1] * t->nplace + x->place[k]];
	}
	if (walk < 0.95 * o->walk_cap_minutes)
		return 0;
	return 2 * fmax(0, x->end - x->start - stay - walk);
}

void rt__quality(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slots *sl, struct plan_rounds_quality *q)
{
	memset(q, 0, sizeof *q);
	q->bound = bound(t);
	for (int w = 0; w < t->nworker; w++) {
		struct hours h;
		double budget = t->worker[w].weekly, avail, usable, useful;

		worker_hours(t, w, sl, &h);
		avail = fmin(budget, h.avail);
		usable = fmin(avail, h.overlap);
		useful = fmin(usable, h.useful);
		q->available += avail / 60;
		q->planned += h.planned / 60;
		q->no_overlap += (avail - usable) / 60;
		q->nothing += (usable - useful) / 60;
		q->left += fmax(0, useful - h.planned) / 60;
	}
	for (int i = 0; sl && i < sl->n; i++) {
		const struct rt_slot *x = &sl->v[i];

		if (!x->chosen)
			continue;
		q->walk_capped += capped_idle(t, o, x) / 60;
		for (int k = 0; k < x->n; k++)
			q->people += x->exp[k] * t->pair[x->pair].occurs[x->weekday];
	}
	q->share = q->bound > 0 ? q->people / q->bound : 0;
}

int plan_rounds_bound(struct store *s, const struct plan_rounds_opts *opts,
		      struct plan_rounds_quality *q, struct err *e)
{
	struct plan_rounds_opts o = *opts;
	struct rt_slots none = { 0 };
	struct rt_prep prep;
	struct rt_team t;
	int rc = rt__prepare(s, &o, &t, &prep, e);

	if (!rc)
		rt__quality(&t, &o, &none, q);
	rt__unprepare(&t, &prep);
	return rc;
}

void plan_rounds_quality_json(const struct plan_rounds_quality *q, char *buf, size_t n)
{
	snprintf(buf, n,
		 "{\"bound_people\":%.2f,\"expected_people\":%.2f,\"share_of_bound\":%.4f,"
		 "\"worker_hours\":{\"available\":%.2f,\"planned\":%.2f,\"not_planned\":"
		 "{\"no_overlap_in_pair\":%.2f,\"nothing_worth_visiting\":%.2f,"
		 "\"no_gain_from_another_shift\":%.2f},\"idle_at_walking_cap\":%.2f}}",
		 q->bound, q->people, q->share, q->available, q->planned, q->no_overlap,
		 q->nothing, q->left, q->walk_capped);
}
