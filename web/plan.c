/*
 * plan.c - the lead plans from the web: run the weekly planner, read a
 * plan, publish it (the feeds follow), and ban or pin places for the
 * planner.
 */
#include "web/web_int.h"
#include "planner/rounds/plan_out.h"
#include "planner/rounds/replan.h"
#include "planner/rounds/rounds.h"
#include "planner/rounds/walk.h"
#include "store/plans.h"
#include "store/web.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double num(json_t *j, const char *k, double dflt)
{
	json_t *v = json_object_get(j, k);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

static int opts_from(struct web_req *r, json_t *j, struct plan_rounds_opts *o,
		     enum MHD_Result *res)
{
	const char *from = json_string_value(json_object_get(j, "from"));
	struct err e = { 0 };

	plan_rounds_opts_init(o);
	if (!from || tz_parse_date(from, &o->from_day, &e)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "from",
					from ? e.msg : "give the first day YYYY-MM-DD");
		return -1;
	}
	o->weeks = (int)num(j, "weeks", 1);
	o->explore = num(j, "explore", o->explore);
	o->stability = num(j, "stability", o->stability);
	if (o->weeks < 1 || o->weeks > 104) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "weeks", "weeks must be 1..104");
		return -1;
	}
	if (o->explore < 0 || o->explore > 1) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "explore", "explore must be 0..1");
		return -1;
	}
	if (o->stability < 0 || o->stability > 10) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "stability",
					"stability must be 0..10");
		return -1;
	}
	return 0;
}

/* POST /api/plan {from, weeks, explore, stability} */
enum MHD_Result web__api_plan_run(struct web_req *r)
{
	struct plan_rounds_opts o;
	struct plan_rounds_report rep;
	struct plan_travel_src travel;
	struct plan_walk *w = NULL;
	enum MHD_Result res;
	struct err e = { 0 };
	json_t *j = web__body_json(r, &res);
	int rc;

	if (!j)
		return res;
	rc = opts_from(r, j, &o, &res);
	json_decref(j);
	if (rc)
		return res;
	rc = plan_walk_open(r->s, 0, &w, &e);
	if (!rc) {
		plan_walk_travel(w, &travel);
		o.travel = &travel;
		rc = plan_rounds_run(r->s, &o, &rep, &e);
	}
	if (rc) {
		plan_walk_free(w);
		return web__field_error(r, rc == ERR_CONFLICT || rc == ERR_USAGE ?
					MHD_HTTP_UNPROCESSABLE_CONTENT :
					MHD_HTTP_INTERNAL_SERVER_ERROR, "plan", e.msg);
	}
	j = json_pack("{s:I,s:i,s:i,s:i,s:f,s:f,s:i,s:i,s:s,s:s,s:f,s:b}", "id",
		      (json_int_t)rep.plan_id, "shifts", rep.shifts, "stops", rep.stops,
		      "exploration_stops", rep.exploration_stops, "hours", rep.planned_hours,
		      "expected_people", rep.expected_people, "kept_stops", rep.kept_stops,
		      "previous_stops", rep.prev_stops, "unmet", rep.unmet_text,
		      "standins", rep.standin_text, "seconds", rep.seconds, "along_streets", plan_walk_streets(w));
	plan_walk_free(w);
	return web__json(r, MHD_HTTP_CREATED, j);
}

static int plan_id(struct web_req *r, int64_t *id)
{
	char *end;

	*id = strtoll(r->arg[0], &end, 10);
	return *end || *id < 0 ? -1 : 0;
}

/* GET /api/plan/ID (0: the newest) */
enum MHD_Result web__api_plan_get(struct web_req *r)
{
	struct err e = { 0 };
	char *out = NULL;
	size_t len = 0;
	int64_t id;
	FILE *m;
	int rc;
	enum MHD_Result res;

	if (plan_id(r, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not a plan id");
	m = open_memstream(&out, &len);
	rc = plan_out_json(r->s, id, NULL, NULL, m, &e);	/* routes: /api/shifts/ID/route */
	fclose(m);
	res = rc == ERR_NOTFOUND ? web__field_error(r, MHD_HTTP_NOT_FOUND, "id", e.msg) :
	      rc ? web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "plan") :
		   web__bytes(r, MHD_HTTP_OK, "application/json; charset=utf-8", out, len);
	free(out);
	return res;
}

/* POST /api/plan/ID/publish */
enum MHD_Result web__api_plan_publish(struct web_req *r)
{
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (plan_id(r, &id) || !id)
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not a plan id");
	rc = store_begin(r->s, &e);
	if (!rc)
		rc = store_plan_publish(r->s, id, (int64_t)time(NULL), &e);
	if (rc) {
		store_rollback(r->s);
		return web__field_error(r, rc == ERR_NOTFOUND ? MHD_HTTP_NOT_FOUND :
					MHD_HTTP_INTERNAL_SERVER_ERROR, "id", e.msg);
	}
	if (store_commit(r->s, &e))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "publish");
	return web__json(r, MHD_HTTP_OK, json_pack("{s:I,s:s}", "id", (json_int_t)id,
						      "status", "published"));
}

