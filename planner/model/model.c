/*
 * model.c - fitting the encounter model: exposure and counts per place,
 * local hour of the week and month (recency-weighted), season and holiday
 * factors per kind of place, and the empirical-Bayes Poisson-Gamma
 * posterior of every place-hour. planner/README.md has the formulas.
 */
#include "planner/model/model.h"
#include "planner/model/model_int.h"
#include "planner/model/backtest.h"
#include "calendars/holidays.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const KINDS[PLAN__NKIND] = {
	"street", "park", "station", "shopping_centre", "library", "church",
	"day_centre", "food_distribution", "meeting_point", "shelter", "other",
};

int plan__kind_index(const char *kind)
{
	for (int k = 0; kind && k < PLAN__NKIND; k++)
		if (!strcmp(KINDS[k], kind))
			return k;
	return PLAN__NKIND - 1;
}

/* ---- the fit's working state ------------------------------------------ */
struct fit {
	struct plan_model *m;
	int64_t tref;
	double half_life_s;
	double *E, *Y;		/* [place][how][month], ordinary days */
	struct plan__hol *hol;	/* presence on public holidays */
	int nhol, caphol;
	double holY[PLAN__NKIND];
	uint64_t *seen;		/* open-addressing set of implicit presence */
	size_t seencap, nseen;
	double *far;		/* lat, lon, people of unattached encounters */
	int nfar, capfar;
	double sp, sp2;		/* sums of people and people^2 per encounter */
	struct plan__piece *pc;	/* presence in the last PLAN__DRIFT_WEEKS weeks */
	int npc, cappc;
	double *wy;		/* [place][week back from tref]: people then */
};

#define WEEK_S (7 * 86400)

/* Week back from tref of instant t (0: the last week), or -1 outside the
 * change detection's window. */
static int week_back(const struct fit *f, int64_t t)
{
	int64_t w = t < f->tref ? (f->tref - 1 - t) / WEEK_S : -1;

	return w >= 0 && w < PLAN__DRIFT_WEEKS ? (int)w : -1;
}

static void add_piece(struct fit *f, int place, int64_t h0, double hours)
{
	if (week_back(f, h0) < 0)
		return;
	if (f->npc == f->cappc) {
		f->cappc = f->cappc ? 2 * f->cappc : 256;
		f->pc = xrealloc(f->pc, (size_t)f->cappc * sizeof *f->pc);
	}
	f->pc[f->npc++] = (struct plan__piece){ place, h0, hours };
}

static size_t cell3(int place, int how, int month)
{
	return ((size_t)place * PLAN_HOURS_OF_WEEK + (size_t)how) * 12 + (size_t)month;
}

static double recency(const struct fit *f, int64_t t)
{
	double age = (double)(f->tref - t);

	return age <= 0 ? 1.0 : exp2(-age / f->half_life_s);
}

