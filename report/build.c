/*
 * build.c - the report from the store: checks the options, gathers this
 * and the previous period, makes the tables and suppresses small counts.
 */
#include "report/gather.h"
#include "report/report_int.h"
#include "store/plans.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct team {
	struct store_commitment *cm;
	int ncm, capcm;
	struct store_partner *pa;
	int npa, cappa;
};

static int on_commitment(const struct store_commitment *c, void *ud)
{
	struct team *t = ud;

	if (t->ncm == t->capcm) {
		t->capcm = t->capcm ? 2 * t->capcm : 16;
		t->cm = xrealloc(t->cm, (size_t)t->capcm * sizeof *t->cm);
	}
	t->cm[t->ncm++] = *c;
	return 0;
}

static int on_partner(const struct store_partner *p, void *ud)
{
	struct team *t = ud;

	if (t->npa == t->cappa) {
		t->cappa = t->cappa ? 2 * t->cappa : 16;
		t->pa = xrealloc(t->pa, (size_t)t->cappa * sizeof *t->pa);
	}
	t->pa[t->npa++] = *p;
	return 0;
}

/* ---- options -------------------------------------------------------- */
static int check_period(const struct report_opts *o, struct err *e)
{
	char a[11], b[11];
	int y, m, d;

	tz_format_date(o->from_day, a);
	tz_format_date(o->to_day, b);
	if (o->to_day < o->from_day)
		return err_set(e, ERR_USAGE, "the period is empty: --to %s is before --from %s",
			       b, a);
	tz_civil_from_days(o->from_day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	if (o->to_day >= tz_days_from_civil(y + REPORT_MAX_YEARS, m, d))
		return err_set(e, ERR_USAGE, "the period %s..%s is over %d years: "
			       "make one report per year", a, b, REPORT_MAX_YEARS);
	return 0;
}

static int setting_int(struct store *s, const char *key, int dflt, int *out, struct err *e)
{
	char v[32], *end;
	long x;
	int rc = store_setting_get(s, key, "", v, sizeof v, e);

	if (rc)
		return rc;
	if (!v[0]) {
		*out = dflt;
		return 0;
	}
	x = strtol(v, &end, 10);
	if (*end || x < 0 || x > 1000)
		return err_set(e, ERR_USAGE, "setting %s: '%s' is not a number", key, v);
	*out = (int)x;
	return 0;
}

static int check_lang(const char *l, struct err *e)
{
	if (strcmp(l, "fi") && strcmp(l, "sv") && strcmp(l, "en"))
		return err_set(e, ERR_USAGE, "--lang: '%s' is not fi, sv or en", l);
	return 0;
}

static int setup(struct store *s, const struct report_opts *o, struct report *r,
		 int64_t *area_id, int64_t *partner_id, struct err *e)
{
	struct store_area a;
	struct store_partner p;
	int rc = check_period(o, e);

	if (!rc)
		rc = setting_int(s, "report_min_cell", REPORT_MIN_CELL, &r->min_cell, e);
	if (!rc && o->min_cell)
		r->min_cell = o->min_cell;
	if (!rc && r->min_cell < REPORT_MIN_CELL_FLOOR)
		rc = err_set(e, ERR_USAGE, "the suppression threshold %d is below %d: small "
			     "counts could point to a person", r->min_cell, REPORT_MIN_CELL_FLOOR);
	if (!rc && o->lang && o->lang[0])
		snprintf(r->lang, sizeof r->lang, "%s", o->lang);
	else if (!rc)
		rc = store_setting_get(s, "language", "fi", r->lang, sizeof r->lang, e);
	if (!rc)
		rc = check_lang(r->lang, e);
	if (!rc && o->area && o->area[0]) {
		rc = store_area_get(s, o->area, &a, e);
		if (rc == ERR_NOTFOUND)
			rc = err_set(e, rc, "unknown area '%s' (see 'outreach export areas')", o->area);
		if (!rc) {
			*area_id = a.id;
			snprintf(r->area, sizeof r->area, "%s", a.key);
			snprintf(r->area_name, sizeof r->area_name, "%s", a.name[0] ? a.name : a.key);
		}
	}
	if (!rc && o->partner && o->partner[0]) {
		rc = store_partner_get(s, o->partner, &p, e);
		if (rc == ERR_NOTFOUND)
			rc = err_set(e, rc, "unknown partner '%s' (see 'outreach export partners')",
				     o->partner);
		if (!rc) {
			*partner_id = p.id;
			snprintf(r->partner, sizeof r->partner, "%s", p.key);
			snprintf(r->partner_name, sizeof r->partner_name, "%s", p.name);
		}
	}
	if (!rc && o->team && o->team[0])
		snprintf(r->team, sizeof r->team, "%s", o->team);
	else if (!rc)
		rc = store_setting_get(s, "team_name", report__t(r->lang, "team_default"),
				       r->team, sizeof r->team, e);
	return rc;
}

/* The previous period of the same length: the same number of calendar
 * months before when the period is whole months, else the same number of
 * days before. */
static void previous(int64_t from, int64_t to, int64_t *pfrom, int64_t *pto)
{
	int y, m, d, y2, m2, d2, months, k;

	tz_civil_from_days(from, &y, &m, &d);
	tz_civil_from_days(to + 1, &y2, &m2, &d2);
	*pto = from - 1;
	if (d == 1 && d2 == 1) {
		months = (y2 * 12 + m2) - (y * 12 + m);
		k = y * 12 + (m - 1) - months;
		*pfrom = tz_days_from_civil(k / 12, k % 12 + 1, 1);
	} else {
		*pfrom = from - (to - from + 1);
	}
}

/* ---- tables ----------------------------------------------------------- */
static void put(struct rpt_row *row, int c, double cur, double prev)
{
	row->cur[c].v = cur;
	row->prev[c].v = prev;
}

static void totals(struct report *r, const struct rpt_period *p, const struct rpt_period *q,
		   int np)
{
	struct rpt_table *t = &r->t[T_TOTALS];
	struct rpt_place_acc a = { 0 }, b = { 0 };
	struct rpt_row *row;
	double ga = 0, gb = 0;

	report__table_init(t, "totals");
	report__table_col(t, "visits", RK_COUNT, 0, 0);
	report__table_col(t, "worker_hours", RK_HOURS, 0, 0);
	report__table_col(t, "people", RK_PEOPLE, 0, 0);
	report__table_col(t, "new", RK_PEOPLE, 0, 0);
	report__table_col(t, "anonymous", RK_PEOPLE, 0, 0);
	report__table_col(t, "share_anonymous", RK_SHARE, 4, 2);
	report__table_col(t, "per_hour", RK_RATE, 2, 1);
	report__table_col(t, "guidance", RK_PEOPLE, 0, 0);
	report__table_col(t, "accompanied", RK_PEOPLE, 0, 0);
	report__table_col(t, "contacted", RK_PEOPLE, 0, 0);
	for (int i = 0; i <= np; i++) {
		a.visits += p->place[i].visits, b.visits += q->place[i].visits;
		a.hours += p->place[i].hours, b.hours += q->place[i].hours;
		a.people += p->place[i].people, b.people += q->place[i].people;
		a.new_people += p->place[i].new_people, b.new_people += q->place[i].new_people;
		a.anonymous += p->place[i].anonymous, b.anonymous += q->place[i].anonymous;
	}
	for (int k = 0; k < STORE_TOPICS; k++)
		ga += p->topic[k], gb += q->topic[k];
	row = report__table_row(t, "all", report__t(r->lang, "all"));
	put(row, 0, a.visits, b.visits);
	put(row, 1, a.hours * RPT_WORKERS_PER_VISIT, b.hours * RPT_WORKERS_PER_VISIT);
	put(row, 2, a.people, b.people);
	put(row, 3, a.new_people, b.new_people);
	put(row, 4, a.anonymous, b.anonymous);
	put(row, 7, ga, gb);
	put(row, 8, p->accompanied, q->accompanied);
	put(row, 9, p->contacted, q->contacted);
	report__table_finish(t, 0, NULL);
}

static void guidance(struct report *r, const struct rpt_period *p, const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_GUIDANCE];

	report__table_init(t, "guidance");
	report__table_col(t, "count", RK_PEOPLE, 0, 0);
	for (int k = 0; k < STORE_TOPICS; k++) {
		struct rpt_row *row = report__table_row(t, store_topic_names[k],
						       report__t(r->lang, store_topic_names[k]));

		put(row, 0, p->topic[k], q->topic[k]);
	}
	report__table_finish(t, 1, report__t(r->lang, "total"));
}

