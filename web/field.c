/*
 * field.c - the field log over HTTP: a worker's or pair's link sends one
 * entry per request (idempotent on the phone's id) and reads a day's
 * entries and the places nearby; the lead reads the table per pair and
 * week and downloads the entries as CSV. The rules live in field/.
 */
#include "web/web_int.h"
#include "field/field.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct field_link link_of(const struct web_req *r)
{
	struct field_link l = { r->link.kind, r->link.subject_id, r->link.id };

	return l;
}

static int may_log(const struct web_req *r)
{
	return r->link.kind == STORE_FEED_WORKER || r->link.kind == STORE_FEED_PAIR;
}

static unsigned status_of(int rc)
{
	switch (rc) {
	case ERR_PARSE: return MHD_HTTP_BAD_REQUEST;
	case ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
	case ERR_CONFLICT: return MHD_HTTP_CONFLICT;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* POST /api/link/TOKEN/log: one entry; 201 when new, 200 when updated,
 * resent (unchanged) or overtaken by a newer revision (older). */
enum MHD_Result web__link_log_put(struct web_req *r)
{
	struct field_link l = link_of(r);
	struct field_result *res;
	struct err e = { 0 };
	enum MHD_Result out;
	json_t *j;
	int rc;

	if (!may_log(r))
		return web__error(r, MHD_HTTP_FORBIDDEN, "only a worker's or a pair's link "
				  "logs the field work");
	j = web__body_json(r, &out);
	if (!j)
		return out;
	res = xcalloc(1, sizeof *res);
	rc = field_entry_put(r->s, &l, j, (int64_t)time(NULL), res, &e);
	json_decref(j);
	if (rc)
		out = web__field_error(r, status_of(rc), res->field[0] ? res->field : NULL,
				       rc == ERR_DB ? "database" : e.msg);
	else
		out = web__json(r, res->status == FIELD_STORED ? MHD_HTTP_CREATED : MHD_HTTP_OK,
				json_pack("{s:s,s:o}", "status", field_status_name(res->status),
					  "entry", field_entry_json(&res->entry)));
	free(res);
	return out;
}

static int64_t today(void)
{
	struct tz_civil c;

	tz_to_local((int64_t)time(NULL), &c);
	return tz_days_from_civil(c.year, c.month, c.day);
}

/* GET /api/link/TOKEN/log[?date=YYYY-MM-DD]: that day's entries. */
enum MHD_Result web__link_log_get(struct web_req *r)
{
	struct field_link l = link_of(r);
	const char *d = web__query(r, "date");
	int64_t day = today();
	struct err e = { 0 };
	json_t *j;

	if (!may_log(r))
		return web__error(r, MHD_HTTP_FORBIDDEN, "only a worker's or a pair's link "
				  "logs the field work");
	if (d && tz_parse_date(d, &day, &e))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "date", e.msg);
	j = field_day_json(r->s, &l, day, &e);
	return j ? web__json(r, MHD_HTTP_OK, j) :
		   web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
}

static int place_row(const struct store_place *p, void *ud)
{
	json_array_append_new(ud, json_pack("{s:s,s:s,s:s,s:f,s:f}", "key", p->key, "name",
					    p->name, "kind", p->kind, "lat", p->lat, "lon",
					    p->lon));
	return 0;
}

/* GET /api/link/TOKEN/places: the known places, for an unplanned stop
 * (the phone sorts them by distance from where it is). */
enum MHD_Result web__link_places(struct web_req *r)
{
	json_t *a = json_array();

	if (!may_log(r)) {
		json_decref(a);
		return web__error(r, MHD_HTTP_FORBIDDEN, "only a worker's or a pair's link "
				  "logs the field work");
	}
	if (store_place_each(r->s, place_row, a, NULL)) {
		json_decref(a);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	}
	return web__json(r, MHD_HTTP_OK, a);
}

/* ?from=YYYY-MM-DD&days=N (default: the last 28 days up to today). */
static int period(struct web_req *r, int64_t *from, int *days, enum MHD_Result *res)
{
	const char *f = web__query(r, "from"), *d = web__query(r, "days");
	struct err e = { 0 };
	char *end;
	long n = d ? strtol(d, &end, 10) : 28;

	if (d && (*end || n < 1 || n > 400)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "days", "days must be 1-400");
		return -1;
	}
	*days = (int)n;
	*from = today() + 1 - n;
	if (f && tz_parse_date(f, from, &e)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "from", e.msg);
		return -1;
	}
	return 0;
}

/* GET /api/field: planned vs done per pair and week, and the forecast of
 * the logged planned stops against what was met. */
enum MHD_Result web__api_field(struct web_req *r)
{
	struct err e = { 0 };
	enum MHD_Result res;
	int64_t from;
	int days;
	json_t *j;

	if (period(r, &from, &days, &res))
		return res;
	j = field_summary(r->s, from, days, &e);
	return j ? web__json(r, MHD_HTTP_OK, j) :
		   web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
}

/* GET /api/field.csv: the period's entries, one row per stop logged. */
enum MHD_Result web__api_field_csv(struct web_req *r)
{
	struct err e = { 0 };
	enum MHD_Result res;
	char *buf = NULL;
	size_t len = 0;
	int64_t from;
	int days, rc;
	FILE *f;

	if (period(r, &from, &days, &res))
		return res;
	f = open_memstream(&buf, &len);
	if (!f)
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "memory");
	rc = field_entries_csv(r->s, from, from + days, f, &e);
	fclose(f);
	res = rc ? web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database") :
		   web__bytes(r, MHD_HTTP_OK, "text/csv; charset=utf-8", buf, len);
	free(buf);
	return res;
}
