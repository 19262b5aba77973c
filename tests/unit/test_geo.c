/* test_geo.c - the walking graph on tests/fixtures/osm/small.osm (see the
 * comment in that file for its layout) and on the Helsinki extract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>

#include "geo/geo.h"
#include "store/graph.h"
#include "store/store.h"
#include "tests/unit/testutil.h"
#include "util/err.h"

#define SMALL "tests/fixtures/osm/small.osm"
#define HELSINKI "../shared/osm/helsinki_centre.osm.pbf"

static const struct geo_point A = { 60.0, 25.0 }, B = { 60.0, 25.002 }, C = { 60.0, 25.004 },
	D = { 60.001, 25.0 }, E = { 60.001, 25.002 }, F = { 60.001, 25.004 },
	N7 = { 60.002, 25.004 }, N12 = { 60.003, 25.002 }, FAR = { 60.02, 25.001 };

struct fx {
	char *path;
	struct store *s;
	struct geo_graph *g;
	struct geo_import_stats st;
};

static void add_place(struct store *s, const char *key, struct geo_point p)
{
	struct store_place pl = { .lat = p.lat, .lon = p.lon, .stay_minutes = 10 };
	struct err e = { 0 };

	snprintf(pl.key, sizeof pl.key, "%s", key);
	snprintf(pl.name, sizeof pl.name, "%s", key);
	snprintf(pl.kind, sizeof pl.kind, "other");
	assert_int_equal(store_place_upsert(s, &pl, &e), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e = { 0 };

	f->path = test_db_path();
	if (store_open(f->path, &f->s, &e))
		return -1;
	add_place(f->s, "far", FAR);	/* keeps the part 30-31 */
	if (geo_osm_import(f->s, SMALL, NULL, NULL, &f->st, &e) ||
	    geo_graph_load(f->s, &f->g, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	geo_graph_free(f->g);
	store_close(f->s);
	test_db_remove(f->path);
	free(f);
	return 0;
}

static double route_m(struct geo_graph *g, struct geo_point a, struct geo_point b,
		      double *sec, int *npts)
{
	struct geo_route *r = NULL;
	struct err e = { 0 };
	const struct geo_point *p;
	double m;

	assert_int_equal(geo_route(g, a, b, 0, &r, &e), 0);
	m = geo_route_metres(r);
	if (sec)
		*sec = geo_route_seconds(r);
	if (npts)
		*npts = geo_route_points(r, &p);
	geo_route_free(r);
	return m;
}

static void assert_near(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("got %.3f, wanted %.3f (+-%.3f)", got, want, tol);
}

static void test_geo_oneway_footway(void **state)
{
	struct fx *f = *state;
	double want = geo_distance_m(A, B) + geo_distance_m(B, C);
	struct geo_route *r = NULL;
	const struct geo_point *p;
	struct err e = { 0 };

	assert_near(route_m(f->g, A, C, NULL, NULL), want, 0.01);
	/* against the cars' one-way direction */
	assert_int_equal(geo_route(f->g, C, A, 0, &r, &e), 0);
	assert_near(geo_route_metres(r), want, 0.01);
	assert_int_equal(geo_route_points(r, &p), 3);
	assert_near(p[1].lon, B.lon, 1e-9);
	assert_near(p[2].lon, A.lon, 1e-9);
	geo_route_free(r);
}

static void test_geo_foot_no_and_steps(void **state)
{
	struct fx *f = *state;
	double sec, want = geo_distance_m(A, B) + geo_distance_m(B, E);
	double want_s = (geo_distance_m(A, B) + GEO_STEPS_FACTOR * geo_distance_m(B, E)) /
			(GEO_SPEED_KMH / 3.6);

	/* not the 157 m path with foot=no, nor the private road A-D */
	assert_near(route_m(f->g, A, E, &sec, NULL), want, 0.01);
	assert_near(sec, want_s, 0.01);
	/* A to D: round by B, steps, E (the private road A-D is closed) */
	assert_near(route_m(f->g, A, D, NULL, NULL), want + geo_distance_m(E, D), 0.01);
}

static void test_geo_square_across(void **state)
{
	struct fx *f = *state;
	int n;

	/* straight across the square, not round its edge */
	assert_near(route_m(f->g, D, N12, NULL, &n), geo_distance_m(D, N12), 0.01);
	assert_int_equal(n, 2);
}

static void test_geo_cut_way(void **state)
{
	struct fx *f = *state;
	double want = geo_distance_m(A, B) + geo_distance_m(B, C) + geo_distance_m(C, F) +
		      geo_distance_m(F, N7);

	assert_int_equal(f->st.missing_refs, 1);
	assert_near(route_m(f->g, A, N7, NULL, NULL), want, 0.01);
}

static void test_geo_components(void **state)
{
	struct fx *f = *state;
	struct geo_route *r = NULL;
	struct err e = { 0 };

	/* 20-21 dropped; 30-31 kept for the place "far" but unreachable */
	assert_int_equal(f->st.dropped_components, 1);
	assert_int_equal(geo_route(f->g, A, FAR, 0, &r, &e), ERR_NOTFOUND);
	assert_null(r);
	assert_non_null(strstr(e.msg, "no walking route"));
}

static void test_geo_snap_on_edge(void **state)
{
	struct fx *f = *state;
	struct geo_snap sn;
	struct err e = { 0 };
	struct geo_point mid = { 60.0002, 25.001 };	/* 22 m north of A-B */

	assert_int_equal(geo_snap(f->g, mid, &sn, &e), 0);
	assert_near(sn.at.lat, 60.0, 1e-6);
	assert_near(sn.at.lon, 25.001, 1e-6);
	assert_near(sn.dist_m, 22.2, 0.2);
	assert_near(sn.offset_m, geo_distance_m(A, B) / 2, 0.5);
	assert_near(route_m(f->g, mid, C, NULL, NULL),
		    geo_distance_m(A, B) / 2 + geo_distance_m(B, C), 0.5);
}

static void test_geo_outside(void **state)
{
	struct fx *f = *state;
	struct geo_route *r = NULL;
	struct err e = { 0 };

	assert_int_equal(geo_route(f->g, A, (struct geo_point){ 61.0, 25.0 }, 0, &r, &e),
			 ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "outside the imported area"));
}

