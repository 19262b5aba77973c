#include "planner/rounds/guests.h"
#include "store/guests.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int known_kind(const char *kind)
{
	for (int i = 0; store_guest_kinds[i]; i++)
		if (!strcmp(kind, store_guest_kinds[i]))
			return 1;
	return 0;
}

/* A Finnish personal identity code (DDMMYY, century sign, 3 digits and a
 * check character), an e-mail address or a phone number (7+ digits). */
static int looks_personal(const char *label)
{
	int digits = 0;

	if (strchr(label, '@'))
		return 1;
	for (const char *p = label; *p; p++) {
		digits += isdigit((unsigned char)*p) != 0;
		if (strlen(p) >= 11 && strspn(p, "0123456789") == 6 &&
		    strchr("+-AaBCDEFYXWVU", p[6]) && strspn(p + 7, "0123456789") == 3)
			return 1;
	}
	return digits >= 7;
}

static int check_guest(const char *kind, const char *label, struct err *e)
{
	size_t n = label ? strlen(label) : 0;

	if (!kind || !known_kind(kind))
		return err_set(e, ERR_USAGE, "guest kind '%s' is not one of nurse, dental, "
			       "rescue, parish, social_services, other", kind ? kind : "");
	if (!n || n > STORE_GUEST_LABEL_MAX)
		return err_set(e, ERR_USAGE, "a guest's label is 1 to %d bytes (a name or "
			       "role)", STORE_GUEST_LABEL_MAX);
	if (looks_personal(label))
		return err_set(e, ERR_USAGE, "the label '%s' looks like an identity code, "
			       "e-mail or phone number: give a name or role only", label);
	return 0;
}

