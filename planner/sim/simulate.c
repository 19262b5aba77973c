/*
 * simulate.c - simulated histories: places from the OSM extract, a true
 * rate per place, hour of the week, month and holiday, a team with biased
 * effort and the visits and encounters it records. The scenarios and the
 * rhythms are described in planner/README.md.
 */
#include "planner/sim/simulate.h"
#include "planner/sim/sim_int.h"
#include "planner/splitmix.h"
#include "calendars/holidays.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const plan_sim_scenarios[] = { "porvoo", "helsinki", "food", "meeting", NULL };

/* ---- random numbers (xoshiro256**, seeded by splitmix64) --------------- */

void sim__seed(struct sim_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = plan__splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

double sim__unif(struct sim_rng *r)
{
	uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return (double)(res >> 11) * 0x1.0p-53;
}

int sim__below(struct sim_rng *r, int n)
{
	int k = (int)(sim__unif(r) * n);

	return k < n ? k : n - 1;
}

static double normal(struct sim_rng *r)
{
	double u = sim__unif(r), v = sim__unif(r);

	return sqrt(-2 * log(u > 0 ? u : 1e-300)) * cos(2 * M_PI * v);
}

int sim__poisson(struct sim_rng *r, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda < 30) {
		double l = exp(-lambda), p = 1;
		int k = 0;

		do {
			k++;
			p *= sim__unif(r);
		} while (p > l);
		return k - 1;
	}
	{
		double x = lambda + sqrt(lambda) * normal(r) + 0.5;

		return x < 0 ? 0 : (int)x;
	}
}

/* ---- the truth ----------------------------------------------------------- */
static int in(int h, int a, int b)
{
	return h >= a && h < b;
}

/* Shape of a day by kind of place (1 = the kind's peak). */
static double hour_shape(int kind, int wd, int hr)
{
	int weekend = wd >= 5;

	switch (kind) {
	case SIM_STREET:
		return (hr < 6 ? 0.15 : hr < 10 ? 0.4 : hr < 21 ? 1.0 : 0.6) * (weekend ? 1.2 : 1);
	case SIM_PARK:
		return in(hr, 12, 21) ? 1.0 : in(hr, 9, 12) ? 0.4 : in(hr, 21, 23) ? 0.5 : 0.1;
	case SIM_STATION:
		return (in(hr, 17, 24) ? 1.0 : hr >= 6 ? 0.45 : 0.15) * (weekend ? 1.15 : 1);
	case SIM_SHOPPING:
		return in(hr, 10, 20) ? 0.8 : 0.3;
	case SIM_LIBRARY:
		return in(hr, 14, 19) ? 0.9 : 0.6;
	case SIM_DAY_CENTRE:
		return in(hr, 8, 12) ? 1.0 : in(hr, 12, 15) ? 0.5 : 0.2;
	case SIM_MEETING:
		return in(hr, 10, 13) ? 1.0 : 0.7;
	case SIM_SHELTER:
		return hr >= 18 ? 1.0 : hr < 9 ? 0.6 : 0.2;
	case SIM_FOOD:
		return 0.1;
	default:
		return 0.4;
	}
}

static double season(int kind, int month)
{
	int winter = month >= 11 || month <= 3, summer = month >= 5 && month <= 9;

	switch (kind) {
	case SIM_STREET:
		return winter ? 0.7 : summer ? 1.2 : 1.0;
	case SIM_PARK:
		return winter ? 0.25 : summer ? 1.7 : 0.8;
	case SIM_STATION:
	case SIM_SHOPPING:
	case SIM_LIBRARY:
	case SIM_DAY_CENTRE:
	case SIM_SHELTER:
		return winter ? 1.35 : summer ? 0.8 : 1.0;
	case SIM_FOOD:
		return winter ? 1.1 : 1.0;
	default:
		return 1.0;
	}
}

static double holiday_factor(int kind)
{
	switch (kind) {
	case SIM_STREET:
		return 1.1;
	case SIM_PARK:
		return 1.2;
	case SIM_STATION:
		return 1.0;
	case SIM_FOOD:
		return 0.0;
	default:
		return 0.5;
	}
}

/* Rate on an ordinary day of that month, open hour assumed. */
double sim__rate_how(const struct plan_sim *s, int p, int how, int month)
{
	const struct sim_place *q = &s->pl[p];
	int wd = how / 24, hr = how % 24;
	double r;

	if (q->kind == SIM_FOOD && wd == q->slot_wd && in(hr, q->slot_hr, q->slot_hr + 2))
		r = q->crowd;
	else
		r = q->base * hour_shape(q->kind, wd, hr);
	return r * season(q->kind, month) * s->volume;
}

