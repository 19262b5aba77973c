/*
 * json.c - the report as JSON and as CSV: the same figures as the pages,
 * the same "< 5" and "×" where a count is hidden, numbers unformatted.
 */
#include "report/report_int.h"
#include "util/err.h"
#include "util/tz.h"

#include <csv.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

const char *report__title_id(const char *table)
{
	return !strcmp(table, "guidance") ? "guidance_title" : table;
}

/* Hours and rates rounded for reading; counts are whole. */
static double rounded(const struct rpt_col *c, double v)
{
	double k = c->kind == RK_COUNT || c->kind == RK_PEOPLE ? 1 :
		   c->kind == RK_SHARE ? 10 : 1000;

	return round(v * k) / k;
}

static json_t *value(const struct report *r, const struct rpt_col *c,
		     const struct rpt_val *v)
{
	char buf[16];

	if (v->na)
		return json_null();
	if (v->sup) {
		report__fmt(r, c, v, buf, sizeof buf);
		return json_string(buf);
	}
	if (c->kind == RK_COUNT || c->kind == RK_PEOPLE)
		return json_integer((json_int_t)llround(v->v));
	return json_real(rounded(c, v->v));
}

static json_t *table_json(const struct report *r, const struct rpt_table *t)
{
	char cap[64];
	json_t *cols = json_array(), *rows = json_array();

	snprintf(cap, sizeof cap, "%s_caption", t->id);
	for (int c = 0; c < t->ncols; c++)
		json_array_append_new(cols, json_pack("{s:s,s:s}", "id", t->col[c].id, "name",
						      report__t(r->lang, t->col[c].id)));
	for (int i = 0; i < t->nrows; i++) {
		const struct rpt_row *row = &t->rows[i];
		json_t *cur = json_object(), *prev = json_object();

		for (int c = 0; c < t->ncols; c++) {
			json_object_set_new(cur, t->col[c].id, value(r, &t->col[c], &row->cur[c]));
			json_object_set_new(prev, t->col[c].id, value(r, &t->col[c], &row->prev[c]));
		}
		json_array_append_new(rows, json_pack("{s:s,s:s,s:b,s:o,s:o}", "key", row->key,
			"label", row->label, "total", row->total, "values", cur, "previous", prev));
	}
	return json_pack("{s:s,s:s,s:s,s:o,s:o}", "id", t->id, "title",
			 report__t(r->lang, report__title_id(t->id)), "caption",
			 report__t(r->lang, cap), "columns", cols, "rows", rows);
}

static const struct rpt_col PEOPLE_COL = { "people", RK_PEOPLE, 0, 0 };
static const struct rpt_col RATE_COL = { "met_per_hour", RK_RATE, 0, 0 };

/* The grid cell's rate is hidden with its count (rate x hours = count). */
static void cell_rate(const struct report *r, int d, int h, struct rpt_val *out)
{
	const struct rpt_val *p = &r->grid.people[d][h];
	double hours = r->grid.hours[d][h];

	out->v = hours > 0 ? p->v / hours : 0;
	out->na = hours <= 0;
	out->sup = p->sup && !out->na;
}

static json_t *presence_json(const struct report *r)
{
	json_t *cells = json_array();

	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++) {
			struct rpt_val rate;

			cell_rate(r, d, h, &rate);
			json_array_append_new(cells, json_pack("{s:s,s:i,s:f,s:o,s:o,s:f}",
				"weekday", tz_weekday_name(d), "hour", h, "hours",
				round(r->grid.hours[d][h] * 1000) / 1000, "people",
				value(r, &PEOPLE_COL, &r->grid.people[d][h]), "met_per_hour",
				value(r, &RATE_COL, &rate), "expected",
				round(r->grid.expected[d][h] * 1000) / 1000));
		}
	return json_pack("{s:s,s:s,s:o}", "title", report__t(r->lang, "presence"), "caption",
			 report__t(r->lang, "presence_caption"), "cells", cells);
}

static json_t *gaps_json(const struct report *r)
{
	json_t *items = json_array();
	char text[256];

	for (int i = 0; i < r->ngaps; i++) {
		const struct rpt_gap *g = &r->gap[i];

		report__gap_text(r, g, text, sizeof text);
		json_array_append_new(items, json_pack("{s:s,s:s,s:i,s:i,s:f,s:f,s:s}",
			"from_day", tz_weekday_name(g->d0), "to_day", tz_weekday_name(g->d1),
			"from_hour", g->h0, "to_hour", g->h1, "expected_per_week",
			round(g->per_week * 10) / 10, "hours_staffed", g->staffed, "text", text));
	}
	return json_pack("{s:s,s:s,s:b,s:o}", "title", report__t(r->lang, "gaps"), "caption",
			 report__t(r->lang, r->grid.has_model ? "gaps_caption" : "no_model"),
			 "model", r->grid.has_model, "items", items);
}

static json_t *head_json(const struct report *r)
{
	char a[11], b[11], pa[11], pb[11], sup[1024];

	tz_format_date(r->from, a);
	tz_format_date(r->to, b);
	tz_format_date(r->pfrom, pa);
	tz_format_date(r->pto, pb);
	report__suppression_text(r, sup, sizeof sup);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s},s:s?,s:s?,s:{s:b,s:i,s:s},s:b}",
		"title", report__t(r->lang, "title"), "team", r->team, "lang", r->lang,
		"from", a, "to", b, "previous", "from", pa, "to", pb,
		"area", r->area[0] ? r->area : NULL, "partner", r->partner[0] ? r->partner : NULL,
		"suppression", "on", 1, "min_cell", r->min_cell, "text", sup,
		"has_plans", r->has_plans);
}

