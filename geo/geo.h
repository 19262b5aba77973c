/*
 * geo.h - walking graph and routes (OSM -> graph -> shortest paths).
 * Build path: geo_osm_import reads an OpenStreetMap extract (.osm or
 *            .osm.pbf, libreadosm) into the store's graph tables.
 * Read path: geo_graph_load loads it into arrays (CSR adjacency) with a
 *            GEOS STRtree over the edges for snapping; routes (A*) and
 *            matrices (one-to-many Dijkstra) run on that.
 * Ownership: *_load and *_new results belong to the caller (*_free, NULL is a
 *            no-op); returned const pointers are borrowed until the free.
 * Threads:   geo_route and geo_matrix only read the graph apart from
 *            snapping, which uses the graph's GEOS context: one thread per
 *            graph, or snap first and call geo_route_snapped from many.
 * Errors:    0 or a negative ERR_*, text in the optional struct err.
 * Data:      OpenStreetMap data, (c) OpenStreetMap contributors (ODbL);
 *            anything drawn from it carries GEO_CREDIT.
 */
#ifndef GEO_GEO_H
#define GEO_GEO_H

#include <stdio.h>

struct err;
struct store;
struct geo_graph;
struct geo_route;

#define GEO_CREDIT "\xc2\xa9 OpenStreetMap contributors"
#define GEO_SPEED_KMH 4.5	/* default walking speed */
#define GEO_SNAP_WARN_M 150.0	/* places farther from any way are listed */
#define GEO_SNAP_MAX_M 1000.0	/* farther: outside the imported area */
#define GEO_STEPS_FACTOR 1.6	/* steps and steep ways take this many times longer */

struct geo_point {
	double lat, lon;
};

/* What an import did, for the report. */
struct geo_import_stats {
	long osm_nodes, osm_ways, walkable_ways, missing_refs;
	long nodes, edges;			/* kept in the graph */
	long dropped_components, dropped_edges;
	double dropped_km, kept_km;
	double seconds;
};

/*
 * Imports an OSM file into the store's graph, replacing the previous one in
 * one transaction. Places already in the store keep their component (so
 * small parts holding a place are not dropped). progress: a FILE for a
 * progress line (a terminal), or NULL. warn: a FILE for the list of places
 * farther than GEO_SNAP_WARN_M from any way, or NULL.
 * On error (unreadable, truncated or corrupt file, no walkable way) the
 * database keeps its previous graph.
 */
int geo_osm_import(struct store *s, const char *path, FILE *progress, FILE *warn,
		   struct geo_import_stats *st, struct err *e);

/* Loads the stored graph; ERR_NOTFOUND when none was imported. */
int geo_graph_load(struct store *s, struct geo_graph **out, struct err *e);
void geo_graph_free(struct geo_graph *g);
/* How many times longer steps take than level ground (default
 * GEO_STEPS_FACTOR; 1 makes routes the shortest by distance). Not while
 * other threads route on g. */
void geo_graph_set_steps_factor(struct geo_graph *g, double factor);
int geo_graph_nodes(const struct geo_graph *g);
int geo_graph_edges(const struct geo_graph *g);

/* A point attached to the nearest walkable edge. */
struct geo_snap {
	int edge;		/* edge index */
	double offset_m;	/* along the edge from its first node */
	double dist_m;		/* from the given point to the edge */
	struct geo_point at;	/* the point on the edge */
};

/*
 * Snaps p to the nearest walkable edge (GEOS STRtree). A point farther than
 * GEO_SNAP_MAX_M from every edge is ERR_NOTFOUND ("outside the imported
 * area"). Not thread-safe on one graph (GEOS context).
 */
int geo_snap(struct geo_graph *g, struct geo_point p, struct geo_snap *out,
	     struct err *e);

/*
 * Walking route from a to b (A* on time, steps slower). speed_kmh <= 0
 * means GEO_SPEED_KMH. *out belongs to the caller (geo_route_free).
 */
int geo_route(struct geo_graph *g, struct geo_point a, struct geo_point b,
	      double speed_kmh, struct geo_route **out, struct err *e);
/* The same between snapped points; thread-safe (reads the graph only). */
int geo_route_snapped(const struct geo_graph *g, const struct geo_snap *a,
		      const struct geo_snap *b, double speed_kmh,
		      struct geo_route **out, struct err *e);
void geo_route_free(struct geo_route *r);
double geo_route_metres(const struct geo_route *r);
double geo_route_seconds(const struct geo_route *r);
/* The points along the streets, lat/lon, first = a's snapped point. */
int geo_route_points(const struct geo_route *r, const struct geo_point **pts);

enum geo_format { GEO_FMT_JSON, GEO_FMT_GEOJSON, GEO_FMT_GPX };
/* Writes the route (its geometry built once with GEOS) to f; ERR_WRITE if
 * f fails. name is the GPX track's name (may be NULL). */
int geo_route_write(const struct geo_route *r, enum geo_format fmt, const char *name,
		    FILE *f, struct err *e);

/*
 * Walking-time matrix between n points: seconds[i*n+j] and metres[i*n+j]
 * (either may be NULL) from pts[i] to pts[j]; -1 where unreachable.
 * One-to-many Dijkstra per row. Snaps the points first (ERR_NOTFOUND for a
 * point outside the area, the message names its index).
 */
int geo_matrix(struct geo_graph *g, const struct geo_point *pts, int n,
	       double speed_kmh, double *seconds, double *metres, struct err *e);
/* The same from snapped points; thread-safe. */
int geo_matrix_snapped(const struct geo_graph *g, const struct geo_snap *pts, int n,
		       double speed_kmh, double *seconds, double *metres,
		       struct err *e);

/* Great-circle distance in metres. */
double geo_distance_m(struct geo_point a, struct geo_point b);

#endif