static void place_cols(struct rpt_table *t)
{
	report__table_col(t, "visits", RK_COUNT, 0, 0);
	report__table_col(t, "worker_hours", RK_HOURS, 0, 0);
	report__table_col(t, "people", RK_PEOPLE, 0, 0);
	report__table_col(t, "new", RK_PEOPLE, 0, 0);
	report__table_col(t, "anonymous", RK_PEOPLE, 0, 0);
	report__table_col(t, "per_hour", RK_RATE, 2, 1);
}

static void add_acc(struct rpt_row *row, const struct rpt_place_acc *a,
		    const struct rpt_place_acc *b)
{
	put(row, 0, row->cur[0].v + a->visits, row->prev[0].v + b->visits);
	put(row, 1, row->cur[1].v + a->hours * RPT_WORKERS_PER_VISIT,
	    row->prev[1].v + b->hours * RPT_WORKERS_PER_VISIT);
	put(row, 2, row->cur[2].v + a->people, row->prev[2].v + b->people);
	put(row, 3, row->cur[3].v + a->new_people, row->prev[3].v + b->new_people);
	put(row, 4, row->cur[4].v + a->anonymous, row->prev[4].v + b->anonymous);
}

static int active(const struct rpt_place_acc *a)
{
	return a->visits > 0 || a->people > 0 || a->guidance > 0 || a->accompanied > 0 ||
	       a->contacted > 0;
}

