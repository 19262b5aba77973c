/*
 * shifts.c - occurrences of published shifts in a date range as JSON, for
 * the lead's week grid, a worker's page and a partner's page. The days
 * come from the shift's rhythm (store_shift_next), as in the feeds.
 */
#include "web/web_int.h"
#include "calendars/holidays.h"
#include "calendars/reason.h"
#include "store/field.h"
#include "store/guests.h"
#include "store/plans.h"
#include "util/buf.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

struct guest_list {
	struct store_guest_join *v;
	int n;
};

struct occ_ctx {
	struct guest_list guests;	/* of the shift being listed */
	struct store *s;
	enum store_feed_kind kind;
	int64_t subject, from, to;
	int names;
	json_t *out;
};


static json_t *hhmm(int minutes)
{
	char t[6];

	tz_format_hhmm(minutes, t);
	return json_string(t);
}

static int venue_shown(const struct occ_ctx *c, const struct store_stop *st)
{
	if (c->kind == STORE_FEED_PARTNER)
		return st->partner_id == c->subject;
	if (c->kind == STORE_FEED_PLACE)
		return st->place_id == c->subject;
	return 1;
}

static json_t *stops_json(const struct occ_ctx *c, const struct store_shift_parts *p, int64_t exc_id,
			  int delta)
{
	json_t *a = json_array();

	for (int i = 0; i < p->nstops; i++) {
		const struct store_stop *st = &p->stops[i];

		if (st->exception_id != exc_id || !venue_shown(c, st))
			continue;
		json_array_append_new(a, json_pack(
			"{s:i,s:s,s:s,s:s,s:f,s:f,s:o,s:o,s:f,s:f,s:f,s:s}", "seq", st->seq,
			"place", st->place,
			"name", st->place_name, "address", st->address, "lat", st->lat,
			"lon", st->lon, "arrive", hhmm(st->arrive_min + delta),
			"leave", hhmm(st->leave_min + delta), "expected", st->expected,
			"lower", st->lower, "upper", st->upper, "why", st->why));
	}
	return a;
}

static const struct store_exception *exception_on(const struct store_shift_parts *p, int64_t day)
{
	for (int i = 0; i < p->nexc; i++)
		if (p->exc[i].day == day)
			return &p->exc[i];
	return NULL;
}

/* ---- the lead's "done" layer: what the phones logged on that day -------- */
struct done_ctx {
	int64_t shift_id;
	json_t *occ;
	int stops, unplanned, skipped, people;
};

static int done_entry(const struct store_field_entry *x, void *ud)
{
	struct done_ctx *d = ud;
	json_t *stops = json_object_get(d->occ, "stops"), *st;
	size_t i;

	if (x->deleted || x->shift_id != d->shift_id)
		return 0;
	d->skipped += !!x->skipped[0];
	d->people += x->people;
	if (!x->stop_seq) {
		d->unplanned++;
		return 0;
	}
	d->stops += !x->skipped[0] && (x->arrive_t || x->people);
	json_array_foreach(stops, i, st)
		if (json_integer_value(json_object_get(st, "seq")) == x->stop_seq)
			json_object_set_new(st, "logged", json_pack("{s:i,s:s}", "people", x->people,
								    "skipped", x->skipped));
	return 0;
}

static void done_layer(const struct occ_ctx *c, const struct store_shift *sh, int64_t day,
		       json_t *o)
{
	struct done_ctx d = { sh->id, o, 0, 0, 0, 0 };

	if (store_field_each(c->s, day, day + 1, sh->pair_id, done_entry, &d, NULL))
		return;
	if (d.stops || d.unplanned || d.skipped)
		json_object_set_new(o, "done", json_pack("{s:i,s:i,s:i,s:i}", "stops", d.stops,
							 "unplanned", d.unplanned, "skipped",
							 d.skipped, "people", d.people));
}

/* cause ("", "holiday", "staff", "other"), the holiday's names, and the
 * reason in words: an outside organisation's link without names gets no
 * worker key and none of the team's free text. */
static void reason_json(const struct occ_ctx *c, const struct store_exception *x, json_t *o)
{
	char who[64] = "";
	enum cal_cause cause = x ? cal_reason_cause(x->reason, x->day, who, sizeof who) :
				   CAL_CAUSE_NONE;
	const struct cal_holiday *h = cause == CAL_CAUSE_HOLIDAY ? cal_holiday_on(x->day) : NULL;
	char text[sizeof x->reason + 64] = "";

	if (x && strcmp(x->kind, "replan"))
		cal_reason_text(x->reason, x->day, "en", c->names, text, sizeof text);
	else if (x && c->names)
		snprintf(text, sizeof text, "%s", x->reason);
	json_object_set_new(o, "cause", json_string(cal_cause_name(cause)));
	json_object_set_new(o, "reason", json_string(text));
	if (cause == CAL_CAUSE_STAFF && c->names)
		json_object_set_new(o, "who", json_string(who));
	if (h)
		json_object_set_new(o, "holiday", json_pack("{s:s,s:s,s:s}", "fi", h->fi, "sv",
							    h->sv, "en", h->en));
}