double plan_sim_truth(const struct plan_sim *s, int p, int64_t t)
{
	const struct sim_place *q = &s->pl[p];
	struct tz_civil c;
	int64_t day;
	double open, r;

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	open = q->hours.always ? 1.0
	       : cal_hours_open_minutes(&q->hours, day, c.hour * 60, 60) / 60.0;
	if (open <= 0)
		return 0;
	r = sim__rate_how(s, p, tz_weekday(day) * 24 + c.hour, c.month) * open;
	return cal_holiday_on(day) ? r * holiday_factor(q->kind) : r;
}

/* ---- encounters and visits ----------------------------------------------- */
static void push_visit(struct plan_sim *s, int pair, int place, int64_t a, int64_t b)
{
	if (s->nv == s->capv) {
		s->capv = s->capv ? 2 * s->capv : 1024;
		s->v = xrealloc(s->v, (size_t)s->capv * sizeof *s->v);
		s->vpair = xrealloc(s->vpair, (size_t)s->capv * sizeof *s->vpair);
	}
	s->v[s->nv] = (struct plan_model_visit){ place, a, b };
	s->vpair[s->nv++] = pair;
}

void sim__push_enc(struct plan_sim *s, int place, int64_t t, double lat, double lon,
		   int people)
{
	if (s->nx == s->capx) {
		s->capx = s->capx ? 2 * s->capx : 1024;
		s->x = xrealloc(s->x, (size_t)s->capx * sizeof *s->x);
		s->xnew = xrealloc(s->xnew, (size_t)s->capx * sizeof *s->xnew);
		s->xanon = xrealloc(s->xanon, (size_t)s->capx * sizeof *s->xanon);
	}
	s->x[s->nx] = (struct plan_model_encounter){ place, t, lat, lon, people };
	s->xnew[s->nx] = 0;
	for (int i = 0; i < people; i++)
		s->xnew[s->nx] += sim__unif(&s->rng) < 0.25;
	s->xanon[s->nx++] = sim__unif(&s->rng) < 1.0 / 3;
}

/* Groups of people met during [a, b) at place p, spread evenly so that no
 * two share a second. */
static void meet(struct plan_sim *s, int p, int64_t a, int64_t b, int people)
{
	const struct sim_place *q = &s->pl[p];
	int groups[4096], n = 0;

	while (people > 0 && n < 4096) {
		int g = 1;

		while (g < people && g < 6 && sim__unif(&s->rng) < 0.3)
			g++;
		groups[n++] = g;
		people -= g;
	}
	for (int i = 0; i < n; i++) {
		int64_t t = a + (int64_t)((i + 0.5) * (double)(b - a) / n);
		int coords = (q->kind == SIM_STREET || q->kind == SIM_PARK) &&
			     sim__unif(&s->rng) < s->coord_share;

		if (coords) {
			double dl = (sim__unif(&s->rng) - 0.5) * 0.0016;
			double dn = (sim__unif(&s->rng) - 0.5) * 0.0032;

			sim__push_enc(s, -1, t, q->lat + dl, q->lon + dn, groups[i]);
		} else {
			sim__push_enc(s, p, t, 0, 0, groups[i]);
		}
	}
}

/* A pair present at p during [a, b): the visit and what it meets. */
void sim__visit(struct plan_sim *s, int pair, int p, int64_t a, int64_t b)
{
	push_visit(s, pair, p, a, b);
	for (int64_t h0 = a - ((a % 3600) + 3600) % 3600; h0 < b; h0 += 3600) {
		int64_t x = a > h0 ? a : h0, y = b < h0 + 3600 ? b : h0 + 3600;

		if (y > x)
			meet(s, p, x, y,
			     sim__poisson(&s->rng, plan_sim_truth(s, p, h0) * (double)(y - x) / 3600));
	}
}

/* ---- accessors ------------------------------------------------------------ */
int plan_sim_nplaces(const struct plan_sim *s)
{
	return s->np;
}

const struct plan_model_place *plan_sim_places(const struct plan_sim *s)
{
	return s->mp;
}

const struct plan_model_visit *plan_sim_visits(const struct plan_sim *s, int *n)
{
	*n = s->nv;
	return s->v;
}

const struct plan_model_encounter *plan_sim_encounters(const struct plan_sim *s, int *n)
{
	*n = s->nx;
	return s->x;
}

int64_t plan_sim_start(const struct plan_sim *s)
{
	return s->t0;
}

int64_t plan_sim_end(const struct plan_sim *s)
{
	return s->t1;
}

void plan_sim_free(struct plan_sim *s)
{
	if (!s)
		return;
	free(s->pl);
	free(s->mp);
	free(s->pairs);
	free(s->v);
	free(s->vpair);
	free(s->x);
	free(s->xnew);
	free(s->xanon);
	free(s);
}
