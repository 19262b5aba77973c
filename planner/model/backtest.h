/*
 * backtest.h - how well the encounter model's own past forecasts did on
 * the team's history, and the calibration of its ranges from that.
 *
 * At K rolling origins (the last K windows of N weeks before the fit's
 * `now`), the model is re-fitted on the data before the origin only and
 * forecasts the window's logged place-hours (every UTC hour a pair was at
 * a place). Each logged hour is scored against the people met there: the
 * error of the expected number (against a naive forecast), and whether the
 * count fell in the predictive 80 % range (a negative binomial; for a
 * count its non-randomised PIT share, so that a calibrated range scores
 * 80 % on average). The calibration: a level factor per place kind
 * (shrunk towards the pooled one), a factor on the rate's relative
 * variance from the errors of the places' windows (thin and watched cells
 * apart) and a factor on the people per event such that the predictive
 * ranges cover 80 % of the logged hours; the rate range follows from the
 * width factor. planner/README.md, "Calibration", has the method and its
 * citations.
 *
 * Ownership: the backtest belongs to the model that ran it
 *            (plan_model_fit with opts.backtest_origins > 0); the pointer
 *            returned by plan_model_backtest is borrowed until
 *            plan_model_free. plan_backtest_free is for the model only.
 * Threads:   read-only once fitted.
 */
#ifndef PLANNER_BACKTEST_H
#define PLANNER_BACKTEST_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

struct plan_model;
struct plan_backtest;

#define PLAN_BT_MIN_HOURS 100	/* logged hours below which no calibration */

/* One row of figures: all logged hours, or one kind of place. */
struct plan_bt_row {
	const char *kind;	/* "all", or the place kind */
	int hours;		/* logged place-hours scored */
	double people, expected;	/* met there, and the forecasts' sum */
	double mae, mae_naive;	/* per logged hour, people */
	double skill;		/* 1 - mae / mae_naive */
	double cover_model;	/* predictive 80 % range, the model's own */
	double cover_cal;	/* after calibration (each origin calibrated on
				 * the other origins only: out of sample) */
	double level;		/* the calibration's factor on this kind's mean */
};

struct plan_bt_info {
	int origins, weeks;	/* as asked */
	int used;		/* origins with training data and logged hours */
	int64_t first, end;	/* first origin and the end of the last window */
	int calibrated;		/* 0: too little history, the model's own ranges */
	const char *note;	/* why not calibrated, or "" */
	double hotspot;		/* share of the logged top-10 % cells' people per
				 * hour that the forecasts' top 10 % captured */
	/* the calibration, pooled over the kinds: factors on the rate's
	 * relative variance of thin cells (no hours of their own) and of
	 * watched ones (blended by support), on the people per event */
	double width_thin, width_watched, disp;
	int nrows;		/* rows: [0] all, then kinds with logged hours */
	const struct plan_bt_row *rows;
};

/* The backtest of a fitted model, or NULL if none ran. */
const struct plan_bt_info *plan_model_backtest(const struct plan_model *m);

void plan_backtest_free(struct plan_backtest *b);

/* The backtest (with "changes") as a new JSON object (caller decrefs);
 * {"calibrated": false, "note": ...} when none ran. */
json_t *plan_backtest_json(const struct plan_model *m);
/* The detected changes as a new JSON array: place, since, direction,
 * ratio, people, expected. */
json_t *plan_model_changes_json(const struct plan_model *m);
/* The backtest as a text table on f; 0 or -1 on a write error. */
int plan_backtest_print(const struct plan_model *m, FILE *f);

/* The fractional (non-randomised PIT) coverage of a count y by the central
 * range of mass `level` of a negative binomial (mu, size r): the chance
 * that the randomised PIT of y falls inside [(1-level)/2, (1+level)/2]. */
double plan_nb_cover(double mu, double r, int y, double level);

#endif