/* Adds hours of presence at place during the UTC hour starting at h0. */
static void add_exposure(struct fit *f, int place, int64_t h0, double hours)
{
	struct tz_civil c;
	int64_t day;
	int how, hol;

	tz_to_local(h0, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	how = tz_weekday(day) * 24 + c.hour;
	/* presence while the place is closed shows nothing about its open
	 * rate (the read path scales by the open share): count open time */
	hol = cal_holiday_on(day) != NULL;
	if (f->m->pl[place].hours.always)
		;
	else if (hol || cal_holiday_on(day - 1))
		hours *= cal_hours_open_minutes(&f->m->pl[place].hours, day, c.hour * 60, 60) / 60.0;
	else
		hours *= f->m->open[(size_t)place * PLAN_HOURS_OF_WEEK + (size_t)how];
	if (hours <= 0)
		return;
	if (hol) {
		if (f->nhol == f->caphol) {
			f->caphol = f->caphol ? 2 * f->caphol : 256;
			f->hol = xrealloc(f->hol, (size_t)f->caphol * sizeof *f->hol);
		}
		f->hol[f->nhol++] = (struct plan__hol){ place, how, c.month - 1, hours };
		return;
	}
	f->E[cell3(place, how, c.month - 1)] += hours;
	add_piece(f, place, h0, hours);
}

static void add_people(struct fit *f, int place, int64_t t, double people)
{
	struct tz_civil c;
	int64_t day;
	int wk = week_back(f, t);

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	if (cal_holiday_on(day)) {
		f->holY[f->m->pl[place].kind] += people;
		return;
	}
	if (wk >= 0)
		f->wy[(size_t)place * PLAN__DRIFT_WEEKS + (size_t)wk] += people;
	f->Y[cell3(place, tz_weekday(day) * 24 + c.hour, c.month - 1)] += people;
}

static void add_visit(struct fit *f, const struct plan_model_visit *v)
{
	for (int64_t h0 = v->start - ((v->start % 3600) + 3600) % 3600; h0 < v->end;
	     h0 += 3600) {
		int64_t a = v->start > h0 ? v->start : h0;
		int64_t b = v->end < h0 + 3600 ? v->end : h0 + 3600;

		if (b > a)
			add_exposure(f, v->place, h0,
				     (double)(b - a) / 3600.0 * recency(f, (a + b) / 2));
	}
}

/* 1 the first time (place, hour) is seen, 0 after. */
static int seen_first(struct fit *f, int place, int64_t hour)
{
	uint64_t key = ((uint64_t)(uint32_t)place << 40) ^ (uint64_t)hour, h;

	key = key ? key : 1;
	if (2 * (f->nseen + 1) > f->seencap) {
		uint64_t *old = f->seen;
		size_t oldcap = f->seencap;

		f->seencap = oldcap ? 2 * oldcap : 1024;
		f->seen = xcalloc(f->seencap, sizeof *f->seen);
		f->nseen = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i]) {
				h = (old[i] * 0x9E3779B97F4A7C15ull) & (f->seencap - 1);
				while (f->seen[h])
					h = (h + 1) & (f->seencap - 1);
				f->seen[h] = old[i];
				f->nseen++;
			}
		free(old);
	}
	h = (key * 0x9E3779B97F4A7C15ull) & (f->seencap - 1);
	while (f->seen[h]) {
		if (f->seen[h] == key)
			return 0;
		h = (h + 1) & (f->seencap - 1);
	}
	f->seen[h] = key;
	f->nseen++;
	return 1;
}

/* Visits sorted by place then start, for "was a pair there at t?". */
static int cmp_visit(const void *a, const void *b)
{
	const struct plan_model_visit *x = a, *y = b;

	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int covered(const struct plan_model_visit *v, int n, int place, int64_t t)
{
	int lo = 0, hi = n;	/* first visit with (place, start) > (place, t) */

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid].place < place || (v[mid].place == place && v[mid].start <= t))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo - 1, k = 0; i >= 0 && k < 16 && v[i].place == place; i--, k++)
		if (v[i].end >= t)
			return 1;
	return 0;
}

static int nearest_place(const struct plan_model *m, double lat, double lon, double *dist)
{
	int best = -1;

	*dist = INFINITY;
	for (int i = 0; i < m->np; i++) {
		double d = plan_haversine_m(lat, lon, m->pl[i].lat, m->pl[i].lon);

		if (d < *dist) {
			*dist = d;
			best = i;
		}
	}
	return best;
}

/* Among the places within PLAN_ATTACH_M of a coordinate-only encounter,
 * the nearest one a pair was visiting at that moment (in the dense centre
 * the pair's own place beats a slightly nearer one); else `nearest`. */
static int visited_place(const struct plan_model *m, const struct plan_model_visit *v, int nv,
			 const struct plan_model_encounter *x, int nearest)
{
	double best = INFINITY;
	int got = nearest;

	for (int i = 0; i < m->np; i++) {
		double d = plan_haversine_m(x->lat, x->lon, m->pl[i].lat, m->pl[i].lon);

		if (d <= PLAN_ATTACH_M && d < best && covered(v, nv, i, x->time)) {
			best = d;
			got = i;
		}
	}
	return got;
}

