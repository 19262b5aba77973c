/*
 * graph.c - the read path's start: stored rows -> arrays (CSR adjacency),
 * plus the snapping index. Nothing here allocates per query.
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "store/graph.h"
#include "util/err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double geo_distance_m(struct geo_point a, struct geo_point b)
{
	const double r = 6371008.8, d = M_PI / 180;
	double dlat = (b.lat - a.lat) * d, dlon = (b.lon - a.lon) * d;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(a.lat * d) * cos(b.lat * d) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * r * asin(sqrt(h < 1 ? h : 1));
}

double geo__factor(const struct geo_graph *g, int kind)
{
	return kind == 1 ? g->steps_factor : 1.0;
}

void geo_graph_set_steps_factor(struct geo_graph *g, double factor)
{
	g->steps_factor = factor >= 1 ? factor : 1;
	for (int i = 0; i < g->m; i++)
		g->cost[i] = g->metres[i] * geo__factor(g, g->kind[i]);
	for (int k = 0; g->adj_off && k < g->adj_off[g->n]; k++)
		g->arc[k].cost = (float)g->cost[g->arc[k].edge];
	if (g->nlm)
		geo__landmarks_build(g);	/* without: plain A*, still exact */
}

struct loader {
	struct geo_graph *g;
	long ne, np, pcap;
	int bad;
};

static int node_cb(int64_t id, double lat, double lon, void *ud)
{
	struct loader *l = ud;

	if (id < 0 || id >= l->g->n)
		return l->bad = 1, ERR_PARSE;
	l->g->lat[id] = lat;
	l->g->lon[id] = lon;
	return 0;
}

static int edge_cb(const struct store_graph_edge *ed, void *ud)
{
	struct loader *l = ud;
	struct geo_graph *g = l->g;
	long i = l->ne;

	if (i >= g->m || ed->a < 0 || ed->a >= g->n || ed->b < 0 || ed->b >= g->n)
		return l->bad = 1, ERR_PARSE;
	if (l->np + ed->npts > l->pcap) {
		long nc = l->pcap * 2 + ed->npts;
		double *p = realloc(g->pts, (size_t)nc * 2 * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		g->pts = p;
		l->pcap = nc;
	}
	memcpy(g->pts + 2 * l->np, ed->pts, (size_t)ed->npts * 2 * sizeof(double));
	g->ea[i] = (int)ed->a;
	g->eb[i] = (int)ed->b;
	g->metres[i] = ed->metres;
	g->kind[i] = (unsigned char)ed->kind;
	g->cost[i] = ed->metres * geo__factor(g, ed->kind);
	g->pt_off[i] = (int)l->np;
	l->np += ed->npts;
	g->pt_off[i + 1] = (int)l->np;
	l->ne++;
	return 0;
}

static int alloc_arrays(struct geo_graph *g)
{
	size_t n = (size_t)g->n, m = (size_t)g->m;

	g->lat = malloc(n * sizeof *g->lat);
	g->lon = malloc(n * sizeof *g->lon);
	g->adj_off = calloc(n + 1, sizeof *g->adj_off);
	g->arc = malloc(2 * m * sizeof *g->arc);
	g->ea = malloc(m * sizeof *g->ea);
	g->eb = malloc(m * sizeof *g->eb);
	g->metres = malloc(m * sizeof *g->metres);
	g->cost = malloc(m * sizeof *g->cost);
	g->kind = malloc(m);
	g->pt_off = calloc(m + 1, sizeof *g->pt_off);
	return g->lat && g->lon && g->adj_off && g->arc && g->ea &&
	       g->eb && g->metres && g->cost && g->kind && g->pt_off ? 0 : ERR_NOMEM;
}

/* Both directions of every edge, grouped by node. */
static void build_csr(struct geo_graph *g)
{
	int *fill = g->adj_off;

	for (int i = 0; i < g->m; i++) {
		fill[g->ea[i] + 1]++;
		fill[g->eb[i] + 1]++;
	}
	for (int v = 0; v < g->n; v++)
		fill[v + 1] += fill[v];
	for (int i = 0; i < g->m; i++) {
		int pa = fill[g->ea[i]]++, pb = fill[g->eb[i]]++;
		g->arc[pa] = (struct geo__arc){ g->eb[i], i, (float)g->cost[i],
						(float)g->metres[i] };
		g->arc[pb] = (struct geo__arc){ g->ea[i], i, (float)g->cost[i],
						(float)g->metres[i] };
	}
	for (int v = g->n; v > 0; v--)
		fill[v] = fill[v - 1];
	fill[0] = 0;
}

/* Flags the edges of the largest connected part (breadth-first). */
static int mark_main(struct geo_graph *g)
{
	int *comp = malloc((size_t)g->n * sizeof *comp), *queue = malloc((size_t)g->n * sizeof *queue);
	int nc = 0, best = 0, bestsize = 0;

	g->in_main = calloc((size_t)g->m, 1);
	if (!comp || !queue || !g->in_main) {
		free(comp);
		free(queue);
		return ERR_NOMEM;
	}
	for (int v = 0; v < g->n; v++)
		comp[v] = -1;
	for (int v = 0; v < g->n; v++) {
		int head = 0, tail = 0;
		if (comp[v] >= 0)
			continue;
		comp[v] = nc;
		queue[tail++] = v;
		while (head < tail) {
			int u = queue[head++];
			for (int k = g->adj_off[u]; k < g->adj_off[u + 1]; k++)
				if (comp[g->arc[k].to] < 0) {
					comp[g->arc[k].to] = nc;
					queue[tail++] = g->arc[k].to;
				}
		}
		if (tail > bestsize) {
			bestsize = tail;
			best = nc;
		}
		nc++;
	}
	for (int i = 0; i < g->m; i++)
		g->in_main[i] = comp[g->ea[i]] == best;
	free(comp);
	free(queue);
	return 0;
}

int geo_graph_load(struct store *s, struct geo_graph **out, struct err *e)
{
	struct geo_graph *g = calloc(1, sizeof *g);
	struct loader l = { .g = g };

	if (g) {
		g->steps_factor = GEO_STEPS_FACTOR;
		pthread_mutex_init(&g->pool_lock, NULL);
	}
	int64_t nn, ne;
	int rc;

	*out = NULL;
	if (!g)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = store_graph_counts(s, &nn, &ne, e);
	if (!rc && (nn == 0 || ne == 0))
		rc = err_set(e, ERR_NOTFOUND, "no walking graph: run 'outreach import osm FILE'");
	if (!rc && (nn > 100000000 || ne > 100000000))
		rc = err_set(e, ERR_TOOBIG, "walking graph too large");
	if (rc)
		goto fail;
	g->n = (int)nn;
	g->m = (int)ne;
	if (alloc_arrays(g)) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto fail;
	}
	rc = store_graph_node_each(s, node_cb, &l, e);
	if (!rc)
		rc = store_graph_edge_each(s, edge_cb, &l, e);
	if (!rc && l.ne != g->m)
		rc = ERR_PARSE, l.bad = 1;
	if (rc && l.bad)
		rc = err_set(e, ERR_DB, "walking graph: damaged rows; import it again");
	else if (rc == ERR_NOMEM)
		rc = err_set(e, ERR_NOMEM, "out of memory");
	if (rc)
		goto fail;
	build_csr(g);
	if (mark_main(g)) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto fail;
	}
	geo__landmarks_build(g);	/* optional: speeds routes up */
	rc = geo__index_new(g, &g->index, e);
	if (rc)
		goto fail;
	*out = g;
	return 0;
