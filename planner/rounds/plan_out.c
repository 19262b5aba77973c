#include "planner/rounds/plan_out.h"
#include "store/plans.h"
#include "calendars/reason.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct out {
	struct store *s;
	const struct plan_geometry_src *geometry;
	const char *pair;
	FILE *f;
	json_t *shifts;
	char last_pair[STORE_KEY_MAX + 1];
	struct err *e;
};

static void hhmm(int m, char out[6])
{
	tz_format_hhmm(m, out);
}

/* The lead's own view: every reason, in English like the rest of it. */
static const char *skip_text(const struct store_exception *x, char *buf, size_t cap)
{
	cal_reason_text(x->reason, x->day, "en", 1, buf, cap);
	if (!*buf)
		snprintf(buf, cap, "%s", x->kind);
	return buf;
}

/* ---- text ------------------------------------------------------------- */
static int text_shift(const struct store_shift *sh, void *ud)
{
	struct out *o = ud;
	struct store_shift_parts p;
	char a[6], b[6], d[11], why[160];
	int skipped = 0;

	if (o->pair && strcmp(o->pair, sh->pair))
		return 0;
	if (store_shift_parts_load(o->s, sh->id, &p, o->e))
		return ERR_DB;
	if (strcmp(o->last_pair, sh->pair)) {
		fprintf(o->f, "\n%s (%s & %s)%s%s\n", sh->pair, sh->worker_a, sh->worker_b,
			sh->area[0] ? ", area " : "", sh->area);
		snprintf(o->last_pair, sizeof o->last_pair, "%s", sh->pair);
	}
	hhmm(sh->start_min, a);
	hhmm(sh->end_min, b);
	fprintf(o->f, "  %s %s-%s  shift %lld, walking %.1f km\n", tz_weekday_name(sh->weekday),
		a, b, (long long)sh->id, sh->walk_m / 1000.0);
	for (int i = 0; i < p.nstops; i++) {
		const struct store_stop *st = &p.stops[i];

		if (st->exception_id)
			continue;
		hhmm(st->arrive_min, a);
		hhmm(st->leave_min, b);
		fprintf(o->f, "      %s-%s %-32.32s %5.1f (%.1f-%.1f)  %s\n", a, b, st->place_name,
			st->expected, st->lower, st->upper, st->why);
	}
	for (int i = 0; i < p.nexc; i++) {
		tz_format_date(p.exc[i].day, d);
		fprintf(o->f, "%s%s %s (%s)", skipped++ ? ", " : "      not on: ", d,
			p.exc[i].kind, skip_text(&p.exc[i], why, sizeof why));
	}
	if (skipped)
		fputc('\n', o->f);
	store_shift_parts_release(&p);
	return 0;
}

static int check_pair(struct store *s, const char *pair, struct err *e)
{
	int64_t id;

	if (pair && store_id_of(s, STORE_PAIR, pair, &id))
		return err_set(e, ERR_NOTFOUND, "no pair with key '%s'", pair);
	return 0;
}

static int is_standin(const char *line)
{
	return !strncmp(line, "stand-in: ", 10);
}

/* What was not covered under NOT COVERED, then who stands in when a
 * commitment's own pair is away (STAND-INS). */
static void report_text(const char *report, FILE *f)
{
	for (int standin = 0; standin < 2; standin++) {
		const char *p = report;
		int head = 0;

		while (*p) {
			size_t n = strcspn(p, "\n");

			if (n && is_standin(p) == standin) {
				if (!head++)
					fputs(standin ? "STAND-INS:\n" : "NOT COVERED:\n", f);
				fprintf(f, "%.*s\n", (int)n, p);
			}
			p += n + (p[n] == '\n');
		}
	}
}

int plan_out_text(struct store *s, int64_t plan_id, const char *pair, FILE *f,
		  struct err *e)
{
	struct out o = { .s = s, .pair = pair, .f = f, .e = e };
	struct store_plan p;
	char from[11];
	int rc = check_pair(s, pair, e);

	if (!rc)
		rc = store_plan_get(s, plan_id, &p, e);

