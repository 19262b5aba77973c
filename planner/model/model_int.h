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

/* Presence in the recent weeks, for change detection (model_drift.c). */
struct plan__piece {
	int place;
	int64_t h0;
	double hours;		/* open hours of presence, recency-weighted */
};

/* A detected change per place (ratio 1: none). */
struct plan__drift {
	double ratio, var;	/* applied factor and its relative variance */
	double people, expected;
	int64_t since;
};

/* The calibration from the backtest (all 1: none). */
struct plan__cal {
	double level[PLAN__NKIND];	/* factor on the mean, per kind */
	double width[2];		/* on the rate's relative variance: cells
					 * with no hours of their own, watched
					 * ones (blended by support) */
	double disp;			/* on the people per event */
};
#define PLAN__SUPPORT_H 4.0	/* hours of presence at which a cell is half watched */

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
	double *aq;			/* [place][how]: the rate's shape in events */
	struct plan__drift *drift;	/* [place], NULL: no detection ran */
	struct plan__cal cal;
	int calibrated;
	struct plan_backtest *bt;	/* owned; NULL: no backtest */
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

/* Change detection at the end of the fit: pieces of presence and the
 * people met per place and week back from tref (DRIFT_WEEKS columns). */
#define PLAN__DRIFT_WEEKS 26
void plan__drift(struct plan_model *m, int64_t tref, const struct plan__piece *pc, int npc,
		 const double *wy);

/* The backtest and calibration at the end of a fit with opts'
 * backtest_origins > 0 (backtest.c): fills m->bt, m->cal, m->calibrated. */
int plan__backtest(struct plan_model *m, const struct plan_model_place *places, int np,
		   const struct plan_model_visit *v, int nv, const struct plan_model_encounter *x,
		   int nx, const struct plan_model_opts *o, int64_t end, struct err *e);

/* far: nfar triples lat, lon, people. */
void plan__cluster(struct plan_model *m, const double *far, int nfar);

#endif