static const char *const KINDS[] = {
	"street", "park", "station", "shopping_centre", "library", "church", "day_centre",
	"food_distribution", "meeting_point", "shelter", "other",
};

static void kinds(struct report *r, const struct rpt_places *ps, const struct rpt_period *p,
		  const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_KINDS];

	report__table_init(t, "kinds");
	place_cols(t);
	for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
		struct rpt_row *row = NULL;

		for (int i = 0; i < ps->n; i++) {
			if (!ps->in[i] || strcmp(ps->v[i].kind, KINDS[k]) ||
			    (!active(&p->place[i]) && !active(&q->place[i])))
				continue;
			if (!row)
				row = report__table_row(t, KINDS[k], report__t(r->lang, KINDS[k]));
			add_acc(row, &p->place[i], &q->place[i]);
		}
	}
	if (active(&p->place[ps->n]) || active(&q->place[ps->n]))
		add_acc(report__table_row(t, "position", report__t(r->lang, "position_only")),
			&p->place[ps->n], &q->place[ps->n]);
	report__table_finish(t, 1, report__t(r->lang, "total"));
}

/* A place in the ranking (qsort has no user pointer, and several reports
 * may be built at once in the web server: the keys travel with it). */
struct ranked {
	int i;
	double people, visits;
};

static int by_people(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->people != y->people)
		return x->people < y->people ? 1 : -1;
	if (x->visits != y->visits)
		return x->visits < y->visits ? 1 : -1;
	return x->i - y->i;
}

static void places(struct report *r, const struct rpt_places *ps, const struct rpt_period *p,
		   const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_PLACES];
	struct ranked *ix = xmalloc(((size_t)ps->n + 1) * sizeof *ix);
	int n = 0;
	struct rpt_row *rest = NULL;

	report__table_init(t, "places");
	place_cols(t);
	for (int i = 0; i < ps->n; i++)
		if (ps->in[i] && (active(&p->place[i]) || active(&q->place[i])))
			ix[n++] = (struct ranked){ i, p->place[i].people, p->place[i].visits };
	qsort(ix, (size_t)n, sizeof *ix, by_people);
	for (int k = 0; k < n; k++) {
		int i = ix[k].i;

		if (k < RPT_TOP_PLACES) {
			add_acc(report__table_row(t, ps->v[i].key, ps->v[i].name), &p->place[i],
				&q->place[i]);
			continue;
		}
		if (!rest)
			rest = report__table_row(t, "other", report__t(r->lang, "other_places"));
		add_acc(rest, &p->place[i], &q->place[i]);
	}
	if (active(&p->place[ps->n]) || active(&q->place[ps->n])) {
		if (!rest)
			rest = report__table_row(t, "other", report__t(r->lang, "other_places"));
		add_acc(rest, &p->place[ps->n], &q->place[ps->n]);
	}
	free(ix);
	report__table_finish(t, 1, report__t(r->lang, "total"));
}

