#include "planner/rounds/replan.h"
#include "planner/rounds/rounds.h"
#include "planner/rounds/rounds_int.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct find {
	int64_t day;
	int minute;
	struct store_shift sh;
	int found;
};

/* The pair's published shift that runs at day/minute (moves included). */
static int on_shift(const struct store_shift *sh, void *ud)
{
	struct find *f = ud;

	if (!store_shift_runs_on(sh, f->day) || f->minute >= sh->end_min ||
	    f->minute < sh->start_min - 60)
		return 0;
	f->sh = *sh;
	f->found = 1;
	return 1;
}

static int index_of(const struct rt_team *t, int64_t place_id)
{
	for (int i = 0; i < t->nplace; i++)
		if (t->place[i].id == place_id)
			return i;
	return -1;
}

/* Where the pair is at `minute`: the last stop begun by then, -1 if none. */
static int origin(const struct rt_team *t, const struct store_shift_parts *p, int64_t exc,
		  int minute, int *done)
{
	int at = -1;

	*done = 0;
	for (int i = 0; i < p->nstops; i++) {
		if (p->stops[i].exception_id != exc || p->stops[i].arrive_min > minute)
			continue;
		at = index_of(t, p->stops[i].place_id);
		(*done)++;
	}
	return at;
}

static int save(struct store *s, const struct rt_team *t, const struct find *f,
		const struct store_shift_parts *p, int64_t exc_src, int done,
		const struct rt_slot *x, const char *why_text, struct err *e)
{
	struct store_exception ex = { .shift_id = f->sh.id, .day = f->day,
				      .start_min = f->sh.start_min, .end_min = f->sh.end_min };
	int rc, seq = 0;

	snprintf(ex.kind, sizeof ex.kind, "replan");
	snprintf(ex.reason, sizeof ex.reason, "%s", why_text);
	rc = store_exception_put(s, &ex, (int64_t)time(NULL), e);
	if (!rc)
		rc = store_exception_stops_clear(s, ex.id, e);
	for (int i = 0, k = 0; !rc && i < p->nstops && k < done; i++) {
		struct store_stop st = p->stops[i];

		if (st.exception_id != exc_src)
			continue;
		k++;	/* stops already made stay as they were */
		st.exception_id = ex.id;
		st.seq = ++seq;
		rc = store_stop_insert(s, &st, e);
	}
	for (int k = 0; !rc && k < x->n; k++) {
		struct store_stop st = {
			.shift_id = f->sh.id, .exception_id = ex.id, .seq = ++seq,
			.place_id = t->place[x->place[k]].id, .arrive_min = x->arrive[k],
			.leave_min = x->leave[k], .expected = x->exp[k], .lower = x->lo[k],
			.upper = x->hi[k],
		};

		snprintf(st.why, sizeof st.why, "%s", rt__why_name(x->why[k]));
		rc = store_stop_insert(s, &st, e);
	}
	return rc;
}

/* A partner commitment among the stops still ahead: it stays in the day. */
static int commitment_ahead(const struct rt_team *t, const struct store_shift_parts *p,
			    int64_t exc, int weekday, int minute)
{
	for (int i = 0; i < p->nstops; i++) {
		const struct store_stop *st = &p->stops[i];

		if (st->exception_id != exc || st->arrive_min < minute ||
		    strcmp(st->why, "commitment"))
			continue;
		for (int c = 0; c < t->ncommit; c++)
			if (t->commit[c].place >= 0 && t->place[t->commit[c].place].id == st->place_id &&
			    t->commit[c].weekday == weekday && t->commit[c].start == st->arrive_min)
				return c;
	}
	return -1;
}

static int existing_replan(const struct store_shift_parts *p, int64_t day)
{
	for (int i = 0; i < p->nexc; i++)
		if (p->exc[i].day == day && !strcmp(p->exc[i].kind, "replan"))
			return (int)p->exc[i].id;
	return 0;
}