static void add_far(struct fit *f, double lat, double lon, int people)
{
	if (f->nfar == f->capfar) {
		f->capfar = f->capfar ? 2 * f->capfar : 64;
		f->far = xrealloc(f->far, (size_t)f->capfar * 3 * sizeof *f->far);
	}
	f->far[3 * f->nfar] = lat;
	f->far[3 * f->nfar + 1] = lon;
	f->far[3 * f->nfar + 2] = people;
	f->nfar++;
}

static void add_encounter(struct fit *f, const struct plan_model_visit *sorted, int nv,
			  const struct plan_model_encounter *x)
{
	int place = x->place;
	double w = recency(f, x->time);

	if (place < 0) {
		double d;

		place = nearest_place(f->m, x->lat, x->lon, &d);
		if (place < 0 || d > PLAN_ATTACH_M) {
			add_far(f, x->lat, x->lon, x->people);
			return;
		}
		place = visited_place(f->m, sorted, nv, x, place);
	}
	if (!covered(sorted, nv, place, x->time)) {
		int64_t h0 = x->time - ((x->time % 3600) + 3600) % 3600;

		if (seen_first(f, place, h0))
			add_exposure(f, place, h0, w);
	}
	add_people(f, place, x->time, x->people * w);
	f->sp += x->people * w;
	f->sp2 += (double)x->people * x->people * w;
}

/* People are met in groups: the count of people in an hour is compound
 * Poisson, its variance phi = E[g^2] / E[g] times its mean (g the people
 * per encounter), at most MAX_DISP. The intervals use it (quasi-Poisson). */
#define MAX_DISP 20.0

static void dispersion(struct fit *f)
{
	double phi = f->sp > 0 ? f->sp2 / f->sp : 1;

	f->m->disp = phi < 1 ? 1 : phi > MAX_DISP ? MAX_DISP : phi;
}

/* ---- places ----------------------------------------------------------- */
static int area_index(struct plan_model *m, const char *area)
{
	if (!area || !*area)
		return -1;
	for (int i = 0; i < m->narea; i++)
		if (!strcmp(m->areas[i], area))
			return i;
	m->areas[m->narea] = xstrdup(area);
	return m->narea++;
}

static int copy_places(struct plan_model *m, const struct plan_model_place *p, int n,
		       struct err *e)
{
	m->pl = xcalloc((size_t)(n ? n : 1), sizeof *m->pl);
	m->areas = xcalloc((size_t)(n ? n : 1), sizeof *m->areas);
	for (int i = 0; i < n; i++) {
		struct plan__place *q = &m->pl[i];
		int rc;

		q->key = xstrdup(p[i].key ? p[i].key : "");
		q->kind = plan__kind_index(p[i].kind);
		q->area = area_index(m, p[i].area);
		q->lat = p[i].lat;
		q->lon = p[i].lon;
		m->np = i + 1;
		rc = cal_hours_parse(p[i].opening_hours ? p[i].opening_hours : "", &q->hours, e);
		if (rc)
			return err_prefix(e, "place '%s'", q->key), rc;
	}
	return 0;
}

static int64_t latest(const struct plan_model_visit *v, int nv,
		      const struct plan_model_encounter *x, int nx)
{
	int64_t t = 0;

	for (int i = 0; i < nv; i++)
		t = v[i].end > t ? v[i].end : t;
	for (int i = 0; i < nx; i++)
		t = x[i].time > t ? x[i].time : t;
	return t;
}

static int check_input(int np, const struct plan_model_visit *v, int nv,
		       const struct plan_model_encounter *x, int nx, struct err *e)
{
	for (int i = 0; i < nv; i++)
		if (v[i].place < 0 || v[i].place >= np || v[i].end < v[i].start)
			return err_set(e, ERR_PARSE, "visit %d: bad place %d or times", i + 1,
				       v[i].place);
	for (int i = 0; i < nx; i++)
		if (x[i].place >= np || x[i].people < 0)
			return err_set(e, ERR_PARSE, "encounter %d: bad place %d or people %d",
				       i + 1, x[i].place, x[i].people);
	return 0;
}

