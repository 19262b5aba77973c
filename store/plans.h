/*
 * plans.h - stored plans: recurring weekly shifts of pairs, their stops,
 * one-off exceptions (skip, cancel, move, replan) and feed tokens.
 * A shift recurs on `weekday` from first_day to last_day (day numbers,
 * both occurrences) in its rhythm: weekly (the zero rhythm), every N
 * weeks, monthly on k-th weekdays, or on a list of dates (util/rhythm.h
 * says which days; first/last are then the first and last date). Its sequence and modified_t move on every
 * change to it or its exceptions: they become iCal SEQUENCE/LAST-MODIFIED.
 * Ownership, threads, errors: as store.h.
 */
#ifndef STORE_PLANS_H
#define STORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/rhythm.h"

struct store_plan {
	int64_t id, created_t, from_day, published_t;
	int weeks;
	double explore, stability;
	char status[16];	/* draft, published, superseded */
	char report[2048];	/* what the planner could not do, one per line */
	char quality[1024];	/* JSON object: the bound, its share, worker-hours
				 * (plan_rounds_quality_json); "" for older plans */
};

struct store_shift {
	int64_t id, plan_id, pair_id;
	char pair[STORE_KEY_MAX + 1];
	char area[STORE_KEY_MAX + 1];		/* the pair's area, "" if none */
	char worker_a[STORE_NAME_MAX + 1];	/* workers' names */
	char worker_b[STORE_NAME_MAX + 1];
	int weekday, start_min, end_min;
	int64_t first_day, last_day;
	struct rhythm rhythm;		/* zero: weekly */
	double walk_m;
	int sequence;
	int64_t created_t, modified_t;
};

enum { STORE_WHY_MAX = 16 };

struct store_stop {
	int64_t id, shift_id, exception_id;	/* exception 0: the template */
	int seq;
	int64_t place_id, partner_id;
	char place[STORE_KEY_MAX + 1], place_name[STORE_NAME_MAX + 1];
	char address[STORE_NAME_MAX + 1];
	double lat, lon;
	int arrive_min, leave_min;	/* local minutes of the shift's day */
	double expected, lower, upper;
	char why[STORE_WHY_MAX];	/* forecast, commitment, exploration, ... */
};

struct store_exception {
	int64_t id, shift_id, day;
	char kind[8];		/* skip (holiday/absence), cancel, move, replan */
	char reason[128];
	int start_min, end_min;	/* move/replan: the new times; else -1 */
	int64_t modified_t;
};

/* Which shifts a feed shows. */
enum store_feed_kind {
	STORE_FEED_WORKER, STORE_FEED_PAIR, STORE_FEED_TEAM, STORE_FEED_PARTNER,
	STORE_FEED_PLACE,
};

struct store_feed_token {
	int64_t id;
	enum store_feed_kind kind;
	int64_t subject_id;	/* worker, pair, partner or place id; 0 for team */
	char subject[STORE_KEY_MAX + 1];
	char label[STORE_NAME_MAX + 1];
	int show_names;
	int64_t created_t, revoked_t, last_fetch_t;	/* 0: never */
	int64_t fetches;
};

const char *store_feed_kind_name(enum store_feed_kind k);
int store_feed_kind_parse(const char *s);	/* -1 if unknown */

typedef int (*store_shift_fn)(const struct store_shift *, void *ud);

/* ---- plans ------------------------------------------------------------ */
int store_plan_insert(struct store *s, struct store_plan *p, struct err *e);
int store_shift_insert(struct store *s, struct store_shift *sh, struct err *e);
int store_stop_insert(struct store *s, const struct store_stop *st, struct err *e);

/* The plan with that id, or (id 0) the newest one that is not superseded
 * (a fresh draft before it is published). ERR_NOTFOUND when there is none. */
int store_plan_get(struct store *s, int64_t id, struct store_plan *out, struct err *e);

/* Shifts of one plan (any status), in pair, weekday, start order. */
int store_plan_shift_each(struct store *s, int64_t plan_id, store_shift_fn fn, void *ud,
			  struct err *e);

/* Marks plan published at time now; published plans it overlaps become
 * superseded. */
int store_plan_publish(struct store *s, int64_t plan_id, int64_t now, struct err *e);

/* Adds or replaces the exception of shift on day and bumps the shift's
 * sequence and modified_t to now. Sets x->id. */
int store_exception_put(struct store *s, struct store_exception *x, int64_t now,
			struct err *e);

int store_shift_get(struct store *s, int64_t id, struct store_shift *out, struct err *e);

/* Moves the shift's sequence and modified_t (to now at least): what a feed
 * shows of it changed (e.g. a guest joins). */
int store_shift_touch(struct store *s, int64_t shift_id, int64_t now, struct err *e);

/* The shift's occurrences, by its rhythm (util/rhythm.h): the first day >=
 * day it runs on (RHYTHM_NONE if none is left), and whether it runs on day.
 * Feeds, pages, the field log and the planner all go through these. */