static void test_geo_matrix_matches_routes(void **state)
{
	struct fx *f = *state;
	struct geo_point p[4] = { A, C, E, N12 };
	double sec[16], m[16];
	struct err e = { 0 };

	assert_int_equal(geo_matrix(f->g, p, 4, 0, sec, m, &e), 0);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++) {
			double rs, rm = i == j ? 0 : route_m(f->g, p[i], p[j], &rs, NULL);
			assert_near(m[i * 4 + j], rm, 0.01);
			if (i != j)
				assert_near(sec[i * 4 + j], rs, 0.01);
		}
	p[3] = FAR;	/* unreachable: -1 */
	assert_int_equal(geo_matrix(f->g, p, 4, 0, sec, m, &e), 0);
	assert_near(sec[3], -1, 0);
	assert_near(m[3 * 4], -1, 0);
}

static void test_geo_bad_input_keeps_graph(void **state)
{
	struct fx *f = *state;
	const char *bad[] = { "tests/fixtures/osm/truncated.osm",
			      "tests/fixtures/osm/corrupt.osm", "/nonexistent.osm",
			      "tests/fixtures/osm/small.txt" };
	int64_t n0, m0, n1, m1;
	struct err e = { 0 };

	assert_int_equal(store_graph_counts(f->s, &n0, &m0, &e), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		assert_true(geo_osm_import(f->s, bad[i], NULL, NULL, NULL, &e) < 0);
		assert_non_null(strstr(e.msg, "osm") ? e.msg : strstr(e.msg, "'"));
		assert_int_equal(store_graph_counts(f->s, &n1, &m1, &e), 0);
		assert_int_equal(n1, n0);
		assert_int_equal(m1, m0);
	}
}