static void partners(struct report *r, const struct rpt_places *ps, const struct team *tm,
		     const struct rpt_period *p, const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_PARTNERS];

	report__table_init(t, "partners");
	report__table_col(t, "visits", RK_COUNT, 0, 0);
	report__table_col(t, "worker_hours", RK_HOURS, 0, 0);
	report__table_col(t, "people", RK_PEOPLE, 0, 0);
	report__table_col(t, "new", RK_PEOPLE, 0, 0);
	report__table_col(t, "guidance", RK_PEOPLE, 0, 0);
	report__table_col(t, "accompanied", RK_PEOPLE, 0, 0);
	report__table_col(t, "contacted", RK_PEOPLE, 0, 0);
	for (int k = 0; k < tm->npa; k++) {
		struct rpt_row *row = NULL;

		for (int i = 0; i < ps->n; i++) {
			const struct rpt_place_acc *a = &p->place[i], *b = &q->place[i];

			if (!ps->in[i] || ps->v[i].partner_id != tm->pa[k].id)
				continue;
			if (!row)
				row = report__table_row(t, tm->pa[k].key, tm->pa[k].name);
			put(row, 0, row->cur[0].v + a->visits, row->prev[0].v + b->visits);
			put(row, 1, row->cur[1].v + a->hours * RPT_WORKERS_PER_VISIT,
			    row->prev[1].v + b->hours * RPT_WORKERS_PER_VISIT);
			put(row, 2, row->cur[2].v + a->people, row->prev[2].v + b->people);
			put(row, 3, row->cur[3].v + a->new_people, row->prev[3].v + b->new_people);
			put(row, 4, row->cur[4].v + a->guidance, row->prev[4].v + b->guidance);
			put(row, 5, row->cur[5].v + a->accompanied, row->prev[5].v + b->accompanied);
			put(row, 6, row->cur[6].v + a->contacted, row->prev[6].v + b->contacted);
		}
	}
	report__table_finish(t, 1, report__t(r->lang, "all_partners"));
}

static void months(struct report *r, const struct rpt_period *p, const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_MONTHS];

	report__table_init(t, "months");
	report__table_col(t, "visits", RK_COUNT, 0, 0);
	report__table_col(t, "worker_hours", RK_HOURS, 0, 0);
	report__table_col(t, "planned_hours", RK_HOURS, 0, 0);
	report__table_col(t, "people", RK_PEOPLE, 0, 0);
	report__table_col(t, "per_hour", RK_RATE, 3, 1);
	for (int m = 0; m < p->nmonths; m++) {
		int k = p->month0 + m;
		char key[16];
		const struct rpt_month_acc *a = &p->month[m];
		const struct rpt_month_acc *b = m < q->nmonths ? &q->month[m] : NULL;
		struct rpt_row *row;

		snprintf(key, sizeof key, "%04d-%02d", k / 12, k % 12 + 1);
		row = report__table_row(t, key, key);
		report__month_label(r->lang, k / 12, k % 12 + 1, row->label, sizeof row->label);
		put(row, 0, a->visits, b ? b->visits : 0);
		put(row, 1, a->hours * RPT_WORKERS_PER_VISIT,
		    b ? b->hours * RPT_WORKERS_PER_VISIT : 0);
		put(row, 2, a->planned * RPT_WORKERS_PER_VISIT,
		    b ? b->planned * RPT_WORKERS_PER_VISIT : 0);
		put(row, 3, a->people, b ? b->people : 0);
		row->cur[2].na = !a->has_plan;
		row->prev[2].na = !b || !b->has_plan;
		for (int c = 0; !b && c < t->ncols; c++)
			row->prev[c].na = 1;
	}
	report__table_finish(t, 1, report__t(r->lang, "total"));
	r->has_plans = p->has_plans;
}

static void commitments(struct report *r, const struct rpt_places *ps, const struct team *tm,
			const struct rpt_period *p, const struct rpt_period *q)
{
	struct rpt_table *t = &r->t[T_COMMIT];

	report__table_init(t, "commitments");
	report__table_col(t, "occurrences", RK_COUNT, 0, 0);
	report__table_col(t, "kept", RK_COUNT, 0, 0);
	report__table_col(t, "missed", RK_COUNT, 0, 0);
	report__table_col(t, "on_holiday", RK_COUNT, 0, 0);
	for (int i = 0; i < tm->ncm; i++) {
		const struct store_commitment *c = &tm->cm[i];
		const struct rpt_commit_acc *a = &p->commit[i], *b = &q->commit[i];
		int k = report__place_index(ps, c->place_id);
		char key[160], label[STORE_NAME_MAX + 32], s0[6], s1[6];
		struct rpt_row *row;

		if (k < 0 || !ps->in[k] || (!a->occurrences && !b->occurrences))
			continue;
		tz_format_hhmm(c->start_min, s0);
		tz_format_hhmm(c->end_min, s1);
		snprintf(key, sizeof key, "%s/%s/%s/%s", c->partner, c->place,
			 tz_weekday_name(c->weekday), s0);
		snprintf(label, sizeof label, "%.200s, %s %s-%s", ps->v[k].name,
			 report__t(r->lang, tz_weekday_name(c->weekday)), s0, s1);
		row = report__table_row(t, key, label);
		put(row, 0, a->occurrences, b->occurrences);
		put(row, 1, a->kept, b->kept);
		put(row, 2, a->missed, b->missed);
		put(row, 3, a->holiday, b->holiday);
	}
	report__table_finish(t, 1, report__t(r->lang, "total"));
}

