/*
 * log.c - storing a phone's entry: the link may write only to its own
 * pair's shifts, on a day the shift runs, within FIELD_DAYS_BACK days;
 * times inside the shift or with a reason; one transaction per entry,
 * idempotent on the phone's id and ordered by its revision.
 */
#include "field/field_int.h"
#include "util/err.h"
#include "util/tz.h"

#include <string.h>

#define BAD(name, ...) \
	(snprintf(r->field, sizeof r->field, "%s", name), err_set(e, ERR_PARSE, __VA_ARGS__))

int field_link_shift(struct store *s, const struct field_link *l, int64_t shift_id,
		     struct store_shift *sh, struct err *e)
{
	struct store_pair p;
	int mine;

	if (store_shift_get(s, shift_id, sh, NULL) || store_pair_get(s, sh->pair, &p, NULL))
		return err_set(e, ERR_NOTFOUND, "no shift %lld of this link's pair",
			       (long long)shift_id);
	mine = (l->kind == STORE_FEED_PAIR && l->subject_id == p.id) ||
	       (l->kind == STORE_FEED_WORKER &&
		(l->subject_id == p.worker_a_id || l->subject_id == p.worker_b_id));
	if (!mine)
		return err_set(e, ERR_NOTFOUND, "no shift %lld of this link's pair",
			       (long long)shift_id);
	return 0;
}

/* The occurrence's times on day (a moved or replanned day has its own). */
static void occurrence_times(const struct store_shift *sh, const struct store_shift_parts *p,
			     int64_t day, int *start, int *end, int64_t *exc_id)
{
	*start = sh->start_min;
	*end = sh->end_min;
	*exc_id = 0;
	for (int i = 0; i < p->nexc; i++) {
		if (p->exc[i].day != day || p->exc[i].start_min < 0)
			continue;
		*start = p->exc[i].start_min;
		*end = p->exc[i].end_min;
		if (!strcmp(p->exc[i].kind, "replan"))
			*exc_id = p->exc[i].id;
	}
}

static int check_day(const struct store_shift *sh, int64_t day, int64_t now,
		     struct field_result *r, struct err *e)
{
	struct tz_civil c;
	int64_t today;

	tz_to_local(now, &c);
	today = tz_days_from_civil(c.year, c.month, c.day);
	if (!store_shift_runs_on(sh, day))
		return BAD("date", "shift %lld does not run on that day", (long long)sh->id);
	if (day > today)
		return BAD("date", "the day has not come yet");
	if (day < today - FIELD_DAYS_BACK)
		return BAD("date", "entries are taken for the last %d days", FIELD_DAYS_BACK);
	return 0;
}

/* A planned stop gives the place; an unplanned one names a known place or
 * gives the position. */
static int resolve_place(struct store *s, const struct store_shift_parts *p, int64_t exc_id,
			 struct field_raw *x, struct field_result *r, struct err *e)
{
	const struct store_stop *st = NULL;
	int64_t id = 0;

	for (int i = 0; x->e.stop_seq && i < p->nstops; i++)
		if (p->stops[i].seq == x->e.stop_seq && p->stops[i].exception_id == exc_id)
			st = &p->stops[i];
	if (x->e.stop_seq && !st)
		return BAD("stop", "the shift has no stop %d that day", x->e.stop_seq);
	if (x->place[0] && store_id_of(s, STORE_PLACE, x->place, &id))
		return BAD("place", "no place with key '%.64s'", x->place);
	if (st && id && id != st->place_id)
		return BAD("place", "stop %d is at '%.64s', not '%.64s'", st->seq, st->place,
			   x->place);
	x->e.place_id = st ? st->place_id : id;
	if (!x->e.place_id && !x->e.has_coords && !x->e.deleted)
		return BAD("place", "give a known place or the position (lat, lon)");
	return 0;
}

static int check_times(const struct field_raw *x, int start, int end, int64_t now,
		       struct field_result *r, struct err *e)
{
	const char *name = NULL;

	if (x->arrive_min >= 0 && x->leave_min >= 0 && x->leave_min < x->arrive_min)
		return BAD("leave", "leave is before arrive");
	if (x->arrive_min >= 0 && (x->arrive_min < start || x->arrive_min > end))
		name = "arrive";
	else if (x->leave_min >= 0 && (x->leave_min < start || x->leave_min > end))
		name = "leave";
	if (name && !x->e.outside[0])
		return BAD(name, "%s is outside the shift (%02d:%02d-%02d:%02d): give the "
			   "reason (outside)", name, start / 60, start % 60, end / 60, end % 60);
	if ((x->e.arrive_t && x->e.arrive_t > now + 600) ||
	    (x->e.leave_t && x->e.leave_t > now + 600))
		return BAD(x->e.arrive_t > now + 600 ? "arrive" : "leave",
			   "the time has not come yet");
	return 0;
}

