/*
 * kinds.c - the importable kinds: columns, validation of one row, export.
 * Validation errors say "column NAME: why" quoting the value; import.c
 * adds "FILE:LINE: ".
 */
#include "data/data_int.h"
#include "calendars/hours.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/rhythm.h"
#include "util/tz.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KINDS_OF_PLACE[] = {
	"street", "park", "station", "shopping_centre", "library", "church",
	"day_centre", "food_distribution", "meeting_point", "shelter", "other", NULL,
};

/* ---- field validation ------------------------------------------------ */
static int empty(const char *v)
{
	return !v || !*v;
}

static int text(const char *v, const char *col, int required, char *dst, size_t cap,
		struct err *e)
{
	if (empty(v)) {
		if (required)
			return err_set(e, ERR_PARSE, "column %s: must not be empty", col);
		dst[0] = '\0';
		return 0;
	}
	if (strlen(v) >= cap)
		return err_set(e, ERR_TOOBIG, "column %s: longer than %zu bytes", col,
			       cap - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

/* Keys appear in URLs and commands: letters, digits, '-', '_', '.'. */
static int key(const char *v, const char *col, int required, char *dst, struct err *e)
{
	int rc = text(v, col, required, dst, STORE_KEY_MAX + 1, e);

	if (rc)
		return rc;
	for (const char *p = dst; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return err_set(e, ERR_PARSE, "column %s: '%s' is not a key "
				       "(letters, digits, '-', '_', '.')", col, v);
	return 0;
}

static int number(const char *v, const char *col, double lo, double hi, double *out,
		  struct err *e)
{
	char *end;
	double d;

	if (empty(v))
		return err_set(e, ERR_PARSE, "column %s: must not be empty", col);
	errno = 0;
	d = strtod(v, &end);
	if (*end || errno || !isfinite(d))
		return err_set(e, ERR_PARSE, "column %s: '%s' is not a number", col, v);
	if (d < lo || d > hi)
		return err_set(e, ERR_PARSE, "column %s: '%s' is out of range %g..%g", col,
			       v, lo, hi);
	*out = d;
	return 0;
}

static int integer(const char *v, const char *col, long lo, long hi, long dflt,
		   long *out, struct err *e)
{
	char *end;
	long n;

	if (empty(v)) {
		*out = dflt;
		if (dflt < lo)
			return err_set(e, ERR_PARSE, "column %s: must not be empty", col);
		return 0;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end || errno || end == v)
		return err_set(e, ERR_PARSE, "column %s: '%s' is not a whole number", col, v);
	if (n < lo || n > hi)
		return err_set(e, ERR_PARSE, "column %s: '%s' is out of range %ld..%ld", col,
			       v, lo, hi);
	*out = n;
	return 0;
}

static int ref(struct store *s, enum store_keyed t, const char *v, const char *col,
	       int required, int64_t *id, struct err *e)
{
	static const char *const what[] = { "area", "partner", "place", "worker", "pair" };
	char k[STORE_KEY_MAX + 1];
	int rc = key(v, col, required, k, e);

	*id = 0;
	if (rc || !k[0])
		return rc;
	rc = store_id_of(s, t, k, id);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "column %s: no %s with key '%s' (import %ss "
			       "first)", col, what[t], k, what[t]);
	return rc ? err_set(e, rc, "column %s: lookup failed", col) : 0;
}

static int date(const char *v, const char *col, int64_t *day, struct err *e)
{
	int rc = empty(v) ? err_set(e, ERR_PARSE, "must not be empty") :
			    tz_parse_date(v, day, e);

	return rc ? err_prefix(e, "column %s", col) : 0;
}

static int datetime(const char *v, const char *col, int64_t *t, struct err *e)
{
	int rc = empty(v) ? err_set(e, ERR_PARSE, "must not be empty") :
			    tz_parse_datetime(v, t, e);

	return rc ? err_prefix(e, "column %s", col) : 0;
}

static int clock(const char *v, const char *col, int *min, struct err *e)
{
	int rc = empty(v) ? err_set(e, ERR_PARSE, "must not be empty") :
			    tz_parse_hhmm(v, min, e);

	return rc ? err_prefix(e, "column %s", col) : 0;
}

static int one_of(const char *v, const char *col, const char *const *allowed,
		  struct err *e)
{
	char list[512] = "";

	for (int i = 0; allowed[i]; i++) {
		if (v && !strcmp(v, allowed[i]))
			return 0;
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			 i ? ", " : "", allowed[i]);
	}
	return err_set(e, ERR_PARSE, "column %s: '%s' is not one of %s", col, v ? v : "",
		       list);
}

/* ---- areas ------------------------------------------------------------ */
static const char *const AREA_COLS[] = { "key", "name", NULL };

static int area_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_area a;
	int rc = key(f[0], "key", 1, a.key, e);

