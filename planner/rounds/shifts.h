/*
 * shifts.h - one-off changes to one occurrence of a stored recurring shift
 * (cancel, move), each in its own transaction. The change is an exception
 * of that date only; the shift's SEQUENCE moves so feeds follow.
 * Errors: 0 or a negative ERR_* with a message naming the shift and date.
 */
#ifndef PLANNER_SHIFTS_H
#define PLANNER_SHIFTS_H

#include <stdint.h>

struct err;
struct store;

int plan_shift_cancel(struct store *s, int64_t shift_id, int64_t day, const char *reason,
		      struct err *e);

/* Moves the occurrence to start..end (minutes; end < 0 keeps the length). */
int plan_shift_move(struct store *s, int64_t shift_id, int64_t day, int start, int end,
		    struct err *e);

#endif
