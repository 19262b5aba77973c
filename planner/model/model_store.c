/*
 * model_store.c - fitting the encounter model from the store: places,
 * visits and encounters read through store/store.h into the arrays that
 * plan_model_fit takes.
 */
#include "planner/model/model.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

struct load {
	struct store_place *pl;
	int np, cappl;
	struct plan_model_visit *v;
	int nv, capv;
	struct plan_model_encounter *x;
	int nx, capx;
};

static void *grow(void *p, int *cap, int n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : 64;
	return xrealloc(p, (size_t)*cap * size);
}

static int on_place(const struct store_place *p, void *ud)
{
	struct load *l = ud;

	l->pl = grow(l->pl, &l->cappl, l->np, sizeof *l->pl);
	l->pl[l->np++] = *p;
	return 0;
}

/* Places come in key order, not id order: a linear search is fine for the
 * hundreds of places a team has. */
static int index_of(const struct load *l, int64_t id)
{
	for (int i = 0; i < l->np; i++)
		if (l->pl[i].id == id)
			return i;
	return -1;
}

static int on_visit(const struct store_visit *v, void *ud)
{
	struct load *l = ud;
	int p = index_of(l, v->place_id);

	if (p < 0)
		return 0;
	l->v = grow(l->v, &l->capv, l->nv, sizeof *l->v);
	l->v[l->nv++] = (struct plan_model_visit){ p, v->start, v->end };
	return 0;
}

static int on_encounter(const struct store_encounter *x, void *ud)
{
	struct load *l = ud;
	int p = x->place_id ? index_of(l, x->place_id) : -1;

	if (p < 0 && !x->has_coords)
		return 0;
	l->x = grow(l->x, &l->capx, l->nx, sizeof *l->x);
	l->x[l->nx++] = (struct plan_model_encounter){ p, x->time, x->lat, x->lon, x->people };
	return 0;
}

int plan_model_fit_store(struct store *s, const struct plan_model_opts *opts,
			 struct plan_model **out, struct err *e)
{
	struct load l = { 0 };
	struct plan_model_place *mp = NULL;
	int rc;

	*out = NULL;
	rc = store_place_each(s, on_place, &l, e);
	if (!rc)
		rc = store_visit_each(s, on_visit, &l, e);
	if (!rc)
		rc = store_encounter_each(s, on_encounter, &l, e);
	if (!rc) {
		mp = xcalloc((size_t)(l.np ? l.np : 1), sizeof *mp);
		for (int i = 0; i < l.np; i++)
			mp[i] = (struct plan_model_place){ l.pl[i].key, l.pl[i].kind, l.pl[i].area,
							   l.pl[i].lat, l.pl[i].lon,
							   l.pl[i].opening_hours };
		rc = plan_model_fit(mp, l.np, l.v, l.nv, l.x, l.nx, opts, out, e);
	}
	free(mp);
	free(l.pl);
	free(l.v);
	free(l.x);
	return rc;
}
