/*
 * model_drift.c - change detection per place at the end of a fit: a place
 * that closed (visits logged, nobody met for weeks) or one that suddenly
 * became busy. The recent weeks' people are compared with what the fitted
 * model (two years of history) expects for the same hours of presence; the
 * most likely start of a changed period is scanned week by week
 * (planner/README.md, "Drift").
 */
#include "planner/model/model_int.h"
#include "util/buf.h"

#include <math.h>
#include <stdlib.h>

#define W PLAN__DRIFT_WEEKS
#define WEEK_S (7 * 86400)
#define LR_MIN 10.0	/* quasi-likelihood ratio of a change (tuning set: 8 doubled the false alarms for 2 more detections of 54) */
#define RATIO_MIN 2.0	/* and at least this factor up or down */
#define A_RATIO 1.0	/* people: the recent ratio's prior towards 1 */

/* Quasi-Poisson deviance of y people where x were expected, / disp. */
static double lr_of(double y, double x, double disp)
{
	double d = y > 0 ? y * log(y / x) - (y - x) : x;

	return 2 * d / disp;
}

/* Expected people of every piece of presence, by place and week. */
static void expected(struct plan_model *m, int64_t tref, const struct plan__piece *pc,
		     int npc, double *wx)
{
	for (int i = 0; i < npc; i++) {
		struct plan_rate r;
		int64_t w = (tref - 1 - pc[i].h0) / WEEK_S;

		plan_model_rate(m, pc[i].place, pc[i].h0, &r);
		if (r.open > 0 && w >= 0 && w < W)
			wx[(size_t)pc[i].place * W + (size_t)w] += pc[i].hours * r.mean / r.open;
	}
}

/* The strongest change at one place over the last j = 1..W weeks. */
static void scan(const struct plan_model *m, int64_t tref, const double *wy, const double *wx,
		 struct plan__drift *d)
{
	double y = 0, x = 0, best = LR_MIN;

	d->ratio = 1;
	for (int j = 0; j < W; j++) {
		double lr, ratio;

		y += wy[j];
		x += wx[j];
		if (x <= 0)
			continue;
		ratio = (y + A_RATIO) / (x + A_RATIO);
		lr = lr_of(y, x, m->disp);
		if (lr > best && (ratio >= RATIO_MIN || ratio <= 1 / RATIO_MIN)) {
			best = lr;
			d->ratio = ratio;
			d->var = m->disp / (y + A_RATIO);
			d->people = y;
			d->expected = x;
			d->since = tref - (int64_t)(j + 1) * WEEK_S;
		}
	}
}

void plan__drift(struct plan_model *m, int64_t tref, const struct plan__piece *pc, int npc,
		 const double *wy)
{
	double *wx = xcalloc((size_t)(m->np ? m->np : 1) * W, sizeof *wx);
	struct plan__drift *d = xcalloc((size_t)(m->np ? m->np : 1), sizeof *d);

	expected(m, tref, pc, npc, wx);
	for (int p = 0; p < m->np; p++)
		scan(m, tref, &wy[(size_t)p * W], &wx[(size_t)p * W], &d[p]);
	free(wx);
	m->drift = d;
}

int plan_model_change(const struct plan_model *m, int place, struct plan_change *c)
{
	const struct plan__drift *d;

	if (!m || !m->drift || place < 0 || place >= m->np || m->drift[place].ratio == 1)
		return 0;
	d = &m->drift[place];
	*c = (struct plan_change){ d->since, d->ratio, d->people, d->expected };
	return 1;
}
