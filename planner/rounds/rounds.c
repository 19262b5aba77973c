/*
 * rounds.c - the weekly planner: candidate slots, commitments first, the
 * choice of slots under the budgets (rounds_search.c; the first greedy is
 * kept here for comparison), exploration, and the plan stored as
 * recurring shifts with their exceptions.
 */
#include "planner/rounds/rounds.h"
#include "planner/rounds/rounds_int.h"
#include "calendars/holidays.h"
#include "calendars/reason.h"
#include "planner/splitmix.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GAP 30		/* minutes between two shifts of one worker on a day */

void plan_rounds_opts_init(struct plan_rounds_opts *o)
{
	memset(o, 0, sizeof *o);
	o->weeks = 1;
	o->explore = 0.10;
	o->stability = 0.15;
	o->shift_minutes = 240;
	o->walk_cap_minutes = 120;
	o->speed_kmh = 4.5;
	o->seed = 1;
	o->solver_iter = 150;
	o->chooser = PLAN_CHOOSER_SEARCH;
	o->search_solves = 800;
}

/* ---- the model as a rates source ---------------------------------------- */
static int model_rate(void *ud, int place, int64_t t, struct plan_rate *r)
{
	struct rt_model_rates *mr = ud;

	return plan_model_rate(mr->m, mr->map[place], t, r);
}

struct key_list {
	char (*key)[STORE_KEY_MAX + 1];
	int n;
};

static int on_key(const struct store_place *p, void *ud)
{
	struct key_list *k = ud;

	k->key = xrealloc(k->key, (size_t)(k->n + 1) * sizeof *k->key);
	memcpy(k->key[k->n++], p->key, sizeof *k->key);
	return 0;
}

static int model_source(struct store *s, struct rt_model_rates *mr, struct err *e)
{
	struct key_list k = { 0 };
	int rc = plan_model_fit_store(s, NULL, &mr->m, e);

	if (!rc)
		rc = store_place_each(s, on_key, &k, e);
	mr->map = xcalloc((size_t)k.n + 1, sizeof *mr->map);
	for (int i = 0; !rc && i < k.n; i++) {
		mr->map[i] = plan_model_place_index(mr->m, k.key[i]);
		if (mr->map[i] < 0)
			rc = err_set(e, ERR_INTERNAL, "place %s is not in the model", k.key[i]);
	}
	free(k.key);
	return rc;
}

/* ---- candidate slots ------------------------------------------------------ */
void rt__slot_init(struct rt_slot *x, int pair, int wd, int start, int end)
{
	memset(x, 0, sizeof *x);
	x->pair = pair;
	x->weekday = wd;
	x->start = start;
	x->end = end;
	x->commit = -1;
	x->origin = -1;
	x->must = -1;
	x->must_by = 1440;
	x->dirty = 1;
}

static void add_slot(struct rt_slots *sl, int pair, int wd, int start, int end)
{
	sl->v = xrealloc(sl->v, (size_t)(sl->n + 1) * sizeof *sl->v);
	rt__slot_init(&sl->v[sl->n++], pair, wd, start, end);
}

int rt__both_free(const struct rt_team *t, int pair, int wd, struct rt_span *out)
{
	const struct rt_worker *a = &t->worker[t->pair[pair].a];
	const struct rt_worker *b = &t->worker[t->pair[pair].b];
	int n = 0;

	for (int i = 0; i < a->navail[wd]; i++)
		for (int j = 0; j < b->navail[wd] && n < 16; j++) {
			int s = a->avail[wd][i].start > b->avail[wd][j].start ?
					a->avail[wd][i].start : b->avail[wd][j].start;
			int e = a->avail[wd][i].end < b->avail[wd][j].end ? a->avail[wd][i].end :
									      b->avail[wd][j].end;
			if (e - s >= 60)
				out[n++] = (struct rt_span){ s, e };
		}
	return n;
}

