#include "calendars/feed.h"
#include "calendars/reason.h"
#include "store/guests.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TZID "Europe/Helsinki"
#define PRODID "-//Outreach Planner//Shift Feeds 0.1//EN"
#define UID_DOMAIN "outreach-planner"

/* One STANDARD and one DAYLIGHT with yearly rules: the shape Outlook wants
 * (libical's generated zone has many sub-components). */
static const char VTZ[] =
	"BEGIN:VTIMEZONE\r\n"
	"TZID:" TZID "\r\n"
	"BEGIN:DAYLIGHT\r\n"
	"TZOFFSETFROM:+0200\r\n"
	"TZOFFSETTO:+0300\r\n"
	"TZNAME:EEST\r\n"
	"DTSTART:19700329T030000\r\n"
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
	"END:DAYLIGHT\r\n"
	"BEGIN:STANDARD\r\n"
	"TZOFFSETFROM:+0300\r\n"
	"TZOFFSETTO:+0200\r\n"
	"TZNAME:EET\r\n"
	"DTSTART:19701025T040000\r\n"
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
	"END:STANDARD\r\n"
	"END:VTIMEZONE\r\n";

const char *cal_feed_vtimezone(void)
{
	return VTZ;
}

/* ---- words, in the team's languages ------------------------------------ */
enum { W_SHIFTS, W_PAIR, W_TEAM, W_VISITS, W_OUTREACH, W_AT, W_CANCELLED, W_STOPS,
       W_EXPECTED, W_ROUTE, W_GPX, W_CHANGED, W_WORKERS, W_MOVED, W_GUESTS, W_EVERY,
       W_MEETS, NWORDS };

static const char *const WORDS[3][NWORDS] = {
	{ "Työvuorot", "Pari", "Tiimi", "Käynnit", "Etsivä työ", "paikassa",
	  "PERUTTU", "Pysähdykset", "odotettu", "Reitti", "GPX", "reitti muuttui",
	  "Työntekijät", "siirretty", "Mukana", "joka kerta", "tapaaminen" },
	{ "Arbetspass", "Par", "Team", "Besök", "Uppsökande arbete", "vid",
	  "INSTÄLLT", "Stopp", "väntat", "Rutt", "GPX", "rutten ändrades",
	  "Arbetare", "flyttat", "Med", "varje gång", "möts vid" },
	{ "Shifts", "Pair", "Team", "Visits", "Outreach", "at", "CANCELLED", "Stops",
	  "expected", "Route", "GPX", "route changed", "Workers", "moved", "Joining",
	  "every time", "meets at" },
};

struct ctx {
	const struct cal_feed_opts *o;
	struct store *s;
	const char *const *w;
	icaltimezone *z;
	icalcomponent *cal;
	char instance[64];
	int64_t last_modified;
	struct err *e;
};

/* ---- times ------------------------------------------------------------ */
static struct icaltimetype local_time(const struct ctx *c, int64_t day, int minute)
{
	struct icaltimetype t = icaltime_null_time();
	int y, m, d;