/* POST /api/replan {pair, place, at (ISO 8601; default now), alert}: an
 * urgent call; the alert (if given) is marked handled by that pair. */
enum MHD_Result web__api_replan(struct web_req *r)
{
	struct plan_replan_result res = { 0 };
	struct plan_travel_src travel;
	struct plan_walk *w = NULL;
	enum MHD_Result out;
	struct err e = { 0 };
	json_t *j = web__body_json(r, &out);
	const char *pair, *place, *at_text;
	int64_t at = (int64_t)time(NULL), alert, pair_id = 0;
	int rc;

	if (!j)
		return out;
	pair = json_string_value(json_object_get(j, "pair"));
	place = json_string_value(json_object_get(j, "place"));
	at_text = json_string_value(json_object_get(j, "at"));
	alert = json_integer_value(json_object_get(j, "alert"));
	if (!pair || !place) {
		json_decref(j);
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, pair ? "place" : "pair",
					"give the pair and the place");
	}
	if (at_text && tz_parse_datetime(at_text, &at, &e)) {
		json_decref(j);
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "at", e.msg);
	}
	rc = plan_walk_open(r->s, 0, &w, &e);
	if (!rc) {
		plan_walk_travel(w, &travel);
		rc = plan_replan(r->s, pair, at, place, &travel, &res, &e);
	}
	plan_walk_free(w);
	if (!rc && alert > 0 && !store_id_of(r->s, STORE_PAIR, pair, &pair_id))
		store_alert_handle(r->s, alert, pair_id, (int64_t)time(NULL), NULL);
	json_decref(j);
	if (rc)
		return web__field_error(r, rc == ERR_NOTFOUND ? MHD_HTTP_NOT_FOUND :
					rc == ERR_CONFLICT ? MHD_HTTP_CONFLICT :
					MHD_HTTP_INTERNAL_SERVER_ERROR, "pair", e.msg);
	return web__json(r, MHD_HTTP_OK, json_pack("{s:I,s:I,s:i,s:i}", "shift",
						      (json_int_t)res.shift_id, "day",
						      (json_int_t)res.day, "stops", res.nstops,
						      "urgent_arrive", res.urgent_arrive));
}

/* ---- pinning and banning places for the planner -------------------------- */
static void list_set(char *list, size_t cap, const char *key, int on)
{
	char out[2048] = "", copy[2048];
	char *save = NULL;

	snprintf(copy, sizeof copy, "%s", list);
	for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save))
		if (strcmp(k, key))
			snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s",
				 out[0] ? "," : "", k);
	if (on)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? "," : "",
			 key);
	snprintf(list, cap, "%s", out);
}

/* GET /api/places/choices: {pinned: "a,b", banned: "c"} */
enum MHD_Result web__api_choices(struct web_req *r)
{
	char pin[2048], ban[2048];

	if (store_setting_get(r->s, "plan.pinned", "", pin, sizeof pin, NULL) ||
	    store_setting_get(r->s, "plan.banned", "", ban, sizeof ban, NULL))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "settings");
	return web__json(r, MHD_HTTP_OK, json_pack("{s:s,s:s}", "pinned", pin, "banned", ban));
}

/* POST /api/places/KEY/pin|ban|clear: the next plan visits a pinned place
 * whenever it can and never a banned one. */
enum MHD_Result web__api_place_choice(struct web_req *r)
{
	const char *what = r->arg[1];
	char pin[2048], ban[2048];
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (store_id_of(r->s, STORE_PLACE, r->arg[0], &id))
		return web__field_error(r, MHD_HTTP_NOT_FOUND, "place", "no place with that key");
	if (strcmp(what, "pin") && strcmp(what, "ban") && strcmp(what, "clear"))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	rc = store_begin(r->s, &e);
	if (!rc)
		rc = store_setting_get(r->s, "plan.pinned", "", pin, sizeof pin, &e);
	if (!rc)
		rc = store_setting_get(r->s, "plan.banned", "", ban, sizeof ban, &e);
	if (!rc && strlen(pin) + strlen(ban) + strlen(r->arg[0]) + 2 >= sizeof pin)
		rc = err_set(&e, ERR_TOOBIG, "too many pinned or banned places");
	if (!rc) {
		list_set(pin, sizeof pin, r->arg[0], !strcmp(what, "pin"));
		list_set(ban, sizeof ban, r->arg[0], !strcmp(what, "ban"));
		rc = store_setting_set(r->s, "plan.pinned", pin, &e);
	}
	if (!rc)
		rc = store_setting_set(r->s, "plan.banned", ban, &e);
	if (!rc)
		rc = store_commit(r->s, &e);
	if (rc) {
		store_rollback(r->s);
		return web__field_error(r, rc == ERR_TOOBIG ? MHD_HTTP_CONTENT_TOO_LARGE :
					MHD_HTTP_INTERNAL_SERVER_ERROR, "place", e.msg);
	}
	return web__json(r, MHD_HTTP_OK, json_pack("{s:s,s:s,s:s}", "place", r->arg[0],
						      "pinned", pin, "banned", ban));
}
