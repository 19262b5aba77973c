/*
 * summary.c - the lead's view of the field log: planned vs done per pair
 * and week, skipped stops with their reasons, people met and guidance per
 * topic, and the forecast of each logged planned stop against what was
 * met; and the entries as CSV.
 */
#include "field/field_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

struct row {
	int64_t pair_id, monday;
	char pair[STORE_KEY_MAX + 1];
	int planned_stops, done_stops, unplanned, skipped;
	double planned_h, done_h;
	int people, new_people, anonymous, accompanied, contacted;
	int guidance[STORE_TOPICS];
	json_t *why_skipped;	/* {reason: count} */
};

struct sum {
	struct store *s;
	int64_t from, to;
	struct row *v;
	int n, cap;
	json_t *checks;		/* forecast vs met per logged planned stop */
	struct err *e;
};

static struct row *row_of(struct sum *c, int64_t pair_id, const char *pair, int64_t day)
{
	int64_t monday = day - tz_weekday(day);

	for (int i = 0; i < c->n; i++)
		if (c->v[i].pair_id == pair_id && c->v[i].monday == monday)
			return &c->v[i];
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	memset(&c->v[c->n], 0, sizeof c->v[c->n]);
	c->v[c->n].pair_id = pair_id;
	c->v[c->n].monday = monday;
	c->v[c->n].why_skipped = json_object();
	snprintf(c->v[c->n].pair, sizeof c->v[c->n].pair, "%s", pair);
	return &c->v[c->n++];
}

static int cancelled_on(const struct store_shift_parts *p, int64_t day, int64_t *exc_id)
{
	*exc_id = 0;
	for (int i = 0; i < p->nexc; i++) {
		if (p->exc[i].day != day)
			continue;
		if (!strcmp(p->exc[i].kind, "skip") || !strcmp(p->exc[i].kind, "cancel"))
			return 1;
		if (!strcmp(p->exc[i].kind, "replan"))
			*exc_id = p->exc[i].id;
	}
	return 0;
}

static void planned_day(struct sum *c, const struct store_shift *sh,
			const struct store_shift_parts *p, int64_t day)
{
	struct row *r;
	int64_t exc_id;

	if (cancelled_on(p, day, &exc_id))
		return;
	r = row_of(c, sh->pair_id, sh->pair, day);
	r->planned_h += (sh->end_min - sh->start_min) / 60.0;
	for (int i = 0; i < p->nstops; i++)
		r->planned_stops += p->stops[i].exception_id == exc_id;
}

static int planned_shift(const struct store_shift *sh, void *ud)
{
	struct sum *c = ud;
	struct store_shift_parts p;
	if (store_shift_parts_load(c->s, sh->id, &p, c->e))
		return ERR_DB;
	for (int64_t day = store_shift_next(sh, c->from); day < c->to;
	     day = store_shift_next(sh, day + 1))
		planned_day(c, sh, &p, day);
	store_shift_parts_release(&p);
	return 0;
}

/* The planned stop an entry logged: its forecast against the people met. */
static void check_forecast(struct sum *c, const struct store_field_entry *x)
{
	struct store_shift_parts p;
	int64_t exc_id;
	char date[11];

	if (!x->stop_seq || !x->shift_id || x->skipped[0] ||
	    store_shift_parts_load(c->s, x->shift_id, &p, NULL))
		return;
	cancelled_on(&p, x->day, &exc_id);
	tz_format_date(x->day, date);
	for (int i = 0; i < p.nstops; i++) {
		const struct store_stop *st = &p.stops[i];

		if (st->seq != x->stop_seq || st->exception_id != exc_id)
			continue;
		json_array_append_new(c->checks, json_pack("{s:s,s:s,s:s,s:f,s:f,s:f,s:i,s:b}",
			"date", date, "pair", x->pair, "place", st->place, "expected",
			st->expected, "lower", st->lower, "upper", st->upper, "met", x->people,
			"inside", x->people >= st->lower - 1e-9 && x->people <= st->upper + 1e-9));
	}
	store_shift_parts_release(&p);
}

struct span {
	int64_t pair_id, day, first, last;
};

static int done_entry(const struct store_field_entry *x, void *ud)
{
	struct sum *c = ud;
	struct row *r;
	json_t *n;

	if (x->deleted)
		return 0;
	r = row_of(c, x->pair_id, x->pair, x->day);
	if (x->skipped[0]) {
		r->skipped++;
		n = json_object_get(r->why_skipped, x->skipped);
		json_object_set_new(r->why_skipped, x->skipped,
				    json_integer(json_integer_value(n) + 1));
		return 0;
	}
	if (x->stop_seq)
		r->done_stops += x->arrive_t || x->people;
	else
		r->unplanned++;
	if (x->arrive_t && x->leave_t > x->arrive_t)
		r->done_h += (double)(x->leave_t - x->arrive_t) / 3600.0;
	r->people += x->people;
	r->new_people += x->new_people;
	r->anonymous += x->anonymous;
	r->accompanied += x->accompanied;
	r->contacted += x->contacted;
	for (int i = 0; i < STORE_TOPICS; i++)
		r->guidance[i] += x->guidance[i];
	check_forecast(c, x);
	return 0;
}

