/*
 * model_est.c - the estimation step of the encounter model (hierarchical
 * empirical-Bayes Poisson-Gamma shrinkage, season and holiday factors),
 * the read path (rate of a place at an instant) and the clustering of
 * encounters that no place explains.
 */
#include "planner/model/model_int.h"
#include "calendars/holidays.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define H PLAN_HOURS_OF_WEEK
#define NK PLAN__NKIND

/* Prior strengths, in hours of presence (documented in planner/README.md). */
#define C_GLOBAL 10.0	/* kind level towards all places */
#define C_KIND 4.0	/* kind-hour towards the kind's level */
#define C_LEVEL 2.0	/* people: a place's level towards 1 */
#define EB_MIN 1.0
#define EB_MAX 1e4
#define C_SUPPORT 4.0	/* hours: a place's data before its prior is trusted */
#define A_SEASON 5.0	/* people: month factor towards 1 */
#define LEVEL_ROUNDS 10	/* alternations of the places' levels with the profiles */
#define FIT_ROUNDS 4	/* alternations of lambda with S and F */
#define A_HOLIDAY 2.0	/* people: holiday factor towards 1 */
#define SHAPE_MIN 0.5
#define SHAPE_UNSEEN 10.0	/* at most, where the cell rests on no data */
#define SHAPE_NEVER 1.75	/* hours of the day the kind was never watched */
#define UNSEEN_FADE 4	/* hours over which a watched level fades out */
#define CLUSTER_M 150.0

static int prev_h(int h)
{
	return (h + H - 1) % H;
}

static int next_h(int h)
{
	return (h + 1) % H;
}

/* Totals per kind (and kind-area) and hour of the week. */
struct levels {
	double G, Gk[NK];
	double YK[NK][H], EK[NK][H], K[NK][H], D[NK][24], DS[NK][24];
	double *YA, *EA, *A;	/* [area][kind][how] */
	double aK[NK], aA[NK];	/* empirical-Bayes strengths, people */
};

/* The level kinds without data fall back to: the median of the kinds'
 * rates (a crowd at one kind must not lift every other kind). */
static double robust_level(const double *sy, const double *se, double ty, double te)
{
	double r[NK];
	int n = 0;

	for (int k = 0; k < NK; k++)
		if (se[k] >= 1) {
			int i = n++;

			r[i] = sy[k] / se[k];
			for (; i > 0 && r[i - 1] > r[i]; i--) {
				double t = r[i];

				r[i] = r[i - 1];
				r[i - 1] = t;
			}
		}
	if (!n)
		return (ty + 1) / (te + 1);
	return n % 2 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
}

/* Empirical-Bayes strength of a Gamma(a, a) ratio between cells and their
 * parent level, by the method of moments: with y people where ex were
 * expected, E[(y - ex)^2] = ex + ex^2 / a (Poisson noise plus the spread of
 * the true ratios), so 1/a = sum((y - ex)^2 - ex) / sum(ex^2). a is in
 * people: a cell follows its own data once it has seen more than a. */
static double eb_strength(const double *y, const double *ex, int n)
{
	double num = 0, den = 0;

	for (int i = 0; i < n; i++) {
		double d = y[i] - ex[i];

		if (ex[i] <= 0)
			continue;
		num += d * d - ex[i];
		den += ex[i] * ex[i];
	}
	if (den <= 0 || num * EB_MAX <= den)
		return EB_MAX;
	return den / num > EB_MIN ? den / num : EB_MIN;
}

/* The level of an hour of the day the kind was never watched: the nearest
 * watched hour's, fading over UNSEEN_FADE hours into half the quietest
 * watched level (teams choose their hours for a reason; the interval, not
 * the mean, carries the upside). */