static void cancellations(struct report *r, const struct rpt_period *p,
			  const struct rpt_period *q)
{
	static const char *const causes[] = { "holiday", "staff", "other_cause" };
	struct rpt_table *t = &r->t[T_CANCEL];

	report__table_init(t, "cancelled");
	report__table_col(t, "shifts", RK_COUNT, 0, 0);
	report__table_col(t, "shift_hours", RK_HOURS, 0, 0);
	for (int k = 0; k < 3; k++) {
		struct rpt_row *row = report__table_row(t, k == 2 ? "other" : causes[k],
						       report__t(r->lang, causes[k]));

		put(row, 0, p->cancel_shifts[k], q->cancel_shifts[k]);
		put(row, 1, p->cancel_hours[k] * RPT_WORKERS_PER_VISIT,
		    q->cancel_hours[k] * RPT_WORKERS_PER_VISIT);
	}
	report__table_finish(t, 1, report__t(r->lang, "total"));
}

static void grid(struct report *r, const struct rpt_period *p)
{
	struct rpt_val *cells[7 * 24];

	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++) {
			r->grid.hours[d][h] = p->ghours[d][h];
			r->grid.people[d][h].v = p->gpeople[d][h];
			cells[d * 24 + h] = &r->grid.people[d][h];
		}
	report__suppress_group(cells, 7 * 24, &r->t[T_TOTALS].rows[0].cur[2], r->min_cell);
}

static void tables(struct report *r, const struct rpt_places *ps, const struct team *tm,
		   const struct rpt_period *p, const struct rpt_period *q)
{
	totals(r, p, q, ps->n);
	guidance(r, p, q);
	kinds(r, ps, p, q);
	places(r, ps, p, q);
	partners(r, ps, tm, p, q);
	months(r, p, q);
	commitments(r, ps, tm, p, q);
	cancellations(r, p, q);
	for (int i = 0; i < RPT_NTABLES; i++)
		report__suppress_table(&r->t[i], r->min_cell);
	grid(r, p);
}

/* ---- the whole ---------------------------------------------------------- */
static int empty(const struct report *r, const struct rpt_period *p, struct err *e)
{
	char a[11], b[11];

	if (p->records)
		return 0;
	tz_format_date(r->from, a);
	tz_format_date(r->to, b);
	return err_set(e, ERR_NOTFOUND, "nothing was recorded from %s to %s%s%s (no visits, "
		       "encounters or field log entries): choose another period", a, b,
		       r->area[0] || r->partner[0] ? " at the places chosen" : "", "");
}

static int assemble(struct store *s, struct report *r, int64_t area_id, int64_t partner_id,
		    struct err *e)
{
	struct team tm = { 0 };
	struct rpt_places ps;
	struct rpt_period p, q;
	int rc = report__places_load(s, area_id, partner_id, &ps, e);

	if (!rc)
		rc = store_commitment_each(s, on_commitment, &tm, e);
	if (!rc)
		rc = store_partner_each(s, on_partner, &tm, e);
	report__period_init(&p, &ps, r->from, r->to, tm.ncm);
	report__period_init(&q, &ps, r->pfrom, r->pto, tm.ncm);
	if (!rc)
		rc = report__gather(s, &p, &ps, tm.cm, tm.ncm, e);
	if (!rc)
		rc = empty(r, &p, e);
	if (!rc)
		rc = report__gather(s, &q, &ps, tm.cm, tm.ncm, e);
	if (!rc) {
		tables(r, &ps, &tm, &p, &q);
		rc = report__gaps(s, r, &ps, e);
	}
	report__period_release(&p);
	report__period_release(&q);
	report__places_release(&ps);
	free(tm.cm);
	free(tm.pa);
	return rc;
}

int report_build(struct store *s, const struct report_opts *o, struct report **out,
		 struct err *e)
{
	struct report *r = xcalloc(1, sizeof *r);
	int64_t area_id = 0, partner_id = 0;
	int rc = setup(s, o, r, &area_id, &partner_id, e);

	*out = NULL;
	r->from = o->from_day;
	r->to = o->to_day;
	previous(r->from, r->to, &r->pfrom, &r->pto);
	r->made_t = (int64_t)time(NULL);
	if (!rc)
		rc = assemble(s, r, area_id, partner_id, e);
	if (rc) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (int i = 0; i < RPT_NTABLES; i++)
		report__table_release(&r->t[i]);
	free(r);
}
