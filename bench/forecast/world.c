/*
 * world.c - the independent generator of bench/forecast (world.h). Written
 * apart from planner/sim on purpose: nothing here is copied from it, and
 * its shapes are drawn per world rather than fixed per kind.
 */
#include "bench/forecast/world.h"
#include "util/buf.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NKIND 10
#define MAXG 40		/* largest group */
#define DAY_S 86400
#define WEEK_S (7 * DAY_S)

/* PCG32 (O'Neill 2014), not the simulator's generator. */
struct rng {
	uint64_t s, inc;
};

static uint32_t rnd32(struct rng *r)
{
	uint64_t old = r->s;
	uint32_t x = (uint32_t)(((old >> 18) ^ old) >> 27), rot = (uint32_t)(old >> 59);

	r->s = old * 6364136223846793005ull + r->inc;
	return (x >> rot) | (x << ((32 - rot) & 31));
}

static double unif(struct rng *r)
{
	return ((double)rnd32(r) + ((double)(rnd32(r) >> 11) + 0.5) / 2097152.0) / 4294967296.0;
}

static double range(struct rng *r, double a, double b)
{
	return a + (b - a) * unif(r);
}

static int pick(struct rng *r, int n)
{
	return (int)(unif(r) * n) % n;
}

static double gauss(struct rng *r)
{
	double u = unif(r), v = unif(r);

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static int poisson(struct rng *r, double mean)
{
	double lim = exp(-mean), p;
	int k = 0;

	if (mean > 40) {
		k = (int)floor(mean + sqrt(mean) * gauss(r) + 0.5);
		return k > 0 ? k : 0;
	}
	p = unif(r);

	while (p > lim) {
		p *= unif(r);
		k++;
	}
	return k;
}

/* ---- kinds: level, opening hours, where their day peaks ---------------- */
struct kinddef {
	const char *name;
	double weight, level;	/* share of places; people per hour */
	unsigned days;		/* opening days, bit 0 = Monday; 0: always */
	int open_h, close_h;
	double peak_lo, peak_hi;	/* range of the day's peak hour */
};

static const struct kinddef KINDS[NKIND] = {
	{ "street", 10, 1.2, 0, 0, 24, 13, 21 },
	{ "park", 4, 0.8, 0, 0, 24, 12, 18 },
	{ "station", 3, 1.5, 0, 0, 24, 16, 23 },
	{ "shopping_centre", 3, 1.0, 0x3f, 9, 21, 12, 18 },
	{ "library", 2, 0.6, 0x1f, 10, 19, 11, 17 },
	{ "day_centre", 3, 2.0, 0x1f, 8, 15, 9, 12 },
	{ "food_distribution", 2, 25, 0, 12, 14, 12, 14 },	/* one weekday */
	{ "meeting_point", 2, 4.0, 0, 16, 20, 16, 20 },	/* two weekdays */
	{ "shelter", 2, 3.0, 0x7f, 18, 23, 19, 22 },
	{ "church", 1, 0.8, 0x44, 10, 14, 11, 13 },
};

struct wplace {
	int kind, area;
	unsigned days;
	int open_h, close_h;
	double level, trend;	/* people per hour at the peak; log change a year */
	char key[16], hours[64];
};

struct shift {
	int pair, weekday, start_h, len_h;
};

struct bw_world {
	struct rng r;
	int np, weeks, npairs, sparse, heavy, change_rounds;
	int64_t start, end, mid;
	struct wplace *pl;
	struct plan_model_place *mp;
	double shape[NKIND][24], wday[NKIND][7];
	double amp[NKIND], phase[NKIND], dip[NKIND];
	double gmean, gp[MAXG + 1];	/* group sizes: P(g), mean */
	int *habit;		/* [pair][HABIT]: places, -1 unused */
	int *pair_area;
	struct shift *sh;
	int nsh;
	struct bw_change ch[2];
	double hot;		/* the hotspot's factor after its change */
	struct plan_model_visit *v;
	int nv, capv;
	struct plan_model_encounter *x;
	int nx, capx;
	char traits[64];
};

#define HABIT 5

/* ---- the truth ---------------------------------------------------------- */
static void draw_shapes(struct bw_world *w)
{
	for (int k = 0; k < NKIND; k++) {
		double c = range(&w->r, KINDS[k].peak_lo, KINDS[k].peak_hi);
		double sd = range(&w->r, 2, 4.5), c2 = c + (unif(&w->r) < 0.5 ? -1 : 1) * range(&w->r, 4, 7);
		double w2 = unif(&w->r) < 0.4 ? range(&w->r, 0.3, 0.8) : 0, mx = 0;

		for (int h = 0; h < 24; h++) {
			double d1 = fmin(fabs(h + 0.5 - c), 24 - fabs(h + 0.5 - c));
			double d2 = fmin(fabs(h + 0.5 - c2), 24 - fabs(h + 0.5 - c2));

			w->shape[k][h] = 0.03 + exp(-d1 * d1 / (2 * sd * sd)) +
					 w2 * exp(-d2 * d2 / (2 * sd * sd));
			mx = fmax(mx, w->shape[k][h]);
		}
		for (int h = 0; h < 24; h++)
			w->shape[k][h] /= mx;
		for (int d = 0; d < 7; d++)
			w->wday[k][d] = exp(0.25 * gauss(&w->r));
		if (k <= 2) {	/* outdoor kinds: weekend nights */
			w->wday[k][4] *= range(&w->r, 1, 1.6);
			w->wday[k][5] *= range(&w->r, 1, 1.6);
		}
		w->wday[k][6] *= range(&w->r, 0.5, 1.1);
		w->amp[k] = range(&w->r, 0, k == 1 ? 0.9 : 0.6);
		w->phase[k] = range(&w->r, 0, 365);
		w->dip[k] = unif(&w->r) < 0.3 ? range(&w->r, 0.4, 0.8) : 1;
	}
}

static double season(const struct bw_world *w, int k, int doy)
{
	double s = exp(w->amp[k] * sin(2 * M_PI * (doy - w->phase[k]) / 365.0));
	double jul = (doy - 197) / 12.0;	/* a July dip, smooth */

	return s * (1 - (1 - w->dip[k]) * exp(-jul * jul));
}

static int is_open(const struct wplace *p, int wd, int h)
{
	if (p->days && !(p->days >> wd & 1))
		return 0;
	return h >= p->open_h && h < p->close_h;
}

double bw_truth(const struct bw_world *w, int place, int64_t t)
{
	const struct wplace *p = &w->pl[place];
	struct tz_civil c;
	int64_t day;
	int wd, doy;
	double x;

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	wd = tz_weekday(day);
	doy = (int)(day - tz_days_from_civil(c.year, 1, 1));
	if (!is_open(p, wd, c.hour))
		return 0;
	if (place == w->ch[0].place && t >= w->ch[0].at)
		return 0;
	x = p->level * w->shape[p->kind][c.hour] * w->wday[p->kind][wd] * season(w, p->kind, doy);
	x *= exp(p->trend * (double)(t - w->mid) / (365.0 * DAY_S));
	if (place == w->ch[1].place && t >= w->ch[1].at)
		x *= w->hot;
	return x;
}

/* ---- places ------------------------------------------------------------- */
static int draw_kind(struct bw_world *w)
{
	double tot = 0, u;

	for (int k = 0; k < NKIND; k++)
		tot += KINDS[k].weight;
	u = unif(&w->r) * tot;
	for (int k = 0; k < NKIND; k++)
		if ((u -= KINDS[k].weight) < 0)
			return k;
	return 0;
}

static void hours_text(struct wplace *p)
{
	static const char *const D[7] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
	char days[32] = "";

	if (!p->days) {
		p->hours[0] = 0;
		return;
	}
	for (int d = 0; d < 7; d++)
		if (p->days >> d & 1)
			snprintf(days + strlen(days), sizeof days - strlen(days), "%s%s",
				 *days ? "," : "", D[d]);
	snprintf(p->hours, sizeof p->hours, "%s %02d:00-%02d:00", days, p->open_h, p->close_h);
}

static const char *const AREAS[4] = { "north", "east", "west", "south" };

/* On a grid 400 m apart (coordinates attach to one place only), in four
 * areas by quadrant. */
static void draw_places(struct bw_world *w, double volume)
{
	int side = (int)ceil(sqrt(w->np));

	w->pl = xcalloc((size_t)w->np, sizeof *w->pl);
	w->mp = xcalloc((size_t)w->np, sizeof *w->mp);
	for (int i = 0; i < w->np; i++) {
		struct wplace *p = &w->pl[i];
		const struct kinddef *k;
		int gx = i % side, gy = i / side;

		p->kind = i < NKIND ? i : draw_kind(w);	/* every kind at least once */
		k = &KINDS[p->kind];
		p->area = (gx * 2 / side) + 2 * (gy * 2 / side);
		p->days = k->days;
		p->open_h = k->open_h;
		p->close_h = k->close_h;
		if (p->kind == 6)
			p->days = 1u << pick(&w->r, 5);
		if (p->kind == 7)
			p->days = (1u << pick(&w->r, 3)) | (1u << (3 + pick(&w->r, 2)));
		p->level = k->level * volume * exp(0.7 * gauss(&w->r));
		p->trend = 0.25 * gauss(&w->r);
		snprintf(p->key, sizeof p->key, "w%02d", i);
		hours_text(p);
		w->mp[i] = (struct plan_model_place){ p->key, k->name, AREAS[p->area],
			61.49 + gy * 0.0036 + 0.0004 * gauss(&w->r),
			23.76 + gx * 0.0075 + 0.0008 * gauss(&w->r), p->hours };
	}
}

/* ---- effort -------------------------------------------------------------- */
static int in_area(struct bw_world *w, int area, int skip)
{
	for (int t = 0; t < 50; t++) {
		int p = pick(&w->r, w->np);

		if (w->pl[p].area == area && p != skip)
			return p;
	}
	return pick(&w->r, w->np);
}

/* Habitual places, with a preference for busy ones (the team knows them). */
static void draw_rounds(struct bw_world *w)
{
	w->nsh = 0;
	for (int a = 0; a < w->npairs; a++) {
		int n = w->sparse ? 1 + pick(&w->r, 2) : 3 + pick(&w->r, 3);

		for (int k = 0; k < HABIT; k++) {
			int best = in_area(w, w->pair_area[a], -1);

			for (int t = 0; t < 2; t++) {
				int q = in_area(w, w->pair_area[a], -1);

				best = w->pl[q].level > w->pl[best].level ? q : best;
			}
			w->habit[a * HABIT + k] = best;
		}
		for (int s = 0; s < n; s++)
			w->sh[w->nsh++] = (struct shift){ a, pick(&w->r, 7),
							  w->sparse ? 14 + pick(&w->r, 5) : 9 + pick(&w->r, 9),
							  w->sparse ? 2 + pick(&w->r, 2) : 4 + pick(&w->r, 3) };
	}
}

static void add_visit(struct bw_world *w, int place, int64_t a, int64_t b)
{
	if (w->nv == w->capv) {
		w->capv = w->capv ? 2 * w->capv : 1024;
		w->v = xrealloc(w->v, (size_t)w->capv * sizeof *w->v);
	}
	w->v[w->nv++] = (struct plan_model_visit){ place, a, b };
}

static int open_at(const struct bw_world *w, int place, int64_t t)
{
	struct tz_civil c;
	int64_t day;

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	return is_open(&w->pl[place], tz_weekday(day), c.hour);
}

/* One shift: stops of 30-90 minutes, mostly at the pair's habitual places,
 * skipping places that are closed at the time. */
static void run_shift(struct bw_world *w, const struct shift *s, int64_t t, int64_t end)
{
	while (t < end - 1200) {
		int p = -1;

		for (int tries = 0; tries < 8 && p < 0; tries++) {
			double u = unif(&w->r);
			int q = u < 0.7 ? w->habit[s->pair * HABIT + pick(&w->r, HABIT)]
				: u < 0.93 ? in_area(w, w->pair_area[s->pair], -1) : pick(&w->r, w->np);

			p = open_at(w, q, t) ? q : -1;
		}
		if (p >= 0) {
			int64_t b = t + (int64_t)range(&w->r, 30, 90) * 60;

			add_visit(w, p, t, b < end ? b : end);
			t = b + 600;
		} else {
			t += 1800;
		}
	}
}

static void draw_effort(struct bw_world *w)
{
	int64_t day0 = w->start / DAY_S;

	draw_rounds(w);
	for (int64_t wk = 0; wk < w->weeks + BW_TEST_WEEKS; wk++) {
		if (w->change_rounds && wk == w->weeks / 2)
			draw_rounds(w);
		for (int i = 0; i < w->nsh; i++) {
			const struct shift *s = &w->sh[i];
			struct tz_civil c = { 0 };
			int64_t t;

			if (unif(&w->r) < 0.08)
				continue;	/* missed */
			tz_civil_from_days(day0 + wk * 7 + s->weekday + 1, &c.year, &c.month, &c.day);
			c.hour = s->start_h;
			c.min = (int)(unif(&w->r) * 20);
			t = tz_from_local(&c);
			run_shift(w, s, t, t + (int64_t)s->len_h * 3600);
		}
	}
}

/* ---- changes and encounters --------------------------------------------- */
static int always_open_habit(struct bw_world *w, int skip)
{
	for (int t = 0; t < 200; t++) {
		int p = w->habit[pick(&w->r, w->npairs * HABIT)];

		if (!w->pl[p].days && w->pl[p].close_h == 24 && p != skip)
			return p;
	}
	return -1;
}

static void draw_changes(struct bw_world *w)
{
	int64_t test = w->end - (int64_t)BW_TEST_WEEKS * WEEK_S;
	int c = always_open_habit(w, -1), h = always_open_habit(w, c);

	w->ch[0] = (struct bw_change){ c, w->end - (int64_t)range(&w->r, 56, 140) * DAY_S, 0 };
	w->ch[1] = (struct bw_change){ h, test - 10 * WEEK_S, 1 };
	w->hot = range(&w->r, 4, 8);
	if (h >= 0 && w->pl[h].level > KINDS[w->pl[h].kind].level)	/* quiet before */
		w->pl[h].level = KINDS[w->pl[h].kind].level * range(&w->r, 0.2, 0.5);
}

static void draw_groups(struct bw_world *w)
{
	double tot = 0, m = 0;

	for (int g = 1; g <= MAXG; g++) {
		w->gp[g] = w->heavy ? pow(g, -2.3) : g > 6 ? 0 : exp(-0.6) * pow(0.6, g - 1) /
								 tgamma(g);
		tot += w->gp[g];
	}
	for (int g = 1; g <= MAXG; g++) {
		w->gp[g] /= tot;
		m += g * w->gp[g];
	}
	w->gmean = m;
}

static int draw_group(struct bw_world *w)
{
	double u = unif(&w->r);

	for (int g = 1; g < MAXG; g++)
		if ((u -= w->gp[g]) < 0)
			return g;
	return MAXG;
}

static void add_encounter(struct bw_world *w, int place, int64_t t, int people)
{
	struct plan_model_encounter x = { place, t, 0, 0, people };

	if (unif(&w->r) < 0.08) {	/* logged by coordinates only */
		x.place = -1;
		x.lat = w->mp[place].lat + 0.0003 * gauss(&w->r);
		x.lon = w->mp[place].lon + 0.0005 * gauss(&w->r);
	}
	if (w->nx == w->capx) {
		w->capx = w->capx ? 2 * w->capx : 1024;
		w->x = xrealloc(w->x, (size_t)w->capx * sizeof *w->x);
	}
	w->x[w->nx++] = x;
}

static void draw_encounters(struct bw_world *w)
{
	for (int i = 0; i < w->nv; i++) {
		const struct plan_model_visit *v = &w->v[i];

		for (int64_t h0 = v->start - v->start % 3600; h0 < v->end; h0 += 3600) {
			int64_t a = v->start > h0 ? v->start : h0, b = v->end < h0 + 3600 ? v->end : h0 + 3600;
			double mean = bw_truth(w, v->place, h0) * (double)(b - a) / 3600.0;
			int n = b > a ? poisson(&w->r, mean / w->gmean) : 0;

			for (int k = 0; k < n; k++)
				add_encounter(w, v->place, a + (int64_t)(unif(&w->r) * (double)(b - a)),
					      draw_group(w));
		}
	}
}

struct bw_world *bw_new(uint64_t seed, int weeks, int places)
{
	struct bw_world *w;
	struct tz_civil c = { 0 };
	int64_t endday;

	if (weeks < 8 || weeks > 520)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->r = (struct rng){ seed * 0x5851f42d4c957f2dull + 0x14057b7ef767814full,
			     (seed << 1) | 1 };
	for (int i = 0; i < 8; i++)
		rnd32(&w->r);
	w->np = places > 0 ? places : 32;
	w->weeks = weeks;
	endday = tz_days_from_civil(2026, 1, 5) + 7 * pick(&w->r, 52);	/* a Monday */
	tz_civil_from_days(endday, &c.year, &c.month, &c.day);
	w->end = tz_from_local(&c);
	tz_civil_from_days(endday - 7 * (weeks + BW_TEST_WEEKS), &c.year, &c.month, &c.day);
	w->start = tz_from_local(&c);
	w->mid = (w->start + w->end) / 2;
	w->sparse = unif(&w->r) < 0.2;
	w->heavy = unif(&w->r) < 0.35;
	w->change_rounds = unif(&w->r) < 0.35;
	w->npairs = w->sparse ? 1 : 2 + pick(&w->r, 4);
	w->pair_area = xcalloc((size_t)w->npairs, sizeof *w->pair_area);
	w->habit = xcalloc((size_t)w->npairs * HABIT, sizeof *w->habit);
	w->sh = xcalloc((size_t)w->npairs * 6, sizeof *w->sh);
	for (int a = 0; a < w->npairs; a++)
		w->pair_area[a] = a % 4;
	draw_shapes(w);
	draw_places(w, range(&w->r, 0.5, 2));
	draw_groups(w);
	draw_effort(w);
	draw_changes(w);
	draw_encounters(w);
	snprintf(w->traits, sizeof w->traits, "%dp%s%s%s", w->npairs, w->sparse ? ",sparse" : "",
		 w->heavy ? ",heavy" : "", w->change_rounds ? ",rounds" : "");
	return w;
}

void bw_free(struct bw_world *w)
{
	if (!w)
		return;
	free(w->pl);
	free(w->mp);
	free(w->habit);
	free(w->pair_area);
	free(w->sh);
	free(w->v);
	free(w->x);
	free(w);
}

int bw_nplaces(const struct bw_world *w)
{
	return w->np;
}

const struct plan_model_place *bw_places(const struct bw_world *w)
{
	return w->mp;
}

const struct plan_model_visit *bw_visits(const struct bw_world *w, int *n)
{
	*n = w->nv;
	return w->v;
}

const struct plan_model_encounter *bw_encounters(const struct bw_world *w, int *n)
{
	*n = w->nx;
	return w->x;
}

int64_t bw_start(const struct bw_world *w)
{
	return w->start;
}

int64_t bw_end(const struct bw_world *w)
{
	return w->end;
}

const struct bw_change *bw_changes(const struct bw_world *w)
{
	return w->ch;
}

const char *bw_traits(const struct bw_world *w)
{
	return w->traits;
}
