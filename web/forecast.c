/*
 * forecast.c - GET /api/forecast?place=KEY&from=YYYY-MM-DD: the week's
 * forecast for one place, hour by hour (expected people per hour of
 * presence, the 80 % range of that rate and the 80 % range of people met
 * in such an hour), a change detected there, and the history behind it:
 * hours of presence and people met per hour of the week.
 * GET /api/forecast/backtest: the model's backtest on the team's history,
 * its calibration and the detected changes (the calibration panel).
 * Both come from the fitted model kept per content version (model.c): a
 * request reads no history.
 */
#include "web/web_int.h"
#include "planner/model/backtest.h"
#include "planner/model/model.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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
		json_array_append_new(a, json_pack("{s:s,s:i,s:f,s:f,s:f,s:f,s:f,s:f}", "start",
						   iso, "how", web__hour_of_week(t), "mean", rt.mean,
						   "rate_lower", rt.lower, "rate_upper", rt.upper,
						   "met_lower", rt.met_lower, "met_upper",
						   rt.met_upper, "open", rt.open));
	}
	return a;
}

/* The week from Monday `day` for the place with that key, or NULL. */
/* The change detected at place, or JSON null. */
static json_t *change_of(const struct plan_model *m, int place)
{
	struct plan_change c;
	struct tz_civil d;
	char day[11];

	if (!plan_model_change(m, place, &c))
		return json_null();
	tz_to_local(c.since, &d);
	tz_format_date(tz_days_from_civil(d.year, d.month, d.day), day);
	return json_pack("{s:s,s:s,s:f,s:f,s:f}", "since", day, "direction",
			 c.ratio > 1 ? "more" : "fewer", "ratio", c.ratio, "people", c.people,
			 "expected", c.expected);
}

static json_t *forecast(const struct web__model *m, const char *key, int64_t day,
			struct err *e)
{
	int place = plan_model_place_index(m->m, key);

	if (place < 0) {
		err_set(e, ERR_NOTFOUND, "place '%s' not in the model", key);
		return NULL;
	}
	return json_pack("{s:s,s:o,s:o,s:{s:o,s:o}}", "place", key, "hours",
			 hours(m->m, place, day), "change", change_of(m->m, place), "observed",
			 "presence_hours", array_of(m->history[place].presence, PLAN_HOURS_OF_WEEK),
			 "people", array_of(m->history[place].people, PLAN_HOURS_OF_WEEK));
}

/* Answers are kept in the response cache too, per place and week: a
 * repeat costs a lookup, not 168 posterior quantiles. */
enum MHD_Result web__api_forecast(struct web_req *r)
{
	const char *key = web__query(r, "place"), *from = web__query(r, "from");
	const struct web__model *m = NULL;
	struct err e = { 0 };
	int64_t day = (int64_t)time(NULL) / 86400, id, version = 0;
	enum MHD_Result res;
	json_t *out = NULL;
	char ckey[128];

	if (!key || store_id_of(r->s, STORE_PLACE, key, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "place", "no place with that key");
	if (from && tz_parse_date(from, &day, &e))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "from", e.msg);
	day -= tz_weekday(day);	/* the week's Monday */
	snprintf(ckey, sizeof ckey, "forecast/%s/%lld", key, (long long)day);
	if (!store_content_version(r->s, &version, &e) && web__cached(r, ckey, version, &res))
		return res;
	if (!web__model_get(r->w, r->s, &m, &e)) {
		out = forecast(m, key, day, &e);
		version = m->version;	/* of the data behind the answer */
	}
	web__model_put(r->w, m);
	if (!out) {
		fprintf(stderr, "outreach: serve: forecast: %s\n", e.msg);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "forecast");
	}
	return web__cache_json(r, ckey, version, out);
}

/* The backtest of the kept model, cached per content version. */
enum MHD_Result web__api_backtest(struct web_req *r)
{
	const struct web__model *m = NULL;
	struct err e = { 0 };
	int64_t version = 0;
	enum MHD_Result res;
	json_t *out = NULL;

	if (!store_content_version(r->s, &version, &e) &&
	    web__cached(r, "forecast-backtest", version, &res))
		return res;
	if (!web__model_get(r->w, r->s, &m, &e)) {
		out = plan_backtest_json(m->m);
		version = m->version;
	}
	web__model_put(r->w, m);
	if (!out) {
		fprintf(stderr, "outreach: serve: backtest: %s\n", e.msg);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "backtest");
	}
	return web__cache_json(r, "forecast-backtest", version, out);
}

/* GET /api/places/suggest: clusters of encounters logged by coordinates
 * far from every place, as candidates for new places (the lead accepts one
 * by importing it as a place). */
enum MHD_Result web__api_suggest(struct web_req *r)
{
	struct plan_cluster c[50];
	const struct web__model *m = NULL;
	struct err e = { 0 };
	json_t *a = json_array();
	int n = web__model_get(r->w, r->s, &m, &e) ? -1 : plan_model_clusters(m->m, c, 50);

	for (int i = 0; i < n && i < 50; i++)
		json_array_append_new(a, json_pack("{s:f,s:f,s:i,s:i,s:s,s:f}", "lat", c[i].lat,
			"lon", c[i].lon, "encounters", c[i].encounters, "people", c[i].people,
			"nearest", c[i].nearest >= 0 ? plan_model_place_key(m->m, c[i].nearest) : "",
			"nearest_m", c[i].nearest_m));
	web__model_put(r->w, m);
	if (n < 0) {
		json_decref(a);
		fprintf(stderr, "outreach: serve: suggest: %s\n", e.msg);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "suggest");
	}
	return web__json(r, MHD_HTTP_OK, a);
}