	day += minute / 1440;
	minute %= 1440;
	tz_civil_from_days(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	t.hour = minute / 60;
	t.minute = minute % 60;
	t.zone = c->z;
	return t;
}

static struct icaltimetype utc_time(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

static icalproperty *with_tzid(icalproperty *p)
{
	/* libical's new_exdate/new_recurrenceid would otherwise write a
	 * floating time. */
	icalproperty_add_parameter(p, icalparameter_new_tzid(TZID));
	return p;
}

static void add_x(icalcomponent *comp, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);

	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(comp, p);
}

/* ---- collecting a shift's parts --------------------------------------- */
struct shift_parts {
	struct store_shift sh;
	struct store_stop *stops;
	int nstops;
	struct store_exception *exc;
	int nexc;
	struct store_shift_parts own;	/* owns the arrays above */
	struct store_guest_join *joins;	/* guests who join (any status) */
	int njoins;
};

struct shift_list {
	struct shift_parts *v;
	int n;
};

static int add_shift(const struct store_shift *sh, void *ud)
{
	struct shift_list *l = ud;

	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	l->v[l->n++].sh = *sh;
	return 0;
}

static int add_join(const struct store_guest_join *j, void *ud)
{
	struct shift_parts *p = ud;

	p->joins = xrealloc(p->joins, (size_t)(p->njoins + 1) * sizeof *p->joins);
	p->joins[p->njoins++] = *j;
	return 0;
}

static void free_shifts(struct shift_list *l)
{
	for (int i = 0; i < l->n; i++) {
		store_shift_parts_release(&l->v[i].own);
		free(l->v[i].joins);
	}
	free(l->v);
}

/* ---- event parts ------------------------------------------------------ */
static void stamp(const struct ctx *c, icalcomponent *ev, const struct store_shift *sh)
{
	icalcomponent_set_dtstamp(ev, utc_time(sh->modified_t));
	icalcomponent_add_property(ev, icalproperty_new_created(utc_time(sh->created_t)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(sh->modified_t)));
	icalcomponent_set_sequence(ev, sh->sequence);
	(void)c;
}

static void place_props(icalcomponent *ev, const struct store_stop *st)
{
	char loc[2 * STORE_NAME_MAX + 4];
	struct icalgeotype g = { st->lat, st->lon };

	if (st->address[0])
		snprintf(loc, sizeof loc, "%s, %s", st->place_name, st->address);
	else
		snprintf(loc, sizeof loc, "%s", st->place_name);
	icalcomponent_set_location(ev, loc);
	icalcomponent_add_property(ev, icalproperty_new_geo(g));
}

static void times(const struct ctx *c, icalcomponent *ev, int64_t day, int start,
		  int end)
{
	icalcomponent_set_dtstart(ev, local_time(c, day, start));
	icalcomponent_set_dtend(ev, local_time(c, day, end));
}

/* 23:59:59 local time on DAY, as an instant. */
static int64_t end_of_day(int64_t day)
{
	struct tz_civil cv = { .hour = 23, .min = 59, .sec = 59 };

	tz_civil_from_days(day, &cv.year, &cv.month, &cv.day);
	return tz_from_local(&cv);
}

/* libical's BYDAY code: weekday 1 (Sunday)..7 plus 8 x |position|, with
 * the position's sign (libical 3.0 has no encoder). */
static short byday(int weekday, int position)
{
	int dow = (weekday + 1) % 7 + 1;
	int code = dow + 8 * (position < 0 ? -position : position);

	return (short)(position < 0 ? -code : code);
}

static void monthly_days(struct icalrecurrencetype *r, const struct rhythm *rh,
			 int weekday)
{
	int n = 0;

	for (int k = 0; k <= RHYTHM_LAST; k++)
		if (rh->monthly & (1u << k))
			r->by_day[n++] = byday(weekday, k == RHYTHM_LAST ? -1 : k + 1);
	r->by_day[n] = ICAL_RECURRENCE_ARRAY_MAX;
}

/* Every date of a list as an RDATE, the first (DTSTART) too: ical.js 2.2
 * (Thunderbird) drops DTSTART from a set made of RDATEs alone, and RFC 5545
 * counts a repeated instance once (python and libical agree). */
static void date_list(const struct ctx *c, icalcomponent *ev, const struct store_shift *sh,
		      int start)
{
	for (int i = 0; i < sh->rhythm.ndates; i++) {
		struct icaldatetimeperiodtype v = { local_time(c, sh->rhythm.dates[i], start),
						    icalperiodtype_null_period() };

		icalcomponent_add_property(ev, with_tzid(icalproperty_new_rdate(v)));
	}
}

/*
 * The shift's rhythm: FREQ=WEEKLY (INTERVAL=N every N weeks), FREQ=MONTHLY
 * with BYDAY=1TU,3TU,-1TU, or RDATEs for a list of dates.
 * UNTIL (in UTC) is the end of the last occurrence's local day, not its
 * exact start, which RFC 5545 would allow: dateutil with pytz zones (under
 * python recurring_ical_events 2.0.1, Debian 12) computes every occurrence
 * in DTSTART's UTC offset, so after the March change the last start lies an
 * hour past an exact UNTIL and the last week is lost. The next occurrence
 * is at least a week later, so the end of the day adds none.
 */
static void rhythm_rule(const struct ctx *c, icalcomponent *ev, const struct store_shift *sh,
			int start)
{
	struct icalrecurrencetype r;

	if (rhythm_kind(&sh->rhythm) == RHYTHM_DATES) {
		date_list(c, ev, sh, start);
		return;
	}
	if (sh->last_day <= sh->first_day)
		return;
	icalrecurrencetype_clear(&r);
	r.freq = ICAL_WEEKLY_RECURRENCE;
	if (rhythm_kind(&sh->rhythm) == RHYTHM_MONTHLY) {
		r.freq = ICAL_MONTHLY_RECURRENCE;
		monthly_days(&r, &sh->rhythm, sh->weekday);
	}
	r.interval = (short)rhythm_every(&sh->rhythm);
	r.until = utc_time(end_of_day(sh->last_day + start / 1440));
	icalcomponent_add_property(ev, icalproperty_new_rrule(r));
}

/* DTSTART must be an occurrence (RFC 5545 counts it as one). */
static int64_t first_day(const struct store_shift *sh)
{
	int64_t d = rhythm_next(&sh->rhythm, sh->weekday, sh->first_day, sh->last_day,
				sh->first_day);

	return d == RHYTHM_NONE ? sh->first_day : d;
}

static char *uid(const struct ctx *c, const char *what, int64_t id, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s-%lld-%s@" UID_DOMAIN, what, (long long)id, c->instance);
	return buf;
}

static void describe_stops(const struct ctx *c, struct buf *b, const struct store_stop *v,
			   int n, int64_t exc_id, int delta)
{
	char a[6], l[6];

	buf_printf(b, "%s:\n", c->w[W_STOPS]);
	for (int i = 0; i < n; i++) {
		if (v[i].exception_id != exc_id)
			continue;
		tz_format_hhmm(v[i].arrive_min + delta, a);
		tz_format_hhmm(v[i].leave_min + delta, l);
		buf_printf(b, "%s–%s %s", a, l, v[i].place_name);
		if (v[i].expected > 0)
			buf_printf(b, " (%s %.1f, 80 %%: %.1f–%.1f)", c->w[W_EXPECTED],
				   v[i].expected, v[i].lower, v[i].upper);
		buf_printf(b, " [%s]\n", v[i].why);
		if (v[i].address[0])
			buf_printf(b, "  %s\n", v[i].address);
	}
}

static void describe_links(const struct ctx *c, struct buf *b, int64_t shift_id)
{
	if (!c->o->base_url || !c->o->token)
		return;
	buf_printf(b, "%s: %s/w/%s/shifts/%lld\n", c->w[W_ROUTE], c->o->base_url,
		   c->o->token, (long long)shift_id);
	buf_printf(b, "%s: %s/w/%s/shifts/%lld.gpx\n", c->w[W_GPX], c->o->base_url,
		   c->o->token, (long long)shift_id);
}

/* Who joins the pair from the network: label (kind, partner), the day or
 * every time, and where they meet. Cancelled joins are left out. */
static void describe_guests(const struct ctx *c, struct buf *b, const struct shift_parts *p)
{
	int shown = 0;
	char d[11];

	for (int i = 0; i < p->njoins; i++) {
		const struct store_guest_join *j = &p->joins[i];

		if (strcmp(j->status, "joined"))
			continue;
		if (!shown++)
			buf_printf(b, "%s:\n", c->w[W_GUESTS]);
		if (j->day)
			tz_format_date(j->day, d);
		buf_printf(b, "%s (%s%s%s), %s", j->guest.label, j->guest.kind,
			   j->guest.partner[0] ? ", " : "", j->guest.partner,
			   j->day ? d : c->w[W_EVERY]);
		if (j->meet_name[0])
			buf_printf(b, ", %s %s", c->w[W_MEETS], j->meet_name);
		buf_puts(b, "\n");
	}
}

/* First stop of the template (exception 0) or of an exception. */
static const struct store_stop *first_stop(const struct shift_parts *p, int64_t exc_id)
{
	for (int i = 0; i < p->nstops; i++)
		if (p->stops[i].exception_id == exc_id)
			return &p->stops[i];
	return NULL;
}

/* ---- shift feeds (worker, pair, team) ---------------------------------- */
static void shift_text(const struct ctx *c, icalcomponent *ev, const struct shift_parts *p,
		       int64_t exc_id, int delta, const char *note)
{
	const struct store_stop *f = first_stop(p, exc_id);
	char sum[512];
	struct buf d;

	snprintf(sum, sizeof sum, "%s%s%s: %s%s%s%s", note ? note : "", note ? " " : "",
		 c->o->kind == STORE_FEED_TEAM ? p->sh.pair : c->w[W_OUTREACH],
		 f ? f->place_name : p->sh.area, p->sh.area[0] && f ? " (" : "",
		 f ? p->sh.area : "", p->sh.area[0] && f ? ")" : "");
	icalcomponent_set_summary(ev, sum);
	buf_init(&d);
	buf_printf(&d, "%s %s: %s & %s\n", c->w[W_PAIR], p->sh.pair, p->sh.worker_a,
		   p->sh.worker_b);
	describe_stops(c, &d, p->stops, p->nstops, exc_id, delta);
	describe_guests(c, &d, p);
	describe_links(c, &d, p->sh.id);
	buf_puts(&d, "© OpenStreetMap contributors");
	icalcomponent_set_description(ev, d.p);
	buf_release(&d);
	if (f)
		place_props(ev, f);
}

static int is_skip(const struct store_exception *x)
{
	return !strcmp(x->kind, "skip") || !strcmp(x->kind, "cancel");
}

static void shift_events(struct ctx *c, const struct shift_parts *p)
{
	const struct store_shift *sh = &p->sh;
	icalcomponent *ev = icalcomponent_new_vevent();
	char u[160];

	uid(c, "shift", sh->id, u, sizeof u);
	icalcomponent_set_uid(ev, u);
	stamp(c, ev, sh);
	shift_text(c, ev, p, 0, 0, NULL);
	times(c, ev, first_day(sh), sh->start_min, sh->end_min);
	rhythm_rule(c, ev, sh, sh->start_min);
	for (int i = 0; i < p->nexc; i++)
		if (is_skip(&p->exc[i]))
			icalcomponent_add_property(ev, with_tzid(icalproperty_new_exdate(
				local_time(c, p->exc[i].day, sh->start_min))));
	icalcomponent_set_status(ev, ICAL_STATUS_CONFIRMED);
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	icalcomponent_add_component(c->cal, ev);
	for (int i = 0; i < p->nexc; i++) {
		const struct store_exception *x = &p->exc[i];
		int replan = !strcmp(x->kind, "replan");
		int start = x->start_min >= 0 ? x->start_min : sh->start_min;
		int end = x->end_min >= 0 ? x->end_min : sh->end_min;

		if (is_skip(x))
			continue;
		ev = icalcomponent_new_vevent();
		icalcomponent_set_uid(ev, u);
		icalcomponent_add_property(ev, with_tzid(icalproperty_new_recurrenceid(
			local_time(c, x->day, sh->start_min))));
		stamp(c, ev, sh);
		shift_text(c, ev, p, replan ? x->id : 0, replan ? 0 : start - sh->start_min,
			   NULL);
		times(c, ev, x->day, start, end);
		icalcomponent_set_status(ev, ICAL_STATUS_CONFIRMED);
		icalcomponent_add_component(c->cal, ev);
	}
}

/* ---- venue feeds (partner, place) -------------------------------------- */
static int venue_matches(const struct ctx *c, const struct store_stop *st)
{
	if (c->o->kind == STORE_FEED_PARTNER)
		return st->partner_id == c->o->subject_id;
	return st->place_id == c->o->subject_id;
}

static void visit_text(const struct ctx *c, icalcomponent *ev, const struct shift_parts *p,
		       const struct store_stop *st, const char *cancel_reason)
{
	char sum[640];
	struct buf d;

	snprintf(sum, sizeof sum, "%s%s%s %s %s", cancel_reason ? c->w[W_CANCELLED] : "",
		 cancel_reason ? ": " : "", c->w[W_OUTREACH], c->w[W_AT], st->place_name);
	icalcomponent_set_summary(ev, sum);
	buf_init(&d);
	if (cancel_reason)
		buf_printf(&d, "%s%s%s\n", c->w[W_CANCELLED], *cancel_reason ? ": " : "",
			   cancel_reason);
	if (c->o->show_names)
		buf_printf(&d, "%s: %s & %s\n", c->w[W_WORKERS], p->sh.worker_a,
			   p->sh.worker_b);
	buf_puts(&d, st->place_name);
	if (st->address[0])
		buf_printf(&d, "\n%s", st->address);
	icalcomponent_set_description(ev, d.p);
	buf_release(&d);
	place_props(ev, st);
}

/* The stop at this venue in an exception's own stops, or NULL. */
static const struct store_stop *replanned(const struct shift_parts *p, int64_t exc_id,
					  int64_t place_id)
{
	for (int i = 0; i < p->nstops; i++)
		if (p->stops[i].exception_id == exc_id && p->stops[i].place_id == place_id)
			return &p->stops[i];
	return NULL;
}

/* Partners and places see a neutral reason unless names were allowed. */
static const char *skip_reason(const struct ctx *c, const struct store_exception *x,
			       char *buf, size_t cap)
{
	return cal_reason_text(x->reason, x->day, c->o->lang, c->o->show_names, buf, cap);
}

static void visit_override(struct ctx *c, const struct shift_parts *p,
			   const struct store_stop *st, const struct store_exception *x,
			   const char *u)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	const struct store_stop *moved = st;
	const char *cancel = NULL;
	char why[160];
	int delta = 0;