static json_t *row_json(const struct row *r)
{
	json_t *g = json_object();
	char week[11];

	for (int i = 0; i < STORE_TOPICS; i++)
		json_object_set_new(g, store_topic_names[i], json_integer(r->guidance[i]));
	tz_format_date(r->monday, week);
	return json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:O,s:f,s:f,s:i,s:i,s:i,s:o,s:i,s:i}",
			 "pair", r->pair, "week", week, "planned_stops", r->planned_stops,
			 "done_stops", r->done_stops, "unplanned_stops", r->unplanned,
			 "skipped", r->skipped, "skipped_why", r->why_skipped,
			 "planned_hours", r->planned_h, "stop_hours", r->done_h,
			 "people", r->people, "new", r->new_people, "anonymous", r->anonymous,
			 "guidance", g, "accompanied", r->accompanied, "contacted", r->contacted);
}

static int by_pair_week(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int d = strcmp(x->pair, y->pair);

	return d ? d : (x->monday > y->monday) - (x->monday < y->monday);
}

static json_t *accuracy_json(json_t *checks)
{
	size_t i, n = json_array_size(checks), inside = 0;
	double expected = 0, met = 0;
	json_t *v;

	json_array_foreach(checks, i, v) {
		expected += json_real_value(json_object_get(v, "expected"));
		met += (double)json_integer_value(json_object_get(v, "met"));
		inside += json_is_true(json_object_get(v, "inside"));
	}
	return json_pack("{s:I,s:f,s:f,s:o,s:O}", "stops", (json_int_t)n, "expected", expected,
			 "met", met, "inside_share", n ? json_real((double)inside / (double)n) :
			 json_null(), "stops_list", checks);
}

json_t *field_summary(struct store *s, int64_t from_day, int days, struct err *e)
{
	struct sum c = { s, from_day, from_day + days, NULL, 0, 0, json_array(), e };
	json_t *rows = json_array(), *out = NULL;
	int rc;

	rc = store_feed_shift_each_in(s, STORE_FEED_TEAM, 0, c.from, c.to, planned_shift, &c, e);
	if (!rc)
		rc = store_field_each(s, c.from, c.to, 0, done_entry, &c, e);
	if (c.n)
		qsort(c.v, (size_t)c.n, sizeof *c.v, by_pair_week);
	for (int i = 0; i < c.n; i++) {
		json_array_append_new(rows, row_json(&c.v[i]));
		json_decref(c.v[i].why_skipped);
	}
	free(c.v);
	if (!rc)
		out = json_pack("{s:o,s:o}", "rows", rows, "forecast", accuracy_json(c.checks));
	else
		json_decref(rows);
	json_decref(c.checks);
	return out;
}

/* ---- CSV ---------------------------------------------------------------- */
struct csv {
	FILE *out;
	int failed;
};

static void hhmm_local(int64_t t, char out[6])
{
	struct tz_civil c;

	out[0] = 0;
	if (!t)
		return;
	tz_to_local(t, &c);
	snprintf(out, 6, "%02d:%02d", c.hour, c.min);
}

static int csv_row(const struct store_field_entry *x, void *ud)
{
	struct csv *c = ud;
	char date[11], a[6], l[6], lat[24] = "", lon[24] = "";

	if (x->deleted)
		return 0;
	tz_format_date(x->day, date);
	hhmm_local(x->arrive_t, a);
	hhmm_local(x->leave_t, l);
	if (x->has_coords && !x->place_id) {
		snprintf(lat, sizeof lat, "%.6f", x->lat);
		snprintf(lon, sizeof lon, "%.6f", x->lon);
	}
	/* keys are [A-Za-z0-9_-] (the importer's rule): no quoting needed */
	fprintf(c->out, "%s,%s,%lld,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d", date, x->pair,
		(long long)x->shift_id, x->stop_seq, x->place, lat, lon, a, l, x->skipped,
		x->outside, x->people, x->new_people, x->anonymous);
	for (int i = 0; i < STORE_TOPICS; i++)
		fprintf(c->out, ",%d", x->guidance[i]);
	if (fprintf(c->out, ",%d,%d\n", x->accompanied, x->contacted) < 0)
		c->failed = 1;
	return 0;
}

int field_entries_csv(struct store *s, int64_t from_day, int64_t to_day, FILE *out,
		      struct err *e)
{
	struct csv c = { out, 0 };
	int rc;

	fputs("date,pair,shift,stop,place,lat,lon,arrive,leave,skipped,outside,people,new,"
	      "anonymous", out);
	for (int i = 0; i < STORE_TOPICS; i++)
		fprintf(out, ",%s", store_topic_names[i]);
	fputs(",accompanied,contacted\n", out);
	rc = store_field_each(s, from_day, to_day, 0, csv_row, &c, e);
	if (!rc && (c.failed || fflush(out)))
		rc = err_set(e, ERR_WRITE, "writing the CSV failed");
	return rc;
}

static int json_row(const struct store_field_entry *x, void *ud)
{
	if (!x->deleted)
		json_array_append_new(ud, field_entry_json(x));
	return 0;
}

int field_entries_json(struct store *s, FILE *out, struct err *e)
{
	json_t *a = json_array();
	int rc = store_field_each(s, INT64_MIN / 4, INT64_MAX / 4, 0, json_row, a, e);

	if (!rc && (json_dumpf(a, out, JSON_INDENT(1)) || fputc('\n', out) == EOF || fflush(out)))
		rc = err_set(e, ERR_WRITE, "writing the JSON failed");
	json_decref(a);
	return rc;
}
