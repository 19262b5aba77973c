/*
 * landmarks.c - ALT (A*, landmarks, triangle inequality): a few nodes far
 * apart, with the cost from each to every node. Edges are walked both ways
 * at the same cost, so |d(L,t) - d(L,v)| <= d(v,t) for every landmark L: a
 * lower bound that A* uses beside the straight line, and that follows the
 * streets (rivers, railways, lakes) where the straight line cannot.
 * Built at load: one full Dijkstra per landmark plus one to start.
 */
#include "geo/geo_int.h"
#include "util/err.h"

#include <float.h>
#include <stdlib.h>

/* Full Dijkstra from v; dist[] gets the cost, FLT_MAX where unreachable. */
static int full(struct geo__search *s, int v, float *out, int stride)
{
	const struct geo_graph *g = s->g;
	double key;
	int rc;

	for (int u = 0; u < g->n; u++)
		out[(size_t)u * stride] = FLT_MAX;
	geo__search_reset(s);
	rc = geo__search_push(s, v, 0, 0, -1, 0);
	while (!rc && (v = geo__search_pop(s, &key)) >= 0) {
		out[(size_t)v * stride] = (float)s->lab[v].dist;
		for (int k = g->adj_off[v]; k < g->adj_off[v + 1] && !rc; k++) {
			const struct geo__arc *a = &g->arc[k];
			rc = geo__search_push(s, a->to, s->lab[v].dist + a->cost, 0, a->edge, 0);
		}
	}
	return rc;
}

/* The reachable node farthest from every landmark so far. */
static int farthest(const struct geo_graph *g, const float *lm, int nl, const float *first)
{
	int best = 0;
	float bd = -1;

	for (int v = 0; v < g->n; v++) {
		float d = FLT_MAX;
		if (first[v] == FLT_MAX)
			continue;	/* another part of the map */
		for (int l = 0; l < nl; l++)
			if (lm[(size_t)v * GEO__LANDMARKS + l] < d)
				d = lm[(size_t)v * GEO__LANDMARKS + l];
		if (nl == 0)
			d = first[v];
		if (d > bd) {
			bd = d;
			best = v;
		}
	}
	return best;
}

int geo__landmarks_build(struct geo_graph *g)
{
	struct geo__search *s = geo__search_get(g);
	float *first = malloc((size_t)(g->n ? g->n : 1) * sizeof *first);
	float *lm = malloc((size_t)(g->n ? g->n : 1) * GEO__LANDMARKS * sizeof *lm);
	int rc = !s || !first || !lm ? ERR_NOMEM : 0, start = 0;

	free(g->lm);
	g->lm = NULL;
	g->nlm = 0;
	/* start in the largest part: the node with most arcs is a fair guess */
	for (int v = 0; v < g->n; v++)
		if (g->adj_off[v + 1] - g->adj_off[v] > g->adj_off[start + 1] - g->adj_off[start])
			start = v;
	if (!rc)
		rc = full(s, start, first, 1);
	for (int l = 0; l < GEO__LANDMARKS && !rc; l++)
		rc = full(s, farthest(g, lm, l, first), lm + l, GEO__LANDMARKS);
	geo__search_put(g, s);
	free(first);
	if (rc) {
		free(lm);
		return rc;
	}
	g->lm = lm;
	g->nlm = GEO__LANDMARKS;
	return 0;
}
