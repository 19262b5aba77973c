/*
 * suppress.c - safe to publish: small counts of people hidden as "< 5".
 *
 * Primary suppression: a count of people from 1 to min_cell - 1 is hidden
 * (0 says nobody and is shown). Complementary suppression: where cells
 * add up to a total that is shown, a single hidden cell could be
 * recovered by subtraction, so the smallest other non-zero cell of the
 * group is hidden too (the smallest loses least information); repeated
 * until every group with a shown total hides none or at least two cells.
 * Ratios (people per worker-hour, share anonymous) are hidden ("×") with
 * the counts they are made of, because ratio x hours gives the count back.
 */
#include "report/report_int.h"

static void primary(struct rpt_val *v, int min_cell)
{
	if (!v->na && v->v > 0 && v->v < min_cell)
		v->sup = 1;
}

/* One pass over a group: returns 1 if a cell was hidden. */
static int complement(struct rpt_val **cells, int n, const struct rpt_val *total)
{
	int hidden = 0, pick = -1;

	if (!total || total->sup || total->na)
		return 0;
	for (int i = 0; i < n; i++)
		hidden += cells[i]->sup != 0;
	if (hidden != 1)
		return 0;
	for (int i = 0; i < n; i++) {
		if (cells[i]->sup || cells[i]->na)
			continue;
		if (pick < 0 || (cells[i]->v > 0 && (cells[pick]->v <= 0 ||
						     cells[i]->v < cells[pick]->v)))
			pick = i;
	}
	if (pick < 0)
		return 0;
	cells[pick]->sup = 2;
	return 1;
}

void report__suppress_group(struct rpt_val **cells, int n, const struct rpt_val *total,
			    int min_cell)
{
	for (int i = 0; i < n; i++)
		primary(cells[i], min_cell);
	while (complement(cells, n, total))
		;
}

/* One PEOPLE column of one period, closed by the table's total row. */
static void column(struct rpt_table *t, int c, int prev, int min_cell)
{
	struct rpt_val *cells[t->nrows > 0 ? t->nrows : 1], *total = NULL;
	int n = 0;

	for (int i = 0; i < t->nrows; i++) {
		struct rpt_val *v = prev ? &t->rows[i].prev[c] : &t->rows[i].cur[c];

		primary(v, min_cell);
		if (t->rows[i].total)
			total = v;
		else
			cells[n++] = v;
	}
	while (complement(cells, n, total))
		;
}

static void ratios(struct rpt_table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		const struct rpt_col *col = &t->col[c];

		if (col->kind != RK_RATE && col->kind != RK_SHARE)
			continue;
		for (int i = 0; i < t->nrows; i++) {
			struct rpt_row *r = &t->rows[i];

			if (r->cur[col->num].sup || r->cur[col->den].sup)
				r->cur[c].sup = 2;
			if (r->prev[col->num].sup || r->prev[col->den].sup)
				r->prev[c].sup = 2;
		}
	}
}

void report__suppress_table(struct rpt_table *t, int min_cell)
{
	for (int c = 0; c < t->ncols; c++) {
		if (t->col[c].kind != RK_PEOPLE)
			continue;
		column(t, c, 0, min_cell);
		column(t, c, 1, min_cell);
	}
	ratios(t);
}