	if (!rc)
		rc = text(f[1], "name", 0, a.name, sizeof a.name, e);
	if (!rc && !a.name[0])
		memcpy(a.name, a.key, sizeof a.key);
	return rc ? rc : store_area_upsert(s, &a, e);
}

struct emit {
	data__emit_fn fn;
	void *ud;
};

static int area_out(const struct store_area *a, void *ud)
{
	struct emit *x = ud;
	const char *v[] = { a->key, a->name };

	return x->fn(x->ud, v);
}

static int area_lookup(struct store *s, const char *key, data__emit_fn fn, void *ud)
{
	struct store_area row;
	struct emit x = { fn, ud };
	int rc = store_area_get(s, key, &row, NULL);

	return rc ? rc : area_out(&row, &x);
}

static int area_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_area_each(s, area_out, &x, e);
}

/* ---- partners --------------------------------------------------------- */
static const char *const PARTNER_COLS[] = { "key", "name", "contact", NULL };

static int partner_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_partner p;
	int rc = key(f[0], "key", 1, p.key, e);

	if (!rc)
		rc = text(f[1], "name", 1, p.name, sizeof p.name, e);
	if (!rc)
		rc = text(f[2], "contact", 0, p.contact, sizeof p.contact, e);
	return rc ? rc : store_partner_upsert(s, &p, e);
}

static int partner_out(const struct store_partner *p, void *ud)
{
	struct emit *x = ud;
	const char *v[] = { p->key, p->name, p->contact };

	return x->fn(x->ud, v);
}

static int partner_lookup(struct store *s, const char *key, data__emit_fn fn, void *ud)
{
	struct store_partner row;
	struct emit x = { fn, ud };
	int rc = store_partner_get(s, key, &row, NULL);

	return rc ? rc : partner_out(&row, &x);
}

static int partner_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_partner_each(s, partner_out, &x, e);
}

/* ---- places ----------------------------------------------------------- */
static const char *const PLACE_COLS[] = {
	"key", "name", "kind", "lat", "lon", "opening_hours", "stay_minutes",
	"partner", "area", "address", NULL,
};

#define DEFAULT_STAY_MINUTES 20

static int place_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_place p = { 0 };
	struct cal_hours h;
	long stay = 0;
	int rc = key(f[0], "key", 1, p.key, e);

	if (!rc)
		rc = text(f[1], "name", 1, p.name, sizeof p.name, e);
	if (!rc)
		rc = one_of(f[2], "kind", KINDS_OF_PLACE, e);
	if (!rc)
		snprintf(p.kind, sizeof p.kind, "%s", f[2]);
	if (!rc)
		rc = number(f[3], "lat", -90, 90, &p.lat, e);
	if (!rc)
		rc = number(f[4], "lon", -180, 180, &p.lon, e);
	if (!rc)
		rc = text(f[5], "opening_hours", 0, p.opening_hours,
			  sizeof p.opening_hours, e);
	if (!rc && (rc = cal_hours_parse(p.opening_hours, &h, e)))
		err_prefix(e, "column opening_hours");
	if (!rc)
		rc = integer(f[6], "stay_minutes", 1, 1440, DEFAULT_STAY_MINUTES, &stay, e);
	p.stay_minutes = (int)stay;
	if (!rc)
		rc = ref(s, STORE_PARTNER, f[7], "partner", 0, &p.partner_id, e);
	if (!rc && !empty(f[8])) {
		rc = key(f[8], "area", 0, p.area, e);
		if (!rc)
			rc = store_area_ensure(s, p.area, &p.area_id, e);
	}
	if (!rc)
		rc = text(f[9], "address", 0, p.address, sizeof p.address, e);
	return rc ? rc : store_place_upsert(s, &p, e);
}

static void fmt_coord(char *dst, size_t cap, double v)
{
	size_t n;

	snprintf(dst, cap, "%.7f", v);
	n = strlen(dst);
	while (n > 1 && dst[n - 1] == '0' && dst[n - 2] != '.')
		dst[--n] = '\0';
}

