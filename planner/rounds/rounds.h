/*
 * rounds.h - weekly rounds: for every pair, recurring weekly shifts
 * (weekday, start, end) and for each a walking route (stops with arrival,
 * leaving and what to expect), planned from the forecast so that the team
 * meets as many people as it can while keeping the rhythm people rely on.
 * Method (planner/README.md): value each candidate shift slot by solving
 * its route as an orienteering problem with time-dependent prizes
 * (planner/toptw.h), cover partner commitments first, then choose slots
 * greedily by value per hour under the workers' weekly budgets, with no
 * two pairs at one place at one time; a share of the hours explores
 * uncertain place-hours; last week's template is kept unless a change
 * gains more than the stability threshold.
 * Ownership: the store is borrowed; the report is the caller's.
 * Errors: 0 or a negative ERR_*; an unmet commitment is not an error but
 * a line in the report.
 */
#ifndef PLANNER_ROUNDS_H
#define PLANNER_ROUNDS_H

#include <stdint.h>

#include "planner/model/model.h"

struct err;
struct store;

/* Where the expected people come from: place is an index into the team's
 * places in key order (as store_place_each gives them). */
struct plan_rates_src {
	int (*rate)(void *ud, int place, int64_t t, struct plan_rate *r);
	void *ud;
};

/* Walking seconds and metres between n points (row-major n*n). */
struct plan_travel_src {
	int (*matrix)(void *ud, const double *lat, const double *lon, int n,
		      double *seconds, double *metres, struct err *e);
	void *ud;
};

struct plan_rounds_opts {
	int64_t from_day;	/* first day of the plan (day number) */
	int weeks;		/* 1..104 */
	double explore;		/* share of hours exploring; default 0.10 */
	double stability;	/* gain a change must beat; default 0.15 */
	int shift_minutes;	/* length of a shift; default 240 */
	double walk_cap_minutes;	/* walking per shift; default 120 */
	double speed_kmh;	/* default 4.5 */
	uint64_t seed;		/* default 1 */
	long solver_iter;	/* orienteering iterations per slot; default 150 */
	const struct plan_rates_src *rates;	/* NULL: the model of the store */
	const struct plan_travel_src *travel;	/* NULL: straight lines x 1.3 */
	int publish;		/* publish the plan at once */
	int dry_run;		/* plan, report, store nothing */
};

void plan_rounds_opts_init(struct plan_rounds_opts *o);

struct plan_rounds_report {
	int64_t plan_id;		/* 0 in a dry run */
	int shifts, stops, exploration_stops;
	double planned_hours, expected_people;
	int prev_stops, kept_stops;	/* against last week's template */
	int unmet;			/* commitments not covered */
	char unmet_text[2048];		/* one line each */
	double seconds;
};

int plan_rounds_run(struct store *s, const struct plan_rounds_opts *o,
		    struct plan_rounds_report *rep, struct err *e);

/* Straight-line walking (the fallback when no street graph is imported):
 * great-circle metres x 1.3 at speed_kmh. ud points to a double speed. */
int plan_travel_straight(void *ud, const double *lat, const double *lon, int n,
			 double *seconds, double *metres, struct err *e);

#endif
