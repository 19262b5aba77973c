/* search.c - the shortest-path workspace shared by routes and matrices:
 * labels stamped per search, a binary heap with lazy deletion. */
#include "geo/geo_int.h"
#include "util/err.h"

#include <stdlib.h>

int geo__search_init(struct geo__search *s, const struct geo_graph *g)
{
	size_t n = (size_t)g->n;

	*s = (struct geo__search){ .g = g };
	s->lab = calloc(n ? n : 1, sizeof *s->lab);
	s->capheap = 1024;
	s->heap = malloc((size_t)s->capheap * sizeof *s->heap);
	if (!s->lab || !s->heap) {
		geo__search_release(s);
		return ERR_NOMEM;
	}
	return 0;
}

void geo__search_release(struct geo__search *s)
{
	free(s->lab);
	free(s->heap);
	*s = (struct geo__search){ 0 };
}

void geo__search_reset(struct geo__search *s)
{
	s->nheap = 0;
	if (++s->cur >= 1u << 31) {	/* wrapped: clear once every 2 billion */
		for (int v = 0; v < s->g->n; v++)
			s->lab[v].stamp = 0;
		s->cur = 1;
	}
}

/* A 4-ary heap: half the depth of a binary one, children in one line. */
static void sift_up(struct geo__heap_item *h, int i)
{
	struct geo__heap_item x = h[i];

	while (i > 0) {
		int p = (i - 1) / 4;
		if (h[p].key <= x.key)
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = x;
}

static void sift_down(struct geo__heap_item *h, int n, int i)
{
	struct geo__heap_item x = h[i];

	for (;;) {
		int c = 4 * i + 1, best = c, end = c + 4 < n ? c + 4 : n;
		if (c >= n)
			break;
		for (int k = c + 1; k < end; k++)
			if (h[k].key < h[best].key)
				best = k;
		if (h[best].key >= x.key)
			break;
		h[i] = h[best];
		i = best;
	}
	h[i] = x;
}

int geo__search_push(struct geo__search *s, int v, double g, double len, int pe,
		     double h)
{
	struct geo__label *l = &s->lab[v];

	if (l->stamp >> 1 == s->cur && l->dist <= (float)g)
		return 0;
	l->stamp = s->cur << 1;
	l->dist = (float)g;
	l->len = (float)len;
	l->pe = pe;
	if (s->nheap == s->capheap) {
		int nc = s->capheap * 2;
		struct geo__heap_item *p = realloc(s->heap, (size_t)nc * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		s->heap = p;
		s->capheap = nc;
	}
	s->heap[s->nheap] = (struct geo__heap_item){ (float)(g + h), v };
	sift_up(s->heap, s->nheap++);
	return 0;
}

int geo__search_pop(struct geo__search *s, double *key)
{
	while (s->nheap > 0) {
		struct geo__heap_item top = s->heap[0];

		s->heap[0] = s->heap[--s->nheap];
		if (s->nheap)
			sift_down(s->heap, s->nheap, 0);
		/* h(v) is fixed during a search, so v's first pop carries its
		 * final cost; later copies of v are stale */
		if (s->lab[top.v].stamp == (s->cur << 1 | 1))
			continue;
		s->lab[top.v].stamp = s->cur << 1 | 1;
		*key = top.key;
		return top.v;
	}
	return -1;
}

int geo__search_seed(struct geo__search *s, const struct geo_snap *a, double ha,
		     double hb)
{
	const struct geo_graph *g = s->g;
	int ed = a->edge;
	double f = geo__factor(g, g->kind[ed]), rest = g->metres[ed] - a->offset_m;
	int rc = geo__search_push(s, g->ea[ed], a->offset_m * f, a->offset_m, -1, ha);

	return rc ? rc : geo__search_push(s, g->eb[ed], rest * f, rest, -1, hb);
}

struct geo__search *geo__search_get(const struct geo_graph *cg)
{
	struct geo_graph *g = (struct geo_graph *)cg;	/* the pool is a cache */
	struct geo__search *s = NULL;

	pthread_mutex_lock(&g->pool_lock);
	if (g->npool > 0)
		s = g->pool[--g->npool];
	pthread_mutex_unlock(&g->pool_lock);
	if (s)
		return s;
	s = malloc(sizeof *s);
	if (s && geo__search_init(s, g)) {
		free(s);
		s = NULL;
	}
	return s;
}

void geo__search_put(const struct geo_graph *cg, struct geo__search *s)
{
	struct geo_graph *g = (struct geo_graph *)cg;
	int kept = 0;

	if (!s)
		return;
	pthread_mutex_lock(&g->pool_lock);
	if (g->npool < (int)(sizeof g->pool / sizeof g->pool[0])) {
		g->pool[g->npool++] = s;
		kept = 1;
	}
	pthread_mutex_unlock(&g->pool_lock);
	if (!kept) {
		geo__search_release(s);
		free(s);
	}
}

void geo__search_pool_free(struct geo_graph *g)
{
	for (int i = 0; i < g->npool; i++) {
		geo__search_release(g->pool[i]);
		free(g->pool[i]);
	}
	g->npool = 0;
}
