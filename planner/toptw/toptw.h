/*
 * toptw.h - team orienteering with time windows (TOPTW): choose and order
 * the places each path (a worker pair's shift) visits, each inside one of
 * its time windows, so that the total prize is maximal. Independent of the
 * store and of geography: the caller gives a travel-time matrix.
 *
 * Model. Nodes 0..n-1 with a service time, 1..PLAN_TOPTW_MAX_WIN time
 * windows [open, close] on the START of service (waiting is allowed) and a
 * prize, optionally a table by start time. Paths 0..m-1 each leave their
 * start node at t0 and must reach their end node by tmax; optional cap on
 * the path's travel (walking) time and an optional break (length, to start
 * within [earliest, latest]; taken where the pair is, no travel). A node
 * used as some path's start or end is never a visit. Nodes with prize 0
 * that are not mandatory are never visited. A mandatory node must be in
 * its given path (else plan_toptw_solve fails with ERR_CONFLICT).
 * Service starts as early as possible; the prize is read at that time.
 *
 * Search: iterated local search (insert + shake, Vansteenwegen et al.
 * 2009) with forward-slack O(1) insertion checks, plus route-shortening
 * (intra- and inter-route) and replace moves, a randomized candidate
 * list in some iterations and route recombination (Hu & Lim 2014); see
 * planner/README.md.
 * Determinism: with the same problem, seed and max_iter the answer is the
 * same, as long as time_limit does not stop the search first (the clock is
 * read only to stop). result->stopped_by_time says which one stopped it.
 *
 * Ownership: plan_toptw_new's result belongs to the caller
 *            (plan_toptw_free; NULL is a no-op). Setters copy their
 *            arguments. struct plan_toptw_result is caller-owned;
 *            plan_toptw_solve fills it, plan_toptw_result_release frees
 *            its arrays. A problem is read-only during solve, so one
 *            problem may be solved from several threads.
 * Errors:    0 or a negative ERR_* with text in the optional struct err:
 *            ERR_USAGE for an index or value out of range, ERR_TOOBIG for
 *            too many windows, ERR_CONFLICT when mandatory visits or the
 *            paths themselves cannot be made feasible.
 */
#ifndef PLANNER_TOPTW_H
#define PLANNER_TOPTW_H

#include <stdint.h>

struct err;
struct plan_toptw;

enum { PLAN_TOPTW_MAX_WIN = 8 };

/* A problem of n >= 1 nodes and m >= 1 paths: zero travel times, every
 * node open always with prize 0, every path 0 -> 0 from 0 to infinity.
 * NULL (and e set) on bad sizes. */
struct plan_toptw *plan_toptw_new(int n, int m, struct err *e);
void plan_toptw_free(struct plan_toptw *p);

/* Travel time i -> j (>= 0). set_matrix copies n*n values, row-major. */
int plan_toptw_set_travel(struct plan_toptw *p, int i, int j, double t,
			  struct err *e);
int plan_toptw_set_matrix(struct plan_toptw *p, const double *tt,
			  struct err *e);

/* Service time and constant prize of node i. */
int plan_toptw_set_node(struct plan_toptw *p, int i, double service,
			double prize, struct err *e);

/* Adds a window on the start of service of node i. The first call
 * replaces the default "always open"; windows may not overlap. */
int plan_toptw_add_window(struct plan_toptw *p, int i, double open,
			  double close, struct err *e);

/* Time-dependent prize: service starting at time t earns
 * prize[clamp(floor((t - t0) / width), 0, nprize - 1)]. Replaces the
 * constant prize; e.g. t0 = shift start, width = 60 min, one per hour. */
int plan_toptw_set_prize_table(struct plan_toptw *p, int i,
			       const double *prize, int nprize, double t0,
			       double width, struct err *e);

/* Path k leaves start at t0 and must arrive at end by tmax. */
int plan_toptw_set_path(struct plan_toptw *p, int k, int start, int end,
			double t0, double tmax, struct err *e);

/* Cap on the sum of path k's travel times. */
int plan_toptw_set_walk_cap(struct plan_toptw *p, int k, double cap,
			    struct err *e);

/* Path k takes a break of length len starting in [earliest, latest]. */
int plan_toptw_set_break(struct plan_toptw *p, int k, double len,
			 double earliest, double latest, struct err *e);

/* Node i must be visited by path k (k = -1 clears). */
int plan_toptw_set_mandatory(struct plan_toptw *p, int i, int k,
			     struct err *e);

struct plan_toptw_params {
	uint64_t seed;
	double time_limit;	/* seconds; <= 0: no limit */
	long max_iter;		/* ILS iterations; the deterministic budget */
};

/* seed 1, time_limit 10 s, max_iter 30000. */
void plan_toptw_params_init(struct plan_toptw_params *pp);

struct plan_toptw_route {
	int n;			/* visits, start and end nodes excluded */
	int *node;		/* node ids in visit order */
	double *start;		/* start of service at each */
	double brk_start;	/* start of the break, -1 if none */
	double travel;		/* sum of travel times */
	double end_time;	/* arrival at the end node */
};

struct plan_toptw_result {
	double score;
	int m;
	struct plan_toptw_route *route;	/* m routes */
	long iterations;
	int stopped_by_time;
	double seconds;
};

/* Solves p into res (which must not hold a previous result). On error res
 * is left empty (release is still safe). */
int plan_toptw_solve(const struct plan_toptw *p,
		     const struct plan_toptw_params *pp,
		     struct plan_toptw_result *res, struct err *e);
void plan_toptw_result_release(struct plan_toptw_result *res);

#endif