static double unwatched(const double *d0, const double *xs, int d, double low)
{
	for (int dist = 1; dist < UNSEEN_FADE; dist++) {
		int a = (d + 24 - dist) % 24, b = (d + dist) % 24;
		double w = 1.0 - (double)dist / UNSEEN_FADE;

		if (xs[a] >= C_KIND || xs[b] >= C_KIND) {
			double near = xs[a] >= C_KIND && xs[b] >= C_KIND ? 0.5 * (d0[a] + d0[b])
				      : xs[a] >= C_KIND ? d0[a] : d0[b];

			return w * near + (1 - w) * 0.5 * low;
		}
	}
	return 0.5 * low;
}

/* The kind's hour-of-day level pooled over the weekdays (a Tuesday at 15
 * tells about a Monday at 15). Hours of the day nobody ever watched get
 * the kind's lowest watched level: the mean stays modest there, the
 * interval (the unseen prior shape) says how little is known. */
static void day_profile(struct levels *L, int k)
{
	double y[24] = { 0 }, x[24] = { 0 }, xs[24], d0[24], nb[24], ex[24], low = INFINITY, a;

	for (int h = 0; h < H; h++) {
		y[h % 24] += L->YK[k][h];
		x[h % 24] += L->EK[k][h];
	}
	for (int d = 0; d < 24; d++) {	/* the neighbouring hours' level */
		int b = (d + 23) % 24, f = (d + 1) % 24;

		nb[d] = (y[b] + y[f] + C_KIND * L->Gk[k]) / (x[b] + x[f] + C_KIND);
		ex[d] = x[d] * nb[d];
	}
	a = eb_strength(y, ex, 24);	/* how far an hour strays from its neighbours */
	for (int d = 0; d < 24; d++) {
		xs[d] = x[d] + 0.5 * (x[(d + 23) % 24] + x[(d + 1) % 24]);
		d0[d] = L->D[k][d] = nb[d] * (y[d] + a) / (ex[d] + a);
		L->DS[k][d] = xs[d] / (xs[d] + C_KIND);
		if (xs[d] >= C_KIND && d0[d] < low)
			low = d0[d];
	}
	for (int d = 0; d < 24 && low < INFINITY; d++)
		if (xs[d] < C_KIND)
			L->D[k][d] = (xs[d] * d0[d] + (C_KIND - xs[d]) * unwatched(d0, xs, d, low)) /
				     C_KIND;
}

static void kind_levels(const struct plan_model *m, const double *Es, const double *Ys,
			struct levels *L)
{
	double ty = 0, te = 0, sy[NK] = { 0 }, se[NK] = { 0 };

	for (int p = 0; p < m->np; p++) {
		int k = m->pl[p].kind;

		for (int h = 0; h < H; h++) {
			double y = Ys[p * H + h], x = Es[p * H + h];

			L->YK[k][h] += y;
			L->EK[k][h] += x;
			sy[k] += y;
			se[k] += x;
			ty += y;
			te += x;
		}
	}
	L->G = robust_level(sy, se, ty, te);
	for (int k = 0; k < NK; k++) {
		L->Gk[k] = (sy[k] + C_GLOBAL * L->G) / (se[k] + C_GLOBAL);
		double ex[H], a;

		day_profile(L, k);
		for (int h = 0; h < H; h++)
			ex[h] = L->EK[k][h] * L->D[k][h % 24];
		a = eb_strength(L->YK[k], ex, H);
		L->aK[k] = a;
		for (int h = 0; h < H; h++)
			L->K[k][h] = L->D[k][h % 24] * (L->YK[k][h] + a) / (ex[h] + a);
	}
}

static void area_levels(const struct plan_model *m, const double *Es, const double *Ys,
			struct levels *L)
{
	size_t n = (size_t)(m->narea ? m->narea : 1) * NK * H;