int plan_replan(struct store *s, const char *pair, int64_t at, const char *place,
		const struct plan_travel_src *travel, struct plan_replan_result *res,
		struct err *e)
{
	struct plan_rounds_opts o;
	struct rt_prep prep;
	struct tz_civil c;
	struct find f = { 0 };
	struct rt_team t = { 0 };
	struct store_shift_parts parts = { 0 };
	struct store_pair pr;
	struct store_place pl;
	struct rt_slot x = { 0 };
	int64_t exc;
	int rc, done = 0;
	char why[120];

	tz_to_local(at, &c);
	f.day = tz_days_from_civil(c.year, c.month, c.day);
	f.minute = c.hour * 60 + c.min;
	if (store_pair_get(s, pair, &pr, NULL))
		return err_set(e, ERR_NOTFOUND, "no pair with key '%s'", pair);
	if (store_place_get(s, place, &pl, NULL))
		return err_set(e, ERR_NOTFOUND, "no place with key '%s'", place);
	rc = store_feed_shift_each(s, STORE_FEED_PAIR, pr.id, on_shift, &f, e);
	if (rc < 0)
		return rc;
	if (!f.found)
		return err_set(e, ERR_NOTFOUND, "pair %s has no published shift at that time",
			       pair);
	plan_rounds_opts_init(&o);
	o.from_day = f.day;
	o.travel = travel;
	memset(&prep, 0, sizeof prep);
	rc = store_shift_parts_load(s, f.sh.id, &parts, e);
	if (!rc)
		rc = rt__prepare(s, &o, &t, &prep, e);
	if (rc)
		goto out;
	for (int i = 0; i < parts.nexc; i++)
		if (parts.exc[i].day == f.day && (!strcmp(parts.exc[i].kind, "skip") ||
						  !strcmp(parts.exc[i].kind, "cancel"))) {
			rc = err_set(e, ERR_CONFLICT, "the pair's shift is not worked that day "
				     "(%s)", parts.exc[i].reason[0] ? parts.exc[i].reason :
				     parts.exc[i].kind);
			goto out;
		}
	exc = existing_replan(&parts, f.day);
	x.pair = -1;
	for (int i = 0; i < t.npair; i++)
		if (t.pair[i].id == pr.id)
			x.pair = i;
	x.weekday = f.sh.weekday;
	x.start = f.minute > f.sh.start_min ? f.minute : f.sh.start_min;
	x.end = f.sh.end_min;
	x.commit = commitment_ahead(&t, &parts, exc, f.sh.weekday, f.minute);
	x.origin = origin(&t, &parts, exc, f.minute, &done);
	x.must = index_of(&t, pl.id);
	/* Urgent: within the hour if at all possible, else the next hour... */
	for (x.must_by = x.start + 60, x.dead = 1, rc = 0; !rc && x.dead; x.must_by += 60) {
		x.dead = 0;
		rc = rt__value(&t, &o, &x, e);
		if (x.must_by > x.end)
			break;
	}
	if (!rc && (x.dead || !x.n))
		rc = err_set(e, ERR_CONFLICT, "%s (a %d-minute stay) does not fit the rest of "
			     "the shift (ends %02d:%02d%s)", place,
			     x.must >= 0 ? t.place[x.must].stay : 0,
			     f.sh.end_min / 60, f.sh.end_min % 60,
			     x.commit >= 0 ? ", the partner commitment kept" : "");
	snprintf(why, sizeof why, "urgent: %.100s", pl.name);
	if (!rc)
		rc = store_begin(s, e);
	if (!rc) {
		rc = save(s, &t, &f, &parts, exc, done, &x, why, e);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, e);
	}
	if (!rc) {
		res->shift_id = f.sh.id;
		res->day = f.day;
		res->nstops = done + x.n;
		for (int k = 0; k < x.n; k++)
			if (x.why[k] == 'u')
				res->urgent_arrive = x.arrive[k];
	}
out:
	store_shift_parts_release(&parts);
	rt__unprepare(&t, &prep);
	return rc;
}
