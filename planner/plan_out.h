/*
 * plan_out.h - a stored plan as a readable week table or as JSON (per
 * shift: pair, workers, weekday, times, recurrence with skipped and
 * changed dates, stops with expected people and why, walking metres and
 * the route as a GeoJSON LineString).
 * Route geometry comes from the geometry source; without one the line
 * joins the stops straight and says so ("along_streets": false).
 * Errors: 0 or a negative ERR_*; ERR_WRITE when the FILE fails.
 */
#ifndef PLANNER_PLAN_OUT_H
#define PLANNER_PLAN_OUT_H

#include <stdint.h>
#include <stdio.h>

struct err;
struct store;

/* Appends the walking line from (lat1,lon1) to (lat2,lon2) to the arrays
 * (lon/lat pairs, *n points, growing *cap as needed with realloc). */
struct plan_geometry_src {
	int (*line)(void *ud, double lat1, double lon1, double lat2, double lon2,
		    double **lonlat, int *n, int *cap);
	void *ud;
};

/* plan_id 0: the newest plan (see store_plan_get); pair NULL: all. */
int plan_out_text(struct store *s, int64_t plan_id, const char *pair, FILE *f,
		  struct err *e);
int plan_out_json(struct store *s, int64_t plan_id, const char *pair, FILE *f,
		  struct err *e);

/* The geometry source plan_out_json uses (NULL: straight lines). */
void plan_out_set_geometry(const struct plan_geometry_src *g);

#endif