	L->YA = xcalloc(n, sizeof *L->YA);
	L->EA = xcalloc(n, sizeof *L->EA);
	L->A = xcalloc(n, sizeof *L->A);
	for (int p = 0; p < m->np; p++) {
		size_t base = ((size_t)m->pl[p].area * NK + (size_t)m->pl[p].kind) * H;

		if (m->pl[p].area < 0)
			continue;
		for (int h = 0; h < H; h++) {
			L->YA[base + h] += Ys[p * H + h];
			L->EA[base + h] += Es[p * H + h];
		}
	}
	for (int k = 0; k < NK; k++) {
		size_t na = (size_t)(m->narea ? m->narea : 1);
		double *ex = xcalloc(na * H, sizeof *ex), *y = xcalloc(na * H, sizeof *y), a;

		for (size_t ar = 0; ar < na; ar++)
			for (int h = 0; h < H; h++) {
				size_t i = (ar * NK + (size_t)k) * H + (size_t)h;

				ex[ar * H + (size_t)h] = L->EA[i] * L->K[k][h];
				y[ar * H + (size_t)h] = L->YA[i];
			}
		a = eb_strength(y, ex, (int)(na * H));
		L->aA[k] = a;
		for (size_t ar = 0; ar < na; ar++)
			for (int h = 0; h < H; h++) {
				size_t i = (ar * NK + (size_t)k) * H + (size_t)h;

				L->A[i] = L->K[k][h] * (L->YA[i] + a) / (ex[ar * H + (size_t)h] + a);
			}
		free(ex);
		free(y);
	}
}

static double area_mean(const struct plan_model *m, const struct levels *L, int p, int h)
{
	const struct plan__place *q = &m->pl[p];

	if (q->area < 0)
		return L->K[q->kind][h];
	return L->A[((size_t)q->area * NK + (size_t)q->kind) * H + (size_t)h];
}

/* A place's level relative to its kind-area profile: observed people over
 * the people its profile predicts for the hours it was watched. */
static void place_levels(const struct plan_model *m, const double *Es, const double *Ys,
			 const struct levels *L, double *lev, double *levy, double *sup)
{
	for (int p = 0; p < m->np; p++) {
		double y = 0, pred = 0, x = 0;

		for (int h = 0; h < H; h++) {
			y += Ys[p * H + h];
			pred += Es[p * H + h] * area_mean(m, L, p, h);
			x += Es[p * H + h];
		}
		lev[p] = (y + C_LEVEL) / (pred + C_LEVEL);
		levy[p] = y;
		sup[p] = x / (x + C_SUPPORT);
	}
}

/* Prior mean of a cell: the place's level times its kind-area profile. */
static double prior_mean(const struct plan_model *m, const struct levels *L, const double *lev,
			 int p, int h)
{
	return lev[p] * area_mean(m, L, p, h);
}

/* Relative variance of that prior mean (estimated, not known): the
 * people behind the place's level and behind the profile at that hour. */
static double prior_relvar(const struct plan_model *m, const struct levels *L,
			   const double *levy, int p, int h)
{
	const struct plan__place *q = &m->pl[p];
	double v = 1 / (levy[p] + C_LEVEL) + 1 / (L->aK[q->kind] + L->YK[q->kind][h]);

	if (q->area >= 0)
		v += 1 / (L->aA[q->kind] +
			  L->YA[((size_t)q->area * NK + (size_t)q->kind) * H + (size_t)h]);
	return v;
}

/* The prior shape per kind: the between-cell spread of the true rates
 * around mu, net of Poisson noise (eb_strength), at most max. */
static void prior_shapes(const struct plan_model *m, const double *Es, const double *Ys,
			 const double *mu, double max, double alpha[NK])
{
	size_t n = (size_t)(m->np ? m->np : 1) * H;
	double *y = xmalloc(n * sizeof *y), *ex = xmalloc(n * sizeof *ex);

	for (int k = 0; k < NK; k++) {
		int c = 0;

		for (int p = 0; p < m->np; p++)
			for (int h = 0; m->pl[p].kind == k && h < H; h++) {
				y[c] = Ys[p * H + h];
				ex[c++] = Es[p * H + h] * mu[p * H + h];
			}
		alpha[k] = c ? eb_strength(y, ex, c) : max;
		alpha[k] = alpha[k] < max ? alpha[k] : max;
		alpha[k] = alpha[k] > SHAPE_MIN ? alpha[k] : SHAPE_MIN;
	}
	free(y);
	free(ex);
}

