/*
 * rounds_int.h - shared inside the weekly-rounds planner (rounds*.c).
 * Times inside are minutes after local midnight of the slot's day.
 */
#ifndef PLANNER_ROUNDS_INT_H
#define PLANNER_ROUNDS_INT_H

#include "calendars/hours.h"
#include "planner/rounds/rounds.h"
#include "store/store.h"
#include "util/rhythm.h"

#define RT_MAX_STOPS 24
#define RT_MAX_COPIES 6		/* nodes a place at most in a slot's route */
#define RT_BUSY 6		/* places of a slot that may get that many */
#define RT_MAX_AVAIL 8
#define RT_STEP 5		/* minutes: resolution of opening and blocking */
#define RT_EXPOSED_H 4.0	/* hours of presence behind a well-known cell */

struct rt_place {
	int64_t id, partner_id;
	char key[STORE_KEY_MAX + 1], area[STORE_KEY_MAX + 1];
	double lat, lon;
	int stay;
	int pinned, banned;	/* the lead's choices (settings plan.pinned/banned) */
	unsigned char open[7][1440 / RT_STEP];	/* by weekday, a normal week */
};

struct rt_span {
	int start, end;
};

struct rt_worker {
	int64_t id;
	char key[STORE_KEY_MAX + 1];
	double budget;				/* minutes a week, left */
	double weekly;				/* minutes a week, all */
	struct rt_span avail[7][RT_MAX_AVAIL];
	int navail[7];
	struct rt_span busy[7][16];		/* chosen shifts */
	int nbusy[7];
	struct { int64_t from, to; } *abs;
	int nabs;
};

struct rt_pair {
	int64_t id;
	char key[STORE_KEY_MAX + 1], area[STORE_KEY_MAX + 1];
	int a, b;		/* worker indices */
	double occurs[7];	/* share of the plan's weeks a shift on that weekday is
				 * worked (holidays not marked worked and absences of
				 * either worker skip it) */
	uint64_t sig[7];	/* XOR of the blocks of other pairs on that weekday at
				 * places this pair may visit: a route valued under the
				 * same signature is still exact */
};

struct rt_commit {
	int place, weekday, start, end, needed, covered;
	char partner[STORE_KEY_MAX + 1];
	struct rhythm rhythm;		/* zero: weekly */
	int64_t from_day, until_day;	/* the span it holds; 0: open */
	int pair;			/* continuity: the same pair every time, or -1 */
};

/* Expected people per hour of presence, averaged over the plan's weeks. */
struct rt_cell {
	double mean, lower, upper, exposure;
};

struct rt_slot {
	int pair, weekday, start, end;
	int commit;		/* commitment index or -1 */
	int origin;		/* replan: the place the pair starts from, or -1 */
	int must;		/* replan: a place that must be visited, or -1 */
	int must_by;		/* ... starting at the latest at this minute */
	int explore;		/* valued with exploration prizes */
	int64_t day;		/* a stand-in's one day (a one-off shift), or 0 */
	int dirty, chosen, dead;
	double value;
	double bound;		/* the chooser's upper bound on value (rounds_search.c) */
	uint64_t sig;		/* the pair's signature when value was computed */
	int n;
	int place[RT_MAX_STOPS], arrive[RT_MAX_STOPS], leave[RT_MAX_STOPS];
	double exp[RT_MAX_STOPS], lo[RT_MAX_STOPS], hi[RT_MAX_STOPS];
	char why[RT_MAX_STOPS];	/* 'f'orecast, 'c'ommitment, 'e'xploration, 'u'rgent,
				 * 'p'inned */
	double walk_m;
};

/* A stop chosen by some pair: nobody else may be there then. */
struct rt_block {
	int place, weekday, start, end, pair;
};

struct rt_team {
	struct rt_place *place;
	int nplace;
	struct rt_worker *worker;
	int nworker;
	struct rt_pair *pair;
	int npair;
	struct rt_commit *commit;
	int ncommit;
	struct rt_cell *cell;		/* [place][weekday * 24 + hour] */
	double *tt, *tm;		/* walking minutes and metres, place x place */
	struct rt_block *block;
	int nblock;
	/* last week's template: pair, weekday, start and its places */
	struct rt_slot *prev;
	int nprev;
	long solves;			/* routes solved by the choosers */
};