static int place_out(const struct store_place *p, void *ud)
{
	struct emit *x = ud;
	char lat[32], lon[32], stay[16];
	const char *v[] = { p->key, p->name, p->kind, lat, lon, p->opening_hours, stay,
			    p->partner, p->area, p->address };

	fmt_coord(lat, sizeof lat, p->lat);
	fmt_coord(lon, sizeof lon, p->lon);
	snprintf(stay, sizeof stay, "%d", p->stay_minutes);
	return x->fn(x->ud, v);
}

static int place_lookup(struct store *s, const char *key, data__emit_fn fn, void *ud)
{
	struct store_place row;
	struct emit x = { fn, ud };
	int rc = store_place_get(s, key, &row, NULL);

	return rc ? rc : place_out(&row, &x);
}

static int place_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_place_each(s, place_out, &x, e);
}

/* ---- workers ---------------------------------------------------------- */
static const char *const WORKER_COLS[] = {
	"key", "name", "role", "weekly_hours", "languages", NULL,
};

static int languages(const char *v, char *dst, size_t cap, struct err *e)
{
	int rc = text(v, "languages", 0, dst, cap, e);
	const char *p = dst;

	while (!rc && *p) {
		size_t n = strcspn(p, ";");

		if (n < 2 || n > 3)
			return err_set(e, ERR_PARSE, "column languages: '%s' is not a list of "
				       "language codes like fi;sv;en", v);
		for (size_t i = 0; i < n; i++)
			if (p[i] < 'a' || p[i] > 'z')
				return err_set(e, ERR_PARSE, "column languages: '%s' is not a "
					       "list of language codes like fi;sv;en", v);
		p += n + (p[n] == ';');
	}
	return rc;
}

static int worker_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_worker w;
	int rc = key(f[0], "key", 1, w.key, e);

	if (!rc)
		rc = text(f[1], "name", 1, w.name, sizeof w.name, e);
	if (!rc)
		rc = key(f[2], "role", 1, w.role, e);
	if (!rc && strlen(w.role) >= sizeof ((struct store_worker *)0)->role)
		rc = err_set(e, ERR_TOOBIG, "column role: longer than 31 bytes");
	if (!rc)
		rc = number(f[3], "weekly_hours", 0.5, 168, &w.weekly_hours, e);
	if (!rc)
		rc = languages(f[4], w.languages, sizeof w.languages, e);
	return rc ? rc : store_worker_upsert(s, &w, e);
}

static int worker_out(const struct store_worker *w, void *ud)
{
	struct emit *x = ud;
	char hours[32];
	const char *v[] = { w->key, w->name, w->role, hours, w->languages };

	snprintf(hours, sizeof hours, "%g", w->weekly_hours);
	return x->fn(x->ud, v);
}

static int worker_lookup(struct store *s, const char *key, data__emit_fn fn, void *ud)
{
	struct store_worker row;
	struct emit x = { fn, ud };
	int rc = store_worker_get(s, key, &row, NULL);

	return rc ? rc : worker_out(&row, &x);
}

static int worker_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_worker_each(s, worker_out, &x, e);
}

/* ---- pairs ------------------------------------------------------------ */
static const char *const PAIR_COLS[] = { "key", "worker_a", "worker_b", "area", NULL };

static int pair_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_pair p = { 0 };
	int rc = key(f[0], "key", 1, p.key, e);

	if (!rc)
		rc = ref(s, STORE_WORKER, f[1], "worker_a", 1, &p.worker_a_id, e);
	if (!rc)
		rc = ref(s, STORE_WORKER, f[2], "worker_b", 1, &p.worker_b_id, e);
	if (!rc && p.worker_a_id == p.worker_b_id)
		rc = err_set(e, ERR_PARSE, "column worker_b: '%s' is also worker_a; a pair "
			     "is two workers", f[2]);
	if (!rc && !empty(f[3])) {
		rc = key(f[3], "area", 0, p.area, e);
		if (!rc)
			rc = store_area_ensure(s, p.area, &p.area_id, e);
	}
	return rc ? rc : store_pair_upsert(s, &p, e);
}

static int pair_out(const struct store_pair *p, void *ud)
{
	struct emit *x = ud;
	const char *v[] = { p->key, p->worker_a, p->worker_b, p->area };

	return x->fn(x->ud, v);
}

