/*
 * field.h - the field log: what a pair records on the phone during a
 * shift (arrive, leave, skipped with a reason, a tally of people met and
 * guidance counts per topic, unplanned stops by place or position), made
 * idempotent on the phone's own entry id and validated with the CSV
 * import's rules. Stored entries become visits and encounters at once
 * (store/field.h), so the model and the next plan learn from them.
 * Privacy: counts and fixed codes only; any field not listed below is
 * refused, so no free text about a person can be sent.
 * Ownership: JSON in is borrowed; JSON out belongs to the caller.
 * Errors: 0 or a negative ERR_* with text in struct err; on a bad value
 * the result's `field` names it and the database is unchanged.
 */
#ifndef FIELD_FIELD_H
#define FIELD_FIELD_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "store/field.h"
#include "store/plans.h"

struct err;

/* How many days back an entry is still taken (an offline phone's queue
 * may come in days later). */
#define FIELD_DAYS_BACK 14
#define FIELD_COUNT_MAX 1000

/* The link that writes: a worker's or a pair's. */
struct field_link {
	enum store_feed_kind kind;
	int64_t subject_id, feed_id;
};

enum field_status { FIELD_STORED, FIELD_UPDATED, FIELD_UNCHANGED, FIELD_OLDER };

struct field_result {
	enum field_status status;
	struct store_field_entry entry;	/* as stored now */
	char field[48];			/* on ERR_PARSE: the field at fault */
};

/*
 * Validates one entry a phone sent (JSON object: id, rev, shift, date,
 * stop, place, lat, lon, arrive, leave, skipped, outside, people, new,
 * anonymous, guidance {topic: count}, accompanied, contacted, deleted)
 * and stores it in one transaction. A resent entry (same id and rev) is
 * UNCHANGED, an older rev is OLDER: both leave the stored one as it is.
 * now: the server's clock (UTC seconds). ERR_PARSE (r->field), or
 * ERR_NOTFOUND when the shift is not the link's pair's.
 */
int field_entry_put(struct store *s, const struct field_link *l, const json_t *j,
		    int64_t now, struct field_result *r, struct err *e);

/* The entry in the phone's format ("id", "rev", ... as sent) plus "place"
 * and "place_name". */
json_t *field_entry_json(const struct store_field_entry *x);

/* The status as a word: stored, updated, unchanged, older. */
const char *field_status_name(enum field_status st);

/* May the link write to (and read) this shift? 0 with *sh filled, or
 * ERR_NOTFOUND: only the links of the shift's pair or its two workers. */
int field_link_shift(struct store *s, const struct field_link *l, int64_t shift_id,
		     struct store_shift *sh, struct err *e);

/* The link's entries of one day, as a JSON array. */
json_t *field_day_json(struct store *s, const struct field_link *l, int64_t day,
		       struct err *e);

/*
 * The lead's table for days from..from+days-1: one row per pair and week
 * (Monday) with planned vs done stops and hours, skipped stops with their
 * reasons, people met, new, anonymous, guidance per topic, accompanied
 * and contacted; and per planned stop that was logged, the forecast
 * (expected, 80 % interval) against the people met. NULL on error.
 */
json_t *field_summary(struct store *s, int64_t from_day, int days, struct err *e);

/* Every entry of the period as CSV (one row per stop logged; columns in
 * field/README.md), for the lead's download and `outreach export
 * guidance`. Deleted entries are left out. */
int field_entries_csv(struct store *s, int64_t from_day, int64_t to_day, FILE *out,
		      struct err *e);

/* Every entry (deleted ones left out) as a JSON array to out. */
int field_entries_json(struct store *s, FILE *out, struct err *e);

#endif
