/*
 * backtest.c - rolling-origin backtest of the encounter model on the
 * history it was given, and the calibration of its ranges from the
 * out-of-sample errors (backtest.h; planner/README.md, "Calibration").
 */
#include "planner/model/backtest.h"
#include "planner/model/model_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define H PLAN_HOURS_OF_WEEK
#define NK PLAN__NKIND
#define WEEK_S (7 * 86400)
#define B_LEVEL 20.0	/* people: a level factor's prior towards 1 */
#define Z_LEVEL 3.0	/* a kind's bias counts beyond this many standard errors */
#define C_MIN 0.1	/* range of the width factor */
#define C_MAX 100.0
#define TAU_WIDTH 0.5	/* prior sd of a log width factor (tuning set) */
#define D_MIN 0.5	/* range of the dispersion factor */
#define D_MAX 4.0

struct plan_backtest {
	struct plan_bt_info info;
	struct plan_bt_row rows[NK + 1];
	char note[200];
};

/* One logged place-hour of a backtest window. */
struct obs {
	int origin, place, kind, how;
	double hours;		/* of presence in that hour */
	double mu, relvar, disp;	/* the forecast per hour of presence */
	double expo;		/* training hours behind the cell */
	double naive;		/* the naive forecast per hour */
	double y;		/* people met */
};

struct run {
	struct plan_model *m;
	const struct plan_model_place *pl;
	int np;
	const struct plan_model_visit *v;
	int nv;
	const struct plan_model_encounter *x;
	int nx;
	int *attach;		/* [encounter]: its place, or -1 */
	struct obs *o;
	int no, capo;
};

struct calfit {
	double level[NK];	/* per kind */
	double width[2];	/* thin and watched cells, pooled */
	double disp;		/* pooled */
	int ok;
};

static const char *const KIND_NAMES[NK] = {
	"street", "park", "station", "shopping_centre", "library", "church",
	"day_centre", "food_distribution", "meeting_point", "shelter", "other",
};

double plan_nb_cover(double mu, double r, int y, double level)
{
	double a = (1 - level) / 2, b = 1 - a, lo = plan_nb_cdf(mu, r, y - 1);
	double hi = plan_nb_cdf(mu, r, y), in;

	if (hi - lo <= 0)
		return lo >= a && lo <= b;
	in = (hi < b ? hi : b) - (lo > a ? lo : a);
	return in > 0 ? in / (hi - lo) : 0;
}

static int how_of(int64_t t)
{
	struct tz_civil c;

	tz_to_local(t, &c);
	return tz_weekday(tz_days_from_civil(c.year, c.month, c.day)) * 24 + c.hour;
}

/* Each encounter's place once: its own, or the nearest within
 * PLAN_ATTACH_M of its coordinates. */
static void attach_all(struct run *r)
{
	r->attach = xmalloc((size_t)(r->nx ? r->nx : 1) * sizeof *r->attach);
	for (int i = 0; i < r->nx; i++) {
		double best = PLAN_ATTACH_M;
		int p = r->x[i].place;

		for (int q = 0; r->x[i].place < 0 && q < r->np; q++) {
			double d = plan_haversine_m(r->x[i].lat, r->x[i].lon, r->pl[q].lat, r->pl[q].lon);

			if (d <= best) {
				best = d;
				p = q;
			}
		}
		r->attach[i] = p;
	}
}

/* ---- naive forecast: people per hour of presence in training ---------- */
/* Calls fn for every piece of visit v inside its UTC hours, up to lim. */
static void add_hours(const struct plan_model_visit *v, int64_t lim,
		      void (*fn)(void *, int, int64_t, double), void *ud)
{
	int64_t end = v->end < lim ? v->end : lim;

	for (int64_t h0 = v->start - ((v->start % 3600) + 3600) % 3600; h0 < end; h0 += 3600) {
		int64_t a = v->start > h0 ? v->start : h0, b = end < h0 + 3600 ? end : h0 + 3600;

		if (b > a)
			fn(ud, v->place, h0, (double)(b - a) / 3600.0);
	}
}

static void naive_hour(void *ud, int place, int64_t h0, double hours)
{
	double *e = ud;

	e[(size_t)place * H + (size_t)how_of(h0)] += hours;
}

/* The naive rate per place and hour of the week before origin: people
 * per hour of presence of the cell (with at least an hour), else of its
 * place, else of all places; no recency, season or shrinkage. */
