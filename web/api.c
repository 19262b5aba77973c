/*
 * api.c - the team lead's JSON API: the team's data, CSV uploads with the
 * importer's line-precise errors, feed links, alerts, shift changes.
 * Every input is validated; errors are 4xx with {"error", "field"}.
 */
#include "web/web_int.h"
#include "calendars/token.h"
#include "data/data.h"
#include "planner/rounds/shifts.h"
#include "store/plans.h"
#include "store/web.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned status_of(int rc)
{
	switch (rc) {
	case ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
	case ERR_TOOBIG: return MHD_HTTP_CONTENT_TOO_LARGE;
	case ERR_CONFLICT: return MHD_HTTP_CONFLICT;
	case ERR_PARSE: return MHD_HTTP_UNPROCESSABLE_CONTENT;
	case ERR_USAGE: case ERR_VERSION: return MHD_HTTP_BAD_REQUEST;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* Answers an error from the layers below: user errors with their message,
 * internal ones without details (logged instead). */
static enum MHD_Result fail(struct web_req *r, int rc, const struct err *e,
			    const char *field)
{
	unsigned st = status_of(rc);

	if (st == MHD_HTTP_INTERNAL_SERVER_ERROR) {
		fprintf(stderr, "outreach: serve: %s: %s\n", r->url, e->msg);
		return web__error(r, st, "internal error");
	}
	return web__field_error(r, st, field, e->msg);
}

enum MHD_Result web__api_list(struct web_req *r)
{
	int kind = data_kind_parse(r->arg[0]);
	struct err e = { 0 };
	char *out = NULL, key[64];
	size_t len = 0;
	int64_t version = 0;
	enum MHD_Result res;
	json_error_t je;
	FILE *m;
	int rc;

	if (kind < 0)
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	snprintf(key, sizeof key, "data/%s", r->arg[0]);
	rc = store_content_version(r->s, &version, &e);
	if (!rc && web__cached(r, key, version, &res))
		return res;
	m = open_memstream(&out, &len);
	if (!rc)
		rc = data_export(r->s, kind, DATA_JSON, m, &e);
	fclose(m);
	if (rc) {
		free(out);
		return fail(r, rc, &e, NULL);
	}
	res = web__cache_json(r, key, version, json_loadb(out, len, 0, &je));
	free(out);
	return res;
}

enum MHD_Result web__api_import(struct web_req *r)
{
	int kind = data_kind_parse(r->arg[0]);
	const char *dry = web__query(r, "dry_run");
	const char *name = web__query(r, "name");
	struct data_import_stats st = { 0 };
	struct err e = { 0 };
	char fname[96];
	enum MHD_Result res;
	int rc;

	if (kind < 0)
		return web__field_error(r, MHD_HTTP_NOT_FOUND, "kind", "no such kind of data");
	if (web__require_type(r, "text/csv", &res))
		return res;
	snprintf(fname, sizeof fname, "%.80s", name && *name ? name : r->arg[0]);
	rc = data_import_buffer(r->s, kind, fname, r->body, r->body_len,
				dry && !strcmp(dry, "1"), &st, &e);
	if (rc)
		return fail(r, rc, &e, "file");
	return web__json(r, MHD_HTTP_OK, json_pack("{s:s,s:I,s:b}", "kind", r->arg[0],
						      "rows", (json_int_t)st.rows, "dry_run",
						      dry && !strcmp(dry, "1")));
}

/* ---- feeds -------------------------------------------------------------- */
static int feed_row(const struct store_feed_token *t, void *ud)
{
	json_t *a = ud;
	char created[26] = "", fetched[26] = "", revoked[26] = "";

	tz_format_local(t->created_t, created);
	if (t->last_fetch_t)
		tz_format_local(t->last_fetch_t, fetched);
	if (t->revoked_t)
		tz_format_local(t->revoked_t, revoked);
	json_array_append_new(a, json_pack(
		"{s:I,s:s,s:s,s:s,s:b,s:s,s:s?,s:I,s:s?}", "id", (json_int_t)t->id,
		"kind", store_feed_kind_name(t->kind), "subject", t->subject, "label", t->label,
		"show_names", t->show_names, "created", created,
		"last_fetched", t->last_fetch_t ? fetched : NULL,
		"fetches", (json_int_t)t->fetches, "revoked", t->revoked_t ? revoked : NULL));
	return 0;
}

enum MHD_Result web__api_feeds(struct web_req *r)
{
	json_t *a = json_array();
	struct err e = { 0 };
	int rc = store_feed_token_each(r->s, feed_row, a, &e);

	if (rc) {
		json_decref(a);
		return fail(r, rc, &e, NULL);
	}
	return web__json(r, MHD_HTTP_OK, a);
}

static json_t *links_json(struct web_req *r, int64_t id, int kind, const char *token)
{
	struct cal_links l;
	char page[512];

	cal_feed_links(r->w->base_url, token, &l);
	snprintf(page, sizeof page, "%s/%s/%s", r->w->base_url,
		 kind == STORE_FEED_PARTNER ? "p" : "w", token);
	return json_pack("{s:I,s:s,s:s,s:s,s:s?}", "id", (json_int_t)id, "https", l.url,
			 "webcal", l.webcal, "google", l.google, "page",
			 kind == STORE_FEED_WORKER || kind == STORE_FEED_PARTNER ? page : NULL);
}

enum MHD_Result web__api_feed_create(struct web_req *r)
{
	enum MHD_Result res;
	json_t *j = web__body_json(r, &res);
	const char *kind_s, *subject, *label;
	char token[CAL_TOKEN_LEN + 1];
	struct err e = { 0 };
	int64_t id;
	int kind, rc;

	if (!j)
		return res;
	kind_s = json_string_value(json_object_get(j, "kind"));
	subject = json_string_value(json_object_get(j, "subject"));
	label = json_string_value(json_object_get(j, "label"));
	kind = kind_s ? store_feed_kind_parse(kind_s) : -1;
	if (kind < 0) {
		json_decref(j);
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "kind",
					"kind must be worker, pair, team, partner or place");
	}
	if (label && strlen(label) > STORE_NAME_MAX) {
		json_decref(j);
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "label", "label too long");
	}
	rc = cal_feed_create(r->s, kind, subject, label, json_is_true(json_object_get(j,
			     "show_names")), token, &id, &e);
	json_decref(j);
	if (rc)
		return fail(r, rc, &e, "subject");
	return web__json(r, MHD_HTTP_CREATED, links_json(r, id, kind, token));
}

