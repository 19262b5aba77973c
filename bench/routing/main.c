/*
 * bench/routing - the walking graph against issue 4's targets, in one run:
 * import time and peak memory (each import in a child process, its own
 * ru_maxrss), 1,000 random routes on Tampere (p50/p99 ms), a 200 x 200
 * matrix, and the same pairs routed in-process by Routino (libroutino,
 * foot profile, shortest) with the length of its own route points.
 * Routino's "shortest" divides each length by the profile's preference for
 * the highway type (foot: path 100 %, secondary 60 %, ...), so it is not
 * the shortest by distance: run.sh gives its foot profile one preference
 * for every walkable type and neutral properties (50 %).
 * usage: routing HELSINKI.pbf TAMPERE.pbf ROUTINO_DIR PROFILES.xml TRANSL.xml
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "store/store.h"
#include "util/err.h"

#include <math.h>
#include <routino.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NROUTES 1000
#define NMATRIX 200

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Imports in a child so that its peak memory is the import's alone. */
static int import_child(const char *pbf, const char *db, double *sec, double *mb)
{
	int fd[2];
	pid_t pid;
	struct rusage ru;
	int status;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct store *s;
		struct err e = { 0 };
		struct geo_import_stats st;
		double t0 = now(), t;

		close(fd[0]);
		unlink(db);
		if (store_open(db, &s, &e) || geo_osm_import(s, pbf, NULL, NULL, &st, &e)) {
			fprintf(stderr, "import %s: %s\n", pbf, e.msg);
			_exit(1);
		}
		store_close(s);
		t = now() - t0;
		if (write(fd[1], &t, sizeof t) != sizeof t)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], sec, sizeof *sec) != sizeof *sec)
		*sec = -1;
	close(fd[0]);
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	*mb = ru.ru_maxrss / 1024.0;
	return 0;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return v[(int)fmin(n - 1, floor(p * n))];
}

/* Length of Routino's own route points (its printed lengths run short). */
static double routino_len(Routino_Output *o)
{
	double m = 0;

	for (; o && o->next; o = o->next) {
		struct geo_point a = { o->lat * 180 / M_PI, o->lon * 180 / M_PI };
		struct geo_point b = { o->next->lat * 180 / M_PI, o->next->lon * 180 / M_PI };
		m += geo_distance_m(a, b);
	}
	return m;
}