static void naive_table(const struct run *r, int64_t origin, double *nvr)
{
	size_t n = (size_t)(r->np ? r->np : 1) * H;
	double *e = xcalloc(n, sizeof *e), *y = xcalloc(n, sizeof *y), te = 0, ty = 0;

	for (int i = 0; i < r->nv; i++)
		if (r->v[i].start < origin)
			add_hours(&r->v[i], origin, naive_hour, e);
	for (int i = 0; i < r->nx; i++)
		if (r->x[i].time < origin && r->attach[i] >= 0)
			y[(size_t)r->attach[i] * H + (size_t)how_of(r->x[i].time)] += r->x[i].people;
	for (size_t i = 0; i < n; i++) {
		te += e[i];
		ty += y[i];
	}
	for (int p = 0; p < r->np; p++) {
		double pe = 0, py = 0;

		for (int h = 0; h < H; h++) {
			pe += e[p * H + h];
			py += y[p * H + h];
		}
		for (int h = 0; h < H; h++) {
			size_t i = (size_t)p * H + (size_t)h;

			nvr[i] = e[i] >= 1 ? y[i] / e[i] : pe >= 1 ? py / pe : te > 0 ? ty / te : 0;
		}
	}
	free(e);
	free(y);
}

/* ---- the logged hours of a window ---------------------------------------- */
struct unit {
	int place;
	int64_t h0;
	double hours, y;
};

struct units {
	struct unit *u;
	int n, cap;
};

static void unit_add(void *ud, int place, int64_t h0, double hours)
{
	struct units *us = ud;

	if (us->n == us->cap) {
		us->cap = us->cap ? 2 * us->cap : 256;
		us->u = xrealloc(us->u, (size_t)us->cap * sizeof *us->u);
	}
	us->u[us->n++] = (struct unit){ place, h0, hours, 0 };
}

static int cmp_unit(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;

	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return (x->h0 > y->h0) - (x->h0 < y->h0);
}

/* Sorts and merges the pieces of one place-hour (two pairs, or a visit
 * that ended and began again). */
static void units_merge(struct units *us)
{
	int k = 0;

	qsort(us->u, (size_t)us->n, sizeof *us->u, cmp_unit);
	for (int i = 0; i < us->n; i++) {
		if (k && us->u[k - 1].place == us->u[i].place && us->u[k - 1].h0 == us->u[i].h0)
			us->u[k - 1].hours += us->u[i].hours;
		else
			us->u[k++] = us->u[i];
	}
	us->n = k;
}

static void units_count(struct units *us, const struct run *r, int64_t from, int64_t to)
{
	for (int i = 0; i < r->nx; i++) {
		struct unit key, *u;

		if (r->x[i].time < from || r->x[i].time >= to || r->attach[i] < 0)
			continue;
		key.place = r->attach[i];
		key.h0 = r->x[i].time - ((r->x[i].time % 3600) + 3600) % 3600;
		u = bsearch(&key, us->u, (size_t)us->n, sizeof *us->u, cmp_unit);
		if (u)
			u->y += r->x[i].people;
	}
}

static void obs_add(struct run *r, const struct obs *o)
{
	if (r->no == r->capo) {
		r->capo = r->capo ? 2 * r->capo : 1024;
		r->o = xrealloc(r->o, (size_t)r->capo * sizeof *r->o);
	}
	r->o[r->no++] = *o;
}

/* Fits on the data before origin and scores the window [origin, to). */
static int one_origin(struct run *r, int j, int64_t origin, int64_t to,
		      const struct plan_model_opts *o, struct err *e)
{
	struct plan_model_opts fo = *o;
	struct plan_model_visit *tv = xmalloc((size_t)(r->nv ? r->nv : 1) * sizeof *tv);
	struct plan_model_encounter *tx = xmalloc((size_t)(r->nx ? r->nx : 1) * sizeof *tx);
	struct units us = { 0 };
	struct plan_model *m = NULL;
	double *nvr = xcalloc((size_t)(r->np ? r->np : 1) * H, sizeof *nvr);
	int ntv = 0, ntx = 0, rc = 0;

	for (int i = 0; i < r->nv; i++) {
		if (r->v[i].end <= origin)
			tv[ntv++] = r->v[i];
		else if (r->v[i].start >= origin && r->v[i].start < to)
			add_hours(&r->v[i], to, unit_add, &us);
	}
	for (int i = 0; i < r->nx; i++)
		if (r->x[i].time < origin)
			tx[ntx++] = r->x[i];
	if (!ntv || !us.n)
		goto out;
	fo.backtest_origins = 0;
	fo.now = origin;
	rc = plan_model_fit(r->pl, r->np, tv, ntv, tx, ntx, &fo, &m, e);
	if (rc)
		goto out;
	naive_table(r, origin, nvr);
	units_merge(&us);
	units_count(&us, r, origin, to);
	for (int i = 0; i < us.n; i++) {
		struct plan_rate q;
		const struct unit *u = &us.u[i];
		int how = how_of(u->h0);

		plan_model_rate(m, u->place, u->h0, &q);
		if (q.open <= 0)
			continue;
		obs_add(r, &(struct obs){ j, u->place, m->pl[u->place].kind, how, u->hours, q.mean,
					  q.relvar, q.disp, q.exposure,
					  nvr[(size_t)u->place * H + (size_t)how], u->y });
	}
out:
	plan_model_free(m);
	free(nvr);
	free(us.u);
	free(tv);
	free(tx);
	return rc;
}

