/*
 * backtest_out.c - the backtest and the detected changes of a fitted
 * model as JSON (`outreach forecast --backtest --format json`, the web
 * app's calibration panel) and as text.
 */
#include "planner/model/backtest.h"
#include "planner/model/model.h"
#include "util/tz.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>

/* Figures rounded to 3 decimals (the JSON stays readable). */
static json_t *num(double x)
{
	return json_real(isfinite(x) ? round(x * 1000) / 1000 : 0);
}

static json_t *row_json(const struct plan_bt_row *w)
{
	json_t *o = json_pack("{s:s,s:i}", "kind", w->kind, "hours", w->hours);

	json_object_set_new(o, "people", num(w->people));
	json_object_set_new(o, "expected", num(w->expected));
	json_object_set_new(o, "mae", num(w->mae));
	json_object_set_new(o, "mae_naive", num(w->mae_naive));
	json_object_set_new(o, "skill", num(w->skill));
	json_object_set_new(o, "met_cover_model", num(w->cover_model));
	json_object_set_new(o, "met_cover_calibrated", num(w->cover_cal));
	json_object_set_new(o, "level", num(w->level));
	return o;
}

static void date_of(int64_t t, char out[11])
{
	struct tz_civil c;

	tz_to_local(t, &c);
	tz_format_date(tz_days_from_civil(c.year, c.month, c.day), out);
}

json_t *plan_model_changes_json(const struct plan_model *m)
{
	json_t *a = json_array();

	for (int p = 0; p < plan_model_nplaces(m); p++) {
		struct plan_change c;
		char d[11];
		json_t *o;

		if (!plan_model_change(m, p, &c))
			continue;
		date_of(c.since, d);
		o = json_pack("{s:s,s:s,s:s}", "place", plan_model_place_key(m, p), "since", d,
			      "direction", c.ratio > 1 ? "more" : "fewer");
		json_object_set_new(o, "ratio", num(c.ratio));
		json_object_set_new(o, "people", num(c.people));
		json_object_set_new(o, "expected", num(c.expected));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *plan_backtest_json(const struct plan_model *m)
{
	const struct plan_bt_info *b = plan_model_backtest(m);
	json_t *o, *rows = json_array();
	char d0[11], d1[11];

	if (!b)
		return json_pack("{s:b,s:s,s:o}", "calibrated", 0, "note", "no backtest ran",
				 "changes", plan_model_changes_json(m));
	date_of(b->first, d0);
	date_of(b->end, d1);
	for (int i = 0; i < b->nrows; i++)
		json_array_append_new(rows, row_json(&b->rows[i]));
	o = json_pack("{s:i,s:i,s:i,s:s,s:s,s:b,s:s}", "origins", b->origins, "weeks", b->weeks,
		      "origins_used", b->used, "from", d0, "to", d1, "calibrated", b->calibrated,
		      "note", b->note);
	json_object_set_new(o, "hotspot", num(b->hotspot));
	json_object_set_new(o, "calibration",
			    json_pack("{s:o,s:o,s:o}", "width_thin", num(b->width_thin),
				      "width_watched", num(b->width_watched), "disp", num(b->disp)));
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "changes", plan_model_changes_json(m));
	return o;
}

int plan_backtest_print(const struct plan_model *m, FILE *f)
{
	const struct plan_bt_info *b = plan_model_backtest(m);
	char d0[11], d1[11];

	if (!b) {
		fprintf(f, "no backtest ran\n");
		return 0;
	}
	date_of(b->first, d0);
	date_of(b->end, d1);
	fprintf(f, "backtest: %d origins of %d weeks, %s to %s, %d with logged hours\n",
		b->origins, b->weeks, d0, d1, b->used);
	fprintf(f, "%-18s %6s %7s %8s %6s %6s %6s %8s %8s %6s\n", "kind", "hours", "people",
		"expected", "mae", "naive", "skill", "met80", "met80cal", "level");
	for (int i = 0; i < b->nrows; i++) {
		const struct plan_bt_row *w = &b->rows[i];

		fprintf(f, "%-18s %6d %7.0f %8.1f %6.3f %6.3f %6.3f %7.1f%% %7.1f%% %6.3f\n",
			w->kind, w->hours, w->people, w->expected, w->mae, w->mae_naive, w->skill,
			100 * w->cover_model, 100 * w->cover_cal, w->level);
	}
	fprintf(f, "hotspot accuracy %.3f\n", b->hotspot);
	if (b->calibrated)
		fprintf(f, "calibrated: rate spread x%.2f (thin cells) x%.2f (watched), people per "
			"encounter x%.2f, level per kind as above\n",
			b->width_thin, b->width_watched, b->disp);
	else
		fprintf(f, "not calibrated: %s\n", b->note);
	for (int p = 0; p < plan_model_nplaces(m); p++) {
		struct plan_change c;

		if (plan_model_change(m, p, &c)) {
			date_of(c.since, d0);
			fprintf(f, "change: %s people at %s since %s (%.0f met, %.1f expected)\n",
				c.ratio > 1 ? "more" : "fewer", plan_model_place_key(m, p), d0,
				c.people, c.expected);
		}
	}
	return ferror(f) ? -1 : 0;
}