/* How much the kind's profile at hour h rests on data (0..1). */
static double kind_support(const struct levels *L, int k, int h)
{
	double x = L->EK[k][h] + 0.5 * (L->EK[k][prev_h(h)] + L->EK[k][next_h(h)]);

	return x / (x + C_KIND);
}

/* The profiles are fitted for a place of level 1 (exposure weighted by the
 * places' levels) and the levels against the profiles, alternately: a
 * busy place open at some hours must not lift the kind's profile there. */
static void levels_fit(const struct plan_model *m, const double *Es, const double *Ys,
		       struct levels *L, double *lev, double *levy, double *sup)
{
	size_t n = (size_t)(m->np ? m->np : 1) * H;
	double *Ew = xcalloc(n, sizeof *Ew);

	for (int p = 0; p < m->np; p++)
		lev[p] = 1;
	for (int it = 0; it < LEVEL_ROUNDS; it++) {
		for (int p = 0; p < m->np; p++)
			for (int h = 0; h < H; h++)
				Ew[p * H + h] = Es[p * H + h] * lev[p];
		free(L->YA);
		free(L->EA);
		free(L->A);
		memset(L, 0, sizeof *L);
		kind_levels(m, Ew, Ys, L);
		area_levels(m, Ew, Ys, L);
		place_levels(m, Es, Ys, L, lev, levy, sup);
	}
	free(Ew);
}

/* How much the place itself was watched at hour h and beside it (0..1):
 * only there does the data vouch for the level x profile prior; a place
 * watched only on Mondays learns its level, not its Fridays. */
static double cell_support(const double *Es, int p, int h)
{
	double x = Es[p * H + h] + 0.5 * (Es[p * H + prev_h(h)] + Es[p * H + next_h(h)]);

	return x / (x + C_SUPPORT);
}

static void posterior(struct plan_model *m, const double *Es, const double *Ys)
{
	struct levels *L = xcalloc(1, sizeof *L);
	size_t n = (size_t)(m->np ? m->np : 1);
	double alpha[NK], unseen[NK], *lev = xcalloc(n, sizeof *lev), *sup = xcalloc(n, sizeof *sup);
	double *levy = xcalloc(n, sizeof *levy), *mu = xcalloc(n * H, sizeof *mu);

	levels_fit(m, Es, Ys, L, lev, levy, sup);
	for (int p = 0; p < m->np; p++)
		for (int h = 0; h < H; h++)
			mu[p * H + h] = prior_mean(m, L, lev, p, h);
	prior_shapes(m, Es, Ys, mu, EB_MAX, alpha);
	for (int p = 0; p < m->np; p++)	/* the prior without the cell's own hours */
		for (int h = 0; h < H; h++)
			mu[p * H + h] = lev[p] * L->D[m->pl[p].kind][h % 24];
	prior_shapes(m, Es, Ys, mu, SHAPE_UNSEEN, unseen);
	for (int p = 0; p < m->np; p++) {
		int k = m->pl[p].kind;

		for (int h = 0; h < H; h++) {
			size_t i = (size_t)p * H + (size_t)h;
			double prior = prior_mean(m, L, lev, p, h);
			double sp = kind_support(L, k, h) * cell_support(Es, p, h);
			double ds = L->DS[k][h % 24];
			double seen = 1 / (1 / alpha[k] + prior_relvar(m, L, levy, p, h));
			double a0 = seen * sp + (unseen[k] * ds + SHAPE_NEVER * (1 - ds)) * (1 - sp);

			a0 = a0 > SHAPE_MIN ? a0 : SHAPE_MIN;
			m->shape[i] = a0 + Ys[i];
			m->rate[i] = a0 / prior + Es[i];
		}
	}
	free(mu);
	free(lev);
	free(levy);
	free(sup);
	free(L->YA);
	free(L->EA);
	free(L->A);
	free(L);
}