/* ---- calibration ----------------------------------------------------------- */
/* The factors for one logged hour: level (mean), width (the rate's
 * relative variance) and dispersion (people per event). */
struct calk {
	double level, width, disp;
};

/* Cells with this share of their prior from their own hours count as
 * watched (support expo / (expo + C_SUPPORT_H) >= 1/2). */
#define C_SUPPORT_H PLAN__SUPPORT_H

static double support(double expo)
{
	return expo / (expo + C_SUPPORT_H);
}

static struct calk calk_of(const struct calfit *c, int kind, double expo)
{
	double s = support(expo);

	if (!c->ok)
		return (struct calk){ 1, 1, 1 };
	return (struct calk){ c->level[kind],
			      exp(s * log(c->width[1]) + (1 - s) * log(c->width[0])), c->disp };
}

static double obs_cover(const struct obs *o, const struct calk *k, double mass)
{
	double mu = o->mu * k->level;
	double r = plan_pred_size(mu, o->hours, o->relvar * k->width, o->disp * k->disp);

	return plan_nb_cover(mu * o->hours, r, (int)(o->y + 0.5), mass);
}

/* The width at which the errors of each place's window (people met
 * against expected, summed over its logged hours of one support class)
 * match their variance: disp M for the count's noise plus width (sum
 * sqrt(relvar) m)^2 for the rate's, the hours' errors taken as shared (a
 * level off for the place in that window: one hour's count hardly shows
 * the rate's spread under its Poisson noise, a window's sum does).
 * Weighted moments (weights: inverse squared variance at the previous
 * width); the estimate is shrunk towards 1 on the log scale by its
 * standard error (sandwich), prior sd TAU_WIDTH. Obs come grouped by origin and
 * place. */
static double moment_width(const struct obs *o, int n, int watched, int skip, const struct calfit *c,
			   double width)
{
	double num = 0, den = 0, var = 0, w, se;

	for (int i = 0, j; i < n; i = j) {
		double y = 0, m = 0, d = 0, sv = 0, e;

		for (j = i; j < n && o[j].origin == o[i].origin && o[j].place == o[i].place; j++) {
			double mj = o[j].mu * c->level[o[j].kind] * o[j].hours;

			if ((support(o[j].expo) >= 0.5) != watched)
				continue;
			y += o[j].y;
			m += mj;
			d += o[j].disp * c->disp * mj;
			sv += sqrt(o[j].relvar) * mj;
		}
		if (o[i].origin == skip || m <= 0)
			continue;
		w = d + width * sv * sv;
		w = 1 / (w * w);
		e = (y - m) * (y - m) - d;
		num += w * e;
		den += w * sv * sv;
		var += w * w * (e - width * sv * sv) * (e - width * sv * sv);
	}
	if (den <= 0)
		return 1;
	w = num / den;
	w = w < C_MIN ? C_MIN : w > C_MAX ? C_MAX : w;
	se = sqrt(var) / den / w;	/* of log w */
	return exp(log(w) / (1 + se * se / (TAU_WIDTH * TAU_WIDTH)));
}

/* The dispersion factor at which the hours' squared errors match their
 * variance: sum((y - m)^2 - width relvar m^2) / sum(disp m), a ratio of
 * sums (one hour with a tiny m must not weigh more than a busy one). */
