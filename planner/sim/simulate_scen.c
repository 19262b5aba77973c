/*
 * simulate_scen.c - the four scenarios: which real places, their kinds and
 * true levels, the team (pairs, areas, habitual places and shift times)
 * and the weekly effort loop with its bias.
 */
#include "planner/sim/sim_int.h"
#include "calendars/holidays.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sim__kind_names[SIM_NKIND] = {
	"street", "park", "station", "shopping_centre", "library", "church",
	"day_centre", "food_distribution", "meeting_point", "shelter", "other",
};

#define MAX_CAND 2048
#define DEFAULT_POIS "../shared/osm/pois.csv"
#define FALLBACK_PLACES "examples/places.csv"

/* A named place read from the POI list (or examples/places.csv). */
struct cand {
	char file[40], cat[64], name[200];
	double lat, lon;
	int used;
};

/* Splits one CSV line in place (double quotes, "" escapes); returns the
 * number of fields. */
static int csv_split(char *line, char **f, int max)
{
	int n = 0;
	char *r = line, *w = line;

	while (n < max) {
		int q = *r == '"';

		f[n++] = w;
		r += q;
		while (*r && (q || (*r != ',' && *r != '\n' && *r != '\r'))) {
			if (q && *r == '"') {
				if (r[1] != '"') {
					q = 0;
					r++;
					continue;
				}
				r++;
			}
			*w++ = *r++;
		}
		if (*r != ',') {
			*w = '\0';
			break;
		}
		r++;
		*w++ = '\0';
	}
	return n;
}

static int load_cands(const char *path, struct cand *c, int max, int *n, struct err *e)
{
	FILE *f = fopen(path ? path : DEFAULT_POIS, "r");
	char line[2048], *fl[16];
	int poi = 1;

	if (!f && !path) {
		f = fopen(FALLBACK_PLACES, "r");
		poi = 0;
	}
	if (!f)
		return err_set(e, ERR_IO, "cannot read places '%s'", path ? path : DEFAULT_POIS);
	*n = 0;
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	while (*n < max && fgets(line, sizeof line, f)) {
		int k = csv_split(line, fl, 16);
		struct cand *x = &c[*n];

		if (k < 5)
			continue;
		memset(x, 0, sizeof *x);
		/* pois.csv: file,category,name,lat,lon; places.csv: key,name,kind,lat,lon */
		snprintf(x->file, sizeof x->file, "%s", poi ? fl[0] : "helsinki_centre");
		snprintf(x->cat, sizeof x->cat, "%s", poi ? fl[1] : fl[2]);
		snprintf(x->name, sizeof x->name, "%s", fl[poi ? 2 : 1]);
		x->lat = atof(fl[3]);
		x->lon = atof(fl[4]);
		if (x->name[0] && x->lat != 0)
			(*n)++;
	}
	fclose(f);
	return 0;
}

static int kind_of_cat(const char *cat)
{
	static const struct {
		const char *pat;
		int kind;
	} map[] = {
		{ "bus_station", SIM_STATION }, { "railway=station", SIM_STATION },
		{ "public_transport", SIM_STATION }, { "station", SIM_STATION },
		{ "community_centre", SIM_DAY_CENTRE }, { "social_facility", SIM_DAY_CENTRE },
		{ "day_centre", SIM_DAY_CENTRE }, { "library", SIM_LIBRARY },
		{ "park", SIM_PARK }, { "place_of_worship", SIM_CHURCH }, { "church", SIM_CHURCH },
		{ "shelter", SIM_SHELTER }, { "mall", SIM_SHOPPING },
		{ "shopping", SIM_SHOPPING }, { "supermarket", SIM_SHOPPING },
		{ "marketplace", SIM_STREET }, { "square", SIM_STREET },
		{ "pedestrian", SIM_STREET }, { "bus_stop", SIM_STREET },
		{ "toilets", SIM_STREET }, { "street", SIM_STREET },
		{ "food", SIM_FOOD }, { "meeting", SIM_MEETING },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strstr(cat, map[i].pat))
			return map[i].kind;
	return SIM_OTHER;
}

/* ASCII key from a name: lower case, Finnish letters folded, '-' between
 * words; made unique with a number. */