void rt__candidates(const struct rt_team *t, const struct plan_rounds_opts *o, int shorter_from,
		   int shorter_to, int least, struct rt_slots *sl)
{
	for (int p = 0; p < t->npair; p++) {
		if (t->pair[p].a < 0 || t->pair[p].b < 0)
			continue;
		for (int wd = 0; wd < 7; wd++) {
			struct rt_span sp[16];
			int n = rt__both_free(t, p, wd, sp);

			for (int i = 0; i < n; i++) {
				int full = sp[i].end - sp[i].start < o->shift_minutes ?
						   sp[i].end - sp[i].start : o->shift_minutes;

				for (int len = full - shorter_from;
				     len >= full - shorter_to && len >= least; len -= 60)
					for (int s = sp[i].start; s + len <= sp[i].end; s += 30)
						add_slot(sl, p, wd, s, s + len);
			}
		}
	}
}

/* ---- choosing -------------------------------------------------------------- */
static int worker_free(const struct rt_worker *w, int wd, int start, int end)
{
	for (int i = 0; i < w->nbusy[wd]; i++)
		if (start < w->busy[wd][i].end + GAP && w->busy[wd][i].start < end + GAP)
			return 0;
	return w->budget >= end - start && w->nbusy[wd] < 16;
}

int rt__feasible(const struct rt_team *t, const struct rt_slot *s)
{
	const struct rt_pair *p = &t->pair[s->pair];

	return !s->chosen && !s->dead &&
	       worker_free(&t->worker[p->a], s->weekday, s->start, s->end) &&
	       worker_free(&t->worker[p->b], s->weekday, s->start, s->end);
}

static void charge(struct rt_worker *w, const struct rt_slot *s)
{
	w->busy[s->weekday][w->nbusy[s->weekday]++] = (struct rt_span){ s->start, s->end };
	w->budget -= s->end - s->start;
}

static void uncharge(struct rt_worker *w, const struct rt_slot *s)
{
	int wd = s->weekday, j = 0;

	for (int i = 0; i < w->nbusy[wd]; i++)
		if (w->busy[wd][i].start != s->start || w->busy[wd][i].end != s->end)
			w->busy[wd][j++] = w->busy[wd][i];
	w->nbusy[wd] = j;
	w->budget += s->end - s->start;
}

int rt__pair_may_go(const struct rt_team *t, int pair, int place)
{
	return !t->pair[pair].area[0] || !strcmp(t->pair[pair].area, t->place[place].area);
}

/* A block enters or leaves the signature of every other pair that may go
 * there (XOR: taking a block out restores the signature before it). */
static void sign(struct rt_team *t, const struct rt_block *b)
{
	uint64_t h = ((uint64_t)b->place << 40) ^ ((uint64_t)b->start << 24) ^
		     ((uint64_t)b->end << 8) ^ (uint64_t)b->pair;

	h = plan__splitmix(&h);
	for (int p = 0; p < t->npair; p++)
		if (p != b->pair && rt__pair_may_go(t, p, b->place))
			t->pair[p].sig[b->weekday] ^= h;
}

static void block_stops(struct rt_team *t, const struct rt_slot *s)
{
	for (int k = 0; k < s->n; k++) {
		t->block = xrealloc(t->block, (size_t)(t->nblock + 1) * sizeof *t->block);
		t->block[t->nblock++] = (struct rt_block){ s->place[k], s->weekday, s->arrive[k],
							   s->leave[k], s->pair };
		sign(t, &t->block[t->nblock - 1]);
	}
}

static void unblock_stops(struct rt_team *t, const struct rt_slot *s)
{
	int j = 0;

	for (int i = 0; i < t->nblock; i++) {
		const struct rt_block *b = &t->block[i];

		if (!(b->pair == s->pair && b->weekday == s->weekday && b->start >= s->start &&
		      b->end <= s->end))
			t->block[j++] = *b;
		else
			sign(t, b);
	}
	t->nblock = j;
}

