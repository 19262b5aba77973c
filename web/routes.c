/*
 * routes.c - walking lines on the map and in phones: the street layer of
 * the imported OpenStreetMap graph, a shift's route along the streets as
 * GeoJSON, and as GPX 1.1 (track plus the stops as waypoints) for OsmAnd
 * and Organic Maps. Each pool thread keeps its own loaded graph.
 */
#include "web/web_int.h"
#include "planner/rounds/plan_out.h"
#include "planner/rounds/walk.h"
#include "store/graph.h"
#include "store/plans.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_key_t walk_key;
static pthread_once_t walk_once = PTHREAD_ONCE_INIT;

static void free_walk(void *p)
{
	plan_walk_free(p);
}

static void make_key(void)
{
	pthread_key_create(&walk_key, free_walk);
}

/* This thread's walking graph (loaded on first use). */
static struct plan_walk *walker(struct web_req *r)
{
	struct plan_walk *w;

	pthread_once(&walk_once, make_key);
	w = pthread_getspecific(walk_key);
	if (!w && !plan_walk_open(r->s, 0, &w, NULL))
		pthread_setspecific(walk_key, w);
	return w;
}

/* ---- the street layer ---------------------------------------------------- */
#define STREETS_HEAD "{\"credit\":\"\\u00a9 OpenStreetMap contributors\",\"lines\":["
static int edge_line(const struct store_graph_edge *ed, void *ud)
{
	struct buf *b = ud;
	double p[2];

	buf_puts(b, b->p[b->len - 1] == '[' ? "[" : ",[");
	for (int i = 0; i < ed->npts; i++) {
		memcpy(p, ed->pts + 2 * i, sizeof p);	/* may be unaligned */
		buf_printf(b, "%s%.5f,%.5f", i ? "," : "", p[0], p[1]);
	}
	buf_putc(b, ']');
	return 0;
}

enum MHD_Result web__api_streets(struct web_req *r)
{
	int64_t nodes = 0, edges = 0, version = 0;
	enum MHD_Result res;
	struct buf b;
	char key[64];
	json_error_t je;

	if (store_graph_counts(r->s, &nodes, &edges, NULL) ||
	    store_content_version(r->s, &version, NULL))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	snprintf(key, sizeof key, "streets/%lld/%lld", (long long)nodes, (long long)edges);
	if (web__cached(r, key, 0, &res))
		return res;
	buf_init(&b);
	buf_puts(&b, STREETS_HEAD);
	if (store_graph_edge_each(r->s, edge_line, &b, NULL)) {
		buf_release(&b);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "graph");
	}
	buf_puts(&b, "]}");
	res = web__cache_json(r, key, 0, json_loadb(b.p, b.len, 0, &je));
	buf_release(&b);
	return res;
}

/* ---- one shift's route ------------------------------------------------------ */
/* Loads the shift if this request may see it: the lead, or the link of
 * one of its workers or of its pair. */
static int shift_for(struct web_req *r, const char *id_text, struct store_shift *sh,
		     struct store_shift_parts *p)
{
	char *end;
	int64_t id = strtoll(id_text, &end, 10);
	struct store_pair pair;

	if ((*end && strcmp(end, ".gpx")) || id <= 0 || store_shift_get(r->s, id, sh, NULL))
		return ERR_NOTFOUND;
	if (r->link_token) {
		if (store_pair_get(r->s, sh->pair, &pair, NULL))
			return ERR_NOTFOUND;
		if (!((r->link.kind == STORE_FEED_PAIR && r->link.subject_id == pair.id) ||
		      (r->link.kind == STORE_FEED_WORKER &&
		       (r->link.subject_id == pair.worker_a_id ||
			r->link.subject_id == pair.worker_b_id))))
			return ERR_NOTFOUND;
	}
	return store_shift_parts_load(r->s, id, p, NULL) ? ERR_DB : 0;
}

static enum MHD_Result route_json(struct web_req *r, const char *id_text)
{
	struct store_shift sh;
	struct store_shift_parts p;
	struct plan_geometry_src g;
	struct plan_walk *w = walker(r);
	json_t *j;

	if (shift_for(r, id_text, &sh, &p))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	if (w)
		plan_walk_geometry(w, &g);
	j = plan_out_route_json(&p, 0, w && plan_walk_streets(w) ? &g : NULL);
	store_shift_parts_release(&p);
	return web__json(r, MHD_HTTP_OK, j);
}

enum MHD_Result web__api_shift_route(struct web_req *r)
{
	return route_json(r, r->arg[0]);
}

enum MHD_Result web__link_route(struct web_req *r)
{
	return route_json(r, r->arg[1]);
}

/* ---- the street layer around one shift (a worker's map) --------------------- */
struct bbox_lines {
	double lat0, lat1, lon0, lon1;
	struct buf *b;
};

static int edge_in_box(const struct store_graph_edge *ed, void *ud)
{
	struct bbox_lines *x = ud;
	double p[2];

	for (int i = 0; i < ed->npts; i++) {
		memcpy(p, ed->pts + 2 * i, sizeof p);
		if (p[0] >= x->lat0 && p[0] <= x->lat1 && p[1] >= x->lon0 && p[1] <= x->lon1)
			return edge_line(ed, x->b);
	}
	return 0;
}