int report__json(const struct report *r, FILE *out, struct err *e)
{
	json_t *j = head_json(r), *tables = json_array();
	int rc;

	for (int i = 0; i < RPT_NTABLES; i++)
		json_array_append_new(tables, table_json(r, &r->t[i]));
	json_object_set_new(j, "tables", tables);
	json_object_set_new(j, "presence", presence_json(r));
	json_object_set_new(j, "gaps", gaps_json(r));
	rc = json_dumpf(j, out, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
	json_decref(j);
	if (rc || fputc('\n', out) == EOF)
		return err_set(e, ERR_WRITE, "write failed");
	return 0;
}

/* ---- CSV: one row per figure --------------------------------------------- */
/* Quoted only where RFC 4180 needs it (as `outreach export`). */
static int csv_row(FILE *f, const char *const *v, int n)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(v[i]);

		if (i && fputc(',', f) == EOF)
			return -1;
		if (strpbrk(v[i], ",\"\r\n") || (len && (v[i][0] == ' ' || v[i][len - 1] == ' ')) ?
		    csv_fwrite(f, v[i], len) : fputs(v[i], f) == EOF)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

static void csv_value(const struct report *r, const struct rpt_col *c,
		      const struct rpt_val *v, char *buf, size_t cap)
{
	if (v->na)
		buf[0] = 0;
	else if (v->sup)
		report__fmt(r, c, v, buf, cap);
	else if (c->kind == RK_COUNT || c->kind == RK_PEOPLE)
		snprintf(buf, cap, "%lld", (long long)llround(v->v));
	else
		snprintf(buf, cap, "%.10g", rounded(c, v->v));
}

static int csv_table(const struct report *r, const struct rpt_table *t, FILE *f)
{
	char a[32], b[32];

	for (int i = 0; i < t->nrows; i++)
		for (int c = 0; c < t->ncols; c++) {
			const char *v[6] = { t->id, t->rows[i].key, t->rows[i].label,
					     t->col[c].id, a, b };

			csv_value(r, &t->col[c], &t->rows[i].cur[c], a, sizeof a);
			csv_value(r, &t->col[c], &t->rows[i].prev[c], b, sizeof b);
			if (csv_row(f, v, 6))
				return -1;
		}
	return 0;
}

static int csv_presence(const struct report *r, FILE *f)
{
	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++) {
			char key[16], hours[32], people[32], rate[32], ex[32];
			struct rpt_val rt;
			const char *v[][6] = {
				{ "presence", key, "", "hours", hours, "" },
				{ "presence", key, "", "people", people, "" },
				{ "presence", key, "", "met_per_hour", rate, "" },
				{ "presence", key, "", "expected", ex, "" },
			};

			cell_rate(r, d, h, &rt);
			snprintf(key, sizeof key, "%s %02d", tz_weekday_name(d), h);
			snprintf(hours, sizeof hours, "%.10g", round(r->grid.hours[d][h] * 1000) / 1000);
			csv_value(r, &PEOPLE_COL, &r->grid.people[d][h], people, sizeof people);
			csv_value(r, &RATE_COL, &rt, rate, sizeof rate);
			snprintf(ex, sizeof ex, "%.10g", round(r->grid.expected[d][h] * 1000) / 1000);
			for (int k = 0; k < 4; k++)
				if (csv_row(f, v[k], 6))
					return -1;
		}
	return 0;
}

static int csv_head(const struct report *r, FILE *f)
{
	static const char *const hdr[] = { "table", "row", "label", "column", "value",
					   "previous" };
	char a[11], b[11], pa[11], pb[11], mc[16], sup[1024];
	const char *rows[][6] = {
		{ "report", "team", r->team, "", "", "" },
		{ "report", "period", "", "", a, b },
		{ "report", "previous_period", "", "", pa, pb },
		{ "report", "area", r->area_name, "", r->area, "" },
		{ "report", "partner", r->partner_name, "", r->partner, "" },
		{ "report", "suppression", sup, "min_cell", mc, "" },
	};

	tz_format_date(r->from, a);
	tz_format_date(r->to, b);
	tz_format_date(r->pfrom, pa);
	tz_format_date(r->pto, pb);
	snprintf(mc, sizeof mc, "%d", r->min_cell);
	report__suppression_text(r, sup, sizeof sup);
	if (csv_row(f, hdr, 6))
		return -1;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (csv_row(f, rows[i], 6))
			return -1;
	return 0;
}

static int csv_gaps(const struct report *r, FILE *f)
{
	for (int i = 0; i < r->ngaps; i++) {
		char key[16], text[256], n[32], st[32];
		const char *v[6] = { "gaps", key, text, "expected_per_week", n, "" };
		const char *w[6] = { "gaps", key, text, "hours_staffed", st, "" };

		snprintf(key, sizeof key, "%d", i + 1);
		report__gap_text(r, &r->gap[i], text, sizeof text);
		snprintf(n, sizeof n, "%.10g", round(r->gap[i].per_week * 10) / 10);
		snprintf(st, sizeof st, "%.10g", r->gap[i].staffed);
		if (csv_row(f, v, 6) || csv_row(f, w, 6))
			return -1;
	}
	return 0;
}

int report__csv(const struct report *r, FILE *out, struct err *e)
{
	int rc = csv_head(r, out);

	for (int i = 0; !rc && i < RPT_NTABLES; i++)
		rc = csv_table(r, &r->t[i], out);
	if (!rc)
		rc = csv_presence(r, out);
	if (!rc)
		rc = csv_gaps(r, out);
	return rc ? err_set(e, ERR_WRITE, "write failed") : 0;
}