/* Other pairs' slots that overlap s in time on its day must be revalued. */
static void dirty_overlaps(struct rt_slots *sl, const struct rt_slot *s)
{
	for (int i = 0; i < sl->n; i++) {
		struct rt_slot *x = &sl->v[i];

		if (!x->chosen && x->pair != s->pair && x->weekday == s->weekday &&
		    x->start < s->end && s->start < x->end)
			x->dirty = 1;
	}
}

void rt__accept(struct rt_team *t, struct rt_slots *sl, struct rt_slot *s)
{
	s->chosen = 1;
	charge(&t->worker[t->pair[s->pair].a], s);
	charge(&t->worker[t->pair[s->pair].b], s);
	block_stops(t, s);
	dirty_overlaps(sl, s);
}

void rt__unaccept(struct rt_team *t, struct rt_slot *s)
{
	s->chosen = 0;
	uncharge(&t->worker[t->pair[s->pair].a], s);
	uncharge(&t->worker[t->pair[s->pair].b], s);
	unblock_stops(t, s);
}

/* Last week's slot of the same pair, weekday and start: keeping it is worth
 * the stability bonus. */
int rt__was_template(const struct rt_team *t, const struct rt_slot *s)
{
	for (int i = 0; i < t->nprev; i++)
		if (t->prev[i].pair == s->pair && t->prev[i].weekday == s->weekday &&
		    t->prev[i].start == s->start)
			return 1;
	return 0;
}

static double ratio(const struct rt_team *t, const struct plan_rounds_opts *o,
		    const struct rt_slot *s)
{
	double r = s->value / ((s->end - s->start) / 60.0);

	return rt__was_template(t, s) ? r * (1.0 + o->stability) : r;
}

double rt__worth(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slot *s)
{
	double w = s->value * t->pair[s->pair].occurs[s->weekday];

	return rt__was_template(t, s) ? w * (1.0 + o->stability) : w;
}

/* The first planner's chooser (--chooser greedy), unchanged: a slot not yet
 * valued is valued when it is the best by its stored value, which starts at
 * 0 for all, so the first feasible slot wins; kept to compare with. */
static int greedy(struct rt_team *t, const struct plan_rounds_opts *o, struct rt_slots *sl,
		  struct err *e)
{
	for (;;) {
		struct rt_slot *best = NULL;
		int rc;

		for (int i = 0; i < sl->n; i++)
			if (rt__feasible(t, &sl->v[i]) &&
			    (!best || ratio(t, o, &sl->v[i]) > ratio(t, o, best)))
				best = &sl->v[i];
		if (!best || (!best->dirty && best->value <= 0))
			return 0;
		if (best->dirty) {	/* lazy: revalue, then look again */
			rc = rt__value(t, o, best, e);
			t->solves++;
			if (rc)
				return rc;
			continue;
		}
		rt__accept(t, sl, best);
	}
}

/* ---- commitments ---------------------------------------------------------- */
static void keep_dates(struct rhythm *r, int64_t lo, int64_t hi)
{
	int n = 0;

	for (int i = 0; i < r->ndates; i++)
		if (r->dates[i] >= lo && r->dates[i] <= hi)
			r->dates[n++] = r->dates[i];
	r->ndates = n;
}

int rt__commit_days(const struct rt_commit *c, const struct plan_rounds_opts *o,
		    struct rhythm *r, int64_t *first, int64_t *last)
{
	int64_t lo = o->from_day, hi = o->from_day + 7 * (int64_t)o->weeks - 1;

