/*
 * geos.c - every GEOS call of the product (_r API, one context per index).
 * Edges are indexed in a local equirectangular projection (metres, good to
 * a fraction of a per cent over a town) in a GEOS STRtree; the nearest
 * edge to a point is found with the tree's nearest-neighbour search.
 * Route output builds one LineString (x = lon, y = lat) and writes it as
 * JSON, GeoJSON (RFC 7946) or GPX 1.1 from its coordinate sequence.
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "util/err.h"

#include <geos_c.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define R_EARTH 6371008.8
#define DEG (M_PI / 180)

struct geo__index {
	GEOSContextHandle_t h;
	GEOSSTRtree *tree;
	GEOSGeometry **geoms;	/* per edge, projected */
	int *ids;
	int m;
	double lat0, coslat0;
	char msg[256];
};

static void on_error(const char *fmt, void *ud)
{
	struct geo__index *ix = ud;

	snprintf(ix->msg, sizeof ix->msg, "%s", fmt);
}

static void proj(const struct geo__index *ix, double lat, double lon, double *x, double *y)
{
	*x = lon * DEG * R_EARTH * ix->coslat0;
	*y = (lat - ix->lat0) * DEG * R_EARTH;
}

static void unproj(const struct geo__index *ix, double x, double y, double *lat, double *lon)
{
	*lon = x / (DEG * R_EARTH * ix->coslat0);
	*lat = y / (DEG * R_EARTH) + ix->lat0;
}

static GEOSGeometry *edge_geom(struct geo__index *ix, const struct geo_graph *g, int ed)
{
	int np = g->pt_off[ed + 1] - g->pt_off[ed];
	const double *p = g->pts + 2 * g->pt_off[ed];
	double *buf = malloc((size_t)np * 2 * sizeof *buf);
	GEOSCoordSequence *cs;

	if (!buf)
		return NULL;
	for (int i = 0; i < np; i++)
		proj(ix, p[2 * i], p[2 * i + 1], &buf[2 * i], &buf[2 * i + 1]);
	cs = GEOSCoordSeq_copyFromBuffer_r(ix->h, buf, (unsigned)np, 0, 0);
	free(buf);
	return cs ? GEOSGeom_createLineString_r(ix->h, cs) : NULL;
}

int geo__index_new(const struct geo_graph *g, struct geo__index **out, struct err *e)
{
	struct geo__index *ix = calloc(1, sizeof *ix);
	double s = 0;

	*out = NULL;
	if (!ix)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (int v = 0; v < g->n; v++)
		s += g->lat[v];
	ix->lat0 = g->n ? s / g->n : 0;
	ix->coslat0 = cos(ix->lat0 * DEG);
	ix->m = g->m;
	ix->h = GEOS_init_r();
	ix->geoms = calloc((size_t)g->m, sizeof *ix->geoms);
	ix->ids = malloc((size_t)g->m * sizeof *ix->ids);
	if (!ix->h || !ix->geoms || !ix->ids)
		goto nomem;
	GEOSContext_setErrorMessageHandler_r(ix->h, on_error, ix);
	ix->tree = GEOSSTRtree_create_r(ix->h, 10);
	if (!ix->tree)
		goto nomem;
	for (int i = 0; i < g->m; i++) {
		ix->ids[i] = i;
		ix->geoms[i] = edge_geom(ix, g, i);
		if (!ix->geoms[i])
			goto nomem;
		GEOSSTRtree_insert_r(ix->h, ix->tree, ix->geoms[i], &ix->ids[i]);
	}
	*out = ix;
	return 0;
nomem:
	geo__index_free(ix);
	return err_set(e, ERR_NOMEM, "snapping index: out of memory");
}

void geo__index_free(struct geo__index *ix)
{
	if (!ix)
		return;
	if (ix->tree)
		GEOSSTRtree_destroy_r(ix->h, ix->tree);
	for (int i = 0; ix->geoms && i < ix->m; i++)
		if (ix->geoms[i])
			GEOSGeom_destroy_r(ix->h, ix->geoms[i]);
	free(ix->geoms);
	free(ix->ids);
	if (ix->h)
		GEOS_finish_r(ix->h);
	free(ix);
}

