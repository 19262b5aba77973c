/*
 * libFuzzer target: the OSM import. The bytes are written to a temporary
 * .osm file (libreadosm reads files only, picking the format by suffix)
 * and imported into one in-memory database; a failed import must leave the
 * previous graph, and a successful one must load and route.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo/geo.h"
#include "store/store.h"
#include "util/err.h"

static struct store *s;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 };
	struct geo_graph *g = NULL;
	FILE *f;

	if (!s) {
		if (store_open(":memory:", &s, &e))
			abort();
		snprintf(path, sizeof path, "/tmp/fuzz-osm-%ld.osm", (long)getpid());
	}
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	if (geo_osm_import(s, path, NULL, NULL, NULL, &e) == 0) {
		if (geo_graph_load(s, &g, &e))
			abort();	/* what was stored must load */
		if (geo_graph_nodes(g) > 1) {
			struct geo_route *r = NULL;
			double sec[4], m[4];
			struct geo_point p[2] = { { 60, 25 }, { 60.001, 25.001 } };
			if (geo_route(g, p[0], p[1], 0, &r, &e) == 0)
				geo_route_free(r);
			geo_matrix(g, p, 2, 0, sec, m, &e);
		}
		geo_graph_free(g);
	}
	unlink(path);
	return 0;
}