	*r = c->rhythm;
	if (rhythm_kind(r) == RHYTHM_WEEKLY && rhythm_every(r) == 1) {
		memset(r, 0, sizeof *r);
		*first = lo + (c->weekday - tz_weekday(lo) + 7) % 7;
		*last = *first + 7 * (o->weeks - 1);
		return 0;
	}
	if (c->from_day > lo)
		lo = c->from_day;
	if (c->until_day && c->until_day < hi)
		hi = c->until_day;
	if (rhythm_kind(r) == RHYTHM_DATES)
		keep_dates(r, lo, hi);
	if (c->rhythm.ndates && !r->ndates)
		return 1;	/* none of its dates falls in the plan */
	*first = rhythm_next(r, c->weekday, c->from_day, hi, lo);
	*last = *first;
	for (int64_t d = *first; d <= hi; d = rhythm_next(r, c->weekday, c->from_day, hi, d + 1))
		*last = d;
	return *first > hi;
}

static int cover(struct rt_team *t, const struct plan_rounds_opts *o, struct rt_slots *sl,
		 int ci, struct err *e)
{
	const struct rt_commit *c = &t->commit[ci];
	struct rt_slot *best = NULL, won;

	for (int i = 0; i < sl->n; i++) {
		struct rt_slot *x = &sl->v[i];
		struct rt_slot trial;
		int rc;

		if (x->weekday != c->weekday || x->start > c->start || x->end < c->end ||
		    (c->pair >= 0 && x->pair != c->pair) ||
		    !rt__feasible(t, x) || !rt__pair_may_go(t, x->pair, c->place))
			continue;
		trial = *x;
		trial.commit = ci;
		rc = rt__value(t, o, &trial, e);
		t->solves++;
		if (rc)
			return rc;
		if (!trial.dead && (!best || trial.value > won.value)) {
			won = trial;	/* only the winner carries the commitment */
			best = x;
		}
	}
	if (!best)
		return 1;
	*best = won;
	rt__accept(t, sl, best);
	return 0;
}

static int commitments(struct rt_team *t, const struct plan_rounds_opts *o,
		       struct rt_slots *sl, struct plan_rounds_report *rep, struct err *e)
{
	for (int ci = 0; ci < t->ncommit; ci++) {
		struct rt_commit *c = &t->commit[ci];
		struct rhythm r;
		int64_t first, last;
		char from[6], to[6];

		if (rt__commit_days(c, o, &r, &first, &last))
			continue;	/* no day of its rhythm in the plan's weeks */
		for (int k = 0; c->place >= 0 && k < c->needed; k++) {
			int rc = cover(t, o, sl, ci, e);

			if (rc < 0)
				return rc;
			c->covered += rc == 0;
		}
		if (c->covered >= c->needed)
			continue;
		tz_format_hhmm(c->start, from);
		tz_format_hhmm(c->end, to);
		rep->unmet++;
		snprintf(rep->unmet_text + strlen(rep->unmet_text),
			 sizeof rep->unmet_text - strlen(rep->unmet_text),
			 "commitment %s %s %s-%s at %s: %d of %d pairs (%s%s free there "
			 "then within its area and budget)\n", c->partner,
			 tz_weekday_name(c->weekday), from, to,
			 c->place >= 0 ? t->place[c->place].key : "?", c->covered, c->needed,
			 c->pair >= 0 ? "its own pair " : "no pair",
			 c->pair >= 0 ? t->pair[c->pair].key : "");
	}
	return 0;
}

/* ---- exploration ------------------------------------------------------------ */
static int cmp_ratio(const void *a, const void *b)
{
	const struct rt_slot *x = *(struct rt_slot *const *)a, *y = *(struct rt_slot *const *)b;
	double rx = x->value / (x->end - x->start), ry = y->value / (y->end - y->start);

	return rx < ry ? -1 : rx > ry;
}

static int explore(struct rt_team *t, const struct plan_rounds_opts *o, struct rt_slots *sl,
		   struct err *e)
{
	struct rt_slot **v = xcalloc((size_t)sl->n + 1, sizeof *v);
	double total = 0, target, done = 0;
	int n = 0, rc = 0;