static void make_key(struct plan_sim *s, const char *name, char *key, size_t cap)
{
	size_t n = 0;
	int dash = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && n + 2 < cap; p++) {
		int c = *p;

		if (c == 0xC3 && p[1]) {	/* ä ö å Ä Ö Å é */
			int d = *++p;

			c = (d == 0xA4 || d == 0x84 || d == 0xA5 || d == 0x85) ? 'a'
			    : (d == 0xB6 || d == 0x96) ? 'o' : (d == 0xA9) ? 'e' : 'x';
		}
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n)
				key[n++] = '-';
			key[n++] = (char)c;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	key[n] = '\0';
	for (int i = 0, k = 2; i < s->np; i++)
		if (!strcmp(s->pl[i].key, key)) {
			snprintf(key + (n < cap - 6 ? n : cap - 6), 6, "-%d", k++ % 1000);
			i = -1;
		}
}

static double kind_base(int kind)
{
	static const double b[SIM_NKIND] = { 0.9, 0.8, 1.2, 0.6, 0.4, 0.25, 1.5, 0.3, 1.2, 0.8, 0.3 };

	return b[kind];
}

static const char *kind_hours(int kind)
{
	switch (kind) {
	case SIM_SHOPPING:
		return "Mo-Fr 09:00-21:00; Sa 09:00-18:00; Su 12:00-18:00";
	case SIM_LIBRARY:
		return "Mo-Fr 08:00-20:00; Sa,Su 10:00-17:00; PH off";
	case SIM_DAY_CENTRE:
		return "Mo-Fr 08:00-15:00; PH off";
	case SIM_STATION:
		return "Mo-Su 05:00-24:00";
	default:
		return "";
	}
}

static struct sim_place *add_place(struct plan_sim *s, const struct cand *c, int kind)
{
	struct sim_place *q = &s->pl[s->np];

	memset(q, 0, sizeof *q);
	make_key(s, c->name, q->key, sizeof q->key);
	snprintf(q->name, sizeof q->name, "%s", c->name);
	q->kind = kind;
	q->lat = c->lat;
	q->lon = c->lon;
	q->base = kind_base(kind) * exp(0.6 * (sim__unif(&s->rng) + sim__unif(&s->rng) +
					       sim__unif(&s->rng) - 1.5) * 2);
	q->partner = kind == SIM_FOOD || kind == SIM_MEETING || kind == SIM_DAY_CENTRE;
	snprintf(q->oh, sizeof q->oh, "%s", kind_hours(kind));
	s->np++;
	return q;
}

/* Takes up to max unused candidates from file whose category matches one
 * of pats ("" = any), as kind (-1: by category). */
static int take(struct plan_sim *s, struct cand *c, int nc, const char *file,
		const char *const *pats, int kind, int max)
{
	int got = 0;

	for (int i = 0; i < nc && got < max; i++) {
		int ok = !pats;

		if (c[i].used || !strstr(c[i].file, file))
			continue;
		for (int k = 0; pats && pats[k] && !ok; k++)
			ok = strstr(c[i].cat, pats[k]) != NULL;
		if (!ok)
			continue;
		c[i].used = 1;
		add_place(s, &c[i], kind >= 0 ? kind : kind_of_cat(c[i].cat));
		got++;
	}
	return got;
}

/* Areas by quadrant around the mean position. */
static void quadrant_areas(struct plan_sim *s, int from)
{
	static const char *const names[] = { "pohjoinen-lansi", "pohjoinen-ita", "etela-lansi",
					     "etela-ita" };
	double la = 0, lo = 0;

	for (int i = from; i < s->np; i++) {
		la += s->pl[i].lat / (s->np - from);
		lo += s->pl[i].lon / (s->np - from);
	}
	for (int i = from; i < s->np; i++)
		snprintf(s->pl[i].area, sizeof s->pl[i].area, "%s",
			 names[(s->pl[i].lat < la) * 2 + (s->pl[i].lon >= lo)]);
}

static struct sim_pair *add_pair(struct plan_sim *s, const char *area, int i)
{
	struct sim_pair *p = &s->pairs[s->npairs++];

	memset(p, 0, sizeof *p);
	snprintf(p->key, sizeof p->key, "pari-%d", i + 1);
	snprintf(p->a, sizeof p->a, "ohjaaja-%d", i + 1);
	snprintf(p->b, sizeof p->b, "hoitaja-%d", i + 1);
	snprintf(p->area, sizeof p->area, "%s", area);
	return p;
}

/* Habitual places: drawn among the pair's area with a weak preference for
 * the truly busy ones (teams know some of them, not all). */
