/*
 * rounds_slot.c - the value of one candidate shift slot: its best walking
 * route as an orienteering problem (planner/toptw.h). Node 0 is where the
 * pair starts and ends (no walking to it: the shift begins at the first
 * stop); the other nodes are the pair's places, open for a whole stay and
 * free of other pairs' stops, twice (a pair may come back, or stay twice
 * as long). A place's prize is the people expected
 * during the stay, by hour; a partner commitment inside the slot is a
 * mandatory node pinned to its time.
 */
#include "planner/rounds/rounds_int.h"
#include "planner/toptw/toptw.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

static int blocked(const struct rt_team *t, int pair, int place, int wd, int from, int to)
{
	for (int i = 0; i < t->nblock; i++) {
		const struct rt_block *b = &t->block[i];

		if (b->place == place && b->weekday == wd && b->pair != pair &&
		    from < b->end && b->start < to)
			return 1;
	}
	return 0;
}

static int open_for(const struct rt_place *p, int wd, int from, int len)
{
	for (int m = from; m < from + len; m += RT_STEP)
		if (m >= 1440 || !p->open[wd][m / RT_STEP])
			return 0;
	return 1;
}

/* Adds windows (start of service) where place i can be visited whole. */
static int windows(const struct rt_team *t, const struct rt_slot *s, int i,
		   struct plan_toptw *pb, int node, struct err *e)
{
	const struct rt_place *p = &t->place[i];
	int run = -1, n = 0;

	for (int m = s->start; m <= s->end - p->stay; m += RT_STEP) {
		int ok = open_for(p, s->weekday, m, p->stay) &&
			 !blocked(t, s->pair, i, s->weekday, m, m + p->stay);

		if (ok && run < 0)
			run = m;
		if ((!ok || m + RT_STEP > s->end - p->stay) && run >= 0) {
			int last = ok ? m : m - RT_STEP;

			if (n == PLAN_TOPTW_MAX_WIN)
				break;
			if (plan_toptw_add_window(pb, node, run, last, e))
				return -1;
			n++;
			run = -1;
		}
	}
	return n;
}

int rt__in_area(const struct rt_team *t, int pair, int place)
{
	const char *a = t->pair[pair].area;

	return !t->place[place].banned && (!a[0] || !strcmp(a, t->place[place].area));
}

/* Was the place in this pair's route on this weekday last week? */
static int was_there(const struct rt_team *t, const struct rt_slot *s, int place)
{
	for (int i = 0; i < t->nprev; i++) {
		const struct rt_slot *p = &t->prev[i];

		if (p->pair != s->pair || p->weekday != s->weekday)
			continue;
		for (int k = 0; k < p->n; k++)
			if (p->place[k] == place)
				return 1;
	}
	return 0;
}

double rt__prize(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slot *s, int place, int minute)
{
	const struct rt_cell *c = rt_cell_at(t, place, s->weekday, minute / 60 % 24);
	double per_hour = c->mean;

	if (s->explore && c->exposure < RT_EXPOSED_H)
		per_hour = c->upper;	/* optimism where we know little */
	per_hour *= t->place[place].stay / 60.0;
	if (was_there(t, s, place))
		per_hour *= 1.0 + o->stability;	/* keep the rhythm */
	if (t->place[place].pinned)
		per_hour = 3 * per_hour + 1;	/* the lead wants the pair there */
	return per_hour;
}

static int prizes(const struct rt_team *t, const struct plan_rounds_opts *o,
		  const struct rt_slot *s, int place, struct plan_toptw *pb, int node,
		  struct err *e)
{
	double table[30];
	int nh = (s->end - s->start + 59) / 60;

	if (nh > 30)
		nh = 30;
	for (int h = 0; h < nh; h++)
		table[h] = rt__prize(t, o, s, place, s->start + 60 * h);
	return plan_toptw_set_prize_table(pb, node, table, nh, s->start, 60, e);
}

/* The best prize of place i in slot s. */
static double best_prize(const struct rt_team *t, const struct plan_rounds_opts *o,
			 const struct rt_slot *s, int i)
{
	double best = 0;

	for (int m = s->start; m < s->end; m += 60) {
		double x = rt__prize(t, o, s, i, m);

		best = x > best ? x : best;
	}
	return best;
}

/* The RT_BUSY-th best prize among the places of the slot (0 if fewer). */
static double busy_level(const struct rt_team *t, const struct plan_rounds_opts *o,
			 const struct rt_slot *s, double *best)
{
	double top[RT_BUSY] = { 0 };

	for (int i = 0; i < t->nplace; i++) {
		best[i] = rt__in_area(t, s->pair, i) ? best_prize(t, o, s, i) : 0;
		for (int k = 0; k < RT_BUSY; k++)
			if (best[i] > top[k]) {
				memmove(&top[k + 1], &top[k], (size_t)(RT_BUSY - 1 - k) * sizeof *top);
				top[k] = best[i];
				break;
			}
	}
	return top[RT_BUSY - 1];
}

