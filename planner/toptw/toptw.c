/*
 * toptw.c - the TOPTW problem: construction, setters, results.
 * The search is in toptw_ils.c, route arithmetic in toptw_route.c.
 */
#include "planner/toptw/toptw.h"
#include "planner/toptw/toptw_int.h"
#include "util/buf.h"
#include "util/err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct plan_toptw *plan_toptw_new(int n, int m, struct err *e)
{
	struct plan_toptw *p;

	if (n < 1 || m < 1 || n > 100000 || m > 1000) {
		err_set(e, ERR_USAGE, "toptw: bad size n=%d m=%d", n, m);
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	p->n = n;
	p->m = m;
	p->tt = xcalloc((size_t)n * n, sizeof *p->tt);
	p->node = xcalloc(n, sizeof *p->node);
	p->path = xcalloc(m, sizeof *p->path);
	for (int i = 0; i < n; i++) {
		p->node[i].nwin = 1;
		p->node[i].win[0] = -TOPTW_INF;
		p->node[i].win[1] = TOPTW_INF;
		p->node[i].must = -1;
	}
	for (int k = 0; k < m; k++) {
		p->path[k].tmax = TOPTW_INF;
		p->path[k].walk_cap = TOPTW_INF;
	}
	return p;
}

void plan_toptw_free(struct plan_toptw *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		free(p->node[i].ptab);
	free(p->node);
	free(p->path);
	free(p->tt);
	free(p);
}

static int bad_node(const struct plan_toptw *p, int i, struct err *e)
{
	if (i < 0 || i >= p->n)
		return err_set(e, ERR_USAGE, "toptw: node %d out of range 0..%d",
			       i, p->n - 1);
	return 0;
}

static int bad_path(const struct plan_toptw *p, int k, struct err *e)
{
	if (k < 0 || k >= p->m)
		return err_set(e, ERR_USAGE, "toptw: path %d out of range 0..%d",
			       k, p->m - 1);
	return 0;
}

static int bad_value(double v, const char *what, struct err *e)
{
	if (!isfinite(v) || v < 0)
		return err_set(e, ERR_USAGE, "toptw: %s '%g' must be finite and >= 0",
			       what, v);
	return 0;
}

int plan_toptw_set_travel(struct plan_toptw *p, int i, int j, double t,
			  struct err *e)
{
	int rc = bad_node(p, i, e);

	if (!rc)
		rc = bad_node(p, j, e);
	if (!rc)
		rc = bad_value(t, "travel time", e);
	if (!rc)
		p->tt[(size_t)i * p->n + j] = t;
	return rc;
}

int plan_toptw_set_matrix(struct plan_toptw *p, const double *tt,
			  struct err *e)
{
	size_t nn = (size_t)p->n * p->n;

	for (size_t x = 0; x < nn; x++)
		if (bad_value(tt[x], "travel time", e))
			return ERR_USAGE;
	memcpy(p->tt, tt, nn * sizeof *tt);
	return 0;
}

int plan_toptw_set_node(struct plan_toptw *p, int i, double service,
			double prize, struct err *e)
{
	int rc = bad_node(p, i, e);

	if (!rc)
		rc = bad_value(service, "service time", e);
	if (!rc)
		rc = bad_value(prize, "prize", e);
	if (rc)
		return rc;
	p->node[i].svc = service;
	p->node[i].prize = prize;
	return 0;
}

static int window_fits(const struct toptw_node *nd, double open, double close)
{
	for (int w = 0; w < nd->nwin; w++)
		if (open <= nd->win[2 * w + 1] && nd->win[2 * w] <= close)
			return 0;
	return 1;
}

int plan_toptw_add_window(struct plan_toptw *p, int i, double open,
			  double close, struct err *e)
{
	struct toptw_node *nd;
	int w;

	if (bad_node(p, i, e))
		return ERR_USAGE;
	nd = &p->node[i];
	if (nd->nwin == 1 && nd->win[0] == -TOPTW_INF && nd->win[1] == TOPTW_INF)
		nd->nwin = 0;
	if (!isfinite(open) || !isfinite(close) || open > close)
		return err_set(e, ERR_USAGE, "toptw: node %d: bad window [%g, %g]",
			       i, open, close);
	if (nd->nwin >= PLAN_TOPTW_MAX_WIN)
		return err_set(e, ERR_TOOBIG, "toptw: node %d: more than %d windows",
			       i, PLAN_TOPTW_MAX_WIN);
	if (!window_fits(nd, open, close))
		return err_set(e, ERR_USAGE, "toptw: node %d: window [%g, %g] overlaps",
			       i, open, close);
	for (w = nd->nwin; w > 0 && nd->win[2 * w - 2] > open; w--) {
		nd->win[2 * w] = nd->win[2 * w - 2];
		nd->win[2 * w + 1] = nd->win[2 * w - 1];
	}
	nd->win[2 * w] = open;
	nd->win[2 * w + 1] = close;
	nd->nwin++;
	return 0;
}

int plan_toptw_set_prize_table(struct plan_toptw *p, int i,
			       const double *prize, int nprize, double t0,
			       double width, struct err *e)
{
	struct toptw_node *nd;

	if (bad_node(p, i, e))
		return ERR_USAGE;
	if (nprize < 1 || nprize > 100000 || !(width > 0) || !isfinite(t0))
		return err_set(e, ERR_USAGE, "toptw: node %d: bad prize table", i);
	for (int x = 0; x < nprize; x++)
		if (bad_value(prize[x], "prize", e))
			return ERR_USAGE;
	nd = &p->node[i];
	free(nd->ptab);
	nd->ptab = xmalloc(nprize * sizeof *prize);
	memcpy(nd->ptab, prize, nprize * sizeof *prize);
	nd->nptab = nprize;
	nd->pt0 = t0;
	nd->ptw = width;
	return 0;
}

int plan_toptw_set_path(struct plan_toptw *p, int k, int start, int end,
			double t0, double tmax, struct err *e)
{
	int rc = bad_path(p, k, e);

	if (!rc)
		rc = bad_node(p, start, e);
	if (!rc)
		rc = bad_node(p, end, e);
	if (rc)
		return rc;
	if (!isfinite(t0) || isnan(tmax) || tmax < t0)
		return err_set(e, ERR_USAGE, "toptw: path %d: bad times %g..%g",
			       k, t0, tmax);
	p->path[k].start = start;
	p->path[k].end = end;
	p->path[k].t0 = t0;
	p->path[k].tmax = tmax;
	return 0;
}

int plan_toptw_set_walk_cap(struct plan_toptw *p, int k, double cap,
			    struct err *e)
{
	if (bad_path(p, k, e) || bad_value(cap, "walk cap", e))
		return ERR_USAGE;
	p->path[k].walk_cap = cap;
	return 0;
}

int plan_toptw_set_break(struct plan_toptw *p, int k, double len,
			 double earliest, double latest, struct err *e)
{
	if (bad_path(p, k, e) || bad_value(len, "break length", e))
		return ERR_USAGE;
	if (!isfinite(earliest) || !isfinite(latest) || earliest > latest)
		return err_set(e, ERR_USAGE, "toptw: path %d: bad break window", k);
	p->path[k].has_brk = 1;
	p->path[k].brk_len = len;
	p->path[k].brk_open = earliest;
	p->path[k].brk_close = latest;
	return 0;
}

int plan_toptw_set_mandatory(struct plan_toptw *p, int i, int k,
			     struct err *e)
{
	if (bad_node(p, i, e) || (k != -1 && bad_path(p, k, e)))
		return ERR_USAGE;
	p->node[i].must = k;
	return 0;
}

void plan_toptw_params_init(struct plan_toptw_params *pp)
{
	pp->seed = 1;
	pp->time_limit = 10;
	pp->max_iter = 30000;
}

void plan_toptw_result_release(struct plan_toptw_result *res)
{
	if (!res)
		return;
	for (int k = 0; res->route && k < res->m; k++) {
		free(res->route[k].node);
		free(res->route[k].start);
	}
	free(res->route);
	memset(res, 0, sizeof *res);
}