	for (int i = 0; i < sl->n; i++)
		if (sl->v[i].chosen) {
			total += sl->v[i].end - sl->v[i].start;
			if (sl->v[i].commit < 0)
				v[n++] = &sl->v[i];
		}
	target = o->explore * total;
	qsort(v, (size_t)n, sizeof *v, cmp_ratio);	/* the weakest shifts first */
	for (int i = 0; i < n && done < target && !rc; i++) {
		struct rt_slot trial = *v[i];

		unblock_stops(t, v[i]);
		trial.explore = 1;
		rc = rt__value(t, o, &trial, e);
		t->solves++;
		if (!rc && !trial.dead && trial.n) {
			double stop = 0, exp = 0;

			for (int k = 0; k < trial.n; k++) {
				stop += trial.leave[k] - trial.arrive[k];
				if (trial.why[k] == 'e')
					exp += trial.leave[k] - trial.arrive[k];
			}
			/* the shift's hours, in the share its stops explore */
			done += stop > 0 ? (trial.end - trial.start) * exp / stop : 0;
			*v[i] = trial;
		}
		block_stops(t, v[i]);
	}
	free(v);
	return rc;
}

/* ---- continuity: who stands in ---------------------------------------------- */
static int absent(const struct rt_worker *w, int64_t day)
{
	for (int i = 0; i < w->nabs; i++)
		if (day >= w->abs[i].from && day <= w->abs[i].to)
			return 1;
	return 0;
}

static int pair_away(const struct rt_team *t, int pair, int64_t day)
{
	const struct rt_pair *p = &t->pair[pair];

	return absent(&t->worker[p->a], day) ? p->a : absent(&t->worker[p->b], day) ? p->b : -1;
}

/* A worker of both pairs keeps the own pair's shift in the week's budget
 * (the validator and the weekly budget count every shift). */
static int budget_left(const struct rt_team *t, const struct rt_pair *o, int w, int len,
		       int own_len)
{
	return w != o->a && w != o->b ? 1 : t->worker[w].budget - own_len >= len;
}

/* How well pair q stands in for own on day, the own pair's slot taken out:
 * -1 if it cannot (away, not both available then, busy, out of budget or
 * area), 1, or 2 if it keeps one of own's workers (a familiar face). */
static int standin_fit(const struct rt_team *t, const struct rt_commit *c, int own, int q,
		       int own_len, int64_t day)
{
	const struct rt_pair *p = &t->pair[q], *o = &t->pair[own];
	struct rt_slot y;
	struct rt_span sp[16];
	int n, fits = 0, len = c->end - c->start;

	if (q == own || p->a < 0 || p->b < 0 || pair_away(t, q, day) >= 0 ||
	    !rt__pair_may_go(t, q, c->place))
		return -1;
	n = rt__both_free(t, q, c->weekday, sp);
	for (int i = 0; i < n; i++)
		fits |= sp[i].start <= c->start && c->end <= sp[i].end;
	rt__slot_init(&y, q, c->weekday, c->start, c->end);
	if (!fits || !rt__feasible(t, &y) || !budget_left(t, o, p->a, len, own_len) ||
	    !budget_left(t, o, p->b, len, own_len))
		return -1;
	return p->a == o->a || p->a == o->b || p->b == o->a || p->b == o->b ? 2 : 1;
}

static int best_standin(const struct rt_team *t, const struct rt_commit *c, int own,
			int own_len, int64_t day)
{
	int best = -1, fit = 0;

	for (int q = 0; q < t->npair; q++) {
		int f = standin_fit(t, c, own, q, own_len, day);

		if (f > fit) {
			fit = f;
			best = q;
		}
	}
	return best;
}