static void seasonal_exposure(const struct plan_model *m, const double *E, double *Es)
{
	for (int p = 0; p < m->np; p++) {
		const double *s = m->season[m->pl[p].kind];

		for (int h = 0; h < H; h++) {
			const double *e = &E[((size_t)p * H + (size_t)h) * 12];
			double x = 0;

			for (int mo = 0; mo < 12; mo++)
				x += e[mo] * s[mo];
			Es[p * H + h] = x;
		}
	}
}

/* Finnish seasons of a month (0 = January): 0 winter (Nov-Mar), 1 the
 * thaw and the autumn (Apr, Oct), 2 summer (May-Sep). */
static int season_of(int mo)
{
	return mo >= 10 || mo <= 2 ? 0 : mo == 3 || mo == 9 ? 1 : 2;
}

/* Month factors per kind: a factor per season (three per kind, each shrunk
 * towards 1 by A_SEASON people), and the months' deviations from their
 * season shrunk by the empirical-Bayes strength that all kinds' months
 * show (eb_strength). The base rates are season-free (fitted on seasonal
 * exposure), so S is computed afresh from them every round, not updated. */
static void update_season(struct plan_model *m, const double *E, const double *Y)
{
	double num[NK][12] = { { 0 } }, den[NK][12] = { { 0 } }, ex[NK][12], f[NK][3], ng[NK][3];
	double a;

	for (int p = 0; p < m->np; p++) {
		int k = m->pl[p].kind;

		for (int h = 0; h < H; h++) {
			size_t i = (size_t)p * H + (size_t)h;
			double mean = m->shape[i] / m->rate[i];

			for (int mo = 0; mo < 12; mo++) {
				num[k][mo] += Y[i * 12 + (size_t)mo];
				den[k][mo] += mean * E[i * 12 + (size_t)mo];
			}
		}
	}
	for (int k = 0; k < NK; k++) {
		double y[3] = { 0 }, x[3] = { 0 };

		for (int mo = 0; mo < 12; mo++) {
			y[season_of(mo)] += num[k][mo];
			x[season_of(mo)] += den[k][mo];
		}
		for (int g = 0; g < 3; g++) {
			f[k][g] = (y[g] + A_SEASON) / (x[g] + A_SEASON);
			ng[k][g] = y[g] + A_SEASON;
		}
		for (int mo = 0; mo < 12; mo++)
			ex[k][mo] = den[k][mo] * f[k][season_of(mo)];
	}
	a = eb_strength(&num[0][0], &ex[0][0], NK * 12);
	for (int k = 0; k < NK; k++) {
		double sum = 0;

		for (int mo = 0; mo < 12; mo++) {
			int g = season_of(mo);

			m->season[k][mo] = f[k][g] * (num[k][mo] + a) / (ex[k][mo] + a);
			/* evidence behind the factor, in people: its relative
			 * variance is that of the season's plus the month's */
			m->season_n[k][mo] = 1 / (1 / ng[k][g] + 1 / (num[k][mo] + a));
			sum += m->season[k][mo];
		}
		for (int mo = 0; mo < 12; mo++)
			m->season[k][mo] *= 12 / sum;
	}
}

static void update_holiday(struct plan_model *m, const struct plan__hol *hol, int nhol,
			   const double *holY)
{
	double den[NK] = { 0 };

	for (int i = 0; i < nhol; i++) {
		size_t c = (size_t)hol[i].place * H + (size_t)hol[i].how;
		int k = m->pl[hol[i].place].kind;

		den[k] += m->shape[c] / m->rate[c] * m->season[k][hol[i].month] * hol[i].hours;
	}
	for (int k = 0; k < NK; k++)
		m->holiday[k] = (holY[k] + A_HOLIDAY) / (den[k] + A_HOLIDAY);
}