static void pick_habits(struct plan_sim *s, struct sim_pair *p, int n)
{
	for (int tries = 0; p->nhabit < n && tries < 500; tries++) {
		int q = sim__below(&s->rng, s->np), dup = 0;
		const struct sim_place *x = &s->pl[q];

		if (x->kind == SIM_FOOD || x->kind == SIM_MEETING)
			continue;
		if (p->area[0] && strcmp(x->area, p->area))
			continue;
		for (int k = 0; k < p->nhabit; k++)
			dup |= p->habit[k] == q;
		if (!dup && sim__unif(&s->rng) < 0.3 + 0.5 * (x->base > kind_base(x->kind)))
			p->habit[p->nhabit++] = q;
	}
}

static void shift(struct sim_pair *p, int wd, int h0, int h1)
{
	p->sh[p->nsh++] = (struct sim_shift){ wd, h0 * 60, h1 * 60 };
}

static void scen_helsinki(struct plan_sim *s, struct cand *c, int nc, int cap)
{
	static const char *const not_shops[] = { "bus_station", "community_centre", "library",
						 "marketplace", "place_of_worship", "shelter",
						 "social_facility", "toilets", "pedestrian",
						 "park", "square", "station", "mall", NULL };
	static const int starts[] = { 9, 10, 12, 14, 16 };

	take(s, c, nc, "helsinki", not_shops, -1, cap);
	take(s, c, nc, "helsinki", NULL, -1, cap - s->np);	/* pharmacies, shops */
	quadrant_areas(s, 0);
	for (int i = 0; i < 4; i++) {
		static const char *const names[] = { "pohjoinen-lansi", "pohjoinen-ita",
						     "etela-lansi", "etela-ita" };
		struct sim_pair *p = add_pair(s, names[i], i);

		pick_habits(s, p, 4);
		for (int wd = 0; wd < 5; wd++) {
			int h = starts[sim__below(&s->rng, 5)];

			shift(p, wd, h, h + 6);
		}
	}
	s->weekly_hours = 37.5;
	s->coord_share = 0.15;
}

static void scen_porvoo(struct plan_sim *s, struct cand *c, int nc, int cap)
{
	static const char *const outdoor[] = { "pedestrian", "bus_stop", "marketplace", "park",
					       "square", NULL };
	static const char *const shops[] = { "supermarket", NULL };

	take(s, c, nc, "tampere", outdoor, -1, cap * 3 / 4);
	take(s, c, nc, "tampere", shops, -1, cap - s->np);
	if (!s->np)
		take(s, c, nc, "", NULL, -1, cap);
	for (int i = 0; i < s->np; i++)
		snprintf(s->pl[i].area, sizeof s->pl[i].area, "porvoo");
	for (int i = 0; i < 3; i++) {
		struct sim_pair *p = add_pair(s, "porvoo", i);

		snprintf(p->b, sizeof p->b, "ohjaaja-%d", (i + 1) % 3 + 1);
		pick_habits(s, p, 3);
		shift(p, 1 + i, 10 + 4 * i, 12 + 4 * i);	/* same slot every week */
	}
	s->weekly_hours = 5;
	s->coord_share = 0.1;
}

static void scen_food(struct plan_sim *s, struct cand *c, int nc)
{
	static const char *const halls[] = { "place_of_worship", "community_centre",
					     "social_facility", NULL };
	static const char *const street[] = { "square", "pedestrian", "marketplace", "park",
					      NULL };
	static const double crowd[] = { 140, 20, 25, 145, 60 };
	static const int wd[] = { 2, 3, 1, 4, 0 }, hr[] = { 12, 14, 11, 12, 17 };
	int n = take(s, c, nc, "helsinki", halls, SIM_FOOD, 5);

	for (int i = 0; i < n; i++) {
		s->pl[i].crowd = crowd[i];
		s->pl[i].slot_wd = wd[i];
		s->pl[i].slot_hr = hr[i];
		snprintf(s->pl[i].oh, sizeof s->pl[i].oh, "%s %02d:00-%02d:00; PH off",
			 tz_weekday_name(wd[i]), hr[i], hr[i] + 2);
	}
	take(s, c, nc, "helsinki", street, -1, 10);
	for (int i = 0; i < s->np; i++)
		snprintf(s->pl[i].area, sizeof s->pl[i].area, "paijat-hame");
	pick_habits(s, add_pair(s, "paijat-hame", 0), 3);
	shift(&s->pairs[0], 1, 10, 14);
	s->weekly_hours = 37.5;
	s->coord_share = 0.1;
}