static double moment_disp(const struct obs *o, int n, int skip, const struct calfit *c)
{
	double num = 0, den = 0, d;

	for (int i = 0; i < n; i++)
		if (o[i].origin != skip) {
			struct calk q = calk_of(c, o[i].kind, o[i].expo);
			double m = o[i].mu * q.level * o[i].hours;

			num += (o[i].y - m) * (o[i].y - m) - q.width * o[i].relvar * m * m;
			den += o[i].disp * m;
		}
	d = den > 0 ? num / den : 1;
	return d < D_MIN ? D_MIN : d > D_MAX ? D_MAX : d;
}

/* The level factor per kind (people met / expected, shrunk towards 1)
 * where the kind's bias exceeds Z_LEVEL standard errors of its sum (the
 * places' windows' errors, sandwich); then, pooled over the kinds, the width factors of thin and
 * watched cells (moments of the place-windows) and the dispersion factor
 * (moments of the hours), alternately. Hours of origin `skip` are left
 * out (-1: none). */
static void cal_fit(const struct obs *o, int n, int skip, double mass, struct calfit *c)
{
	double y[NK] = { 0 }, x[NK] = { 0 }, v[NK] = { 0 };
	int tot = 0;

	(void)mass;
	memset(c, 0, sizeof *c);
	c->width[0] = c->width[1] = c->disp = 1;
	for (int i = 0, j; i < n; i = j) {	/* per place's window: its error */
		double yg = 0, xg = 0;

		for (j = i; j < n && o[j].origin == o[i].origin && o[j].place == o[i].place; j++) {
			yg += o[j].y;
			xg += o[j].mu * o[j].hours;
		}
		if (o[i].origin == skip)
			continue;
		y[o[i].kind] += yg;
		x[o[i].kind] += xg;
		v[o[i].kind] += (yg - xg) * (yg - xg);
		tot += j - i;
	}
	for (int k = 0; k < NK; k++)	/* only a bias beyond Z_LEVEL errors */
		c->level[k] = fabs(y[k] - x[k]) > Z_LEVEL * sqrt(v[k]) && x[k] > 0
			? (y[k] + B_LEVEL) / (x[k] + B_LEVEL) : 1;
	if (tot < PLAN_BT_MIN_HOURS)
		return;
	c->ok = 1;
	for (int it = 0; it < 3; it++) {
		for (int g = 0; g < 2; g++)
			c->width[g] = moment_width(o, n, g, skip, c, c->width[g]);
		c->disp = moment_disp(o, n, skip, c);
	}
}

/* ---- the figures ----------------------------------------------------------- */
static void row_add(struct plan_bt_row *w, const struct obs *o, double cm, double cc)
{
	double f = o->mu * o->hours;

	w->hours++;
	w->people += o->y;
	w->expected += f;
	w->mae += fabs(f - o->y);
	w->mae_naive += fabs(o->naive * o->hours - o->y);
	w->cover_model += cm;
	w->cover_cal += cc;
}

static void row_end(struct plan_bt_row *w)
{
	int n = w->hours ? w->hours : 1;

	w->skill = w->mae_naive > 0 ? 1 - w->mae / w->mae_naive : 0;
	w->mae /= n;
	w->mae_naive /= n;
	w->cover_model /= n;
	w->cover_cal /= n;
}

struct cellsum {
	double y, f, h;
};

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (y > x) - (y < x);
}

/* Per place and hour of the week over every window: the people per hour
 * in the forecasts' top 10 % of the cells against the logged top 10 %. */
static double hotspot(const struct run *r)
{
	struct cellsum *c = xcalloc((size_t)(r->np ? r->np : 1) * H, sizeof *c);
	double *fm = xmalloc((size_t)(r->np ? r->np : 1) * H * 2 * sizeof *fm), got = 0, best = 0;
	double *ob = xmalloc((size_t)(r->np ? r->np : 1) * H * sizeof *ob);
	int n = 0, k;

	for (int i = 0; i < r->no; i++) {
		struct cellsum *s = &c[(size_t)r->o[i].place * H + (size_t)r->o[i].how];

		s->y += r->o[i].y;
		s->f += r->o[i].mu * r->o[i].hours;
		s->h += r->o[i].hours;
	}
	for (int i = 0; i < r->np * H; i++)
		if (c[i].h >= 2) {
			fm[2 * n] = c[i].f / c[i].h;
			fm[2 * n + 1] = ob[n] = c[i].y / c[i].h;
			n++;
		}
	qsort(fm, (size_t)n, 2 * sizeof *fm, cmp_desc);
	qsort(ob, (size_t)n, sizeof *ob, cmp_desc);
	k = n / 10 > 0 ? n / 10 : 1;
	for (int i = 0; i < k && i < n; i++) {
		got += fm[2 * i + 1];
		best += ob[i];
	}
	free(c);
	free(fm);
	free(ob);
	return best > 0 ? got / best : 0;
}