/* A one-off shift of pair q on day: just the commitment's stay. */
static void add_standin(struct rt_team *t, struct rt_slots *sl, int ci, int q, int64_t day)
{
	const struct rt_commit *c = &t->commit[ci];
	const struct rt_cell *cell = rt_cell_at(t, c->place, c->weekday, c->start / 60);
	double h = (c->end - c->start) / 60.0;
	struct rt_slot *y;

	add_slot(sl, q, c->weekday, c->start, c->end);
	y = &sl->v[sl->n - 1];
	y->commit = ci;
	y->day = day;
	y->dirty = 0;
	y->n = 1;
	y->place[0] = c->place;
	y->arrive[0] = c->start;
	y->leave[0] = c->end;
	y->exp[0] = cell->mean * h;
	y->lo[0] = cell->lower * h;
	y->hi[0] = cell->upper * h;
	y->why[0] = 'c';
	rt__accept(t, sl, y);
}

static void standin_line(const struct rt_team *t, const struct rt_commit *c, int own,
			 int away, int q, int64_t day, struct plan_rounds_report *rep)
{
	char d[11], from[6], to[6];
	size_t len = strlen(rep->standin_text);

	tz_format_date(day, d);
	tz_format_hhmm(c->start, from);
	tz_format_hhmm(c->end, to);
	snprintf(rep->standin_text + len, sizeof rep->standin_text - len,
		 "stand-in: commitment %s %s %s %s-%s at %s: %s is away (%s absent), %s%s\n",
		 c->partner, tz_weekday_name(c->weekday), d, from, to, t->place[c->place].key,
		 t->pair[own].key, t->worker[away].key, q >= 0 ? t->pair[q].key : "nobody free",
		 q >= 0 ? " stands in" : " to stand in");
	rep->standins += q >= 0;
}

/* The days a commitment that asks for its own pair finds that pair away:
 * another pair (one that keeps a worker of it first) covers that day in a
 * one-off shift, and the report names it, or says nobody could. */
static int standins(struct store *s, struct rt_team *t, const struct plan_rounds_opts *o,
		    struct rt_slots *sl, struct plan_rounds_report *rep, struct err *e)
{
	int n0 = sl->n;

	for (int i = 0; i < n0; i++) {
		int ci = sl->v[i].commit, own = sl->v[i].pair;
		const struct rt_commit *c = ci >= 0 ? &t->commit[ci] : NULL;
		struct rhythm r;
		int64_t first, last;

		if (!sl->v[i].chosen || !c || c->pair < 0 ||
		    rt__commit_days(c, o, &r, &first, &last))
			continue;
		for (int64_t d = rhythm_next(&r, c->weekday, first, last, first); d <= last;
		     d = rhythm_next(&r, c->weekday, first, last, d + 1)) {
			int away = pair_away(t, own, d), worked, q;

			if (away < 0)
				continue;
			worked = store_worked_holiday_get(s, d, e);
			if (worked < 0)
				return worked;
			if (cal_holiday_on(d) && !worked)
				continue;	/* nobody goes that day */
			/* that day the own pair's shift is skipped: its time is free */
			rt__unaccept(t, &sl->v[i]);
			q = best_standin(t, c, own, sl->v[i].end - sl->v[i].start, d);
			if (q >= 0)
				add_standin(t, sl, ci, q, d);
			rt__accept(t, sl, &sl->v[i]);
			standin_line(t, c, own, away, q, d, rep);
		}
	}
	return 0;
}

/* ---- storing ---------------------------------------------------------------- */
const char *rt__why_name(char w)
{
	return w == 'c' ? "commitment" : w == 'e' ? "exploration" : w == 'u' ? "urgent" :
	       w == 'p' ? "pinned" : "forecast";
}