/* Gamma(a, 1) quantile; Wilson-Hilferty is exact to ~1e-6 for large a and
 * saves the series' cost there. */
static double quantile(double a, double p)
{
	if (a > 400) {
		double z = plan__normal_quantile(p), t = 1.0 / (9 * a);

		return a * pow(1 - t + z * sqrt(t), 3);
	}
	return plan_gamma_p_inv(a, p);
}

/* Minutes of [a, b) inside [c, d). */
static int overlap(int a, int b, int c, int d)
{
	int lo = a > c ? a : c, hi = b < d ? b : d;

	return hi > lo ? hi - lo : 0;
}

/* Open minutes of hour `hour` on an ordinary day of weekday wd: the day's
 * spans and the spans of the day before that run past midnight. */
static int open_minutes(const struct cal_hours *h, int wd, int hour)
{
	int pw = (wd + 6) % 7, a = hour * 60, n = 0;

	for (int i = 0; i < h->n[wd]; i++)
		n += overlap(a, a + 60, h->span[wd][i].start, h->span[wd][i].end);
	for (int i = 0; i < h->n[pw]; i++)
		n += overlap(a + 1440, a + 1500, h->span[pw][i].start, h->span[pw][i].end);
	return n < 60 ? n : 60;
}

/* Open share of every hour of an ordinary week (no holiday that day nor
 * the day before), so that the read path needs no minute walks. */
void plan__open_table(struct plan_model *m)
{
	m->open = xcalloc((size_t)(m->np ? m->np : 1) * H, sizeof *m->open);
	for (int p = 0; p < m->np; p++)
		for (int h = 0; h < H; h++)
			m->open[p * H + h] = m->pl[p].hours.always
				? 1.0f
				: (float)open_minutes(&m->pl[p].hours, h / 24, h % 24) / 60.0f;
}

/* Public holidays as a bitmap over the years around the data. */
static void holiday_table(struct plan_model *m, int64_t tref)
{
	int y0, mo, d;

	tz_civil_from_days(tref / 86400, &y0, &mo, &d);
	m->hol_day0 = tz_days_from_civil(y0 - PLAN__HOL_BACK, 1, 1);
	for (int y = y0 - PLAN__HOL_BACK; y < y0 - PLAN__HOL_BACK + PLAN__HOL_YEARS; y++) {
		int64_t days[32];
		const struct cal_holiday *hol[32];
		int n = cal_holidays_of_year(y, days, hol, 32);

		for (int i = 0; i < n; i++) {
			int64_t k = days[i] - m->hol_day0;

			if (k >= 0 && k < PLAN__HOL_YEARS * 366)
				m->hol_bits[k / 8] |= (unsigned char)(1u << (k % 8));
		}
	}
}

static int is_holiday(const struct plan_model *m, int64_t day)
{
	int64_t k = day - m->hol_day0;

	if (k >= 0 && k < PLAN__HOL_YEARS * 366)
		return m->hol_bits[k / 8] >> (k % 8) & 1;
	return cal_holiday_on(day) != NULL;
}