struct query {
	struct geo__index *ix;
	const GEOSGeometry *pt;
	const void *item;	/* the query's own item */
	const unsigned char *only;	/* non-NULL: edges flagged here only */
};

/* One of the items is the query, the other a tree item (an edge id);
 * GEOS does not say which is which. Nonzero = success. */
static int dist_cb(const void *item1, const void *item2, double *d, void *ud)
{
	const struct query *q = ud;
	int ed = *(const int *)(item1 == q->item ? item2 : item1);

	if (q->only && !q->only[ed]) {
		*d = 1e15;	/* above any true distance: never the nearest */
		return 1;
	}
	return GEOSDistance_r(q->ix->h, q->ix->geoms[ed], q->pt, d);
}

int geo__index_snap(struct geo__index *ix, const struct geo_graph *g,
		    struct geo_point p, struct geo_snap *out, struct err *e)
{
	double x, y, frac, px, py;
	GEOSGeometry *pt, *on = NULL;
	const int *hit;
	int rc = 0, qid = -1;
	struct query q = { ix, NULL, &qid, NULL };
	double d1 = 0, d2 = 0;

	if (!isfinite(p.lat) || !isfinite(p.lon) || fabs(p.lat) > 90 || fabs(p.lon) > 180)
		return err_set(e, ERR_PARSE, "coordinates '%g,%g' are not a latitude and "
			       "longitude", p.lat, p.lon);
	proj(ix, p.lat, p.lon, &x, &y);
	pt = GEOSGeom_createPointFromXY_r(ix->h, x, y);
	if (!pt)
		return err_set(e, ERR_NOMEM, "snapping: %s", ix->msg);
	q.pt = pt;
	hit = GEOSSTRtree_nearest_generic_r(ix->h, ix->tree, &qid, pt, dist_cb, &q);
	if (!hit) {
		rc = err_set(e, ERR_INTERNAL, "snapping: %s", ix->msg);
		goto out;
	}
	if (!g->in_main[*hit]) {	/* a small part: is the main one near too? */
		const int *h2;
		q.only = g->in_main;
		h2 = GEOSSTRtree_nearest_generic_r(ix->h, ix->tree, &qid, pt, dist_cb, &q);
		if (h2 && GEOSDistance_r(ix->h, ix->geoms[*hit], pt, &d1) &&
		    GEOSDistance_r(ix->h, ix->geoms[*h2], pt, &d2) &&
		    d2 <= d1 + GEO__MAIN_PREFER_M)
			hit = h2;
	}
	frac = GEOSProjectNormalized_r(ix->h, ix->geoms[*hit], pt);
	on = GEOSInterpolateNormalized_r(ix->h, ix->geoms[*hit], frac < 0 ? 0 : frac);
	if (!on || !GEOSGeomGetX_r(ix->h, on, &px) || !GEOSGeomGetY_r(ix->h, on, &py)) {
		rc = err_set(e, ERR_INTERNAL, "snapping: %s", ix->msg);
		goto out;
	}
	out->edge = *hit;
	out->offset_m = (frac < 0 ? 0 : frac > 1 ? 1 : frac) * g->metres[*hit];
	unproj(ix, px, py, &out->at.lat, &out->at.lon);
	out->dist_m = geo_distance_m(p, out->at);
	if (out->dist_m > GEO_SNAP_MAX_M)
		rc = err_set(e, ERR_NOTFOUND, "coordinates '%.6f,%.6f' are outside the imported "
			     "area (%.0f m from the nearest walkable way)", p.lat, p.lon,
			     out->dist_m);
out:
	if (on)
		GEOSGeom_destroy_r(ix->h, on);
	GEOSGeom_destroy_r(ix->h, pt);
	return rc;
}

int geo_snap(struct geo_graph *g, struct geo_point p, struct geo_snap *out,
	     struct err *e)
{
	return geo__index_snap(g->index, g, p, out, e);
}

/* ---- output ---------------------------------------------------------- */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				fputc(*s, f);
		}
	}
}

