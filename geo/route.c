/*
 * route.c - point-to-point walking routes: A* on cost (metres x factor)
 * with the straight-line distance as heuristic (admissible: every factor
 * is >= 1), then the geometry along the streets.
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "util/err.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

struct geo_route {
	double metres, seconds;
	struct geo_point *pts;
	int n;
};

struct goal {
	int node[2];
	double cost[2], len[2];
	double best, bestlen;
	int bestnode;		/* -1: along the shared edge, no node */
	struct geo_point t;
	double coslat;
	float lmt[GEO__LANDMARKS];	/* cost from each landmark to t */
};

/* A lower bound of the cost from v to the goal: the straight line (every
 * cost is at least the metres) or a landmark's triangle inequality. */
static double h_to(const struct geo_graph *g, int v, const struct goal *q)
{
	double dy = (g->lat[v] - q->t.lat) * 111194.9;
	double dx = (g->lon[v] - q->t.lon) * 111194.9 * q->coslat;
	double h = sqrt(dx * dx + dy * dy) * 0.995;
	const float *lv = g->lm + (size_t)v * GEO__LANDMARKS;

	for (int l = 0; l < g->nlm; l++) {
		double d = (double)q->lmt[l] - lv[l];
		if (lv[l] == FLT_MAX || q->lmt[l] == FLT_MAX)
			continue;
		d = (d < 0 ? -d : d) * 0.9999 - 0.05;	/* float rounding */
		if (d > h)
			h = d;
	}
	return h;
}

static void goal_init(const struct geo_graph *g, const struct geo_snap *a,
		      const struct geo_snap *b, struct goal *q)
{
	int ed = b->edge;
	double f = geo__factor(g, g->kind[ed]);

	q->node[0] = g->ea[ed];
	q->len[0] = b->offset_m;
	q->node[1] = g->eb[ed];
	q->len[1] = g->metres[ed] - b->offset_m;
	q->cost[0] = q->len[0] * f;
	q->cost[1] = q->len[1] * f;
	q->best = INFINITY;
	q->bestlen = 0;
	q->bestnode = -2;
	if (a->edge == ed) {
		q->bestlen = fabs(a->offset_m - b->offset_m);
		q->best = q->bestlen * f;
		q->bestnode = -1;
	}
	q->t = b->at;
	q->coslat = cos(b->at.lat * M_PI / 180);
	for (int l = 0; l < g->nlm; l++) {
		float da = g->lm[(size_t)q->node[0] * GEO__LANDMARKS + l];
		float db = g->lm[(size_t)q->node[1] * GEO__LANDMARKS + l];
		double x = da == FLT_MAX ? INFINITY : da + q->cost[0];
		double y = db == FLT_MAX ? INFINITY : db + q->cost[1];
		q->lmt[l] = isfinite(x) || isfinite(y) ? (float)fmin(x, y) : FLT_MAX;
	}
}

static void goal_reached(struct geo__search *s, struct goal *q, int v)
{
	for (int k = 0; k < 2; k++)
		if (q->node[k] == v && s->lab[v].dist + q->cost[k] < q->best) {
			q->best = s->lab[v].dist + q->cost[k];
			q->bestlen = s->lab[v].len + q->len[k];
			q->bestnode = v;
		}
}

static int relax(struct geo__search *s, int v, const struct goal *q)
{
	const struct geo_graph *g = s->g;

	for (int k = g->adj_off[v]; k < g->adj_off[v + 1]; k++) {
		const struct geo__arc *a = &g->arc[k];
		double nd = s->lab[v].dist + a->cost;
		if (geo__has(s, a->to) && s->lab[a->to].dist <= nd)
			continue;
		if (geo__search_push(s, a->to, nd, s->lab[v].len + a->metres, a->edge,
				     h_to(g, a->to, q)))
			return ERR_NOMEM;
	}
	return 0;
}

static int astar(struct geo__search *s, const struct geo_snap *a, const struct geo_snap *b,
		 struct goal *q)
{
	const struct geo_graph *g = s->g;
	double key;
	int v, rc;

	goal_init(g, a, b, q);
	geo__search_reset(s);
	rc = geo__search_seed(s, a, h_to(g, g->ea[a->edge], q), h_to(g, g->eb[a->edge], q));
	while (!rc && (v = geo__search_pop(s, &key)) >= 0) {
		if (key >= q->best)
			break;
		goal_reached(s, q, v);
		rc = relax(s, v, q);
	}
	return rc;
}