void plan__estimate(struct plan_model *m, int64_t tref, const double *E, const double *Y,
		    const struct plan__hol *hol, int nhol, const double *holY)
{
	size_t n = (size_t)(m->np ? m->np : 1) * H;
	double *Ys = xcalloc(n, sizeof *Ys), lo = (1 - m->level) / 2;

	m->shape = xcalloc(n, sizeof *m->shape);
	m->rate = xcalloc(n, sizeof *m->rate);
	m->qlo = xcalloc(n, sizeof *m->qlo);
	m->qhi = xcalloc(n, sizeof *m->qhi);
	m->expo = xcalloc(n, sizeof *m->expo);
	m->aq = xcalloc(n, sizeof *m->aq);
	m->zlevel = plan__normal_quantile(1 - lo);
	for (int k = 0; k < NK; k++) {
		m->holiday[k] = 1;
		for (int mo = 0; mo < 12; mo++) {
			m->season[k][mo] = 1;
			m->season_n[k][mo] = A_SEASON;
		}
	}
	for (size_t i = 0; i < (size_t)m->np * H; i++)
		for (int mo = 0; mo < 12; mo++)
			Ys[i] += Y[i * 12 + (size_t)mo];
	for (int it = 0; it < FIT_ROUNDS; it++) {
		seasonal_exposure(m, E, m->expo);
		posterior(m, m->expo, Ys);
		if (it == FIT_ROUNDS - 1)
			break;
		update_season(m, E, Y);
		update_holiday(m, hol, nhol, holY);
	}
	for (size_t i = 0; i < (size_t)m->np * H; i++) {
		/* the data's share of the shape counts events, not people */
		double a = m->shape[i] - Ys[i] * (1 - 1 / m->disp);

		m->aq[i] = a;
		m->qlo[i] = quantile(a, lo) / a * m->shape[i] / m->rate[i];
		m->qhi[i] = quantile(a, 1 - lo) / a * m->shape[i] / m->rate[i];
	}
	free(Ys);
	holiday_table(m, tref);
}

/* ---- read path ---------------------------------------------------------- */
static double open_share(const struct plan_model *m, int p, int64_t day, int how, int hour,
			 int holiday)
{
	const struct cal_hours *hr = &m->pl[p].hours;

	if (hr->always)
		return 1.0;
	if (holiday || is_holiday(m, day - 1))
		return cal_hours_open_minutes(hr, day, hour * 60, 60) / 60.0;
	return m->open[(size_t)p * H + (size_t)how];
}

/* The interval also carries the month factor's uncertainty: on the log
 * scale each half-width w of the rate's interval becomes
 * sqrt(w^2 + (z sigma_S)^2), sigma_S^2 = 1 / (people behind S[kind, month])
 * and z the normal quantile of the interval's tail; a detected change adds
 * its ratio's variance the same way. */
static void season_widen(const struct plan_model *m, double zs2, double mean, double lo,
			 double hi, struct plan_rate *r)
{
	double wl = log(mean / lo), wh = log(hi / mean);

	r->lower = lo > 0 ? mean * exp(-sqrt(wl * wl + zs2)) : 0;
	r->upper = mean * exp(sqrt(wh * wh + zs2));
}

/* The backtest's correction: the level times cal.level, the log
 * half-widths times sqrt(cal.width) (the relative variance times width). */
static void calibrate(const struct plan_model *m, int k, struct plan_rate *r)
{
	double sup = r->exposure / (r->exposure + PLAN__SUPPORT_H);
	double wid = exp(sup * log(m->cal.width[1]) + (1 - sup) * log(m->cal.width[0]));
	double b = m->cal.level[k], s = sqrt(wid), mean = r->mean * b;

	r->lower = r->lower > 0 ? mean * exp(-log(r->mean / r->lower) * s) : 0;
	r->upper = mean * exp(log(r->upper / r->mean) * s);
	r->relvar *= wid;
	r->disp *= m->cal.disp;
	r->rate /= b;
	r->mean = mean;
}

/* The people met in one hour of presence: a negative binomial with the
 * rate's spread and the compound-Poisson noise (plan_pred_size). */
static void predictive(const struct plan_model *m, struct plan_rate *r)
{
	double lo = (1 - m->level) / 2, size = plan_pred_size(r->mean, 1, r->relvar, r->disp);

	r->met_lower = plan_nb_quantile(r->mean, size, lo);
	r->met_upper = plan_nb_quantile(r->mean, size, 1 - lo);
}

