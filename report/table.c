/*
 * table.c - the report's tables: columns, rows, totals and ratios.
 */
#include "report/report_int.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

void report__table_init(struct rpt_table *t, const char *id)
{
	memset(t, 0, sizeof *t);
	t->id = id;
}

void report__table_col(struct rpt_table *t, const char *id, enum rpt_kind k, int num,
		       int den)
{
	if (t->ncols < RPT_COLS)
		t->col[t->ncols++] = (struct rpt_col){ id, k, num, den };
}

struct rpt_row *report__table_row(struct rpt_table *t, const char *key, const char *label)
{
	struct rpt_row *r;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->rows = xrealloc(t->rows, (size_t)t->cap * sizeof *t->rows);
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key);
	snprintf(r->label, sizeof r->label, "%s", label);
	return r;
}

void report__table_release(struct rpt_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->cap = 0;
}

static int summed(enum rpt_kind k)
{
	return k == RK_COUNT || k == RK_HOURS || k == RK_PEOPLE;
}

static void add_total(struct rpt_table *t, const char *label)
{
	int n = t->nrows;
	struct rpt_row *tot = report__table_row(t, "total", label);

	tot->total = 1;
	for (int c = 0; c < t->ncols; c++) {
		int na = n > 0, pna = n > 0;

		for (int i = 0; i < n; i++) {
			if (!t->rows[i].cur[c].na)
				tot->cur[c].v += t->rows[i].cur[c].v;
			if (!t->rows[i].prev[c].na)
				tot->prev[c].v += t->rows[i].prev[c].v;
			na = na && t->rows[i].cur[c].na;
			pna = pna && t->rows[i].prev[c].na;
		}
		tot->cur[c].na = na || !summed(t->col[c].kind);
		tot->prev[c].na = pna || !summed(t->col[c].kind);
	}
}

void report__table_finish(struct rpt_table *t, int with_total, const char *total_label)
{
	if (with_total)
		add_total(t, total_label);
	for (int i = 0; i < t->nrows; i++) {
		for (int c = 0; c < t->ncols; c++) {
			const struct rpt_col *col = &t->col[c];

			if (col->kind != RK_RATE && col->kind != RK_SHARE)
				continue;
			for (int p = 0; p < 2; p++) {
				struct rpt_val *row = p ? t->rows[i].prev : t->rows[i].cur;
				double den = row[col->den].v;

				row[c].na = den <= 0 || row[col->num].na || row[col->den].na;
				row[c].v = row[c].na ? 0 : row[col->num].v / den *
					   (col->kind == RK_SHARE ? 100.0 : 1.0);
			}
		}
	}
}