static void write_coords(GEOSContextHandle_t h, const GEOSCoordSequence *cs,
			 unsigned n, enum geo_format fmt, FILE *f)
{
	for (unsigned i = 0; i < n; i++) {
		double x = 0, y = 0;

		GEOSCoordSeq_getXY_r(h, cs, i, &x, &y);
		if (fmt == GEO_FMT_GPX)
			fprintf(f, "      <trkpt lat=\"%.7f\" lon=\"%.7f\"/>\n", y, x);
		else if (fmt == GEO_FMT_GEOJSON)
			fprintf(f, "%s[%.7f,%.7f]", i ? "," : "", x, y);
		else
			fprintf(f, "%s[%.7f,%.7f]", i ? "," : "", y, x);
	}
}

static void write_doc(GEOSContextHandle_t h, const GEOSGeometry *line, enum geo_format fmt,
		      const char *name, double metres, double seconds, FILE *f)
{
	const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, line);
	unsigned n = 0;

	GEOSCoordSeq_getSize_r(h, cs, &n);
	if (fmt == GEO_FMT_GPX) {
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<gpx version=\"1.1\" creator=\"outreach planner\""
		      " xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
		      "  <metadata>\n    <name>", f);
		xml_text(f, name ? name : "walking route");
		fputs("</name>\n    <copyright author=\"OpenStreetMap contributors\">\n"
		      "      <license>https://opendatacommons.org/licenses/odbl/</license>\n"
		      "    </copyright>\n  </metadata>\n  <trk>\n    <name>", f);
		xml_text(f, name ? name : "walking route");
		fprintf(f, "</name>\n    <desc>%.0f m, %.0f min walk</desc>\n    <trkseg>\n",
			metres, seconds / 60);
		write_coords(h, cs, n, fmt, f);
		fputs("    </trkseg>\n  </trk>\n</gpx>\n", f);
	} else if (fmt == GEO_FMT_GEOJSON) {
		fputs("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\","
		      "\"coordinates\":[", f);
		write_coords(h, cs, n, fmt, f);
		fprintf(f, "]},\"properties\":{\"metres\":%.1f,\"seconds\":%.0f,"
			"\"credit\":\"%s\"}}\n", metres, seconds, GEO_CREDIT);
	} else {
		fprintf(f, "{\"metres\":%.1f,\"seconds\":%.0f,\"minutes\":%.1f,"
			"\"credit\":\"%s\",\"points\":[", metres, seconds, seconds / 60,
			GEO_CREDIT);
		write_coords(h, cs, n, fmt, f);
		fputs("]}\n", f);
	}
}

int geo__write_line(const struct geo_point *pts, int n, enum geo_format fmt,
		    const char *name, double metres, double seconds, FILE *f,
		    struct err *e)
{
	GEOSContextHandle_t h = GEOS_init_r();
	GEOSCoordSequence *cs = NULL;
	GEOSGeometry *line = NULL;
	double *buf = malloc((size_t)(n < 2 ? 2 : n) * 2 * sizeof *buf);
	int rc = 0;

	if (!h || !buf) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		buf[2 * i] = pts[i].lon;
		buf[2 * i + 1] = pts[i].lat;
	}
	if (n == 1) {	/* a line needs two points: the same place twice */
		buf[2] = buf[0];
		buf[3] = buf[1];
		n = 2;
	}
	cs = GEOSCoordSeq_copyFromBuffer_r(h, buf, (unsigned)n, 0, 0);
	line = cs ? GEOSGeom_createLineString_r(h, cs) : NULL;
	if (!line) {
		rc = err_set(e, ERR_INTERNAL, "route geometry: GEOS failed");
		goto out;
	}
	write_doc(h, line, fmt, name, metres, seconds, f);
	if (fflush(f) || ferror(f))
		rc = err_set(e, ERR_WRITE, "writing the route failed");
out:
	if (line)
		GEOSGeom_destroy_r(h, line);
	else if (cs)
		GEOSCoordSeq_destroy_r(h, cs);
	free(buf);
	if (h)
		GEOS_finish_r(h);
	return rc;
}
