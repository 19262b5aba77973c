/*
 * model.c - the fitted encounter model and every place's observed history
 * (hours of presence and people met per hour of the week), built from one
 * snapshot of the database and kept while its content version stays the
 * same. Fitting reads every visit and encounter (about a second for
 * 200,000 encounters, plus the backtest's refits at 8 origins that
 * calibrate its ranges), so it happens once per version: one thread builds
 * (single flight) while the others that need the new version wait for it;
 * readers of the old one keep it alive by their reference.
 */
#include "web/web_int.h"
#include "planner/model/model.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

#define WEB_BT_ORIGINS 8	/* as `outreach forecast` */
#define WEB_BT_WEEKS 2

struct web__models {
	pthread_mutex_t mu;
	pthread_cond_t built;	/* signalled when a build ends */
	struct web__model *cur;	/* the latest built, or NULL */
	int building;
};

struct web__models *web__models_new(void)
{
	struct web__models *h = xcalloc(1, sizeof *h);

	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->built, NULL);
	return h;
}

static void model_free(struct web__model *m)
{
	if (!m)
		return;
	plan_model_free(m->m);
	free(m->history);
	free(m);
}

/* Caller holds h->mu. */
static void unref(struct web__model *m)
{
	if (m && --m->refs == 0)
		model_free(m);
}

void web__models_free(struct web__models *h)
{
	if (!h)
		return;
	unref(h->cur);
	pthread_cond_destroy(&h->built);
	pthread_mutex_destroy(&h->mu);
	free(h);
}

int web__hour_of_week(int64_t t)
{
	struct tz_civil c;
	int64_t day;

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	return tz_weekday(day) * 24 + c.hour;
}

/* Place index by key, remembering the last one (rows come grouped). */
struct fill {
	struct web__model *m;
	char last[sizeof ((struct store_visit *)0)->place];
	int last_i;
};

static struct web__history *history_of(struct fill *f, const char *key)
{
	if (strcmp(key, f->last)) {
		snprintf(f->last, sizeof f->last, "%s", key);
		f->last_i = plan_model_place_index(f->m->m, key);
	}
	return f->last_i >= 0 ? &f->m->history[f->last_i] : NULL;
}

static int on_visit(const struct store_visit *v, void *ud)
{
	struct web__history *h = history_of(ud, v->place);

	for (int64_t t = v->start; h && t < v->end; t += 900)	/* quarter hours */
		h->presence[web__hour_of_week(t)] +=
			(double)(v->end - t < 900 ? v->end - t : 900) / 3600.0;
	return 0;
}

static int on_encounter(const struct store_encounter *x, void *ud)
{
	struct web__history *h = x->place_id ? history_of(ud, x->place) : NULL;

	if (h)
		h->people[web__hour_of_week(x->time)] += x->people;
	return 0;
}

/* Fits and counts from one read transaction, so m->version is the version
 * of exactly the data behind it. */
static int build(struct store *s, struct web__model **out, struct err *e)
{
	struct web__model *m = xcalloc(1, sizeof *m);
	struct fill f = { .m = m, .last_i = -1 };
	/* the backtest and calibration are part of the fitted model, so they
	 * are kept with it per content version */
	struct plan_model_opts opts = { .backtest_origins = WEB_BT_ORIGINS,
					.backtest_weeks = WEB_BT_WEEKS };
	int rc = store_begin_read(s, e);

	if (!rc)
		rc = store_content_version(s, &m->version, e);
	if (!rc)
		rc = plan_model_fit_store(s, &opts, &m->m, e);
	if (!rc) {
		m->history = xcalloc((size_t)plan_model_nplaces(m->m) + 1, sizeof *m->history);
		rc = store_visit_each(s, on_visit, &f, e);
	}
	if (!rc)
		rc = store_encounter_each(s, on_encounter, &f, e);
	store_rollback(s);	/* read only: ends the snapshot */
	if (rc) {
		model_free(m);
		m = NULL;
	}
	*out = m;
	return rc;
}

/* Caller holds h->mu; 1 if the current model is at least version v. */
static int fresh(const struct web__models *h, int64_t v)
{
	return h->cur && h->cur->version >= v;
}

int web__model_get(struct web_server *w, struct store *s, const struct web__model **out,
		   struct err *e)
{
	struct web__models *h = w->models;
	struct web__model *m = NULL;
	int64_t v = 0;
	int rc = store_content_version(s, &v, e);

	*out = NULL;
	if (rc)
		return rc;
	pthread_mutex_lock(&h->mu);
	while (!fresh(h, v) && h->building)
		pthread_cond_wait(&h->built, &h->mu);
	if (!fresh(h, v)) {	/* this thread builds; others wait above */
		h->building = 1;
		pthread_mutex_unlock(&h->mu);
		rc = build(s, &m, e);
		pthread_mutex_lock(&h->mu);
		h->building = 0;
		if (!rc) {
			unref(h->cur);
			h->cur = m;
			m->refs = 1;	/* the holder's */
		}
		pthread_cond_broadcast(&h->built);
	}
	if (!rc) {
		h->cur->refs++;
		*out = h->cur;
	}
	pthread_mutex_unlock(&h->mu);
	return rc;
}

void web__model_put(struct web_server *w, const struct web__model *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&w->models->mu);
	unref((struct web__model *)m);
	pthread_mutex_unlock(&w->models->mu);
}