static int path_id(struct web_req *r, int64_t *id)
{
	char *end;

	*id = strtoll(r->arg[0], &end, 10);
	return *end || *id <= 0 ? -1 : 0;
}

enum MHD_Result web__api_feed_rotate(struct web_req *r)
{
	char token[CAL_TOKEN_LEN + 1];
	struct store_feed_token t;
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (path_id(r, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not a feed id");
	rc = store_feed_token_get(r->s, id, &t, &e);
	if (!rc)
		rc = cal_feed_rotate(r->s, id, token, &e);
	if (rc)
		return fail(r, rc, &e, "id");
	return web__json(r, MHD_HTTP_OK, links_json(r, id, t.kind, token));
}

enum MHD_Result web__api_feed_revoke(struct web_req *r)
{
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (path_id(r, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not a feed id");
	rc = store_feed_token_revoke(r->s, id, (int64_t)time(NULL), &e);
	if (rc)
		return fail(r, rc, &e, "id");
	return web__json(r, MHD_HTTP_OK, json_pack("{s:I,s:b}", "id", (json_int_t)id,
						      "revoked", 1));
}

/* ---- alerts ------------------------------------------------------------- */
static int alert_row(const struct store_alert *a, void *ud)
{
	char t[26];

	tz_format_local(a->created_t, t);
	json_array_append_new(ud, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b}",
		"id", (json_int_t)a->id, "partner", a->partner, "place", a->place,
		"place_name", a->place_name, "kind", a->kind, "created", t,
		"handled", a->handled_t != 0));
	return 0;
}

enum MHD_Result web__api_alerts(struct web_req *r)
{
	json_t *a = json_array();
	const char *all = web__query(r, "all");
	struct err e = { 0 };
	int rc = store_alert_each(r->s, !(all && !strcmp(all, "1")), alert_row, a, &e);

	if (rc) {
		json_decref(a);
		return fail(r, rc, &e, NULL);
	}
	return web__json(r, MHD_HTTP_OK, a);
}

enum MHD_Result web__api_alert_handle(struct web_req *r)
{
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (path_id(r, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not an alert id");
	rc = store_alert_handle(r->s, id, 0, (int64_t)time(NULL), &e);
	if (rc)
		return fail(r, rc, &e, "id");
	return web__json(r, MHD_HTTP_OK, json_pack("{s:I,s:b}", "id", (json_int_t)id,
						      "handled", 1));
}

/* ---- shifts ------------------------------------------------------------- */
/* ?from=YYYY-MM-DD (default today) &days=N (default 7, at most 366). */
static int range(struct web_req *r, int64_t *from, int64_t *to, enum MHD_Result *res)
{
	const char *f = web__query(r, "from"), *d = web__query(r, "days");
	struct err e = { 0 };
	long days = 7;
	char *end;

	*from = (int64_t)time(NULL) / 86400;
	if (f && tz_parse_date(f, from, &e)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "from", e.msg);
		return -1;
	}
	if (d) {
		days = strtol(d, &end, 10);
		if (*end || days < 1 || days > 366) {
			*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "days",
						"days must be 1..366");
			return -1;
		}
	}
	*to = *from + days;
	return 0;
}

enum MHD_Result web__api_shifts(struct web_req *r)
{
	enum MHD_Result res;
	int64_t from, to, version = 0;
	char key[64];

	if (range(r, &from, &to, &res))
		return res;
	if (store_content_version(r->s, &version, NULL))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	snprintf(key, sizeof key, "shifts/%lld/%lld", (long long)from, (long long)to);
	if (web__cached(r, key, version, &res))
		return res;
	return web__cache_json(r, key, version,
			       web__occurrences(r->s, STORE_FEED_TEAM, 0, from, to, 1));
}

/* POST /api/shifts/ID/cancel {date, reason} or /move {date, start[, end]} */
enum MHD_Result web__api_shift_change(struct web_req *r)
{
	enum MHD_Result res;
	json_t *j;
	const char *date, *start, *end;
	struct err e = { 0 };
	int64_t id, day;
	int s = -1, en = -1, rc, cancel = !strcmp(r->arg[1], "cancel");

	if (path_id(r, &id))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "id", "not a shift id");
	if (!cancel && strcmp(r->arg[1], "move"))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	j = web__body_json(r, &res);
	if (!j)
		return res;
	date = json_string_value(json_object_get(j, "date"));
	start = json_string_value(json_object_get(j, "start"));
	end = json_string_value(json_object_get(j, "end"));
	rc = tz_parse_date(date ? date : "", &day, &e);
	if (rc)
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "date", e.msg);
	else if (!cancel && tz_parse_hhmm(start ? start : "", &s, &e))
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "start", e.msg);
	else if (!cancel && end && tz_parse_hhmm(end, &en, &e))
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "end", e.msg);
	else {
		const char *reason = json_string_value(json_object_get(j, "reason"));

		rc = cancel ? plan_shift_cancel(r->s, id, day, reason, &e) :
			      plan_shift_move(r->s, id, day, s, en, &e);
		res = rc ? fail(r, rc, &e, "date") :
			   web__json(r, MHD_HTTP_OK, json_pack("{s:I,s:s,s:s}", "shift",
							       (json_int_t)id, "date", date,
							       "change", r->arg[1]));
	}
	json_decref(j);
	return res;
}
