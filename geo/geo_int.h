/*
 * geo_int.h - shared inside geo/ only: the loaded graph's arrays.
 * Nodes 0..n-1, edges 0..m-1 walkable both ways. Adjacency is CSR:
 * the arcs leaving node v are arc[adj_off[v] .. adj_off[v+1]-1]. Edge i's points are pts[2*pt_off[i] .. 2*pt_off[i+1]-1]
 * (lat,lon pairs, node ea[i] first). cost = metres x factor (steps slower):
 * routes minimise cost; seconds = cost / speed.
 */
#ifndef GEO_GEO_INT_H
#define GEO_GEO_INT_H

#include "geo/geo.h"

#include <pthread.h>

struct geo__index;	/* GEOS context + STRtree (geo/geos.c) */

/* One direction of an edge, packed so a search reads arcs in sequence. */
struct geo__arc {
	int to, edge;
	float cost, metres;
};

struct geo_graph {
	int n, m;
	double *lat, *lon;
	int *adj_off;
	struct geo__arc *arc;
	int *ea, *eb;
	double *metres, *cost;
	unsigned char *kind;
	unsigned char *in_main;	/* per edge: in the largest connected part */
	int *pt_off;
	double *pts;
	struct geo__index *index;
	double steps_factor;
	float *lm;		/* [v * GEO__LANDMARKS + l]: cost from landmark l */
	int nlm;		/* 0: no landmarks (A* on the straight line) */
	/* workspaces kept between searches (a search allocates O(n)) */
	pthread_mutex_t pool_lock;
	struct geo__search *pool[4];
	int npool;
};

double geo__factor(const struct geo_graph *g, int kind);

#define GEO__LANDMARKS 8
/* geo/landmarks.c: (re)builds g->lm; on failure g->nlm stays 0. */
int geo__landmarks_build(struct geo_graph *g);

/* geo/geos.c: every GEOS call of the product. */
int geo__index_new(const struct geo_graph *g, struct geo__index **out, struct err *e);
void geo__index_free(struct geo__index *ix);
int geo__index_snap(struct geo__index *ix, const struct geo_graph *g,
		    struct geo_point p, struct geo_snap *out, struct err *e);
/* A small part kept for a place loses to the main part within this much
 * more distance: a route from there would reach nothing. */
#define GEO__MAIN_PREFER_M 100.0
/* Writes points as GeoJSON / GPX through one GEOS LineString. */
int geo__write_line(const struct geo_point *pts, int n, enum geo_format fmt,
		    const char *name, double metres, double seconds, FILE *f,
		    struct err *e);

/* Points of edge ed between offsets from_m and to_m (either direction),
 * appended to *pts (grown with realloc). */
int geo__edge_part(const struct geo_graph *g, int ed, double from_m, double to_m,
		   struct geo_point **pts, int *n, int *cap);

/* geo/search.c: a shortest-path workspace (one per thread). Labels are
 * valid where stamp[v] == cur, so a new search costs no O(n) reset. */
struct geo__heap_item {
	float key;
	int v;
};
struct geo__label {		/* 16 bytes: a town's labels stay in cache */
	float dist, len;	/* cost and metres from the seeds */
	int pe;			/* edge reaching v, -1 at a seed */
	unsigned stamp;		/* cur << 1: labelled; cur << 1 | 1: settled */
};
struct geo__search {
	const struct geo_graph *g;
	struct geo__label *lab;
	unsigned cur;
	struct geo__heap_item *heap;
	int nheap, capheap;
};
int geo__search_init(struct geo__search *s, const struct geo_graph *g);
/* A workspace from the graph's pool (or a new one): NULL when out of
 * memory. Give it back with geo__search_put (thread-safe). */
struct geo__search *geo__search_get(const struct geo_graph *g);
void geo__search_put(const struct geo_graph *g, struct geo__search *s);
void geo__search_pool_free(struct geo_graph *g);
void geo__search_release(struct geo__search *s);
void geo__search_reset(struct geo__search *s);
int geo__search_push(struct geo__search *s, int v, double g, double len, int pe,
		     double h);
/* Pops the next node to settle (skipping stale entries): its id, or -1. */
int geo__search_pop(struct geo__search *s, double *key);
/* Seeds a search from a snapped point (both ends of its edge). */
int geo__search_seed(struct geo__search *s, const struct geo_snap *a, double ha,
		     double hb);
static inline int geo__has(const struct geo__search *s, int v)
{
	return s->lab[v].stamp >> 1 == s->cur;
}

#endif
