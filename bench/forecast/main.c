/*
 * bench/forecast - the encounter model against the simulator's truth.
 * For each scenario: simulate, train on all but the last 4 weeks, forecast
 * those 4 weeks and compare with the true rates; the same for a naive
 * baseline (people per hour of the week averaged over the training weeks,
 * no exposure). Prints MAE and skill on observed place-hours (>= 2 hours
 * of presence in training) and on all, the hotspot score, the 80 %
 * interval coverage and timings. Exit 1 when a target is missed.
 * Issue 19: the same with the ranges calibrated from a rolling-origin
 * backtest (8 origins of 2 weeks) and change detection, "before" being the
 * model's own ranges: the rate range against the true rates, the
 * predictive range against the simulated counts of the test weeks; and
 * `--worlds tuning|heldout` runs the independent generator (world.c).
 * usage: forecast [--pois FILE] [--quick] [--scenario NAME,WEEKS,SEED,VOLUME,PLACES]
 *        forecast --worlds tuning|heldout [--first N] [--count N]
 */
#include "bench/forecast/world.h"
#include "planner/model/backtest.h"
#include "planner/model/model.h"
#include "planner/model/model_int.h"
#include "planner/sim/simulate.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H PLAN_HOURS_OF_WEEK
#define TEST_WEEKS 4

struct scen {
	const char *name, *label;
	int weeks;
	uint64_t seed;
	double volume;
	int places;
};

struct cell {
	double truth, model, naive, presence;
	int n, hits, tries, below;
};

struct result {
	double mae_obs, mae_obs_naive, mae_all, mae_all_naive, hotspot, coverage;
	int nobs, ncell;
	double fit_s, forecast_s;
	int nvisits, nenc;
	double cover_before;	/* rate range vs truth, the model's own */
	double pred_before, pred_after;	/* predictive range vs the test counts */
	int npred, calibrated;
	double bt_s;		/* fit with the backtest */
};

/* A history to score, from the simulator or the independent generator. */
struct hist {
	const char *label;
	int weeks;		/* training weeks (the naive forecast's divisor) */
	const struct plan_model_place *pl;
	int np;
	const struct plan_model_visit *v;
	int nv;
	const struct plan_model_encounter *x;
	int nx;
	int64_t end;
	double (*truth)(const void *ctx, int place, int64_t t);
	const void *ctx;
};

static double sim_truth(const void *ctx, int place, int64_t t)
{
	return plan_sim_truth(ctx, place, t);
}