static int pair_lookup(struct store *s, const char *key, data__emit_fn fn, void *ud)
{
	struct store_pair row;
	struct emit x = { fn, ud };
	int rc = store_pair_get(s, key, &row, NULL);

	return rc ? rc : pair_out(&row, &x);
}

static int pair_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_pair_each(s, pair_out, &x, e);
}

/* ---- availability ----------------------------------------------------- */
static const char *const AVAIL_COLS[] = { "worker", "weekday", "start", "end", NULL };
static const char *const WEEKDAYS[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", NULL };

static int availability_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_availability a = { 0 };
	int rc = ref(s, STORE_WORKER, f[0], "worker", 1, &a.worker_id, e);

	if (!rc)
		rc = one_of(f[1], "weekday", WEEKDAYS, e);
	if (!rc)
		a.weekday = tz_weekday_parse(f[1]);
	if (!rc)
		rc = clock(f[2], "start", &a.start_min, e);
	if (!rc)
		rc = clock(f[3], "end", &a.end_min, e);
	if (!rc && a.start_min >= 1440)
		rc = err_set(e, ERR_PARSE, "column start: '%s' is not before 24:00", f[2]);
	if (!rc && a.end_min <= a.start_min)
		rc = err_set(e, ERR_PARSE, "column end: '%s' is not after start '%s'", f[3],
			     f[2]);
	return rc ? rc : store_availability_upsert(s, &a, e);
}

static int availability_out(const struct store_availability *a, void *ud)
{
	struct emit *x = ud;
	char start[6], end[6];
	const char *v[] = { a->worker, tz_weekday_name(a->weekday), start, end };

	tz_format_hhmm(a->start_min, start);
	tz_format_hhmm(a->end_min, end);
	return x->fn(x->ud, v);
}

static int availability_export(struct store *s, data__emit_fn fn, void *ud,
			       struct err *e)
{
	struct emit x = { fn, ud };

	return store_availability_each(s, availability_out, &x, e);
}

/* ---- absences --------------------------------------------------------- */
static const char *const ABSENCE_COLS[] = { "worker", "from", "to", NULL };

static int absence_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_absence a = { 0 };
	int rc = ref(s, STORE_WORKER, f[0], "worker", 1, &a.worker_id, e);

	if (!rc)
		rc = date(f[1], "from", &a.from_day, e);
	if (!rc)
		rc = date(f[2], "to", &a.to_day, e);
	if (!rc && a.to_day < a.from_day)
		rc = err_set(e, ERR_PARSE, "column to: '%s' is before from '%s'", f[2], f[1]);
	return rc ? rc : store_absence_upsert(s, &a, e);
}

static int absence_out(const struct store_absence *a, void *ud)
{
	struct emit *x = ud;
	char from[11], to[11];
	const char *v[] = { a->worker, from, to };

	tz_format_date(a->from_day, from);
	tz_format_date(a->to_day, to);
	return x->fn(x->ud, v);
}

static int absence_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_absence_each(s, absence_out, &x, e);
}

/* ---- visits ----------------------------------------------------------- */
static const char *const VISIT_COLS[] = { "pair", "place", "start", "end", NULL };

#define VISIT_MAX_SECONDS (24 * 3600)

static int visit_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_visit v = { 0 };
	int rc = ref(s, STORE_PAIR, f[0], "pair", 1, &v.pair_id, e);

	if (!rc)
		rc = ref(s, STORE_PLACE, f[1], "place", 1, &v.place_id, e);
	if (!rc)
		rc = datetime(f[2], "start", &v.start, e);
	if (!rc)
		rc = datetime(f[3], "end", &v.end, e);
	if (!rc && v.end <= v.start)
		rc = err_set(e, ERR_PARSE, "column end: '%s' is not after start '%s'", f[3],
			     f[2]);
	if (!rc && v.end - v.start > VISIT_MAX_SECONDS)
		rc = err_set(e, ERR_PARSE, "column end: a visit longer than 24 hours "
			     "('%s' to '%s')", f[2], f[3]);
	return rc ? rc : store_visit_upsert(s, &v, e);
}

static int visit_out(const struct store_visit *v, void *ud)
{
	struct emit *x = ud;
	char start[26], end[26];
	const char *vals[] = { v->pair, v->place, start, end };

	tz_format_local(v->start, start);
	tz_format_local(v->end, end);
	return x->fn(x->ud, vals);
}

