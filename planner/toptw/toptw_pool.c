/*
 * toptw_pool.c - route recombination: every distinct route the search
 * meets is kept (by its set of visits), and from time to time the best
 * combination of disjoint pool routes, one per path, is sought. The
 * route-recombination phase of Hu and Lim (2014), "An iterative
 * three-component heuristic for the team orienteering problem with time
 * windows", EJOR 232: local optima of different iterations often hold
 * good routes that no single solution combines.
 *
 * Paths are interchangeable when they share start, end, times, walking
 * cap and break and have no mandatory visits; a route found on one path
 * then serves any path of its class. The search for the combination is a
 * depth-first branch and bound over routes sorted by score with a cap on
 * the nodes it expands, after a greedy completion from every first route.
 */
#include "planner/toptw/toptw_int.h"
#include "planner/splitmix.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

#define BRK (-1)		/* the break inside a stored sequence */

struct proute {
	double score;
	int cls, len, off;	/* off: into seqs; len counts visits+breaks */
	uint64_t key;
};

struct toptw_pool {
	int n, m, words, cap, cnt;
	int *cls;		/* m: class of each path */
	uint64_t *zob;		/* n: random key of each node */
	struct proute *r;	/* cap */
	uint64_t *bits;		/* cap * words */
	int *seqs;		/* cap * (n + 2) */
	uint64_t *hash;		/* hcap keys, 0 = empty */
	int *hslot, hcap;
	/* branch and bound */
	int *order, nord, *pick, *best_pick, one_class;
	double *pre;		/* cap + 1: prefix sums of scores in order */
	double *cls_best;	/* m: best score of each class */
	uint64_t *used;		/* (m + 1) * words */
	double best;
	long nodes, node_cap;
};

static int same_path(const struct toptw_path *a, const struct toptw_path *b)
{
	return a->start == b->start && a->end == b->end && a->t0 == b->t0 &&
	       a->tmax == b->tmax && a->walk_cap == b->walk_cap &&
	       a->has_brk == b->has_brk && a->brk_len == b->brk_len &&
	       a->brk_open == b->brk_open && a->brk_close == b->brk_close;
}

static void classify(struct toptw_pool *pl, const struct toptw_ctx *c)
{
	char *must = xcalloc(c->m, 1);

	for (int j = 0; j < c->n; j++)
		if (c->ext[j].must >= 0)
			must[c->ext[j].must] = 1;
	for (int k = 0; k < c->m; k++) {
		pl->cls[k] = k;
		for (int q = 0; q < k && !must[k]; q++)
			if (!must[q] && same_path(&c->p->path[q], &c->p->path[k])) {
				pl->cls[k] = pl->cls[q];
				break;
			}
	}
	free(must);
	pl->one_class = 1;
	for (int k = 1; k < c->m; k++)
		pl->one_class &= pl->cls[k] == pl->cls[0];
}

struct toptw_pool *toptw__pool_new(const struct toptw_ctx *c, int cap,
				   uint64_t seed)
{
	struct toptw_pool *pl = xcalloc(1, sizeof *pl);
	uint64_t z = seed ^ 0x5851f42d4c957f2dULL;	/* apart from the search's */

	pl->n = c->n;
	pl->m = c->m;
	pl->words = (c->n + 63) / 64;
	pl->cap = cap;
	pl->cls = xcalloc(c->m, sizeof *pl->cls);
	classify(pl, c);
	pl->zob = xcalloc(c->n, sizeof *pl->zob);
	for (int j = 0; j < c->n; j++)
		pl->zob[j] = plan__splitmix(&z) | 1;
	pl->r = xcalloc(cap, sizeof *pl->r);
	pl->bits = xcalloc((size_t)cap * pl->words, sizeof *pl->bits);
	pl->seqs = xcalloc((size_t)cap * (c->n + 2), sizeof *pl->seqs);
	pl->hcap = 4 * cap;
	pl->hash = xcalloc(pl->hcap, sizeof *pl->hash);
	pl->hslot = xcalloc(pl->hcap, sizeof *pl->hslot);
	pl->order = xcalloc(cap, sizeof *pl->order);
	pl->pre = xcalloc(cap + 1, sizeof *pl->pre);
	pl->cls_best = xcalloc(c->m, sizeof *pl->cls_best);
	pl->pick = xcalloc(c->m, sizeof *pl->pick);
	pl->best_pick = xcalloc(c->m, sizeof *pl->best_pick);
	pl->used = xcalloc((size_t)(c->m + 1) * pl->words, sizeof *pl->used);
	return pl;
}

void toptw__pool_free(struct toptw_pool *pl)
{
	if (!pl)
		return;
	free(pl->cls);
	free(pl->zob);
	free(pl->r);
	free(pl->bits);
	free(pl->seqs);
	free(pl->hash);
	free(pl->hslot);
	free(pl->order);
	free(pl->pre);
	free(pl->cls_best);
	free(pl->pick);
	free(pl->best_pick);
	free(pl->used);
	free(pl);
}