static double world_truth(const void *ctx, int place, int64_t t)
{
	return bw_truth(ctx, place, t);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int how_of(int64_t t)
{
	struct tz_civil c;

	tz_to_local(t, &c);
	return tz_weekday(tz_days_from_civil(c.year, c.month, c.day)) * 24 + c.hour;
}

/* Training history: what happened before split (the arrays are sorted by
 * nothing in particular, so filter). */
static void training(const struct hist *s, int64_t split, struct plan_model_visit **v,
		     int *nv, struct plan_model_encounter **x, int *nx)
{
	int n = s->nv;
	const struct plan_model_visit *av = s->v;
	const struct plan_model_encounter *ax;

	*v = xmalloc((size_t)(n ? n : 1) * sizeof **v);
	*nv = 0;
	for (int i = 0; i < n; i++)
		if (av[i].end <= split)
			(*v)[(*nv)++] = av[i];
	ax = s->x;
	n = s->nx;
	*x = xmalloc((size_t)(n ? n : 1) * sizeof **x);
	*nx = 0;
	for (int i = 0; i < n; i++)
		if (ax[i].time < split)
			(*x)[(*nx)++] = ax[i];
}

/* Naive: people per place and hour of the week / training weeks, with
 * coordinate-only encounters attached like the model does. */
/* The place of an encounter: its own, or the nearest within
 * PLAN_ATTACH_M of its coordinates, or -1. */
static int place_of(const struct hist *s, const struct plan_model_encounter *x)
{
	double best = PLAN_ATTACH_M;
	int p = x->place;

	for (int q = 0; x->place < 0 && q < s->np; q++) {
		double d = plan_haversine_m(x->lat, x->lon, s->pl[q].lat, s->pl[q].lon);

		if (d <= best) {
			best = d;
			p = q;
		}
	}
	return p;
}

static void naive(const struct hist *s, const struct plan_model_encounter *x, int nx,
		  int weeks, struct cell *c)
{
	const struct plan_model_place *pl = s->pl;
	int np = s->np;

	for (int i = 0; i < nx; i++) {
		int p = x[i].place;

		if (p < 0) {
			double best = PLAN_ATTACH_M;

			for (int q = 0; q < np; q++) {
				double d = plan_haversine_m(x[i].lat, x[i].lon, pl[q].lat, pl[q].lon);

				if (d <= best) {
					best = d;
					p = q;
				}
			}
			if (p < 0)
				continue;
		}
		c[p * H + how_of(x[i].time)].naive += x[i].people / (double)weeks;
	}
}

static void presence(const struct plan_model_visit *v, int nv, struct cell *c)
{
	for (int i = 0; i < nv; i++)
		for (int64_t h0 = v[i].start - v[i].start % 3600; h0 < v[i].end; h0 += 3600) {
			int64_t a = v[i].start > h0 ? v[i].start : h0;
			int64_t b = v[i].end < h0 + 3600 ? v[i].end : h0 + 3600;

			if (b > a)
				c[v[i].place * H + how_of(h0)].presence += (b - a) / 3600.0;
		}
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (y > x) - (y < x);
}

/* Share of the truth's top-10 % mass that the model's top 10 % captures. */
static double hotspot(const struct cell *c, int n)
{
	double *m = xmalloc((size_t)n * 2 * sizeof *m), *t = xmalloc((size_t)n * sizeof *t);
	int k = n / 10 > 0 ? n / 10 : 1;
	double got = 0, best = 0;

	for (int i = 0; i < n; i++) {
		m[2 * i] = c[i].model;
		m[2 * i + 1] = c[i].truth;
		t[i] = c[i].truth;
	}
	qsort(m, (size_t)n, 2 * sizeof *m, cmp_desc);
	qsort(t, (size_t)n, sizeof *t, cmp_desc);
	for (int i = 0; i < k; i++) {
		got += m[2 * i + 1];
		best += t[i];
	}
	free(m);
	free(t);
	return best > 0 ? got / best : 1;
}

/* Adds a cell's coverage counts to group 1 if its kind's hour of the day
 * (with half of each neighbour) had under 4 hours of presence, else 0. */
static void tally(const double *x, int hw, const struct cell *k, int *h, int *t, int *b)
{
	int d = hw % 24;
	int g = x[d] + 0.5 * (x[(d + 23) % 24] + x[(d + 1) % 24]) < 4;

	h[g] += k->hits;
	t[g] += k->tries;
	b[g] += k->below;
}

/* BENCH_COVER: coverage at hours of the day a kind was never watched
 * (less than 4 hours of presence there, neighbours at weight 1/2, as the
 * model counts them) against the others. */
static void never_watched(const struct hist *s, const struct cell *c, int np,
			  const char *label)
{
	const struct plan_model_place *pl = s->pl;
	int h[2] = { 0 }, tn[2] = { 0 }, b[2] = { 0 };

	for (int p0 = 0; p0 < np; p0++) {
		double x[24] = { 0 };
		int kh[2] = { 0 }, kt[2] = { 0 }, kb[2] = { 0 }, first = 1;

		for (int p = 0; p < np; p++)
			for (int hw = 0; !strcmp(pl[p].kind, pl[p0].kind) && hw < H; hw++)
				x[hw % 24] += c[p * H + hw].presence;
		for (int hw = 0; hw < H; hw++)
			tally(x, hw, &c[p0 * H + hw], h, tn, b);
		for (int p = 0; p < p0; p++)
			first &= strcmp(pl[p].kind, pl[p0].kind) != 0;
		for (int p = p0; first && p < np; p++)
			for (int hw = 0; !strcmp(pl[p].kind, pl[p0].kind) && hw < H; hw++)
				tally(x, hw, &c[p * H + hw], kh, kt, kb);
		if (first && getenv("BENCH_KIND") && !strcmp(getenv("BENCH_KIND"), label))
			printf("  %s %s: watched %.1f%% of %d (below %.1f%%), never %.1f%% of %d"
			       " (below %.1f%%)\n", label, pl[p0].kind,
			       kt[0] ? 100.0 * kh[0] / kt[0] : 0, kt[0], kt[0] ? 100.0 * kb[0] / kt[0] : 0,
			       kt[1] ? 100.0 * kh[1] / kt[1] : 0, kt[1], kt[1] ? 100.0 * kb[1] / kt[1] : 0);
	}
	for (int g = 0; g < 2; g++)
		printf("  %s %s hours of the day: coverage %.1f%% of %d, below %.1f%%\n", label,
		       g ? "never-watched" : "watched", tn[g] ? 100.0 * h[g] / tn[g] : 0, tn[g],
		       tn[g] ? 100.0 * b[g] / tn[g] : 0);
}

#define BT_ORIGINS 8
#define BT_WEEKS 2

/* One logged place-hour of the test weeks. */
struct unit {
	int place;
	int64_t h0;
	double hours, y;
};

static int cmp_unit(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;

	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return (x->h0 > y->h0) - (x->h0 < y->h0);
}

/* The test weeks' logged place-hours (visits cut at UTC hours, pieces of
 * one place-hour merged) and the people met in each. */
static struct unit *test_units(const struct hist *s, int64_t split, int *n)
{
	struct unit *u = NULL;
	int k = 0, cap = 0, m = 0;

	for (int i = 0; i < s->nv; i++) {
		const struct plan_model_visit *v = &s->v[i];

		for (int64_t h0 = v->start - v->start % 3600; v->start >= split && h0 < v->end;
		     h0 += 3600) {
			int64_t a = v->start > h0 ? v->start : h0;
			int64_t b = v->end < h0 + 3600 ? v->end : h0 + 3600;

			if (k == cap) {
				cap = cap ? 2 * cap : 1024;
				u = xrealloc(u, (size_t)cap * sizeof *u);
			}
			if (b > a)
				u[k++] = (struct unit){ v->place, h0, (b - a) / 3600.0, 0 };
		}
	}
	qsort(u, (size_t)k, sizeof *u, cmp_unit);
	for (int i = 0; i < k; i++) {
		if (m && u[m - 1].place == u[i].place && u[m - 1].h0 == u[i].h0)
			u[m - 1].hours += u[i].hours;
		else
			u[m++] = u[i];
	}
	for (int i = 0; i < s->nx; i++) {
		struct unit key = { place_of(s, &s->x[i]), s->x[i].time - s->x[i].time % 3600, 0, 0 };
		struct unit *hit;

		if (s->x[i].time < split || key.place < 0)
			continue;
		hit = bsearch(&key, u, (size_t)m, sizeof *u, cmp_unit);
		if (hit)
			hit->y += s->x[i].people;
	}
	*n = m;
	return u;
}

static double unit_cover(const struct plan_model *m, const struct unit *u, int *ok)
{
	struct plan_rate q;

	plan_model_rate(m, u->place, u->h0, &q);
	*ok = q.open > 0;
	if (!*ok)
		return 0;
	return plan_nb_cover(q.mean * u->hours,
			     plan_pred_size(q.mean, u->hours, q.relvar, q.disp), (int)(u->y + 0.5), 0.8);
}

/* The predictive 80 % range against the test weeks' counts: before (the
 * model's own) and after (calibrated). */
static void predictive(const struct hist *s, const struct plan_model *m0,
		       const struct plan_model *m, int64_t split, struct result *r)
{
	int n, cnt = 0, ok;
	struct unit *u = test_units(s, split, &n);
	double b = 0, a = 0;

	for (int i = 0; i < n; i++) {
		double c0 = unit_cover(m0, &u[i], &ok), c1 = ok ? unit_cover(m, &u[i], &ok) : 0;

		if (!ok)
			continue;
		b += c0;
		a += c1;
		cnt++;
	}
	r->pred_before = cnt ? b / cnt : 0;
	r->pred_after = cnt ? a / cnt : 0;
	r->npred = cnt;
	free(u);
}

static int score(const struct hist *s, struct result *r, struct err *e)
{
	const struct scen lab = { s->label, s->label, s->weeks, 0, 0, 0 }, *sc = &lab;
	struct plan_model *m = NULL, *m0 = NULL;
	struct plan_model_visit *v = NULL;
	struct plan_model_encounter *x = NULL;
	struct plan_model_opts mo = { 0 };
	struct cell *c;
	int nv, nx, np, rc, inside = 0, inside0 = 0, open = 0;
	int64_t split, end;
	double t;

	np = s->np;
	end = s->end;
	split = end - (int64_t)TEST_WEEKS * 7 * 86400;	/* no DST change needs care: UTC weeks */
	training(s, split, &v, &nv, &x, &nx);
	mo.now = split;
	mo.no_drift = 1;
	t = now_s();
	rc = plan_model_fit(s->pl, np, v, nv, x, nx, &mo, &m0, e);	/* the model's own */
	r->fit_s = now_s() - t;
	if (rc)
		goto out;
	mo.no_drift = 0;
	mo.backtest_origins = BT_ORIGINS;
	mo.backtest_weeks = BT_WEEKS;
	t = now_s();
	rc = plan_model_fit(s->pl, np, v, nv, x, nx, &mo, &m, e);	/* calibrated */
	r->bt_s = now_s() - t;
	if (rc)
		goto out;
	r->calibrated = plan_model_backtest(m)->calibrated;
	if (getenv("BENCH_BT")) {	/* the backtest's rows */
		const struct plan_bt_info *bi = plan_model_backtest(m);

		for (int i = 0; i < bi->nrows; i++) {
			const struct plan_bt_row *w = &bi->rows[i];

			printf("  %s %-17s hours %5d people %7.0f exp %7.0f skill %6.3f cover %5.1f->%5.1f%%"
			       " level %5.3f\n", s->label, w->kind, w->hours,
			       w->people, w->expected, w->skill, 100 * w->cover_model,
			       100 * w->cover_cal, w->level);
		}
		printf("  %s width thin %.3f watched %.3f disp %.3f\n", s->label, bi->width_thin,
		       bi->width_watched, bi->disp);
	}
	predictive(s, m0, m, split, r);
	c = xcalloc((size_t)np * H, sizeof *c);
	naive(s, x, nx, sc->weeks, c);
	presence(v, nv, c);
	t = now_s();
	for (int p = 0; p < np; p++)	/* the model alone, timed */
		for (int64_t h = split; h < end; h += 3600) {
			struct plan_rate q;

			plan_model_rate(m, p, h, &q);
		}
	r->forecast_s = now_s() - t;
	for (int p = 0; p < np; p++)
		for (int64_t h = split; h < end; h += 3600) {
			struct plan_rate q, q0;
			double tr = s->truth(s->ctx, p, h);
			struct cell *k = &c[p * H + how_of(h)];

			plan_model_rate(m, p, h, &q);
			plan_model_rate(m0, p, h, &q0);
			if (q0.open > 0 || tr > 0)
				inside0 += tr >= q0.lower - 1e-9 && tr <= q0.upper + 1e-9;
			k->truth += tr;
			k->model += q.mean;
			k->n++;
			if (q.open > 0 || tr > 0) {
				int in = tr >= q.lower - 1e-9 && tr <= q.upper + 1e-9;

				open++;
				inside += in;
				k->hits += in;
				k->tries++;
				k->below += tr < q.lower;
			}
		}
	memset(&r->mae_obs, 0, 4 * sizeof(double));
	r->nobs = 0;
	for (int i = 0; i < np * H; i++) {
		double em, en;

		c[i].truth /= c[i].n;
		c[i].model /= c[i].n;
		em = fabs(c[i].model - c[i].truth);
		en = fabs(c[i].naive - c[i].truth);
		r->mae_all += em / (np * H);
		r->mae_all_naive += en / (np * H);
		if (c[i].presence >= 2) {
			r->mae_obs += em;
			r->mae_obs_naive += en;
			r->nobs++;
		}
	}
	r->mae_obs /= r->nobs ? r->nobs : 1;
	r->mae_obs_naive /= r->nobs ? r->nobs : 1;
	/* BENCH_DEBUG=LABEL: observed cells off by more than BENCH_DEBUG_MIN
	 * (0.3); with BENCH_UNOBS=1 the never-visited cells instead */
	if (getenv("BENCH_DEBUG") && !strcmp(getenv("BENCH_DEBUG"), sc->label))
		for (int i = 0; i < np * H; i++) {
			const char *dm = getenv("BENCH_DEBUG_MIN");
			int pick = getenv("BENCH_UNOBS") ? c[i].presence == 0 : c[i].presence >= 2;

			if (pick && fabs(c[i].model - c[i].truth) > (dm ? atof(dm) : 0.3)) {
				struct plan_rate q;

				plan_model_rate(m, i / H, split + 3600 * (i % H), &q);
				printf("  %s %s how %d truth %.3f model %.3f naive %.3f presence %.1f"
				       " shape %.1f rate %.1f expo %.1f\n",
				       s->pl[i / H].key, s->pl[i / H].kind,
				       i % H, c[i].truth, c[i].model, c[i].naive, c[i].presence,
				       q.shape, q.rate, q.exposure);
			}
		}
	if (getenv("BENCH_KIND") && !strcmp(getenv("BENCH_KIND"), sc->label)) {
		const struct plan_model_place *pl = s->pl;

		for (int k = 0; k < PLAN__NKIND; k++) {
			printf("  season %d:", k);
			for (int mn = 0; mn < 12; mn++)
				printf(" %.2f", m->season[k][mn]);
			printf(" hol %.2f | n", m->holiday[k]);
			for (int mn = 0; mn < 12; mn++)
				printf(" %.0f", m->season_n[k][mn]);
			printf("\n");
		}
		for (int g = 0; g < 2; g++)
			for (int p0 = 0; p0 < np; p0++) {
				double st = 0, sm = 0, em = 0, en = 0;
				int hh = 0, tt = 0, bb = 0, seen = 0, ncl = 0;

				for (int p = 0; p < np; p++) {
					if (strcmp(pl[p].kind, pl[p0].kind))
						continue;
					if (p < p0)
						seen = 1;
					for (int h = 0; h < H; h++) {
						struct cell *k = &c[p * H + h];

						if ((k->presence >= 2) != g)
							continue;
						ncl++;
						em += fabs(k->model - k->truth);
						en += fabs(k->naive - k->truth);
						if (!k->tries)
							continue;
						st += k->truth;
						sm += k->model;
						hh += k->hits;
						tt += k->tries;
						bb += k->below;
					}
				}
				if (!seen && tt)
					printf("  %s %s: truth %.3f model %.3f cover %.1f%% below %.1f%% of %d"
					       " | cells %d MAE model %.3f naive %.3f (share of total)\n",
					       g ? "obs" : "unobs", pl[p0].kind, st / tt * 4, sm / tt * 4,
					       100.0 * hh / tt, 100.0 * bb / tt, tt, ncl,
					       ncl ? em / (g ? r->nobs : np * H - r->nobs) : 0,
					       ncl ? en / (g ? r->nobs : np * H - r->nobs) : 0);
			}
	}
	if (getenv("BENCH_COVER")) {
		int h[3] = { 0 }, tn[3] = { 0 }, b[3] = { 0 };

		for (int i = 0; i < np * H; i++) {
			int g = c[i].presence >= 2 ? 2 : c[i].presence > 0;

			h[g] += c[i].hits;
			tn[g] += c[i].tries;
			b[g] += c[i].below;
		}
		for (int g = 0; g < 3; g++)
			printf("  %s presence %s: coverage %.1f%% of %d, below %.1f%%\n", sc->label,
			       g == 2 ? ">=2" : g ? "(0,2)" : "0", tn[g] ? 100.0 * h[g] / tn[g] : 0, tn[g],
			       tn[g] ? 100.0 * b[g] / tn[g] : 0);
		never_watched(s, c, np, sc->label);
	}
	r->ncell = np * H;
	r->hotspot = hotspot(c, np * H);
	r->coverage = open ? (double)inside / open : 1;
	r->cover_before = open ? (double)inside0 / open : 1;
	r->nvisits = nv;
	r->nenc = nx;
	free(c);
out:
	plan_model_free(m);
	plan_model_free(m0);
	free(v);
	free(x);
	return rc;
}

static int run(const struct scen *sc, const char *pois, struct result *r, struct err *e)
{
	struct plan_sim_opts so = { sc->name, sc->weeks + TEST_WEEKS, sc->seed, sc->volume,
				    sc->places, pois, 0 };
	struct plan_sim *s = NULL;
	struct hist h = { sc->label, sc->weeks, NULL, 0, NULL, 0, NULL, 0, 0, sim_truth, NULL };
	int rc = plan_sim_new(&so, &s, e);

	if (rc)
		return rc;
	h.pl = plan_sim_places(s);
	h.np = plan_sim_nplaces(s);
	h.v = plan_sim_visits(s, &h.nv);
	h.x = plan_sim_encounters(s, &h.nx);
	h.end = plan_sim_end(s);
	h.ctx = s;
	rc = score(&h, r, e);
	plan_sim_free(s);
	return rc;
}

static double skill(double m, double n)
{
	return n > 0 ? 1 - m / n : 0;
}

/* ---- change detection on the independent worlds ------------------------- */
struct drift {
	int changes, within4, false_eps;
	double years;		/* span the false alarms were counted over */
	int delay[2];		/* weeks to detection, 0: not within 6 */
};

/* Fits on the data before t (change detection only). */
static struct plan_model *fit_before(const struct hist *s, int64_t t)
{
	struct plan_model_visit *v;
	struct plan_model_encounter *x;
	struct plan_model_opts o = { 0 };
	struct plan_model *m = NULL;
	int nv, nx;

	training(s, t, &v, &nv, &x, &nx);
	o.now = t;
	if (plan_model_fit(s->pl, s->np, v, nv, x, nx, &o, &m, NULL))
		m = NULL;
	free(v);
	free(x);
	return m;
}

static int flagged(const struct plan_model *m, int place, int up)
{
	struct plan_change c;

	return m && plan_model_change(m, place, &c) && (up ? c.ratio > 1 : c.ratio < 1);
}

static int changed_by(const struct bw_change *ch, int place, int64_t t)
{
	for (int i = 0; i < 2; i++)
		if (ch[i].place == place && t > ch[i].at)
			return 1;
	return 0;
}

/* Weeks after each change until it is flagged (in the right direction),
 * and false alarms (flags at unchanged places, counted once per run of
 * consecutive checkpoints) at a checkpoint every 4 weeks over the last 52
 * weeks before the forecast. */
static void drift_eval(const struct hist *s, const struct bw_world *w, struct drift *d)
{
	const struct bw_change *ch = bw_changes(w);
	int64_t split = s->end - (int64_t)TEST_WEEKS * 7 * 86400, first = 0;
	char *was = xcalloc((size_t)s->np, 1);

	memset(d, 0, sizeof *d);
	for (int i = 0; i < 2; i++) {
		if (ch[i].place < 0)
			continue;
		d->changes++;
		for (int wk = 1; wk <= 6 && !d->delay[i]; wk++) {
			struct plan_model *m = fit_before(s, ch[i].at + (int64_t)wk * 7 * 86400);

			if (flagged(m, ch[i].place, ch[i].up))
				d->delay[i] = wk;
			plan_model_free(m);
		}
		d->within4 += d->delay[i] && d->delay[i] <= 4;
	}
	for (int i = 13; i >= 0; i--) {
		int64_t t = split - (int64_t)i * 4 * 7 * 86400;
		struct plan_model *m;

		if (t < bw_start(w) + 26 * 7 * 86400)
			continue;
		first = first ? first : t;
		m = fit_before(s, t);
		for (int p = 0; p < s->np; p++) {
			struct plan_change c;
			int f = m && plan_model_change(m, p, &c) && !changed_by(ch, p, t);

			d->false_eps += f && !was[p];
			was[p] = (char)f;
		}
		plan_model_free(m);
	}
	d->years = first ? (double)(split - first + 4 * 7 * 86400) / (365.25 * 86400) : 0;
	free(was);
}

static int in_target(double c)
{
	return c >= 0.72 && c <= 0.88;
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* --worlds: the independent generator, one row per world and the table of
 * issue 19's targets. Tuning seeds 1000.., held-out 2000.. */
static int worlds(const char *set, int first, int count)
{
	uint64_t base = !strcmp(set, "heldout") ? 2000 : 1000;
	int n = 0, rb = 0, ra = 0, pb = 0, pa = 0, sk = 0, hs = 0, ch = 0, det = 0, fa = 0;
	double years = 0, *bt = xcalloc((size_t)count, sizeof *bt);

	printf("%-6s %-22s %5s %6s %6s %6s %6s  %-13s %-13s %5s %s\n", "world", "traits", "weeks",
	       "visits", "enc", "skill", "hotspt", "rate80 b->a", "pred80 b->a", "bt_s",
	       "detect close/new, false");
	for (int i = first; i < first + count; i++) {
		uint64_t seed = base + (uint64_t)i;
		int weeks = 40 + (int)(seed * 7919 % 65);
		struct bw_world *w = bw_new(seed, weeks, 32);
		struct hist h = { "world", weeks, bw_places(w), bw_nplaces(w), NULL, 0, NULL, 0,
				  bw_end(w), world_truth, w };
		struct result r = { 0 };
		struct drift d;
		struct err e = { 0 };
		double so;

		h.v = bw_visits(w, &h.nv);
		h.x = bw_encounters(w, &h.nx);
		if (score(&h, &r, &e)) {
			fprintf(stderr, "forecast: world %llu: %s\n", (unsigned long long)seed, e.msg);
			return 2;
		}
		drift_eval(&h, w, &d);
		so = skill(r.mae_obs, r.mae_obs_naive);
		printf("%-6llu %-22s %5d %6d %6d %6.3f %6.3f  %5.1f->%5.1f%% %5.1f->%5.1f%% %5.2f %d/%d, %d in %.1f y%s\n",
		       (unsigned long long)seed, bw_traits(w), weeks, r.nvisits, r.nenc, so, r.hotspot,
		       100 * r.cover_before, 100 * r.coverage, 100 * r.pred_before, 100 * r.pred_after,
		       r.bt_s, d.delay[0], d.delay[1], d.false_eps, d.years,
		       r.calibrated ? "" : " (own ranges)");
		rb += in_target(r.cover_before);
		ra += in_target(r.coverage);
		pb += in_target(r.pred_before);
		pa += in_target(r.pred_after);
		sk += so >= 0.6;
		hs += r.hotspot >= 0.75;
		ch += d.changes;
		det += d.within4;
		fa += d.false_eps;
		years += d.years;
		bt[n++] = r.bt_s;
		bw_free(w);
	}
	qsort(bt, (size_t)n, sizeof *bt, cmp_dbl);
	printf("\n%s: %d worlds                                  before   after   target\n", set, n);
	printf("rate 80 %% range covers 72-88 %% of true rates   %3d/%-3d  %3d/%-3d  >= 90 %% of worlds %s\n",
	       rb, n, ra, n, ra >= 0.9 * n ? "ok" : "MISSED");
	printf("predictive 80 %% range covers 72-88 %% of counts %3d/%-3d  %3d/%-3d  >= 90 %% of worlds %s\n",
	       pb, n, pa, n, pa >= 0.9 * n ? "ok" : "MISSED");
	printf("skill on observed hours >= 0.6                         %3d/%-3d  >= 90 %% of worlds %s\n",
	       sk, n, sk >= 0.9 * n ? "ok" : "MISSED");
	printf("hotspot >= 0.75                                        %3d/%-3d  >= 90 %% of worlds %s\n",
	       hs, n, hs >= 0.9 * n ? "ok" : "MISSED");
	printf("changes detected within 4 weeks                        %3d/%-3d  >= 80 %% %s\n", det,
	       ch, det >= 0.8 * ch ? "ok" : "MISSED");
	printf("false alarms per world-year                            %6.2f   <= 1 %s\n",
	       years > 0 ? fa / years : 0, years > 0 && fa / years <= 1.0 ? "ok" : "MISSED");
	printf("fit with 8-origin backtest, s (median, max)   %.2f, %.2f\n", n ? bt[n / 2] : 0,
	       n ? bt[n - 1] : 0);
	free(bt);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct scen all[] = {
		{ "porvoo", "porvoo", 156, 1, 1, 0 },
		{ "helsinki", "helsinki", 104, 1, 1, 0 },
		{ "food", "food", 104, 1, 1, 0 },
		{ "meeting", "meeting", 104, 1, 1, 0 },
		{ "helsinki", "helsinki-untuned", 78, 424242, 0.6, 50 },
		{ "porvoo", "porvoo-untuned", 208, 99991, 1.7, 15 },
		{ "helsinki", "fit-5y-80places", 260, 5, 1, 80 },
		{ "helsinki", "helsinki-1y", 52, 7, 1, 80 },
	};
	const char *pois = NULL, *set = NULL;
	int first = 0, count = 30;
	int quick = 0, fails = 0, n = (int)(sizeof all / sizeof all[0]);
	const struct scen *list = all;
	static struct scen one;
	static char name[32];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--pois") && i + 1 < argc)
			pois = argv[++i];
		else if (!strcmp(argv[i], "--worlds") && i + 1 < argc)
			set = argv[++i];
		else if (!strcmp(argv[i], "--first") && i + 1 < argc)
			first = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--quick"))
			quick = 1;
		else if (!strcmp(argv[i], "--scenario") && i + 1 < argc) {
			/* NAME,WEEKS,SEED,VOLUME,PLACES: one run, e.g. an untuned check */
			unsigned long long seed;

			if (sscanf(argv[++i], "%31[a-z],%d,%llu,%lf,%d", name, &one.weeks, &seed,
				   &one.volume, &one.places) != 5) {
				fprintf(stderr, "forecast: --scenario NAME,WEEKS,SEED,VOLUME,PLACES\n");
				return 2;
			}
			one.name = one.label = name;
			one.seed = seed;
			list = &one;
			n = 1;
		}
	}
	if (set)
		return strcmp(set, "tuning") && strcmp(set, "heldout") ? 2 : worlds(set, first, count);
	printf("%-18s %6s %6s %5s %7s %7s %6s %7s %7s %6s %7s %8s %7s %7s %13s %6s\n", "scenario",
	       "visits", "enc", "obs", "MAEobs", "naive", "skill", "MAEall", "naive", "skill",
	       "hotspt", "cover80", "fit_s", "fc4w_s", "pred80 b->a", "bt_s");
	for (int i = 0; i < (quick && n > 4 ? 4 : n); i++) {
		struct result r = { 0 };
		struct err e = { 0 };
		double so, sa;
		int ok;

		if (run(&list[i], pois, &r, &e)) {
			fprintf(stderr, "forecast: %s: %s\n", list[i].label, e.msg);
			return 2;
		}
		so = skill(r.mae_obs, r.mae_obs_naive);
		sa = skill(r.mae_all, r.mae_all_naive);
		ok = so >= 0.6 && r.hotspot >= 0.8 && sa > 0 && r.coverage >= 0.7 &&
		     r.coverage <= 0.9 && r.fit_s < 1 && r.forecast_s < 0.5 && r.bt_s < 5;
		fails += !ok;
		printf("%-18s %6d %6d %5d %7.3f %7.3f %6.3f %7.3f %7.3f %6.3f %7.3f %5.1f->%4.1f%% %5.3f "
		       "%7.3f %5.1f->%5.1f%% %6.2f %s%s\n",
		       list[i].label, r.nvisits, r.nenc, r.nobs, r.mae_obs, r.mae_obs_naive, so,
		       r.mae_all, r.mae_all_naive, sa, r.hotspot, 100 * r.cover_before,
		       100 * r.coverage, r.fit_s, r.forecast_s, 100 * r.pred_before,
		       100 * r.pred_after, r.bt_s, ok ? "ok" : "MISSED",
		       r.calibrated ? "" : " (own ranges)");
	}
	printf("targets: skill(obs) >= 0.6, hotspot >= 0.8, skill(all) > 0, coverage (after "
	       "calibration) 70-90 %%, fit < 1 s, forecast 4 weeks < 0.5 s, fit with the 8-origin "
	       "backtest < 5 s\n");
	return fails ? 1 : 0;
}