	icalcomponent_set_uid(ev, u);
	icalcomponent_add_property(ev, with_tzid(icalproperty_new_recurrenceid(
		local_time(c, x->day, st->arrive_min))));
	stamp(c, ev, &p->sh);
	if (is_skip(x)) {
		cancel = skip_reason(c, x, why, sizeof why);
	} else if (!strcmp(x->kind, "replan")) {
		moved = replanned(p, x->id, st->place_id);
		if (!moved) {
			moved = st;
			cancel = c->w[W_CHANGED];
		}
	} else if (x->start_min >= 0) {
		delta = x->start_min - p->sh.start_min;
	}
	visit_text(c, ev, p, st, cancel);
	times(c, ev, x->day, moved->arrive_min + delta, moved->leave_min + delta);
	icalcomponent_set_status(ev, cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
	icalcomponent_add_component(c->cal, ev);
}

static void visit_events(struct ctx *c, const struct shift_parts *p)
{
	for (int i = 0; i < p->nstops; i++) {
		const struct store_stop *st = &p->stops[i];
		icalcomponent *ev;
		char u[160];

		if (st->exception_id || !venue_matches(c, st))
			continue;
		ev = icalcomponent_new_vevent();
		uid(c, "visit", st->id, u, sizeof u);
		icalcomponent_set_uid(ev, u);
		stamp(c, ev, &p->sh);
		visit_text(c, ev, p, st, NULL);
		times(c, ev, first_day(&p->sh), st->arrive_min, st->leave_min);
		rhythm_rule(c, ev, &p->sh, st->arrive_min);
		icalcomponent_set_status(ev, ICAL_STATUS_CONFIRMED);
		icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
		icalcomponent_add_component(c->cal, ev);
		for (int k = 0; k < p->nexc; k++)
			visit_override(c, p, st, &p->exc[k], u);
	}
}

/* ---- the calendar ----------------------------------------------------- */
static int calendar_name(struct ctx *c, char *out, size_t cap)
{
	static const enum store_keyed keyed[] = {
		[STORE_FEED_WORKER] = STORE_WORKER, [STORE_FEED_PAIR] = STORE_PAIR,
		[STORE_FEED_PARTNER] = STORE_PARTNER, [STORE_FEED_PLACE] = STORE_PLACE,
	};
	static const int word[] = {
		[STORE_FEED_WORKER] = W_SHIFTS, [STORE_FEED_PAIR] = W_PAIR,
		[STORE_FEED_TEAM] = W_TEAM, [STORE_FEED_PARTNER] = W_VISITS,
		[STORE_FEED_PLACE] = W_VISITS,
	};
	char who[STORE_NAME_MAX + 1] = "";
	int rc = 0;

	if (c->o->kind != STORE_FEED_TEAM)
		rc = store_name_of(c->s, keyed[c->o->kind], c->o->subject_id, who,
				   sizeof who, c->e);
	snprintf(out, cap, "%s – %s%s%s", c->w[W_OUTREACH], c->w[word[c->o->kind]],
		 who[0] ? ": " : "", who);
	return rc;
}

static int header(struct ctx *c)
{
	char name[400], ttl[16];
	struct icaldurationtype d = icaldurationtype_null_duration();
	int minutes = c->o->ttl_minutes > 0 ? c->o->ttl_minutes : 60;
	int rc = calendar_name(c, name, sizeof name);

	if (rc)
		return rc;
	icalcomponent_add_property(c->cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(c->cal, icalproperty_new_prodid(PRODID));
	icalcomponent_add_property(c->cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(c->cal, icalproperty_new_name(name));
	add_x(c->cal, "X-WR-CALNAME", name);
	add_x(c->cal, "X-WR-TIMEZONE", TZID);
	d.hours = (unsigned)(minutes / 60);
	d.minutes = (unsigned)(minutes % 60);
	icalcomponent_add_property(c->cal, icalproperty_new_refreshinterval(d));
	snprintf(ttl, sizeof ttl, "PT%dM", minutes);
	if (minutes % 60 == 0)
		snprintf(ttl, sizeof ttl, "PT%dH", minutes / 60);
	add_x(c->cal, "X-PUBLISHED-TTL", ttl);
	icalcomponent_add_component(c->cal,
				    icalcomponent_new_clone(icaltimezone_get_component(c->z)));
	return 0;
}

static int collect(struct ctx *c, struct shift_list *l)
{
	int rc = store_feed_shift_each(c->s, c->o->kind, c->o->subject_id, add_shift, l,
				       c->e);

	for (int i = 0; !rc && i < l->n; i++) {
		struct shift_parts *p = &l->v[i];

		rc = store_shift_parts_load(c->s, p->sh.id, &p->own, c->e);
		if (!rc)
			rc = store_guest_join_each_of_shift(c->s, p->sh.id, add_join, p, c->e);
		p->stops = p->own.stops;
		p->nstops = p->own.nstops;
		p->exc = p->own.exc;
		p->nexc = p->own.nexc;
		if (l->v[i].sh.modified_t > c->last_modified)
			c->last_modified = l->v[i].sh.modified_t;
	}
	return rc;
}

static const char *const *words(const char *lang)
{
	if (lang && !strcmp(lang, "sv"))
		return WORDS[1];
	if (lang && !strcmp(lang, "en"))
		return WORDS[2];
	return WORDS[0];
}

int cal_feed_render(struct store *s, const struct cal_feed_opts *o, char **ics,
		    size_t *len, int64_t *last_modified, struct err *e)
{
	struct ctx c = { .o = o, .s = s, .w = words(o->lang), .e = e };
	struct shift_list l = { 0 };
	char *text;
	int rc;

	*ics = NULL;
	rc = store_setting_get(s, "instance_id", "0", c.instance, sizeof c.instance, e);
	if (!rc)
		rc = collect(&c, &l);
	if (rc) {
		free_shifts(&l);
		return rc;
	}
	c.z = icaltimezone_new();
	icaltimezone_set_component(c.z, icalcomponent_new_from_string(VTZ));
	c.cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	rc = header(&c);
	for (int i = 0; !rc && i < l.n; i++) {
		if (o->kind == STORE_FEED_PARTNER || o->kind == STORE_FEED_PLACE)
			visit_events(&c, &l.v[i]);
		else
			shift_events(&c, &l.v[i]);
	}
	if (!rc) {
		text = icalcomponent_as_ical_string_r(c.cal);
		if (!text)
			rc = err_set(e, ERR_INTERNAL, "libical could not serialise the feed");
		else {
			*len = strlen(text);
			*ics = text;
			*last_modified = c.last_modified;
		}
	}
	icalcomponent_free(c.cal);
	icaltimezone_free(c.z, 1);
	free_shifts(&l);
	return rc;
}