/* Offset along edge ed of its end node v. */
static double end_off(const struct geo_graph *g, int ed, int v)
{
	return g->ea[ed] == v ? 0 : g->metres[ed];
}

static int geometry(const struct geo__search *s, const struct geo_snap *a,
		    const struct geo_snap *b, const struct goal *q, struct geo_route *r)
{
	const struct geo_graph *g = s->g;
	int cap = 0, rc = 0, k = 0, *path = NULL, v;

	if (q->bestnode == -1)
		return geo__edge_part(g, a->edge, a->offset_m, b->offset_m, &r->pts, &r->n,
				      &cap);
	for (v = q->bestnode; s->lab[v].pe >= 0; v = g->ea[s->lab[v].pe] == v ?
						     g->eb[s->lab[v].pe] : g->ea[s->lab[v].pe])
		k++;
	path = malloc((size_t)(k ? k : 1) * sizeof *path);
	if (!path)
		return ERR_NOMEM;
	/* v is now the seed node */
	rc = geo__edge_part(g, a->edge, a->offset_m, end_off(g, a->edge, v), &r->pts,
			    &r->n, &cap);
	for (int i = k - 1, u = q->bestnode; i >= 0; i--) {
		path[i] = s->lab[u].pe;
		u = g->ea[path[i]] == u ? g->eb[path[i]] : g->ea[path[i]];
	}
	for (int i = 0; i < k && !rc; i++) {
		int ed = path[i];
		double o = end_off(g, ed, v);
		v = g->ea[ed] == v ? g->eb[ed] : g->ea[ed];
		rc = geo__edge_part(g, ed, o, g->metres[ed] - o, &r->pts, &r->n, &cap);
	}
	if (!rc)
		rc = geo__edge_part(g, b->edge, end_off(g, b->edge, v), b->offset_m, &r->pts,
				    &r->n, &cap);
	free(path);
	return rc;
}

static double speed_ms(double kmh)
{
	return (kmh > 0 ? kmh : GEO_SPEED_KMH) / 3.6;
}

int geo_route_snapped(const struct geo_graph *g, const struct geo_snap *a,
		      const struct geo_snap *b, double speed_kmh,
		      struct geo_route **out, struct err *e)
{
	struct geo__search *s = geo__search_get(g);
	struct geo_route *r;
	struct goal q;
	int rc;

	*out = NULL;
	if (!s)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = astar(s, a, b, &q);
	if (!rc && q.bestnode == -2)
		rc = err_set(e, ERR_NOTFOUND, "no walking route between the points "
			     "(separate parts of the map)");
	r = rc ? NULL : calloc(1, sizeof *r);
	if (!rc && !r)
		rc = err_set(e, ERR_NOMEM, "out of memory");
	if (!rc) {
		r->metres = q.bestlen;
		r->seconds = q.best / speed_ms(speed_kmh);
		if (geometry(s, a, b, &q, r)) {
			geo_route_free(r);
			rc = err_set(e, ERR_NOMEM, "out of memory");
		} else {
			*out = r;
		}
	}
	geo__search_put(g, s);
	return rc;
}

int geo_route(struct geo_graph *g, struct geo_point a, struct geo_point b,
	      double speed_kmh, struct geo_route **out, struct err *e)
{
	struct geo_snap sa, sb;
	int rc = geo_snap(g, a, &sa, e);

	*out = NULL;
	if (!rc)
		rc = geo_snap(g, b, &sb, e);
	return rc ? rc : geo_route_snapped(g, &sa, &sb, speed_kmh, out, e);
}

void geo_route_free(struct geo_route *r)
{
	if (!r)
		return;
	free(r->pts);
	free(r);
}

double geo_route_metres(const struct geo_route *r)
{
	return r->metres;
}

double geo_route_seconds(const struct geo_route *r)
{
	return r->seconds;
}

int geo_route_points(const struct geo_route *r, const struct geo_point **pts)
{
	*pts = r->pts;
	return r->n;
}

int geo_route_write(const struct geo_route *r, enum geo_format fmt, const char *name,
		    FILE *f, struct err *e)
{
	return geo__write_line(r->pts, r->n, fmt, name, r->metres, r->seconds, f, e);
}
