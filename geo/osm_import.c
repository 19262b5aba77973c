/*
 * osm_import.c - the build path: an OSM extract -> the walking graph rows.
 * One pass with libreadosm collects every node's position and the node
 * lists of walkable ways; then ways are split at junctions (nodes shared by
 * ways, way ends) and at nodes missing from a cut extract, pedestrian areas
 * get chords across, small components without a place are dropped, and the
 * rows replace the stored graph in one transaction.
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "store/graph.h"
#include "store/store.h"
#include "util/err.h"

#include <expat.h>
#include <math.h>
#include <readosm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_NODES 50000000L	/* caps what one file may make us allocate */
#define MAX_REFS 100000000L
#define AREA_CHORDS 16		/* vertices of a square joined pairwise */

struct onode {
	int64_t id;
	double lat, lon;
};

struct way {
	long off, n;		/* into refs */
	int kind, area;
};

struct imp {
	struct onode *nodes;
	long nn, ncap;
	int sorted;
	int64_t *refs;
	long nr, rcap;
	struct way *ways;
	long nw, wcap;
	long all_ways;
	FILE *progress;
	int nomem;
	/* after resolving */
	long *ix;		/* refs -> node index or -1 */
	int *uses;
	/* the graph being built */
	int *gid;		/* node index -> graph node or -1 */
	long gn;
	int *gnode;		/* graph node -> node index */
	int *ea, *eb;
	double *len;
	unsigned char *kind;
	long ne, ecap;
	long *poff;		/* edge -> first point */
	double *pts;
	long np, pcap;
};

static int grow(void **p, long *cap, long need, size_t size)
{
	long nc;
	void *q;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap * 2 : 1024;
	while (nc < need)
		nc *= 2;
	q = realloc(*p, (size_t)nc * size);
	if (!q)
		return ERR_NOMEM;
	*p = q;
	*cap = nc;
	return 0;
}

static const char *tag(const readosm_way *w, const char *key)
{
	for (int i = 0; i < w->tag_count; i++)
		if (w->tags[i].key && !strcmp(w->tags[i].key, key))
			return w->tags[i].value ? w->tags[i].value : "";
	return NULL;
}

static int in_list(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(v, *list))
			return 1;
	return 0;
}

/* Walkability of a way: -1 not walkable, else its edge kind. */
/* A steep way (incline=up/down, or 10 % / 6 degrees and more) is walked as
 * slowly as steps. */
static int steep(const readosm_way *w)
{
	const char *in = tag(w, "incline");
	double v;

	if (!in)
		return 0;
	if (!strcmp(in, "up") || !strcmp(in, "down"))
		return 1;
	v = fabs(strtod(in, NULL));
	if (strstr(in, "\xc2\xb0") || strstr(in, "deg"))
		v = tan(v * M_PI / 180.0) * 100.0;	/* degrees -> percent */
	return v >= 10.0;
}