static int check_skipped(const struct field_raw *x, struct field_result *r, struct err *e)
{
	int g = 0;

	for (int i = 0; i < STORE_TOPICS; i++)
		g += x->e.guidance[i];
	if (x->e.skipped[0] && (x->arrive_min >= 0 || x->leave_min >= 0 || x->e.people || g ||
				x->e.accompanied || x->e.contacted))
		return BAD("skipped", "a skipped stop has no times and no tally");
	return 0;
}

/* Everything that needs the shift: place, instants, rules. */
static int complete(struct store *s, const struct store_shift *sh, struct field_raw *x,
		    int64_t now, struct field_result *r, struct err *e)
{
	struct store_shift_parts p;
	int start, end, rc;
	int64_t exc_id;

	if ((rc = check_day(sh, x->e.day, now, r, e)))
		return rc;
	if (store_shift_parts_load(s, sh->id, &p, e))
		return ERR_DB;
	occurrence_times(sh, &p, x->e.day, &start, &end, &exc_id);
	rc = resolve_place(s, &p, exc_id, x, r, e);
	store_shift_parts_release(&p);
	if (rc || x->e.deleted)
		return rc;
	x->e.arrive_t = x->arrive_min >= 0 ? tz_day_minute(x->e.day, x->arrive_min) : 0;
	x->e.leave_t = x->leave_min >= 0 ? tz_day_minute(x->e.day, x->leave_min) : 0;
	if ((rc = check_times(x, start, end, now, r, e)) || (rc = check_skipped(x, r, e)))
		return rc;
	return field__counts_check(&x->e, r, e);
}

static int save(struct store *s, struct field_raw *x, struct field_result *r, struct err *e)
{
	struct store_field_entry old;
	int rc = store_field_get(s, x->e.pair_id, x->e.client_id, &old, e);

	if (rc && rc != ERR_NOTFOUND)
		return rc;
	if (!rc && old.rev >= x->e.rev) {	/* a resend, or an edit overtaken */
		r->status = old.rev == x->e.rev ? FIELD_UNCHANGED : FIELD_OLDER;
		r->entry = old;
		return 0;
	}
	r->status = rc ? FIELD_STORED : FIELD_UPDATED;
	if (!rc && old.shift_id != x->e.shift_id)
		return BAD("shift", "entry '%s' belongs to shift %lld", x->e.client_id,
			   (long long)old.shift_id);
	rc = store_field_put(s, &x->e, e);
	if (!rc)
		rc = store_content_bump(s, e);
	if (!rc)
		rc = store_field_get(s, x->e.pair_id, x->e.client_id, &r->entry, e);
	return rc;
}

int field_entry_put(struct store *s, const struct field_link *l, const json_t *j,
		    int64_t now, struct field_result *r, struct err *e)
{
	struct field_raw x;
	struct store_shift sh;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = field__parse(j, &x, r, e)))
		return rc;
	if (field_link_shift(s, l, x.e.shift_id, &sh, e)) {
		snprintf(r->field, sizeof r->field, "shift");
		return ERR_NOTFOUND;
	}
	x.e.pair_id = sh.pair_id;
	x.e.feed_id = l->feed_id;
	x.e.created_t = x.e.updated_t = now;
	if ((rc = store_begin(s, e)))
		return rc;
	rc = complete(s, &sh, &x, now, r, e);
	if (!rc)
		rc = save(s, &x, r, e);
	if (!rc)
		rc = store_commit(s, e);
	if (rc)
		store_rollback(s);
	return rc;
}

struct day_ctx {
	json_t *out;
};

static int day_row(const struct store_field_entry *x, void *ud)
{
	struct day_ctx *c = ud;

	json_array_append_new(c->out, field_entry_json(x));
	return 0;
}

json_t *field_day_json(struct store *s, const struct field_link *l, int64_t day,
		       struct err *e)
{
	struct day_ctx c = { json_array() };
	struct store_pair p;
	int64_t pair_id = l->kind == STORE_FEED_PAIR ? l->subject_id : -1;

	/* A worker's link reads the entries of every pair the worker is in. */
	if (l->kind == STORE_FEED_WORKER)
		pair_id = 0;
	if (store_field_each(s, day, day + 1, pair_id < 0 ? -1 : pair_id, day_row, &c, e)) {
		json_decref(c.out);
		return NULL;
	}
	if (l->kind == STORE_FEED_WORKER) {	/* keep the worker's own pairs */
		size_t i = json_array_size(c.out);

		while (i-- > 0) {
			const char *key = json_string_value(json_object_get(
				json_array_get(c.out, i), "pair"));

			if (store_pair_get(s, key, &p, NULL) ||
			    (p.worker_a_id != l->subject_id && p.worker_b_id != l->subject_id))
				json_array_remove(c.out, i);
		}
	}
	return c.out;
}