static int visit_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_visit_each(s, visit_out, &x, e);
}

/* ---- encounters ------------------------------------------------------- */
static const char *const ENCOUNTER_COLS[] = {
	"time", "place", "lat", "lon", "people", "new_people", "anonymous", NULL,
};

#define PEOPLE_MAX 10000

static int encounter_coords(const char *const *f, struct store_encounter *x,
			    struct err *e)
{
	int rc;

	if (empty(f[2]) && empty(f[3]))
		return 0;
	if (empty(f[2]) || empty(f[3]))
		return err_set(e, ERR_PARSE, "column %s: lat and lon come together",
			       empty(f[2]) ? "lat" : "lon");
	rc = number(f[2], "lat", -90, 90, &x->lat, e);
	if (!rc)
		rc = number(f[3], "lon", -180, 180, &x->lon, e);
	x->has_coords = !rc;
	return rc;
}

static int encounter_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_encounter x = { 0 };
	long people = 0, fresh = 0, anon = 0;
	int rc = datetime(f[0], "time", &x.time, e);

	if (!rc)
		rc = ref(s, STORE_PLACE, f[1], "place", 0, &x.place_id, e);
	if (!rc)
		rc = encounter_coords(f, &x, e);
	if (!rc && !x.place_id && !x.has_coords)
		rc = err_set(e, ERR_PARSE, "column place: give a place or lat and lon");
	if (!rc)
		rc = integer(f[4], "people", 1, PEOPLE_MAX, -1, &people, e);
	if (!rc)
		rc = integer(f[5], "new_people", 0, people, 0, &fresh, e);
	if (!rc)
		rc = integer(f[6], "anonymous", 0, people, 0, &anon, e);
	x.people = (int)people;
	x.new_people = (int)fresh;
	x.anonymous = (int)anon;
	return rc ? rc : store_encounter_upsert(s, &x, e);
}

static int encounter_out(const struct store_encounter *x, void *ud)
{
	struct emit *em = ud;
	char t[26], lat[32] = "", lon[32] = "", n[3][16];
	const char *v[] = { t, x->place, lat, lon, n[0], n[1], n[2] };

	tz_format_local(x->time, t);
	if (x->has_coords) {
		fmt_coord(lat, sizeof lat, x->lat);
		fmt_coord(lon, sizeof lon, x->lon);
	}
	snprintf(n[0], sizeof n[0], "%d", x->people);
	snprintf(n[1], sizeof n[1], "%d", x->new_people);
	snprintf(n[2], sizeof n[2], "%d", x->anonymous);
	return em->fn(em->ud, v);
}

static int encounter_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_encounter_each(s, encounter_out, &x, e);
}

/* ---- commitments ------------------------------------------------------ */
static const char *const COMMITMENT_COLS[] = {
	"partner", "place", "weekday", "start", "end", "pairs_needed",
	"every", "monthly", "dates", "from", "until", "pair", NULL,
};

static int optional_date(const char *v, const char *col, int64_t *day, struct err *e)
{
	*day = 0;
	return empty(v) ? 0 : date(v, col, day, e);
}

/* every (weeks, from `from`), monthly (k-th weekdays) or dates (RDATE),
 * and the span: weekly from now on when all are empty. */
static int commitment_rhythm(const char *const *f, struct store_commitment *c,
			     struct err *e)
{
	long every = 1;
	int rc = integer(f[6], "every", 1, RHYTHM_EVERY_MAX, 1, &every, e);

	c->rhythm.every = (int)every;
	if (!rc)
		rc = rhythm_parse_monthly(f[7], &c->rhythm.monthly, e);
	if (!rc)
		rc = rhythm_parse_dates(f[8], c->weekday, &c->rhythm, e);
	if (!rc)
		rc = rhythm_check(&c->rhythm, e);
	if (!rc)
		rc = optional_date(f[9], "from", &c->from_day, e);
	if (!rc)
		rc = optional_date(f[10], "until", &c->until_day, e);
	if (rc)
		return rc;
	if (c->rhythm.ndates && (c->from_day || c->until_day))
		return err_set(e, ERR_PARSE, "column %s: a list of dates needs no from or "
			       "until", c->from_day ? "from" : "until");
	if (every > 1 && !c->from_day)
		return err_set(e, ERR_PARSE, "column from: every %ld weeks needs the first "
			       "date (from)", every);
	if (c->until_day && c->from_day && c->until_day < c->from_day)
		return err_set(e, ERR_PARSE, "column until: '%s' is before from '%s'", f[10],
			       f[9]);
	return 0;
}