static void test_geo_fault_rolls_back(void **state)
{
	struct fx *f = *state;
	int64_t n0, m0, n1, m1;
	struct err e = { 0 };

	assert_int_equal(store_graph_counts(f->s, &n0, &m0, &e), 0);
	for (int k = 1; k < 30; k++) {
		store_fail_after(f->s, k);
		int rc = geo_osm_import(f->s, SMALL, NULL, NULL, NULL, &e);
		store_fail_after(f->s, 0);
		assert_int_equal(store_graph_counts(f->s, &n1, &m1, &e), 0);
		assert_int_equal(n1, n0);
		assert_int_equal(m1, m0);
		if (rc == 0)
			break;
	}
}

static void test_geo_geojson_and_json(void **state)
{
	struct fx *f = *state;
	struct geo_route *r = NULL;
	struct err e = { 0 };
	json_error_t je;
	json_t *doc, *co;
	FILE *t = tmpfile();

	assert_int_equal(geo_route(f->g, A, N12, 0, &r, &e), 0);
	assert_int_equal(geo_route_write(r, GEO_FMT_GEOJSON, "a \"b\"", t, &e), 0);
	rewind(t);
	doc = json_loadf(t, 0, &je);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "type")), "Feature");
	co = json_object_get(json_object_get(doc, "geometry"), "coordinates");
	assert_true(json_array_size(co) >= 3);
	/* RFC 7946: longitude first */
	assert_near(json_real_value(json_array_get(json_array_get(co, 0), 0)), A.lon, 1e-7);
	assert_near(json_real_value(json_array_get(json_array_get(co, 0), 1)), A.lat, 1e-7);
	assert_near(json_real_value(json_object_get(json_object_get(doc, "properties"),
						    "metres")), geo_route_metres(r), 0.1);
	json_decref(doc);
	fclose(t);
	geo_route_free(r);
}

static void test_geo_reimport_replaces(void **state)
{
	struct fx *f = *state;
	int64_t n0, m0, n1, m1;
	struct err e = { 0 };

	assert_int_equal(store_graph_counts(f->s, &n0, &m0, &e), 0);
	assert_int_equal(geo_osm_import(f->s, SMALL, NULL, NULL, NULL, &e), 0);
	assert_int_equal(store_graph_counts(f->s, &n1, &m1, &e), 0);
	assert_int_equal(n1, n0);
	assert_int_equal(m1, m0);
}

/* The railway station to Senaatintori: several hundred metres along the
 * streets, never the straight line through the blocks. */
static void test_geo_helsinki_station_senate(void **state)
{
	char *path = test_db_path();
	struct store *s;
	struct geo_graph *g;
	struct err e = { 0 };
	struct geo_point st = { 60.1713198, 24.9414566 }, sen = { 60.1695101, 24.9522738 };
	double m, straight = geo_distance_m(st, sen);
	int n;

	(void)state;
	if (access(HELSINKI, R_OK)) {
		test_db_remove(path);
		skip();
	}
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(geo_osm_import(s, HELSINKI, NULL, NULL, NULL, &e), 0);
	assert_int_equal(geo_graph_load(s, &g, &e), 0);
	assert_true(geo_graph_nodes(g) > 2000);
	m = route_m(g, st, sen, NULL, &n);
	if (m < 1.1 * straight || m < 300 || m > 1200 || n < 10)
		fail_msg("route %.0f m with %d points; straight %.0f m", m, n, straight);
	geo_graph_free(g);
	store_close(s);
	test_db_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geo_oneway_footway),
		cmocka_unit_test(test_geo_foot_no_and_steps),
		cmocka_unit_test(test_geo_square_across),
		cmocka_unit_test(test_geo_cut_way),
		cmocka_unit_test(test_geo_components),
		cmocka_unit_test(test_geo_snap_on_edge),
		cmocka_unit_test(test_geo_outside),
		cmocka_unit_test(test_geo_matrix_matches_routes),
		cmocka_unit_test(test_geo_bad_input_keeps_graph),
		cmocka_unit_test(test_geo_fault_rolls_back),
		cmocka_unit_test(test_geo_geojson_and_json),
		cmocka_unit_test(test_geo_reimport_replaces),
		cmocka_unit_test(test_geo_helsinki_station_senate),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