/* The candidate slots of a run (rounds.c owns the array). */
struct rt_slots {
	struct rt_slot *v;
	int n;
};

static inline struct rt_cell *rt_cell_at(const struct rt_team *t, int p, int wd, int h)
{
	return &t->cell[(size_t)p * 168 + (size_t)(wd * 24 + h)];
}

int rt__load(struct store *s, const struct plan_rounds_opts *o, struct rt_team *t,
	     struct err *e);

/* The model of the store as a rates source: team place -> model place. */
struct rt_model_rates {
	struct plan_model *m;
	int *map;
};

/* What rt__prepare sets up and rt__unprepare frees. */
struct rt_prep {
	struct rt_model_rates mr;
	struct plan_rates_src src;
	struct plan_travel_src straight;
};

/* Fills o's missing sources (the store's model; straight lines) and loads
 * the team. rt__unprepare releases both (also after an error). */
int rt__prepare(struct store *s, struct plan_rounds_opts *o, struct rt_team *t,
		struct rt_prep *p, struct err *e);
void rt__unprepare(struct rt_team *t, struct rt_prep *p);
void rt__release(struct rt_team *t);

/* Values slot (fills its route) under the team's blocks. */
int rt__value(const struct rt_team *t, const struct plan_rounds_opts *o,
	      struct rt_slot *slot, struct err *e);

/* rounds.c, shared with the choosers. rt__feasible: not chosen, not dead,
 * both workers free then (30 minutes apart from their other shifts) and
 * within budget. rt__accept charges both workers and blocks the stops;
 * rt__unaccept undoes exactly that. */
void rt__slot_init(struct rt_slot *x, int pair, int wd, int start, int end);
int rt__feasible(const struct rt_team *t, const struct rt_slot *s);
void rt__accept(struct rt_team *t, struct rt_slots *sl, struct rt_slot *s);
void rt__unaccept(struct rt_team *t, struct rt_slot *s);
int rt__was_template(const struct rt_team *t, const struct rt_slot *s);
/* Spans (at most 16) where both workers of a pair are available. */
int rt__both_free(const struct rt_team *t, int pair, int wd, struct rt_span *out);

/* Appends candidate slots of every pair and weekday where both are free:
 * lengths from full - shorter_from down to full - shorter_to in hours, none
 * below least minutes ("full": the shift length or the free span, if
 * shorter), starting every 30 minutes. */
void rt__candidates(const struct rt_team *t, const struct plan_rounds_opts *o, int shorter_from,
		   int shorter_to, int least, struct rt_slots *sl);
int rt__pair_may_go(const struct rt_team *t, int pair, int place);

/* What a chosen slot is worth to the chooser: its value (with the
 * regularity bonuses) times the share of the weeks it is worked. */
double rt__worth(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slot *s);

/* The chooser of rounds_search.c: adds shorter candidates to sl, a greedy
 * on upper bounds (each slot valued when it could win), then a local
 * search within o->search_solves routes. Commitments already accepted
 * stay. *objective (may be NULL) gets the sum of rt__worth before and
 * after the local search. */
int rt__search(struct rt_team *t, const struct plan_rounds_opts *o, struct rt_slots *sl,
	       double objective[2], struct err *e);

/* rounds_bound.c: the upper bound and the worker-hours of the report. */
void rt__quality(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slots *sl, struct plan_rounds_quality *q);

/* rounds_slot.c: the prize of a stay at place starting in the hour of
 * minute in slot s (people expected, with the regularity and pinned
 * bonuses); whether a pair may visit a place (its area, not banned). */
double rt__prize(const struct rt_team *t, const struct plan_rounds_opts *o,
		 const struct rt_slot *s, int place, int minute);
int rt__in_area(const struct rt_team *t, int pair, int place);

/* The days of the plan's weeks a commitment with a rhythm other than
 * weekly runs on, as the rhythm of the shift that covers it: every N weeks
 * and monthly keep their rule with first and last its first and last day
 * in the plan; dates keep those inside the plan. 0, or 1 if it has none
 * in the plan. A weekly commitment gives the zero rhythm over the plan. */
int rt__commit_days(const struct rt_commit *c, const struct plan_rounds_opts *o,
		    struct rhythm *r, int64_t *first, int64_t *last);

/* "forecast", "commitment", "exploration", "urgent" for a why letter. */
const char *rt__why_name(char w);

#endif