static void fit_release(struct fit *f)
{
	free(f->E);
	free(f->Y);
	free(f->hol);
	free(f->seen);
	free(f->far);
	free(f->pc);
	free(f->wy);
}

int plan_model_fit(const struct plan_model_place *places, int nplaces,
		   const struct plan_model_visit *visits, int nvisits,
		   const struct plan_model_encounter *enc, int nenc,
		   const struct plan_model_opts *opts, struct plan_model **out,
		   struct err *e)
{
	struct plan_model_opts o = opts ? *opts : (struct plan_model_opts){ 0 };
	struct fit f = { 0 };
	struct plan_model_visit *sorted = NULL;
	size_t ncell = (size_t)nplaces * PLAN_HOURS_OF_WEEK * 12;
	int rc;

	*out = NULL;
	if (nplaces < 0 || nvisits < 0 || nenc < 0)
		return err_set(e, ERR_USAGE, "negative array size");
	rc = check_input(nplaces, visits, nvisits, enc, nenc, e);
	if (rc)
		return rc;
	f.m = xcalloc(1, sizeof *f.m);
	f.m->level = o.interval > 0 && o.interval < 1 ? o.interval : 0.8;
	rc = copy_places(f.m, places, nplaces, e);
	if (rc)
		goto out;
	plan__open_table(f.m);
	f.tref = o.now ? o.now : latest(visits, nvisits, enc, nenc);
	f.half_life_s = (o.half_life_days > 0 ? o.half_life_days : PLAN_HALF_LIFE_DAYS) * 86400;
	f.E = xcalloc(ncell ? ncell : 1, sizeof *f.E);
	f.Y = xcalloc(ncell ? ncell : 1, sizeof *f.Y);
	f.wy = xcalloc((size_t)(nplaces ? nplaces : 1) * PLAN__DRIFT_WEEKS, sizeof *f.wy);
	sorted = xmalloc((size_t)(nvisits ? nvisits : 1) * sizeof *sorted);
	if (nvisits)
		memcpy(sorted, visits, (size_t)nvisits * sizeof *sorted);
	qsort(sorted, (size_t)nvisits, sizeof *sorted, cmp_visit);
	for (int i = 0; i < nvisits; i++)
		add_visit(&f, &visits[i]);
	for (int i = 0; i < nenc; i++)
		add_encounter(&f, sorted, nvisits, &enc[i]);
	dispersion(&f);
	plan__estimate(f.m, f.tref, f.E, f.Y, f.hol, f.nhol, f.holY);
	if (!o.no_drift)
		plan__drift(f.m, f.tref, f.pc, f.npc, f.wy);
	plan__cluster(f.m, f.far, f.nfar);
	if (o.backtest_origins > 0)
		rc = plan__backtest(f.m, places, nplaces, visits, nvisits, enc, nenc, &o, f.tref, e);
out:
	free(sorted);
	fit_release(&f);
	if (rc)
		plan_model_free(f.m);
	else
		*out = f.m;
	return rc;
}

void plan_model_free(struct plan_model *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->np; i++)
		free(m->pl[i].key);
	for (int i = 0; i < m->narea; i++)
		free(m->areas[i]);
	free(m->areas);
	free(m->pl);
	free(m->shape);
	free(m->rate);
	free(m->qlo);
	free(m->qhi);
	free(m->expo);
	free(m->open);
	free(m->cl);
	free(m->aq);
	free(m->drift);
	plan_backtest_free(m->bt);
	free(m);
}

int plan_model_nplaces(const struct plan_model *m)
{
	return m ? m->np : 0;
}

const char *plan_model_place_key(const struct plan_model *m, int place)
{
	return m && place >= 0 && place < m->np ? m->pl[place].key : NULL;
}

int plan_model_place_index(const struct plan_model *m, const char *key)
{
	for (int i = 0; m && key && i < m->np; i++)
		if (!strcmp(m->pl[i].key, key))
			return i;
	return -1;
}
