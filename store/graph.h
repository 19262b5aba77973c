/*
 * graph.h - storage of the walking graph (tables geo_nodes, geo_edges,
 * geo_meta). geo/ builds the graph and loads it; this file only moves rows.
 * Ownership: structs passed to callbacks (and their pts) are borrowed for
 *            the call only.
 * Transactions: store_graph_clear and the inserts run inside the caller's
 *            transaction, so a failed import leaves the previous graph.
 * Errors:    0 or a negative ERR_*, text in the optional struct err.
 */
#ifndef STORE_GRAPH_H
#define STORE_GRAPH_H

#include <stdint.h>

struct err;
struct store;

struct store_graph_edge {
	int64_t id, a, b;	/* a, b: geo_nodes ids */
	double metres;
	int kind;		/* 0 way, 1 steps, 2 across a pedestrian area */
	int npts;		/* points in pts, >= 2 */
	const double *pts;	/* lat,lon pairs, a first and b last; when read
				 * back it may be unaligned: copy with memcpy */
};

/* Deletes every node, edge and meta row. */
int store_graph_clear(struct store *s, struct err *e);
int store_graph_node_insert(struct store *s, int64_t id, double lat, double lon,
			    struct err *e);
int store_graph_edge_insert(struct store *s, const struct store_graph_edge *ed,
			    struct err *e);
int store_graph_meta_set(struct store *s, const char *key, const char *value,
			 struct err *e);
/* value "" when the key is absent. */
int store_graph_meta_get(struct store *s, const char *key, char *value, int cap,
			 struct err *e);

/* Row counts (0 and 0 when no graph was imported). */
int store_graph_counts(struct store *s, int64_t *nodes, int64_t *edges, struct err *e);

/* Walks in id order; the callback returns 0 to go on, else stops the walk. */
typedef int (*store_graph_node_fn)(int64_t id, double lat, double lon, void *ud);
typedef int (*store_graph_edge_fn)(const struct store_graph_edge *ed, void *ud);
int store_graph_node_each(struct store *s, store_graph_node_fn fn, void *ud,
			  struct err *e);
int store_graph_edge_each(struct store *s, store_graph_edge_fn fn, void *ud,
			  struct err *e);

#endif