int main(int argc, char **argv)
{
	const char *dbh = "/tmp/bench-routing-h.db", *dbt = "/tmp/bench-routing-t.db";
	static struct geo_point od[NROUTES][2];
	static double ours_ms[NROUTES], their_ms[NROUTES], ours_m[NROUTES], their_m[NROUTES];
	double sec, mb, tsec, tmb, t0, msec;
	struct store *s;
	struct geo_graph *g;
	struct err e = { 0 };
	Routino_Database *rdb;
	Routino_Profile *prof;
	Routino_Translation *tr;
	int n_ok = 0, n_in = 0, n_both = 0;

	if (argc != 6) {
		fprintf(stderr, "usage: routing HELSINKI TAMPERE ROUTINO_DIR PROFILES TRANSLATIONS\n");
		return 1;
	}
	if (import_child(argv[1], dbh, &sec, &mb) || import_child(argv[2], dbt, &tsec, &tmb))
		return 2;
	printf("| measure | value | target | met |\n|---|---|---|---|\n");
	printf("| import helsinki_centre | %.2f s, peak %.0f MB | | |\n", sec, mb);
	printf("| import tampere_highways | %.2f s, peak %.0f MB | <= 5 s, <= 500 MB | %s |\n",
	       tsec, tmb, tsec <= 5 && tmb <= 500 ? "yes" : "NO");
	if (store_open(dbt, &s, &e) || geo_graph_load(s, &g, &e)) {
		fprintf(stderr, "load: %s\n", e.msg);
		return 2;
	}
	srand(4);
	for (int i = 0; i < NROUTES; i++)
		for (int k = 0; k < 2; k++) {
			int v = rand() % g->n;
			od[i][k] = (struct geo_point){ g->lat[v], g->lon[v] };
		}
	/* ours */
	for (int i = 0; i < NROUTES; i++) {
		struct geo_route *r = NULL;
		double t = now();
		int rc = geo_route(g, od[i][0], od[i][1], 0, &r, &e);
		ours_ms[i] = (now() - t) * 1000;
		ours_m[i] = rc ? -1 : geo_route_metres(r);
		geo_route_free(r);
	}
	/* lengths by distance, as Routino's shortest: steps at factor 1 */
	geo_graph_set_steps_factor(g, 1);
	for (int i = 0; i < NROUTES; i++) {
		struct geo_route *r = NULL;
		ours_m[i] = geo_route(g, od[i][0], od[i][1], 0, &r, &e) ? -1 : geo_route_metres(r);
		geo_route_free(r);
	}
	geo_graph_set_steps_factor(g, GEO_STEPS_FACTOR);
	/* matrix */
	{
		struct geo_point *p = malloc(NMATRIX * sizeof *p);
		double *secs = malloc(sizeof(double) * NMATRIX * NMATRIX);
		double *ms = malloc(sizeof(double) * NMATRIX * NMATRIX);
		for (int i = 0; i < NMATRIX; i++)
			p[i] = od[i][i % 2];
		t0 = now();
		if (geo_matrix(g, p, NMATRIX, 0, secs, ms, &e))
			fprintf(stderr, "matrix: %s\n", e.msg);
		msec = now() - t0;
		free(p);
		free(secs);
		free(ms);
	}
	/* Routino */
	if (Routino_CheckAPIVersion() != ROUTINO_ERROR_NONE ||
	    !(rdb = Routino_LoadDatabase(argv[3], NULL)) || Routino_ParseXMLProfiles(argv[4]) ||
	    !(prof = Routino_GetProfile("foot")) || Routino_ParseXMLTranslations(argv[5]) ||
	    !(tr = Routino_GetTranslation("en")) ||
	    Routino_ValidateProfile(rdb, prof)) {
		fprintf(stderr, "routino setup failed (errno %d)\n", Routino_errno);
		return 2;
	}
	for (int i = 0; i < NROUTES; i++) {
		double t = now();
		Routino_Waypoint *w[2] = {
			Routino_FindWaypoint(rdb, prof, od[i][0].lat, od[i][0].lon),
			Routino_FindWaypoint(rdb, prof, od[i][1].lat, od[i][1].lon),
		};
		Routino_Output *o = w[0] && w[1] ?
			Routino_CalculateRoute(rdb, prof, tr, w, 2, ROUTINO_ROUTE_SHORTEST |
					       ROUTINO_ROUTE_LIST_TEXT_ALL, NULL) : NULL;
		their_ms[i] = (now() - t) * 1000;
		their_m[i] = o ? routino_len(o) : -1;
		if (o)
			Routino_DeleteRoute(o);
		free(w[0]);
		free(w[1]);
	}
	{
		int outl = 0;
		for (int i = 0; i < NROUTES; i++) {
			if (ours_m[i] >= 0)
				n_ok++;
			if (ours_m[i] < 0 || their_m[i] < 0)
				continue;
			n_both++;
			double d = their_m[i] > 0 ? (ours_m[i] - their_m[i]) / their_m[i] : 0;
			if (fabs(d) <= 0.03 || fabs(ours_m[i] - their_m[i]) < 5)
				n_in++;
			else if (outl++ < 40)
				fprintf(stderr, "outside +-3%%: pair %d %.6f,%.6f -> %.6f,%.6f ours %.0f m"
					" routino %.0f m (%+.1f%%)\n", i, od[i][0].lat, od[i][0].lon,
					od[i][1].lat, od[i][1].lon, ours_m[i], their_m[i], 100 * d);
		}
	}
	{
		double sum_o = 0, sum_t = 0, p50o, p99o, p50t, p99t;
		for (int i = 0; i < NROUTES; i++) {
			sum_o += ours_ms[i];
			sum_t += their_ms[i];
		}
		p50o = pct(ours_ms, NROUTES, 0.5);
		p99o = pct(ours_ms, NROUTES, 0.99);
		p50t = pct(their_ms, NROUTES, 0.5);
		p99t = pct(their_ms, NROUTES, 0.99);
		printf("| tampere graph | %d nodes, %d edges | | |\n", g->n, g->m);
		printf("| %d routes, ours | p50 %.3f ms, p99 %.3f ms (%d found) | p50 <= 2 ms | %s |\n",
		       NROUTES, p50o, p99o, n_ok, p50o <= 2 ? "yes" : "NO");
		printf("| same pairs, Routino in-process | p50 %.3f ms, p99 %.3f ms | | |\n",
		       p50t, p99t);
		printf("| speed-up (mean time per route) | %.1fx (p50 %.1fx) | >= 10x | %s |\n",
		       sum_t / sum_o, p50t / p50o, sum_t / sum_o >= 10 ? "yes" : "NO");
		printf("| lengths within +-3%% of Routino's points | %d of %d (%.1f %%) | >= 95 %% "
		       "| %s |\n", n_in, n_both, 100.0 * n_in / (n_both ? n_both : 1),
		       n_in >= 0.95 * n_both ? "yes" : "NO");
		printf("| %d x %d matrix | %.3f s | <= 1 s | %s |\n", NMATRIX, NMATRIX, msec,
		       msec <= 1 ? "yes" : "NO");
	}
	Routino_UnloadDatabase(rdb);
	Routino_FreeXMLProfiles();
	Routino_FreeXMLTranslations();
	geo_graph_free(g);
	store_close(s);
	unlink(dbh);
	unlink(dbt);
	return 0;
}