int64_t store_shift_next(const struct store_shift *sh, int64_t day);
int store_shift_runs_on(const struct store_shift *sh, int64_t day);

/* Deletes the stops an exception carries (before a new re-plan). */
int store_exception_stops_clear(struct store *s, int64_t exception_id, struct err *e);

typedef int (*store_stop_fn)(const struct store_stop *, void *ud);
typedef int (*store_exception_fn)(const struct store_exception *, void *ud);

/* Shifts of published plans that a feed of this kind and subject shows,
 * in id order. */
int store_feed_shift_each(struct store *s, enum store_feed_kind kind, int64_t subject,
			  store_shift_fn fn, void *ud, struct err *e);

/* All stops of a shift (template first, then by exception), in order. */
int store_stop_each(struct store *s, int64_t shift_id, store_stop_fn fn, void *ud,
		    struct err *e);

/* Exceptions of a shift in day order. */
int store_exception_each(struct store *s, int64_t shift_id, store_exception_fn fn,
			 void *ud, struct err *e);

/* A shift's stops (template and exceptions' own) and exceptions, loaded
 * together. Release frees the arrays (the struct is the caller's). */
struct store_shift_parts {
	struct store_stop *stops;
	int nstops;
	struct store_exception *exc;
	int nexc;
};
int store_shift_parts_load(struct store *s, int64_t shift_id, struct store_shift_parts *p,
			   struct err *e);
void store_shift_parts_release(struct store_shift_parts *p);

/* Moves on every change a feed could show (see schema.c). */
int store_content_version(struct store *s, int64_t *v, struct err *e);

/* Moves it by hand, for bulk writes without triggers (visits, encounters). */
int store_content_bump(struct store *s, struct err *e);

/* As store_feed_shift_each, only shifts with a day in [from_day, to_day). */
int store_feed_shift_each_in(struct store *s, enum store_feed_kind kind, int64_t subject,
			     int64_t from_day, int64_t to_day, store_shift_fn fn, void *ud,
			     struct err *e);

/* ---- feed tokens ------------------------------------------------------ */
/* hash is the 32-byte BLAKE2b of the secret token; the secret is never
 * stored. Sets t->id. */
int store_feed_token_insert(struct store *s, const unsigned char hash[32],
			    struct store_feed_token *t, struct err *e);

/* The token with this hash: 0, or ERR_NOTFOUND. The stored hash is
 * compared with the given one in constant time. */
int store_feed_token_find(struct store *s, const unsigned char hash[32],
			  struct store_feed_token *t, struct err *e);

int store_feed_token_get(struct store *s, int64_t id, struct store_feed_token *t,
			 struct err *e);
int store_feed_token_revoke(struct store *s, int64_t id, int64_t now, struct err *e);

/* Replaces the hash of a live token (rotation): old links stop working. */
int store_feed_token_rehash(struct store *s, int64_t id, const unsigned char hash[32],
			    struct err *e);

/* Records fetches (batched by the server). */
int store_feed_token_fetched(struct store *s, int64_t id, int64_t when, int64_t count,
			     struct err *e);

typedef int (*store_feed_token_fn)(const struct store_feed_token *, void *ud);
int store_feed_token_each(struct store *s, store_feed_token_fn fn, void *ud,
			  struct err *e);

/* ---- partner commitments: "every Tuesday 12:00-13:00 at the food
 * distribution", always covered by the planner ------------------------- */
struct store_commitment {
	int64_t id, partner_id, place_id;
	char partner[STORE_KEY_MAX + 1], place[STORE_KEY_MAX + 1];
	int weekday, start_min, end_min, pairs_needed;
	struct rhythm rhythm;		/* zero: weekly */
	int64_t from_day, until_day;	/* the span it holds; 0: open */
	int64_t pair_id;		/* the same pair every time; 0: any */
	char pair[STORE_KEY_MAX + 1];	/* its key, "" for any */
};

/* Upsert by (place, weekday, start), its dates replaced. Every N weeks
 * counts from from_day (the importer requires one). */
int store_commitment_upsert(struct store *s, const struct store_commitment *c,
			    struct err *e);
typedef int (*store_commitment_fn)(const struct store_commitment *, void *ud);
int store_commitment_each(struct store *s, store_commitment_fn fn, void *ud,
			  struct err *e);

/* ---- holidays the lead marks as worked -------------------------------- */
int store_worked_holiday_set(struct store *s, int64_t day, int worked, struct err *e);
/* 1 if worked, 0 if not; negative ERR_* on failure. */
int store_worked_holiday_get(struct store *s, int64_t day, struct err *e);

/* ---- settings --------------------------------------------------------- */
/* Value of a setting into out, or dflt if unset. */
int store_setting_get(struct store *s, const char *key, const char *dflt, char *out,
		      size_t cap, struct err *e);
int store_setting_set(struct store *s, const char *key, const char *value,
		      struct err *e);

#endif
