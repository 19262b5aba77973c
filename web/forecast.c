/*
 * forecast.c - GET /api/forecast?place=KEY&from=YYYY-MM-DD: the week's
 * forecast for one place, hour by hour (expected people per hour of
 * presence with its 80 % interval), and the history behind it: hours of
 * presence and people met per hour of the week. The fitted model is kept
 * while the database's content version stays the same.
 */
#include "web/web_int.h"
#include "planner/model/model.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Borrows the current model (fitting it if the data changed); the caller
 * holds w->model_mu while using it. NULL on error. */
static struct plan_model *model(struct web_req *r, struct err *e)
{
	struct web_server *w = r->w;
	int64_t v = 0;

	if (store_content_version(r->s, &v, e))
		return NULL;
	if (w->model && w->model_version == v)
		return w->model;
	plan_model_free(w->model);
	w->model = NULL;
	if (plan_model_fit_store(r->s, NULL, &w->model, e))
		return NULL;
	w->model_version = v;
	return w->model;
}

struct history {
	int64_t place_id;
	double presence[PLAN_HOURS_OF_WEEK];
	double people[PLAN_HOURS_OF_WEEK];
};

static int hour_of_week(int64_t t)
{
	struct tz_civil c;
	int64_t day;

	tz_to_local(t, &c);
	day = tz_days_from_civil(c.year, c.month, c.day);
	return tz_weekday(day) * 24 + c.hour;
}

static int on_visit(const struct store_visit *v, void *ud)
{
	struct history *h = ud;

	if (v->place_id != h->place_id)
		return 0;
	for (int64_t t = v->start; t < v->end; t += 900)	/* quarter hours */
		h->presence[hour_of_week(t)] += (double)(v->end - t < 900 ? v->end - t : 900) /
						3600.0;
	return 0;
}

static int on_encounter(const struct store_encounter *x, void *ud)
{
	struct history *h = ud;

	if (x->place_id == h->place_id)
		h->people[hour_of_week(x->time)] += x->people;
	return 0;
}

static json_t *array_of(const double *v, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_real((double)(long long)(v[i] * 100 + 0.5) / 100));
	return a;
}

static json_t *hours(const struct plan_model *m, int place, int64_t from_day)
{
	struct tz_civil c = { 0 };
	json_t *a = json_array();
	int64_t t0, t;
	char iso[26];

	tz_civil_from_days(from_day, &c.year, &c.month, &c.day);
	t0 = tz_from_local(&c);
	for (t = t0; t < t0 + 7 * 86400 + 3600; t += 3600) {
		struct plan_rate rt;

		tz_to_local(t, &c);
		if (tz_days_from_civil(c.year, c.month, c.day) >= from_day + 7)
			break;	/* a DST week has 167 or 169 hours */
		plan_model_rate(m, place, t, &rt);
		tz_format_local(t, iso);
		json_array_append_new(a, json_pack("{s:s,s:i,s:f,s:f,s:f,s:f}", "start", iso,
						   "how", hour_of_week(t), "mean", rt.mean,
						   "lower", rt.lower, "upper", rt.upper, "open",
						   rt.open));
	}
	return a;
}

enum MHD_Result web__api_forecast(struct web_req *r)
{
	const char *key = web__query(r, "place"), *from = web__query(r, "from");
	struct history h = { 0 };
	struct plan_model *m;
	struct err e = { 0 };
	int64_t day = (int64_t)time(NULL) / 86400;
	json_t *out;
	int place;

	if (!key || store_id_of(r->s, STORE_PLACE, key, &h.place_id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "place", "no place with that key");
	if (from && tz_parse_date(from, &day, &e))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "from", e.msg);
	day -= tz_weekday(day);	/* the week's Monday */
	store_visit_each(r->s, on_visit, &h, NULL);
	store_encounter_each(r->s, on_encounter, &h, NULL);
	pthread_mutex_lock(&r->w->model_mu);
	m = model(r, &e);
	place = m ? plan_model_place_index(m, key) : -1;
	out = m && place >= 0 ?
		json_pack("{s:s,s:o,s:{s:o,s:o}}", "place", key, "hours", hours(m, place, day),
			  "observed", "presence_hours", array_of(h.presence, PLAN_HOURS_OF_WEEK),
			  "people", array_of(h.people, PLAN_HOURS_OF_WEEK)) : NULL;
	pthread_mutex_unlock(&r->w->model_mu);
	if (!out) {
		fprintf(stderr, "outreach: serve: forecast: %s\n", e.msg);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "forecast");
	}
	return web__json(r, MHD_HTTP_OK, out);
}

/* GET /api/places/suggest: clusters of encounters logged by coordinates
 * far from every place, as candidates for new places (the lead accepts one
 * by importing it as a place). */
enum MHD_Result web__api_suggest(struct web_req *r)
{
	struct plan_cluster c[50];
	struct plan_model *m;
	struct err e = { 0 };
	json_t *a = json_array();
	int n;

	pthread_mutex_lock(&r->w->model_mu);
	m = model(r, &e);
	n = m ? plan_model_clusters(m, c, 50) : -1;
	for (int i = 0; i < n && i < 50; i++)
		json_array_append_new(a, json_pack("{s:f,s:f,s:i,s:i,s:s,s:f}", "lat", c[i].lat,
			"lon", c[i].lon, "encounters", c[i].encounters, "people", c[i].people,
			"nearest", c[i].nearest >= 0 ? plan_model_place_key(m, c[i].nearest) : "",
			"nearest_m", c[i].nearest_m));
	pthread_mutex_unlock(&r->w->model_mu);
	if (n < 0) {
		json_decref(a);
		fprintf(stderr, "outreach: serve: suggest: %s\n", e.msg);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "suggest");
	}
	return web__json(r, MHD_HTTP_OK, a);
}