static int walk_kind(const readosm_way *w, int *area)
{
	static const char *const walk[] = {
		"footway", "path", "pedestrian", "steps", "living_street", "residential",
		"service", "track", "cycleway", "trail", "unclassified", "tertiary",
		"tertiary_link", "secondary", "secondary_link", "primary", "primary_link",
		"road", "bridleway", "corridor", "platform", NULL,
	};
	static const char *const yes[] = { "yes", "designated", "permissive", NULL };
	static const char *const deny[] = { "no", "private", NULL };
	static const char *const never[] = { "construction", "proposed", "abandoned",
		"razed", "disused", "raceway", NULL };
	const char *hw = tag(w, "highway"), *foot = tag(w, "foot");
	const char *access = tag(w, "access"), *sw = tag(w, "sidewalk");
	const char *ar = tag(w, "area");
	int allowed = foot && in_list(foot, yes);

	*area = 0;
	if (!hw || in_list(hw, never))
		return -1;
	/* use_sidepath: the law sends walkers to the separate path beside */
	if (foot && (!strcmp(foot, "no") || !strcmp(foot, "use_sidepath")))
		return -1;
	if (!allowed && access && in_list(access, deny))
		return -1;
	/* deep service tunnels (Helsinki's underground supply roads, layer -4)
	 * are no place to walk and would capture snapping under squares;
	 * shallow ones are underpasses */
	if (!allowed && !strcmp(hw, "service") && (ar = tag(w, "tunnel")) &&
	    strcmp(ar, "no") && (ar = tag(w, "layer")) && atoi(ar) <= -2)
		return -1;
	ar = tag(w, "area");
	if (!allowed && !in_list(hw, walk)) {
		/* trunk roads: walkable along a sidewalk only */
		if (strncmp(hw, "trunk", 5) || !sw || !strcmp(sw, "no") ||
		    !strcmp(sw, "none") || !strcmp(sw, "separate"))
			return -1;
	}
	*area = ar && !strcmp(ar, "yes") &&
		(!strcmp(hw, "pedestrian") || !strcmp(hw, "footway"));
	return !strcmp(hw, "steps") || steep(w) ? 1 : 0;
}

static int on_node(const void *ud, const readosm_node *nd)
{
	struct imp *im = (struct imp *)ud;

	if (im->nn >= MAX_NODES || grow((void **)&im->nodes, &im->ncap, im->nn + 1,
					sizeof *im->nodes)) {
		im->nomem = 1;
		return READOSM_ABORT;
	}
	if (im->nn && im->nodes[im->nn - 1].id >= nd->id)
		im->sorted = 0;
	im->nodes[im->nn++] = (struct onode){ nd->id, nd->latitude, nd->longitude };
	if (im->progress && (im->nn & 0xffff) == 0) {
		fprintf(im->progress, "\rimport: %ld nodes", im->nn);
		fflush(im->progress);
	}
	return READOSM_OK;
}

static int on_way(const void *ud, const readosm_way *w)
{
	struct imp *im = (struct imp *)ud;
	int area, k;

	im->all_ways++;
	k = walk_kind(w, &area);
	if (k < 0 || w->node_ref_count < 2)
		return READOSM_OK;
	if (im->nr + w->node_ref_count > MAX_REFS ||
	    grow((void **)&im->refs, &im->rcap, im->nr + w->node_ref_count,
		 sizeof *im->refs) ||
	    grow((void **)&im->ways, &im->wcap, im->nw + 1, sizeof *im->ways)) {
		im->nomem = 1;
		return READOSM_ABORT;
	}
	memcpy(im->refs + im->nr, w->node_refs,
	       (size_t)w->node_ref_count * sizeof *im->refs);
	im->ways[im->nw++] = (struct way){ im->nr, w->node_ref_count, k,
		area && w->node_refs[0] == w->node_refs[w->node_ref_count - 1] };
	im->nr += w->node_ref_count;
	if (im->progress && (im->all_ways & 0x3fff) == 0) {
		fprintf(im->progress, "\rimport: %ld nodes, %ld ways", im->nn, im->all_ways);
		fflush(im->progress);
	}
	return READOSM_OK;
}

static int cmp_node(const void *a, const void *b)
{
	int64_t x = ((const struct onode *)a)->id, y = ((const struct onode *)b)->id;

	return (x > y) - (x < y);
}