static int in_tx(struct store *s, int rc, struct err *e)
{
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

int plan_guest_add(struct store *s, const char *kind, const char *label, const char *partner,
		   int64_t now, int64_t *id, struct err *e)
{
	struct store_guest g = { .created_t = now };
	int rc = check_guest(kind, label, e);

	if (!rc && partner && store_id_of(s, STORE_PARTNER, partner, &g.partner_id))
		rc = err_set(e, ERR_NOTFOUND, "no partner with key '%s'", partner);
	if (rc)
		return rc;
	snprintf(g.kind, sizeof g.kind, "%s", kind);
	snprintf(g.label, sizeof g.label, "%s", label);
	rc = store_begin(s, e);
	if (rc)
		return rc;
	rc = in_tx(s, store_guest_insert(s, &g, e), e);
	*id = g.id;
	return rc;
}

int plan_guest_cap(struct store *s, int *cap, struct err *e)
{
	char v[16];
	int rc = store_setting_get(s, "guest_cap", "2", v, sizeof v, e);

	*cap = rc ? PLAN_GUEST_CAP_DEFAULT : atoi(v);
	return rc;
}

static int64_t local_day(int64_t t)
{
	struct tz_civil c;

	tz_to_local(t, &c);
	return tz_days_from_civil(c.year, c.month, c.day);
}

/* ---- the occurrence a join names --------------------------------------- */
struct target {
	struct store_shift sh;
	struct store_shift_parts parts;
	int64_t day, today;
};

static int cancelled_on(const struct target *t, int64_t day)
{
	for (int i = 0; i < t->parts.nexc; i++)
		if (t->parts.exc[i].day == day && (!strcmp(t->parts.exc[i].kind, "skip") ||
						   !strcmp(t->parts.exc[i].kind, "cancel")))
			return 1;
	return 0;
}

static int check_occurrence(struct store *s, struct target *t, struct err *e)
{
	struct store_plan p;
	char d[11];
	int rc = store_plan_get(s, t->sh.plan_id, &p, e);

	if (rc)
		return rc;
	if (strcmp(p.status, "published"))
		return err_set(e, ERR_USAGE, "shift %lld is not in the published plan",
			       (long long)t->sh.id);
	if (!t->day) {
		if (store_shift_next(&t->sh, t->today) == RHYTHM_NONE)
			return err_set(e, ERR_USAGE, "shift %lld has no occurrence left",
				       (long long)t->sh.id);
		return 0;
	}
	tz_format_date(t->day, d);
	if (!store_shift_runs_on(&t->sh, t->day))
		return err_set(e, ERR_USAGE, "shift %lld has no occurrence on %s",
			       (long long)t->sh.id, d);
	if (t->day < t->today)
		return err_set(e, ERR_USAGE, "shift %lld on %s is past", (long long)t->sh.id, d);
	if (cancelled_on(t, t->day))
		return err_set(e, ERR_USAGE, "shift %lld on %s is cancelled", (long long)t->sh.id,
			       d);
	return 0;
}

/* ---- the cap ---------------------------------------------------------- */
struct count {
	int64_t guest_id, day;
	int every, on_day[64];	/* shift-wide joins; day joins of the next 64 occurrences */
	int64_t days[64];
	int ndays;
};

static int count_join(const struct store_guest_join *j, void *ud)
{
	struct count *c = ud;

	if (strcmp(j->status, "joined") || j->guest_id == c->guest_id)
		return 0;
	if (!j->day) {
		c->every++;
		return 0;
	}
	for (int i = 0; i < c->ndays; i++)
		c->on_day[i] += c->days[i] == j->day;
	return 0;
}

/* The most guests any occurrence the join covers would have with it. */
static int busiest(struct store *s, const struct target *t, int64_t guest_id, int *n,
		   struct err *e)
{
	struct count c = { .guest_id = guest_id };
	int rc;

	if (t->day)
		c.days[c.ndays++] = t->day;
	for (int64_t d = store_shift_next(&t->sh, t->today); !t->day && d != RHYTHM_NONE &&
	     c.ndays < 64; d = store_shift_next(&t->sh, d + 1))
		c.days[c.ndays++] = d;
	rc = store_guest_join_each_of_shift(s, t->sh.id, count_join, &c, e);
	*n = 0;
	for (int i = 0; i < c.ndays; i++)
		if (c.every + c.on_day[i] > *n)
			*n = c.every + c.on_day[i];
	if (!c.ndays)
		*n = c.every;
	return rc;
}

static int meet_place(const struct target *t, const char *meet, int64_t *place_id,
		      struct err *e)
{
	*place_id = 0;
	for (int i = 0; i < t->parts.nstops; i++) {
		const struct store_stop *st = &t->parts.stops[i];

		if (st->exception_id)
			continue;
		if (!meet || !strcmp(meet, st->place)) {
			*place_id = st->place_id;
			return 0;
		}
	}
	return meet ? err_set(e, ERR_USAGE, "shift %lld does not stop at '%s'",
			      (long long)t->sh.id, meet) : 0;
}

static int join_checked(struct store *s, struct target *t, int64_t guest_id,
			const char *meet, int64_t now, int64_t *join_id, struct err *e)
{
	struct store_guest_join j = { .guest_id = guest_id, .shift_id = t->sh.id,
				      .day = t->day, .created_t = now };
	struct store_guest g;
	int cap, n, rc = store_guest_get(s, guest_id, &g, e);

	if (!rc)
		rc = check_occurrence(s, t, e);
	if (!rc)
		rc = meet_place(t, meet, &j.meet_place_id, e);
	if (!rc)
		rc = plan_guest_cap(s, &cap, e);
	if (!rc)
		rc = busiest(s, t, guest_id, &n, e);
	if (!rc && n + 1 > cap)
		rc = err_set(e, ERR_CONFLICT, "shift %lld already has %d guest%s (the cap is "
			     "%d: outreach config guest_cap N)", (long long)t->sh.id, n,
			     n == 1 ? "" : "s", cap);
	if (!rc)
		rc = store_guest_join_put(s, &j, e);
	if (!rc)
		rc = store_shift_touch(s, t->sh.id, now, e);
	*join_id = j.id;
	return rc;
}

int plan_guest_join(struct store *s, int64_t guest_id, int64_t shift_id, int64_t day,
		    const char *meet, int64_t now, int64_t *join_id, struct err *e)
{
	struct target t = { .day = day, .today = local_day(now) };
	int rc = store_shift_get(s, shift_id, &t.sh, e);

	if (rc)
		return rc;
	rc = store_shift_parts_load(s, shift_id, &t.parts, e);
	if (rc)
		return rc;
	rc = store_begin(s, e);
	if (!rc)
		rc = in_tx(s, join_checked(s, &t, guest_id, meet, now, join_id, e), e);
	store_shift_parts_release(&t.parts);
	return rc;
}

/* The shifts a cancelled join concerned change in the feeds. */
static int cancel_in_tx(struct store *s, int64_t join_id, int64_t now, struct err *e)
{
	struct store_guest_join j;
	int rc = store_guest_join_get(s, join_id, &j, e);

	if (!rc)
		rc = store_guest_join_cancel(s, join_id, now, e);
	if (!rc && j.shift_id)
		rc = store_shift_touch(s, j.shift_id, now, e);
	return rc;
}

int plan_guest_cancel(struct store *s, int64_t join_id, int64_t now, struct err *e)
{
	int rc = store_begin(s, e);

	if (rc)
		return rc;
	return in_tx(s, cancel_in_tx(s, join_id, now, e), e);
}