/* How many nodes place i gets in slot s. The first planner gave every
 * place two (kept for --chooser greedy): with 30-minute stays a pair could
 * not spend more than an hour of a shift at the busiest place, and on the
 * Helsinki scenario its routes met 54 % of the bound. The RT_BUSY places
 * with the best prizes in the slot now get as many stays as fill the slot,
 * at most RT_MAX_COPIES (70 %); the others keep two (more nodes cost
 * solver time: 32 places shared by two pairs took 10 s a plan). */
static int copies(const struct rt_team *t, const struct plan_rounds_opts *o,
		  const struct rt_slot *s, int i, const double *best, double level)
{
	int stay = t->place[i].stay > 0 ? t->place[i].stay : 1;
	int n = (s->end - s->start + stay - 1) / stay;

	if (o->chooser == PLAN_CHOOSER_GREEDY || best[i] <= 0 || best[i] < level)
		return 2;
	return n < 2 ? 2 : n > RT_MAX_COPIES ? RT_MAX_COPIES : n;
}

/* Nodes: 0 the start/end; then the places. map[node] = place index. */
static int build(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slot *s, struct plan_toptw **out, int *map, int *nmap,
		 int *commit_node, int *must_node, struct err *e)
{
	int n = 1, cp = s->commit >= 0 ? t->commit[s->commit].place : -1, mandatory_set = 0;
	struct plan_toptw *pb;
	double *best = xcalloc((size_t)t->nplace + 1, sizeof *best);
	double level = o->chooser == PLAN_CHOOSER_GREEDY ? 0 : busy_level(t, o, s, best);

	/* Several nodes a place: a pair may come back later in the shift (or
	 * stay longer) where people are. */
	for (int copy = 0; copy < RT_MAX_COPIES; copy++)
		for (int i = 0; i < t->nplace; i++)
			if ((((rt__in_area(t, s->pair, i) || i == s->must) && i != cp) ||
			     (i == cp && !copy)) && copy < copies(t, o, s, i, best, level))
				map[n++] = i;
	free(best);
	pb = plan_toptw_new(n, 1, e);
	if (!pb)
		return ERR_INTERNAL;
	*commit_node = -1;
	*must_node = -1;
	for (int a = 1; a < n; a++)
		for (int b = 1; b < n; b++)
			plan_toptw_set_travel(pb, a, b, t->tt[map[a] * t->nplace + map[b]], NULL);
	if (s->origin >= 0)	/* the pair starts where it is now */
		for (int b = 1; b < n; b++)
			plan_toptw_set_travel(pb, 0, b, t->tt[s->origin * t->nplace + map[b]], NULL);
	for (int k = 1; k < n; k++) {
		int i = map[k];

		if (i == cp) {
			const struct rt_commit *c = &t->commit[s->commit];

			plan_toptw_set_node(pb, k, c->end - c->start,
					    rt__prize(t, o, s, i, c->start) * (c->end - c->start) /
					    t->place[i].stay, NULL);
			plan_toptw_add_window(pb, k, c->start, c->start, NULL);
			plan_toptw_set_mandatory(pb, k, 0, NULL);
			*commit_node = k;
			continue;
		}
		plan_toptw_set_node(pb, k, t->place[i].stay, 0, NULL);
		if (i == s->must && !mandatory_set) {
			/* the urgent visit: as soon as it can be */
			int last = s->end - t->place[i].stay;

			plan_toptw_add_window(pb, k, s->start, s->must_by < last ? s->must_by : last,
					      NULL);
			plan_toptw_set_node(pb, k, t->place[i].stay, 1, NULL);
			plan_toptw_set_mandatory(pb, k, 0, NULL);
			*must_node = k;
			mandatory_set = 1;
			continue;
		}
		if (windows(t, s, i, pb, k, e) <= 0)
			plan_toptw_set_node(pb, k, t->place[i].stay, 0, NULL);	/* closed */
		else if (prizes(t, o, s, i, pb, k, e))
			goto fail;
	}
	plan_toptw_set_path(pb, 0, 0, 0, s->start, s->end, NULL);
	plan_toptw_set_walk_cap(pb, 0, o->walk_cap_minutes, NULL);
	if (s->end - s->start > 240)	/* a break in shifts longer than 4 hours */
		plan_toptw_set_break(pb, 0, 30, s->start + (s->end - s->start) / 2 - 60,
				     s->start + (s->end - s->start) / 2 + 30, NULL);
	*out = pb;
	*nmap = n;
	return 0;
fail:
	plan_toptw_free(pb);
	return ERR_INTERNAL;
}