static void scen_meeting(struct plan_sim *s, struct cand *c, int nc)
{
	static const char *const rooms[] = { "library", "community_centre", "social_facility",
					     NULL };
	static const char *const street[] = { "square", "pedestrian", "park", NULL };
	static const char *const oh[] = { "Mo-Fr 10:00-14:00; PH off", "Mo,We 09:00-15:00; PH off",
					  "Tu-Th 12:00-16:00; PH off", "Mo-Fr 09:00-12:00; PH off" };
	int n = take(s, c, nc, "helsinki", rooms, SIM_MEETING, 4);

	for (int i = 0; i < n; i++)
		snprintf(s->pl[i].oh, sizeof s->pl[i].oh, "%s", oh[i]);
	take(s, c, nc, "helsinki", street, -1, 8);
	for (int i = 0; i < s->np; i++)
		snprintf(s->pl[i].area, sizeof s->pl[i].area, "satakunta");
	for (int i = 0; i < 2; i++) {
		pick_habits(s, add_pair(s, "satakunta", i), 2);
		shift(&s->pairs[i], 3 + i, 15, 18);
	}
	s->weekly_hours = 37.5;
	s->coord_share = 0.1;
}

/* Spots where people are met that no place covers (for places suggest). */
static void hidden_spots(struct plan_sim *s)
{
	for (int tries = 0; tries < 200 && s->nhidden < 2 && s->np; tries++) {
		const struct sim_place *q = &s->pl[sim__below(&s->rng, s->np)];
		double lat = q->lat + (sim__unif(&s->rng) - 0.5) * 0.012;
		double lon = q->lon + (sim__unif(&s->rng) - 0.5) * 0.024, best = INFINITY;

		for (int i = 0; i < s->np; i++) {
			double d = plan_haversine_m(lat, lon, s->pl[i].lat, s->pl[i].lon);

			best = d < best ? d : best;
		}
		if (best > 400 && best < 900) {
			s->hidden[s->nhidden][0] = lat;
			s->hidden[s->nhidden++][1] = lon;
		}
	}
}

/* ---- the weekly effort ---------------------------------------------------- */
static int64_t local_at(int64_t day, int minute)
{
	struct tz_civil c = { 0 };

	tz_civil_from_days(day, &c.year, &c.month, &c.day);
	c.hour = minute / 60;
	c.min = minute % 60;
	if (c.hour == 24) {
		tz_civil_from_days(day + 1, &c.year, &c.month, &c.day);
		c.hour = 0;
	}
	return tz_from_local(&c);
}

static double stop_weight(const struct plan_sim *s, const struct sim_pair *p, int q)
{
	const struct sim_place *x = &s->pl[q];

	if (x->kind == SIM_FOOD || x->kind == SIM_MEETING)
		return 0;
	for (int k = 0; k < p->nhabit; k++)
		if (p->habit[k] == q)
			return 12;
	return !p->area[0] || !strcmp(p->area, x->area) ? 1 : 0.1;
}

static int choose_stop(struct plan_sim *s, const struct sim_pair *p)
{
	double tot = 0, u;

	for (int q = 0; q < s->np; q++)
		tot += stop_weight(s, p, q);
	u = sim__unif(&s->rng) * tot;
	for (int q = 0; q < s->np; q++) {
		u -= stop_weight(s, p, q);
		if (u < 0)
			return q;
	}
	return s->np - 1;
}

static void round_of(struct plan_sim *s, int pi, int64_t day, const struct sim_shift *sh)
{
	int64_t t = local_at(day, sh->start), end = local_at(day, sh->end);

	while (t + 1800 <= end) {
		int q = choose_stop(s, &s->pairs[pi]);
		int64_t stay = 1800 + 900 * sim__below(&s->rng, 5);

		if (t + stay > end)
			stay = end - t;
		sim__visit(s, pi, q, t, t + stay);
		t += stay + 600 + 300 * sim__below(&s->rng, 3);
	}
	for (int h = 0; h < s->nhidden; h++)
		if (sim__unif(&s->rng) < 0.3)
			sim__push_enc(s, -1, local_at(day, sh->start) + 60 * (7 + 13 * h),
				      s->hidden[h][0] + (sim__unif(&s->rng) - 0.5) * 0.001,
				      s->hidden[h][1] + (sim__unif(&s->rng) - 0.5) * 0.002, 1);
}

static void week_food(struct plan_sim *s, int64_t monday)
{
	for (int q = 0; q < s->np; q++) {
		const struct sim_place *x = &s->pl[q];
		int64_t day = monday + x->slot_wd;
		double p = (q == 0 || q == 3) ? 0.75 : 0.12;

		if (x->kind != SIM_FOOD || cal_holiday_on(day) || sim__unif(&s->rng) >= p)
			continue;
		sim__visit(s, 0, q, local_at(day, x->slot_hr * 60 - 30),
			   local_at(day, x->slot_hr * 60 + 120));
	}
}

