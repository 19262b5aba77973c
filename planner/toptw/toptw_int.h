/*
 * toptw_int.h - the TOPTW problem's layout and the search's route state,
 * shared by planner/toptw*.c only.
 */
#ifndef PLANNER_TOPTW_INT_H
#define PLANNER_TOPTW_INT_H

#include "planner/toptw/toptw.h"

#define TOPTW_INF 1e300
#define TOPTW_EPS 1e-7

struct toptw_node {
	double svc, prize;
	int nwin;
	double win[2 * PLAN_TOPTW_MAX_WIN];	/* sorted open,close pairs */
	double *ptab, pt0, ptw;			/* prize table, or NULL */
	int nptab;
	int must;				/* path, or -1 */
};

struct toptw_path {
	int start, end;
	double t0, tmax, walk_cap;
	double brk_len, brk_open, brk_close;
	int has_brk;
};

struct plan_toptw {
	int n, m;
	double *tt;			/* n * n */
	struct toptw_node *node;	/* n */
	struct toptw_path *path;	/* m */
};

/* A route as positions: seq[0] the start node, seq[len-1] the end node,
 * n + k the break of path k (located where the previous visit was).
 * arr/st: arrival and start of service; lat: latest arrival keeping the
 * rest of the route feasible (the forward time slack of Savelsbergh /
 * MaxShift of Vansteenwegen, generalised to several windows). */
struct toptw_route {
	int k, len;
	unsigned ver;		/* changes whenever the route does */
	unsigned ins_from, ins_to;	/* the last change from ins_from to
					 * ins_to was one insertion at ins_pos */
	int ins_pos;
	int *seq;
	double *arr, *st, *lat;
	double walk, score;
};

struct toptw_ctx {
	const struct plan_toptw *p;
	int n, m;
	struct toptw_node *ext;		/* n + m: nodes, then breaks */
	char *depot;			/* n: start or end of some path */
	struct toptw_route *scratch;	/* for checks next to a break */
};

double toptw__prize(const struct toptw_node *nd, double st);
double toptw__tw_start(const struct toptw_node *nd, double a);
double toptw__tw_latest(const struct toptw_node *nd, double b);
double toptw__leg(const struct toptw_ctx *c, const struct toptw_route *r,
		  int pos);
/* Recomputes arr, st, lat, walk, score; 1 if feasible. */
int toptw__route_eval(const struct toptw_ctx *c, struct toptw_route *r);
/* O(1) check of node j after position i; 1 if feasible, with the delay it
 * causes at position i+1 and j's start time. */
int toptw__ins_check(const struct toptw_ctx *c, const struct toptw_route *r,
		     int i, int j, double *shift, double *stj);
void toptw__route_insert(struct toptw_route *r, int pos, int j);
void toptw__route_remove(struct toptw_route *r, int pos);

/* Route pool for recombination (planner/toptw_pool.c). Owned by the
 * caller of pool_new; pool_add copies the route. pool_pack returns the
 * best total of disjoint pool routes, one per path, found within
 * node_cap search nodes (at least floor: then no combination beats it);
 * pool_route gives path k's route of that combination (visits in order,
 * -1 for the break; len 0: the path stays empty), 0 if pack found none
 * above floor. */
struct toptw_pool;
struct toptw_pool *toptw__pool_new(const struct toptw_ctx *c, int cap,
				   uint64_t seed);
void toptw__pool_free(struct toptw_pool *pl);
void toptw__pool_add(struct toptw_pool *pl, const struct toptw_route *r);
double toptw__pool_pack(struct toptw_pool *pl, double floor, long node_cap);
int toptw__pool_route(const struct toptw_pool *pl, int k, const int **seq,
		      int *len);

#endif