static void apply_drift(const struct plan_model *m, int place, struct plan_rate *r)
{
	const struct plan__drift *d = m->drift ? &m->drift[place] : NULL;
	double z2 = m->zlevel * m->zlevel;

	if (!d || d->ratio == 1)
		return;
	r->mean *= d->ratio;
	r->rate /= d->ratio;
	season_widen(m, z2 * d->var, r->mean, r->lower * d->ratio, r->upper * d->ratio, r);
	r->relvar += d->var;
}

int plan_model_rate(const struct plan_model *m, int place, int64_t t, struct plan_rate *r)
{
	const struct plan__place *q;
	struct tz_civil c;
	int64_t day;
	size_t i;
	double f, sv;
	int how, holiday;

	memset(r, 0, sizeof *r);
	if (!m || place < 0 || place >= m->np)
		return ERR_USAGE;
	q = &m->pl[place];
	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	how = tz_weekday(day) * 24 + c.hour;
	i = (size_t)place * H + (size_t)how;
	holiday = is_holiday(m, day);
	r->open = open_share(m, place, day, how, c.hour, holiday);
	r->exposure = m->expo[i];
	r->disp = m->disp;
	if (r->open <= 0)
		return 0;
	f = r->open * m->season[q->kind][c.month - 1];
	if (holiday)
		f *= m->holiday[q->kind];
	r->shape = m->shape[i];
	r->rate = m->rate[i] / f;
	r->mean = r->shape / r->rate;
	sv = m->disp / m->season_n[q->kind][c.month - 1];
	season_widen(m, m->zlevel * m->zlevel * sv, r->mean, m->qlo[i] * f, m->qhi[i] * f, r);
	r->relvar = 1 / m->aq[i] + sv;
	apply_drift(m, place, r);
	r->model_lower = r->lower;
	r->model_upper = r->upper;
	if (m->calibrated)
		calibrate(m, q->kind, r);
	predictive(m, r);
	return 0;
}

/* ---- clusters of unattached encounters ---------------------------------- */
static int cmp_cluster(const void *a, const void *b)
{
	const struct plan_cluster *x = a, *y = b;

	return (y->encounters > x->encounters) - (y->encounters < x->encounters);
}

void plan__cluster(struct plan_model *m, const double *far, int nfar)
{
	m->cl = xcalloc((size_t)(nfar ? nfar : 1), sizeof *m->cl);
	for (int i = 0; i < nfar; i++) {
		double lat = far[3 * i], lon = far[3 * i + 1];
		int j = 0;

		while (j < m->ncl && plan_haversine_m(lat, lon, m->cl[j].lat, m->cl[j].lon) >
					     CLUSTER_M)
			j++;
		if (j == m->ncl)
			m->cl[m->ncl++] = (struct plan_cluster){ lat, lon, 0, 0, -1, 0 };
		m->cl[j].encounters++;
		m->cl[j].people += (int)far[3 * i + 2];
		m->cl[j].lat += (lat - m->cl[j].lat) / m->cl[j].encounters;
		m->cl[j].lon += (lon - m->cl[j].lon) / m->cl[j].encounters;
	}
	for (int j = 0; j < m->ncl; j++) {
		m->cl[j].nearest_m = INFINITY;
		for (int p = 0; p < m->np; p++) {
			double d = plan_haversine_m(m->cl[j].lat, m->cl[j].lon, m->pl[p].lat,
						    m->pl[p].lon);

			if (d < m->cl[j].nearest_m) {
				m->cl[j].nearest_m = d;
				m->cl[j].nearest = p;
			}
		}
	}
	qsort(m->cl, (size_t)m->ncl, sizeof *m->cl, cmp_cluster);
}

int plan_model_clusters(const struct plan_model *m, struct plan_cluster *out, int max)
{
	for (int j = 0; j < m->ncl && j < max; j++)
		out[j] = m->cl[j];
	return m->ncl;
}