static int commitment_apply(struct store *s, const char *const *f, struct err *e)
{
	struct store_commitment c = { 0 };
	long pairs = 1;
	int rc = ref(s, STORE_PARTNER, f[0], "partner", 1, &c.partner_id, e);

	if (!rc)
		rc = ref(s, STORE_PLACE, f[1], "place", 1, &c.place_id, e);
	if (!rc)
		rc = one_of(f[2], "weekday", WEEKDAYS, e);
	if (!rc)
		c.weekday = tz_weekday_parse(f[2]);
	if (!rc)
		rc = clock(f[3], "start", &c.start_min, e);
	if (!rc)
		rc = clock(f[4], "end", &c.end_min, e);
	if (!rc && (c.start_min >= 1440 || c.end_min <= c.start_min))
		rc = err_set(e, ERR_PARSE, "column end: '%s' is not after start '%s'", f[4],
			     f[3]);
	if (!rc)
		rc = integer(f[5], "pairs_needed", 1, 8, 1, &pairs, e);
	c.pairs_needed = (int)pairs;
	if (!rc)
		rc = commitment_rhythm(f, &c, e);
	if (!rc)	/* continuity: the same pair every time */
		rc = ref(s, STORE_PAIR, f[11], "pair", 0, &c.pair_id, e);
	return rc ? rc : store_commitment_upsert(s, &c, e);
}

static int commitment_out(const struct store_commitment *c, void *ud)
{
	struct emit *x = ud;
	char start[6], end[6], n[8], every[8], monthly[24], from[11] = "", until[11] = "";
	char dates[RHYTHM_DATES_MAX * 11 + 1];
	const char *v[] = { c->partner, c->place, tz_weekday_name(c->weekday), start, end, n,
			    every, monthly, dates, from, until, c->pair };

	tz_format_hhmm(c->start_min, start);
	tz_format_hhmm(c->end_min, end);
	snprintf(n, sizeof n, "%d", c->pairs_needed);
	snprintf(every, sizeof every, "%d", rhythm_every(&c->rhythm));
	rhythm_format_monthly(c->rhythm.monthly, monthly, sizeof monthly);
	rhythm_format_dates(&c->rhythm, dates, sizeof dates);
	if (c->from_day)
		tz_format_date(c->from_day, from);
	if (c->until_day)
		tz_format_date(c->until_day, until);
	return x->fn(x->ud, v);
}

static int commitment_export(struct store *s, data__emit_fn fn, void *ud, struct err *e)
{
	struct emit x = { fn, ud };

	return store_commitment_each(s, commitment_out, &x, e);
}

/* ---- the table -------------------------------------------------------- */
const struct data__kind data__kinds[DATA_NKINDS] = {
	[DATA_AREAS] = { "areas", AREA_COLS, "ss", 0x1, area_apply, area_export,
		       area_lookup },
	[DATA_PARTNERS] = { "partners", PARTNER_COLS, "sss", 0x3, partner_apply,
			    partner_export, partner_lookup },
	[DATA_PLACES] = { "places", PLACE_COLS, "sssnnsnsss", 0x1f, place_apply,
			  place_export, place_lookup },
	[DATA_WORKERS] = { "workers", WORKER_COLS, "sssns", 0xf, worker_apply,
			   worker_export, worker_lookup },
	[DATA_PAIRS] = { "pairs", PAIR_COLS, "ssss", 0x7, pair_apply, pair_export,
		       pair_lookup },
	[DATA_AVAILABILITY] = { "availability", AVAIL_COLS, "ssss", 0xf,
				availability_apply, availability_export, NULL },
	[DATA_ABSENCES] = { "absences", ABSENCE_COLS, "sss", 0x7, absence_apply,
			    absence_export, NULL },
	[DATA_VISITS] = { "visits", VISIT_COLS, "ssss", 0xf, visit_apply, visit_export,
			  NULL },
	[DATA_ENCOUNTERS] = { "encounters", ENCOUNTER_COLS, "ssnnnnn", 0x11,
			      encounter_apply, encounter_export, NULL },
	[DATA_COMMITMENTS] = { "commitments", COMMITMENT_COLS, "sssssnnsssss", 0x1f,
			       commitment_apply, commitment_export, NULL },
};
