/*
 * walk.h - the planner's walking times and lines from the street graph
 * (geo/), or, where no OpenStreetMap extract was imported, from straight
 * lines x 1.3 (and the answer says so).
 * Ownership: plan_walk_open's result belongs to the caller (plan_walk_free).
 * Threads: one plan_walk per thread (the graph's GEOS context).
 */
#ifndef PLANNER_WALK_H
#define PLANNER_WALK_H

#include "planner/rounds/plan_out.h"
#include "planner/rounds/rounds.h"

struct err;
struct store;
struct plan_walk;

/* Loads the street graph if there is one; *out is never NULL on 0. */
int plan_walk_open(struct store *s, double speed_kmh, struct plan_walk **out,
		   struct err *e);
void plan_walk_free(struct plan_walk *w);

/* 1 if walking follows the streets, 0 if it falls back to straight lines. */
int plan_walk_streets(const struct plan_walk *w);

/* Sources for the planner and for route geometry. */
void plan_walk_travel(struct plan_walk *w, struct plan_travel_src *out);
void plan_walk_geometry(struct plan_walk *w, struct plan_geometry_src *out);

#endif
