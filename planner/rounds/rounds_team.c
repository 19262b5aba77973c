/*
 * rounds_team.c - loads what the weekly planner needs from the store: the
 * places with their opening hours by weekday, workers with availability,
 * absences and weekly budgets, pairs, commitments, the forecast averaged
 * over the plan's weeks, the walking matrix, and last week's template.
 */
#include "planner/rounds/rounds_int.h"
#include "calendars/holidays.h"
#include "store/plans.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GROW(arr, n) ((arr) = xrealloc((arr), (size_t)((n) + 1) * sizeof *(arr)))

static int find_place(const struct rt_team *t, int64_t id)
{
	for (int i = 0; i < t->nplace; i++)
		if (t->place[i].id == id)
			return i;
	return -1;
}

static int find_worker(const struct rt_team *t, int64_t id)
{
	for (int i = 0; i < t->nworker; i++)
		if (t->worker[i].id == id)
			return i;
	return -1;
}

/* A day of weekday wd inside the plan that is not a public holiday. */
static int64_t normal_day(const struct plan_rounds_opts *o, int wd)
{
	int64_t d = o->from_day + (wd - tz_weekday(o->from_day) + 7) % 7;

	for (int k = 0; k < 8 && cal_holiday_on(d); k++)
		d += 7;
	return d;
}

struct load_ctx {
	struct rt_team *t;
	const struct plan_rounds_opts *o;
	struct err *e;
	char pinned[2048], banned[2048];	/* comma-separated place keys */
};