/* Hash-table position of key: where it is, or the empty place for it. */
static int hfind(const struct toptw_pool *pl, uint64_t key)
{
	int h = (int)(key % (uint64_t)pl->hcap);

	while (pl->hash[h] && pl->hash[h] != key)
		h = h + 1 == pl->hcap ? 0 : h + 1;
	return h;
}

struct ord {
	double score;
	uint64_t key;
	int slot;
};

static int by_score(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* Indices of the routes, best first, into pl->order; pl->pre[q] the sum
 * of the scores of order[0..q-1]. */
static void sort_routes(struct toptw_pool *pl)
{
	struct ord *o = xmalloc((pl->cnt + 1) * sizeof *o);

	for (int i = 0; i < pl->cnt; i++) {
		o[i].score = pl->r[i].score;
		o[i].key = pl->r[i].key;
		o[i].slot = i;
	}
	qsort(o, pl->cnt, sizeof *o, by_score);
	pl->nord = pl->cnt;
	pl->pre[0] = 0;
	for (int q = 0; q < pl->nord; q++) {
		pl->order[q] = o[q].slot;
		pl->pre[q + 1] = pl->pre[q] + o[q].score;
	}
	free(o);
}

static void move_route(struct toptw_pool *pl, int to, int from)
{
	size_t w = pl->words, sl = pl->n + 2;

	if (to == from)
		return;
	pl->r[to] = pl->r[from];
	pl->r[to].off = to * (int)sl;
	memcpy(pl->bits + to * w, pl->bits + from * w, w * sizeof *pl->bits);
	memcpy(pl->seqs + to * sl, pl->seqs + from * sl,
	       pl->r[from].len * sizeof *pl->seqs);
}

/* Full: keep the better half, rebuild the hash table. */
static void compact(struct toptw_pool *pl)
{
	int keep = pl->cap / 2;
	char *stay = xcalloc(pl->cap, 1);
	int to = 0;

	sort_routes(pl);
	for (int i = 0; i < keep; i++)
		stay[pl->order[i]] = 1;
	memset(pl->hash, 0, pl->hcap * sizeof *pl->hash);
	for (int i = 0; i < pl->cnt; i++) {
		int h;

		if (!stay[i])
			continue;
		move_route(pl, to, i);
		h = hfind(pl, pl->r[to].key);
		pl->hash[h] = pl->r[to].key;
		pl->hslot[h] = to++;
	}
	pl->cnt = to;
	free(stay);
}

static uint64_t route_key(const struct toptw_pool *pl,
			  const struct toptw_route *r, int cls)
{
	uint64_t key = 0x2545f4914f6cdd1dULL * (uint64_t)(cls + 1);

	for (int i = 1; i < r->len - 1; i++)
		if (r->seq[i] < pl->n)
			key ^= pl->zob[r->seq[i]];
	return key ? key : 1;
}

static void store(struct toptw_pool *pl, int slot,
		  const struct toptw_route *r, int cls, uint64_t key)
{
	struct proute *p = &pl->r[slot];
	uint64_t *bits = pl->bits + (size_t)slot * pl->words;
	int *seq = pl->seqs + (size_t)slot * (pl->n + 2);

	p->score = r->score;
	p->cls = cls;
	p->key = key;
	p->off = slot * (pl->n + 2);
	p->len = 0;
	memset(bits, 0, pl->words * sizeof *bits);
	for (int i = 1; i < r->len - 1; i++) {
		int v = r->seq[i];

		seq[p->len++] = v < pl->n ? v : BRK;
		if (v < pl->n)
			bits[v / 64] |= 1ULL << (v % 64);
	}
}

void toptw__pool_add(struct toptw_pool *pl, const struct toptw_route *r)
{
	int cls = pl->cls[r->k], h;
	uint64_t key;

	if (r->score <= 0)
		return;
	key = route_key(pl, r, cls);
	h = hfind(pl, key);
	if (pl->hash[h]) {
		if (pl->r[pl->hslot[h]].score < r->score - TOPTW_EPS)
			store(pl, pl->hslot[h], r, cls, key);
		return;
	}
	if (pl->cnt == pl->cap) {
		compact(pl);
		h = hfind(pl, key);
	}
	pl->hash[h] = key;
	pl->hslot[h] = pl->cnt;
	store(pl, pl->cnt++, r, cls, key);
}

static int disjoint(const struct toptw_pool *pl, const uint64_t *used,
		    int slot)
{
	const uint64_t *b = pl->bits + (size_t)slot * pl->words;

	for (int w = 0; w < pl->words; w++)
		if (used[w] & b[w])
			return 0;
	return 1;
}

static void take(const struct toptw_pool *pl, uint64_t *dst,
		 const uint64_t *src, int slot)
{
	const uint64_t *b = pl->bits + (size_t)slot * pl->words;

	for (int w = 0; w < pl->words; w++)
		dst[w] = src[w] | b[w];
}

/* Upper bound of paths d.. when path d takes order[q] or a later one:
 * with one class the next scores in order, else order[q]'s score for
 * each path of d's class and the best of its class for every other. */
static double bound(const struct toptw_pool *pl, int d, int q)
{
	double ub = 0;

	if (pl->one_class) {
		int end = q + pl->m - d;

		return pl->pre[end < pl->nord ? end : pl->nord] - pl->pre[q];
	}
	for (int k = d; k < pl->m; k++)
		ub += pl->cls[k] == pl->cls[d] ? pl->r[pl->order[q]].score
					       : pl->cls_best[pl->cls[k]];
	return ub;
}

static void record(struct toptw_pool *pl, double score)
{
	if (score > pl->best + TOPTW_EPS) {
		pl->best = score;
		memcpy(pl->best_pick, pl->pick, pl->m * sizeof *pl->pick);
	}
}

/* First candidate index of path d: after path d-1's pick if same class. */
static int first_of(const struct toptw_pool *pl, int d)
{
	if (d > 0 && pl->cls[d] == pl->cls[d - 1] && pl->pick[d - 1] >= 0)
		return pl->pick[d - 1] + 1;
	return 0;
}

/* Greedy: each remaining path takes its best disjoint route. */
static void greedy(struct toptw_pool *pl, int d, double score)
{
	uint64_t *used = pl->used + (size_t)d * pl->words;

	for (; d < pl->m; d++) {
		uint64_t *nxt = pl->used + (size_t)(d + 1) * pl->words;
		int q = first_of(pl, d);

		pl->pick[d] = -1;
		memcpy(nxt, used, pl->words * sizeof *nxt);
		for (; q < pl->nord; q++) {
			int s = pl->order[q];

			if (pl->r[s].cls == pl->cls[d] && disjoint(pl, used, s)) {
				pl->pick[d] = q;
				score += pl->r[s].score;
				take(pl, nxt, used, s);
				break;
			}
		}
		used = nxt;
	}
	record(pl, score);
}

static void dfs(struct toptw_pool *pl, int d, double score)
{
	const uint64_t *used = pl->used + (size_t)d * pl->words;
	uint64_t *nxt = pl->used + (size_t)(d + 1) * pl->words;

	if (d == pl->m) {
		record(pl, score);
		return;
	}
	if (d > 0 && pl->cls[d] == pl->cls[d - 1] && pl->pick[d - 1] < 0) {
		pl->pick[d] = -1;	/* as its twin before it: empty */
		memcpy(nxt, used, pl->words * sizeof *nxt);
		dfs(pl, d + 1, score);
		return;
	}
	for (int q = first_of(pl, d); q < pl->nord; q++) {
		int s = pl->order[q];

		if (pl->nodes >= pl->node_cap)
			return;
		if (score + bound(pl, d, q) <= pl->best + TOPTW_EPS)
			return;
		if (pl->r[s].cls != pl->cls[d] || !disjoint(pl, used, s))
			continue;
		pl->nodes++;
		pl->pick[d] = q;
		take(pl, nxt, used, s);
		dfs(pl, d + 1, score + pl->r[s].score);
	}
	pl->pick[d] = -1;
	memcpy(nxt, used, pl->words * sizeof *nxt);
	if (pl->nodes < pl->node_cap)
		dfs(pl, d + 1, score);	/* path d stays empty */
}

double toptw__pool_pack(struct toptw_pool *pl, double floor, long node_cap)
{
	pl->best = floor;
	for (int k = 0; k < pl->m; k++)
		pl->best_pick[k] = -2;
	sort_routes(pl);
	for (int k = 0; k < pl->m; k++)
		pl->cls_best[k] = 0;
	for (int q = pl->nord - 1; q >= 0; q--)
		pl->cls_best[pl->r[pl->order[q]].cls] = pl->r[pl->order[q]].score;
	memset(pl->used, 0, pl->words * sizeof *pl->used);
	for (int q = 0; q < pl->nord; q++) {
		int s = pl->order[q];

		if (pl->r[s].cls != pl->cls[0])
			continue;
		pl->pick[0] = q;
		take(pl, pl->used + pl->words, pl->used, s);
		greedy(pl, 1, pl->r[s].score);
	}
	pl->nodes = 0;
	pl->node_cap = node_cap;
	dfs(pl, 0, 0);
	return pl->best;
}

int toptw__pool_route(const struct toptw_pool *pl, int k, const int **seq,
		      int *len)
{
	int q = pl->best_pick[k];
	const struct proute *p;

	if (q == -2)
		return 0;
	if (q < 0) {
		*len = 0;
		*seq = NULL;
		return 1;
	}
	p = &pl->r[pl->order[q]];
	*seq = pl->seqs + p->off;
	*len = p->len;
	return 1;
}