static int add_guest(const struct store_guest_join *j, void *ud)
{
	struct guest_list *l = ud;

	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	l->v[l->n++] = *j;
	return 0;
}

/* Who joins from the network on day (cancelled joins too: the pair sees
 * the cancellation at once). Only on pages that may name people. */
static void guests_json(const struct occ_ctx *c, int64_t day, json_t *o)
{
	json_t *a = json_array();

	for (int i = 0; c->names && i < c->guests.n; i++) {
		const struct store_guest_join *j = &c->guests.v[i];

		if (j->day && j->day != day)
			continue;
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b}", "join",
			(json_int_t)j->id, "label", j->guest.label, "kind", j->guest.kind,
			"partner", j->guest.partner, "meet", j->meet_name, "status", j->status,
			"every_time", !j->day));
	}
	json_object_set_new(o, "guests", a);
}

static void occurrence(struct occ_ctx *c, const struct store_shift *sh,
		       const struct store_shift_parts *p, int64_t day)
{
	const struct store_exception *x = exception_on(p, day);
	int start = sh->start_min, end = sh->end_min, delta = 0;
	const char *status = "confirmed";
	int64_t exc_id = 0;
	json_t *o, *stops;
	char date[11], rhythm[32];

	if (x && (!strcmp(x->kind, "skip") || !strcmp(x->kind, "cancel")))
		status = "cancelled";
	else if (x && x->start_min >= 0) {
		delta = x->start_min - start;
		start = x->start_min;
		end = x->end_min;
		status = "moved";
		if (!strcmp(x->kind, "replan")) {
			exc_id = x->id;
			delta = 0;
			status = "replanned";
		}
	}
	stops = stops_json(c, p, exc_id, delta);
	if (!json_array_size(stops) && (c->kind == STORE_FEED_PARTNER ||
					 c->kind == STORE_FEED_PLACE)) {
		json_decref(stops);
		stops = stops_json(c, p, 0, delta);	/* the planned visit, now off */
		status = "cancelled";
	}
	tz_format_date(day, date);
	o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:f}", "shift", (json_int_t)sh->id,
		      "pair", c->names ? sh->pair : "", "area", sh->area, "date", date,
		      "start", hhmm(start), "end", hhmm(end), "status", status,
		      "stops", stops, "walk_m", sh->walk_m);
	reason_json(c, x, o);
	rhythm_describe(&sh->rhythm, rhythm, sizeof rhythm);
	json_object_set_new(o, "rhythm", json_string(rhythm));
	guests_json(c, day, o);
	if (c->names)
		json_object_set_new(o, "workers", json_pack("[s,s]", sh->worker_a, sh->worker_b));
	if (c->kind == STORE_FEED_TEAM)
		done_layer(c, sh, day, o);
	json_array_append_new(c->out, o);
}

static int one_shift(const struct store_shift *sh, void *ud)
{
	struct occ_ctx *c = ud;
	struct store_shift_parts p;
	if (store_shift_parts_load(c->s, sh->id, &p, NULL))
		return 0;
	c->guests.n = 0;
	if (c->names)
		store_guest_join_each_of_shift(c->s, sh->id, add_guest, &c->guests, NULL);
	for (int64_t day = store_shift_next(sh, c->from); day < c->to;
	     day = store_shift_next(sh, day + 1))
		occurrence(c, sh, &p, day);
	store_shift_parts_release(&p);
	return 0;
}

static int by_date(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d = strcmp(json_string_value(json_object_get(x, "date")),
		       json_string_value(json_object_get(y, "date")));

	return d ? d : strcmp(json_string_value(json_object_get(x, "start")),
			      json_string_value(json_object_get(y, "start")));
}

json_t *web__occurrences(struct store *s, enum store_feed_kind kind, int64_t subject,
			 int64_t from_day, int64_t to_day, int with_names)
{
	struct occ_ctx c = { { NULL, 0 }, s, kind, subject, from_day, to_day, with_names,
			     json_array() };
	json_t *sorted = json_array(), **v;
	size_t n = 0, i;

	store_feed_shift_each_in(s, kind, subject, from_day, to_day, one_shift, &c, NULL);
	v = xcalloc(json_array_size(c.out) + 1, sizeof *v);
	json_array_foreach(c.out, i, v[n]) n++;
	qsort(v, n, sizeof *v, by_date);
	for (i = 0; i < n; i++)
		json_array_append(sorted, v[i]);
	free(v);
	free(c.guests.v);
	json_decref(c.out);
	return sorted;
}
