/*
 * gaps.c - when people are found vs when the team is there: the encounter
 * model's expectation for each local hour of the week (one pair at the
 * best place the report covers) and the hours where it expects people but
 * nobody was present, grouped into spans a reader takes in at a glance
 * ("Mon-Fri 18-22", "Sat 10-14").
 */
#include "report/gather.h"
#include "report/report_int.h"
#include "planner/model/model.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

#define SAMPLE_WEEKS 6

/* The mean over a few weeks spread over the period (season and holidays
 * move the rates) of the best place's rate in each hour of the week. */
static void expected(struct report *r, const struct plan_model *m,
		     const struct rpt_places *ps)
{
	int64_t monday = r->from - tz_weekday(r->from);
	int weeks = (int)((r->to - monday) / 7) + 1, n = weeks < SAMPLE_WEEKS ? weeks : SAMPLE_WEEKS;
	int *ix = xmalloc(((size_t)ps->n + 1) * sizeof *ix), k = 0;

	for (int i = 0; i < ps->n; i++)
		if (ps->in[i] && (ix[k] = plan_model_place_index(m, ps->v[i].key)) >= 0)
			k++;
	for (int w = 0; w < n; w++) {
		int64_t mon = monday + 7 * (int64_t)(w * weeks / n);

		for (int d = 0; d < 7; d++)
			for (int h = 0; h < 24; h++) {
				int64_t t = tz_day_minute(mon + d, h * 60 + 30);
				double best = 0;
				struct plan_rate rt;

				for (int i = 0; i < k; i++)
					if (!plan_model_rate(m, ix[i], t, &rt) && rt.mean > best)
						best = rt.mean;
				r->grid.expected[d][h] += best / n;
			}
	}
	free(ix);
}

static int is_gap(const struct report *r, int d, int h)
{
	return r->grid.expected[d][h] >= RPT_GAP_RATE && r->grid.hours[d][h] <= 0;
}

static void add_gap(struct report *r, struct rpt_gap *all, int *n, int d0, int d1, int h0,
		    int h1)
{
	struct rpt_gap g = { d0, d1, h0, h1, 0, 0 };

	for (int d = d0; d <= d1; d++)
		for (int h = h0; h < h1; h++) {
			g.per_week += r->grid.expected[d][h];
			g.staffed += r->grid.hours[d][h];
		}
	if (g.per_week >= 1)
		all[(*n)++] = g;
}

static int all_gap(const struct report *r, int d0, int d1, int h,
		   unsigned char used[7][24])
{
	for (int d = d0; d <= d1; d++)
		if (used[d][h] || !is_gap(r, d, h))
			return 0;
	return 1;
}

/* Hours that are gaps on every day d0..d1, in runs; they are then used. */
static void runs_of_days(struct report *r, int d0, int d1, unsigned char used[7][24],
			 struct rpt_gap *all, int *n)
{
	for (int h = 0; h < 24;) {
		int h1 = h;

		while (h1 < 24 && all_gap(r, d0, d1, h1, used))
			h1++;
		if (h1 == h) {
			h++;
			continue;
		}
		add_gap(r, all, n, d0, d1, h, h1);
		for (int d = d0; d <= d1; d++)
			memset(&used[d][h], 1, (size_t)(h1 - h));
		h = h1;
	}
}

static int by_size(const void *a, const void *b)
{
	const struct rpt_gap *x = a, *y = b;

	if (x->per_week != y->per_week)
		return x->per_week < y->per_week ? 1 : -1;
	return (x->d0 * 24 + x->h0) - (y->d0 * 24 + y->h0);
}

static void find_gaps(struct report *r)
{
	unsigned char used[7][24] = { { 0 } };
	struct rpt_gap all[7 * 24];
	int n = 0;

	runs_of_days(r, 0, 4, used, all, &n);
	runs_of_days(r, 5, 6, used, all, &n);
	for (int d = 0; d < 7; d++)
		runs_of_days(r, d, d, used, all, &n);
	qsort(all, (size_t)n, sizeof *all, by_size);
	r->ngaps = n < RPT_GAPS ? n : RPT_GAPS;
	memcpy(r->gap, all, (size_t)r->ngaps * sizeof *all);
}

int report__gaps(struct store *s, struct report *r, const struct rpt_places *ps,
		 struct err *e)
{
	struct plan_model_opts o = { .now = tz_day_minute(r->to + 1, 0) };
	struct plan_model *m = NULL;
	struct err fe = { 0 };
	int rc = plan_model_fit_store(s, &o, &m, &fe);

	if (rc == ERR_DB || rc == ERR_NOMEM)
		return err_set(e, rc, "encounter model: %s", fe.msg);
	if (rc)
		return 0;	/* too little history: the report says so */
	r->grid.has_model = 1;
	expected(r, m, ps);
	plan_model_free(m);
	find_gaps(r);
	return 0;
}
