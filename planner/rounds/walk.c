#include "planner/rounds/walk.h"
#include "geo/geo.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>

struct plan_walk {
	struct geo_graph *g;	/* NULL: straight lines */
	double speed;
};

int plan_walk_open(struct store *s, double speed_kmh, struct plan_walk **out,
		   struct err *e)
{
	struct plan_walk *w = xcalloc(1, sizeof *w);
	int rc = geo_graph_load(s, &w->g, e);

	w->speed = speed_kmh > 0 ? speed_kmh : GEO_SPEED_KMH;
	if (rc == ERR_NOTFOUND) {	/* no extract imported: straight lines */
		w->g = NULL;
		rc = 0;
	}
	if (rc) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

void plan_walk_free(struct plan_walk *w)
{
	if (!w)
		return;
	geo_graph_free(w->g);
	free(w);
}

int plan_walk_streets(const struct plan_walk *w)
{
	return w->g != NULL;
}

static int matrix(void *ud, const double *lat, const double *lon, int n, double *seconds,
		  double *metres, struct err *e)
{
	struct plan_walk *w = ud;
	struct geo_point *pts;
	int rc;

	if (!w->g)
		return plan_travel_straight(&w->speed, lat, lon, n, seconds, metres, e);
	pts = xcalloc((size_t)n + 1, sizeof *pts);
	for (int i = 0; i < n; i++)
		pts[i] = (struct geo_point){ lat[i], lon[i] };
	rc = geo_matrix(w->g, pts, n, w->speed, seconds, metres, e);
	free(pts);
	return rc;
}

static void push(double **ll, int *n, int *cap, double lon, double lat)
{
	if (*n + 1 > *cap) {
		*cap = *cap ? 2 * *cap : 128;
		*ll = xrealloc(*ll, (size_t)*cap * 2 * sizeof **ll);
	}
	(*ll)[2 * *n] = lon;
	(*ll)[2 * *n + 1] = lat;
	(*n)++;
}

static int line(void *ud, double lat1, double lon1, double lat2, double lon2, double **ll,
		int *n, int *cap)
{
	struct plan_walk *w = ud;
	const struct geo_point *pts;
	struct geo_route *r = NULL;
	int np;

	if (!w->g || geo_route(w->g, (struct geo_point){ lat1, lon1 },
			       (struct geo_point){ lat2, lon2 }, w->speed, &r, NULL))
		return -1;
	np = geo_route_points(r, &pts);
	for (int i = 0; i < np; i++)
		push(ll, n, cap, pts[i].lon, pts[i].lat);
	push(ll, n, cap, lon2, lat2);
	geo_route_free(r);
	return 0;
}

void plan_walk_travel(struct plan_walk *w, struct plan_travel_src *out)
{
	out->matrix = matrix;
	out->ud = w;
}

void plan_walk_geometry(struct plan_walk *w, struct plan_geometry_src *out)
{
	out->line = line;
	out->ud = w;
}
