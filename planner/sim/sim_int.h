/*
 * sim_int.h - the simulator's insides, shared by planner/simulate*.c only.
 */
#ifndef PLANNER_SIM_INT_H
#define PLANNER_SIM_INT_H

#include "calendars/hours.h"
#include "planner/sim/simulate.h"

/* Kinds in the order of the model's (planner/model.c). */
enum { SIM_STREET, SIM_PARK, SIM_STATION, SIM_SHOPPING, SIM_LIBRARY, SIM_CHURCH,
       SIM_DAY_CENTRE, SIM_FOOD, SIM_MEETING, SIM_SHELTER, SIM_OTHER, SIM_NKIND };

extern const char *const sim__kind_names[SIM_NKIND];

struct sim_rng {
	uint64_t s[4];
};

struct sim_place {
	char key[65], name[257], area[24], oh[96];
	int kind, partner;		/* partner: the place is its own partner */
	double lat, lon, base, crowd;	/* people/hour at the kind's peak; crowd */
	int slot_wd, slot_hr;		/* food distribution: weekly 2-hour slot */
	struct cal_hours hours;
};

struct sim_shift {
	int wd, start, end;		/* local minutes */
};

struct sim_pair {
	char key[32], a[32], b[32], area[24];
	int habit[6], nhabit;
	struct sim_shift sh[7];
	int nsh;
};

struct plan_sim {
	char scenario[16];
	double volume, coord_share, weekly_hours;
	int weeks;
	struct sim_rng rng;
	struct sim_place *pl;
	int np;
	struct plan_model_place *mp;
	struct sim_pair *pairs;
	int npairs;
	double hidden[4][2];
	int nhidden;
	int64_t day0, t0, t1;
	struct plan_model_visit *v;
	int *vpair;
	int nv, capv;
	struct plan_model_encounter *x;
	int *xnew, *xanon;
	int nx, capx;
};

void sim__seed(struct sim_rng *r, uint64_t seed);
double sim__unif(struct sim_rng *r);
int sim__below(struct sim_rng *r, int n);
int sim__poisson(struct sim_rng *r, double lambda);

/* True rate on an ordinary day (month 1..12), the place open. */
double sim__rate_how(const struct plan_sim *s, int p, int how, int month);
void sim__visit(struct plan_sim *s, int pair, int p, int64_t a, int64_t b);
void sim__push_enc(struct plan_sim *s, int place, int64_t t, double lat, double lon,
		   int people);

#endif
