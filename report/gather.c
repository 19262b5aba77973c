/*
 * gather.c - one period's figures from the store: visits (presence),
 * encounters (people met), the phones' field log (guidance), published
 * shifts and their exceptions (planned hours, cancellations) and partner
 * commitments (kept or missed), for the places the report covers.
 */
#include "report/gather.h"
#include "calendars/holidays.h"
#include "calendars/reason.h"
#include "store/field.h"
#include "store/plans.h"
#include "store/report.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

/* ---- places ------------------------------------------------------------ */
static int on_place(const struct store_place *p, void *ud)
{
	struct rpt_places *ps = ud;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->v = xrealloc(ps->v, (size_t)ps->cap * sizeof *ps->v);
	}
	ps->v[ps->n++] = *p;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct store_place *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int report__places_load(struct store *s, int64_t area_id, int64_t partner_id,
			struct rpt_places *ps, struct err *e)
{
	int rc;

	memset(ps, 0, sizeof *ps);
	ps->area_id = area_id;
	ps->partner_id = partner_id;
	rc = store_place_each(s, on_place, ps, e);
	if (rc)
		return rc;
	if (ps->n)
		qsort(ps->v, (size_t)ps->n, sizeof *ps->v, by_id);
	ps->in = xcalloc((size_t)ps->n + 1, sizeof *ps->in);
	for (int i = 0; i < ps->n; i++)
		ps->in[i] = (!area_id || ps->v[i].area_id == area_id) &&
			    (!partner_id || ps->v[i].partner_id == partner_id);
	return 0;
}

void report__places_release(struct rpt_places *ps)
{
	free(ps->v);
	free(ps->in);
	memset(ps, 0, sizeof *ps);
}