static long find_node(const struct imp *im, int64_t id)
{
	long lo = 0, hi = im->nn - 1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (im->nodes[mid].id == id)
			return mid;
		if (im->nodes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * libreadosm leaks its expat parser when an XML file is malformed, so a
 * .osm file is checked for well-formedness first (expat itself, the parser
 * readosm uses); this also names the line of the damage.
 */
struct xml_need {
	const char *elem, *attr[4];
};

struct xml_state {
	XML_Parser p;
	char bad[160];
};

/* libreadosm also reads these attributes without checking they exist. */
static void XMLCALL xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	static const struct xml_need need[] = {
		{ "node", { "id", "lat", "lon", NULL } }, { "way", { "id", NULL } },
		{ "nd", { "ref", NULL } }, { "tag", { "k", "v", NULL } },
		{ "relation", { "id", NULL } }, { "member", { "type", "ref", "role", NULL } },
	};
	struct xml_state *x = ud;

	for (size_t i = 0; i < sizeof need / sizeof need[0] && !x->bad[0]; i++) {
		if (strcmp(name, need[i].elem))
			continue;
		for (int k = 0; need[i].attr[k]; k++) {
			int found = 0;
			for (int a = 0; atts[a]; a += 2)
				found |= !strcmp(atts[a], need[i].attr[k]);
			if (!found) {
				snprintf(x->bad, sizeof x->bad, "line %lu: <%s> without '%s'",
					 (unsigned long)XML_GetCurrentLineNumber(x->p), name,
					 need[i].attr[k]);
				XML_StopParser(x->p, XML_FALSE);
				return;
			}
		}
	}
}

static int xml_check(const char *path, struct err *e)
{
	struct xml_state x = { 0 };
	size_t n = strlen(path);
	XML_Parser p;
	FILE *f;
	char buf[65536];
	int rc = 0, done = 0;

	if (n < 4 || strcmp(path + n - 4, ".osm"))
		return 0;
	if (!(f = fopen(path, "rb")))
		return err_set(e, ERR_IO, "'%s': cannot open", path);
	if (!(p = XML_ParserCreate(NULL))) {
		fclose(f);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	x.p = p;
	XML_SetUserData(p, &x);
	XML_SetStartElementHandler(p, xml_start);
	while (!rc && !done) {
		size_t got = fread(buf, 1, sizeof buf, f);
		done = got < sizeof buf;
		if (XML_Parse(p, buf, (int)got, done) != XML_STATUS_ERROR)
			continue;
		if (x.bad[0])
			rc = err_set(e, ERR_PARSE, "'%s': %s (corrupt OSM file)", path, x.bad);
		else
			rc = err_set(e, ERR_PARSE, "'%s': line %lu: %s (truncated or corrupt OSM "
				     "file)", path, (unsigned long)XML_GetCurrentLineNumber(p),
				     XML_ErrorString(XML_GetErrorCode(p)));
	}
	XML_ParserFree(p);
	fclose(f);
	return rc;
}

static int read_file(struct imp *im, const char *path, struct err *e)
{
	const void *h = NULL;
	int rc = xml_check(path, e);

	if (rc)
		return rc;
	rc = readosm_open(path, &h);

	if (rc == READOSM_OK)
		rc = readosm_parse(h, im, on_node, on_way, NULL);
	readosm_close(h);
	if (im->progress)
		fprintf(im->progress, "\r\033[K");
	if (im->nomem)
		return err_set(e, ERR_TOOBIG, "'%s': too large to import", path);
	switch (rc) {
	case READOSM_OK:
		return 0;
	case READOSM_INVALID_SUFFIX:
		return err_set(e, ERR_USAGE, "'%s': expected a .osm or .osm.pbf file", path);
	case READOSM_FILE_NOT_FOUND:
		return err_set(e, ERR_IO, "'%s': cannot open", path);
	case READOSM_INSUFFICIENT_MEMORY:
		return err_set(e, ERR_NOMEM, "'%s': out of memory", path);
	default:
		return err_set(e, ERR_PARSE, "'%s': not a valid OSM file (truncated or corrupt, "
			       "readosm error %d)", path, rc);
	}
}

/* refs -> node indices; counts how many way vertices each node is. */
static int resolve(struct imp *im, long *missing)
{
	if (!im->sorted)
		qsort(im->nodes, (size_t)im->nn, sizeof *im->nodes, cmp_node);
	im->ix = malloc((size_t)(im->nr ? im->nr : 1) * sizeof *im->ix);
	im->uses = calloc((size_t)(im->nn ? im->nn : 1), sizeof *im->uses);
	if (!im->ix || !im->uses)
		return ERR_NOMEM;
	*missing = 0;
	for (long i = 0; i < im->nr; i++) {
		im->ix[i] = find_node(im, im->refs[i]);
		if (im->ix[i] < 0)
			(*missing)++;
		else
			im->uses[im->ix[i]]++;
	}
	for (long w = 0; w < im->nw; w++) {
		/* run ends (way ends, beside a missing node) are junctions */
		const long *r = im->ix + im->ways[w].off;
		long n = im->ways[w].n;

		for (long i = 0; i < n; i++)
			if (r[i] >= 0 && (i == 0 || i == n - 1 || r[i - 1] < 0 || r[i + 1] < 0))
				im->uses[r[i]] += 2;
	}
	return 0;
}

static double seg_m(const struct onode *a, const struct onode *b)
{
	return geo_distance_m((struct geo_point){ a->lat, a->lon },
			      (struct geo_point){ b->lat, b->lon });
}

static long graph_node(struct imp *im, long ni)
{
	if (im->gid[ni] < 0) {
		im->gnode[im->gn] = (int)ni;
		im->gid[ni] = (int)im->gn++;
	}
	return im->gid[ni];
}

static int add_point(struct imp *im, long ni)
{
	if (grow((void **)&im->pts, &im->pcap, 2 * (im->np + 1), sizeof *im->pts))
		return ERR_NOMEM;
	im->pts[2 * im->np] = im->nodes[ni].lat;
	im->pts[2 * im->np + 1] = im->nodes[ni].lon;
	im->np++;
	return 0;
}

/* Starts an edge at node index a; its points follow with add_point. */
static int edge_begin(struct imp *im, long a, int kind)
{
	if (grow((void **)&im->ea, &im->ecap, im->ne + 1, sizeof *im->ea))
		return ERR_NOMEM;
	{
		long c = im->ecap;
		void *p1 = realloc(im->eb, (size_t)c * sizeof *im->eb);
		if (p1)
			im->eb = p1;
		void *p2 = realloc(im->len, (size_t)c * sizeof *im->len);
		if (p2)
			im->len = p2;
		void *p3 = realloc(im->kind, (size_t)c);
		if (p3)
			im->kind = p3;
		void *p4 = realloc(im->poff, (size_t)(c + 1) * sizeof *im->poff);
		if (p4)
			im->poff = p4;
		if (!p1 || !p2 || !p3 || !p4)
			return ERR_NOMEM;
	}
	im->ea[im->ne] = (int)graph_node(im, a);
	im->kind[im->ne] = (unsigned char)kind;
	im->len[im->ne] = 0;
	im->poff[im->ne] = im->np;
	return add_point(im, a);
}

static void edge_end(struct imp *im, long b)
{
	im->eb[im->ne] = (int)graph_node(im, b);
	im->ne++;
	im->poff[im->ne] = im->np;
}

/* One run of present nodes r[0..n-1], cut at junctions. */
static int split_run(struct imp *im, const long *r, long n, int kind)
{
	int rc = edge_begin(im, r[0], kind);

	for (long i = 1; i < n && !rc; i++) {
		im->len[im->ne] += seg_m(&im->nodes[r[i - 1]], &im->nodes[r[i]]);
		rc = add_point(im, r[i]);
		if (rc || im->uses[r[i]] < 2)
			continue;
		edge_end(im, r[i]);
		if (i < n - 1)
			rc = edge_begin(im, r[i], kind);
	}
	return rc;
}

static int add_chord(struct imp *im, long a, long b)
{
	int rc;

	if (a == b)
		return 0;
	rc = edge_begin(im, a, 2);
	if (!rc)
		rc = add_point(im, b);
	if (rc)
		return rc;
	im->len[im->ne] = seg_m(&im->nodes[a], &im->nodes[b]);
	edge_end(im, b);
	return 0;
}

/* A pedestrian square is walkable across: its vertices (up to AREA_CHORDS
 * of them, evenly picked) are joined pairwise by straight chords. */
static int area_chords(struct imp *im, const long *r, long n)
{
	long v[AREA_CHORDS], k = 0, step;

	n--;			/* closed ring: the last vertex is the first */
	step = (n + AREA_CHORDS - 1) / AREA_CHORDS;
	for (long i = 0; i < n && k < AREA_CHORDS; i += step)
		if (r[i] >= 0)
			v[k++] = r[i];
	for (long i = 0; i < k; i++)
		for (long j = i + 2; j < k; j++)
			if (!(i == 0 && j == k - 1)) {
				int rc = add_chord(im, v[i], v[j]);
				if (rc)
					return rc;
			}
	return 0;
}

/* The chords' vertices must be junctions before splitting. */
static void area_marks(struct imp *im)
{
	for (long w = 0; w < im->nw; w++) {
		const long *r = im->ix + im->ways[w].off;
		long n = im->ways[w].n - 1, step = (n + AREA_CHORDS - 1) / AREA_CHORDS;

		if (!im->ways[w].area || n < 3)
			continue;
		for (long i = 0; i < n; i += step)
			if (r[i] >= 0)
				im->uses[r[i]] += 2;
	}
}

static int build_edges(struct imp *im)
{
	int rc = 0;

	im->gid = malloc((size_t)(im->nn ? im->nn : 1) * sizeof *im->gid);
	im->gnode = malloc((size_t)(im->nn ? im->nn : 1) * sizeof *im->gnode);
	if (!im->gid || !im->gnode)
		return ERR_NOMEM;
	memset(im->gid, 0xff, (size_t)im->nn * sizeof *im->gid);
	area_marks(im);
	for (long w = 0; w < im->nw && !rc; w++) {
		const long *r = im->ix + im->ways[w].off;
		long n = im->ways[w].n, s = 0;

		while (s < n && !rc) {
			long t;

			while (s < n && r[s] < 0)
				s++;
			for (t = s; t < n && r[t] >= 0; t++)
				;
			if (t - s >= 2)
				rc = split_run(im, r + s, t - s, im->ways[w].kind);
			s = t;
		}
		if (!rc && im->ways[w].area && n >= 4)
			rc = area_chords(im, r, n);
	}
	return rc;
}

/* ---- components ------------------------------------------------------ */
static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

struct places {
	struct geo_point *p;
	long n, cap;
};

static int place_cb(const struct store_place *pl, void *ud)
{
	struct places *ps = ud;

	if (grow((void **)&ps->p, &ps->cap, ps->n + 1, sizeof *ps->p))
		return ERR_NOMEM;
	ps->p[ps->n++] = (struct geo_point){ pl->lat, pl->lon };
	return 0;
}

/* Graph node nearest to p (by way vertex): its component is kept. */
static long nearest_vertex_edge(const struct imp *im, struct geo_point p)
{
	double best = INFINITY, c = cos(p.lat * M_PI / 180);
	long be = -1;

	for (long ed = 0; ed < im->ne; ed++)
		for (long k = im->poff[ed]; k < im->poff[ed + 1]; k++) {
			double dy = im->pts[2 * k] - p.lat, dx = (im->pts[2 * k + 1] - p.lon) * c;
			double d = dx * dx + dy * dy;
			if (d < best) {
				best = d;
				be = ed;
			}
		}
	return be;
}

/* keep[graph node] = 1 for the largest component and those with a place. */
static int components(struct imp *im, struct store *s, unsigned char *keep,
		      struct geo_import_stats *st, struct err *e)
{
	int *p = malloc((size_t)(im->gn ? im->gn : 1) * sizeof *p);
	long *size = calloc((size_t)(im->gn ? im->gn : 1), sizeof *size);
	unsigned char *mark = calloc((size_t)(im->gn ? im->gn : 1), 1);
	struct places ps = { 0 };
	long best = 0, ncomp = 0;
	int rc = 0;

	if (!p || !size || !mark) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (long i = 0; i < im->gn; i++)
		p[i] = (int)i;
	for (long ed = 0; ed < im->ne; ed++)
		p[uf_find(p, im->ea[ed])] = uf_find(p, im->eb[ed]);
	for (long i = 0; i < im->gn; i++)
		if (size[uf_find(p, (int)i)]++ == 0)
			ncomp++;
	for (long i = 0; i < im->gn; i++)
		if (size[i] > size[best])
			best = i;
	mark[best] = 1;
	rc = store_place_each(s, place_cb, &ps, e);
	if (rc)
		goto out;
	for (long i = 0; i < ps.n; i++) {
		long ed = nearest_vertex_edge(im, ps.p[i]);
		if (ed >= 0)
			mark[uf_find(p, im->ea[ed])] = 1;
	}
	for (long i = 0; i < im->gn; i++)
		keep[i] = mark[uf_find(p, (int)i)];
	for (long i = 0; i < im->gn; i++)
		if (i == uf_find(p, (int)i) && !mark[i])
			st->dropped_components++;
	(void)ncomp;
out:
	free(p);
	free(size);
	free(mark);
	free(ps.p);
	return rc;
}

/* ---- writing ---------------------------------------------------------- */
/* Interleaves the bits of x and y (Morton / Z order). */
static uint64_t zorder(uint32_t x, uint32_t y)
{
	uint64_t z = 0;

	for (int b = 0; b < 32; b++)
		z |= (uint64_t)((x >> b) & 1) << (2 * b) | (uint64_t)((y >> b) & 1) << (2 * b + 1);
	return z;
}

struct zkey {
	uint64_t z;
	long i;
};

static int cmp_z(const void *a, const void *b)
{
	uint64_t x = ((const struct zkey *)a)->z, y = ((const struct zkey *)b)->z;

	return (x > y) - (x < y);
}

/*
 * Kept nodes numbered in Z order of their position: nodes near each other
 * on the map get near ids, so a search's labels share cache lines.
 */
static int spatial_order(const struct imp *im, const unsigned char *keep, int *newid,
			 long *n)
{
	struct zkey *k = malloc((size_t)(im->gn ? im->gn : 1) * sizeof *k);
	long m = 0;

	if (!k)
		return ERR_NOMEM;
	for (long i = 0; i < im->gn; i++) {
		const struct onode *o = &im->nodes[im->gnode[i]];
		newid[i] = -1;
		if (keep[i])
			k[m++] = (struct zkey){ zorder((uint32_t)((o->lon + 180) * 1e6),
						       (uint32_t)((o->lat + 90) * 1e6)), i };
	}
	qsort(k, (size_t)m, sizeof *k, cmp_z);
	for (long r = 0; r < m; r++)
		newid[k[r].i] = (int)r;
	*n = m;
	free(k);
	return 0;
}

static int write_graph(struct imp *im, struct store *s, const unsigned char *keep,
		       const char *path, struct geo_import_stats *st, struct err *e)
{
	int *newid = malloc((size_t)(im->gn ? im->gn : 1) * sizeof *newid);
	long nid = 0, eid = 0;
	int rc;

	if (!newid)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = spatial_order(im, keep, newid, &nid);
	if (rc)
		return free(newid), err_set(e, ERR_NOMEM, "out of memory");
	rc = store_begin(s, e);
	if (!rc)
		rc = store_graph_clear(s, e);
	for (long i = 0; i < im->gn && !rc; i++) {
		const struct onode *o = &im->nodes[im->gnode[i]];
		if (newid[i] >= 0)
			rc = store_graph_node_insert(s, newid[i], o->lat, o->lon, e);
	}
	for (long ed = 0; ed < im->ne && !rc; ed++) {
		struct store_graph_edge x = {
			.id = eid, .a = newid[im->ea[ed]], .b = newid[im->eb[ed]],
			.metres = im->len[ed], .kind = im->kind[ed],
			.npts = (int)(im->poff[ed + 1] - im->poff[ed]),
			.pts = im->pts + 2 * im->poff[ed],
		};
		if (!keep[im->ea[ed]]) {
			st->dropped_edges++;
			st->dropped_km += im->kind[ed] != 2 ? im->len[ed] / 1000 : 0;
			continue;
		}
		if (im->kind[ed] != 2)	/* chords are not ways */
			st->kept_km += im->len[ed] / 1000;
		rc = store_graph_edge_insert(s, &x, e);
		eid++;
	}
	if (!rc)
		rc = store_graph_meta_set(s, "source", path, e);
	if (!rc)
		rc = store_graph_meta_set(s, "credit", GEO_CREDIT, e);
	if (!rc)
		rc = store_commit(s, e);
	if (rc)
		store_rollback(s);
	st->nodes = nid;
	st->edges = eid;
	free(newid);
	return rc;
}

static void imp_free(struct imp *im)
{
	free(im->nodes);
	free(im->refs);
	free(im->ways);
	free(im->ix);
	free(im->uses);
	free(im->gid);
	free(im->gnode);
	free(im->ea);
	free(im->eb);
	free(im->len);
	free(im->kind);
	free(im->poff);
	free(im->pts);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int warn_far(struct store *s, FILE *warn, struct err *e);

int geo_osm_import(struct store *s, const char *path, FILE *progress, FILE *warn,
		   struct geo_import_stats *st, struct err *e)
{
	struct imp im = { .sorted = 1, .progress = progress };
	struct geo_import_stats dummy;
	unsigned char *keep = NULL;
	double t0 = now_s();
	int rc;

	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	rc = read_file(&im, path, e);
	if (!rc && resolve(&im, &st->missing_refs))
		rc = err_set(e, ERR_NOMEM, "out of memory");
	if (!rc && build_edges(&im))
		rc = err_set(e, ERR_NOMEM, "out of memory");
	st->osm_nodes = im.nn;
	st->osm_ways = im.all_ways;
	st->walkable_ways = im.nw;
	if (!rc && im.ne == 0)
		rc = err_set(e, ERR_PARSE, "'%s': no walkable way in the file", path);
	if (!rc && !(keep = malloc((size_t)im.gn)))
		rc = err_set(e, ERR_NOMEM, "out of memory");
	if (!rc)
		rc = components(&im, s, keep, st, e);
	if (!rc)
		rc = write_graph(&im, s, keep, path, st, e);
	free(keep);
	imp_free(&im);
	st->seconds = now_s() - t0;
	if (!rc && warn)
		rc = warn_far(s, warn, e);
	return rc;
}

/* ---- places far from any way ----------------------------------------- */
struct far {
	struct geo_graph *g;
	FILE *f;
};

static int far_cb(const struct store_place *pl, void *ud)
{
	struct far *fa = ud;
	struct geo_snap sn;
	struct err e2 = { 0 };
	int rc = geo_snap(fa->g, (struct geo_point){ pl->lat, pl->lon }, &sn, &e2);

	if (rc == ERR_NOTFOUND)
		fprintf(fa->f, "warning: place '%s' is more than %.0f m from any walkable way\n",
			pl->key, GEO_SNAP_MAX_M);
	else if (!rc && sn.dist_m > GEO_SNAP_WARN_M)
		fprintf(fa->f, "warning: place '%s' is %.0f m from the nearest walkable way\n",
			pl->key, sn.dist_m);
	return rc == ERR_NOTFOUND ? 0 : rc;
}

static int warn_far(struct store *s, FILE *warn, struct err *e)
{
	struct far fa = { NULL, warn };
	int rc = geo_graph_load(s, &fa.g, e);

	if (!rc)
		rc = store_place_each(s, far_cb, &fa, e);
	geo_graph_free(fa.g);
	return rc;
}
