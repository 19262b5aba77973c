/*
 * entry.c - one field-log entry from JSON (every value checked, unknown
 * fields refused) and back.
 */
#include "field/field_int.h"
#include "util/err.h"
#include "util/tz.h"

#include <string.h>

#define BAD(name, ...) \
	(snprintf(r->field, sizeof r->field, "%s", name), err_set(e, ERR_PARSE, __VA_ARGS__))

static const char *const KNOWN[] = {
	"id", "rev", "shift", "date", "stop", "place", "lat", "lon", "arrive", "leave",
	"skipped", "outside", "people", "new", "anonymous", "guidance", "accompanied",
	"contacted", "deleted", NULL,
};
static const char *const SKIPPED[] = { "closed", "unsafe", "called_away", "no_time", NULL };
static const char *const OUTSIDE[] = { "started_early", "stayed_longer", "called_out", NULL };

static int listed(const char *const *list, const char *v)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], v))
			return 1;
	return 0;
}

static int known_keys(const json_t *j, struct field_result *r, struct err *e)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)j, k, v) {
		if (!listed(KNOWN, k))
			return BAD(k, "unknown field '%.40s': the field log takes counts and "
				   "fixed codes only", k);
	}
	return 0;
}

static int client_id(const json_t *j, char *out, struct field_result *r, struct err *e)
{
	const char *v = json_string_value(json_object_get(j, "id"));
	size_t n = v ? strlen(v) : 0;

	if (n < 8 || n > STORE_CLIENT_ID_MAX || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return BAD("id", "give the entry's id: 8-%d letters, digits, '-' or '_'",
			   STORE_CLIENT_ID_MAX);
	memcpy(out, v, n + 1);
	return 0;
}

/* An integer field in lo..hi; absent: dflt (or an error when required). */
static int int_field(const json_t *j, const char *name, long long lo, long long hi,
		     long long dflt, int required, long long *out, struct field_result *r,
		     struct err *e)
{
	json_t *v = json_object_get(j, name);

	if (!v || json_is_null(v)) {
		if (required)
			return BAD(name, "%s is required", name);
		*out = dflt;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return BAD(name, "%s must be a whole number from %lld to %lld", name, lo, hi);
	*out = json_integer_value(v);
	return 0;
}

static int count(const json_t *j, const char *name, int *out, struct field_result *r,
		 struct err *e)
{
	long long v;
	int rc = int_field(j, name, 0, FIELD_COUNT_MAX, 0, 0, &v, r, e);

	*out = (int)v;
	return rc;
}

/* A code from a fixed list, or "" when absent. */
static int code(const json_t *j, const char *name, const char *const *list, char *out,
		size_t cap, struct field_result *r, struct err *e)
{
	json_t *v = json_object_get(j, name);

	out[0] = 0;
	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
		return 0;
	if (!json_is_string(v) || !listed(list, json_string_value(v)))
		return BAD(name, "%s must be one of %s, %s, %s%s%s", name, list[0], list[1],
			   list[2], list[3] ? ", " : "", list[3] ? list[3] : "");
	snprintf(out, cap, "%s", json_string_value(v));
	return 0;
}

/* "HH:MM" or absent (-1). */
static int hhmm(const json_t *j, const char *name, int *out, struct field_result *r,
		struct err *e)
{
	json_t *v = json_object_get(j, name);
	struct err pe = { 0 };

	*out = -1;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || tz_parse_hhmm(json_string_value(v), out, &pe))
		return BAD(name, "%s must be a time HH:MM", name);
	return 0;
}

static int guidance(const json_t *j, int *g, struct field_result *r, struct err *e)
{
	json_t *o = json_object_get(j, "guidance"), *v;
	const char *k;
	char name[48];
	int i;

	memset(g, 0, STORE_TOPICS * sizeof *g);
	if (!o || json_is_null(o))
		return 0;
	if (!json_is_object(o))
		return BAD("guidance", "guidance must be an object of counts per topic");
	json_object_foreach(o, k, v) {
		snprintf(name, sizeof name, "guidance.%.30s", k);
		for (i = 0; i < STORE_TOPICS && strcmp(store_topic_names[i], k); i++)
			;
		if (i == STORE_TOPICS)
			return BAD(name, "unknown guidance topic '%.30s'", k);
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > FIELD_COUNT_MAX)
			return BAD(name, "%s must be a whole number from 0 to %d", name,
				   FIELD_COUNT_MAX);
		g[i] = (int)json_integer_value(v);
	}
	return 0;
}

static int position(const json_t *j, struct field_raw *x, struct field_result *r,
		    struct err *e)
{
	json_t *la = json_object_get(j, "lat"), *lo = json_object_get(j, "lon");

	if (!la && !lo)
		return 0;
	if (!json_is_number(la) || json_number_value(la) < -90 || json_number_value(la) > 90)
		return BAD("lat", "lat must be a number from -90 to 90 (with lon)");
	if (!json_is_number(lo) || json_number_value(lo) < -180 || json_number_value(lo) > 180)
		return BAD("lon", "lon must be a number from -180 to 180 (with lat)");
	x->e.has_coords = 1;
	x->e.lat = json_number_value(la);
	x->e.lon = json_number_value(lo);
	return 0;
}

static int place_key(const json_t *j, struct field_raw *x, struct field_result *r,
		     struct err *e)
{
	json_t *v = json_object_get(j, "place");

