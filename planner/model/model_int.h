/*
 * model_int.h - the encounter model's insides, shared by planner/model*.c
 * only.
 */
#ifndef PLANNER_MODEL_INT_H
#define PLANNER_MODEL_INT_H

#include "calendars/hours.h"
#include "planner/model/model.h"

#define PLAN__NKIND 11		/* kinds of place; the last is "other" */
#define PLAN__HOL_BACK 30	/* holiday bitmap: years before the data's end */
#define PLAN__HOL_YEARS 60	/* ... and years in all */

struct plan__place {
	char *key;
	int kind, area;		/* area -1: none */
	double lat, lon;
	struct cal_hours hours;
};

/* Presence on a public holiday (kept apart from ordinary days). */
struct plan__hol {
	int place, how, month;
	double hours;		/* recency-weighted */
};

struct plan_model {
	int np, narea;
	struct plan__place *pl;
	char **areas;
	double level;			/* interval mass, e.g. 0.8 */
	double *shape, *rate;		/* [place][how]: Gamma posterior of the base rate */
	double *qlo, *qhi;		/* [place][how]: its interval, base scale */
	double *expo;			/* [place][how]: effective hours of presence */
	double disp;			/* people per independent event (>= 1) */
	float *open;			/* [place][how]: open share on ordinary days */
	int64_t hol_day0;		/* day number of hol_bits' first bit */
	unsigned char hol_bits[PLAN__HOL_YEARS * 366 / 8 + 1];
	double season[PLAN__NKIND][12];	/* month factor per kind (mean 1) */
	double zlevel;			/* normal quantile of the interval's upper end */
	double season_n[PLAN__NKIND][12];	/* evidence behind S, people */
	double holiday[PLAN__NKIND];	/* public-holiday factor per kind */
	struct plan_cluster *cl;
	int ncl;
};

int plan__kind_index(const char *kind);

/* Standard normal quantile (Acklam, |rel err| < 1.2e-9). */
double plan__normal_quantile(double p);

/* Fills m->open, the open share of every hour of an ordinary week (no
 * public holiday that day nor the day before). */
void plan__open_table(struct plan_model *m);

/* E, Y: [place][how][month] weighted hours and people on ordinary days. */
void plan__estimate(struct plan_model *m, int64_t tref, const double *E, const double *Y,
		    const struct plan__hol *hol, int nhol, const double *holY);

/* far: nfar triples lat, lon, people. */
void plan__cluster(struct plan_model *m, const double *far, int nfar);

#endif