static int in_list(const char *list, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = list; (p = strstr(p, key)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static int on_place(const struct store_place *p, void *ud)
{
	struct load_ctx *c = ud;
	struct rt_team *t = c->t;
	struct rt_place *q;
	struct cal_hours h;

	GROW(t->place, t->nplace);
	q = &t->place[t->nplace++];
	memset(q, 0, sizeof *q);
	q->id = p->id;
	q->partner_id = p->partner_id;
	memcpy(q->key, p->key, sizeof q->key);
	memcpy(q->area, p->area, sizeof q->area);
	q->lat = p->lat;
	q->lon = p->lon;
	q->stay = p->stay_minutes;
	q->pinned = in_list(c->pinned, p->key);
	q->banned = in_list(c->banned, p->key);
	if (cal_hours_parse(p->opening_hours, &h, c->e))
		return err_prefix(c->e, "place %s", p->key);
	for (int wd = 0; wd < 7; wd++) {
		int64_t day = normal_day(c->o, wd);

		for (int k = 0; k < 1440 / RT_STEP; k++)
			q->open[wd][k] = cal_hours_open_minutes(&h, day, k * RT_STEP, RT_STEP) ==
					 RT_STEP;
	}
	return 0;
}

static int on_worker(const struct store_worker *w, void *ud)
{
	struct rt_team *t = ((struct load_ctx *)ud)->t;
	struct rt_worker *x;

	GROW(t->worker, t->nworker);
	x = &t->worker[t->nworker++];
	memset(x, 0, sizeof *x);
	x->id = w->id;
	memcpy(x->key, w->key, sizeof x->key);
	x->budget = w->weekly_hours * 60.0;
	x->weekly = x->budget;
	return 0;
}

/* The loaded worker with that id, or NULL. */
static struct rt_worker *worker_of(void *ud, int64_t id)
{
	struct rt_team *t = ((struct load_ctx *)ud)->t;
	int i = find_worker(t, id);

	return i < 0 ? NULL : &t->worker[i];
}

static int on_avail(const struct store_availability *a, void *ud)
{
	struct rt_worker *w = worker_of(ud, a->worker_id);

	if (w && w->navail[a->weekday] < RT_MAX_AVAIL)
		w->avail[a->weekday][w->navail[a->weekday]++] =
			(struct rt_span){ a->start_min, a->end_min };
	return 0;
}

static int on_absence(const struct store_absence *a, void *ud)
{
	struct rt_worker *w = worker_of(ud, a->worker_id);

	if (!w)
		return 0;
	GROW(w->abs, w->nabs);
	w->abs[w->nabs].from = a->from_day;
	w->abs[w->nabs++].to = a->to_day;
	return 0;
}

static int on_pair(const struct store_pair *p, void *ud)
{
	struct rt_team *t = ((struct load_ctx *)ud)->t;
	struct rt_pair *x;

	GROW(t->pair, t->npair);
	x = &t->pair[t->npair++];
	memset(x, 0, sizeof *x);
	x->id = p->id;
	memcpy(x->key, p->key, sizeof x->key);
	memcpy(x->area, p->area, sizeof x->area);
	x->a = find_worker(t, p->worker_a_id);
	x->b = find_worker(t, p->worker_b_id);
	return 0;
}

static int on_commit(const struct store_commitment *cm, void *ud)
{
	struct rt_team *t = ((struct load_ctx *)ud)->t;
	struct rt_commit *x;

	GROW(t->commit, t->ncommit);
	x = &t->commit[t->ncommit++];
	memset(x, 0, sizeof *x);
	x->place = find_place(t, cm->place_id);
	x->weekday = cm->weekday;
	x->start = cm->start_min;
	x->end = cm->end_min;
	x->needed = cm->pairs_needed;
	x->rhythm = cm->rhythm;
	x->from_day = cm->from_day;
	x->until_day = cm->until_day;
	x->pair = -1;
	for (int i = 0; cm->pair_id && i < t->npair; i++)
		if (t->pair[i].id == cm->pair_id)
			x->pair = i;
	memcpy(x->partner, cm->partner, sizeof x->partner);
	return 0;
}

/* The forecast per place and hour of the week, averaged over the weeks of
 * the plan (at most 13 samples: a season's worth). */
static int forecast(struct rt_team *t, const struct plan_rounds_opts *o, struct err *e)
{
	int samples = o->weeks < 13 ? o->weeks : 13;

	t->cell = xcalloc((size_t)t->nplace * 168, sizeof *t->cell);
	for (int p = 0; p < t->nplace; p++) {
		for (int k = 0; k < samples; k++) {
			for (int h = 0; h < 168; h++) {
				struct tz_civil cv = { 0 };
				struct plan_rate r;
				struct rt_cell *c = rt_cell_at(t, p, h / 24, h % 24);
				int64_t day = o->from_day + 7 * k +
					      (h / 24 - tz_weekday(o->from_day) + 7) % 7;

				tz_civil_from_days(day, &cv.year, &cv.month, &cv.day);
				cv.hour = h % 24;
				cv.min = 30;
				if (o->rates->rate(o->rates->ud, p, tz_from_local(&cv), &r))
					return err_set(e, ERR_INTERNAL, "no forecast for %s",
						       t->place[p].key);
				c->mean += r.mean / samples;
				c->lower += r.lower / samples;
				c->upper += r.upper / samples;
				c->exposure += r.exposure / samples;
			}
		}
	}
	return 0;
}

static int walking(struct rt_team *t, const struct plan_rounds_opts *o, struct err *e)
{
	size_t n = (size_t)t->nplace;
	double *lat = xcalloc(n + 1, sizeof *lat), *lon = xcalloc(n + 1, sizeof *lon);
	int rc;

	for (size_t i = 0; i < n; i++) {
		lat[i] = t->place[i].lat;
		lon[i] = t->place[i].lon;
	}
	t->tt = xcalloc(n * n + 1, sizeof *t->tt);
	t->tm = xcalloc(n * n + 1, sizeof *t->tm);
	rc = o->travel->matrix(o->travel->ud, lat, lon, (int)n, t->tt, t->tm, e);
	for (size_t i = 0; !rc && i < n * n; i++)
		t->tt[i] = t->tt[i] < 0 ? 1e6 : t->tt[i] / 60.0;	/* seconds -> minutes */
	free(lat);
	free(lon);
	return rc;
}

struct prev_ctx {
	struct rt_team *t;
	struct store *s;
	int64_t day;	/* the day before the plan */
};

static int on_prev_shift(const struct store_shift *sh, void *ud)
{
	struct prev_ctx *c = ud;
	struct rt_team *t = c->t;
	struct store_shift_parts parts;
	struct rt_slot *x;
	int pair = -1;

	if (sh->last_day < c->day - 6 || sh->first_day > c->day)
		return 0;	/* not in the week before the plan */
	for (int i = 0; i < t->npair; i++)
		if (t->pair[i].id == sh->pair_id)
			pair = i;
	if (pair < 0 || store_shift_parts_load(c->s, sh->id, &parts, NULL))
		return 0;
	GROW(t->prev, t->nprev);
	x = &t->prev[t->nprev++];
	memset(x, 0, sizeof *x);
	x->pair = pair;
	x->weekday = sh->weekday;
	x->start = sh->start_min;
	x->end = sh->end_min;
	for (int i = 0; i < parts.nstops && x->n < RT_MAX_STOPS; i++)
		if (!parts.stops[i].exception_id)
			x->place[x->n++] = find_place(t, parts.stops[i].place_id);
	store_shift_parts_release(&parts);
	return 0;
}

static int away(const struct rt_worker *w, int64_t day)
{
	for (int i = 0; i < w->nabs; i++)
		if (day >= w->abs[i].from && day <= w->abs[i].to)
			return 1;
	return 0;
}

/* The share of the plan's weeks a pair's shift on each weekday is worked:
 * the dates rounds.c stores as skipped (a holiday not marked worked, an
 * absence of either worker) do not meet anybody. */
static int occurrences(struct store *s, const struct plan_rounds_opts *o, struct rt_team *t,
		       struct err *e)
{
	for (int wd = 0; wd < 7; wd++) {
		int64_t first = o->from_day + (wd - tz_weekday(o->from_day) + 7) % 7;

		for (int k = 0; k < o->weeks; k++) {
			int64_t d = first + 7 * k;
			int worked = cal_holiday_on(d) ? store_worked_holiday_get(s, d, e) : 1;

			if (worked < 0)
				return worked;
			for (int p = 0; worked && p < t->npair; p++) {
				const struct rt_pair *q = &t->pair[p];

				if (q->a >= 0 && q->b >= 0 && !away(&t->worker[q->a], d) &&
				    !away(&t->worker[q->b], d))
					t->pair[p].occurs[wd] += 1.0 / o->weeks;
			}
		}
	}
	return 0;
}

int rt__load(struct store *s, const struct plan_rounds_opts *o, struct rt_team *t,
	     struct err *e)
{
	struct load_ctx c = { .t = t, .o = o, .e = e };
	struct prev_ctx pc = { t, s, o->from_day - 1 };
	int rc;

	memset(t, 0, sizeof *t);
	rc = store_setting_get(s, "plan.pinned", "", c.pinned, sizeof c.pinned, e);
	if (!rc)
		rc = store_setting_get(s, "plan.banned", "", c.banned, sizeof c.banned, e);
	if (!rc)
		rc = store_place_each(s, on_place, &c, e);
	if (!rc)
		rc = store_worker_each(s, on_worker, &c, e);
	if (!rc)
		rc = store_availability_each(s, on_avail, &c, e);
	if (!rc)
		rc = store_absence_each(s, on_absence, &c, e);
	if (!rc)
		rc = store_pair_each(s, on_pair, &c, e);
	if (!rc)
		rc = store_commitment_each(s, on_commit, &c, e);
	if (!rc && (!t->npair || !t->nplace))
		rc = err_set(e, ERR_CONFLICT, "nothing to plan: import pairs and places first");
	if (!rc)
		rc = occurrences(s, o, t, e);
	if (!rc)
		rc = forecast(t, o, e);
	if (!rc)
		rc = walking(t, o, e);
	if (!rc)
		rc = store_feed_shift_each(s, STORE_FEED_TEAM, 0, on_prev_shift, &pc, e);
	return rc;
}

void rt__release(struct rt_team *t)
{
	for (int i = 0; i < t->nworker; i++)
		free(t->worker[i].abs);
	free(t->place);
	free(t->worker);
	free(t->pair);
	free(t->commit);
	free(t->cell);
	free(t->tt);
	free(t->tm);
	free(t->block);
	free(t->prev);
	memset(t, 0, sizeof *t);
}

int plan_travel_straight(void *ud, const double *lat, const double *lon, int n,
			 double *seconds, double *metres, struct err *e)
{
	double kmh = ud ? *(const double *)ud : 4.5;

	(void)e;
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++) {
			double m = plan_haversine_m(lat[i], lon[i], lat[j], lon[j]) * 1.3;

			if (metres)
				metres[i * n + j] = m;
			if (seconds)
				seconds[i * n + j] = m / (kmh / 3.6);
		}
	}
	return 0;
}
