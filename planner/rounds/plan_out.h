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

#include <jansson.h>
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
/* g: where route lines come from (NULL: straight lines). */
int plan_out_json(struct store *s, int64_t plan_id, const char *pair,
		  const struct plan_geometry_src *g, FILE *f, struct err *e);

struct store_shift_parts;

/* The walking line through the stops of a shift's template (exc 0) or of
 * one exception: lon/lat pairs in *lonlat (malloc'd, caller frees), *n
 * points. Returns 1 if it follows the streets all the way, else 0. */
int plan_out_route_points(const struct store_shift_parts *p, int64_t exc,
			  const struct plan_geometry_src *g, double **lonlat, int *n);

/* The same as a GeoJSON LineString (RFC 7946: lon, lat). */
json_t *plan_out_route_json(const struct store_shift_parts *p, int64_t exc,
			    const struct plan_geometry_src *g);

#endif