/* Index of the place with that id, or -1. */
int report__place_index(const struct rpt_places *ps, int64_t id)
{
	int lo = 0, hi = ps->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (ps->v[mid].id == id)
			return mid;
		if (ps->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* -1: leave out; np: a position without a place (only with no filter);
 * else the place's index. */
static int slot(const struct rpt_places *ps, int64_t place_id)
{
	int i;

	if (!place_id)
		return ps->area_id || ps->partner_id ? -1 : ps->n;
	i = report__place_index(ps, place_id);
	return i >= 0 && ps->in[i] ? i : -1;
}

/* ---- the period ------------------------------------------------------- */
static int month_of(const struct rpt_period *p, int64_t day)
{
	int y, m, d;

	tz_civil_from_days(day, &y, &m, &d);
	return y * 12 + m - 1 - p->month0;
}

void report__period_init(struct rpt_period *p, const struct rpt_places *ps, int64_t from,
			 int64_t to, int ncommit)
{
	int y, m, d;

	memset(p, 0, sizeof *p);
	p->from = from;
	p->to = to;
	p->t0 = tz_day_minute(from, 0);
	p->t1 = tz_day_minute(to + 1, 0);
	tz_civil_from_days(from, &y, &m, &d);
	p->month0 = y * 12 + m - 1;
	p->nmonths = month_of(p, to) + 1;
	p->place = xcalloc((size_t)ps->n + 1, sizeof *p->place);
	p->month = xcalloc((size_t)p->nmonths, sizeof *p->month);
	p->commit = xcalloc((size_t)ncommit + 1, sizeof *p->commit);
}

void report__period_release(struct rpt_period *p)
{
	free(p->place);
	free(p->month);
	free(p->commit);
	free(p->v);
	memset(p, 0, sizeof *p);
}

static int64_t local_day(int64_t t, struct tz_civil *c)
{
	tz_to_local(t, c);
	return tz_days_from_civil(c->year, c->month, c->day);
}

/* Presence hour by hour into the 7 x 24 grid (Helsinki offsets are whole
 * hours, so local hours start on UTC hours). */
static void presence(struct rpt_period *p, int64_t start, int64_t end)
{
	struct tz_civil c;

	for (int64_t t = start; t < end;) {
		int64_t next = (t / 3600 + 1) * 3600, day = local_day(t, &c);

		if (next > end)
			next = end;
		p->ghours[tz_weekday(day)][c.hour] += (double)(next - t) / 3600.0;
		t = next;
	}
}

struct gather {
	struct rpt_period *p;
	const struct rpt_places *ps;
};

static int on_visit(const struct store_visit *v, void *ud)
{
	struct gather *g = ud;
	struct rpt_period *p = g->p;
	int i = slot(g->ps, v->place_id), mo;
	double h = (double)(v->end - v->start) / 3600.0;
	struct tz_civil c;

	if (i < 0 || i == g->ps->n)
		return 0;
	mo = month_of(p, local_day(v->start, &c));
	p->place[i].visits++;
	p->place[i].hours += h;
	p->month[mo].visits++;
	p->month[mo].hours += h;
	presence(p, v->start, v->end);
	if (p->nv == p->capv) {
		p->capv = p->capv ? 2 * p->capv : 256;
		p->v = xrealloc(p->v, (size_t)p->capv * sizeof *p->v);
	}
	p->v[p->nv++] = (struct rpt_visit){ i, v->start, v->end };
	p->records++;
	return 0;
}

static int on_encounter(const struct store_encounter *x, void *ud)
{
	struct gather *g = ud;
	struct rpt_period *p = g->p;
	int i = slot(g->ps, x->place_id);
	struct tz_civil c;
	int64_t day;

	if (i < 0)
		return 0;
	day = local_day(x->time, &c);
	p->place[i].people += x->people;
	p->place[i].new_people += x->new_people;
	p->place[i].anonymous += x->anonymous;
	p->month[month_of(p, day)].people += x->people;
	p->gpeople[tz_weekday(day)][c.hour] += x->people;
	p->records++;
	return 0;
}

static int on_entry(const struct store_field_entry *x, void *ud)
{
	struct gather *g = ud;
	struct rpt_period *p = g->p;
	int i = slot(g->ps, x->place_id);

	if (x->deleted || i < 0)
		return 0;
	for (int k = 0; k < STORE_TOPICS; k++) {
		p->topic[k] += x->guidance[k];
		p->place[i].guidance += x->guidance[k];
	}
	p->accompanied += x->accompanied;
	p->contacted += x->contacted;
	p->place[i].accompanied += x->accompanied;
	p->place[i].contacted += x->contacted;
	p->records++;
	return 0;
}

/* ---- plans: planned hours at stops, cancelled occurrences -------------- */
struct plans {
	struct rpt_period *p;
	const struct rpt_places *ps;
	struct store *s;
	struct err *e;
};

static int stop_in(const struct plans *c, const struct store_stop *st)
{
	return slot(c->ps, st->place_id) >= 0;
}

/* Does the shift serve the report's places at all (any template stop)? */
static int shift_in(const struct plans *c, const struct store_shift_parts *pt)
{
	if (!c->ps->area_id && !c->ps->partner_id)
		return 1;
	for (int i = 0; i < pt->nstops; i++)
		if (!pt->stops[i].exception_id && stop_in(c, &pt->stops[i]))
			return 1;
	return 0;
}

static const struct store_exception *exception_on(const struct store_shift_parts *pt,
						  int64_t day)
{
	for (int i = 0; i < pt->nexc; i++)
		if (pt->exc[i].day == day)
			return &pt->exc[i];
	return NULL;
}

static void cancelled(struct plans *c, const struct store_shift *sh,
		      const struct store_exception *x)
{
	enum cal_cause cause = cal_reason_cause(x->reason, x->day, NULL, 0);
	int k = cause == CAL_CAUSE_HOLIDAY ? 0 : cause == CAL_CAUSE_STAFF ? 1 : 2;

	c->p->cancel_shifts[k]++;
	c->p->cancel_hours[k] += (sh->end_min - sh->start_min) / 60.0;
}

static void occurrence(struct plans *c, const struct store_shift *sh,
		       const struct store_shift_parts *pt, int64_t day)
{
	const struct store_exception *x = exception_on(pt, day);
	int64_t own = x && !strcmp(x->kind, "replan") ? x->id : 0;
	double h = 0;

	c->p->month[month_of(c->p, day)].has_plan = 1;
	if (x && (!strcmp(x->kind, "skip") || !strcmp(x->kind, "cancel"))) {
		cancelled(c, sh, x);
		return;
	}
	for (int i = 0; i < pt->nstops; i++) {
		const struct store_stop *st = &pt->stops[i];

		if (st->exception_id == own && stop_in(c, st))
			h += (st->leave_min - st->arrive_min) / 60.0;
	}
	c->p->month[month_of(c->p, day)].planned += h;
}

static int on_shift(const struct store_shift *sh, void *ud)
{
	struct plans *c = ud;
	struct store_shift_parts pt;
	int64_t day = sh->first_day;

	if (day < c->p->from)
		day += (c->p->from - day + 6) / 7 * 7;
	if (day > sh->last_day || day > c->p->to)
		return 0;
	if (store_shift_parts_load(c->s, sh->id, &pt, c->e))
		return ERR_DB;
	if (shift_in(c, &pt)) {
		c->p->has_plans = 1;
		for (; day <= sh->last_day && day <= c->p->to; day += 7)
			occurrence(c, sh, &pt, day);
	}
	store_shift_parts_release(&pt);
	return 0;
}

/* ---- commitments: a pair at the venue during the promised time -------- */
static void commitment(struct rpt_period *p, const struct rpt_places *ps,
		       const struct store_commitment *cm, struct rpt_commit_acc *a)
{
	int pl = report__place_index(ps, cm->place_id);
	int64_t first = p->from + (cm->weekday - tz_weekday(p->from) + 7) % 7;
	int n = first <= p->to ? (int)((p->to - first) / 7 + 1) : 0;
	unsigned char *kept = xcalloc((size_t)n + 1, 1);

	for (int i = 0; i < p->nv; i++) {
		const struct rpt_visit *v = &p->v[i];
		struct tz_civil c;
		int64_t day = local_day(v->start, &c), k = (day - first) / 7;

		if (v->place != pl || day < first || (day - first) % 7 || k >= n)
			continue;
		kept[k] |= v->start < tz_day_minute(day, cm->end_min) &&
			   v->end > tz_day_minute(day, cm->start_min);
	}
	for (int k = 0; k < n; k++) {
		a->occurrences++;
		a->kept += kept[k];
		a->missed += !kept[k];
		a->holiday += !kept[k] && cal_holiday_on(first + 7 * k);
	}
	free(kept);
}

int report__gather(struct store *s, struct rpt_period *p, const struct rpt_places *ps,
		   const struct store_commitment *cm, int ncm, struct err *e)
{
	struct gather g = { p, ps };
	struct plans pl = { p, ps, s, e };
	int rc = store_visit_each_in(s, p->t0, p->t1, on_visit, &g, e);

	if (!rc)
		rc = store_encounter_each_in(s, p->t0, p->t1, on_encounter, &g, e);
	if (!rc)
		rc = store_field_each(s, p->from, p->to + 1, 0, on_entry, &g, e);
	if (!rc)
		rc = store_feed_shift_each_in(s, STORE_FEED_TEAM, 0, p->from, p->to + 1,
					      on_shift, &pl, e);
	for (int i = 0; !rc && i < ncm; i++) {
		int k = report__place_index(ps, cm[i].place_id);

		if (k >= 0 && ps->in[k])
			commitment(p, ps, &cm[i], &p->commit[i]);
	}
	return rc;
}