/* The solver's start of service in whole minutes, never sooner than the
 * walk from the last stop (rounded) allows: two roundings to the nearest
 * minute could otherwise lose one. */
static int arrival(const struct rt_team *t, const struct rt_slot *s,
		   const struct plan_toptw_route *r, int k, int place)
{
	int arrive = (int)(r->start[k] + 0.5), walk;

	if (!s->n)
		return arrive;
	walk = s->place[s->n - 1] == place ? 0 :
	       (int)(t->tt[s->place[s->n - 1] * t->nplace + place] + 0.5);
	return arrive < s->leave[s->n - 1] + walk ? s->leave[s->n - 1] + walk : arrive;
}

/* Inside the shift and the opening hours, to the minute. */
static int fits(const struct rt_team *t, const struct rt_slot *s, int place, int arrive, int len)
{
	if (arrive + len > s->end || arrive + len > 1440)
		return 0;
	for (int b = arrive / RT_STEP; b <= (arrive + len - 1) / RT_STEP; b++)
		if (!t->place[place].open[s->weekday][b])
			return 0;
	return 1;
}

static void read_route(const struct rt_team *t, struct rt_slot *s,
		       const struct plan_toptw_route *r, const int *map, int commit_node,
		       int must_node)
{
	int prev = -1;

	s->n = 0;
	s->walk_m = 0;
	for (int k = 0; k < r->n && s->n < RT_MAX_STOPS; k++) {
		int node = r->node[k], i = map[node];
		int arrive = node == commit_node ? (int)(r->start[k] + 0.5) : arrival(t, s, r, k, i);
		const struct rt_cell *c = rt_cell_at(t, i, s->weekday, arrive / 60 % 24);
		int len = node == commit_node ? t->commit[s->commit].end - t->commit[s->commit].start :
						 t->place[i].stay;

		if (node != commit_node && node != must_node && !fits(t, s, i, arrive, len))
			continue;	/* a minute late after rounding: rare, dropped */

		if (s->n && s->place[s->n - 1] == i && s->leave[s->n - 1] == arrive &&
		    node != commit_node && node != must_node) {	/* the same place again: stay longer */
			s->leave[s->n - 1] += len;
			s->exp[s->n - 1] += c->mean * len / 60.0;
			s->lo[s->n - 1] += c->lower * len / 60.0;
			s->hi[s->n - 1] += c->upper * len / 60.0;
			continue;
		}
		s->place[s->n] = i;
		s->arrive[s->n] = arrive;
		s->leave[s->n] = arrive + len;
		s->exp[s->n] = c->mean * len / 60.0;
		s->lo[s->n] = c->lower * len / 60.0;
		s->hi[s->n] = c->upper * len / 60.0;
		s->why[s->n] = node == commit_node ? 'c' : node == must_node ? 'u' :
			       t->place[i].pinned ? 'p' :
			       s->explore && c->exposure < RT_EXPOSED_H ? 'e' : 'f';
		if (prev < 0)
			prev = s->origin;
		if (prev >= 0)
			s->walk_m += t->tm[prev * t->nplace + i];
		prev = i;
		s->n++;
	}
}

int rt__value(const struct rt_team *t, const struct plan_rounds_opts *o,
	      struct rt_slot *s, struct err *e)
{
	int *map = xcalloc(RT_MAX_COPIES * (size_t)t->nplace + 2, sizeof *map), nmap = 0;
	int cnode, mnode;
	struct plan_toptw *pb = NULL;
	struct plan_toptw_params pp;
	struct plan_toptw_result res = { 0 };
	int rc = build(t, o, s, &pb, map, &nmap, &cnode, &mnode, e);

	s->dirty = 0;
	if (rc) {
		free(map);
		return rc;
	}
	plan_toptw_params_init(&pp);
	pp.seed = o->seed + (uint64_t)(s->pair * 100000 + s->weekday * 2000 + s->start);
	pp.max_iter = o->solver_iter;
	pp.time_limit = 2.0;
	rc = plan_toptw_solve(pb, &pp, &res, NULL);
	if (rc) {	/* e.g. the commitment cannot be reached: not a candidate */
		s->dead = 1;
		s->value = 0;
		s->n = 0;
		rc = 0;
	} else {
		s->value = res.score;
		read_route(t, s, &res.route[0], map, cnode, mnode);
	}
	plan_toptw_result_release(&res);
	plan_toptw_free(pb);
	free(map);
	return rc;
}
