/*
 * replan.h - an urgent call ("someone here needs accompanying"): the rest
 * of one pair's day is re-solved from where the pair is, with the place
 * that called as a must, as a one-off change to that occurrence only.
 * Errors: ERR_NOTFOUND (no such pair or place, no shift of the pair at
 * that time), ERR_CONFLICT (the place cannot be reached before the shift
 * ends), with a message.
 */
#ifndef PLANNER_REPLAN_H
#define PLANNER_REPLAN_H

#include <stdint.h>

struct err;
struct plan_travel_src;
struct store;

struct plan_replan_result {
	int64_t shift_id, day;
	int nstops;		/* stops of the day after the change */
	int urgent_arrive;	/* minutes: when the pair is at the calling place */
};

/* at: the instant of the call; travel NULL: straight lines. */
int plan_replan(struct store *s, const char *pair, int64_t at, const char *place,
		const struct plan_travel_src *travel, struct plan_replan_result *res,
		struct err *e);

#endif