	if (rc)
		return rc;
	tz_format_date(p.from_day, from);
	fprintf(f, "plan %lld (%s) from %s, %d week%s, explore %.2f, stability %.2f\n",
		(long long)p.id, p.status, from, p.weeks, p.weeks == 1 ? "" : "s", p.explore,
		p.stability);
	report_text(p.report, f);
	rc = store_plan_shift_each(s, p.id, text_shift, &o, e);
	if (!rc && ferror(f))
		rc = err_set(e, ERR_WRITE, "write failed");
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */
static json_t *hhmm_json(int m)
{
	char t[6];

	hhmm(m, t);
	return json_string(t);
}

static json_t *date_json(int64_t day)
{
	char d[11];

	tz_format_date(day, d);
	return json_string(d);
}

static int straight(double lat1, double lon1, double lat2, double lon2, double **ll, int *n,
		    int *cap)
{
	(void)lat1;
	(void)lon1;
	if (*n + 1 > *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*ll = xrealloc(*ll, (size_t)*cap * 2 * sizeof **ll);
	}
	(*ll)[2 * *n] = lon2;
	(*ll)[2 * *n + 1] = lat2;
	(*n)++;
	return 0;
}

int plan_out_route_points(const struct store_shift_parts *p, int64_t exc,
			  const struct plan_geometry_src *g, double **lonlat, int *n)
{
	int cap = 0, along = g != NULL, first = 1;
	const struct store_stop *prev = NULL;

	*lonlat = NULL;
	*n = 0;
	for (int i = 0; i < p->nstops; i++) {
		const struct store_stop *st = &p->stops[i];

		if (st->exception_id != exc)
			continue;
		if (first) {
			straight(0, 0, st->lat, st->lon, lonlat, n, &cap);
			first = 0;
		} else if (!g || g->line(g->ud, prev->lat, prev->lon, st->lat, st->lon, lonlat, n,
					 &cap)) {
			straight(prev->lat, prev->lon, st->lat, st->lon, lonlat, n, &cap);
			along = 0;
		}
		prev = st;
	}
	return along;
}

json_t *plan_out_route_json(const struct store_shift_parts *p, int64_t exc,
			    const struct plan_geometry_src *g)
{
	double *ll;
	int n, along = plan_out_route_points(p, exc, g, &ll, &n);
	json_t *coords = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(coords, json_pack("[f,f]", ll[2 * i], ll[2 * i + 1]));
	free(ll);
	return json_pack("{s:s,s:o,s:{s:b,s:s}}", "type", "LineString", "coordinates", coords,
			 "properties", "along_streets", along, "credit",
			 "\xc2\xa9 OpenStreetMap contributors");
}

static json_t *stops_json(const struct store_shift_parts *p, int64_t exc)
{
	json_t *a = json_array();

	for (int i = 0; i < p->nstops; i++) {
		const struct store_stop *st = &p->stops[i];

		if (st->exception_id != exc)
			continue;
		json_array_append_new(a, json_pack(
			"{s:s,s:s,s:f,s:f,s:o,s:o,s:f,s:f,s:f,s:s}", "place", st->place, "name",
			st->place_name, "lat", st->lat, "lon", st->lon, "arrive",
			hhmm_json(st->arrive_min), "leave", hhmm_json(st->leave_min), "expected",
			st->expected, "lower", st->lower, "upper", st->upper, "why", st->why));
	}
	return a;
}

/* The rhythm as plan_instants.py reads it: freq weekly (every N weeks),
 * monthly (the k-th weekdays, "1;3", -1 the last) or dates. */
static json_t *rhythm_json(const struct rhythm *r)
{
	static const char *freq[] = { "weekly", "monthly", "dates" };
	json_t *dates = json_array();
	char monthly[16];

	for (int i = 0; i < r->ndates; i++)
		json_array_append_new(dates, date_json(r->dates[i]));
	rhythm_format_monthly(r->monthly, monthly, sizeof monthly);
	return json_pack("{s:s,s:i,s:s,s:o}", "freq", freq[rhythm_kind(r)], "every",
			 rhythm_every(r), "monthly", monthly, "dates", dates);
}

static json_t *recurrence_json(const struct store_shift *sh, const struct store_shift_parts *p)
{
	json_t *skipped = json_array(), *changed = json_array(), *r = rhythm_json(&sh->rhythm);
	char why[160];

	for (int i = 0; i < p->nexc; i++) {
		const struct store_exception *x = &p->exc[i];

		if (!strcmp(x->kind, "skip") || !strcmp(x->kind, "cancel"))
			json_array_append_new(skipped, json_pack("{s:o,s:s,s:s,s:s}", "date",
				date_json(x->day), "kind", x->kind, "cause",
				cal_cause_name(cal_reason_cause(x->reason, x->day, NULL, 0)),
				"reason", skip_text(x, why, sizeof why)));
		else
			json_array_append_new(changed, json_pack("{s:o,s:s,s:s,s:o,s:o,s:o}",
				"date", date_json(x->day), "kind", x->kind, "reason", x->reason,
				"start", hhmm_json(x->start_min), "end", hhmm_json(x->end_min),
				"stops", stops_json(p, x->id)));
	}
	json_object_set_new(r, "first", date_json(sh->first_day));
	json_object_set_new(r, "last", date_json(sh->last_day));
	json_object_set_new(r, "skipped", skipped);
	json_object_set_new(r, "changed", changed);
	return r;
}

static int json_shift(const struct store_shift *sh, void *ud)
{
	struct out *o = ud;
	struct store_shift_parts p;
	struct store_pair pr;

	if (o->pair && strcmp(o->pair, sh->pair))
		return 0;
	if (store_shift_parts_load(o->s, sh->id, &p, o->e) ||
	    store_pair_get(o->s, sh->pair, &pr, o->e))
		return ERR_DB;
	json_array_append_new(o->shifts, json_pack(
		"{s:I,s:s,s:[s,s],s:[s,s],s:s,s:s,s:o,s:o,s:o,s:o,s:f,s:o}", "id",
		(json_int_t)sh->id, "pair", sh->pair, "workers", pr.worker_a, pr.worker_b,
		"worker_names", sh->worker_a, sh->worker_b, "area", sh->area, "weekday",
		tz_weekday_name(sh->weekday), "start", hhmm_json(sh->start_min), "end",
		hhmm_json(sh->end_min), "recurrence", recurrence_json(sh, &p), "stops",
		stops_json(&p, 0), "walk_m", sh->walk_m, "route",
		plan_out_route_json(&p, 0, o->geometry)));
	store_shift_parts_release(&p);
	return 0;
}

/* The report's lines: "stand-in: ..." (standin 1) or the others, unmet. */
static json_t *report_json(const char *report, int standin)
{
	json_t *a = json_array();
	const char *p = report;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n && is_standin(p) == standin)
			json_array_append_new(a, json_stringn(p, n));
		p += n + (p[n] == '\n');
	}
	return a;
}