/* The stops' bounding box, widened by LINK_STREETS_M on every side. */
#define LINK_STREETS_M 600.0
static void stops_box(const struct store_shift_parts *p, struct bbox_lines *x)
{
	double dlat = LINK_STREETS_M / 111320.0, dlon;

	x->lat0 = x->lon0 = 1e9;
	x->lat1 = x->lon1 = -1e9;
	for (int i = 0; i < p->nstops; i++) {
		x->lat0 = fmin(x->lat0, p->stops[i].lat);
		x->lat1 = fmax(x->lat1, p->stops[i].lat);
		x->lon0 = fmin(x->lon0, p->stops[i].lon);
		x->lon1 = fmax(x->lon1, p->stops[i].lon);
	}
	dlon = dlat / fmax(0.1, cos((x->lat0 + x->lat1) / 2 * M_PI / 180));
	x->lat0 -= dlat;
	x->lat1 += dlat;
	x->lon0 -= dlon;
	x->lon1 += dlon;
}

/* GET /api/link/TOKEN/streets/SHIFT: the streets within 600 m of the
 * shift's stops, as the lead's layer ({"credit", "lines"}), for the link
 * of one of its workers or of its pair. */
enum MHD_Result web__link_streets(struct web_req *r)
{
	struct store_shift sh;
	struct store_shift_parts p;
	struct bbox_lines x;
	int64_t version = 0;
	enum MHD_Result res;
	json_error_t je;
	struct buf b;
	char key[64];
	int rc;

	if (shift_for(r, r->arg[1], &sh, &p))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	stops_box(&p, &x);
	store_shift_parts_release(&p);
	if (store_content_version(r->s, &version, NULL))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	snprintf(key, sizeof key, "streets/shift/%lld", (long long)sh.id);
	if (web__cached(r, key, version, &res))
		return res;
	buf_init(&b);
	x.b = &b;
	buf_puts(&b, STREETS_HEAD);
	rc = store_graph_edge_each(r->s, edge_in_box, &x, NULL);
	buf_puts(&b, "]}");
	res = rc ? web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "graph") :
		   web__cache_json(r, key, version, json_loadb(b.p, b.len, 0, &je));
	buf_release(&b);
	return res;
}

static void gpx(struct buf *b, const struct store_shift *sh, const struct store_shift_parts *p,
		const double *ll, int n)
{
	char t[6], name[128];

	snprintf(name, sizeof name, "%s %s %02d:%02d", sh->pair, tz_weekday_name(sh->weekday),
		 sh->start_min / 60, sh->start_min % 60);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<gpx version=\"1.1\" creator=\"outreach planner\" "
		 "xmlns=\"http://www.topografix.com/GPX/1/1\">\n<metadata><name>");
	buf_put_xml(b, name);
	buf_puts(b, "</name><copyright author=\"OpenStreetMap contributors\">"
		 "<license>https://opendatacommons.org/licenses/odbl/</license></copyright>"
		 "</metadata>\n");
	for (int i = 0; i < p->nstops; i++) {
		if (p->stops[i].exception_id)
			continue;
		tz_format_hhmm(p->stops[i].arrive_min, t);
		buf_printf(b, "<wpt lat=\"%.7f\" lon=\"%.7f\"><name>%d ", p->stops[i].lat,
			   p->stops[i].lon, p->stops[i].seq);
		buf_put_xml(b, p->stops[i].place_name);
		buf_printf(b, "</name><desc>%s</desc></wpt>\n", t);
	}
	buf_puts(b, "<trk><name>");
	buf_put_xml(b, name);
	buf_puts(b, "</name><trkseg>\n");
	for (int i = 0; i < n; i++)
		buf_printf(b, "<trkpt lat=\"%.7f\" lon=\"%.7f\"/>\n", ll[2 * i + 1], ll[2 * i]);
	buf_puts(b, "</trkseg></trk>\n</gpx>\n");
}

/* GET /w/TOKEN/shifts/ID.gpx (or the page for /w/TOKEN/shifts/ID). */
enum MHD_Result web__link_gpx(struct web_req *r)
{
	struct store_shift sh;
	struct store_shift_parts p;
	struct plan_geometry_src g;
	struct plan_walk *w;
	enum MHD_Result res;
	struct buf b;
	double *ll;
	int n;

	if (!strstr(r->arg[1], ".gpx"))
		return web__page(r);
	if (shift_for(r, r->arg[1], &sh, &p))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	w = walker(r);
	if (w)
		plan_walk_geometry(w, &g);
	plan_out_route_points(&p, 0, w && plan_walk_streets(w) ? &g : NULL, &ll, &n);
	buf_init(&b);
	gpx(&b, &sh, &p, ll, n);
	res = web__bytes(r, MHD_HTTP_OK, "application/gpx+xml", b.p, b.len);
	free(ll);
	buf_release(&b);
	store_shift_parts_release(&p);
	return res;
}
