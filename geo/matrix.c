/*
 * matrix.c - walking-time matrices: one Dijkstra per origin that stops once
 * every destination's edge ends are settled; rows are split between two
 * threads (the machine has two cores), each with its own workspace.
 */
#include "geo/geo.h"
#include "geo/geo_int.h"
#include "util/err.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#define THREADS 2

struct job {
	const struct geo_graph *g;
	const struct geo_snap *pts;
	int n, first, step, ntarget;
	const unsigned char *is_target;
	double speed, *seconds, *metres;
	int rc;
};

static void cell(const struct geo__search *s, const struct geo_snap *a,
		 const struct geo_snap *b, double speed, double *sec, double *m)
{
	const struct geo_graph *g = s->g;
	int ed = b->edge, ends[2] = { g->ea[ed], g->eb[ed] };
	double f = geo__factor(g, g->kind[ed]), off[2] = { b->offset_m, g->metres[ed] - b->offset_m };
	double best = INFINITY, len = -1;

	if (a->edge == ed) {
		len = fabs(a->offset_m - b->offset_m);
		best = len * f;
	}
	for (int k = 0; k < 2; k++)
		if (geo__has(s, ends[k]) && s->lab[ends[k]].dist + off[k] * f < best) {
			best = s->lab[ends[k]].dist + off[k] * f;
			len = s->lab[ends[k]].len + off[k];
		}
	*sec = isfinite(best) ? best / speed : -1;
	*m = isfinite(best) ? len : -1;
}

static int row(struct geo__search *s, struct job *j, int i)
{
	const struct geo_graph *g = s->g;
	int left = j->ntarget, v, rc;
	double key;

	geo__search_reset(s);
	rc = geo__search_seed(s, &j->pts[i], 0, 0);
	while (!rc && left > 0 && (v = geo__search_pop(s, &key)) >= 0) {
		if (j->is_target[v])
			left--;
		for (int k = g->adj_off[v]; k < g->adj_off[v + 1] && !rc; k++) {
			const struct geo__arc *a = &g->arc[k];
			rc = geo__search_push(s, a->to, s->lab[v].dist + a->cost,
					      s->lab[v].len + a->metres, a->edge, 0);
		}
	}
	for (int t = 0; t < j->n && !rc; t++) {
		double sec, m;
		cell(s, &j->pts[i], &j->pts[t], j->speed, &sec, &m);
		if (i == t)
			sec = m = 0;
		if (j->seconds)
			j->seconds[(size_t)i * j->n + t] = sec;
		if (j->metres)
			j->metres[(size_t)i * j->n + t] = m;
	}
	return rc;
}

static void *run(void *arg)
{
	struct job *j = arg;
	struct geo__search *s = geo__search_get(j->g);

	if (!s) {
		j->rc = ERR_NOMEM;
		return NULL;
	}
	for (int i = j->first; i < j->n && !j->rc; i += j->step)
		j->rc = row(s, j, i);
	geo__search_put(j->g, s);
	return NULL;
}

int geo_matrix_snapped(const struct geo_graph *g, const struct geo_snap *pts, int n,
		       double speed_kmh, double *seconds, double *metres,
		       struct err *e)
{
	unsigned char *is_target = calloc((size_t)g->n, 1);
	struct job jobs[THREADS];
	pthread_t th[THREADS];
	int ntarget = 0, nth = n >= 8 ? THREADS : 1, started = 0, rc = 0;

	if (!is_target)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		int ends[2] = { g->ea[pts[i].edge], g->eb[pts[i].edge] };
		for (int k = 0; k < 2; k++)
			if (!is_target[ends[k]]) {
				is_target[ends[k]] = 1;
				ntarget++;
			}
	}
	for (int t = 0; t < nth; t++) {
		jobs[t] = (struct job){ g, pts, n, t, nth, ntarget, is_target,
			(speed_kmh > 0 ? speed_kmh : GEO_SPEED_KMH) / 3.6, seconds, metres, 0 };
		if (t > 0 && pthread_create(&th[t], NULL, run, &jobs[t]) == 0)
			started |= 1 << t;
		else if (t > 0)
			run(&jobs[t]);
	}
	run(&jobs[0]);
	for (int t = 1; t < nth; t++)
		if (started & (1 << t))
			pthread_join(th[t], NULL);
	for (int t = 0; t < nth; t++)
		if (jobs[t].rc)
			rc = jobs[t].rc;
	free(is_target);
	return rc ? err_set(e, rc, "matrix: out of memory") : 0;
}

int geo_matrix(struct geo_graph *g, const struct geo_point *pts, int n,
	       double speed_kmh, double *seconds, double *metres, struct err *e)
{
	struct geo_snap *sn = malloc((size_t)(n > 0 ? n : 1) * sizeof *sn);
	int rc = 0;

	if (!sn)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (int i = 0; i < n && !rc; i++) {
		rc = geo_snap(g, pts[i], &sn[i], e);
		if (rc)
			err_prefix(e, "point %d", i + 1);
	}
	if (!rc)
		rc = geo_matrix_snapped(g, sn, n, speed_kmh, seconds, metres, e);
	free(sn);
	return rc;
}
