/* graph.c - the walking graph's SQL (see graph.h). */
#include "store/graph.h"
#include "store/store_int.h"
#include "util/err.h"

#include <stdio.h>
#include <string.h>

int store_graph_clear(struct store *s, struct err *e)
{
	static const char q1[] = "DELETE FROM geo_edges";
	static const char q2[] = "DELETE FROM geo_nodes";
	static const char q3[] = "DELETE FROM geo_meta";
	const char *qs[] = { q1, q2, q3 };
	sqlite3_stmt *st;
	int rc = 0;

	for (int i = 0; i < 3 && !rc; i++) {
		rc = store__stmt(s, qs[i], &st, e);
		if (!rc)
			rc = store__exec_stmt(s, st, e);
	}
	return rc;
}

int store_graph_node_insert(struct store *s, int64_t id, double lat, double lon,
			    struct err *e)
{
	static const char sql[] = "INSERT INTO geo_nodes(id, lat, lon) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_double(st, 2, lat);
	sqlite3_bind_double(st, 3, lon);
	return store__exec_stmt(s, st, e);
}

int store_graph_edge_insert(struct store *s, const struct store_graph_edge *ed,
			    struct err *e)
{
	static const char sql[] = "INSERT INTO geo_edges(id, a, b, metres, kind, geom)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, ed->id);
	sqlite3_bind_int64(st, 2, ed->a);
	sqlite3_bind_int64(st, 3, ed->b);
	sqlite3_bind_double(st, 4, ed->metres);
	sqlite3_bind_int(st, 5, ed->kind);
	sqlite3_bind_blob(st, 6, ed->pts, ed->npts * 2 * (int)sizeof(double),
			  SQLITE_STATIC);
	rc = store__exec_stmt(s, st, e);
	sqlite3_clear_bindings(st);	/* the blob is the caller's */
	return rc;
}

int store_graph_meta_set(struct store *s, const char *key, const char *value,
			 struct err *e)
{
	static const char sql[] = "INSERT OR REPLACE INTO geo_meta(key, value) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	store__bind_text(st, 2, value);
	return store__exec_stmt(s, st, e);
}

static int meta_row(sqlite3_stmt *st, void *fn, void *ud)
{
	char *out = ud;
	const unsigned char *v = sqlite3_column_text(st, 0);
	int cap = *(int *)fn;

	snprintf(out, (size_t)cap, "%s", v ? (const char *)v : "");
	return 0;
}

int store_graph_meta_get(struct store *s, const char *key, char *value, int cap,
			 struct err *e)
{
	static const char sql[] = "SELECT value FROM geo_meta WHERE key = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (cap > 0)
		value[0] = 0;
	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	rc = store__step(s, st);
	if (rc == SQLITE_ROW) {
		meta_row(st, &cap, value);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = store__steperr(s, e, "geo_meta");
	}
	sqlite3_reset(st);
	return rc;
}

static int count_one(struct store *s, const char *sql, int64_t *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	*n = 0;
	if (rc)
		return rc;
	rc = store__step(s, st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = 0;
	} else {
		rc = store__steperr(s, e, "count");
	}
	sqlite3_reset(st);
	return rc;
}

int store_graph_counts(struct store *s, int64_t *nodes, int64_t *edges, struct err *e)
{
	static const char q1[] = "SELECT count(*) FROM geo_nodes";
	static const char q2[] = "SELECT count(*) FROM geo_edges";
	int rc = count_one(s, q1, nodes, e);

	return rc ? rc : count_one(s, q2, edges, e);
}

static int node_row(sqlite3_stmt *st, void *fn, void *ud)
{
	return ((store_graph_node_fn)fn)(sqlite3_column_int64(st, 0),
					 sqlite3_column_double(st, 1),
					 sqlite3_column_double(st, 2), ud);
}

int store_graph_node_each(struct store *s, store_graph_node_fn fn, void *ud,
			  struct err *e)
{
	static const char sql[] = "SELECT id, lat, lon FROM geo_nodes ORDER BY id";

	return store__each(s, sql, node_row, (void *)fn, ud, e);
}

static int edge_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_graph_edge ed = {
		.id = sqlite3_column_int64(st, 0),
		.a = sqlite3_column_int64(st, 1),
		.b = sqlite3_column_int64(st, 2),
		.metres = sqlite3_column_double(st, 3),
		.kind = sqlite3_column_int(st, 4),
	};
	int bytes = sqlite3_column_bytes(st, 5);

	ed.pts = sqlite3_column_blob(st, 5);
	ed.npts = bytes / (int)(2 * sizeof(double));
	if (ed.npts < 2 || !ed.pts)
		return ERR_PARSE;	/* a damaged row: refuse the graph */
	return ((store_graph_edge_fn)fn)(&ed, ud);
}

int store_graph_edge_each(struct store *s, store_graph_edge_fn fn, void *ud,
			  struct err *e)
{
	static const char sql[] = "SELECT id, a, b, metres, kind, geom FROM geo_edges"
				  " ORDER BY id";

	return store__each(s, sql, edge_row, (void *)fn, ud, e);
}