static int exceptions(struct store *s, const struct rt_team *t, const struct rt_slot *x,
		      const struct store_shift *sh, int64_t now, struct err *e)
{
	const struct rt_pair *p = &t->pair[x->pair];

	for (int64_t d = store_shift_next(sh, sh->first_day); d <= sh->last_day;
	     d = store_shift_next(sh, d + 1)) {
		struct store_exception ex = { .shift_id = sh->id, .day = d, .start_min = -1,
					      .end_min = -1 };
		int worked = store_worked_holiday_get(s, d, e);
		const struct rt_worker *away = absent(&t->worker[p->a], d) ? &t->worker[p->a] :
					       absent(&t->worker[p->b], d) ? &t->worker[p->b] : NULL;
		int rc;

		if (worked < 0)
			return worked;
		if (cal_holiday_on(d) && !worked)
			snprintf(ex.reason, sizeof ex.reason, "holiday");
		else if (away)
			cal_reason_absence(away->key, ex.reason, sizeof ex.reason);
		else
			continue;
		snprintf(ex.kind, sizeof ex.kind, "skip");
		rc = store_exception_put(s, &ex, now, e);
		if (rc)
			return rc;
	}
	return 0;
}

static int store_slot(struct store *s, const struct rt_team *t,
		      const struct plan_rounds_opts *o, int64_t plan_id,
		      const struct rt_slot *x, int64_t now, struct err *e)
{
	struct store_shift sh = {
		.plan_id = plan_id, .pair_id = t->pair[x->pair].id, .weekday = x->weekday,
		.start_min = x->start, .end_min = x->end, .walk_m = x->walk_m,
		.created_t = now, .modified_t = now,
	};
	int rc;

	sh.first_day = o->from_day + (x->weekday - tz_weekday(o->from_day) + 7) % 7;
	sh.last_day = sh.first_day + 7 * (o->weeks - 1);
	if (x->day) {		/* a stand-in: that day only */
		sh.rhythm.ndates = 1;
		sh.rhythm.dates[0] = sh.first_day = sh.last_day = x->day;
	} else if (x->commit >= 0) {	/* the commitment's rhythm */
		rt__commit_days(&t->commit[x->commit], o, &sh.rhythm, &sh.first_day,
				&sh.last_day);
	}
	rc = store_shift_insert(s, &sh, e);
	for (int k = 0; !rc && k < x->n; k++) {
		struct store_stop st = {
			.shift_id = sh.id, .seq = k + 1, .place_id = t->place[x->place[k]].id,
			.arrive_min = x->arrive[k], .leave_min = x->leave[k],
			.expected = x->exp[k], .lower = x->lo[k], .upper = x->hi[k],
		};

		snprintf(st.why, sizeof st.why, "%s", rt__why_name(x->why[k]));
		rc = store_stop_insert(s, &st, e);
	}
	return rc ? rc : exceptions(s, t, x, &sh, now, e);
}

static int save(struct store *s, const struct rt_team *t, const struct plan_rounds_opts *o,
		const struct rt_slots *sl, struct plan_rounds_report *rep, struct err *e)
{
	struct store_plan p = { .created_t = (int64_t)time(NULL), .from_day = o->from_day,
				.weeks = o->weeks, .explore = o->explore,
				.stability = o->stability };
	int rc = store_begin(s, e);

	snprintf(p.report, sizeof p.report, "%s", rep->unmet_text);
	strncat(p.report, rep->standin_text, sizeof p.report - strlen(p.report) - 1);
	plan_rounds_quality_json(&rep->q, p.quality, sizeof p.quality);
	if (!rc)
		rc = store_plan_insert(s, &p, e);
	for (int i = 0; !rc && i < sl->n; i++)
		if (sl->v[i].chosen && sl->v[i].n)
			rc = store_slot(s, t, o, p.id, &sl->v[i], p.created_t, e);
	if (!rc && o->publish)
		rc = store_plan_publish(s, p.id, p.created_t, e);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	rc = store_commit(s, e);
	if (!rc)
		rep->plan_id = p.id;
	return rc;
}

/* Is place in one of the chosen slots of this pair on that weekday? */
static int again(const struct rt_slots *sl, const struct rt_slot *prev, int place)
{
	for (int i = 0; i < sl->n; i++) {
		const struct rt_slot *x = &sl->v[i];

		if (!x->chosen || x->pair != prev->pair || x->weekday != prev->weekday)
			continue;
		for (int k = 0; k < x->n; k++)
			if (x->place[k] == place)
				return 1;
	}
	return 0;
}