/* The planner's figures stored with the plan (null for older plans). */
static json_t *quality_json(const char *text)
{
	json_t *q = text[0] ? json_loads(text, 0, NULL) : NULL;

	return q ? q : json_null();
}

int plan_out_json(struct store *s, int64_t plan_id, const char *pair,
		  const struct plan_geometry_src *g, FILE *f, struct err *e)
{
	struct out o = { .s = s, .pair = pair, .f = f, .e = e, .shifts = json_array(),
			 .geometry = g };
	struct store_plan p;
	json_t *root;
	int rc = check_pair(s, pair, e);

	if (!rc)
		rc = store_plan_get(s, plan_id, &p, e);

	if (!rc)
		rc = store_plan_shift_each(s, p.id, json_shift, &o, e);
	if (rc) {
		json_decref(o.shifts);
		return rc;
	}
	root = json_pack("{s:{s:I,s:s,s:o,s:i,s:f,s:f,s:o},s:o,s:o}", "plan", "id",
			 (json_int_t)p.id, "status", p.status, "from", date_json(p.from_day),
			 "weeks", p.weeks, "explore", p.explore, "stability", p.stability,
			 "quality", quality_json(p.quality), "shifts", o.shifts, "unmet",
			 report_json(p.report, 0));
	json_object_set_new(root, "standins", report_json(p.report, 1));
	rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_REAL_PRECISION(9)) ||
	     fputc('\n', f) == EOF ? err_set(e, ERR_WRITE, "write failed") : 0;
	json_decref(root);
	return rc;
}