	x->place[0] = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || !*json_string_value(v) ||
	    strlen(json_string_value(v)) > STORE_KEY_MAX)
		return BAD("place", "place must be a place's key");
	snprintf(x->place, sizeof x->place, "%s", json_string_value(v));
	return 0;
}

static int counts(const json_t *j, struct store_field_entry *x, struct field_result *r,
		  struct err *e)
{
	int rc = count(j, "people", &x->people, r, e);

	if (!rc)
		rc = count(j, "new", &x->new_people, r, e);
	if (!rc)
		rc = count(j, "anonymous", &x->anonymous, r, e);
	if (!rc)
		rc = count(j, "accompanied", &x->accompanied, r, e);
	if (!rc)
		rc = count(j, "contacted", &x->contacted, r, e);
	if (!rc)
		rc = guidance(j, x->guidance, r, e);
	return rc;
}

/* Counts that cannot exceed the people met, as the CSV import's rules. */
int field__counts_check(const struct store_field_entry *x, struct field_result *r,
			struct err *e)
{
	char name[48];

	if (x->new_people > x->people)
		return BAD("new", "new (%d) cannot exceed people (%d)", x->new_people, x->people);
	if (x->anonymous > x->people)
		return BAD("anonymous", "anonymous (%d) cannot exceed people (%d)", x->anonymous,
			   x->people);
	if (x->accompanied > x->people)
		return BAD("accompanied", "accompanied (%d) cannot exceed people (%d)",
			   x->accompanied, x->people);
	if (x->contacted > x->people)
		return BAD("contacted", "contacted (%d) cannot exceed people (%d)", x->contacted,
			   x->people);
	for (int i = 0; i < STORE_TOPICS; i++)
		if (x->guidance[i] > x->people) {
			snprintf(name, sizeof name, "guidance.%s", store_topic_names[i]);
			return BAD(name, "%s (%d) cannot exceed people (%d)", name, x->guidance[i],
				   x->people);
		}
	return 0;
}

int field__parse(const json_t *j, struct field_raw *x, struct field_result *r,
		 struct err *e)
{
	long long v;
	const char *d = json_string_value(json_object_get(j, "date"));
	json_t *del = json_object_get(j, "deleted");
	struct err pe = { 0 };
	int rc;

	memset(x, 0, sizeof *x);
	if (!json_is_object(j))
		return BAD("body", "an entry must be a JSON object");
	if ((rc = known_keys(j, r, e)) || (rc = client_id(j, x->e.client_id, r, e)))
		return rc;
	if ((rc = int_field(j, "rev", 1, 1000000000, 1, 0, &v, r, e)))
		return rc;
	x->e.rev = (int)v;
	if ((rc = int_field(j, "shift", 1, INT64_MAX, 0, 1, &v, r, e)))
		return rc;
	x->e.shift_id = v;
	if (!d || tz_parse_date(d, &x->e.day, &pe))
		return BAD("date", "date must be the shift's day YYYY-MM-DD");
	if (del && !json_is_boolean(del))
		return BAD("deleted", "deleted must be true or false");
	x->e.deleted = json_is_true(del);
	if ((rc = int_field(j, "stop", 0, 1000, 0, 0, &v, r, e)))
		return rc;
	x->e.stop_seq = (int)v;
	if ((rc = place_key(j, x, r, e)) || (rc = position(j, x, r, e)) ||
	    (rc = hhmm(j, "arrive", &x->arrive_min, r, e)) ||
	    (rc = hhmm(j, "leave", &x->leave_min, r, e)) ||
	    (rc = code(j, "skipped", SKIPPED, x->e.skipped, sizeof x->e.skipped, r, e)) ||
	    (rc = code(j, "outside", OUTSIDE, x->e.outside, sizeof x->e.outside, r, e)) ||
	    (rc = counts(j, &x->e, r, e)))
		return rc;
	return 0;
}

static json_t *hhmm_or_null(int64_t t)
{
	struct tz_civil c;
	char s[6];

	if (!t)
		return json_null();
	tz_to_local(t, &c);
	snprintf(s, sizeof s, "%02d:%02d", c.hour, c.min);
	return json_string(s);
}

json_t *field_entry_json(const struct store_field_entry *x)
{
	json_t *g = json_object(), *o;
	char date[11];

	for (int i = 0; i < STORE_TOPICS; i++)
		if (x->guidance[i])
			json_object_set_new(g, store_topic_names[i], json_integer(x->guidance[i]));
	tz_format_date(x->day, date);
	o = json_pack("{s:s,s:i,s:I,s:s,s:i,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:i,s:i,s:i,s:o,s:i,s:i,"
		      "s:b}", "id", x->client_id, "rev", x->rev, "shift", (json_int_t)x->shift_id,
		      "date", date, "stop", x->stop_seq, "pair", x->pair, "place", x->place,
		      "place_name", x->place_name, "arrive", hhmm_or_null(x->arrive_t),
		      "leave", hhmm_or_null(x->leave_t), "skipped", x->skipped,
		      "outside", x->outside, "people", x->people, "new", x->new_people,
		      "anonymous", x->anonymous, "guidance", g, "accompanied", x->accompanied,
		      "contacted", x->contacted, "deleted", x->deleted);
	if (x->has_coords && !x->place_id) {
		json_object_set_new(o, "lat", json_real(x->lat));
		json_object_set_new(o, "lon", json_real(x->lon));
	}
	return o;
}

const char *field_status_name(enum field_status st)
{
	static const char *const names[] = { "stored", "updated", "unchanged", "older" };

	return names[st];
}