static void week_meeting(struct plan_sim *s, int64_t monday)
{
	for (int q = 0; q < s->np; q++) {
		const struct sim_place *x = &s->pl[q];

		if (x->kind != SIM_MEETING)
			continue;
		for (int wd = 0; wd < 7; wd++) {
			int64_t day = monday + wd;

			if (cal_holiday_on(day) || sim__unif(&s->rng) < 0.05)
				continue;
			for (int k = 0; k < x->hours.n[wd]; k++)
				sim__visit(s, q % s->npairs, q, local_at(day, x->hours.span[wd][k].start),
					   local_at(day, x->hours.span[wd][k].end));
		}
	}
}

static void simulate_weeks(struct plan_sim *s)
{
	for (int w = 0; w < s->weeks; w++) {
		int64_t monday = s->day0 + 7 * w;

		for (int pi = 0; pi < s->npairs; pi++)
			for (int k = 0; k < s->pairs[pi].nsh; k++) {
				const struct sim_shift *sh = &s->pairs[pi].sh[k];
				int64_t day = monday + sh->wd;

				if (sim__unif(&s->rng) < 0.1 ||
				    (cal_holiday_on(day) && sim__unif(&s->rng) < 0.5))
					continue;
				round_of(s, pi, day, sh);
			}
		if (!strcmp(s->scenario, "food"))
			week_food(s, monday);
		if (!strcmp(s->scenario, "meeting"))
			week_meeting(s, monday);
	}
}

static int setup(struct plan_sim *s, const struct plan_sim_opts *o, struct err *e)
{
	struct cand *c = xcalloc(MAX_CAND, sizeof *c);
	int nc = 0, rc = load_cands(o->pois, c, MAX_CAND, &nc, e);

	if (!rc) {
		s->pl = xcalloc(MAX_CAND, sizeof *s->pl);
		s->pairs = xcalloc(8, sizeof *s->pairs);
		if (!strcmp(s->scenario, "helsinki"))
			scen_helsinki(s, c, nc, o->places > 0 ? o->places : 80);
		else if (!strcmp(s->scenario, "porvoo"))
			scen_porvoo(s, c, nc, o->places > 0 ? o->places : 20);
		else if (!strcmp(s->scenario, "food"))
			scen_food(s, c, nc);
		else
			scen_meeting(s, c, nc);
		if (!s->np)
			rc = err_set(e, ERR_PARSE, "no usable places for scenario '%s'", s->scenario);
	}
	free(c);
	return rc;
}

static void model_places(struct plan_sim *s)
{
	struct err e;

	s->mp = xcalloc((size_t)s->np, sizeof *s->mp);
	for (int i = 0; i < s->np; i++) {
		struct sim_place *q = &s->pl[i];

		cal_hours_parse(q->oh, &q->hours, &e);
		s->mp[i] = (struct plan_model_place){ q->key, sim__kind_names[q->kind], q->area,
						      q->lat, q->lon, q->oh };
	}
}

int plan_sim_new(const struct plan_sim_opts *o, struct plan_sim **out, struct err *e)
{
	struct plan_sim *s;
	int known = 0, rc;

	*out = NULL;
	for (int i = 0; plan_sim_scenarios[i]; i++)
		known |= o->scenario && !strcmp(o->scenario, plan_sim_scenarios[i]);
	if (!known)
		return err_set(e, ERR_USAGE, "unknown scenario '%s' (porvoo, helsinki, food, meeting)",
			       o->scenario ? o->scenario : "");
	if (o->weeks < 1 || o->weeks > 1040)
		return err_set(e, ERR_USAGE, "weeks %d not in 1..1040", o->weeks);
	s = xcalloc(1, sizeof *s);
	snprintf(s->scenario, sizeof s->scenario, "%s", o->scenario);
	s->weeks = o->weeks;
	s->volume = o->volume > 0 ? o->volume : 1;
	sim__seed(&s->rng, o->seed);
	s->day0 = o->start_day ? o->start_day : tz_days_from_civil(2026, 11, 23) - 7 * o->weeks;
	s->day0 -= tz_weekday(s->day0);
	s->t0 = local_at(s->day0, 0);
	s->t1 = local_at(s->day0 + 7 * o->weeks, 0);
	rc = setup(s, o, e);
	if (rc) {
		plan_sim_free(s);
		return rc;
	}
	model_places(s);
	hidden_spots(s);
	simulate_weeks(s);
	*out = s;
	return 0;
}
