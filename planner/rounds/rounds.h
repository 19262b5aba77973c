/*
 * rounds.h - weekly rounds: for every pair, recurring weekly shifts
 * (weekday, start, end) and for each a walking route (stops with arrival,
 * leaving and what to expect), planned from the forecast so that the team
 * meets as many people as it can while keeping the rhythm people rely on.
 * Method (planner/README.md): value each candidate shift slot by solving
 * its route as an orienteering problem with time-dependent prizes
 * (planner/toptw.h), cover partner commitments first, then choose slots
 * greedily by value per hour on upper bounds under the workers' weekly
 * budgets, with no two pairs at one place at one time, and improve the
 * week by a local search (move, resize, split, merge, re-route) on the
 * people met over the plan's weeks; a share of the hours explores
 * uncertain place-hours; last week's template is kept unless a change
 * gains more than the stability threshold. The report bounds what any
 * plan could meet (best place-hours, walking ignored).
 * Ownership: the store is borrowed; the report is the caller's.
 * Errors: 0 or a negative ERR_*; an unmet commitment is not an error but
 * a line in the report.
 */
#ifndef PLANNER_ROUNDS_H
#define PLANNER_ROUNDS_H

#include <stddef.h>
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

enum plan_chooser {
	PLAN_CHOOSER_SEARCH,	/* bounded greedy + local search (default) */
	PLAN_CHOOSER_GREEDY,	/* the first planner's greedy, kept for comparison:
				 * every slot starts unvalued, so slots are taken
				 * nearly in calendar order */
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
	enum plan_chooser chooser;
	long search_solves;	/* local search: routes solved at most; default 800 */
	double search_seconds;	/* and a clock limit; 0 (default): none, so the plan
				 * depends on the seed only */
	int publish;		/* publish the plan at once */
	int dry_run;		/* plan, report, store nothing */
};

void plan_rounds_opts_init(struct plan_rounds_opts *o);

/* How good the plan is, and where the hours went (worker-hours a week). */
struct plan_rounds_quality {
	double bound;		/* people a week no plan can beat: the best
				 * place-hours within availability and budgets,
				 * one pair per place-hour, walking ignored */
	double people;		/* the plan's expected people a week over its
				 * weeks (holidays and absences counted) */
	double share;		/* people / bound (0 when the bound is 0) */
	double available;	/* worker-hours within budget and availability */
	double planned;		/* worker-hours in planned shifts */
	double no_overlap;	/* not planned: no overlap with the partner */
	double nothing;		/* not planned: nothing worth visiting then */
	double left;		/* not planned: budget or hours left that no
				 * further shift gains from */
	double walk_capped;	/* planned but idle in shifts at the walking cap */
};

struct plan_rounds_report {
	int64_t plan_id;		/* 0 in a dry run */
	int shifts, stops, exploration_stops;
	double planned_hours, expected_people;
	int prev_stops, kept_stops;	/* against last week's template */
	int unmet;			/* commitments not covered */
	char unmet_text[2048];		/* one line each */
	int standins;			/* days another pair covers a commitment's own */
	char standin_text[2048];	/* one line each, "stand-in: ..." */
	struct plan_rounds_quality q;
	double objective[2];		/* chooser's objective before/after local search */
	long solves;			/* routes solved */
	double seconds;
};

int plan_rounds_run(struct store *s, const struct plan_rounds_opts *o,
		    struct plan_rounds_report *rep, struct err *e);

/* Only the bound and worker-hours of the team in the store for o's weeks
 * (q->people and q->share 0): for benchmarks scoring under other rates. */
int plan_rounds_bound(struct store *s, const struct plan_rounds_opts *o,
		      struct plan_rounds_quality *q, struct err *e);

/* JSON text of q (for the stored plan and the export); buf of n bytes. */
void plan_rounds_quality_json(const struct plan_rounds_quality *q, char *buf, size_t n);

/* Straight-line walking (the fallback when no street graph is imported):
 * great-circle metres x 1.3 at speed_kmh. ud points to a double speed. */
int plan_travel_straight(void *ud, const double *lat, const double *lon, int n,
			 double *seconds, double *metres, struct err *e);

#endif