fail:
	geo_graph_free(g);
	return rc;
}

void geo_graph_free(struct geo_graph *g)
{
	if (!g)
		return;
	geo__index_free(g->index);
	geo__search_pool_free(g);
	pthread_mutex_destroy(&g->pool_lock);
	free(g->lat);
	free(g->lon);
	free(g->adj_off);
	free(g->arc);
	free(g->in_main);
	free(g->lm);
	free(g->ea);
	free(g->eb);
	free(g->metres);
	free(g->cost);
	free(g->kind);
	free(g->pt_off);
	free(g->pts);
	free(g);
}

int geo_graph_nodes(const struct geo_graph *g)
{
	return g->n;
}

int geo_graph_edges(const struct geo_graph *g)
{
	return g->m;
}

static int push(struct geo_point **pts, int *n, int *cap, double lat, double lon)
{
	if (*n && (*pts)[*n - 1].lat == lat && (*pts)[*n - 1].lon == lon)
		return 0;
	if (*n == *cap) {
		int nc = *cap ? *cap * 2 : 64;
		struct geo_point *p = realloc(*pts, (size_t)nc * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		*pts = p;
		*cap = nc;
	}
	(*pts)[(*n)++] = (struct geo_point){ lat, lon };
	return 0;
}

/* Position along the edge's polyline at offset off (scaled so the polyline
 * and the stored length agree). Walks forward; reverse is done by caller. */
static void at_offset(const struct geo_graph *g, int ed, double off, int *seg,
		      double *lat, double *lon)
{
	const double *p = g->pts + 2 * g->pt_off[ed];
	int np = g->pt_off[ed + 1] - g->pt_off[ed];
	double acc = 0;

	for (int i = 0; i + 1 < np; i++) {
		struct geo_point a = { p[2 * i], p[2 * i + 1] }, b = { p[2 * i + 2], p[2 * i + 3] };
		double d = geo_distance_m(a, b);
		if (acc + d >= off || i + 2 == np) {
			double t = d > 0 ? (off - acc) / d : 0;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			*seg = i;
			*lat = a.lat + t * (b.lat - a.lat);
			*lon = a.lon + t * (b.lon - a.lon);
			return;
		}
		acc += d;
	}
	*seg = 0;
	*lat = p[0];
	*lon = p[1];
}

int geo__edge_part(const struct geo_graph *g, int ed, double from_m, double to_m,
		   struct geo_point **pts, int *n, int *cap)
{
	const double *p = g->pts + 2 * g->pt_off[ed];
	int s1, s2, rc;
	double la1, lo1, la2, lo2;

	at_offset(g, ed, from_m, &s1, &la1, &lo1);
	at_offset(g, ed, to_m, &s2, &la2, &lo2);
	rc = push(pts, n, cap, la1, lo1);
	if (from_m <= to_m) {
		for (int i = s1 + 1; i <= s2 && !rc; i++)
			rc = push(pts, n, cap, p[2 * i], p[2 * i + 1]);
	} else {
		for (int i = s1; i > s2 && !rc; i--)
			rc = push(pts, n, cap, p[2 * i], p[2 * i + 1]);
	}
	return rc ? rc : push(pts, n, cap, la2, lo2);
}
