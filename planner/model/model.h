/*
 * model.h - where and when people are met: an effort-corrected encounter
 * model (people met per hour of presence, per place and local hour of the
 * week), with season, Finnish public holidays, recency weighting and
 * empirical-Bayes Poisson-Gamma shrinkage. Formulas: planner/README.md.
 *
 * Build path: plan_model_fit (arrays) or plan_model_fit_store (the store's
 * places, visits and encounters) -> struct plan_model.
 * Read path:  plan_model_rate(model, place, instant) -> mean, the 80 % range
 *             of the rate (expected people), the 80 % range of people met
 *             in one hour (predictive), the Gamma posterior (shape, rate)
 *             for exploration values; plan_model_change: a detected change
 *             per place; plan_model_backtest: the rolling-origin backtest
 *             and the calibration it gave (opts.backtest_origins > 0).
 *
 * Ownership: plan_model_fit* results belong to the caller (plan_model_free;
 *            NULL is a no-op). Input arrays are borrowed during the fit only.
 *            Strings returned by plan_model_place_key are borrowed until free.
 * Threads:   a fitted model is read-only: share it between threads freely.
 * Errors:    0 or a negative ERR_* (util/err.h), text in the optional err.
 * Times:     instants are int64 UTC seconds; hours of the week are local
 *            Europe/Helsinki: 0 = Monday 00-01 ... 167 = Sunday 23-24.
 */
#ifndef PLANNER_MODEL_H
#define PLANNER_MODEL_H

#include <stdint.h>

struct err;
struct store;
struct plan_model;

#define PLAN_HOURS_OF_WEEK 168
#define PLAN_ATTACH_M 250.0	/* coordinates attach to a place within this */
#define PLAN_HALF_LIFE_DAYS 730.0	/* default recency half-life */

/* A place as the model sees it. Strings are copied by the fit. */
struct plan_model_place {
	const char *key, *kind, *area;	/* area "" or NULL: none */
	double lat, lon;
	const char *opening_hours;	/* "" or NULL: always accessible */
};

/* Presence of a pair at place (index into the places array). */
struct plan_model_visit {
	int place;
	int64_t start, end;
};

/* People met at time t; place -1 means "given by lat,lon only". */
struct plan_model_encounter {
	int place;
	int64_t time;
	double lat, lon;
	int people;
};

struct plan_model_opts {
	double half_life_days;	/* <= 0: PLAN_HALF_LIFE_DAYS */
	int64_t now;		/* recency reference; 0: the latest datum */
	double interval;	/* central interval mass; <= 0: 0.8 */
	/* > 0: backtest at that many rolling origins of backtest_weeks weeks
	 * each (<= 0: 2) before `now` and calibrate the ranges from it
	 * (backtest.h; kept inside the model). 0: the model's own ranges. */
	int backtest_origins, backtest_weeks;
	int no_drift;		/* 1: no change detection (for comparisons) */
};

/* Fits the model. Bad input (place index out of range, bad opening hours,
 * end < start) is ERR_PARSE naming the row. */
int plan_model_fit(const struct plan_model_place *places, int nplaces,
		   const struct plan_model_visit *visits, int nvisits,
		   const struct plan_model_encounter *enc, int nenc,
		   const struct plan_model_opts *opts, struct plan_model **out,
		   struct err *e);

/* The same from everything the store holds. */
int plan_model_fit_store(struct store *s, const struct plan_model_opts *opts,
			 struct plan_model **out, struct err *e);

void plan_model_free(struct plan_model *m);

int plan_model_nplaces(const struct plan_model *m);
const char *plan_model_place_key(const struct plan_model *m, int place);
/* Index of the place with that key, or -1. */
int plan_model_place_index(const struct plan_model *m, const char *key);

/* The forecast for one place at one instant (the hour containing it). */
struct plan_rate {
	double mean;		/* expected people per hour of presence */
	double lower, upper;	/* central range of the rate (the expected number,
				 * default 80 %), calibrated when the model is */
	double met_lower, met_upper;	/* central range of the people actually
				 * met in one hour of presence (predictive:
				 * the rate's spread and the count's own
				 * compound-Poisson noise), whole people */
	double model_lower, model_upper;	/* the rate range before calibration */
	double relvar;		/* relative variance of the rate (calibrated) */
	double disp;		/* people per independent encounter (>= 1) */
	double shape, rate;	/* Gamma posterior of the rate (mean = shape/rate);
				 * 0,0 when closed */
	double open;		/* share of the hour the place is open, 0..1 */
	double exposure;	/* effective hours of presence behind the cell */
};

/* Fills r for place at instant t (month, holiday, opening hours of t).
 * Returns 0 or ERR_USAGE for a bad place index. */
int plan_model_rate(const struct plan_model *m, int place, int64_t t, struct plan_rate *r);

/* A change detected at a place: the recent data disagree with the long
 * history (a place that closed, a new hotspot), and the forecast follows
 * the recent level (planner/README.md, "Drift"). */
struct plan_change {
	int64_t since;		/* start of the changed period (UTC) */
	double ratio;		/* recent level / the history's, as applied */
	double people, expected;	/* met since then, and what the history expected */
};
/* 1 and fills c if a change was detected at place, else 0. */
int plan_model_change(const struct plan_model *m, int place, struct plan_change *c);

/* Encounters farther than PLAN_ATTACH_M from every place, clustered
 * (greedy, 150 m radius): candidates for new places. */
struct plan_cluster {
	double lat, lon;	/* centre (mean of members) */
	int encounters, people;
	int nearest;		/* nearest place index, -1 if none */
	double nearest_m;	/* distance to it in metres */
};
/* Number of clusters; fills up to max of them, largest first. */
int plan_model_clusters(const struct plan_model *m, struct plan_cluster *out, int max);

/* ---- numerical helpers (exposed for tests) --------------------------- */
/* Great-circle distance in metres. */
double plan_haversine_m(double lat1, double lon1, double lat2, double lon2);
/* Regularized lower incomplete gamma P(a, x), a > 0, x >= 0. */
double plan_gamma_p(double a, double x);
/* x with P(a, x) = p (0 < p < 1): the p-quantile of Gamma(a, 1). */
double plan_gamma_p_inv(double a, double p);
/* Negative binomial of mean mu and size r (variance mu + mu^2 / r; r <= 0
 * or huge: Poisson): P(Y <= y), and the least y with P(Y <= y) >= p. */
double plan_nb_cdf(double mu, double r, int y);
int plan_nb_quantile(double mu, double r, double p);
/* The predictive count of people met in `hours` of presence at a rate of
 * mean mu per hour, rate relative variance relvar, dispersion disp: the
 * size r of the moment-matched negative binomial (<= 0: Poisson). */
double plan_pred_size(double mu, double hours, double relvar, double disp);

#endif