static void summarise(const struct rt_team *t, const struct rt_slots *sl,
		      struct plan_rounds_report *rep)
{
	/* A stop of last week is kept when the pair comes to that place on the
	 * same weekday again. */
	for (int i = 0; i < t->nprev; i++)
		for (int k = 0; k < t->prev[i].n; k++) {
			rep->prev_stops++;
			rep->kept_stops += again(sl, &t->prev[i], t->prev[i].place[k]);
		}
	for (int i = 0; i < sl->n; i++) {
		const struct rt_slot *x = &sl->v[i];

		if (!x->chosen || !x->n || x->day)
			continue;	/* the weekly template; stand-ins are one-offs */
		rep->shifts++;
		rep->planned_hours += (x->end - x->start) / 60.0;
		for (int k = 0; k < x->n; k++) {
			rep->stops++;
			rep->exploration_stops += x->why[k] == 'e';
			rep->expected_people += x->exp[k];
		}
	}
}

int rt__prepare(struct store *s, struct plan_rounds_opts *o, struct rt_team *t,
		struct rt_prep *p, struct err *e)
{
	int rc = 0;

	memset(p, 0, sizeof *p);
	memset(t, 0, sizeof *t);
	if (!o->rates) {
		rc = model_source(s, &p->mr, e);
		p->src = (struct plan_rates_src){ model_rate, &p->mr };
		o->rates = &p->src;
	}
	if (!o->travel) {
		p->straight = (struct plan_travel_src){ plan_travel_straight, &o->speed_kmh };
		o->travel = &p->straight;
	}
	return rc ? rc : rt__load(s, o, t, e);
}

void rt__unprepare(struct rt_team *t, struct rt_prep *p)
{
	rt__release(t);
	plan_model_free(p->mr.m);
	free(p->mr.map);
	memset(p, 0, sizeof *p);
}

int plan_rounds_run(struct store *s, const struct plan_rounds_opts *opts,
		    struct plan_rounds_report *rep, struct err *e)
{
	struct plan_rounds_opts o = *opts;
	struct rt_prep prep;
	struct rt_team t;
	struct rt_slots sl = { 0 };
	struct timespec t0, t1;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(rep, 0, sizeof *rep);
	if (o.weeks < 1 || o.weeks > 104 || o.explore < 0 || o.explore > 1 ||
	    o.stability < 0 || o.shift_minutes < 60 || o.shift_minutes > 720 ||
	    o.search_solves < 0 || o.search_seconds < 0)
		return err_set(e, ERR_USAGE, "weeks 1..104, explore 0..1, stability >= 0, "
			       "shift length 60..720 minutes, search budget >= 0");
	rc = rt__prepare(s, &o, &t, &prep, e);
	if (!rc) {
		rt__candidates(&t, &o, 0, 60, 60, &sl);	/* full length, and an hour shorter */
		if (!sl.n)
			rc = err_set(e, ERR_CONFLICT, "no pair has both workers available at "
				     "the same time in the week (see 'outreach export "
				     "availability')");
	}
	if (!rc)
		rc = commitments(&t, &o, &sl, rep, e);
	if (!rc && o.chooser == PLAN_CHOOSER_GREEDY)
		rc = greedy(&t, &o, &sl, e);
	else if (!rc)
		rc = rt__search(&t, &o, &sl, rep->objective, e);
	if (!rc && o.explore > 0)
		rc = explore(&t, &o, &sl, e);
	if (!rc) {
		summarise(&t, &sl, rep);
		rt__quality(&t, &o, &sl, &rep->q);
		rep->solves = t.solves;
		rc = standins(s, &t, &o, &sl, rep, e);
	}
	if (!rc && !o.dry_run)
		rc = save(s, &t, &o, &sl, rep, e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rep->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	free(sl.v);
	rt__unprepare(&t, &prep);
	return rc;
}