static void figures(struct plan_backtest *b, const struct run *r, const struct calfit *all,
		    double mass)
{
	struct calfit *loo = xcalloc((size_t)b->info.origins, sizeof *loo);
	int idx[NK], nr = 1;

	for (int j = 0; j < b->info.origins; j++)
		cal_fit(r->o, r->no, j, mass, &loo[j]);
	for (int k = 0; k < NK; k++)
		idx[k] = -1;
	b->rows[0].kind = "all";
	for (int i = 0; i < r->no; i++) {
		const struct obs *o = &r->o[i];
		struct calk one = { 1, 1, 1 }, ck = calk_of(&loo[o->origin], o->kind, o->expo);
		double cm = obs_cover(o, &one, mass), cc = obs_cover(o, &ck, mass);

		if (idx[o->kind] < 0) {
			idx[o->kind] = nr;
			b->rows[nr++].kind = KIND_NAMES[o->kind];
		}
		row_add(&b->rows[0], o, cm, cc);
		row_add(&b->rows[idx[o->kind]], o, cm, cc);
	}
	b->rows[0].level = 1;
	for (int k = 0; k < NK; k++)
		if (idx[k] > 0)
			b->rows[idx[k]].level = all->ok ? all->level[k] : 1;
	b->info.width_thin = all->ok ? all->width[0] : 1;
	b->info.width_watched = all->ok ? all->width[1] : 1;
	b->info.disp = all->ok ? all->disp : 1;
	for (int i = 0; i < nr; i++)
		row_end(&b->rows[i]);
	b->info.nrows = nr;
	b->info.rows = b->rows;
	free(loo);
}

static int used_origins(const struct run *r, int k)
{
	int n = 0;

	for (int j = 0; j < k; j++)
		for (int i = 0; i < r->no; i++)
			if (r->o[i].origin == j) {
				n++;
				break;
			}
	return n;
}

int plan__backtest(struct plan_model *m, const struct plan_model_place *places, int np,
		   const struct plan_model_visit *v, int nv, const struct plan_model_encounter *x,
		   int nx, const struct plan_model_opts *o, int64_t end, struct err *e)
{
	struct run r = { .m = m, .pl = places, .np = np, .v = v, .nv = nv, .x = x, .nx = nx };
	struct plan_backtest *b = xcalloc(1, sizeof *b);
	int k = o->backtest_origins, w = o->backtest_weeks > 0 ? o->backtest_weeks : 2, rc = 0;
	struct calfit all;

	b->info.origins = k;
	b->info.weeks = w;
	b->info.first = end - (int64_t)k * w * WEEK_S;
	b->info.end = end;
	b->info.note = b->note;
	attach_all(&r);
	for (int j = 0; j < k && !rc; j++) {
		int64_t origin = b->info.first + (int64_t)j * w * WEEK_S;

		rc = one_origin(&r, j, origin, origin + (int64_t)w * WEEK_S, o, e);
	}
	if (!rc) {
		b->info.used = used_origins(&r, k);
		cal_fit(r.o, r.no, -1, m->level, &all);
		all.ok = all.ok && b->info.used >= 2;
		all.width[0] = all.ok ? all.width[0] : 1;
		all.width[1] = all.ok ? all.width[1] : 1;
		all.disp = all.ok ? all.disp : 1;
		figures(b, &r, &all, m->level);
		b->info.hotspot = hotspot(&r);
		b->info.calibrated = all.ok;
		if (!all.ok)
			snprintf(b->note, sizeof b->note,
				 "%d logged hours at %d of %d origins (at least %d hours at 2 "
				 "origins needed): the model's own ranges", r.no, b->info.used, k,
				 PLAN_BT_MIN_HOURS);
		for (int i = 0; i < NK; i++)
			m->cal.level[i] = all.ok ? all.level[i] : 1;
		m->cal.width[0] = all.width[0];
		m->cal.width[1] = all.width[1];
		m->cal.disp = all.disp;
		m->calibrated = all.ok;
		m->bt = b;
		b = NULL;
	}
	free(b);
	free(r.attach);
	free(r.o);
	return rc;
}

const struct plan_bt_info *plan_model_backtest(const struct plan_model *m)
{
	return m && m->bt ? &m->bt->info : NULL;
}

void plan_backtest_free(struct plan_backtest *b)
{
	free(b);
}
